//! The pair view: a terminal UI over the core's data.
//!
//! A thin shell: `model` turns a [`crate::Comparison`] into rows and
//! per-character marks, `app` holds the state and a pure `update(action)`,
//! `draw` renders the state into a ratatui frame, and `term` owns the
//! terminal (raw mode, restore on quit, error, panic and SIGTERM).

pub mod app;
pub mod corpus;
pub mod corpus_draw;
pub mod draw;
pub mod keymap;
pub mod layout;
pub mod model;
pub mod term;
pub mod trace;
pub mod words;
pub mod wrap;
