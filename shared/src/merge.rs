//! Combining two people's changes to one record, so a save that someone else beat never
//! overwrites their work silently: what only one side changed is kept, and where both changed
//! the same field differently the person saving chooses.
//!
//! Records are compared as JSON objects, field by field, over the fields a form edits; the
//! editor of every plan item uses this, whatever the item's type.

use serde_json::{Map, Value};

/// A field both people changed, to different values.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub field: String,
    pub mine: Value,
    pub theirs: Value,
}

/// The result of combining: their record with my non-clashing changes applied, the clashes
/// still to choose, and which fields each side's changes were kept in.
#[derive(Debug, Clone, PartialEq)]
pub struct Combined {
    pub record: Map<String, Value>,
    pub clashes: Vec<Clash>,
    pub kept_theirs: Vec<String>,
    pub kept_mine: Vec<String>,
}

fn field<'a>(record: &'a Map<String, Value>, name: &str) -> &'a Value {
    record.get(name).unwrap_or(&Value::Null)
}

/// Combines what I `opened`, what I have now (`mine`) and what they saved (`theirs`), over
/// `fields` in form order. Every other field (ids, `row_version`) comes from theirs, so the
/// combination can be saved against their version.
pub fn combine(
    opened: &Map<String, Value>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    fields: &[&str],
) -> Combined {
    let mut combined = Combined {
        record: theirs.clone(),
        clashes: Vec::new(),
        kept_theirs: Vec::new(),
        kept_mine: Vec::new(),
    };
    for &name in fields {
        let (o, m, t) = (field(opened, name), field(mine, name), field(theirs, name));
        if m == o {
            if t != o {
                combined.kept_theirs.push(name.to_owned());
            }
        } else if t == o || t == m {
            combined.record.insert(name.to_owned(), m.clone());
            combined.kept_mine.push(name.to_owned());
        } else {
            combined.clashes.push(Clash {
                field: name.to_owned(),
                mine: m.clone(),
                theirs: t.clone(),
            });
        }
    }
    combined
}

impl Combined {
    /// The record to save once each clash is settled: `choose_mine(field)` says whose value.
    pub fn resolved(&self, choose_mine: impl Fn(&str) -> bool) -> Map<String, Value> {
        let mut record = self.record.clone();
        for clash in &self.clashes {
            let value = if choose_mine(&clash.field) {
                &clash.mine
            } else {
                &clash.theirs
            };
            record.insert(clash.field.clone(), value.clone());
        }
        record
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn record(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    const FIELDS: [&str; 3] = ["text", "target", "measure"];

    #[test]
    fn keeps_both_sides_when_they_changed_different_fields() {
        let opened =
            record(json!({"text": "Cook", "target": "1", "measure": "Meals", "row_version": 3}));
        let mine =
            record(json!({"text": "Cook", "target": "2", "measure": "Meals", "row_version": 3}));
        let theirs =
            record(json!({"text": "Cook", "target": "1", "measure": "Calendar", "row_version": 4}));
        let combined = combine(&opened, &mine, &theirs, &FIELDS);
        assert!(combined.clashes.is_empty());
        assert_eq!(combined.kept_mine, ["target"]);
        assert_eq!(combined.kept_theirs, ["measure"]);
        assert_eq!(
            Value::Object(combined.record),
            json!({"text": "Cook", "target": "2", "measure": "Calendar", "row_version": 4}),
            "saved against their version"
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_clash() {
        let opened = record(json!({"text": "Cook"}));
        let mine = record(json!({"text": "Cook pasta"}));
        let combined = combine(&opened, &mine, &mine.clone(), &FIELDS);
        assert!(combined.clashes.is_empty());
        assert_eq!(combined.kept_mine, ["text"]);
        assert!(combined.kept_theirs.is_empty());
    }

    #[test]
    fn different_changes_to_one_field_are_a_clash_to_choose() {
        let opened = record(json!({"text": "Cook", "target": "1"}));
        let mine = record(json!({"text": "Cook pasta", "target": "1"}));
        let theirs = record(json!({"text": "Cook soup", "target": "3"}));
        let combined = combine(&opened, &mine, &theirs, &FIELDS);
        assert_eq!(
            combined.clashes,
            [Clash {
                field: "text".to_owned(),
                mine: json!("Cook pasta"),
                theirs: json!("Cook soup"),
            }]
        );
        assert_eq!(combined.kept_theirs, ["target"]);
        assert_eq!(combined.resolved(|_| true)["text"], json!("Cook pasta"));
        assert_eq!(combined.resolved(|_| false)["text"], json!("Cook soup"));
        assert_eq!(combined.resolved(|_| true)["target"], json!("3"));
    }

    #[test]
    fn a_field_missing_on_one_side_counts_as_empty() {
        let opened = record(json!({}));
        let mine = record(json!({"measure": null}));
        let theirs = record(json!({"measure": "Calendar"}));
        let combined = combine(&opened, &mine, &theirs, &FIELDS);
        assert!(combined.clashes.is_empty());
        assert_eq!(combined.kept_theirs, ["measure"]);
        assert_eq!(combined.record["measure"], json!("Calendar"));
    }
}
