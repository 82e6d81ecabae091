use leptos::prelude::*;

use super::FormError;
use crate::i18n::{t_string, use_i18n};

/// One option of a radio or checkbox group: its value key, label and optional hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub key: &'static str,
    pub label: &'static str,
    pub hint: Option<&'static str>,
}

/// The error for a group, shown under its legend (GOV.UK pattern).
fn group_error(id: &'static str, errors: Signal<Vec<FormError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        errors.get().into_iter().find(|e| e.field == id).map(|e| {
            view! {
                <p class="app-error-message" id=format!("{id}-error")>
                    <span class="app-visually-hidden">
                        {t_string!(i18n, components.error_prefix)}
                    </span>
                    {e.message}
                </p>
            }
        })
    }
}

/// A fieldset of checkboxes; the first box carries the group's id, so the error summary can
/// move focus to it.
#[component]
pub fn Checkboxes(
    id: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    choices: Vec<Choice>,
    selected: RwSignal<Vec<&'static str>>,
    #[prop(into)] errors: Signal<Vec<FormError>>,
) -> impl IntoView {
    let has_error = move || errors.get().iter().any(|e| e.field == id);
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let input_id = if index == 0 {
                id.to_owned()
            } else {
                format!("{id}-{}", choice.key)
            };
            let key = choice.key;
            view! {
                <div class="app-checkboxes__item">
                    <input
                        class="app-checkboxes__input"
                        type="checkbox"
                        id=input_id.clone()
                        name=id
                        value=key
                        prop:checked=move || selected.get().contains(&key)
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            selected
                                .update(|keys| {
                                    keys.retain(|k| *k != key);
                                    if on {
                                        keys.push(key);
                                    }
                                });
                        }
                    />
                    <label class="app-checkboxes__label" for=input_id>
                        {choice.label}
                    </label>
                    {choice.hint.map(|h| view! { <p class="app-checkboxes__hint">{h}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="app-form-group" class:app-form-group--error=has_error>
            <fieldset class="app-fieldset" aria-describedby=hint.map(|_| format!("{id}-hint"))>
                <legend class="app-fieldset__legend">{legend}</legend>
                {hint.map(|h| view! { <p class="app-hint" id=format!("{id}-hint")>{h}</p> })}
                {group_error(id, errors)}
                <div class="app-checkboxes">{items}</div>
            </fieldset>
        </div>
    }
}

/// A fieldset of radios; the first radio carries the group's id.
#[component]
pub fn Radios(
    id: &'static str,
    legend: &'static str,
    choices: Vec<Choice>,
    selected: RwSignal<&'static str>,
    #[prop(into)] errors: Signal<Vec<FormError>>,
) -> impl IntoView {
    let has_error = move || errors.get().iter().any(|e| e.field == id);
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let input_id = if index == 0 {
                id.to_owned()
            } else {
                format!("{id}-{}", choice.key)
            };
            let key = choice.key;
            view! {
                <div class="app-radios__item">
                    <input
                        class="app-radios__input"
                        type="radio"
                        id=input_id.clone()
                        name=id
                        value=key
                        prop:checked=move || selected.get() == key
                        on:change=move |_| selected.set(key)
                    />
                    <label class="app-radios__label" for=input_id>
                        {choice.label}
                    </label>
                    {choice.hint.map(|h| view! { <p class="app-radios__hint">{h}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="app-form-group" class:app-form-group--error=has_error>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{legend}</legend>
                {group_error(id, errors)}
                <div class="app-radios">{items}</div>
            </fieldset>
        </div>
    }
}
