//! Every server path the app asks for, one function each, so a path is spelt once and an id
//! of one kind cannot be passed where another is wanted. The server declares the same routes
//! in its table (`backend/src/api.rs`, `endpoints`); a query string is added here only where
//! the page has one thing to say (a layout, a team).

use ourplan_shared::display::PdfLayout;
use ourplan_shared::id::{
    ConsentId, ContributionId, DecisionId, EmailId, FeedbackId, GoalId, NotificationId, PersonId,
    ReviewId, SignInCodeId, TeamId, UserId,
};

/// Where the API is served; the only place the prefix is written.
const V1: &str = "/api/v1";

// Signing in and the session.

pub fn session() -> String {
    format!("{V1}/session")
}

pub fn session_refresh() -> String {
    format!("{V1}/session/refresh")
}

pub fn session_code() -> String {
    format!("{V1}/session/code")
}

pub fn setup() -> String {
    format!("{V1}/setup")
}

pub fn setup_link() -> String {
    format!("{V1}/setup/link")
}

pub fn account_link_check() -> String {
    format!("{V1}/account-links/check")
}

pub fn account_link_use() -> String {
    format!("{V1}/account-links/use")
}

// The one signed in.

pub fn me() -> String {
    format!("{V1}/me")
}

pub fn my_password() -> String {
    format!("{V1}/me/password")
}

pub fn my_notifications() -> String {
    format!("{V1}/me/notifications")
}

pub fn notification_read(notification: NotificationId) -> String {
    format!("{V1}/me/notifications/{notification}/read")
}

pub fn my_email_preferences() -> String {
    format!("{V1}/me/email-preferences")
}

/// `token` exactly as the email's link carried it; it is encoded here.
pub fn email_unsubscribe(token: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(token).into();
    format!("{V1}/email/unsubscribe?token={encoded}")
}

// Administration.

pub fn outbox() -> String {
    format!("{V1}/admin/outbox")
}

pub fn outbox_test() -> String {
    format!("{V1}/admin/outbox/test")
}

pub fn outbox_retry(email: EmailId) -> String {
    format!("{V1}/admin/outbox/{email}/retry")
}

pub fn organisation() -> String {
    format!("{V1}/organisation")
}

pub fn import() -> String {
    format!("{V1}/import")
}

/// The accounts; `GET` takes the search as a query string after it.
pub fn users() -> String {
    format!("{V1}/users")
}

pub fn user_role(user: UserId) -> String {
    format!("{V1}/users/{user}/role")
}

pub fn user_disable(user: UserId) -> String {
    format!("{V1}/users/{user}/disable")
}

pub fn user_enable(user: UserId) -> String {
    format!("{V1}/users/{user}/enable")
}

pub fn user_invitation(user: UserId) -> String {
    format!("{V1}/users/{user}/invitation")
}

pub fn user_password_reset(user: UserId) -> String {
    format!("{V1}/users/{user}/password-reset")
}

pub fn teams() -> String {
    format!("{V1}/teams")
}

pub fn team(team: TeamId) -> String {
    format!("{V1}/teams/{team}")
}

pub fn team_member(team: TeamId, user: UserId) -> String {
    format!("{V1}/teams/{team}/members/{user}")
}

pub fn team_person(team: TeamId, person: PersonId) -> String {
    format!("{V1}/teams/{team}/persons/{person}")
}

// Staff's lists.

/// The caseload; `GET` takes the filters and page as a query string after it.
pub fn caseload() -> String {
    format!("{V1}/caseload")
}

/// The review programme; `GET` takes the filters as a query string after it.
pub fn review_programme() -> String {
    format!("{V1}/review-programme")
}

/// The evidence counted across the plans a manager sees, or one team's.
pub fn review_programme_evidence(team: Option<&str>) -> String {
    match team {
        Some(team) => format!("{V1}/review-programme/evidence?team={team}"),
        None => format!("{V1}/review-programme/evidence"),
    }
}

// A person and their plan.

pub fn persons() -> String {
    format!("{V1}/persons")
}

pub fn person(person: PersonId) -> String {
    format!("{V1}/persons/{person}")
}

pub fn person_team(person: PersonId) -> String {
    format!("{V1}/persons/{person}/team")
}

pub fn leaving(person: PersonId) -> String {
    format!("{V1}/persons/{person}/leaving")
}

pub fn plan(person: PersonId) -> String {
    format!("{V1}/persons/{person}/plan")
}

pub fn plan_pdf(person: PersonId, layout: PdfLayout) -> String {
    format!("{V1}/persons/{person}/plan.pdf?layout={}", layout.key())
}

pub fn decisions_pdf(person: PersonId) -> String {
    format!("{V1}/persons/{person}/plan/decisions.pdf")
}

pub fn evidence(person: PersonId) -> String {
    format!("{V1}/persons/{person}/plan/evidence")
}

pub fn evidence_pdf(person: PersonId) -> String {
    format!("{V1}/persons/{person}/plan/evidence.pdf")
}

pub fn signatures(person: PersonId) -> String {
    format!("{V1}/persons/{person}/plan/signatures")
}

pub fn versions(person: PersonId) -> String {
    format!("{V1}/persons/{person}/plan/versions")
}

/// What changed from one agreed version to another, or (`to` none) to the draft. The
/// versions are as the history page names them.
pub fn compare(person: PersonId, from: &str, to: Option<&str>) -> String {
    match to {
        Some(to) => format!("{V1}/persons/{person}/plan/compare?from={from}&to={to}"),
        None => format!("{V1}/persons/{person}/plan/compare?from={from}"),
    }
}

pub fn acknowledgements(person: PersonId) -> String {
    format!("{V1}/persons/{person}/plan/acknowledgements")
}

pub fn profile(person: PersonId) -> String {
    format!("{V1}/persons/{person}/profile")
}

pub fn profile_own_words(person: PersonId) -> String {
    format!("{V1}/persons/{person}/profile/own-words")
}

/// The person's photos and recordings; an upload names its place as a query string after it.
pub fn media(person: PersonId) -> String {
    format!("{V1}/persons/{person}/media")
}

/// One photo or recording (its id is text on the wire).
pub fn media_file(person: PersonId, media: &str) -> String {
    format!("{V1}/persons/{person}/media/{media}")
}

/// One kind of plan item (`findings`, `goals`…, as `ItemKind::collection` names them): `POST`
/// adds one.
pub fn items(person: PersonId, collection: &str) -> String {
    format!("{V1}/persons/{person}/{collection}")
}

/// One plan item of any kind, by the id the plan gave it.
pub fn item(person: PersonId, collection: &str, item: &str) -> String {
    format!("{V1}/persons/{person}/{collection}/{item}")
}

pub fn item_own_words(person: PersonId, collection: &str, item: &str) -> String {
    format!("{V1}/persons/{person}/{collection}/{item}/own-words")
}

pub fn item_opinion(person: PersonId, collection: &str, item: &str) -> String {
    format!("{V1}/persons/{person}/{collection}/{item}/opinion")
}

pub fn goal(person: PersonId, goal: GoalId) -> String {
    format!("{V1}/persons/{person}/goals/{goal}")
}

pub fn goal_progress(person: PersonId, goal: GoalId) -> String {
    format!("{V1}/persons/{person}/goals/{goal}/progress")
}

pub fn decision(person: PersonId, decision: DecisionId) -> String {
    format!("{V1}/persons/{person}/decisions/{decision}")
}

pub fn decision_resolution(person: PersonId, decision: DecisionId) -> String {
    format!("{V1}/persons/{person}/decisions/{decision}/resolution")
}

// Reviews.

pub fn reviews(person: PersonId) -> String {
    format!("{V1}/persons/{person}/reviews")
}

pub fn review_requests(person: PersonId) -> String {
    format!("{V1}/persons/{person}/review-requests")
}

pub fn review(person: PersonId, review: ReviewId) -> String {
    format!("{V1}/persons/{person}/reviews/{review}")
}

pub fn review_record_pdf(person: PersonId, review: ReviewId) -> String {
    format!("{V1}/persons/{person}/reviews/{review}/record.pdf")
}

pub fn review_part_one(person: PersonId, review: ReviewId) -> String {
    format!("{V1}/persons/{person}/reviews/{review}/part-one")
}

pub fn review_part_one_submit(person: PersonId, review: ReviewId) -> String {
    format!("{V1}/persons/{person}/reviews/{review}/part-one/submit")
}

pub fn review_part_two(person: PersonId, review: ReviewId) -> String {
    format!("{V1}/persons/{person}/reviews/{review}/part-two")
}

pub fn review_complete(person: PersonId, review: ReviewId) -> String {
    format!("{V1}/persons/{person}/reviews/{review}/complete")
}

pub fn picture_sorts(person: PersonId) -> String {
    format!("{V1}/persons/{person}/picture-sorts")
}

pub fn feedback(person: PersonId) -> String {
    format!("{V1}/persons/{person}/feedback")
}

pub fn feedback_response(person: PersonId, feedback: FeedbackId) -> String {
    format!("{V1}/persons/{person}/feedback/{feedback}/response")
}

// Who else sees the plan, and how the person signs in.

pub fn consents(person: PersonId) -> String {
    format!("{V1}/persons/{person}/consents")
}

pub fn consent_change(person: PersonId, consent: ConsentId) -> String {
    format!("{V1}/persons/{person}/consents/{consent}/change")
}

pub fn consent_withdraw(person: PersonId, consent: ConsentId) -> String {
    format!("{V1}/persons/{person}/consents/{consent}/withdraw")
}

pub fn contributions(person: PersonId) -> String {
    format!("{V1}/persons/{person}/contributions")
}

pub fn contribution_decision(person: PersonId, contribution: ContributionId) -> String {
    format!("{V1}/persons/{person}/contributions/{contribution}/decision")
}

pub fn sign_in_codes(person: PersonId) -> String {
    format!("{V1}/persons/{person}/sign-in-codes")
}

pub fn sign_in_code(person: PersonId, code: SignInCodeId) -> String {
    format!("{V1}/persons/{person}/sign-in-codes/{code}")
}

pub fn access_log(person: PersonId) -> String {
    format!("{V1}/persons/{person}/access-log")
}
