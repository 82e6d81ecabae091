//! The demo person's views about their home, sorted with picture cards with their key worker
//! at their first review: the next review can sort them again and show what changed.

use ourplan_shared::id::UserId;
use ourplan_shared::picture_sort::{Placement, SortCard, SortTopic, topic_words};
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::review::ReviewStatus;

use crate::db::DbConnection;
use crate::db::model::new_id;
use crate::db::model::picture_sort::{self, NewPictureSort};
use crate::error::AppError;

pub fn seed(
    conn: &mut DbConnection,
    doc: &PlanDocument,
    key_worker: UserId,
) -> Result<(), AppError> {
    let Some(review) = doc
        .reviews
        .iter()
        .find(|r| r.status == ReviewStatus::Completed)
    else {
        return Ok(());
    };
    let Some(sorted_at) = review
        .part_one
        .as_ref()
        .and_then(|p| p.submitted_at)
        .map(|at| at.naive_utc() - chrono::Duration::hours(2))
    else {
        return Ok(());
    };
    let card = |picture: &str, label: &str, placed| SortCard {
        picture: picture.to_owned(),
        label: label.to_owned(),
        placed,
    };
    let cards = vec![
        card("bed", "My bedroom", Placement::Good),
        card("kitchen", "The kitchen", Placement::NotSure),
        card("garden", "The garden", Placement::Good),
        card("people", "The people I live with", Placement::Good),
        card("noise", "Noise", Placement::NotGood),
        card("quiet", "Quiet time", Placement::Good),
    ];
    let cards = serde_json::to_string(&cards)
        .map_err(|e| AppError::Internal(format!("demo cards to JSON: {e}")))?;
    let review_id = review.id;
    picture_sort::insert(
        conn,
        &NewPictureSort {
            id: &new_id(),
            plan_id: doc.plan.id,
            review_id: Some(&review_id.to_string()),
            topic: SortTopic::Home,
            goal_id: None,
            topic_words: &topic_words(SortTopic::Home, None),
            cards: &cards,
            sorted_by: key_worker,
            sorted_at,
        },
    )?;
    Ok(())
}
