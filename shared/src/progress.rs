//! Progress check-ins per goal.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{GoalId, PlanId, ProgressNoteId, UserId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressNote {
    pub id: ProgressNoteId,
    pub plan_id: PlanId,
    pub goal_id: GoalId,
    pub recorded_on: NaiveDate,
    pub recorded_by: Option<UserId>,
    /// Progress against the goal's measure, in words.
    pub progress: String,
    /// Where the measure stands now, e.g. "3 of 5 trips", if it can be counted.
    pub measure_value: Option<String>,
    pub positive_changes: String,
    pub negative_changes: String,
    pub barriers: String,
    /// The person's own view, in their words.
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/persons/{id}/goals/{goal_id}/progress`: a dated check-in. Check-ins are
/// evidence: added, never changed (a correction is a new check-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressInput {
    pub recorded_on: NaiveDate,
    pub progress: String,
    #[serde(default)]
    pub measure_value: Option<String>,
    #[serde(default)]
    pub positive_changes: String,
    #[serde(default)]
    pub negative_changes: String,
    #[serde(default)]
    pub barriers: String,
    #[serde(default)]
    pub own_words: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
}

impl ProgressNote {
    /// The number a check-in's measure records, for a chart: the first number in it
    /// ("3 of 5 meals" is 3, "2.5 km" is 2.5); none when it has no number.
    pub fn measured(&self) -> Option<f64> {
        let text = self.measure_value.as_deref()?;
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let digits: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        digits.trim_end_matches('.').parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(measure: Option<&str>) -> ProgressNote {
        ProgressNote {
            id: ProgressNoteId(uuid::Uuid::nil()),
            plan_id: PlanId(uuid::Uuid::nil()),
            goal_id: GoalId(uuid::Uuid::nil()),
            recorded_on: NaiveDate::MIN,
            recorded_by: None,
            progress: String::new(),
            measure_value: measure.map(str::to_owned),
            positive_changes: String::new(),
            negative_changes: String::new(),
            barriers: String::new(),
            own_words: None,
            picture: None,
            created_at: DateTime::<Utc>::MIN_UTC,
        }
    }

    #[test]
    fn the_first_number_of_a_measure_is_charted() {
        assert_eq!(with(Some("3 of 5 meals")).measured(), Some(3.0));
        assert_eq!(with(Some("2.5 km")).measured(), Some(2.5));
        assert_eq!(with(Some("walked 12.")).measured(), Some(12.0));
        assert_eq!(with(Some("about half")).measured(), None);
        assert_eq!(with(None).measured(), None);
    }
}
