//! [`MailSink`]: a real SMTP server (aiosmtpd, `tests/mail/sink.py`) on a loopback port of its
//! own, keeping what it receives in a folder the test reads. `cargo xtask test` installs
//! aiosmtpd and names its Python in `OURPLAN_TEST_MAIL_PYTHON`.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mailparse::{MailHeaderMap, ParsedMail};

/// The sender address the tests configure.
pub const FROM: &str = "Ourplan <plans@ourplan.test>";

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope's recipients.
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Every header, as (name, value).
    pub headers: Vec<(String, String)>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first `http` link in the plain text that starts with `prefix`.
    pub fn link_starting(&self, prefix: &str) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with(prefix))
            .map(str::to_owned)
    }
}

/// The SMTP server; killed on drop.
pub struct MailSink {
    pub port: u16,
    folder: tempfile::TempDir,
    child: Option<Child>,
}

fn python() -> PathBuf {
    std::env::var_os("OURPLAN_TEST_MAIL_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::root().join("target/xtask/aiosmtpd-venv/bin/python"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn(port: u16, folder: &Path, hold_seconds: f64) -> Child {
    let python = python();
    assert!(
        python.exists(),
        "no Python with aiosmtpd at {}: run `cargo xtask test`, which installs it",
        python.display()
    );
    let mut child = Command::new(&python)
        .arg(crate::root().join("tests/mail/sink.py"))
        .arg(port.to_string())
        .arg(folder)
        .arg("--hold")
        .arg(hold_seconds.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .expect("starting the SMTP sink");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "ready", "the SMTP sink did not start");
    child
}

impl MailSink {
    pub fn start() -> Self {
        Self::start_holding(0.0)
    }

    /// A sink that waits `seconds` after keeping each message before it says so.
    pub fn start_holding(seconds: f64) -> Self {
        let folder = tempfile::tempdir().unwrap();
        let port = free_port();
        let child = spawn(port, folder.path(), seconds);
        Self {
            port,
            folder,
            child: Some(child),
        }
    }

    /// The server's mail settings for this sink, for `TestApp::start_with`.
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        vec![
            (
                "OURPLAN_SMTP_URL",
                format!("smtp://127.0.0.1:{}", self.port),
            ),
            ("OURPLAN_MAIL_FROM", FROM.to_owned()),
        ]
    }

    /// Stops the SMTP server, as an outage would.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port, keeping what it had received.
    pub fn restart(&mut self) {
        self.stop();
        self.child = Some(spawn(self.port, self.folder.path(), 0.0));
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| parse(&std::fs::read(f).unwrap()))
            .collect()
    }

    /// Waits up to `timeout` for a message `matches` accepts.
    pub fn wait_for(&self, timeout: Duration, matches: impl Fn(&Received) -> bool) -> Received {
        let started = Instant::now();
        loop {
            if let Some(found) = self.messages().into_iter().find(|m| matches(m)) {
                return found;
            }
            assert!(
                started.elapsed() < timeout,
                "no such email within {timeout:?}; received: {:#?}",
                self.messages()
                    .iter()
                    .map(|m| (&m.to, &m.subject))
                    .collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits for a message to `address` whose subject contains `subject`.
    pub fn wait_for_to(&self, address: &str, subject: &str) -> Received {
        self.wait_for(Duration::from_secs(20), |m| {
            m.to.iter().any(|t| t == address) && m.subject.contains(subject)
        })
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        self.stop();
    }
}

fn body_of(part: &ParsedMail<'_>, mime: &str) -> Option<String> {
    if part.ctype.mimetype == mime {
        return part.get_body().ok();
    }
    part.subparts.iter().find_map(|p| body_of(p, mime))
}

fn parse(raw: &[u8]) -> Received {
    let mail = mailparse::parse_mail(raw).expect("a well-formed email");
    let to = mail
        .headers
        .get_first_value("X-Sink-To")
        .unwrap_or_default()
        .split(", ")
        .map(str::to_owned)
        .collect();
    Received {
        to,
        subject: mail.headers.get_first_value("Subject").unwrap_or_default(),
        text: body_of(&mail, "text/plain").unwrap_or_default(),
        html: body_of(&mail, "text/html").unwrap_or_default(),
        headers: mail
            .headers
            .iter()
            .map(|h| (h.get_key(), h.get_value()))
            .collect(),
    }
}
