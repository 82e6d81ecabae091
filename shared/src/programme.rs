//! The review programme for managers: every plan's review status on their teams —
//! plans missing at 28 days, first reviews due, reviews overdue or due in the next 30 days,
//! Part 2 waiting, and staff who have not read the latest agreed version — with counts.
//! What each row needs is worked out here from the plain facts the server loads, so the
//! rules are the timescales' own and can be tested on their edges.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{PersonId, TeamId};
use crate::plan::PlanStatus;
use crate::review::{ReviewKind, ReviewStatus};
use crate::timescale::{
    ReviewDue, ReviewPolicy, Triggers, Urgency, next_review, plan_due_on, plan_missing, urgency,
};

crate::keyed_enum! {
    /// What needs a manager's attention about one plan.
    pub enum Attention {
        PlanMissing = "plan_missing",
        FirstReviewDue = "first_review_due",
        Overdue = "overdue",
        DueSoon = "due_soon",
        PartTwoWaiting = "part_two_waiting",
        NotRead = "not_read",
    }
}

impl Attention {
    pub fn label(self) -> &'static str {
        match self {
            Self::PlanMissing => "Plans missing at 28 days",
            Self::FirstReviewDue => "First reviews due",
            Self::Overdue => "Reviews overdue",
            Self::DueSoon => "Reviews due in the next 30 days",
            Self::PartTwoWaiting => "Part 2 waiting",
            Self::NotRead => "Latest version not read by all staff",
        }
    }
}

crate::keyed_enum! {
    pub enum ProgrammeSort {
        /// The next review due first.
        Due = "due",
        Name = "name",
        Team = "team",
    }
}

/// The facts about one person's plan that the programme is worked out from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFacts {
    pub support_started_on: NaiveDate,
    pub current_version: Option<i32>,
    /// The day the last review was completed.
    pub last_review_on: Option<NaiveDate>,
    /// The review under way: its kind, stage and due day.
    pub open_review: Option<(ReviewKind, ReviewStatus, NaiveDate)>,
    /// Staff on the team who have not read the latest agreed version.
    pub not_read_by: Vec<String>,
}

/// One person's line in the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeRow {
    pub person_id: PersonId,
    pub person_name: String,
    pub team_id: TeamId,
    pub team_name: String,
    pub key_worker: Option<String>,
    pub plan_status: PlanStatus,
    pub current_version: Option<i32>,
    /// When the detailed plan is (or was) due.
    pub plan_due_on: NaiveDate,
    pub next_review: ReviewDue,
    pub urgency: Urgency,
    /// The stage of a review under way.
    pub review_stage: Option<ReviewStatus>,
    pub not_read_by: Vec<String>,
    pub attention: Vec<Attention>,
}

/// How many plans need each kind of attention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeCount {
    pub attention: Option<Attention>,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamName {
    pub id: TeamId,
    pub name: String,
}

/// `GET /api/v1/review-programme`: the counts, and one page of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewProgramme {
    /// The organisation's day the programme was worked out for.
    pub today: NaiveDate,
    /// The manager's teams, to filter by.
    pub teams: Vec<TeamName>,
    /// Counts for the teams shown (all people, then each kind of attention), whatever the
    /// attention filter and page.
    pub counts: Vec<ProgrammeCount>,
    /// This page's rows, at most [`PAGE_SIZE`].
    pub rows: Vec<ProgrammeRow>,
    /// Rows matching the filters, on every page.
    pub total: u64,
    /// This page, from 1.
    pub page: u32,
    /// Pages in all (at least 1).
    pub pages: u32,
}

/// Rows on one page of the programme, as on the caseload.
pub const PAGE_SIZE: u32 = crate::caseload::PAGE_SIZE;

/// When a plan's next review is due: the review under way when there is one, else by the
/// timescales from the last completed review. The person's overview and the review
/// programme both show this date.
pub fn next_review_due(facts: &PlanFacts, policy: ReviewPolicy) -> ReviewDue {
    match facts.open_review {
        // A review under way is due when it was set to be.
        Some((kind, _, due_on)) => ReviewDue { due_on, kind },
        None => next_review(
            facts.support_started_on,
            facts.last_review_on,
            Triggers::default(),
            policy,
        ),
    }
}

/// When a plan's next review is due, how pressing it is, and what needs attention.
pub fn assess(
    facts: &PlanFacts,
    policy: ReviewPolicy,
    today: NaiveDate,
) -> (ReviewDue, Urgency, Vec<Attention>) {
    let due = next_review_due(facts, policy);
    let (how_soon, attention) = attention(due, facts, today);
    (due, how_soon, attention)
}

/// How pressing a plan's next review `due` is and what needs attention. The server's SQL
/// filters and counts (`db::model::programme`) say the same in SQL; the API tests hold the
/// two to each other.
pub fn attention(due: ReviewDue, facts: &PlanFacts, today: NaiveDate) -> (Urgency, Vec<Attention>) {
    let how_soon = urgency(due.due_on, today);
    let mut attention = Vec::new();
    if plan_missing(
        facts.support_started_on,
        facts.current_version.is_some(),
        today,
    ) {
        attention.push(Attention::PlanMissing);
    }
    let waiting = matches!(
        facts.open_review,
        Some((_, ReviewStatus::AwaitingPartTwo, _))
    );
    if !waiting {
        if due.kind == ReviewKind::First && how_soon != Urgency::Later {
            attention.push(Attention::FirstReviewDue);
        }
        match how_soon {
            Urgency::Overdue => attention.push(Attention::Overdue),
            Urgency::DueSoon => attention.push(Attention::DueSoon),
            Urgency::Later => {}
        }
    } else {
        attention.push(Attention::PartTwoWaiting);
    }
    if !facts.not_read_by.is_empty() {
        attention.push(Attention::NotRead);
    }
    (how_soon, attention)
}

/// The counts: everyone (`people`), then each kind of attention in [`Attention::ALL`]'s order.
pub fn counts(people: usize, each: [usize; Attention::ALL.len()]) -> Vec<ProgrammeCount> {
    let mut counts = vec![ProgrammeCount {
        attention: None,
        label: "People".to_owned(),
        count: people,
    }];
    counts.extend(
        Attention::ALL
            .iter()
            .zip(each)
            .map(|(&a, count)| ProgrammeCount {
                attention: Some(a),
                label: a.label().to_owned(),
                count,
            }),
    );
    counts
}

/// When the detailed plan is due, for a row.
pub fn plan_due(facts: &PlanFacts) -> NaiveDate {
    plan_due_on(facts.support_started_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn facts(started: &str) -> PlanFacts {
        PlanFacts {
            support_started_on: day(started),
            current_version: None,
            last_review_on: None,
            open_review: None,
            not_read_by: Vec::new(),
        }
    }

    const SIX: ReviewPolicy = ReviewPolicy { interval_months: 6 };

    #[test]
    fn a_new_person_needs_a_plan_by_28_days_and_a_first_review_by_6_weeks() {
        let today = day("2026-11-25");
        let (due, how_soon, attention) = assess(&facts("2026-11-20"), SIX, today);
        assert_eq!(due.kind, ReviewKind::First);
        assert_eq!(due.due_on, day("2027-01-01"));
        assert_eq!(how_soon, Urgency::Later);
        assert!(attention.is_empty());
        let (_, _, attention) = assess(&facts("2026-10-20"), SIX, today);
        assert_eq!(
            attention,
            [
                Attention::PlanMissing,
                Attention::FirstReviewDue,
                Attention::DueSoon
            ]
        );
        let (_, _, attention) = assess(&facts("2026-09-01"), SIX, today);
        assert_eq!(
            attention,
            [
                Attention::PlanMissing,
                Attention::FirstReviewDue,
                Attention::Overdue
            ]
        );
    }

    #[test]
    fn an_agreed_plan_reviewed_in_june_is_due_in_december() {
        let today = day("2026-11-25");
        let mut f = facts("2026-01-01");
        f.current_version = Some(2);
        f.last_review_on = Some(day("2026-06-10"));
        let (due, how_soon, attention) = assess(&f, SIX, today);
        assert_eq!(
            due,
            ReviewDue {
                due_on: day("2026-12-10"),
                kind: ReviewKind::Scheduled
            }
        );
        assert_eq!(how_soon, Urgency::DueSoon);
        assert_eq!(attention, [Attention::DueSoon]);
    }

    #[test]
    fn a_review_asked_for_is_due_at_once_and_part_2_waiting_is_its_own_column() {
        let today = day("2026-11-25");
        let mut f = facts("2026-01-01");
        f.current_version = Some(1);
        f.last_review_on = Some(day("2026-06-10"));
        f.open_review = Some((
            ReviewKind::Requested,
            ReviewStatus::PartOne,
            day("2026-11-20"),
        ));
        let (due, how_soon, attention) = assess(&f, SIX, today);
        assert_eq!(due.kind, ReviewKind::Requested);
        assert_eq!(how_soon, Urgency::Overdue);
        assert_eq!(attention, [Attention::Overdue]);
        f.open_review = Some((
            ReviewKind::Requested,
            ReviewStatus::AwaitingPartTwo,
            day("2026-11-20"),
        ));
        f.not_read_by = vec!["Jordan Bell".to_owned()];
        let (_, _, attention) = assess(&f, SIX, today);
        assert_eq!(attention, [Attention::PartTwoWaiting, Attention::NotRead]);
    }
}
