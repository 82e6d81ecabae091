//! Writing emails into the outbox, in the caller's transaction, as each reader chose: at once,
//! held for the daily digest, or not at all (in the app only).

use chrono::{NaiveDate, NaiveDateTime};
use ourplan_shared::email::{Delivery, EmailKind, EmailLanguage, EmailStatus};
use ourplan_shared::id::{EmailId, OrganisationId, UserId};
use ourplan_shared::notification::NotificationKind;
use ourplan_shared::role::Role;

use super::Mail;
use super::letter::{self, Footer, News, Reader};
use super::unsubscribe;
use crate::db::DbConnection;
use crate::db::model::email::{self, EmailPreferenceRow, EmailRow};
use crate::db::model::fresh_id;
use crate::db::model::person::PersonRow;
use crate::db::model::user::UserRow;
use crate::error::AppError;
use crate::notify::Message;

/// The reader's page for choosing which emails they get.
pub const SETTINGS_PATH: &str = "/account/email";

/// Someone an email goes to.
pub struct Recipient {
    pub user_id: UserId,
    pub organisation_id: OrganisationId,
    pub address: String,
    pub name: String,
    pub role: Role,
    pub language: EmailLanguage,
}

impl Recipient {
    /// An enabled account as a recipient; `None` for a disabled one, which gets nothing.
    pub fn load(conn: &mut DbConnection, user: &UserRow) -> Result<Option<Self>, AppError> {
        if user.disabled_at.is_some() {
            return Ok(None);
        }
        let role = user.role;
        // A person's emails are in their plan's language when we have it.
        let person_language = match &user.person_id {
            Some(person_id) => {
                PersonRow::find(conn, *person_id)?.and_then(|p| language_of(&p.preferred_language))
            }
            None => None,
        };
        let language = match person_language {
            Some(language) => language,
            None => email::language(conn, user.id)?,
        };
        Ok(Some(Self {
            user_id: user.id,
            organisation_id: user.organisation_id,
            address: user.email.clone(),
            name: user.display_name.clone(),
            role,
            language,
        }))
    }

    /// A new outbox row of `letter` to this recipient.
    pub fn row(
        &self,
        kind: EmailKind,
        letter: letter::Letter,
        unsubscribe_url: Option<String>,
        status: EmailStatus,
        at: NaiveDateTime,
    ) -> EmailRow {
        EmailRow {
            id: fresh_id(),
            organisation_id: self.organisation_id,
            user_id: Some(self.user_id),
            to_address: self.address.clone(),
            kind,
            language: self.language,
            subject: letter.subject,
            text_body: letter.text,
            html_body: letter.html,
            unsubscribe_url,
            status,
            attempts: 0,
            next_attempt_at: at,
            claimed_at: None,
            last_error: None,
            created_at: at,
            sent_at: None,
        }
    }

    pub fn reader(&self) -> Reader<'_> {
        Reader {
            name: &self.name,
            language: self.language,
            easy_read: self.role == Role::Individual,
        }
    }
}

/// The catalogue language of a BCP 47 tag (`pl`, `pl-PL`, `en-GB`).
pub fn language_of(tag: &str) -> Option<EmailLanguage> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    EmailLanguage::from_key(&primary)
}

/// A date as the reader's language writes it.
pub fn date_in(language: EmailLanguage, date: NaiveDate) -> String {
    match language {
        EmailLanguage::English => date.format("%-d %B %Y").to_string(),
        EmailLanguage::Polish => date.format("%d.%m.%Y").to_string(),
    }
}

/// Writes the email for `news` to `to` into the outbox, as they chose to hear of its kind;
/// its id, or `None` when nothing was written (email off, or in the app only).
pub fn queue(
    conn: &mut DbConnection,
    mail: &Mail,
    to: &Recipient,
    news: &News,
    at: NaiveDateTime,
) -> Result<Option<EmailId>, AppError> {
    if !mail.is_on() {
        return Ok(None);
    }
    let delivery = if news.kind.is_chosen() {
        EmailPreferenceRow::delivery(conn, to.user_id, news.kind)?
    } else {
        Delivery::AtOnce
    };
    let status = match delivery {
        Delivery::AppOnly => return Ok(None),
        Delivery::Daily => EmailStatus::Held,
        Delivery::AtOnce => EmailStatus::Pending,
    };
    let unsubscribe = news
        .kind
        .is_chosen()
        .then(|| unsubscribe::token(mail.unsubscribe_key(), to.user_id, news.kind));
    let footer = Footer {
        settings: mail.link(SETTINGS_PATH),
        // The page asks before it stops anything: a mail scanner following links must not.
        unsubscribe: unsubscribe
            .as_ref()
            .map(|token| mail.link(&format!("/email/unsubscribe#{token}"))),
    };
    let written = letter::write(&to.reader(), news, &footer);
    // RFC 8058's one-click address: a POST there stops this kind. The token travels in the
    // query, which the request log leaves out.
    let one_click =
        unsubscribe.map(|token| mail.link(&format!("/api/v1/email/unsubscribe?token={token}")));
    let row = to.row(news.kind, written, one_click, status, at);
    let id = row.id;
    EmailRow::insert_all(conn, &[row])?;
    // A held email may complete a digest that is due.
    mail.wake();
    Ok(Some(id))
}

/// Where an email about a person's news takes each reader.
fn link_path(message: &Message, role: Role) -> String {
    let person = &message.person_id;
    match role {
        Role::Individual if message.kind == NotificationKind::ConsentEnding => {
            "/who-can-see".to_owned()
        }
        Role::Individual | Role::Family => "/".to_owned(),
        _ => match (&message.review_id, message.kind) {
            (Some(review), _) => format!("/people/{person}/reviews/{review}"),
            (None, NotificationKind::SignInCardIssued) => format!("/people/{person}/sign-in-card"),
            (None, NotificationKind::ReviewDue) => format!("/people/{person}/reviews"),
            (None, _) => format!("/people/{person}"),
        },
    }
}

/// Writes the email of a notification for each reader in `to`, as they chose.
pub fn by_email(
    conn: &mut DbConnection,
    mail: &Mail,
    to: &[UserId],
    message: &Message,
) -> Result<(), AppError> {
    if !mail.is_on() {
        return Ok(());
    }
    let at = crate::db::model::now();
    for user_id in to {
        let Some(user) = UserRow::find(conn, *user_id)? else {
            continue;
        };
        let Some(recipient) = Recipient::load(conn, &user)? else {
            continue;
        };
        let mut values = Vec::new();
        if let Some(date) = message.date {
            values.push(("date", date_in(recipient.language, date)));
        }
        let news = News {
            kind: message.kind.email(),
            variant: message.variant,
            values,
            link: mail.link(&link_path(message, recipient.role)),
        };
        queue(conn, mail, &recipient, &news, at)?;
    }
    Ok(())
}

/// An invitation or password reset link, by email to its account.
pub fn queue_link(
    conn: &mut DbConnection,
    mail: &Mail,
    user: &UserRow,
    kind: EmailKind,
    link: &str,
    expires: NaiveDateTime,
) -> Result<bool, AppError> {
    if !mail.is_on() {
        return Ok(false);
    }
    let Some(recipient) = Recipient::load(conn, user)? else {
        return Ok(false);
    };
    let organisation =
        crate::db::model::organisation::OrganisationRow::find(conn, user.organisation_id)?
            .map(|o| o.name)
            .unwrap_or_default();
    let expires_on = expires.date();
    let news = News {
        kind,
        variant: None,
        values: vec![
            ("organisation", organisation),
            ("date", date_in(recipient.language, expires_on)),
        ],
        link: link.to_owned(),
    };
    let at = crate::db::model::now();
    Ok(queue(conn, mail, &recipient, &news, at)?.is_some())
}
