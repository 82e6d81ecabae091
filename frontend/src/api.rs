//! The one place the app talks to the server: typed requests, and every failure as the
//! server's JSON error (or one made here when the network fails).

pub mod endpoint;

use gloo_net::http::{Request, RequestBuilder, Response};
use ourplan_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::i18n::{Locale, td_string};

/// Proves to the server that a state-changing request came from this app (see the README).
const CSRF_HEADER: &str = "X-Ourplan-Csrf";

pub type ApiResult<T> = Result<T, ErrorDetail>;

fn network_error() -> ErrorDetail {
    let locale = crate::language::current();
    ErrorDetail {
        code: ErrorCode::Unavailable,
        message: message(locale, ErrorCode::Unavailable).to_owned(),
        field: None,
    }
}

/// An id read from the page's address (`/people/:person_id/…`). Text that is no id is never
/// sent: the server would answer "not found", and so does this.
pub fn address_id<T: std::str::FromStr>(text: Option<String>) -> ApiResult<T> {
    text.and_then(|text| text.parse().ok())
        .ok_or_else(|| ErrorDetail {
            code: ErrorCode::NotFound,
            message: message(crate::language::current(), ErrorCode::NotFound).to_owned(),
            field: None,
        })
}

/// The server words its errors in English, the most precise for an English reader; a reader of
/// another language gets the catalogue's words for the kind of error (the field it concerns
/// still marks where).
fn in_readers_language(mut error: ErrorDetail) -> ErrorDetail {
    let locale = crate::language::current();
    if locale != Locale::en {
        error.message = message(locale, error.code).to_owned();
    }
    error
}

fn message(locale: Locale, code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::BadRequest => td_string!(locale, common.errors.bad_request),
        ErrorCode::Invalid => td_string!(locale, common.errors.invalid),
        ErrorCode::Unauthenticated => td_string!(locale, common.errors.unauthenticated),
        ErrorCode::Forbidden => td_string!(locale, common.errors.forbidden),
        ErrorCode::NotFound => td_string!(locale, common.errors.not_found),
        ErrorCode::MethodNotAllowed => td_string!(locale, common.errors.method_not_allowed),
        ErrorCode::Conflict => td_string!(locale, common.errors.conflict),
        ErrorCode::PreconditionFailed => td_string!(locale, common.errors.precondition_failed),
        ErrorCode::PreconditionRequired => {
            td_string!(locale, common.errors.precondition_required)
        }
        ErrorCode::PayloadTooLarge => td_string!(locale, common.errors.payload_too_large),
        ErrorCode::UnsupportedMediaType => {
            td_string!(locale, common.errors.unsupported_media_type)
        }
        ErrorCode::TooManyRequests => td_string!(locale, common.errors.too_many_requests),
        ErrorCode::Unavailable => td_string!(locale, common.errors.unavailable),
        // A code added later than this app reads as "something went wrong".
        _ => td_string!(locale, common.errors.internal),
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    if response.ok() {
        return response.json::<T>().await.map_err(|_| network_error());
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(in_readers_language(body.error)),
        Err(_) => Err(unreadable(response.status())),
    }
}

/// An error answer without the server's JSON body (a proxy's page, say).
fn unreadable(status: u16) -> ErrorDetail {
    ErrorDetail {
        code: ErrorCode::from_status(status),
        message: td_string!(crate::language::current(), common.errors.unreadable).to_owned(),
        field: None,
    }
}

/// Sends a request; when the access token has run out (401), renews it with the refresh
/// token once and sends the request again. Sign-in routes answer 401 for their own reasons.
async fn send(path: &str, build: impl Fn() -> ApiResult<Request>) -> ApiResult<Response> {
    let response = build()?.send().await.map_err(|_| network_error())?;
    if response.status() != 401 || path.starts_with(&endpoint::session()) {
        return Ok(response);
    }
    let renewed = Request::post(&endpoint::session_refresh())
        .header(CSRF_HEADER, "1")
        .send()
        .await
        .is_ok_and(|r| r.ok());
    if !renewed {
        return Ok(response);
    }
    build()?.send().await.map_err(|_| network_error())
}

fn with_csrf(request: RequestBuilder) -> RequestBuilder {
    request.header(CSRF_HEADER, "1")
}

fn no_body(request: RequestBuilder) -> ApiResult<Request> {
    request.build().map_err(|_| network_error())
}

pub async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    read(send(path, || no_body(Request::get(path))).await?).await
}

/// A `GET` whose answer may be 204 No Content: `None` then.
pub async fn get_optional<T: DeserializeOwned>(path: &str) -> ApiResult<Option<T>> {
    let response = send(path, || no_body(Request::get(path))).await?;
    if response.status() == 204 {
        return Ok(None);
    }
    read(response).await.map(Some)
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let response = send(path, || {
        with_csrf(Request::post(path))
            .json(body)
            .map_err(|_| network_error())
    })
    .await?;
    read(response).await
}

/// A `POST` whose refusal with `refused_status` carries more than the usual error (an
/// import's every problem): `Ok(Err(refusal))` then.
pub async fn post_or_refused<B: Serialize, T: DeserializeOwned, R: DeserializeOwned>(
    path: &str,
    body: &B,
    refused_status: u16,
) -> ApiResult<Result<T, R>> {
    let response = send(path, || {
        with_csrf(Request::post(path))
            .json(body)
            .map_err(|_| network_error())
    })
    .await?;
    if response.status() == refused_status {
        return match response.json::<R>().await {
            Ok(refused) => Ok(Err(refused)),
            Err(_) => Err(unreadable(refused_status)),
        };
    }
    read(response).await.map(Ok)
}

/// `POST` an update of a record read at `row_version`, as `If-Match` (412 if someone saved
/// first).
pub async fn post_if_match<B: Serialize, T: DeserializeOwned>(
    path: &str,
    row_version: i64,
    body: &B,
) -> ApiResult<T> {
    let etag = format!("\"v{row_version}\"");
    let response = send(path, || {
        with_csrf(Request::post(path))
            .header("If-Match", &etag)
            .json(body)
            .map_err(|_| network_error())
    })
    .await?;
    read(response).await
}

/// `PUT` a change that names no version read (a setting of its own, such as a role).
pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let response = send(path, || {
        with_csrf(Request::put(path))
            .json(body)
            .map_err(|_| network_error())
    })
    .await?;
    read(response).await
}

/// Why a save was refused: the error, and with 412 the record as it is now.
pub struct SaveRefused {
    pub error: ErrorDetail,
    pub current: Option<serde_json::Value>,
}

/// `PUT` a change of a record read at `row_version`, as `If-Match`. A 412 carries the record
/// as someone else saved it, so the page can show both versions.
pub async fn put_if_match<B: Serialize, T: DeserializeOwned>(
    path: &str,
    row_version: i64,
    body: &B,
) -> Result<T, SaveRefused> {
    let etag = format!("\"v{row_version}\"");
    let refused = |error| SaveRefused {
        error,
        current: None,
    };
    let response = send(path, || {
        with_csrf(Request::put(path))
            .header("If-Match", &etag)
            .json(body)
            .map_err(|_| network_error())
    })
    .await
    .map_err(refused)?;
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| refused(network_error()));
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(SaveRefused {
            error: in_readers_language(body.error),
            current: body.current,
        }),
        Err(_) => Err(refused(unreadable(response.status()))),
    }
}

/// A `POST` with no body whose answer has none either (204).
pub async fn post_empty(path: &str) -> ApiResult<()> {
    let response = send(path, || no_body(with_csrf(Request::post(path)))).await?;
    if response.ok() {
        Ok(())
    } else {
        read::<serde_json::Value>(response).await.map(|_| ())
    }
}

/// `POST` a file (a photo or recording) as the body, exactly as chosen or recorded.
pub async fn upload<T: DeserializeOwned>(path: &str, file: &web_sys::Blob) -> ApiResult<T> {
    let response = send(path, || {
        with_csrf(Request::post(path))
            .header("Content-Type", "application/octet-stream")
            .body(file.clone())
            .map_err(|_| network_error())
    })
    .await?;
    read(response).await
}

/// A state-changing request whose answer has no body to read.
pub async fn delete(path: &str) -> ApiResult<()> {
    let response = send(path, || no_body(with_csrf(Request::delete(path)))).await?;
    if response.ok() {
        Ok(())
    } else {
        read::<serde_json::Value>(response).await.map(|_| ())
    }
}

/// `POST` a new record with an `Idempotency-Key`: sent again with the same key (a retry after
/// a lost answer), the server gives the first answer and never makes a second record.
pub async fn post_once<B: Serialize, T: DeserializeOwned>(
    path: &str,
    key: &str,
    body: &B,
) -> ApiResult<T> {
    let response = send(path, || {
        with_csrf(Request::post(path))
            .header("Idempotency-Key", key)
            .json(body)
            .map_err(|_| network_error())
    })
    .await?;
    read(response).await
}

/// `DELETE` a record read at `row_version`, as `If-Match`.
pub async fn delete_if_match(path: &str, row_version: i64) -> ApiResult<()> {
    let etag = format!("\"v{row_version}\"");
    let response = send(path, || {
        no_body(with_csrf(Request::delete(path)).header("If-Match", &etag))
    })
    .await?;
    if response.ok() {
        Ok(())
    } else {
        read::<serde_json::Value>(response).await.map(|_| ())
    }
}

/// A fresh key for one save, from the browser's random source.
pub fn idempotency_key() -> String {
    leptos::prelude::window()
        .crypto()
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|_| format!("{}-{}", js_sys::Date::now(), js_sys::Math::random()))
}
