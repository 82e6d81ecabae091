//! Email (R-15, issue 23): news that waits in Ourplan, sent to people's inboxes through the
//! organisation's SMTP server. An email is written into the outbox (`emails`) in the same
//! transaction as what it announces ([`outbox`]); a sender thread delivers it ([`sender`]) and
//! a daily round gives the reminders and digests ([`daily`]). Without `OURPLAN_SMTP_URL` and
//! `OURPLAN_MAIL_FROM` nothing is written and the admin screens say email is off.

pub mod catalogue;
pub mod daily;
pub mod letter;
pub mod outbox;
pub mod sender;
pub mod unsubscribe;

use std::sync::mpsc;
use std::sync::{Mutex, PoisonError, RwLock};

use crate::config::MailSettings;

/// Email as this server sends it; shared by the handlers and the sender thread.
pub struct Mail {
    settings: Option<MailSettings>,
    /// Where the links in emails point (`OURPLAN_PUBLIC_URL`); the real port replaces a
    /// configured `:0` once the server listens.
    public_url: RwLock<String>,
    /// Signs unsubscribe links, so they work without signing in and cannot be made up.
    unsubscribe_key: Vec<u8>,
    /// Wakes the sender when an email was queued.
    wake: Mutex<Option<mpsc::Sender<()>>>,
}

impl Mail {
    pub fn new(
        settings: Option<MailSettings>,
        public_url: String,
        unsubscribe_key: Vec<u8>,
    ) -> Self {
        Self {
            settings,
            public_url: RwLock::new(public_url),
            unsubscribe_key,
            wake: Mutex::new(None),
        }
    }

    pub fn is_on(&self) -> bool {
        self.settings.is_some()
    }

    pub fn settings(&self) -> Option<&MailSettings> {
        self.settings.as_ref()
    }

    /// The full address of a page of the app.
    pub fn link(&self, path: &str) -> String {
        let base = self
            .public_url
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        format!("{base}{path}")
    }

    /// Called once the server listens: a public URL derived from a port-0 bind gets the port.
    pub fn listening_on(&self, addr: std::net::SocketAddr) {
        let mut url = self
            .public_url
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(base) = url.strip_suffix(":0") {
            *url = format!("{base}:{}", addr.port());
        }
    }

    pub(crate) fn unsubscribe_key(&self) -> &[u8] {
        &self.unsubscribe_key
    }

    /// Tells the sender to look at the outbox now rather than at its next round.
    pub fn wake(&self) {
        if let Some(wake) = self
            .wake
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            let _ = wake.send(());
        }
    }

    fn set_waker(&self, waker: mpsc::Sender<()>) {
        *self.wake.lock().unwrap_or_else(PoisonError::into_inner) = Some(waker);
    }
}
