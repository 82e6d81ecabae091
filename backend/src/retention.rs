//! Retention: a person's records are kept for their organisation's retention period
//! (8 years unless it sets another) after their support ends, then `ourplan purge` removes
//! them. `--dry-run` lists who would go.

use chrono::NaiveDate;
use ourplan_shared::leaving::purge_from;

use crate::db::DbConnection;
use crate::db::model::now;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::purge::{self, LeftPerson, Removed};
use crate::error::AppError;

/// Someone past the retention period, and the first day they could be purged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub person: LeftPerson,
    pub purge_from: NaiveDate,
}

/// Everyone past their organisation's retention period today (in its own time zone).
pub fn due(conn: &mut DbConnection) -> Result<Vec<Due>, AppError> {
    let at = now();
    Ok(purge::left(conn)?
        .into_iter()
        .filter_map(|person| {
            let years = u32::try_from(person.retention_years).ok()?;
            let purge_from = purge_from(person.left_on, years);
            let today = OrganisationRow::day_in(&person.time_zone, at);
            (today >= purge_from).then_some(Due { person, purge_from })
        })
        .collect())
}

/// Purges one person, in a transaction of its own; then the files of their photos and
/// recordings, once nothing refers to them.
pub fn purge(
    conn: &mut DbConnection,
    due: &Due,
    media: &crate::media::store::MediaStore,
) -> Result<Removed, AppError> {
    let removed =
        crate::db::write_transaction(conn, |conn| Ok(purge::purge(conn, &due.person, now())?))?;
    for id in &removed.media_ids {
        media.discard(id);
    }
    Ok(removed)
}
