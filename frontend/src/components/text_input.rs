use leptos::prelude::*;

use super::FormError;
use crate::i18n::{t_string, use_i18n};

/// A labelled text input with an optional hint and its error, wired with
/// `aria-describedby` as in the GOV.UK pattern.
#[component]
pub fn TextInput(
    /// The input's id and name.
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// `text`, `email`, `password`…
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `autocomplete` token, so browsers and password managers can fill it.
    autocomplete: &'static str,
    value: RwSignal<String>,
    /// All the form's errors; this input shows the one for its id.
    #[prop(into)]
    errors: Signal<Vec<FormError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = move || errors.get().into_iter().find(|e| e.field == id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="app-form-group" class:app-form-group--error=move || error().is_some()>
            <label class="app-label" for=id>{label}</label>
            {hint.map(|text| view! { <p class="app-hint" id=hint_id.clone()>{text}</p> })}
            {move || {
                error()
                    .map(|e| {
                        view! {
                            <p class="app-error-message" id=error_id.clone()>
                                <span class="app-visually-hidden">{t_string!(i18n, components.error_prefix)}</span>
                                {e.message}
                            </p>
                        }
                    })
            }}
            <input
                class="app-input"
                class:app-input--error=move || error().is_some()
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || error().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
        </div>
    }
}
