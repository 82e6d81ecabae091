//! `/organisation`: the organisation's settings, changed by its admins: how often plans
//! are reviewed after the first review (1 to 12 months), its time zone, and how many years
//! records are kept after a person's support ends.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::organisation::{Organisation, OrganisationSettings};

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput};
use crate::i18n::{t, t_string, tu_string, use_i18n};

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let organisation = RwSignal::new(None::<Organisation>);
    let months = RwSignal::new(String::new());
    let time_zone = RwSignal::new(String::new());
    let retention = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let status = RwSignal::new(String::new());
    let show = move |o: Organisation| {
        months.set(o.review_interval_months.to_string());
        time_zone.set(o.time_zone.clone());
        retention.set(o.retention_years.to_string());
        organisation.set(Some(o));
    };
    spawn_local(async move {
        match api::get::<Organisation>(&endpoint::organisation()).await {
            Ok(o) => show(o),
            Err(e) => status.set(e.message),
        }
    });
    // Saving as an action: the button is disabled while the change is on its way, and a second
    // press before the page shows that sends nothing more.
    let save = Action::new_local(move |(version, body): &(i64, OrganisationSettings)| {
        let (version, body) = (*version, body.clone());
        async move {
            match api::put_if_match::<_, Organisation>(&endpoint::organisation(), version, &body)
                .await
            {
                Ok(saved) => {
                    errors.set(Vec::new());
                    show(saved);
                    status.set(tu_string!(i18n, organisation.saved).to_owned());
                }
                Err(refused) if refused.error.code == ErrorCode::PreconditionFailed => {
                    status.set(tu_string!(i18n, organisation.conflict).to_owned());
                    if let Ok(theirs) = api::get::<Organisation>(&endpoint::organisation()).await {
                        show(theirs);
                    }
                }
                Err(refused) => errors.set(vec![FormError {
                    field: refused.error.field.unwrap_or_default(),
                    message: refused.error.message,
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
        let Some(current) = organisation.get_untracked() else {
            return;
        };
        let Ok(review_interval_months) = months.get_untracked().trim().parse::<u32>() else {
            errors.set(vec![FormError {
                field: "review_interval_months".to_owned(),
                message: tu_string!(i18n, organisation.months_invalid).to_owned(),
            }]);
            return;
        };
        let Ok(retention_years) = retention.get_untracked().trim().parse::<u32>() else {
            errors.set(vec![FormError {
                field: "retention_years".to_owned(),
                message: tu_string!(i18n, organisation.retention_invalid).to_owned(),
            }]);
            return;
        };
        let body = OrganisationSettings {
            review_interval_months,
            time_zone: time_zone.get_untracked(),
            retention_years: Some(retention_years),
        };
        save.dispatch_local((current.row_version, body));
    };
    view! {
        <PageTitle text=t_string!(i18n, organisation.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">
            {move || {
                organisation
                    .get()
                    .map_or_else(|| t_string!(i18n, organisation.title).to_owned(), |o| o.name)
            }}
        </h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="organisation-status">
            {move || status.get()}
        </p>
        <form class="app-form" novalidate on:submit=submit>
            <TextInput
                id="review_interval_months"
                label=t_string!(i18n, organisation.months_label)
                hint=t_string!(i18n, organisation.months_hint)
                autocomplete="off"
                value=months
                errors=errors
            />
            <TextInput
                id="time_zone"
                label=t_string!(i18n, organisation.time_zone_label)
                hint=t_string!(i18n, organisation.time_zone_hint)
                autocomplete="off"
                value=time_zone
                errors=errors
            />
            <TextInput
                id="retention_years"
                label=t_string!(i18n, organisation.retention_label)
                hint=t_string!(i18n, organisation.retention_hint)
                autocomplete="off"
                value=retention
                errors=errors
            />
            <button
                class="app-button"
                type="submit"
                id="save-organisation"
                prop:disabled=move || saving.get()
            >
                {t!(i18n, organisation.save)}
            </button>
        </form>
    }
}
