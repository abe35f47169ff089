//! taohua (套话, "stock phrases"): read and compare Chinese official speeches
//! and reports.
//!
//! The library is a pipeline of plain data, in the order it runs:
//!
//! - [`ingest`] — the I/O edge: bytes from a file, decoded (UTF-8, UTF-16,
//!   GB18030) into the text every offset refers to.
//! - [`text`] — pure: normalisation for matching with a map back to original
//!   offsets, segmentation into paragraphs or sentence groups, slogans.
//! - [`compare`](mod@compare) — pure: shared passages and the alignment of segments.
//! - [`report`] — presenting a comparison as JSON or text.
//! - [`theme`] — colours for each role, from `themes/*.toml`.
//! - [`eval`] — the quality check: synthetic edited copies with known answers.
//!
//! The binary (`src/main.rs`, `src/cli.rs`) is glue over these.

pub mod compare;
pub mod config;
pub mod corpus;
pub mod eval;
pub mod ingest;
pub mod meta;
pub mod report;
pub mod text;
pub mod theme;
pub mod tui;

pub use compare::{compare, prepare, CompareOptions, Comparison, Op, Passage, Prepared, Unit};
