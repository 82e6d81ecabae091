//! The signed-in user's notifications: `GET /me/notifications` (newest first, with the unread
//! count) and `POST /me/notifications/{id}/read`. Each user sees only their own.

use actix_web::{HttpResponse, web};
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::NotificationId;
use ourplan_shared::notification::Notifications;

use crate::api::path::IdPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::notification::NotificationRow;
use crate::db::model::now;
use crate::error::AppError;
use crate::server::AppState;

#[utoipa::path(
    get, path = "/api/v1/me/notifications", tag = "notifications",
    summary = "Your notifications, newest first, and how many are unread",
    responses(
        (status = 200, body = Notifications),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let notifications = db::run(&state.pool, move |conn| {
        let items = NotificationRow::for_user(conn, actor.user.id)?
            .into_iter()
            .map(NotificationRow::into_wire)
            .collect::<diesel::QueryResult<Vec<_>>>()?;
        Ok(Notifications {
            unread: NotificationRow::unread(conn, actor.user.id)?,
            items,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(notifications))
}

#[utoipa::path(
    post, path = "/api/v1/me/notifications/{notification_id}/read", tag = "notifications",
    summary = "Mark one of your notifications read (reading it twice is fine)",
    params(("notification_id" = NotificationId, Path, description = "The notification")),
    responses(
        (status = 204, description = "Read"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "You have no such notification", body = ErrorBody),
    )
)]
pub async fn read(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPath(notification_id): IdPath<NotificationId>,
) -> Result<HttpResponse, AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "You have no such notification.");
    let found = db::run(&state.pool, move |conn| {
        Ok(NotificationRow::mark_read(
            conn,
            actor.user.id,
            notification_id,
            now(),
        )?)
    })
    .await?;
    if found {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(no_such())
    }
}
