//! What changed between two versions of a plan, in plain words: "Goal “Cook a meal each
//! week”: target changed from “1” to “2”". Used for a version's change summary and for
//! comparing any two versions.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::plan::PlanDocument;

/// What happened to an item, or to one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// A field's value as a change shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Shown {
    Nothing,
    Yes,
    No,
    /// A list of this many.
    Items(usize),
    Text(String),
}

/// One change between two versions: the English sentence (kept with an agreed version) and
/// its parts, so a reader of another language gets it in their words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanChange {
    /// The part of the plan, in words: "Goal", "Risk plan".
    pub part: String,
    /// The sentence a person reads, in English.
    pub description: String,
    /// The part of the document: `profile`, `goals`, `risks`…
    pub section: String,
    /// The words that name the item (empty for About me).
    pub name: String,
    pub change: ChangeKind,
    /// The field that changed (its JSON name), for a change.
    pub field: Option<String>,
    pub before: Option<Shown>,
    pub after: Option<Shown>,
}

/// Fields that are bookkeeping, not content.
const IGNORED: [&str; 6] = [
    "id",
    "plan_id",
    "row_version",
    "position",
    "recorded_by",
    "heading_id",
];

/// The parts compared item by item: the JSON name in the document, the word for one item, and
/// the field that names it.
const LISTS: [(&str, &str, &str); 6] = [
    ("findings", "Finding", "text"),
    ("goals", "Goal", "text"),
    ("strategies", "Strategy", "text"),
    ("risks", "Risk plan", "activity"),
    ("wishes_not_met", "Wish not met", "text"),
    ("decisions", "Decision", "text"),
];

fn words(field: &str) -> String {
    match field {
        "due_on" => "target date".to_owned(),
        "start_on" => "start date".to_owned(),
        "end_on" => "end date".to_owned(),
        "review_on" => "review date".to_owned(),
        "own_words" => "own words".to_owned(),
        "addresses" => "needs it addresses".to_owned(),
        "goal_id" => "goal it serves".to_owned(),
        other => other.replace('_', " "),
    }
}

fn shown(value: &Value) -> Shown {
    match value {
        Value::Null => Shown::Nothing,
        Value::String(s) if s.is_empty() => Shown::Nothing,
        Value::String(s) => Shown::Text(s.clone()),
        Value::Bool(true) => Shown::Yes,
        Value::Bool(false) => Shown::No,
        Value::Array(items) => Shown::Items(items.len()),
        other => Shown::Text(other.to_string()),
    }
}

/// A value in an English sentence.
fn english(value: &Shown) -> String {
    match value {
        Shown::Nothing => "nothing".to_owned(),
        Shown::Yes => "yes".to_owned(),
        Shown::No => "no".to_owned(),
        Shown::Items(n) => format!("{n} items"),
        Shown::Text(s) => format!("“{s}”"),
    }
}

/// The item's name as the English sentence quotes it.
fn quoted(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!(" “{name}”")
    }
}

fn field_changes(
    (section, part): (&str, &str),
    name: &str,
    old: &Value,
    new: &Value,
    out: &mut Vec<PlanChange>,
) {
    let (Some(old), Some(new)) = (old.as_object(), new.as_object()) else {
        return;
    };
    for (field, after) in new {
        if IGNORED.contains(&field.as_str()) {
            continue;
        }
        let before = old.get(field).unwrap_or(&Value::Null);
        if before != after {
            let (before, after) = (shown(before), shown(after));
            out.push(PlanChange {
                part: part.to_owned(),
                description: format!(
                    "{part}{}: {} changed from {} to {}",
                    quoted(name),
                    words(field),
                    english(&before),
                    english(&after)
                ),
                section: section.to_owned(),
                name: name.to_owned(),
                change: ChangeKind::Changed,
                field: Some(field.clone()),
                before: Some(before),
                after: Some(after),
            });
        }
    }
}

/// Every change from `old` to `new`, section by section, in document order.
pub fn compare(old: &PlanDocument, new: &PlanDocument) -> Vec<PlanChange> {
    match (serde_json::to_value(old), serde_json::to_value(new)) {
        (Ok(old), Ok(new)) => compare_values(&old, &new),
        _ => Vec::new(),
    }
}

/// The same, on the documents as JSON.
fn compare_values(old: &Value, new: &Value) -> Vec<PlanChange> {
    let mut out = Vec::new();
    field_changes(
        ("profile", "About me"),
        "",
        &old["profile"],
        &new["profile"],
        &mut out,
    );
    for (list, part, label) in LISTS {
        let empty = Vec::new();
        let before = old[list].as_array().unwrap_or(&empty);
        let after = new[list].as_array().unwrap_or(&empty);
        let name = |item: &Value| item[label].as_str().unwrap_or("").to_owned();
        let whole = |item: &Value, change: ChangeKind, done: &str| PlanChange {
            part: part.to_owned(),
            description: format!("{part}{} {done}", quoted(&name(item))),
            section: list.to_owned(),
            name: name(item),
            change,
            field: None,
            before: None,
            after: None,
        };
        for item in after {
            match before.iter().find(|b| b["id"] == item["id"]) {
                None => out.push(whole(item, ChangeKind::Added, "added")),
                Some(earlier) => {
                    field_changes((list, part), &name(earlier), earlier, item, &mut out)
                }
            }
        }
        for item in before {
            if !after.iter().any(|a| a["id"] == item["id"]) {
                out.push(whole(item, ChangeKind::Removed, "removed"));
            }
        }
    }
    out
}

/// A version's change summary: the changes as lines, or a note that there were none.
pub fn summary(changes: &[PlanChange]) -> String {
    if changes.is_empty() {
        return "No changes to the content.".to_owned();
    }
    let lines: Vec<&str> = changes.iter().map(|c| c.description.as_str()).collect();
    let mut text = lines.join("\n");
    if text.chars().count() > 10_000 {
        text = text.chars().take(9_990).collect::<String>() + "\n…";
    }
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn doc(goals: Value, profile: Value) -> Value {
        json!({"profile": profile, "goals": goals})
    }

    #[test]
    fn field_changes_additions_and_removals_read_as_sentences() {
        let cook = json!({"id": "g1", "text": "Cook a meal each week", "target": "1", "row_version": 1, "position": 1});
        let walk = json!({"id": "g2", "text": "Walk to the shop", "target": "3"});
        let before = doc(
            json!([cook, walk]),
            json!({"important_to_me": "Music", "own_words": null}),
        );
        let mut cook2 = cook.clone();
        cook2["target"] = json!("2");
        cook2["row_version"] = json!(2);
        cook2["position"] = json!(5);
        let swim = json!({"id": "g3", "text": "Swim on Saturdays", "target": "1"});
        let after = doc(
            json!([cook2, swim]),
            json!({"important_to_me": "Music", "own_words": "I love buses"}),
        );
        let said: Vec<String> = compare_values(&before, &after)
            .into_iter()
            .map(|c| c.description)
            .collect();
        assert_eq!(
            said,
            [
                "About me: own words changed from nothing to “I love buses”",
                "Goal “Cook a meal each week”: target changed from “1” to “2”",
                "Goal “Swim on Saturdays” added",
                "Goal “Walk to the shop” removed",
            ]
        );
    }

    #[test]
    fn a_change_carries_its_parts_for_other_languages() {
        let before = doc(
            json!([{"id": "g1", "text": "Cook", "target": "1"}]),
            json!({}),
        );
        let after = doc(
            json!([{"id": "g1", "text": "Cook", "target": "2"}]),
            json!({}),
        );
        let change = &compare_values(&before, &after)[0];
        assert_eq!(change.section, "goals");
        assert_eq!(change.name, "Cook");
        assert_eq!(change.change, ChangeKind::Changed);
        assert_eq!(change.field.as_deref(), Some("target"));
        assert_eq!(change.before, Some(Shown::Text("1".to_owned())));
        assert_eq!(change.after, Some(Shown::Text("2".to_owned())));
        let added = &compare_values(&doc(json!([]), json!({})), &after)[0];
        assert_eq!(
            (added.change, added.field.as_deref()),
            (ChangeKind::Added, None)
        );
    }

    #[test]
    fn the_same_document_has_no_changes_and_says_so() {
        let same = doc(
            json!([{"id": "g1", "text": "x"}]),
            json!({"important_to_me": ""}),
        );
        let changes = compare_values(&same, &same);
        assert!(changes.is_empty());
        assert_eq!(summary(&changes), "No changes to the content.");
    }

    #[test]
    fn a_very_long_summary_is_cut_to_what_a_version_keeps() {
        let change = PlanChange {
            part: "Goal".to_owned(),
            description: "x".repeat(600),
            section: "goals".to_owned(),
            name: "x".to_owned(),
            change: ChangeKind::Added,
            field: None,
            before: None,
            after: None,
        };
        let text = summary(&vec![change; 40]);
        assert!(text.chars().count() <= 10_000);
        assert!(text.ends_with('…'));
    }
}
