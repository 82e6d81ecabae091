//! The person's photos and recordings: what an upload is, found from its bytes alone (never
//! its name or the type the browser claims), made safe to keep, and where it is kept.

pub mod photo;
pub mod recording;
pub mod store;

use ourplan_shared::error::ErrorCode;
use ourplan_shared::media::{MediaKind, PHOTO_UPLOAD_MAX, RECORDING_MAX};

use crate::error::AppError;

/// An upload made ready to keep.
#[derive(Debug)]
pub struct Prepared {
    pub kind: MediaKind,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub duration_ms: Option<u32>,
}

/// What the bytes are, by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Photo(image::ImageFormat),
    Recording,
}

fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    const EBML: &[u8] = &[0x1A, 0x45, 0xDF, 0xA3];
    if bytes.starts_with(EBML) || bytes.starts_with(b"OggS") {
        return Some(Sniffed::Recording);
    }
    match image::guess_format(bytes) {
        Ok(
            format @ (image::ImageFormat::Jpeg
            | image::ImageFormat::Png
            | image::ImageFormat::WebP
            | image::ImageFormat::Gif),
        ) => Some(Sniffed::Photo(format)),
        _ => None,
    }
}

/// The error for anything that is neither a photo nor a recording we take.
pub fn unsupported() -> AppError {
    AppError::client(
        ErrorCode::UnsupportedMediaType,
        "This file is not a photo or a recording Ourplan can keep. Photos can be JPEG, PNG, WebP \
         or GIF; recordings are made here or come from a phone as WebM or Ogg (Opus).",
    )
}

pub fn too_large(what: &str, max: usize) -> AppError {
    AppError::client(
        ErrorCode::PayloadTooLarge,
        format!(
            "This {what} is too big: it can be at most {} MiB.",
            max / (1024 * 1024)
        ),
    )
}

/// Checks and prepares an upload. Decoders meet hostile bytes here, so a panic in one is
/// caught and answered as a file that could not be read.
pub fn prepare(bytes: Vec<u8>) -> Result<Prepared, AppError> {
    let sniffed = sniff(&bytes).ok_or_else(unsupported)?;
    match sniffed {
        Sniffed::Photo(_) if bytes.len() > PHOTO_UPLOAD_MAX => {
            return Err(too_large("photo", PHOTO_UPLOAD_MAX));
        }
        Sniffed::Recording if bytes.len() > RECORDING_MAX => {
            return Err(too_large("recording", RECORDING_MAX));
        }
        _ => {}
    }
    let work = std::panic::AssertUnwindSafe(|| match sniffed {
        Sniffed::Photo(format) => photo::reencode(&bytes, format),
        Sniffed::Recording => recording::check(bytes.clone()),
    });
    std::panic::catch_unwind(work).unwrap_or_else(|_| {
        Err(AppError::invalid(
            "file",
            "This file could not be read. Try another photo or recording.",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_bytes_not_their_names() {
        assert_eq!(sniff(b"%PDF-1.7 pretending to be a photo"), None);
        assert_eq!(
            sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x()</script></svg>"),
            None
        );
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(Sniffed::Photo(image::ImageFormat::Jpeg))
        );
        assert_eq!(sniff(b"OggS\0\x02"), Some(Sniffed::Recording));
        assert_eq!(
            prepare(b"GIF89a broken".to_vec()).map(|p| p.kind).ok(),
            None
        );
    }
}
