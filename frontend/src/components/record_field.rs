//! One field of a plan record's form, whatever its kind: a text box, a date, radios, a
//! checkbox or a choice from the plan itself. Follows the GOV.UK pattern: a visible label,
//! the hint and the error wired with `aria-describedby`; the field's JSON name is the id of
//! its (first) input, so the error summary can link to it.

use leptos::prelude::*;
use serde_json::{Value, json};

use super::FormError;
use crate::i18n::{t_string, use_i18n};
use crate::item_kind::{Field, Input, Record, from_text, shown};
use ourplan_shared::pictures;

/// What the plan offers to choose from: (id, label) pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanChoices {
    pub headings: Vec<(String, String)>,
    pub goals: Vec<(String, String)>,
    pub needs: Vec<(String, String)>,
}

fn value_of(record: RwSignal<Option<Record>>, name: &str) -> Value {
    record
        .get()
        .and_then(|r| r.get(name).cloned())
        .unwrap_or(Value::Null)
}

fn set_value(record: RwSignal<Option<Record>>, name: &str, value: Value) {
    record.update(|r| {
        if let Some(r) = r {
            r.insert(name.to_owned(), value);
        }
    });
}

#[component]
pub fn RecordField(
    field: &'static Field,
    record: RwSignal<Option<Record>>,
    #[prop(into)] errors: Signal<Vec<FormError>>,
    choices: PlanChoices,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = field.name;
    let error = move || errors.get().into_iter().find(|e| e.field == name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let has_hint = !field.hint().is_empty();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
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
    let hint = has_hint.then(|| {
        view! {
            <p class="app-hint" id=hint_id.clone()>
                {field.hint()}
            </p>
        }
    });
    let error_line = move || {
        error().map(|e| {
            view! {
                <p class="app-error-message" id=error_id.clone()>
                    <span class="app-visually-hidden">
                        {t_string!(i18n, components.error_prefix)}
                    </span>
                    {e.message}
                </p>
            }
        })
    };
    let invalid = move || error().is_some().then_some("true");
    let text = move || shown(field.input, &value_of(record, name));
    let on_text = move |event: leptos::ev::Event| {
        set_value(
            record,
            name,
            from_text(field.input, &event_target_value(&event)),
        );
    };

    let control = match field.input {
        Input::Line | Input::Date | Input::OptionalDate | Input::Pounds => {
            let (input_type, mode, class) = match field.input {
                Input::Date | Input::OptionalDate => ("date", None, "app-input app-input--date"),
                Input::Pounds => ("text", Some("decimal"), "app-input app-input--money"),
                _ => ("text", None, "app-input"),
            };
            view! {
                <label class="app-label" for=name>
                    {field.label()}
                </label>
                {hint}
                {error_line}
                <input
                    class=class
                    id=name
                    name=name
                    type=input_type
                    inputmode=mode
                    autocomplete="off"
                    aria-describedby=described_by
                    aria-invalid=invalid
                    prop:value=text
                    on:input=on_text
                />
            }
            .into_any()
        }
        Input::Lines | Input::OptionalLines => view! {
            <label class="app-label" for=name>
                {field.label()}
            </label>
            {hint}
            {error_line}
            <textarea
                class="app-textarea"
                id=name
                name=name
                rows="3"
                aria-describedby=described_by
                aria-invalid=invalid
                prop:value=text
                on:input=on_text
            ></textarea>
        }
        .into_any(),
        Input::Flag => view! {
            {error_line}
            <div class="app-checkboxes__item">
                <input
                    class="app-checkboxes__input"
                    type="checkbox"
                    id=name
                    name=name
                    aria-describedby=described_by
                    prop:checked=move || value_of(record, name) == Value::Bool(true)
                    on:change=move |event| set_value(
                        record,
                        name,
                        json!(event_target_checked(&event)),
                    )
                />
                <label class="app-checkboxes__label" for=name>
                    {field.label()}
                </label>
            </div>
            {hint}
        }
        .into_any(),
        Input::Heading | Input::Goal => {
            let options = if matches!(field.input, Input::Heading) {
                choices.headings
            } else {
                choices.goals
            };
            view! {
                <label class="app-label" for=name>
                    {field.label()}
                </label>
                {hint}
                {error_line}
                <select
                    class="app-select"
                    id=name
                    name=name
                    aria-describedby=described_by
                    aria-invalid=invalid
                    on:change=move |event| set_value(
                        record,
                        name,
                        json!(event_target_value(&event)),
                    )
                >
                    {options
                        .into_iter()
                        .map(|(id, label)| {
                            let selected = {
                                let id = id.clone();
                                move || value_of(record, name) == json!(id)
                            };
                            view! {
                                <option value=id.clone() selected=selected>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        Input::Choice(options) => {
            let radios = options()
                .into_iter()
                .enumerate()
                .map(|(index, (key, label))| {
                    let id = if index == 0 {
                        name.to_owned()
                    } else {
                        format!("{name}-{key}")
                    };
                    view! {
                        <div class="app-radios__item">
                            <input
                                class="app-radios__input"
                                type="radio"
                                id=id.clone()
                                name=name
                                value=key
                                prop:checked=move || value_of(record, name) == json!(key)
                                on:change=move |_| set_value(record, name, json!(key))
                            />
                            <label class="app-radios__label" for=id>
                                {label}
                            </label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="app-fieldset" aria-describedby=described_by>
                    <legend class="app-fieldset__legend">{field.label()}</legend>
                    {hint}
                    {error_line}
                    <div class="app-radios app-radios--inline">{radios}</div>
                </fieldset>
            }
            .into_any()
        }
        Input::Picture => {
            let query = RwSignal::new(String::new());
            let chosen = move || {
                value_of(record, name)
                    .as_str()
                    .and_then(pictures::find)
                    .map(|c| (c.key, pictures::name(c, crate::language::regional_tag())))
            };
            let results = format!("{name}-choices");
            view! {
                <label class="app-label" for=name>
                    {t_string!(i18n, items.picture.find)}
                </label>
                {hint}
                {error_line}
                <p class="app-body app-point" id=format!("{name}-chosen")>
                    {move || match chosen() {
                        Some((key, label)) => {
                            view! {
                                <img
                                    class="app-point__picture"
                                    src=format!("/assets/pictures/{key}.svg")
                                    alt=""
                                    width="48"
                                    height="48"
                                />
                                <span class="app-point__text">
                                    {format!("{}: {label}", field.label())}
                                </span>
                            }
                                .into_any()
                        }
                        None => {
                            view! { <span>{t_string!(i18n, items.picture.none)}</span> }.into_any()
                        }
                    }}
                </p>
                <input
                    class="app-input"
                    type="search"
                    id=name
                    autocomplete="off"
                    aria-describedby=described_by
                    aria-controls=results.clone()
                    prop:value=move || query.get()
                    on:input=move |event| query.set(event_target_value(&event))
                />
                <ul class="app-picture-choices" id=results aria-live="polite">
                    {move || {
                        pictures::search(&query.get())
                            .into_iter()
                            .take(12)
                            .map(|concept| {
                                let key = concept.key;
                                let label = pictures::name(
                                    concept,
                                    crate::language::regional_tag(),
                                );
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="app-picture-choice"
                                            data-picture=key
                                            aria-pressed=move || {
                                                (chosen().map(|c| c.0) == Some(key)).to_string()
                                            }
                                            on:click=move |_| set_value(record, name, json!(key))
                                        >
                                            <img
                                                src=format!("/assets/pictures/{key}.svg")
                                                alt=""
                                                width="48"
                                                height="48"
                                            />
                                            <span>{label}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <Show when=move || chosen().is_some()>
                    <button
                        type="button"
                        class="app-button app-button--secondary"
                        id=format!("{name}-suggested")
                        on:click=move |_| set_value(record, name, Value::Null)
                    >
                        {t_string!(i18n, items.picture.suggested)}
                    </button>
                </Show>
            }
            .into_any()
        }
        Input::Needs => {
            let boxes = if choices.needs.is_empty() {
                view! { <p class="app-body">{t_string!(i18n, components.record_field.no_needs)}</p> }
                    .into_any()
            } else {
                choices
                    .needs
                    .into_iter()
                    .enumerate()
                    .map(|(index, (need, label))| {
                        let id = if index == 0 {
                            name.to_owned()
                        } else {
                            format!("{name}-{need}")
                        };
                        let chosen = {
                            let need = need.clone();
                            move || {
                                value_of(record, name)
                                    .as_array()
                                    .is_some_and(|a| a.contains(&json!(need)))
                            }
                        };
                        view! {
                            <div class="app-checkboxes__item">
                                <input
                                    class="app-checkboxes__input"
                                    type="checkbox"
                                    id=id.clone()
                                    name=name
                                    value=need.clone()
                                    prop:checked=chosen
                                    on:change=move |event| {
                                        let on = event_target_checked(&event);
                                        let mut list: Vec<Value> = value_of(record, name)
                                            .as_array()
                                            .cloned()
                                            .unwrap_or_default();
                                        list.retain(|v| v != &json!(need));
                                        if on {
                                            list.push(json!(need));
                                        }
                                        set_value(record, name, Value::Array(list));
                                    }
                                />
                                <label class="app-checkboxes__label" for=id>
                                    {label}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <fieldset class="app-fieldset" aria-describedby=described_by>
                    <legend class="app-fieldset__legend">{field.label()}</legend>
                    {hint}
                    {error_line}
                    <div class="app-checkboxes">{boxes}</div>
                </fieldset>
            }
            .into_any()
        }
    };
    view! {
        <div class="app-form-group" class:app-form-group--error=move || error().is_some()>
            {control}
        </div>
    }
}
