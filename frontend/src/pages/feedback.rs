//! `/people/:id/feedback`: "Tell us what you think". The person (in easy read), family
//! and staff say something good, comment, ask for a change or complain, about the plan or how
//! support is given; staff answer. The complaints route is always shown.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use ourplan_shared::feedback::{
    COMPLAINTS_ROUTE, Feedback, FeedbackAbout, FeedbackInput, FeedbackKind, FeedbackResponse,
    FeedbackStatus,
};

use crate::api;
use crate::components::{Choice, ErrorSummary, FormError, PageTitle, Radios, TextArea};
use crate::dates::local_date_time;
use crate::session::SessionContext;

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let path = move || format!("/api/v1/persons/{}/feedback", person());
    let list = LocalResource::new(move || {
        let path = path();
        async move { api::get::<Vec<Feedback>>(&path).await }
    });
    let kind = RwSignal::new(FeedbackKind::Comment.key());
    let about = RwSignal::new(FeedbackAbout::Plan.key());
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let sent = RwSignal::new(String::new());
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
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
        let path = path();
        spawn_local(async move {
            match api::post::<_, Feedback>(&path, &input).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    text.set(String::new());
                    sent.set(
                        "Thank you. We have your message. Someone will answer you.".to_owned(),
                    );
                    list.refetch();
                }
                Err(e) => errors.set(vec![FormError {
                    field: e.field.unwrap_or_else(|| "text".to_owned()),
                    message: e.message,
                }]),
            }
        });
    };
    let staff = move || session.user.get().is_some_and(|u| u.role.is_staff());
    let kinds: Vec<Choice> = FeedbackKind::ALL
        .iter()
        .map(|k| Choice {
            key: k.key(),
            label: k.label(),
            hint: None,
        })
        .collect();
    let abouts: Vec<Choice> = FeedbackAbout::ALL
        .iter()
        .map(|a| Choice {
            key: a.key(),
            label: a.label(),
            hint: None,
        })
        .collect();
    view! {
        <PageTitle text="Tell us what you think"/>
        <ErrorSummary errors=errors/>
        <h1 class="app-heading-xl">"Tell us what you think"</h1>
        <p class="app-body-l">"You can tell us something good, or something you want to change."</p>
        <p class="app-body app-status" role="status" aria-live="polite" id="feedback-sent">{move || sent.get()}</p>
        <form class="app-form" novalidate on:submit=send>
            <Radios id="kind" legend="What do you want to tell us?" choices=kinds selected=kind errors=errors/>
            <Radios id="about" legend="Is it about" choices=abouts selected=about errors=errors/>
            <TextArea id="text" label="What do you want to say?" value=text errors=errors/>
            <button class="app-button" type="submit" id="send-feedback">"Send"</button>
        </form>
        <section aria-labelledby="complaints-heading">
            <h2 class="app-heading-m" id="complaints-heading">"How to complain"</h2>
            <p class="app-body" id="complaints-route">{COMPLAINTS_ROUTE}</p>
        </section>
        <section aria-labelledby="said-heading">
            <h2 class="app-heading-m" id="said-heading">"What people have said"</h2>
            <Suspense fallback=|| view! { <p class="app-body">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(items) if items.is_empty() => view! { <p class="app-body">"Nothing yet."</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="app-items" id="feedback-list">
                            {items.into_iter().rev().map(|f| view! {
                                <FeedbackItem feedback=f path=path() staff=staff() on_answered=move || list.refetch()/>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="app-body">{e.message}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// One piece of feedback, its answer, and for staff a way to answer it.
#[component]
fn FeedbackItem(
    feedback: Feedback,
    path: String,
    staff: bool,
    on_answered: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let response = RwSignal::new(String::new());
    let close = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FormError>::new());
    let id = feedback.id;
    let version = feedback.row_version;
    let answer = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let path = format!("{path}/{id}/response");
        let body = FeedbackResponse {
            response: response.get_untracked(),
            close: close.get_untracked(),
        };
        spawn_local(async move {
            match api::post_if_match::<_, Feedback>(&path, version, &body).await {
                Ok(_) => on_answered(),
                Err(e) => errors.set(vec![FormError {
                    field: format!("response-{id}"),
                    message: e.message,
                }]),
            }
        });
    };
    let open = feedback.status != FeedbackStatus::Closed;
    view! {
        <li class="app-item" class:app-item--open=feedback.status == FeedbackStatus::Open>
            <p class="app-body"><strong>{format!("{} about {}: ", feedback.kind.label(), feedback.about.label().to_lowercase())}</strong>{feedback.text}</p>
            <p class="app-hint">{format!("{}, {}", feedback.author_name, local_date_time(feedback.created_at.timestamp_millis()))}</p>
            {feedback.response.map(|r| view! { <p class="app-body app-item__words">{format!("Answer: {r}")}</p> })}
            {(staff && open).then(|| view! {
                <form class="app-form" novalidate on:submit=answer>
                    <TextArea id=format!("response-{id}") label="Your answer" value=response errors=errors/>
                    <div class="app-checkboxes__item">
                        <input class="app-checkboxes__input" type="checkbox" id=format!("close-{id}")
                            prop:checked=move || close.get() on:change=move |e| close.set(event_target_checked(&e))/>
                        <label class="app-checkboxes__label" for=format!("close-{id}")>"This is resolved: close it"</label>
                    </div>
                    <button class="app-button app-button--secondary" type="submit">"Send the answer"</button>
                </form>
            })}
        </li>
    }
}
