//! A small vocabulary for writing a document as blocks: a title, sections that are left out
//! when empty, labelled fields that are left out when blank, and points beside pictures.

use super::fonts::Weight;
use super::layout::{Block, Style};

/// The type sizes of one layout.
#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub title: Style,
    pub heading: Style,
    pub subheading: Style,
    pub label: Style,
    pub body: Style,
    pub footer: Style,
    pub picture: f32,
}

/// The standard layout: a document for staff, inspectors and courts.
pub const STANDARD: Styles = Styles {
    title: Style::new(20.0, Weight::Bold, 1.25),
    heading: Style::new(16.0, Weight::Bold, 1.3),
    subheading: Style::new(13.0, Weight::Bold, 1.35),
    label: Style::new(11.0, Weight::Bold, 1.4),
    body: Style::new(11.0, Weight::Regular, 1.45),
    footer: Style::new(9.0, Weight::Regular, 1.2),
    picture: 0.0,
};

/// Easy read: large type (never under 16 pt), generous line height, big pictures.
pub const EASY_READ: Styles = Styles {
    title: Style::new(30.0, Weight::Bold, 1.3),
    heading: Style::new(24.0, Weight::Bold, 1.4),
    subheading: Style::new(20.0, Weight::Bold, 1.5),
    label: Style::new(18.0, Weight::Bold, 1.5),
    body: Style::new(18.0, Weight::Regular, 1.5),
    footer: Style::new(16.0, Weight::Regular, 1.3),
    picture: 60.0,
};

pub struct Sheet {
    pub styles: Styles,
    pub blocks: Vec<Block>,
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

impl Sheet {
    pub fn new(styles: Styles) -> Self {
        Self {
            styles,
            blocks: Vec::new(),
        }
    }

    pub fn title(&mut self, text: &str) {
        self.blocks.push(Block::Heading {
            text: text.to_owned(),
            style: self.styles.title,
            space_before: 0.0,
        });
    }

    /// A section under a heading; the heading is left out with the section when nothing in it
    /// was written.
    pub fn section(&mut self, heading: &str, write: impl FnOnce(&mut Self)) {
        self.titled(heading, self.styles.heading, 18.0, write);
    }

    /// The same one level down.
    pub fn subsection(&mut self, heading: &str, write: impl FnOnce(&mut Self)) {
        self.titled(heading, self.styles.subheading, 10.0, write);
    }

    fn titled(&mut self, heading: &str, style: Style, space: f32, write: impl FnOnce(&mut Self)) {
        let at = self.blocks.len();
        write(self);
        if self.blocks.len() > at {
            self.blocks.insert(
                at,
                Block::Heading {
                    text: heading.to_owned(),
                    style,
                    space_before: space,
                },
            );
        }
    }

    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_in(text, self.styles.body, 0.0);
    }

    pub fn bold(&mut self, text: &str) {
        self.paragraph_in(text, self.styles.label, 0.0);
    }

    pub fn indented(&mut self, text: &str) {
        self.paragraph_in(text, self.styles.body, 14.0);
    }

    fn paragraph_in(&mut self, text: &str, style: Style, indent: f32) {
        if blank(text) {
            return;
        }
        self.blocks.push(Block::Paragraph {
            text: text.trim().to_owned(),
            style,
            indent,
            space_after: style.size * 0.4,
        });
    }

    pub fn field(&mut self, label: &str, value: &str) {
        if blank(value) {
            return;
        }
        self.blocks.push(Block::Field {
            label: label.to_owned(),
            value: value.trim().to_owned(),
            label_style: self.styles.label,
            style: self.styles.body,
        });
    }

    /// The person's own photo under a point, in line with the point's words.
    pub fn photo(&mut self, id: &str, pixels: (u32, u32)) {
        let indent = self.styles.picture * 1.25;
        self.blocks.push(Block::Photo {
            id: id.to_owned(),
            pixels,
            max: (240.0, 180.0),
            indent,
            space_after: self.styles.body.size * 0.9,
        });
    }

    /// A point beside its picture: the first line in bold, the rest plain; blank lines left
    /// out, and the point with them when all are blank.
    pub fn point(&mut self, picture: &str, lines: &[&str]) {
        let mut kept: Vec<(String, Style)> = Vec::new();
        for line in lines.iter().filter(|l| !blank(l)) {
            let style = if kept.is_empty() {
                self.styles.label
            } else {
                self.styles.body
            };
            kept.push((line.trim().to_owned(), style));
        }
        if kept.is_empty() {
            return;
        }
        self.blocks.push(Block::Point {
            picture: Some(picture.to_owned()),
            picture_size: self.styles.picture,
            lines: kept,
            space_after: self.styles.body.size * 0.9,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sections_and_blank_fields_are_left_out() {
        let mut sheet = Sheet::new(STANDARD);
        sheet.section("Nothing here", |s| {
            s.field("Blank", "  ");
            s.paragraph("");
            s.subsection("Nor here", |s| s.point("home", &["", " "]));
        });
        assert!(sheet.blocks.is_empty());
        sheet.section("Goals", |s| s.field("Target", "2 a month"));
        assert_eq!(sheet.blocks.len(), 2);
        assert!(matches!(&sheet.blocks[0], Block::Heading { text, .. } if text == "Goals"));
    }
}
