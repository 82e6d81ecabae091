//! `/people/:id`: a person's overview. For staff: the plan's state, the next review, what is
//! still to do, who on the team has read the agreed plan, and agreeing the draft. For the
//! person: their plan, who can see it, and agreeing it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::id::PersonId;
use ourplan_shared::organisation::Person;
use ourplan_shared::plan::overview::{OpenTask, PlanOverview, TaskKind};
use ourplan_shared::plan::{
    Acknowledgements, PlanDocument, PlanStatus, Reader, SignOutcome, SignRequest, SignerRole,
};
use ourplan_shared::role::Role;

use super::leaving::SupportEnded;
use crate::api::{self, endpoint};
use crate::components::{
    ErrorSummary, FormError, PageTitle, PlanDownloads, SummaryList, WhenLoaded,
};
use crate::dates::{local_date, local_date_time, today};
use crate::i18n::{t, t_string, tu_string, use_i18n};
use crate::session::SessionContext;

#[component]
pub fn PersonPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let person_id = move || api::address_id::<PersonId>(params.read().get("person_id"));
    let plan = LocalResource::new(move || {
        let id = person_id();
        async move { api::get::<PlanDocument>(&endpoint::plan(id?)).await }
    });
    let role = move || session.user.get().map(|u| u.role);
    let staff = move || role().is_some_and(Role::is_staff);
    let managers = move || role().is_some_and(|r| matches!(r, Role::Manager | Role::Admin));
    // Staff read the person's details too: whether their support has ended.
    let details = LocalResource::new(move || {
        let id = person_id();
        let staff = staff();
        async move {
            if staff {
                api::get::<Person>(&endpoint::person(id.ok()?)).await.ok()
            } else {
                None
            }
        }
    });
    let left = move || details.get().flatten().is_some_and(|p| p.leaving.is_some());
    let supported = move || staff() && !left();
    let leaving_status = RwSignal::new(String::new());
    let owner_or_staff = move || role().is_some_and(|r| r.is_staff() || r == Role::Individual);
    // What signing did: kept here, as the agreement section is drawn again with the new plan.
    let said = RwSignal::new(String::new());
    let name = move || {
        plan.get()
            .and_then(Result::ok)
            .map(|p| p.person.name().to_owned())
    };
    view! {
        <PageTitle text=t_string!(i18n, person.title) />
        <h1 class="app-heading-xl">
            {move || name().unwrap_or_else(|| t_string!(i18n, person.title).to_owned())}
        </h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="leaving-status">
            {move || leaving_status.get()}
        </p>
        <WhenLoaded ready=Signal::derive(move || {
            plan.get().is_some() && details.get().is_some()
        })>
            {move || {
                details
                    .get()
                    .flatten()
                    .filter(|p| p.leaving.is_some())
                    .map(|p| {
                        view! {
                            <SupportEnded
                                person=p
                                managers=managers()
                                status=leaving_status
                                changed=move || {
                                    details.refetch();
                                    plan.refetch();
                                }
                            />
                        }
                    })
            }}
            <Show when=staff>
                {move || {
                    plan.get()
                        .and_then(Result::ok)
                        .map(|p| {
                            view! { <Overview person=person() overview=p.overview(today()) /> }
                        })
                }}
            </Show> <ul class="app-link-list">
                <Show when=supported>
                    <li>
                        <A href=move || format!("/people/{}/edit", person()) attr:id="write-plan">
                            {t!(i18n, person.links.write)}
                        </A>
                    </li>
                </Show>
                <li>
                    <A href=move || {
                        format!("/people/{}/plan", person())
                    }>{t!(i18n, person.links.read)}</A>
                </li>
                <Show when=owner_or_staff>
                    <li>
                        <A href=move || {
                            format!("/people/{}/sharing", person())
                        }>{t!(i18n, person.links.sharing)}</A>
                    </li>
                    <li>
                        <A href=move || {
                            format!("/people/{}/history", person())
                        }>{t!(i18n, person.links.history)}</A>
                    </li>
                    <li>
                        <A
                            href=move || format!("/people/{}/reviews", person())
                            attr:id="reviews-link"
                        >
                            {t!(i18n, person.links.reviews)}
                        </A>
                    </li>
                    <li>
                        <A
                            href=move || format!("/people/{}/feedback", person())
                            attr:id="feedback-link"
                        >
                            {t!(i18n, person.links.feedback)}
                        </A>
                    </li>
                </Show>
                <Show when=supported>
                    <li>
                        <A
                            href=move || format!("/people/{}/details", person())
                            attr:id="details-link"
                        >
                            {t!(i18n, admit.details_link)}
                        </A>
                    </li>
                    <li>
                        <A href=move || {
                            format!("/people/{}/sign-in-card", person())
                        }>{t!(i18n, person.links.sign_in_card)}</A>
                    </li>
                </Show>
                <Show when=staff>
                    <li>
                        <A
                            href=move || format!("/people/{}/evidence", person())
                            attr:id="evidence-link"
                        >
                            {t!(i18n, person.links.evidence)}
                        </A>
                    </li>
                </Show>
            </ul>
            {move || {
                details
                    .get()
                    .flatten()
                    .filter(|p| p.leaving.is_none() && managers())
                    .map(|p| {
                        view! {
                            <SupportEnded
                                person=p
                                managers=true
                                status=leaving_status
                                changed=move || details.refetch()
                            />
                        }
                    })
            }}
            <Show when=owner_or_staff>
                {move || {
                    person_id()
                        .ok()
                        .map(|person| {
                            view! { <PlanDownloads person=person mine=!staff() staff=staff() /> }
                        })
                }}
            </Show>
            <Show when=move || {
                owner_or_staff() && !left()
            }>
                {move || {
                    plan.get()
                        .and_then(Result::ok)
                        .map(|p| {
                            view! {
                                <AgreePlan
                                    plan=p
                                    as_staff=staff()
                                    said=said
                                    refresh=move || plan.refetch()
                                />
                            }
                        })
                }}
            </Show>
            <Show when=staff>
                {move || person_id().ok().map(|person| view! { <ReadLatest person=person /> })}
            </Show>
        </WhenLoaded>
    }
}

/// The plan's state, the next review and the open tasks, each linked to where it is done.
#[component]
fn Overview(person: String, overview: PlanOverview) -> impl IntoView {
    let i18n = use_i18n();
    let status = match (overview.status, overview.current_version) {
        (PlanStatus::Draft, Some(number)) => {
            let next = number + 1;
            t_string!(i18n, person.overview.agreed_and_draft, number, next).to_string()
        }
        (PlanStatus::Draft, None) => t_string!(i18n, person.overview.draft_not_agreed).to_owned(),
        (PlanStatus::UnderReview, Some(number)) => {
            t_string!(i18n, person.overview.agreed_under_review, number).to_string()
        }
        (_, Some(number)) => t_string!(i18n, person.overview.agreed, number).to_string(),
        (_, None) => t_string!(i18n, person.overview.not_agreed).to_owned(),
    };
    let review = overview.next_review_on.map_or_else(
        || t_string!(i18n, person.overview.no_review).to_owned(),
        local_date,
    );
    let tasks = overview.tasks;
    let count = tasks.len();
    view! {
        <section aria-labelledby="overview-heading">
            <h2 class="app-heading-m" id="overview-heading">
                {t!(i18n, person.overview.heading)}
            </h2>
            <SummaryList rows=vec![
                (t_string!(i18n, person.overview.plan).to_owned(), status),
                (t_string!(i18n, person.overview.next_review).to_owned(), review),
            ] />
            <h3 class="app-heading-s" id="tasks-heading">
                {if count == 0 {
                    t_string!(i18n, person.overview.nothing_waiting).to_owned()
                } else {
                    t_string!(i18n, person.overview.open_tasks, count).to_string()
                }}
            </h3>
            <ul class="app-list--bullet app-tasks" aria-labelledby="tasks-heading">
                {tasks
                    .into_iter()
                    .map(|task| {
                        let href = match &task.item {
                            Some(item) if task.kind == TaskKind::ResolveDisagreement => {
                                format!("/people/{person}/decisions/{}/resolve", item.id)
                            }
                            Some(item) => {
                                format!("/people/{person}/{}/{}", item.collection, item.id)
                            }
                            None => format!("/people/{person}/edit"),
                        };
                        // The person's disagreement is resolved by a new entry, never edited.
                        view! {
                            <li class="app-tasks__item">
                                <A href=href attr:class="app-link">
                                    {task_words(&task)}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Who on the team has read the latest agreed version, and "I have read it".
#[component]
fn ReadLatest(person: PersonId) -> impl IntoView {
    let i18n = use_i18n();
    let path = endpoint::acknowledgements(person);
    let state = LocalResource::new({
        let path = path.clone();
        move || {
            let path = path.clone();
            async move { api::get::<Acknowledgements>(&path).await }
        }
    });
    // "I have read it" as an action: the button is disabled while it is on its way, and a
    // second press before the page shows that sends nothing more.
    let acknowledge = Action::new_local(move |_: &()| {
        let path = path.clone();
        async move {
            if api::post::<_, Acknowledgements>(&path, &()).await.is_ok() {
                state.refetch();
            }
        }
    });
    let marking = acknowledge.pending();
    let mark = move |_| {
        if !marking.get_untracked() {
            acknowledge.dispatch_local(());
        }
    };
    view! {
        <section aria-labelledby="read-heading">
            <h2 class="app-heading-m" id="read-heading">
                {t!(i18n, person.read.heading)}
            </h2>
            <Suspense fallback=move || {
                view! { <p class="app-body">{t!(i18n, person.read.loading)}</p> }
            }>
                {move || {
                    state
                        .get()
                        .and_then(Result::ok)
                        .map(|a| {
                            let names = |list: &[Reader]| {
                                list.iter()
                                    .map(|r| r.display_name.clone())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            };
                            match a.version {
                                None => {
                                    view! {
                                        <p class="app-body">{t!(i18n, person.read.not_agreed)}</p>
                                    }
                                        .into_any()
                                }
                                Some(number) => {
                                    let read = if a.read.is_empty() {
                                        t_string!(i18n, person.read.nobody_yet).to_owned()
                                    } else {
                                        names(&a.read)
                                    };
                                    let not_read = if a.not_read.is_empty() {
                                        t_string!(i18n, person.read.everyone).to_owned()
                                    } else {
                                        names(&a.not_read)
                                    };
                                    view! {
                                        <p class="app-body" id="read-by">
                                            {t_string!(i18n, person.read.read_by, number, names = read)
                                                .to_string()}
                                        </p>
                                        <p class="app-body" id="not-read-by">
                                            {t_string!(i18n, person.read.not_read_by, names = not_read)
                                                .to_string()}
                                        </p>
                                        <button
                                            class="app-button app-button--secondary"
                                            type="button"
                                            id="mark-read"
                                            on:click=mark
                                            prop:disabled=move || marking.get()
                                        >
                                            {t_string!(i18n, person.read.mark, number).to_string()}
                                        </button>
                                    }
                                        .into_any()
                                }
                            }
                        })
                }}
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
    let i18n = use_i18n();
    let staff_signed = t_string!(i18n, person.agree.staff_signed);
    let you_signed = t_string!(i18n, person.agree.you_signed);
    let path = endpoint::signatures(plan.person.id);
    let representing = RwSignal::new(false);
    let rep_name = RwSignal::new(String::new());
    let rep_reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    // Signing as an action: the buttons are disabled while a signature is on its way, and a
    // press before the page shows that signs nothing more.
    let signing = Action::new_local(move |request: &SignRequest| {
        let (path, request) = (path.clone(), request.clone());
        async move {
            match api::post::<_, SignOutcome>(&path, &request).await {
                Ok(outcome) => {
                    errors.set(Vec::new());
                    representing.set(false);
                    said.set(match outcome.agreed_version {
                        Some(version) => {
                            let number = version.number;
                            tu_string!(i18n, person.agree.now_agreed, number).to_string()
                        }
                        None if as_staff => staff_signed.to_owned(),
                        None => you_signed.to_owned(),
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
        }
    });
    let busy = signing.pending();
    let sign = move |request: SignRequest| {
        if !busy.get_untracked() {
            signing.dispatch_local(request);
        }
    };
    let sign_self = move |_| {
        sign(SignRequest {
            role: if as_staff {
                SignerRole::Staff
            } else {
                SignerRole::Person
            },
            signer_name: None,
            reason: None,
        })
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
            let name = &s.signer_name;
            let role = crate::labels::signer_role(s.signer_role);
            let when = local_date_time(s.signed_at.timestamp_millis());
            // Who recorded a representative's signature, so the version shows who did what.
            let recorder = s
                .signer_user_id
                .and_then(|user| plan.team.iter().find(|m| m.user_id == user))
                .map(|m| m.display_name.clone());
            match (&s.reason, recorder) {
                (Some(reason), Some(recorder)) => t_string!(
                    i18n,
                    person.agree.signature_recorded,
                    name,
                    role,
                    reason,
                    recorder,
                    when
                )
                .to_string(),
                (Some(reason), None) => t_string!(
                    i18n,
                    person.agree.signature_because,
                    name,
                    role,
                    reason,
                    when
                )
                .to_string(),
                (None, _) => t_string!(i18n, person.agree.signature, name, role, when).to_string(),
            }
        })
        .collect();
    let draft = plan.plan.status == PlanStatus::Draft;
    let version = plan.plan.current_version;
    view! {
        <section aria-labelledby="agree-heading">
            <h2 class="app-heading-m" id="agree-heading">
                {t!(i18n, person.agree.heading)}
            </h2>
            <p class="app-body app-status" id="agree-status" role="status" aria-live="polite">
                {move || said.get()}
            </p>
            {match (draft, version) {
                (false, Some(n)) => {
                    view! {
                        <p class="app-body" id="plan-state">
                            {t_string!(i18n, person.agree.is_agreed, number = n).to_string()}
                        </p>
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <p class="app-body" id="plan-state">
                            {t!(i18n, person.agree.is_draft)}
                        </p>
                        {(!signed.is_empty())
                            .then(|| {
                                view! {
                                    <p class="app-body">{t!(i18n, person.agree.signed_so_far)}</p>
                                    <ul class="app-list--bullet" id="signed-so-far">
                                        {signed
                                            .into_iter()
                                            .map(|s| view! { <li>{s}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                            })}
                        <div class="app-button-group">
                            <button
                                class="app-button"
                                type="button"
                                id="sign-plan"
                                on:click=sign_self
                                prop:disabled=move || busy.get()
                            >
                                {t!(i18n, person.agree.sign)}
                            </button>
                            {as_staff
                                .then(|| {
                                    view! {
                                        <button
                                            class="app-button app-button--secondary"
                                            type="button"
                                            id="sign-for"
                                            aria-expanded=move || representing.get().to_string()
                                            on:click=move |_| representing.update(|r| *r = !*r)
                                        >
                                            {t!(i18n, person.agree.sign_for)}
                                        </button>
                                    }
                                })}
                        </div>
                        <Show when=move || representing.get()>
                            <ErrorSummary errors=errors />
                            <form class="app-form" novalidate on:submit=sign_for>
                                <div class="app-form-group">
                                    <label class="app-label" for="signer_name">
                                        {t!(i18n, person.agree.representative_name)}
                                    </label>
                                    <input
                                        class="app-input"
                                        id="signer_name"
                                        name="signer_name"
                                        type="text"
                                        autocomplete="off"
                                        prop:value=move || rep_name.get()
                                        on:input=move |e| rep_name.set(event_target_value(&e))
                                    />
                                </div>
                                <div class="app-form-group">
                                    <label class="app-label" for="reason">
                                        {t!(i18n, person.agree.representative_reason)}
                                    </label>
                                    <textarea
                                        class="app-textarea"
                                        id="reason"
                                        name="reason"
                                        rows="3"
                                        prop:value=move || rep_reason.get()
                                        on:input=move |e| rep_reason.set(event_target_value(&e))
                                    ></textarea>
                                </div>
                                <button
                                    class="app-button"
                                    type="submit"
                                    id="sign-as-representative"
                                    prop:disabled=move || busy.get()
                                >
                                    {t!(i18n, person.agree.record)}
                                </button>
                            </form>
                        </Show>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// An open task in the reader's words.
fn task_words(task: &OpenTask) -> String {
    let i18n = use_i18n();
    let subject = task.subject.clone();
    match task.kind {
        TaskKind::ResolveDisagreement => {
            t_string!(i18n, person.tasks.resolve_disagreement, subject).to_string()
        }
        TaskKind::FinishAction => t_string!(i18n, person.tasks.finish_action, subject).to_string(),
        TaskKind::FixGoal => {
            let problem = task.problem.clone().unwrap_or_default();
            t_string!(i18n, person.tasks.fix_goal, subject, problem).to_string()
        }
        TaskKind::AddStrategy => t_string!(i18n, person.tasks.add_strategy, subject).to_string(),
        TaskKind::ReviewRisk => {
            let due = task.due_on.map(local_date).unwrap_or_default();
            t_string!(i18n, person.tasks.review_risk, subject, due).to_string()
        }
        TaskKind::AgreeDraft => {
            let name = subject;
            match (task.person_to_sign, task.staff_to_sign) {
                (true, true) => t_string!(i18n, person.tasks.agree_draft_both, name).to_string(),
                (true, false) => t_string!(i18n, person.tasks.agree_draft_person, name).to_string(),
                (false, true) => t_string!(i18n, person.tasks.agree_draft_staff).to_owned(),
                (false, false) => t_string!(i18n, person.tasks.agree_draft).to_owned(),
            }
        }
        TaskKind::SuggestionWaiting => {
            let name = subject;
            match task.count {
                1 => t_string!(i18n, person.tasks.suggestion_waiting_one, name).to_string(),
                count => {
                    t_string!(i18n, person.tasks.suggestion_waiting_many, count, name).to_string()
                }
            }
        }
    }
}
