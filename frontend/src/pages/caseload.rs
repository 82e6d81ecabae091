//! The staff side of `/people`: the caseload, searched by name and filtered by team, key
//! worker and plan state on the server, 50 people a page (issue 21 item 6); for managers and
//! admins, also the people who have left. The filters live in the address, so a search
//! can be shared and Back returns to it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use ourplan_shared::caseload::{Caseload, CaseloadQuery, CaseloadRow};
use ourplan_shared::id::{TeamId, UserId};
use ourplan_shared::plan::PlanStatus;

use crate::api::{self, endpoint};
use crate::components::Pager;
use crate::dates::local_date;
use crate::i18n::{t, t_string, use_i18n};

fn plan_words(status: PlanStatus) -> &'static str {
    let i18n = use_i18n();
    match status {
        PlanStatus::Draft => t_string!(i18n, caseload.plan_draft),
        PlanStatus::Agreed => t_string!(i18n, caseload.plan_agreed),
        PlanStatus::UnderReview => t_string!(i18n, caseload.plan_under_review),
    }
}

/// The filters in the address now.
fn query_of(read: &leptos_router::params::ParamsMap) -> CaseloadQuery {
    let text = |name: &str| read.get(name).filter(|v| !v.is_empty());
    CaseloadQuery {
        q: text("q"),
        team: text("team").and_then(|t| TeamId::parse(&t)),
        key_worker: text("key_worker").and_then(|u| UserId::parse(&u)),
        plan: text("plan").and_then(|p| PlanStatus::from_key(&p)),
        left: text("left").map(|l| l == "true"),
        page: text("page").and_then(|p| p.parse().ok()),
    }
}

fn person_line(row: CaseloadRow) -> impl IntoView {
    let i18n = use_i18n();
    let name = match &row.preferred_name {
        Some(preferred) => format!("{preferred} ({})", row.full_name),
        None => row.full_name.clone(),
    };
    let mut facts = Vec::new();
    if row.teams.is_empty() {
        facts.push(t_string!(i18n, caseload.no_team).to_owned());
    } else {
        facts.push(row.teams.join(", "));
    }
    if !row.key_workers.is_empty() {
        let names = row.key_workers.join(", ");
        facts.push(t_string!(i18n, caseload.key_worker_is, names).to_string());
    }
    facts.push(match row.left_on {
        Some(day) => t_string!(i18n, caseload.left_on, date = local_date(day)).to_string(),
        None => plan_words(row.plan_status).to_owned(),
    });
    view! {
        <li class="app-people__item app-caseload__item">
            <A href=format!("/people/{}", row.id)>{name}</A>
            <p class="app-body app-caseload__facts">{facts.join(" · ")}</p>
        </li>
    }
}

/// The caseload for staff; `managers` also get the people who have left.
#[component]
pub fn StaffCaseload(managers: bool) -> impl IntoView {
    let i18n = use_i18n();
    let address = use_query_map();
    let navigate = use_navigate();
    let query = Memo::new(move |_| query_of(&address.read()));
    let caseload = LocalResource::new(move || {
        let path = format!(
            "{}?{}",
            endpoint::caseload(),
            query.get().to_query_string(query.get().page())
        );
        async move { api::get::<Caseload>(&path).await }
    });
    let go = {
        let navigate = navigate.clone();
        move |next: CaseloadQuery| {
            navigate(
                &format!("/people?{}", next.to_query_string(1)),
                Default::default(),
            );
        }
    };
    let search = RwSignal::new(query.get_untracked().q.unwrap_or_default());
    let on_search = {
        let go = go.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            go(CaseloadQuery {
                q: Some(search.get_untracked()),
                page: None,
                ..query.get_untracked()
            });
        }
    };
    // Each select changes one filter and starts again at page 1.
    let choose = move |name: &'static str| {
        let go = go.clone();
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            let mut next = query.get_untracked();
            match name {
                "team" => next.team = TeamId::parse(&value),
                "key_worker" => next.key_worker = UserId::parse(&value),
                _ => next.plan = PlanStatus::from_key(&value),
            }
            next.page = None;
            go(next);
        }
    };
    let (choose_team, choose_key_worker, choose_plan) =
        (choose("team"), choose("key_worker"), choose("plan"));
    let left = move || query.get().left == Some(true);
    let switch = move || {
        let q = CaseloadQuery {
            left: (!left()).then_some(true),
            ..CaseloadQuery::default()
        };
        format!("/people?{}", q.to_query_string(1))
    };
    view! {
        {move || {
            left()
                .then(|| {
                    view! {
                        <h2 class="app-heading-l" id="left-heading">
                            {t!(i18n, caseload.heading_left)}
                        </h2>
                        <p class="app-body">{t!(i18n, caseload.intro_left)}</p>
                    }
                })
        }}
        {managers
            .then(|| {
                view! {
                    <p class="app-body">
                        <A href=switch attr:id="switch-caseload">
                            {move || {
                                if left() {
                                    t_string!(i18n, caseload.show_current)
                                } else {
                                    t_string!(i18n, caseload.show_left)
                                }
                            }}
                        </A>
                    </p>
                }
            })}
        <form class="app-form" role="search" on:submit=on_search>
            <div class="app-form-group">
                <label class="app-label" for="q">
                    {t!(i18n, caseload.search_label)}
                </label>
                <p class="app-hint" id="q-hint">
                    {t!(i18n, caseload.search_hint)}
                </p>
                <input
                    class="app-input"
                    id="q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    aria-describedby="q-hint"
                    prop:value=move || search.get()
                    on:input=move |e| search.set(event_target_value(&e))
                />
            </div>
            <button class="app-button" type="submit" id="search">
                {t!(i18n, caseload.search)}
            </button>
        </form>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, caseload.loading)}</p> }
        }>
            {move || {
                caseload
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                        Ok(c) => {
                            let (choose_team, choose_key_worker, choose_plan) = (
                                choose_team.clone(),
                                choose_key_worker.clone(),
                                choose_plan.clone(),
                            );
                            let now = query.get_untracked();
                            let chosen_team = now.team.map(|t| t.to_string()).unwrap_or_default();
                            let chosen_worker = now
                                .key_worker
                                .map(|u| u.to_string())
                                .unwrap_or_default();
                            let chosen_plan = now.plan.map(PlanStatus::key).unwrap_or_default();
                            let page_link = move |page: u32| {
                                format!("/people?{}", now.to_query_string(page))
                            };
                            let (page, pages, total) = (c.page, c.pages, c.total);
                            let counted = if total == 1 {
                                t_string!(i18n, caseload.count_one).to_owned()
                            } else {
                                t_string!(i18n, caseload.count, total, page, pages).to_string()
                            };
                            view! {
                                <form
                                    class="app-form app-filters"
                                    on:submit=|e| e.prevent_default()
                                >
                                    <div class="app-form-group">
                                        <label class="app-label" for="team">
                                            {t!(i18n, caseload.team)}
                                        </label>
                                        <select class="app-select" id="team" on:change=choose_team>
                                            <option value="" selected=chosen_team.is_empty()>
                                                {t!(i18n, caseload.all_teams)}
                                            </option>
                                            {c
                                                .teams
                                                .into_iter()
                                                .map(|t| {
                                                    let selected = t.id == chosen_team;
                                                    view! {
                                                        <option value=t.id selected=selected>
                                                            {t.name}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="app-form-group">
                                        <label class="app-label" for="key_worker">
                                            {t!(i18n, caseload.key_worker)}
                                        </label>
                                        <select
                                            class="app-select"
                                            id="key_worker"
                                            on:change=choose_key_worker
                                        >
                                            <option value="" selected=chosen_worker.is_empty()>
                                                {t!(i18n, caseload.all_key_workers)}
                                            </option>
                                            {c
                                                .key_workers
                                                .into_iter()
                                                .map(|k| {
                                                    let selected = k.id == chosen_worker;
                                                    view! {
                                                        <option value=k.id selected=selected>
                                                            {k.name}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="app-form-group">
                                        <label class="app-label" for="plan">
                                            {t!(i18n, caseload.plan)}
                                        </label>
                                        <select class="app-select" id="plan" on:change=choose_plan>
                                            <option value="" selected=chosen_plan.is_empty()>
                                                {t!(i18n, caseload.all_plans)}
                                            </option>
                                            {PlanStatus::ALL
                                                .iter()
                                                .map(|s| {
                                                    let selected = s.key() == chosen_plan;
                                                    view! {
                                                        <option value=s.key() selected=selected>
                                                            {plan_words(*s)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                </form>
                                <p class="app-body" role="status" id="caseload-count">
                                    {counted}
                                </p>
                                {if c.rows.is_empty() {
                                    view! {
                                        <p class="app-body">{t!(i18n, caseload.nobody_matches)}</p>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <ul class="app-people" id="caseload">
                                            {c.rows.into_iter().map(person_line).collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                                <Pager page pages link=page_link />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
