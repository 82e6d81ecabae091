//! `/people/:id/edit`: the plan editor for staff. Every part of the plan on one page, in the
//! order it is written: the one-page profile, the needs assessment under each heading, goals
//! with the strategies that support them, risk plans, wishes not met, and the decisions and
//! disagreements log. Each item links to its own form; each section says how to add one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use ourplan_shared::id::PersonId;
use ourplan_shared::plan::{
    Decision, DecisionKind, DecisionStatus, Finding, Goal, PlanDocument, PlanStatus, RiskPlan,
    Strategy, WishNotMet,
};

use crate::api::{self, endpoint};
use crate::components::{PageTitle, SummaryList, not_yet_in_easy_read};
use crate::i18n::{t, t_string, use_i18n};
use crate::item_kind::ItemKind;

/// One item, in words, for a screen reader after "Change".
fn noun(kind: ItemKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        ItemKind::Profile => t_string!(i18n, plan_edit.noun.profile),
        ItemKind::Finding => t_string!(i18n, plan_edit.noun.finding),
        ItemKind::Goal => t_string!(i18n, plan_edit.noun.goal),
        ItemKind::Strategy => t_string!(i18n, plan_edit.noun.strategy),
        ItemKind::Risk => t_string!(i18n, plan_edit.noun.risk),
        ItemKind::Wish => t_string!(i18n, plan_edit.noun.wish),
        ItemKind::Decision => t_string!(i18n, plan_edit.noun.decision),
    }
}

/// Back from a form: what was saved.
fn saved_news(kind: Option<ItemKind>) -> &'static str {
    let i18n = use_i18n();
    match kind {
        Some(ItemKind::Profile) => t_string!(i18n, plan_edit.saved.profile),
        Some(ItemKind::Finding) => t_string!(i18n, plan_edit.saved.finding),
        Some(ItemKind::Goal) => t_string!(i18n, plan_edit.saved.goal),
        Some(ItemKind::Strategy) => t_string!(i18n, plan_edit.saved.strategy),
        Some(ItemKind::Risk) => t_string!(i18n, plan_edit.saved.risk),
        Some(ItemKind::Wish) => t_string!(i18n, plan_edit.saved.wish),
        Some(ItemKind::Decision) => t_string!(i18n, plan_edit.saved.decision),
        None => t_string!(i18n, plan_edit.saved.item),
    }
}

/// Back from a form: what was removed.
fn removed_news(kind: Option<ItemKind>) -> &'static str {
    let i18n = use_i18n();
    match kind {
        Some(ItemKind::Profile) => t_string!(i18n, plan_edit.removed.profile),
        Some(ItemKind::Finding) => t_string!(i18n, plan_edit.removed.finding),
        Some(ItemKind::Goal) => t_string!(i18n, plan_edit.removed.goal),
        Some(ItemKind::Strategy) => t_string!(i18n, plan_edit.removed.strategy),
        Some(ItemKind::Risk) => t_string!(i18n, plan_edit.removed.risk),
        Some(ItemKind::Wish) => t_string!(i18n, plan_edit.removed.wish),
        Some(ItemKind::Decision) => t_string!(i18n, plan_edit.removed.decision),
        None => t_string!(i18n, plan_edit.removed.item),
    }
}

#[component]
pub fn PlanEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let plan = LocalResource::new(move || {
        let id = api::address_id::<PersonId>(params.read().get("person_id"));
        async move { api::get::<PlanDocument>(&endpoint::plan(id?)).await }
    });
    // Back from a form: say what happened, once, where a screen reader hears it.
    let news = move || {
        let q = query.read();
        if let Some(c) = q.get("saved") {
            saved_news(ItemKind::from_collection(&c)).to_owned()
        } else if let Some(c) = q.get("removed") {
            removed_news(ItemKind::from_collection(&c)).to_owned()
        } else {
            String::new()
        }
    };
    view! {
        <PageTitle text=t_string!(i18n, plan_edit.title) />
        <Suspense fallback=move || {
            view! {
                <h1 class="app-heading-xl">{t!(i18n, plan_edit.title)}</h1>
                <p class="app-body">{t!(i18n, plan_edit.loading)}</p>
            }
        }>
            {move || {
                plan.get()
                    .map(|result| match result {
                        Ok(document) => editor(document, news()).into_any(),
                        Err(error) => {
                            view! {
                                <h1 class="app-heading-xl">{t!(i18n, plan_edit.title)}</h1>
                                <p class="app-body">{error.message}</p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// The link to an item's form: "Change", with what it is for a screen reader.
fn change_link(person: &str, kind: ItemKind, id: String, what: &str) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let what = t_string!(i18n, plan_edit.change_what, noun = noun(kind), what).to_string();
    view! {
        <A href=format!("/people/{person}/{}/{}", kind.collection(), id) attr:class="app-link">
            {t!(i18n, plan_edit.change)}
            <span class="app-visually-hidden">{what}</span>
        </A>
    }
}

/// The person's own words, or the marker that the point is not in easy read yet.
fn own_words(words: Option<&String>) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let marker = not_yet_in_easy_read(words.map(String::as_str));
    let words = words.filter(|w| !w.trim().is_empty()).map(|w| {
        view! {
            <p class="app-body app-item__words">
                {t_string!(i18n, plan_edit.in_their_words, words = w).to_string()}
            </p>
        }
    });
    view! {
        {words}
        {marker}
    }
}

fn editor(plan: PlanDocument, news: String) -> impl IntoView {
    let i18n = use_i18n();
    let person = plan.person.id.to_string();
    let name = plan.person.name().to_owned();
    let state = match (plan.plan.status, plan.plan.current_version) {
        (PlanStatus::Draft, Some(n)) => {
            t_string!(i18n, plan_edit.state.draft_of_next, next = n + 1, n).to_string()
        }
        (PlanStatus::Draft, None) => t_string!(i18n, plan_edit.state.draft).to_owned(),
        (_, Some(n)) => t_string!(i18n, plan_edit.state.agreed, n, next = n + 1).to_string(),
        (_, None) => String::new(),
    };
    view! {
        <p class="app-caption">{plan.person.full_name.clone()}</p>
        <h1 class="app-heading-xl">
            {t_string!(i18n, plan_edit.heading, name = name.clone()).to_string()}
        </h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="plan-news">
            {news}
        </p>
        <p class="app-body" id="plan-state">
            {state}
        </p>
        <nav class="app-contents" aria-label=t_string!(i18n, plan_edit.contents.label)>
            <ul class="app-link-list">
                <li>
                    <a href="#about-me">{t!(i18n, plan_edit.contents.about_me)}</a>
                </li>
                <li>
                    <a href="#needs">{t!(i18n, plan_edit.contents.needs)}</a>
                </li>
                <li>
                    <a href="#goals">{t!(i18n, plan_edit.contents.goals)}</a>
                </li>
                <li>
                    <a href="#risks">{t!(i18n, plan_edit.contents.risks)}</a>
                </li>
                <li>
                    <a href="#wishes">{t!(i18n, plan_edit.contents.wishes)}</a>
                </li>
                <li>
                    <a href="#decisions">{t!(i18n, plan_edit.contents.decisions)}</a>
                </li>
            </ul>
        </nav>
        {profile_section(&person, &plan)}
        {needs_section(&person, &plan)}
        {goals_section(&person, &plan)}
        {risks_section(&person, &plan.risks)}
        {wishes_section(&person, &plan.wishes_not_met)}
        {decisions_section(&person, &plan.decisions)}
        <p class="app-body">
            <A href=format!("/people/{person}") attr:class="app-link">
                {t_string!(i18n, plan_edit.back, name).to_string()}
            </A>
        </p>
    }
}

fn profile_section(person: &str, plan: &PlanDocument) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let p = &plan.profile;
    let rows: Vec<(String, String)> = [
        (
            t_string!(i18n, plan_edit.profile.like_about_me),
            &p.like_about_me,
        ),
        (
            t_string!(i18n, plan_edit.profile.important_to_me),
            &p.important_to_me,
        ),
        (
            t_string!(i18n, plan_edit.profile.how_to_support_me),
            &p.how_to_support_me,
        ),
        (
            t_string!(i18n, plan_edit.profile.culture_and_beliefs),
            &p.culture_and_beliefs,
        ),
        (t_string!(i18n, plan_edit.profile.lifestyle), &p.lifestyle),
        (
            t_string!(i18n, plan_edit.profile.aspirations),
            &p.aspirations,
        ),
        (
            t_string!(i18n, plan_edit.profile.medical_history),
            &p.medical_history,
        ),
    ]
    .into_iter()
    .map(|(label, text)| {
        let text = if text.trim().is_empty() {
            t_string!(i18n, plan_edit.profile.not_written).to_owned()
        } else {
            text.clone()
        };
        (label.to_owned(), text)
    })
    .collect();
    view! {
        <section class="app-plan-section" aria-labelledby="about-me">
            <h2 class="app-heading-m" id="about-me" tabindex="-1">
                {t!(i18n, plan_edit.profile.heading)}
            </h2>
            <SummaryList rows=rows />
            {own_words(p.own_words.as_ref())}
            <A
                href=format!("/people/{person}/about-me")
                attr:class="app-link"
                attr:id="change-profile"
            >
                {t!(i18n, plan_edit.profile.change)}
            </A>
        </section>
    }
}

fn finding_line(person: &str, f: &Finding) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let source = crate::labels::finding_source(f.source);
    let source = if f.source.needs_consent() && f.with_consent {
        t_string!(i18n, plan_edit.needs.source_with_consent, source).to_string()
    } else {
        t_string!(i18n, plan_edit.needs.source, source).to_string()
    };
    view! {
        <li class="app-item">
            <p class="app-body">
                <strong>
                    {t_string!(
                        i18n, plan_edit.needs.kind, kind = crate::labels::finding_kind(f.kind)
                    )
                        .to_string()}
                </strong>
                {f.text.clone()}
            </p>
            <p class="app-hint">{source}</p>
            {own_words(f.own_words.as_ref())}
            {change_link(person, ItemKind::Finding, f.id.to_string(), &f.text)}
        </li>
    }
}

fn needs_section(person: &str, plan: &PlanDocument) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let headings = plan
        .headings
        .iter()
        .filter(|h| !h.archived || plan.findings.iter().any(|f| f.heading_id == h.id))
        .map(|h| {
            let findings: Vec<_> = plan
                .findings
                .iter()
                .filter(|f| f.heading_id == h.id)
                .map(|f| finding_line(person, f))
                .collect();
            let empty = findings.is_empty();
            let id = format!("heading-{}", h.key);
            let add = t_string!(
                i18n,
                plan_edit.needs.add,
                heading = crate::labels::needs_heading(Some(&h.key), &h.label)
            )
            .to_string();
            view! {
                <div class="app-needs-heading">
                    <h3 class="app-heading-s" id=id>
                        {crate::labels::needs_heading(Some(&h.key), &h.label)}
                    </h3>
                    {if empty {
                        view! { <p class="app-hint">{t!(i18n, plan_edit.needs.nothing_yet)}</p> }
                            .into_any()
                    } else {
                        view! { <ul class="app-items">{findings}</ul> }.into_any()
                    }}
                    {(!h.archived)
                        .then(|| {
                            view! {
                                <A
                                    href=format!("/people/{person}/findings/new?heading={}", h.id)
                                    attr:class="app-link"
                                >
                                    {add}
                                </A>
                            }
                        })}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="needs">
            <h2 class="app-heading-m" id="needs" tabindex="-1">
                {t!(i18n, plan_edit.needs.heading)}
            </h2>
            <p class="app-body">{t!(i18n, plan_edit.needs.intro)}</p>
            {headings}
        </section>
    }
}

fn strategy_line(person: &str, s: &Strategy) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let (name, responsible, frequency, start) = (
        s.responsible_name.clone(),
        crate::labels::responsible_party(s.responsible),
        s.frequency.clone(),
        s.start_on,
    );
    let who = match s.end_on {
        Some(end) => t_string!(
            i18n,
            plan_edit.strategy.who_until,
            name,
            responsible,
            frequency,
            start,
            end
        )
        .to_string(),
        None => t_string!(
            i18n,
            plan_edit.strategy.who,
            name,
            responsible,
            frequency,
            start
        )
        .to_string(),
    };
    view! {
        <li class="app-item">
            <p class="app-body">{s.text.clone()}</p>
            <p class="app-hint">{who}</p>
            {own_words(s.own_words.as_ref())}
            {change_link(person, ItemKind::Strategy, s.id.to_string(), &s.text)}
        </li>
    }
}

fn goal_block(person: &str, goal: &Goal, strategies: &[Strategy]) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let (start, due) = (goal.start_on, goal.due_on);
    let rows = vec![
        (
            t_string!(i18n, plan_edit.goal.measure).to_owned(),
            goal.measure.clone(),
        ),
        (
            t_string!(i18n, plan_edit.goal.target).to_owned(),
            goal.target.clone(),
        ),
        (
            t_string!(i18n, plan_edit.goal.when).to_owned(),
            t_string!(i18n, plan_edit.goal.from_to, start, due).to_string(),
        ),
        (
            t_string!(i18n, plan_edit.goal.status).to_owned(),
            crate::labels::goal_status(goal.status).to_owned(),
        ),
    ];
    let supports: Vec<_> = strategies
        .iter()
        .filter(|s| s.goal_id == goal.id)
        .map(|s| strategy_line(person, s))
        .collect();
    let none = supports.is_empty();
    let for_goal = t_string!(i18n, plan_edit.goal.for_goal, goal = goal.text.clone()).to_string();
    let progress_of =
        t_string!(i18n, plan_edit.goal.progress_of, goal = goal.text.clone()).to_string();
    view! {
        <div class="app-goal-block">
            <h3 class="app-heading-s">{goal.text.clone()}</h3>
            <p class="app-hint">{crate::labels::goal_term(goal.term)}</p>
            {own_words(goal.own_words.as_ref())}
            <SummaryList rows=rows />
            {change_link(person, ItemKind::Goal, goal.id.to_string(), &goal.text)}
            " "
            <A href=format!("/people/{person}/goals/{}/progress", goal.id) attr:class="app-link">
                {t!(i18n, plan_edit.goal.progress)}
                <span class="app-visually-hidden">{progress_of}</span>
            </A>
            <h4 class="app-heading-s">{t!(i18n, plan_edit.goal.supported)}</h4>
            {if none {
                view! { <p class="app-hint">{t!(i18n, plan_edit.goal.no_strategy)}</p> }.into_any()
            } else {
                view! { <ul class="app-items">{supports}</ul> }.into_any()
            }}
            <A
                href=format!("/people/{person}/strategies/new?goal={}", goal.id)
                attr:class="app-link"
            >
                {t!(i18n, plan_edit.goal.add_strategy)}
                <span class="app-visually-hidden">{for_goal}</span>
            </A>
        </div>
    }
}

fn goals_section(person: &str, plan: &PlanDocument) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let goals = plan
        .goals
        .iter()
        .map(|g| goal_block(person, g, &plan.strategies))
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="goals">
            <h2 class="app-heading-m" id="goals" tabindex="-1">
                {t!(i18n, plan_edit.goal.heading)}
            </h2>
            {goals}
            <A href=format!("/people/{person}/goals/new") attr:class="app-link" attr:id="add-goal">
                {t!(i18n, plan_edit.goal.add)}
            </A>
        </section>
    }
}

fn risks_section(person: &str, risks: &[RiskPlan]) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let items = risks
        .iter()
        .map(|r| {
            let rows = vec![
                (
                    t_string!(i18n, plan_edit.risk.choice).to_owned(),
                    r.persons_choice.clone(),
                ),
                (
                    t_string!(i18n, plan_edit.risk.hazards).to_owned(),
                    r.hazards.clone(),
                ),
                (
                    t_string!(i18n, plan_edit.risk.level).to_owned(),
                    t_string!(
                        i18n,
                        plan_edit.risk.likelihood_impact,
                        likelihood = crate::labels::risk_level(r.likelihood),
                        impact = crate::labels::risk_level(r.impact)
                    )
                    .to_string(),
                ),
                (
                    t_string!(i18n, plan_edit.risk.safety).to_owned(),
                    r.safety_measures.clone(),
                ),
                (
                    t_string!(i18n, plan_edit.risk.review_on).to_owned(),
                    r.review_on.to_string(),
                ),
            ];
            view! {
                <div class="app-goal-block">
                    <h3 class="app-heading-s">{r.activity.clone()}</h3>
                    {r
                        .safeguarding_concern
                        .then(|| {
                            view! {
                                <p class="app-body">
                                    <strong>{t!(i18n, plan_edit.risk.safeguarding)}</strong>
                                </p>
                            }
                        })}
                    {own_words(r.own_words.as_ref())}
                    <SummaryList rows=rows />
                    {change_link(person, ItemKind::Risk, r.id.to_string(), &r.activity)}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="risks">
            <h2 class="app-heading-m" id="risks" tabindex="-1">
                {t!(i18n, plan_edit.risk.heading)}
            </h2>
            <p class="app-body">{t!(i18n, plan_edit.risk.intro)}</p>
            {items}
            <A href=format!("/people/{person}/risks/new") attr:class="app-link" attr:id="add-risk">
                {t!(i18n, plan_edit.risk.add)}
            </A>
        </section>
    }
}

fn wishes_section(person: &str, wishes: &[WishNotMet]) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let items = wishes
        .iter()
        .map(|w| {
            let rows = vec![
                (
                    t_string!(i18n, plan_edit.wish.reason).to_owned(),
                    w.reason.clone(),
                ),
                (
                    t_string!(i18n, plan_edit.wish.next_steps).to_owned(),
                    w.next_steps.clone(),
                ),
                (
                    t_string!(i18n, plan_edit.wish.appeal).to_owned(),
                    if w.appeal_explained {
                        t_string!(i18n, plan_edit.wish.yes)
                    } else {
                        t_string!(i18n, plan_edit.wish.not_yet)
                    }
                    .to_owned(),
                ),
            ];
            view! {
                <li class="app-item">
                    <p class="app-body">{w.text.clone()}</p>
                    {own_words(w.own_words.as_ref())}
                    <SummaryList rows=rows />
                    {change_link(person, ItemKind::Wish, w.id.to_string(), &w.text)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="wishes">
            <h2 class="app-heading-m" id="wishes" tabindex="-1">
                {t!(i18n, plan_edit.wish.heading)}
            </h2>
            <p class="app-body">{t!(i18n, plan_edit.wish.intro)}</p>
            <ul class="app-items">{items}</ul>
            <A href=format!("/people/{person}/wishes/new") attr:class="app-link">
                {t!(i18n, plan_edit.wish.add)}
            </A>
        </section>
    }
}

fn decision_line(person: &str, d: &Decision) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let open_disagreement =
        d.kind == DecisionKind::Disagreement && d.status == DecisionStatus::Open;
    let label = t_string!(i18n, plan_edit.decision.about, text = d.text.clone()).to_string();
    let outcome = match (&d.resolution, d.resolved_on) {
        _ if d.resolves.is_some() => t_string!(i18n, plan_edit.decision.resolves).to_owned(),
        (Some(how), Some(on)) => {
            t_string!(i18n, plan_edit.decision.resolved_on, on, how = how.clone()).to_string()
        }
        _ => crate::labels::decision_status(d.status).to_owned(),
    };
    let (kind, on, who) = (
        crate::labels::decision_kind(d.kind),
        d.occurred_on,
        d.who.clone(),
    );
    // What a disagreement is about; staff read every section, so its words are there.
    let about = d.about.as_ref().map(|about| {
        let words = about
            .words
            .clone()
            .unwrap_or_else(|| t_string!(i18n, plan_edit.decision.about_hidden).to_owned());
        view! {
            <p class="app-body">
                {t_string!(i18n, plan_edit.decision.about_item, words).to_string()}
            </p>
        }
    });
    // The person's disagreement and its resolution are kept as said: no change link.
    let action = if open_disagreement {
        Some(view! {
            <A href=format!("/people/{person}/decisions/{}/resolve", d.id) attr:class="app-link">
                {t!(i18n, plan_edit.decision.resolve)}
                <span class="app-visually-hidden">{label}</span>
            </A>
        }.into_any())
    } else if d.is_kept_as_said() {
        None
    } else {
        Some(change_link(person, ItemKind::Decision, d.id.to_string(), &d.text).into_any())
    };
    view! {
        <li class="app-item" class:app-item--open=open_disagreement>
            <p class="app-body"><strong>{t_string!(i18n, plan_edit.decision.kind_on, kind, on).to_string()}</strong>{d.text.clone()}</p>
            {about}
            {own_words(d.own_words.as_ref())}
            <p class="app-hint">{t_string!(i18n, plan_edit.decision.who, who, outcome).to_string()}</p>
            {action}
        </li>
    }
}

fn decisions_section(person: &str, decisions: &[Decision]) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let items = decisions
        .iter()
        .map(|d| decision_line(person, d))
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="decisions">
            <h2 class="app-heading-m" id="decisions" tabindex="-1">
                {t!(i18n, plan_edit.decision.heading)}
            </h2>
            <p class="app-body">{t!(i18n, plan_edit.decision.intro)}</p>
            <ul class="app-items">{items}</ul>
            <A href=format!("/people/{person}/decisions/new") attr:class="app-link">
                {t!(i18n, plan_edit.decision.add)}
            </A>
        </section>
    }
}
