//! Who is signed in, for the whole app. The server decides: this only mirrors `GET /me`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ourplan_shared::organisation::User;

use crate::api::{self, endpoint};

#[derive(Clone, Copy)]
pub struct SessionContext {
    /// The signed-in user, `None` when signed out.
    pub user: RwSignal<Option<User>>,
    /// False until the first answer from the server, so pages do not flash "signed out".
    pub known: RwSignal<bool>,
    /// How many notifications the user has not read (staff).
    pub unread: RwSignal<i64>,
}

impl SessionContext {
    /// Provides the context and asks the server who is signed in, renewing an expired access
    /// token with the refresh token once.
    pub fn provide() -> Self {
        let context = Self {
            user: RwSignal::new(None),
            known: RwSignal::new(false),
            unread: RwSignal::new(0),
        };
        provide_context(context);
        spawn_local(async move {
            // 204 when this browser has no session at all; a 401 (the access token ran out)
            // was already renewed once by `api`.
            let user = api::get_optional::<User>(&endpoint::me())
                .await
                .ok()
                .flatten();
            // A sign-in on this page (a sign-in card opened from its QR code) may have
            // answered first; this older answer must not undo it.
            if !context.known.get_untracked() {
                context.user.set(user);
                context.known.set(true);
            }
        });
        context
    }

    /// Asks the server again who is signed in (and, for a person supported, their format).
    pub fn refresh(self) {
        spawn_local(async move {
            if let Ok(Some(user)) = api::get_optional::<User>(&endpoint::me()).await
                && user.preferred_format.is_some()
            {
                self.user.set(Some(user));
            }
        });
    }

    /// Asks the server how many notifications wait, for staff.
    pub fn refresh_unread(self) {
        if !self.user.get_untracked().is_some_and(|u| u.role.is_staff()) {
            return;
        }
        spawn_local(async move {
            if let Ok(n) = api::get::<ourplan_shared::notification::Notifications>(
                &endpoint::my_notifications(),
            )
            .await
            {
                self.unread.set(n.unread);
            }
        });
    }

    pub fn signed_in(self, user: User) {
        self.user.set(Some(user));
        self.known.set(true);
    }

    pub fn signed_out(self) {
        self.user.set(None);
        self.known.set(true);
    }
}

/// What the address says after `#`: the secret of a setup, invitation or reset link, which the
/// browser never sends to a server.
pub fn token_in_address() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_owned()
}
