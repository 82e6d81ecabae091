//! `/welcome#TOKEN`: the page an invitation or a password reset link opens. The owner
//! of the account chooses their own password; every other session ends and they are signed
//! in. The token rides in the fragment, which the browser never sends to a server. Worded
//! for everyone: a person supported or a family member may open their own invitation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use ourplan_shared::account::{
    AccountLinkDetails, AccountLinkToken, AccountLinkUse, LinkPurpose, PASSWORD_MAX, PASSWORD_MIN,
};
use ourplan_shared::organisation::User;

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput, title_follows_errors};
use crate::dates::local_date_time;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::{SessionContext, token_in_address};

#[derive(Clone, PartialEq)]
enum Link {
    Checking,
    Missing,
    NotGood,
    Good(AccountLinkDetails),
}

#[component]
pub fn WelcomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let navigate = use_navigate();
    let token = token_in_address();
    let link = RwSignal::new(Link::Checking);
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    {
        let token = token.clone();
        spawn_local(async move {
            if token.is_empty() {
                link.set(Link::Missing);
                return;
            }
            let body = AccountLinkToken { token };
            link.set(
                match api::post::<_, AccountLinkDetails>(&endpoint::account_link_check(), &body)
                    .await
                {
                    Ok(details) => Link::Good(details),
                    Err(_) => Link::NotGood,
                },
            );
        });
    }
    let title = t_string!(i18n, welcome.title);
    let error_title = t_string!(i18n, welcome.error_title, title).to_string();
    title_follows_errors(title, error_title, errors);
    // Setting the password as an action: the button is disabled while it is on its way, and a
    // second press before the page shows that sends nothing more.
    let send = Action::new_local(move |body: &AccountLinkUse| {
        let (body, navigate) = (body.clone(), navigate.clone());
        async move {
            match api::post::<_, User>(&endpoint::account_link_use(), &body).await {
                Ok(user) => {
                    errors.set(Vec::new());
                    session.signed_in(user);
                    navigate("/", Default::default());
                }
                Err(error) => {
                    password.set(String::new());
                    errors.set(vec![FormError {
                        field: "password".to_owned(),
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
        let length = password.get_untracked().chars().count();
        let problem = if length < PASSWORD_MIN {
            Some(t_string!(i18n, welcome.too_short, min = PASSWORD_MIN).to_string())
        } else if length > PASSWORD_MAX {
            Some(t_string!(i18n, welcome.too_long, max = PASSWORD_MAX).to_string())
        } else {
            None
        };
        if let Some(message) = problem {
            errors.set(vec![FormError {
                field: "password".to_owned(),
                message,
            }]);
            return;
        }
        send.dispatch_local(AccountLinkUse {
            token: token.clone(),
            password: password.get_untracked(),
        });
    };
    view! {
        <PageTitle text=title />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, welcome.title)}</h1>
        {move || match link.get() {
            Link::Checking => {
                view! {
                    <p class="app-body" role="status">
                        {t!(i18n, welcome.checking)}
                    </p>
                }
                    .into_any()
            }
            Link::Missing => {
                view! {
                    <p class="app-body" id="welcome-problem">
                        {t!(i18n, welcome.no_link)}
                    </p>
                }
                    .into_any()
            }
            Link::NotGood => {
                view! {
                    <p class="app-body" id="welcome-problem">
                        {t!(i18n, welcome.not_good)}
                    </p>
                }
                    .into_any()
            }
            Link::Good(details) => {
                let name = details.display_name.clone();
                let email = details.email.clone();
                let when = local_date_time(details.expires_at.timestamp_millis());
                let submit = submit.clone();
                view! {
                    <p class="app-body-l">{t_string!(i18n, welcome.hello, name).to_string()}</p>
                    <p class="app-body">
                        {match details.purpose {
                            LinkPurpose::Invitation => t_string!(i18n, welcome.invitation),
                            LinkPurpose::PasswordReset => t_string!(i18n, welcome.reset),
                        }}
                    </p>
                    <p class="app-body">{t_string!(i18n, welcome.your_email, email).to_string()}</p>
                    <p class="app-body">
                        {t_string!(i18n, welcome.link_expires, when).to_string()}
                    </p>
                    <form class="app-form" id="welcome-form" novalidate on:submit=submit>
                        <TextInput
                            id="password"
                            label=t_string!(i18n, welcome.password_label)
                            hint=t_string!(i18n, welcome.password_hint)
                            input_type="password"
                            autocomplete="new-password"
                            value=password
                            errors=errors
                        />
                        <button
                            class="app-button"
                            type="submit"
                            id="save-password"
                            prop:disabled=move || busy.get()
                        >
                            {t!(i18n, welcome.submit)}
                        </button>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}
