//! `/ask-for-a-review`: the person asks for a review of their plan at any time, in
//! easy read, with an optional reason. Their key worker and managers are told.

use leptos::prelude::*;
use leptos_router::components::A;
use ourplan_shared::id::PersonId;
use ourplan_shared::review::{Review, ReviewRequest, ReviewStatus};

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextArea};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

#[component]
pub fn AskForReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let asked = t_string!(i18n, ask_review.asked);
    let already_happening = t_string!(i18n, ask_review.already_happening);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let done = RwSignal::new(None::<String>);
    // Asking as an action: the button is disabled while the request is on its way, and a
    // second press before the page shows that sends nothing more.
    let send = Action::new_local(move |(person, request): &(PersonId, ReviewRequest)| {
        let (path, request) = (endpoint::review_requests(*person), request.clone());
        async move {
            match api::post::<_, Review>(&path, &request).await {
                Ok(review)
                    if review.status == ReviewStatus::PartOne && review.requested_by.is_some() =>
                {
                    done.set(Some(asked.to_owned()));
                }
                Ok(_) => done.set(Some(already_happening.to_owned())),
                Err(e) => errors.set(vec![FormError {
                    field: e.field.unwrap_or_else(|| "reason".to_owned()),
                    message: e.message,
                }]),
            }
        }
    });
    let sending = send.pending();
    let ask = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(person) = session.user.get_untracked().and_then(|u| u.person_id) else {
            return;
        };
        let request = ReviewRequest {
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
        };
        send.dispatch_local((person, request));
    };
    view! {
        <PageTitle text=t_string!(i18n, ask_review.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, ask_review.title)}</h1>
        <p class="app-body-l">{t!(i18n, ask_review.what_is_it)}</p>
        <p class="app-body-l">{t!(i18n, ask_review.any_time)}</p>
        {move || match done.get() {
            Some(message) => {
                view! {
                    <p class="app-body-l app-status" role="status" id="asked">
                        {message}
                    </p>
                    <p class="app-body-l">
                        <A href="/" attr:class="app-link">
                            {t!(i18n, ask_review.back_home)}
                        </A>
                    </p>
                }
                    .into_any()
            }
            None => {
                view! {
                    <form class="app-form" novalidate on:submit=ask>
                        <TextArea
                            id="reason"
                            label=t_string!(i18n, ask_review.reason_label)
                            hint=t_string!(i18n, ask_review.reason_hint)
                            value=reason
                            errors=errors
                        />
                        <button
                            class="app-button"
                            type="submit"
                            id="ask-for-review"
                            prop:disabled=move || sending.get()
                        >
                            {t!(i18n, ask_review.submit)}
                        </button>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}
