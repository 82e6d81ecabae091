//! `/review-programme`: the review programme for managers. Counts of what needs
//! attention, then the plans on their teams with their next review, 50 a page, filtered by
//! team or kind of attention and sorted on the server; the filters and page live in the
//! address, so a view can be shared.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use ourplan_shared::evidence::EvidenceCounts;
use ourplan_shared::plan::PlanStatus;
use ourplan_shared::programme::{Attention, ProgrammeSort, ReviewProgramme};
use ourplan_shared::timescale::Urgency;

use crate::api::{self, endpoint};
use crate::components::{PageTitle, Pager, WhenLoaded};
use crate::dates::local_date;
use crate::i18n::{t, t_string, use_i18n};

fn urgency_words(urgency: Urgency) -> &'static str {
    let i18n = use_i18n();
    match urgency {
        Urgency::Overdue => t_string!(i18n, programme.urgency.overdue),
        Urgency::DueSoon => t_string!(i18n, programme.urgency.due_soon),
        Urgency::Later => "",
    }
}

fn plan_status_words(status: PlanStatus) -> &'static str {
    let i18n = use_i18n();
    match status {
        PlanStatus::Draft => t_string!(i18n, programme.plan_status.draft),
        PlanStatus::Agreed => t_string!(i18n, programme.plan_status.agreed),
        PlanStatus::UnderReview => t_string!(i18n, programme.plan_status.under_review),
    }
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = move |name: &str| query.read().get(name).unwrap_or_default();
    let programme = LocalResource::new(move || {
        let mut params = Vec::new();
        for name in ["team", "attention", "sort", "page"] {
            let value = filter(name);
            if !value.is_empty() {
                params.push(format!("{name}={value}"));
            }
        }
        async move {
            api::get::<ReviewProgramme>(&format!(
                "{}?{}",
                endpoint::review_programme(),
                params.join("&")
            ))
            .await
        }
    });
    // Changing a filter changes the address, back to page 1; the list follows it.
    let set = move |name: &'static str| {
        let navigate = navigate.clone();
        move |event: leptos::ev::Event| {
            let mut pairs: Vec<(String, String)> = ["team", "attention", "sort"]
                .into_iter()
                .map(|n| (n.to_owned(), filter(n)))
                .collect();
            for pair in &mut pairs {
                if pair.0 == name {
                    pair.1 = event_target_value(&event);
                }
            }
            let search: Vec<String> = pairs
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            navigate(
                &format!("/review-programme?{}", search.join("&")),
                Default::default(),
            );
        }
    };
    let (set_team, set_attention, set_sort) = (set("team"), set("attention"), set("sort"));
    view! {
        <PageTitle text=t_string!(i18n, programme.title) />
        <h1 class="app-heading-xl">{t!(i18n, programme.title)}</h1>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, programme.loading)}</p> }
        }>
            {move || {
                programme
                    .get()
                    .map(|result| match result {
                        Err(e) => view! { <p class="app-body">{e.message}</p> }.into_any(),
                        Ok(p) => {
                            let (set_team, set_attention, set_sort) = (
                                set_team.clone(),
                                set_attention.clone(),
                                set_sort.clone(),
                            );
                            let chosen_team = filter("team");
                            let chosen_attention = filter("attention");
                            let chosen_sort = filter("sort");
                            let (page, pages, total) = (p.page, p.pages, p.total);
                            let counted = if total == 1 {
                                t_string!(i18n, caseload.count_one).to_owned()
                            } else {
                                t_string!(i18n, caseload.count, total, page, pages).to_string()
                            };
                            let page_link = move |page: u32| {
                                let mut search: Vec<String> = ["team", "attention", "sort"]
                                    .into_iter()
                                    .filter_map(|n| {
                                        let value = filter(n);
                                        (!value.is_empty()).then(|| format!("{n}={value}"))
                                    })
                                    .collect();
                                if page > 1 {
                                    search.push(format!("page={page}"));
                                }
                                format!("/review-programme?{}", search.join("&"))
                            };
                            // The same view at another page.
                            view! {
                                <p class="app-body">
                                    {t_string!(i18n, programme.as_of, date = local_date(p.today))
                                        .to_string()}
                                </p>
                                <ul class="app-counts" id="programme-counts">
                                    {p
                                        .counts
                                        .into_iter()
                                        .map(|c| {
                                            let key = c.attention.map(|a| a.key()).unwrap_or_default();
                                            view! {
                                                <li class="app-counts__item" data-attention=key>
                                                    <span class="app-counts__number">{c.count}</span>
                                                    " "
                                                    <span class="app-counts__label">
                                                        {c
                                                            .attention
                                                            .map_or(
                                                                t_string!(i18n, programme.count_people),
                                                                crate::labels::attention,
                                                            )}
                                                    </span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <form
                                    class="app-form app-filters"
                                    on:submit=|e| e.prevent_default()
                                >
                                    <div class="app-form-group">
                                        <label class="app-label" for="team">
                                            {t!(i18n, programme.team)}
                                        </label>
                                        <select class="app-select" id="team" on:change=set_team>
                                            <option value="" selected=chosen_team.is_empty()>
                                                {t!(i18n, programme.all_teams)}
                                            </option>
                                            {p
                                                .teams
                                                .into_iter()
                                                .map(|t| {
                                                    let id = t.id.to_string();
                                                    let selected = id == chosen_team;
                                                    view! {
                                                        <option value=id selected=selected>
                                                            {t.name}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="app-form-group">
                                        <label class="app-label" for="attention">
                                            {t!(i18n, programme.needs_attention)}
                                        </label>
                                        <select
                                            class="app-select"
                                            id="attention"
                                            on:change=set_attention
                                        >
                                            <option value="" selected=chosen_attention.is_empty()>
                                                {t!(i18n, programme.everyone)}
                                            </option>
                                            {Attention::ALL
                                                .iter()
                                                .map(|a| {
                                                    let selected = a.key() == chosen_attention;
                                                    view! {
                                                        <option value=a.key() selected=selected>
                                                            {crate::labels::attention(*a)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="app-form-group">
                                        <label class="app-label" for="sort">
                                            {t!(i18n, programme.sort_by)}
                                        </label>
                                        <select class="app-select" id="sort" on:change=set_sort>
                                            {[
                                                (ProgrammeSort::Due, t_string!(i18n, programme.sort.due)),
                                                (ProgrammeSort::Name, t_string!(i18n, programme.sort.name)),
                                                (ProgrammeSort::Team, t_string!(i18n, programme.sort.team)),
                                            ]
                                                .into_iter()
                                                .map(|(s, label)| {
                                                    let selected = s.key() == chosen_sort
                                                        || (chosen_sort.is_empty() && s == ProgrammeSort::Due);
                                                    view! {
                                                        <option value=s.key() selected=selected>
                                                            {label}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                </form>
                                <div
                                    class="app-table-wrapper"
                                    tabindex="0"
                                    role="region"
                                    aria-labelledby="programme-caption"
                                >
                                    <table class="app-table app-table--cards" id="programme">
                                        <caption class="app-table__caption" id="programme-caption">
                                            {counted}
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, programme.column.person)}</th>
                                                <th scope="col">{t!(i18n, programme.column.team)}</th>
                                                <th scope="col">{t!(i18n, programme.column.plan)}</th>
                                                <th scope="col">
                                                    {t!(i18n, programme.column.next_review)}
                                                </th>
                                                <th scope="col">{t!(i18n, programme.column.attention)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {p
                                                .rows
                                                .into_iter()
                                                .map(|r| {
                                                    let plan = match r.current_version {
                                                        Some(n) => {
                                                            t_string!(
                                                                i18n, programme.plan_version, n, status = plan_status_words(r.plan_status)
                                                            )
                                                                .to_string()
                                                        }
                                                        None => {
                                                            t_string!(
                                                                i18n, programme.plan_not_agreed, date = local_date(r.plan_due_on)
                                                            )
                                                                .to_string()
                                                        }
                                                    };
                                                    let date = local_date(r.next_review.due_on);
                                                    let kind = crate::labels::review_kind(r.next_review.kind)
                                                        .to_lowercase();
                                                    let review = match urgency_words(r.urgency) {
                                                        "" => {
                                                            t_string!(i18n, programme.review, date, kind).to_string()
                                                        }
                                                        urgency => {
                                                            t_string!(
                                                                i18n, programme.review_urgent, date, kind, urgency
                                                            )
                                                                .to_string()
                                                        }
                                                    };
                                                    let stage = r
                                                        .review_stage
                                                        .map(|s| {
                                                            let stage = crate::labels::review_status(s).to_lowercase();
                                                            t_string!(i18n, programme.stage, stage).to_string()
                                                        })
                                                        .unwrap_or_default();
                                                    let mut needs: Vec<String> = r
                                                        .attention
                                                        .iter()
                                                        .filter(|&&a| {
                                                            a != Attention::NotRead || r.not_read_by.is_empty()
                                                        })
                                                        .map(|&a| crate::labels::attention(a).to_owned())
                                                        .collect();
                                                    if !r.not_read_by.is_empty() {
                                                        let names = r.not_read_by.join(", ");
                                                        needs
                                                            .push(
                                                                t_string!(i18n, programme.not_read_by, names).to_string(),
                                                            );
                                                    }
                                                    view! {
                                                        <tr>
                                                            <th scope="row">
                                                                <A
                                                                    href=format!("/people/{}", r.person_id)
                                                                    attr:class="app-link"
                                                                >
                                                                    {r.person_name}
                                                                </A>
                                                            </th>
                                                            <td data-label=t_string!(
                                                                i18n, programme.column.team
                                                            )>{r.team_name}{r.key_worker.map(|k| format!(", {k}"))}</td>
                                                            <td data-label=t_string!(
                                                                i18n, programme.column.plan
                                                            )>{plan}</td>
                                                            <td data-label=t_string!(
                                                                i18n, programme.column.next_review
                                                            )>{review}{stage}</td>
                                                            <td data-label=t_string!(
                                                                i18n, programme.column.attention
                                                            )>
                                                                {needs.join(t_string!(i18n, programme.needs_separator))}
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <Pager page pages link=page_link />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
        <WhenLoaded ready=Signal::derive(move || programme.get().is_some()) fallback=|| ()>
            <EvidenceAcross team=Signal::derive(move || filter("team")) />
        </WhenLoaded>
    }
}

/// The care-standard evidence counted across the plans in view. Counted when asked: it reads
/// every plan whole, which takes a while for a large organisation.
#[component]
fn EvidenceAcross(team: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let counts = RwSignal::new(None::<Result<EvidenceCounts, String>>);
    let counting = RwSignal::new(false);
    let count = move |_| {
        let team = team.get_untracked();
        counting.set(true);
        spawn_local(async move {
            let path =
                endpoint::review_programme_evidence(Some(team.as_str()).filter(|t| !t.is_empty()));
            counts.set(Some(
                api::get::<EvidenceCounts>(&path)
                    .await
                    .map_err(|e| e.message),
            ));
            counting.set(false);
        });
    };
    view! {
        <section aria-labelledby="evidence-heading">
            <h2 class="app-heading-m" id="evidence-heading">
                {t!(i18n, programme.evidence.heading)}
            </h2>
            <p class="app-body">{t!(i18n, programme.evidence.intro)}</p>
            <button
                class="app-button app-button--secondary"
                type="button"
                id="count-evidence"
                on:click=count
                disabled=move || counting.get()
            >
                {move || {
                    if counting.get() {
                        t_string!(i18n, programme.evidence.counting)
                    } else {
                        t_string!(i18n, programme.evidence.count)
                    }
                }}
            </button>
            {move || {
                counts
                    .get()
                    .map(|result| match result {
                        Err(message) => view! { <p class="app-body">{message}</p> }.into_any(),
                        Ok(counts) => {
                            view! {
                                <div
                                    class="app-table-wrapper"
                                    tabindex="0"
                                    role="region"
                                    aria-labelledby="evidence-caption"
                                >
                                    <table class="app-table app-table--cards" id="evidence-counts">
                                        <caption class="app-table__caption" id="evidence-caption">
                                            {t_string!(
                                                i18n, programme.evidence.plans, count = counts.plans
                                            )
                                                .to_string()}
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">
                                                    {t!(i18n, programme.evidence.column.criterion)}
                                                </th>
                                                <th scope="col">
                                                    {t!(i18n, programme.evidence.column.evidenced)}
                                                </th>
                                                <th scope="col">
                                                    {t!(i18n, programme.evidence.column.missing)}
                                                </th>
                                                <th scope="col">
                                                    {t!(i18n, programme.evidence.column.not_yet)}
                                                </th>
                                                <th scope="col">
                                                    {t!(i18n, programme.evidence.column.outside)}
                                                </th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {counts
                                                .criteria
                                                .into_iter()
                                                .map(|c| {
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{format!("{}: {}", c.code, c.text)}</th>
                                                            <td data-label=t_string!(
                                                                i18n, programme.evidence.column.evidenced
                                                            )>{c.evidenced}</td>
                                                            <td data-label=t_string!(
                                                                i18n, programme.evidence.column.missing
                                                            )>{c.missing}</td>
                                                            <td data-label=t_string!(
                                                                i18n, programme.evidence.column.not_yet
                                                            )>{c.not_yet}</td>
                                                            <td data-label=t_string!(
                                                                i18n, programme.evidence.column.outside
                                                            )>{c.outside_records}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}
