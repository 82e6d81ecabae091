//! Accounts: the password rules both sides apply, password changes, single-use sign-in codes
//! and what admins send to create an account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{PersonId, SignInCodeId};
use crate::role::Role;

/// Password length in characters (OWASP ASVS: at least 8; at least 64 must be allowed).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// The length rule, in plain words; `None` when the length is fine. The server also refuses
/// the most common passwords, which the browser does not hold.
pub fn password_length_problem(password: &str) -> Option<String> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        Some(format!(
            "Your password must be at least {PASSWORD_MIN} characters long."
        ))
    } else if length > PASSWORD_MAX {
        Some(format!(
            "Your password must be {PASSWORD_MAX} characters or fewer."
        ))
    } else {
        None
    }
}

/// `POST /api/v1/me/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/v1/users`: an admin creates an account. People supported and family members may
/// have no password: they sign in with a sign-in code, or set one later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The person an `individual` account is for.
    #[serde(default)]
    pub person_id: Option<PersonId>,
    #[serde(default)]
    pub password: Option<String>,
}

/// Days a sign-in code stays valid.
pub const SIGN_IN_CODE_DAYS: i64 = 7;

/// `POST /api/v1/session/code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeSignIn {
    pub code: String,
}

/// A code as typed: letters and digits only, upper case, so "abcd efgh" and "ABCD-EFGH" are
/// the same code.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A new sign-in code: the only time the code itself is ever shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInCodeIssued {
    pub id: SignInCodeId,
    pub person_name: String,
    /// Grouped for reading aloud and typing: `ABCD-EFGH-JKMN`.
    pub code: String,
    pub expires_at: DateTime<Utc>,
    /// The address the QR code opens; the code travels in the fragment, which browsers never
    /// send to a server or put in its logs.
    pub sign_in_url: String,
    /// The QR code of `sign_in_url`, as an SVG document.
    pub qr_svg: String,
}

crate::keyed_enum! {
    pub enum SignInCodeStatus {
        Active = "active",
        Used = "used",
        Revoked = "revoked",
        Expired = "expired",
    }
}

/// A code as staff see it later: never the code itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInCodeSummary {
    pub id: SignInCodeId,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
    pub expires_at: DateTime<Utc>,
    pub status: SignInCodeStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_length_counts_characters_on_the_edges() {
        assert!(password_length_problem("1234567").is_some());
        assert!(password_length_problem("12345678").is_none());
        assert!(
            password_length_problem("ąęółżźćń").is_none(),
            "8 characters, 16 bytes"
        );
        assert!(password_length_problem(&"x".repeat(128)).is_none());
        assert!(password_length_problem(&"x".repeat(129)).is_some());
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalise_code(" abcd-efgh jkmn "), "ABCDEFGHJKMN");
        assert_eq!(normalise_code("ABCD\u{2011}EFGH"), "ABCDEFGH");
    }
}
