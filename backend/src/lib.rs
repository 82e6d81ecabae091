//! The Ourplan server: a REST API under `/api/v1` and the browser app's static files.

pub mod access;
pub mod allocator;
pub mod api;
pub mod audit;
pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod email;
pub mod error;
pub mod fhir;
pub mod http;
pub mod import;
pub mod media;
pub mod notify;
pub mod password;
pub mod pdf;
pub mod retention;
pub mod server;
pub mod setup;
