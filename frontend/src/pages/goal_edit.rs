//! `/people/:id/goals/:goal_id`: change a goal. The SMART checks run as you type, with the
//! same rules and words the server uses (`shared`). Saving names the version you opened; if
//! someone else saved first, nothing is overwritten: their changes and yours are combined
//! field by field, and where you both changed the same field you choose.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::plan::{Goal, GoalInput};
use ourplan_shared::validation::Validate;

use crate::api;
use crate::components::{ErrorSummary, FormError, PageTitle};

/// The fields a person edits, as text, in form order: JSON name and label.
const FIELDS: [(&str, &str, &str); 7] = [
    (
        "text",
        "What the goal is",
        "Specific: what will be different.",
    ),
    ("own_words", "In the person's own words", "Optional."),
    ("measure", "How progress is measured", "Measurable."),
    ("baseline", "Where it starts", "Optional."),
    ("target", "What counts as done", "Achievable."),
    ("start_on", "Start date", "As 2026-12-01."),
    ("due_on", "Target date", "Time-bound: after the start date."),
];

fn get(goal: &Goal, field: &str) -> String {
    match field {
        "text" => goal.text.clone(),
        "own_words" => goal.own_words.clone().unwrap_or_default(),
        "measure" => goal.measure.clone(),
        "baseline" => goal.baseline.clone(),
        "target" => goal.target.clone(),
        "start_on" => goal.start_on.to_string(),
        "due_on" => goal.due_on.to_string(),
        _ => String::new(),
    }
}

/// The goal with one field set from its text; `None` for a date that is not a date.
fn set(goal: &Goal, field: &str, value: &str) -> Option<Goal> {
    let mut goal = goal.clone();
    let day = || chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
    match field {
        "text" => goal.text = value.to_owned(),
        "own_words" => goal.own_words = (!value.trim().is_empty()).then(|| value.to_owned()),
        "measure" => goal.measure = value.to_owned(),
        "baseline" => goal.baseline = value.to_owned(),
        "target" => goal.target = value.to_owned(),
        "start_on" => goal.start_on = day()?,
        "due_on" => goal.due_on = day()?,
        _ => {}
    }
    Some(goal)
}

fn input_of(goal: &Goal) -> GoalInput {
    GoalInput {
        term: goal.term,
        text: goal.text.clone(),
        own_words: goal.own_words.clone(),
        picture: goal.picture.clone(),
        measure: goal.measure.clone(),
        baseline: goal.baseline.clone(),
        target: goal.target.clone(),
        start_on: goal.start_on,
        due_on: goal.due_on,
        status: goal.status,
        addresses: goal.addresses.clone(),
        position: Some(goal.position),
    }
}

/// A field both people changed, differently.
#[derive(Debug, Clone, PartialEq)]
struct Clash {
    field: &'static str,
    label: &'static str,
    mine: String,
    theirs: String,
}

/// Combines three versions: what I opened, what I have, what they saved. A field only one side
/// changed takes that side's value; a field both changed differently is a clash to choose.
fn combine(opened: &Goal, mine: &Goal, theirs: &Goal) -> Combined {
    let mut combined = theirs.clone();
    let mut clashes = Vec::new();
    let mut kept_theirs = Vec::new();
    let mut kept_mine = Vec::new();
    for (field, label, _) in FIELDS {
        let (o, m, t) = (get(opened, field), get(mine, field), get(theirs, field));
        if m == o {
            if t != o {
                kept_theirs.push(label);
            }
        } else if t == o || t == m {
            combined = set(&combined, field, &m).unwrap_or(combined);
            kept_mine.push(label);
        } else {
            clashes.push(Clash {
                field,
                label,
                mine: m,
                theirs: t,
            });
        }
    }
    Combined {
        goal: combined,
        clashes,
        kept_theirs,
        kept_mine,
    }
}

/// The result of combining: the goal, the clashes, and whose changes were kept.
struct Combined {
    goal: Goal,
    clashes: Vec<Clash>,
    kept_theirs: Vec<&'static str>,
    kept_mine: Vec<&'static str>,
}

#[component]
pub fn GoalEditPage() -> impl IntoView {
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let goal_id = move || params.read().get("goal_id").unwrap_or_default();
    let path = move || format!("/api/v1/persons/{}/goals/{}", person(), goal_id());
    // What was opened (the base of the next save), and what is in the form.
    let opened = RwSignal::new(None::<Goal>);
    let form = RwSignal::new(None::<Goal>);
    let bad_dates = RwSignal::new(Vec::<&'static str>::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let status = RwSignal::new(String::new());
    // Someone saved first: their goal, the combination, the clashes, what of theirs was kept.
    let conflict = RwSignal::new(None::<Conflicted>);
    let load_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let path = path();
        spawn_local(async move {
            match api::get::<Goal>(&path).await {
                Ok(goal) => {
                    opened.set(Some(goal.clone()));
                    form.set(Some(goal));
                }
                Err(e) => load_error.set(Some(e.message)),
            }
        });
    });
    // Closing or reloading the tab with unsaved changes asks first.
    let unsaved = move || form.get_untracked() != opened.get_untracked();
    let guard = window_event_listener(leptos::ev::beforeunload, move |event| {
        if unsaved() {
            event.prevent_default();
        }
    });
    on_cleanup(move || guard.remove());
    // The SMART checks, live: the shared rules the server applies.
    let checks = Memo::new(move |_| {
        let mut problems: Vec<String> = bad_dates
            .get()
            .iter()
            .map(|label| format!("{label}: enter a date like 2026-12-01."))
            .collect();
        if let Some(goal) = form.get() {
            problems.extend(goal.problems().into_iter().map(|p| p.message));
        }
        problems
    });

    let save_goal = move |goal: Goal, version: i64| {
        let path = path();
        spawn_local(async move {
            match api::put_if_match::<_, Goal>(&path, version, &input_of(&goal)).await {
                Ok(saved) => {
                    errors.set(Vec::new());
                    conflict.set(None);
                    opened.set(Some(saved.clone()));
                    form.set(Some(saved));
                    status.set("Saved.".to_owned());
                }
                Err(refused) if refused.error.code == ErrorCode::PreconditionFailed => {
                    let theirs = refused
                        .current
                        .and_then(|current| serde_json::from_value::<Goal>(current).ok());
                    if let (Some(theirs), Some(base)) = (theirs, opened.get_untracked()) {
                        let c = combine(&base, &goal, &theirs);
                        conflict.set(Some(Conflicted {
                            theirs,
                            combined: c.goal,
                            clashes: c.clashes,
                            kept: c.kept_theirs,
                            mine: c.kept_mine,
                        }));
                        status.set(String::new());
                    }
                }
                Err(refused) => errors.set(vec![FormError {
                    field: refused.error.field.unwrap_or_else(|| "text".to_owned()),
                    message: refused.error.message,
                }]),
            }
        });
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let (Some(goal), Some(base)) = (form.get_untracked(), opened.get_untracked()) {
            status.set(String::new());
            save_goal(goal, base.row_version);
        }
    };

    view! {
        <PageTitle text="Change a goal"/>
        <ErrorSummary errors=errors/>
        <h1 class="app-heading-xl">"Change a goal"</h1>
        {move || load_error.get().map(|e| view! { <p class="app-body">{e}</p> })}
        <p class="app-body app-status" role="status" aria-live="polite" id="save-status">{move || status.get()}</p>
        {move || conflict.get().map(|c| {
            view! { <Conflict conflicted=c on_save=save_goal on_discard=move |theirs: Goal| {
                conflict.set(None);
                opened.set(Some(theirs.clone()));
                form.set(Some(theirs));
                status.set("Showing their version. Your changes were not saved.".to_owned());
            }/> }
        })}
        <Show when=move || form.get().is_some() && conflict.get().is_none()>
            <form class="app-form" novalidate on:submit=submit>
                {FIELDS.iter().map(|&(field, label, hint)| {
                    let hint_id = format!("{field}-hint");
                    let input_type = if field.ends_with("_on") { "date" } else { "text" };
                    view! {
                        <div class="app-form-group">
                            <label class="app-label" for=field>{label}</label>
                            <p class="app-hint" id=hint_id.clone()>{hint}</p>
                            <input class="app-input" id=field name=field type=input_type autocomplete="off"
                                aria-describedby=hint_id
                                prop:value=move || form.get().map(|g| get(&g, field)).unwrap_or_default()
                                on:input=move |event| {
                                    let value = event_target_value(&event);
                                    let Some(goal) = form.get_untracked() else { return };
                                    match set(&goal, field, &value) {
                                        Some(changed) => {
                                            bad_dates.update(|b| b.retain(|l| *l != label));
                                            form.set(Some(changed));
                                        }
                                        None => bad_dates.update(|b| if !b.contains(&label) { b.push(label) }),
                                    }
                                }/>
                        </div>
                    }
                }).collect_view()}
                <div class="app-smart-checks" id="smart-checks" aria-live="polite">
                    <h2 class="app-heading-s">"SMART checks"</h2>
                    {move || {
                        let problems = checks.get();
                        if problems.is_empty() {
                            view! { <p class="app-body">"This goal is specific, measurable and has a target date."</p> }.into_any()
                        } else {
                            view! { <ul class="app-list--bullet">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }.into_any()
                        }
                    }}
                </div>
                <button class="app-button" type="submit" id="save-goal">"Save the goal"</button>
            </form>
        </Show>
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Conflicted {
    theirs: Goal,
    combined: Goal,
    clashes: Vec<Clash>,
    kept: Vec<&'static str>,
    mine: Vec<&'static str>,
}

/// Someone saved first: what was combined, and the clashes to choose.
#[component]
fn Conflict(
    conflicted: Conflicted,
    on_save: impl Fn(Goal, i64) + Copy + Send + Sync + 'static,
    on_discard: impl Fn(Goal) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let Conflicted {
        theirs,
        combined,
        clashes,
        kept,
        mine,
    } = conflicted;
    let theirs_version = theirs.row_version;
    let choices: Vec<(Clash, RwSignal<bool>)> = clashes
        .into_iter()
        .map(|c| (c, RwSignal::new(true)))
        .collect();
    let save = {
        let choices = choices.clone();
        let combined = combined.clone();
        move |_| {
            let mut goal = combined.clone();
            for (clash, mine) in &choices {
                let value = if mine.get_untracked() {
                    &clash.mine
                } else {
                    &clash.theirs
                };
                goal = set(&goal, clash.field, value).unwrap_or(goal);
            }
            on_save(goal, theirs_version);
        }
    };
    view! {
        <section class="app-conflict" aria-labelledby="conflict-heading">
            <h2 class="app-heading-m" id="conflict-heading" tabindex="-1">"Someone else changed this goal"</h2>
            <p class="app-body">"They saved while you were editing. Nothing has been overwritten."</p>
            {(!kept.is_empty()).then(|| view! {
                <p class="app-body" id="kept-theirs">{format!("Their changes are kept: {}.", kept.join(", "))}</p>
            })}
            {(!mine.is_empty()).then(|| view! {
                <p class="app-body" id="kept-mine">{format!("Your changes are kept: {}.", mine.join(", "))}</p>
            })}
            {choices.iter().map(|(clash, mine)| {
                let mine = *mine;
                let name = format!("choose-{}", clash.field);
                view! {
                    <fieldset class="app-fieldset">
                        <legend class="app-fieldset__legend">{format!("{}: you both changed it", clash.label)}</legend>
                        <div class="app-radios">
                            <div class="app-radios__item">
                                <input class="app-radios__input" type="radio" id=format!("{name}-mine") name=name.clone()
                                    prop:checked=move || mine.get() on:change=move |_| mine.set(true)/>
                                <label class="app-radios__label" for=format!("{name}-mine")>{format!("Yours: {}", clash.mine)}</label>
                            </div>
                            <div class="app-radios__item">
                                <input class="app-radios__input" type="radio" id=format!("{name}-theirs") name=name.clone()
                                    prop:checked=move || !mine.get() on:change=move |_| mine.set(false)/>
                                <label class="app-radios__label" for=format!("{name}-theirs")>{format!("Theirs: {}", clash.theirs)}</label>
                            </div>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div class="app-button-group">
                <button class="app-button" type="button" id="save-combined" on:click=save>"Save the combined goal"</button>
                <button class="app-button app-button--secondary" type="button" on:click=move |_| on_discard(theirs.clone())>
                    "Use their version instead"
                </button>
            </div>
        </section>
    }
}
