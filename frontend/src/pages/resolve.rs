//! `/people/:id/decisions/:item_id/resolve`: staff record how the person's disagreement was
//! resolved. It becomes a new entry in the log; the disagreement keeps the person's words.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use ourplan_shared::id::{DecisionId, PersonId};
use ourplan_shared::plan::{Decision, ResolutionRequest};
use ourplan_shared::validation::Validate;

use crate::api::{self, endpoint};
use crate::components::{
    ErrorSummary, FormError, PageTitle, TextArea, TextInput, title_follows_errors,
};
use crate::dates::{local_date, today};
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn ResolvePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let navigate = use_navigate();
    let person_id = move || params.read().get("person_id").unwrap_or_default();
    // The person and the decision in the address, both typed, or "not found".
    let ids = move || -> api::ApiResult<(PersonId, DecisionId)> {
        let params = params.read();
        Ok((
            api::address_id(params.get("person_id"))?,
            api::address_id(params.get("item_id"))?,
        ))
    };
    let disagreement = LocalResource::new(move || {
        let ids = ids();
        async move {
            let (person, decision) = ids?;
            api::get::<Decision>(&endpoint::decision(person, decision)).await
        }
    });
    let resolution = RwSignal::new(String::new());
    let who = RwSignal::new(String::new());
    let resolved_on = RwSignal::new(today().to_string());
    let errors = RwSignal::new(Vec::<FormError>::new());
    // Recording as an action: the button is disabled while it is on its way, and a second press
    // before the page shows that sends nothing more.
    let record = Action::new_local(
        move |(person, decision, body): &(PersonId, DecisionId, ResolutionRequest)| {
            let (person, path) = (*person, endpoint::decision_resolution(*person, *decision));
            let (body, navigate) = (body.clone(), navigate.clone());
            async move {
                match api::post::<_, Decision>(&path, &body).await {
                    Ok(_) => navigate(
                        &format!("/people/{person}/edit?saved=decisions"),
                        Default::default(),
                    ),
                    Err(refused) => errors.set(vec![FormError {
                        field: refused.field.unwrap_or_default(),
                        message: refused.message,
                    }]),
                }
            }
        },
    );
    let busy = record.pending();
    let title = t_string!(i18n, resolve.title);
    title_follows_errors(
        title,
        t_string!(i18n, resolve.error_title, title).to_string(),
        errors,
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Ok(day) = NaiveDate::parse_from_str(resolved_on.get_untracked().trim(), "%Y-%m-%d")
        else {
            errors.set(vec![FormError {
                field: "resolved_on".to_owned(),
                message: t_string!(i18n, resolve.date_invalid).to_owned(),
            }]);
            return;
        };
        let body = ResolutionRequest {
            resolution: resolution.get_untracked(),
            who: who.get_untracked(),
            resolved_on: day,
        };
        // The shared rules first, so every problem shows at once.
        let problems = body.problems();
        if !problems.is_empty() {
            errors.set(problems.into_iter().map(FormError::from).collect());
            return;
        }
        let Ok((person, decision)) = ids() else {
            return;
        };
        record.dispatch_local((person, decision, body));
    };
    view! {
        <PageTitle text=title />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, resolve.title)}</h1>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, resolve.loading)}</p> }
        }>
            {move || {
                disagreement
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                        Ok(d) => {
                            let on = local_date(d.occurred_on);
                            let about = d
                                .about
                                .as_ref()
                                .map(|about| {
                                    let words = about
                                        .words
                                        .clone()
                                        .unwrap_or_else(|| {
                                            t_string!(i18n, resolve.about_hidden).to_owned()
                                        });
                                    view! {
                                        <div class="app-summary-list__row">
                                            <dt class="app-summary-list__key">
                                                {t!(i18n, resolve.about)}
                                            </dt>
                                            <dd class="app-summary-list__value">{words}</dd>
                                        </div>
                                    }
                                });
                            let words = d
                                .own_words
                                .clone()
                                .map(|words| {
                                    view! {
                                        <div class="app-summary-list__row">
                                            <dt class="app-summary-list__key">
                                                {t!(i18n, resolve.their_words)}
                                            </dt>
                                            <dd class="app-summary-list__value">{words}</dd>
                                        </div>
                                    }
                                });
                            view! {
                                <p class="app-body">{t!(i18n, resolve.intro)}</p>
                                <dl class="app-summary-list" id="disagreement">
                                    <div class="app-summary-list__row">
                                        <dt class="app-summary-list__key">
                                            {t!(i18n, resolve.raised_on)}
                                        </dt>
                                        <dd class="app-summary-list__value">{on}</dd>
                                    </div>
                                    <div class="app-summary-list__row">
                                        <dt class="app-summary-list__key">
                                            {t!(i18n, resolve.what)}
                                        </dt>
                                        <dd class="app-summary-list__value">{d.text.clone()}</dd>
                                    </div>
                                    {about}
                                    {words}
                                </dl>
                                <form
                                    class="app-form"
                                    id="resolve-form"
                                    novalidate
                                    on:submit=submit
                                >
                                    <TextArea
                                        id="resolution"
                                        label=t_string!(i18n, resolve.resolution_label)
                                        hint=t_string!(i18n, resolve.resolution_hint)
                                        value=resolution
                                        errors=errors
                                    />
                                    <TextInput
                                        id="who"
                                        label=t_string!(i18n, resolve.who_label)
                                        autocomplete="off"
                                        value=who
                                        errors=errors
                                    />
                                    <TextInput
                                        id="resolved_on"
                                        label=t_string!(i18n, resolve.resolved_on_label)
                                        input_type="date"
                                        autocomplete="off"
                                        value=resolved_on
                                        errors=errors
                                    />
                                    <button
                                        class="app-button"
                                        type="submit"
                                        id="save-resolution"
                                        disabled=move || busy.get()
                                    >
                                        {t!(i18n, resolve.save)}
                                    </button>
                                    " "
                                    <A
                                        href=format!("/people/{}/edit#decisions", person_id())
                                        attr:class="app-link"
                                    >
                                        {t!(i18n, resolve.cancel)}
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
