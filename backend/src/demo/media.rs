//! The demo person's own photos and voice. The photos are drawn here (a garden and a bus stop:
//! no camera, nobody's real place); the recording is a synthetic voice (espeak-ng, encoded
//! with opusenc at 20 kbit/s), kept beside this file as `my-goal.ogg`. Both go through the
//! same checks as an upload.

use chrono::NaiveDateTime;
use image::{Rgb, RgbImage};
use ourplan_shared::consent::PlanSection;
use ourplan_shared::id::UserId;
use ourplan_shared::plan::PlanDocument;

use crate::db::DbConnection;
use crate::db::model::media::{self, NewMedia};
use crate::db::model::new_id;
use crate::error::AppError;
use crate::media::store::sha256_hex;

const VOICE: &[u8] = include_bytes!("my-goal.ogg");

fn jpeg(picture: &RgbImage) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(picture)
        .map_err(|e| AppError::Internal(format!("drawing a demo photo: {e}")))?;
    Ok(out)
}

fn inside(x: u32, y: u32, centre: (i64, i64), radius: i64) -> bool {
    let (dx, dy) = (i64::from(x) - centre.0, i64::from(y) - centre.1);
    dx * dx + dy * dy <= radius * radius
}

fn sky(y: u32, height: u32) -> Rgb<u8> {
    let t = y * 80 / height.max(1);
    let fade = |c: u32| u8::try_from((c + t).min(255)).unwrap_or(u8::MAX);
    Rgb([fade(120), fade(175), 235])
}

/// A garden on a sunny day: sky, sun, a fence, grass and flowers.
fn garden() -> RgbImage {
    let (w, h) = (800, 600);
    let flowers: [(i64, i64, [u8; 3]); 6] = [
        (90, 450, [214, 40, 57]),
        (210, 500, [255, 200, 40]),
        (330, 430, [140, 70, 170]),
        (470, 520, [214, 40, 57]),
        (600, 460, [255, 200, 40]),
        (720, 510, [140, 70, 170]),
    ];
    RgbImage::from_fn(w, h, |x, y| {
        if let Some((_, _, colour)) = flowers
            .iter()
            .find(|(fx, fy, _)| inside(x, y, (*fx, *fy), 22))
        {
            return Rgb(*colour);
        }
        let (px, py) = (i64::from(x), i64::from(y));
        if flowers
            .iter()
            .any(|(fx, fy, _)| (px - fx).abs() < 4 && py > *fy && py < fy + 80)
        {
            return Rgb([40, 120, 40]);
        }
        if y > 380 {
            return Rgb([70, u8::try_from(150 + (y - 380) / 4).unwrap_or(200), 60]);
        }
        if (300..380).contains(&y) && x % 60 < 48 {
            return Rgb([150, 100, 60]);
        }
        if inside(x, y, (660, 110), 60) {
            return Rgb([255, 215, 60]);
        }
        sky(y, 380)
    })
}

/// The bus stop by the flat: a pole with a round sign, a shelter, the pavement.
fn bus_stop() -> RgbImage {
    let (w, h) = (600, 800);
    RgbImage::from_fn(w, h, |x, y| {
        let on_sign = inside(x, y, (300, 170), 90);
        if on_sign && !inside(x, y, (300, 170), 72) {
            return Rgb([200, 30, 40]);
        }
        if on_sign {
            // A bus, side on, on the sign.
            let bus = (240..360).contains(&x) && (140..195).contains(&y);
            let window = bus && (150..170).contains(&y) && (x - 240) % 24 < 16;
            let wheel = inside(x, y, (265, 198), 10) || inside(x, y, (335, 198), 10);
            return match (window, bus || wheel) {
                (true, _) => Rgb([200, 230, 250]),
                (false, true) => Rgb([20, 60, 140]),
                _ => Rgb([250, 250, 250]),
            };
        }
        if (292..308).contains(&x) && (260..700).contains(&y) {
            return Rgb([110, 110, 120]);
        }
        if (360..560).contains(&x) && (430..700).contains(&y) {
            let edge = !(368..=551).contains(&x) || y < 438;
            return if edge {
                Rgb([60, 70, 80])
            } else {
                Rgb([190, 215, 225])
            };
        }
        if y >= 700 {
            return Rgb([150, 150, 150]);
        }
        sky(y, 700)
    })
}

/// Adds the photos and the recording to the plan, as the person added them.
pub fn seed(
    conn: &mut DbConnection,
    doc: &PlanDocument,
    by: UserId,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(goal) = doc.goals.first() else {
        return Ok(());
    };
    let goal = goal.id.to_string();
    let plan_id = doc.plan.id;
    let added = [
        (
            PlanSection::Profile,
            None,
            jpeg(&garden())?,
            Some("My garden"),
        ),
        (
            PlanSection::Goals,
            Some(goal.as_str()),
            jpeg(&bus_stop())?,
            Some("My bus stop"),
        ),
        (
            PlanSection::Goals,
            Some(goal.as_str()),
            VOICE.to_vec(),
            None,
        ),
    ];
    for (index, (section, item, bytes, words)) in added.into_iter().enumerate() {
        let prepared = crate::media::prepare(bytes)?;
        let size = |n: Option<u32>| n.and_then(|n| i32::try_from(n).ok());
        let id = new_id();
        media::insert(
            conn,
            &NewMedia {
                id: &id,
                plan_id,
                section,
                item_id: item,
                kind: prepared.kind,
                content_type: prepared.content_type,
                words,
                bytes: Some(&prepared.bytes),
                byte_size: i64::try_from(prepared.bytes.len()).unwrap_or(i64::MAX),
                sha256: &sha256_hex(&prepared.bytes),
                width: size(prepared.width),
                height: size(prepared.height),
                duration_ms: size(prepared.duration_ms),
                created_by: by,
                created_at: at + chrono::Duration::minutes(i64::try_from(index).unwrap_or(0)),
            },
        )?;
    }
    Ok(())
}
