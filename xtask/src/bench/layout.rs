//! Whether pages move as they fill in: the cumulative layout shift of a full load of every
//! page, signed out and signed in as each demo role, on a desktop window and a phone's.
//!
//! Chromium reports each shift to a `PerformanceObserver` (`layout-shift`), which a script run
//! in every new document starts before the app's own. The score is the one Lighthouse and the
//! Core Web Vitals use: the largest "session window" of shifts (each less than 1 s after the
//! one before, 5 s at most), leaving out those just after input. The pages are found as a
//! person finds them: from the home page, every link in the app not yet visited, one page per
//! route (ids stand for any id).

use std::collections::{BTreeSet, VecDeque};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use ourplan_shared::demo;
use serde_json::json;

use super::browser::{Driver, Engine};
use super::{Figure, Target};

/// The most a page may move (Lighthouse's "good" is 0.1).
const TARGET: f64 = 0.05;
/// A page is loaded once nothing in it has changed for this long, after its heading is there.
const QUIET: Duration = Duration::from_millis(1000);
/// A page that keeps changing is read after this long anyway.
const LONGEST: Duration = Duration::from_secs(10);
/// Pages visited at most per role and window, so that a link loop cannot run on.
const MOST_PAGES: usize = 80;

/// Run in every new document, before the app: notes each shift (with what moved, to explain
/// a miss) and when the page last changed.
const WATCH: &str = "(() => {
  const shifts = [];
  window.__ourplanShifts = shifts;
  window.__ourplanChanged = performance.now();
  const name = (node) => !node || !node.tagName ? String(node && node.nodeName)
    : node.tagName.toLowerCase() + (node.id ? '#' + node.id : '')
      + (node.className && typeof node.className === 'string'
        ? '.' + node.className.trim().split(/\\s+/).join('.') : '');
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) {
        shifts.push({ at: entry.startTime, value: entry.value,
          moved: (entry.sources || []).map((s) => name(s.node)) });
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver(() => { window.__ourplanChanged = performance.now(); })
    .observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();";

/// Answers the shifts and the app's links once the page has settled, else null.
const SETTLED: &str = "const [quiet, longest] = arguments;
const now = performance.now();
const ready = document.querySelector('main h1') && now - window.__ourplanChanged >= quiet;
if (!ready && now < longest) return null;
const links = Array.from(document.querySelectorAll('a[href]'))
  .filter((a) => !a.hasAttribute('download'))
  .map((a) => a.getAttribute('href'))
  .filter((h) => h.startsWith('/') && !h.startsWith('//') && !h.startsWith('/api/')
    && !h.startsWith('/assets/'));
return { shifts: window.__ourplanShifts, links, path: location.pathname };";

/// The worst page's layout shift signed out and for each demo role (each over both windows),
/// every page's printed.
pub(super) fn layout_shift(origin: &str, scratch: &std::path::Path) -> Result<Vec<Figure>> {
    // A desktop window and Lighthouse's phone (a Moto G Power), as wide as each lays out.
    let windows = [
        ("desktop 1280×900", (1280, 900)),
        ("phone 412×823", (412, 823)),
    ];
    let who = std::iter::once(("signed out", None)).chain(
        demo::ACCOUNTS
            .iter()
            .map(|a| (a.role.label(), Some(a.email))),
    );
    let mut figures = Vec::new();
    for (role, email) in who {
        let mut worst = (0.0_f64, String::new());
        for (window, size) in windows {
            let driver = Driver::start_sized(scratch, Engine::Chromium, "normal", size)?;
            driver.cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({"source": WATCH}),
            )?;
            match email {
                Some(email) => driver.sign_in(origin, email)?,
                // The browser's profile is shared with the bench's other drivers, which
                // signed in.
                None => driver.sign_out(origin)?,
            }
            for (path, score, moved) in crawl(&driver, origin)? {
                let mark = if score > TARGET { "  over" } else { "" };
                println!("layout shift, {role}, {}: {path} {score:.3}{mark}", window);
                if score > TARGET {
                    for what in moved.iter().take(4) {
                        println!("    moved: {what}");
                    }
                }
                if score > worst.0 || worst.1.is_empty() {
                    worst = (score, format!("{path}, {}", window));
                }
            }
        }
        println!("layout shift, {role}: worst {:.3} on {}", worst.0, worst.1);
        figures.push(Figure::new(
            "browser",
            format!("layout shift, worst page: {role}"),
            (worst.0 * 1000.0).round() / 1000.0,
            "",
            Some(Target::AtMost(TARGET)),
        ));
    }
    Ok(figures)
}

/// Every route reachable by links from the home page: each page's path, its score and what
/// moved in its worst window.
fn crawl(driver: &Driver, origin: &str) -> Result<Vec<(String, f64, Vec<String>)>> {
    let mut seen = BTreeSet::from([route("/")]);
    let mut queue = VecDeque::from(["/".to_owned()]);
    let mut pages = Vec::new();
    while let Some(path) = queue.pop_front() {
        if pages.len() == MOST_PAGES {
            break;
        }
        // From another document, so that each is a new full load.
        driver.goto("about:blank")?;
        driver.goto(&format!("{origin}{path}"))?;
        let started = Instant::now();
        let page = driver.wait_for(
            SETTLED,
            json!([QUIET.as_millis(), LONGEST.as_millis()]),
            &format!("{path} to settle"),
        )?;
        let load_ms = started.elapsed().as_millis();
        let shifts: Vec<(f64, f64, Vec<String>)> = page["shifts"]
            .as_array()
            .context("the page's shifts")?
            .iter()
            .map(|s| {
                let moved = s["moved"].as_array().into_iter().flatten();
                (
                    s["at"].as_f64().unwrap_or_default(),
                    s["value"].as_f64().unwrap_or_default(),
                    moved
                        .filter_map(|m| m.as_str().map(str::to_owned))
                        .collect(),
                )
            })
            .collect();
        let (score, moved) = worst_window(&shifts);
        // A page that sent this role elsewhere (signing in, say) is the page it shows.
        let shown = page["path"].as_str().unwrap_or(&path).to_owned();
        if shown != path {
            println!("  {path} showed {shown} ({load_ms} ms)");
        }
        pages.push((shown, score, moved));
        for link in page["links"].as_array().into_iter().flatten() {
            let Some(link) = link.as_str() else { continue };
            let link = link.split(['#', '?']).next().unwrap_or(link).to_owned();
            if seen.insert(route(&link)) {
                queue.push_back(link);
            }
        }
    }
    Ok(pages)
}

/// The route a path stands for: ids (UUIDs, numbers) as `:id`.
fn route(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let id = segment.len() == 36 && segment.chars().filter(|c| *c == '-').count() == 4
                || !segment.is_empty() && segment.chars().all(|c| c.is_ascii_digit());
            if id { ":id" } else { segment }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The largest session window of shifts (gaps under 1 s, at most 5 s long), and what moved
/// in it.
fn worst_window(shifts: &[(f64, f64, Vec<String>)]) -> (f64, Vec<String>) {
    let mut worst = (0.0, Vec::new());
    let mut current = (0.0, Vec::new());
    let (mut first, mut last) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (at, value, moved) in shifts {
        if at - last >= 1000.0 || at - first >= 5000.0 {
            current = (0.0, Vec::new());
            first = *at;
        }
        last = *at;
        current.0 += value;
        current.1.extend(moved.iter().cloned());
        if current.0 > worst.0 {
            worst = current.clone();
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stand_for_any_id() {
        assert_eq!(
            route("/people/0193a3c2-7b1e-7c51-9d7a-2f3e4d5c6b7a/goals/12"),
            "/people/:id/goals/:id"
        );
        assert_eq!(route("/review-programme"), "/review-programme");
    }

    #[test]
    fn the_score_is_the_largest_session_window() {
        let shift = |at: f64, value: f64| (at, value, vec![format!("at {at}")]);
        // Two windows: 0.1 + 0.05 close together, then 0.12 alone after a 2 s gap.
        let (score, moved) =
            worst_window(&[shift(100.0, 0.1), shift(600.0, 0.05), shift(2600.0, 0.12)]);
        assert!((score - 0.15).abs() < 1e-9, "{score}");
        assert_eq!(moved, ["at 100", "at 600"]);
        // A window closes after 5 s even when shifts keep coming.
        let steady: Vec<_> = (0..12).map(|i| shift(f64::from(i) * 900.0, 0.01)).collect();
        let (score, _) = worst_window(&steady);
        assert!((score - 0.06).abs() < 1e-9, "{score}");
        assert_eq!(worst_window(&[]).0, 0.0);
    }
}
