//! Authorization: one named check per action, called visibly by every handler. Each check
//! reads the database on every request (role, team, active consent grant), never what the
//! client or its token claims. Something the actor may not see answers 404, not 403, so its
//! existence is not revealed.

use ourplan_shared::id::{AccessGrantId, PersonId};
use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};
use ourplan_shared::consent::{AccessLevel, Consent, ConsentBasis, PlanSection};
use ourplan_shared::contribution::ContributionKind;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::role::Role;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::model::access_grant::AccessGrantRow;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::person::PersonRow;
use crate::db::model::session::CardSession;
use crate::db::model::team::{Reach, TeamMemberRow, TeamPersonRow, TeamRow};
use crate::db::model::user::UserRow;
use crate::error::AppError;

/// How an actor may see a person's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanAccess {
    /// Staff on a team that supports the person: the whole plan.
    Team,
    /// The person themselves: the whole plan.
    Owner,
    /// A manager (or admin) on the team of a person whose support has ended: the whole plan,
    /// read-only, until it is purged.
    Archive,
    /// Family or advocate under active consent grants: only these sections, each at the level
    /// the grants that cover it give.
    Grant {
        grant_ids: Vec<AccessGrantId>,
        /// The sections in scope, in order.
        sections: Vec<PlanSection>,
        /// Each section's level: the highest of the grants that cover that section, never one
        /// given for another section.
        levels: BTreeMap<PlanSection, AccessLevel>,
    },
}

impl PlanAccess {
    /// The consent grants the access rests on, for the audit entry; none for the person and
    /// their team.
    pub fn grant_ids(&self) -> &[AccessGrantId] {
        match self {
            Self::Grant { grant_ids, .. } => grant_ids,
            Self::Team | Self::Owner | Self::Archive => &[],
        }
    }

    /// The sections a grant limits the reader to; `None` for the whole plan.
    pub fn sections(&self) -> Option<&[PlanSection]> {
        match self {
            Self::Grant { sections, .. } => Some(sections),
            Self::Team | Self::Owner | Self::Archive => None,
        }
    }
}

/// Minutes a session begun with a sign-in card waits before it may give or widen a consent:
/// whoever made the card could hold it, and the team's managers, told of every card, have
/// time to look.
pub const CARD_WAIT_MINUTES: i64 = 10;

/// Minutes after signing in with a card within which a first password may be set.
pub const FRESH_CARD_MINUTES: i64 = 60;

fn card_too_new(what: &str, card: &CardSession, at: NaiveDateTime) -> Option<AppError> {
    let ready = card.issued_at + Duration::minutes(CARD_WAIT_MINUTES);
    (at < ready).then(|| {
        let wait = (ready - at).num_minutes() + 1;
        AppError::client(
            ErrorCode::Forbidden,
            format!(
                "To keep you safe, you can {what} {CARD_WAIT_MINUTES} minutes after your sign-in card was made. Please try again in {wait} minutes."
            ),
        )
    })
}

/// "May share the plan more widely": not from a card session in its card's first minutes.
pub fn may_widen_sharing(actor: &CurrentUser, at: NaiveDateTime) -> Result<(), AppError> {
    match &actor.card {
        Some(card) => {
            card_too_new("share your plan with someone new", card, at).map_or(Ok(()), Err)
        }
        None => Ok(()),
    }
}

/// "May set a first password": only from a session begun with a card in the last hour, and
/// not in the card's first minutes.
pub fn may_set_first_password(actor: &CurrentUser, at: NaiveDateTime) -> Result<(), AppError> {
    let card = actor
        .card
        .as_ref()
        .filter(|card| at < card.signed_in_at + Duration::minutes(FRESH_CARD_MINUTES))
        .ok_or_else(|| {
            AppError::client(
                ErrorCode::Forbidden,
                "To set your first password, sign in with a new sign-in card from your support worker.",
            )
        })?;
    card_too_new("set a password", card, at).map_or(Ok(()), Err)
}

/// The answer for anything out of reach: the same as for something that does not exist.
pub fn not_found() -> AppError {
    AppError::client(ErrorCode::NotFound, "There is no plan for that person.")
}

/// "May read the plan of person P", or 404.
pub fn may_read_plan(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    at: NaiveDateTime,
) -> Result<PlanAccess, AppError> {
    let user_id = actor.user.id;
    let access = match actor.role {
        // Admins manage users and teams; they see plan content only when on the team. Once
        // support has ended only managers (and admins) on the team still read the plan.
        Role::SupportWorker | Role::Manager | Role::Admin => {
            match TeamPersonRow::reach(conn, user_id, person_id)? {
                Some(Reach::Supported) => Some(PlanAccess::Team),
                Some(Reach::Left) if actor.role != Role::SupportWorker => Some(PlanAccess::Archive),
                Some(Reach::Left) | None => None,
            }
        }
        // A person who has left no longer signs in, and no grant shows their plan.
        Role::Individual => (actor.user.person_id == Some(person_id)
            && !PersonRow::has_left(conn, person_id)?)
        .then_some(PlanAccess::Owner),
        Role::Family => {
            // A consent's last day ends at midnight in the organisation's own calendar.
            let today = OrganisationRow::find(conn, actor.user.organisation_id)?
                .map_or_else(|| at.date(), |o| o.day_at(at));
            let grants = AccessGrantRow::active(conn, user_id, person_id, at, today)?;
            match grant_access(grants)? {
                Some(access) if !PersonRow::has_left(conn, person_id)? => Some(access),
                _ => None,
            }
        }
    };
    access.ok_or_else(not_found)
}

/// "May see who has looked at person P's plan": the person themselves, and staff on their
/// team (a manager answering a subject access request). Family members may not.
pub fn may_see_access_log(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
) -> Result<(), AppError> {
    let allowed = match actor.role {
        Role::Individual => actor.user.person_id == Some(person_id),
        Role::SupportWorker | Role::Manager | Role::Admin => {
            TeamPersonRow::is_on_team(conn, actor.user.id, person_id)?
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

/// Signed in and allowed to see the thing, but not to do this with it: 403 with a reason.
fn forbidden(message: &str) -> AppError {
    AppError::client(ErrorCode::Forbidden, message)
}

/// The answer to any change to the plan of a person whose support has ended.
pub fn read_only() -> AppError {
    forbidden("This person's support has ended, so their plan can be read but not changed.")
}

/// "May change anything in person P's plan at all": not once their support has ended. Every
/// check below that allows a change starts here.
pub fn may_change(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Team | PlanAccess::Owner | PlanAccess::Grant { .. } => Ok(()),
    }
}

/// Who is changing a person's consents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentActor {
    /// The person themselves: only consent they give (basis `person`).
    Person,
    /// Staff on their team: may also record a best-interests decision.
    Staff,
}

/// "May see and give, change or withdraw the consents of person P": the person and their
/// team. A family member sees only what the consents let them see.
pub fn may_manage_consents(access: &PlanAccess) -> Result<ConsentActor, AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Owner => Ok(ConsentActor::Person),
        PlanAccess::Team => Ok(ConsentActor::Staff),
        PlanAccess::Grant { .. } => Err(forbidden(
            "Only the person and their support team can see or change who sees this plan.",
        )),
    }
}

/// "May share more under consent C than it gave": a consent the person gave is theirs to
/// widen; staff may narrow it, or write down a new one the person gives, with a witness.
pub fn may_widen_consent(who: ConsentActor, old: &Consent) -> Result<(), AppError> {
    match (who, old.basis) {
        (ConsentActor::Staff, ConsentBasis::Person) => Err(forbidden(
            "Only the person can share more of what they agreed to share. Record a new consent they give, with a witness, or let them change it.",
        )),
        _ => Ok(()),
    }
}

/// "May see person P's consents": who may change them, and managers on the team once support
/// has ended.
pub fn may_see_consents(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Ok(()),
        _ => may_manage_consents(access).map(|_| ()),
    }
}

/// "May read what is for person P's support team" (evidence, staff records): the team, and
/// managers on it once support has ended.
pub fn may_read_as_team(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Team | PlanAccess::Archive => Ok(()),
        PlanAccess::Owner | PlanAccess::Grant { .. } => {
            Err(forbidden("This is for the person's support team."))
        }
    }
}

/// "May read every part of person P's plan, earlier versions included": the person and their
/// team (once support has ended, managers on it).
pub fn may_read_whole_plan(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Grant { .. } => Err(forbidden(
            "Earlier versions are for the person and their support team.",
        )),
        PlanAccess::Team | PlanAccess::Owner | PlanAccess::Archive => Ok(()),
    }
}

/// "May comment on or suggest a change to part S of person P's plan": a family member or
/// advocate whose grant covers that part at that level.
pub fn may_contribute(
    access: &PlanAccess,
    section: PlanSection,
    kind: ContributionKind,
) -> Result<(), AppError> {
    may_change(access)?;
    let PlanAccess::Grant { levels, .. } = access else {
        return Err(forbidden(
            "Comments and suggestions here are for family members and advocates. Staff and the person change the plan itself.",
        ));
    };
    let Some(level) = levels.get(&section) else {
        return Err(forbidden(
            "That part of the plan is not shared with you, so you cannot comment on it.",
        ));
    };
    let needed = match kind {
        ContributionKind::Comment => AccessLevel::Comment,
        ContributionKind::Suggestion => AccessLevel::Suggest,
    };
    if *level < needed {
        return Err(forbidden(match kind {
            ContributionKind::Comment => "You can look at this plan but not comment on it.",
            ContributionKind::Suggestion => "You can comment on this plan but not suggest changes.",
        }));
    }
    Ok(())
}

/// "May agree to or decline a suggestion about person P's plan": only the person (R-23: never
/// applied without their agreement).
pub fn may_decide_contribution(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Owner => Ok(()),
        PlanAccess::Team | PlanAccess::Grant { .. } => Err(forbidden(
            "Only the person whose plan it is can agree to or decline a suggestion.",
        )),
    }
}

/// "May write the plan of person P" (the staff wording of every item): staff on their team.
/// The person writes in their own words and agrees or disagrees through their own routes.
pub fn may_edit_plan(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Team => Ok(()),
        PlanAccess::Owner => Err(forbidden(
            "Your support team writes this part with you. You can write it in your own words.",
        )),
        PlanAccess::Grant { .. } => Err(forbidden(
            "You can comment on this plan or suggest a change, but not change it.",
        )),
    }
}

/// "May write person P's own words on the plan": the person, and staff on their team writing
/// down what the person said.
pub fn may_write_own_words(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Owner | PlanAccess::Team => Ok(()),
        PlanAccess::Grant { .. } => Err(forbidden(
            "Only the person, or their support team for them, writes in their own words.",
        )),
    }
}

/// "May say whether they agree with part of person P's plan": the person themselves.
pub fn may_give_opinion(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Owner => Ok(()),
        PlanAccess::Team | PlanAccess::Grant { .. } => Err(forbidden(
            "Only the person whose plan it is says whether they agree with it.",
        )),
    }
}

/// "May answer feedback about person P's plan": staff on their team.
pub fn may_respond_to_feedback(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Team => Ok(()),
        PlanAccess::Owner | PlanAccess::Grant { .. } => {
            Err(forbidden("The support team answers feedback."))
        }
    }
}

/// "May ask for a review of person P's plan now": the person, or their team for them.
pub fn may_request_review(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Owner | PlanAccess::Team => Ok(()),
        PlanAccess::Grant { .. } => Err(forbidden(
            "Only the person, or their support team, can ask for a review.",
        )),
    }
}

/// "May write Part 1 of person P's review": staff on their team, with the person.
pub fn may_write_part_one(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Team => Ok(()),
        PlanAccess::Owner | PlanAccess::Grant { .. } => Err(forbidden(
            "Your support worker writes this part of the review with you.",
        )),
    }
}

/// "May write and complete Part 2 of person P's review": a manager on their team.
pub fn may_write_part_two(actor: &CurrentUser, access: &PlanAccess) -> Result<(), AppError> {
    match (access, actor.role) {
        (PlanAccess::Archive, _) => Err(read_only()),
        (PlanAccess::Team, Role::Manager) => Ok(()),
        _ => Err(forbidden(
            "Part 2 of a review is for the manager or reviewing officer.",
        )),
    }
}

/// "May read part S of person P's plan": a grant must cover that part.
pub fn may_read_section(access: &PlanAccess, section: PlanSection) -> Result<(), AppError> {
    match access {
        PlanAccess::Grant { sections, .. } if !sections.contains(&section) => {
            Err(forbidden("That part of the plan is not shared with you."))
        }
        _ => Ok(()),
    }
}

/// "May issue or revoke sign-in codes for person P": staff on their team.
pub fn may_issue_sign_in_code(access: &PlanAccess) -> Result<(), AppError> {
    match access {
        PlanAccess::Archive => Err(read_only()),
        PlanAccess::Team => Ok(()),
        PlanAccess::Owner | PlanAccess::Grant { .. } => Err(forbidden(
            "Only the person's support team can make sign-in cards.",
        )),
    }
}

/// "May export person P's access log" (a subject access request): a manager on their team.
pub fn may_export_access_log(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
) -> Result<(), AppError> {
    may_see_access_log(conn, actor, person_id)?;
    (actor.role == Role::Manager)
        .then_some(())
        .ok_or_else(|| forbidden("Only a manager can export an access log."))
}

/// "May create and list accounts, and check the audit trail": an admin.
pub fn may_administer(actor: &CurrentUser) -> Result<(), AppError> {
    (actor.role == Role::Admin)
        .then_some(())
        .ok_or_else(|| forbidden("Only an administrator can do this."))
}

/// "May change team T's members and people": an admin of its organisation, or a manager on
/// it. Anyone else in the organisation who is on the team gets 403; others 404.
pub fn may_manage_team(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    team: &TeamRow,
) -> Result<(), AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "There is no such team.");
    if team.organisation_id != actor.user.organisation_id {
        return Err(no_such());
    }
    if actor.role == Role::Admin {
        return Ok(());
    }
    if !TeamMemberRow::is_member(conn, team.id, actor.user.id)? {
        return Err(no_such());
    }
    (actor.role == Role::Manager)
        .then_some(())
        .ok_or_else(|| forbidden("Only a manager or an administrator can change a team."))
}

/// "May admit a person to team T": staff on the team, or an admin of its organisation.
/// A team the actor may not see is not found; people supported and family may not admit.
pub fn may_admit(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    team: Option<&TeamRow>,
) -> Result<(), AppError> {
    if !actor.role.is_staff() {
        return Err(forbidden("Only staff can admit a person."));
    }
    let no_such = || AppError::invalid("team_id", "Choose one of your teams.");
    let team = team
        .filter(|t| t.organisation_id == actor.user.organisation_id)
        .ok_or_else(no_such)?;
    if actor.role == Role::Admin || TeamMemberRow::is_member(conn, team.id, actor.user.id)? {
        Ok(())
    } else {
        Err(no_such())
    }
}

/// "May end person P's support, or undo that": a manager on a team that supports (or
/// supported) them, or an admin of their organisation. Support workers on the team get 403;
/// anyone else 404.
pub fn may_end_support(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person: Option<&PersonRow>,
) -> Result<(), AppError> {
    let person = person
        .filter(|p| p.organisation_id == actor.user.organisation_id)
        .ok_or_else(not_found)?;
    match actor.role {
        Role::Admin => Ok(()),
        Role::Manager | Role::SupportWorker => {
            match TeamPersonRow::reach(conn, actor.user.id, person.id)? {
                None => Err(not_found()),
                Some(_) if actor.role == Role::Manager => Ok(()),
                Some(_) => Err(forbidden("Only a manager can end a person's support.")),
            }
        }
        Role::Individual | Role::Family => Err(not_found()),
    }
}

/// Several grants add up section by section: each section at the highest level among the
/// grants that cover it, so `suggest` on goals never lifts `view` on risks.
fn grant_access(grants: Vec<AccessGrantRow>) -> Result<Option<PlanAccess>, AppError> {
    let mut levels = BTreeMap::new();
    let mut grant_ids = Vec::new();
    for row in grants {
        let grant = row.into_wire()?;
        for section in grant.sections {
            let level = levels.entry(section).or_insert(grant.access_level);
            *level = (*level).max(grant.access_level);
        }
        grant_ids.push(grant.id);
    }
    Ok((!grant_ids.is_empty()).then_some(PlanAccess::Grant {
        grant_ids,
        sections: levels.keys().copied().collect(),
        levels,
    }))
}
