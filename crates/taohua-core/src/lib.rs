//! taohua-core: the pure core of taohua (套话), which reads and compares
//! Chinese official speeches and reports.
//!
//! Text goes in and plain data comes out: no files, no terminal, no clock,
//! no user interface. The modules run in this order:
//!
//! - [`ingest`]: a document's bytes (plain text in any supported encoding,
//!   Markdown, HTML, .docx) become the text every offset refers to.
//! - [`text`]: normalisation for matching with a map back to the original
//!   characters, segmentation into paragraphs or sentence groups, slogans,
//!   and what a figure is.
//! - [`compare`](mod@compare): a pair of documents: shared passages, the
//!   alignment of their segments, the changes inside each aligned unit, and
//!   copy ratios.
//! - [`corpus`]: many documents: the fingerprint index, candidate pairs,
//!   phrases and their spread, reuse of earlier documents, and metadata.
//! - [`commonness`]: the share of a reference collection's documents that
//!   carry a passage, asked of any [`commonness::Reference`].
//! - [`fingerprint`]: the hashes indexes are built from: windows, winnowed
//!   windows, exact trigrams.
//! - [`trace`]: crediting each character of a document to the one source it
//!   most likely came from.
//! - [`meta`]: title, year, region and kind of a single document.
//! - [`places`]: China's divisions to township level: the place names a text
//!   holds and the region a document belongs to.
//! - [`eval`]: the quality check: edited copies with known answers, an
//!   independent exact ground truth, and the scores.
//!
//! Every span is a pair of char (Unicode scalar value) offsets into the text
//! as [`ingest`] extracted it, end exclusive.

#![deny(missing_docs)]

pub mod commonness;
pub mod compare;
pub mod corpus;
pub mod eval;
pub mod fingerprint;
pub mod ingest;
pub mod meta;
pub mod places;
pub mod text;
pub mod trace;

pub use compare::{compare, prepare, CompareOptions, Comparison, Op, Passage, Prepared, Unit};
