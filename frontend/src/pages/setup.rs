//! `/setup#TOKEN`: the first run. The one-time link the server or `ourplan setup`
//! printed opens this form; it makes the organisation and its first admin, who is then signed
//! in. The token rides in the address's fragment, which the browser never sends to a server.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use ourplan_shared::account::{PASSWORD_MAX, PASSWORD_MIN};
use ourplan_shared::organisation::User;
use ourplan_shared::setup::{SetupDetails, SetupRequest, SetupStatus, SetupToken};
use ourplan_shared::validation::Validate;

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput, title_follows_errors};
use crate::dates::local_date_time;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::{SessionContext, token_in_address};

/// Where the page is before the form can be shown.
#[derive(Clone, PartialEq)]
enum Link {
    Checking,
    /// The page was opened without a token.
    Missing,
    /// Setup is over: sign in instead.
    AlreadySetUp,
    /// The link is used, out of date or mistyped: the server's words.
    NotGood(String),
    Good(SetupDetails),
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let navigate = use_navigate();
    let link = RwSignal::new(Link::Checking);
    let token = token_in_address();
    let organisation_name = RwSignal::new(String::new());
    let time_zone = RwSignal::new("Europe/London".to_owned());
    let admin_name = RwSignal::new(String::new());
    let admin_email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());

    {
        let token = token.clone();
        spawn_local(async move {
            if !api::get::<SetupStatus>(&endpoint::setup())
                .await
                .is_ok_and(|status| status.needed)
            {
                link.set(Link::AlreadySetUp);
                return;
            }
            if token.is_empty() {
                link.set(Link::Missing);
                return;
            }
            let body = SetupToken { token };
            match api::post::<_, SetupDetails>(&endpoint::setup_link(), &body).await {
                Ok(details) => {
                    for (field, value) in [
                        (organisation_name, &details.organisation_name),
                        (time_zone, &details.time_zone),
                        (admin_name, &details.admin_name),
                        (admin_email, &details.admin_email),
                    ] {
                        if let Some(value) = value {
                            field.set(value.clone());
                        }
                    }
                    link.set(Link::Good(details));
                }
                Err(error) => link.set(Link::NotGood(error.message)),
            }
        });
    }

    let title = t_string!(i18n, setup.title);
    let error_title = t_string!(i18n, setup.error_title, title).to_string();
    title_follows_errors(title, error_title, errors);

    // Setting up as an action: the button is disabled while the details are on their way, and
    // a second press before the page shows that sends nothing more.
    let send = Action::new_local(move |request: &SetupRequest| {
        let (request, navigate) = (request.clone(), navigate.clone());
        async move {
            match api::post::<_, User>(&endpoint::setup(), &request).await {
                Ok(user) => {
                    errors.set(Vec::new());
                    session.signed_in(user);
                    navigate("/", Default::default());
                }
                Err(error) => {
                    password.set(String::new());
                    errors.set(vec![FormError {
                        field: error
                            .field
                            .unwrap_or_else(|| "organisation_name".to_owned()),
                        message: error.message,
                    }]);
                }
            }
        }
    });
    let busy = send.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = SetupRequest {
            token: token.clone(),
            organisation_name: organisation_name.get_untracked(),
            time_zone: time_zone.get_untracked(),
            admin_name: admin_name.get_untracked(),
            admin_email: admin_email.get_untracked(),
            password: password.get_untracked(),
        };
        // The shared rules, with the password's length in the page's own words.
        let length = request.password.chars().count();
        let problems: Vec<FormError> = request
            .problems()
            .into_iter()
            .map(|p| FormError {
                message: match p.field.as_str() {
                    "password" if length < PASSWORD_MIN => {
                        t_string!(i18n, setup.too_short, min = PASSWORD_MIN).to_string()
                    }
                    "password" => t_string!(i18n, setup.too_long, max = PASSWORD_MAX).to_string(),
                    _ => p.message,
                },
                field: p.field,
            })
            .collect();
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        send.dispatch_local(request);
    };

    view! {
        <PageTitle text=title />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, setup.title)}</h1>
        {move || match link.get() {
            Link::Checking => {
                view! {
                    <p class="app-body" role="status">
                        {t!(i18n, setup.checking)}
                    </p>
                }
                    .into_any()
            }
            Link::Missing => {
                view! {
                    <p class="app-body" id="setup-problem">
                        {t!(i18n, setup.no_link)}
                    </p>
                }
                    .into_any()
            }
            Link::AlreadySetUp => {
                view! {
                    <p class="app-body" id="setup-problem">
                        {t!(i18n, setup.already)}
                    </p>
                    <p class="app-body">
                        <A href="/sign-in">{t!(i18n, setup.sign_in)}</A>
                    </p>
                }
                    .into_any()
            }
            Link::NotGood(message) => {
                view! {
                    <p class="app-body" id="setup-problem">
                        {message}
                    </p>
                }
                    .into_any()
            }
            Link::Good(details) => {
                let when = local_date_time(details.expires_at.timestamp_millis());
                let submit = submit.clone();
                view! {
                    <p class="app-body">{t!(i18n, setup.intro)}</p>
                    <p class="app-body">{t_string!(i18n, setup.link_expires, when).to_string()}</p>
                    <form class="app-form" id="setup-form" novalidate on:submit=submit>
                        <h2 class="app-heading-m">{t!(i18n, setup.organisation_heading)}</h2>
                        <TextInput
                            id="organisation_name"
                            label=t_string!(i18n, setup.organisation_name_label)
                            autocomplete="organization"
                            value=organisation_name
                            errors=errors
                        />
                        <TextInput
                            id="time_zone"
                            label=t_string!(i18n, setup.time_zone_label)
                            hint=t_string!(i18n, setup.time_zone_hint)
                            autocomplete="off"
                            value=time_zone
                            errors=errors
                        />
                        <h2 class="app-heading-m">{t!(i18n, setup.admin_heading)}</h2>
                        <TextInput
                            id="admin_name"
                            label=t_string!(i18n, setup.admin_name_label)
                            autocomplete="name"
                            value=admin_name
                            errors=errors
                        />
                        <TextInput
                            id="admin_email"
                            label=t_string!(i18n, setup.admin_email_label)
                            hint=t_string!(i18n, setup.admin_email_hint)
                            input_type="email"
                            autocomplete="username"
                            value=admin_email
                            errors=errors
                        />
                        <TextInput
                            id="password"
                            label=t_string!(i18n, setup.password_label)
                            hint=t_string!(i18n, setup.password_hint)
                            input_type="password"
                            autocomplete="new-password"
                            value=password
                            errors=errors
                        />
                        <button
                            class="app-button"
                            type="submit"
                            id="set-up"
                            prop:disabled=move || busy.get()
                        >
                            {t!(i18n, setup.submit)}
                        </button>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}
