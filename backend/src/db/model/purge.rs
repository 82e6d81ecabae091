//! Purging a person whose records are past the retention period: every row about them
//! goes, in an order the foreign keys accept, inside one transaction that an open `purges` row
//! licenses (the append-only tables' triggers let exactly that person's rows go). Their
//! audit entries stay in the chain as tombstones naming the purge's own entry.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::id::{GoalId, OrganisationId, PersonId, PlanId, PlanVersionId, ReviewId};

use super::audit_event::{self, AuditEntry, TOMBSTONE};
use super::new_id;
use crate::db::DbConnection;
use crate::db::schema::{
    access_grants, account_links, audit_events, consents, decisions, email_preferences, emails,
    family_contributions, feedback, findings, goal_needs, goals, idempotency_keys, item_opinions,
    media, notifications, organisations, persons, picture_sorts, plan_acknowledgements,
    plan_versions, plans, profiles, progress_notes, purges, refresh_tokens, review_goal_progress,
    reviews, risk_plans, sessions, sign_in_codes, signatures, strategies, team_persons, users,
    wishes_not_met,
};

/// Someone whose support has ended, with their organisation's retention period.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct LeftPerson {
    pub person_id: PersonId,
    pub full_name: String,
    pub left_on: NaiveDate,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub time_zone: String,
    pub retention_years: i32,
}

/// [`LeftPerson`] as read: the column is nullable though the filter leaves no null.
#[derive(Queryable)]
struct LeftRow {
    person_id: PersonId,
    full_name: String,
    left_on: Option<NaiveDate>,
    organisation_id: OrganisationId,
    organisation_name: String,
    time_zone: String,
    retention_years: i32,
}

/// Everyone whose support has ended, oldest first.
pub fn left(conn: &mut DbConnection) -> QueryResult<Vec<LeftPerson>> {
    let rows: Vec<LeftRow> = persons::table
        .inner_join(organisations::table.on(organisations::id.eq(persons::organisation_id)))
        .filter(persons::left_on.is_not_null())
        .order((persons::left_on, persons::id))
        .select((
            persons::id,
            persons::full_name,
            persons::left_on,
            organisations::id,
            organisations::name,
            organisations::time_zone,
            organisations::retention_years,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(LeftPerson {
                left_on: row.left_on?,
                person_id: row.person_id,
                full_name: row.full_name,
                organisation_id: row.organisation_id,
                organisation_name: row.organisation_name,
                time_zone: row.time_zone,
                retention_years: row.retention_years,
            })
        })
        .collect())
}

/// What a purge removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Removed {
    pub rows: usize,
    pub tombstones: usize,
    /// The photos and recordings removed, whose files (if kept in files) go once this commits.
    pub media_ids: Vec<String>,
}

/// Removes every record of one person who has left, in the caller's transaction, and
/// records the purge at the end of the audit chain.
pub fn purge(
    conn: &mut DbConnection,
    person: &LeftPerson,
    at: NaiveDateTime,
) -> QueryResult<Removed> {
    let person_id = person.person_id;
    let purge_id = new_id();
    // Entries still waiting to join the chain join it first, so that theirs become tombstones
    // with the rest.
    audit_event::chain(conn, &[])?;
    let account: Option<String> = users::table
        .filter(users::person_id.eq(person_id))
        .select(users::id)
        .first(conn)
        .optional()?;
    diesel::insert_into(purges::table)
        .values((
            purges::id.eq(&purge_id),
            purges::person_id.eq(person_id),
            purges::user_id.eq(&account),
            purges::started_at.eq(at),
        ))
        .execute(conn)?;

    // An entry becomes a tombstone: only its place, time, outcome and hash stay.
    macro_rules! tombstone {
        ($which:expr) => {
            diesel::update(
                audit_events::table
                    .filter(audit_events::entity.ne(TOMBSTONE))
                    .filter($which),
            )
            .set((
                audit_events::entity.eq(TOMBSTONE),
                audit_events::entity_id.eq(&purge_id),
                audit_events::actor_user_id.eq(None::<String>),
                audit_events::actor_role.eq(None::<String>),
                audit_events::person_id.eq(None::<String>),
                audit_events::grant_id.eq(None::<String>),
            ))
            .execute(conn)?
        };
    }
    let mut tombstones = tombstone!(
        audit_events::person_id
            .eq(person_id)
            .or(audit_events::entity_id.eq(person_id))
    );
    if let Some(account) = &account {
        tombstones += tombstone!(audit_events::actor_user_id.eq(account.clone()));
    }

    let mut rows = 0;
    let plan_ids: Vec<PlanId> = plans::table
        .filter(plans::person_id.eq(person_id))
        .select(plans::id)
        .load(conn)?;
    let of_plan = || plan_ids.clone();
    let version_ids: Vec<PlanVersionId> = plan_versions::table
        .filter(plan_versions::plan_id.eq_any(of_plan()))
        .select(plan_versions::id)
        .load(conn)?;
    let review_ids: Vec<ReviewId> = reviews::table
        .filter(reviews::plan_id.eq_any(of_plan()))
        .select(reviews::id)
        .load(conn)?;
    let goal_ids: Vec<GoalId> = goals::table
        .filter(goals::plan_id.eq_any(of_plan()))
        .select(goals::id)
        .load(conn)?;

    // Whatever points at the plan's rows goes before them.
    rows += diesel::delete(notifications::table.filter(notifications::person_id.eq(person_id)))
        .execute(conn)?;
    rows += diesel::delete(
        plan_acknowledgements::table
            .filter(plan_acknowledgements::plan_version_id.eq_any(&version_ids)),
    )
    .execute(conn)?;
    rows += diesel::delete(item_opinions::table.filter(item_opinions::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(
        family_contributions::table.filter(family_contributions::plan_id.eq_any(of_plan())),
    )
    .execute(conn)?;
    rows += diesel::delete(feedback::table.filter(feedback::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(picture_sorts::table.filter(picture_sorts::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(
        review_goal_progress::table.filter(review_goal_progress::review_id.eq_any(&review_ids)),
    )
    .execute(conn)?;
    rows +=
        diesel::delete(reviews::table.filter(reviews::plan_id.eq_any(of_plan()))).execute(conn)?;
    rows += diesel::delete(progress_notes::table.filter(progress_notes::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(signatures::table.filter(signatures::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(decisions::table.filter(decisions::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(goal_needs::table.filter(goal_needs::goal_id.eq_any(&goal_ids)))
        .execute(conn)?;
    rows += diesel::delete(strategies::table.filter(strategies::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(goals::table.filter(goals::plan_id.eq_any(of_plan()))).execute(conn)?;
    rows += diesel::delete(findings::table.filter(findings::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(risk_plans::table.filter(risk_plans::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(wishes_not_met::table.filter(wishes_not_met::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(profiles::table.filter(profiles::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    rows += diesel::delete(plan_versions::table.filter(plan_versions::plan_id.eq_any(of_plan())))
        .execute(conn)?;
    let media_ids = super::media::ids_of_plans(conn, &plan_ids)?;
    rows += diesel::delete(media::table.filter(media::plan_id.eq_any(of_plan()))).execute(conn)?;
    rows += diesel::delete(plans::table.filter(plans::person_id.eq(person_id))).execute(conn)?;
    rows += diesel::delete(access_grants::table.filter(access_grants::person_id.eq(person_id)))
        .execute(conn)?;
    rows +=
        diesel::delete(consents::table.filter(consents::person_id.eq(person_id))).execute(conn)?;
    rows += diesel::delete(team_persons::table.filter(team_persons::person_id.eq(person_id)))
        .execute(conn)?;
    if let Some(account) = &account {
        rows += remove_account(conn, account)?;
    }
    rows += diesel::delete(persons::table.find(person_id)).execute(conn)?;

    let entry = AuditEntry {
        organisation_id: Some(person.organisation_id),
        actor_user_id: None,
        actor_role: Some("system".to_owned()),
        action: AuditAction::Delete,
        entity: "person".to_owned(),
        entity_id: Some(person_id.to_string()),
        person_id: None,
        allowed: true,
        grant_id: None,
        card_id: None,
    };
    audit_event::chain_identified(conn, &[(purge_id.clone(), &entry)])?;
    diesel::update(purges::table.find(&purge_id))
        .set(purges::finished_at.eq(at))
        .execute(conn)?;
    Ok(Removed {
        rows,
        tombstones,
        media_ids,
    })
}

/// The person's own account and everything that hangs off it.
fn remove_account(conn: &mut DbConnection, account: &str) -> QueryResult<usize> {
    let session_ids: Vec<String> = sessions::table
        .filter(sessions::user_id.eq(account))
        .select(sessions::id)
        .load(conn)?;
    let mut rows = 0;
    rows += diesel::delete(
        refresh_tokens::table.filter(refresh_tokens::session_id.eq_any(&session_ids)),
    )
    .execute(conn)?;
    rows += diesel::delete(sessions::table.filter(sessions::user_id.eq(account))).execute(conn)?;
    rows += diesel::delete(sign_in_codes::table.filter(sign_in_codes::user_id.eq(account)))
        .execute(conn)?;
    rows += diesel::delete(idempotency_keys::table.filter(idempotency_keys::user_id.eq(account)))
        .execute(conn)?;
    rows += diesel::delete(account_links::table.filter(account_links::user_id.eq(account)))
        .execute(conn)?;
    rows += diesel::delete(notifications::table.filter(notifications::user_id.eq(account)))
        .execute(conn)?;
    // Their emails (addresses and words) and choices go with the account.
    rows += diesel::delete(emails::table.filter(emails::user_id.eq(account))).execute(conn)?;
    rows += diesel::delete(email_preferences::table.filter(email_preferences::user_id.eq(account)))
        .execute(conn)?;
    rows += diesel::delete(
        plan_acknowledgements::table.filter(plan_acknowledgements::user_id.eq(account)),
    )
    .execute(conn)?;
    rows += diesel::delete(item_opinions::table.filter(item_opinions::user_id.eq(account)))
        .execute(conn)?;
    rows += diesel::delete(users::table.find(account)).execute(conn)?;
    Ok(rows)
}
