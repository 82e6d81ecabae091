//! Who is asking: sign-in sessions, access tokens, cookies and the CSRF rule.
//!
//! A short-lived access token (a JWT, HS256 only, 15 minutes) names the user and the session;
//! every request also checks the session and the account in the database, so signing out,
//! changing a password or disabling an account ends access at once. A refresh token (random,
//! stored hashed) rotates on every use; presenting a used one revokes its whole session.
//! Both live in `HttpOnly`, `SameSite=Strict` cookies, never in script-readable storage.

pub mod cookies;
pub mod csrf;
pub mod current_user;
pub mod secret;
pub mod throttle;
pub mod token;

pub use current_user::{CurrentUser, Maker};
