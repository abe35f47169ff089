//! Corpus mode: recycled phrasing across a folder of documents, years and
//! regions.
//!
//! - `index`: the fingerprint index (every window of normalised keys and the
//!   documents that carry it).
//! - `analysis`: candidate pairs from rare shared windows, the pair finder on
//!   them, phrases, and each document's reuse of earlier ones; stock
//!   language told apart from specific reuse.
//! - `families`: phrases that are fragments of one formulation, as one row.
//! - `meta`: year, region and kind of each document, with where each came from.
//! - `templates`: recurring wording with slots, and each document's filling.
//! - `batch`: the same analysis in pieces, for an engine (Spark) that holds
//!   the index elsewhere.

pub mod analysis;
pub mod batch;
pub mod families;
pub mod index;
pub mod meta;
pub mod templates;
