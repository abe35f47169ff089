//! Presenting a comparison or a corpus: JSON for scripts, text for people
//! reading a pipe, HTML for a file to hand on (`html/`), Markdown for notes
//! and papers, CSV tables for spreadsheets, R and pandas (`csv.rs`). What a
//! pair report says first is defined once, in `summary.rs`.
//!
//! Reports read core data ([`Prepared`], [`Comparison`]) plus what the
//! application knows about each file ([`DocInfo`]) and write to any
//! `io::Write`.

pub mod corpus;
pub mod csv;
pub mod eval;
pub mod find;
pub mod html;
pub mod json;
pub mod library;
pub mod markdown;
pub mod reference;
pub mod reissue;
pub(crate) mod summary;
pub mod text;
pub mod trace;

use crate::tui::words::WordSplitter;
use taohua_core::compare::{Comparison, Leftovers, Prepared, Span};

pub use crate::app::pair::DocInfo;

/// One side of a compared pair.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// File facts.
    pub info: &'a DocInfo,
    /// The prepared document.
    pub doc: &'a Prepared,
}

/// Everything a pair report needs.
#[derive(Debug, Clone, Copy)]
pub struct PairReport<'a> {
    /// The left document.
    pub left: Side<'a>,
    /// The right document.
    pub right: Side<'a>,
    /// The comparison of the two.
    pub comparison: &'a Comparison,
    /// Their regions and the names left behind.
    pub leftovers: &'a Leftovers,
    /// The minimum passage length used.
    pub min_chars: usize,
    /// Word boundaries for the passage ends people read (`None`: shown as
    /// found).
    pub words: Option<&'a WordSplitter>,
}

impl Side<'_> {
    /// The char spans of the given segments.
    pub fn spans(&self, segments: &[usize]) -> Vec<Span> {
        segments
            .iter()
            .filter_map(|&s| self.doc.segments().get(s))
            .map(|s| (s.start, s.end))
            .collect()
    }
}

impl<'a> PairReport<'a> {
    /// The side a leftover stands in.
    pub fn side(&self, side: taohua_core::compare::leftovers::Side) -> Side<'a> {
        match side {
            taohua_core::compare::leftovers::Side::Left => self.left,
            taohua_core::compare::leftovers::Side::Right => self.right,
        }
    }
}

/// What a leftover is, in reports: the flagged text, the division it names
/// (its full path) and why.
pub(crate) fn leftover_why(l: &taohua_core::compare::Leftover) -> &'static str {
    use taohua_core::compare::leftovers::{Side, Why};
    match (l.why, l.side) {
        (Why::Place, Side::Right) => "a place of the left document's region, not of the right's",
        (Why::Place, Side::Left) => "a place of the right document's region, not of the left's",
        (Why::Substituted, Side::Right) => {
            "a string the right document replaced everywhere else (a substitution)"
        }
        (Why::Substituted, Side::Left) => {
            "a string the left document replaced everywhere else (a substitution)"
        }
    }
}

/// Replace characters that would act on a terminal (ESC, BEL, other C0/C1
/// controls) with visible stand-ins; tabs become spaces.
pub fn sanitize(text: &str) -> String {
    text.chars().map(visible).collect()
}

/// One character as [`sanitize`] shows it.
pub(crate) fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7F}' => '␡',
        c if ('\u{80}'..='\u{9F}').contains(&c) => '�',
        c => c,
    }
}

/// A ratio rounded to four decimals, as JSON shows it.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let s = sanitize("a\u{1b}[31mb\u{7}c\u{1b}]52;c;ZZ\u{7}\u{9b}d");
        assert!(!s.chars().any(|c| c.is_control()), "{s:?}");
        assert!(s.contains('␛'));
    }
}
