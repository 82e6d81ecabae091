//! `POST /api/v1/csp-reports`: browsers report Content-Security-Policy violations here, which
//! shows an injection attempt or a broken page. Only the directive and the blocked origin are
//! logged: never the page address's query or anything a person typed.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

/// The `report-uri` body (`application/csp-report`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct CspReport {
    #[serde(rename = "csp-report")]
    pub report: CspViolation,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct CspViolation {
    #[serde(rename = "effective-directive", alias = "violated-directive", default)]
    pub directive: String,
    #[serde(rename = "blocked-uri", default)]
    pub blocked_uri: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/csp-reports",
    tag = "system",
    summary = "Browsers report Content-Security-Policy violations here",
    security(()),
    request_body = CspReport,
    responses(
        (status = 204, description = "Received")
    )
)]
pub async fn post(report: web::Json<CspReport>) -> HttpResponse {
    let violation = &report.report;
    let blocked = blocked_origin(&violation.blocked_uri);
    log::warn!(
        "CSP violation: directive {:?} blocked {:?}",
        truncate(&violation.directive, 64),
        truncate(blocked, 128)
    );
    HttpResponse::NoContent().finish()
}

/// `https://evil.example/x?y` → `https://evil.example`; keywords such as `inline` stay.
fn blocked_origin(uri: &str) -> &str {
    match uri.find("://") {
        Some(scheme_end) => {
            let rest = &uri[scheme_end + 3..];
            let host_end = rest
                .find(['/', '?', '#'])
                .map_or(uri.len(), |i| scheme_end + 3 + i);
            &uri[..host_end]
        }
        None => uri,
    }
}

fn truncate(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((index, _)) => &text[..index],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_origin_of_a_blocked_address_is_kept() {
        assert_eq!(
            blocked_origin("https://evil.example/steal?plan=1"),
            "https://evil.example"
        );
        assert_eq!(blocked_origin("inline"), "inline");
        assert_eq!(blocked_origin("data"), "data");
        assert_eq!(truncate("ŵŵŵ", 2), "ŵŵ");
    }
}
