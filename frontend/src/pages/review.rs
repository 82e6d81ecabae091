//! `/people/:id/reviews/:review_id`: one review in two parts. A support worker
//! writes Part 1 with the person (what works, what does not, the person's views, progress on
//! each goal) and submits it, which tells the manager; the manager writes Part 2 (outcome,
//! changes agreed, evidence that the plan works) and completes it, which agrees the next
//! version of the plan. A completed review is shown as it was; nothing in it changes again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::feedback::Feedback;
use ourplan_shared::id::{GoalId, PersonId, ReviewId};
use ourplan_shared::plan::{GoalStatus, PlanDocument};
use ourplan_shared::review::{GoalProgressInput, PartOneInput, PartTwoInput, Review, ReviewStatus};
use ourplan_shared::role::Role;

use super::picture_sort::ReviewViews;
use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, SummaryList, TextArea, WhenLoaded};
use crate::dates::local_date;
use crate::i18n::{t, t_string, tu_string, use_i18n};
use crate::session::SessionContext;

/// One goal's progress in the Part 1 form.
#[derive(Clone)]
struct GoalRow {
    id: GoalId,
    text: String,
    progress: RwSignal<String>,
    own_words: RwSignal<String>,
}

/// The step after saving a part: its path (submit Part 1, complete the review).
type NextStep = fn(PersonId, ReviewId) -> String;

/// What a save sends: the version read, the review, which part (Part 2 for a manager), and
/// the step after it.
type Save = (i64, PersonId, ReviewId, bool, Option<NextStep>);

fn to_errors(error: ourplan_shared::error::ErrorDetail) -> Vec<FormError> {
    vec![FormError {
        field: error
            .field
            .map(|f| f.split(['[', '.']).next().unwrap_or_default().to_owned())
            .unwrap_or_default(),
        message: error.message,
    }]
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let review_id = move || params.read().get("review_id").unwrap_or_default();
    // The person and the review in the address, both typed, or "not found".
    let ids = move || -> api::ApiResult<(PersonId, ReviewId)> {
        let params = params.read();
        Ok((
            api::address_id(params.get("person_id"))?,
            api::address_id(params.get("review_id"))?,
        ))
    };
    let review = RwSignal::new(None::<Review>);
    let goals = RwSignal::new(Vec::<GoalRow>::new());
    // Feedback since the last completed review, for Part 1.
    let feedback = RwSignal::new(Vec::<Feedback>::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let status = RwSignal::new(String::new());
    // The plan and the review have been asked for (answered or not).
    let loaded = RwSignal::new(false);
    // Someone saved first: their review, shown beside the form until the writer chooses.
    let theirs = RwSignal::new(None::<Review>);
    let (working, not_working, views, changes) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let (outcome, agreed, evidence) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let fill = move |r: &Review| {
        let one = r.part_one.clone().unwrap_or_default();
        working.set(one.what_is_working);
        not_working.set(one.what_is_not_working);
        views.set(one.persons_views);
        changes.set(one.proposed_changes);
        let two = r.part_two.clone();
        outcome.set(two.as_ref().map(|t| t.outcome.clone()).unwrap_or_default());
        agreed.set(
            two.as_ref()
                .map(|t| t.changes_agreed.clone())
                .unwrap_or_default(),
        );
        evidence.set(two.map(|t| t.effectiveness_evidence).unwrap_or_default());
        for g in goals.get_untracked() {
            let stored = r.goal_progress.iter().find(|p| p.goal_id == g.id);
            g.progress
                .set(stored.map(|p| p.progress.clone()).unwrap_or_default());
            g.own_words
                .set(stored.and_then(|p| p.own_words.clone()).unwrap_or_default());
        }
    };
    Effect::new(move |_| {
        let ids = ids();
        spawn_local(async move {
            let (person, id) = match ids {
                Ok(ids) => ids,
                Err(e) => {
                    status.set(e.message);
                    loaded.set(true);
                    return;
                }
            };
            if let Ok(plan) = api::get::<PlanDocument>(&endpoint::plan(person)).await {
                let since = plan
                    .reviews
                    .iter()
                    .filter_map(|r| r.part_two.as_ref().and_then(|p| p.completed_at))
                    .max();
                feedback.set(
                    plan.feedback
                        .iter()
                        .filter(|f| since.is_none_or(|since| f.created_at > since))
                        .cloned()
                        .collect(),
                );
                goals.set(
                    plan.goals
                        .into_iter()
                        .filter(|g| {
                            matches!(g.status, GoalStatus::NotStarted | GoalStatus::InProgress)
                        })
                        .map(|g| GoalRow {
                            id: g.id,
                            text: g.text,
                            progress: RwSignal::new(String::new()),
                            own_words: RwSignal::new(String::new()),
                        })
                        .collect(),
                );
            }
            match api::get::<Review>(&endpoint::review(person, id)).await {
                Ok(r) => {
                    fill(&r);
                    review.set(Some(r));
                }
                Err(e) => status.set(e.message),
            }
            loaded.set(true);
        });
    });
    let part_one = move || PartOneInput {
        what_is_working: working.get_untracked(),
        what_is_not_working: not_working.get_untracked(),
        persons_views: views.get_untracked(),
        proposed_changes: changes.get_untracked(),
        goal_progress: goals
            .get_untracked()
            .into_iter()
            .filter(|g| !g.progress.get_untracked().trim().is_empty())
            .map(|g| GoalProgressInput {
                goal_id: g.id,
                progress: g.progress.get_untracked(),
                own_words: Some(g.own_words.get_untracked()).filter(|w| !w.trim().is_empty()),
            })
            .collect(),
    };
    let part_two = move || PartTwoInput {
        outcome: outcome.get_untracked(),
        changes_agreed: agreed.get_untracked(),
        effectiveness_evidence: evidence.get_untracked(),
    };
    // Saves the part shown, then (when a next step is given) moves the review on. An action:
    // the buttons are disabled while it is on its way, and a press before the page shows that
    // sends nothing more.
    let saving = Action::new_local(
        move |&(version, person, id, manager, then): &Save| async move {
            let saved = if manager {
                api::put_if_match::<_, Review>(
                    &endpoint::review_part_two(person, id),
                    version,
                    &part_two(),
                )
                .await
            } else {
                api::put_if_match::<_, Review>(
                    &endpoint::review_part_one(person, id),
                    version,
                    &part_one(),
                )
                .await
            };
            let saved = match saved {
                Ok(saved) => saved,
                Err(refused) if refused.error.code == ErrorCode::PreconditionFailed => {
                    theirs.set(refused.current.and_then(|c| serde_json::from_value(c).ok()));
                    return;
                }
                Err(refused) => {
                    errors.set(to_errors(refused.error));
                    return;
                }
            };
            theirs.set(None);
            errors.set(Vec::new());
            review.set(Some(saved.clone()));
            let Some(step) = then else {
                status.set(tu_string!(i18n, reviews.review.saved).to_owned());
                return;
            };
            match api::post_if_match::<_, Review>(&step(person, id), saved.row_version, &()).await {
                Ok(moved) => {
                    status.set(match moved.status {
                        ReviewStatus::Completed => {
                            tu_string!(i18n, reviews.review.completed).to_owned()
                        }
                        _ => tu_string!(i18n, reviews.review.submitted).to_owned(),
                    });
                    review.set(Some(moved));
                }
                Err(e) => errors.set(to_errors(e)),
            }
        },
    );
    let busy = saving.pending();
    let save = move |manager: bool, then: Option<NextStep>| {
        if busy.get_untracked() {
            return;
        }
        let Some(current) = review.get_untracked() else {
            return;
        };
        let Ok((person, id)) = ids() else {
            return;
        };
        status.set(String::new());
        saving.dispatch_local((current.row_version, person, id, manager, then));
    };
    let role = move || session.user.get().map(|u| u.role);
    let stage = move || review.get().map(|r| r.status);
    let writes_one =
        move || stage() == Some(ReviewStatus::PartOne) && role().is_some_and(Role::is_staff);
    let writes_two =
        move || stage() == Some(ReviewStatus::AwaitingPartTwo) && role() == Some(Role::Manager);
    // Keep my words and save over theirs: a choice made knowingly, never by default.
    let keep_mine = move |_| {
        if let (Some(mine), Some(them)) = (review.get_untracked(), theirs.get_untracked()) {
            review.set(Some(Review {
                row_version: them.row_version,
                ..mine
            }));
            theirs.set(None);
            status.set(tu_string!(i18n, reviews.review.keep_mine_status).to_owned());
        }
    };
    let use_theirs = move |_| {
        if let Some(them) = theirs.get_untracked() {
            fill(&them);
            review.set(Some(them));
            theirs.set(None);
            status.set(tu_string!(i18n, reviews.review.use_theirs_status).to_owned());
        }
    };
    view! {
        <PageTitle text=t_string!(i18n, reviews.review.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">
            {move || {
                review
                    .get()
                    .map_or(
                        t_string!(i18n, reviews.review.title),
                        |r| crate::labels::review_kind(r.kind),
                    )
            }}
        </h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="review-status">
            {move || status.get()}
        </p>
        <WhenLoaded ready=loaded>
            {move || {
                review
                    .get()
                    .map(|r| {
                        view! {
                            <SummaryList rows=vec![
                                (
                                    t_string!(i18n, reviews.review.due).to_owned(),
                                    local_date(r.due_on),
                                ),
                                (
                                    t_string!(i18n, reviews.review.where_it_is).to_owned(),
                                    crate::labels::review_status(r.status).to_owned(),
                                ),
                                (
                                    t_string!(i18n, reviews.review.why).to_owned(),
                                    r
                                        .request_reason
                                        .clone()
                                        .unwrap_or_else(|| {
                                            t_string!(i18n, reviews.review.it_is_due).to_owned()
                                        }),
                                ),
                            ] />
                            <p class="app-body">
                                <a
                                    class="app-link"
                                    id="download-review"
                                    download
                                    href=ids()
                                        .ok()
                                        .map(|(person, id)| endpoint::review_record_pdf(person, id))
                                >
                                    {t!(i18n, reviews.review.download)}
                                </a>
                            </p>
                        }
                    })
            }}
            {move || {
                theirs
                    .get()
                    .map(|them| {
                        let one = them.part_one.clone().unwrap_or_default();
                        let two = them.part_two.clone();
                        view! {
                            <section class="app-conflict" aria-labelledby="conflict-heading">
                                <h2 class="app-heading-m" id="conflict-heading">
                                    {t!(i18n, reviews.review.conflict_heading)}
                                </h2>
                                <p class="app-body">{t!(i18n, reviews.review.conflict_body)}</p>
                                <SummaryList rows=vec![
                                    (
                                        t_string!(i18n, reviews.review.what_is_working).to_owned(),
                                        one.what_is_working,
                                    ),
                                    (
                                        t_string!(i18n, reviews.review.what_is_not_working)
                                            .to_owned(),
                                        one.what_is_not_working,
                                    ),
                                    (
                                        t_string!(i18n, reviews.review.persons_views).to_owned(),
                                        one.persons_views,
                                    ),
                                    (
                                        t_string!(i18n, reviews.review.outcome).to_owned(),
                                        two.map(|t| t.outcome).unwrap_or_default(),
                                    ),
                                ] />
                                <div class="app-button-group">
                                    <button
                                        class="app-button"
                                        type="button"
                                        id="keep-mine"
                                        on:click=keep_mine
                                    >
                                        {t!(i18n, reviews.review.keep_mine)}
                                    </button>
                                    <button
                                        class="app-button app-button--secondary"
                                        type="button"
                                        id="use-theirs"
                                        on:click=use_theirs
                                    >
                                        {t!(i18n, reviews.review.use_theirs)}
                                    </button>
                                </div>
                            </section>
                        }
                    })
            }} <section aria-labelledby="part-one-heading">
                <h2 class="app-heading-m" id="part-one-heading">
                    {t!(i18n, reviews.review.part_one_heading)}
                </h2>
                <h3 class="app-heading-s" id="feedback-heading">
                    {t!(i18n, reviews.review.feedback_heading)}
                </h3>
                {move || {
                    let items = feedback.get();
                    if items.is_empty() {
                        view! { <p class="app-body">{t!(i18n, reviews.review.no_feedback)}</p> }
                            .into_any()
                    } else {
                        view! {
                            <ul
                                class="app-list--bullet"
                                id="review-feedback"
                                aria-labelledby="feedback-heading"
                            >
                                {items
                                    .into_iter()
                                    .map(|f| {
                                        view! {
                                            <li>
                                                {t_string!(
                                                    i18n, reviews.review.feedback_item, kind = crate::labels::feedback_kind(f.kind), name = f.author_name, text = f.text
                                                )
                                                    .to_string()}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
                {move || {
                    ids()
                        .ok()
                        .map(|(person, _)| {
                            view! {
                                <ReviewViews
                                    person=person
                                    review_id=review_id()
                                    can_sort=Signal::derive(writes_one)
                                />
                            }
                        })
                }}
                <Show
                    when=writes_one
                    fallback=move || view! { <PartOneRead review=review goals=goals /> }
                >
                    <form
                        class="app-form"
                        novalidate
                        on:submit=move |e| {
                            e.prevent_default();
                            save(false, None)
                        }
                    >
                        <TextArea
                            id="what_is_working"
                            label=t_string!(i18n, reviews.review.what_is_working)
                            value=working
                            errors=errors
                        />
                        <TextArea
                            id="what_is_not_working"
                            label=t_string!(i18n, reviews.review.what_is_not_working)
                            value=not_working
                            errors=errors
                        />
                        <TextArea
                            id="persons_views"
                            label=t_string!(i18n, reviews.review.what_the_person_says)
                            hint=t_string!(i18n, reviews.review.what_the_person_says_hint)
                            value=views
                            errors=errors
                        />
                        <TextArea
                            id="proposed_changes"
                            label=t_string!(i18n, reviews.review.changes_to_suggest)
                            value=changes
                            errors=errors
                        />
                        <fieldset class="app-fieldset" id="goal_progress">
                            <legend class="app-fieldset__legend">
                                {t!(i18n, reviews.review.goals_legend)}
                            </legend>
                            {move || {
                                goals
                                    .get()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(index, g)| {
                                        view! {
                                            <div class="app-goal-block">
                                                <h3 class="app-heading-s">{g.text.clone()}</h3>
                                                <TextArea
                                                    id=format!("progress-{index}")
                                                    label=t_string!(i18n, reviews.review.progress)
                                                    value=g.progress
                                                    errors=errors
                                                />
                                                <TextArea
                                                    id=format!("own-words-{index}")
                                                    label=t_string!(i18n, reviews.review.own_words)
                                                    value=g.own_words
                                                    errors=errors
                                                />
                                            </div>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </fieldset>
                        <div class="app-button-group">
                            <button
                                class="app-button app-button--secondary"
                                type="submit"
                                id="save-part-one"
                                prop:disabled=move || busy.get()
                            >
                                {t!(i18n, reviews.review.save_part_one)}
                            </button>
                            <button
                                class="app-button"
                                type="button"
                                id="submit-part-one"
                                prop:disabled=move || busy.get()
                                on:click=move |_| save(
                                    false,
                                    Some(endpoint::review_part_one_submit),
                                )
                            >
                                {t!(i18n, reviews.review.submit_part_one)}
                            </button>
                        </div>
                    </form>
                </Show>
            </section> <Show when=move || stage().is_some_and(|s| s != ReviewStatus::PartOne)>
                <section aria-labelledby="part-two-heading">
                    <h2 class="app-heading-m" id="part-two-heading">
                        {t!(i18n, reviews.review.part_two_heading)}
                    </h2>
                    <Show when=writes_two fallback=move || view! { <PartTwoRead review=review /> }>
                        <form
                            class="app-form"
                            novalidate
                            on:submit=move |e| {
                                e.prevent_default();
                                save(true, None)
                            }
                        >
                            <TextArea
                                id="outcome"
                                label=t_string!(i18n, reviews.review.outcome)
                                value=outcome
                                errors=errors
                            />
                            <TextArea
                                id="changes_agreed"
                                label=t_string!(i18n, reviews.review.changes_agreed)
                                hint=t_string!(i18n, reviews.review.changes_agreed_hint)
                                value=agreed
                                errors=errors
                            />
                            <TextArea
                                id="effectiveness_evidence"
                                label=t_string!(i18n, reviews.review.evidence)
                                hint=t_string!(i18n, reviews.review.evidence_hint)
                                value=evidence
                                errors=errors
                            />
                            <div class="app-button-group">
                                <button
                                    class="app-button app-button--secondary"
                                    type="submit"
                                    id="save-part-two"
                                    prop:disabled=move || busy.get()
                                >
                                    {t!(i18n, reviews.review.save_part_two)}
                                </button>
                                <button
                                    class="app-button"
                                    type="button"
                                    id="complete-review"
                                    prop:disabled=move || busy.get()
                                    on:click=move |_| save(true, Some(endpoint::review_complete))
                                >
                                    {t!(i18n, reviews.review.complete)}
                                </button>
                            </div>
                        </form>
                    </Show>
                </section>
            </Show> <p class="app-body">
                <A href=move || format!("/people/{}/reviews", person()) attr:class="app-link">
                    {t!(i18n, reviews.review.all_reviews)}
                </A>
            </p>
        </WhenLoaded>
    }
}

/// Part 1 as written, for reading.
#[component]
fn PartOneRead(review: RwSignal<Option<Review>>, goals: RwSignal<Vec<GoalRow>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let r = review.get()?;
        let one = r.part_one.clone()?;
        let goals = goals.get();
        let mut rows = vec![
            (
                t_string!(i18n, reviews.review.what_is_working).to_owned(),
                one.what_is_working,
            ),
            (
                t_string!(i18n, reviews.review.what_is_not_working).to_owned(),
                one.what_is_not_working,
            ),
            (
                t_string!(i18n, reviews.review.what_the_person_says).to_owned(),
                one.persons_views,
            ),
            (
                t_string!(i18n, reviews.review.changes_suggested).to_owned(),
                one.proposed_changes,
            ),
        ];
        for p in r.goal_progress {
            let goal = goals.iter().find(|g| g.id == p.goal_id).map_or_else(
                || t_string!(i18n, reviews.review.a_goal).to_owned(),
                |g| g.text.clone(),
            );
            let words = p
                .own_words
                .map(|w| t_string!(i18n, reviews.review.they_say, words = w).to_string())
                .unwrap_or_default();
            rows.push((goal, format!("{}{words}", p.progress)));
        }
        Some(view! { <SummaryList rows=rows /> })
    }
}

/// Part 2 as written, for reading.
#[component]
fn PartTwoRead(review: RwSignal<Option<Review>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let two = review.get()?.part_two?;
        Some(view! {
            <SummaryList rows=vec![
                (t_string!(i18n, reviews.review.outcome).to_owned(), two.outcome),
                (t_string!(i18n, reviews.review.changes_agreed).to_owned(), two.changes_agreed),
                (t_string!(i18n, reviews.review.evidence).to_owned(), two.effectiveness_evidence),
            ] />
        })
    }
}
