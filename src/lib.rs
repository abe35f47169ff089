//! taohua (套话, "stock phrases"): the application around the pure core
//! ([`taohua_core`]).
//!
//! - [`app`]: reading files and folders, building a pair session or a loaded
//!   corpus in one place, configuration.
//! - [`report`]: JSON, text and CSV reports.
//! - [`tui`]: the pair view and the corpus screens.
//! - [`theme`]: colours for each role, from `themes/*.toml`.
//! - [`legend`]: what each colour and gutter mark means, for every legend.
//! - [`i18n`]: the words of the interface in English and Chinese.
//! - [`columns`]: display widths, padding and counted nouns for tables.
//!
//! The binary (`src/main.rs`, `src/cli.rs`) parses arguments and calls these.

pub mod app;
pub mod columns;
pub mod i18n;
pub mod legend;
pub mod report;
pub mod theme;
pub mod tui;
