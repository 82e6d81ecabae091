//! The person's picture sorts (see `shared::picture_sort`): written once, listed with the
//! name of whoever was with the person.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{PlanId, UserId};
use ourplan_shared::picture_sort::{PictureSort, SortCard, SortTopic};

use crate::db::DbConnection;
use crate::db::schema::{picture_sorts, users};

use super::corrupt;

#[derive(Insertable)]
#[diesel(table_name = picture_sorts)]
pub struct NewPictureSort<'a> {
    pub id: &'a str,
    pub plan_id: PlanId,
    pub review_id: Option<&'a str>,
    pub topic: SortTopic,
    pub goal_id: Option<&'a str>,
    pub topic_words: &'a str,
    /// The cards as JSON.
    pub cards: &'a str,
    pub sorted_by: UserId,
    pub sorted_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewPictureSort<'_>) -> QueryResult<()> {
    diesel::insert_into(picture_sorts::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

type Row = (
    String,
    Option<String>,
    SortTopic,
    Option<String>,
    String,
    String,
    String,
    NaiveDateTime,
);

/// The plan's sorts, newest first.
pub fn list(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<Vec<PictureSort>> {
    picture_sorts::table
        .inner_join(users::table.on(users::id.eq(picture_sorts::sorted_by)))
        .filter(picture_sorts::plan_id.eq(plan_id))
        .order((picture_sorts::sorted_at.desc(), picture_sorts::id.desc()))
        .select((
            picture_sorts::id,
            picture_sorts::review_id,
            picture_sorts::topic,
            picture_sorts::goal_id,
            picture_sorts::topic_words,
            picture_sorts::cards,
            users::display_name,
            picture_sorts::sorted_at,
        ))
        .load::<Row>(conn)?
        .into_iter()
        .map(
            |(id, review_id, topic, goal_id, topic_words, cards, sorted_by, sorted_at)| {
                Ok(PictureSort {
                    topic,
                    cards: serde_json::from_str::<Vec<SortCard>>(&cards)
                        .map_err(|_| corrupt("cards", &id))?,
                    id,
                    goal_id,
                    topic_words,
                    review_id,
                    sorted_by,
                    sorted_at,
                })
            },
        )
        .collect()
}
