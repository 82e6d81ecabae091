//! Links that let someone choose their own password: an admin makes an invitation
//! (`POST /users/{id}/invitation`, 7 days; also made with a new account) or, for staff who
//! forgot theirs, a password reset (`POST /users/{id}/password-reset`, 1 hour). The page the
//! link opens checks it (`POST /account-links/check`) and uses it (`POST /account-links/use`):
//! the password is set, every session of the account ends and this device is signed in.
//! A link works once; a newer one for the same account replaces the older.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{Duration, NaiveDateTime};
use ourplan_shared::account::{
    AccountLinkDetails, AccountLinkIssued, AccountLinkToken, AccountLinkUse, LinkPurpose,
    account_link,
};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::email::EmailKind;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::UserId;
use ourplan_shared::organisation::User;

use super::session::{respond_signed_in, start_session};
use crate::access;
use crate::api::path::IdPath;
use crate::auth::secret::{random_hex, sha256_hex};
use crate::auth::{CurrentUser, Maker};
use crate::db::model::account_link::AccountLinkRow;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::session::SessionRow;
use crate::db::model::user::UserRow;
use crate::db::model::{new_id, now, utc};
use crate::db::{self, DbConnection};
use crate::email::{Mail, outbox};
use crate::error::AppError;
use crate::http::body::Body;
use crate::password;
use crate::server::AppState;

fn no_account() -> AppError {
    AppError::client(ErrorCode::NotFound, "There is no such account.")
}

fn link_not_good() -> AppError {
    AppError::client(
        ErrorCode::NotFound,
        "This link has been used, has run out or was replaced by a newer one. Ask your \
         administrator for a new one.",
    )
}

/// The scheme and host the admin reached the server at: the link opens the same server.
pub(crate) fn origin(req: &HttpRequest) -> String {
    let info = req.connection_info();
    format!("{}://{}", info.scheme(), info.host())
}

/// Makes a link for `user`, replacing any unused one, in the caller's transaction, with its
/// audit row. The token is in the answer and, when email is on, in an email to the account's
/// address (emptied from the outbox once sent); nowhere else.
pub(crate) fn issue(
    conn: &mut DbConnection,
    by: &Maker,
    user: &UserRow,
    purpose: LinkPurpose,
    origin: &str,
    at: NaiveDateTime,
    mail: &Mail,
) -> Result<AccountLinkIssued, AppError> {
    let token = random_hex();
    let row = AccountLinkRow {
        id: new_id(),
        user_id: user.id,
        purpose,
        token_hash: sha256_hex(&token),
        created_by: by.user_id(),
        created_at: at,
        expires_at: at + Duration::minutes(purpose.lifetime_minutes()),
        used_at: None,
        revoked_at: None,
    };
    AccountLinkRow::revoke_unused(conn, user.id, at)?;
    row.insert(conn)?;
    let mut entry = by.audit(AuditAction::Create, purpose.key()).object(user.id);
    if let Some(person_id) = &user.person_id {
        entry = entry.about(*person_id);
    }
    audit_event::append(conn, &[entry])?;
    let link = account_link(origin, &token);
    let kind = match purpose {
        LinkPurpose::Invitation => EmailKind::Invitation,
        LinkPurpose::PasswordReset => EmailKind::PasswordReset,
    };
    let emailed_to = outbox::queue_link(conn, mail, user, kind, &link, row.expires_at)?
        .then(|| user.email.clone());
    Ok(AccountLinkIssued {
        purpose,
        link,
        expires_at: utc(row.expires_at),
        emailed_to,
    })
}

/// An account the admin may make a link for, read for the request.
fn target(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    user_id: UserId,
) -> Result<UserRow, AppError> {
    let target = UserRow::find(conn, user_id)?.ok_or_else(no_account)?;
    access::may_manage_user(actor, &target)?;
    if target.disabled_at.is_some() {
        return Err(AppError::client(
            ErrorCode::Conflict,
            "This account is disabled. Enable it first.",
        ));
    }
    Ok(target)
}

#[utoipa::path(
    post, path = "/api/v1/users/{user_id}/invitation", tag = "accounts",
    summary = "A new invitation for an account that has no password yet, valid 7 days; replaces an older one (admins)",
    params(("user_id" = UserId, Path, description = "The account")),
    responses(
        (status = 201, body = AccountLinkIssued),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such account in your organisation", body = ErrorBody),
        (status = 409, description = "The account is disabled, or has a password already", body = ErrorBody),
    )
)]
pub async fn invite(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    IdPath(user_id): IdPath<UserId>,
) -> Result<HttpResponse, AppError> {
    let origin = origin(&req);
    let mail = state.mail.clone();
    let issued = db::run(&state.pool, move |conn| {
        let target = target(conn, &actor, user_id)?;
        if target.password_hash.is_some() {
            return Err(AppError::client(
                ErrorCode::Conflict,
                "This account has a password already. Staff who forgot theirs get a password \
                 reset link; a person supported can be given a sign-in card.",
            ));
        }
        db::write_transaction(conn, |conn| {
            issue(
                conn,
                &Maker::User(&actor),
                &target,
                LinkPurpose::Invitation,
                &origin,
                now(),
                &mail,
            )
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(issued))
}

#[utoipa::path(
    post, path = "/api/v1/users/{user_id}/password-reset", tag = "accounts",
    summary = "A password reset link for a member of staff, valid 1 hour; using it ends every session (admins)",
    params(("user_id" = UserId, Path, description = "The account")),
    responses(
        (status = 201, body = AccountLinkIssued),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such account in your organisation", body = ErrorBody),
        (status = 409, description = "The account is disabled", body = ErrorBody),
        (status = 422, description = "Not a staff account: people supported and family sign in with a card or their invitation", body = ErrorBody),
    )
)]
pub async fn reset(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    IdPath(user_id): IdPath<UserId>,
) -> Result<HttpResponse, AppError> {
    let origin = origin(&req);
    let mail = state.mail.clone();
    let issued = db::run(&state.pool, move |conn| {
        let target = target(conn, &actor, user_id)?;
        // An admin who could reset a person's password could sign in as them.
        if !target.role.is_staff() {
            return Err(AppError::invalid(
                "user_id",
                "Only staff passwords are reset this way. A person supported gets a new \
                 sign-in card; a family member a new invitation.",
            ));
        }
        db::write_transaction(conn, |conn| {
            issue(
                conn,
                &Maker::User(&actor),
                &target,
                LinkPurpose::PasswordReset,
                &origin,
                now(),
                &mail,
            )
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(issued))
}

#[utoipa::path(
    post, path = "/api/v1/account-links/check", tag = "accounts",
    summary = "Whose invitation or password reset link this is, while it is good",
    security(()),
    request_body = AccountLinkToken,
    responses(
        (status = 200, body = AccountLinkDetails),
        (status = 404, description = "Used, run out, replaced or wrong", body = ErrorBody),
    )
)]
pub async fn check(
    state: web::Data<AppState>,
    body: Body<AccountLinkToken>,
) -> Result<HttpResponse, AppError> {
    let hash = sha256_hex(body.into_inner().token.trim());
    let details = db::run(&state.pool, move |conn| {
        let link = AccountLinkRow::find_usable(conn, &hash, now())?.ok_or_else(link_not_good)?;
        let user = UserRow::find(conn, link.user_id)?
            .filter(|u| u.disabled_at.is_none())
            .ok_or_else(link_not_good)?;
        Ok(AccountLinkDetails {
            purpose: link.purpose,
            display_name: user.display_name,
            email: user.email,
            expires_at: utc(link.expires_at),
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(details))
}

#[utoipa::path(
    post, path = "/api/v1/account-links/use", tag = "accounts",
    summary = "Choose a password with an invitation or reset link: every session of the account ends and this device is signed in",
    security(()),
    request_body = AccountLinkUse,
    responses(
        (status = 200, description = "Signed in", body = User),
        (status = 404, description = "Used, run out, replaced or wrong", body = ErrorBody),
        (status = 422, description = "The password breaks the policy; `field` is `password`", body = ErrorBody),
    )
)]
pub async fn use_link(
    state: web::Data<AppState>,
    body: Body<AccountLinkUse>,
) -> Result<HttpResponse, AppError> {
    let AccountLinkUse { token, password } = body.into_inner();
    let hash = sha256_hex(token.trim());
    // The account first, for the policy's check against its name and email.
    let user = db::run(&state.pool, {
        let hash = hash.clone();
        move |conn| {
            let link =
                AccountLinkRow::find_usable(conn, &hash, now())?.ok_or_else(link_not_good)?;
            UserRow::find(conn, link.user_id)?
                .filter(|u| u.disabled_at.is_none())
                .ok_or_else(link_not_good)
        }
    })
    .await?;
    if let Some(problem) = password::policy_problem(
        &password,
        &[user.email.as_str(), user.display_name.as_str()],
    ) {
        return Err(AppError::invalid("password", problem));
    }
    let password_hash = state.hashing.hash(password.clone()).await?;
    let (user, session_id, refresh) = db::run(&state.pool, move |conn| {
        let at = now();
        db::write_transaction(conn, |conn| {
            let link = AccountLinkRow::find_usable(conn, &hash, at)?
                .filter(|l| l.user_id == user.id)
                .ok_or_else(link_not_good)?;
            if !AccountLinkRow::consume(conn, &link.id, at)? {
                return Err(link_not_good());
            }
            UserRow::set_password_hash(conn, user.id, &password_hash)?;
            SessionRow::revoke_all_for_user(conn, user.id, "password_changed", at)?;
            audit_event::append(
                conn,
                &[AuditEntry {
                    organisation_id: Some(user.organisation_id),
                    actor_user_id: Some(user.id.to_string()),
                    actor_role: Some(user.role.key().to_owned()),
                    action: AuditAction::Update,
                    entity: "password".to_owned(),
                    entity_id: Some(link.id.clone()),
                    person_id: user.person_id,
                    allowed: true,
                    grant_id: None,
                    card_id: None,
                }],
            )?;
            let (session_id, refresh) = start_session(conn, user.id, None, at)?;
            Ok((user, session_id, refresh))
        })
    })
    .await?;
    respond_signed_in(&state, user, &session_id, refresh)
}
