use leptos::prelude::*;

/// Sets the browser tab title for this page, so screen-reader users hear where they are.
#[component]
pub fn PageTitle(
    /// The page's own name; " – Ourplan" is added.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    document().set_title(&format!("{text} – Ourplan"));
}
