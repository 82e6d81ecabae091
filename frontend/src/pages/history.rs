//! `/people/:id/history`: every agreed version with what changed, and a comparison of any two
//! versions (or a version and the current draft) in plain words. For the person and their team.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use ourplan_shared::id::PersonId;
use ourplan_shared::plan::PlanVersionSummary;
use ourplan_shared::plan::diff::{ChangeKind, PlanChange, Shown};

use crate::api::{self, endpoint};
use crate::components::PageTitle;
use crate::dates::local_date;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let person = move || api::address_id::<PersonId>(params.read().get("person_id"));
    let versions = LocalResource::new(move || {
        let id = person();
        async move { api::get::<Vec<PlanVersionSummary>>(&endpoint::versions(id?)).await }
    });
    let from = RwSignal::new(String::new());
    let to = RwSignal::new("draft".to_owned());
    let changes = RwSignal::new(None::<Result<Vec<PlanChange>, String>>);
    let compare = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(id) = person() else {
            return;
        };
        let (from, to) = (from.get_untracked(), to.get_untracked());
        if from.is_empty() {
            return;
        }
        let to = Some(to).filter(|to| to != "draft");
        spawn_local(async move {
            let path = endpoint::compare(id, &from, to.as_deref());
            changes.set(Some(
                api::get::<Vec<PlanChange>>(&path)
                    .await
                    .map_err(|e| e.message),
            ));
        });
    };
    view! {
        <PageTitle text=t_string!(i18n, history.title) />
        <h1 class="app-heading-xl">{t!(i18n, history.title)}</h1>
        <p class="app-body">{t!(i18n, history.intro)}</p>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, history.loading)}</p> }
        }>
            {move || {
                versions
                    .get()
                    .map(|result| match result {
                        Ok(list) if list.is_empty() => {
                            view! { <p class="app-body">{t!(i18n, history.not_agreed)}</p> }
                                .into_any()
                        }
                        Ok(list) => {
                            if from.get_untracked().is_empty() && let Some(last) = list.last() {
                                from.set(last.number.to_string());
                            }
                            let options = list.clone();
                            view! {
                                <ol class="app-versions" reversed>
                                    {list.into_iter().rev().map(version_view).collect_view()}
                                </ol>
                                <h2 class="app-heading-m">{t!(i18n, history.compare_heading)}</h2>
                                <form class="app-form app-compare" on:submit=compare>
                                    <div class="app-form-group">
                                        <label class="app-label" for="compare-from">
                                            {t!(i18n, history.from)}
                                        </label>
                                        <select
                                            class="app-select"
                                            id="compare-from"
                                            on:change=move |e| from.set(event_target_value(&e))
                                        >
                                            {options
                                                .iter()
                                                .map(|v| {
                                                    let n = v.number.to_string();
                                                    let selected = n == from.get_untracked();
                                                    view! {
                                                        <option value=n.clone() selected=selected>
                                                            {t_string!(i18n, history.version, n = n.clone())
                                                                .to_string()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="app-form-group">
                                        <label class="app-label" for="compare-to">
                                            {t!(i18n, history.to)}
                                        </label>
                                        <select
                                            class="app-select"
                                            id="compare-to"
                                            on:change=move |e| to.set(event_target_value(&e))
                                        >
                                            <option value="draft" selected=true>
                                                {t!(i18n, history.as_now)}
                                            </option>
                                            {options
                                                .iter()
                                                .map(|v| {
                                                    let n = v.number.to_string();
                                                    view! {
                                                        <option value=n
                                                            .clone()>
                                                            {t_string!(i18n, history.version, n = n.clone())
                                                                .to_string()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <button class="app-button" type="submit" id="compare">
                                        {t!(i18n, history.compare)}
                                    </button>
                                </form>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                    })
            }}
        </Suspense>
        <div aria-live="polite">
            {move || {
                changes
                    .get()
                    .map(|result| match result {
                        Ok(list) if list.is_empty() => {
                            view! {
                                <p class="app-body" id="changes">
                                    {t!(i18n, history.nothing_changed)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="app-list--bullet" id="changes">
                                    {list
                                        .into_iter()
                                        .map(|c| view! { <li>{change_words(&c)}</li> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(message) => {
                            view! { <p class="app-error-message">{message}</p> }.into_any()
                        }
                    })
            }}
        </div>
    }
}

fn version_view(version: PlanVersionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let agreed = local_date(version.agreed_at.date_naive());
    view! {
        <li class="app-version">
            <h2 class="app-heading-s">
                {t_string!(i18n, history.version_agreed, n = version.number, agreed).to_string()}
            </h2>
            <ul class="app-list--bullet">
                {version
                    .change_summary
                    .lines()
                    .map(|line| view! { <li>{line.to_owned()}</li> })
                    .collect_view()}
            </ul>
        </li>
    }
}

/// A change in the reader's words.
fn change_words(change: &PlanChange) -> String {
    let i18n = use_i18n();
    let part = match change.section.as_str() {
        "profile" => t_string!(i18n, history.change.parts.profile),
        "findings" => t_string!(i18n, history.change.parts.findings),
        "goals" => t_string!(i18n, history.change.parts.goals),
        "strategies" => t_string!(i18n, history.change.parts.strategies),
        "risks" => t_string!(i18n, history.change.parts.risks),
        "wishes_not_met" => t_string!(i18n, history.change.parts.wishes_not_met),
        "decisions" => t_string!(i18n, history.change.parts.decisions),
        // A part added later than this app: the server's own sentence.
        _ => return change.description.clone(),
    };
    let named = if change.name.is_empty() {
        String::new()
    } else {
        let name = change.name.clone();
        t_string!(i18n, history.change.named, name).to_string()
    };
    match change.change {
        ChangeKind::Added => t_string!(i18n, history.change.added, part, named).to_string(),
        ChangeKind::Removed => t_string!(i18n, history.change.removed, part, named).to_string(),
        ChangeKind::Changed => {
            let field = field_words(change.field.as_deref().unwrap_or_default());
            let before = shown(change.before.as_ref());
            let after = shown(change.after.as_ref());
            t_string!(
                i18n,
                history.change.changed,
                part,
                named,
                field,
                before,
                after
            )
            .to_string()
        }
    }
}

fn shown(value: Option<&Shown>) -> String {
    let i18n = use_i18n();
    match value {
        None | Some(Shown::Nothing) => t_string!(i18n, history.change.nothing).to_owned(),
        Some(Shown::Yes) => t_string!(i18n, history.change.yes).to_owned(),
        Some(Shown::No) => t_string!(i18n, history.change.no).to_owned(),
        Some(&Shown::Items(count)) => t_string!(i18n, history.change.items, count).to_string(),
        Some(Shown::Text(text)) => {
            let text = text.clone();
            t_string!(i18n, history.change.quoted, text).to_string()
        }
    }
}

/// A field's name in the reader's words (a field this app does not know, as its name says).
fn field_words(field: &str) -> String {
    let i18n = use_i18n();
    match field {
        "important_to_me" => t_string!(i18n, history.change.fields.important_to_me).to_owned(),
        "like_about_me" => t_string!(i18n, history.change.fields.like_about_me).to_owned(),
        "how_to_support_me" => t_string!(i18n, history.change.fields.how_to_support_me).to_owned(),
        "culture_and_beliefs" => {
            t_string!(i18n, history.change.fields.culture_and_beliefs).to_owned()
        }
        "lifestyle" => t_string!(i18n, history.change.fields.lifestyle).to_owned(),
        "aspirations" => t_string!(i18n, history.change.fields.aspirations).to_owned(),
        "medical_history" => t_string!(i18n, history.change.fields.medical_history).to_owned(),
        "own_words" => t_string!(i18n, history.change.fields.own_words).to_owned(),
        "picture" => t_string!(i18n, history.change.fields.picture).to_owned(),
        "kind" => t_string!(i18n, history.change.fields.kind).to_owned(),
        "text" => t_string!(i18n, history.change.fields.text).to_owned(),
        "source" => t_string!(i18n, history.change.fields.source).to_owned(),
        "with_consent" => t_string!(i18n, history.change.fields.with_consent).to_owned(),
        "term" => t_string!(i18n, history.change.fields.term).to_owned(),
        "measure" => t_string!(i18n, history.change.fields.measure).to_owned(),
        "baseline" => t_string!(i18n, history.change.fields.baseline).to_owned(),
        "target" => t_string!(i18n, history.change.fields.target).to_owned(),
        "start_on" => t_string!(i18n, history.change.fields.start_on).to_owned(),
        "due_on" => t_string!(i18n, history.change.fields.due_on).to_owned(),
        "status" => t_string!(i18n, history.change.fields.status).to_owned(),
        "addresses" => t_string!(i18n, history.change.fields.addresses).to_owned(),
        "goal_id" => t_string!(i18n, history.change.fields.goal_id).to_owned(),
        "responsible" => t_string!(i18n, history.change.fields.responsible).to_owned(),
        "responsible_name" => t_string!(i18n, history.change.fields.responsible_name).to_owned(),
        "frequency" => t_string!(i18n, history.change.fields.frequency).to_owned(),
        "end_on" => t_string!(i18n, history.change.fields.end_on).to_owned(),
        "resources" => t_string!(i18n, history.change.fields.resources).to_owned(),
        "least_intrusive_reason" => {
            t_string!(i18n, history.change.fields.least_intrusive_reason).to_owned()
        }
        "community_resource" => {
            t_string!(i18n, history.change.fields.community_resource).to_owned()
        }
        "budget_pence_per_month" => {
            t_string!(i18n, history.change.fields.budget_pence_per_month).to_owned()
        }
        "self_managed" => t_string!(i18n, history.change.fields.self_managed).to_owned(),
        "information_shared" => {
            t_string!(i18n, history.change.fields.information_shared).to_owned()
        }
        "activity" => t_string!(i18n, history.change.fields.activity).to_owned(),
        "hazards" => t_string!(i18n, history.change.fields.hazards).to_owned(),
        "likelihood" => t_string!(i18n, history.change.fields.likelihood).to_owned(),
        "impact" => t_string!(i18n, history.change.fields.impact).to_owned(),
        "persons_choice" => t_string!(i18n, history.change.fields.persons_choice).to_owned(),
        "safety_measures" => t_string!(i18n, history.change.fields.safety_measures).to_owned(),
        "review_on" => t_string!(i18n, history.change.fields.review_on).to_owned(),
        "safeguarding_concern" => {
            t_string!(i18n, history.change.fields.safeguarding_concern).to_owned()
        }
        "who" => t_string!(i18n, history.change.fields.who).to_owned(),
        "occurred_on" => t_string!(i18n, history.change.fields.occurred_on).to_owned(),
        "evidence" => t_string!(i18n, history.change.fields.evidence).to_owned(),
        "resolution" => t_string!(i18n, history.change.fields.resolution).to_owned(),
        "resolved_on" => t_string!(i18n, history.change.fields.resolved_on).to_owned(),
        "reason" => t_string!(i18n, history.change.fields.reason).to_owned(),
        "next_steps" => t_string!(i18n, history.change.fields.next_steps).to_owned(),
        "appeal_explained" => t_string!(i18n, history.change.fields.appeal_explained).to_owned(),
        "recorded_on" => t_string!(i18n, history.change.fields.recorded_on).to_owned(),
        other => other.replace('_', " "),
    }
}
