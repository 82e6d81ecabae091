//! `/account/email`: how the reader hears of each kind of news (an email at once, one email a
//! day, or only in Ourplan) and the language of their emails; and `/email/unsubscribe`, where
//! the link at the foot of an email stops one kind, without signing in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ourplan_shared::email::{
    Delivery, EmailKind, EmailLanguage, EmailPreferences, KindDelivery, Unsubscribed,
};

use crate::api::{self, endpoint};
use crate::components::{Choice, ErrorSummary, FormError, PageTitle, Radios};
use crate::i18n::{t, t_string, use_i18n};

/// The radio group's id for a kind (the first radio carries it).
fn kind_id(kind: EmailKind) -> &'static str {
    match kind {
        EmailKind::ReviewDue => "kind-review_due",
        EmailKind::PartTwoWaiting => "kind-part_two_waiting",
        EmailKind::ReviewRequested => "kind-review_requested",
        EmailKind::SuggestionMade => "kind-suggestion_made",
        EmailKind::SuggestionDecided => "kind-suggestion_decided",
        EmailKind::ConsentEnding => "kind-consent_ending",
        EmailKind::SignInCardIssued => "kind-sign_in_card_issued",
        EmailKind::Invitation | EmailKind::PasswordReset | EmailKind::Test | EmailKind::Digest => {
            "kind-other"
        }
    }
}

#[component]
pub fn EmailSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = RwSignal::new(None::<EmailPreferences>);
    let errors = RwSignal::new(Vec::<FormError>::new());
    let status = RwSignal::new(String::new());
    let language = RwSignal::new(EmailLanguage::English.key());
    // One signal per kind, in the server's order.
    let choices: StoredValue<Vec<(EmailKind, RwSignal<&'static str>)>> = StoredValue::new(
        EmailKind::chosen()
            .map(|k| (k, RwSignal::new(Delivery::AtOnce.key())))
            .collect(),
    );
    let show = move |preferences: EmailPreferences| {
        language.set(preferences.language.key());
        choices.with_value(|choices| {
            for (kind, selected) in choices {
                if let Some(chosen) = preferences.kinds.iter().find(|k| k.kind == *kind) {
                    selected.set(chosen.delivery.key());
                }
            }
        });
        loaded.set(Some(preferences));
    };
    spawn_local(async move {
        match api::get::<EmailPreferences>(&endpoint::my_email_preferences()).await {
            Ok(preferences) => show(preferences),
            Err(e) => status.set(e.message),
        }
    });
    // Saving as an action: the button is disabled while the choices are on their way, and a
    // second press before the page shows that sends nothing more.
    let save = Action::new_local(move |body: &EmailPreferences| {
        let body = body.clone();
        async move {
            match api::put::<_, EmailPreferences>(&endpoint::my_email_preferences(), &body).await {
                Ok(saved) => {
                    errors.set(Vec::new());
                    show(saved);
                    status.set(t_string!(i18n, email_settings.saved).to_owned());
                }
                Err(refused) => errors.set(vec![FormError {
                    field: refused.field.unwrap_or_default(),
                    message: refused.message,
                }]),
            }
        }
    });
    let saving = save.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let Some(current) = loaded.get_untracked() else {
            return;
        };
        let kinds = choices.with_value(|choices| {
            choices
                .iter()
                .filter(|(kind, _)| current.kinds.iter().any(|k| k.kind == *kind))
                .filter_map(|(kind, selected)| {
                    Delivery::from_key(selected.get_untracked()).map(|delivery| KindDelivery {
                        kind: *kind,
                        delivery,
                    })
                })
                .collect()
        });
        let body = EmailPreferences {
            language: EmailLanguage::from_key(language.get_untracked())
                .unwrap_or(EmailLanguage::English),
            kinds,
            ..current
        };
        save.dispatch_local(body);
    };
    let deliveries = move || {
        vec![
            Choice {
                key: Delivery::AtOnce.key(),
                label: t_string!(i18n, email_settings.at_once),
                hint: None,
            },
            Choice {
                key: Delivery::Daily.key(),
                label: t_string!(i18n, email_settings.daily),
                hint: None,
            },
            Choice {
                key: Delivery::AppOnly.key(),
                label: t_string!(i18n, email_settings.app_only),
                hint: None,
            },
        ]
    };
    let kind_label = move |kind: EmailKind| match kind {
        EmailKind::ReviewDue => t_string!(i18n, email_settings.kind_review_due),
        EmailKind::PartTwoWaiting => t_string!(i18n, email_settings.kind_part_two_waiting),
        EmailKind::ReviewRequested => t_string!(i18n, email_settings.kind_review_requested),
        EmailKind::SuggestionMade => t_string!(i18n, email_settings.kind_suggestion_made),
        EmailKind::SuggestionDecided => t_string!(i18n, email_settings.kind_suggestion_decided),
        EmailKind::ConsentEnding => t_string!(i18n, email_settings.kind_consent_ending),
        EmailKind::SignInCardIssued => t_string!(i18n, email_settings.kind_sign_in_card_issued),
        EmailKind::Invitation | EmailKind::PasswordReset | EmailKind::Test | EmailKind::Digest => {
            ""
        }
    };
    view! {
        <PageTitle text=t_string!(i18n, email_settings.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, email_settings.title)}</h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="email-settings-status">
            {move || status.get()}
        </p>
        {move || match loaded.get() {
            None => view! { <p class="app-body">{t!(i18n, email_settings.loading)}</p> }.into_any(),
            Some(preferences) => {
                view! {
                    <p class="app-body">{t!(i18n, email_settings.intro)}</p>
                    {if preferences.email_on {
                        view! {
                            <p class="app-body" id="email-address">
                                {t_string!(
                                    i18n, email_settings.address, address = preferences.address.clone()
                                )
                                    .to_string()}
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p class="app-body app-notice" id="email-off">
                                {t!(i18n, email_settings.off)}
                            </p>
                        }
                            .into_any()
                    }}
                    <form class="app-form" novalidate on:submit=submit>
                        <Radios
                            id="language"
                            legend=t_string!(i18n, email_settings.language_legend)
                            choices=vec![
                                Choice {
                                    key: EmailLanguage::English.key(),
                                    label: t_string!(i18n, email_settings.english),
                                    hint: None,
                                },
                                Choice {
                                    key: EmailLanguage::Polish.key(),
                                    label: t_string!(i18n, email_settings.polish),
                                    hint: None,
                                },
                            ]
                            selected=language
                            errors=errors
                        />
                        {choices
                            .get_value()
                            .into_iter()
                            .filter(|(kind, _)| preferences.kinds.iter().any(|k| k.kind == *kind))
                            .map(|(kind, selected)| {
                                view! {
                                    <Radios
                                        id=kind_id(kind)
                                        legend=kind_label(kind)
                                        choices=deliveries()
                                        selected=selected
                                        errors=errors
                                    />
                                }
                            })
                            .collect_view()}
                        <button
                            class="app-button"
                            type="submit"
                            id="save-email-settings"
                            prop:disabled=move || saving.get()
                        >
                            {t!(i18n, email_settings.save)}
                        </button>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}

/// `/email/unsubscribe#<token>`: asks before it stops anything, since mail scanners open
/// links; the token stays in the fragment, which never reaches a server log.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let token = window()
        .location()
        .hash()
        .ok()
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default();
    let token = StoredValue::new(token);
    let done = RwSignal::new(None::<Result<Unsubscribed, String>>);
    let stop = Action::new_local(move |_: &()| {
        let path = endpoint::email_unsubscribe(&token.get_value());
        async move {
            let result = api::post::<_, Unsubscribed>(&path, &serde_json::json!({})).await;
            done.set(Some(result.map_err(|e| e.message)));
        }
    });
    let busy = stop.pending();
    view! {
        <PageTitle text=t_string!(i18n, email_settings.stop_title) />
        <h1 class="app-heading-xl">{t!(i18n, email_settings.stop_title)}</h1>
        {move || match done.get() {
            None => {
                view! {
                    <p class="app-body-l">{t!(i18n, email_settings.stop_intro)}</p>
                    <button
                        type="button"
                        class="app-button"
                        id="stop-emails"
                        on:click=move |_| {
                            if !busy.get_untracked() {
                                stop.dispatch_local(());
                            }
                        }
                        prop:disabled=move || busy.get()
                    >
                        {t!(i18n, email_settings.stop_button)}
                    </button>
                }
                    .into_any()
            }
            Some(Ok(_)) => {
                view! {
                    <p class="app-body-l" role="status" id="emails-stopped">
                        {t!(i18n, email_settings.stopped)}
                    </p>
                    <p class="app-body">
                        <a class="app-link" href="/account/email">
                            {t!(i18n, email_settings.choose_link)}
                        </a>
                    </p>
                }
                    .into_any()
            }
            Some(Err(_)) => {
                view! {
                    <p class="app-body-l" role="alert" id="emails-not-stopped">
                        {t!(i18n, email_settings.stop_broken)}
                    </p>
                }
                    .into_any()
            }
        }}
    }
}
