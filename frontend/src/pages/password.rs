//! `/account/password`: change your password. Every other device is signed out.

use leptos::prelude::*;
use ourplan_shared::account::{PASSWORD_MAX, PASSWORD_MIN, PasswordChange};
use ourplan_shared::organisation::User;

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput};
use crate::i18n::{t, t_string, tu_string, use_i18n};
use crate::session::SessionContext;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let done = RwSignal::new(false);
    let change = Action::new_local(move |body: &PasswordChange| {
        let body = body.clone();
        async move {
            match api::post::<_, User>(&endpoint::my_password(), &body).await {
                Ok(user) => {
                    errors.set(Vec::new());
                    session.signed_in(user);
                    current.set(String::new());
                    new.set(String::new());
                    done.set(true);
                }
                Err(error) => errors.set(vec![FormError {
                    field: error.field.unwrap_or_else(|| "new_password".to_owned()),
                    message: error.message,
                }]),
            }
        }
    });
    let busy = change.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // Two presses in one moment send the change once.
        if busy.get_untracked() {
            return;
        }
        // The length rule of `ourplan_shared::account`, in the reader's words.
        let length = new.get_untracked().chars().count();
        let problem = if length < PASSWORD_MIN {
            Some(tu_string!(i18n, password.too_short, min = PASSWORD_MIN).to_string())
        } else if length > PASSWORD_MAX {
            Some(tu_string!(i18n, password.too_long, max = PASSWORD_MAX).to_string())
        } else {
            None
        };
        if let Some(problem) = problem {
            errors.set(vec![FormError {
                field: "new_password".into(),
                message: problem,
            }]);
            return;
        }
        change.dispatch_local(PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        });
    };
    view! {
        <PageTitle text=t_string!(i18n, password.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, password.title)}</h1>
        <p class="app-body app-status" role="status" aria-live="polite">
            {move || done.get().then_some(t_string!(i18n, password.done))}
        </p>
        <form class="app-form" novalidate on:submit=submit>
            <TextInput
                id="current_password"
                label=t_string!(i18n, password.current_label)
                input_type="password"
                autocomplete="current-password"
                value=current
                errors=errors
            />
            <TextInput
                id="new_password"
                label=t_string!(i18n, password.new_label)
                input_type="password"
                autocomplete="new-password"
                hint=t_string!(i18n, password.new_hint)
                value=new
                errors=errors
            />
            <button class="app-button" type="submit" prop:disabled=move || busy.get()>
                {t!(i18n, password.submit)}
            </button>
        </form>
    }
}
