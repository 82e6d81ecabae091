//! The fonts every export is set in: Atkinson Hyperlegible Next (regular and bold; Latin with
//! Welsh and Polish), with Noto Sans for characters it lacks (names in Greek or Cyrillic).
//! Parsed once per process; measured here so lines wrap at exactly the width they print at.

use std::sync::LazyLock;

use printpdf::ParsedFont;

static REGULAR: &[u8] = include_bytes!("../../fonts/AtkinsonHyperlegibleNext_400Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/AtkinsonHyperlegibleNext_700Bold.ttf");
static FALLBACK: &[u8] = include_bytes!("../../fonts/NotoSans_400Regular.ttf");

/// The weight a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// One of the three embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Fallback,
}

pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    fallback: ParsedFont,
}

/// Parsing the three faces takes a few milliseconds; do it once.
pub static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts {
    regular: parse(REGULAR, "Atkinson Hyperlegible Next Regular"),
    bold: parse(BOLD, "Atkinson Hyperlegible Next Bold"),
    fallback: parse(FALLBACK, "Noto Sans Regular"),
});

fn parse(bytes: &[u8], name: &str) -> ParsedFont {
    // The bytes are compiled in and checked by the tests, so a failure is a build defect.
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
        .unwrap_or_else(|| panic!("the embedded font {name} does not parse"))
}

impl Fonts {
    pub fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Fallback => &self.fallback,
        }
    }

    /// The face a character is drawn with: the weight's own when it has the glyph.
    pub fn face_for(&self, weight: Weight, c: char) -> Face {
        let primary = match weight {
            Weight::Regular => Face::Regular,
            Weight::Bold => Face::Bold,
        };
        if c.is_whitespace() || self.face(primary).has_glyph(c as u32) {
            primary
        } else {
            Face::Fallback
        }
    }

    /// Splits text into runs that each print in one face.
    pub fn runs<'t>(&self, text: &'t str, weight: Weight) -> Vec<(Face, &'t str)> {
        let mut runs: Vec<(Face, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (at, c) in text.char_indices() {
            let face = self.face_for(weight, c);
            match current {
                Some(open) if open != face => {
                    runs.push((open, &text[start..at]));
                    start = at;
                    current = Some(face);
                }
                None => current = Some(face),
                _ => {}
            }
        }
        if let Some(face) = current {
            runs.push((face, &text[start..]));
        }
        runs
    }

    /// The advance of text at a size, in points.
    pub fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        text.chars()
            .map(|c| self.char_width(self.face_for(weight, c), c, size))
            .sum()
    }

    fn char_width(&self, face: Face, c: char, size: f32) -> f32 {
        let font = self.face(face);
        let units = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let advance = font
            .lookup_glyph_index(c as u32)
            .map_or(units / 2.0, |glyph| {
                f32::from(font.get_horizontal_advance(glyph))
            });
        advance * size / units
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_and_polish_letters_are_in_the_main_face_and_cyrillic_falls_back() {
        for c in ['ŵ', 'ŷ', 'ł', 'ś', 'ż', 'ć', 'é'] {
            assert_eq!(FONTS.face_for(Weight::Regular, c), Face::Regular, "{c}");
            assert_eq!(FONTS.face_for(Weight::Bold, c), Face::Bold, "{c}");
        }
        assert_eq!(FONTS.face_for(Weight::Bold, 'Ж'), Face::Fallback);
        let runs = FONTS.runs("Olena Олена", Weight::Regular);
        assert_eq!(
            runs,
            vec![(Face::Regular, "Olena "), (Face::Fallback, "Олена")]
        );
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        let short = FONTS.width("Bus", Weight::Regular, 12.0);
        let long = FONTS.width("Bus stop", Weight::Regular, 12.0);
        assert!(short > 0.0 && long > short);
        let bigger = FONTS.width("Bus", Weight::Regular, 24.0);
        assert!((bigger - 2.0 * short).abs() < 0.01);
        assert!(FONTS.width("Bus", Weight::Bold, 12.0) >= short);
    }
}
