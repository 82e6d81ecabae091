//! The review programme is counted, filtered, sorted and paged in SQL (issue 25), while each
//! row's attention is worked out by the shared rules: these checks hold the two to each other.

use std::collections::HashSet;

use ourplan_shared::programme::{Attention, PAGE_SIZE, ProgrammeRow, ReviewProgramme};
use reqwest::StatusCode;
use reqwest::blocking::Client;

use crate::TestApp;

/// One page of the programme; `query` without the `?`.
pub fn page(app: &TestApp, client: &Client, query: &str) -> ReviewProgramme {
    let response = app.get(client, &format!("/api/v1/review-programme?{query}"));
    assert_eq!(response.status(), StatusCode::OK);
    response.json().unwrap()
}

/// Every row, page by page, checking that the pages are whole and do not overlap.
pub fn every_row(
    app: &TestApp,
    client: &Client,
    query: &str,
) -> (ReviewProgramme, Vec<ProgrammeRow>) {
    let first = page(app, client, query);
    let mut rows = first.rows.clone();
    for number in 2..=first.pages {
        let next = page(app, client, &format!("{query}&page={number}"));
        assert_eq!(next.page, number);
        assert_eq!((next.total, next.pages), (first.total, first.pages));
        if number < first.pages {
            assert_eq!(next.rows.len(), PAGE_SIZE as usize, "a full page");
        }
        rows.extend(next.rows);
    }
    assert_eq!(rows.len() as u64, first.total, "{query}: every row once");
    let people: HashSet<_> = rows.iter().map(|r| r.person_id).collect();
    assert_eq!(people.len(), rows.len(), "{query}: nobody twice");
    assert_eq!(
        first.pages as u64,
        first.total.div_ceil(u64::from(PAGE_SIZE)).max(1)
    );
    (first, rows)
}

fn count(programme: &ReviewProgramme, attention: Option<Attention>) -> usize {
    programme
        .counts
        .iter()
        .find(|c| c.attention == attention)
        .unwrap()
        .count
}

/// The counts, each filter and the order by next review agree with the rows themselves.
pub fn counts_say_what_the_rows_say(app: &TestApp, client: &Client) {
    let (first, rows) = every_row(app, client, "sort=due");
    assert_eq!(count(&first, None), rows.len());
    let due: Vec<_> = rows.iter().map(|r| r.next_review.due_on).collect();
    assert!(due.is_sorted(), "by the next review due, across pages");
    for &attention in Attention::ALL {
        let needing = rows
            .iter()
            .filter(|r| r.attention.contains(&attention))
            .count();
        assert_eq!(count(&first, Some(attention)), needing, "{attention:?}");
        let (_, filtered) = every_row(app, client, &format!("attention={}", attention.key()));
        assert_eq!(filtered.len(), needing, "{attention:?} filtered");
        assert!(
            filtered.iter().all(|r| r.attention.contains(&attention)),
            "{attention:?}"
        );
    }
}
