//! The evidence report of actions, decisions and disagreements: each with who, when, the
//! evidence, and how it was resolved; open disagreements first so nothing waits unseen.

use ourplan_shared::plan::{Decision, DecisionKind, DecisionStatus};

use super::edition::Edition;
use super::sheet::{STANDARD, Sheet};

pub fn write(edition: &Edition) -> Sheet {
    let doc = &edition.doc;
    let mut sheet = Sheet::new(STANDARD);
    sheet.title(&format!(
        "Actions, decisions and disagreements: {}",
        edition.person_name()
    ));
    sheet.bold(&format!("Plan: {}.", edition.version_line()));
    sheet.paragraph(&format!("{}.", edition.organisation));
    // An entry that resolves a disagreement is shown with it, as how it was resolved, and is
    // not counted or listed again.
    let entries: Vec<&Decision> = doc
        .decisions
        .iter()
        .filter(|d| d.resolves.is_none())
        .collect();
    let count = |kind: DecisionKind, status: Option<DecisionStatus>| {
        entries
            .iter()
            .filter(|d| d.kind == kind && status.is_none_or(|s| d.status == s))
            .count()
    };
    sheet.paragraph(&format!(
        "{} actions, {} decisions and {} disagreements recorded; {} disagreements resolved and {} still open.",
        count(DecisionKind::Action, None),
        count(DecisionKind::Decision, None),
        count(DecisionKind::Disagreement, None),
        count(DecisionKind::Disagreement, Some(DecisionStatus::Resolved)),
        count(DecisionKind::Disagreement, Some(DecisionStatus::Open)),
    ));
    if entries.is_empty() {
        sheet.paragraph("Nothing has been recorded yet.");
    }
    for (kind, heading) in [
        (DecisionKind::Disagreement, "Disagreements"),
        (DecisionKind::Decision, "Decisions"),
        (DecisionKind::Action, "Actions"),
    ] {
        let mut of_kind: Vec<&Decision> =
            entries.iter().copied().filter(|d| d.kind == kind).collect();
        // Open ones first, then the newest.
        of_kind.sort_by_key(|d| {
            (
                d.status == DecisionStatus::Resolved,
                std::cmp::Reverse(d.occurred_on),
            )
        });
        sheet.section(heading, |s| {
            for decision in of_kind {
                entry(s, edition, decision);
            }
        });
    }
    super::plan_standard::signatures(&mut sheet, edition);
    sheet
}

fn entry(s: &mut Sheet, edition: &Edition, decision: &Decision) {
    s.subsection(
        &format!("{}: {}", edition.day(decision.occurred_on), decision.text),
        |s| {
            if let Some(about) = decision.about_text() {
                s.field("About", about);
            }
            s.field("Who", &decision.who);
            if let Some(words) = decision.own_words.as_deref() {
                s.field("In the person's words", words);
            }
            s.field("Evidence", &decision.evidence);
            match decision.status {
                DecisionStatus::Open => s.field("Status", "Open: not resolved yet."),
                DecisionStatus::Resolved => {
                    let on = decision
                        .resolved_on
                        .map(|day| format!(" on {}", edition.day(day)))
                        .unwrap_or_default();
                    s.field(
                        &format!("How it was resolved{on}"),
                        decision
                            .resolution
                            .as_deref()
                            .unwrap_or("Resolved; how was not recorded."),
                    );
                }
            }
            s.field("Recorded by", &edition.name_of(decision.recorded_by));
        },
    );
}
