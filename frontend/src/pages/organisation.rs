//! `/organisation`: the organisation's settings, changed by its admins: how often plans
//! are reviewed after the first review (1 to 12 months) and its time zone.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::organisation::{Organisation, OrganisationSettings};

use crate::api;
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput};

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let organisation = RwSignal::new(None::<Organisation>);
    let months = RwSignal::new(String::new());
    let time_zone = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let status = RwSignal::new(String::new());
    let show = move |o: Organisation| {
        months.set(o.review_interval_months.to_string());
        time_zone.set(o.time_zone.clone());
        organisation.set(Some(o));
    };
    spawn_local(async move {
        match api::get::<Organisation>("/api/v1/organisation").await {
            Ok(o) => show(o),
            Err(e) => status.set(e.message),
        }
    });
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(current) = organisation.get_untracked() else {
            return;
        };
        let Ok(review_interval_months) = months.get_untracked().trim().parse::<u32>() else {
            errors.set(vec![FormError {
                field: "review_interval_months".to_owned(),
                message: "Enter a number of months from 1 to 12.".to_owned(),
            }]);
            return;
        };
        let body = OrganisationSettings {
            review_interval_months,
            time_zone: time_zone.get_untracked(),
        };
        spawn_local(async move {
            match api::put_if_match::<_, Organisation>(
                "/api/v1/organisation",
                current.row_version,
                &body,
            )
            .await
            {
                Ok(saved) => {
                    errors.set(Vec::new());
                    show(saved);
                    status.set("Saved.".to_owned());
                }
                Err(refused) if refused.error.code == ErrorCode::PreconditionFailed => {
                    status.set("Someone else changed the settings first. Your changes were not saved; the page shows theirs.".to_owned());
                    if let Ok(theirs) = api::get::<Organisation>("/api/v1/organisation").await {
                        show(theirs);
                    }
                }
                Err(refused) => errors.set(vec![FormError {
                    field: refused.error.field.unwrap_or_default(),
                    message: refused.error.message,
                }]),
            }
        });
    };
    view! {
        <PageTitle text="Organisation settings"/>
        <ErrorSummary errors=errors/>
        <h1 class="app-heading-xl">{move || organisation.get().map_or_else(|| "Organisation settings".to_owned(), |o| o.name)}</h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="organisation-status">{move || status.get()}</p>
        <form class="app-form" novalidate on:submit=save>
            <TextInput id="review_interval_months" label="Months between reviews"
                hint="After the first review at 6 weeks. At least once a year: 1 to 12. The usual is 6."
                autocomplete="off" value=months errors=errors/>
            <TextInput id="time_zone" label="Time zone" hint="Its days are the days the review dates count, such as Europe/London."
                autocomplete="off" value=time_zone errors=errors/>
            <button class="app-button" type="submit" id="save-organisation">"Save the settings"</button>
        </form>
    }
}
