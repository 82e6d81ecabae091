//! Accounts: `POST /me/password` (a password change ends every session, then signs this
//! device in again), and for admins `GET /users` (searched and filtered) and `POST /users`
//! (staff join their teams; an account without a password comes with its invitation).

use actix_web::{HttpRequest, HttpResponse, web};
use diesel::Connection;
use ourplan_shared::account::{Account, LinkPurpose, NewAccount, NewUser, PasswordChange};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{PersonId, TeamId, UserId};
use ourplan_shared::organisation::User;
use ourplan_shared::role::Role;
use ourplan_shared::validation::limits;
use serde::Deserialize;

use super::account_link;
use super::session::{respond_signed_in, start_session};
use crate::access;
use crate::auth::{CurrentUser, Maker, throttle};
use crate::db::model::account_link::AccountLinkRow;
use crate::db::model::audit_event;
use crate::db::model::person::PersonRow;
use crate::db::model::session::SessionRow;
use crate::db::model::team::{TeamMemberRow, TeamRow};
use crate::db::model::user::{UserFilter, UserRow};
use crate::db::model::{fresh_id, now, utc};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
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
        (status = 403, description = "A first password needs a fresh sign-in card, 10 minutes old", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 429, description = "Too many wrong passwords: wait and try again", body = ErrorBody),
        (status = 503, description = "Too many sign-ins at once: try again in a minute", body = ErrorBody)
    )
)]
pub async fn change_password(
    state: web::Data<AppState>,
    actor: CurrentUser,
    body: Body<PasswordChange>,
) -> Result<HttpResponse, AppError> {
    let PasswordChange {
        current_password,
        new_password,
    } = body.into_inner();
    let user = &actor.user;
    match user.password_hash.clone() {
        // A wrong current password counts against the account as a wrong sign-in does, so
        // a stolen session cannot guess it.
        Some(stored) => {
            let key = throttle::account_key(&user.email);
            db::run(&state.pool, {
                let key = key.clone();
                move |conn| {
                    let at = now();
                    throttle::refuse_if_locked(conn, &[&key], at)?;
                    throttle::count(conn, &key, throttle::MAX_FAILURES, at)
                }
            })
            .await?;
            if !state.hashing.verify(current_password, Some(stored)).await? {
                return Err(AppError::invalid(
                    "current_password",
                    "Your current password is not right.",
                ));
            }
            db::run(&state.pool, move |conn| throttle::clear(conn, &key)).await?;
        }
        // Someone who signed in with a card sets their first password without one, but only
        // with a fresh card, and not in its first minutes.
        None => access::may_set_first_password(&actor, now())?,
    }
    if let Some(problem) = password::policy_problem(
        &new_password,
        &[user.email.as_str(), user.display_name.as_str()],
    ) {
        return Err(AppError::invalid("new_password", problem));
    }
    let hash = state.hashing.hash(new_password).await?;
    let (user, session_id, refresh) = db::run(&state.pool, move |conn| {
        let at = now();
        conn.transaction(|conn| {
            UserRow::set_password_hash(conn, actor.user.id, &hash)?;
            SessionRow::revoke_all_for_user(conn, actor.user.id, "password_changed", at)?;
            let (session_id, refresh) = start_session(conn, actor.user.id, None, at)?;
            audit_event::append(
                conn,
                &[actor
                    .audit(AuditAction::Update, "password")
                    .object(actor.user.id)],
            )?;
            let user = UserRow::find(conn, actor.user.id)?
                .ok_or_else(|| AppError::client(ErrorCode::Unauthenticated, "Please sign in."))?;
            Ok((user, session_id, refresh))
        })
    })
    .await?;
    respond_signed_in(&state, user, &session_id, refresh)
}

/// `GET /api/v1/users` filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Words in the name or email address, in any case.
    pub q: Option<String>,
    /// `individual`, `family`, `support_worker`, `manager` or `admin`.
    #[param(value_type = Option<String>)]
    pub role: Option<Role>,
    /// Members of this team.
    #[param(value_type = Option<String>)]
    pub team: Option<TeamId>,
    /// `true` for disabled accounts only, `false` for enabled ones only.
    pub disabled: Option<bool>,
}

/// The most accounts one search answers; a search narrows it.
const MOST_LISTED: i64 = 500;

#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "accounts",
    summary = "The organisation's accounts, by name, with their teams and invitations; searched and filtered (admins; managers see staff only)",
    params(UserQuery),
    responses(
        (status = 200, body = Vec<Account>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin or a manager", body = ErrorBody),
    )
)]
pub async fn list_users(
    state: web::Data<AppState>,
    actor: CurrentUser,
    query: web::Query<UserQuery>,
) -> Result<HttpResponse, AppError> {
    // Managers see staff accounts only, to put on their teams.
    let staff_only = actor.role == Role::Manager;
    if !staff_only {
        access::may_administer(&actor)?;
    }
    let UserQuery {
        q,
        role,
        team,
        disabled,
    } = query.into_inner();
    let filter = UserFilter {
        text: q,
        role,
        team_id: team,
        disabled,
        staff_only,
        limit: MOST_LISTED,
    };
    let accounts = db::run(&state.pool, move |conn| {
        let rows = UserRow::search(conn, actor.user.organisation_id, &filter)?;
        let ids: Vec<UserId> = rows.iter().map(|r| r.id).collect();
        let mut teams = TeamMemberRow::team_names_of(conn, &ids)?;
        let invited = AccountLinkRow::invited_until(conn, &ids, now())?;
        rows.into_iter()
            .map(|row| {
                Ok(Account {
                    teams: teams.remove(&row.id).unwrap_or_default(),
                    has_password: row.password_hash.is_some(),
                    invited_until: invited.get(&row.id).copied().map(utc),
                    user: row.into_wire()?,
                })
            })
            .collect::<Result<Vec<Account>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(accounts))
}

#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "accounts",
    summary = "Create an account (admins); without a password it comes with an invitation to copy",
    request_body = NewUser,
    responses(
        (status = 201, body = NewAccount),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "Conflicts with what is stored", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn create_user(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    body: Body<NewUser>,
) -> Result<HttpResponse, AppError> {
    access::may_administer(&actor)?;
    let request = body.into_inner();
    let email = request.email.trim().to_lowercase();
    let display_name = request.display_name.trim().to_owned();
    check_new_user(&request, &email, &display_name)?;
    let password_hash = match request.password.clone() {
        Some(password) => Some(state.hashing.hash(password).await?),
        None => None,
    };
    let origin = account_link::origin(&req);
    let mail = state.mail.clone();
    let created = db::run(&state.pool, move |conn| {
        if UserRow::find_by_email(conn, &email)?.is_some() {
            return Err(AppError::Client {
                code: ErrorCode::Conflict,
                message: "There is already an account with this email address.".to_owned(),
                field: Some("email".to_owned()),
            });
        }
        let person_id = request.person_id;
        if let Some(person_id) = person_id {
            check_person(conn, &actor, person_id)?;
        }
        let mut team_ids = Vec::new();
        for team_id in &request.team_ids {
            let team = TeamRow::find(conn, *team_id)?
                .filter(|t| t.organisation_id == actor.user.organisation_id)
                .ok_or_else(|| {
                    AppError::invalid("team_ids", "Choose teams of your organisation.")
                })?;
            team_ids.push(team.id);
        }
        let row = UserRow {
            id: fresh_id(),
            organisation_id: actor.user.organisation_id,
            email,
            display_name,
            role: request.role,
            person_id,
            password_hash,
            created_at: now(),
            disabled_at: None,
        };
        let invitation = db::write_transaction(conn, |conn| {
            UserRow::insert_all(conn, std::slice::from_ref(&row))?;
            let members: Vec<TeamMemberRow> = team_ids
                .iter()
                .map(|team_id| TeamMemberRow {
                    team_id: *team_id,
                    user_id: row.id,
                })
                .collect();
            TeamMemberRow::insert_all(conn, &members)?;
            let mut entry = actor.audit(AuditAction::Create, "user").object(row.id);
            if let Some(person_id) = &row.person_id {
                entry = entry.about(*person_id);
            }
            audit_event::append(conn, &[entry])?;
            match row.password_hash {
                Some(_) => Ok(None),
                None => account_link::issue(
                    conn,
                    &Maker::User(&actor),
                    &row,
                    LinkPurpose::Invitation,
                    &origin,
                    row.created_at,
                    &mail,
                )
                .map(Some),
            }
        })?;
        Ok(NewAccount {
            user: row.into_wire()?,
            invitation,
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
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
    if let Some(new_password) = &request.password {
        // Nobody chooses a password for a person supported or a family member.
        if !request.role.is_staff() {
            return Err(AppError::invalid(
                "password",
                "People supported and family members choose their own password: they sign in \
                 first with their invitation or a sign-in card.",
            ));
        }
        if let Some(problem) = password::policy_problem(new_password, &[email, display_name]) {
            return Err(AppError::invalid("password", problem));
        }
    }
    if !request.team_ids.is_empty() && !request.role.is_staff() {
        return Err(AppError::invalid("team_ids", "Only staff are on teams."));
    }
    Ok(())
}

/// The person exists in the admin's organisation and has no account yet.
fn check_person(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
) -> Result<(), AppError> {
    let person = PersonRow::find(conn, person_id)?
        .filter(|p| p.organisation_id == actor.user.organisation_id)
        .ok_or_else(|| AppError::invalid("person_id", "There is no such person."))?;
    if UserRow::for_person(conn, person.id)?.is_some() {
        return Err(AppError::Client {
            code: ErrorCode::Conflict,
            message: "This person already has an account.".to_owned(),
            field: Some("person_id".to_owned()),
        });
    }
    Ok(())
}
