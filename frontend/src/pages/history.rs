//! `/people/:id/history`: every agreed version with what changed, and a comparison of any two
//! versions (or a version and the current draft) in plain words. For the person and their team.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use ourplan_shared::plan::PlanVersionSummary;
use ourplan_shared::plan::diff::PlanChange;

use crate::api;
use crate::components::PageTitle;
use crate::dates::local_date;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let versions = LocalResource::new(move || {
        let id = person();
        async move {
            api::get::<Vec<PlanVersionSummary>>(&format!("/api/v1/persons/{id}/plan/versions"))
                .await
        }
    });
    let from = RwSignal::new(String::new());
    let to = RwSignal::new("draft".to_owned());
    let changes = RwSignal::new(None::<Result<Vec<PlanChange>, String>>);
    let compare = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = person();
        let (from, to) = (from.get_untracked(), to.get_untracked());
        if from.is_empty() {
            return;
        }
        let to = if to == "draft" {
            String::new()
        } else {
            format!("&to={to}")
        };
        spawn_local(async move {
            let path = format!("/api/v1/persons/{id}/plan/compare?from={from}{to}");
            changes.set(Some(
                api::get::<Vec<PlanChange>>(&path)
                    .await
                    .map_err(|e| e.message),
            ));
        });
    };
    view! {
        <PageTitle text=t_string!(i18n, history.title)/>
        <h1 class="app-heading-xl">{t!(i18n, history.title)}</h1>
        <p class="app-body">{t!(i18n, history.intro)}</p>
        <Suspense fallback=move || view! { <p class="app-body">{t!(i18n, history.loading)}</p> }>
            {move || versions.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p class="app-body">{t!(i18n, history.not_agreed)}</p> }.into_any(),
                Ok(list) => {
                    if from.get_untracked().is_empty()
                        && let Some(last) = list.last()
                    {
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
                                <label class="app-label" for="compare-from">{t!(i18n, history.from)}</label>
                                <select class="app-select" id="compare-from" on:change=move |e| from.set(event_target_value(&e))>
                                    {options.iter().map(|v| {
                                        let n = v.number.to_string();
                                        let selected = n == from.get_untracked();
                                        view! { <option value=n.clone() selected=selected>{t_string!(i18n, history.version, n = n.clone()).to_string()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="app-form-group">
                                <label class="app-label" for="compare-to">{t!(i18n, history.to)}</label>
                                <select class="app-select" id="compare-to" on:change=move |e| to.set(event_target_value(&e))>
                                    <option value="draft" selected=true>{t!(i18n, history.as_now)}</option>
                                    {options.iter().map(|v| {
                                        let n = v.number.to_string();
                                        view! { <option value=n.clone()>{t_string!(i18n, history.version, n = n.clone()).to_string()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <button class="app-button" type="submit" id="compare">{t!(i18n, history.compare)}</button>
                        </form>
                    }.into_any()
                }
                Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
            })}
        </Suspense>
        <div aria-live="polite">
            {move || changes.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p class="app-body" id="changes">{t!(i18n, history.nothing_changed)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="app-list--bullet" id="changes">
                        {list.into_iter().map(|c| view! { <li>{c.description}</li> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(message) => view! { <p class="app-error-message">{message}</p> }.into_any(),
            })}
        </div>
    }
}

fn version_view(version: PlanVersionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let agreed = local_date(version.agreed_at.date_naive());
    view! {
        <li class="app-version">
            <h2 class="app-heading-s">{t_string!(i18n, history.version_agreed, n = version.number, agreed).to_string()}</h2>
            <ul class="app-list--bullet">
                {version.change_summary.lines().map(|line| view! { <li>{line.to_owned()}</li> }).collect_view()}
            </ul>
        </li>
    }
}
