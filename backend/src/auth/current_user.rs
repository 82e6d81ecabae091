//! The extractor that hands a handler the signed-in user, read from the database.

use ourplan_shared::id::{OrganisationId, UserId};
use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::role::Role;

use crate::db::model::audit_event::AuditEntry;
use crate::db::model::session::{CardSession, SessionRow};
use crate::db::{self, model::user::UserRow};
use crate::error::AppError;
use crate::server::AppState;

/// The signed-in user, with their role as the database has it now.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: UserRow,
    pub role: Role,
    pub session_id: String,
    /// The sign-in card the session began with: every audited action names it.
    pub card: Option<CardSession>,
}

fn unauthenticated() -> AppError {
    AppError::client(ErrorCode::Unauthenticated, "Please sign in.")
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::Internal("application state missing".to_owned()))?
                .clone();
            let cookie = req
                .cookie(state.cookies.access_name())
                .ok_or_else(unauthenticated)?;
            let claims = state
                .tokens
                .verify(cookie.value())
                .ok_or_else(unauthenticated)?;
            let session_id = claims.sid.clone();
            let (user, card) = db::run(&state.pool, move |conn| {
                Ok(SessionRow::live_user(
                    conn,
                    &claims.sid,
                    claims.sub,
                    db::model::now(),
                )?)
            })
            .await?
            .ok_or_else(unauthenticated)?;
            let role = user.role;
            Ok(Self {
                user,
                role,
                session_id,
                card,
            })
        })
    }
}

impl CurrentUser {
    /// An audit entry for something this user does.
    pub fn audit(&self, action: AuditAction, entity: &str) -> AuditEntry {
        AuditEntry::by(
            self.user.organisation_id,
            self.user.id,
            self.role,
            action,
            entity,
        )
        .with_card(self.card.as_ref().map(|c| c.code_id))
    }
}

/// Who makes something: a signed-in user, or the server itself on an operator's command
/// (`ourplan import`), which the audit trail records as `system`.
#[derive(Clone, Copy)]
pub enum Maker<'a> {
    User(&'a CurrentUser),
    System { organisation_id: OrganisationId },
}

impl Maker<'_> {
    /// An audit entry for something made this way.
    pub fn audit(&self, action: AuditAction, entity: &str) -> AuditEntry {
        match self {
            Maker::User(user) => user.audit(action, entity),
            Maker::System { organisation_id } => {
                AuditEntry::system(*organisation_id, action, entity)
            }
        }
    }

    /// The account that made it, if a person did.
    pub fn user_id(&self) -> Option<UserId> {
        match self {
            Maker::User(user) => Some(user.user.id),
            Maker::System { .. } => None,
        }
    }

    pub fn organisation_id(&self) -> OrganisationId {
        match self {
            Maker::User(user) => user.user.organisation_id,
            Maker::System { organisation_id } => *organisation_id,
        }
    }
}
