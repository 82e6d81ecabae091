//! Email settings and the outbox: each account chooses how it hears of each kind of news
//! (`/me/email-preferences`); a one-click link in each email stops one kind without signing in
//! (`/email/unsubscribe`, RFC 8058); admins read the outbox, send a test email and send a
//! failed one again (`/admin/outbox`).

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::email::{
    Delivery, EmailKind, EmailPreferences, EmailStatus, KindDelivery, Outbox, OutboxEmail,
    TestEmail, Unsubscribed,
};
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::EmailId;
use serde::Deserialize;

use crate::access;
use crate::api::path::IdPath;
use crate::auth::CurrentUser;
use crate::db::model::audit_event;
use crate::db::model::email::{self as model, EmailPreferenceRow, EmailRow};
use crate::db::model::now;
use crate::db::model::user::UserRow;
use crate::db::{self, DbConnection};
use crate::email::letter::News;
use crate::email::outbox::{self, Recipient};
use crate::email::unsubscribe;
use crate::error::AppError;
use crate::http::body::Body;
use crate::server::AppState;

fn preferences_of(
    conn: &mut DbConnection,
    user: &UserRow,
    email_on: bool,
) -> Result<EmailPreferences, AppError> {
    let chosen = EmailPreferenceRow::for_user(conn, user.id)?;
    let role = user.role;
    let kinds = EmailKind::for_role(role)
        .into_iter()
        .map(|kind| KindDelivery {
            kind,
            delivery: chosen
                .iter()
                .find(|(k, _)| *k == kind)
                .map_or(Delivery::AtOnce, |(_, d)| *d),
        })
        .collect();
    let language = model::language(conn, user.id)?;
    Ok(EmailPreferences {
        language,
        kinds,
        email_on,
        address: user.email.clone(),
    })
}

#[utoipa::path(
    get, path = "/api/v1/me/email-preferences", tag = "email",
    summary = "How you hear of each kind of news (at once, a daily digest, or in the app only) and your emails' language",
    responses(
        (status = 200, body = EmailPreferences),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn preferences(
    state: web::Data<AppState>,
    actor: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let email_on = state.mail.is_on();
    let preferences = db::run(&state.pool, move |conn| {
        preferences_of(conn, &actor.user, email_on)
    })
    .await?;
    Ok(HttpResponse::Ok().json(preferences))
}

#[utoipa::path(
    put, path = "/api/v1/me/email-preferences", tag = "email",
    summary = "Choose how you hear of each kind of news, and your emails' language",
    request_body = EmailPreferences,
    responses(
        (status = 200, body = EmailPreferences),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "A kind that is always sent at once; `field` is `kinds`", body = ErrorBody),
    )
)]
pub async fn set_preferences(
    state: web::Data<AppState>,
    actor: CurrentUser,
    body: Body<EmailPreferences>,
) -> Result<HttpResponse, AppError> {
    let wanted = body.into_inner();
    if let Some(fixed) = wanted.kinds.iter().find(|k| !k.kind.is_chosen()) {
        return Err(AppError::invalid(
            "kinds",
            format!(
                "{} emails are always sent at once: they are the link or the test itself.",
                fixed.kind
            ),
        ));
    }
    let email_on = state.mail.is_on();
    let preferences = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            for choice in &wanted.kinds {
                EmailPreferenceRow::set(conn, actor.user.id, choice.kind, choice.delivery)?;
            }
            model::set_language(conn, actor.user.id, wanted.language)?;
            audit_event::append(
                conn,
                &[actor
                    .audit(AuditAction::Update, "email_preferences")
                    .object(actor.user.id)],
            )?;
            preferences_of(conn, &actor.user, email_on)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(preferences))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UnsubscribeQuery {
    /// The token from the email's link.
    pub token: String,
}

#[utoipa::path(
    post, path = "/api/v1/email/unsubscribe", tag = "email",
    summary = "Stop one kind of email, from the link in it, without signing in (RFC 8058 one-click: any body is accepted); the news stays in the app",
    security(()),
    params(UnsubscribeQuery),
    responses(
        (status = 200, body = Unsubscribed),
        (status = 404, description = "Not a genuine link, or the account is gone", body = ErrorBody),
    )
)]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    query: web::Query<UnsubscribeQuery>,
) -> Result<HttpResponse, AppError> {
    let not_genuine = || {
        AppError::client(
            ErrorCode::NotFound,
            "This link does not work. Sign in and choose your emails under \"My emails\".",
        )
    };
    let (user_id, kind) =
        unsubscribe::read(state.mail.unsubscribe_key(), &query.token).ok_or_else(not_genuine)?;
    let done = db::run(&state.pool, move |conn| {
        let user = UserRow::find(conn, user_id)?.ok_or_else(not_genuine)?;
        db::write_transaction(conn, |conn| {
            EmailPreferenceRow::set(conn, user.id, kind, Delivery::AppOnly)?;
            audit_event::append(
                conn,
                &[crate::db::model::audit_event::AuditEntry::by(
                    user.organisation_id,
                    user.id,
                    user.role,
                    AuditAction::Update,
                    "email_preferences",
                )
                .object(user.id)],
            )?;
            Ok(Unsubscribed {
                kind,
                delivery: Delivery::AppOnly,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(done))
}

#[utoipa::path(
    get, path = "/api/v1/admin/outbox", tag = "email",
    summary = "The organisation's emails, newest first: pending, sent and failed with the mail server's answer, never their words (admins)",
    responses(
        (status = 200, body = Outbox),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
    )
)]
pub async fn outbox(
    state: web::Data<AppState>,
    actor: CurrentUser,
) -> Result<HttpResponse, AppError> {
    access::may_administer(&actor)?;
    let (email_on, from) = (
        state.mail.is_on(),
        state.mail.settings().map(|s| s.from.to_string()),
    );
    let organisation_id = actor.user.organisation_id;
    let outbox = db::run(&state.pool, move |conn| {
        let counts = EmailRow::counts(conn, organisation_id)?;
        let count = |statuses: &[EmailStatus]| {
            counts
                .iter()
                .filter(|(s, _)| statuses.contains(s))
                .map(|(_, n)| n)
                .sum::<i64>()
        };
        let items = EmailRow::newest(conn, organisation_id)?
            .into_iter()
            .map(EmailRow::into_wire)
            .collect::<diesel::QueryResult<Vec<OutboxEmail>>>()?;
        Ok(Outbox {
            email_on,
            from,
            pending: count(&[
                EmailStatus::Pending,
                EmailStatus::Sending,
                EmailStatus::Held,
            ]),
            sent: count(&[EmailStatus::Sent, EmailStatus::Digested]),
            failed: count(&[EmailStatus::Failed]),
            items,
        })
    })
    .await?;
    state
        .audit
        .record(vec![actor.audit(AuditAction::Read, "outbox")])
        .await?;
    Ok(HttpResponse::Ok().json(outbox))
}

#[utoipa::path(
    post, path = "/api/v1/admin/outbox/test", tag = "email",
    summary = "Send a test email to an address, to check that email works (admins)",
    request_body = TestEmail,
    responses(
        (status = 202, description = "In the outbox; it shows how the sending went", body = OutboxEmail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 409, description = "Email is off on this server", body = ErrorBody),
        (status = 422, description = "Not an email address; `field` is `to`", body = ErrorBody),
    )
)]
pub async fn test(
    state: web::Data<AppState>,
    actor: CurrentUser,
    body: Body<TestEmail>,
) -> Result<HttpResponse, AppError> {
    access::may_administer(&actor)?;
    if !state.mail.is_on() {
        return Err(email_off());
    }
    let to = body.into_inner().to.trim().to_lowercase();
    if to.parse::<lettre::Address>().is_err() {
        return Err(AppError::invalid(
            "to",
            "Enter an email address, like name@example.org.",
        ));
    }
    let mail = state.mail.clone();
    let queued = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let recipient = Recipient {
                user_id: actor.user.id,
                organisation_id: actor.user.organisation_id,
                address: to,
                name: actor.user.display_name.clone(),
                role: actor.role,
                language: model::language(conn, actor.user.id)?,
            };
            let news = News {
                kind: EmailKind::Test,
                variant: None,
                values: Vec::new(),
                link: mail.link("/"),
            };
            let email_id =
                outbox::queue(conn, &mail, &recipient, &news, now())?.ok_or_else(email_off)?;
            audit_event::append(
                conn,
                &[actor.audit(AuditAction::Create, "email").object(email_id)],
            )?;
            let row = EmailRow::find(conn, email_id)?
                .ok_or_else(|| AppError::Internal("the test email was not queued".to_owned()))?;
            Ok(row.into_wire()?)
        })
    })
    .await?;
    Ok(HttpResponse::Accepted().json(queued))
}

fn email_off() -> AppError {
    AppError::client(
        ErrorCode::Conflict,
        "Email is off on this server: set OURPLAN_SMTP_URL and OURPLAN_MAIL_FROM and restart it.",
    )
}

#[utoipa::path(
    post, path = "/api/v1/admin/outbox/{email_id}/retry", tag = "email",
    summary = "Send a failed email again (admins); one whose words are gone (sent in part, or an old link) cannot be",
    params(("email_id" = EmailId, Path, description = "The email")),
    responses(
        (status = 204, description = "Back in the outbox, due now"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such failed email that can be sent again", body = ErrorBody),
        (status = 409, description = "Email is off on this server", body = ErrorBody),
    )
)]
pub async fn retry(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPath(email_id): IdPath<EmailId>,
) -> Result<HttpResponse, AppError> {
    access::may_administer(&actor)?;
    let no_such = || {
        AppError::client(
            ErrorCode::NotFound,
            "There is no failed email here that can be sent again.",
        )
    };
    if !state.mail.is_on() {
        return Err(email_off());
    }
    let mail = state.mail.clone();
    db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            if !EmailRow::retry(conn, actor.user.organisation_id, email_id, now())? {
                return Err(no_such());
            }
            audit_event::append(
                conn,
                &[actor.audit(AuditAction::Update, "email").object(email_id)],
            )?;
            Ok(())
        })
    })
    .await?;
    mail.wake();
    Ok(HttpResponse::NoContent().finish())
}
