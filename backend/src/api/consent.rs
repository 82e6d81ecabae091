//! Consent and the access grants that follow from it:
//! `GET`/`POST /persons/{id}/consents`, `POST /persons/{id}/consents/{id}/change` and
//! `POST /persons/{id}/consents/{id}/withdraw`. The history is append-only: a change
//! withdraws the old record and gives a new one, in one transaction.

use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::Connection;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::{
    AccessGrant, Consent, ConsentBasis, ConsentGivenHow, ConsentPurpose, ConsentRecord,
    ConsentRequest, ConsentTerms, Withdrawal,
};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{AccessGrantId, ConsentId, PersonId, UserId};
use ourplan_shared::role::Role;
use ourplan_shared::validation::{Validate, limits};

use super::guard::{self, audited};
use crate::access::{self, ConsentActor};
use crate::api::path::{ItemPath, PersonPath};
use crate::auth::CurrentUser;
use crate::db::model::access_grant::AccessGrantRow;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::consent::ConsentRow;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::user::UserRow;
use crate::db::model::{now, utc};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::{Body, OptionalBody};
use crate::server::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/consents",
    tag = "consent",
    summary = "The person's consent history (audited)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<ConsentRecord>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody)
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor.audit(AuditAction::Read, "consents").about(person_id);
    let records = guard::audited_read(&state, entry, move |conn, _| {
        let at = now();
        let plan_access = access::may_read_plan(conn, &actor, person_id, at)?;
        access::may_see_consents(&plan_access)?;
        let today = organisation_of(conn, person_id)?.day_at(at);
        ConsentRow::history(conn, person_id)?
            .into_iter()
            .map(|(row, recorded_by_name)| record(row, recorded_by_name, at, today))
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(records))
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/consents",
    tag = "consent",
    summary = "Give a consent; sharing with an account creates its access grant",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = ConsentRequest,
    responses(
        (status = 201, body = ConsentRecord),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn give(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    body: Body<ConsentRequest>,
) -> Result<HttpResponse, AppError> {
    let request = body.into_inner();
    let record = db::run(&state.pool, move |conn| {
        let at = now();
        let entry = actor
            .audit(AuditAction::ConsentGiven, "consent")
            .about(person_id);
        let who = allowed_to_change(conn, &actor, person_id, &entry, at)?;
        audited(access::may_widen_sharing(&actor, at), conn, &entry)?;
        let party = party(conn, &actor, &request)?;
        let organisation = organisation_of(conn, person_id)?;
        // Staff writing down a consent the person gave say how they gave it and who saw it.
        let witnessed = match (who, request.terms.basis) {
            (ConsentActor::Staff, ConsentBasis::Person) => witnessed(&actor, &request.terms)?,
            _ => (None, None),
        };
        let mut consent = new_consent(
            &actor,
            who,
            person_id,
            request.purpose,
            party,
            request.terms,
            (at, organisation.day_at(at)),
        )?;
        (consent.given_how, consent.witness) = witnessed;
        conn.transaction(|conn| {
            insert_with_grant(conn, &consent, &organisation)?;
            audit_event::append(conn, &[entry.object(consent.id)])?;
            Ok::<_, AppError>(())
        })?;
        reread(conn, person_id, consent.id, at)
    })
    .await?;
    Ok(HttpResponse::Created().json(record))
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/consents/{consent_id}/change",
    tag = "consent",
    summary = "Change a consent: the old record is withdrawn and a new one given",
    params(("person_id" = PersonId, Path, description = "The person the plan is about"), ("consent_id" = ConsentId, Path)),
    request_body = ConsentTerms,
    responses(
        (status = 200, body = ConsentRecord),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody),
        (status = 409, description = "It was already withdrawn", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn change(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<ConsentId>,
    body: Body<ConsentTerms>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: consent,
    } = path;
    let terms = body.into_inner();
    let record = db::run(&state.pool, move |conn| {
        let at = now();
        let entry = actor
            .audit(AuditAction::ConsentGiven, "consent")
            .about(person_id);
        let who = allowed_to_change(conn, &actor, person_id, &entry, at)?;
        let old = find(conn, person_id, consent)?;
        let given = old.clone().into_wire()?;
        // A withdrawn one is refused below as it is: never changed again.
        if given.withdrawn_at.is_none() && terms.widens(&given) {
            audited(access::may_widen_sharing(&actor, at), conn, &entry)?;
            audited(access::may_widen_consent(who, &given), conn, &entry)?;
        }
        let party = Party {
            name: old.party_name.clone(),
            user_id: old.party_user_id,
        };
        let purpose = old.clone().into_wire()?.purpose;
        let organisation = organisation_of(conn, person_id)?;
        let today = organisation.day_at(at);
        let mut consent = new_consent(&actor, who, person_id, purpose, party, terms, (at, today))?;
        // Staff narrowing what the person gave keep how they gave it and who saw it.
        if who == ConsentActor::Staff && given.basis == ConsentBasis::Person {
            consent.given_how = given.given_how;
            consent.witness = given.witness.clone();
        }
        conn.transaction(|conn| {
            withdraw_one(conn, &actor, old.id, Some("Changed to a new consent."), at)?;
            insert_with_grant(conn, &consent, &organisation)?;
            audit_event::append(
                conn,
                &[
                    actor
                        .audit(AuditAction::ConsentWithdrawn, "consent")
                        .about(person_id)
                        .object(old.id),
                    entry.object(consent.id),
                ],
            )?;
            Ok::<_, AppError>(())
        })?;
        reread(conn, person_id, consent.id, at)
    })
    .await?;
    Ok(HttpResponse::Ok().json(record))
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/consents/{consent_id}/withdraw",
    tag = "consent",
    summary = "Withdraw a consent; its grant ends on the next request",
    params(("person_id" = PersonId, Path, description = "The person the plan is about"), ("consent_id" = ConsentId, Path)),
    request_body = Withdrawal,
    responses(
        (status = 200, body = ConsentRecord),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody),
        (status = 409, description = "It was already withdrawn", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn withdraw(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<ConsentId>,
    body: OptionalBody<Withdrawal>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: consent,
    } = path;
    let reason = body.0.and_then(|b| b.reason);
    if let Some(reason) = &reason
        && reason.chars().count() > limits::TEXT
    {
        return Err(AppError::invalid(
            "reason",
            format!("This must be {} characters or fewer.", limits::TEXT),
        ));
    }
    let record = db::run(&state.pool, move |conn| {
        let at = now();
        let entry = actor
            .audit(AuditAction::ConsentWithdrawn, "consent")
            .about(person_id);
        allowed_to_change(conn, &actor, person_id, &entry, at)?;
        let old = find(conn, person_id, consent)?;
        conn.transaction(|conn| {
            withdraw_one(conn, &actor, old.id, reason.as_deref(), at)?;
            audit_event::append(conn, &[entry.object(old.id)])?;
            Ok::<_, AppError>(())
        })?;
        reread(conn, person_id, old.id, at)
    })
    .await?;
    Ok(HttpResponse::Ok().json(record))
}

/// The named checks for any change: may see the person, and may manage their consents.
fn allowed_to_change(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    entry: &AuditEntry,
    at: NaiveDateTime,
) -> Result<ConsentActor, AppError> {
    let plan_access = audited(
        access::may_read_plan(conn, actor, person_id, at),
        conn,
        entry,
    )?;
    audited(access::may_manage_consents(&plan_access), conn, entry)
}

fn find(
    conn: &mut DbConnection,
    person_id: PersonId,
    consent_id: ConsentId,
) -> Result<ConsentRow, AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "There is no such consent.");
    ConsentRow::find(conn, person_id, consent_id)?.ok_or_else(no_such)
}

/// Who the consent is about.
struct Party {
    name: String,
    user_id: Option<UserId>,
}

/// The party named by the request: an account by email (a family member or advocate in the
/// same organisation), or a name in words.
fn party(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    request: &ConsentRequest,
) -> Result<Party, AppError> {
    let name = request.party_name.trim().to_owned();
    let Some(email) = request
        .party_email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    else {
        return Ok(Party {
            name,
            user_id: None,
        });
    };
    let account = UserRow::find_by_email(conn, email)?.filter(|u| {
        u.organisation_id == actor.user.organisation_id
            && u.role == Role::Family
            && u.disabled_at.is_none()
    });
    let Some(account) = account else {
        return Err(AppError::invalid(
            "party_email",
            "There is no family member or advocate account with that email address. Ask an administrator to make one.",
        ));
    };
    Ok(Party {
        name: if name.is_empty() {
            account.display_name
        } else {
            name
        },
        user_id: Some(account.id),
    })
}

fn new_consent(
    actor: &CurrentUser,
    who: ConsentActor,
    person_id: PersonId,
    purpose: ConsentPurpose,
    party: Party,
    terms: ConsentTerms,
    // The moment, and the day it is in the organisation's calendar.
    (at, today): (NaiveDateTime, NaiveDate),
) -> Result<Consent, AppError> {
    if terms.basis == ConsentBasis::BestInterests && who != ConsentActor::Staff {
        return Err(AppError::invalid(
            "basis",
            "A best-interests decision is recorded by staff. Your own consent is basis \"person\".",
        ));
    }
    if let Some(problem) = terms.expiry_problem(today) {
        return Err(AppError::invalid("expires_on", problem));
    }
    let best_interests = terms.basis == ConsentBasis::BestInterests;
    let consent = Consent {
        id: ConsentId(uuid::Uuid::now_v7()),
        person_id,
        purpose,
        party_name: party.name,
        party_user_id: party.user_id,
        sections: terms.sections,
        access_level: terms.access_level,
        basis: terms.basis,
        decision_maker: terms.decision_maker.filter(|_| best_interests),
        best_interests_reason: terms.best_interests_reason.filter(|_| best_interests),
        given_at: utc(at),
        expires_on: terms.expires_on,
        recorded_by: Some(actor.user.id),
        withdrawn_at: None,
        withdrawn_by: None,
        withdrawal_reason: None,
        given_how: None,
        witness: None,
    };
    if let Some(problem) = consent.problems().into_iter().next() {
        return Err(AppError::invalid(problem.field, problem.message));
    }
    Ok(consent)
}

/// How the person gave a consent staff write down for them, and who else saw it: both
/// needed, and the witness is not the one writing it down.
fn witnessed(
    actor: &CurrentUser,
    terms: &ConsentTerms,
) -> Result<(Option<ConsentGivenHow>, Option<String>), AppError> {
    let how = terms
        .given_how
        .ok_or_else(|| AppError::invalid("given_how", "Say how they gave their consent."))?;
    let witness = terms
        .witness
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| {
            AppError::invalid(
                "witness",
                "Enter who else saw them give it, such as their advocate or a colleague.",
            )
        })?;
    if witness.chars().count() > 200 {
        return Err(AppError::invalid(
            "witness",
            "This must be 200 characters or fewer.",
        ));
    }
    if witness.eq_ignore_ascii_case(actor.user.display_name.trim()) {
        return Err(AppError::invalid(
            "witness",
            "The witness is someone other than you.",
        ));
    }
    Ok((Some(how), Some(witness.to_owned())))
}

/// Stores a consent and, when it shares the plan with an account, the grant that follows.
fn insert_with_grant(
    conn: &mut DbConnection,
    consent: &Consent,
    organisation: &OrganisationRow,
) -> Result<(), AppError> {
    ConsentRow::insert_all(conn, &[ConsentRow::from_wire(consent)])?;
    if let (ConsentPurpose::ShareWith, Some(grantee)) = (consent.purpose, consent.party_user_id) {
        let grant = AccessGrant {
            id: AccessGrantId(uuid::Uuid::now_v7()),
            consent_id: consent.id,
            person_id: consent.person_id,
            grantee_user_id: grantee,
            sections: consent.sections.clone(),
            access_level: consent.access_level,
            starts_at: consent.given_at,
            // The consent's last day is included; the grant ends at the midnight after it in
            // the organisation's own time zone.
            expires_at: consent
                .expires_on
                .map(|day| utc(organisation.end_of_day(day))),
            revoked_at: None,
        };
        AccessGrantRow::insert_all(conn, &[AccessGrantRow::from_wire(&grant)])?;
    }
    Ok(())
}

/// Withdraws a consent in force and ends its grants; 409 if it was already withdrawn.
fn withdraw_one(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    consent_id: ConsentId,
    reason: Option<&str>,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    if !ConsentRow::withdraw(conn, consent_id, Some(actor.user.id), reason, at)? {
        return Err(AppError::client(
            ErrorCode::Conflict,
            "This consent was already withdrawn. A withdrawn consent never comes back; give a new one instead.",
        ));
    }
    AccessGrantRow::revoke_for_consent(conn, consent_id, at)?;
    Ok(())
}

fn reread(
    conn: &mut DbConnection,
    person_id: PersonId,
    consent_id: ConsentId,
    at: NaiveDateTime,
) -> Result<ConsentRecord, AppError> {
    let (row, name) = ConsentRow::history(conn, person_id)?
        .into_iter()
        .find(|(row, _)| row.id == consent_id)
        .ok_or_else(|| AppError::Internal("a consent just written is missing".to_owned()))?;
    let today = organisation_of(conn, person_id)?.day_at(at);
    record(row, name, at, today)
}

/// The organisation that supports a person: its calendar says when a consent's last day ends.
fn organisation_of(
    conn: &mut DbConnection,
    person_id: PersonId,
) -> Result<OrganisationRow, AppError> {
    OrganisationRow::of_person(conn, person_id)?.ok_or_else(access::not_found)
}

fn record(
    row: ConsentRow,
    recorded_by_name: Option<String>,
    at: NaiveDateTime,
    today: NaiveDate,
) -> Result<ConsentRecord, AppError> {
    let consent = row.into_wire()?;
    Ok(ConsentRecord {
        active: consent.is_active(utc(at), today),
        consent,
        recorded_by_name,
    })
}
