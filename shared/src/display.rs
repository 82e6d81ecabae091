//! Display modes: how pages look for this reader. A mode changes design tokens, never
//! components; the browser app applies it as attributes on `<html>`.

use serde::{Deserialize, Serialize};

crate::keyed_enum! {
    /// The layout a reader chose. High contrast is separate and combines with any of these.
    #[derive(Default)]
    pub enum DisplayMode {
        #[default]
        Standard = "standard",
        LargeType = "large-type",
        EasyRead = "easy-read",
        Pictorial = "pictorial",
    }
}

impl DisplayMode {
    /// The name shown to the reader.
    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard",
            Self::LargeType => "Large type",
            Self::EasyRead => "Easy read",
            Self::Pictorial => "Pictures first",
        }
    }

    /// Whether the person's own plan opens a part at a time (easy read's "one idea per page"),
    /// rather than as one long page.
    pub fn step_by_step(self) -> bool {
        matches!(self, Self::EasyRead | Self::Pictorial)
    }

    /// One plain sentence saying what the mode does.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Standard => "The usual layout.",
            Self::LargeType => "Bigger words and more space.",
            Self::EasyRead => "Big words, short lines and lots of space.",
            Self::Pictorial => "Big pictures first, with few words.",
        }
    }
}

crate::keyed_enum! {
    /// The layout of a plan exported as PDF.
    #[derive(Default)]
    pub enum PdfLayout {
        /// Everything recorded, for staff, inspectors and courts.
        #[default]
        Standard = "standard",
        /// The person's own copy: large type, a picture beside every point.
        EasyRead = "easy-read",
    }
}

impl PdfLayout {
    /// The copy that suits a reader's display mode.
    pub fn for_mode(mode: DisplayMode) -> Self {
        match mode {
            DisplayMode::Standard | DisplayMode::LargeType => Self::Standard,
            DisplayMode::EasyRead | DisplayMode::Pictorial => Self::EasyRead,
        }
    }
}

/// A reader's display choice: a mode plus high contrast on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisplayPreference {
    pub mode: DisplayMode,
    pub high_contrast: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_unknown_keys_are_refused() {
        for &mode in DisplayMode::ALL {
            assert_eq!(DisplayMode::from_key(mode.key()), Some(mode));
        }
        assert_eq!(DisplayMode::from_key("EASY-READ"), None);
        assert_eq!(DisplayMode::from_key(""), None);
    }

    #[test]
    fn serde_uses_the_same_keys() {
        for &mode in DisplayMode::ALL {
            let json = serde_json::to_string(&mode).unwrap();
            assert_eq!(json, format!("\"{}\"", mode.key()));
        }
    }
}
