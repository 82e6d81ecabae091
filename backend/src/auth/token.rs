//! Access tokens: JWT with one pinned algorithm (HS256) and `exp`, `iat`, `iss`, `aud`, `sub`
//! all required. They carry ids only, never a role or a grant: those come from the database on
//! every request.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use ourplan_shared::id::UserId;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(15);
pub const ISSUER: &str = "ourplan";
pub const AUDIENCE: &str = "ourplan-api";
/// Allowed clock difference between server instances, in seconds.
pub const LEEWAY_SECONDS: u64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user id.
    pub sub: UserId,
    /// The session id.
    pub sid: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(
        &self,
        user_id: UserId,
        session_id: &str,
        now: DateTime<Utc>,
    ) -> Result<String, AppError> {
        let claims = AccessClaims {
            sub: user_id,
            sid: session_id.to_owned(),
            iat: now.timestamp(),
            exp: (now + ACCESS_TOKEN_LIFETIME).timestamp(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|error| AppError::Internal(format!("signing an access token: {error}")))
    }

    /// The claims of a valid, unexpired token of ours; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<AccessClaims> {
        jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_key_only() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let user = UserId(uuid::Uuid::now_v7());
        let token = keys.issue(user, "session", Utc::now()).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!((claims.sub, claims.sid.as_str()), (user, "session"));
        let other = TokenKeys::new(b"fedcba9876543210fedcba9876543210");
        assert_eq!(other.verify(&token), None);
        let old = keys
            .issue(user, "session", Utc::now() - Duration::hours(1))
            .unwrap();
        assert_eq!(keys.verify(&old), None, "expired beyond the leeway");
    }
}
