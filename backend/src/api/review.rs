//! Reviews in two parts: staff start the review that is due, or the person
//! asks for one at any time; a support worker writes Part 1 with the person and submits it,
//! which tells the managers on the person's team; a manager writes Part 2 and completes the
//! review, which agrees the plan as its next version. A completed review never changes.
//!
//! `GET`/`POST /persons/{id}/reviews`, `POST /persons/{id}/review-requests`,
//! `GET /persons/{id}/reviews/{review_id}`, `PUT …/part-one`, `POST …/part-one/submit`,
//! `PUT …/part-two`, `POST …/complete`. Every change names the version it read (`If-Match`).

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{PersonId, ReviewId};
use ourplan_shared::notification::NotificationKind;
use ourplan_shared::plan::SignerRole;
use ourplan_shared::review::{
    GoalProgressInput, NewReview, PartOneInput, PartTwoInput, Review, ReviewKind, ReviewRequest,
    ReviewStatus,
};
use ourplan_shared::timescale::{Triggers, next_review};
use ourplan_shared::validation::{FieldError, Validate};

use super::agreement;
use super::guard::{self, audited, person_id};
use crate::access::{self, PlanAccess};
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::goal::GoalRow;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::person::PersonRow;
use crate::db::model::plan::PlanRow;
use crate::db::model::review::{ReviewGoalProgressRow, ReviewRow};
use crate::db::model::signature::SignatureRow;
use crate::db::model::{UpdateOutcome, new_id, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::notify::{self, Message};
use crate::server::AppState;

fn respond(status: actix_web::http::StatusCode, review: &Review) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, precondition::etag(review.row_version)))
        .json(review)
}

fn invalid(problems: Vec<FieldError>) -> Result<(), AppError> {
    match problems.into_iter().next() {
        Some(problem) => Err(AppError::invalid(problem.field, problem.message)),
        None => Ok(()),
    }
}

/// A review as the reader may see it: under consent, per-goal progress needs goals and
/// progress shared as well.
fn scoped(access: &PlanAccess, review: Review) -> Review {
    match access.sections() {
        Some(sections) => review.scoped_to(sections),
        None => review,
    }
}

fn plan_of(conn: &mut DbConnection, person_id: &str) -> Result<PlanRow, AppError> {
    PlanRow::for_person(conn, person_id)?.ok_or_else(access::not_found)
}

fn no_such_review() -> AppError {
    AppError::client(ErrorCode::NotFound, "There is no such review.")
}

/// One review of the plan, with its goal progress.
fn load(conn: &mut DbConnection, plan_id: &str, review_id: &str) -> Result<Review, AppError> {
    let review_id = ReviewId::parse(review_id)
        .ok_or_else(no_such_review)?
        .to_string();
    let row = ReviewRow::find_in_plan(conn, plan_id, &review_id)?.ok_or_else(no_such_review)?;
    let progress = ReviewGoalProgressRow::for_review(conn, &review_id)?;
    Ok(row.into_wire(progress)?)
}

/// The person's name as others read it, for a notification.
fn name_of(conn: &mut DbConnection, person_id: &str) -> Result<String, AppError> {
    let person = PersonRow::find(conn, person_id)?.ok_or_else(access::not_found)?;
    Ok(person.preferred_name.unwrap_or(person.full_name))
}

/// A version-checked change: saved, or 412 with the review as it is now.
fn settled(
    conn: &mut DbConnection,
    outcome: UpdateOutcome,
    plan_id: &str,
    review_id: &str,
) -> Result<(), AppError> {
    match outcome {
        UpdateOutcome::Updated { .. } => Ok(()),
        UpdateOutcome::NotFound => Err(no_such_review()),
        UpdateOutcome::Conflict { .. } => {
            let current = load(conn, plan_id, review_id)?;
            Err(AppError::Stale {
                current: serde_json::to_value(current)
                    .map_err(|e| AppError::Internal(format!("review to JSON: {e}")))?,
            })
        }
    }
}

fn wrong_stage(message: &str) -> AppError {
    AppError::client(ErrorCode::Conflict, message)
}

#[utoipa::path(
    get, path = "/api/v1/persons/{person_id}/reviews", tag = "reviews",
    summary = "Every review of the plan, oldest first",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<Review>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Reviews are not shared with you", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person_id = person_id(&path)?;
    let entry = actor.audit(AuditAction::Read, "reviews").about(&person_id);
    let reviews = guard::audited_read(&state, entry, move |conn, entry| {
        let scope =
            guard::readable_plan(conn, &actor, &person_id, Some(PlanSection::Reviews), entry)?;
        let progress = ReviewGoalProgressRow::for_plan(conn, &scope.plan_id)?;
        ReviewRow::for_plan(conn, &scope.plan_id)?
            .into_iter()
            .map(|row| {
                let mine = progress
                    .iter()
                    .filter(|p| p.review_id == row.id)
                    .cloned()
                    .collect();
                Ok(scoped(&scope.access, row.into_wire(mine)?))
            })
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(reviews))
}

#[utoipa::path(
    get, path = "/api/v1/persons/{person_id}/reviews/{review_id}", tag = "reviews",
    summary = "One review, with its ETag",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
    ),
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Reviews are not shared with you", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (person, review_id) = path.into_inner();
    let person_id = person_id(&person)?;
    let entry = actor
        .audit(AuditAction::Read, "review")
        .about(&person_id)
        .object(&review_id);
    let review = guard::audited_read(&state, entry, move |conn, entry| {
        let scope =
            guard::readable_plan(conn, &actor, &person_id, Some(PlanSection::Reviews), entry)?;
        Ok(scoped(
            &scope.access,
            load(conn, &scope.plan_id, &review_id)?,
        ))
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}

/// Creates a review row and its audit entry; tells the reviewers when asked for.
fn open_review(
    conn: &mut DbConnection,
    state: &AppState,
    entry: AuditEntry,
    row: ReviewRow,
    notice: Option<Message>,
    person_id: &str,
) -> Result<Review, AppError> {
    db::write_transaction(conn, |conn| {
        if ReviewRow::open_for_plan(conn, &row.plan_id)?.is_some() {
            return Err(wrong_stage(
                "A review is already under way. Finish it before starting another.",
            ));
        }
        ReviewRow::insert_all(conn, std::slice::from_ref(&row))?;
        if let Some(mut message) = notice {
            message.review_id = Some(row.id.clone());
            let to = notify::reviewers_of(conn, person_id, true)?;
            state.notifier.send(conn, &to, &message)?;
        }
        audit_event::append(conn, &[entry.object(&row.id)])?;
        Ok(())
    })?;
    Ok(row.into_wire(Vec::new())?)
}

fn new_row(plan_id: &str, kind: ReviewKind, due_on: chrono::NaiveDate) -> ReviewRow {
    let at = now();
    ReviewRow {
        id: new_id(),
        plan_id: plan_id.to_owned(),
        kind: kind.key().to_owned(),
        status: ReviewStatus::PartOne.key().to_owned(),
        due_on,
        requested_by: None,
        request_reason: None,
        what_is_working: None,
        what_is_not_working: None,
        persons_views: None,
        proposed_changes: None,
        part_one_by: None,
        part_one_submitted_at: None,
        outcome: None,
        changes_agreed: None,
        effectiveness_evidence: None,
        part_two_by: None,
        completed_at: None,
        resulting_version_id: None,
        row_version: 1,
        created_at: at,
        updated_at: at,
    }
}

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/reviews", tag = "reviews",
    summary = "Start the review that is due (the first at 6 weeks, then as often as the organisation sets); a significant change makes it due today",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = NewReview,
    responses(
        (status = 201, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only staff on the person's team start a review", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 409, description = "A review is already under way", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn start(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: web::Path<String>,
    body: Body<NewReview>,
) -> Result<HttpResponse, AppError> {
    let person_id = person_id(&path)?;
    let request = body.into_inner();
    let review = db::run(&state.pool, {
        let state = state.clone();
        move |conn| {
            let entry = actor.audit(AuditAction::Create, "review").about(&person_id);
            let plan_access = audited(
                access::may_read_plan(conn, &actor, &person_id, now()),
                conn,
                &entry,
            )?;
            audited(access::may_write_part_one(&plan_access), conn, &entry)?;
            invalid(request.problems())?;
            let plan = plan_of(conn, &person_id)?;
            let organisation =
                OrganisationRow::of_person(conn, &person_id)?.ok_or_else(access::not_found)?;
            let person = PersonRow::find(conn, &person_id)?.ok_or_else(access::not_found)?;
            let today = organisation.day_at(now());
            let last =
                ReviewRow::last_completed_at(conn, &plan.id)?.map(|at| organisation.day_at(at));
            let triggers = Triggers {
                requested_on: None,
                significant_change_on: request.significant_change.then_some(today),
            };
            let due = next_review(
                person.support_started_on,
                last,
                triggers,
                organisation.review_policy(),
            );
            let mut row = new_row(&plan.id, due.kind, due.due_on);
            row.request_reason = request.reason.filter(|r| !r.trim().is_empty());
            open_review(conn, &state, entry, row, None, &person_id)
        }
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::CREATED, &review))
}

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/review-requests", tag = "reviews",
    summary = "The person asks for a review now (staff may ask for them); their key worker and managers are told. Asking again while one is under way gives that review",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = ReviewRequest,
    responses(
        (status = 201, description = "A review was asked for", body = Review, headers(("ETag" = String))),
        (status = 200, description = "A review is already under way", body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Family members cannot ask for a review", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn request(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: web::Path<String>,
    body: Body<ReviewRequest>,
) -> Result<HttpResponse, AppError> {
    let person_id = person_id(&path)?;
    let request = body.into_inner();
    let (created, review) = db::run(&state.pool, {
        let state = state.clone();
        move |conn| {
            let entry = actor.audit(AuditAction::Create, "review").about(&person_id);
            let plan_access = audited(
                access::may_read_plan(conn, &actor, &person_id, now()),
                conn,
                &entry,
            )?;
            audited(access::may_request_review(&plan_access), conn, &entry)?;
            invalid(request.problems())?;
            let plan = plan_of(conn, &person_id)?;
            if let Some(open) = ReviewRow::open_for_plan(conn, &plan.id)? {
                // Asking again gives the review under way: that is a read of it.
                let read = actor
                    .audit(AuditAction::Read, "review")
                    .about(&person_id)
                    .object(&open.id);
                audit_event::append(conn, &[read])?;
                let progress = ReviewGoalProgressRow::for_review(conn, &open.id)?;
                return Ok((false, open.into_wire(progress)?));
            }
            let organisation =
                OrganisationRow::of_person(conn, &person_id)?.ok_or_else(access::not_found)?;
            let mut row = new_row(&plan.id, ReviewKind::Requested, organisation.day_at(now()));
            row.requested_by = Some(actor.user.id.clone());
            row.request_reason = request.reason.filter(|r| !r.trim().is_empty());
            let name = name_of(conn, &person_id)?;
            let text = if plan_access == PlanAccess::Owner {
                format!("{name} asked for a review of their plan.")
            } else {
                format!(
                    "{} asked for a review of {name}'s plan.",
                    actor.user.display_name
                )
            };
            let notice = Message {
                kind: NotificationKind::ReviewRequested,
                person_id: person_id.clone(),
                review_id: None,
                text,
                date: None,
                variant: None,
            };
            let review = open_review(conn, &state, entry, row, Some(notice), &person_id)?;
            Ok((true, review))
        }
    })
    .await?;
    let status = if created {
        actix_web::http::StatusCode::CREATED
    } else {
        actix_web::http::StatusCode::OK
    };
    Ok(respond(status, &review))
}

/// What a change to a review works with once it may go ahead.
struct Change {
    plan_id: String,
    read_version: i64,
    /// The review as it is now.
    review: Review,
    entry: AuditEntry,
}

/// The first steps of every change to a review: access for `check` (a refusal audited), the
/// version read, and the review at `stage`, or 409 with `refusal`.
fn staged(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    (person_id, review_id): (&str, &str),
    check: impl FnOnce(&PlanAccess) -> Result<(), AppError>,
    read_version: Result<i64, AppError>,
    (stage, refusal): (ReviewStatus, &str),
) -> Result<Change, AppError> {
    let entry = actor
        .audit(AuditAction::Update, "review")
        .about(person_id)
        .object(review_id);
    let plan_access = audited(
        access::may_read_plan(conn, actor, person_id, now()),
        conn,
        &entry,
    )?;
    audited(check(&plan_access), conn, &entry)?;
    let plan_id = plan_of(conn, person_id)?.id;
    let read_version = read_version?;
    let review = load(conn, &plan_id, review_id)?;
    if review.status != stage {
        return Err(wrong_stage(refusal));
    }
    Ok(Change {
        plan_id,
        read_version,
        review,
        entry,
    })
}

#[utoipa::path(
    put, path = "/api/v1/persons/{person_id}/reviews/{review_id}/part-one", tag = "reviews",
    summary = "Write Part 1 with the person (may be saved unfinished)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    request_body = PartOneInput,
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only staff on the person's team write Part 1", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
        (status = 409, description = "Part 1 has been submitted", body = ErrorBody),
        (status = 412, description = "Someone saved first; `current` is the review now", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn part_one(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: Body<PartOneInput>,
) -> Result<HttpResponse, AppError> {
    let (person, review_id) = path.into_inner();
    let person_id = person_id(&person)?;
    let part = body.into_inner();
    let read_version = precondition::if_match(&req);
    let review = db::run(&state.pool, move |conn| {
        let change = staged(
            conn,
            &actor,
            (&person_id, &review_id),
            access::may_write_part_one,
            read_version,
            (
                ReviewStatus::PartOne,
                "Part 1 of this review has been submitted and cannot be changed.",
            ),
        )?;
        invalid(part.problems())?;
        let mut rows = Vec::new();
        for (
            index,
            GoalProgressInput {
                goal_id,
                progress,
                own_words,
            },
        ) in part.goal_progress.iter().enumerate()
        {
            let goal_id = goal_id.to_string();
            if GoalRow::find_in_plan(conn, &change.plan_id, &goal_id)?.is_none() {
                return Err(AppError::invalid(
                    format!("goal_progress[{index}].goal_id"),
                    "Choose a goal of this plan.",
                ));
            }
            if rows
                .iter()
                .any(|r: &ReviewGoalProgressRow| r.goal_id == goal_id)
            {
                return Err(AppError::invalid(
                    format!("goal_progress[{index}].goal_id"),
                    "Each goal once.",
                ));
            }
            rows.push(ReviewGoalProgressRow {
                review_id: change.review.id.to_string(),
                goal_id,
                progress: progress.trim().to_owned(),
                own_words: own_words.clone().filter(|w| !w.trim().is_empty()),
            });
        }
        let review_id = change.review.id.to_string();
        db::write_transaction(conn, |conn| {
            let outcome = ReviewRow::write_part_one(
                conn,
                &review_id,
                change.read_version,
                &part,
                &actor.user.id,
                now(),
            )?;
            settled(conn, outcome, &change.plan_id, &review_id)?;
            ReviewGoalProgressRow::replace(conn, &review_id, &rows)?;
            audit_event::append(conn, std::slice::from_ref(&change.entry))?;
            Ok(())
        })?;
        load(conn, &change.plan_id, &review_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}

/// Part 1 as stored, as its input, for the submission checks.
fn part_one_of(review: &Review) -> PartOneInput {
    let one = review.part_one.clone();
    PartOneInput {
        what_is_working: one
            .as_ref()
            .map(|p| p.what_is_working.clone())
            .unwrap_or_default(),
        what_is_not_working: one
            .as_ref()
            .map(|p| p.what_is_not_working.clone())
            .unwrap_or_default(),
        persons_views: one
            .as_ref()
            .map(|p| p.persons_views.clone())
            .unwrap_or_default(),
        proposed_changes: one.map(|p| p.proposed_changes).unwrap_or_default(),
        goal_progress: review
            .goal_progress
            .iter()
            .map(|g| GoalProgressInput {
                goal_id: g.goal_id,
                progress: g.progress.clone(),
                own_words: g.own_words.clone(),
            })
            .collect(),
    }
}

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/reviews/{review_id}/part-one/submit", tag = "reviews",
    summary = "Submit Part 1: it can no longer change, and the managers on the person's team are told Part 2 waits for them",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only staff on the person's team submit Part 1", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
        (status = 409, description = "Part 1 has been submitted already", body = ErrorBody),
        (status = 412, description = "Someone saved first; `current` is the review now", body = ErrorBody),
        (status = 422, description = "Part 1 is not finished; `field` names what is missing", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn submit_part_one(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (person, review_id) = path.into_inner();
    let person_id = person_id(&person)?;
    let read_version = precondition::if_match(&req);
    let review = db::run(&state.pool, {
        let state = state.clone();
        move |conn| {
            let change = staged(
                conn,
                &actor,
                (&person_id, &review_id),
                access::may_write_part_one,
                read_version,
                (
                    ReviewStatus::PartOne,
                    "Part 1 of this review has been submitted already.",
                ),
            )?;
            let goals: Vec<_> = GoalRow::for_plan(conn, &change.plan_id)?
                .into_iter()
                .filter(|g| matches!(g.status.as_str(), "not_started" | "in_progress"))
                .filter_map(|g| g.id.parse().ok())
                .collect();
            invalid(part_one_of(&change.review).submission_problems(&goals))?;
            let review_id = change.review.id.to_string();
            let name = name_of(conn, &person_id)?;
            db::write_transaction(conn, |conn| {
                let outcome = ReviewRow::advance(
                    conn,
                    &review_id,
                    change.read_version,
                    (ReviewStatus::PartOne, ReviewStatus::AwaitingPartTwo),
                    None,
                    now(),
                )?;
                settled(conn, outcome, &change.plan_id, &review_id)?;
                let managers = notify::reviewers_of(conn, &person_id, false)?;
                state.notifier.send(
                    conn,
                    &managers,
                    &Message {
                        kind: NotificationKind::PartTwoWaiting,
                        person_id: person_id.clone(),
                        review_id: Some(review_id.clone()),
                        text: format!(
                            "Part 1 of {name}'s review is ready. Part 2 is yours to complete."
                        ),
                        date: None,
                        variant: None,
                    },
                )?;
                audit_event::append(conn, std::slice::from_ref(&change.entry))?;
                Ok(())
            })?;
            load(conn, &change.plan_id, &review_id)
        }
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}

#[utoipa::path(
    put, path = "/api/v1/persons/{person_id}/reviews/{review_id}/part-two", tag = "reviews",
    summary = "Write Part 2: the outcome, the changes agreed and the evidence of whether the plan works (managers)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    request_body = PartTwoInput,
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Part 2 is for a manager on the person's team", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
        (status = 409, description = "Part 1 is not submitted yet, or the review is complete", body = ErrorBody),
        (status = 412, description = "Someone saved first; `current` is the review now", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn part_two(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: Body<PartTwoInput>,
) -> Result<HttpResponse, AppError> {
    let (person, review_id) = path.into_inner();
    let person_id = person_id(&person)?;
    let part = body.into_inner();
    let read_version = precondition::if_match(&req);
    let review = db::run(&state.pool, move |conn| {
        let change = staged(
            conn,
            &actor,
            (&person_id, &review_id),
            |a| access::may_write_part_two(&actor, a),
            read_version,
            (
                ReviewStatus::AwaitingPartTwo,
                "Part 2 is written after Part 1 is submitted, and not after the review is complete.",
            ),
        )?;
        invalid(part.problems())?;
        let review_id = change.review.id.to_string();
        db::write_transaction(conn, |conn| {
            let outcome = ReviewRow::write_part_two(
                conn,
                &review_id,
                change.read_version,
                &part,
                &actor.user.id,
                now(),
            )?;
            settled(conn, outcome, &change.plan_id, &review_id)?;
            audit_event::append(conn, std::slice::from_ref(&change.entry))?;
            Ok(())
        })?;
        load(conn, &change.plan_id, &review_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/reviews/{review_id}/complete", tag = "reviews",
    summary = "Complete the review: the manager signs, the plan is agreed as its next version with what the review changed, and the review can never change again",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Completing a review is for a manager on the person's team", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
        (status = 409, description = "Part 1 is not submitted yet, or the review is complete", body = ErrorBody),
        (status = 412, description = "Someone saved first; `current` is the review now", body = ErrorBody),
        (status = 422, description = "Part 2 is not finished; `field` names what is missing", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn complete(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (person, review_id) = path.into_inner();
    let person_id = person_id(&person)?;
    let read_version = precondition::if_match(&req);
    let review = db::run(&state.pool, move |conn| {
        let change = staged(
            conn,
            &actor,
            (&person_id, &review_id),
            |a| access::may_write_part_two(&actor, a),
            read_version,
            (
                ReviewStatus::AwaitingPartTwo,
                "Only a review whose Part 1 is submitted, and not yet complete, can be completed.",
            ),
        )?;
        let part = change
            .review
            .part_two
            .as_ref()
            .map(|p| PartTwoInput {
                outcome: p.outcome.clone(),
                changes_agreed: p.changes_agreed.clone(),
                effectiveness_evidence: p.effectiveness_evidence.clone(),
            })
            .unwrap_or_default();
        invalid(part.completion_problems())?;
        let review_id = change.review.id.to_string();
        db::write_transaction(conn, |conn| {
            let plan = PlanRow::lock(conn, &change.plan_id)?;
            let at = now();
            SignatureRow::insert_all(
                conn,
                &[SignatureRow {
                    id: new_id(),
                    plan_id: plan.id.clone(),
                    plan_version_id: None,
                    signer_user_id: Some(actor.user.id.clone()),
                    signer_name: actor.user.display_name.clone(),
                    signer_role: SignerRole::Manager.key().to_owned(),
                    signed_at: at,
                    reason: None,
                    plan_row_version: Some(plan.row_version),
                }],
            )?;
            let preface = format!("From the review: {}", part.changes_agreed.trim());
            let completed_id = change.review.id;
            let version = agreement::agree(
                conn,
                &person_id,
                &plan,
                &actor.user.id,
                Some(&preface),
                |document| {
                    if let Some(r) = document.reviews.iter_mut().find(|r| r.id == completed_id) {
                        r.status = ReviewStatus::Completed;
                    }
                },
            )?;
            let version_id = version.id.to_string();
            let outcome = ReviewRow::advance(
                conn,
                &review_id,
                change.read_version,
                (ReviewStatus::AwaitingPartTwo, ReviewStatus::Completed),
                Some(&version_id),
                at,
            )?;
            settled(conn, outcome, &change.plan_id, &review_id)?;
            audit_event::append(
                conn,
                &[
                    change.entry.clone(),
                    actor
                        .audit(AuditAction::Agree, "plan_version")
                        .about(&person_id)
                        .object(&version_id),
                ],
            )?;
            Ok(())
        })?;
        load(conn, &change.plan_id, &review_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}
