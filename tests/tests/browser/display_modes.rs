//! Display modes (R-18) measured in the browser: every page the person and a family member
//! can reach, in every mode (standard, large type, easy read, pictures first), each with and
//! without high contrast, at 1280 and 320 px wide: axe finds nothing, nothing scrolls sideways, screenshots are kept.
//! Easy read is measured from computed styles: body text ≥ 20 px, line height ≥ 1.5, no text
//! block wider than 60 characters, every control in the page ≥ 44 × 44 px, a picture and a
//! read-aloud button beside every point; high contrast: every text ≥ 7:1 on its background.

use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::role::Role;
use ourplan_tests::browser::{Browser, DISPLAY_MODES};
use ourplan_tests::{TestApp, demo_email};
use serde_json::{Value, json};

/// Measures the page as it is; returns every failure as a line.
const MEASURE: &str = r#"
const [easyRead, highContrast] = arguments;
const problems = [];
const main = document.querySelector('main');
if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
  const wide = [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible');
  problems.push('scrolls sideways: ' + document.documentElement.scrollWidth + ' ' + wide.slice(-3).map(el => el.tagName + '.' + el.className + ' ' + (el.textContent || '').trim().slice(0, 30)).join(' | '));
}
const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
if (easyRead) {
  const canvas = document.createElement('canvas').getContext('2d');
  for (const p of main.querySelectorAll('p, li')) {
    if (!visible(p) || !p.textContent.trim()) continue;
    const cs = getComputedStyle(p);
    const size = parseFloat(cs.fontSize);
    if (size < 20) problems.push('text under 20px: ' + size + ' ' + p.textContent.slice(0, 40));
    const lh = cs.lineHeight === 'normal' ? size * 1.2 : parseFloat(cs.lineHeight);
    if (lh < 1.5 * size - 0.5) problems.push('line height ' + lh + ' for ' + size + 'px');
    canvas.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
    const ch = canvas.measureText('0').width;
    const chars = p.getBoundingClientRect().width / ch;
    if (chars > 61) problems.push('line of ' + Math.round(chars) + ' characters: ' + p.textContent.slice(0, 40));
  }
  for (const c of main.querySelectorAll('a, button, input, select, textarea, summary')) {
    if (!visible(c)) continue;
    const r = c.getBoundingClientRect();
    if (r.width < 44 || r.height < 44) problems.push('control ' + Math.round(r.width) + '×' + Math.round(r.height) + ': ' + (c.textContent || c.id).trim().slice(0, 40));
  }
  for (const point of main.querySelectorAll('.app-point:not(h2, h3, h4)')) {
    if (!point.querySelector('img')) problems.push('a point without a picture: ' + point.textContent.slice(0, 40));
    if (!point.querySelector('button.app-speak') && location.pathname.endsWith('/plan')) problems.push('a point without read aloud: ' + point.textContent.slice(0, 40));
  }
}
if (highContrast) {
  const rgb = s => s.match(/[\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
  for (const el of main.querySelectorAll('*')) {
    if (!visible(el) || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 7) problems.push('contrast ' + ratio.toFixed(2) + ': ' + el.textContent.trim().slice(0, 40));
  }
}
return problems;
"#;

/// Every page in every mode, with and without high contrast, at both widths.
async fn measure_all(
    browser: &Browser,
    app: &TestApp,
    pages: &[(&str, String)],
    who: &str,
) -> Vec<String> {
    let mut failures = Vec::new();
    for width in [1280u32, 320] {
        browser.client.set_window_size(width, 900).await.unwrap();
        for mode in DISPLAY_MODES {
            for contrast in [false, true] {
                for (page, path) in pages {
                    browser.open_in_mode(&app.url(path), mode, contrast).await;
                    browser.wait_for("main h1").await;
                    if path.contains("/plan") {
                        browser
                            .wait_for(".app-point img, .app-picture-button img")
                            .await;
                    }
                    let name = format!(
                        "{who}, {page}, {mode}{}, {width} px",
                        if contrast { ", high contrast" } else { "" }
                    );
                    let problems: Value = browser
                        .client
                        .execute(MEASURE, vec![json!(mode == "easy-read"), json!(contrast)])
                        .await
                        .unwrap();
                    for problem in problems.as_array().unwrap().iter().take(8) {
                        failures.push(format!("{name}: {}", problem.as_str().unwrap()));
                    }
                    failures.extend(
                        browser
                            .check(&name)
                            .await
                            .into_iter()
                            .map(|v| format!("{name}: axe {v}")),
                    );
                }
            }
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_the_person_reaches_measures_up_in_every_mode() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    let failures = measure_all(&browser, &app, &app.person_pages(), "person").await;
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_the_family_reaches_measures_up_in_every_mode() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::Family), DEMO_PASSWORD)
        .await;
    let pages = [
        ("home", "/".to_owned()),
        ("people", "/people".to_owned()),
        ("plan", format!("/people/{alex}/plan")),
        ("how pages look", "/display".to_owned()),
    ];
    let failures = measure_all(&browser, &app, &pages, "family").await;
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    browser.close().await;
}
