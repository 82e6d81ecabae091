//! `/people/:id/sign-in-card`: staff make a single-use sign-in card for a person who cannot
//! manage a password: large text, a QR code, the code to type, and when it stops working.
//! Earlier cards are listed and can be cancelled.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use ourplan_shared::account::{SignInCodeIssued, SignInCodeStatus, SignInCodeSummary};
use ourplan_shared::id::PersonId;

use crate::api::{self, endpoint};
use crate::components::PageTitle;
use crate::dates::local_date;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn SignInCardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let person = move || api::address_id::<PersonId>(params.read().get("person_id"));
    let card = RwSignal::new(None::<SignInCodeIssued>);
    let error = RwSignal::new(None::<String>);
    let codes = LocalResource::new(move || {
        let id = person();
        async move { api::get::<Vec<SignInCodeSummary>>(&endpoint::sign_in_codes(id?)).await }
    });
    // Making a card as an action: the button is disabled while it is on its way, and a second
    // press before the page shows that makes no second card.
    let make = Action::new_local(move |_: &()| {
        let path = person().map(endpoint::sign_in_codes);
        async move {
            let made = match path {
                Ok(path) => api::post::<_, SignInCodeIssued>(&path, &()).await,
                Err(not_found) => Err(not_found),
            };
            match made {
                Ok(issued) => {
                    error.set(None);
                    card.set(Some(issued));
                    codes.refetch();
                }
                Err(e) => error.set(Some(e.message)),
            }
        }
    });
    let busy = make.pending();
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <PageTitle text=t_string!(i18n, sign_in_card.title) />
        <div class="app-no-print">
            <h1 class="app-heading-xl">{t!(i18n, sign_in_card.title)}</h1>
            <p class="app-body">{t!(i18n, sign_in_card.intro)}</p>
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
            <button
                class="app-button"
                type="button"
                id="make-card"
                prop:disabled=move || busy.get()
                on:click=move |_| {
                    if !busy.get_untracked() {
                        make.dispatch_local(());
                    }
                }
            >
                {t!(i18n, sign_in_card.make)}
            </button>
        </div>
        {move || {
            card.get()
                .map(|issued| {
                    let until = local_date(issued.expires_at.date_naive());
                    view! {
                        <section class="app-sign-in-card" aria-labelledby="card-heading">
                            <h2 class="app-sign-in-card__title" id="card-heading">
                                {t_string!(i18n, sign_in_card.card_title, name = issued.person_name)
                                    .to_string()}
                            </h2>
                            <p class="app-sign-in-card__step">
                                {t!(i18n, sign_in_card.step_camera)}
                            </p>
                            <div
                                class="app-sign-in-card__qr"
                                role="img"
                                aria-label=t_string!(i18n, sign_in_card.qr_label)
                                inner_html=issued.qr_svg
                            />
                            <p class="app-sign-in-card__step">{t!(i18n, sign_in_card.step_code)}</p>
                            <p class="app-sign-in-card__code" id="card-code">
                                {issued.code}
                            </p>
                            <p class="app-sign-in-card__step">
                                {t_string!(i18n, sign_in_card.step_until, until).to_string()}
                            </p>
                        </section>
                        <button class="app-button app-no-print" type="button" on:click=print>
                            {t!(i18n, sign_in_card.print)}
                        </button>
                    }
                })
        }}
        <section class="app-no-print" aria-labelledby="cards-heading">
            <h2 class="app-heading-m" id="cards-heading">
                {t!(i18n, sign_in_card.made_before)}
            </h2>
            <Suspense fallback=move || {
                view! { <p class="app-body">{t!(i18n, sign_in_card.loading)}</p> }
            }>
                {move || {
                    codes
                        .get()
                        .map(|result| match result {
                            Ok(list) if list.is_empty() => {
                                view! { <p class="app-body">{t!(i18n, sign_in_card.no_cards)}</p> }
                                    .into_any()
                            }
                            Ok(list) => {
                                view! {
                                    <ul class="app-cards">
                                        {list
                                            .into_iter()
                                            .map(|summary| {
                                                person()
                                                    .ok()
                                                    .map(|person| {
                                                        view! {
                                                            <CardRow
                                                                summary=summary
                                                                person=person
                                                                on_change=move || codes.refetch()
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

#[component]
fn CardRow(
    summary: SignInCodeSummary,
    person: PersonId,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = match summary.status {
        SignInCodeStatus::Active => t_string!(i18n, sign_in_card.status.active),
        SignInCodeStatus::Used => t_string!(i18n, sign_in_card.status.used),
        SignInCodeStatus::Revoked => t_string!(i18n, sign_in_card.status.revoked),
        SignInCodeStatus::Expired => t_string!(i18n, sign_in_card.status.expired),
    };
    let made = local_date(summary.issued_at.date_naive());
    let id = summary.id;
    let cancel = Action::new_local(move |_: &()| {
        let path = endpoint::sign_in_code(person, id);
        async move {
            let _ = api::delete(&path).await;
            on_change();
        }
    });
    let cancelling = cancel.pending();
    view! {
        <li class="app-cards__item">
            <span>
                {t_string!(i18n, sign_in_card.made_on, made, by = summary.issued_by, status)
                    .to_string()}
            </span>
            {(summary.status == SignInCodeStatus::Active)
                .then(|| {
                    view! {
                        <button
                            class="app-button app-button--secondary"
                            type="button"
                            on:click=move |_| {
                                if !cancelling.get_untracked() {
                                    cancel.dispatch_local(());
                                }
                            }
                            prop:disabled=move || cancelling.get()
                        >
                            {t!(i18n, sign_in_card.cancel)}
                        </button>
                    }
                })}
        </li>
    }
}
