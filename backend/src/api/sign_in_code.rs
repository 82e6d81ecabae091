//! Sign-in for people who cannot manage a password: staff issue a single-use code, printed on
//! an easy-read card with a QR code; scanning or typing it signs the person in on that device.
//! `GET`/`POST /persons/{id}/sign-in-codes`, `DELETE /persons/{id}/sign-in-codes/{id}`,
//! `POST /session/code`.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Duration;
use diesel::Connection;
use ourplan_shared::account::SignInCodeSummary;
use ourplan_shared::account::{CodeSignIn, SIGN_IN_CODE_DAYS, SignInCodeIssued, normalise_code};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{PersonId, SignInCodeId, UserId};
use ourplan_shared::notification::NotificationKind;
use ourplan_shared::organisation::User;
use qrcode::QrCode;
use qrcode::render::svg;
use rand_core::{OsRng, RngCore};

use super::guard::{self, audited};
use super::session::{respond_signed_in, start_session};
use crate::access;
use crate::api::path::{ItemPath, PersonPath};
use crate::auth::secret::sha256_hex;
use crate::auth::{CurrentUser, throttle};
use crate::db::model::audit_event::{self, AuditEntry, CARD_SIGN_IN};
use crate::db::model::person::PersonRow;
use crate::db::model::sign_in_code::SignInCodeRow;
use crate::db::model::user::UserRow;
use crate::db::model::{fresh_id, now, utc};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::notify::{self, Message};
use crate::server::AppState;

/// Letters and digits that cannot be mistaken for one another (no I, L, O, 0 or 1).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// 12 characters from 31: about 59 bits, and the code lives at most 7 days.
const CODE_LENGTH: usize = 12;

fn new_code() -> String {
    let mut code = String::with_capacity(CODE_LENGTH);
    while code.len() < CODE_LENGTH {
        let byte = (OsRng.next_u32() & 0xff) as u8;
        // Rejection sampling keeps every character equally likely.
        if usize::from(byte) < ALPHABET.len() * (256 / ALPHABET.len()) {
            code.push(char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]));
        }
    }
    code
}

/// `ABCDEFGHJKMN` → `ABCD-EFGH-JKMN`, easier to read out and type.
fn grouped(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

fn no_account() -> AppError {
    AppError::client(
        ErrorCode::Invalid,
        "This person does not have an account yet. Ask an administrator to make one.",
    )
}

/// The person's own account, after the named check that the actor may issue codes for them.
/// A refusal is audited here when `entry` is given (writes); reads audit their own.
fn person_account(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    entry: Option<&AuditEntry>,
) -> Result<UserRow, AppError> {
    let check = access::may_read_plan(conn, actor, person_id, now())
        .and_then(|plan_access| access::may_issue_sign_in_code(&plan_access));
    match entry {
        Some(entry) => audited(check, conn, entry)?,
        None => check?,
    }
    UserRow::for_person(conn, person_id)?.ok_or_else(no_account)
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/sign-in-codes",
    tag = "sign-in cards",
    summary = "Make a sign-in card; unused earlier cards stop working",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 201, body = SignInCodeIssued),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn issue(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let origin = {
        let info = req.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    };
    let notifier = state.notifier.clone();
    let issued = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Create, "sign_in_code")
            .about(person_id);
        let account = person_account(conn, &actor, person_id, Some(&entry))?;
        if account.disabled_at.is_some() {
            return Err(AppError::client(
                ErrorCode::Invalid,
                "This person's account is turned off. Ask an administrator to turn it on first.",
            ));
        }
        let person = PersonRow::find(conn, person_id)?.ok_or_else(access::not_found)?;
        let at = now();
        let code = new_code();
        let row = SignInCodeRow {
            id: fresh_id(),
            user_id: account.id,
            code_hash: sha256_hex(&code),
            issued_by: actor.user.id,
            issued_at: at,
            expires_at: at + Duration::days(SIGN_IN_CODE_DAYS),
            used_at: None,
            revoked_at: None,
        };
        let name = person
            .preferred_name
            .clone()
            .unwrap_or(person.full_name.clone());
        // Whoever holds a card can act as the person: the team's managers hear of each one.
        let notice = Message {
            kind: NotificationKind::SignInCardIssued,
            person_id,
            review_id: None,
            text: format!(
                "{} made a sign-in card for {name}.",
                actor.user.display_name
            ),
            date: None,
            variant: None,
        };
        conn.transaction(|conn| {
            // A new card replaces any earlier one that was never used.
            SignInCodeRow::revoke_all_unused(conn, account.id, at)?;
            row.insert(conn)?;
            audit_event::append(conn, &[entry.object(row.id)])?;
            let managers: Vec<UserId> = notify::reviewers_of(conn, person_id, false)?
                .into_iter()
                .filter(|m| *m != actor.user.id)
                .collect();
            notifier.send(conn, &managers, &notice)?;
            Ok::<_, AppError>(())
        })?;
        let sign_in_url = format!("{origin}/sign-in/code#{}", grouped(&code));
        let qr_svg = QrCode::new(sign_in_url.as_bytes())
            .map_err(|error| AppError::Internal(format!("QR code: {error}")))?
            .render::<svg::Color<'_>>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build();
        Ok(SignInCodeIssued {
            id: row.id,
            person_name: name,
            code: grouped(&code),
            expires_at: utc(row.expires_at),
            sign_in_url,
            qr_svg,
        })
    })
    .await?;
    // The code is shown once; nothing on the way may keep a copy.
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(issued))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/sign-in-codes",
    tag = "sign-in cards",
    summary = "The person's sign-in cards (never the codes)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<SignInCodeSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody)
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Read, "sign_in_codes")
        .about(person_id);
    let codes = guard::audited_read(&state, entry, move |conn, _| {
        person_account(conn, &actor, person_id, None)
            .and_then(|account| Ok(SignInCodeRow::summaries(conn, account.id, now())?))
    })
    .await?;
    Ok(HttpResponse::Ok().json(codes))
}

#[utoipa::path(
    delete,
    path = "/api/v1/persons/{person_id}/sign-in-codes/{code_id}",
    tag = "sign-in cards",
    summary = "Cancel an unused sign-in card",
    params(("person_id" = PersonId, Path, description = "The person the plan is about"), ("code_id" = SignInCodeId, Path)),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody),
        (status = 409, description = "Already used or cancelled", body = ErrorBody)
    )
)]
pub async fn revoke(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<SignInCodeId>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: code_id,
    } = path;
    db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Delete, "sign_in_code")
            .about(person_id);
        let account = person_account(conn, &actor, person_id, Some(&entry))?;
        let no_such = || AppError::client(ErrorCode::NotFound, "There is no such sign-in code.");
        conn.transaction(|conn| {
            if !SignInCodeRow::revoke(conn, account.id, code_id, now())? {
                return Err(if SignInCodeRow::exists(conn, account.id, code_id)? {
                    AppError::client(
                        ErrorCode::Conflict,
                        "This sign-in code was already used or revoked.",
                    )
                } else {
                    no_such()
                });
            }
            audit_event::append(conn, &[entry.object(code_id)])?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Signs in with a code: single use, so the same card cannot sign in a second device.
#[utoipa::path(
    post,
    path = "/api/v1/session/code",
    tag = "session",
    summary = "Sign in with a single-use code from a sign-in card",
    request_body = CodeSignIn,
    responses(
        (status = 200, body = User),
        (status = 401, description = "The code is wrong, used, cancelled or out of date", body = ErrorBody),
        (status = 429, description = "Too many wrong codes from this address: wait and try again", body = ErrorBody)
    )
)]
pub async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<CodeSignIn>,
) -> Result<HttpResponse, AppError> {
    let address_key = throttle::address_key(&req);
    let code = normalise_code(&body.0.code);
    let refused = || {
        AppError::client(
            ErrorCode::Unauthenticated,
            "That sign-in code does not work. It may have been used already or be out of date. Ask your support worker for a new card.",
        )
    };
    let signed_in = db::run(&state.pool, move |conn| {
        let at = now();
        throttle::refuse_if_locked(conn, &[&address_key], at)?;
        let card = SignInCodeRow::find_by_hash(conn, &sha256_hex(&code))?;
        let user = match &card {
            Some(card) => UserRow::find(conn, card.user_id)?,
            None => None,
        };
        let session = conn.transaction(|conn| {
            let (Some(card), Some(user)) = (&card, &user) else {
                return Ok(None);
            };
            if user.disabled_at.is_some() || !SignInCodeRow::consume(conn, card.id, at)? {
                return Ok(None);
            }
            let role = user.role;
            let (session_id, refresh) = start_session(conn, user.id, Some(card.id), at)?;
            // About the person, so it shows them who made the card they signed in with.
            let mut entry = AuditEntry::by(
                user.organisation_id,
                user.id,
                role,
                AuditAction::Create,
                CARD_SIGN_IN,
            )
            .object(card.id)
            .with_card(Some(card.id));
            if let Some(person) = &user.person_id {
                entry = entry.about(*person);
            }
            audit_event::append(conn, &[entry])?;
            Ok::<_, AppError>(Some((session_id, refresh)))
        })?;
        match (session, user) {
            (Some((session_id, refresh)), Some(user)) => Ok(Some((user, session_id, refresh))),
            (_, user) => {
                // Refused: counted against the address; the card tried, if it exists, is
                // the object.
                throttle::count(conn, &address_key, throttle::MAX_ADDRESS_FAILURES, at)?;
                let mut entry = AuditEntry::refused_sign_in(CARD_SIGN_IN, user.as_ref());
                entry.entity_id = card.map(|c| c.id.to_string());
                audit_event::append(conn, &[entry])?;
                Ok(None)
            }
        }
    })
    .await?;
    let (user, session_id, refresh) = signed_in.ok_or_else(refused)?;
    respond_signed_in(&state, user, &session_id, refresh)
}
