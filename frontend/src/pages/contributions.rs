//! Comments and suggestions from family and advocates on a plan: the person sees them
//! all and says yes or no to each suggestion; staff see them; a family member sees their own
//! and writes new ones within what is shared with them. Nothing here changes the plan.

use leptos::prelude::*;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::contribution::{
    ContributionDecision, ContributionKind, ContributionRecord, ContributionRequest,
    ContributionStatus,
};
use ourplan_shared::id::PersonId;

use crate::api::{self, endpoint};
use crate::components::{Choice, ErrorSummary, FormError, Radios};
use crate::i18n::{t, t_string, tu_string, use_i18n};

/// The contributions section of a plan page. `shared` lists the parts a family member may
/// write about (empty for everyone else); `owner` is true for the person themselves.
#[component]
pub fn Contributions(person: PersonId, owner: bool, shared: Vec<PlanSection>) -> impl IntoView {
    let i18n = use_i18n();
    let path = endpoint::contributions(person);
    let list = LocalResource::new({
        let path = path.clone();
        move || {
            let path = path.clone();
            async move { api::get::<Vec<ContributionRecord>>(&path).await }
        }
    });
    let status = RwSignal::new(String::new());
    let writer = !shared.is_empty();
    let write_path = path.clone();
    view! {
        <section aria-labelledby="contributions-heading">
            <h2 class="app-heading-m" id="contributions-heading">
                {if writer {
                    t_string!(i18n, contributions.heading_writer)
                } else {
                    t_string!(i18n, contributions.heading)
                }}
            </h2>
            <p class="app-body">{t!(i18n, contributions.intro)}</p>
            <p
                class="app-body app-status"
                id="contributions-status"
                role="status"
                aria-live="polite"
            >
                {move || status.get()}
            </p>
            <Suspense fallback=move || {
                view! { <p class="app-body">{t!(i18n, contributions.loading)}</p> }
            }>
                {move || {
                    list.get()
                        .map(|result| match result {
                            Ok(items) if items.is_empty() => {
                                view! { <p class="app-body">{t!(i18n, contributions.none)}</p> }
                                    .into_any()
                            }
                            Ok(items) => {
                                view! {
                                    <ul class="app-contributions">
                                        {items
                                            .into_iter()
                                            .map(|item| {
                                                view! {
                                                    <ContributionItem
                                                        item=item
                                                        person=person
                                                        owner=owner
                                                        on_decided=move |message| {
                                                            status.set(message);
                                                            list.refetch();
                                                        }
                                                    />
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(error) => {
                                view! { <p class="app-body">{error.message}</p> }.into_any()
                            }
                        })
                }}
            </Suspense>
            {writer
                .then(|| {
                    view! {
                        <NewContribution
                            path=write_path.clone()
                            shared=shared.clone()
                            on_sent=move |message| {
                                status.set(message);
                                list.refetch();
                            }
                        />
                    }
                })}
        </section>
    }
}

#[component]
fn ContributionItem(
    item: ContributionRecord,
    person: PersonId,
    owner: bool,
    on_decided: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let c = item.contribution;
    let name = item.author_name;
    let author = match c.kind {
        ContributionKind::Comment => t_string!(i18n, contributions.author_wrote, name).to_string(),
        ContributionKind::Suggestion => {
            t_string!(i18n, contributions.author_suggested, name).to_string()
        }
    };
    let state = match c.status {
        ContributionStatus::Pending if c.kind == ContributionKind::Suggestion => {
            t_string!(i18n, contributions.state.waiting)
        }
        ContributionStatus::Pending => "",
        ContributionStatus::Agreed => t_string!(i18n, contributions.state.agreed),
        ContributionStatus::Declined => t_string!(i18n, contributions.state.declined),
    };
    let undecided =
        owner && c.kind == ContributionKind::Suggestion && c.status == ContributionStatus::Pending;
    let error = RwSignal::new(None::<String>);
    // The answer as an action: both buttons are disabled while it is on its way, and a press
    // before the page shows that sends nothing more.
    let (id, version) = (c.id, c.row_version);
    let answer = Action::new_local(move |answer: &ContributionStatus| {
        let (path, answer) = (endpoint::contribution_decision(person, id), *answer);
        async move {
            let body = ContributionDecision { status: answer };
            match api::post_if_match::<_, ContributionRecord>(&path, version, &body).await {
                Ok(_) => on_decided(match answer {
                    ContributionStatus::Agreed => {
                        tu_string!(i18n, contributions.said_yes).to_owned()
                    }
                    _ => tu_string!(i18n, contributions.said_no).to_owned(),
                }),
                Err(e) => error.set(Some(e.message)),
            }
        }
    });
    let answering = answer.pending();
    let decide = move |status: ContributionStatus| {
        move |_| {
            if !answering.get_untracked() {
                answer.dispatch_local(status);
            }
        }
    };
    view! {
        <li class="app-contribution">
            <p class="app-body">
                <strong>{author}</strong>
            </p>
            <p class="app-body-l">{c.text.clone()}</p>
            <p class="app-body">
                {t_string!(
                    i18n, contributions.about, section = crate::labels::plan_section(c.section)
                )
                    .to_string()}
            </p>
            {(!state.is_empty()).then(|| view! { <p class="app-body">{state}</p> })}
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="app-error-message" role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
            {undecided
                .then(|| {
                    view! {
                        <div class="app-button-group">
                            <button
                                class="app-button"
                                type="button"
                                on:click=decide(ContributionStatus::Agreed)
                                prop:disabled=move || answering.get()
                            >
                                {t!(i18n, contributions.yes)}
                            </button>
                            <button
                                class="app-button app-button--secondary"
                                type="button"
                                on:click=decide(ContributionStatus::Declined)
                                prop:disabled=move || answering.get()
                            >
                                {t!(i18n, contributions.no)}
                            </button>
                        </div>
                    }
                })}
        </li>
    }
}

#[component]
fn NewContribution(
    path: String,
    shared: Vec<PlanSection>,
    on_sent: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let first = shared.first().map_or("profile", |s| s.key());
    let section = RwSignal::new(first);
    let kind = RwSignal::new(ContributionKind::Comment.key());
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    // Sending as an action: the button is disabled while it is on its way, and a second press
    // before the page shows that sends nothing more.
    let send = Action::new_local(move |request: &ContributionRequest| {
        let (path, request) = (path.clone(), request.clone());
        async move {
            match api::post::<_, ContributionRecord>(&path, &request).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    text.set(String::new());
                    on_sent(tu_string!(i18n, contributions.sent).to_owned());
                }
                Err(e) => errors.set(vec![FormError {
                    field: e.field.unwrap_or_else(|| "text".to_owned()),
                    message: e.message,
                }]),
            }
        }
    });
    let busy = send.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if text.get_untracked().trim().is_empty() {
            errors.set(vec![FormError {
                field: "text".into(),
                message: tu_string!(i18n, contributions.text_missing).into(),
            }]);
            return;
        }
        let request = ContributionRequest {
            section: PlanSection::from_key(section.get_untracked()).unwrap_or(PlanSection::Profile),
            item_id: None,
            kind: ContributionKind::from_key(kind.get_untracked())
                .unwrap_or(ContributionKind::Comment),
            text: text.get_untracked(),
        };
        send.dispatch_local(request);
    };
    let section_choices = shared
        .iter()
        .map(|s| Choice {
            key: s.key(),
            label: crate::labels::plan_section(*s),
            hint: None,
        })
        .collect();
    let kind_choices = vec![
        Choice {
            key: ContributionKind::Comment.key(),
            label: t_string!(i18n, contributions.kind.comment),
            hint: None,
        },
        Choice {
            key: ContributionKind::Suggestion.key(),
            label: t_string!(i18n, contributions.kind.suggestion),
            hint: Some(t_string!(i18n, contributions.kind.suggestion_hint)),
        },
    ];
    let has_error = move || errors.get().iter().any(|e| e.field == "text");
    view! {
        <form class="app-form" novalidate on:submit=submit>
            <ErrorSummary errors=errors/>
            <h3 class="app-heading-s">{t!(i18n, contributions.write_heading)}</h3>
            <Radios id="section" legend=t_string!(i18n, contributions.section_legend) choices=section_choices selected=section errors=errors/>
            <Radios id="kind" legend=t_string!(i18n, contributions.kind_legend) choices=kind_choices selected=kind errors=errors/>
            <div class="app-form-group" class:app-form-group--error=has_error>
                <label class="app-label" for="text">{t!(i18n, contributions.text_label)}</label>
                {move || errors.get().into_iter().find(|e| e.field == "text").map(|e| view! {
                    <p class="app-error-message" id="text-error">
                        <span class="app-visually-hidden">{t!(i18n, contributions.error_prefix)}</span>{e.message}
                    </p>
                })}
                <textarea class="app-textarea" id="text" name="text" rows="4"
                    aria-describedby=move || has_error().then_some("text-error")
                    prop:value=move || text.get()
                    on:input=move |event| text.set(event_target_value(&event))></textarea>
            </div>
            <button class="app-button" type="submit" prop:disabled=move || busy.get()>{t!(i18n, contributions.send)}</button>
        </form>
    }
}
