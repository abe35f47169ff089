//! Corpus mode: recycled phrasing across a folder of documents, years and
//! regions.
//!
//! - `index`: the fingerprint index (every window of normalised keys and the
//!   documents that carry it).
//! - `analysis`: candidate pairs from rare shared windows, the pair finder on
//!   them, phrases, and each document's reuse of earlier ones.
//! - `meta`: year, region and kind of each document, with where each came from.
//! - `batch`: the same analysis in pieces, for an engine (Spark) that holds
//!   the index elsewhere.

pub mod analysis;
pub mod batch;
pub mod index;
pub mod meta;
