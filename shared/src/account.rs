//! Accounts: the password rules both sides apply, password changes, single-use sign-in codes
//! and what admins send to create an account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{PersonId, SignInCodeId, TeamId};
use crate::organisation::User;
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
    /// Only staff accounts may be given one; people supported and family members choose their
    /// own, from an invitation or a sign-in card. Without one, an invitation is made.
    #[serde(default)]
    pub password: Option<String>,
    /// The teams a member of staff joins.
    #[serde(default)]
    pub team_ids: Vec<TeamId>,
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

crate::keyed_enum! {
    /// What a link that lets someone choose their own password is for.
    pub enum LinkPurpose {
        /// A new account's first sign-in: 7 days.
        Invitation = "invitation",
        /// Staff who forgot their password: 1 hour, and every session ends when it is used.
        PasswordReset = "password_reset",
    }
}

impl LinkPurpose {
    /// How long a link stays good, in minutes.
    pub fn lifetime_minutes(self) -> i64 {
        match self {
            Self::Invitation => 7 * 24 * 60,
            Self::PasswordReset => 60,
        }
    }
}

/// Where an account link leads; the token rides in the fragment, so no server log sees it.
pub const WELCOME_PATH: &str = "/welcome";

/// The address of an account link on the server at `origin`.
pub fn account_link(origin: &str, token: &str) -> String {
    format!("{}{WELCOME_PATH}#{token}", origin.trim_end_matches('/'))
}

/// A link just made: the only time it is shown, to copy (or to send by email).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountLinkIssued {
    pub purpose: LinkPurpose,
    pub link: String,
    pub expires_at: DateTime<Utc>,
    /// The account's address, when the link was also emailed there (email is on).
    #[serde(default)]
    pub emailed_to: Option<String>,
}

/// `POST /api/v1/account-links/check` and the token part of using one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountLinkToken {
    pub token: String,
}

/// Whose link it is, for the page it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountLinkDetails {
    pub purpose: LinkPurpose,
    pub display_name: String,
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

/// `POST /api/v1/account-links/use`: the password the account's owner chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountLinkUse {
    pub token: String,
    pub password: String,
}

/// `PUT /api/v1/users/{id}/role`: staff roles only change among themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleChange {
    pub role: Role,
}

/// An account as the accounts screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    #[serde(flatten)]
    pub user: User,
    /// The teams a member of staff is on, by name.
    pub teams: Vec<String>,
    /// Whether they have chosen a password (else they sign in by invitation or card).
    pub has_password: bool,
    /// Until when their newest unused invitation works.
    pub invited_until: Option<DateTime<Utc>>,
}

/// `POST /api/v1/users` answers the account and, when no password was set, its invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAccount {
    #[serde(flatten)]
    pub user: User,
    pub invitation: Option<AccountLinkIssued>,
}
