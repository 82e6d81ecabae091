//! Validation shared by the browser and the server, so both give the same plain-words message
//! for the same field. Lengths count characters, not bytes, so accents cost no more.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::admission::PersonDetails;
use crate::consent::{Consent, ConsentBasis};
use crate::contribution::ContributionRequest;
use crate::feedback::{FeedbackInput, FeedbackResponse};
use crate::id::GoalId;
use crate::organisation::Person;
use crate::plan::{
    Decision, DecisionStatus, Finding, Goal, Profile, ResolutionRequest, RiskPlan, Strategy,
    WishNotMet,
};
use crate::progress::ProgressInput;
use crate::review::{NewReview, PartOneInput, PartTwoInput, ReviewRequest};

/// Longest texts accepted, in characters.
pub mod limits {
    /// Names, short labels.
    pub const NAME: usize = 200;
    /// One plan item's wording.
    pub const TEXT: usize = 2_000;
    /// Longer narrative fields (profile sections, review parts).
    pub const LONG_TEXT: usize = 10_000;
    /// A picture key from the symbol set.
    pub const PICTURE_KEY: usize = 64;
}

/// One problem with one field, named by its JSON name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

pub trait Validate {
    /// Every problem, in field order; empty when valid.
    fn problems(&self) -> Vec<FieldError>;

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// Collects problems field by field.
#[derive(Default)]
struct Check(Vec<FieldError>);

impl Check {
    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// A text that must be filled in; `what` completes "Enter …".
    fn required(&mut self, field: &str, value: &str, max: usize, what: &str) {
        if value.trim().is_empty() {
            self.fail(field, format!("Enter {what}."));
        } else {
            self.max(field, value, max);
        }
    }

    fn max(&mut self, field: &str, value: &str, max: usize) {
        let length = value.chars().count();
        if length > max {
            self.fail(
                field,
                format!("This must be {max} characters or fewer (it has {length})."),
            );
        }
    }

    fn optional(&mut self, field: &str, value: Option<&str>, max: usize) {
        if let Some(value) = value {
            self.max(field, value, max);
        }
    }

    fn picture(&mut self, value: Option<&str>) {
        // One of the vocabulary's pictures: any other key would be a broken image.
        if let Some(key) = value
            && crate::pictures::find(key).is_none()
        {
            self.fail("picture", "Choose a picture from the picture list.");
        }
    }

    /// `end` must not be before `start`.
    fn not_before(&mut self, field: &str, end: NaiveDate, start: NaiveDate, message: &str) {
        if end < start {
            self.fail(field, message);
        }
    }

    fn done(self) -> Vec<FieldError> {
        self.0
    }
}

/// A needs-heading key: lower-case letters, digits and underscores, starting with a letter,
/// 2 to 40 characters (`eating_and_drinking`).
pub fn is_heading_key(key: &str) -> bool {
    let mut chars = key.chars();
    (2..=40).contains(&key.len())
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A picture key: lower-case letters, digits and hyphens, as the symbol set names them.
pub fn is_picture_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= limits::PICTURE_KEY
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// An email address in the form `name@domain`: one `@` with something either side, no spaces,
/// at most 254 characters. Whether it receives mail is for the mail to tell.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && text.chars().count() <= 254
        && !text.chars().any(char::is_whitespace)
}

/// A BCP 47 language tag in its common form: `en`, `en-GB`, `cy`, `pl`, `zh-Hant-HK`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && tag.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Validate for PersonDetails {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required(
            "full_name",
            &self.full_name,
            limits::NAME,
            "the person's full name",
        );
        check.optional(
            "preferred_name",
            self.preferred_name.as_deref(),
            limits::NAME,
        );
        if let Some(born) = self.date_of_birth {
            check.not_before(
                "support_started_on",
                self.support_started_on,
                born,
                "Support cannot start before the date of birth.",
            );
        }
        if !is_language_tag(&self.preferred_language) {
            check.fail(
                "preferred_language",
                "Enter a language code such as en-GB, cy or pl.",
            );
        }
        check.max(
            "communication_needs",
            &self.communication_needs,
            limits::TEXT,
        );
        check.max("communication_aids", &self.communication_aids, limits::TEXT);
        check.done()
    }
}

impl Validate for Person {
    fn problems(&self) -> Vec<FieldError> {
        PersonDetails::from(self).problems()
    }
}

impl Validate for Profile {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        for (field, value) in [
            ("important_to_me", &self.important_to_me),
            ("like_about_me", &self.like_about_me),
            ("how_to_support_me", &self.how_to_support_me),
            ("culture_and_beliefs", &self.culture_and_beliefs),
            ("lifestyle", &self.lifestyle),
            ("aspirations", &self.aspirations),
            ("medical_history", &self.medical_history),
        ] {
            check.max(field, value, limits::LONG_TEXT);
        }
        check.optional("own_words", self.own_words.as_deref(), limits::LONG_TEXT);
        check.picture(self.picture.as_deref());
        check.done()
    }
}

impl Validate for Finding {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("text", &self.text, limits::TEXT, "what was found");
        check.optional("own_words", self.own_words.as_deref(), limits::TEXT);
        check.optional("easy_read", self.easy_read.as_deref(), limits::TEXT);
        check.picture(self.picture.as_deref());
        if self.source.needs_consent() && !self.with_consent {
            check.fail(
                "with_consent",
                "Information from family, records or other professionals needs the person's consent.",
            );
        }
        check.done()
    }
}

impl Validate for Goal {
    /// SMART: specific (text), measurable (measure and target), achievable and relevant (linked
    /// to a need), time-bound (a due date after the start).
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("text", &self.text, limits::TEXT, "what the goal is");
        check.optional("own_words", self.own_words.as_deref(), limits::TEXT);
        check.optional("easy_read", self.easy_read.as_deref(), limits::TEXT);
        check.picture(self.picture.as_deref());
        check.required(
            "measure",
            &self.measure,
            limits::TEXT,
            "how progress will be measured",
        );
        check.max("baseline", &self.baseline, limits::TEXT);
        check.required(
            "target",
            &self.target,
            limits::TEXT,
            "the result that means the goal is met",
        );
        if self.due_on <= self.start_on {
            check.fail("due_on", "The target date must be after the start date.");
        }
        if self.addresses.is_empty() {
            check.fail("addresses", "Choose at least one need this goal addresses.");
        }
        check.done()
    }
}

impl Validate for Strategy {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("text", &self.text, limits::TEXT, "what the support is");
        check.optional("own_words", self.own_words.as_deref(), limits::TEXT);
        check.optional("easy_read", self.easy_read.as_deref(), limits::TEXT);
        check.picture(self.picture.as_deref());
        check.required(
            "responsible_name",
            &self.responsible_name,
            limits::NAME,
            "who will do this",
        );
        check.required(
            "frequency",
            &self.frequency,
            limits::NAME,
            "how often or by when",
        );
        if let Some(end) = self.end_on {
            check.not_before(
                "end_on",
                end,
                self.start_on,
                "The end date cannot be before the start date.",
            );
        }
        check.max("resources", &self.resources, limits::TEXT);
        check.required(
            "least_intrusive_reason",
            &self.least_intrusive_reason,
            limits::TEXT,
            "why this is the least intrusive way to give this support",
        );
        check.optional(
            "community_resource",
            self.community_resource.as_deref(),
            limits::TEXT,
        );
        if self.budget_pence_per_month.is_some_and(|pence| pence < 0) {
            check.fail(
                "budget_pence_per_month",
                "The budget cannot be less than zero.",
            );
        }
        check.done()
    }
}

impl Validate for RiskPlan {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("activity", &self.activity, limits::TEXT, "the activity");
        check.optional("own_words", self.own_words.as_deref(), limits::TEXT);
        check.optional("easy_read", self.easy_read.as_deref(), limits::TEXT);
        check.picture(self.picture.as_deref());
        check.required(
            "hazards",
            &self.hazards,
            limits::TEXT,
            "what could go wrong",
        );
        check.required(
            "persons_choice",
            &self.persons_choice,
            limits::TEXT,
            "what the person chooses to do",
        );
        check.required(
            "safety_measures",
            &self.safety_measures,
            limits::TEXT,
            "how the risk is made as safe as possible",
        );
        check.done()
    }
}

impl Validate for WishNotMet {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("text", &self.text, limits::TEXT, "what the person wanted");
        check.optional("own_words", self.own_words.as_deref(), limits::TEXT);
        check.optional("easy_read", self.easy_read.as_deref(), limits::TEXT);
        check.picture(self.picture.as_deref());
        check.required(
            "reason",
            &self.reason,
            limits::TEXT,
            "why it could not be done",
        );
        check.required(
            "next_steps",
            &self.next_steps,
            limits::TEXT,
            "what will happen next",
        );
        check.done()
    }
}

impl Validate for Decision {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required(
            "text",
            &self.text,
            limits::TEXT,
            "what was done, decided or disagreed about",
        );
        check.optional("own_words", self.own_words.as_deref(), limits::TEXT);
        check.picture(self.picture.as_deref());
        check.required("who", &self.who, limits::TEXT, "who was involved");
        check.max("evidence", &self.evidence, limits::TEXT);
        check.optional("resolution", self.resolution.as_deref(), limits::TEXT);
        if self.status == DecisionStatus::Resolved {
            if self
                .resolution
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
            {
                check.fail("resolution", "Enter how this was resolved.");
            }
            match self.resolved_on {
                None => check.fail("resolved_on", "Enter the date it was resolved."),
                Some(day) => check.not_before(
                    "resolved_on",
                    day,
                    self.occurred_on,
                    "It cannot be resolved before it happened.",
                ),
            }
        }
        check.done()
    }
}

impl Validate for ResolutionRequest {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required(
            "resolution",
            &self.resolution,
            limits::TEXT,
            "how it was resolved",
        );
        check.required("who", &self.who, limits::TEXT, "who was involved");
        check.done()
    }
}

impl Validate for Consent {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required(
            "party_name",
            &self.party_name,
            limits::NAME,
            "who this consent is about",
        );
        if self.sections.is_empty() {
            check.fail("sections", "Choose at least one part of the plan.");
        }
        if self.basis == ConsentBasis::BestInterests {
            if self
                .decision_maker
                .as_deref()
                .is_none_or(|d| d.trim().is_empty())
            {
                check.fail(
                    "decision_maker",
                    "Enter who made the best-interests decision.",
                );
            }
            if self
                .best_interests_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
            {
                check.fail(
                    "best_interests_reason",
                    "Enter why this is in the person's best interests.",
                );
            }
        }
        check.optional(
            "decision_maker",
            self.decision_maker.as_deref(),
            limits::NAME,
        );
        check.optional(
            "best_interests_reason",
            self.best_interests_reason.as_deref(),
            limits::TEXT,
        );
        // The day it was given is the organisation's, which may be the day before the UTC
        // date at UTC−11 or so; the exact check is made against that calendar on creation.
        if let Some(expires) = self.expires_on {
            let given = self.given_at.date_naive();
            check.not_before(
                "expires_on",
                expires,
                given.pred_opt().unwrap_or(given),
                "Consent cannot end before it was given.",
            );
        }
        check.done()
    }
}

impl Validate for ContributionRequest {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("text", &self.text, limits::TEXT, "what you want to say");
        check.optional("item_id", self.item_id.as_deref(), limits::PICTURE_KEY);
        check.done()
    }
}

impl Validate for ProgressInput {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required(
            "progress",
            &self.progress,
            limits::TEXT,
            "how it is going against the goal's measure",
        );
        check.optional("measure_value", self.measure_value.as_deref(), limits::NAME);
        check.max("positive_changes", &self.positive_changes, limits::TEXT);
        check.max("negative_changes", &self.negative_changes, limits::TEXT);
        check.max("barriers", &self.barriers, limits::TEXT);
        check.optional("own_words", self.own_words.as_deref(), limits::TEXT);
        check.picture(self.picture.as_deref());
        check.done()
    }
}

impl Validate for FeedbackInput {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("text", &self.text, limits::TEXT, "what you want to tell us");
        check.picture(self.picture.as_deref());
        check.done()
    }
}

impl Validate for FeedbackResponse {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("response", &self.response, limits::TEXT, "your answer");
        check.done()
    }
}

impl Validate for ReviewRequest {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.optional("reason", self.reason.as_deref(), limits::TEXT);
        check.done()
    }
}

impl Validate for NewReview {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        if self.significant_change {
            check.required(
                "reason",
                self.reason.as_deref().unwrap_or_default(),
                limits::TEXT,
                "what changed",
            );
        } else {
            check.optional("reason", self.reason.as_deref(), limits::TEXT);
        }
        check.done()
    }
}

/// Part 1 may be saved unfinished: only lengths are checked.
impl Validate for PartOneInput {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.max("what_is_working", &self.what_is_working, limits::LONG_TEXT);
        check.max(
            "what_is_not_working",
            &self.what_is_not_working,
            limits::LONG_TEXT,
        );
        check.max("persons_views", &self.persons_views, limits::LONG_TEXT);
        check.max(
            "proposed_changes",
            &self.proposed_changes,
            limits::LONG_TEXT,
        );
        for (index, goal) in self.goal_progress.iter().enumerate() {
            check.required(
                &format!("goal_progress[{index}].progress"),
                &goal.progress,
                limits::TEXT,
                "how this goal is going",
            );
            check.optional(
                &format!("goal_progress[{index}].own_words"),
                goal.own_words.as_deref(),
                limits::TEXT,
            );
        }
        check.done()
    }
}

impl PartOneInput {
    /// What must be filled in before Part 1 goes to the manager: what works, what does not,
    /// the person's views, and progress on every goal in `goals`.
    pub fn submission_problems(&self, goals: &[GoalId]) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required(
            "what_is_working",
            &self.what_is_working,
            limits::LONG_TEXT,
            "what is working",
        );
        check.required(
            "what_is_not_working",
            &self.what_is_not_working,
            limits::LONG_TEXT,
            "what is not working",
        );
        check.required(
            "persons_views",
            &self.persons_views,
            limits::LONG_TEXT,
            "the person's views",
        );
        if goals
            .iter()
            .any(|g| !self.goal_progress.iter().any(|p| p.goal_id == *g))
        {
            check.fail("goal_progress", "Say how every goal is going.");
        }
        check.done()
    }
}

impl Validate for PartTwoInput {
    fn problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.max("outcome", &self.outcome, limits::LONG_TEXT);
        check.max("changes_agreed", &self.changes_agreed, limits::LONG_TEXT);
        check.max(
            "effectiveness_evidence",
            &self.effectiveness_evidence,
            limits::LONG_TEXT,
        );
        check.done()
    }
}

impl PartTwoInput {
    /// What must be filled in before the review is completed (R-17: evidence that the plan
    /// works).
    pub fn completion_problems(&self) -> Vec<FieldError> {
        let mut check = Check::default();
        check.required("outcome", &self.outcome, limits::LONG_TEXT, "the outcome");
        check.required(
            "changes_agreed",
            &self.changes_agreed,
            limits::LONG_TEXT,
            "the changes agreed, or that there are none",
        );
        check.required(
            "effectiveness_evidence",
            &self.effectiveness_evidence,
            limits::LONG_TEXT,
            "the evidence of whether the plan works",
        );
        check.done()
    }
}

#[cfg(test)]
mod tests;
