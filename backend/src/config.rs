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
    /// `OURPLAN_DB_POOL`: database connections kept open (default 8).
    pub pool_size: u32,
    /// `OURPLAN_SECURE_COOKIES`: `Secure`, `__Host-` cookies. Defaults to on unless the server
    /// listens on a loopback address (plain-HTTP development).
    pub secure_cookies: bool,
    /// `OURPLAN_PUBLIC_URL`: the address people open Ourplan at, for the links the server
    /// hands out (setup, invitations). Defaults to `http://` and the bound address, with
    /// `127.0.0.1` for an unspecified one.
    pub public_url: String,
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
    }
}
