//! Reading exported PDFs the way their readers' tools do: poppler's `pdftotext`, `pdfinfo`,
//! `pdffonts` and `pdftoppm` (`cargo xtask test` installs poppler-utils).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

/// A PDF written to a temporary file for the poppler tools.
pub struct PdfFile {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

fn run(tool: &str, args: &[&str]) -> Vec<u8> {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "{tool} could not run ({error}): install poppler-utils, or run `cargo xtask test`"
            )
        });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// One row of `pdffonts`.
#[derive(Debug)]
pub struct Font {
    pub name: String,
    pub embedded: bool,
    pub subset: bool,
    pub unicode: bool,
}

impl PdfFile {
    pub fn new(bytes: &[u8]) -> Self {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.pdf");
        std::fs::write(&path, bytes).unwrap();
        Self { _dir: dir, path }
    }

    fn arg(&self) -> &str {
        self.path.to_str().unwrap()
    }

    /// The text, in reading order.
    pub fn text(&self) -> String {
        String::from_utf8(run("pdftotext", &[self.arg(), "-"])).unwrap()
    }

    /// How many images the pages draw (`pdfimages -list`, less its two header lines).
    pub fn images(&self) -> usize {
        String::from_utf8(run("pdfimages", &["-list", self.arg()]))
            .unwrap()
            .lines()
            .skip(2)
            .filter(|line| !line.trim().is_empty())
            .count()
    }

    /// `pdfinfo`'s fields, such as `Title`, `Pages` and `CreationDate`.
    pub fn info(&self) -> HashMap<String, String> {
        String::from_utf8(run("pdfinfo", &["-isodates", self.arg()]))
            .unwrap()
            .lines()
            // Indented lines detail the field above (the PDF subtype's standard); skip them.
            .filter(|line| !line.starts_with(char::is_whitespace))
            .filter_map(|line| line.split_once(':'))
            .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
            .collect()
    }

    pub fn pages(&self) -> usize {
        self.info()["Pages"].parse().unwrap()
    }

    pub fn fonts(&self) -> Vec<Font> {
        String::from_utf8(run("pdffonts", &[self.arg()]))
            .unwrap()
            .lines()
            .skip(2)
            .map(|line| {
                let columns: Vec<&str> = line.split_whitespace().collect();
                // name … emb sub uni object-number generation
                let n = columns.len();
                Font {
                    name: columns[0].to_owned(),
                    embedded: columns[n - 5] == "yes",
                    subset: columns[n - 4] == "yes",
                    unicode: columns[n - 3] == "yes",
                }
            })
            .collect()
    }

    /// The share of page 1's pixels that are not white, rendered in grey at 30 dpi.
    pub fn ink_on_page_one(&self) -> f64 {
        let pgm = run(
            "pdftoppm",
            &["-gray", "-r", "30", "-f", "1", "-l", "1", self.arg()],
        );
        // P5 header: magic, width, height, max value, each followed by whitespace.
        let mut fields = 0;
        let mut at = 0;
        while fields < 4 {
            while pgm[at].is_ascii_whitespace() {
                at += 1;
            }
            while !pgm[at].is_ascii_whitespace() {
                at += 1;
            }
            fields += 1;
        }
        let pixels = &pgm[at + 1..];
        let inked = pixels.iter().filter(|&&p| p < 200).count();
        inked as f64 / pixels.len() as f64
    }
}
