//! Signing in and out: `POST /api/v1/session`, `POST /api/v1/session/refresh`,
//! `DELETE /api/v1/session`.

use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::{SignInCodeId, UserId};

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{Duration, NaiveDateTime};
use diesel::Connection;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::organisation::User;
use serde::Deserialize;

use crate::auth::secret::{random_hex, sha256_hex};
use crate::auth::{CurrentUser, cookies::SESSION_DAYS, throttle};
use crate::db::model::audit_event::{self, AuditEntry, SIGN_IN};
use crate::db::model::person::PersonRow;
use crate::db::model::session::{RefreshTokenRow, SessionRow};
use crate::db::model::user::UserRow;
use crate::db::model::{new_id, now, utc};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::password::Verified;
use crate::server::AppState;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

pub(crate) fn wrong_details() -> AppError {
    AppError::client(
        ErrorCode::Unauthenticated,
        "The email address or password is not right.",
    )
}

#[utoipa::path(
    post,
    path = "/api/v1/session",
    tag = "session",
    summary = "Sign in with email and password; sets the session cookies",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in; cookies set", body = User),
        (status = 401, description = "Wrong email or password (the same answer for both)", body = ErrorBody),
        (status = 429, description = "Too many failed tries for this account or from this address", body = ErrorBody),
        (status = 503, description = "Too many sign-ins at once: try again in a minute", body = ErrorBody)
    )
)]
pub async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<SignIn>,
) -> Result<HttpResponse, AppError> {
    let SignIn { email, password } = body.into_inner();
    let email = email.trim().to_lowercase();
    let account_key = throttle::account_key(&email);
    let address_key = throttle::address_key(&req);
    // First the locks, the attempt counted against the account, and the account: a short
    // use of a connection, then none while the password is checked.
    let account = {
        let (account_key, address_key) = (account_key.clone(), address_key.clone());
        db::run(&state.pool, move |conn| {
            let at = now();
            throttle::refuse_if_locked(conn, &[&account_key, &address_key], at)?;
            throttle::count(conn, &account_key, throttle::MAX_FAILURES, at)?;
            Ok(UserRow::find_by_email(conn, &email)?)
        })
        .await?
    };
    let stored = account
        .as_ref()
        .filter(|user| user.disabled_at.is_none())
        .and_then(|user| user.password_hash.clone());
    let was = stored.clone();
    let Verified { matches, renewed } = state.hashing.verify_and_renew(password, stored).await?;
    let (user, session_id, refresh) = db::run(&state.pool, move |conn| {
        let at = now();
        let user = match account {
            Some(user) if matches => user,
            tried => {
                throttle::count(conn, &address_key, throttle::MAX_ADDRESS_FAILURES, at)?;
                audit_event::append(
                    conn,
                    &[AuditEntry::refused_sign_in(SIGN_IN, tried.as_ref())],
                )?;
                return Err(wrong_details());
            }
        };
        let role = user.role;
        conn.transaction(|conn| {
            throttle::clear(conn, &account_key)?;
            if let (Some(was), Some(renewed)) = (&was, &renewed) {
                UserRow::rehash_password(conn, user.id, was, renewed)?;
            }
            let (session_id, refresh) = start_session(conn, user.id, None, at)?;
            let entry = AuditEntry::by(
                user.organisation_id,
                user.id,
                role,
                AuditAction::Create,
                SIGN_IN,
            )
            .object(&session_id);
            audit_event::append(conn, &[entry])?;
            Ok((user, session_id, refresh))
        })
    })
    .await?;
    respond_signed_in(&state, user, &session_id, refresh)
}

/// A new session and its first refresh token; `card` when it begins with a sign-in card.
pub(crate) fn start_session(
    conn: &mut DbConnection,
    user_id: UserId,
    card: Option<SignInCodeId>,
    at: NaiveDateTime,
) -> Result<(String, String), AppError> {
    let session_id = new_id();
    SessionRow {
        id: session_id.clone(),
        user_id: user_id.to_owned(),
        created_at: at,
        last_used_at: at,
        expires_at: at + Duration::days(SESSION_DAYS),
        revoked_at: None,
        revoked_reason: None,
        sign_in_code_id: card,
    }
    .insert(conn)?;
    let refresh = issue_refresh(conn, &session_id, at)?;
    Ok((session_id, refresh))
}

fn issue_refresh(
    conn: &mut DbConnection,
    session_id: &str,
    at: NaiveDateTime,
) -> Result<String, AppError> {
    let token = random_hex();
    RefreshTokenRow {
        token_hash: sha256_hex(&token),
        session_id: session_id.to_owned(),
        issued_at: at,
        used_at: None,
    }
    .insert(conn)?;
    Ok(token)
}

pub(crate) fn respond_signed_in(
    state: &AppState,
    user: UserRow,
    session_id: &str,
    refresh: String,
) -> Result<HttpResponse, AppError> {
    let access = state.tokens.issue(user.id, session_id, utc(now()))?;
    let user: User = user.into_wire()?;
    Ok(HttpResponse::Ok()
        .cookie(state.cookies.access(access))
        .cookie(state.cookies.refresh(refresh))
        .json(user))
}

/// Swaps a refresh token for a new pair. A token that was already used means it was copied:
/// the whole session is revoked.
#[utoipa::path(
    post,
    path = "/api/v1/session/refresh",
    tag = "session",
    summary = "Swap the refresh token for a new pair; a reused one ends its session",
    responses(
        (status = 200, body = User),
        (status = 401, description = "Not signed in", body = ErrorBody)
    )
)]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let token = req
        .cookie(state.cookies.refresh_name())
        .map(|c| c.value().to_owned())
        .ok_or_else(|| AppError::client(ErrorCode::Unauthenticated, "Please sign in."))?;
    let result = db::run(&state.pool, move |conn| {
        let at = now();
        let hash = sha256_hex(&token);
        let Some(stored) = RefreshTokenRow::find(conn, &hash)? else {
            return Ok(None);
        };
        if !RefreshTokenRow::mark_used(conn, &hash, at)? {
            SessionRow::revoke(conn, &stored.session_id, "refresh_token_replayed", at)?;
            log::warn!("a used refresh token was presented again; its session is revoked");
            return Ok(None);
        }
        let Some(session) = SessionRow::find(conn, &stored.session_id)? else {
            return Ok(None);
        };
        let Some((user, _)) = SessionRow::live_user(conn, &session.id, session.user_id, at)? else {
            return Ok(None);
        };
        SessionRow::touch(conn, &session.id, at)?;
        let refresh = issue_refresh(conn, &session.id, at)?;
        Ok(Some((user, session.id, refresh)))
    })
    .await?;
    match result {
        Some((user, session_id, refresh)) => respond_signed_in(&state, user, &session_id, refresh),
        None => {
            let mut response = HttpResponse::Unauthorized();
            for cookie in state.cookies.cleared() {
                response.cookie(cookie);
            }
            Ok(response.json(ourplan_shared::error::ErrorBody::new(
                ErrorCode::Unauthenticated,
                "Your sign-in has ended. Please sign in again.",
                None,
            )))
        }
    }
}

/// Signs this device out: the session ends on the server, not just in the browser.
#[utoipa::path(
    delete,
    path = "/api/v1/session",
    tag = "session",
    summary = "Sign this device out on the server",
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = ErrorBody)
    )
)]
pub async fn sign_out(
    state: web::Data<AppState>,
    current: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let session_id = current.session_id.clone();
    db::run(&state.pool, move |conn| {
        Ok(SessionRow::revoke(conn, &session_id, "sign_out", now())?)
    })
    .await?;
    let mut response = HttpResponse::NoContent();
    for cookie in state.cookies.cleared() {
        response.cookie(cookie);
    }
    Ok(response.finish())
}

/// `GET /api/v1/me`: who is signed in. A browser with neither session cookie has no session
/// to renew, so it is told "nobody" with 204 rather than 401: an anonymous visit then asks for
/// nothing that fails.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "session",
    summary = "The signed-in user (204 when nobody is signed in on this browser)",
    responses(
        (status = 200, body = User),
        (status = 204, description = "Nobody is signed in, and there is no session to renew"),
        (status = 401, description = "The access token ran out: renew it with POST /session/refresh", body = ErrorBody)
    )
)]
pub async fn me(
    state: web::Data<AppState>,
    req: HttpRequest,
    current: Result<CurrentUser, AppError>,
) -> Result<HttpResponse, AppError> {
    let current = match current {
        Ok(current) => current,
        Err(error)
            if error.code() == ErrorCode::Unauthenticated
                && req.cookie(state.cookies.access_name()).is_none()
                && req.cookie(state.cookies.refresh_name()).is_none() =>
        {
            return Ok(HttpResponse::NoContent().finish());
        }
        Err(error) => return Err(error),
    };
    let user = db::run(&state.pool, move |conn| {
        let person = match &current.user.person_id {
            Some(person) => PersonRow::find(conn, *person)?,
            None => None,
        };
        Ok(User {
            preferred_format: person.as_ref().map(|p| p.preferred_format),
            preferred_language: person.map(|p| p.preferred_language),
            ..current.user.into_wire()?
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(user))
}
