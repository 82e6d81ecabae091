//! `/people/:id/plan`: the plan as far as the reader may see it, read-only. Access is
//! checked by the server on every load, so "Check for changes" shows at once when sharing
//! has stopped. (The plan editor builds on this page.)

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::consent::{AccessLevel, PlanSection};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::plan::{OpinionRequest, OwnWords};
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
    row_version: i64,
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
                Ok(document) => plan_view(document, session.user.get().map(|u| u.role), move || plan.refetch()).into_any(),
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

fn plan_view(
    document: PlanSummary,
    role: Option<Role>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
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
                    {goals.into_iter().map(|g| {
                        if owner {
                            return view! { <MyGoal goal=g person=person_id_for_links.clone() refresh=refresh/> }.into_any();
                        }
                        view! {
                            <li>
                                {g.own_words.filter(|w| !w.trim().is_empty()).unwrap_or(g.text)}
                                {staff.then(|| view! {
                                    " "
                                    <A href=format!("/people/{person_id_for_links}/goals/{}", g.id)>"Change this goal"</A>
                                })}
                            </li>
                        }.into_any()
                    }).collect_view()}
                </ul>
            </section>
        })}
        <Contributions person=person_id owner=owner shared=writable/>
    }
}

/// One goal on the person's own plan: the staff wording, their own words, and whether they
/// agree. Not agreeing opens a disagreement that the support team must talk through.
#[component]
fn MyGoal(
    goal: GoalText,
    person: String,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let path = format!("/api/v1/persons/{person}/goals/{}", goal.id);
    let words = RwSignal::new(goal.own_words.clone().unwrap_or_default());
    let writing = RwSignal::new(false);
    let disagreeing = RwSignal::new(false);
    let why = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    let version = goal.row_version;
    let id = goal.id.clone();
    let save_words = {
        let path = path.clone();
        move |_| {
            let path = format!("{path}/own-words");
            spawn_local(async move {
                let body = OwnWords {
                    own_words: Some(words.get_untracked()),
                };
                match api::put_if_match::<_, serde_json::Value>(&path, version, &body).await {
                    Ok(_) => {
                        writing.set(false);
                        refresh();
                    }
                    Err(refused) => said.set(refused.error.message),
                }
            });
        }
    };
    let opinion = move |agrees: bool| {
        let path = format!("{path}/opinion");
        move |_| {
            let path = path.clone();
            let comment = (!agrees).then(|| why.get_untracked());
            spawn_local(async move {
                let body = OpinionRequest { agrees, comment };
                match api::post::<_, serde_json::Value>(&path, &body).await {
                    Ok(_) => {
                        disagreeing.set(false);
                        said.set(if agrees {
                            "Thank you. You said you agree.".to_owned()
                        } else {
                            "Thank you. Your support team will talk with you about it.".to_owned()
                        });
                    }
                    Err(e) => said.set(e.message),
                }
            });
        }
    };
    let disagree = opinion(false);
    let agree = opinion(true);
    let words_id = format!("words-{id}");
    let why_id = format!("why-{id}");
    view! {
        <li class="app-my-goal">
            <p class="app-body-l">{goal.text.clone()}</p>
            {goal.own_words.clone().filter(|w| !w.trim().is_empty()).map(|w| view! {
                <p class="app-body app-my-goal__words">{format!("In my words: {w}")}</p>
            })}
            <p class="app-body app-status" role="status" aria-live="polite">{move || said.get()}</p>
            <Show when=move || writing.get()>
                <div class="app-form-group">
                    <label class="app-label" for=words_id.clone()>"In my words"</label>
                    <textarea class="app-textarea" id=words_id.clone() rows="3"
                        prop:value=move || words.get()
                        on:input=move |e| words.set(event_target_value(&e))></textarea>
                </div>
                <button class="app-button" type="button" on:click=save_words.clone()>"Save my words"</button>
            </Show>
            <Show when=move || disagreeing.get()>
                <div class="app-form-group">
                    <label class="app-label" for=why_id.clone()>"Tell us why (you can leave this empty)"</label>
                    <textarea class="app-textarea" id=why_id.clone() rows="3"
                        prop:value=move || why.get()
                        on:input=move |e| why.set(event_target_value(&e))></textarea>
                </div>
                <button class="app-button" type="button" on:click=disagree.clone()>"Send"</button>
            </Show>
            <div class="app-button-group">
                <button class="app-button app-button--secondary" type="button" on:click=move |_| writing.set(true)>
                    "Write it in my words"
                </button>
                <button class="app-button app-button--secondary" type="button" on:click=agree>"I agree"</button>
                <button class="app-button app-button--secondary" type="button" on:click=move |_| disagreeing.set(true)>
                    "I don't agree"
                </button>
            </div>
        </li>
    }
}
