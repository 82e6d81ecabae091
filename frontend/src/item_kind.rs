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
}

pub struct Field {
    /// The JSON name, also the input's id, so a server error naming it links to it.
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub input: Input,
}

const fn field(name: &'static str, label: &'static str, hint: &'static str, input: Input) -> Field {
    Field {
        name,
        label,
        hint,
        input,
    }
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
    "In the person's own words (optional)",
    "How the person says it. They can also write this themselves when they sign in.",
    Input::OptionalLines,
);

const PROFILE: [Field; 8] = [
    field(
        "like_about_me",
        "What people like and admire about me",
        "",
        Input::Lines,
    ),
    field(
        "important_to_me",
        "What is important to me",
        "",
        Input::Lines,
    ),
    field(
        "how_to_support_me",
        "How best to support me",
        "",
        Input::Lines,
    ),
    field(
        "culture_and_beliefs",
        "My culture and beliefs",
        "",
        Input::Lines,
    ),
    field("lifestyle", "How I like to live", "", Input::Lines),
    field("aspirations", "My hopes for the future", "", Input::Lines),
    field(
        "medical_history",
        "Health history that matters for my support",
        "",
        Input::Lines,
    ),
    field(
        "own_words",
        "About me, in my own words (optional)",
        "The person can also write this themselves when they sign in.",
        Input::OptionalLines,
    ),
];

const FINDING: [Field; 6] = [
    field("heading_id", "Needs heading", "", Input::Heading),
    field(
        "kind",
        "What kind of finding is it?",
        "",
        Input::Choice(|| choices(FindingKind::ALL, FindingKind::key, FindingKind::label)),
    ),
    field(
        "text",
        "What was found",
        "For example: Alex can make a hot drink with a little help.",
        Input::Lines,
    ),
    OWN_WORDS,
    field(
        "source",
        "Where did this come from?",
        "",
        Input::Choice(|| choices(FindingSource::ALL, FindingSource::key, FindingSource::label)),
    ),
    field(
        "with_consent",
        "The person agreed that we could collect this from others",
        "Needed when it came from family, records or another professional.",
        Input::Flag,
    ),
];

const GOAL: [Field; 10] = [
    field(
        "term",
        "Is this a short- or long-term goal?",
        "",
        Input::Choice(|| choices(GoalTerm::ALL, GoalTerm::key, GoalTerm::label)),
    ),
    field(
        "text",
        "What the goal is",
        "Specific: what will be different.",
        Input::Line,
    ),
    OWN_WORDS,
    field(
        "measure",
        "How progress is measured",
        "Measurable: what you will count or see.",
        Input::Line,
    ),
    field("baseline", "Where it starts", "Optional.", Input::Line),
    field(
        "target",
        "What counts as done",
        "Achievable: the result that means the goal is met.",
        Input::Line,
    ),
    field("start_on", "Start date", "As 2026-12-01.", Input::Date),
    field(
        "due_on",
        "Target date",
        "Time-bound: after the start date.",
        Input::Date,
    ),
    field(
        "addresses",
        "Which needs does it address?",
        "Relevant: choose at least one need from the assessment.",
        Input::Needs,
    ),
    field(
        "status",
        "How is it going?",
        "",
        Input::Choice(|| choices(GoalStatus::ALL, GoalStatus::key, GoalStatus::label)),
    ),
];

const STRATEGY: [Field; 14] = [
    field("goal_id", "The goal it supports", "", Input::Goal),
    field(
        "text",
        "What the support is",
        "For example: Jordan shops with Alex and they plan the meal together.",
        Input::Lines,
    ),
    OWN_WORDS,
    field(
        "responsible",
        "Who is responsible?",
        "",
        Input::Choice(|| {
            choices(
                ResponsibleParty::ALL,
                ResponsibleParty::key,
                ResponsibleParty::label,
            )
        }),
    ),
    field(
        "responsible_name",
        "Who, by name or job",
        "For example: Jordan (key worker).",
        Input::Line,
    ),
    field(
        "frequency",
        "How often",
        "For example: every Tuesday morning.",
        Input::Line,
    ),
    field("start_on", "From", "As 2026-12-01.", Input::Date),
    field(
        "end_on",
        "Until (optional)",
        "Leave empty if it carries on.",
        Input::OptionalDate,
    ),
    field(
        "resources",
        "Resources needed (optional)",
        "Equipment, places, money.",
        Input::Lines,
    ),
    field(
        "least_intrusive_reason",
        "Why this is the least intrusive way",
        "Why less support would not do, and the person's preference.",
        Input::Lines,
    ),
    field(
        "community_resource",
        "Community resource or social prescribing (optional)",
        "",
        Input::OptionalLines,
    ),
    field(
        "budget_pence_per_month",
        "Personal budget per month, in pounds (optional)",
        "For example: 40.00.",
        Input::Pounds,
    ),
    field(
        "self_managed",
        "The person does this themselves",
        "",
        Input::Flag,
    ),
    field(
        "information_shared",
        "Everyone who does this has had the information or training",
        "",
        Input::Flag,
    ),
];

fn levels() -> Vec<(&'static str, &'static str)> {
    choices(RiskLevel::ALL, RiskLevel::key, RiskLevel::label)
}

const RISK: [Field; 9] = [
    field(
        "activity",
        "The activity",
        "What the person wants to do, for example: take the bus to college alone.",
        Input::Line,
    ),
    OWN_WORDS,
    field(
        "persons_choice",
        "What the person chooses to do",
        "",
        Input::Lines,
    ),
    field("hazards", "What could go wrong", "", Input::Lines),
    field("likelihood", "How likely is it?", "", Input::Choice(levels)),
    field("impact", "How bad would it be?", "", Input::Choice(levels)),
    field(
        "safety_measures",
        "How it is made as safe as possible",
        "Positive risk-taking: how the person can do this safely.",
        Input::Lines,
    ),
    field("review_on", "Review date", "As 2026-12-01.", Input::Date),
    field(
        "safeguarding_concern",
        "There is a safeguarding concern",
        "Also follow your safeguarding procedure.",
        Input::Flag,
    ),
];

const WISH: [Field; 6] = [
    field("text", "What the person wanted", "", Input::Lines),
    OWN_WORDS,
    field("reason", "Why it could not be done", "", Input::Lines),
    field("next_steps", "What will happen next", "", Input::Lines),
    field(
        "appeal_explained",
        "We told the person they can appeal through the complaints procedure",
        "",
        Input::Flag,
    ),
    field(
        "recorded_on",
        "Date recorded",
        "As 2026-12-01.",
        Input::Date,
    ),
];

const DECISION: [Field; 9] = [
    field(
        "kind",
        "What is being recorded?",
        "",
        Input::Choice(|| choices(DecisionKind::ALL, DecisionKind::key, DecisionKind::label)),
    ),
    field(
        "text",
        "What was done, decided or disagreed about",
        "",
        Input::Lines,
    ),
    OWN_WORDS,
    field("who", "Who was involved", "Names and roles.", Input::Line),
    field("occurred_on", "When", "As 2026-12-01.", Input::Date),
    field(
        "evidence",
        "Evidence (optional)",
        "Where the record or letter is.",
        Input::Lines,
    ),
    field(
        "status",
        "Is it resolved?",
        "",
        Input::Choice(|| {
            choices(
                DecisionStatus::ALL,
                DecisionStatus::key,
                DecisionStatus::label,
            )
        }),
    ),
    field(
        "resolution",
        "How it was resolved",
        "Needed once it is resolved.",
        Input::OptionalLines,
    ),
    field(
        "resolved_on",
        "Date resolved",
        "As 2026-12-01.",
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

    /// The API path segment: `/api/v1/persons/{id}/{collection}`.
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
        match self {
            Self::Profile => "one-page profile",
            Self::Finding => "finding",
            Self::Goal => "goal",
            Self::Strategy => "strategy",
            Self::Risk => "risk plan",
            Self::Wish => "wish not met",
            Self::Decision => "decision log entry",
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
            .map_or("", |f| f.label)
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
        let mut unreadable = Vec::new();
        let mut checked = record.clone();
        for f in self.fields() {
            let value = record.get(f.name).unwrap_or(&Value::Null);
            let message = match f.input {
                Input::Date | Input::OptionalDate => match value {
                    Value::Null if matches!(f.input, Input::OptionalDate) => None,
                    Value::String(text) if is_date(text) => None,
                    Value::String(text) if text.trim().is_empty() => {
                        Some(format!("Enter the {}.", f.label.to_lowercase()))
                    }
                    _ => Some("Enter a date like 2026-12-01.".to_owned()),
                },
                Input::Pounds => match value {
                    Value::String(_) => Some("Enter an amount in pounds, like 40.00.".to_owned()),
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
        Err(error) => vec![FieldError {
            field: String::new(),
            message: format!("This could not be checked: {error}."),
        }],
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
    match (input, value) {
        (_, Value::Null) => String::new(),
        (Input::Pounds, Value::Number(n)) => n
            .as_i64()
            .map(|p| format!("{}.{:02}", p / 100, p % 100))
            .unwrap_or_default(),
        (Input::Choice(options), Value::String(key)) => options()
            .into_iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| key.clone(), |(_, label)| label.to_owned()),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Bool(true)) => "Yes".to_owned(),
        (_, Value::Bool(false)) => "No".to_owned(),
        (_, Value::Array(items)) => format!("{} chosen", items.len()),
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
