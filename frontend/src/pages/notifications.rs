//! `/notifications`: what waits for the signed-in user, newest first; opening one marks it
//! read and goes to the review it is about.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use ourplan_shared::notification::{NotificationKind, Notifications};

use crate::api::{self, endpoint};
use crate::components::PageTitle;
use crate::dates::local_date_time;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let navigate = use_navigate();
    let list = LocalResource::new(|| async {
        api::get::<Notifications>(&endpoint::my_notifications()).await
    });
    view! {
        <PageTitle text=t_string!(i18n, notifications.title) />
        <h1 class="app-heading-xl">{t!(i18n, notifications.title)}</h1>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, notifications.loading)}</p> }
        }>
            {move || {
                list.get()
                    .map(|result| match result {
                        Ok(n) if n.items.is_empty() => {
                            view! { <p class="app-body">{t!(i18n, notifications.empty)}</p> }
                                .into_any()
                        }
                        Ok(n) => {
                            let navigate = navigate.clone();
                            view! {
                                <p class="app-body" id="unread-count">
                                    {t_string!(i18n, notifications.unread, count = n.unread)
                                        .to_string()}
                                </p>
                                <ul class="app-items" id="notifications">
                                    {n
                                        .items
                                        .into_iter()
                                        .map(|item| {
                                            let navigate = navigate.clone();
                                            let href = match (item.kind, item.review_id) {
                                                (_, Some(review)) => {
                                                    format!("/people/{}/reviews/{review}", item.person_id)
                                                }
                                                (NotificationKind::SignInCardIssued, None) => {
                                                    format!("/people/{}/sign-in-card", item.person_id)
                                                }
                                                (NotificationKind::ReviewDue, None) => {
                                                    format!("/people/{}/reviews", item.person_id)
                                                }
                                                (_, None) => format!("/people/{}", item.person_id),
                                            };
                                            let unread = item.read_at.is_none();
                                            let id = item.id;
                                            let open = {
                                                let href = href.clone();
                                                move |event: leptos::ev::MouseEvent| {
                                                    event.prevent_default();
                                                    let (href, navigate) = (href.clone(), navigate.clone());
                                                    spawn_local(async move {
                                                        let _ = api::post_empty(&endpoint::notification_read(id))
                                                            .await;
                                                        session.unread.update(|n| *n = n.saturating_sub(1));
                                                        navigate(&href, Default::default());
                                                    });
                                                }
                                            };
                                            view! {
                                                <li class="app-item" class:app-item--open=unread>
                                        <p class="app-body">
                                            <a class="app-link" href=href on:click=open>{item.text}</a>
                                            {unread.then(|| view! { <strong>{t!(i18n, notifications.new_mark)}</strong> })}
                                        </p>
                                        <p class="app-hint">{local_date_time(item.created_at.timestamp_millis())}</p>
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
    }
}
