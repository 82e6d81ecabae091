//! `Idempotency-Key` on create requests: the first answer is stored in the same transaction as
//! what it created, and a retry with the same key and request gets that answer again instead of
//! a second record. Two retries racing each other: the second insert of the key fails on its
//! primary key, its transaction rolls back, and it answers with the first one's result.

use actix_web::HttpRequest;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::UserId;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::auth::secret::sha256_hex;
use crate::db::model::idempotency_key::IdempotencyKeyRow;
use crate::db::model::now;
use crate::db::{self, DbConnection};
use crate::error::AppError;

pub const HEADER: &str = "Idempotency-Key";

/// The key a request carries: 1 to 255 visible ASCII characters, or none.
pub fn key(req: &HttpRequest) -> Result<Option<String>, AppError> {
    let Some(value) = req.headers().get(HEADER) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(|k| Some(k.to_owned()))
        .ok_or_else(|| {
            AppError::invalid(
                HEADER,
                "An Idempotency-Key is 1 to 255 visible characters, such as a UUID.",
            )
        })
}

/// What identifies the request: method, path and the body as read.
pub fn request_hash<B: Serialize>(method: &str, path: &str, body: &B) -> String {
    let body = serde_json::to_string(body).unwrap_or_default();
    sha256_hex(&format!("{method} {path}\n{body}"))
}

fn replay<T: DeserializeOwned>(row: &IdempotencyKeyRow, request_hash: &str) -> Result<T, AppError> {
    if row.request_hash != request_hash {
        return Err(AppError::Client {
            code: ErrorCode::Invalid,
            message: "This Idempotency-Key was already used for a different request. Use a new key for a new record.".to_owned(),
            field: Some(HEADER.to_owned()),
        });
    }
    serde_json::from_str(&row.response_body)
        .map_err(|error| AppError::Internal(format!("stored idempotent response: {error}")))
}

/// Runs `create` in a transaction, once per key: a repeat answers with the stored result.
pub fn create_once<T, F>(
    conn: &mut DbConnection,
    user_id: UserId,
    key: Option<&str>,
    request_hash: &str,
    create: F,
) -> Result<T, AppError>
where
    T: Serialize + DeserializeOwned,
    F: FnOnce(&mut DbConnection) -> Result<T, AppError>,
{
    let Some(key) = key else {
        return db::write_transaction(conn, create);
    };
    if let Some(row) = IdempotencyKeyRow::find(conn, user_id, key)? {
        return replay(&row, request_hash);
    }
    let result: Result<T, AppError> = db::write_transaction(conn, |conn| {
        let value = create(conn)?;
        let body = serde_json::to_string(&value)
            .map_err(|error| AppError::Internal(format!("idempotent response: {error}")))?;
        IdempotencyKeyRow {
            user_id: user_id.to_owned(),
            idempotency_key: key.to_owned(),
            request_hash: request_hash.to_owned(),
            response_status: 201,
            response_body: body,
            created_at: now(),
        }
        .insert(conn)?;
        Ok(value)
    });
    match result {
        Err(error) if error.code() == ErrorCode::Conflict => {
            match IdempotencyKeyRow::find(conn, user_id, key)? {
                Some(row) => replay(&row, request_hash),
                None => Err(error),
            }
        }
        other => other,
    }
}
