//! The parts of the plan staff write, described once: each kind's form fields with their
//! labels and hints, a new item's starting values, and the shared rules that check a record.
//! The editor works on a record as JSON, so one form, one save path and one conflict screen
//! serve every kind.

use ourplan_shared::plan::{
    Decision, DecisionKind, DecisionStatus, Finding, FindingKind, FindingSource, Goal, GoalStatus,
    GoalTerm, Profile, ResponsibleParty, RiskLevel, RiskPlan, Strategy, WishNotMet,
};
use ourplan_shared::validation::{FieldError, Validate};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::i18n::{t_string, use_i18n};
use crate::labels;

pub type Record = Map<String, Value>;

/// How a field is entered.
#[derive(Clone, Copy)]
pub enum Input {
    /// One line of text.
    Line,
    /// Several lines of text.
    Lines,
    /// Several lines; empty is stored as nothing.
    OptionalLines,
    /// A date as 2026-12-01.
    Date,
    /// A date that may be left empty.
    OptionalDate,
    /// One of a few choices, as radios: (key, label).
    Choice(fn() -> Vec<(&'static str, &'static str)>),
    /// Yes or no, as a checkbox.
    Flag,
    /// One of the plan's needs headings.
    Heading,
    /// One of the plan's goals.
    Goal,
    /// Some of the plan's needs (findings of kind "need").
    Needs,
    /// An amount of money in pounds, stored in pence; may be empty.
    Pounds,
    /// A picture of the vocabulary, or none (then one is suggested from the words).
    Picture,
}

pub struct Field {
    /// The JSON name, also the input's id, so a server error naming it links to it.
    pub name: &'static str,
    /// The label and hint in the reader's language, looked up when shown.
    label: fn() -> &'static str,
    hint: fn() -> &'static str,
    pub input: Input,
}

impl Field {
    pub fn label(&self) -> &'static str {
        (self.label)()
    }

    /// Empty when the field has none.
    pub fn hint(&self) -> &'static str {
        (self.hint)()
    }
}

const fn field(
    name: &'static str,
    label: fn() -> &'static str,
    hint: fn() -> &'static str,
    input: Input,
) -> Field {
    Field {
        name,
        label,
        hint,
        input,
    }
}

/// A text of the catalogue, read when it is shown (the field tables are constants).
macro_rules! tr {
    ($($key:tt)+) => {
        || {
            let i18n = use_i18n();
            t_string!(i18n, $($key)+)
        }
    };
}

fn no_hint() -> &'static str {
    ""
}

fn date_hint() -> &'static str {
    let i18n = use_i18n();
    t_string!(i18n, items.date_hint)
}

fn choices<T: Copy + 'static>(
    all: &'static [T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|&v| (key(v), label(v))).collect()
}

const OWN_WORDS: Field = field(
    "own_words",
    tr!(items.own_words.label),
    tr!(items.own_words.hint),
    Input::OptionalLines,
);

/// The point in the person's own voice: what they read of their own plan.
const EASY_READ: Field = field(
    "easy_read",
    tr!(items.easy_read.label),
    tr!(items.easy_read.hint),
    Input::OptionalLines,
);

/// The point's own picture, which the person sees beside it.
const PICTURE: Field = field(
    "picture",
    tr!(items.picture.label),
    tr!(items.picture.hint),
    Input::Picture,
);

const PROFILE: [Field; 8] = [
    field(
        "like_about_me",
        tr!(items.profile.like_about_me.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "important_to_me",
        tr!(items.profile.important_to_me.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "how_to_support_me",
        tr!(items.profile.how_to_support_me.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "culture_and_beliefs",
        tr!(items.profile.culture_and_beliefs.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "lifestyle",
        tr!(items.profile.lifestyle.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "aspirations",
        tr!(items.profile.aspirations.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "medical_history",
        tr!(items.profile.medical_history.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "own_words",
        tr!(items.profile.own_words.label),
        tr!(items.profile.own_words.hint),
        Input::OptionalLines,
    ),
];

const FINDING: [Field; 8] = [
    field(
        "heading_id",
        tr!(items.finding.heading_id.label),
        no_hint,
        Input::Heading,
    ),
    field(
        "kind",
        tr!(items.finding.kind.label),
        no_hint,
        Input::Choice(|| choices(FindingKind::ALL, FindingKind::key, labels::finding_kind)),
    ),
    field(
        "text",
        tr!(items.finding.text.label),
        tr!(items.finding.text.hint),
        Input::Lines,
    ),
    OWN_WORDS,
    EASY_READ,
    PICTURE,
    field(
        "source",
        tr!(items.finding.source.label),
        no_hint,
        Input::Choice(|| {
            choices(
                FindingSource::ALL,
                FindingSource::key,
                labels::finding_source,
            )
        }),
    ),
    field(
        "with_consent",
        tr!(items.finding.with_consent.label),
        tr!(items.finding.with_consent.hint),
        Input::Flag,
    ),
];

const GOAL: [Field; 12] = [
    field(
        "term",
        tr!(items.goal.term.label),
        no_hint,
        Input::Choice(|| choices(GoalTerm::ALL, GoalTerm::key, labels::goal_term)),
    ),
    field(
        "text",
        tr!(items.goal.text.label),
        tr!(items.goal.text.hint),
        Input::Line,
    ),
    OWN_WORDS,
    EASY_READ,
    PICTURE,
    field(
        "measure",
        tr!(items.goal.measure.label),
        tr!(items.goal.measure.hint),
        Input::Line,
    ),
    field(
        "baseline",
        tr!(items.goal.baseline.label),
        tr!(items.goal.baseline.hint),
        Input::Line,
    ),
    field(
        "target",
        tr!(items.goal.target.label),
        tr!(items.goal.target.hint),
        Input::Line,
    ),
    field(
        "start_on",
        tr!(items.goal.start_on.label),
        date_hint,
        Input::Date,
    ),
    field(
        "due_on",
        tr!(items.goal.due_on.label),
        tr!(items.goal.due_on.hint),
        Input::Date,
    ),
    field(
        "addresses",
        tr!(items.goal.addresses.label),
        tr!(items.goal.addresses.hint),
        Input::Needs,
    ),
    field(
        "status",
        tr!(items.goal.status.label),
        no_hint,
        Input::Choice(|| choices(GoalStatus::ALL, GoalStatus::key, labels::goal_status)),
    ),
];

const STRATEGY: [Field; 16] = [
    field(
        "goal_id",
        tr!(items.strategy.goal_id.label),
        no_hint,
        Input::Goal,
    ),
    field(
        "text",
        tr!(items.strategy.text.label),
        tr!(items.strategy.text.hint),
        Input::Lines,
    ),
    OWN_WORDS,
    EASY_READ,
    PICTURE,
    field(
        "responsible",
        tr!(items.strategy.responsible.label),
        no_hint,
        Input::Choice(|| {
            choices(
                ResponsibleParty::ALL,
                ResponsibleParty::key,
                labels::responsible_party,
            )
        }),
    ),
    field(
        "responsible_name",
        tr!(items.strategy.responsible_name.label),
        tr!(items.strategy.responsible_name.hint),
        Input::Line,
    ),
    field(
        "frequency",
        tr!(items.strategy.frequency.label),
        tr!(items.strategy.frequency.hint),
        Input::Line,
    ),
    field(
        "start_on",
        tr!(items.strategy.start_on.label),
        date_hint,
        Input::Date,
    ),
    field(
        "end_on",
        tr!(items.strategy.end_on.label),
        tr!(items.strategy.end_on.hint),
        Input::OptionalDate,
    ),
    field(
        "resources",
        tr!(items.strategy.resources.label),
        tr!(items.strategy.resources.hint),
        Input::Lines,
    ),
    field(
        "least_intrusive_reason",
        tr!(items.strategy.least_intrusive_reason.label),
        tr!(items.strategy.least_intrusive_reason.hint),
        Input::Lines,
    ),
    field(
        "community_resource",
        tr!(items.strategy.community_resource.label),
        no_hint,
        Input::OptionalLines,
    ),
    field(
        "budget_pence_per_month",
        tr!(items.strategy.budget_pence_per_month.label),
        tr!(items.strategy.budget_pence_per_month.hint),
        Input::Pounds,
    ),
    field(
        "self_managed",
        tr!(items.strategy.self_managed.label),
        no_hint,
        Input::Flag,
    ),
    field(
        "information_shared",
        tr!(items.strategy.information_shared.label),
        no_hint,
        Input::Flag,
    ),
];

fn levels() -> Vec<(&'static str, &'static str)> {
    choices(RiskLevel::ALL, RiskLevel::key, labels::risk_level)
}

const RISK: [Field; 11] = [
    field(
        "activity",
        tr!(items.risk.activity.label),
        tr!(items.risk.activity.hint),
        Input::Line,
    ),
    OWN_WORDS,
    EASY_READ,
    PICTURE,
    field(
        "persons_choice",
        tr!(items.risk.persons_choice.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "hazards",
        tr!(items.risk.hazards.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "likelihood",
        tr!(items.risk.likelihood.label),
        no_hint,
        Input::Choice(levels),
    ),
    field(
        "impact",
        tr!(items.risk.impact.label),
        no_hint,
        Input::Choice(levels),
    ),
    field(
        "safety_measures",
        tr!(items.risk.safety_measures.label),
        tr!(items.risk.safety_measures.hint),
        Input::Lines,
    ),
    field(
        "review_on",
        tr!(items.risk.review_on.label),
        date_hint,
        Input::Date,
    ),
    field(
        "safeguarding_concern",
        tr!(items.risk.safeguarding_concern.label),
        tr!(items.risk.safeguarding_concern.hint),
        Input::Flag,
    ),
];

const WISH: [Field; 8] = [
    field("text", tr!(items.wish.text.label), no_hint, Input::Lines),
    OWN_WORDS,
    EASY_READ,
    PICTURE,
    field(
        "reason",
        tr!(items.wish.reason.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "next_steps",
        tr!(items.wish.next_steps.label),
        no_hint,
        Input::Lines,
    ),
    field(
        "appeal_explained",
        tr!(items.wish.appeal_explained.label),
        no_hint,
        Input::Flag,
    ),
    field(
        "recorded_on",
        tr!(items.wish.recorded_on.label),
        date_hint,
        Input::Date,
    ),
];

const DECISION: [Field; 9] = [
    field(
        "kind",
        tr!(items.decision.kind.label),
        no_hint,
        Input::Choice(|| choices(DecisionKind::ALL, DecisionKind::key, labels::decision_kind)),
    ),
    field(
        "text",
        tr!(items.decision.text.label),
        no_hint,
        Input::Lines,
    ),
    OWN_WORDS,
    field(
        "who",
        tr!(items.decision.who.label),
        tr!(items.decision.who.hint),
        Input::Line,
    ),
    field(
        "occurred_on",
        tr!(items.decision.occurred_on.label),
        date_hint,
        Input::Date,
    ),
    field(
        "evidence",
        tr!(items.decision.evidence.label),
        tr!(items.decision.evidence.hint),
        Input::Lines,
    ),
    field(
        "status",
        tr!(items.decision.status.label),
        no_hint,
        Input::Choice(|| {
            choices(
                DecisionStatus::ALL,
                DecisionStatus::key,
                labels::decision_status,
            )
        }),
    ),
    field(
        "resolution",
        tr!(items.decision.resolution.label),
        tr!(items.decision.resolution.hint),
        Input::OptionalLines,
    ),
    field(
        "resolved_on",
        tr!(items.decision.resolved_on.label),
        date_hint,
        Input::OptionalDate,
    ),
];

/// A kind of plan part with its own form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Profile,
    Finding,
    Goal,
    Strategy,
    Risk,
    Wish,
    Decision,
}

impl ItemKind {
    /// The kinds with a collection of items, as in the API path.
    pub const ITEMS: [ItemKind; 6] = [
        Self::Finding,
        Self::Goal,
        Self::Strategy,
        Self::Risk,
        Self::Wish,
        Self::Decision,
    ];

    pub fn from_collection(collection: &str) -> Option<Self> {
        Self::ITEMS
            .into_iter()
            .find(|kind| kind.collection() == collection)
    }

    /// The API path segment: `/persons/{id}/{collection}` (`api::endpoint::items`).
    pub fn collection(self) -> &'static str {
        match self {
            Self::Profile => "profile",
            Self::Finding => "findings",
            Self::Goal => "goals",
            Self::Strategy => "strategies",
            Self::Risk => "risks",
            Self::Wish => "wishes",
            Self::Decision => "decisions",
        }
    }

    /// One item, in words: "Change a {noun}", "Add a {noun}".
    pub fn noun(self) -> &'static str {
        let i18n = use_i18n();
        match self {
            Self::Profile => t_string!(i18n, items.nouns.profile),
            Self::Finding => t_string!(i18n, items.nouns.finding),
            Self::Goal => t_string!(i18n, items.nouns.goal),
            Self::Strategy => t_string!(i18n, items.nouns.strategy),
            Self::Risk => t_string!(i18n, items.nouns.risk),
            Self::Wish => t_string!(i18n, items.nouns.wish),
            Self::Decision => t_string!(i18n, items.nouns.decision),
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Self::Profile => &PROFILE,
            Self::Finding => &FINDING,
            Self::Goal => &GOAL,
            Self::Strategy => &STRATEGY,
            Self::Risk => &RISK,
            Self::Wish => &WISH,
            Self::Decision => &DECISION,
        }
    }

    pub fn field_names(self) -> Vec<&'static str> {
        self.fields().iter().map(|f| f.name).collect()
    }

    pub fn label_of(self, name: &str) -> &'static str {
        self.fields()
            .iter()
            .find(|f| f.name == name)
            .map_or("", Field::label)
    }

    /// The field that names an item in lists and messages.
    pub fn title_field(self) -> &'static str {
        match self {
            Self::Risk => "activity",
            _ => "text",
        }
    }

    /// Findings, goals, strategies and risk plans may be removed (the server refuses where
    /// they are evidence); wishes not met and the decisions log are kept as evidence.
    pub fn removable(self) -> bool {
        matches!(
            self,
            Self::Finding | Self::Goal | Self::Strategy | Self::Risk
        )
    }

    /// A new item's starting values, `today` as a date and preset fields (a heading or a goal
    /// chosen on the page the editor was opened from).
    pub fn template(self, today: &str, presets: &[(&str, String)]) -> Record {
        let nil = "00000000-0000-0000-0000-000000000000";
        let mut record = match self {
            Self::Profile => json!({}),
            Self::Finding => json!({
                "heading_id": nil, "kind": "need", "text": "", "source": "individual",
                "with_consent": false,
            }),
            Self::Goal => json!({
                "term": "short", "text": "", "measure": "", "baseline": "", "target": "",
                "start_on": today, "due_on": "", "addresses": [], "status": "not_started",
            }),
            Self::Strategy => json!({
                "goal_id": nil, "text": "", "responsible": "staff", "responsible_name": "",
                "frequency": "", "start_on": today, "end_on": null, "resources": "",
                "least_intrusive_reason": "", "community_resource": null,
                "budget_pence_per_month": null, "self_managed": false, "information_shared": false,
            }),
            Self::Risk => json!({
                "activity": "", "hazards": "", "likelihood": "low", "impact": "low",
                "persons_choice": "", "safety_measures": "", "review_on": "",
                "safeguarding_concern": false,
            }),
            Self::Wish => json!({
                "text": "", "reason": "", "next_steps": "", "appeal_explained": false,
                "recorded_on": today,
            }),
            Self::Decision => json!({
                "kind": "decision", "text": "", "who": "", "occurred_on": today, "evidence": "",
                "status": "open", "resolution": null, "resolved_on": null,
            }),
        };
        if let Value::Object(map) = &mut record {
            // What a stored record has besides its fields, so the shared rules can read it.
            for (name, value) in [
                ("id", json!(nil)),
                ("plan_id", json!(nil)),
                ("position", json!(0)),
                ("own_words", Value::Null),
                ("easy_read", Value::Null),
                ("picture", Value::Null),
                ("recorded_by", Value::Null),
                ("row_version", json!(0)),
            ] {
                map.insert(name.to_owned(), value);
            }
            for (name, value) in presets {
                map.insert((*name).to_owned(), json!(value));
            }
            return map.clone();
        }
        Record::new()
    }

    /// Every problem with `record` under the shared rules (the server's own words), in form
    /// order. A date or amount that cannot be read is reported as such.
    pub fn problems(self, record: &Record) -> Vec<FieldError> {
        let i18n = use_i18n();
        let mut unreadable = Vec::new();
        let mut checked = record.clone();
        for f in self.fields() {
            let value = record.get(f.name).unwrap_or(&Value::Null);
            let message = match f.input {
                Input::Date | Input::OptionalDate => match value {
                    Value::Null if matches!(f.input, Input::OptionalDate) => None,
                    Value::String(text) if is_date(text) => None,
                    Value::String(text) if text.trim().is_empty() => {
                        let label = f.label().to_lowercase();
                        Some(t_string!(i18n, items.enter_the, label).to_string())
                    }
                    _ => Some(t_string!(i18n, items.enter_date).to_owned()),
                },
                Input::Pounds => match value {
                    Value::String(_) => Some(t_string!(i18n, items.enter_pounds).to_owned()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(message) = message {
                // A stand-in the shared rules can read; their own message for it is dropped.
                checked.insert(
                    f.name.to_owned(),
                    match f.input {
                        Input::Pounds => Value::Null,
                        _ => json!("2000-01-01"),
                    },
                );
                unreadable.push(FieldError {
                    field: f.name.to_owned(),
                    message,
                });
            }
        }
        let shared = match self {
            Self::Profile => typed::<Profile>(&checked),
            Self::Finding => typed::<Finding>(&checked),
            Self::Goal => typed::<Goal>(&checked),
            Self::Strategy => typed::<Strategy>(&checked),
            Self::Risk => typed::<RiskPlan>(&checked),
            Self::Wish => typed::<WishNotMet>(&checked),
            Self::Decision => typed::<Decision>(&checked),
        };
        let dates_unreadable = !unreadable.is_empty();
        let date_field = |name: &str| {
            self.fields()
                .iter()
                .any(|f| f.name == name && matches!(f.input, Input::Date | Input::OptionalDate))
        };
        let mut problems: Vec<FieldError> = unreadable;
        // With a stand-in date, a date-order message would be about the stand-in.
        problems.extend(
            shared
                .into_iter()
                .filter(|p| !(dates_unreadable && date_field(&p.field))),
        );
        let position = |name: &str| self.fields().iter().position(|f| f.name == name);
        problems.sort_by_key(|p| position(&p.field));
        problems
    }
}

fn typed<T: DeserializeOwned + Validate>(record: &Record) -> Vec<FieldError> {
    match serde_json::from_value::<T>(Value::Object(record.clone())) {
        Ok(item) => item.problems(),
        Err(error) => {
            let i18n = use_i18n();
            vec![FieldError {
                field: String::new(),
                message: t_string!(i18n, items.not_checked, error).to_string(),
            }]
        }
    }
}

pub fn is_date(text: &str) -> bool {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// "40.00" or "40" as pence; `None` when it is not an amount.
pub fn pence(text: &str) -> Option<i64> {
    let text = text.trim().trim_start_matches('£');
    let (pounds, pennies) = text.split_once('.').unwrap_or((text, "0"));
    let pennies = match pennies.len() {
        1 => pennies.parse::<i64>().ok()? * 10,
        2 => pennies.parse::<i64>().ok()?,
        _ => return None,
    };
    if pounds.is_empty() || !pounds.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(pounds.parse::<i64>().ok()? * 100 + pennies)
}

/// A field's value as the text an input shows.
pub fn shown(input: Input, value: &Value) -> String {
    let i18n = use_i18n();
    match (input, value) {
        (_, Value::Null) => String::new(),
        (Input::Pounds, Value::Number(n)) => n
            .as_i64()
            .map(|p| format!("{}.{:02}", p / 100, p % 100))
            .unwrap_or_default(),
        (Input::Picture, Value::String(key)) => ourplan_shared::pictures::find(key).map_or_else(
            || key.clone(),
            |c| ourplan_shared::pictures::name(c, crate::language::regional_tag()).to_owned(),
        ),
        (Input::Choice(options), Value::String(key)) => options()
            .into_iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| key.clone(), |(_, label)| label.to_owned()),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Bool(true)) => t_string!(i18n, items.yes).to_owned(),
        (_, Value::Bool(false)) => t_string!(i18n, items.no).to_owned(),
        (_, Value::Array(items)) => t_string!(i18n, items.chosen, count = items.len()).to_string(),
        (_, other) => other.to_string(),
    }
}

/// The value an input's text stands for.
pub fn from_text(input: Input, text: &str) -> Value {
    match input {
        Input::OptionalLines | Input::OptionalDate if text.trim().is_empty() => Value::Null,
        Input::Pounds if text.trim().is_empty() => Value::Null,
        Input::Pounds => pence(text).map_or_else(|| json!(text), |p| json!(p)),
        _ => json!(text),
    }
}
