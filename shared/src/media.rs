//! The person's own photos and voice recordings on their plan (R-2: the person's voice in
//! their own plan). A photo or recording belongs to a point of a section, or to "About me";
//! it is shown only to those who may read that section.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::consent::PlanSection;

crate::keyed_enum! {
    /// What a media item is.
    pub enum MediaKind {
        Photo = "photo",
        Recording = "recording",
    }
}

/// The largest photo upload, in bytes: a phone camera's full-size JPEG fits.
pub const PHOTO_UPLOAD_MAX: usize = 15 * 1024 * 1024;
/// The largest recording, in bytes.
pub const RECORDING_MAX: usize = 2 * 1024 * 1024;
/// The longest recording, in milliseconds.
pub const RECORDING_MAX_MS: u32 = 2 * 60 * 1000;
/// Photos are kept at most this many pixels wide and high.
pub const PHOTO_MAX_SIDE: u32 = 1600;
/// The longest words said about a photo or recording, in characters.
pub const WORDS_MAX: usize = 200;

/// The sections a photo or recording can be added to: the person's own parts of the plan.
pub const MEDIA_SECTIONS: [PlanSection; 6] = [
    PlanSection::Profile,
    PlanSection::Needs,
    PlanSection::Goals,
    PlanSection::Strategies,
    PlanSection::Risks,
    PlanSection::WishesNotMet,
];

/// A photo or recording, as listed with the plan (`GET /api/v1/persons/{id}/media`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Media {
    pub id: String,
    pub section: PlanSection,
    /// The point it is on; none for "About me".
    pub item_id: Option<String>,
    pub kind: MediaKind,
    /// What it shows or says, in a few words ("My cat Pip"): the photo's text alternative.
    pub words: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub duration_ms: Option<u32>,
    /// Who added it.
    pub added_by: String,
    pub added_at: NaiveDateTime,
}

impl Media {
    /// Whether it belongs to this point (or to "About me" for `None`).
    pub fn is_on(&self, section: PlanSection, item_id: Option<&str>) -> bool {
        self.section == section && self.item_id.as_deref() == item_id
    }
}

/// Where an upload goes: `POST /api/v1/persons/{id}/media?section=goals&item=…&words=…`, the
/// file itself as the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct MediaTarget {
    pub section: PlanSection,
    /// The point's id; leave it out for "About me".
    #[serde(default)]
    pub item: Option<String>,
    /// What it shows or says, in a few words.
    #[serde(default)]
    pub words: Option<String>,
}

impl MediaTarget {
    /// The first thing wrong with it, as `(field, message)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if !MEDIA_SECTIONS.contains(&self.section) {
            return Some((
                "section",
                "Photos and recordings can go on About me or a point of the plan.".to_owned(),
            ));
        }
        match (self.section, self.item.as_deref()) {
            (PlanSection::Profile, Some(_)) => {
                return Some(("item", "About me has no points to choose.".to_owned()));
            }
            (PlanSection::Profile, None) => {}
            (_, None) => return Some(("item", "Say which point it is for.".to_owned())),
            (_, Some(_)) => {}
        }
        let words = self.words.as_deref().map(str::trim).unwrap_or_default();
        if words.chars().count() > WORDS_MAX {
            return Some((
                "words",
                format!("Keep the words to {WORDS_MAX} characters or fewer."),
            ));
        }
        None
    }

    /// The words to keep: trimmed, none if blank.
    pub fn stored_words(&self) -> Option<String> {
        self.words
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
    }
}

/// "1 minute 5 seconds" for a recording's length.
pub fn spoken_length(ms: u32) -> String {
    let seconds = ms.div_ceil(1000);
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    let unit = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (minutes, seconds) {
        (0, s) => unit(s, "second", "seconds"),
        (m, 0) => unit(m, "minute", "minutes"),
        (m, s) => format!(
            "{} {}",
            unit(m, "minute", "minutes"),
            unit(s, "second", "seconds")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(section: PlanSection, item: Option<&str>, words: Option<&str>) -> MediaTarget {
        MediaTarget {
            section,
            item: item.map(str::to_owned),
            words: words.map(str::to_owned),
        }
    }

    #[test]
    fn a_target_names_a_point_except_on_about_me() {
        assert_eq!(target(PlanSection::Profile, None, None).problem(), None);
        assert_eq!(
            target(PlanSection::Goals, Some("g"), Some(" My bus ")).problem(),
            None
        );
        assert_eq!(
            target(PlanSection::Goals, None, None)
                .problem()
                .map(|p| p.0),
            Some("item")
        );
        assert_eq!(
            target(PlanSection::Profile, Some("x"), None)
                .problem()
                .map(|p| p.0),
            Some("item")
        );
        assert_eq!(
            target(PlanSection::Reviews, Some("x"), None)
                .problem()
                .map(|p| p.0),
            Some("section")
        );
        let long = "a".repeat(WORDS_MAX + 1);
        assert_eq!(
            target(PlanSection::Profile, None, Some(&long))
                .problem()
                .map(|p| p.0),
            Some("words")
        );
        assert_eq!(
            target(PlanSection::Profile, None, Some("  ")).stored_words(),
            None
        );
    }

    #[test]
    fn lengths_are_said_in_words() {
        assert_eq!(spoken_length(900), "1 second");
        assert_eq!(spoken_length(59_000), "59 seconds");
        assert_eq!(spoken_length(60_000), "1 minute");
        assert_eq!(spoken_length(65_000), "1 minute 5 seconds");
        assert_eq!(spoken_length(120_000), "2 minutes");
    }
}
