//! The test harness: [`TestApp`] starts the real server on a loopback port with a fresh
//! database of its own, SQLite by default or PostgreSQL when `OURPLAN_TEST_POSTGRES` names a
//! server (`cargo xtask test` runs the suite both ways).
// A test helper that cannot set up should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod authorization;
pub mod browser;
pub mod database;
pub mod mail;
pub mod media;
pub mod pdf;
pub mod programme;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::thread::JoinHandle;

use actix_web::dev::ServerHandle;
use ourplan_backend::config::Config;
use ourplan_backend::server;

pub use database::TestDatabase;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The built browser app (`cargo xtask build` or `cargo xtask test` writes it).
pub fn dist_dir() -> PathBuf {
    std::env::var_os("OURPLAN_TEST_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"))
}

/// The email address of the demo account of `role`.
pub fn demo_email(role: ourplan_shared::role::Role) -> &'static str {
    ourplan_shared::demo::ACCOUNTS
        .iter()
        .find(|a| a.role == role)
        .unwrap()
        .email
}

/// The password the tests' own accounts choose (not the demo's).
pub const NEW_PASSWORD: &str = "tulip lantern harbour";

/// The real server on `127.0.0.1:<free port>` over a fresh database; stopped on drop.
pub struct TestApp {
    pub addr: SocketAddr,
    pub database: TestDatabase,
    handle: ServerHandle,
    thread: Option<JoinHandle<()>>,
}

impl TestApp {
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// Starts with extra configuration, such as `("OURPLAN_DEMO", "1")`.
    pub fn start_with(settings: &[(&str, &str)]) -> Self {
        Self::start_on(TestDatabase::create(), settings)
    }

    /// A second server instance on the same database, as a deployment with several would run.
    pub fn start_beside(other: &TestApp, settings: &[(&str, &str)]) -> Self {
        Self::start_on(
            TestDatabase::Shared {
                url: other.database.url(),
            },
            settings,
        )
    }

    /// Starts on a database the test has already filled.
    pub fn start_on(database: TestDatabase, settings: &[(&str, &str)]) -> Self {
        let settings: Vec<(String, String)> = settings
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let dist = dist_dir();
        assert!(
            dist.join("index.html").exists(),
            "the browser app is not built at {}: run `cargo xtask test` (or `cargo xtask build`)",
            dist.display()
        );
        let url = database.url();
        // The test's own settings first: a test may serve a changed copy of the app.
        let config = Config::from_lookup(|name| {
            let own = settings.iter().find(|(k, _)| k == name);
            own.map(|(_, v)| v.clone()).or_else(|| match name {
                "OURPLAN_BIND" => Some("127.0.0.1:0".to_owned()),
                "DATABASE_URL" => Some(url.clone()),
                "OURPLAN_DIST" => Some(dist.to_string_lossy().into_owned()),
                "OURPLAN_WORKERS" => Some("2".to_owned()),
                "OURPLAN_DB_POOL" => Some("4".to_owned()),
                _ => None,
            })
        })
        .expect("test configuration");
        let state = server::prepare(&config).expect("migrating the test database");
        let (sender, receiver) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let (server, addrs) = server::start(&config, state).expect("starting the server");
                sender
                    .send((server.handle(), addrs[0]))
                    .expect("reporting the address");
                server.await.expect("serving");
            });
        });
        let (handle, addr) = receiver.recv().expect("the server thread started");
        Self {
            addr,
            database,
            handle,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A client signed in as `email`, keeping its session cookies as a browser would.
    pub fn signed_in(&self, email: &str, password: &str) -> reqwest::blocking::Client {
        let client = self.client();
        let response = client
            .post(self.url("/api/v1/session"))
            .header("x-ourplan-csrf", "1")
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .unwrap();
        assert_eq!(
            response.status(),
            reqwest::StatusCode::OK,
            "signing in as {email}"
        );
        client
    }

    /// `GET` as `client`.
    pub fn get(
        &self,
        client: &reqwest::blocking::Client,
        path: &str,
    ) -> reqwest::blocking::Response {
        client.get(self.url(path)).send().unwrap()
    }

    /// A state-changing request as the browser app sends it (with the CSRF header), with a
    /// JSON body unless `body` is `Null`.
    pub fn send(
        &self,
        client: &reqwest::blocking::Client,
        method: reqwest::Method,
        path: &str,
        body: serde_json::Value,
    ) -> reqwest::blocking::Response {
        self.send_if_match(client, method, path, None, &body)
    }

    /// A request with an optional `If-Match` and an optional JSON body (`Null` for none).
    pub fn send_if_match(
        &self,
        client: &reqwest::blocking::Client,
        method: reqwest::Method,
        path: &str,
        etag: Option<&str>,
        body: &serde_json::Value,
    ) -> reqwest::blocking::Response {
        let mut request = client
            .request(method, self.url(path))
            .header("x-ourplan-csrf", "1");
        if let Some(etag) = etag {
            request = request.header("if-match", etag);
        }
        if !body.is_null() {
            request = request.json(body);
        }
        request.send().unwrap()
    }

    /// The person id of the demo's person supported (Alex).
    pub fn demo_person(&self) -> ourplan_shared::id::PersonId {
        let mut conn = self.database.connect();
        ourplan_backend::db::model::user::UserRow::find_by_email(
            &mut conn,
            demo_email(ourplan_shared::role::Role::Individual),
        )
        .unwrap()
        .unwrap()
        .person_id
        .unwrap()
    }

    /// Every page the demo's person supported (Alex) can reach, by name and path: their own
    /// pages and their plan's, a goal's progress and their first review among them.
    pub fn person_pages(&self) -> Vec<(&'static str, String)> {
        use diesel::prelude::*;
        use ourplan_backend::db::schema::reviews;
        let alex = self.demo_person();
        let (plan, goal) = self.demo_first_goal();
        let mut conn = self.database.connect();
        let review: String = reviews::table
            .filter(reviews::plan_id.eq(&plan))
            .order(reviews::due_on)
            .select(reviews::id)
            .first(&mut conn)
            .unwrap();
        vec![
            ("home", "/".to_owned()),
            ("plan", format!("/people/{alex}/plan")),
            ("my goals", format!("/people/{alex}/plan?part=goals")),
            ("overview", format!("/people/{alex}")),
            ("who can see", "/who-can-see".to_owned()),
            ("sharing", format!("/people/{alex}/sharing")),
            ("who has looked", "/who-has-looked".to_owned()),
            ("ask for a review", "/ask-for-a-review".to_owned()),
            ("tell us", format!("/people/{alex}/feedback")),
            ("history", format!("/people/{alex}/history")),
            ("reviews", format!("/people/{alex}/reviews")),
            ("a review", format!("/people/{alex}/reviews/{review}")),
            ("progress", format!("/people/{alex}/goals/{goal}/progress")),
            ("how pages look", "/display".to_owned()),
            ("accessibility", "/accessibility".to_owned()),
            ("password", "/account/password".to_owned()),
        ]
    }

    /// The demo person's plan id and the id of its first goal.
    pub fn demo_first_goal(&self) -> (String, String) {
        use diesel::prelude::*;
        use ourplan_backend::db::schema::{goals, plans};
        let mut conn = self.database.connect();
        let plan: String = plans::table
            .filter(plans::person_id.eq(self.demo_person()))
            .select(plans::id)
            .first(&mut conn)
            .unwrap();
        let goal: String = goals::table
            .filter(goals::plan_id.eq(&plan))
            .order(goals::position)
            .select(goals::id)
            .first(&mut conn)
            .unwrap();
        (plan, goal)
    }

    /// `POST` with a JSON body as the browser app sends it.
    pub fn post(
        &self,
        client: &reqwest::blocking::Client,
        path: &str,
        body: serde_json::Value,
    ) -> reqwest::blocking::Response {
        self.send(client, reqwest::Method::POST, path, body)
    }

    /// Sets up a database that was never seeded as a new provider would, through the API: a
    /// setup link (as `ourplan setup` issues it), then the setup form's request. Returns the
    /// first admin, signed in.
    pub fn set_up_organisation(&self, admin_email: &str) -> reqwest::blocking::Client {
        let token = ourplan_backend::setup::issue_link(
            &mut self.database.connect(),
            ourplan_backend::setup::LinkDetails::default(),
            ourplan_backend::db::model::now(),
        )
        .unwrap();
        let admin = self.client();
        let response = self.post(
            &admin,
            "/api/v1/setup",
            serde_json::json!({
                "token": token,
                "organisation_name": "Brookside Support (fictional)",
                "time_zone": "Europe/London",
                "admin_name": "Ada Okafor",
                "admin_email": admin_email,
                "password": NEW_PASSWORD,
            }),
        );
        assert_eq!(response.status(), reqwest::StatusCode::OK, "setting up");
        admin
    }

    /// Makes an account as an admin does (`body` as `POST /api/v1/users` takes it, without a
    /// password) and has its owner choose `password` from the invitation, as they would.
    pub fn invited_account(
        &self,
        admin: &reqwest::blocking::Client,
        body: serde_json::Value,
        password: &str,
    ) -> ourplan_shared::organisation::User {
        let created = self.post(admin, "/api/v1/users", body);
        assert_eq!(
            created.status(),
            reqwest::StatusCode::CREATED,
            "creating an account"
        );
        let account: ourplan_shared::account::NewAccount = created.json().unwrap();
        let link = account.invitation.expect("an invitation").link;
        let (_, token) = link.split_once('#').unwrap();
        let used = self.post(
            &self.client(),
            "/api/v1/account-links/use",
            serde_json::json!({"token": token, "password": password}),
        );
        assert_eq!(
            used.status(),
            reqwest::StatusCode::OK,
            "choosing a password"
        );
        account.user
    }

    /// A client signed in as the demo account of `role`.
    pub fn demo(&self, role: ourplan_shared::role::Role) -> reqwest::blocking::Client {
        self.signed_in(demo_email(role), ourplan_shared::demo::DEMO_PASSWORD)
    }

    /// An HTTP client that keeps cookies, as a browser would.
    pub fn client(&self) -> reqwest::blocking::Client {
        reqwest::blocking::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // `stop` sends the command at once; the server thread returns when it is done.
        drop(self.handle.stop(false));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
