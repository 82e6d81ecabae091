//! `/people/:id`: a person's overview. For staff: the plan's state, the next review, what is
//! still to do, who on the team has read the agreed plan, and agreeing the draft. For the
//! person: their plan, who can see it, and agreeing it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::plan::overview::PlanOverview;
use ourplan_shared::plan::{
    Acknowledgements, PlanDocument, PlanStatus, Reader, SignOutcome, SignRequest, SignerRole,
};
use ourplan_shared::role::Role;

use crate::api;
use crate::components::{ErrorSummary, FormError, PageTitle, PlanDownloads, SummaryList};
use crate::dates::{local_date, local_date_time, today};
use crate::session::SessionContext;

#[component]
pub fn PersonPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let plan = LocalResource::new(move || {
        let id = person();
        async move { api::get::<PlanDocument>(&format!("/api/v1/persons/{id}/plan")).await }
    });
    let role = move || session.user.get().map(|u| u.role);
    let staff = move || role().is_some_and(Role::is_staff);
    let owner_or_staff = move || role().is_some_and(|r| r.is_staff() || r == Role::Individual);
    // What signing did: kept here, as the agreement section is drawn again with the new plan.
    let said = RwSignal::new(String::new());
    let name = move || {
        plan.get()
            .and_then(Result::ok)
            .map(|p| p.person.name().to_owned())
    };
    view! {
        <PageTitle text="Person"/>
        <h1 class="app-heading-xl">{move || name().unwrap_or_else(|| "Person".to_owned())}</h1>
        <Show when=staff>
            {move || plan.get().and_then(Result::ok).map(|p| view! {
                <Overview person=person() overview=p.overview(today())/>
            })}
        </Show>
        <ul class="app-link-list">
            <Show when=staff>
                <li><A href=move || format!("/people/{}/edit", person()) attr:id="write-plan">"Write and change the plan"</A></li>
            </Show>
            <li><A href=move || format!("/people/{}/plan", person())>"Read the plan"</A></li>
            <Show when=owner_or_staff>
                <li><A href=move || format!("/people/{}/sharing", person())>"Who can see the plan"</A></li>
                <li><A href=move || format!("/people/{}/history", person())>"Versions and what changed"</A></li>
                <li><A href=move || format!("/people/{}/reviews", person()) attr:id="reviews-link">"Reviews"</A></li>
                <li><A href=move || format!("/people/{}/feedback", person()) attr:id="feedback-link">"Feedback, compliments and complaints"</A></li>
            </Show>
            <Show when=staff>
                <li><A href=move || format!("/people/{}/evidence", person()) attr:id="evidence-link">"Care-standard evidence"</A></li>
                <li><A href=move || format!("/people/{}/sign-in-card", person())>"Make a sign-in card"</A></li>
            </Show>
        </ul>
        <Show when=owner_or_staff>
            {move || view! { <PlanDownloads person=person() mine=!staff() staff=staff()/> }}
        </Show>
        <Show when=owner_or_staff>
            {move || plan.get().and_then(Result::ok).map(|p| view! {
                <AgreePlan plan=p as_staff=staff() said=said refresh=move || plan.refetch()/>
            })}
        </Show>
        <Show when=staff>
            <ReadLatest person=person()/>
        </Show>
    }
}

/// The plan's state, the next review and the open tasks, each linked to where it is done.
#[component]
fn Overview(person: String, overview: PlanOverview) -> impl IntoView {
    let status = match (overview.status, overview.current_version) {
        (PlanStatus::Draft, Some(n)) => format!("Version {n} agreed; version {} is a draft", n + 1),
        (PlanStatus::Draft, None) => "Draft, not agreed yet".to_owned(),
        (PlanStatus::UnderReview, Some(n)) => format!("Version {n} agreed; under review"),
        (_, Some(n)) => format!("Version {n} agreed"),
        (_, None) => "Not agreed yet".to_owned(),
    };
    let review = overview
        .next_review_on
        .map_or_else(|| "None planned".to_owned(), local_date);
    let tasks = overview.tasks;
    let count = tasks.len();
    view! {
        <section aria-labelledby="overview-heading">
            <h2 class="app-heading-m" id="overview-heading">"The plan at a glance"</h2>
            <SummaryList rows=vec![
                ("Plan".to_owned(), status),
                ("Next review".to_owned(), review),
            ]/>
            <h3 class="app-heading-s" id="tasks-heading">
                {if count == 0 { "Nothing is waiting to be done".to_owned() } else { format!("Open tasks ({count})") }}
            </h3>
            <ul class="app-list--bullet app-tasks" aria-labelledby="tasks-heading">
                {tasks.into_iter().map(|task| {
                    let href = match &task.item {
                        Some(item) => format!("/people/{person}/{}/{}", item.collection, item.id),
                        None => format!("/people/{person}/edit"),
                    };
                    view! { <li class="app-tasks__item"><A href=href attr:class="app-link">{task.text}</A></li> }
                }).collect_view()}
            </ul>
        </section>
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
        spawn_local(async move {
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

/// "Agree this plan": the person signs as themselves, staff sign as staff or record the
/// signature of the person's representative with the reason. The second needed signature
/// makes the draft the next agreed version.
#[component]
fn AgreePlan(
    plan: PlanDocument,
    as_staff: bool,
    /// What the last signature did, in words.
    said: RwSignal<String>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let path = format!("/api/v1/persons/{}/plan/signatures", plan.person.id);
    let representing = RwSignal::new(false);
    let rep_name = RwSignal::new(String::new());
    let rep_reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let sign = move |request: SignRequest| {
        let path = path.clone();
        spawn_local(async move {
            match api::post::<_, SignOutcome>(&path, &request).await {
                Ok(outcome) => {
                    errors.set(Vec::new());
                    representing.set(false);
                    said.set(match outcome.agreed_version {
                        Some(version) => format!("Version {} is agreed.", version.number),
                        None if as_staff => {
                            "Signed. The plan is agreed when both the person (or their representative) and staff have signed.".to_owned()
                        }
                        None => "You signed. A member of your support team signs too.".to_owned(),
                    });
                    refresh();
                }
                Err(e) => match e.field {
                    Some(field) => errors.set(vec![FormError {
                        field,
                        message: e.message,
                    }]),
                    None => said.set(e.message),
                },
            }
        });
    };
    let sign_self = {
        let sign = sign.clone();
        move |_| {
            sign(SignRequest {
                role: if as_staff {
                    SignerRole::Staff
                } else {
                    SignerRole::Person
                },
                signer_name: None,
                reason: None,
            })
        }
    };
    let sign_for = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        sign(SignRequest {
            role: SignerRole::Representative,
            signer_name: Some(rep_name.get_untracked()),
            reason: Some(rep_reason.get_untracked()),
        });
    };
    let signed: Vec<String> = plan
        .signatures
        .iter()
        .filter(|s| s.plan_version_id.is_none())
        .map(|s| {
            let reason = s
                .reason
                .as_ref()
                .map(|r| format!(", because {r}"))
                .unwrap_or_default();
            format!(
                "{} ({}{reason}), {}",
                s.signer_name,
                SignerRole::label(s.signer_role),
                local_date_time(s.signed_at.timestamp_millis())
            )
        })
        .collect();
    let draft = plan.plan.status == PlanStatus::Draft;
    let version = plan.plan.current_version;
    view! {
        <section aria-labelledby="agree-heading">
            <h2 class="app-heading-m" id="agree-heading">"Agree the plan"</h2>
            <p class="app-body app-status" id="agree-status" role="status" aria-live="polite">{move || said.get()}</p>
            {match (draft, version) {
                (false, Some(n)) => view! {
                    <p class="app-body" id="plan-state">{format!("Version {n} is agreed. Any change starts the next version.")}</p>
                }.into_any(),
                _ => view! {
                    <p class="app-body" id="plan-state">"This is a draft. When you are happy with it, sign to agree it."</p>
                    {(!signed.is_empty()).then(|| view! {
                        <p class="app-body">"Signed so far:"</p>
                        <ul class="app-list--bullet" id="signed-so-far">
                            {signed.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        </ul>
                    })}
                    <div class="app-button-group">
                        <button class="app-button" type="button" id="sign-plan" on:click=sign_self>"Sign to agree this plan"</button>
                        {as_staff.then(|| view! {
                            <button class="app-button app-button--secondary" type="button" id="sign-for"
                                aria-expanded=move || representing.get().to_string()
                                on:click=move |_| representing.update(|r| *r = !*r)>
                                "Record a representative's signature"
                            </button>
                        })}
                    </div>
                    <Show when=move || representing.get()>
                        <ErrorSummary errors=errors/>
                        <form class="app-form" novalidate on:submit=sign_for.clone()>
                            <div class="app-form-group">
                                <label class="app-label" for="signer_name">"The representative's name"</label>
                                <input class="app-input" id="signer_name" name="signer_name" type="text" autocomplete="off"
                                    prop:value=move || rep_name.get() on:input=move |e| rep_name.set(event_target_value(&e))/>
                            </div>
                            <div class="app-form-group">
                                <label class="app-label" for="reason">"Why the person is not signing themselves"</label>
                                <textarea class="app-textarea" id="reason" name="reason" rows="3"
                                    prop:value=move || rep_reason.get() on:input=move |e| rep_reason.set(event_target_value(&e))></textarea>
                            </div>
                            <button class="app-button" type="submit" id="sign-as-representative">"Record their signature"</button>
                        </form>
                    </Show>
                }.into_any(),
            }}
        </section>
    }
}
