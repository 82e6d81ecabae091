//! The person's photos and recordings (see `crate::media`): rows without their bytes for
//! listing, the bytes only when one is served.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::id::{PlanId, UserId};
use ourplan_shared::media::{Media, MediaKind};

use crate::db::DbConnection;
use crate::db::schema::{findings, goals, media, risk_plans, strategies, users, wishes_not_met};

/// A new row; `bytes` is `None` when they are kept in the media directory.
#[derive(Insertable)]
#[diesel(table_name = media)]
pub struct NewMedia<'a> {
    pub id: &'a str,
    pub plan_id: PlanId,
    pub section: PlanSection,
    pub item_id: Option<&'a str>,
    pub kind: MediaKind,
    pub content_type: &'a str,
    pub words: Option<&'a str>,
    pub bytes: Option<&'a [u8]>,
    pub byte_size: i64,
    pub sha256: &'a str,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub duration_ms: Option<i32>,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
}

type InfoColumns = (
    media::id,
    media::section,
    media::item_id,
    media::kind,
    media::words,
    media::width,
    media::height,
    media::duration_ms,
    users::display_name,
    media::created_at,
);

const INFO: InfoColumns = (
    media::id,
    media::section,
    media::item_id,
    media::kind,
    media::words,
    media::width,
    media::height,
    media::duration_ms,
    users::display_name,
    media::created_at,
);

type InfoRow = (
    String,
    PlanSection,
    Option<String>,
    MediaKind,
    Option<String>,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    String,
    NaiveDateTime,
);

fn to_media(row: InfoRow) -> QueryResult<Media> {
    let (id, section, item_id, kind, words, width, height, duration_ms, added_by, added_at) = row;
    let positive = |n: Option<i32>| n.and_then(|n| u32::try_from(n).ok());
    Ok(Media {
        section,
        kind,
        id,
        item_id,
        words,
        width: positive(width),
        height: positive(height),
        duration_ms: positive(duration_ms),
        added_by,
        added_at,
    })
}

/// The columns of a [`MediaFile`], in order.
type FileRow = (
    String,
    PlanSection,
    MediaKind,
    String,
    Option<Vec<u8>>,
    String,
    NaiveDateTime,
);

/// A stored item as served: what it is, where it belongs, and its bytes or their hash.
pub struct MediaFile {
    pub id: String,
    pub section: PlanSection,
    pub kind: MediaKind,
    pub content_type: String,
    pub bytes: Option<Vec<u8>>,
    pub sha256: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewMedia<'_>) -> QueryResult<()> {
    diesel::insert_into(media::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The plan's photos and recordings still shown, oldest first.
pub fn list(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<Vec<Media>> {
    media::table
        .inner_join(users::table.on(users::id.eq(media::created_by)))
        .filter(media::plan_id.eq(plan_id))
        .filter(media::removed_at.is_null())
        .order((media::created_at, media::id))
        .select(INFO)
        .load::<InfoRow>(conn)?
        .into_iter()
        .map(to_media)
        .collect()
}

/// One item of the plan still shown, without its bytes.
pub fn find(conn: &mut DbConnection, plan_id: PlanId, id: &str) -> QueryResult<Option<Media>> {
    media::table
        .inner_join(users::table.on(users::id.eq(media::created_by)))
        .filter(media::plan_id.eq(plan_id))
        .filter(media::id.eq(id))
        .filter(media::removed_at.is_null())
        .select(INFO)
        .first::<InfoRow>(conn)
        .optional()?
        .map(to_media)
        .transpose()
}

/// One item of the plan still shown, with its bytes (or where they are).
pub fn file(conn: &mut DbConnection, plan_id: PlanId, id: &str) -> QueryResult<Option<MediaFile>> {
    let row: Option<FileRow> = media::table
        .filter(media::plan_id.eq(plan_id))
        .filter(media::id.eq(id))
        .filter(media::removed_at.is_null())
        .select((
            media::id,
            media::section,
            media::kind,
            media::content_type,
            media::bytes,
            media::sha256,
            media::created_at,
        ))
        .first(conn)
        .optional()?;
    row.map(
        |(id, section, kind, content_type, bytes, sha256, created_at)| {
            Ok(MediaFile {
                section,
                kind,
                id,
                content_type,
                bytes,
                sha256,
                created_at,
            })
        },
    )
    .transpose()
}

/// Marks an item removed: it is no longer shown, and kept as evidence until a purge.
pub fn remove(
    conn: &mut DbConnection,
    id: &str,
    by: UserId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(media::table.find(id).filter(media::removed_at.is_null()))
        .set((media::removed_at.eq(at), media::removed_by.eq(by)))
        .execute(conn)
}

/// Whether the point `item_id` of `section` is in the plan.
pub fn point_exists(
    conn: &mut DbConnection,
    plan_id: PlanId,
    section: PlanSection,
    item_id: &str,
) -> QueryResult<bool> {
    macro_rules! exists_in {
        ($table:ident) => {
            diesel::select(diesel::dsl::exists(
                $table::table
                    .filter($table::plan_id.eq(plan_id))
                    .filter($table::id.eq(item_id)),
            ))
            .get_result(conn)
        };
    }
    match section {
        PlanSection::Needs => exists_in!(findings),
        PlanSection::Goals => exists_in!(goals),
        PlanSection::Strategies => exists_in!(strategies),
        PlanSection::Risks => exists_in!(risk_plans),
        PlanSection::WishesNotMet => exists_in!(wishes_not_met),
        _ => Ok(false),
    }
}

/// The ids of a plan's items, for removing their files in a purge.
pub fn ids_of_plans(conn: &mut DbConnection, plan_ids: &[PlanId]) -> QueryResult<Vec<String>> {
    media::table
        .filter(media::plan_id.eq_any(plan_ids))
        .select(media::id)
        .load(conn)
}
