//! Types on the wire, ids and rules shared by the Ourplan browser app and server, so both
//! sides say the same thing. Compiled for wasm32 and native.

pub mod demo;
pub mod display;
pub mod error;
pub mod health;
pub mod role;
