//! The application layer: everything between the command line (or the
//! screens) and the pure core. Files are read here; a pair session
//! ([`pair::PairSession`]) and a loaded corpus ([`corpus::LoadedCorpus`]) are
//! built here, in one place each; the configuration is read here once.

pub mod batch;
pub mod config;
pub mod corpus;
pub mod corpus_file;
pub mod error;
pub mod files;
pub mod grow;
pub mod library;
pub mod pair;
pub mod parquet;
pub mod reference;
