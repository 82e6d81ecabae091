//! `/organisation/email`: the outbox, for admins: whether email is on, what waits, what went
//! and what failed with the mail server's answer; a failed email can be sent again, and a
//! test email shows that email arrives.

use leptos::prelude::*;
use ourplan_shared::email::{EmailStatus, Outbox, OutboxEmail, TestEmail};
use ourplan_shared::id::EmailId;

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput};
use crate::dates::local_date_time;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let to = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let status = RwSignal::new(String::new());
    // Sending again as an action, one email at a time; the outbox is read again after each.
    let retry = Action::new_local(move |id: &EmailId| {
        let path = endpoint::outbox_retry(*id);
        async move {
            match api::post_empty(&path).await {
                Ok(()) => status.set(t_string!(i18n, outbox.retried).to_owned()),
                Err(refused) => status.set(refused.message),
            }
        }
    });
    let retrying = retry.pending();
    let outbox = LocalResource::new(move || {
        retry.version().track();
        async { api::get::<Outbox>(&endpoint::outbox()).await }
    });
    // The test email as an action: the button is disabled while it is on its way, and a second
    // press before the page shows that sends nothing more.
    let test = Action::new_local(move |body: &TestEmail| {
        let body = body.clone();
        async move {
            match api::post::<_, OutboxEmail>(&endpoint::outbox_test(), &body).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    status.set(t_string!(i18n, outbox.test_sent).to_owned());
                    outbox.refetch();
                }
                Err(refused) => errors.set(vec![FormError {
                    field: refused.field.unwrap_or_else(|| "to".to_owned()),
                    message: refused.message,
                }]),
            }
        }
    });
    let testing = test.pending();
    let send_test = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if testing.get_untracked() {
            return;
        }
        test.dispatch_local(TestEmail {
            to: to.get_untracked(),
        });
    };
    let status_word = move |s: EmailStatus| match s {
        EmailStatus::Pending => t_string!(i18n, outbox.status_pending),
        EmailStatus::Sending => t_string!(i18n, outbox.status_sending),
        EmailStatus::Sent => t_string!(i18n, outbox.status_sent),
        EmailStatus::Failed => t_string!(i18n, outbox.status_failed),
        EmailStatus::Held => t_string!(i18n, outbox.status_held),
        EmailStatus::Digested => t_string!(i18n, outbox.status_digested),
    };
    view! {
        <PageTitle text=t_string!(i18n, outbox.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, outbox.title)}</h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="outbox-status">
            {move || status.get()}
        </p>
        <Suspense fallback=|| ()>
            {move || {
                outbox
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                        Ok(outbox) if !outbox.email_on => {
                            view! {
                                <p class="app-body app-notice" id="email-off">
                                    {t!(i18n, outbox.off)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(outbox) => {
                            view! {
                                <p class="app-body" id="email-on">
                                    {t_string!(
                                        i18n, outbox.on, from = outbox.from.clone().unwrap_or_default()
                                    )
                                        .to_string()}
                                </p>
                                <p class="app-body" id="outbox-counts">
                                    {t_string!(
                                        i18n, outbox.counts, pending = outbox.pending, sent = outbox.sent, failed = outbox.failed
                                    )
                                        .to_string()}
                                </p>
                                <h2 class="app-heading-m">{t!(i18n, outbox.test_heading)}</h2>
                                <form class="app-form" novalidate on:submit=send_test>
                                    <TextInput
                                        id="to"
                                        label=t_string!(i18n, outbox.test_label)
                                        hint=t_string!(i18n, outbox.test_hint)
                                        input_type="email"
                                        autocomplete="email"
                                        value=to
                                        errors=errors
                                    />
                                    <button
                                        class="app-button"
                                        type="submit"
                                        id="send-test"
                                        prop:disabled=move || testing.get()
                                    >
                                        {t!(i18n, outbox.test_send)}
                                    </button>
                                </form>
                                {if outbox.items.is_empty() {
                                    view! { <p class="app-body">{t!(i18n, outbox.empty)}</p> }
                                        .into_any()
                                } else {
                                    view! {
                                        <div
                                            class="app-table-wrapper"
                                            tabindex="0"
                                            role="region"
                                            aria-labelledby="outbox-caption"
                                        >
                                            <table class="app-table app-table--cards" id="outbox">
                                                <caption class="app-table__caption" id="outbox-caption">
                                                    {t!(i18n, outbox.title)}
                                                </caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{t!(i18n, outbox.to)}</th>
                                                        <th scope="col">{t!(i18n, outbox.about)}</th>
                                                        <th scope="col">{t!(i18n, outbox.status)}</th>
                                                        <th scope="col">{t!(i18n, outbox.when)}</th>
                                                        <th scope="col">{t!(i18n, outbox.tries)}</th>
                                                        <th scope="col">{t!(i18n, outbox.answer)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {outbox
                                                        .items
                                                        .into_iter()
                                                        .map(|email| {
                                                            let id = email.id;
                                                            let failed = email.status == EmailStatus::Failed;
                                                            view! {
                                                                <tr>
                                                                    <td data-label=t_string!(
                                                                        i18n, outbox.to
                                                                    )>{email.to_address}</td>
                                                                    <td data-label=t_string!(
                                                                        i18n, outbox.about
                                                                    )>{email.subject}</td>
                                                                    <td data-label=t_string!(
                                                                        i18n, outbox.status
                                                                    )>{status_word(email.status)}</td>
                                                                    <td data-label=t_string!(
                                                                        i18n, outbox.when
                                                                    )>
                                                                        {local_date_time(email.created_at.timestamp_millis())}
                                                                    </td>
                                                                    <td data-label=t_string!(
                                                                        i18n, outbox.tries
                                                                    )>{email.attempts}</td>
                                                                    <td data-label=t_string!(
                                                                        i18n, outbox.answer
                                                                    )>
                                                                        {email.last_error.unwrap_or_default()}
                                                                        {failed
                                                                            .then(|| {
                                                                                view! {
                                                                                    " "
                                                                                    <button
                                                                                        type="button"
                                                                                        class="app-button app-button--secondary"
                                                                                        on:click=move |_| {
                                                                                            if !retrying.get_untracked() {
                                                                                                retry.dispatch_local(id);
                                                                                            }
                                                                                        }
                                                                                        prop:disabled=move || retrying.get()
                                                                                    >
                                                                                        {t!(i18n, outbox.retry)}
                                                                                    </button>
                                                                                }
                                                                            })}
                                                                    </td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    }
                                        .into_any()
                                }}
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
