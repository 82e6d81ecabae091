//! The Ourplan browser app (Leptos, client-side rendered).
//!
//! `pages/` are route targets; `components/` render and never fetch; app-wide state (display
//! mode) is provided once via context; routes live in `app.rs`.

pub mod api;
pub mod app;
pub mod components;
pub mod dates;
pub mod display;
pub mod item_kind;
pub mod pages;
pub mod read_aloud;
pub mod session;
