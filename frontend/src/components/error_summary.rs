use leptos::html;
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// One problem with one field: the field's id and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    pub field: String,
    pub message: String,
}

/// A problem the shared rules found, shown against its field.
impl From<ourplan_shared::validation::FieldError> for FormError {
    fn from(problem: ourplan_shared::validation::FieldError) -> Self {
        Self {
            field: problem.field,
            message: problem.message,
        }
    }
}

/// The GOV.UK error summary: takes focus when problems appear, so a screen reader announces
/// them, and links each one to its field.
#[component]
pub fn ErrorSummary(
    /// The problems to list; nothing is shown when empty.
    #[prop(into)]
    errors: Signal<Vec<FormError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if !errors.get().is_empty()
            && let Some(node) = summary.get()
        {
            let _ = node.focus();
        }
    });
    view! {
        <Show when=move || !errors.get().is_empty()>
            <div
                class="app-error-summary"
                node_ref=summary
                role="alert"
                tabindex="-1"
                aria-labelledby="error-summary-title"
            >
                <h2 class="app-error-summary__title" id="error-summary-title">
                    {t!(i18n, components.error_summary_title)}
                </h2>
                <ul class="app-error-summary__list">
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|error| {
                                let field = error.field.clone();
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{}", error.field)
                                            on:click=move |event| {
                                                event.prevent_default();
                                                focus_field(&field);
                                            }
                                        >
                                            {error.message}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

fn focus_field(id: &str) {
    if let Some(element) = document().get_element_by_id(id)
        && let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element)
    {
        let _ = element.focus();
    }
}
