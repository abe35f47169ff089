//! Tracing a document to its sources: each character credited to at most one
//! source.
//!
//! The caller (the library) finds candidate sources and compares the traced
//! document with each of them (`compare::passages`); this module decides who
//! gets the credit. A character inside passages shared with several sources
//! goes to the *earliest* of them (by year; a source without a year comes
//! after every dated one), ties to the one *closest* to the traced document
//! (the same region and the same kind first), then to the lower id. The
//! shares therefore add up to at most the document's reused share, and a
//! sentence that has travelled through twenty reports is credited to where
//! it first appeared.
//!
//! Only sources that share the character as part of a comparable stretch
//! compete for it ([`ELIGIBLE`]): when a whole paragraph was copied from one
//! report, the eight-character phrases inside it that older reports also
//! contain stay with that report.
//!
//! [`order`] gives the candidates in the order of preference; [`Credit::new`]
//! credits them. Linear in the traced document's keys per candidate.

use crate::compare::passages::{KeyPassage, Run};
use crate::text::normalize::KeySeq;

/// What tracing needs to know about a document: its year, region and kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Year delivered.
    pub year: Option<i32>,
    /// Region.
    pub region: Option<String>,
    /// Kind.
    pub kind: Option<String>,
}

impl Facts {
    /// How close `other` is to this document: 2 for the same region and
    /// kind, 1 for one of them, 0 for neither.
    fn closeness(&self, other: &Facts) -> u8 {
        let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        u8::from(same(&self.region, &other.region)) + u8::from(same(&self.kind, &other.kind))
    }
}

/// The candidates `0..sources.len()` in the order they are credited: the
/// earliest first, then the closest to `traced`, then by index.
pub fn order(traced: &Facts, sources: &[Facts]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by_key(|&i| {
        let s = &sources[i];
        (
            s.year.is_none(),
            s.year.unwrap_or(i32::MAX),
            std::cmp::Reverse(traced.closeness(s)),
            i,
        )
    });
    order
}

/// A stretch of the traced document credited to one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// The source (index into the candidates).
    pub source: usize,
    /// Keys `[start, end)` of the traced document.
    pub keys: (usize, usize),
    /// The matching keys `[start, end)` of the source.
    pub source_keys: (usize, usize),
    /// Countable characters credited.
    pub chars: usize,
    /// True when the stretch lies inside one exact run.
    pub exact: bool,
}

/// A source may take a character only when the passage it shares there is
/// at least this share as long as the longest passage any source shares
/// there: an eight-character phrase an older report happens to contain does
/// not take the credit from the report a whole paragraph was copied from.
pub const ELIGIBLE: f64 = 0.5;

/// Who gets which characters of the traced document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credit {
    /// The credited stretches, in the traced document's reading order.
    pieces: Vec<Piece>,
    /// Countable characters credited to each candidate.
    per_source: Vec<usize>,
}

impl Credit {
    /// Credit the keys of `traced`. `compared[i]` is candidate `i`'s
    /// passages with the traced document (`left` in the candidate, `right`
    /// in the traced document); `order` lists the candidates in preference
    /// order ([`order`]). Each key goes to the first candidate in that order
    /// whose passage over it is at least [`ELIGIBLE`] as long (in countable
    /// characters) as the longest passage over it.
    pub fn new(traced: &KeySeq, compared: &[Vec<KeyPassage>], order: &[usize]) -> Credit {
        let n = traced.len();
        let mut longest = vec![0usize; n];
        for passages in compared {
            for p in passages {
                let (from, to) = (p.right.0.min(n), p.right.1.min(n));
                for slot in &mut longest[from..to] {
                    *slot = (*slot).max(p.matched);
                }
            }
        }
        let mut owner: Vec<bool> = vec![false; n];
        let mut per_source = vec![0usize; compared.len()];
        let mut pieces = Vec::new();
        for &s in order {
            let Some(passages) = compared.get(s) else {
                continue;
            };
            for p in passages {
                let (from, to) = (p.right.0.min(n), p.right.1.min(n));
                let eligible = |k: usize| p.matched as f64 >= ELIGIBLE * longest[k] as f64;
                let mut k = from;
                while k < to {
                    if owner[k] || !eligible(k) {
                        k += 1;
                        continue;
                    }
                    let start = k;
                    while k < to && !owner[k] && eligible(k) {
                        owner[k] = true;
                        k += 1;
                    }
                    let chars = traced.countable_in(start, k);
                    if chars == 0 {
                        continue;
                    }
                    per_source[s] += chars;
                    pieces.push(Piece {
                        source: s,
                        keys: (start, k),
                        source_keys: source_range(p, start, k),
                        chars,
                        exact: p
                            .runs
                            .iter()
                            .any(|r| r.b as usize <= start && k <= (r.b + r.len) as usize),
                    });
                }
            }
        }
        pieces.sort_by_key(|p| p.keys);
        Credit { pieces, per_source }
    }

    /// The credited stretches, in the traced document's reading order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Countable characters credited to candidate `source`.
    pub fn of(&self, source: usize) -> usize {
        self.per_source.get(source).copied().unwrap_or(0)
    }

    /// Countable characters credited to any candidate.
    pub fn reused(&self) -> usize {
        self.per_source.iter().sum()
    }
}

/// The source keys matching traced keys `[start, end)` of passage `p`: each
/// end mapped through the exact run it falls in, or the nearest one.
fn source_range(p: &KeyPassage, start: usize, end: usize) -> (usize, usize) {
    let map = |k: usize, runs: &[Run]| -> usize {
        let k = k as i64;
        let mut best: Option<(i64, i64)> = None;
        for r in runs {
            let (b0, b1) = (i64::from(r.b), i64::from(r.b + r.len));
            let clamped = k.clamp(b0, b1);
            let dist = (k - clamped).abs();
            let at = i64::from(r.a) + (clamped - b0);
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, at));
            }
        }
        best.map_or(p.left.0, |(_, at)| at.max(0) as usize)
    };
    let (s, e) = (map(start, &p.runs), map(end, &p.runs));
    (s.min(e), s.max(e))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::compare::passages::{find_passages, PassageOptions};
    use crate::text::normalize::{keys_of, NormOptions};

    fn seq(s: &str) -> KeySeq {
        keys_of(s, &NormOptions::default()).unwrap()
    }

    fn facts(year: i32, region: &str) -> Facts {
        Facts {
            year: Some(year),
            region: Some(region.into()),
            kind: Some("讲话".into()),
        }
    }

    const A: &str = "哪里有科技工作者科协工作就做到哪里把科技工作者紧紧团结在党的周围";
    const B: &str = "坚持为科技工作者服务为创新驱动发展服务为提高全民科学素质服务";

    #[test]
    fn the_earliest_source_gets_the_shared_text() {
        let traced = seq(&format!("{A}。{B}。今年新写的一段话没有来源。"));
        let sources = [
            (facts(2024, "青川市"), seq(&format!("{A}。{B}。"))),
            (facts(2020, "云岭省"), seq(&format!("{A}。"))),
        ];
        let passages: Vec<Vec<KeyPassage>> = sources
            .iter()
            .map(|(_, s)| find_passages(s, &traced, &PassageOptions::default()))
            .collect();
        let facts_only: Vec<Facts> = sources.iter().map(|(f, _)| f.clone()).collect();
        let order = order(&facts(2025, "青川市"), &facts_only);
        assert_eq!(order, vec![1, 0], "2020 before 2024");
        let c = Credit::new(&traced, &passages, &order);
        let a_chars = seq(A).countable_in(0, seq(A).len());
        let b_chars = seq(B).countable_in(0, seq(B).len());
        assert_eq!((c.of(0), c.of(1)), (b_chars, a_chars));
        assert_eq!(c.reused(), a_chars + b_chars);
        // Each piece maps onto the same text in its source.
        for p in c.pieces() {
            let src = &sources[p.source].1;
            assert_eq!(
                traced.key_string(p.keys.0, p.keys.1),
                src.key_string(p.source_keys.0, p.source_keys.1)
            );
        }
    }

    #[test]
    fn a_short_phrase_of_an_older_report_does_not_take_a_copied_paragraph() {
        let paragraph = format!("{A}。{B}。");
        let traced = seq(&paragraph);
        let sources = [
            seq(&paragraph),
            seq("另一篇更早的报告里也说到为创新驱动发展服务的话。"),
        ];
        let passages: Vec<Vec<KeyPassage>> = sources
            .iter()
            .map(|s| find_passages(s, &traced, &PassageOptions::default()))
            .collect();
        let facts_only = [facts(2024, "青川市"), facts(2010, "云岭省")];
        let order = order(&facts(2025, "青川市"), &facts_only);
        assert_eq!(order, vec![1, 0]);
        let c = Credit::new(&traced, &passages, &order);
        assert_eq!(
            c.of(1),
            0,
            "the 2010 phrase is too short beside the paragraph"
        );
        assert_eq!(c.of(0), traced.countable_in(0, traced.len()));
    }

    #[test]
    fn ties_go_to_the_same_region_and_kind() {
        let traced = facts(2025, "青川市");
        let sources = [
            facts(2024, "云岭省"),
            facts(2024, "青川市"),
            Facts::default(),
        ];
        assert_eq!(order(&traced, &sources), vec![1, 0, 2]);
    }
}
