//! The full plan, standard layout: everything recorded, in the order of the plan editor.

use ourplan_shared::plan::{Goal, Strategy};

use super::edition::Edition;
use super::sheet::{STANDARD, Sheet};

pub fn write(edition: &Edition) -> Sheet {
    let doc = &edition.doc;
    let person = &doc.person;
    let mut sheet = Sheet::new(STANDARD);
    sheet.title(&format!("Support plan: {}", edition.person_name()));
    sheet.bold(&edition.version_line());
    sheet.paragraph(&format!("{}.", edition.organisation));

    sheet.section("About the person", |s| {
        s.field("Full name", &person.full_name);
        s.field(
            "Preferred name",
            person.preferred_name.as_deref().unwrap_or_default(),
        );
        if let Some(born) = person.date_of_birth {
            s.field("Date of birth", &edition.day(born));
        }
        s.field("Support started", &edition.day(person.support_started_on));
        s.field("Preferred format", person.preferred_format.label());
        s.field("Preferred language", &person.preferred_language);
        s.field("Communication needs", &person.communication_needs);
        s.field("Communication aids", &person.communication_aids);
        let team: Vec<String> = doc
            .team
            .iter()
            .map(|m| {
                let key = if m.key_worker { ", key worker" } else { "" };
                format!("{} ({}{key})", m.display_name, m.role.label())
            })
            .collect();
        s.field("Support team", &team.join("; "));
    });

    let profile = &doc.profile;
    sheet.section("One-page profile", |s| {
        s.field(
            "In my own words",
            profile.own_words.as_deref().unwrap_or_default(),
        );
        s.field("What is important to me", &profile.important_to_me);
        s.field("What people like about me", &profile.like_about_me);
        s.field("How best to support me", &profile.how_to_support_me);
        s.field("Culture and beliefs", &profile.culture_and_beliefs);
        s.field("Lifestyle", &profile.lifestyle);
        s.field("Hopes for the future", &profile.aspirations);
        s.field("Medical history", &profile.medical_history);
    });

    sheet.section("Needs and strengths", |s| {
        let mut headings: Vec<_> = doc.headings.iter().collect();
        headings.sort_by_key(|h| h.position);
        for heading in headings {
            s.subsection(&heading.label, |s| {
                for finding in doc.findings.iter().filter(|f| f.heading_id == heading.id) {
                    s.bold(&format!("{}: {}", finding.kind.label(), finding.text));
                    own_words(s, finding.own_words.as_deref(), &finding.text);
                    let consent = if finding.with_consent {
                        ", collected with consent"
                    } else {
                        ""
                    };
                    s.indented(&format!("Source: {}{consent}.", finding.source.label()));
                }
            });
        }
    });

    sheet.section("Goals", |s| {
        for (number, goal) in doc.goals.iter().enumerate() {
            s.subsection(&format!("Goal {}: {}", number + 1, goal.text), |s| {
                goal_fields(s, edition, goal);
                for strategy in doc.strategies.iter().filter(|st| st.goal_id == goal.id) {
                    strategy_fields(s, edition, strategy);
                }
            });
        }
    });

    sheet.section("Risk plans", |s| {
        for risk in &doc.risks {
            s.subsection(&risk.activity, |s| {
                own_words(s, risk.own_words.as_deref(), &risk.activity);
                s.field("What could go wrong", &risk.hazards);
                s.field(
                    "Likelihood and impact",
                    &format!(
                        "Likelihood {}, impact {}",
                        risk.likelihood.label().to_lowercase(),
                        risk.impact.label().to_lowercase()
                    ),
                );
                s.field("The person's choice", &risk.persons_choice);
                s.field("What keeps it safe", &risk.safety_measures);
                s.field("Review by", &edition.day(risk.review_on));
                if risk.safeguarding_concern {
                    s.field("Safeguarding", "A safeguarding concern is recorded.");
                }
            });
        }
    });

    sheet.section("Wishes not met", |s| {
        for wish in &doc.wishes_not_met {
            s.subsection(&wish.text, |s| {
                own_words(s, wish.own_words.as_deref(), &wish.text);
                s.field("Why it cannot be met now", &wish.reason);
                s.field("Next steps", &wish.next_steps);
                let appeal = if wish.appeal_explained {
                    "How to appeal or complain was explained."
                } else {
                    "How to appeal or complain has not been explained yet."
                };
                s.paragraph(&format!(
                    "Recorded on {}. {appeal}",
                    edition.day(wish.recorded_on)
                ));
            });
        }
    });

    sheet.section("Actions, decisions and disagreements", |s| {
        // A resolution's words are shown with the disagreement it resolves.
        for decision in doc.decisions.iter().filter(|d| d.resolves.is_none()) {
            s.bold(&format!(
                "{} ({}, {}): {}",
                decision.kind.label(),
                edition.day(decision.occurred_on),
                decision.status.label().to_lowercase(),
                decision.text
            ));
            if let Some(about) = decision.about_text() {
                s.indented(&format!("About: {about}"));
            }
            s.indented(decision.resolution.as_deref().unwrap_or_default());
        }
    });

    signatures(&mut sheet, edition);
    sheet
}

/// The person's own words, unless they are the staff wording again.
fn own_words(sheet: &mut Sheet, words: Option<&str>, staff: &str) {
    if let Some(words) = words.filter(|w| !w.trim().is_empty() && w.trim() != staff.trim()) {
        sheet.indented(&format!("In my words: “{}”", words.trim()));
    }
}

fn goal_fields(s: &mut Sheet, edition: &Edition, goal: &Goal) {
    own_words(s, goal.own_words.as_deref(), &goal.text);
    s.field(
        "Term and status",
        &format!(
            "{}; {}",
            goal.term.label(),
            goal.status.label().to_lowercase()
        ),
    );
    s.field("How it is measured", &goal.measure);
    s.field("Starting point", &goal.baseline);
    s.field("Target", &goal.target);
    s.field(
        "Dates",
        &format!(
            "From {} to {}",
            edition.day(goal.start_on),
            edition.day(goal.due_on)
        ),
    );
    let needs: Vec<&str> = edition
        .doc
        .findings
        .iter()
        .filter(|f| goal.addresses.contains(&f.id))
        .map(|f| f.text.as_str())
        .collect();
    s.field("Meets the needs", &needs.join("; "));
}

fn strategy_fields(s: &mut Sheet, edition: &Edition, strategy: &Strategy) {
    s.bold(&format!("How I am supported: {}", strategy.text));
    own_words(s, strategy.own_words.as_deref(), &strategy.text);
    let who = if strategy.responsible_name.trim().is_empty() {
        strategy.responsible.label().to_owned()
    } else {
        format!(
            "{}, {}",
            strategy.responsible_name.trim(),
            strategy.responsible.label().to_lowercase()
        )
    };
    let until = strategy
        .end_on
        .map(|end| format!(" to {}", edition.day(end)))
        .unwrap_or_default();
    s.indented(&format!(
        "Who: {who}. How often: {}. From {}{until}.",
        strategy.frequency.trim(),
        edition.day(strategy.start_on)
    ));
    s.indented(&with_label("Resources", &strategy.resources));
    s.indented(&with_label(
        "Why this is the least intrusive way",
        &strategy.least_intrusive_reason,
    ));
    s.indented(&with_label(
        "Community resource",
        strategy.community_resource.as_deref().unwrap_or_default(),
    ));
    if let Some(pence) = strategy.budget_pence_per_month {
        let managed = if strategy.self_managed {
            ", managed by the person"
        } else {
            ""
        };
        s.indented(&format!(
            "Budget: £{}.{:02} a month{managed}.",
            pence / 100,
            pence % 100
        ));
    }
}

fn with_label(label: &str, value: &str) -> String {
    if value.trim().is_empty() {
        String::new()
    } else {
        format!("{label}: {}", value.trim())
    }
}

/// The signatures of the version shown, for every document.
pub fn signatures(sheet: &mut Sheet, edition: &Edition) {
    let signed = edition.signatures();
    let heading = "Signatures";
    sheet.section(heading, |s| {
        if !edition.signatures_shared {
            s.paragraph("Who signed is not in the parts of the plan shared with you.");
            return;
        }
        if signed.is_empty() {
            s.paragraph("Nobody has signed this version yet.");
        }
        for signature in signed {
            s.paragraph(&edition.signature_line(signature));
        }
    });
}
