//! `/people/:id/edit`: the plan editor for staff. Every part of the plan on one page, in the
//! order it is written: the one-page profile, the needs assessment under each heading, goals
//! with the strategies that support them, risk plans, wishes not met, and the decisions and
//! disagreements log. Each item links to its own form; each section says how to add one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use ourplan_shared::plan::{
    Decision, DecisionKind, DecisionStatus, Finding, Goal, PlanDocument, PlanStatus, RiskPlan,
    Strategy, WishNotMet,
};

use crate::api;
use crate::components::{PageTitle, SummaryList, not_yet_in_easy_read};
use crate::item_kind::ItemKind;

#[component]
pub fn PlanEditPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let plan = LocalResource::new(move || {
        let id = person();
        async move { api::get::<PlanDocument>(&format!("/api/v1/persons/{id}/plan")).await }
    });
    // Back from a form: say what happened, once, where a screen reader hears it.
    let news = move || {
        let q = query.read();
        let noun = |collection: String| {
            ItemKind::from_collection(&collection).map_or("item", ItemKind::noun)
        };
        if let Some(c) = q.get("saved") {
            format!("The {} is saved.", noun(c))
        } else if let Some(c) = q.get("removed") {
            format!("The {} is removed.", noun(c))
        } else {
            String::new()
        }
    };
    view! {
        <PageTitle text="Write the plan"/>
        <Suspense fallback=|| view! { <h1 class="app-heading-xl">"Write the plan"</h1><p class="app-body">"Loading…"</p> }>
            {move || plan.get().map(|result| match result {
                Ok(document) => editor(document, news()).into_any(),
                Err(error) => view! {
                    <h1 class="app-heading-xl">"Write the plan"</h1>
                    <p class="app-body">{error.message}</p>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// The link to an item's form: "Change", with what it is for a screen reader.
fn change_link(person: &str, kind: ItemKind, id: String, what: &str) -> impl IntoView + use<> {
    let what = format!(" {}: {what}", kind.noun());
    view! {
        <A href=format!("/people/{person}/{}/{}", kind.collection(), id) attr:class="app-link">
            "Change"<span class="app-visually-hidden">{what}</span>
        </A>
    }
}

/// The person's own words, or the marker that the point is not in easy read yet.
fn own_words(words: Option<&String>) -> impl IntoView + use<> {
    let marker = not_yet_in_easy_read(words.map(String::as_str));
    let words = words.filter(|w| !w.trim().is_empty()).map(|w| {
        view! { <p class="app-body app-item__words">{format!("In their words: {w}")}</p> }
    });
    view! { {words} {marker} }
}

fn editor(plan: PlanDocument, news: String) -> impl IntoView {
    let person = plan.person.id.to_string();
    let name = plan.person.name().to_owned();
    let state = match (plan.plan.status, plan.plan.current_version) {
        (PlanStatus::Draft, Some(n)) => format!(
            "This is the draft of version {}. Version {n} stays as agreed until this one is signed.",
            n + 1
        ),
        (PlanStatus::Draft, None) => "This is a draft. Nobody has signed it yet.".to_owned(),
        (_, Some(n)) => format!(
            "Version {n} is agreed. A change starts the draft of version {}.",
            n + 1
        ),
        (_, None) => String::new(),
    };
    view! {
        <p class="app-caption">{plan.person.full_name.clone()}</p>
        <h1 class="app-heading-xl">{format!("{name}'s plan: write and change it")}</h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="plan-news">{news}</p>
        <p class="app-body" id="plan-state">{state}</p>
        <nav class="app-contents" aria-label="Parts of the plan">
            <ul class="app-link-list">
                <li><a href="#about-me">"About me"</a></li>
                <li><a href="#needs">"Needs assessment"</a></li>
                <li><a href="#goals">"Goals and support"</a></li>
                <li><a href="#risks">"Risk plans"</a></li>
                <li><a href="#wishes">"Wishes not met"</a></li>
                <li><a href="#decisions">"Decisions and disagreements"</a></li>
            </ul>
        </nav>
        {profile_section(&person, &plan)}
        {needs_section(&person, &plan)}
        {goals_section(&person, &plan)}
        {risks_section(&person, &plan.risks)}
        {wishes_section(&person, &plan.wishes_not_met)}
        {decisions_section(&person, &plan.decisions)}
        <p class="app-body">
            <A href=format!("/people/{person}") attr:class="app-link">{format!("Back to {name}'s overview")}</A>
        </p>
    }
}

fn profile_section(person: &str, plan: &PlanDocument) -> impl IntoView + use<> {
    let p = &plan.profile;
    let rows: Vec<(String, String)> = [
        ("What people like and admire about me", &p.like_about_me),
        ("What is important to me", &p.important_to_me),
        ("How best to support me", &p.how_to_support_me),
        ("My culture and beliefs", &p.culture_and_beliefs),
        ("How I like to live", &p.lifestyle),
        ("My hopes for the future", &p.aspirations),
        (
            "Health history that matters for my support",
            &p.medical_history,
        ),
    ]
    .into_iter()
    .map(|(label, text)| {
        let text = if text.trim().is_empty() {
            "Not written yet".to_owned()
        } else {
            text.clone()
        };
        (label.to_owned(), text)
    })
    .collect();
    view! {
        <section class="app-plan-section" aria-labelledby="about-me">
            <h2 class="app-heading-m" id="about-me" tabindex="-1">"About me: the one-page profile"</h2>
            <SummaryList rows=rows/>
            {own_words(p.own_words.as_ref())}
            <A href=format!("/people/{person}/about-me") attr:class="app-link" attr:id="change-profile">
                "Change the one-page profile"
            </A>
        </section>
    }
}

fn finding_line(person: &str, f: &Finding) -> impl IntoView + use<> {
    let consent =
        (f.source.needs_consent() && f.with_consent).then_some(", collected with consent");
    view! {
        <li class="app-item">
            <p class="app-body">
                <strong>{format!("{}: ", f.kind.label())}</strong>{f.text.clone()}
            </p>
            <p class="app-hint">{format!("Source: {}{}", f.source.label(), consent.unwrap_or_default())}</p>
            {own_words(f.own_words.as_ref())}
            {change_link(person, ItemKind::Finding, f.id.to_string(), &f.text)}
        </li>
    }
}

fn needs_section(person: &str, plan: &PlanDocument) -> impl IntoView + use<> {
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
            view! {
                <div class="app-needs-heading">
                    <h3 class="app-heading-s" id=id>{h.label.clone()}</h3>
                    {if empty {
                        view! { <p class="app-hint">"Nothing recorded yet."</p> }.into_any()
                    } else {
                        view! { <ul class="app-items">{findings}</ul> }.into_any()
                    }}
                    {(!h.archived).then(|| view! {
                        <A href=format!("/people/{person}/findings/new?heading={}", h.id) attr:class="app-link">
                            {format!("Add a finding under {}", h.label)}
                        </A>
                    })}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="needs">
            <h2 class="app-heading-m" id="needs" tabindex="-1">"Needs assessment"</h2>
            <p class="app-body">"Strengths, needs and preferences under each heading, and where each came from."</p>
            {headings}
        </section>
    }
}

fn strategy_line(person: &str, s: &Strategy) -> impl IntoView + use<> {
    let until = s.end_on.map(|d| format!(" until {d}")).unwrap_or_default();
    view! {
        <li class="app-item">
            <p class="app-body">{s.text.clone()}</p>
            <p class="app-hint">
                {format!("{} ({}), {}, from {}{until}", s.responsible_name, s.responsible.label(), s.frequency, s.start_on)}
            </p>
            {own_words(s.own_words.as_ref())}
            {change_link(person, ItemKind::Strategy, s.id.to_string(), &s.text)}
        </li>
    }
}

fn goal_block(person: &str, goal: &Goal, strategies: &[Strategy]) -> impl IntoView + use<> {
    let rows = vec![
        ("How progress is measured".to_owned(), goal.measure.clone()),
        ("What counts as done".to_owned(), goal.target.clone()),
        (
            "When".to_owned(),
            format!("From {} to {}", goal.start_on, goal.due_on),
        ),
        ("How it is going".to_owned(), goal.status.label().to_owned()),
    ];
    let supports: Vec<_> = strategies
        .iter()
        .filter(|s| s.goal_id == goal.id)
        .map(|s| strategy_line(person, s))
        .collect();
    let none = supports.is_empty();
    let for_goal = format!(" for the goal: {}", goal.text);
    let progress_of = format!(" of the goal: {}", goal.text);
    view! {
        <div class="app-goal-block">
            <h3 class="app-heading-s">{goal.text.clone()}</h3>
            <p class="app-hint">{goal.term.label()}</p>
            {own_words(goal.own_words.as_ref())}
            <SummaryList rows=rows/>
            {change_link(person, ItemKind::Goal, goal.id.to_string(), &goal.text)}
            " "
            <A href=format!("/people/{person}/goals/{}/progress", goal.id) attr:class="app-link">
                "Progress"<span class="app-visually-hidden">{progress_of}</span>
            </A>
            <h4 class="app-heading-s">"How this goal is supported"</h4>
            {if none {
                view! { <p class="app-hint">"No strategy yet."</p> }.into_any()
            } else {
                view! { <ul class="app-items">{supports}</ul> }.into_any()
            }}
            <A href=format!("/people/{person}/strategies/new?goal={}", goal.id) attr:class="app-link">
                "Add a strategy"<span class="app-visually-hidden">{for_goal}</span>
            </A>
        </div>
    }
}

fn goals_section(person: &str, plan: &PlanDocument) -> impl IntoView + use<> {
    let goals = plan
        .goals
        .iter()
        .map(|g| goal_block(person, g, &plan.strategies))
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="goals">
            <h2 class="app-heading-m" id="goals" tabindex="-1">"Goals and how they are supported"</h2>
            {goals}
            <A href=format!("/people/{person}/goals/new") attr:class="app-link" attr:id="add-goal">"Add a goal"</A>
        </section>
    }
}

fn risks_section(person: &str, risks: &[RiskPlan]) -> impl IntoView + use<> {
    let items = risks
        .iter()
        .map(|r| {
            let rows = vec![
                ("What the person chooses".to_owned(), r.persons_choice.clone()),
                ("What could go wrong".to_owned(), r.hazards.clone()),
                (
                    "How likely, how bad".to_owned(),
                    format!("{}, {}", r.likelihood.label(), r.impact.label()),
                ),
                ("How it is made as safe as possible".to_owned(), r.safety_measures.clone()),
                ("Review date".to_owned(), r.review_on.to_string()),
            ];
            view! {
                <div class="app-goal-block">
                    <h3 class="app-heading-s">{r.activity.clone()}</h3>
                    {r.safeguarding_concern.then(|| view! { <p class="app-body"><strong>"Safeguarding concern"</strong></p> })}
                    {own_words(r.own_words.as_ref())}
                    <SummaryList rows=rows/>
                    {change_link(person, ItemKind::Risk, r.id.to_string(), &r.activity)}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="risks">
            <h2 class="app-heading-m" id="risks" tabindex="-1">"Risk plans"</h2>
            <p class="app-body">"What the person chooses to do, and how it is made as safe as possible."</p>
            {items}
            <A href=format!("/people/{person}/risks/new") attr:class="app-link" attr:id="add-risk">"Add a risk plan"</A>
        </section>
    }
}

fn wishes_section(person: &str, wishes: &[WishNotMet]) -> impl IntoView + use<> {
    let items = wishes
        .iter()
        .map(|w| {
            let rows = vec![
                ("Why not".to_owned(), w.reason.clone()),
                ("What happens next".to_owned(), w.next_steps.clone()),
                (
                    "Told they can appeal".to_owned(),
                    if w.appeal_explained { "Yes" } else { "Not yet" }.to_owned(),
                ),
            ];
            view! {
                <li class="app-item">
                    <p class="app-body">{w.text.clone()}</p>
                    {own_words(w.own_words.as_ref())}
                    <SummaryList rows=rows/>
                    {change_link(person, ItemKind::Wish, w.id.to_string(), &w.text)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="wishes">
            <h2 class="app-heading-m" id="wishes" tabindex="-1">"Wishes not met"</h2>
            <p class="app-body">"What the person wanted that could not be done, why, and how they can appeal."</p>
            <ul class="app-items">{items}</ul>
            <A href=format!("/people/{person}/wishes/new") attr:class="app-link">"Record a wish not met"</A>
        </section>
    }
}

fn decision_line(person: &str, d: &Decision) -> impl IntoView + use<> {
    let open_disagreement =
        d.kind == DecisionKind::Disagreement && d.status == DecisionStatus::Open;
    let about = format!(": {}", d.text);
    let outcome = match (&d.resolution, d.resolved_on) {
        (Some(how), Some(on)) => format!("Resolved on {on}: {how}"),
        _ => d.status.label().to_owned(),
    };
    view! {
        <li class="app-item" class:app-item--open=open_disagreement>
            <p class="app-body"><strong>{format!("{} on {}: ", d.kind.label(), d.occurred_on)}</strong>{d.text.clone()}</p>
            {own_words(d.own_words.as_ref())}
            <p class="app-hint">{format!("Who: {}. {outcome}", d.who)}</p>
            {if open_disagreement {
                view! {
                    <A href=format!("/people/{person}/decisions/{}", d.id) attr:class="app-link">
                        "Record how it was resolved"<span class="app-visually-hidden">{about}</span>
                    </A>
                }.into_any()
            } else {
                change_link(person, ItemKind::Decision, d.id.to_string(), &d.text).into_any()
            }}
        </li>
    }
}

fn decisions_section(person: &str, decisions: &[Decision]) -> impl IntoView + use<> {
    let items = decisions
        .iter()
        .map(|d| decision_line(person, d))
        .collect_view();
    view! {
        <section class="app-plan-section" aria-labelledby="decisions">
            <h2 class="app-heading-m" id="decisions" tabindex="-1">"Decisions and disagreements"</h2>
            <p class="app-body">"Who decided or disagreed, when, and how it was resolved."</p>
            <ul class="app-items">{items}</ul>
            <A href=format!("/people/{person}/decisions/new") attr:class="app-link">"Add to the log"</A>
        </section>
    }
}
