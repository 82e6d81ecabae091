//! `/people`: the people the signed-in user may see (a staff member's caseload, the people who
//! share their plan with a family member), and `/people/:id`: what can be done for one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::organisation::PersonSummary;
use ourplan_shared::plan::{
    Acknowledgements, PlanStatus, Reader, SignOutcome, SignRequest, SignerRole,
};
use ourplan_shared::role::Role;

use crate::api;
use crate::components::PageTitle;
use crate::session::SessionContext;

fn display_name(person: &PersonSummary) -> String {
    person
        .preferred_name
        .clone()
        .unwrap_or_else(|| person.full_name.clone())
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let people = LocalResource::new(|| api::get::<Vec<PersonSummary>>("/api/v1/persons"));
    let family = move || session.user.get().is_some_and(|u| u.role == Role::Family);
    view! {
        <PageTitle text="People"/>
        <h1 class="app-heading-xl">
            {move || if family() { "People who share their plan with you" } else { "My people" }}
        </h1>
        <Suspense fallback=|| view! { <p class="app-body">"Loading…"</p> }>
            {move || people.get().map(|result| match result {
                Ok(people) if people.is_empty() => view! {
                    <p class="app-body">"There is nobody here yet."</p>
                }.into_any(),
                Ok(people) => view! {
                    <ul class="app-people">
                        {people.into_iter().map(|p| {
                            let name = display_name(&p);
                            let full = (p.preferred_name.is_some()).then(|| format!(" ({})", p.full_name));
                            view! {
                                <li class="app-people__item">
                                    <A href=format!("/people/{}", p.id)>{name}</A>{full}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let people = LocalResource::new(|| api::get::<Vec<PersonSummary>>("/api/v1/persons"));
    let name = move || {
        people
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|p| p.id.to_string() == person()))
            .map(|p| display_name(&p))
    };
    let role = move || session.user.get().map(|u| u.role);
    view! {
        <PageTitle text="Person"/>
        <h1 class="app-heading-xl">{move || name().unwrap_or_else(|| "Person".to_owned())}</h1>
        <ul class="app-link-list">
            <li><A href=move || format!("/people/{}/plan", person())>"Read the plan"</A></li>
            <Show when=move || role().is_some_and(|r| r.is_staff() || r == Role::Individual)>
                <li><A href=move || format!("/people/{}/sharing", person())>"Who can see the plan"</A></li>
                <li><A href=move || format!("/people/{}/history", person())>"Versions and what changed"</A></li>
            </Show>
            <Show when=move || role().is_some_and(Role::is_staff)>
                <li><A href=move || format!("/people/{}/sign-in-card", person())>"Make a sign-in card"</A></li>
            </Show>
        </ul>
        <Show when=move || role().is_some_and(|r| r.is_staff() || r == Role::Individual)>
            <AgreePlan person=person() as_staff=role().is_some_and(Role::is_staff)/>
        </Show>
        <Show when=move || role().is_some_and(Role::is_staff)>
            <ReadLatest person=person()/>
        </Show>
    }
}

/// Who on the team has read the latest agreed version, and "I have read it".
#[component]
fn ReadLatest(person: String) -> impl IntoView {
    let path = format!("/api/v1/persons/{person}/plan/acknowledgements");
    let state = LocalResource::new({
        let path = path.clone();
        move || {
            let path = path.clone();
            async move { api::get::<Acknowledgements>(&path).await }
        }
    });
    let mark = move |_| {
        let path = path.clone();
        leptos::task::spawn_local(async move {
            if api::post::<_, Acknowledgements>(&path, &()).await.is_ok() {
                state.refetch();
            }
        });
    };
    view! {
        <section aria-labelledby="read-heading">
            <h2 class="app-heading-m" id="read-heading">"Who has read the agreed plan"</h2>
            <Suspense fallback=|| view! { <p class="app-body">"Loading…"</p> }>
                {
                    let mark = mark.clone();
                    move || state.get().and_then(Result::ok).map(|a| {
                        let names = |list: &[Reader]| list.iter().map(|r| r.display_name.clone()).collect::<Vec<_>>().join(", ");
                        match a.version {
                            None => view! { <p class="app-body">"The plan has not been agreed yet."</p> }.into_any(),
                            Some(number) => view! {
                                <p class="app-body" id="read-by">{format!("Version {number} read by: {}", if a.read.is_empty() { "nobody yet".to_owned() } else { names(&a.read) })}</p>
                                <p class="app-body" id="not-read-by">{format!("Not read yet: {}", if a.not_read.is_empty() { "everyone has read it".to_owned() } else { names(&a.not_read) })}</p>
                                <button class="app-button app-button--secondary" type="button" id="mark-read" on:click=mark.clone()>
                                    {format!("I have read version {number}")}
                                </button>
                            }.into_any(),
                        }
                    })
                }
            </Suspense>
        </section>
    }
}

/// The plan's state as this section needs it: agreed or a draft, and which version.
#[derive(Clone, serde::Deserialize)]
struct PlanState {
    plan: PlanStatusOnly,
}

#[derive(Clone, serde::Deserialize)]
struct PlanStatusOnly {
    status: PlanStatus,
    current_version: Option<i32>,
}

/// "Agree this plan": the person signs as themselves, staff sign as staff. The second needed
/// signature makes the draft the next agreed version.
#[component]
fn AgreePlan(person: String, as_staff: bool) -> impl IntoView {
    let plan_path = format!("/api/v1/persons/{person}/plan");
    let state = LocalResource::new({
        let plan_path = plan_path.clone();
        move || {
            let plan_path = plan_path.clone();
            async move { api::get::<PlanState>(&plan_path).await }
        }
    });
    let said = RwSignal::new(String::new());
    let sign = move |_| {
        let path = format!("{plan_path}/signatures");
        leptos::task::spawn_local(async move {
            let role = if as_staff {
                SignerRole::Staff
            } else {
                SignerRole::Person
            };
            let request = SignRequest {
                role,
                signer_name: None,
                reason: None,
            };
            match api::post::<_, SignOutcome>(&path, &request).await {
                Ok(outcome) => {
                    said.set(match outcome.agreed_version {
                        Some(version) => format!("Version {} is agreed.", version.number),
                        None if as_staff => {
                            "You signed. The person (or their representative) signs too.".to_owned()
                        }
                        None => "You signed. A member of your support team signs too.".to_owned(),
                    });
                    state.refetch();
                }
                Err(e) => said.set(e.message),
            }
        });
    };
    view! {
        <section aria-labelledby="agree-heading">
            <h2 class="app-heading-m" id="agree-heading">"Agree the plan"</h2>
            <p class="app-body app-status" id="agree-status" role="status" aria-live="polite">{move || said.get()}</p>
            <Suspense fallback=|| view! { <p class="app-body">"Loading…"</p> }>
                {
                    let sign = sign.clone();
                    move || state.get().and_then(Result::ok).map(|s| match (s.plan.status, s.plan.current_version) {
                        (PlanStatus::Agreed, Some(n)) => view! {
                            <p class="app-body" id="plan-state">{format!("Version {n} is agreed. Any change starts the next version.")}</p>
                        }.into_any(),
                        _ => view! {
                            <p class="app-body" id="plan-state">"This is a draft. When you are happy with it, sign to agree it."</p>
                            <button class="app-button" type="button" id="sign-plan" on:click=sign.clone()>"Sign to agree this plan"</button>
                        }.into_any(),
                    })
                }
            </Suspense>
        </section>
    }
}
