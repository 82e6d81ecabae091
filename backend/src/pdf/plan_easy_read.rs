//! The person's own copy in easy read: large type, a picture to the left of every point, short
//! lines, black on white, and the person's own words first with the staff wording after them.

use ourplan_shared::consent::PlanSection;
use ourplan_shared::media::MediaKind;
use ourplan_shared::pictures;

use super::edition::Edition;
use super::sheet::{EASY_READ, Sheet};

/// A point with what the person added to it: their recordings said as lines ("I recorded this
/// on 3 May 2027."), their photos under it.
fn point(
    s: &mut Sheet,
    edition: &Edition,
    at: (PlanSection, Option<String>),
    picture: &str,
    lines: &[&str],
) {
    let added: Vec<_> = edition
        .media
        .iter()
        .map(|m| &m.media)
        .filter(|m| m.is_on(at.0, at.1.as_deref()))
        .collect();
    let recorded: Vec<String> = added
        .iter()
        .filter(|m| m.kind == MediaKind::Recording)
        .map(|m| {
            format!(
                "I recorded this on {}.",
                edition.day_of(m.added_at.and_utc())
            )
        })
        .collect();
    let mut all = lines.to_vec();
    all.extend(recorded.iter().map(String::as_str));
    s.point(picture, &all);
    for photo in added.iter().filter(|m| m.kind == MediaKind::Photo) {
        s.photo(
            &photo.id,
            (photo.width.unwrap_or(4), photo.height.unwrap_or(3)),
        );
    }
}

/// The picture for a point: the one chosen, else one suggested from its words, else a general one.
fn picture_for(chosen: Option<&str>, words: &str, general: &'static str) -> String {
    chosen
        .filter(|key| pictures::find(key).is_some())
        .or_else(|| pictures::suggest(words))
        .unwrap_or(general)
        .to_owned()
}

/// The point in the person's voice first (the easy-read sentence, else their own words),
/// then their own words where those say something else, then the staff wording where it
/// differs. Empty lines are left out of the sheet.
fn words_first(easy_read: Option<&str>, own: Option<&str>, staff: &str) -> [String; 3] {
    fn said(words: Option<&str>) -> Option<&str> {
        words.map(str::trim).filter(|w| !w.is_empty())
    }
    let (easy_read, own, staff) = (said(easy_read), said(own), staff.trim());
    let first = easy_read.or(own).unwrap_or(staff);
    let mine = own
        .filter(|own| *own != first)
        .map(|own| format!("In my words: {own}"))
        .unwrap_or_default();
    let theirs = if staff == first {
        String::new()
    } else {
        format!("Staff wrote: {staff}")
    };
    [first.to_owned(), mine, theirs]
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
        if edition
            .media
            .iter()
            .any(|m| m.media.section == PlanSection::Profile)
        {
            point(
                s,
                edition,
                (PlanSection::Profile, None),
                "camera",
                &["My own photos and recordings"],
            );
        }
    });

    sheet.section("What I need help with", |s| {
        let mut headings: Vec<_> = doc.headings.iter().collect();
        headings.sort_by_key(|h| h.position);
        for heading in headings {
            let general = pictures::for_heading(&heading.key).unwrap_or("idea");
            s.subsection(&heading.label, |s| {
                for finding in doc.findings.iter().filter(|f| f.heading_id == heading.id) {
                    let [first, mine, theirs] = words_first(
                        finding.easy_read.as_deref(),
                        finding.own_words.as_deref(),
                        &finding.text,
                    );
                    let picture = picture_for(finding.picture.as_deref(), &finding.text, general);
                    let at = (PlanSection::Needs, Some(finding.id.to_string()));
                    point(s, edition, at, &picture, &[&first, &mine, &theirs]);
                }
            });
        }
    });

    sheet.section("My goals", |s| {
        for goal in &doc.goals {
            let [first, mine, theirs] = words_first(
                goal.easy_read.as_deref(),
                goal.own_words.as_deref(),
                &goal.text,
            );
            point(
                s,
                edition,
                (PlanSection::Goals, Some(goal.id.to_string())),
                &picture_for(goal.picture.as_deref(), &goal.text, "target"),
                &[
                    &first,
                    &mine,
                    &theirs,
                    &format!("I will know I did it when: {}", goal.target.trim()),
                    &format!("By {}.", edition.day(goal.due_on)),
                ],
            );
            for strategy in doc.strategies.iter().filter(|st| st.goal_id == goal.id) {
                let [first, mine, theirs] = words_first(
                    strategy.easy_read.as_deref(),
                    strategy.own_words.as_deref(),
                    &strategy.text,
                );
                let who = if strategy.responsible_name.trim().is_empty() {
                    strategy.responsible.label().to_owned()
                } else {
                    strategy.responsible_name.trim().to_owned()
                };
                point(
                    s,
                    edition,
                    (PlanSection::Strategies, Some(strategy.id.to_string())),
                    &picture_for(strategy.picture.as_deref(), &strategy.text, "meet"),
                    &[
                        &first,
                        &mine,
                        &theirs,
                        &format!("Who helps: {who}."),
                        &format!("How often: {}.", strategy.frequency.trim()),
                    ],
                );
            }
        }
    });

    sheet.section("Staying safe", |s| {
        for risk in &doc.risks {
            let [first, mine, theirs] = words_first(
                risk.easy_read.as_deref(),
                risk.own_words.as_deref(),
                &risk.activity,
            );
            point(
                s,
                edition,
                (PlanSection::Risks, Some(risk.id.to_string())),
                &picture_for(risk.picture.as_deref(), &risk.activity, "safe"),
                &[
                    &first,
                    &mine,
                    &theirs,
                    &format!("What could go wrong: {}", risk.hazards.trim()),
                    &format!("What keeps me safe: {}", risk.safety_measures.trim()),
                    &format!("My choice: {}", risk.persons_choice.trim()),
                ],
            );
        }
    });

    sheet.section("Things I want that cannot happen yet", |s| {
        for wish in &doc.wishes_not_met {
            let [first, mine, theirs] = words_first(
                wish.easy_read.as_deref(),
                wish.own_words.as_deref(),
                &wish.text,
            );
            point(
                s,
                edition,
                (PlanSection::WishesNotMet, Some(wish.id.to_string())),
                &picture_for(wish.picture.as_deref(), &wish.text, "star"),
                &[
                    &first,
                    &mine,
                    &theirs,
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
    fn the_persons_voice_comes_first() {
        let staff = "Swimming weekly";
        assert_eq!(
            words_first(
                Some("I go swimming every week."),
                Some("I want to swim"),
                staff
            ),
            [
                "I go swimming every week.".to_owned(),
                "In my words: I want to swim".to_owned(),
                "Staff wrote: Swimming weekly".to_owned(),
            ]
        );
        assert_eq!(
            words_first(None, Some("I want to swim"), staff),
            [
                "I want to swim".to_owned(),
                String::new(),
                "Staff wrote: Swimming weekly".to_owned(),
            ]
        );
        assert_eq!(
            words_first(Some(" "), Some("  "), staff),
            [staff.to_owned(), String::new(), String::new()]
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
