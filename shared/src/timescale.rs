//! Timescales for plans and reviews, the same in the browser and on the server:
//! the detailed plan is due 28 days after support starts; the first review 6 weeks after
//! support starts; then a review at least every 6 months, or as often as the organisation
//! sets (1 to 12 months). A significant change makes a review due at once, and the person can
//! ask for one at any time: whichever is due first wins.
//!
//! Every rule works on calendar days in the organisation's own time zone; [`local_day`] turns
//! an instant into that day. Adding months keeps the day of the month where it exists and
//! otherwise takes the month's last day (31 August + 6 months = 28 February, or 29th in a leap
//! year).

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use chrono::{FixedOffset, TimeZone};
use serde::{Deserialize, Serialize};

use crate::review::ReviewKind;
use crate::validation::FieldError;

/// Days from support starting to the detailed plan being in place.
pub const PLAN_DUE_DAYS: u64 = 28;
/// Weeks from support starting to the first review.
pub const FIRST_REVIEW_WEEKS: u64 = 6;
/// Months between reviews unless the organisation sets fewer.
pub const DEFAULT_REVIEW_MONTHS: u32 = 6;
/// The longest an organisation may set between reviews.
pub const LONGEST_REVIEW_MONTHS: u32 = 12;
/// "Due soon" means due within this many days.
pub const DUE_SOON_DAYS: u64 = 30;

/// How often an organisation reviews plans after the first review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewPolicy {
    pub interval_months: u32,
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        Self {
            interval_months: DEFAULT_REVIEW_MONTHS,
        }
    }
}

impl ReviewPolicy {
    /// A policy of `months` between reviews: 1 to 12.
    pub fn new(months: u32) -> Result<Self, FieldError> {
        if (1..=LONGEST_REVIEW_MONTHS).contains(&months) {
            Ok(Self {
                interval_months: months,
            })
        } else {
            Err(FieldError {
                field: "review_interval_months".to_owned(),
                message: format!(
                    "Reviews must be at least every {LONGEST_REVIEW_MONTHS} months: choose 1 to {LONGEST_REVIEW_MONTHS}."
                ),
            })
        }
    }
}

/// The calendar day `at` falls on, `offset` from UTC (the organisation's zone at that
/// instant, summer time included).
pub fn local_day(at: DateTime<Utc>, offset: FixedOffset) -> NaiveDate {
    offset.from_utc_datetime(&at.naive_utc()).date_naive()
}

/// `day` plus whole months, on the same day of the month or the month's last day.
pub fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn add_days(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// When the detailed plan must be in place.
pub fn plan_due_on(support_started_on: NaiveDate) -> NaiveDate {
    add_days(support_started_on, PLAN_DUE_DAYS)
}

/// When the first review is due.
pub fn first_review_due_on(support_started_on: NaiveDate) -> NaiveDate {
    add_days(support_started_on, FIRST_REVIEW_WEEKS * 7)
}

/// A plan is missing when its due day has passed and no version has been agreed.
pub fn plan_missing(support_started_on: NaiveDate, agreed: bool, today: NaiveDate) -> bool {
    !agreed && today > plan_due_on(support_started_on)
}

/// Support that started before this day, with no version agreed, is missing its plan: the
/// same as [`plan_missing`], as a bound a database can compare a start day with.
pub fn plan_missing_before(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(PLAN_DUE_DAYS))
        .unwrap_or(NaiveDate::MIN)
}

/// The last day a review counts as due soon rather than later (see [`urgency`]).
pub fn due_soon_until(today: NaiveDate) -> NaiveDate {
    add_days(today, DUE_SOON_DAYS)
}

/// What makes a review due, besides the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Triggers {
    /// The day the person (or someone for them) asked for a review not yet held.
    pub requested_on: Option<NaiveDate>,
    /// The day a significant change was recorded, not yet reviewed.
    pub significant_change_on: Option<NaiveDate>,
}

/// The next review: when, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewDue {
    pub due_on: NaiveDate,
    pub kind: ReviewKind,
}

/// The next review due: the first review until one is completed, then the last completed
/// review plus the policy's months; a request or a significant change makes it due on the
/// day it happened if that is sooner (the stricter wins).
pub fn next_review(
    support_started_on: NaiveDate,
    last_completed_on: Option<NaiveDate>,
    triggers: Triggers,
    policy: ReviewPolicy,
) -> ReviewDue {
    let scheduled = match last_completed_on {
        None => ReviewDue {
            due_on: first_review_due_on(support_started_on),
            kind: ReviewKind::First,
        },
        Some(last) => ReviewDue {
            due_on: add_months(last, policy.interval_months),
            kind: ReviewKind::Scheduled,
        },
    };
    [
        triggers.significant_change_on.map(|on| ReviewDue {
            due_on: on,
            kind: ReviewKind::SignificantChange,
        }),
        triggers.requested_on.map(|on| ReviewDue {
            due_on: on,
            kind: ReviewKind::Requested,
        }),
    ]
    .into_iter()
    .flatten()
    .fold(scheduled, |soonest, due| {
        if due.due_on < soonest.due_on {
            due
        } else {
            soonest
        }
    })
}

crate::keyed_enum! {
    /// How pressing a due date is.
    pub enum Urgency {
        /// The day has passed.
        Overdue = "overdue",
        /// Due today or within 30 days.
        DueSoon = "due_soon",
        Later = "later",
    }
}

/// How pressing `due_on` is on `today`: due today counts as due soon, not overdue.
pub fn urgency(due_on: NaiveDate, today: NaiveDate) -> Urgency {
    if due_on < today {
        Urgency::Overdue
    } else if due_on <= due_soon_until(today) {
        Urgency::DueSoon
    } else {
        Urgency::Later
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    const SIX: ReviewPolicy = ReviewPolicy { interval_months: 6 };

    #[test]
    fn the_bounds_a_database_compares_with_say_what_the_rules_say() {
        let today = day("2027-03-01");
        let mut started = day("2026-12-01");
        while started < today {
            assert_eq!(
                plan_missing(started, false, today),
                started < plan_missing_before(today),
                "{started}"
            );
            started = started.succ_opt().unwrap();
        }
        let mut due = day("2027-02-20");
        while due < day("2027-04-15") {
            let soon = urgency(due, today) != Urgency::Later;
            assert_eq!(soon, due <= due_soon_until(today), "{due}");
            due = due.succ_opt().unwrap();
        }
    }

    #[test]
    fn the_plan_is_due_28_days_after_support_starts_across_month_and_year_ends() {
        assert_eq!(plan_due_on(day("2026-01-10")), day("2026-02-07"));
        assert_eq!(plan_due_on(day("2026-12-20")), day("2027-01-17"));
        assert_eq!(
            plan_due_on(day("2028-02-01")),
            day("2028-02-29"),
            "leap day"
        );
        assert_eq!(plan_due_on(day("2027-02-01")), day("2027-03-01"));
    }

    #[test]
    fn a_plan_is_missing_only_after_its_due_day_and_only_if_never_agreed() {
        let start = day("2026-11-01");
        assert!(!plan_missing(start, false, day("2026-11-29")), "due today");
        assert!(plan_missing(start, false, day("2026-11-30")));
        assert!(!plan_missing(start, true, day("2027-06-01")));
    }

    #[test]
    fn the_first_review_is_six_weeks_after_support_starts() {
        assert_eq!(first_review_due_on(day("2026-11-25")), day("2027-01-06"));
        assert_eq!(
            first_review_due_on(day("2028-01-20")),
            day("2028-03-02"),
            "over 29 February"
        );
        let due = next_review(day("2026-11-25"), None, Triggers::default(), SIX);
        assert_eq!(
            due,
            ReviewDue {
                due_on: day("2027-01-06"),
                kind: ReviewKind::First
            }
        );
    }

    #[test]
    fn later_reviews_keep_the_day_or_take_the_last_day_of_a_shorter_month() {
        let start = day("2026-01-01");
        let next = |last: &str, months| {
            next_review(
                start,
                Some(day(last)),
                Triggers::default(),
                ReviewPolicy {
                    interval_months: months,
                },
            )
            .due_on
        };
        assert_eq!(next("2026-03-15", 6), day("2026-09-15"));
        assert_eq!(next("2026-08-31", 6), day("2027-02-28"), "no 31 February");
        assert_eq!(next("2027-08-31", 6), day("2028-02-29"), "leap year");
        assert_eq!(next("2026-10-31", 1), day("2026-11-30"));
        assert_eq!(next("2026-12-31", 12), day("2027-12-31"));
        assert_eq!(next("2028-02-29", 12), day("2029-02-28"));
    }

    #[test]
    fn a_request_or_a_significant_change_makes_a_review_due_at_once_if_sooner() {
        let start = day("2026-01-01");
        let last = Some(day("2026-06-01"));
        let asked = Triggers {
            requested_on: Some(day("2026-07-10")),
            significant_change_on: None,
        };
        assert_eq!(
            next_review(start, last, asked, SIX),
            ReviewDue {
                due_on: day("2026-07-10"),
                kind: ReviewKind::Requested
            }
        );
        let both = Triggers {
            requested_on: Some(day("2026-07-10")),
            significant_change_on: Some(day("2026-07-02")),
        };
        assert_eq!(
            next_review(start, last, both, SIX).kind,
            ReviewKind::SignificantChange
        );
        // A request after the scheduled day changes nothing: that review is due first.
        let late = Triggers {
            requested_on: Some(day("2027-01-05")),
            significant_change_on: None,
        };
        assert_eq!(
            next_review(start, last, late, SIX),
            ReviewDue {
                due_on: day("2026-12-01"),
                kind: ReviewKind::Scheduled
            }
        );
    }

    #[test]
    fn an_organisation_sets_1_to_12_months() {
        assert_eq!(ReviewPolicy::default().interval_months, 6);
        assert!(ReviewPolicy::new(1).is_ok());
        assert!(ReviewPolicy::new(12).is_ok());
        for months in [0, 13, 24] {
            let error = ReviewPolicy::new(months).err();
            assert_eq!(
                error.map(|e| e.field),
                Some("review_interval_months".to_owned())
            );
        }
    }

    #[test]
    fn overdue_from_the_day_after_and_due_soon_within_30_days() {
        let today = day("2026-11-25");
        assert_eq!(urgency(day("2026-11-24"), today), Urgency::Overdue);
        assert_eq!(urgency(today, today), Urgency::DueSoon);
        assert_eq!(urgency(day("2026-12-25"), today), Urgency::DueSoon);
        assert_eq!(urgency(day("2026-12-26"), today), Urgency::Later);
    }

    #[test]
    fn the_day_is_the_organisations_own_across_midnight_and_summer_time() {
        let at = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc)
        };
        let london_summer = FixedOffset::east_opt(3600).unwrap();
        let utc = FixedOffset::east_opt(0).unwrap();
        // 23:30 UTC on 30 June is already 1 July in London (BST, UTC+1).
        assert_eq!(
            local_day(at("2026-06-30T23:30:00Z"), london_summer),
            day("2026-07-01")
        );
        assert_eq!(
            local_day(at("2026-06-30T23:30:00Z"), utc),
            day("2026-06-30")
        );
        // New Year's Eve in winter: London is on UTC.
        assert_eq!(
            local_day(at("2026-12-31T23:59:59Z"), utc),
            day("2026-12-31")
        );
        // Support that started just after midnight in BST is due 28 local days later.
        let started = local_day(at("2026-03-31T23:15:00Z"), london_summer);
        assert_eq!(started, day("2026-04-01"));
        assert_eq!(plan_due_on(started), day("2026-04-29"));
    }
}
