//! Recordings are kept as made (Opus in WebM from Chromium's MediaRecorder, or in Ogg from
//! Firefox and phones), once the bytes prove to be that, and no longer than allowed. A browser's
//! recording states no length, so the length is read from the last packet's time.

use std::io::Cursor;

use ourplan_shared::media::{MediaKind, RECORDING_MAX_MS, spoken_length};
use symphonia::core::codecs::CodecParameters;
use symphonia::core::codecs::audio::well_known::CODEC_ID_OPUS;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, TrackType};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::units::Timestamp;

use super::Prepared;
use crate::error::AppError;

/// A stop pressed at two minutes lands a little after it.
const SLACK_MS: u32 = 1_000;

fn unreadable() -> AppError {
    AppError::invalid(
        "file",
        "This recording could not be read. Try recording it again.",
    )
}

pub fn check(bytes: Vec<u8>) -> Result<Prepared, AppError> {
    let content_type = if bytes.starts_with(b"OggS") {
        "audio/ogg"
    } else {
        "audio/webm"
    };
    let duration_ms = opus_length_ms(bytes.clone())?;
    if duration_ms > RECORDING_MAX_MS + SLACK_MS {
        return Err(AppError::invalid(
            "file",
            format!(
                "This recording is {} long. A recording can be at most {}: try saying it in parts.",
                spoken_length(duration_ms),
                spoken_length(RECORDING_MAX_MS)
            ),
        ));
    }
    Ok(Prepared {
        kind: MediaKind::Recording,
        content_type,
        bytes,
        width: None,
        height: None,
        duration_ms: Some(duration_ms.min(RECORDING_MAX_MS)),
    })
}

/// The length of the one Opus audio track, from its packets' times.
fn opus_length_ms(bytes: Vec<u8>) -> Result<u32, AppError> {
    let source = MediaSourceStream::new(
        Box::new(Cursor::new(bytes)),
        MediaSourceStreamOptions::default(),
    );
    let mut reader = symphonia::default::get_probe()
        .probe(
            &Hint::new(),
            source,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .map_err(|_| super::unsupported())?;
    let track = reader
        .first_track(TrackType::Audio)
        .filter(|track| {
            matches!(&track.codec_params, Some(CodecParameters::Audio(audio)) if audio.codec == CODEC_ID_OPUS)
        })
        .ok_or_else(super::unsupported)?;
    let (track_id, time_base) = (track.id, track.time_base.ok_or_else(unreadable)?);
    let mut end = Timestamp::from(0i64);
    let mut packets = 0_u32;
    loop {
        match reader.next_packet() {
            Ok(Some(packet)) if packet.track_id == track_id => {
                packets += 1;
                end = end.max(packet.pts.saturating_add(packet.dur));
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            // A recording cut off mid-packet (a live stream's end) still has what came before.
            Err(_) if packets > 0 => break,
            Err(_) => return Err(unreadable()),
        }
    }
    if packets == 0 {
        return Err(AppError::invalid("file", "This recording is empty."));
    }
    let millis = time_base.calc_time(end).ok_or_else(unreadable)?.as_millis();
    Ok(u32::try_from(millis.max(0)).unwrap_or(u32::MAX))
}
