//! Telling people what waits for them (R-15: the manager hears that Part 2 of a review is
//! theirs). [`Notifier`] is the sending side; [`InApp`] writes notifications in the request's
//! own transaction, so a notice exists exactly when what it announces does, and [`Channels`]
//! also writes the email each reader chose into the outbox in that same transaction.

use ourplan_shared::id::{PersonId, ReviewId, UserId};
use std::sync::Arc;

use chrono::NaiveDate;
use ourplan_shared::notification::NotificationKind;
use ourplan_shared::role::Role;

use crate::db::DbConnection;
use crate::db::model::notification::NotificationRow;
use crate::db::model::team::TeamPersonRow;
use crate::db::model::{fresh_id, now};
use crate::email::Mail;
use crate::error::AppError;

/// What to tell, about whom.
pub struct Message {
    pub kind: NotificationKind,
    pub person_id: PersonId,
    pub review_id: Option<ReviewId>,
    /// In words, without plan content: it may be shown where others can see a screen.
    pub text: String,
    /// A date the email names: when a review is due, when a consent ends.
    pub date: Option<NaiveDate>,
    /// Which of the kind's wordings the email takes (`soon` or `overdue`, `agreed` or
    /// `declined`).
    pub variant: Option<&'static str>,
}

impl Message {
    /// A message with no date and the kind's one wording.
    pub fn new(kind: NotificationKind, person_id: PersonId, text: String) -> Self {
        Self {
            kind,
            person_id: person_id.to_owned(),
            review_id: None,
            text,
            date: None,
            variant: None,
        }
    }
}

pub trait Notifier: Send + Sync {
    /// Sends `message` to each user in `to`.
    fn send(
        &self,
        conn: &mut DbConnection,
        to: &[UserId],
        message: &Message,
    ) -> Result<(), AppError>;
}

/// Notifications shown in the app, with an unread count.
pub struct InApp;

impl Notifier for InApp {
    fn send(
        &self,
        conn: &mut DbConnection,
        to: &[UserId],
        message: &Message,
    ) -> Result<(), AppError> {
        let at = now();
        let rows: Vec<NotificationRow> = to
            .iter()
            .map(|user_id| NotificationRow {
                id: fresh_id(),
                user_id: *user_id,
                kind: message.kind,
                person_id: message.person_id,
                review_id: message.review_id,
                text: message.text.clone(),
                created_at: at,
                read_at: None,
            })
            .collect();
        NotificationRow::insert_all(conn, &rows)?;
        Ok(())
    }
}

/// In the app, and by email as each reader chose.
pub struct Channels {
    pub mail: Arc<Mail>,
}

impl Notifier for Channels {
    fn send(
        &self,
        conn: &mut DbConnection,
        to: &[UserId],
        message: &Message,
    ) -> Result<(), AppError> {
        InApp.send(conn, to, message)?;
        crate::email::outbox::by_email(conn, &self.mail, to, message)
    }
}

/// Who hears about a person's reviews: the managers on the teams that support them, and for
/// a request also their key worker.
pub fn reviewers_of(
    conn: &mut DbConnection,
    person_id: PersonId,
    with_key_worker: bool,
) -> Result<Vec<UserId>, AppError> {
    Ok(TeamPersonRow::team_for_person(conn, person_id)?
        .into_iter()
        .filter(|m| m.role == Role::Manager || (with_key_worker && m.key_worker))
        .map(|m| m.user_id)
        .collect())
}

/// The key workers of a person, on any of the teams that support them.
pub fn key_workers_of(
    conn: &mut DbConnection,
    person_id: PersonId,
) -> Result<Vec<UserId>, AppError> {
    Ok(TeamPersonRow::team_for_person(conn, person_id)?
        .into_iter()
        .filter(|m| m.key_worker)
        .map(|m| m.user_id)
        .collect())
}
