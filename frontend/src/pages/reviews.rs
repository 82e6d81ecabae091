//! `/people/:id/reviews`: every review of a person's plan, and starting the one that is due
//! . A significant change makes a review due today.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use ourplan_shared::id::PersonId;
use ourplan_shared::review::{NewReview, Review, ReviewStatus};
use ourplan_shared::role::Role;

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextArea, WhenLoaded};
use crate::dates::local_date;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

#[component]
pub fn ReviewsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let params = use_params_map();
    let navigate = use_navigate();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let person_id = move || api::address_id::<PersonId>(params.read().get("person_id"));
    let reviews = LocalResource::new(move || {
        let id = person_id();
        async move { api::get::<Vec<Review>>(&endpoint::reviews(id?)).await }
    });
    let staff = move || session.user.get().is_some_and(|u| u.role.is_staff());
    let significant = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    // Starting as an action: the button is disabled while it is on its way, and a second press
    // before the page shows that starts nothing more.
    let start = Action::new_local(move |(person, request): &(PersonId, NewReview)| {
        let (person, request, navigate) = (*person, request.clone(), navigate.clone());
        async move {
            match api::post::<_, Review>(&endpoint::reviews(person), &request).await {
                Ok(review) => navigate(
                    &format!("/people/{person}/reviews/{}", review.id),
                    Default::default(),
                ),
                Err(e) => errors.set(vec![FormError {
                    field: e.field.unwrap_or_else(|| "significant_change".to_owned()),
                    message: e.message,
                }]),
            }
        }
    });
    let starting = start.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if starting.get_untracked() {
            return;
        }
        let Ok(person) = person_id() else {
            return;
        };
        start.dispatch_local((
            person,
            NewReview {
                significant_change: significant.get_untracked(),
                reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
            },
        ));
    };
    view! {
        <PageTitle text=t_string!(i18n, reviews.list.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, reviews.list.title)}</h1>
        <p class="app-body">{t!(i18n, reviews.list.intro)}</p>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, reviews.list.loading)}</p> }
        }>
            {move || {
                reviews
                    .get()
                    .map(|result| match result {
                        Ok(list) if list.is_empty() => {
                            view! { <p class="app-body">{t!(i18n, reviews.list.none)}</p> }
                                .into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="app-items" id="review-list">
                                    {list
                                        .into_iter()
                                        .rev()
                                        .map(|r| {
                                            let href = format!("/people/{}/reviews/{}", person(), r.id);
                                            let open = r.status != ReviewStatus::Completed;
                                            view! {
                                                <li class="app-item" class:app-item--open=open>
                                    <p class="app-body">
                                        <A href=href attr:class="app-link">{t_string!(i18n, reviews.list.kind_due, kind = crate::labels::review_kind(r.kind), date = local_date(r.due_on)).to_string()}</A>
                                    </p>
                                    <p class="app-hint">{crate::labels::review_status(r.status)}</p>
                                </li>
                                            }
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
        <WhenLoaded ready=Signal::derive(move || reviews.get().is_some()) fallback=|| ()>
            <Show when=staff>
                <section aria-labelledby="start-heading">
                    <h2 class="app-heading-m" id="start-heading">
                        {t!(i18n, reviews.list.start_heading)}
                    </h2>
                    <form class="app-form" novalidate on:submit=submit>
                        <div class="app-checkboxes__item">
                            <input
                                class="app-checkboxes__input"
                                type="checkbox"
                                id="significant_change"
                                prop:checked=move || significant.get()
                                on:change=move |e| significant.set(event_target_checked(&e))
                            />
                            <label class="app-checkboxes__label" for="significant_change">
                                {t!(i18n, reviews.list.significant_change)}
                            </label>
                        </div>
                        <Show when=move || significant.get()>
                            <TextArea
                                id="reason"
                                label=t_string!(i18n, reviews.list.reason)
                                value=reason
                                errors=errors
                            />
                        </Show>
                        <button
                            class="app-button"
                            type="submit"
                            id="start-review"
                            prop:disabled=move || starting.get()
                        >
                            {t!(i18n, reviews.list.start)}
                        </button>
                    </form>
                </section>
            </Show>
            <p class="app-body">
                <A href=move || format!("/people/{}", person()) attr:class="app-link">
                    {t!(i18n, reviews.list.back)}
                </A>
            </p>
            {move || {
                (session.user.get().map(|u| u.role) == Some(Role::Individual))
                    .then(|| {
                        view! {
                            <p class="app-body">
                                <A href="/ask-for-a-review" attr:class="app-link">
                                    {t!(i18n, reviews.list.ask)}
                                </A>
                            </p>
                        }
                    })
            }}
        </WhenLoaded>
    }
}
