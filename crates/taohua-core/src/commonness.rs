//! Commonness: in what share of a reference collection's documents (of a
//! kind, in a period) does a passage occur?
//!
//! A passage every report of its kind carries is stock language; one found in
//! two documents is specific reuse. The question is asked of a [`Reference`]:
//! any collection that can count its documents and the documents that carry
//! a normalised passage (the library answers it from its phrase index). The
//! core only defines the question, so that every reference answers it alike.

use crate::text::normalize::Key;

/// Which documents of a reference count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only documents of this kind.
    pub kind: Option<String>,
    /// Only documents of these years, inclusive.
    pub years: Option<(i32, i32)>,
    /// Only documents of this region.
    pub region: Option<String>,
}

impl Filter {
    /// True when a document of this year, region and kind passes.
    pub fn admits(&self, year: Option<i32>, region: Option<&str>, kind: Option<&str>) -> bool {
        self.kind.as_deref().is_none_or(|k| kind == Some(k))
            && self.region.as_deref().is_none_or(|r| region == Some(r))
            && self
                .years
                .is_none_or(|(a, b)| year.is_some_and(|y| a <= y && y <= b))
    }

    /// True when the filter admits every document.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A collection of documents a passage's commonness is measured against.
pub trait Reference {
    /// How many documents pass `filter`.
    fn documents(&self, filter: &Filter) -> usize;
    /// How many documents that pass `filter` carry `keys` (a normalised
    /// passage, compared as passages are: exactly, after normalisation).
    fn carriers(&self, keys: &[Key], filter: &Filter) -> usize;
}

/// The share of `reference`'s documents (those passing `filter`) that carry
/// `keys`; `None` when no document passes the filter.
pub fn commonness(keys: &[Key], reference: &dyn Reference, filter: &Filter) -> Option<f64> {
    let n = reference.documents(filter);
    (n > 0).then(|| reference.carriers(keys, filter) as f64 / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents as key strings, each with a kind.
    struct Docs(Vec<(&'static str, Vec<Key>)>);

    impl Reference for Docs {
        fn documents(&self, f: &Filter) -> usize {
            self.0
                .iter()
                .filter(|d| f.kind.as_deref().is_none_or(|k| k == d.0))
                .count()
        }
        fn carriers(&self, keys: &[Key], f: &Filter) -> usize {
            self.0
                .iter()
                .filter(|d| f.kind.as_deref().is_none_or(|k| k == d.0))
                .filter(|d| d.1.windows(keys.len()).any(|w| w == keys))
                .count()
        }
    }

    #[test]
    fn share_of_the_filtered_documents() {
        let k = |s: &str| s.chars().map(|c| c as Key).collect::<Vec<_>>();
        let docs = Docs(vec![
            ("报告", k("甲乙丙丁")),
            ("报告", k("乙丙丁戊")),
            ("讲话", k("乙丙丁")),
            ("讲话", k("庚辛")),
        ]);
        assert_eq!(
            commonness(&k("乙丙"), &docs, &Filter::default()),
            Some(0.75)
        );
        let speeches = Filter {
            kind: Some("讲话".into()),
            ..Filter::default()
        };
        assert_eq!(commonness(&k("乙丙"), &docs, &speeches), Some(0.5));
        let none = Filter {
            kind: Some("纪要".into()),
            ..Filter::default()
        };
        assert_eq!(commonness(&k("乙丙"), &docs, &none), None);
    }
}
