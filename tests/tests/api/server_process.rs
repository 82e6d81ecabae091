//! The real server binary as its own process (issue: prove it holds): killed with SIGKILL in
//! the middle of a write load, it restarts with every acknowledged write present and the
//! database whole; stopped with SIGTERM under load, every request it had accepted is answered
//! in full. On SQLite and on PostgreSQL.

use std::collections::HashSet;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ourplan_backend::db::DatabaseUrl;
use ourplan_backend::db::backup;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::mail::MailSink;
use ourplan_tests::{TestDatabase, demo_email, dist_dir};
use reqwest::StatusCode;
use reqwest::blocking::Client;
use serde_json::json;

/// The server binary `cargo xtask test` builds.
fn binary() -> String {
    std::env::var("OURPLAN_TEST_SERVER").expect(
        "OURPLAN_TEST_SERVER names the server binary: run `cargo xtask test`, which builds it",
    )
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(database: &TestDatabase) -> Self {
        Self::start_with(database, &[])
    }

    /// With extra configuration, such as the mail settings of a [`MailSink`].
    fn start_with(database: &TestDatabase, settings: &[(&'static str, String)]) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(binary())
            .env("DATABASE_URL", database.url())
            .env("OURPLAN_BIND", format!("127.0.0.1:{port}"))
            .env("OURPLAN_DIST", dist_dir())
            .env("OURPLAN_DEMO", "1")
            .env("OURPLAN_WORKERS", "2")
            .env("RUST_LOG", "warn")
            .envs(settings.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while !reqwest::blocking::get(format!("{}/api/v1/health", server.base))
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn signed_in(&self, role: Role) -> Client {
        let client = Client::builder()
            .cookie_store(true)
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        self.sign_in(&client, role);
        client
    }

    /// Signed in, with a new connection for every request.
    fn signed_in_without_keep_alive(&self, role: Role) -> Client {
        let client = Client::builder()
            .cookie_store(true)
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        self.sign_in(&client, role);
        client
    }

    fn sign_in(&self, client: &Client, role: Role) {
        let response = client
            .post(format!("{}/api/v1/session", self.base))
            .header("x-ourplan-csrf", "1")
            .json(&json!({"email": demo_email(role), "password": DEMO_PASSWORD}))
            .send()
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }

    fn alex_plan(&self, client: &Client) -> PlanDocument {
        let people: Vec<ourplan_shared::organisation::PersonSummary> = client
            .get(format!("{}/api/v1/persons", self.base))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let alex = people
            .iter()
            .find(|p| p.full_name == "Alex Rivers")
            .unwrap()
            .id;
        client
            .get(format!("{}/api/v1/persons/{alex}/plan", self.base))
            .send()
            .unwrap()
            .json()
            .unwrap()
    }
}

impl Server {
    /// The outbox's email to `address`, as the admin sees it.
    fn outbox_email(&self, admin: &Client, address: &str) -> ourplan_shared::email::OutboxEmail {
        let outbox: ourplan_shared::email::Outbox = admin
            .get(format!("{}/api/v1/admin/outbox", self.base))
            .send()
            .unwrap()
            .json()
            .unwrap();
        outbox
            .items
            .into_iter()
            .find(|e| e.to_address == address)
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn killed_mid_write_it_restarts_with_every_acknowledged_write() {
    let database = TestDatabase::create();
    let mut server = Server::start(&database);
    let jordan = server.signed_in(Role::SupportWorker);
    let plan = server.alex_plan(&jordan);
    let path = format!("{}/api/v1/persons/{}/findings", server.base, plan.person.id);
    let heading = plan.headings[0].id;
    let acknowledged = Mutex::new(Vec::<String>::new());
    std::thread::scope(|s| {
        for writer in 0..4 {
            let (jordan, path, acknowledged) = (&jordan, &path, &acknowledged);
            s.spawn(move || {
                for n in 0.. {
                    let text = format!("Before the crash, writer {writer}, note {n}");
                    let sent = jordan
                        .post(path)
                        .header("x-ourplan-csrf", "1")
                        .json(&json!({"heading_id": heading, "kind": "strength",
                                      "text": text, "source": "staff_observation"}))
                        .send();
                    match sent {
                        Ok(r) if r.status() == StatusCode::CREATED => {
                            acknowledged.lock().unwrap().push(text);
                        }
                        // The server is gone: whatever was not acknowledged may be lost.
                        _ => break,
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(1500));
        server.child.kill().unwrap();
        server.child.wait().unwrap();
    });
    let acknowledged = acknowledged.into_inner().unwrap();
    assert!(
        acknowledged.len() > 10,
        "a real load: {}",
        acknowledged.len()
    );

    let restarted = Server::start(&database);
    let jordan = restarted.signed_in(Role::SupportWorker);
    let stored: HashSet<String> = restarted
        .alex_plan(&jordan)
        .findings
        .into_iter()
        .map(|f| f.text)
        .collect();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|t| !stored.contains(*t))
        .collect();
    println!(
        "writes acknowledged before SIGKILL: {}; found after restart: {}",
        acknowledged.len(),
        acknowledged.len() - missing.len()
    );
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    drop(restarted);
    // SQLite's integrity check (on SQLite) and the audit chain.
    backup::check(&DatabaseUrl::parse(&database.url()).unwrap()).unwrap();
}

#[test]
fn stopped_under_load_it_answers_every_request_it_accepted() {
    let database = TestDatabase::create();
    let mut server = Server::start(&database);
    let jordan = server.signed_in(Role::SupportWorker);
    let plan = server.alex_plan(&jordan);
    let read = format!("{}/api/v1/persons/{}/plan", server.base, plan.person.id);
    let write = format!("{}/api/v1/persons/{}/findings", server.base, plan.person.id);
    let heading = plan.headings[0].id;
    // A new connection for every request, so "accepted" means this request was.
    let fresh = server.signed_in_without_keep_alive(Role::SupportWorker);
    let stopping = AtomicBool::new(false);
    let broken = Mutex::new(Vec::<String>::new());
    let answered = Mutex::new(0_usize);
    std::thread::scope(|s| {
        for worker in 0..4 {
            let (fresh, read, write, stopping, broken, answered) =
                (&fresh, &read, &write, &stopping, &broken, &answered);
            s.spawn(move || {
                for n in 0.. {
                    // Sent well before SIGTERM: it must be answered in full.
                    let before = !stopping.load(Ordering::SeqCst);
                    let sent = if (worker + n) % 2 == 0 {
                        fresh.get(read).send()
                    } else {
                        fresh
                            .post(write)
                            .header("x-ourplan-csrf", "1")
                            .json(&json!({"heading_id": heading, "kind": "strength",
                                          "text": format!("During shutdown {worker}.{n}"),
                                          "source": "staff_observation"}))
                            .send()
                    };
                    // A response once begun must arrive whole and not be an error, whenever
                    // it was sent; a request sent after SIGTERM may be refused outright.
                    match sent {
                        Ok(r) if r.status().is_success() => match r.bytes() {
                            Ok(_) => *answered.lock().unwrap() += 1,
                            Err(e) => {
                                broken.lock().unwrap().push(format!("body cut short: {e}"));
                                break;
                            }
                        },
                        Ok(r) => {
                            broken
                                .lock()
                                .unwrap()
                                .push(format!("status {}", r.status()));
                            break;
                        }
                        Err(e) if before => {
                            broken
                                .lock()
                                .unwrap()
                                .push(format!("sent before SIGTERM: {e:?}"));
                            break;
                        }
                        Err(_) => break,
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(1500));
        stopping.store(true, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(200));
        let status = Command::new("kill")
            .arg("-TERM")
            .arg(server.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        let stopped = server.child.wait().unwrap();
        assert!(stopped.success(), "a clean exit on SIGTERM: {stopped:?}");
    });
    let broken = broken.into_inner().unwrap();
    println!(
        "requests answered during the load and shutdown: {}",
        answered.into_inner().unwrap()
    );
    assert!(
        broken.is_empty(),
        "accepted but not answered in full: {broken:?}"
    );
    drop(jordan);
}

#[test]
fn a_sender_killed_mid_send_does_not_send_again() {
    // The sink keeps each message, then waits 3 s before it says so: the sender is killed in
    // that window, after the email arrived and before the sender heard.
    let sink = MailSink::start_holding(3.0);
    let database = TestDatabase::create();
    let mut server = Server::start_with(&database, &sink.settings());
    let admin = server.signed_in(Role::Admin);
    let queued = admin
        .post(format!("{}/api/v1/admin/outbox/test", server.base))
        .header("x-ourplan-csrf", "1")
        .json(&json!({"to": "first@example.org"}))
        .send()
        .unwrap();
    assert_eq!(queued.status(), StatusCode::ACCEPTED);
    sink.wait_for(Duration::from_secs(60), |m| m.to == ["first@example.org"]);
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();

    let server = Server::start_with(&database, &sink.settings());
    let admin = server.signed_in(Role::Admin);
    let queued = admin
        .post(format!("{}/api/v1/admin/outbox/test", server.base))
        .header("x-ourplan-csrf", "1")
        .json(&json!({"to": "second@example.org"}))
        .send()
        .unwrap();
    assert_eq!(queued.status(), StatusCode::ACCEPTED);
    // The restarted sender has run rounds since: the second email went through it.
    sink.wait_for(Duration::from_secs(60), |m| m.to == ["second@example.org"]);
    std::thread::sleep(Duration::from_secs(3));
    let firsts = sink
        .messages()
        .iter()
        .filter(|m| m.to == ["first@example.org"])
        .count();
    assert_eq!(firsts, 1, "never sent twice");
    let first = server.outbox_email(&admin, "first@example.org");
    // Left as it was when the sender died: not due again, shown to the admin as sending,
    // then failed with the reason once it counts as abandoned.
    assert_eq!(first.status, ourplan_shared::email::EmailStatus::Sending);

    // Once it has been so long that no sender can still be at it, it is failed with the
    // reason, and only an admin's choice sends it again.
    {
        use diesel::prelude::*;
        use ourplan_backend::db::schema::emails;
        let long_ago = ourplan_backend::db::model::now() - chrono::Duration::minutes(10);
        diesel::update(emails::table.filter(emails::to_address.eq("first@example.org")))
            .set(emails::claimed_at.eq(long_ago))
            .execute(&mut database.connect())
            .unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let failed = loop {
        let first = server.outbox_email(&admin, "first@example.org");
        if first.status == ourplan_shared::email::EmailStatus::Failed {
            break first;
        }
        assert!(Instant::now() < deadline, "never failed: {first:?}");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(
        failed
            .last_error
            .unwrap()
            .contains("may or may not have arrived")
    );
    // The admin, having heard it did not arrive, sends it again: a second copy, by choice.
    let retried = admin
        .post(format!(
            "{}/api/v1/admin/outbox/{}/retry",
            server.base, failed.id
        ))
        .header("x-ourplan-csrf", "1")
        .send()
        .unwrap();
    assert_eq!(retried.status(), StatusCode::NO_CONTENT);
    sink.wait_for(Duration::from_secs(30), |_| {
        sink.messages()
            .iter()
            .filter(|m| m.to == ["first@example.org"])
            .count()
            == 2
    });
    let again = admin
        .post(format!(
            "{}/api/v1/admin/outbox/{}/retry",
            server.base, failed.id
        ))
        .header("x-ourplan-csrf", "1")
        .send()
        .unwrap();
    assert_eq!(
        again.status(),
        StatusCode::NOT_FOUND,
        "only a failed email is sent again"
    );
}
