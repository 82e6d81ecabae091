//! `/people/:id/goals/:goal_id/progress`: a goal's check-ins: a chart over time that
//! reads without colour, every check-in as a table, and a form to add one. Staff fill it in
//! with the person; the person can add their own. Check-ins are never changed afterwards.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::id::{GoalId, PersonId};
use ourplan_shared::plan::Goal;
use ourplan_shared::progress::{ProgressInput, ProgressNote};

use crate::api::{self, endpoint};
use crate::components::{
    ErrorSummary, FormError, PageTitle, ProgressChart, TextArea, TextInput, WhenLoaded,
};
use crate::dates::{local_date, today};
use crate::i18n::{t, t_string, tu_string, use_i18n};

#[component]
pub fn ProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    // The person and the goal in the address, both typed, or "not found".
    let ids = move || -> api::ApiResult<(PersonId, GoalId)> {
        let params = params.read();
        Ok((
            api::address_id(params.get("person_id"))?,
            api::address_id(params.get("goal_id"))?,
        ))
    };
    let goal = LocalResource::new(move || {
        let ids = ids();
        async move {
            let (person, goal) = ids?;
            api::get::<Goal>(&endpoint::goal(person, goal)).await
        }
    });
    let notes = LocalResource::new(move || {
        let ids = ids();
        async move {
            let (person, goal) = ids?;
            api::get::<Vec<ProgressNote>>(&endpoint::goal_progress(person, goal)).await
        }
    });
    let recorded_on = RwSignal::new(today().to_string());
    let progress = RwSignal::new(String::new());
    let measure_value = RwSignal::new(String::new());
    let positive = RwSignal::new(String::new());
    let negative = RwSignal::new(String::new());
    let barriers = RwSignal::new(String::new());
    let own_words = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let status = RwSignal::new(String::new());
    // Saving as an action: the button is disabled while the check-in is on its way, and a second
    // press before the page shows that saves nothing more.
    let save = Action::new_local(move |(path, input): &(String, ProgressInput)| {
        let (path, input) = (path.clone(), input.clone());
        async move {
            match api::post::<_, ProgressNote>(&path, &input).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    for field in [
                        progress,
                        measure_value,
                        positive,
                        negative,
                        barriers,
                        own_words,
                    ] {
                        field.set(String::new());
                    }
                    status.set(tu_string!(i18n, progress.saved).to_owned());
                    notes.refetch();
                }
                Err(e) => errors.set(vec![FormError {
                    field: e.field.unwrap_or_else(|| "progress".to_owned()),
                    message: e.message,
                }]),
            }
        }
    });
    let saving = save.pending();
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let Ok(day) = chrono::NaiveDate::parse_from_str(&recorded_on.get_untracked(), "%Y-%m-%d")
        else {
            errors.set(vec![FormError {
                field: "recorded_on".to_owned(),
                message: tu_string!(i18n, progress.date_invalid).to_owned(),
            }]);
            return;
        };
        let optional =
            |s: RwSignal<String>| Some(s.get_untracked()).filter(|t| !t.trim().is_empty());
        let input = ProgressInput {
            recorded_on: day,
            progress: progress.get_untracked(),
            measure_value: optional(measure_value),
            positive_changes: positive.get_untracked(),
            negative_changes: negative.get_untracked(),
            barriers: barriers.get_untracked(),
            own_words: optional(own_words),
            picture: None,
        };
        let Ok((person, goal)) = ids() else {
            return;
        };
        save.dispatch_local((endpoint::goal_progress(person, goal), input));
    };
    view! {
        <PageTitle text=t_string!(i18n, progress.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, progress.title)}</h1>
        <WhenLoaded ready=Signal::derive(move || {
            goal.get().is_some() && notes.get().is_some()
        })>
            {move || {
                goal.get()
                    .and_then(Result::ok)
                    .map(|g| {
                        view! {
                            <p class="app-body-l" id="goal-text">
                                {g.text.clone()}
                            </p>
                            <p class="app-body">
                                {t_string!(
                                    i18n, progress.measured_by, measure = g.measure.clone(), target = g.target.clone()
                                )
                                    .to_string()}
                            </p>
                        }
                    })
            }} <p class="app-body app-status" role="status" aria-live="polite" id="progress-status">
                {move || status.get()}
            </p>
            <Suspense fallback=move || {
                view! { <p class="app-body">{t!(i18n, progress.loading)}</p> }
            }>
                {move || {
                    notes
                        .get()
                        .map(|result| match result {
                            Err(e) => view! { <p class="app-body">{e.message}</p> }.into_any(),
                            Ok(list) => {
                                let measure = goal
                                    .get()
                                    .and_then(Result::ok)
                                    .map(|g| g.measure)
                                    .unwrap_or_default();
                                let points: Vec<_> = list
                                    .iter()
                                    .filter_map(|n| n.measured().map(|v| (n.recorded_on, v)))
                                    .collect();
                                view! {
                                    <h2 class="app-heading-m">{t!(i18n, progress.over_time)}</h2>
                                    <ProgressChart measure=measure points=points />
                                    <div
                                        class="app-table-wrapper"
                                        tabindex="0"
                                        role="region"
                                        aria-labelledby="check-ins-caption"
                                    >
                                        <table class="app-table" id="check-ins">
                                            <caption class="app-table__caption" id="check-ins-caption">
                                                {t_string!(i18n, progress.check_ins, count = list.len())
                                                    .to_string()}
                                            </caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">{t!(i18n, progress.column.date)}</th>
                                                    <th scope="col">{t!(i18n, progress.column.progress)}</th>
                                                    <th scope="col">{t!(i18n, progress.column.measure)}</th>
                                                    <th scope="col">{t!(i18n, progress.column.changes)}</th>
                                                    <th scope="col">{t!(i18n, progress.column.own_words)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {list
                                                    .into_iter()
                                                    .rev()
                                                    .map(|n| {
                                                        view! {
                                                            <tr>
                                                                <th scope="row">{local_date(n.recorded_on)}</th>
                                                                <td>{n.progress}</td>
                                                                <td>{n.measure_value.unwrap_or_default()}</td>
                                                                <td>
                                                                    {[n.positive_changes, n.negative_changes, n.barriers]
                                                                        .into_iter()
                                                                        .filter(|t| !t.is_empty())
                                                                        .collect::<Vec<_>>()
                                                                        .join(" / ")}
                                                                </td>
                                                                <td>{n.own_words.unwrap_or_default()}</td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense> <section aria-labelledby="add-heading">
                <h2 class="app-heading-m" id="add-heading">
                    {t!(i18n, progress.add_heading)}
                </h2>
                <form class="app-form" novalidate on:submit=add>
                    <TextInput
                        id="recorded_on"
                        label=t_string!(i18n, progress.field.date)
                        hint=t_string!(i18n, progress.field.date_hint)
                        input_type="date"
                        autocomplete="off"
                        value=recorded_on
                        errors=errors
                    />
                    <TextArea
                        id="progress"
                        label=t_string!(i18n, progress.field.progress)
                        hint=t_string!(i18n, progress.field.progress_hint)
                        value=progress
                        errors=errors
                    />
                    <TextInput
                        id="measure_value"
                        label=t_string!(i18n, progress.field.measure_value)
                        hint=t_string!(i18n, progress.field.measure_value_hint)
                        autocomplete="off"
                        value=measure_value
                        errors=errors
                    />
                    <TextArea
                        id="positive_changes"
                        label=t_string!(i18n, progress.field.positive)
                        value=positive
                        errors=errors
                    />
                    <TextArea
                        id="negative_changes"
                        label=t_string!(i18n, progress.field.negative)
                        value=negative
                        errors=errors
                    />
                    <TextArea
                        id="barriers"
                        label=t_string!(i18n, progress.field.barriers)
                        value=barriers
                        errors=errors
                    />
                    <TextArea
                        id="own_words"
                        label=t_string!(i18n, progress.field.own_words)
                        value=own_words
                        errors=errors
                    />
                    <button
                        class="app-button"
                        type="submit"
                        id="add-check-in"
                        prop:disabled=move || saving.get()
                    >
                        {t!(i18n, progress.save)}
                    </button>
                </form>
            </section> <p class="app-body">
                <A href=move || format!("/people/{}", person()) attr:class="app-link">
                    {t!(i18n, progress.back)}
                </A>
            </p>
        </WhenLoaded>
    }
}
