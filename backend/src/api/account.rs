//! Accounts: `POST /me/password` (a password change ends every session, then signs this
//! device in again), and for admins `GET`/`POST /users`.

use actix_web::{HttpResponse, web};
use diesel::Connection;
use ourplan_shared::account::{NewUser, PasswordChange};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::organisation::User;
use ourplan_shared::role::Role;
use ourplan_shared::validation::limits;

use super::session::{respond_signed_in, start_session};
use crate::access;
use crate::auth::CurrentUser;
use crate::db::model::audit_event;
use crate::db::model::person::PersonRow;
use crate::db::model::session::SessionRow;
use crate::db::model::user::UserRow;
use crate::db::model::{new_id, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::password;
use crate::server::AppState;

#[utoipa::path(
    post,
    path = "/api/v1/me/password",
    tag = "accounts",
    summary = "Change your password; every other session ends",
    request_body = PasswordChange,
    responses(
        (status = 200, description = "Changed; this device has a new session", body = User),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn change_password(
    state: web::Data<AppState>,
    actor: CurrentUser,
    body: web::Json<PasswordChange>,
) -> Result<HttpResponse, AppError> {
    let PasswordChange {
        current_password,
        new_password,
    } = body.into_inner();
    let user = &actor.user;
    // Someone who signed in with a card may set their first password without one.
    if let Some(stored) = &user.password_hash
        && !password::verify(&current_password, stored)
    {
        return Err(AppError::invalid(
            "current_password",
            "Your current password is not right.",
        ));
    }
    if let Some(problem) = password::policy_problem(
        &new_password,
        &[user.email.as_str(), user.display_name.as_str()],
    ) {
        return Err(AppError::invalid("new_password", problem));
    }
    let hash = password::hash(&new_password)?;
    let (user, session_id, refresh) = db::run(&state.pool, move |conn| {
        let at = now();
        conn.transaction(|conn| {
            UserRow::set_password_hash(conn, &actor.user.id, &hash)?;
            SessionRow::revoke_all_for_user(conn, &actor.user.id, "password_changed", at)?;
            let (session_id, refresh) = start_session(conn, &actor.user.id, at)?;
            audit_event::append(
                conn,
                &[actor
                    .audit(AuditAction::Update, "password")
                    .object(&actor.user.id)],
            )?;
            let user = UserRow::find(conn, &actor.user.id)?
                .ok_or_else(|| AppError::client(ErrorCode::Unauthenticated, "Please sign in."))?;
            Ok((user, session_id, refresh))
        })
    })
    .await?;
    respond_signed_in(&state, user, &session_id, refresh)
}

#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "accounts",
    summary = "Every account of the organisation (admins)",
    responses(
        (status = 200, body = Vec<User>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody)
    )
)]
pub async fn list_users(
    state: web::Data<AppState>,
    actor: CurrentUser,
) -> Result<HttpResponse, AppError> {
    access::may_administer(&actor)?;
    let users = db::run(&state.pool, move |conn| {
        UserRow::in_organisation(conn, &actor.user.organisation_id)?
            .into_iter()
            .map(|row| Ok(row.into_wire()?))
            .collect::<Result<Vec<User>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(users))
}

#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "accounts",
    summary = "Create an account (admins)",
    request_body = NewUser,
    responses(
        (status = 201, body = User),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "Conflicts with what is stored", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn create_user(
    state: web::Data<AppState>,
    actor: CurrentUser,
    body: web::Json<NewUser>,
) -> Result<HttpResponse, AppError> {
    access::may_administer(&actor)?;
    let request = body.into_inner();
    let email = request.email.trim().to_lowercase();
    let display_name = request.display_name.trim().to_owned();
    check_new_user(&request, &email, &display_name)?;
    let password_hash = request
        .password
        .as_deref()
        .map(password::hash)
        .transpose()?;
    let user = db::run(&state.pool, move |conn| {
        if UserRow::find_by_email(conn, &email)?.is_some() {
            return Err(AppError::Client {
                code: ErrorCode::Conflict,
                message: "There is already an account with this email address.".to_owned(),
                field: Some("email".to_owned()),
            });
        }
        let person_id = request.person_id.map(|p| p.to_string());
        if let Some(person_id) = &person_id {
            check_person(conn, &actor, person_id)?;
        }
        let row = UserRow {
            id: new_id(),
            organisation_id: actor.user.organisation_id.clone(),
            email,
            display_name,
            role: request.role.key().to_owned(),
            person_id,
            password_hash,
            created_at: now(),
            disabled_at: None,
        };
        conn.transaction(|conn| {
            UserRow::insert_all(conn, std::slice::from_ref(&row))?;
            let mut entry = actor.audit(AuditAction::Create, "user").object(&row.id);
            if let Some(person_id) = &row.person_id {
                entry = entry.about(person_id);
            }
            audit_event::append(conn, &[entry])?;
            Ok::<_, AppError>(())
        })?;
        Ok(row.into_wire()?)
    })
    .await?;
    Ok(HttpResponse::Created().json(user))
}

fn check_new_user(request: &NewUser, email: &str, display_name: &str) -> Result<(), AppError> {
    let at = email.find('@');
    if email.chars().count() > 254 || at.is_none_or(|i| i == 0 || i + 1 == email.len()) {
        return Err(AppError::invalid(
            "email",
            "Enter an email address like name@example.org.",
        ));
    }
    if display_name.is_empty() || display_name.chars().count() > limits::NAME {
        return Err(AppError::invalid(
            "display_name",
            format!("Enter a name of 1 to {} characters.", limits::NAME),
        ));
    }
    match (request.role, request.person_id) {
        (Role::Individual, None) => {
            return Err(AppError::invalid(
                "person_id",
                "Choose the person this account is for.",
            ));
        }
        (role, Some(_)) if role != Role::Individual => {
            return Err(AppError::invalid(
                "person_id",
                "Only a person-supported account is linked to a person.",
            ));
        }
        _ => {}
    }
    if let Some(new_password) = &request.password
        && let Some(problem) = password::policy_problem(new_password, &[email, display_name])
    {
        return Err(AppError::invalid("password", problem));
    }
    Ok(())
}

/// The person exists in the admin's organisation and has no account yet.
fn check_person(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: &str,
) -> Result<(), AppError> {
    let person = PersonRow::find(conn, person_id)?
        .filter(|p| p.organisation_id == actor.user.organisation_id)
        .ok_or_else(|| AppError::invalid("person_id", "There is no such person."))?;
    if UserRow::for_person(conn, &person.id)?.is_some() {
        return Err(AppError::Client {
            code: ErrorCode::Conflict,
            message: "This person already has an account.".to_owned(),
            field: Some("person_id".to_owned()),
        });
    }
    Ok(())
}
