//! Turns paginated pages into PDF bytes with printpdf: embedded, subset fonts; pictures as vector
//! forms; a running footer with "Page 2 of 9"; a title, author and today's creation date.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use printpdf::{
    Color, ExternalXObject, FontId, Greyscale, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, RawImageData, RawImageFormat, Svg, TextItem, XObjectId,
    XObjectTransform,
};

use super::fonts::{FONTS, Face};
use super::layout::{MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Page, Placed, Style};

/// What the whole document is, for its metadata and running footer.
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Printed at the foot of every page, beside "Page 2 of 9".
    pub footer: String,
    pub footer_style: Style,
}

/// The pictures' SVG files, as written by `cargo xtask build` into the served assets.
pub struct Pictures {
    pub dir: PathBuf,
    /// The person's own photos in this document, by media id: JPEG as kept.
    pub photos: HashMap<String, Vec<u8>>,
}

impl Pictures {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            photos: HashMap::new(),
        }
    }
}

/// A kept photo made small enough for a page (about 300 dpi at the size it is printed).
fn photo_image(jpeg: &[u8]) -> Option<(RawImage, u32)> {
    const LONGEST: u32 = 900;
    let picture = image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg).ok()?;
    let picture = if picture.width().max(picture.height()) > LONGEST {
        picture.resize(LONGEST, LONGEST, image::imageops::FilterType::Triangle)
    } else {
        picture
    };
    let rgb = picture.to_rgb8();
    let (width, height) = rgb.dimensions();
    Some((
        RawImage {
            pixels: RawImageData::U8(rgb.into_raw()),
            width: usize::try_from(width).ok()?,
            height: usize::try_from(height).ok()?,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        },
        width,
    ))
}

/// Parsed pictures, by file: converting an SVG takes a few milliseconds and they never change
/// while the server runs.
static PARSED: LazyLock<Mutex<HashMap<PathBuf, Option<ExternalXObject>>>> =
    LazyLock::new(Default::default);

impl Pictures {
    fn load(&self, key: &str) -> Option<ExternalXObject> {
        // Only keys of the vocabulary name a file, so a stored key can never point elsewhere.
        ourplan_shared::pictures::find(key)?;
        let path = self.dir.join(format!("{key}.svg"));
        let mut parsed = PARSED.lock().unwrap_or_else(|poison| poison.into_inner());
        parsed
            .entry(path)
            .or_insert_with_key(|path| parse_svg(path))
            .clone()
    }
}

fn parse_svg(path: &Path) -> Option<ExternalXObject> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            log::warn!("picture {} not readable: {error}", path.display());
            return None;
        }
    };
    match Svg::parse(&text, &mut Vec::new()) {
        Ok(svg) => Some(svg),
        Err(error) => {
            log::warn!("picture {} not usable: {error}", path.display());
            None
        }
    }
}

/// The size the pictures' SVGs are drawn at (their `width`/`height`), in points.
const SVG_SIZE: f32 = 32.0;

pub fn render(pages: &[Page], meta: &Meta, pictures: &Pictures) -> Vec<u8> {
    let mut doc = PdfDocument::new(&meta.title);
    let now = printpdf::OffsetDateTime::from_unix_timestamp(chrono::Utc::now().timestamp())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now());
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "Ourplan".to_owned();
    info.producer = format!("Ourplan {}", env!("CARGO_PKG_VERSION"));
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;

    let mut fonts: BTreeMap<Face, FontId> = BTreeMap::new();
    let mut xobjects: HashMap<String, Option<(XObjectId, f32)>> = HashMap::new();
    let mut photos: HashMap<String, Option<(XObjectId, u32)>> = HashMap::new();
    let total = pages.len();
    let mut pdf_pages = Vec::with_capacity(total);
    for (index, page) in pages.iter().enumerate() {
        let mut ops = Vec::new();
        for item in page.items.iter().chain(&footer(meta, index + 1, total)) {
            match item {
                Placed::Text { x, y, text, style } => {
                    text_ops(&mut ops, &mut doc, &mut fonts, *x, *y, text, *style);
                }
                Placed::Picture { key, x, y, size } => {
                    let found = xobjects
                        .entry(key.clone())
                        .or_insert_with(|| {
                            pictures.load(key).map(|svg| {
                                let width = svg.width.map_or(SVG_SIZE, |w| w.0 as f32);
                                (doc.add_xobject(&svg), width)
                            })
                        })
                        .clone();
                    if let Some((id, width)) = found {
                        let scale = size / width.max(1.0);
                        ops.push(Op::UseXobject {
                            id,
                            transform: XObjectTransform {
                                translate_x: Some(Pt(*x)),
                                translate_y: Some(Pt(PAGE_HEIGHT - y - size)),
                                scale_x: Some(scale),
                                scale_y: Some(scale),
                                dpi: Some(72.0),
                                ..Default::default()
                            },
                        });
                    }
                }
                Placed::Photo {
                    id,
                    x,
                    y,
                    width,
                    height,
                } => {
                    let found = photos
                        .entry(id.clone())
                        .or_insert_with(|| {
                            let jpeg = pictures.photos.get(id)?;
                            photo_image(jpeg).map(|(image, px)| (doc.add_image(&image), px))
                        })
                        .clone();
                    if let Some((id, px)) = found {
                        let scale = width / px.max(1) as f32;
                        let size = *height;
                        ops.push(Op::UseXobject {
                            id,
                            transform: XObjectTransform {
                                translate_x: Some(Pt(*x)),
                                translate_y: Some(Pt(PAGE_HEIGHT - y - size)),
                                scale_x: Some(scale),
                                scale_y: Some(scale),
                                dpi: Some(72.0),
                                ..Default::default()
                            },
                        });
                    }
                }
            }
        }
        pdf_pages.push(PdfPage::new(
            printpdf::Mm::from(Pt(PAGE_WIDTH)),
            printpdf::Mm::from(Pt(PAGE_HEIGHT)),
            ops,
        ));
    }
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    doc.with_pages(pdf_pages).save(&options, &mut Vec::new())
}

/// "Page 2 of 9" at the right of the last line; which document it is at the left, on up to
/// two lines (cut short rather than overlap).
fn footer(meta: &Meta, number: usize, total: usize) -> Vec<Placed> {
    let style = meta.footer_style;
    let line = style.size * style.leading;
    let last = PAGE_HEIGHT - MARGIN;
    let page = format!("Page {number} of {total}");
    let page_width = FONTS.width(&page, style.weight, style.size);
    let room = PAGE_WIDTH - 2.0 * MARGIN - page_width - style.size;
    let mut lines = super::layout::wrap(&meta.footer, style.weight, style.size, room);
    lines.truncate(2);
    let first = last - line * (lines.len().max(1) - 1) as f32;
    let mut placed: Vec<Placed> = lines
        .into_iter()
        .enumerate()
        .map(|(index, text)| Placed::Text {
            x: MARGIN,
            y: first + line * index as f32,
            text,
            style,
        })
        .collect();
    placed.push(Placed::Text {
        x: PAGE_WIDTH - MARGIN - page_width,
        y: last,
        text: page,
        style,
    });
    placed
}

fn text_ops(
    ops: &mut Vec<Op>,
    doc: &mut PdfDocument,
    fonts: &mut BTreeMap<Face, FontId>,
    x: f32,
    y: f32,
    text: &str,
    style: Style,
) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor {
        col: Color::Greyscale(Greyscale::new(0.0, None)),
    });
    ops.push(Op::SetTextCursor {
        pos: Point {
            x: Pt(x),
            y: Pt(PAGE_HEIGHT - y),
        },
    });
    for (face, run) in FONTS.runs(text, style.weight) {
        let id = fonts
            .entry(face)
            .or_insert_with(|| doc.add_font(FONTS.face(face)))
            .clone();
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id),
            size: Pt(style.size),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(run.to_owned())],
        });
    }
    ops.push(Op::EndTextSection);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::Weight;
    use crate::pdf::layout::{Block, paginate};

    #[test]
    fn a_document_is_a_pdf_with_its_title_and_a_recent_date() {
        let style = Style::new(12.0, Weight::Regular, 1.4);
        let pages = paginate(
            &[Block::Paragraph {
                text: "Dafydd Ŵyn and Łucja Wójcik".into(),
                style,
                indent: 0.0,
                space_after: 0.0,
            }],
            28.0,
        );
        let meta = Meta {
            title: "A test".into(),
            author: "Ourplan".into(),
            subject: "Testing".into(),
            footer: "A test".into(),
            footer_style: style,
        };
        let bytes = render(&pages, &meta, &Pictures::new(PathBuf::from("/nonexistent")));
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(
            bytes.len() < 100_000,
            "fonts are subset: {} bytes",
            bytes.len()
        );
    }
}
