//! First run: one-time setup links, and the organisation with its first admin made
//! from one. A link is issued by `ourplan setup` (with the details it asked for) or by the
//! server at start while there is no organisation; only its SHA-256 is stored.

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::role::Role;
use ourplan_shared::setup::SETUP_LINK_HOURS;

use crate::auth::secret::{random_hex, sha256_hex};
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::needs_heading::NeedsHeadingRow;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::setup_link::{self, SetupLinkRow};
use crate::db::model::user::UserRow;
use crate::db::model::{fresh_id, new_id};
use crate::db::{self, DbConnection};
use crate::error::AppError;

/// What `ourplan setup` asked for, to fill in the form the link opens; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkDetails {
    pub organisation_name: Option<String>,
    pub time_zone: Option<String>,
    pub admin_name: Option<String>,
    pub admin_email: Option<String>,
}

/// The organisation and its first admin, checked, with the admin's password already hashed.
#[derive(Debug, Clone)]
pub struct NewInstallation {
    pub organisation_name: String,
    pub time_zone: String,
    pub admin_name: String,
    pub admin_email: String,
    pub password_hash: String,
}

/// Whether this database has an organisation, so setup is over.
pub fn is_set_up(conn: &mut DbConnection) -> QueryResult<bool> {
    Ok(OrganisationRow::count(conn)? > 0)
}

pub fn already_set_up() -> AppError {
    AppError::client(
        ErrorCode::NotFound,
        "Ourplan is already set up here. Sign in instead.",
    )
}

pub fn link_not_good() -> AppError {
    AppError::client(
        ErrorCode::NotFound,
        "This setup link has been used, has run out or is not complete. Run `ourplan setup`, \
         or restart the server, for a new one.",
    )
}

/// An IANA zone name the server knows, such as `Europe/London`.
pub fn check_time_zone(time_zone: &str) -> Result<(), AppError> {
    time_zone.parse::<chrono_tz::Tz>().map(drop).map_err(|_| {
        AppError::invalid(
            "time_zone",
            "Choose a time zone by its name, such as Europe/London.",
        )
    })
}

/// Issues a setup link while there is no organisation; the token returned is the only copy.
pub fn issue_link(
    conn: &mut DbConnection,
    details: LinkDetails,
    at: NaiveDateTime,
) -> Result<String, AppError> {
    let token = random_hex();
    let row = SetupLinkRow {
        id: new_id(),
        token_hash: sha256_hex(&token),
        organisation_name: details.organisation_name,
        time_zone: details.time_zone,
        admin_name: details.admin_name,
        admin_email: details.admin_email.map(|e| e.trim().to_lowercase()),
        created_at: at,
        expires_at: at + Duration::hours(SETUP_LINK_HOURS),
        used_at: None,
    };
    db::write_transaction(conn, |conn| {
        if is_set_up(conn)? {
            return Err(already_set_up());
        }
        row.insert(conn)?;
        Ok(token)
    })
}

/// The link for `token` while it is good and setup is not over.
pub fn usable_link(
    conn: &mut DbConnection,
    token: &str,
    at: NaiveDateTime,
) -> Result<SetupLinkRow, AppError> {
    if is_set_up(conn)? {
        return Err(already_set_up());
    }
    SetupLinkRow::find_usable(conn, &sha256_hex(token.trim()), at)?.ok_or_else(link_not_good)
}

/// A new organisation with the default needs headings, which it may rename or add to.
pub fn new_organisation(
    conn: &mut DbConnection,
    name: &str,
    time_zone: &str,
    at: NaiveDateTime,
) -> QueryResult<OrganisationRow> {
    let organisation = OrganisationRow {
        id: fresh_id(),
        name: name.to_owned(),
        review_interval_months: 6,
        created_at: at,
        time_zone: time_zone.to_owned(),
        row_version: 1,
        retention_years: 8,
    };
    organisation.insert(conn)?;
    NeedsHeadingRow::insert_all(conn, &NeedsHeadingRow::defaults(organisation.id))?;
    Ok(organisation)
}

/// Uses the link and makes the organisation and its admin, in one transaction: a link used
/// twice, or two links used at once, make one organisation at most.
pub fn complete(
    conn: &mut DbConnection,
    token: &str,
    new: NewInstallation,
    at: NaiveDateTime,
) -> Result<UserRow, AppError> {
    db::write_transaction(conn, |conn| {
        let link = usable_link(conn, token, at)?;
        if !SetupLinkRow::consume(conn, &link.id, at)? {
            return Err(link_not_good());
        }
        let organisation = new_organisation(conn, &new.organisation_name, &new.time_zone, at)?;
        setup_link::mark_set_up(conn, organisation.id, at)?;
        let admin = UserRow {
            id: fresh_id(),
            organisation_id: organisation.id,
            email: new.admin_email,
            display_name: new.admin_name,
            role: Role::Admin,
            person_id: None,
            password_hash: Some(new.password_hash),
            created_at: at,
            disabled_at: None,
        };
        UserRow::insert_all(conn, std::slice::from_ref(&admin))?;
        audit_event::append(
            conn,
            &[AuditEntry {
                organisation_id: Some(organisation.id),
                actor_user_id: Some(admin.id.to_string()),
                actor_role: Some(Role::Admin.key().to_owned()),
                action: AuditAction::Create,
                entity: "organisation".to_owned(),
                entity_id: Some(organisation.id.to_string()),
                person_id: None,
                allowed: true,
                grant_id: None,
                card_id: None,
            }],
        )?;
        Ok(admin)
    })
}
