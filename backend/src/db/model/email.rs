//! The email outbox, each account's choices, and the reminders already given.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::email::{Delivery, EmailKind, EmailLanguage, EmailStatus, OutboxEmail};
use ourplan_shared::id::{EmailId, OrganisationId, UserId};

use super::{insert_rows, utc};
use crate::db::DbConnection;
use crate::db::schema::{email_preferences, emails, reminders, users};

/// How many emails one round of the sender takes.
const BATCH: i64 = 20;
/// How many emails the admin's outbox lists.
const LISTED: i64 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = emails)]
pub struct EmailRow {
    pub id: EmailId,
    pub organisation_id: OrganisationId,
    pub user_id: Option<UserId>,
    pub to_address: String,
    pub kind: EmailKind,
    pub language: EmailLanguage,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub unsubscribe_url: Option<String>,
    pub status: EmailStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

impl EmailRow {
    pub fn into_wire(self) -> QueryResult<OutboxEmail> {
        Ok(OutboxEmail {
            id: self.id,
            to_address: self.to_address,
            kind: self.kind,
            subject: self.subject,
            status: self.status,
            attempts: self.attempts,
            last_error: self.last_error,
            created_at: utc(self.created_at),
            next_attempt_at: utc(self.next_attempt_at),
            sent_at: self.sent_at.map(utc),
        })
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, emails::table, rows)
    }

    /// Whether the sender has anything to do: an email due, or one abandoned mid-send. A
    /// read, so an idle sender never writes (nor syncs SQLite's file) every round.
    pub fn work_waiting(
        conn: &mut DbConnection,
        at: NaiveDateTime,
        abandoned_before: NaiveDateTime,
    ) -> QueryResult<bool> {
        let due = emails::table
            .filter(emails::status.eq(EmailStatus::Pending))
            .filter(emails::next_attempt_at.le(at))
            .select(emails::id)
            .first::<String>(conn)
            .optional()?;
        if due.is_some() {
            return Ok(true);
        }
        Ok(emails::table
            .filter(emails::status.eq(EmailStatus::Sending))
            .filter(emails::claimed_at.lt(abandoned_before))
            .select(emails::id)
            .first::<String>(conn)
            .optional()?
            .is_some())
    }

    /// Takes up to a batch of emails that are due and marks them `sending`, so no other
    /// sender takes them. On PostgreSQL the rows are locked with `SKIP LOCKED`, so several
    /// instances share the outbox without waiting on each other; on SQLite the caller's write
    /// transaction already serialises senders.
    pub fn claim_due(conn: &mut DbConnection, at: NaiveDateTime) -> QueryResult<Vec<Self>> {
        // Written out per backend: the select's type names its backend.
        macro_rules! due {
            () => {
                emails::table
                    .filter(emails::status.eq(EmailStatus::Pending))
                    .filter(emails::next_attempt_at.le(at))
                    .order((emails::next_attempt_at, emails::id))
                    .limit(BATCH)
            };
        }
        let rows: Vec<Self> = match conn {
            DbConnection::Postgres(pg) => due!()
                .for_update()
                .skip_locked()
                .select(Self::as_select())
                .load(pg)?,
            DbConnection::Sqlite(sqlite) => due!().select(Self::as_select()).load(sqlite)?,
        };
        let ids: Vec<EmailId> = rows.iter().map(|r| r.id).collect();
        diesel::update(emails::table.filter(emails::id.eq_any(&ids)))
            .set((
                emails::status.eq(EmailStatus::Sending),
                emails::claimed_at.eq(at),
                emails::attempts.eq(emails::attempts + 1),
            ))
            .execute(conn)?;
        Ok(rows
            .into_iter()
            .map(|r| Self {
                status: EmailStatus::Sending,
                claimed_at: Some(at),
                attempts: r.attempts + 1,
                ..r
            })
            .collect())
    }

    /// The mail server took it. Its words go: an invitation's link must not outlive its
    /// delivery in the database.
    pub fn mark_sent(
        conn: &mut DbConnection,
        email_id: EmailId,
        at: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(emails::table.find(email_id))
            .set((
                emails::status.eq(EmailStatus::Sent),
                emails::sent_at.eq(at),
                emails::text_body.eq(""),
                emails::html_body.eq(""),
                emails::last_error.eq(None::<String>),
            ))
            .execute(conn)
            .map(drop)
    }

    /// Tries again at `retry_at`, or gives up when that is `None`; `error` is the mail
    /// server's answer.
    pub fn mark_failed_try(
        conn: &mut DbConnection,
        email_id: EmailId,
        error: &str,
        retry_at: Option<NaiveDateTime>,
    ) -> QueryResult<()> {
        let error: String = error.chars().take(1000).collect();
        let target = emails::table.find(email_id);
        match retry_at {
            Some(retry_at) => diesel::update(target)
                .set((
                    emails::status.eq(EmailStatus::Pending),
                    emails::next_attempt_at.eq(retry_at),
                    emails::last_error.eq(error),
                ))
                .execute(conn),
            // Its words stay, so an admin can send it again.
            None => diesel::update(target)
                .set((
                    emails::status.eq(EmailStatus::Failed),
                    emails::last_error.eq(error),
                ))
                .execute(conn),
        }
        .map(drop)
    }

    /// Emails a sender took before `before` and never answered for: the sender stopped
    /// mid-send. They may have arrived, so they are failed with that reason, never sent again
    /// on their own.
    pub fn fail_abandoned(
        conn: &mut DbConnection,
        before: NaiveDateTime,
        reason: &str,
    ) -> QueryResult<usize> {
        diesel::update(
            emails::table
                .filter(emails::status.eq(EmailStatus::Sending))
                .filter(emails::claimed_at.lt(before)),
        )
        .set((
            emails::status.eq(EmailStatus::Failed),
            emails::last_error.eq(reason),
        ))
        .execute(conn)
    }

    /// Held emails, oldest first, of the accounts whose digest is due.
    pub fn held(conn: &mut DbConnection) -> QueryResult<Vec<Self>> {
        emails::table
            .filter(emails::status.eq(EmailStatus::Held))
            .order((emails::user_id, emails::created_at, emails::id))
            .select(Self::as_select())
            .load(conn)
    }

    /// Marks held emails as gone out in a digest.
    pub fn mark_digested(
        conn: &mut DbConnection,
        ids: &[EmailId],
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            emails::table
                .filter(emails::id.eq_any(ids))
                .filter(emails::status.eq(EmailStatus::Held)),
        )
        .set((
            emails::status.eq(EmailStatus::Digested),
            emails::sent_at.eq(at),
            emails::text_body.eq(""),
            emails::html_body.eq(""),
        ))
        .execute(conn)
    }

    pub fn find(conn: &mut DbConnection, email_id: EmailId) -> QueryResult<Option<Self>> {
        emails::table
            .find(email_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// An organisation's newest emails.
    pub fn newest(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
    ) -> QueryResult<Vec<Self>> {
        emails::table
            .filter(emails::organisation_id.eq(organisation_id))
            .order((emails::created_at.desc(), emails::id.desc()))
            .limit(LISTED)
            .select(Self::as_select())
            .load(conn)
    }

    /// How many of an organisation's emails are in each status.
    pub fn counts(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
    ) -> QueryResult<Vec<(EmailStatus, i64)>> {
        emails::table
            .filter(emails::organisation_id.eq(organisation_id))
            .group_by(emails::status)
            .select((emails::status, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Sends a failed email again: back to pending, due now.
    pub fn retry(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
        email_id: EmailId,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        diesel::update(
            emails::table
                .filter(emails::id.eq(email_id))
                .filter(emails::organisation_id.eq(organisation_id))
                .filter(emails::status.eq(EmailStatus::Failed))
                .filter(emails::text_body.ne("")),
        )
        .set((
            emails::status.eq(EmailStatus::Pending),
            emails::next_attempt_at.eq(at),
            emails::attempts.eq(0),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }
}

/// One account's choice for one kind.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = email_preferences)]
pub struct EmailPreferenceRow {
    pub user_id: UserId,
    pub kind: EmailKind,
    pub delivery: Delivery,
}

impl EmailPreferenceRow {
    /// An account's choices; a kind without a row is sent at once.
    pub fn for_user(
        conn: &mut DbConnection,
        user_id: UserId,
    ) -> QueryResult<Vec<(EmailKind, Delivery)>> {
        let rows: Vec<Self> = email_preferences::table
            .filter(email_preferences::user_id.eq(user_id))
            .select(Self::as_select())
            .load(conn)?;
        rows.into_iter().map(|r| Ok((r.kind, r.delivery))).collect()
    }

    /// How `user_id` hears of `kind`.
    pub fn delivery(
        conn: &mut DbConnection,
        user_id: UserId,
        kind: EmailKind,
    ) -> QueryResult<Delivery> {
        let stored: Option<Delivery> = email_preferences::table
            .find((user_id, kind))
            .select(email_preferences::delivery)
            .first(conn)
            .optional()?;
        match stored {
            Some(delivery) => Ok(delivery),
            None => Ok(Delivery::AtOnce),
        }
    }

    /// Sets one choice, replacing the old.
    pub fn set(
        conn: &mut DbConnection,
        user_id: UserId,
        kind: EmailKind,
        delivery: Delivery,
    ) -> QueryResult<()> {
        diesel::delete(email_preferences::table.find((user_id, kind))).execute(conn)?;
        let row = Self {
            user_id: user_id.to_owned(),
            kind,
            delivery,
        };
        insert_rows!(conn, email_preferences::table, std::slice::from_ref(&row)).map(drop)
    }
}

/// The language an account's emails are written in.
pub fn language(conn: &mut DbConnection, user_id: UserId) -> QueryResult<EmailLanguage> {
    users::table
        .find(user_id)
        .select(users::language)
        .first(conn)
}

pub fn set_language(
    conn: &mut DbConnection,
    user_id: UserId,
    language: EmailLanguage,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::language.eq(language))
        .execute(conn)
        .map(drop)
}

/// Records that the reminder `reminder_key` was given; false when it had been already, by
/// this instance or another.
pub fn remind_once(
    conn: &mut DbConnection,
    reminder_key: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let inserted = match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(reminders::table)
            .values((
                reminders::key.eq(reminder_key),
                reminders::created_at.eq(at),
            ))
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConnection::Postgres(c) => diesel::insert_into(reminders::table)
            .values((
                reminders::key.eq(reminder_key),
                reminders::created_at.eq(at),
            ))
            .on_conflict_do_nothing()
            .execute(c)?,
    };
    Ok(inserted == 1)
}
