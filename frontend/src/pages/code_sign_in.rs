//! `/sign-in/code`: signing in with a sign-in card. The QR code opens this page with the code
//! after `#`, which the browser never sends to the server; the code can also be typed.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use ourplan_shared::account::CodeSignIn;
use ourplan_shared::organisation::User;

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

#[component]
pub fn CodeSignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let code_missing = t_string!(i18n, sign_in.card.code_missing);
    let session = expect_context::<SessionContext>();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    // Signing in as an action: the button is disabled while the code is on its way, and a
    // second press before the page shows that sends nothing more.
    let send = Action::new_local(move |typed: &String| {
        let (body, navigate) = (
            CodeSignIn {
                code: typed.clone(),
            },
            navigate.clone(),
        );
        async move {
            match api::post::<_, User>(&endpoint::session_code(), &body).await {
                Ok(user) => {
                    session.signed_in(user);
                    navigate("/", Default::default());
                }
                Err(error) => errors.set(vec![FormError {
                    field: "code".into(),
                    message: error.message,
                }]),
            }
        }
    });
    let busy = send.pending();

    let sign_in = move |typed: String| {
        if busy.get_untracked() {
            return;
        }
        if typed.trim().is_empty() {
            errors.set(vec![FormError {
                field: "code".into(),
                message: code_missing.into(),
            }]);
            return;
        }
        send.dispatch_local(typed);
    };

    // Opened from the QR code: use the code at once, then forget it from the address bar.
    if let Some(window) = web_sys::window()
        && let Ok(hash) = window.location().hash()
        && let Some(from_card) = hash.strip_prefix('#').filter(|c| !c.is_empty())
    {
        let from_card = from_card.to_owned();
        let _ = window.history().and_then(|h| {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/sign-in/code"))
        });
        code.set(from_card.clone());
        sign_in(from_card);
    }

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        sign_in(code.get_untracked());
    };
    view! {
        <PageTitle text=t_string!(i18n, sign_in.card.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, sign_in.card.heading)}</h1>
        <form class="app-form" novalidate on:submit=submit>
            <TextInput
                id="code"
                label=t_string!(i18n, sign_in.card.code_label)
                autocomplete="one-time-code"
                hint=t_string!(i18n, sign_in.card.code_hint)
                value=code
                errors=errors
            />
            <button class="app-button" type="submit" prop:disabled=move || busy.get()>
                {t!(i18n, sign_in.card.submit)}
            </button>
        </form>
        <p class="app-body">{t!(i18n, sign_in.card.help)}</p>
    }
}
