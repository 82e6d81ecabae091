//! Dates and times in the reader's own language and time zone, by the browser's `Intl`.

use chrono::{Datelike, NaiveDate};

fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    options
}

pub fn iso_date_time(millis: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64))
        .to_iso_string()
        .into()
}

/// A moment in the reader's own time zone and words: "Tuesday 24 November 2026 at 15:31".
pub fn local_date_time(millis: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64));
    let options = options(&[
        ("weekday", "long"),
        ("day", "numeric"),
        ("month", "long"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ]);
    date.to_locale_string(crate::language::regional_tag(), &options)
        .into()
}

/// A calendar day in words: "24 November 2027".
pub fn local_date(day: NaiveDate) -> String {
    // Noon UTC, so no time zone moves it to another day.
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(js_sys::Date::utc(
        f64::from(day.year()),
        f64::from(day.month0()),
    )));
    date.set_utc_date(day.day());
    date.set_utc_hours(12);
    let options = options(&[
        ("day", "numeric"),
        ("month", "long"),
        ("year", "numeric"),
        ("timeZone", "UTC"),
    ]);
    date.to_locale_date_string(crate::language::regional_tag(), &options)
        .into()
}

/// Today in the reader's own time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}
