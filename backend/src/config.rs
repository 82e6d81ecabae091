//! Configuration from the environment. Every variable is listed in the README.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::db::DatabaseUrl;

/// Where the SQLite database lives when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE: &str = "data/ourplan.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DIST: &str = "dist";

#[derive(Debug, Clone)]
pub struct Config {
    /// `OURPLAN_BIND`: address and port to listen on.
    pub bind: SocketAddr,
    /// `DATABASE_URL`: a SQLite path (`sqlite://` optional) or a `postgres://` URL.
    pub database: DatabaseUrl,
    /// `OURPLAN_DIST`: the built browser app (`cargo xtask build` writes it).
    pub dist_dir: PathBuf,
    /// `OURPLAN_DEMO=1`: seed fictional demo data into an empty database.
    pub demo_data: bool,
    /// `OURPLAN_WORKERS`: HTTP worker threads (default: one per core).
    pub workers: Option<usize>,
    /// `OURPLAN_DB_POOL`: database connections at most (default 8; two stay open when idle).
    pub pool_size: u32,
    /// `OURPLAN_SECURE_COOKIES`: `Secure`, `__Host-` cookies. Defaults to on unless the server
    /// listens on a loopback address (plain-HTTP development).
    pub secure_cookies: bool,
    /// `OURPLAN_PUBLIC_URL`: the address people open Ourplan at, for the links the server
    /// hands out (setup, invitations). Defaults to `http://` and the bound address, with
    /// `127.0.0.1` for an unspecified one.
    pub public_url: String,
    /// `OURPLAN_AUDIT_KEY_FILE`: the key the audit chain is signed with, kept outside the
    /// database; written on first start when missing. Without it the chain is hashed but not
    /// keyed, and the server says so.
    pub audit_key_file: Option<PathBuf>,
    /// `OURPLAN_SMTP_URL` and `OURPLAN_MAIL_FROM`: where email is sent and whom it is from.
    /// Without both, email is off and the admin screens say so.
    pub mail: Option<MailSettings>,
    /// `OURPLAN_MEDIA_DIR`: a directory for the person's photos and recordings. Without it they
    /// are kept in the database. `ourplan backup` copies the directory beside the backup.
    pub media_dir: Option<PathBuf>,
}

/// How email is sent.
#[derive(Clone)]
pub struct MailSettings {
    /// `smtp://host:25`, `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host` (TLS from the start), as lettre reads it.
    pub smtp_url: String,
    /// `Ourplan <plans@example.org>`.
    pub from: lettre::message::Mailbox,
    /// `OURPLAN_MAIL_RETRY_SECONDS`: the wait before the first retry of a failed send; it
    /// doubles with each try up to 64 times this (default 30 s, so at most about half an hour).
    pub retry_seconds: u64,
    /// `OURPLAN_MAIL_DIGEST_HOUR`: the hour of the organisation's day (0–23) from which
    /// daily digests go out (default 7).
    pub digest_hour: u32,
}

impl std::fmt::Debug for MailSettings {
    // Never the SMTP password, which the URL may hold.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("from", &self.from.to_string())
            .field("retry_seconds", &self.retry_seconds)
            .field("digest_hour", &self.digest_hour)
            .finish_non_exhaustive()
    }
}

/// Reads the mail settings: both of URL and sender, or neither.
fn mail_settings(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<MailSettings>, ConfigError> {
    let url = lookup("OURPLAN_SMTP_URL").filter(|v| !v.trim().is_empty());
    let from = lookup("OURPLAN_MAIL_FROM").filter(|v| !v.trim().is_empty());
    let (smtp_url, from) = match (url, from) {
        (None, None) => return Ok(None),
        (Some(url), Some(from)) => (url, from),
        (Some(_), None) => {
            return Err(ConfigError::Invalid {
                name: "OURPLAN_MAIL_FROM",
                reason: "set it with OURPLAN_SMTP_URL, like Ourplan <plans@example.org>".to_owned(),
            });
        }
        (None, Some(_)) => {
            return Err(ConfigError::Invalid {
                name: "OURPLAN_SMTP_URL",
                reason: "set it with OURPLAN_MAIL_FROM, like smtps://user:pass@mail.example.org"
                    .to_owned(),
            });
        }
    };
    if let Err(error) = lettre::SmtpTransport::from_url(&smtp_url) {
        return Err(ConfigError::Invalid {
            name: "OURPLAN_SMTP_URL",
            // lettre's words name the scheme or host, never the password.
            reason: format!("expected smtp://, smtp://…?tls=required or smtps://: {error}"),
        });
    }
    let from = from
        .parse::<lettre::message::Mailbox>()
        .map_err(|error| ConfigError::Invalid {
            name: "OURPLAN_MAIL_FROM",
            reason: format!("expected an address like Ourplan <plans@example.org>: {error}"),
        })?;
    let retry_seconds = match lookup("OURPLAN_MAIL_RETRY_SECONDS") {
        None => 30,
        Some(text) => parse_positive("OURPLAN_MAIL_RETRY_SECONDS", &text)? as u64,
    };
    let digest_hour = match lookup("OURPLAN_MAIL_DIGEST_HOUR") {
        None => 7,
        Some(text) => match text.parse::<u32>() {
            Ok(hour) if hour < 24 => hour,
            _ => {
                return Err(ConfigError::Invalid {
                    name: "OURPLAN_MAIL_DIGEST_HOUR",
                    reason: format!("expected an hour from 0 to 23, got {text:?}"),
                });
            }
        },
    };
    Ok(Some(MailSettings {
        smtp_url,
        from,
        retry_seconds,
        digest_hour,
    }))
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let bind_text = lookup("OURPLAN_BIND").unwrap_or_else(|| DEFAULT_BIND.to_owned());
        let bind: SocketAddr = bind_text.parse().map_err(|_| ConfigError::Invalid {
            name: "OURPLAN_BIND",
            reason: format!("expected an address like {DEFAULT_BIND}, got {bind_text:?}"),
        })?;
        let database_text = lookup("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE.to_owned());
        let database =
            DatabaseUrl::parse(&database_text).map_err(|reason| ConfigError::Invalid {
                name: "DATABASE_URL",
                reason,
            })?;
        let workers = match lookup("OURPLAN_WORKERS") {
            None => None,
            Some(text) => Some(parse_positive("OURPLAN_WORKERS", &text)?),
        };
        let pool_size = match lookup("OURPLAN_DB_POOL") {
            None => 8,
            Some(text) => {
                u32::try_from(parse_positive("OURPLAN_DB_POOL", &text)?).map_err(|_| {
                    ConfigError::Invalid {
                        name: "OURPLAN_DB_POOL",
                        reason: "too large".to_owned(),
                    }
                })?
            }
        };
        let public_url = match lookup("OURPLAN_PUBLIC_URL") {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                url.trim_end_matches('/').to_owned()
            }
            Some(url) => {
                return Err(ConfigError::Invalid {
                    name: "OURPLAN_PUBLIC_URL",
                    reason: format!(
                        "expected an address like https://plans.example.org, got {url:?}"
                    ),
                });
            }
            None if bind.ip().is_unspecified() => format!("http://127.0.0.1:{}", bind.port()),
            None => format!("http://{bind}"),
        };
        Ok(Self {
            public_url,
            bind,
            database,
            dist_dir: lookup("OURPLAN_DIST")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_DIST)),
            demo_data: flag(lookup("OURPLAN_DEMO")),
            secure_cookies: match lookup("OURPLAN_SECURE_COOKIES") {
                Some(value) => flag(Some(value)),
                None => !bind.ip().is_loopback(),
            },
            workers,
            pool_size,
            audit_key_file: lookup("OURPLAN_AUDIT_KEY_FILE").map(PathBuf::from),
            mail: mail_settings(&lookup)?,
            media_dir: lookup("OURPLAN_MEDIA_DIR")
                .filter(|v| !v.trim().is_empty())
                .map(PathBuf::from),
        })
    }
}

fn flag(value: Option<String>) -> bool {
    matches!(value.as_deref(), Some("1" | "true" | "yes"))
}

fn parse_positive(name: &'static str, text: &str) -> Result<usize, ConfigError> {
    match text.parse::<usize>() {
        Ok(value) if value > 0 => Ok(value),
        _ => Err(ConfigError::Invalid {
            name,
            reason: format!("expected a whole number above 0, got {text:?}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config_from(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_are_loopback_sqlite_and_no_demo_data() {
        let config = config_from(&[]).unwrap();
        assert_eq!(config.bind.to_string(), DEFAULT_BIND);
        assert_eq!(
            config.database,
            DatabaseUrl::Sqlite(PathBuf::from(DEFAULT_DATABASE))
        );
        assert!(!config.demo_data);
        assert!(!config.secure_cookies, "plain HTTP on loopback");
        let public = config_from(&[("OURPLAN_BIND", "0.0.0.0:8080")]).unwrap();
        assert!(
            public.secure_cookies,
            "reachable from outside: Secure cookies"
        );
        assert_eq!(config.pool_size, 8);
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
        let proxied = config_from(&[("OURPLAN_PUBLIC_URL", "https://plans.example.org/")]).unwrap();
        assert_eq!(proxied.public_url, "https://plans.example.org");
    }

    #[test]
    fn bad_values_name_the_variable() {
        let error = config_from(&[("OURPLAN_BIND", "localhost")]).unwrap_err();
        assert!(error.to_string().starts_with("OURPLAN_BIND"));
        let error = config_from(&[("OURPLAN_WORKERS", "0")]).unwrap_err();
        assert!(error.to_string().starts_with("OURPLAN_WORKERS"));
        let error = config_from(&[("OURPLAN_PUBLIC_URL", "plans.example.org")]).unwrap_err();
        assert!(error.to_string().starts_with("OURPLAN_PUBLIC_URL"));
        let error = config_from(&[("OURPLAN_SMTP_URL", "smtp://127.0.0.1:2525")]).unwrap_err();
        assert!(error.to_string().starts_with("OURPLAN_MAIL_FROM"));
        let error = config_from(&[
            ("OURPLAN_SMTP_URL", "imap://mail.example.org"),
            ("OURPLAN_MAIL_FROM", "plans@example.org"),
        ])
        .unwrap_err();
        assert!(error.to_string().starts_with("OURPLAN_SMTP_URL"));
    }

    #[test]
    fn mail_is_off_without_settings_and_hides_its_password() {
        assert!(config_from(&[]).unwrap().mail.is_none());
        let config = config_from(&[
            (
                "OURPLAN_SMTP_URL",
                "smtps://ourplan:s3cret@mail.example.org",
            ),
            ("OURPLAN_MAIL_FROM", "Ourplan <plans@example.org>"),
        ])
        .unwrap();
        let mail = config.mail.unwrap();
        assert_eq!(mail.retry_seconds, 30);
        assert!(!format!("{mail:?}").contains("s3cret"));
    }
}
