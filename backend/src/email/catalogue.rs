//! The emails' words, from the same translation catalogue as the app
//! (`frontend/locales/<language>/email.json`; the frontend's build checks that every language
//! has every text). `{{ name }}` in a text is replaced by the value of `name`.

use std::collections::HashMap;
use std::sync::OnceLock;

use ourplan_shared::email::EmailLanguage;

const ENGLISH: &str = include_str!("../../../frontend/locales/en/email.json");
const POLISH: &str = include_str!("../../../frontend/locales/pl/email.json");

type Texts = HashMap<String, String>;

fn texts(language: EmailLanguage) -> &'static Texts {
    static EN: OnceLock<Texts> = OnceLock::new();
    static PL: OnceLock<Texts> = OnceLock::new();
    let (cell, source) = match language {
        EmailLanguage::English => (&EN, ENGLISH),
        EmailLanguage::Polish => (&PL, POLISH),
    };
    // The catalogue is compiled in and a unit test parses it, so this cannot fail at run time.
    cell.get_or_init(|| serde_json::from_str(source).unwrap_or_default())
}

/// Whether `key` has a text (in English, which has every key).
pub fn has(key: &str) -> bool {
    texts(EmailLanguage::English).contains_key(key)
}

/// The text of `key` in `language` (falling back to English, then to the key itself, so a
/// missing text shows up in a test rather than as an empty email) with `values` filled in.
pub fn text(language: EmailLanguage, key: &str, values: &[(&str, &str)]) -> String {
    let template = texts(language)
        .get(key)
        .or_else(|| texts(EmailLanguage::English).get(key))
        .map_or(key, String::as_str);
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{{ {name} }}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_parse_with_the_same_keys() {
        let english: Texts = serde_json::from_str(ENGLISH).unwrap();
        let polish: Texts = serde_json::from_str(POLISH).unwrap();
        let mut a: Vec<_> = english.keys().collect();
        let mut b: Vec<_> = polish.keys().collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }

    #[test]
    fn fills_in_values() {
        assert_eq!(
            text(EmailLanguage::English, "greeting", &[("name", "Sam")]),
            "Hello Sam,"
        );
        assert_eq!(
            text(EmailLanguage::Polish, "greeting", &[("name", "Sam")]),
            "Dzień dobry Sam,"
        );
    }
}
