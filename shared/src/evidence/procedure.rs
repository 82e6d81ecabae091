//! The support planning and review procedure's rules, by name, each beside the rule that
//! reads the plan's records for it, on the timescales of `crate::timescale`.

use super::Criterion;
use super::rule::{Outcome, Records, evidenced, fact, link, missing, not_yet, review_link};
use super::standard::disagreements_resolved;
use crate::review::{Review, ReviewKind, ReviewStatus};
use crate::timescale::{self, Triggers};

/// The procedure's rules, in the report's order.
pub const PROCEDURE: &[Criterion] = &[
    Criterion {
        code: "28-day plan",
        text: "A detailed support plan is in place within the first 28 days of support.",
        rule: agreed_within_28_days,
    },
    Criterion {
        code: "First review at 6 weeks",
        text: "The plan is first reviewed 6 weeks after support starts.",
        rule: first_review_held,
    },
    Criterion {
        code: "Reviews on time",
        text: "The plan is reviewed at least as often as the organisation's policy (at most every 6 months).",
        rule: reviews_on_time,
    },
    Criterion {
        code: "Two-part review",
        text: "Part 1 by a support worker, Part 2 by a team manager or reviewing officer.",
        rule: reviews_in_two_parts,
    },
    Criterion {
        code: "Wishes not met recorded",
        text: "Where the person's wishes cannot be met, this is recorded with the right to appeal.",
        rule: wishes_with_appeal,
    },
    Criterion {
        code: "Disagreements resolved",
        text: "Disagreements about the plan are recorded and resolved.",
        rule: disagreements_resolved,
    },
    Criterion {
        code: "Signatures",
        text: "The plan in force is signed by the person (or their representative) and staff.",
        rule: signed_by_person_and_staff,
    },
];

fn agreed_within_28_days(r: &Records<'_>) -> Outcome {
    let due = timescale::plan_due_on(r.doc.person.support_started_on);
    let first_agreed = r.doc.versions.iter().min_by_key(|v| v.number);
    match first_agreed {
        Some(v) if v.agreed_at.date_naive() <= due => evidenced(
            format!("Agreed on {}, by {due}.", v.agreed_at.date_naive()),
            vec![fact(format!("Version {} agreed", v.number))],
        ),
        Some(v) => missing(format!(
            "Agreed on {}, after the 28 days ended on {due}.",
            v.agreed_at.date_naive()
        )),
        None if r.today <= due => not_yet(format!("Due by {due}.")),
        None => missing(format!("No plan was agreed by {due}.")),
    }
}

fn first_review_held(r: &Records<'_>) -> Outcome {
    let due = timescale::first_review_due_on(r.doc.person.support_started_on);
    let held = r.doc.reviews.iter().find(|review| {
        review.kind == ReviewKind::First && review.status == ReviewStatus::Completed
    });
    match held {
        Some(review) => evidenced("The first review was held.", vec![review_link(review)]),
        None if r.today <= due => not_yet(format!("Due by {due}.")),
        None => missing(format!("The first review was due by {due}.")),
    }
}

fn completed_on(review: &Review) -> Option<chrono::NaiveDate> {
    review
        .part_two
        .as_ref()
        .and_then(|p| p.completed_at)
        .map(|at| at.date_naive())
}

fn reviews_on_time(r: &Records<'_>) -> Outcome {
    let completed = r.completed_reviews();
    let last = completed
        .iter()
        .filter_map(|review| completed_on(review))
        .max();
    let due = timescale::next_review(
        r.doc.person.support_started_on,
        last,
        Triggers::default(),
        r.policy,
    )
    .due_on;
    if r.today > due {
        return missing(format!("A review was due by {due}."));
    }
    match last {
        Some(on) => evidenced(
            format!("Last reviewed on {on}; next due by {due}."),
            completed.into_iter().map(review_link).collect(),
        ),
        None => not_yet(format!("The first review is due by {due}.")),
    }
}

fn reviews_in_two_parts(r: &Records<'_>) -> Outcome {
    let completed = r.completed_reviews();
    if completed.is_empty() {
        return not_yet("No review has been completed yet.");
    }
    let whole: Vec<_> = completed
        .iter()
        .filter(|review| {
            review
                .part_one
                .as_ref()
                .is_some_and(|p| p.submitted_at.is_some())
                && completed_on(review).is_some()
        })
        .map(|review| review_link(review))
        .collect();
    if whole.len() == completed.len() {
        evidenced("Every completed review has Part 1 and Part 2.", whole)
    } else {
        missing("A completed review lacks Part 1 or Part 2.")
    }
}

fn wishes_with_appeal(r: &Records<'_>) -> Outcome {
    let wishes = &r.doc.wishes_not_met;
    if wishes.is_empty() {
        return not_yet("No wish that cannot be met is recorded.");
    }
    let unexplained = wishes.iter().filter(|w| !w.appeal_explained).count();
    if unexplained > 0 {
        return missing(format!(
            "For {unexplained} wish(es) the right to appeal has not been explained."
        ));
    }
    evidenced(
        "Each is recorded with why, and the right to appeal was explained.",
        wishes
            .iter()
            .map(|w| link(format!("Wish: {}", w.text), "wishes", w.id))
            .collect(),
    )
}

fn signed_by_person_and_staff(r: &Records<'_>) -> Outcome {
    let Some(version) = r.current_version_id() else {
        return missing("The plan has not been agreed and signed yet.");
    };
    let signatures: Vec<_> = r
        .doc
        .signatures
        .iter()
        .filter(|s| s.plan_version_id == Some(version))
        .collect();
    let by_person = signatures.iter().any(|s| s.signer_role.is_the_persons());
    let by_staff = signatures.iter().any(|s| s.signer_role.is_staffs());
    if !(by_person && by_staff) {
        return missing("The plan in force lacks a signature from the person or from staff.");
    }
    evidenced(
        "The plan in force is signed by the person and by staff.",
        signatures
            .iter()
            .map(|s| fact(format!("{} ({})", s.signer_name, s.signer_role.label())))
            .collect(),
    )
}
