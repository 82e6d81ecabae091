//! `POST /api/v1/import` (admins): people and staff from a provider's old system, as a CSV
//! file's text; see `crate::import`. Nothing is written unless every row is right; otherwise
//! 422 lists every problem with its line and column.

use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use ourplan_shared::import::{ImportFile, ImportRefused, ImportReport, MAX_BYTES};

use super::account_link;
use crate::access;
use crate::auth::{CurrentUser, Maker};
use crate::db;
use crate::db::model::now;
use crate::error::AppError;
use crate::import::{self, Refused};
use crate::server::AppState;

/// An import's body may be far larger than other requests.
pub fn json_config() -> web::JsonConfig {
    crate::http::json_errors::json_config().limit(MAX_BYTES + 1024)
}

#[utoipa::path(
    post,
    path = "/api/v1/import",
    tag = "accounts",
    summary = "Import people and staff from a CSV file (admins): checked whole first; nothing is written if any row is wrong",
    request_body = ImportFile,
    responses(
        (status = 200, body = ImportReport),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only an administrator imports", body = ErrorBody),
        (status = 422, description = "Rows are wrong: `problems` names each line and column; nothing was written", body = ImportRefused),
    )
)]
pub async fn post(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    body: web::Json<ImportFile>,
) -> Result<HttpResponse, AppError> {
    access::may_administer(&actor)?;
    let text = body.into_inner().csv;
    let origin = account_link::origin(&req);
    let mail = state.mail.clone();
    let result = db::run(&state.pool, move |conn| {
        Ok(import::import(
            conn,
            &Maker::User(&actor),
            &text,
            &origin,
            now(),
            &mail,
        ))
    })
    .await?;
    match result {
        Ok(report) => Ok(HttpResponse::Ok().json(report)),
        Err(Refused::Failed(error)) => Err(error),
        Err(Refused::Problems(problems)) => {
            let count = problems.len();
            let message = if count == 1 {
                "One row has a problem; nothing was imported.".to_owned()
            } else {
                format!("{count} problems were found; nothing was imported.")
            };
            Ok(HttpResponse::UnprocessableEntity().json(ImportRefused {
                error: ErrorDetail {
                    code: ErrorCode::Invalid,
                    message,
                    field: Some("csv".to_owned()),
                },
                problems,
            }))
        }
    }
}
