//! The sender thread: takes due emails from the outbox, hands them to the SMTP server and
//! records the answer. A failed try is retried with a doubling wait; the server's answer is
//! kept. An email is marked `sending` before it is handed over, and one left so by a crash is
//! never sent again on its own: at most once, since it may have arrived.

use std::sync::{Arc, Weak, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{Message, SmtpTransport, Transport};

use super::Mail;
use crate::db::model::email::EmailRow;
use crate::db::model::now;
use crate::db::{self, Pool};
use crate::error::AppError;

/// How often the outbox is looked at when nothing wakes the sender (other instances may
/// have queued emails).
const POLL: Duration = Duration::from_secs(2);
/// How often held emails are looked at for digests that are due, besides when woken.
const DIGESTS_EVERY: Duration = Duration::from_secs(60);
/// How often the daily round's reminders are looked for.
const REMINDERS_EVERY: Duration = Duration::from_secs(15 * 60);
/// The longest the SMTP server may take over one step.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// An email claimed longer ago than this and still `sending` was abandoned by a crash.
const ABANDONED_AFTER_MINUTES: i64 = 5;
/// Tries before an email is given up.
const MAX_TRIES: i32 = 20;

/// Why an abandoned email is failed rather than sent again.
pub const ABANDONED: &str = "Ourplan stopped while handing this email to the mail server, so it \
    may or may not have arrived. It is not sent again on its own; send it again from here if it \
    did not arrive.";

/// Starts the sender when email is on. It stops when the server's [`Mail`] is dropped.
pub fn start(pool: Pool, mail: &Arc<Mail>) -> std::io::Result<()> {
    let Some(settings) = mail.settings() else {
        return Ok(());
    };
    let transport = SmtpTransport::from_url(&settings.smtp_url)
        .map_err(std::io::Error::other)?
        .timeout(Some(SMTP_TIMEOUT))
        .build();
    let (waker, woken) = mpsc::channel();
    mail.set_waker(waker);
    let mail = Arc::downgrade(mail);
    thread::Builder::new()
        .name("email-sender".to_owned())
        .spawn(move || run(&pool, &mail, &transport, &woken))?;
    Ok(())
}

fn run(pool: &Pool, mail: &Weak<Mail>, transport: &SmtpTransport, woken: &mpsc::Receiver<()>) {
    let mut reminders_due = Instant::now();
    let mut digests_due = Instant::now();
    let mut was_woken = false;
    loop {
        {
            let Some(mail) = mail.upgrade() else { return };
            let now = Instant::now();
            if now >= reminders_due {
                if let Err(error) = super::daily::reminders(pool, &mail) {
                    log::error!("email reminders: {error}");
                }
                reminders_due = Instant::now() + REMINDERS_EVERY;
            }
            // Something was queued (perhaps held for a digest), or a minute passed. A wake
            // may come before its transaction commits, so the round after it looks again.
            if was_woken || now >= digests_due {
                if let Err(error) = super::daily::digests(pool, &mail) {
                    log::error!("email digests: {error}");
                }
                digests_due = Instant::now() + if was_woken { POLL } else { DIGESTS_EVERY };
            }
            if let Err(error) = round(pool, &mail, transport) {
                log::error!("email sender: {error}");
            }
        }
        was_woken = match woken.recv_timeout(POLL) {
            // Whatever else was queued meanwhile goes in the same round.
            Ok(()) => {
                while woken.try_recv().is_ok() {}
                true
            }
            Err(mpsc::RecvTimeoutError::Timeout) => false,
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
    }
}

/// One round: fail what a crash abandoned, then send what is due, batch after batch.
fn round(pool: &Pool, mail: &Mail, transport: &SmtpTransport) -> Result<(), AppError> {
    let Some(settings) = mail.settings() else {
        return Ok(());
    };
    let mut conn = pool.get()?;
    let at = now();
    let abandoned_before = at - chrono::Duration::minutes(ABANDONED_AFTER_MINUTES);
    if !EmailRow::work_waiting(&mut conn, at, abandoned_before)? {
        return Ok(());
    }
    let abandoned = db::write_transaction(&mut conn, |conn| {
        Ok(EmailRow::fail_abandoned(conn, abandoned_before, ABANDONED)?)
    })?;
    if abandoned > 0 {
        log::warn!("{abandoned} email(s) were abandoned mid-send and are marked failed");
    }
    loop {
        let claimed =
            db::write_transaction(&mut conn, |conn| Ok(EmailRow::claim_due(conn, now())?))?;
        if claimed.is_empty() {
            return Ok(());
        }
        for email in claimed {
            let outcome = build(&email, &settings.from)
                .and_then(|message| transport.send(&message).map(drop).map_err(Failure::from));
            let at = now();
            match outcome {
                Ok(()) => EmailRow::mark_sent(&mut conn, email.id, at)?,
                Err(failure) => {
                    let retry_at = (failure.transient && email.attempts < MAX_TRIES)
                        .then(|| at + backoff(settings.retry_seconds, email.attempts));
                    log::warn!(
                        "email {} (try {}): {}{}",
                        email.id,
                        email.attempts,
                        failure.answer,
                        if retry_at.is_some() {
                            "; will retry"
                        } else {
                            "; given up"
                        }
                    );
                    EmailRow::mark_failed_try(&mut conn, email.id, &failure.answer, retry_at)?;
                }
            }
        }
    }
}

/// The wait after try `tries`: the base, doubling each time, at most 64 times the base.
fn backoff(base_seconds: u64, tries: i32) -> chrono::Duration {
    let doublings = u32::try_from(tries.saturating_sub(1)).unwrap_or(0).min(6);
    let seconds = base_seconds.saturating_mul(1 << doublings);
    chrono::Duration::seconds(i64::try_from(seconds).unwrap_or(i64::MAX / 1000))
}

/// Why a try failed, and whether trying again may help.
struct Failure {
    answer: String,
    transient: bool,
}

impl From<lettre::transport::smtp::Error> for Failure {
    fn from(error: lettre::transport::smtp::Error) -> Self {
        Self {
            // A refused connection or a 4xx answer may pass; a 5xx answer will not.
            transient: !error.is_permanent(),
            answer: error.to_string(),
        }
    }
}

/// The email as the SMTP server receives it: plain text and HTML, with RFC 8058's one-click
/// unsubscribe headers when the kind can be stopped.
fn build(email: &EmailRow, from: &Mailbox) -> Result<Message, Failure> {
    let permanent = |answer: String| Failure {
        answer,
        transient: false,
    };
    let to: Mailbox = email
        .to_address
        .parse()
        .map_err(|error| permanent(format!("the address cannot be used: {error}")))?;
    let domain = from.email.domain().to_owned();
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        // The outbox row's id: a copy that did arrive twice is recognisable as one.
        .message_id(Some(format!("<{}@{domain}>", email.id)));
    if let Some(url) = &email.unsubscribe_url {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            email.text_body.clone(),
            email.html_body.clone(),
        ))
        .map_err(|error| permanent(format!("the email cannot be built: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_sixty_four_times_the_base() {
        let waits: Vec<i64> = (1..=9).map(|t| backoff(30, t).num_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 1920, 1920]);
    }
}
