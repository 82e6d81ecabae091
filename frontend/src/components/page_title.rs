use leptos::prelude::*;

use super::FormError;

/// Sets the browser tab title for this page, so screen-reader users hear where they are.
#[component]
pub fn PageTitle(
    /// The page's own name; " – Ourplan" is added.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    document().set_title(&format!("{text} – Ourplan"));
}

/// Keeps the tab title at `title`, or at `error_title` while the form has problems (the GOV.UK
/// pattern: a screen reader says at once that something needs putting right).
pub fn title_follows_errors(
    title: &'static str,
    error_title: String,
    errors: RwSignal<Vec<FormError>>,
) {
    Effect::new(move |_| {
        let text = if errors.get().is_empty() {
            title
        } else {
            error_title.as_str()
        };
        document().set_title(&format!("{text} – Ourplan"));
    });
}
