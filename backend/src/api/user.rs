//! An admin's changes to one account: `POST /api/v1/users/{user_id}/disable` (every session
//! of that user ends at once) and `…/enable`, and `PUT …/role` for staff. Each is audited in
//! the same transaction.

use actix_web::{HttpResponse, web};
use diesel::Connection;
use ourplan_shared::account::RoleChange;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::UserId;
use ourplan_shared::organisation::User;

use super::guard::audited;
use crate::access;
use crate::api::path::IdPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::now;
use crate::db::model::session::SessionRow;
use crate::db::model::user::UserRow;
use crate::error::AppError;
use crate::http::body::Body;
use crate::server::AppState;

#[utoipa::path(
    post,
    path = "/api/v1/users/{user_id}/disable",
    tag = "accounts",
    summary = "Disable an account; all its sessions end at once (admins)",
    params(("user_id" = UserId, Path, description = "The account")),
    responses(
        (status = 200, body = User),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such account in your organisation", body = ErrorBody)
    )
)]
pub async fn disable(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPath(user_id): IdPath<UserId>,
) -> Result<HttpResponse, AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "There is no such account.");
    let user = db::run(&state.pool, move |conn| {
        let target = UserRow::find(conn, user_id)?.ok_or_else(no_such)?;
        let refused = actor
            .audit(AuditAction::Update, "user_disabled")
            .object(target.id);
        audited(access::may_manage_user(&actor, &target), conn, &refused)?;
        conn.transaction(|conn| {
            let at = now();
            UserRow::disable(conn, target.id, at)?;
            SessionRow::revoke_all_for_user(conn, target.id, "account_disabled", at)?;
            audit_event::append(
                conn,
                &[AuditEntry {
                    organisation_id: Some(actor.user.organisation_id),
                    actor_user_id: Some(actor.user.id.to_string()),
                    actor_role: Some(actor.role.key().to_owned()),
                    action: AuditAction::Update,
                    entity: "user_disabled".to_owned(),
                    entity_id: Some(target.id.to_string()),
                    person_id: target.person_id,
                    allowed: true,
                    grant_id: None,
                    card_id: None,
                }],
            )?;
            Ok::<_, AppError>(())
        })?;
        UserRow::find(conn, target.id)?.ok_or_else(no_such)
    })
    .await?;
    Ok(HttpResponse::Ok().json(user.into_wire()?))
}

#[utoipa::path(
    post,
    path = "/api/v1/users/{user_id}/enable",
    tag = "accounts",
    summary = "Enable a disabled account again; it signs in as before (admins)",
    params(("user_id" = UserId, Path, description = "The account")),
    responses(
        (status = 200, body = User),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such account in your organisation", body = ErrorBody)
    )
)]
pub async fn enable(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPath(user_id): IdPath<UserId>,
) -> Result<HttpResponse, AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "There is no such account.");
    let user = db::run(&state.pool, move |conn| {
        let target = UserRow::find(conn, user_id)?.ok_or_else(no_such)?;
        let refused = actor
            .audit(AuditAction::Update, "user_enabled")
            .object(target.id);
        audited(access::may_manage_user(&actor, &target), conn, &refused)?;
        db::write_transaction(conn, |conn| {
            if UserRow::enable(conn, target.id)? {
                let mut entry = actor
                    .audit(AuditAction::Update, "user_enabled")
                    .object(target.id);
                if let Some(person_id) = &target.person_id {
                    entry = entry.about(*person_id);
                }
                audit_event::append(conn, &[entry])?;
            }
            Ok(())
        })?;
        UserRow::find(conn, target.id)?.ok_or_else(no_such)
    })
    .await?;
    Ok(HttpResponse::Ok().json(user.into_wire()?))
}

#[utoipa::path(
    put,
    path = "/api/v1/users/{user_id}/role",
    tag = "accounts",
    summary = "Change a member of staff's role: support worker, manager or administrator (admins)",
    params(("user_id" = UserId, Path, description = "The account")),
    request_body = RoleChange,
    responses(
        (status = 200, body = User),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such account in your organisation", body = ErrorBody),
        (status = 422, description = "Only staff roles change, among themselves", body = ErrorBody)
    )
)]
pub async fn change_role(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPath(user_id): IdPath<UserId>,
    body: Body<RoleChange>,
) -> Result<HttpResponse, AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "There is no such account.");
    let RoleChange { role } = body.into_inner();
    let user = db::run(&state.pool, move |conn| {
        let target = UserRow::find(conn, user_id)?.ok_or_else(no_such)?;
        let refused = actor
            .audit(AuditAction::Update, "user_role")
            .object(target.id);
        audited(access::may_manage_user(&actor, &target), conn, &refused)?;
        // A person supported or a family member is who they are, not a role to change.
        if !role.is_staff() || !target.role.is_staff() {
            return Err(AppError::invalid(
                "role",
                "Only staff roles change: support worker, manager or administrator.",
            ));
        }
        db::write_transaction(conn, |conn| {
            UserRow::set_role(conn, target.id, role)?;
            audit_event::append(
                conn,
                &[actor
                    .audit(AuditAction::Update, "user_role")
                    .object(target.id)],
            )?;
            Ok(())
        })?;
        UserRow::find(conn, target.id)?.ok_or_else(no_such)
    })
    .await?;
    Ok(HttpResponse::Ok().json(user.into_wire()?))
}
