//! The API tests: each module starts the real server (its own database, SQLite or the
//! PostgreSQL named by `OURPLAN_TEST_POSTGRES`) on a loopback port and speaks HTTP to it.
//! One binary rather than one per file, so a test build links once instead of forty times.
//! `audit_key` and `sign_in_flood` stay binaries of their own: the servers run in the test's
//! process, and an audit key once installed is the whole process's; the flood measures latency.

// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access_log;
mod accounts;
mod admission;
mod agreement;
mod api_foundation;
mod audit;
mod authorization_matrix;
mod backup;
mod caseload;
mod concurrency;
mod consent;
mod email;
mod evidence_report;
mod feedback;
mod fhir_export;
mod goals;
mod import;
mod instances;
mod invalid_fields;
mod invitations;
mod leaving;
mod media;
mod migrations;
mod openapi;
mod pdf_exports;
mod picture_sorts;
mod pictures;
mod plan_access;
mod plan_items;
mod plan_model;
mod plan_overview;
mod reviews;
mod section_scope;
mod server_process;
mod setup;
mod sign_in;
mod sign_in_code;
mod teams;
