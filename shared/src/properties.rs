//! Property tests for the parsers and rules in this crate: whatever the input, nothing panics,
//! what is written can be read back, and the rules keep their promises.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::consent::{AccessLevel, PlanSection};
use crate::display::DisplayMode;
use crate::feedback::{FeedbackAbout, FeedbackInput, FeedbackKind};
use crate::id::{GoalId, PersonId};
use crate::merge::combine;
use crate::plan::overview::shorten;
use crate::plan::{DecisionKind, FindingSource, GoalStatus, PlanStatus, RiskLevel};
use crate::programme::{Attention, PlanFacts, assess};
use crate::review::{
    NewReview, PartOneInput, PartTwoInput, ReviewKind, ReviewRequest, ReviewStatus,
};
use crate::role::Role;
use crate::timescale::{ReviewPolicy, Triggers, Urgency, add_months, next_review, urgency};
use crate::validation::Validate;

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (0i64..80_000)
        .prop_map(|n| NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(n as u64))
}

/// Every keyed enum: its key reads back to it, as text and as JSON; no other text does.
macro_rules! keys_round_trip {
    ($($name:ident: $enum:ty),+ $(,)?) => {$(
        proptest! {
            #[test]
            fn $name(text in "\\PC{0,24}") {
                for &value in <$enum>::ALL {
                    prop_assert_eq!(<$enum>::from_key(value.key()), Some(value));
                    let json = serde_json::to_value(value).unwrap();
                    prop_assert_eq!(json, json!(value.key()));
                }
                if let Some(found) = <$enum>::from_key(&text) {
                    prop_assert_eq!(found.key(), text.as_str());
                }
            }
        }
    )+};
}

keys_round_trip!(
    role_keys: Role,
    section_keys: PlanSection,
    level_keys: AccessLevel,
    mode_keys: DisplayMode,
    status_keys: PlanStatus,
    goal_status_keys: GoalStatus,
    source_keys: FindingSource,
    risk_keys: RiskLevel,
    decision_keys: DecisionKind,
    review_kind_keys: ReviewKind,
    review_status_keys: ReviewStatus,
    feedback_kind_keys: FeedbackKind,
    attention_keys: Attention,
);

proptest! {
    #[test]
    fn ids_read_back_and_nothing_else_is_one(bytes in any::<[u8; 16]>(), text in "\\PC{0,40}") {
        let id = GoalId(uuid::Uuid::from_bytes(bytes));
        prop_assert_eq!(GoalId::parse(&id.to_string()), Some(id));
        if let Some(parsed) = PersonId::parse(&text) {
            prop_assert_eq!(parsed.to_string(), text.to_lowercase());
        }
    }

    #[test]
    fn adding_months_lands_in_the_right_month_on_the_day_or_the_months_last(
        day in any_day(), months in 0u32..=24
    ) {
        let later = add_months(day, months);
        let month_index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        prop_assert_eq!(month_index(later) - month_index(day), months as i32);
        prop_assert!(later.day() <= day.day());
        if later.day() < day.day() {
            // Only a shorter month cuts the day, to its last day.
            prop_assert_eq!((later + chrono::Days::new(1)).day(), 1);
        }
    }

    #[test]
    fn the_next_review_is_never_later_than_the_calendar_says(
        start in any_day(), gap in 0u64..2_000, months in 1u32..=12,
        asked in proptest::option::of(0u64..3_000), changed in proptest::option::of(0u64..3_000),
    ) {
        let policy = ReviewPolicy::new(months).unwrap();
        let reviewed = start + chrono::Days::new(gap);
        let last = Some(reviewed);
        let plain = next_review(start, last, Triggers::default(), policy);
        let triggers = Triggers {
            requested_on: asked.map(|d| start + chrono::Days::new(d)),
            significant_change_on: changed.map(|d| start + chrono::Days::new(d)),
        };
        let due = next_review(start, last, triggers, policy);
        prop_assert!(due.due_on <= plain.due_on);
        prop_assert_eq!(plain.due_on, add_months(reviewed, months));
    }

    #[test]
    fn urgency_only_grows_as_the_days_pass(due in any_day(), a in 0u64..400, b in 0u64..400) {
        let rank = |u: Urgency| match u { Urgency::Later => 0, Urgency::DueSoon => 1, Urgency::Overdue => 2 };
        let base = due - chrono::Days::new(200);
        let (early, late) = (base + chrono::Days::new(a.min(b)), base + chrono::Days::new(a.max(b)));
        prop_assert!(rank(urgency(due, early)) <= rank(urgency(due, late)));
    }

    #[test]
    fn a_plan_waiting_for_part_2_is_never_counted_as_due_too(
        start in any_day(), version in proptest::option::of(1i32..5), waiting in any::<bool>(), gap in 0u64..900,
    ) {
        let today = start + chrono::Days::new(gap);
        let stage = if waiting { ReviewStatus::AwaitingPartTwo } else { ReviewStatus::PartOne };
        let facts = PlanFacts {
            support_started_on: start,
            current_version: version,
            last_review_on: None,
            open_review: Some((ReviewKind::Requested, stage, start)),
            not_read_by: Vec::new(),
        };
        let (_, _, attention) = assess(&facts, ReviewPolicy::default(), today);
        if waiting {
            prop_assert!(attention.contains(&Attention::PartTwoWaiting));
            prop_assert!(!attention.contains(&Attention::Overdue) && !attention.contains(&Attention::DueSoon));
        }
    }

    #[test]
    fn combining_keeps_every_change_that_is_only_on_one_side(
        opened in proptest::collection::vec(0u8..4, 3), mine in proptest::collection::vec(0u8..4, 3),
        theirs in proptest::collection::vec(0u8..4, 3),
    ) {
        let fields = ["a", "b", "c"];
        let record = |values: &[u8]| -> Map<String, Value> {
            fields.iter().zip(values).map(|(f, v)| ((*f).to_owned(), json!(v))).collect()
        };
        let (o, m, t) = (record(&opened), record(&mine), record(&theirs));
        let combined = combine(&o, &m, &t, &fields);
        for (i, field) in fields.iter().enumerate() {
            let clash = combined.clashes.iter().any(|c| c.field == *field);
            if mine[i] == opened[i] {
                prop_assert_eq!(&combined.record[*field], &json!(theirs[i]));
            } else if theirs[i] == opened[i] || theirs[i] == mine[i] {
                prop_assert_eq!(&combined.record[*field], &json!(mine[i]));
            } else {
                prop_assert!(clash);
                prop_assert_eq!(&combined.resolved(|_| true)[*field], &json!(mine[i]));
                prop_assert_eq!(&combined.resolved(|_| false)[*field], &json!(theirs[i]));
            }
        }
    }

    #[test]
    fn shortening_never_panics_and_keeps_within_bounds(text in "\\PC{0,200}", max in 1usize..120) {
        let short = shorten(&text, max);
        prop_assert!(short.chars().count() <= max + 1);
    }

    #[test]
    fn the_review_and_feedback_inputs_are_checked_without_panicking(
        text in "\\PC{0,40}", long in 0usize..12_000, flag in any::<bool>(),
    ) {
        let big = "x".repeat(long);
        let part_one = PartOneInput {
            what_is_working: text.clone(),
            what_is_not_working: big.clone(),
            persons_views: text.clone(),
            proposed_changes: String::new(),
            goal_progress: Vec::new(),
        };
        let _ = part_one.problems();
        let _ = part_one.submission_problems(&[]);
        let part_two = PartTwoInput { outcome: big.clone(), changes_agreed: text.clone(), effectiveness_evidence: text.clone() };
        prop_assert_eq!(part_two.problems().is_empty(), long <= 10_000);
        let _ = part_two.completion_problems();
        let _ = NewReview { significant_change: flag, reason: Some(text.clone()) }.problems();
        let _ = ReviewRequest { reason: Some(big.clone()) }.problems();
        let feedback = FeedbackInput { kind: FeedbackKind::Comment, about: FeedbackAbout::Plan, text: text.clone(), picture: None };
        prop_assert_eq!(feedback.problems().is_empty(), !text.trim().is_empty());
    }
}

proptest! {
    #[test]
    fn the_plain_language_check_takes_any_text(text in "\\PC{0,400}") {
        let report = crate::plain_language::check(&text);
        if let Some(score) = report.reading_ease {
            prop_assert!((0.0..=100.0).contains(&score));
        }
        for sentence in &report.long_sentences {
            prop_assert!(crate::plain_language::words(sentence).len() > crate::plain_language::LONGEST_SENTENCE);
        }
    }
}
