//! A pair session: two documents, the options they were compared with, the
//! comparison and the names left behind. Built here, in one place, for `compare`, `demo` and every
//! pair opened from the corpus screens; the reports and the pair view read it.

use std::path::Path;
use std::sync::OnceLock;

use taohua_core::compare::{self, CompareOptions, Comparison, Leftovers, Prepared, TextTooLong};
use taohua_core::meta::{self, Meta};

use crate::report::{PairReport, Side};
use crate::tui::model::PairModel;
use crate::tui::words::WordSplitter;

/// What a report says about one document besides its text.
#[derive(Debug, Clone)]
pub struct DocInfo {
    /// The path as the user gave it.
    pub path: String,
    /// Title, year, region, kind.
    pub meta: Meta,
}

impl DocInfo {
    /// A document's facts read as corpus mode reads a document without a
    /// manifest: front matter, the file name (`YEAR_REGION_KIND`), the text.
    pub fn read(path: &str, text: &str) -> DocInfo {
        let stem = Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        DocInfo {
            path: path.to_string(),
            meta: meta::guess(&stem, text),
        }
    }
}

/// One side of a pair session.
#[derive(Debug, Clone)]
pub struct PairDoc {
    /// What the file says.
    pub info: DocInfo,
    /// The document made ready for comparison.
    pub doc: Prepared,
}

/// Two documents compared.
#[derive(Debug, Clone)]
pub struct PairSession {
    /// The left (usually earlier) document.
    pub left: PairDoc,
    /// The right document.
    pub right: PairDoc,
    /// The options used.
    pub options: CompareOptions,
    /// The comparison.
    pub comparison: Comparison,
    /// Word boundaries for the passage ends the reports show: loaded when a
    /// report for people asks ([`PairSession::load_words`]).
    pub words: OnceLock<WordSplitter>,
    /// The documents' regions and the names a copy left behind.
    pub leftovers: Leftovers,
}

impl PairSession {
    /// Prepare and compare two texts.
    pub fn new(
        left: (DocInfo, &str),
        right: (DocInfo, &str),
        options: CompareOptions,
    ) -> Result<PairSession, TextTooLong> {
        let a = compare::prepare(left.1, &options)?;
        let b = compare::prepare(right.1, &options)?;
        let comparison = compare::compare(&a, &b, &options);
        let regions = (
            left.0.meta.region.as_deref(),
            right.0.meta.region.as_deref(),
        );
        // The copy is the later document; the right one unless the years say otherwise.
        let copy = match (left.0.meta.year, right.0.meta.year) {
            (Some(l), Some(r)) if r < l => compare::leftovers::Side::Left,
            _ => compare::leftovers::Side::Right,
        };
        let leftovers = compare::leftovers(&a, &b, &comparison, regions, copy);
        Ok(PairSession {
            left: PairDoc {
                info: left.0,
                doc: a,
            },
            right: PairDoc {
                info: right.0,
                doc: b,
            },
            options,
            comparison,
            words: OnceLock::new(),
            leftovers,
        })
    }

    /// Start loading jieba's dictionary for the reports' passage ends (in
    /// the background; the reports wait for it).
    pub fn load_words(&self) {
        self.words.get_or_init(WordSplitter::spawn);
    }

    /// What the reports read.
    pub fn report(&self) -> PairReport<'_> {
        PairReport {
            left: Side {
                info: &self.left.info,
                doc: &self.left.doc,
            },
            right: Side {
                info: &self.right.info,
                doc: &self.right.doc,
            },
            comparison: &self.comparison,
            leftovers: &self.leftovers,
            min_chars: self.options.passages.min_chars,
            words: self.words.get(),
        }
    }

    /// What the pair view shows.
    pub fn model(&self) -> PairModel {
        PairModel::new(
            (&self.left.info, &self.left.doc),
            (&self.right.info, &self.right.doc),
            &self.comparison,
            &self.leftovers,
        )
    }
}
