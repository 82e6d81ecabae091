//! Types on the wire, ids and rules shared by the Ourplan browser app and server, so both
//! sides say the same thing. Compiled for wasm32 and native.

pub mod keyed;

pub mod account;
pub mod admission;
pub mod audit;
pub mod caseload;
pub mod consent;
pub mod contribution;
pub mod demo;
pub mod display;
pub mod email;
pub mod error;
pub mod evidence;
pub mod feedback;
pub mod health;
pub mod id;
pub mod import;
pub mod leaving;
pub mod media;
pub mod merge;
pub mod needs;
pub mod notification;
pub mod organisation;
pub mod picture_sort;
pub mod pictures;
pub mod plain_language;
pub mod plan;
pub mod programme;
pub mod progress;
pub mod review;
pub mod role;
pub mod setup;
#[cfg(feature = "diesel")]
mod sql;
pub mod timescale;
pub mod validation;

#[cfg(test)]
mod properties;
