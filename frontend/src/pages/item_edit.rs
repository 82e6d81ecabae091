//! `/people/:id/:collection/:item_id` (`new` to add one) and `/people/:id/about-me`: add or
//! change one part of the plan. The shared rules check it as you type, in the words the server
//! uses. Saving names the version you opened; if someone else saved first, both changes are
//! combined field by field and you choose where you both changed the same field. Changes not
//! yet saved are kept in this browser tab: leaving asks first, and coming back offers them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::merge::{Combined, combine};
use ourplan_shared::plain_language;
use ourplan_shared::plan::{FindingKind, PlanDocument};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::api;
use crate::components::{Conflict, ErrorSummary, FormError, PageTitle, PlanChoices, RecordField};
use crate::dates::today;
use crate::item_kind::{Input, ItemKind, Record};
use crate::pages::NotFoundPage;

/// `/people/:id/:collection/:item_id`.
#[component]
pub fn ItemEditPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let read = params.read();
        let person = read.get("person_id").unwrap_or_default();
        let item = read.get("item_id").unwrap_or_default();
        match read
            .get("collection")
            .as_deref()
            .and_then(ItemKind::from_collection)
        {
            Some(kind) => view! {
                <RecordEditor kind=kind person=person item=(item != "new").then_some(item)/>
            }
            .into_any(),
            None => view! { <NotFoundPage/> }.into_any(),
        }
    }
}

/// `/people/:id/about-me`: the one-page profile.
#[component]
pub fn ProfileEditPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let person = params.read().get("person_id").unwrap_or_default();
        view! { <RecordEditor kind=ItemKind::Profile person=person item=Some(String::new())/> }
    }
}

/// What the plan offers to choose from in a form.
fn plan_choices(plan: &PlanDocument) -> PlanChoices {
    let heading_label = |id| {
        plan.headings
            .iter()
            .find(|h| h.id == id)
            .map_or("", |h| h.label.as_str())
    };
    PlanChoices {
        headings: plan
            .headings
            .iter()
            .filter(|h| !h.archived)
            .map(|h| (h.id.to_string(), h.label.clone()))
            .collect(),
        goals: plan
            .goals
            .iter()
            .map(|g| (g.id.to_string(), g.text.clone()))
            .collect(),
        needs: plan
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Need)
            .map(|f| {
                (
                    f.id.to_string(),
                    format!("{}: {}", heading_label(f.heading_id), f.text),
                )
            })
            .collect(),
    }
}

/// Changes not yet saved, kept in the tab's session storage under the record's path.
#[derive(Clone, Serialize, Deserialize)]
struct Unsaved {
    opened: Record,
    mine: Record,
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn unsaved_key(path: &str) -> String {
    format!("ourplan.unsaved.{path}")
}

/// The input a server error names: `addresses[0]` is about the `addresses` group.
fn input_id(field: Option<String>) -> String {
    let field = field.unwrap_or_default();
    match field.find(['[', '.']) {
        Some(end) => field[..end].to_owned(),
        None => field,
    }
}

const NIL: &str = "00000000-0000-0000-0000-000000000000";

#[component]
fn RecordEditor(kind: ItemKind, person: String, item: Option<String>) -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let base = format!("/api/v1/persons/{person}");
    let record_path = match (&item, kind) {
        (_, ItemKind::Profile) => format!("{base}/profile"),
        (Some(id), _) => format!("{base}/{}/{id}", kind.collection()),
        (None, _) => format!("{base}/{}", kind.collection()),
    };
    let creating = item.is_none();
    let plan_page = format!("/people/{person}/edit");
    let storage_key = unsaved_key(&format!(
        "{record_path}{}",
        if creating { "/new" } else { "" }
    ));
    let plan = LocalResource::new({
        let path = format!("{base}/plan");
        move || {
            let path = path.clone();
            async move { api::get::<PlanDocument>(&path).await }
        }
    });
    let choices = Memo::new(move |_| {
        plan.get()
            .and_then(Result::ok)
            .map(|p| plan_choices(&p))
            .unwrap_or_default()
    });
    let opened = RwSignal::new(None::<Record>);
    let form = RwSignal::new(None::<Record>);
    let errors = RwSignal::new(Vec::<FormError>::new());
    let status = RwSignal::new(String::new());
    let conflict = RwSignal::new(None::<Combined>);
    let load_error = RwSignal::new(None::<String>);
    let restorable = RwSignal::new(None::<Unsaved>);
    let saving = RwSignal::new(false);
    // One key per add, so a retried save never makes a second item.
    let key = api::idempotency_key();

    // Load the record (or start a new one), and any changes left unsaved here before.
    {
        let record_path = record_path.clone();
        let storage_key = storage_key.clone();
        let presets: Vec<(&str, String)> = [("heading", "heading_id"), ("goal", "goal_id")]
            .into_iter()
            .filter_map(|(param, field)| query.read_untracked().get(param).map(|v| (field, v)))
            .collect();
        spawn_local(async move {
            let loaded = if creating {
                Ok(kind.template(&today().to_string(), &presets))
            } else {
                api::get::<Record>(&record_path).await
            };
            match loaded {
                Ok(record) => {
                    opened.set(Some(record.clone()));
                    form.set(Some(record));
                }
                Err(e) => load_error.set(Some(e.message)),
            }
            let saved = session_storage()
                .and_then(|s| s.get_item(&storage_key).ok().flatten())
                .and_then(|text| serde_json::from_str::<Unsaved>(&text).ok());
            restorable.set(saved);
        });
    }
    // A new finding or strategy starts under the first heading or goal unless one was chosen.
    Effect::new(move |_| {
        let choices = choices.get();
        for (field, options) in [
            ("heading_id", &choices.headings),
            ("goal_id", &choices.goals),
        ] {
            let unset = form
                .with_untracked(|f| f.as_ref().and_then(|r| r.get(field).cloned()))
                .is_some_and(|v| v == Value::String(NIL.to_owned()));
            if let (true, Some((first, _))) = (unset, options.first()) {
                for record in [form, opened] {
                    record.update(|r| {
                        if let Some(r) = r {
                            r.insert(field.to_owned(), Value::String(first.clone()));
                        }
                    });
                }
            }
        }
    });

    let unsaved = move || form.with_untracked(|f| opened.with_untracked(|o| f.is_some() && f != o));
    // Leaving: closing or reloading the tab asks the browser's own question; a link in the app
    // asks ours; either way the changes stay in this tab to restore.
    let guard = window_event_listener(leptos::ev::beforeunload, move |event| {
        if unsaved() {
            event.prevent_default();
        }
    });
    let link_guard =
        Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            let link = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten());
            let Some(link) = link else { return };
            if link
                .get_attribute("href")
                .is_some_and(|h| h.starts_with('#'))
                || !unsaved()
            {
                return;
            }
            let leave = window()
                .confirm_with_message(
                    "You have changes you have not saved. Leave this page? \
                 Your changes are kept in this browser tab until you come back.",
                )
                .unwrap_or(true);
            if !leave {
                event.prevent_default();
                event.stop_propagation();
            }
        })
        .into_js_value();
    let _ = document().add_event_listener_with_callback("click", link_guard.unchecked_ref());
    let link_guard = StoredValue::new_local(link_guard);
    on_cleanup({
        let storage_key = storage_key.clone();
        move || {
            guard.remove();
            if let Some(listener) = link_guard.try_get_value() {
                let _ = document()
                    .remove_event_listener_with_callback("click", listener.unchecked_ref());
            }
            let Some(storage) = session_storage() else {
                return;
            };
            match (opened.get_untracked(), form.get_untracked()) {
                (Some(opened), Some(mine)) if opened != mine => {
                    if let Ok(text) = serde_json::to_string(&Unsaved { opened, mine }) {
                        let _ = storage.set_item(&storage_key, &text);
                    }
                }
                _ => {
                    let _ = storage.remove_item(&storage_key);
                }
            }
        }
    });

    let checks =
        Memo::new(move |_| form.with(|f| f.as_ref().map(|r| kind.problems(r)).unwrap_or_default()));
    // Plain-language help on everything staff write here (not the person's own words).
    let plain = Memo::new(move |_| {
        form.with(|f| {
            let text: Vec<String> = f
                .iter()
                .flat_map(|record| {
                    kind.fields()
                        .iter()
                        .filter(|field| {
                            field.name != "own_words"
                                && matches!(
                                    field.input,
                                    Input::Line | Input::Lines | Input::OptionalLines
                                )
                        })
                        .filter_map(|field| record.get(field.name).and_then(Value::as_str))
                        .map(str::to_owned)
                })
                .collect();
            plain_language::check(&text.join("\n"))
        })
    });

    let forget_unsaved = {
        let storage_key = storage_key.clone();
        move || {
            if let Some(storage) = session_storage() {
                let _ = storage.remove_item(&storage_key);
            }
            restorable.set(None);
        }
    };
    let save = {
        let record_path = record_path.clone();
        let navigate = navigate.clone();
        let plan_page = plan_page.clone();
        let forget_unsaved = forget_unsaved.clone();
        move |record: Record, version: i64| {
            let record_path = record_path.clone();
            let navigate = navigate.clone();
            let plan_page = plan_page.clone();
            let key = key.clone();
            let forget_unsaved = forget_unsaved.clone();
            saving.set(true);
            spawn_local(async move {
                if creating {
                    match api::post_once::<_, Record>(&record_path, &key, &record).await {
                        Ok(saved) => {
                            // Saved: nothing is unsaved any more, so leaving does not ask.
                            opened.set(Some(saved.clone()));
                            form.set(Some(saved));
                            forget_unsaved();
                            navigate(
                                &format!("{plan_page}?saved={}", kind.collection()),
                                Default::default(),
                            );
                        }
                        Err(e) => errors.set(vec![FormError {
                            field: input_id(e.field),
                            message: e.message,
                        }]),
                    }
                    saving.set(false);
                    return;
                }
                match api::put_if_match::<_, Record>(&record_path, version, &record).await {
                    Ok(saved) => {
                        errors.set(Vec::new());
                        conflict.set(None);
                        opened.set(Some(saved.clone()));
                        form.set(Some(saved));
                        forget_unsaved();
                        status.set("Saved.".to_owned());
                    }
                    Err(refused) if refused.error.code == ErrorCode::PreconditionFailed => {
                        let theirs = refused.current.and_then(|c| match c {
                            Value::Object(map) => Some(map),
                            _ => None,
                        });
                        if let (Some(theirs), Some(base)) = (theirs, opened.get_untracked()) {
                            conflict.set(Some(combine(
                                &base,
                                &record,
                                &theirs,
                                &kind.field_names(),
                            )));
                            status.set(String::new());
                        }
                    }
                    Err(refused) => errors.set(vec![FormError {
                        field: input_id(refused.error.field),
                        message: refused.error.message,
                    }]),
                }
                saving.set(false);
            });
        }
    };
    let submit = {
        let save = save.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let (Some(record), Some(base)) = (form.get_untracked(), opened.get_untracked()) else {
                return;
            };
            status.set(String::new());
            let problems = checks.get_untracked();
            if !problems.is_empty() {
                errors.set(
                    problems
                        .into_iter()
                        .map(|p| FormError {
                            field: p.field,
                            message: p.message,
                        })
                        .collect(),
                );
                return;
            }
            let version = base.get("row_version").and_then(Value::as_i64).unwrap_or(0);
            save(record, version);
        }
    };
    let remove = {
        let record_path = record_path.clone();
        let navigate = navigate.clone();
        let plan_page = plan_page.clone();
        move |_| {
            let Some(base) = opened.get_untracked() else {
                return;
            };
            let confirmed = window()
                .confirm_with_message(&format!(
                    "Remove this {}? This cannot be undone.",
                    kind.noun()
                ))
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            let version = base.get("row_version").and_then(Value::as_i64).unwrap_or(0);
            let record_path = record_path.clone();
            let navigate = navigate.clone();
            let plan_page = plan_page.clone();
            spawn_local(async move {
                match api::delete_if_match(&record_path, version).await {
                    Ok(()) => {
                        form.set(opened.get_untracked());
                        navigate(
                            &format!("{plan_page}?removed={}", kind.collection()),
                            Default::default(),
                        );
                    }
                    Err(e) => status.set(e.message),
                }
            });
        }
    };
    let on_save = {
        let save = save.clone();
        move |record: Record| {
            let version = conflict
                .get_untracked()
                .and_then(|c| c.record.get("row_version").and_then(Value::as_i64))
                .unwrap_or(0);
            save(record, version);
        }
    };
    let on_save = StoredValue::new(on_save);
    let on_discard = move || {
        if let Some(c) = conflict.get_untracked() {
            let theirs = c.record.clone();
            // Their record is what was combined into, with their version.
            let mut theirs_only = theirs.clone();
            for clash in &c.clashes {
                theirs_only.insert(clash.field.clone(), clash.theirs.clone());
            }
            conflict.set(None);
            opened.set(Some(theirs_only.clone()));
            form.set(Some(theirs_only));
            status.set("Showing their version. Your changes were not saved.".to_owned());
        }
    };
    let restore = {
        let forget_unsaved = forget_unsaved.clone();
        move |_| {
            if let Some(Unsaved { opened: was, mine }) = restorable.get_untracked() {
                // Saved against the version first opened: if it moved on, the save combines.
                opened.set(Some(was));
                form.set(Some(mine));
                forget_unsaved();
                status.set("Your unsaved changes are back. Save them when ready.".to_owned());
            }
        }
    };

    let title = match (kind, creating) {
        (ItemKind::Profile, _) => "Change the one-page profile".to_owned(),
        (_, true) => format!("Add a {}", kind.noun()),
        (_, false) => format!("Change a {}", kind.noun()),
    };
    let checks_title = if kind == ItemKind::Goal {
        "SMART checks"
    } else {
        "Checks"
    };
    let person_name = move || {
        plan.get()
            .and_then(Result::ok)
            .map(|p| format!("{}'s plan", p.person.name()))
    };
    let save_label = match kind {
        ItemKind::Profile => "Save the profile".to_owned(),
        _ => format!("Save the {}", kind.noun()),
    };
    view! {
        <PageTitle text=title.clone()/>
        <ErrorSummary errors=errors/>
        <p class="app-caption">{person_name}</p>
        <h1 class="app-heading-xl">{title}</h1>
        {move || load_error.get().map(|e| view! { <p class="app-body">{e}</p> })}
        <p class="app-body app-status" role="status" aria-live="polite" id="save-status">{move || status.get()}</p>
        <Show when=move || restorable.get().is_some() && conflict.get().is_none()>
            <div class="app-notice" id="unsaved-notice">
                <p class="app-body">"You changed this before and did not save. Do you want those changes back?"</p>
                <div class="app-button-group">
                    <button class="app-button" type="button" id="restore-unsaved" on:click=restore.clone()>
                        "Bring my changes back"
                    </button>
                    <button class="app-button app-button--secondary" type="button" on:click={
                        let forget_unsaved = forget_unsaved.clone();
                        move |_| forget_unsaved()
                    }>"Forget them"</button>
                </div>
            </div>
        </Show>
        {move || conflict.get().map(|c| view! {
            <Conflict kind=kind combined=c on_save=move |r| on_save.with_value(|f| f(r)) on_discard=on_discard/>
        })}
        <Show when=move || form.with(Option::is_some) && conflict.with(Option::is_none)>
            <form class="app-form app-record-form" novalidate on:submit=submit.clone()>
                {move || {
                    let choices = choices.get();
                    kind.fields().iter().map(|field| view! {
                        <RecordField field=field record=form errors=errors choices=choices.clone()/>
                    }).collect_view()
                }}
                <div class="app-checks" id="checks" aria-live="polite">
                    <h2 class="app-heading-s">{checks_title}</h2>
                    {move || {
                        let problems = checks.get();
                        if problems.is_empty() {
                            view! { <p class="app-body">"Everything needed is filled in."</p> }.into_any()
                        } else {
                            view! { <ul class="app-list--bullet">{problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}</ul> }.into_any()
                        }
                    }}
                </div>
                <div class="app-checks" id="plain-language" aria-live="polite">
                    <h2 class="app-heading-s">"Plain language"</h2>
                    {move || {
                        let report = plain.get();
                        let ease = match (report.reading_ease, report.ease_words()) {
                            (Some(score), Some(words)) => format!("Reading ease {score:.0} out of 100: {words}."),
                            _ => "Nothing written yet.".to_owned(),
                        };
                        view! {
                            <p class="app-body">{ease}</p>
                            <ul class="app-list--bullet">
                                {report.long_sentences.into_iter().map(|s| view! {
                                    <li>{format!("Make this sentence shorter (15 words or fewer): “{s}”")}</li>
                                }).collect_view()}
                                {report.hard_words.into_iter().map(|h| view! {
                                    <li>{format!("Write “{}” instead of “{}”.", h.instead, h.word)}</li>
                                }).collect_view()}
                            </ul>
                        }
                    }}
                </div>
                <div class="app-button-group">
                    <button class="app-button" type="submit" id="save-item" disabled=move || saving.get()>
                        {save_label.clone()}
                    </button>
                    {(!creating && kind.removable()).then(|| view! {
                        <button class="app-button app-button--warning" type="button" id="remove-item" on:click=remove.clone()>
                            {format!("Remove this {}", kind.noun())}
                        </button>
                    })}
                    <a class="app-link" href=plan_page.clone()>"Back to the plan"</a>
                </div>
            </form>
        </Show>
    }
}
