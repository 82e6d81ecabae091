//! `GET /api/v1/caseload`: the people a member of staff supports, searched by name and
//! filtered by team, key worker and plan state on the server, a page at a time, so that it
//! stays quick with 10,000 people. With `left=true`, managers and admins see the people whose
//! support has ended instead.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{PersonId, TeamId, UserId};
use crate::plan::PlanStatus;

/// People on one page.
pub const PAGE_SIZE: u32 = 50;

/// The longest name search, in characters.
pub const SEARCH_MAX: usize = 100;

/// One person on the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseloadRow {
    pub id: PersonId,
    pub full_name: String,
    pub preferred_name: Option<String>,
    /// The teams that support them, by name.
    pub teams: Vec<String>,
    /// Their key workers' names.
    pub key_workers: Vec<String>,
    pub plan_status: PlanStatus,
    /// The last day of support, for someone who has left.
    pub left_on: Option<NaiveDate>,
}

/// A choice in a filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FilterChoice {
    pub id: String,
    pub name: String,
}

/// `GET /api/v1/caseload`: one page of matching people, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Caseload {
    pub rows: Vec<CaseloadRow>,
    /// People matching, on every page.
    pub total: u64,
    /// This page, from 1.
    pub page: u32,
    /// Pages in all (at least 1).
    pub pages: u32,
    /// The teams to filter by: the reader's own (an admin's: every team).
    pub teams: Vec<FilterChoice>,
    /// The key workers to filter by: staff on those teams.
    pub key_workers: Vec<FilterChoice>,
}

/// The filters, as the query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct CaseloadQuery {
    /// Part of a name (full or preferred), in any case.
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub team: Option<TeamId>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub key_worker: Option<UserId>,
    /// `draft`, `agreed` or `under_review`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub plan: Option<PlanStatus>,
    /// The people whose support has ended (managers and admins).
    #[serde(default)]
    pub left: Option<bool>,
    /// From 1.
    #[serde(default)]
    pub page: Option<u32>,
}

impl CaseloadQuery {
    /// The search as matched: trimmed, lower case, empty as none.
    pub fn search(&self) -> Option<String> {
        self.q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_lowercase)
    }

    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    /// The query string for these filters at `page` (for links and the API alike).
    pub fn to_query_string(&self, page: u32) -> String {
        let mut parts = Vec::new();
        if let Some(q) = self.search() {
            parts.push(format!("q={}", encode(&q)));
        }
        if let Some(team) = &self.team {
            parts.push(format!("team={team}"));
        }
        if let Some(key_worker) = &self.key_worker {
            parts.push(format!("key_worker={key_worker}"));
        }
        if let Some(plan) = self.plan {
            parts.push(format!("plan={}", plan.key()));
        }
        if self.left == Some(true) {
            parts.push("left=true".to_owned());
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        parts.join("&")
    }
}

/// Pages needed for `total` people.
pub fn pages(total: u64) -> u32 {
    u32::try_from(total.div_ceil(u64::from(PAGE_SIZE)))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_query_string() {
        let query = CaseloadQuery {
            q: Some("  Zoë O'Neil ".to_owned()),
            plan: Some(PlanStatus::Draft),
            left: Some(true),
            ..CaseloadQuery::default()
        };
        assert_eq!(
            query.to_query_string(3),
            "q=zo%C3%AB%20o%27neil&plan=draft&left=true&page=3"
        );
        assert_eq!(CaseloadQuery::default().to_query_string(1), "");
    }

    #[test]
    fn a_page_holds_fifty_people() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(50), 1);
        assert_eq!(pages(51), 2);
        assert_eq!(pages(10_000), 200);
    }
}
