use leptos::prelude::*;

use super::FormError;
use crate::i18n::{t_string, use_i18n};

/// A labelled text area with an optional hint and its error, wired with `aria-describedby`
/// as in the GOV.UK pattern.
#[component]
pub fn TextArea(
    /// The text area's id and name.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    value: RwSignal<String>,
    /// All the form's errors; this one shows the one for its id.
    #[prop(into)]
    errors: Signal<Vec<FormError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = {
        let id = id.clone();
        move || errors.get().into_iter().find(|e| e.field == id)
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id, error) = (hint_id.clone(), error_id.clone(), error.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let has_error = {
        let error = error.clone();
        move || error().is_some()
    };
    let group_has_error = has_error.clone();
    view! {
        <div class="app-form-group" class:app-form-group--error=group_has_error>
            <label class="app-label" for=id.clone()>{label}</label>
            {hint.map(|text| view! { <p class="app-hint" id=hint_id.clone()>{text}</p> })}
            {move || error().map(|e| view! {
                <p class="app-error-message" id=error_id.clone()>
                    <span class="app-visually-hidden">{t_string!(i18n, components.error_prefix)}</span>
                    {e.message}
                </p>
            })}
            <textarea class="app-textarea" id=id.clone() name=id rows="4"
                aria-describedby=described_by
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))></textarea>
        </div>
    }
}
