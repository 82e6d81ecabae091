//! The browser tests: the real server and the built app in a real browser (headless Chromium
//! by default; `OURPLAN_TEST_ENGINE=firefox` or `webkit`), with axe-core run in the page.
//! Journeys run on both databases and in every engine; the details of a page run once
//! (see `ourplan_tests::browser::skip_detail`).

// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod display_modes;
mod evidence;
mod first_day;
mod first_plan;
mod goal_edit;
mod language;
mod plan_journey;
mod plan_steps;
mod read_aloud;
mod review;
mod sharing;
mod shell;
mod sign_in;
