//! A review record (P15 to P18): why and when the review happened, Part 1 (what is working and
//! what is not, the person's views, progress on each goal) and Part 2 (the manager's outcome),
//! the plan version it led to and that version's signatures.

use ourplan_shared::picture_sort::Placement;
use ourplan_shared::review::Review;

use super::edition::Edition;
use super::sheet::{STANDARD, Sheet};

pub fn write(edition: &Edition, review: &Review) -> Sheet {
    let doc = &edition.doc;
    let mut sheet = Sheet::new(STANDARD);
    sheet.title(&format!("Review record: {}", edition.person_name()));
    sheet.bold(&format!(
        "{}, due on {}: {}.",
        review.kind.label(),
        edition.day(review.due_on),
        review.status.label().to_lowercase()
    ));
    sheet.paragraph(&format!("Plan: {}.", edition.version_line()));
    sheet.paragraph(&format!("{}.", edition.organisation));
    if review.requested_by.is_some() || review.request_reason.is_some() {
        sheet.section("Why the review was held early", |s| {
            s.field("Asked for by", &edition.name_of(review.requested_by));
            s.field(
                "Reason",
                review.request_reason.as_deref().unwrap_or_default(),
            );
        });
    }

    if let Some(part) = &review.part_one {
        sheet.section("Part 1: how the plan is working", |s| {
            s.field("What is working", &part.what_is_working);
            s.field("What is not working", &part.what_is_not_working);
            s.field("The person's views", &part.persons_views);
            s.field("Changes proposed", &part.proposed_changes);
            s.subsection("Progress on each goal", |s| {
                for progress in &review.goal_progress {
                    let goal = doc
                        .goals
                        .iter()
                        .find(|g| g.id == progress.goal_id)
                        .map_or("A goal no longer in the plan", |g| g.text.as_str());
                    s.bold(goal);
                    s.indented(&progress.progress);
                    if let Some(words) = progress.own_words.as_deref() {
                        s.indented(&format!("In my words: “{}”", words.trim()));
                    }
                }
            });
            let by = edition.name_of(part.completed_by);
            match part.submitted_at {
                Some(at) => s.paragraph(&format!(
                    "Part 1 written by {by}, sent to the manager on {}.",
                    edition.moment(at)
                )),
                None => s.paragraph(&format!("Part 1 is being written by {by}.")),
            }
        });
    }

    sheet.section("The person's views with pictures", |s| {
        for sort in &edition.picture_sorts {
            s.bold(&format!(
                "{}: sorted on {} with {}",
                sort.topic_words,
                edition.day(sort.sorted_at.date()),
                sort.sorted_by
            ));
            for place in Placement::ALL.iter().copied() {
                let labels = sort.placed(place);
                if !labels.is_empty() {
                    s.indented(&format!("{}: {}", place.label(), labels.join(", ")));
                }
            }
        }
    });

    if let Some(part) = &review.part_two {
        sheet.section("Part 2: the manager's review", |s| {
            s.field("Outcome", &part.outcome);
            s.field("Changes agreed", &part.changes_agreed);
            s.field(
                "Evidence that the plan is working",
                &part.effectiveness_evidence,
            );
            let by = edition.name_of(part.completed_by);
            if let Some(at) = part.completed_at {
                s.paragraph(&format!("Completed by {by} on {}.", edition.moment(at)));
            }
        });
        if let Some(version) = part
            .resulting_version_id
            .and_then(|id| doc.versions.iter().find(|v| v.id == id))
        {
            sheet.section("The plan after the review", |s| {
                s.paragraph(&format!(
                    "Version {} of the plan, agreed on {}.",
                    version.number,
                    edition.day_of(version.agreed_at)
                ));
                s.field("What changed", &version.change_summary);
            });
            let signed = edition.signatures_of(Some(version.id));
            sheet.section("Signatures", |s| {
                for signature in signed {
                    s.paragraph(&edition.signature_line(signature));
                }
            });
            return sheet;
        }
    }
    super::plan_standard::signatures(&mut sheet, edition);
    sheet
}
