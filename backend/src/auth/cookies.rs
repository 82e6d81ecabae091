//! The session cookies: `HttpOnly`, `SameSite=Strict`, and over TLS `Secure` with the
//! `__Host-` prefix (which pins them to this host and path `/`).

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};

/// How long a sign-in lasts on a device without being used.
pub const SESSION_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy)]
pub struct CookiePolicy {
    /// Served over TLS: `Secure` and `__Host-` names. Off only for plain-HTTP loopback.
    pub secure: bool,
}

impl CookiePolicy {
    pub fn access_name(self) -> &'static str {
        if self.secure {
            "__Host-ourplan-access"
        } else {
            "ourplan-access"
        }
    }

    pub fn refresh_name(self) -> &'static str {
        if self.secure {
            "__Host-ourplan-refresh"
        } else {
            "ourplan-refresh"
        }
    }

    fn build(self, name: &'static str, value: String, max_age: CookieDuration) -> Cookie<'static> {
        Cookie::build(name, value)
            .path("/")
            .http_only(true)
            .secure(self.secure)
            .same_site(SameSite::Strict)
            .max_age(max_age)
            .finish()
    }

    pub fn access(self, token: String) -> Cookie<'static> {
        let lifetime = super::token::ACCESS_TOKEN_LIFETIME.num_seconds();
        self.build(self.access_name(), token, CookieDuration::seconds(lifetime))
    }

    pub fn refresh(self, token: String) -> Cookie<'static> {
        self.build(
            self.refresh_name(),
            token,
            CookieDuration::days(SESSION_DAYS),
        )
    }

    /// Cookies that make the browser forget both tokens.
    pub fn cleared(self) -> [Cookie<'static>; 2] {
        [
            self.build(self.access_name(), String::new(), CookieDuration::ZERO),
            self.build(self.refresh_name(), String::new(), CookieDuration::ZERO),
        ]
    }
}
