//! The person's own copy in easy read: large type, a picture to the left of every point, short
//! lines, black on white, and the person's own words first with the staff wording after them.

use ourplan_shared::pictures;

use super::edition::Edition;
use super::sheet::{EASY_READ, Sheet};

/// The picture for a point: the one chosen, else one suggested from its words, else a general one.
fn picture_for(chosen: Option<&str>, words: &str, general: &'static str) -> String {
    chosen
        .filter(|key| pictures::find(key).is_some())
        .or_else(|| pictures::suggest(words))
        .unwrap_or(general)
        .to_owned()
}

/// The person's words first; the staff wording after, when it says something else.
fn words_first(own: Option<&str>, staff: &str) -> (String, String) {
    match own.map(str::trim).filter(|w| !w.is_empty()) {
        Some(own) if own != staff.trim() => {
            (own.to_owned(), format!("Staff wrote: {}", staff.trim()))
        }
        Some(own) => (own.to_owned(), String::new()),
        None => (staff.trim().to_owned(), String::new()),
    }
}

pub fn write(edition: &Edition) -> Sheet {
    let doc = &edition.doc;
    let mut sheet = Sheet::new(EASY_READ);
    sheet.title("My support plan");
    sheet.point(
        "plan",
        &[
            &format!("This is the plan of {}.", edition.person_name()),
            &format!("{}.", edition.version_line()),
        ],
    );

    let profile = &doc.profile;
    sheet.section("About me", |s| {
        if let Some(own) = profile.own_words.as_deref() {
            s.point(
                &picture_for(profile.picture.as_deref(), own, "person"),
                &["In my own words", own],
            );
        }
        let parts = [
            (
                "What is important to me",
                &profile.important_to_me,
                "important",
            ),
            ("What people like about me", &profile.like_about_me, "smile"),
            ("How to support me", &profile.how_to_support_me, "meet"),
            ("My hopes", &profile.aspirations, "star"),
        ];
        for (label, text, general) in parts {
            s.point(&picture_for(None, text, general), &[label, text]);
        }
    });

    sheet.section("What I need help with", |s| {
        let mut headings: Vec<_> = doc.headings.iter().collect();
        headings.sort_by_key(|h| h.position);
        for heading in headings {
            let general = pictures::for_heading(&heading.key).unwrap_or("idea");
            s.subsection(&heading.label, |s| {
                for finding in doc.findings.iter().filter(|f| f.heading_id == heading.id) {
                    let (first, then) = words_first(finding.own_words.as_deref(), &finding.text);
                    let picture = picture_for(finding.picture.as_deref(), &finding.text, general);
                    s.point(&picture, &[&first, &then]);
                }
            });
        }
    });

    sheet.section("My goals", |s| {
        for goal in &doc.goals {
            let (first, then) = words_first(goal.own_words.as_deref(), &goal.text);
            s.point(
                &picture_for(goal.picture.as_deref(), &goal.text, "target"),
                &[
                    &first,
                    &then,
                    &format!("I will know I did it when: {}", goal.target.trim()),
                    &format!("By {}.", edition.day(goal.due_on)),
                ],
            );
            for strategy in doc.strategies.iter().filter(|st| st.goal_id == goal.id) {
                let (first, then) = words_first(strategy.own_words.as_deref(), &strategy.text);
                let who = if strategy.responsible_name.trim().is_empty() {
                    strategy.responsible.label().to_owned()
                } else {
                    strategy.responsible_name.trim().to_owned()
                };
                s.point(
                    &picture_for(strategy.picture.as_deref(), &strategy.text, "meet"),
                    &[
                        &first,
                        &then,
                        &format!("Who helps: {who}."),
                        &format!("How often: {}.", strategy.frequency.trim()),
                    ],
                );
            }
        }
    });

    sheet.section("Staying safe", |s| {
        for risk in &doc.risks {
            let (first, then) = words_first(risk.own_words.as_deref(), &risk.activity);
            s.point(
                &picture_for(risk.picture.as_deref(), &risk.activity, "safe"),
                &[
                    &first,
                    &then,
                    &format!("What could go wrong: {}", risk.hazards.trim()),
                    &format!("What keeps me safe: {}", risk.safety_measures.trim()),
                    &format!("My choice: {}", risk.persons_choice.trim()),
                ],
            );
        }
    });

    sheet.section("Things I want that cannot happen yet", |s| {
        for wish in &doc.wishes_not_met {
            let (first, then) = words_first(wish.own_words.as_deref(), &wish.text);
            s.point(
                &picture_for(wish.picture.as_deref(), &wish.text, "star"),
                &[
                    &first,
                    &then,
                    &format!("Why not now: {}", wish.reason.trim()),
                    &format!("What happens next: {}", wish.next_steps.trim()),
                ],
            );
        }
    });

    let signed = edition.signatures();
    sheet.section("Who signed my plan", |s| {
        if !edition.signatures_shared {
            s.point(
                "page",
                &["Who signed is not in the parts of the plan shared with you."],
            );
            return;
        }
        if signed.is_empty() {
            s.point("page", &["Nobody has signed this version yet."]);
        }
        for signature in signed {
            s.point("done", &[&edition.signature_line(signature)]);
        }
    });
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_persons_words_come_first() {
        assert_eq!(
            words_first(Some("I want to swim"), "Swimming weekly"),
            (
                "I want to swim".into(),
                "Staff wrote: Swimming weekly".into()
            )
        );
        assert_eq!(
            words_first(Some("  "), "Swimming weekly"),
            ("Swimming weekly".into(), String::new())
        );
    }

    #[test]
    fn every_point_gets_a_picture() {
        assert_eq!(picture_for(Some("bus"), "anything", "star"), "bus");
        assert_eq!(picture_for(Some("../../etc"), "zzz", "star"), "star");
        assert_eq!(picture_for(None, "Take my medicine", "star"), "medicine");
    }

    #[test]
    fn the_general_pictures_are_in_the_vocabulary() {
        for general in [
            "person",
            "important",
            "smile",
            "meet",
            "star",
            "idea",
            "target",
            "safe",
            "page",
            "done",
            "plan",
        ] {
            assert!(pictures::find(general).is_some(), "{general}");
        }
    }
}
