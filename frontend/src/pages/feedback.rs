//! `/people/:id/feedback`: "Tell us what you think". The person (in easy read), family
//! and staff say something good, comment, ask for a change or complain, about the plan or how
//! support is given; staff answer. The complaints route is always shown.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use ourplan_shared::feedback::{
    Feedback, FeedbackAbout, FeedbackInput, FeedbackKind, FeedbackResponse, FeedbackStatus,
};
use ourplan_shared::id::PersonId;

use crate::api::{self, endpoint};
use crate::components::{Choice, ErrorSummary, FormError, PageTitle, Radios, TextArea};
use crate::dates::local_date_time;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let i18n = use_i18n();
    let thanks = t_string!(i18n, feedback.sent);
    let session = expect_context::<SessionContext>();
    let params = use_params_map();
    let person = move || api::address_id::<PersonId>(params.read().get("person_id"));
    let list = LocalResource::new(move || {
        let person = person();
        async move { api::get::<Vec<Feedback>>(&endpoint::feedback(person?)).await }
    });
    let kind = RwSignal::new(FeedbackKind::Comment.key());
    let about = RwSignal::new(FeedbackAbout::Plan.key());
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let sent = RwSignal::new(String::new());
    // Sending as an action: the button is disabled while the feedback is on its way, and a
    // second press before the page shows that sends nothing more.
    let send = Action::new_local(move |(person, input): &(PersonId, FeedbackInput)| {
        let (path, input) = (endpoint::feedback(*person), input.clone());
        async move {
            match api::post::<_, Feedback>(&path, &input).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    text.set(String::new());
                    sent.set(thanks.to_owned());
                    list.refetch();
                }
                Err(e) => errors.set(vec![FormError {
                    field: e.field.unwrap_or_else(|| "text".to_owned()),
                    message: e.message,
                }]),
            }
        }
    });
    let sending = send.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let (Some(kind), Some(about)) = (
            FeedbackKind::from_key(kind.get_untracked()),
            FeedbackAbout::from_key(about.get_untracked()),
        ) else {
            return;
        };
        let input = FeedbackInput {
            kind,
            about,
            text: text.get_untracked(),
            picture: None,
        };
        let Ok(person) = person() else {
            return;
        };
        send.dispatch_local((person, input));
    };
    let staff = move || session.user.get().is_some_and(|u| u.role.is_staff());
    let kinds: Vec<Choice> = FeedbackKind::ALL
        .iter()
        .map(|k| Choice {
            key: k.key(),
            label: crate::labels::feedback_kind(*k),
            hint: None,
        })
        .collect();
    let abouts: Vec<Choice> = FeedbackAbout::ALL
        .iter()
        .map(|a| Choice {
            key: a.key(),
            label: crate::labels::feedback_about(*a),
            hint: None,
        })
        .collect();
    view! {
        <PageTitle text=t_string!(i18n, feedback.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, feedback.title)}</h1>
        <p class="app-body-l">{t!(i18n, feedback.intro)}</p>
        <p class="app-body app-status" role="status" aria-live="polite" id="feedback-sent">
            {move || sent.get()}
        </p>
        <form class="app-form" novalidate on:submit=submit>
            <Radios
                id="kind"
                legend=t_string!(i18n, feedback.kind_legend)
                choices=kinds
                selected=kind
                errors=errors
            />
            <Radios
                id="about"
                legend=t_string!(i18n, feedback.about_legend)
                choices=abouts
                selected=about
                errors=errors
            />
            <TextArea
                id="text"
                label=t_string!(i18n, feedback.text_label)
                value=text
                errors=errors
            />
            <button
                class="app-button"
                type="submit"
                id="send-feedback"
                prop:disabled=move || sending.get()
            >
                {t!(i18n, feedback.send)}
            </button>
        </form>
        <section aria-labelledby="complaints-heading">
            <h2 class="app-heading-m" id="complaints-heading">
                {t!(i18n, feedback.complaints_heading)}
            </h2>
            <p class="app-body" id="complaints-route">
                {t!(i18n, feedback.complaints_route)}
            </p>
        </section>
        <section aria-labelledby="said-heading">
            <h2 class="app-heading-m" id="said-heading">
                {t!(i18n, feedback.said_heading)}
            </h2>
            <Suspense fallback=move || {
                view! { <p class="app-body">{t!(i18n, feedback.loading)}</p> }
            }>
                {move || {
                    list.get()
                        .map(|result| match result {
                            Ok(items) if items.is_empty() => {
                                view! { <p class="app-body">{t!(i18n, feedback.nothing_yet)}</p> }
                                    .into_any()
                            }
                            Ok(items) => {
                                view! {
                                    <ul class="app-items" id="feedback-list">
                                        {items
                                            .into_iter()
                                            .rev()
                                            .map(|f| {
                                                person()
                                                    .ok()
                                                    .map(|person| {
                                                        view! {
                                                            <FeedbackItem
                                                                feedback=f
                                                                person=person
                                                                staff=staff()
                                                                on_answered=move || list.refetch()
                                                            />
                                                        }
                                                    })
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <p class="app-body">{e.message}</p> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}

/// One piece of feedback, its answer, and for staff a way to answer it.
#[component]
fn FeedbackItem(
    feedback: Feedback,
    person: PersonId,
    staff: bool,
    on_answered: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let response = RwSignal::new(String::new());
    let close = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FormError>::new());
    let id = feedback.id;
    let version = feedback.row_version;
    let answer = Action::new_local(move |body: &FeedbackResponse| {
        let (path, body) = (endpoint::feedback_response(person, id), body.clone());
        async move {
            match api::post_if_match::<_, Feedback>(&path, version, &body).await {
                Ok(_) => on_answered(),
                Err(e) => errors.set(vec![FormError {
                    field: format!("response-{id}"),
                    message: e.message,
                }]),
            }
        }
    });
    let answering = answer.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if answering.get_untracked() {
            return;
        }
        answer.dispatch_local(FeedbackResponse {
            response: response.get_untracked(),
            close: close.get_untracked(),
        });
    };
    let open = feedback.status != FeedbackStatus::Closed;
    let kind = crate::labels::feedback_kind(feedback.kind);
    let about = crate::labels::feedback_about(feedback.about).to_lowercase();
    let kind_about = t_string!(i18n, feedback.kind_about, kind, about).to_string();
    let name = &feedback.author_name;
    let when = local_date_time(feedback.created_at.timestamp_millis());
    let byline = t_string!(i18n, feedback.byline, name, when).to_string();
    view! {
        <li class="app-item" class:app-item--open=feedback.status == FeedbackStatus::Open>
            <p class="app-body"><strong>{kind_about}</strong>{feedback.text}</p>
            <p class="app-hint">{byline}</p>
            {feedback.response.map(|answer| view! { <p class="app-body app-item__words">{t_string!(i18n, feedback.answer, answer).to_string()}</p> })}
            {(staff && open).then(|| view! {
                <form class="app-form" novalidate on:submit=submit>
                    <TextArea id=format!("response-{id}") label=t_string!(i18n, feedback.your_answer) value=response errors=errors/>
                    <div class="app-checkboxes__item">
                        <input class="app-checkboxes__input" type="checkbox" id=format!("close-{id}")
                            prop:checked=move || close.get() on:change=move |e| close.set(event_target_checked(&e))/>
                        <label class="app-checkboxes__label" for=format!("close-{id}")>{t!(i18n, feedback.close)}</label>
                    </div>
                    <button class="app-button app-button--secondary" type="submit" prop:disabled=move || answering.get()>{t!(i18n, feedback.send_answer)}</button>
                </form>
            })}
        </li>
    }
}
