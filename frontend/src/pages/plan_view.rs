//! `/people/:id/plan`: the plan as far as the reader may see it, read-only. Access is
//! checked by the server on every load, so "Check for changes" shows at once when sharing
//! has stopped. (The plan editor builds on this page.)

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::consent::{AccessLevel, PlanSection};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::role::Role;
use serde::Deserialize;

use super::contributions::Contributions;
use crate::session::SessionContext;

use crate::api;
use crate::components::PageTitle;

/// The parts of the plan document this page shows. Reading only these keeps every other
/// plan type's parser out of the download (serde skips the rest).
#[derive(Clone, Deserialize)]
struct PlanSummary {
    person: PersonName,
    profile: ProfileText,
    goals: Vec<GoalText>,
    /// For a family member, their own grants: what they may write about.
    access_grants: Vec<GrantScope>,
}

#[derive(Clone, Deserialize)]
struct GrantScope {
    sections: Vec<PlanSection>,
    access_level: AccessLevel,
}

#[derive(Clone, Deserialize)]
struct PersonName {
    id: String,
    full_name: String,
    preferred_name: Option<String>,
}

#[derive(Clone, Deserialize)]
struct ProfileText {
    important_to_me: String,
    like_about_me: String,
    how_to_support_me: String,
}

#[derive(Clone, Deserialize)]
struct GoalText {
    id: String,
    text: String,
    own_words: Option<String>,
}

#[component]
pub fn PlanViewPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let plan = LocalResource::new(move || {
        let id = person();
        async move { api::get::<PlanSummary>(&format!("/api/v1/persons/{id}/plan")).await }
    });
    view! {
        <PageTitle text="Plan"/>
        <Suspense fallback=|| view! { <h1 class="app-heading-xl">"Plan"</h1><p class="app-body">"Loading…"</p> }>
            {move || plan.get().map(|result| match result {
                Ok(document) => plan_view(document, session.user.get().map(|u| u.role)).into_any(),
                Err(error) if error.code == ErrorCode::NotFound => view! {
                    <h1 class="app-heading-xl">"You cannot see this plan"</h1>
                    <p class="app-body-l" id="plan-not-shared">
                        "This plan is not shared with you. The person may have stopped sharing it."
                    </p>
                }.into_any(),
                Err(error) => view! {
                    <h1 class="app-heading-xl">"Plan"</h1>
                    <p class="app-body">{error.message}</p>
                }.into_any(),
            })}
        </Suspense>
        <button class="app-button app-button--secondary" type="button" id="check-for-changes"
            on:click=move |_| plan.refetch()>
            "Check for changes"
        </button>
    }
}

fn plan_view(document: PlanSummary, role: Option<Role>) -> impl IntoView {
    let person_id = document.person.id.clone();
    let person_id_for_links = person_id.clone();
    let owner = role == Some(Role::Individual);
    let staff = role.is_some_and(Role::is_staff);
    // A family member writes about the parts shared with them at "comment" or above.
    let mut writable: Vec<PlanSection> = document
        .access_grants
        .iter()
        .filter(|g| role == Some(Role::Family) && g.access_level >= AccessLevel::Comment)
        .flat_map(|g| g.sections.iter().copied())
        .collect();
    writable.sort();
    writable.dedup();
    let name = document
        .person
        .preferred_name
        .unwrap_or(document.person.full_name);
    let profile = document.profile;
    let about = [
        ("What is important to me", profile.important_to_me),
        ("What people like about me", profile.like_about_me),
        ("How to support me", profile.how_to_support_me),
    ]
    .into_iter()
    .filter(|(_, text)| !text.trim().is_empty())
    .map(|(heading, text)| {
        view! {
            <h3 class="app-heading-s">{heading}</h3>
            <p class="app-body">{text}</p>
        }
    })
    .collect_view();
    let goals = document.goals;
    view! {
        <h1 class="app-heading-xl">{format!("{name}'s plan")}</h1>
        <section aria-labelledby="about-heading">
            <h2 class="app-heading-m" id="about-heading">"About me"</h2>
            {about}
        </section>
        {(!goals.is_empty()).then(|| view! {
            <section aria-labelledby="goals-heading">
                <h2 class="app-heading-m" id="goals-heading">"Goals"</h2>
                <ul class="app-list--bullet app-goals">
                    {goals.into_iter().map(|g| view! {
                        <li>
                            {g.own_words.filter(|w| !w.trim().is_empty()).unwrap_or(g.text)}
                            {staff.then(|| view! {
                                " "
                                <A href=format!("/people/{person_id_for_links}/goals/{}", g.id)>"Change this goal"</A>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <Contributions person=person_id owner=owner shared=writable/>
    }
}
