//! Help for staff to write in plain language: sentences over 15 words, hard words with a
//! simpler one to use instead, and a reading-ease score. Computed here so the editor shows it as
//! staff type and the server can report the same.

use serde::{Deserialize, Serialize};

/// Sentences longer than this many words are flagged.
pub const LONGEST_SENTENCE: usize = 15;

/// Hard words and phrases, and what to write instead. Lower case; phrases match whole words.
pub const SIMPLER: [(&str, &str); 48] = [
    ("accommodation", "home"),
    ("additional", "more"),
    ("administer", "give"),
    ("alternatively", "or"),
    ("ambulate", "walk"),
    ("approximately", "about"),
    ("assist", "help"),
    ("assistance", "help"),
    ("commence", "start"),
    ("communicate", "talk"),
    ("consume", "eat or drink"),
    ("demonstrate", "show"),
    ("endeavour", "try"),
    ("ensure", "make sure"),
    ("facilitate", "help"),
    ("finances", "money"),
    ("frequently", "often"),
    ("however", "but"),
    ("hydration", "drinks"),
    ("implement", "do"),
    ("in order to", "to"),
    ("indicate", "show"),
    ("individual", "person"),
    ("intervention", "support"),
    ("medication", "medicine"),
    ("mobilise", "move"),
    ("monitor", "check"),
    ("nutrition", "food"),
    ("objective", "goal"),
    ("obtain", "get"),
    ("participate", "take part"),
    ("prior to", "before"),
    ("purchase", "buy"),
    ("regarding", "about"),
    ("remainder", "rest"),
    ("request", "ask for"),
    ("require", "need"),
    ("residence", "home"),
    ("service user", "person"),
    ("subsequently", "later"),
    ("sufficient", "enough"),
    ("therefore", "so"),
    ("utilise", "use"),
    ("utilize", "use"),
    ("whilst", "while"),
    ("with regard to", "about"),
    ("commencing", "starting"),
    ("requires", "needs"),
];

/// A hard word found, and the simpler one to use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HardWord {
    pub word: String,
    pub instead: String,
}

/// What the checker found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlainLanguage {
    /// Sentences over [`LONGEST_SENTENCE`] words, as written.
    pub long_sentences: Vec<String>,
    pub hard_words: Vec<HardWord>,
    /// Flesch reading ease, 0 (very hard) to 100 (very easy); `None` for no words.
    pub reading_ease: Option<f64>,
}

impl PlainLanguage {
    /// Nothing to change.
    pub fn is_plain(&self) -> bool {
        self.long_sentences.is_empty() && self.hard_words.is_empty()
    }

    /// The score in words: "easy to read" and so on.
    pub fn ease_words(&self) -> Option<&'static str> {
        self.reading_ease.map(|score| match score {
            s if s >= 80.0 => "easy to read",
            s if s >= 60.0 => "fairly easy to read",
            s if s >= 40.0 => "fairly hard to read",
            _ => "hard to read",
        })
    }
}

/// The sentences of a text: split after `.`, `!` or `?` (and at line breaks), trimmed.
pub fn sentences(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            found.push(std::mem::take(&mut current));
            continue;
        }
        current.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            found.push(std::mem::take(&mut current));
        }
    }
    found.push(current);
    found
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect()
}

/// The words of a text, lower case: letters, digits and inner apostrophes or hyphens.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Syllables in an English word, estimated from its vowel groups (at least one).
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word.chars().filter(char::is_ascii_alphabetic).collect();
    if letters.is_empty() {
        return 1;
    }
    let vowel = |c: char| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut before = false;
    for &c in &letters {
        let is = vowel(c);
        if is && !before {
            count += 1;
        }
        before = is;
    }
    // A silent final "e" ("make"), but not "-le" ("table").
    let n = letters.len();
    if n > 2 && letters[n - 1] == 'e' && letters[n - 2] != 'l' && !vowel(letters[n - 2]) {
        count -= 1;
    }
    count.max(1)
}

/// Checks one text.
pub fn check(text: &str) -> PlainLanguage {
    let sentences = sentences(text);
    let long_sentences = sentences
        .iter()
        .filter(|s| words(s).len() > LONGEST_SENTENCE)
        .cloned()
        .collect();
    let all: Vec<String> = words(text);
    let joined = format!(" {} ", all.join(" "));
    let mut hard_words: Vec<HardWord> = SIMPLER
        .iter()
        .filter(|(hard, _)| joined.contains(&format!(" {hard} ")))
        .map(|(hard, easy)| HardWord {
            word: (*hard).to_owned(),
            instead: (*easy).to_owned(),
        })
        .collect();
    hard_words.sort_by_key(|h| joined.find(&format!(" {} ", h.word)));
    let reading_ease = (!all.is_empty()).then(|| {
        let words = all.len() as f64;
        let sentences = sentences.len().max(1) as f64;
        let syllables: usize = all.iter().map(|w| syllables(w)).sum();
        let score = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables as f64 / words);
        (score.clamp(0.0, 100.0) * 10.0).round() / 10.0
    });
    PlainLanguage {
        long_sentences,
        hard_words,
        reading_ease,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_sentences_over_fifteen_words() {
        let fifteen = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.";
        assert!(check(fifteen).long_sentences.is_empty(), "15 is fine");
        let sixteen = "We will facilitate access to a range of community based activities that promote wellbeing and reduce isolation for you.";
        assert_eq!(check(sixteen).long_sentences, [sixteen]);
        let two = format!("I like tea. {sixteen}");
        assert_eq!(check(&two).long_sentences.len(), 1);
    }

    #[test]
    fn suggests_simpler_words_in_the_order_they_appear() {
        let report = check("Staff will monitor medication and facilitate, in order to help.");
        let pairs: Vec<(&str, &str)> = report
            .hard_words
            .iter()
            .map(|h| (h.word.as_str(), h.instead.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("monitor", "check"),
                ("medication", "medicine"),
                ("facilitate", "help"),
                ("in order to", "to")
            ]
        );
        assert!(
            check("Medication: Alex's.").hard_words.len() == 1,
            "any case, any punctuation"
        );
        assert!(
            check("I administered nothing").hard_words.is_empty(),
            "whole words only"
        );
    }

    #[test]
    fn splits_sentences_without_breaking_numbers_or_names() {
        assert_eq!(
            sentences("Take 2.5 ml at 8.00. Then rest!\nCall Dr. Okafor?"),
            ["Take 2.5 ml at 8.00.", "Then rest!", "Call Dr.", "Okafor?"]
        );
        assert!(sentences("  ... ").is_empty());
    }

    #[test]
    fn counts_syllables_well_enough_for_a_score() {
        for (word, count) in [
            ("cat", 1),
            ("make", 1),
            ("table", 2),
            ("medicine", 3),
            ("facilitate", 4),
            ("the", 1),
            ("rhythm", 1),
            ("2026", 1),
        ] {
            assert_eq!(syllables(word), count, "{word}");
        }
    }

    #[test]
    fn plain_text_scores_easier_than_officialese() {
        let plain = check("I like to cook. I go to the shop on Monday. Jordan helps me.");
        let hard = check(
            "The individual requires additional assistance to facilitate the preparation of nutritionally balanced meals subsequently.",
        );
        assert!(plain.is_plain());
        assert_eq!(plain.ease_words(), Some("easy to read"));
        assert!(plain.reading_ease.unwrap() > hard.reading_ease.unwrap());
        assert_eq!(hard.ease_words(), Some("hard to read"));
        assert_eq!(check("").reading_ease, None);
    }
}
