//! PDF exports: the plan in standard and easy-read layouts, a review record and
//! the decisions report. Each is built as blocks from the same records the pages read, paginated
//! at the measured width of the embedded fonts, and rendered with printpdf.

pub mod fonts;
pub mod layout;
pub mod render;

pub mod edition;
pub mod sheet;

mod decisions_report;
mod evidence_report;
mod plan_easy_read;
mod plan_standard;
mod review_record;

use ourplan_shared::display::PdfLayout;
use ourplan_shared::evidence::EvidenceReport;
use ourplan_shared::review::Review;

use edition::Edition;
use layout::{footer_height, paginate};
use render::{Meta, Pictures, render};
use sheet::Sheet;

/// A finished document.
pub struct Pdf {
    pub bytes: Vec<u8>,
    /// A file name for the download, without the person's name (it may be shared or logged).
    pub file_name: String,
}

fn finish(edition: &Edition, sheet: &Sheet, title: String, name: &str, pictures: &Pictures) -> Pdf {
    let meta = Meta {
        footer: format!("{title}. {}", edition.version_line()),
        author: edition.organisation.clone(),
        subject: format!("{title}. {}.", edition.version_line()),
        footer_style: sheet.styles.footer,
        title,
    };
    Pdf {
        bytes: render(
            &paginate(&sheet.blocks, footer_height(sheet.styles.footer)),
            &meta,
            pictures,
        ),
        file_name: format!("{name}.pdf"),
    }
}

/// The plan in the layout asked for.
pub fn plan(edition: &Edition, layout: PdfLayout, pictures: &Pictures) -> Pdf {
    let (sheet, title, name) = match layout {
        PdfLayout::Standard => (
            plan_standard::write(edition),
            format!("Support plan: {}", edition.person_name()),
            "support-plan",
        ),
        PdfLayout::EasyRead => (
            plan_easy_read::write(edition),
            format!("My support plan: {}", edition.person_name()),
            "my-support-plan-easy-read",
        ),
    };
    let with_photos = Pictures {
        dir: pictures.dir.clone(),
        photos: edition
            .media
            .iter()
            .filter_map(|m| Some((m.media.id.clone(), m.jpeg.clone()?)))
            .collect(),
    };
    finish(edition, &sheet, title, name, &with_photos)
}

/// The record of one review.
pub fn review(edition: &Edition, review: &Review, pictures: &Pictures) -> Pdf {
    let sheet = review_record::write(edition, review);
    let title = format!("Review record: {}", edition.person_name());
    finish(
        edition,
        &sheet,
        title,
        &format!("review-{}", review.due_on),
        pictures,
    )
}

/// The evidence report of actions, decisions and disagreements.
pub fn decisions(edition: &Edition, pictures: &Pictures) -> Pdf {
    let sheet = decisions_report::write(edition);
    let title = format!(
        "Actions, decisions and disagreements: {}",
        edition.person_name()
    );
    finish(edition, &sheet, title, "decisions-report", pictures)
}

/// The care-standard evidence report.
pub fn evidence(edition: &Edition, report: &EvidenceReport, pictures: &Pictures) -> Pdf {
    let sheet = evidence_report::write(edition, report);
    let title = format!("Care-standard evidence: {}", edition.person_name());
    finish(edition, &sheet, title, "care-standard-evidence", pictures)
}
