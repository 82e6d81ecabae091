//! Authorization: one named check per action, called visibly by every handler. Each check
//! reads the database on every request (role, team, active consent grant), never what the
//! client or its token claims. Something the actor may not see answers 404, not 403, so its
//! existence is not revealed.

use chrono::NaiveDateTime;
use ourplan_shared::consent::{AccessLevel, PlanSection};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::role::Role;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::model::access_grant::AccessGrantRow;
use crate::db::model::team::TeamPersonRow;
use crate::db::model::user::UserRow;
use crate::error::AppError;

/// How an actor may see a person's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanAccess {
    /// Staff on a team that supports the person: the whole plan.
    Team,
    /// The person themselves: the whole plan.
    Owner,
    /// Family or advocate under active consent grants: only these sections, at this level.
    Grant {
        grant_ids: Vec<String>,
        sections: Vec<PlanSection>,
        level: AccessLevel,
    },
}

/// The answer for anything out of reach: the same as for something that does not exist.
pub fn not_found() -> AppError {
    AppError::client(ErrorCode::NotFound, "There is no plan for that person.")
}

/// "May read the plan of person P", or 404.
pub fn may_read_plan(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: &str,
    at: NaiveDateTime,
) -> Result<PlanAccess, AppError> {
    let user_id = actor.user.id.as_str();
    let access = match actor.role {
        // Admins manage users and teams; they see plan content only when on the team.
        Role::SupportWorker | Role::Manager | Role::Admin => {
            TeamPersonRow::is_on_team(conn, user_id, person_id)?.then_some(PlanAccess::Team)
        }
        Role::Individual => {
            (actor.user.person_id.as_deref() == Some(person_id)).then_some(PlanAccess::Owner)
        }
        Role::Family => {
            let grants = AccessGrantRow::active(conn, user_id, person_id, at)?;
            grant_access(grants)?
        }
    };
    access.ok_or_else(not_found)
}

/// "May see who has looked at person P's plan": the person themselves, and staff on their
/// team (a manager answering a subject access request). Family members may not.
pub fn may_see_access_log(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: &str,
) -> Result<(), AppError> {
    let allowed = match actor.role {
        Role::Individual => actor.user.person_id.as_deref() == Some(person_id),
        Role::SupportWorker | Role::Manager | Role::Admin => {
            TeamPersonRow::is_on_team(conn, &actor.user.id, person_id)?
        }
        Role::Family => false,
    };
    allowed.then_some(()).ok_or_else(not_found)
}

/// "May manage user U's account": an admin of the same organisation, never their own
/// account (so an organisation cannot lock out its last admin by accident).
pub fn may_manage_user(actor: &CurrentUser, target: &UserRow) -> Result<(), AppError> {
    let allowed = actor.role == Role::Admin
        && actor.user.organisation_id == target.organisation_id
        && actor.user.id != target.id;
    allowed
        .then_some(())
        .ok_or_else(|| AppError::client(ErrorCode::NotFound, "There is no such account."))
}

/// Several grants add up: the union of their sections at the highest level.
fn grant_access(grants: Vec<AccessGrantRow>) -> Result<Option<PlanAccess>, AppError> {
    let mut sections = Vec::new();
    let mut level = AccessLevel::View;
    let mut grant_ids = Vec::new();
    for row in grants {
        let grant = row.into_wire()?;
        sections.extend(grant.sections);
        level = level.max(grant.access_level);
        grant_ids.push(grant.id.to_string());
    }
    sections.sort();
    sections.dedup();
    Ok((!grant_ids.is_empty()).then_some(PlanAccess::Grant {
        grant_ids,
        sections,
        level,
    }))
}
