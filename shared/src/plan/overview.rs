//! A person's plan at a glance, for the staff overview: its state, the next review, and what
//! is still to do. Computed from the plan document alone, so the page needs no extra query.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::contribution::{ContributionKind, ContributionStatus};
use crate::plan::{DecisionKind, DecisionStatus, GoalStatus, PlanDocument, PlanStatus, SignerRole};
use crate::programme::{PlanFacts, next_review_due};
use crate::review::ReviewStatus;
use crate::timescale::{ReviewDue, ReviewPolicy};
use crate::validation::Validate;

crate::keyed_enum! {
    /// What kind of work an open task is.
    pub enum TaskKind {
        /// The person does not agree with part of the plan.
        ResolveDisagreement = "resolve_disagreement",
        /// An action in the decisions log not yet done.
        FinishAction = "finish_action",
        /// A goal that fails a SMART check.
        FixGoal = "fix_goal",
        /// A goal with no strategy saying how it is supported.
        AddStrategy = "add_strategy",
        /// A risk plan past its review date.
        ReviewRisk = "review_risk",
        /// The draft still needs signatures.
        AgreeDraft = "agree_draft",
        /// A family suggestion waits for the person's answer.
        SuggestionWaiting = "suggestion_waiting",
    }
}

/// Where a task is done: the plan item's collection (as in the API path) and its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRef {
    pub collection: String,
    pub id: String,
}

/// One thing still to do on the plan, and what the reader's sentence for it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenTask {
    pub kind: TaskKind,
    /// The words of the item it is about, shortened (the name of the person supported for a
    /// draft to agree or suggestions waiting).
    pub subject: String,
    /// What is wrong, for a goal that is not SMART yet (the check's own message).
    pub problem: Option<String>,
    /// When a risk plan was due for review.
    pub due_on: Option<NaiveDate>,
    /// How many suggestions wait.
    pub count: usize,
    /// Who still signs a draft: the person (or their representative), a member of staff.
    pub person_to_sign: bool,
    pub staff_to_sign: bool,
    pub item: Option<ItemRef>,
}

impl OpenTask {
    fn new(kind: TaskKind, subject: String, item: Option<ItemRef>) -> Self {
        Self {
            kind,
            subject,
            problem: None,
            due_on: None,
            count: 0,
            person_to_sign: false,
            staff_to_sign: false,
            item,
        }
    }
}

/// The state of a plan as the overview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOverview {
    pub status: PlanStatus,
    pub current_version: Option<i32>,
    /// The earliest due date of a review not yet completed.
    pub next_review_on: Option<NaiveDate>,
    pub tasks: Vec<OpenTask>,
}

/// A long wording cut to about `max` characters at a word boundary, for a task line.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

fn item(collection: &str, id: impl ToString) -> Option<ItemRef> {
    Some(ItemRef {
        collection: collection.to_owned(),
        id: id.to_string(),
    })
}

impl PlanDocument {
    /// When this plan's next review is due under `policy`, by the rule the review programme
    /// uses; `day_of` is the organisation's calendar day at a moment.
    pub fn next_review_under(
        &self,
        policy: ReviewPolicy,
        day_of: impl Fn(DateTime<Utc>) -> NaiveDate,
    ) -> ReviewDue {
        let facts = PlanFacts {
            support_started_on: self.person.support_started_on,
            current_version: self.plan.current_version,
            last_review_on: self
                .reviews
                .iter()
                .filter(|r| r.status == ReviewStatus::Completed)
                .filter_map(|r| r.part_two.as_ref()?.completed_at)
                .max()
                .map(day_of),
            open_review: self
                .reviews
                .iter()
                .filter(|r| r.status != ReviewStatus::Completed)
                .min_by_key(|r| r.due_on)
                .map(|r| (r.kind, r.status, r.due_on)),
            not_read_by: Vec::new(),
        };
        next_review_due(&facts, policy)
    }

    /// The overview of this plan on `today`.
    pub fn overview(&self, today: NaiveDate) -> PlanOverview {
        PlanOverview {
            status: self.plan.status,
            current_version: self.plan.current_version,
            next_review_on: self.next_review.map(|due| due.due_on),
            tasks: self.open_tasks(today),
        }
    }

    /// What is still to do, most pressing first: the person's disagreements, then actions,
    /// goals, risks, signatures and family suggestions.
    pub fn open_tasks(&self, today: NaiveDate) -> Vec<OpenTask> {
        let mut tasks = Vec::new();
        let open = |kind| {
            self.decisions
                .iter()
                .filter(move |d| d.kind == kind && d.status == DecisionStatus::Open)
        };
        for d in open(DecisionKind::Disagreement) {
            // What it is about says more than "does not agree with a part of the plan".
            let subject = d
                .about
                .as_ref()
                .and_then(|about| about.words.as_deref())
                .unwrap_or(&d.text);
            tasks.push(OpenTask::new(
                TaskKind::ResolveDisagreement,
                shorten(subject, 80),
                item("decisions", d.id),
            ));
        }
        for d in open(DecisionKind::Action) {
            tasks.push(OpenTask::new(
                TaskKind::FinishAction,
                shorten(&d.text, 80),
                item("decisions", d.id),
            ));
        }
        let live = self.goals.iter().filter(|g| {
            !matches!(
                g.status,
                GoalStatus::Achieved | GoalStatus::Discontinued | GoalStatus::NotAchieved
            )
        });
        for goal in live.clone() {
            if let Some(problem) = goal.problems().into_iter().next() {
                tasks.push(OpenTask {
                    problem: Some(problem.message),
                    ..OpenTask::new(
                        TaskKind::FixGoal,
                        shorten(&goal.text, 60),
                        item("goals", goal.id),
                    )
                });
            }
        }
        for goal in live {
            if !self.strategies.iter().any(|s| s.goal_id == goal.id) {
                tasks.push(OpenTask::new(
                    TaskKind::AddStrategy,
                    shorten(&goal.text, 60),
                    item("goals", goal.id),
                ));
            }
        }
        for risk in self.risks.iter().filter(|r| r.review_on < today) {
            tasks.push(OpenTask {
                due_on: Some(risk.review_on),
                ..OpenTask::new(
                    TaskKind::ReviewRisk,
                    shorten(&risk.activity, 60),
                    item("risks", risk.id),
                )
            });
        }
        if self.plan.status == PlanStatus::Draft {
            let signed = |roles: &[SignerRole]| {
                self.signatures
                    .iter()
                    .any(|s| s.plan_version_id.is_none() && roles.contains(&s.signer_role))
            };
            tasks.push(OpenTask {
                person_to_sign: !signed(&[SignerRole::Person, SignerRole::Representative]),
                staff_to_sign: !signed(&[SignerRole::Staff, SignerRole::Manager]),
                ..OpenTask::new(TaskKind::AgreeDraft, self.person.name().to_owned(), None)
            });
        }
        let waiting = self
            .contributions
            .iter()
            .filter(|c| {
                c.kind == ContributionKind::Suggestion && c.status == ContributionStatus::Pending
            })
            .count();
        if waiting > 0 {
            tasks.push(OpenTask {
                count: waiting,
                ..OpenTask::new(
                    TaskKind::SuggestionWaiting,
                    self.person.name().to_owned(),
                    None,
                )
            });
        }
        tasks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_at_a_word_boundary() {
        assert_eq!(shorten("  Cook a meal  ", 60), "Cook a meal");
        assert_eq!(
            shorten("Cook a meal each week with Morgan", 20),
            "Cook a meal each…"
        );
        assert_eq!(shorten("Łódź-Kraków-Gdańsk-Wrocław", 10), "Łódź-Krakó…");
    }
}
