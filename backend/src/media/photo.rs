//! Photos are decoded and encoded again as JPEG: whatever the file carried besides its pixels
//! (the camera, the time, where it was taken) is left behind, and its size is capped.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::media::{MediaKind, PHOTO_MAX_SIDE};

use super::Prepared;
use crate::error::AppError;

/// The most pixels on a side we will decode: any real camera's photo, not a decompression bomb.
const MAX_DECODED_SIDE: u32 = 12_000;
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
const QUALITY: u8 = 85;

fn unreadable() -> AppError {
    AppError::invalid(
        "file",
        "This photo could not be read. Try taking it again, or choose another.",
    )
}

fn refused(error: ImageError) -> AppError {
    match error {
        ImageError::Limits(_) => AppError::client(
            ErrorCode::PayloadTooLarge,
            format!(
                "This photo has too many pixels: at most {MAX_DECODED_SIDE} on each side. Try a smaller copy."
            ),
        ),
        ImageError::Unsupported(_) => super::unsupported(),
        _ => unreadable(),
    }
}

/// The photo turned the right way up, scaled to fit [`PHOTO_MAX_SIDE`], as a fresh JPEG.
pub fn reencode(bytes: &[u8], format: ImageFormat) -> Result<Prepared, AppError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refused)?;
    // The camera's "this way up" lives in the metadata we drop, so it is applied first.
    let orientation = decoder.orientation().map_err(refused)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refused)?;
    picture.apply_orientation(orientation);
    if picture.width() > PHOTO_MAX_SIDE || picture.height() > PHOTO_MAX_SIDE {
        picture = picture.resize(
            PHOTO_MAX_SIDE,
            PHOTO_MAX_SIDE,
            image::imageops::FilterType::Triangle,
        );
    }
    let pixels = on_white(&picture);
    let (width, height) = pixels.dimensions();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&pixels)
        .map_err(|error| AppError::Internal(format!("encoding a photo: {error}")))?;
    Ok(Prepared {
        kind: MediaKind::Photo,
        content_type: "image/jpeg",
        bytes: out,
        width: Some(width),
        height: Some(height),
        duration_ms: None,
    })
}

/// JPEG has no transparency: transparent parts become white, as on paper.
fn on_white(picture: &DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.to_rgb8();
    }
    let rgba = picture.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| {
            let c = u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a));
            u8::try_from(c / 255).unwrap_or(u8::MAX)
        };
        image::Rgb([over(r), over(g), over(b)])
    })
}
