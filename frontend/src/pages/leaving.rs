//! Leaving the service: `/people/:id/leaving`, where a manager ends a person's support
//! with a date and a reason, and the notice on the person's page once it has ended, with the
//! undo for 30 days.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use ourplan_shared::id::PersonId;
use ourplan_shared::leaving::EndSupport;
use ourplan_shared::organisation::Person;

use crate::api::{self, endpoint};
use crate::components::{
    ErrorSummary, FormError, PageTitle, TextArea, TextInput, title_follows_errors,
};
use crate::dates::{local_date, local_date_time, today};
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn LeavingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let navigate = use_navigate();
    let person = LocalResource::new(move || {
        let id = api::address_id::<PersonId>(params.read().get("person_id"));
        async move { api::get::<Person>(&endpoint::person(id?)).await }
    });
    let left_on = RwSignal::new(today().to_string());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    // Ending support as an action: the button is disabled while it is on its way, and a second
    // press before the page shows that sends nothing more.
    let end = Action::new_local(move |(id, body): &(PersonId, EndSupport)| {
        let (id, body, navigate) = (*id, body.clone(), navigate.clone());
        async move {
            match api::post::<_, Person>(&endpoint::leaving(id), &body).await {
                Ok(_) => navigate(&format!("/people/{id}"), Default::default()),
                Err(refused) => errors.set(vec![FormError {
                    field: refused.field.unwrap_or_default(),
                    message: refused.message,
                }]),
            }
        }
    });
    let busy = end.pending();
    let title = t_string!(i18n, leaving.title);
    title_follows_errors(
        title,
        t_string!(i18n, leaving.error_title, title).to_string(),
        errors,
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Ok(day) = NaiveDate::parse_from_str(left_on.get_untracked().trim(), "%Y-%m-%d") else {
            errors.set(vec![FormError {
                field: "left_on".to_owned(),
                message: t_string!(i18n, leaving.date_invalid).to_owned(),
            }]);
            return;
        };
        let body = EndSupport {
            left_on: day,
            reason: reason.get_untracked(),
        };
        let Ok(id) = api::address_id::<PersonId>(params.read_untracked().get("person_id")) else {
            return;
        };
        end.dispatch_local((id, body));
    };
    view! {
        <PageTitle text=title />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, leaving.title)}</h1>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, leaving.loading)}</p> }
        }>
            {move || {
                person
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                        Ok(p) => {
                            let name = p.name().to_owned();
                            view! {
                                <p class="app-body">
                                    {t_string!(i18n, leaving.intro, name).to_string()}
                                </p>
                                <form
                                    class="app-form"
                                    id="leaving-form"
                                    novalidate
                                    on:submit=submit
                                >
                                    <TextInput
                                        id="left_on"
                                        label=t_string!(i18n, leaving.left_on_label)
                                        input_type="date"
                                        autocomplete="off"
                                        value=left_on
                                        errors=errors
                                    />
                                    <TextArea
                                        id="reason"
                                        label=t_string!(i18n, leaving.reason_label)
                                        hint=t_string!(i18n, leaving.reason_hint)
                                        value=reason
                                        errors=errors
                                    />
                                    <button
                                        class="app-button app-button--warning"
                                        type="submit"
                                        id="end-support"
                                        disabled=move || busy.get()
                                    >
                                        {t!(i18n, leaving.save)}
                                    </button>
                                    " "
                                    <A href=format!("/people/{}", p.id) attr:class="app-link">
                                        {t!(i18n, leaving.cancel)}
                                    </A>
                                </form>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// On a person's page, for staff: that their support has ended, and the undo while it lasts;
/// otherwise, for managers, the way to end it. `changed` is called once it is undone.
#[component]
pub fn SupportEnded(
    person: Person,
    /// Whether the reader may end support or undo it (managers and admins).
    managers: bool,
    /// Where the page says what happened (it outlives this notice).
    status: RwSignal<String>,
    changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = person.id;
    let Some(leaving) = person.leaving else {
        return managers
            .then(|| {
                view! {
                    <p class="app-body">
                        <A href=format!("/people/{id}/leaving") attr:id="end-support-link">
                            {t!(i18n, leaving.link)}
                        </A>
                    </p>
                }
            })
            .into_any();
    };
    let now = js_sys::Date::now();
    let until_millis = leaving.reversible_until.timestamp_millis();
    let undoable = managers && (until_millis as f64) > now;
    // Undoing as an action: the button is disabled while it is on its way, and a second press
    // before the page shows that sends nothing more.
    let undo = Action::new_local(move |_: &()| async move {
        match api::delete(&endpoint::leaving(id)).await {
            Ok(()) => {
                status.set(t_string!(i18n, leaving.undone).to_owned());
                changed();
            }
            Err(refused) => status.set(refused.message),
        }
    });
    let undoing = undo.pending();
    let date = local_date(leaving.left_on);
    let reason = leaving.reason;
    let name = leaving.recorded_by.unwrap_or_default();
    view! {
        <div class="app-notice" id="support-ended">
            <h2 class="app-heading-m">{t!(i18n, leaving.ended_heading)}</h2>
            <p class="app-body">{t_string!(i18n, leaving.ended, date, reason).to_string()}</p>
            <p class="app-body">{t_string!(i18n, leaving.recorded, name).to_string()}</p>
            {undoable
                .then(|| {
                    let date = local_date_time(until_millis);
                    view! {
                        <p class="app-body">
                            {t_string!(i18n, leaving.undo_until, date).to_string()}
                        </p>
                        <button
                            type="button"
                            class="app-button app-button--secondary"
                            id="undo-leaving"
                            on:click=move |_| {
                                if !undoing.get_untracked() {
                                    undo.dispatch_local(());
                                }
                            }
                            prop:disabled=move || undoing.get()
                        >
                            {t!(i18n, leaving.undo)}
                        </button>
                    }
                })}
        </div>
    }
    .into_any()
}
