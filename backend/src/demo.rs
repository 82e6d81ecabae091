//! Fictional demo data for `cargo xtask run` (`OURPLAN_DEMO=1`): seeded once, into an empty
//! database only, so it never mixes with real records.

use chrono::NaiveDate;
use diesel::Connection;
use ourplan_shared::demo;
use ourplan_shared::display::DisplayMode;
use ourplan_shared::role::Role;

use crate::db::DbConnection;
use crate::db::model::organisation::{NewOrganisation, Organisation};
use crate::db::model::person::NewPerson;
use crate::db::model::plan::NewPlan;
use crate::db::model::user::NewUser;
use crate::db::model::{new_id, now};
use crate::error::AppError;
use crate::password;

/// Seeds the demo organisation when the database has none. Returns whether it seeded.
pub fn seed_if_empty(conn: &mut DbConnection) -> Result<bool, AppError> {
    if Organisation::count(conn)? > 0 {
        return Ok(false);
    }
    // Hash before the transaction: argon2 is deliberately slow and holds no lock.
    let password_hash = password::hash(demo::DEMO_PASSWORD)?;
    let support_started_on = NaiveDate::from_ymd_opt(2026, 5, 11)
        .ok_or_else(|| AppError::Internal("demo start date".to_owned()))?;
    conn.transaction(|conn| {
        let created_at = now();
        let organisation_id = new_id();
        NewOrganisation {
            id: &organisation_id,
            name: demo::ORGANISATION,
            created_at,
        }
        .insert(conn)?;
        let person_id = new_id();
        NewPerson {
            id: &person_id,
            organisation_id: &organisation_id,
            full_name: demo::PERSON_FULL_NAME,
            preferred_name: Some(demo::PERSON_PREFERRED_NAME),
            support_started_on,
            preferred_format: DisplayMode::EasyRead.key(),
            preferred_language: "en-GB",
            created_at,
        }
        .insert(conn)?;
        for account in &demo::ACCOUNTS {
            let user_id = new_id();
            NewUser {
                id: &user_id,
                organisation_id: &organisation_id,
                email: account.email,
                display_name: account.display_name,
                role: account.role.key(),
                person_id: (account.role == Role::Individual).then_some(person_id.as_str()),
                password_hash: Some(&password_hash),
                created_at,
            }
            .insert(conn)?;
        }
        NewPlan {
            id: &new_id(),
            person_id: &person_id,
            status: "draft",
            created_at,
            updated_at: created_at,
        }
        .insert(conn)?;
        diesel::QueryResult::Ok(())
    })?;
    Ok(true)
}
