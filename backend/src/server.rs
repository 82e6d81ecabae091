//! Start-up: open the database, migrate, seed demo data when asked, then serve.

use std::net::SocketAddr;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{self, Compress, Logger};
use actix_web::{App, HttpServer, web};
use ourplan_shared::health::DatabaseBackend;
use ourplan_shared::setup::SETUP_PATH;

use crate::audit::AuditWriter;
use crate::audit::key::AuditKey;
use crate::auth::cookies::CookiePolicy;
use crate::auth::secret;
use crate::auth::token::TokenKeys;
use crate::config::Config;
use crate::db::model::{audit_event, now, session};
use crate::db::{self, Pool, migration};
use crate::http::{json_errors, security_headers, spa};
use crate::{api, demo};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub database: DatabaseBackend,
    pub tokens: Arc<TokenKeys>,
    pub cookies: CookiePolicy,
    /// Group commit of read audit rows.
    pub audit: AuditWriter,
    /// How people are told what waits for them: in the app, and by email when it is on.
    pub notifier: Arc<dyn crate::notify::Notifier>,
    /// Email: whether it is on, the links it writes, the sender to wake.
    pub mail: Arc<crate::email::Mail>,
    /// The easy-read pictures' SVG files, also drawn into PDF exports.
    pub pictures_dir: std::path::PathBuf,
    /// Password hashing, on threads of its own behind a bounded queue.
    pub hashing: crate::password::HashQueue,
    /// Where the person's photos and recordings are kept.
    pub media: crate::media::store::MediaStore,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] diesel::r2d2::PoolError),
    #[error("cannot migrate the database: {0}")]
    Migration(String),
    #[error("cannot use the audit key: {0}")]
    AuditKey(String),
    #[error("cannot seed the demo data: {0}")]
    Demo(crate::error::AppError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped with an error: {0}")]
    Serve(std::io::Error),
}

/// Opens the pool, applies pending migrations and seeds demo data if configured. Blocking: call
/// it before the server starts, not from a request.
pub fn prepare(config: &Config) -> Result<AppState, StartError> {
    let pool = db::connection::pool(&config.database, config.pool_size)?;
    let mut conn = pool.get()?;
    let version = migration::run_pending(&mut conn)
        .map_err(|error| StartError::Migration(error.to_string()))?;
    log::info!(
        "database {:?} at migration {version}",
        config.database.backend()
    );
    // Before anything is audited, so every entry from where the key begins is keyed.
    match &config.audit_key_file {
        Some(path) => {
            let next = audit_event::next_seq(&mut conn).map_err(|error| {
                StartError::Migration(format!("reading the audit chain: {error}"))
            })?;
            let key = AuditKey::load_or_create(path, next).map_err(StartError::AuditKey)?;
            crate::audit::key::install(key).map_err(StartError::AuditKey)?;
        }
        None => log::warn!(
            "the audit trail is hashed but not keyed: set OURPLAN_AUDIT_KEY_FILE so that the \
             database alone cannot rewrite it"
        ),
    }
    if config.demo_data && demo::seed_if_empty(&mut conn).map_err(StartError::Demo)? {
        log::info!("seeded the fictional demo organisation");
    }
    // Entries stored but not chained: the demo's, or a task's or a stopped server's.
    audit_event::chain(&mut conn, &[]).map_err(|error| {
        StartError::Migration(format!("chaining stored audit entries: {error}"))
    })?;
    // Every instance on this database signs with the same key.
    let key =
        session::server_secret(&mut conn, "access_token_key", &secret::random_hex(), now())
            .map_err(|error| StartError::Migration(format!("reading the signing key: {error}")))?;
    let unsubscribe_key =
        session::server_secret(&mut conn, "unsubscribe_key", &secret::random_hex(), now())
            .map_err(|error| StartError::Migration(format!("reading the signing key: {error}")))?;
    drop(conn);
    let mail = Arc::new(crate::email::Mail::new(
        config.mail.clone(),
        config.public_url.clone(),
        unsubscribe_key.into_bytes(),
    ));
    match &config.mail {
        Some(settings) => log::info!("email is on, from {}", settings.from),
        None => log::info!("email is off: set OURPLAN_SMTP_URL and OURPLAN_MAIL_FROM to send it"),
    }
    let media = crate::media::store::MediaStore::open(config.media_dir.as_deref())
        .map_err(StartError::Serve)?;
    let audit = AuditWriter::start(pool.clone()).map_err(StartError::Serve)?;
    let hashing = crate::password::HashQueue::start_default().map_err(StartError::Serve)?;
    Ok(AppState {
        audit,
        hashing,
        media,
        notifier: Arc::new(crate::notify::Channels { mail: mail.clone() }),
        mail,
        pictures_dir: config.dist_dir.join("assets/pictures"),
        pool,
        database: config.database.backend(),
        tokens: Arc::new(TokenKeys::new(key.as_bytes())),
        cookies: CookiePolicy {
            secure: config.secure_cookies,
        },
    })
}

/// Binds the listener and returns the server (to be awaited inside an actix system) and the
/// addresses it listens on (port 0 picks a free one, as the tests do).
pub fn start(config: &Config, state: AppState) -> Result<(Server, Vec<SocketAddr>), StartError> {
    let dist = config.dist_dir.clone();
    let (mail, db_pool) = (state.mail.clone(), state.pool.clone());
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(json_errors::json_config())
            .app_data(json_errors::query_config())
            .app_data(web::PayloadConfig::new(json_errors::MAX_JSON_BYTES))
            .wrap(json_errors::middleware())
            .wrap(middleware::from_fn(spa::cache_control))
            .wrap(security_headers::middleware())
            .wrap(Compress::default())
            // Method, path without the query string, status, size, time: never plan content.
            .wrap(
                Logger::new("\"%{method}xi %U\" %s %b %Dms")
                    .custom_request_replace("method", |req| req.method().to_string()),
            )
            // Before the `/api` scope, which would otherwise answer these paths with 404.
            .service(api::openapi::docs_page())
            .configure(api::configure)
            .configure(bench_baseline)
            .route(SETUP_PATH, {
                let index = dist.join("index.html");
                web::get().to(move |state, req| spa::setup_page(state, req, index.clone()))
            })
            .service(spa::service(&dist))
    })
    .shutdown_timeout(10);
    let workers = config
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    // Database work runs on each worker's blocking threads, and each needs a pooled
    // connection: more threads than connections would only queue on the pool, each thread
    // with its own allocator arena (resident memory) and lock traffic.
    let pool = usize::try_from(config.pool_size).unwrap_or(usize::MAX);
    let server = server
        .workers(workers)
        .worker_max_blocking_threads(pool.div_ceil(workers).max(1));
    let server = server
        .bind(config.bind)
        .map_err(|source| StartError::Bind {
            addr: config.bind,
            source,
        })?;
    let addrs = server.addrs();
    if let Some(addr) = addrs.first() {
        mail.listening_on(*addr);
    }
    // Once the links its emails hold are known.
    crate::email::sender::start(db_pool, &mail).map_err(StartError::Serve)?;
    Ok((server.run(), addrs))
}

/// `GET /bench/baseline`: the cheapest JSON answer this server can give, behind the same
/// middleware as every route, for `cargo xtask bench` to measure the API against. Compiled only
/// with the `bench` feature, which only the bench's build turns on: a normal build has no such
/// route (it answers like any unknown path).
#[cfg(feature = "bench")]
fn bench_baseline(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/bench/baseline",
        web::get().to(|| async { web::Json(serde_json::json!({"status": "ok"})) }),
    );
    api::unchecked::configure(cfg);
}

#[cfg(not(feature = "bench"))]
fn bench_baseline(_cfg: &mut web::ServiceConfig) {}

/// Runs until Ctrl-C or SIGTERM, then finishes the requests in flight and stops.
pub async fn serve(config: Config, state: AppState) -> Result<(), StartError> {
    let (server, addrs) = start(&config, state)?;
    for addr in addrs {
        log::info!("listening on http://{addr}");
    }
    server.await.map_err(StartError::Serve)
}
