//! The one place the app talks to the server: typed requests, and every failure as the
//! server's JSON error (or one made here when the network fails).

use gloo_net::http::{Request, RequestBuilder, Response};
use ourplan_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Proves to the server that a state-changing request came from this app (see the README).
const CSRF_HEADER: &str = "X-Ourplan-Csrf";

pub type ApiResult<T> = Result<T, ErrorDetail>;

fn network_error() -> ErrorDetail {
    ErrorDetail {
        code: ErrorCode::Unavailable,
        message: "Ourplan could not reach the server. Check your connection and try again."
            .to_owned(),
        field: None,
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    if response.ok() {
        return response.json::<T>().await.map_err(|_| network_error());
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(body.error),
        Err(_) => Err(ErrorDetail {
            code: ErrorCode::from_status(response.status()),
            message: "Something went wrong. Please try again.".to_owned(),
            field: None,
        }),
    }
}

async fn send_empty(request: RequestBuilder) -> ApiResult<()> {
    let response = request
        .header(CSRF_HEADER, "1")
        .send()
        .await
        .map_err(|_| network_error())?;
    if response.ok() {
        Ok(())
    } else {
        read::<serde_json::Value>(response).await.map(|_| ())
    }
}

pub async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|_| network_error())?;
    read(response).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let response = Request::post(path)
        .header(CSRF_HEADER, "1")
        .json(body)
        .map_err(|_| network_error())?
        .send()
        .await
        .map_err(|_| network_error())?;
    read(response).await
}

pub async fn delete(path: &str) -> ApiResult<()> {
    send_empty(Request::delete(path)).await
}
