//! Where a plan's staff wording is not yet plain: every part staff wrote, checked with
//! the same rules the editor shows as they type, so the server can list what to simplify.

use serde::{Deserialize, Serialize};

use crate::plain_language::{PlainLanguage, check};
use crate::plan::PlanDocument;
use crate::plan::overview::shorten;

/// One piece of staff wording that is not plain yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WordingToSimplify {
    /// The part of the plan, in words: "Goal", "Strategy", "About me".
    pub part: String,
    /// The item's collection and id, as in the API path; none for the profile.
    pub collection: Option<String>,
    pub item_id: Option<String>,
    /// The start of the wording, to recognise it.
    pub excerpt: String,
    pub report: PlainLanguage,
}

impl PlanDocument {
    /// Every piece of staff wording that has long sentences or hard words, in plan order.
    /// The person's own words are theirs and are never checked.
    pub fn wording_to_simplify(&self) -> Vec<WordingToSimplify> {
        let mut found = Vec::new();
        let mut look = |part: &str, item: Option<(&str, String)>, texts: &[&str]| {
            let text = texts.join("\n");
            let report = check(&text);
            if !report.is_plain() {
                found.push(WordingToSimplify {
                    part: part.to_owned(),
                    collection: item.as_ref().map(|(c, _)| (*c).to_owned()),
                    item_id: item.map(|(_, id)| id),
                    excerpt: shorten(&text, 80),
                    report,
                });
            }
        };
        let p = &self.profile;
        look(
            "About me",
            None,
            &[
                &p.important_to_me,
                &p.like_about_me,
                &p.how_to_support_me,
                &p.culture_and_beliefs,
                &p.lifestyle,
                &p.aspirations,
            ],
        );
        for f in &self.findings {
            look("Finding", Some(("findings", f.id.to_string())), &[&f.text]);
        }
        for g in &self.goals {
            look(
                "Goal",
                Some(("goals", g.id.to_string())),
                &[&g.text, &g.measure, &g.target],
            );
        }
        for s in &self.strategies {
            look(
                "Strategy",
                Some(("strategies", s.id.to_string())),
                &[&s.text, &s.least_intrusive_reason],
            );
        }
        for r in &self.risks {
            look(
                "Risk plan",
                Some(("risks", r.id.to_string())),
                &[&r.activity, &r.persons_choice, &r.safety_measures],
            );
        }
        for w in &self.wishes_not_met {
            look(
                "Wish not met",
                Some(("wishes", w.id.to_string())),
                &[&w.text, &w.reason, &w.next_steps],
            );
        }
        found
    }
}
