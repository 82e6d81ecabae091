use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::{any, prop_assert, prop_assert_eq, proptest};
use uuid::Uuid;

use super::*;
use crate::consent::{
    AccessLevel, ConsentPurpose, PlanSection, sections_from_text, sections_to_text,
};
use crate::id::{ConsentId, DecisionId, FindingId, GoalId, PersonId, PlanId, StrategyId};
use crate::plan::{
    DecisionKind, FindingKind, FindingSource, GoalStatus, GoalTerm, ResponsibleParty,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn goal() -> Goal {
    Goal {
        id: GoalId(Uuid::nil()),
        plan_id: PlanId(Uuid::nil()),
        position: 0,
        term: GoalTerm::Short,
        text: "Catch the 42 bus to college on my own".to_owned(),
        own_words: Some("I want to go to college by myself".to_owned()),
        easy_read: None,
        picture: Some("bus".to_owned()),
        measure: "Trips made alone each week".to_owned(),
        baseline: "0 trips".to_owned(),
        target: "4 trips a week for a month".to_owned(),
        start_on: day(2026, 6, 1),
        due_on: day(2026, 12, 1),
        status: GoalStatus::InProgress,
        addresses: vec![FindingId(Uuid::nil())],
        row_version: 1,
    }
}

fn fields(problems: &[FieldError]) -> Vec<&str> {
    problems.iter().map(|p| p.field.as_str()).collect()
}

#[test]
fn a_smart_goal_is_valid() {
    assert_eq!(goal().problems(), vec![]);
}

#[test]
fn a_goal_without_measure_or_target_is_not_measurable() {
    let mut g = goal();
    g.measure = "  ".to_owned();
    g.target = String::new();
    let problems = g.problems();
    assert_eq!(fields(&problems), ["measure", "target"]);
    assert_eq!(problems[0].message, "Enter how progress will be measured.");
}

#[test]
fn a_goal_due_on_or_before_its_start_is_not_time_bound() {
    let mut g = goal();
    g.due_on = g.start_on;
    assert_eq!(fields(&g.problems()), ["due_on"]);
    g.due_on = g.start_on - Duration::days(1);
    assert_eq!(
        g.problems()[0].message,
        "The target date must be after the start date."
    );
}

#[test]
fn a_goal_must_address_a_need() {
    let mut g = goal();
    g.addresses.clear();
    assert_eq!(fields(&g.problems()), ["addresses"]);
}

#[test]
fn lengths_count_characters_not_bytes() {
    let mut g = goal();
    // 2,000 Welsh "ŵ" are 4,000 bytes but within the limit.
    g.text = "ŵ".repeat(limits::TEXT);
    assert!(g.problems().is_empty());
    g.text.push('ŵ');
    assert_eq!(
        g.problems()[0].message,
        "This must be 2000 characters or fewer (it has 2001)."
    );
}

#[test]
fn information_from_others_needs_consent() {
    let finding = Finding {
        id: FindingId(Uuid::nil()),
        plan_id: PlanId(Uuid::nil()),
        heading_id: crate::id::NeedsHeadingId(Uuid::nil()),
        kind: FindingKind::Need,
        position: 0,
        text: "Needs reminders to take tablets".to_owned(),
        own_words: None,
        easy_read: None,
        picture: None,
        source: FindingSource::FamilyOrAdvocate,
        with_consent: false,
        row_version: 1,
    };
    assert_eq!(fields(&finding.problems()), ["with_consent"]);
    let from_person = Finding {
        source: FindingSource::Individual,
        ..finding.clone()
    };
    assert!(from_person.problems().is_empty());
    let with_consent = Finding {
        with_consent: true,
        ..finding
    };
    assert!(with_consent.problems().is_empty());
}

#[test]
fn strategy_dates_and_budget() {
    let strategy = Strategy {
        id: StrategyId(Uuid::nil()),
        plan_id: PlanId(Uuid::nil()),
        goal_id: GoalId(Uuid::nil()),
        position: 0,
        text: "Travel training with Jordan".to_owned(),
        own_words: None,
        easy_read: None,
        picture: None,
        responsible: ResponsibleParty::Staff,
        responsible_name: "Jordan (key worker)".to_owned(),
        frequency: "Tuesdays and Thursdays".to_owned(),
        start_on: day(2026, 6, 1),
        end_on: Some(day(2026, 5, 31)),
        resources: String::new(),
        least_intrusive_reason: "Fades out as confidence grows".to_owned(),
        community_resource: None,
        budget_pence_per_month: Some(-1),
        self_managed: false,
        information_shared: true,
        row_version: 1,
    };
    assert_eq!(
        fields(&strategy.problems()),
        ["end_on", "budget_pence_per_month"]
    );
}

#[test]
fn a_resolved_disagreement_says_how_and_when() {
    let decision = Decision {
        id: DecisionId(Uuid::nil()),
        plan_id: PlanId(Uuid::nil()),
        kind: DecisionKind::Disagreement,
        text: "Alex's mum wants staff to hold Alex's money".to_owned(),
        own_words: None,
        picture: None,
        who: "Alex, Alex's mum, Priya".to_owned(),
        occurred_on: day(2026, 7, 1),
        evidence: String::new(),
        status: DecisionStatus::Resolved,
        resolution: None,
        resolved_on: Some(day(2026, 6, 30)),
        recorded_by: None,
        about: None,
        resolves: None,
        row_version: 1,
    };
    assert_eq!(fields(&decision.problems()), ["resolution", "resolved_on"]);
}

#[test]
fn best_interests_consent_names_the_decision_maker_and_reason() {
    let consent = Consent {
        id: ConsentId(Uuid::nil()),
        person_id: PersonId(Uuid::nil()),
        purpose: ConsentPurpose::ShareWith,
        party_name: "Morgan Rivers (sister)".to_owned(),
        party_user_id: None,
        sections: vec![PlanSection::Goals],
        access_level: AccessLevel::View,
        basis: ConsentBasis::BestInterests,
        decision_maker: None,
        best_interests_reason: Some(" ".to_owned()),
        given_at: Utc.with_ymd_and_hms(2026, 6, 1, 10, 0, 0).unwrap(),
        expires_on: Some(day(2026, 5, 1)),
        recorded_by: None,
        withdrawn_at: None,
        withdrawn_by: None,
        withdrawal_reason: None,
        given_how: None,
        witness: None,
    };
    assert_eq!(
        fields(&consent.problems()),
        ["decision_maker", "best_interests_reason", "expires_on"]
    );
}

#[test]
fn heading_keys_and_language_tags() {
    for key in ["health", "eating_and_drinking", "work_and_learning", "p2"] {
        assert!(is_heading_key(key), "{key}");
    }
    for key in [
        "",
        "h",
        "Health",
        "2health",
        "eating-and-drinking",
        "bwyd_a_diod_ŵ",
    ] {
        assert!(!is_heading_key(key), "{key}");
    }
    for tag in ["en", "en-GB", "cy", "pl", "zh-Hant-HK"] {
        assert!(is_language_tag(tag), "{tag}");
    }
    for tag in ["", "e", "english", "en_GB", "en-", "en-toolongsubtag"] {
        assert!(!is_language_tag(tag), "{tag}");
    }
}

#[test]
fn email_addresses_need_one_at_with_words_either_side() {
    for email in ["ada@brookside.example", "a.b+plans@example.org"] {
        assert!(is_email(email), "{email}");
    }
    for email in [
        "",
        "ada",
        "@example.org",
        "ada@",
        "ada@@example.org",
        "ada @example.org",
    ] {
        assert!(!is_email(email), "{email}");
    }
}

proptest! {
    #[test]
    fn any_text_is_checked_without_panicking(text in any::<String>(), own in proptest::option::of(any::<String>())) {
        let mut g = goal();
        g.text = text.clone();
        g.own_words = own;
        let problems = g.problems();
        let too_long = text.chars().count() > limits::TEXT;
        let blank = text.trim().is_empty();
        prop_assert_eq!(problems.iter().any(|p| p.field == "text"), too_long || blank);
    }

    #[test]
    fn a_goal_is_time_bound_exactly_when_due_after_start(start in 0i64..40_000, offset in -1_000i64..1_000) {
        let mut g = goal();
        g.start_on = day(1990, 1, 1) + Duration::days(start);
        g.due_on = g.start_on + Duration::days(offset);
        prop_assert_eq!(g.problems().iter().any(|p| p.field == "due_on"), offset <= 0);
    }

    #[test]
    fn heading_keys_accept_exactly_their_alphabet(key in "\\PC{0,50}") {
        let expected = (2..=40).contains(&key.len())
            && key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        prop_assert_eq!(is_heading_key(&key), expected);
    }

    #[test]
    fn generated_heading_keys_are_valid(key in "[a-z][a-z0-9_]{1,39}") {
        prop_assert!(is_heading_key(&key));
    }

    #[test]
    fn picture_keys_never_panic_and_reject_uppercase(key in "\\PC{0,80}") {
        let valid = is_picture_key(&key);
        if valid {
            prop_assert!(!key.chars().any(|c| c.is_uppercase()));
            prop_assert!(key.len() <= limits::PICTURE_KEY);
        }
    }

    #[test]
    fn sections_round_trip_through_storage(picks in proptest::collection::vec(0usize..PlanSection::ALL.len(), 0..12)) {
        let sections: Vec<PlanSection> = picks.iter().map(|&i| PlanSection::ALL[i]).collect();
        let mut expected = sections.clone();
        expected.sort();
        expected.dedup();
        prop_assert_eq!(sections_from_text(&sections_to_text(&sections)), Some(expected));
    }
}

#[test]
fn unknown_stored_sections_are_refused() {
    assert_eq!(sections_from_text("goals,secrets"), None);
    assert_eq!(sections_from_text(""), Some(vec![]));
}
