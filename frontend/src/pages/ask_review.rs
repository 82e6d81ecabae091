//! `/ask-for-a-review`: the person asks for a review of their plan at any time, in
//! easy read, with an optional reason. Their key worker and managers are told.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use ourplan_shared::review::{Review, ReviewRequest, ReviewStatus};

use crate::api;
use crate::components::{ErrorSummary, FormError, PageTitle, TextArea};
use crate::session::SessionContext;

#[component]
pub fn AskForReviewPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let done = RwSignal::new(None::<String>);
    let ask = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(person) = session.user.get_untracked().and_then(|u| u.person_id) else {
            return;
        };
        let request = ReviewRequest {
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
        };
        spawn_local(async move {
            let path = format!("/api/v1/persons/{person}/review-requests");
            match api::post::<_, Review>(&path, &request).await {
                Ok(review) if review.status == ReviewStatus::PartOne && review.requested_by.is_some() => {
                    done.set(Some("Thank you. We have told your support team. They will talk with you about your plan soon.".to_owned()));
                }
                Ok(_) => done.set(Some("A review of your plan is already happening. Your support team knows you want to talk about it.".to_owned())),
                Err(e) => errors.set(vec![FormError {
                    field: e.field.unwrap_or_else(|| "reason".to_owned()),
                    message: e.message,
                }]),
            }
        });
    };
    view! {
        <PageTitle text="Ask for a review"/>
        <ErrorSummary errors=errors/>
        <h1 class="app-heading-xl">"Ask for a review"</h1>
        <p class="app-body-l">"A review is when you and your support team look at your plan together."</p>
        <p class="app-body-l">"You can ask for one at any time."</p>
        {move || match done.get() {
            Some(message) => view! {
                <p class="app-body-l app-status" role="status" id="asked">{message}</p>
                <p class="app-body-l"><A href="/" attr:class="app-link">"Back to my home page"</A></p>
            }.into_any(),
            None => view! {
                <form class="app-form" novalidate on:submit=ask>
                    <TextArea id="reason" label="Why do you want a review?" hint="You can leave this empty." value=reason errors=errors/>
                    <button class="app-button" type="submit" id="ask-for-review">"Ask for a review"</button>
                </form>
            }.into_any(),
        }}
    }
}
