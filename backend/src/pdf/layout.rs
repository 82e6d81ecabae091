//! Pagination: a document is a list of blocks (headings, paragraphs, labelled fields, points with
//! a picture), broken into lines at the measured width of the embedded fonts and placed on
//! pages so that no line is split, a heading stays with what follows it, and a point stays
//! beside its picture.

use super::fonts::{FONTS, Weight};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN: f32 = 56.0;

/// Room kept at the foot of every page for a running footer of two lines in this style.
pub fn footer_height(style: Style) -> f32 {
    2.0 * style.line_height() + style.size
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl Style {
    pub const fn new(size: f32, weight: Weight, leading: f32) -> Self {
        Self {
            size,
            weight,
            leading,
        }
    }

    fn line_height(self) -> f32 {
        self.size * self.leading
    }
}

/// What a document is made of, before it is paginated.
#[derive(Debug, Clone)]
pub enum Block {
    /// Kept with the block after it.
    Heading {
        text: String,
        style: Style,
        space_before: f32,
    },
    Paragraph {
        text: String,
        style: Style,
        indent: f32,
        space_after: f32,
    },
    /// A bold label kept with its value; left out by the builders when the value is empty.
    Field {
        label: String,
        value: String,
        label_style: Style,
        style: Style,
    },
    /// The person's own photo (by media id), its pixel size, fitted into a box this big and
    /// set in by `indent` (under a point's text).
    Photo {
        id: String,
        pixels: (u32, u32),
        max: (f32, f32),
        indent: f32,
        space_after: f32,
    },
    /// Lines of text to the right of a picture; kept whole on one page when it fits.
    Point {
        picture: Option<String>,
        picture_size: f32,
        lines: Vec<(String, Style)>,
        space_after: f32,
    },
}

/// Something placed on a page; `y` is the distance from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// One line of text; `y` is its baseline.
    Text {
        x: f32,
        y: f32,
        text: String,
        style: Style,
    },
    /// A square picture; `y` is its top edge.
    Picture {
        key: String,
        x: f32,
        y: f32,
        size: f32,
    },
    /// A photo; `y` is its top edge.
    Photo {
        id: String,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Placed>,
}

/// An unbreakable run of height on a page.
#[derive(Debug, Clone)]
struct Unit {
    height: f32,
    space_before: f32,
    keep_with_next: bool,
    /// Items with `y` relative to the top of the unit.
    items: Vec<Placed>,
}

/// Breaks text into lines no wider than `width`: at spaces, and inside a word only when the word
/// alone is wider than the line. Each line of the source (`\n`) starts a new line.
pub fn wrap(text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for source_line in text.lines() {
        let mut line = String::new();
        for word in source_line.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if FONTS.width(&candidate, weight, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if FONTS.width(word, weight, size) <= width {
                line = word.to_owned();
            } else {
                for piece in break_word(word, weight, size, width) {
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line = piece;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

fn break_word(word: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if FONTS.width(&piece, weight, size) > width && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::replace(&mut piece, c.to_string()));
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// The baseline of a line of text inside its line box.
fn baseline(style: Style) -> f32 {
    (style.line_height() - style.size) / 2.0 + style.size * 0.8
}

fn text_units(
    text: &str,
    style: Style,
    x: f32,
    width: f32,
    keep_with_next: bool,
    space_before: f32,
) -> Vec<Unit> {
    wrap(text, style.weight, style.size, width)
        .into_iter()
        .enumerate()
        .map(|(index, line)| Unit {
            height: style.line_height(),
            space_before: if index == 0 { space_before } else { 0.0 },
            keep_with_next,
            items: vec![Placed::Text {
                x,
                y: baseline(style),
                text: line,
                style,
            }],
        })
        .collect()
}

fn units(blocks: &[Block]) -> Vec<Unit> {
    let body = PAGE_WIDTH - 2.0 * MARGIN;
    let mut units: Vec<Unit> = Vec::new();
    let mut pending_space = 0.0_f32;
    for block in blocks {
        match block {
            Block::Heading {
                text,
                style,
                space_before,
            } => {
                units.extend(text_units(
                    text,
                    *style,
                    MARGIN,
                    body,
                    true,
                    pending_space.max(*space_before),
                ));
                pending_space = 0.0;
            }
            Block::Paragraph {
                text,
                style,
                indent,
                space_after,
            } => {
                units.extend(text_units(
                    text,
                    *style,
                    MARGIN + indent,
                    body - indent,
                    false,
                    pending_space,
                ));
                pending_space = *space_after;
            }
            Block::Field {
                label,
                value,
                label_style,
                style,
            } => {
                units.extend(text_units(
                    label,
                    *label_style,
                    MARGIN,
                    body,
                    true,
                    pending_space,
                ));
                units.extend(text_units(value, *style, MARGIN, body, false, 0.0));
                pending_space = style.size * 0.5;
            }
            Block::Photo {
                id,
                pixels,
                max,
                indent,
                space_after,
            } => {
                let (width, height) = fit(*pixels, (max.0.min(body - indent), max.1));
                units.push(Unit {
                    height,
                    space_before: pending_space,
                    keep_with_next: false,
                    items: vec![Placed::Photo {
                        id: id.clone(),
                        x: MARGIN + indent,
                        y: 0.0,
                        width,
                        height,
                    }],
                });
                pending_space = *space_after;
            }
            Block::Point {
                picture,
                picture_size,
                lines,
                space_after,
            } => {
                units.push(point(
                    picture.as_deref(),
                    *picture_size,
                    lines,
                    pending_space,
                ));
                pending_space = *space_after;
            }
        }
    }
    units
}

/// A photo's size in points within the box `max`, its shape kept.
fn fit(pixels: (u32, u32), max: (f32, f32)) -> (f32, f32) {
    let (w, h) = (pixels.0.max(1) as f32, pixels.1.max(1) as f32);
    let scale = (max.0 / w).min(max.1 / h);
    (w * scale, h * scale)
}

/// A point as one unit: the picture at the left, its lines to the right.
fn point(picture: Option<&str>, size: f32, lines: &[(String, Style)], space_before: f32) -> Unit {
    let gap = size * 0.25;
    let x = MARGIN + size + gap;
    let width = PAGE_WIDTH - MARGIN - x;
    let mut items = Vec::new();
    if let Some(key) = picture {
        items.push(Placed::Picture {
            key: key.to_owned(),
            x: MARGIN,
            y: 0.0,
            size,
        });
    }
    let mut y = 0.0;
    for (text, style) in lines {
        for line in wrap(text, style.weight, style.size, width) {
            items.push(Placed::Text {
                x,
                y: y + baseline(*style),
                text: line,
                style: *style,
            });
            y += style.line_height();
        }
    }
    Unit {
        height: y.max(size),
        space_before,
        keep_with_next: false,
        items,
    }
}

/// Places the blocks on as many pages as they need (at least one), above a footer this high.
pub fn paginate(blocks: &[Block], footer: f32) -> Vec<Page> {
    let top = MARGIN;
    let bottom = PAGE_HEIGHT - MARGIN - footer;
    let units = split_tall(units(blocks), bottom - top);
    let mut pages = Vec::new();
    let mut page = Page::default();
    let mut y = top;
    for (index, unit) in units.iter().enumerate() {
        let at_top = y <= top;
        let space = if at_top { 0.0 } else { unit.space_before };
        let needed = space + unit.height + kept_height(&units[index..], bottom - top);
        if !at_top && y + needed > bottom {
            pages.push(std::mem::take(&mut page));
            y = top;
        } else {
            y += space;
        }
        for item in &unit.items {
            page.items.push(match item.clone() {
                Placed::Text {
                    x,
                    y: dy,
                    text,
                    style,
                } => Placed::Text {
                    x,
                    y: y + dy,
                    text,
                    style,
                },
                Placed::Picture {
                    key,
                    x,
                    y: dy,
                    size,
                } => Placed::Picture {
                    key,
                    x,
                    y: y + dy,
                    size,
                },
                Placed::Photo {
                    id,
                    x,
                    y: dy,
                    width,
                    height,
                } => Placed::Photo {
                    id,
                    x,
                    y: y + dy,
                    width,
                    height,
                },
            });
        }
        y += unit.height;
    }
    pages.push(page);
    pages
}

/// The height that has to come onto the page with a unit that is kept with the next one: the
/// rest of the chain when it fits on a page, else at least the next unit.
fn kept_height(from: &[Unit], page: f32) -> f32 {
    let Some(first) = from.first() else {
        return 0.0;
    };
    if !first.keep_with_next {
        return 0.0;
    }
    let mut total = 0.0;
    for unit in &from[1..] {
        total += unit.space_before + unit.height;
        if !unit.keep_with_next {
            break;
        }
    }
    if first.height + total <= page {
        total
    } else {
        from.get(1)
            .map_or(0.0, |next| next.space_before + next.height)
    }
}

/// A point taller than a page is split between its lines, the picture staying with the first.
fn split_tall(units: Vec<Unit>, page: f32) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len());
    for unit in units {
        if unit.height <= page {
            out.push(unit);
            continue;
        }
        let mut rows: Vec<Unit> = Vec::new();
        let mut picture = None;
        let mut last_bottom = 0.0;
        for item in unit.items {
            match item {
                Placed::Picture { .. } | Placed::Photo { .. } => picture = Some(item),
                Placed::Text { x, y, text, style } => {
                    let line_top = y - baseline(style);
                    let mut items = vec![Placed::Text {
                        x,
                        y: baseline(style),
                        text,
                        style,
                    }];
                    if let Some(picture) = picture.take() {
                        items.insert(0, picture);
                    }
                    rows.push(Unit {
                        height: style.line_height(),
                        space_before: if rows.is_empty() {
                            unit.space_before
                        } else {
                            line_top - last_bottom
                        },
                        keep_with_next: rows.is_empty(),
                        items,
                    });
                    last_bottom = line_top + style.line_height();
                }
            }
        }
        out.extend(rows);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Style = Style::new(12.0, Weight::Regular, 1.4);
    const HEADING: Style = Style::new(18.0, Weight::Bold, 1.2);

    fn texts(page: &Page) -> Vec<&str> {
        page.items
            .iter()
            .filter_map(|item| match item {
                Placed::Text { text, .. } => Some(text.as_str()),
                Placed::Picture { .. } | Placed::Photo { .. } => None,
            })
            .collect()
    }

    #[test]
    fn lines_never_exceed_the_width_and_keep_every_word() {
        let text = "Beata likes to go swimming on Tuesdays with her friend Ola, and then have a hot chocolate at the café by the pool.";
        let lines = wrap(text, Weight::Regular, 12.0, 120.0);
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(FONTS.width(line, Weight::Regular, 12.0) <= 120.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_lost() {
        let word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
        let lines = wrap(word, Weight::Bold, 18.0, 100.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), word);
        for line in &lines {
            assert!(FONTS.width(line, Weight::Bold, 18.0) <= 100.0);
        }
    }

    #[test]
    fn empty_text_makes_no_lines() {
        assert!(wrap("  \n ", Weight::Regular, 12.0, 100.0).is_empty());
    }

    #[test]
    fn a_heading_is_never_left_alone_at_the_foot_of_a_page() {
        let mut blocks = Vec::new();
        for n in 0..200 {
            blocks.push(Block::Heading {
                text: format!("Heading {n}"),
                style: HEADING,
                space_before: 12.0,
            });
            for line in 0..(n % 4) {
                blocks.push(Block::Paragraph {
                    text: format!("Line {line} under heading {n}"),
                    style: BODY,
                    indent: 0.0,
                    space_after: 0.0,
                });
            }
            blocks.push(Block::Paragraph {
                text: format!("Last line under heading {n}"),
                style: BODY,
                indent: 0.0,
                space_after: 6.0,
            });
        }
        let pages = paginate(&blocks, 28.0);
        assert!(pages.len() > 5);
        let bottom = PAGE_HEIGHT - MARGIN - 28.0;
        let mut seen = 0;
        for page in &pages {
            let lines = texts(page);
            assert!(!lines.last().unwrap().starts_with("Heading"), "{lines:?}");
            seen += lines.iter().filter(|l| l.starts_with("Heading")).count();
            for item in &page.items {
                if let Placed::Text { y, style, .. } = item {
                    assert!(*y <= bottom, "a line below the body");
                    assert!(
                        *y - 0.8 * style.size >= MARGIN - 0.01,
                        "a line above the body"
                    );
                }
            }
        }
        assert_eq!(seen, 200, "every heading printed once");
    }

    #[test]
    fn a_point_stays_beside_its_picture() {
        let blocks: Vec<Block> = (0..40)
            .map(|n| Block::Point {
                picture: Some("bus".into()),
                picture_size: 56.0,
                lines: vec![
                    (format!("Point {n}"), HEADING),
                    ("I take the bus to work on my own.".into(), BODY),
                ],
                space_after: 12.0,
            })
            .collect();
        let pages = paginate(&blocks, 28.0);
        assert!(pages.len() > 1);
        for page in &pages {
            let pictures: Vec<f32> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Placed::Picture { y, size, .. } => Some(y + size),
                    Placed::Text { .. } | Placed::Photo { .. } => None,
                })
                .collect();
            assert_eq!(pictures.len(), texts(page).len() / 2);
            for bottom_edge in pictures {
                assert!(bottom_edge <= PAGE_HEIGHT - MARGIN - 28.0);
            }
        }
    }

    #[test]
    fn a_point_taller_than_a_page_flows_on() {
        let long = "word ".repeat(3000);
        let blocks = vec![Block::Point {
            picture: Some("home".into()),
            picture_size: 56.0,
            lines: vec![(long, BODY)],
            space_after: 0.0,
        }];
        let pages = paginate(&blocks, 28.0);
        assert!(pages.len() > 1);
        let words: usize = pages
            .iter()
            .flat_map(texts)
            .map(|line| line.split_whitespace().count())
            .sum();
        assert_eq!(words, 3000);
    }

    #[test]
    fn a_photo_keeps_its_shape_inside_its_box() {
        let round = |(w, h): (f32, f32)| (w.round(), h.round());
        assert_eq!(round(fit((600, 800), (240.0, 180.0))), (135.0, 180.0));
        assert_eq!(round(fit((1600, 800), (240.0, 180.0))), (240.0, 120.0));
        let blocks = vec![Block::Photo {
            id: "m".into(),
            pixels: (800, 600),
            max: (240.0, 180.0),
            indent: 75.0,
            space_after: 10.0,
        }];
        let pages = paginate(&blocks, 28.0);
        let [
            Placed::Photo {
                id,
                x,
                y,
                width,
                height,
            },
        ] = pages[0].items.as_slice()
        else {
            panic!("one photo: {:?}", pages[0].items);
        };
        assert_eq!(id, "m");
        assert_eq!((x.round(), y.round()), (MARGIN + 75.0, MARGIN));
        assert_eq!(round((*width, *height)), (240.0, 180.0));
    }
}
