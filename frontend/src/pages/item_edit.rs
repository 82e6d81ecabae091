//! `/people/:id/:collection/:item_id` (`new` to add one) and `/people/:id/about-me`: add or
//! change one part of the plan. The shared rules check it as you type, in the words the server
//! uses. Saving names the version you opened; if someone else saved first, both changes are
//! combined field by field and you choose where you both changed the same field. Changes not
//! yet saved are kept in this browser tab: leaving asks first, and coming back offers them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::PersonId;
use ourplan_shared::merge::{Combined, combine};
use ourplan_shared::plain_language;
use ourplan_shared::plan::{FindingKind, PlanDocument};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::api::{self, endpoint};
use crate::components::{Conflict, ErrorSummary, FormError, PageTitle, PlanChoices, RecordField};
use crate::dates::today;
use crate::i18n::{t, t_string, tu_string, use_i18n};
use crate::item_kind::{Input, ItemKind, Record};
use crate::pages::NotFoundPage;

/// The checker's verdict on how easy a text is, in the reader's language.
fn ease_text(words: &'static str) -> &'static str {
    let i18n = use_i18n();
    match words {
        "easy to read" => t_string!(i18n, item_edit.ease.easy),
        "fairly easy to read" => t_string!(i18n, item_edit.ease.fairly_easy),
        "fairly hard to read" => t_string!(i18n, item_edit.ease.fairly_hard),
        "hard to read" => t_string!(i18n, item_edit.ease.hard),
        other => other,
    }
}

fn add_text(kind: ItemKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        ItemKind::Profile => t_string!(i18n, item_edit.add.profile),
        ItemKind::Finding => t_string!(i18n, item_edit.add.finding),
        ItemKind::Goal => t_string!(i18n, item_edit.add.goal),
        ItemKind::Strategy => t_string!(i18n, item_edit.add.strategy),
        ItemKind::Risk => t_string!(i18n, item_edit.add.risk),
        ItemKind::Wish => t_string!(i18n, item_edit.add.wish),
        ItemKind::Decision => t_string!(i18n, item_edit.add.decision),
    }
}

fn change_text(kind: ItemKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        ItemKind::Profile => t_string!(i18n, item_edit.change.profile),
        ItemKind::Finding => t_string!(i18n, item_edit.change.finding),
        ItemKind::Goal => t_string!(i18n, item_edit.change.goal),
        ItemKind::Strategy => t_string!(i18n, item_edit.change.strategy),
        ItemKind::Risk => t_string!(i18n, item_edit.change.risk),
        ItemKind::Wish => t_string!(i18n, item_edit.change.wish),
        ItemKind::Decision => t_string!(i18n, item_edit.change.decision),
    }
}

fn save_text(kind: ItemKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        ItemKind::Profile => t_string!(i18n, item_edit.save.profile),
        ItemKind::Finding => t_string!(i18n, item_edit.save.finding),
        ItemKind::Goal => t_string!(i18n, item_edit.save.goal),
        ItemKind::Strategy => t_string!(i18n, item_edit.save.strategy),
        ItemKind::Risk => t_string!(i18n, item_edit.save.risk),
        ItemKind::Wish => t_string!(i18n, item_edit.save.wish),
        ItemKind::Decision => t_string!(i18n, item_edit.save.decision),
    }
}

fn remove_text(kind: ItemKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        ItemKind::Profile => t_string!(i18n, item_edit.remove.profile),
        ItemKind::Finding => t_string!(i18n, item_edit.remove.finding),
        ItemKind::Goal => t_string!(i18n, item_edit.remove.goal),
        ItemKind::Strategy => t_string!(i18n, item_edit.remove.strategy),
        ItemKind::Risk => t_string!(i18n, item_edit.remove.risk),
        ItemKind::Wish => t_string!(i18n, item_edit.remove.wish),
        ItemKind::Decision => t_string!(i18n, item_edit.remove.decision),
    }
}

fn confirm_remove_text(kind: ItemKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        ItemKind::Profile => t_string!(i18n, item_edit.confirm_remove.profile),
        ItemKind::Finding => t_string!(i18n, item_edit.confirm_remove.finding),
        ItemKind::Goal => t_string!(i18n, item_edit.confirm_remove.goal),
        ItemKind::Strategy => t_string!(i18n, item_edit.confirm_remove.strategy),
        ItemKind::Risk => t_string!(i18n, item_edit.confirm_remove.risk),
        ItemKind::Wish => t_string!(i18n, item_edit.confirm_remove.wish),
        ItemKind::Decision => t_string!(i18n, item_edit.confirm_remove.decision),
    }
}

/// `/people/:id/:collection/:item_id`.
#[component]
pub fn ItemEditPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let read = params.read();
        let person = PersonId::parse(&read.get("person_id").unwrap_or_default());
        let item = read.get("item_id").unwrap_or_default();
        match (person, read.get("collection").as_deref().and_then(ItemKind::from_collection)) {
            (Some(person), Some(kind)) => view! { <RecordEditor kind=kind person=person item=(item != "new").then_some(item) /> }
            .into_any(),
            _ => view! { <NotFoundPage /> }.into_any(),
        }
    }
}

/// `/people/:id/about-me`: the one-page profile.
#[component]
pub fn ProfileEditPage() -> impl IntoView {
    let params = use_params_map();
    move || match PersonId::parse(&params.read().get("person_id").unwrap_or_default()) {
        Some(person) => {
            view! { <RecordEditor kind=ItemKind::Profile person=person item=Some(String::new()) /> }
                .into_any()
        }
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// What the plan offers to choose from in a form.
fn plan_choices(plan: &PlanDocument) -> PlanChoices {
    let i18n = use_i18n();
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
                    tu_string!(
                        i18n,
                        item_edit.need_choice,
                        heading = heading_label(f.heading_id),
                        text = f.text.clone()
                    )
                    .to_string(),
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
fn RecordEditor(kind: ItemKind, person: PersonId, item: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let record_path = match (&item, kind) {
        (_, ItemKind::Profile) => endpoint::profile(person),
        (Some(id), _) => endpoint::item(person, kind.collection(), id),
        (None, _) => endpoint::items(person, kind.collection()),
    };
    let creating = item.is_none();
    let plan_page = format!("/people/{person}/edit");
    let storage_key = unsaved_key(&format!(
        "{record_path}{}",
        if creating { "/new" } else { "" }
    ));
    let plan = LocalResource::new({
        let path = endpoint::plan(person);
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
    let leave_question = t_string!(i18n, item_edit.leave_confirm);
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
                .confirm_with_message(leave_question)
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
    // Saving as an action: the button is disabled while the record is on its way, and a second
    // press before the page shows that sends nothing more (for a change, a second `If-Match`
    // with the same version would come back as someone else's save).
    let sending = Action::new_local({
        let record_path = record_path.clone();
        let navigate = navigate.clone();
        let plan_page = plan_page.clone();
        let forget_unsaved = forget_unsaved.clone();
        move |(record, version): &(Record, i64)| {
            let (record, version) = (record.clone(), *version);
            let record_path = record_path.clone();
            let navigate = navigate.clone();
            let plan_page = plan_page.clone();
            let key = key.clone();
            let forget_unsaved = forget_unsaved.clone();
            async move {
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
                    return;
                }
                match api::put_if_match::<_, Record>(&record_path, version, &record).await {
                    Ok(saved) => {
                        errors.set(Vec::new());
                        conflict.set(None);
                        opened.set(Some(saved.clone()));
                        form.set(Some(saved));
                        forget_unsaved();
                        status.set(tu_string!(i18n, item_edit.saved).to_owned());
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
            }
        }
    });
    let saving = sending.pending();
    let save = move |record: Record, version: i64| {
        if !saving.get_untracked() {
            sending.dispatch_local((record, version));
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(record), Some(base)) = (form.get_untracked(), opened.get_untracked()) else {
            return;
        };
        status.set(String::new());
        let problems = checks.get_untracked();
        if !problems.is_empty() {
            errors.set(problems.into_iter().map(FormError::from).collect());
            return;
        }
        let version = base.get("row_version").and_then(Value::as_i64).unwrap_or(0);
        save(record, version);
    };
    // Taking away as an action, like saving.
    let removing = Action::new_local({
        let record_path = record_path.clone();
        let navigate = navigate.clone();
        let plan_page = plan_page.clone();
        move |version: &i64| {
            let version = *version;
            let record_path = record_path.clone();
            let navigate = navigate.clone();
            let plan_page = plan_page.clone();
            async move {
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
            }
        }
    });
    let remove_pending = removing.pending();
    let remove = move |_| {
        if remove_pending.get_untracked() {
            return;
        }
        let Some(base) = opened.get_untracked() else {
            return;
        };
        let confirmed = window()
            .confirm_with_message(confirm_remove_text(kind))
            .unwrap_or(false);
        if !confirmed {
            return;
        }
        let version = base.get("row_version").and_then(Value::as_i64).unwrap_or(0);
        removing.dispatch_local(version);
    };
    let on_save = move |record: Record| {
        let version = conflict
            .get_untracked()
            .and_then(|c| c.record.get("row_version").and_then(Value::as_i64))
            .unwrap_or(0);
        save(record, version);
    };
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
            status.set(tu_string!(i18n, item_edit.use_theirs_status).to_owned());
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
                status.set(tu_string!(i18n, item_edit.restored).to_owned());
            }
        }
    };

    let title = match (kind, creating) {
        (ItemKind::Profile, _) => change_text(ItemKind::Profile).to_owned(),
        (_, true) => add_text(kind).to_owned(),
        (_, false) => change_text(kind).to_owned(),
    };
    let checks_title = if kind == ItemKind::Goal {
        t_string!(i18n, item_edit.checks_smart)
    } else {
        t_string!(i18n, item_edit.checks)
    };
    let person_name = move || {
        plan.get().and_then(Result::ok).map(|p| {
            let name = p.person.name().to_owned();
            tu_string!(i18n, item_edit.persons_plan, name).to_string()
        })
    };
    let save_label = save_text(kind);
    view! {
        <PageTitle text=title.clone() />
        <ErrorSummary errors=errors />
        // A line kept for the name until the plan is in, so the heading does not move down.
        <p class="app-caption">{move || person_name().unwrap_or_else(|| "\u{a0}".to_owned())}</p>
        <h1 class="app-heading-xl">{title}</h1>
        {move || load_error.get().map(|e| view! { <p class="app-body">{e}</p> })}
        <p class="app-body app-status" role="status" aria-live="polite" id="save-status">
            {move || status.get()}
        </p>
        <Show when=move || restorable.get().is_some() && conflict.get().is_none()>
            <div class="app-notice" id="unsaved-notice">
                <p class="app-body">{t!(i18n, item_edit.unsaved_notice)}</p>
                <div class="app-button-group">
                    <button
                        class="app-button"
                        type="button"
                        id="restore-unsaved"
                        on:click=restore.clone()
                    >
                        {t!(i18n, item_edit.restore)}
                    </button>
                    <button
                        class="app-button app-button--secondary"
                        type="button"
                        on:click={
                            let forget_unsaved = forget_unsaved.clone();
                            move |_| forget_unsaved()
                        }
                    >
                        {t!(i18n, item_edit.forget)}
                    </button>
                </div>
            </div>
        </Show>
        {move || {
            conflict
                .get()
                .map(|c| {
                    view! {
                        <Conflict kind=kind combined=c on_save=on_save on_discard=on_discard />
                    }
                })
        }}
        <Show when=move || form.with(Option::is_some) && conflict.with(Option::is_none)>
            <form class="app-form app-record-form" novalidate on:submit=submit>
                {move || {
                    let choices = choices.get();
                    kind.fields()
                        .iter()
                        .map(|field| {
                            view! {
                                <RecordField
                                    field=field
                                    record=form
                                    errors=errors
                                    choices=choices.clone()
                                />
                            }
                        })
                        .collect_view()
                }}
                <div class="app-checks" id="checks" aria-live="polite">
                    <h2 class="app-heading-s">{checks_title}</h2>
                    {move || {
                        let problems = checks.get();
                        if problems.is_empty() {
                            view! { <p class="app-body">{t!(i18n, item_edit.all_filled)}</p> }
                                .into_any()
                        } else {
                            view! {
                                <ul class="app-list--bullet">
                                    {problems
                                        .into_iter()
                                        .map(|p| view! { <li>{p.message}</li> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }}
                </div>
                <div class="app-checks" id="plain-language" aria-live="polite">
                    <h2 class="app-heading-s">{t!(i18n, item_edit.plain_language)}</h2>
                    {move || {
                        let report = plain.get();
                        let ease = match (report.reading_ease, report.ease_words()) {
                            (Some(score), Some(words)) => {
                                let score = format!("{score:.0}");
                                let words = ease_text(words);
                                t_string!(i18n, item_edit.reading_ease, score, words).to_string()
                            }
                            _ => t_string!(i18n, item_edit.nothing_written).to_owned(),
                        };
                        view! {
                            <p class="app-body">{ease}</p>
                            <ul class="app-list--bullet">
                                {report
                                    .long_sentences
                                    .into_iter()
                                    .map(|s| {
                                        view! {
                                            <li>
                                                {t_string!(i18n, item_edit.long_sentence, sentence = s)
                                                    .to_string()}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                                {report
                                    .hard_words
                                    .into_iter()
                                    .map(|h| {
                                        view! {
                                            <li>
                                                {t_string!(
                                                    i18n, item_edit.hard_word, instead = h.instead, word = h.word
                                                )
                                                    .to_string()}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    }}
                </div>
                <div class="app-button-group">
                    <button
                        class="app-button"
                        type="submit"
                        id="save-item"
                        disabled=move || saving.get()
                    >
                        {save_label}
                    </button>
                    {(!creating && kind.removable())
                        .then(|| {
                            view! {
                                <button
                                    class="app-button app-button--warning"
                                    type="button"
                                    id="remove-item"
                                    on:click=remove
                                    disabled=move || remove_pending.get()
                                >
                                    {remove_text(kind)}
                                </button>
                            }
                        })}
                    <a class="app-link" href=plan_page.clone()>
                        {t!(i18n, item_edit.back)}
                    </a>
                </div>
            </form>
        </Show>
    }
}
