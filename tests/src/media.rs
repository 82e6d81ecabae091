//! Photos and recordings for the media tests, made here so no binary fixture is kept: a JPEG
//! that carries GPS and a description in its EXIF, and Ogg Opus recordings of any length
//! (silent frames: the server reads the container, it does not decode).

use std::io::Cursor;

use image::{ImageFormat, RgbImage};

/// Words planted in the photo's EXIF description: they must never come back.
pub const EXIF_SECRET: &str = "GPS 51.50N 0.12W, 12 Hidden Lane";

/// A `width`×`height` JPEG whose EXIF says "turn me 90°" and carries a GPS block and
/// [`EXIF_SECRET`].
pub fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([200, 40, 40])
        } else {
            image::Rgb([40, 40, 200])
        }
    });
    let mut plain = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut plain), ImageFormat::Jpeg)
        .unwrap();
    // APP1 right after the start-of-image marker, where cameras put it.
    let exif = exif_block();
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&plain[2..]);
    out
}

/// "Exif\0\0" and a big-endian TIFF: IFD0 with a description, orientation 6 (rotate 90° to
/// see it upright) and a pointer to a GPS IFD holding a latitude reference.
fn exif_block() -> Vec<u8> {
    let mut description = EXIF_SECRET.as_bytes().to_vec();
    description.push(0);
    if description.len() % 2 == 1 {
        description.push(0);
    }
    let ifd0_at: u32 = 8;
    let entries = 3_u16;
    let ifd0_len = 2 + u32::from(entries) * 12 + 4;
    let description_at = ifd0_at + ifd0_len;
    let gps_at = description_at + u32::try_from(description.len()).unwrap();
    let mut tiff = b"MM\0\x2A".to_vec();
    tiff.extend_from_slice(&ifd0_at.to_be_bytes());
    tiff.extend_from_slice(&entries.to_be_bytes());
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend_from_slice(&tag.to_be_bytes());
        tiff.extend_from_slice(&kind.to_be_bytes());
        tiff.extend_from_slice(&count.to_be_bytes());
        tiff.extend_from_slice(&value);
    };
    let count = u32::try_from(EXIF_SECRET.len() + 1).unwrap();
    entry(&mut tiff, 0x010E, 2, count, description_at.to_be_bytes());
    entry(&mut tiff, 0x0112, 3, 1, [0, 6, 0, 0]);
    entry(&mut tiff, 0x8825, 4, 1, gps_at.to_be_bytes());
    tiff.extend_from_slice(&0_u32.to_be_bytes());
    tiff.extend_from_slice(&description);
    tiff.extend_from_slice(&1_u16.to_be_bytes());
    entry(&mut tiff, 0x0001, 2, 2, [b'N', 0, 0, 0]);
    tiff.extend_from_slice(&0_u32.to_be_bytes());
    let mut block = b"Exif\0\0".to_vec();
    block.extend_from_slice(&tiff);
    block
}

/// A PNG `width`×`height`, mostly see-through.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([0, 128, 0, 64]));
    let mut out = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .unwrap();
    out
}

/// An Ogg Opus recording `seconds` long: mono, 20 ms frames.
pub fn ogg_opus(seconds: u32) -> Vec<u8> {
    use ogg::writing::{PacketWriteEndInfo, PacketWriter};
    let serial = 0x0A1E_0001;
    let mut out = Vec::new();
    {
        let mut writer = PacketWriter::new(Cursor::new(&mut out));
        let mut head = b"OpusHead".to_vec();
        head.push(1); // version
        head.push(1); // channels
        head.extend_from_slice(&312_u16.to_le_bytes()); // pre-skip
        head.extend_from_slice(&48_000_u32.to_le_bytes());
        head.extend_from_slice(&0_u16.to_le_bytes()); // gain
        head.push(0); // mapping family
        writer
            .write_packet(head, serial, PacketWriteEndInfo::EndPage, 0)
            .unwrap();
        let mut tags = b"OpusTags".to_vec();
        let vendor = b"ourplan-tests";
        tags.extend_from_slice(&u32::try_from(vendor.len()).unwrap().to_le_bytes());
        tags.extend_from_slice(vendor);
        tags.extend_from_slice(&0_u32.to_le_bytes());
        writer
            .write_packet(tags, serial, PacketWriteEndInfo::EndPage, 0)
            .unwrap();
        let frames = seconds * 50;
        for n in 1..=frames {
            // TOC: SILK narrowband, 20 ms, mono, one frame; no frame data (silence).
            let end = if n == frames {
                PacketWriteEndInfo::EndStream
            } else if n % 50 == 0 {
                PacketWriteEndInfo::EndPage
            } else {
                PacketWriteEndInfo::NormalPacket
            };
            writer
                .write_packet(vec![0x08], serial, end, u64::from(n) * 960)
                .unwrap();
        }
    }
    out
}
