//! The daily round: reminders that come from the passing of time (a review due within 14
//! days or overdue, a consent ending within 14 days) and each reader's daily digest. Every
//! reminder is recorded by a key before it is given, in the same transaction, so several
//! instances and restarts give it once.

use ourplan_shared::id::{EmailId, UserId};
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, Timelike};
use ourplan_shared::email::{EmailKind, EmailStatus};
use ourplan_shared::notification::NotificationKind;
use ourplan_shared::review::ReviewStatus;
use ourplan_shared::role::Role;

use super::Mail;
use super::letter::{self, Footer};
use super::outbox::{Recipient, SETTINGS_PATH};
use crate::db::model::consent::ConsentRow;
use crate::db::model::email::{self, EmailRow};
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::person::PersonRow;
use crate::db::model::user::UserRow;
use crate::db::model::{now, programme};
use crate::db::{self, DbConnection, Pool};
use crate::error::AppError;
use crate::notify::{Channels, Message, Notifier};

/// How far ahead a review or the end of a consent is announced.
pub const AHEAD_DAYS: i64 = 14;

/// Gives each reminder that is due and not yet given.
pub fn reminders(pool: &Pool, mail: &Arc<Mail>) -> Result<(), AppError> {
    let mut conn = pool.get()?;
    let notifier = Channels { mail: mail.clone() };
    for organisation in OrganisationRow::all(&mut conn)? {
        reviews_due(&mut conn, &notifier, &organisation)?;
    }
    consents_ending(&mut conn, &notifier)?;
    Ok(())
}

/// Gives one reminder to one reader, unless it was given already.
fn remind(
    conn: &mut DbConnection,
    notifier: &Channels,
    reminder: &str,
    user_id: UserId,
    message: &Message,
) -> Result<(), AppError> {
    db::write_transaction(conn, |conn| {
        if email::remind_once(conn, &format!("{reminder}:{user_id}"), now())? {
            notifier.send(conn, &[user_id.to_owned()], message)?;
        }
        Ok(())
    })
}

/// "A review is due in 14 days / is overdue", to the managers of the person's teams and their
/// key worker, once per plan, due date and stage. A review waiting for its Part 2 is
/// announced by its own notice instead.
fn reviews_due(
    conn: &mut DbConnection,
    notifier: &Channels,
    organisation: &OrganisationRow,
) -> Result<(), AppError> {
    let today = organisation.day_at(now());
    let policy = organisation.review_policy();
    let managers: Vec<UserRow> = UserRow::in_organisation(conn, organisation.id)?
        .into_iter()
        .filter(|u| u.disabled_at.is_none() && u.role == Role::Manager)
        .collect();
    for manager in managers {
        let loaded = programme::load(conn, manager.id, None)?;
        for entry in &loaded.entries {
            let facts = crate::api::programme::facts(entry, &loaded, organisation);
            if matches!(
                facts.open_review,
                Some((_, ReviewStatus::AwaitingPartTwo, _))
            ) {
                continue;
            }
            let due = ourplan_shared::programme::next_review_due(&facts, policy);
            let days = (due.due_on - today).num_days();
            let (variant, words) = match days {
                ..0 => ("overdue", "is overdue"),
                0..=AHEAD_DAYS => ("soon", "is due"),
                _ => continue,
            };
            let name = entry.preferred_name.as_deref().unwrap_or(&entry.full_name);
            let message = Message {
                kind: NotificationKind::ReviewDue,
                person_id: entry.person_id,
                review_id: None,
                text: format!(
                    "{name}'s plan review {words} ({})",
                    due.due_on.format("%-d %b %Y")
                ),
                date: Some(due.due_on),
                variant: Some(variant),
            };
            let reminder = format!("review_due:{variant}:{}:{}", entry.plan_id, due.due_on);
            let mut readers = vec![manager.id];
            readers.extend(entry.key_worker);
            for reader in readers {
                remind(conn, notifier, &reminder, reader, &message)?;
            }
        }
    }
    Ok(())
}

/// "Your consent ends in 14 days", to the person and to the family member it lets see.
fn consents_ending(conn: &mut DbConnection, notifier: &Channels) -> Result<(), AppError> {
    let today = now().date();
    for consent in ConsentRow::ending_between(conn, today, today + Duration::days(AHEAD_DAYS))? {
        let Some(ends_on) = consent.expires_on else {
            continue;
        };
        let name = PersonRow::find(conn, consent.person_id)?
            .map(|p| p.preferred_name.unwrap_or(p.full_name))
            .unwrap_or_default();
        let message = Message {
            kind: NotificationKind::ConsentEnding,
            person_id: consent.person_id,
            review_id: None,
            text: format!(
                "Sharing of {name}'s plan with {} ends on {}",
                consent.party_name,
                ends_on.format("%-d %b %Y")
            ),
            date: Some(ends_on),
            variant: None,
        };
        let reminder = format!("consent_ending:{}:{ends_on}", consent.id);
        let mut readers: Vec<UserId> = UserRow::for_person(conn, consent.person_id)?
            .map(|u| u.id)
            .into_iter()
            .collect();
        readers.extend(consent.party_user_id);
        for reader in readers {
            remind(conn, notifier, &reminder, reader, &message)?;
        }
    }
    Ok(())
}

/// Sends each reader's held emails as one digest, once a day from the digest hour of their
/// organisation's day; what is held after that waits for the next day's.
pub fn digests(pool: &Pool, mail: &Mail) -> Result<(), AppError> {
    let Some(settings) = mail.settings() else {
        return Ok(());
    };
    let mut conn = pool.get()?;
    let held = EmailRow::held(&mut conn)?;
    let mut by_reader: BTreeMap<UserId, Vec<EmailRow>> = BTreeMap::new();
    for email in held {
        if let Some(user_id) = email.user_id {
            by_reader.entry(user_id).or_default().push(email);
        }
    }
    let at = now();
    for (user_id, emails) in by_reader {
        let Some(user) = UserRow::find(&mut conn, user_id)? else {
            continue;
        };
        let Some(organisation) = OrganisationRow::find(&mut conn, user.organisation_id)? else {
            continue;
        };
        let (day, hour) = local_day_and_hour(&organisation, at);
        if hour < settings.digest_hour {
            continue;
        }
        db::write_transaction(&mut conn, |conn| {
            if !email::remind_once(conn, &format!("digest:{user_id}:{day}"), at)? {
                return Ok(());
            }
            let Some(recipient) = Recipient::load(conn, &user)? else {
                return Ok(());
            };
            let subjects: Vec<String> = emails.iter().map(|e| e.subject.clone()).collect();
            let footer = Footer {
                settings: mail.link(SETTINGS_PATH),
                unsubscribe: None,
            };
            let written = letter::digest(&recipient.reader(), &subjects, &mail.link("/"), &footer);
            let row = recipient.row(EmailKind::Digest, written, None, EmailStatus::Pending, at);
            EmailRow::insert_all(conn, &[row])?;
            let ids: Vec<EmailId> = emails.iter().map(|e| e.id).collect();
            EmailRow::mark_digested(conn, &ids, at)?;
            Ok(())
        })?;
    }
    Ok(())
}

/// The organisation's local day and hour at `at`.
fn local_day_and_hour(
    organisation: &OrganisationRow,
    at: chrono::NaiveDateTime,
) -> (NaiveDate, u32) {
    let zone: chrono_tz::Tz = organisation
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::Europe::London);
    let local = at.and_utc().with_timezone(&zone);
    (local.date_naive(), local.hour())
}
