//! Leaving the service: a manager ends a person's support on a date, for a reason. The
//! plan becomes read-only and leaves the caseload and the review programme; it can be put back
//! within [`REVERSIBLE_DAYS`], and is purged once the organisation's retention period has
//! passed since the day support ended.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Days after ending support in which a manager can undo it.
pub const REVERSIBLE_DAYS: i64 = 30;

/// How long records are kept after support ends, unless the organisation sets otherwise.
pub const DEFAULT_RETENTION_YEARS: u32 = 8;

/// The retention periods an organisation may set, in years.
pub const RETENTION_YEARS: std::ops::RangeInclusive<u32> = 1..=100;

/// The longest reason, in characters.
pub const REASON_MAX: usize = 500;

/// `POST /api/v1/persons/{id}/leaving`: end a person's support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndSupport {
    /// The last day of support: not before support started, not after today.
    pub left_on: NaiveDate,
    /// Why support ended, in a sentence ("Moved to a service nearer her family").
    pub reason: String,
}

impl EndSupport {
    /// The first thing wrong with this request, as `(field, message)`.
    pub fn problem(
        &self,
        support_started_on: NaiveDate,
        today: NaiveDate,
    ) -> Option<(&'static str, String)> {
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Some(("reason", "Say why support ended.".to_owned()));
        }
        if reason.chars().count() > REASON_MAX {
            return Some((
                "reason",
                format!("Keep the reason to {REASON_MAX} characters or fewer."),
            ));
        }
        if self.left_on > today {
            return Some((
                "left_on",
                "Support can only end today or on a day that has passed.".to_owned(),
            ));
        }
        if self.left_on < support_started_on {
            return Some((
                "left_on",
                format!(
                    "Support started on {}: it cannot end before then.",
                    support_started_on.format("%-d %B %Y")
                ),
            ));
        }
        None
    }
}

/// That a person's support has ended, as their details show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leaving {
    pub left_on: NaiveDate,
    pub reason: String,
    pub recorded_at: DateTime<Utc>,
    /// The name of the manager who recorded it.
    pub recorded_by: Option<String>,
    /// Until when a manager can undo it.
    pub reversible_until: DateTime<Utc>,
}

/// Until when ending support recorded at `recorded_at` can be undone.
pub fn reversible_until(recorded_at: DateTime<Utc>) -> DateTime<Utc> {
    recorded_at + chrono::Duration::days(REVERSIBLE_DAYS)
}

/// The first day a person who left on `left_on` may be purged, under a retention period of
/// `years`: the day after the period ends.
pub fn purge_from(left_on: NaiveDate, years: u32) -> NaiveDate {
    left_on
        .checked_add_months(Months::new(years.saturating_mul(12)))
        .and_then(|day| day.succ_opt())
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn support_ends_between_its_start_and_today() {
        let end = |left_on: &str, reason: &str| EndSupport {
            left_on: day(left_on),
            reason: reason.to_owned(),
        };
        let (started, today) = (day("2026-01-10"), day("2026-12-06"));
        assert_eq!(
            end("2026-12-06", "Moved away").problem(started, today),
            None
        );
        assert_eq!(
            end("2026-01-10", "Moved away").problem(started, today),
            None
        );
        assert_eq!(
            end("2026-12-07", "Moved away")
                .problem(started, today)
                .unwrap()
                .0,
            "left_on"
        );
        assert_eq!(
            end("2026-01-09", "Moved away")
                .problem(started, today)
                .unwrap()
                .0,
            "left_on"
        );
        assert_eq!(
            end("2026-12-01", "  ").problem(started, today).unwrap().0,
            "reason"
        );
        let long = "x".repeat(REASON_MAX + 1);
        assert_eq!(
            end("2026-12-01", &long).problem(started, today).unwrap().0,
            "reason"
        );
    }

    #[test]
    fn records_are_kept_for_the_whole_retention_period() {
        assert_eq!(purge_from(day("2018-12-06"), 8), day("2026-12-07"));
        // A leap day's anniversary falls on the last day of February.
        assert_eq!(purge_from(day("2024-02-29"), 1), day("2025-03-01"));
        assert_eq!(purge_from(day("2026-12-06"), u32::MAX), NaiveDate::MAX);
    }

    #[test]
    fn ending_support_can_be_undone_for_thirty_days() {
        let at: DateTime<Utc> = "2026-12-06T10:00:00Z".parse().unwrap();
        assert_eq!(
            reversible_until(at),
            "2027-01-05T10:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }
}
