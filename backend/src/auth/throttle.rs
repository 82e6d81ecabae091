//! Slowing down password guessing, counted in the database so every instance sees it: an
//! account locks for 15 minutes after 5 failures, and so does a client address after 50 within
//! 15 minutes (guessing across many accounts, or made-up ones). An account's attempt counts
//! before its password is checked, so guesses sent all at once cannot pass the limit; a right
//! password clears it.

use std::net::IpAddr;

use actix_web::HttpRequest;
use chrono::{Duration, NaiveDateTime};
use diesel::Connection;
use ourplan_shared::error::ErrorCode;

use super::secret::sha256_hex;
use crate::db::DbConnection;
use crate::db::model::session::ThrottleRow;
use crate::error::AppError;

/// Failed sign-ins allowed for one account before it is locked for a while.
pub const MAX_FAILURES: i32 = 5;
/// Failed sign-ins allowed from one address: enough for a care home sharing one connection.
pub const MAX_ADDRESS_FAILURES: i32 = 50;
pub const LOCK_MINUTES: i64 = 15;

/// The key an account's failures are counted under: its address, hashed.
pub fn account_key(email: &str) -> String {
    sha256_hex(&email.trim().to_lowercase())
}

/// The key a client address's failures are counted under.
pub fn address_key(req: &HttpRequest) -> String {
    sha256_hex(&format!("address:{}", client_address(req)))
}

/// Who is asking. Behind a reverse proxy on loopback or a private network (as the README's
/// deployment has it) every request comes from the proxy, so the client is the address the
/// proxy added last to `X-Forwarded-For`; the ones before it are the client's own claims. A
/// request straight from anywhere else is its peer.
fn client_address(req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr().map(|addr| addr.ip()) else {
        return String::new();
    };
    let behind_proxy = match peer {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.is_unique_local(),
    };
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|part| part.trim().parse::<IpAddr>().ok())
        .last();
    match forwarded {
        Some(client) if behind_proxy => client.to_string(),
        _ => peer.to_string(),
    }
}

/// 429 while any of `keys` is locked, saying how long to wait.
pub fn refuse_if_locked(
    conn: &mut DbConnection,
    keys: &[&str],
    at: NaiveDateTime,
) -> Result<(), AppError> {
    for key in keys {
        if let Some(until) = ThrottleRow::find(conn, key)?
            .and_then(|throttle| throttle.locked_until)
            .filter(|until| *until > at)
        {
            let minutes = (until - at).num_minutes() + 1;
            return Err(AppError::client(
                ErrorCode::TooManyRequests,
                format!("Too many tries. Please wait {minutes} minutes and try again."),
            ));
        }
    }
    Ok(())
}

/// Counts one failure (or attempt) against `key`, locking it once `max` are reached.
pub fn count(
    conn: &mut DbConnection,
    key: &str,
    max: i32,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let window = Duration::minutes(LOCK_MINUTES);
    conn.transaction(|conn| {
        ThrottleRow::record_failure(conn, key, at, max, (at - window, at + window))
    })?;
    Ok(())
}

/// Forgets `key`'s failures: the right password was given.
pub fn clear(conn: &mut DbConnection, key: &str) -> Result<(), AppError> {
    ThrottleRow::clear(conn, key)?;
    Ok(())
}
