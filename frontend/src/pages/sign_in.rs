use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use ourplan_shared::organisation::User;
use ourplan_shared::setup::SetupStatus;
use serde::Serialize;

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput, title_follows_errors};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

#[derive(Clone, Serialize)]
struct SignIn {
    email: String,
    password: String,
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    // Signing in as an action: the button is disabled while the details are on their way, and
    // a second press before the page shows that sends nothing more.
    let send = Action::new_local(move |body: &SignIn| {
        let (body, navigate) = (body.clone(), navigate.clone());
        async move {
            match api::post::<SignIn, User>(&endpoint::session(), &body).await {
                Ok(user) => {
                    errors.set(Vec::new());
                    session.signed_in(user);
                    navigate("/", Default::default());
                }
                Err(error) => {
                    password.set(String::new());
                    errors.set(vec![FormError {
                        field: error.field.unwrap_or_else(|| "email".to_owned()),
                        message: error.message,
                    }]);
                }
            }
        }
    });
    let busy = send.pending();
    // A new installation has no accounts yet: say where its setup link is.
    let not_set_up = LocalResource::new(|| async {
        api::get::<SetupStatus>(&endpoint::setup())
            .await
            .is_ok_and(|status| status.needed)
    });

    // GOV.UK pattern: the tab title starts with "Error:" while there are problems.
    let title = t_string!(i18n, sign_in.title);
    let error_title = t_string!(i18n, sign_in.error_title, title).to_string();
    let email_missing = t_string!(i18n, sign_in.email_missing);
    let password_missing = t_string!(i18n, sign_in.password_missing);
    title_follows_errors(title, error_title, errors);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mut problems = Vec::new();
        if email.get_untracked().trim().is_empty() {
            problems.push(FormError {
                field: "email".to_owned(),
                message: email_missing.to_owned(),
            });
        }
        if password.get_untracked().is_empty() {
            problems.push(FormError {
                field: "password".to_owned(),
                message: password_missing.to_owned(),
            });
        }
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        send.dispatch_local(SignIn {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };

    view! {
        <PageTitle text=title />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, sign_in.title)}</h1>
        {move || {
            not_set_up
                .get()
                .filter(|needed| *needed)
                .map(|_| {
                    view! {
                        <p class="app-body app-notice" id="not-set-up">
                            {t!(i18n, sign_in.not_set_up)}
                        </p>
                    }
                })
        }}
        <form class="app-form" novalidate on:submit=submit>
            <TextInput
                id="email"
                label=t_string!(i18n, sign_in.email_label)
                input_type="email"
                autocomplete="username"
                value=email
                errors=errors
            />
            <TextInput
                id="password"
                label=t_string!(i18n, sign_in.password_label)
                input_type="password"
                autocomplete="current-password"
                value=password
                errors=errors
            />
            <button class="app-button" type="submit" prop:disabled=move || busy.get()>
                {t!(i18n, sign_in.submit)}
            </button>
        </form>
        <p class="app-body">{t!(i18n, sign_in.help)}</p>
    }
}
