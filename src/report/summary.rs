//! What every pair report says first, defined once for the text, HTML,
//! Markdown and CSV writers: the figures of each side (reused = stock +
//! specific), the counts of passages and units, the longest specific
//! passages, and the paragraph labels (`¶7`, `¶7.2`) every report uses to
//! say where a thing is.
//!
//! *Stock* is the core's verdict on each passage (common in the reference,
//! or mostly a slogan of the list); [`stock_means`] says which reference.

use super::{PairReport, Side};
use taohua_core::compare::{Op, Passage, Reuse, Span};

/// One side's figures: shares of its countable characters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SideFigures {
    /// Characters in the text.
    pub chars: usize,
    /// Countable characters (letters, digits, Han).
    pub countable: usize,
    /// Inside shared passages (the JSON's `left_reused`).
    pub reused: f64,
    /// Of those, inside stock passages (the JSON's `left_stock`).
    pub stock: f64,
    /// The rest: reuse specific to the two documents.
    pub specific: f64,
}

impl SideFigures {
    fn new(side: &Side, reuse: &Reuse) -> SideFigures {
        SideFigures {
            chars: side.doc.chars().len(),
            countable: reuse.countable,
            reused: reuse.ratio(),
            stock: reuse.stock_ratio(),
            specific: reuse.specific_ratio(),
        }
    }
}

/// The summary of a pair report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PairSummary {
    /// The left document.
    pub left: SideFigures,
    /// The right document.
    pub right: SideFigures,
    /// Shared passages.
    pub passages: usize,
    /// Of which one exact run.
    pub exact: usize,
    /// Of which bridged over small edits.
    pub bridged: usize,
    /// Stock passages.
    pub stock_passages: usize,
    /// Units by kind, in the order of [`OPS`], kinds that occur only.
    pub units: Vec<(Op, usize)>,
    /// The shortest passage reported.
    pub min_chars: usize,
    /// What `stock` counts ([`stock_means`]).
    pub stock_means: String,
}

/// Every kind of unit, in the order reports list them.
pub(crate) const OPS: [Op; 7] = [
    Op::Match,
    Op::Related,
    Op::Moved,
    Op::Split,
    Op::Merge,
    Op::Delete,
    Op::Insert,
];

/// What the stock share counts, said in every report that shows it.
fn stock_means(report: &PairReport) -> String {
    match &report.comparison.reference {
        Some(r) => format!(
            "stock: passages common in the reference ({}, {} documents) or mostly a slogan of the list",
            r.name, r.documents
        ),
        None => "stock: passages mostly made of slogans of the list (no reference)".to_string(),
    }
}

impl PairSummary {
    /// The summary of `report`.
    pub(crate) fn new(report: &PairReport) -> PairSummary {
        let c = report.comparison;
        let exact = c.passages.iter().filter(|p| p.exact).count();
        PairSummary {
            left: SideFigures::new(&report.left, &c.left),
            right: SideFigures::new(&report.right, &c.right),
            passages: c.passages.len(),
            exact,
            bridged: c.passages.len() - exact,
            stock_passages: c.passages.iter().filter(|p| p.stock).count(),
            units: OPS
                .iter()
                .map(|&op| (op, c.units.iter().filter(|u| u.op == op).count()))
                .filter(|&(_, n)| n > 0)
                .collect(),
            min_chars: report.min_chars,
            stock_means: stock_means(report),
        }
    }

    /// `58 (48 exact, 10 bridged over small edits; 6 stock)`.
    pub(crate) fn passages_line(&self) -> String {
        format!(
            "{} ({} exact, {} bridged over small edits; {} stock)",
            self.passages, self.exact, self.bridged, self.stock_passages
        )
    }

    /// `31 match · 1 moved · 1 split`.
    pub(crate) fn units_line(&self) -> String {
        self.units
            .iter()
            .map(|(op, n)| format!("{n} {}", op.name()))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// What a report calls a document: its title, else its file name.
pub(crate) fn document_name(side: &Side) -> String {
    side.info.meta.title.clone().unwrap_or_else(|| {
        let path = &side.info.path;
        path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
    })
}

/// The kind of a passage as reports name it.
pub(crate) fn passage_kind(p: &Passage) -> &'static str {
    match (p.exact, p.stock) {
        (_, true) => "stock",
        (true, false) => "exact",
        (false, false) => "bridged",
    }
}

/// Each passage's (left, right) span as people read it: cut to word or
/// clause boundaries where that gives up at most [`SNAP_LOSS`] characters
/// at an end (`⟦年。一年来…⟧` reads `年。⟦一年来…⟧`); the JSON and CSV keep
/// the exact spans. Waits for the word splitter when the report has one.
pub(crate) fn shown_spans(report: &PairReport) -> Vec<(Span, Span)> {
    let passages = &report.comparison.passages;
    let Some(words) = report.words.filter(|w| w.wait()) else {
        return passages.iter().map(|p| (p.left, p.right)).collect();
    };
    passages
        .iter()
        .map(|p| {
            (
                words.snap(report.left.doc.chars(), p.left, SNAP_LOSS),
                words.snap(report.right.doc.chars(), p.right, SNAP_LOSS),
            )
        })
        .collect()
}

/// The most characters a passage end gives up to start or end on a word.
pub(crate) const SNAP_LOSS: usize = 2;

/// Indices of the `n` longest specific passages (not stock),
/// longest first; ties in the left document's order.
pub(crate) fn top_passages(report: &PairReport, n: usize) -> Vec<usize> {
    let passages = &report.comparison.passages;
    let mut order: Vec<usize> = (0..passages.len())
        .filter(|&k| !passages[k].stock)
        .collect();
    order.sort_by_key(|&k| (std::cmp::Reverse(passages[k].chars), passages[k].left.0));
    order.truncate(n);
    order
}

/// `¶7` for a whole paragraph, `¶7.2` for its second sentence group, for
/// every segment of `side`.
pub(crate) fn paragraph_labels(side: &Side) -> Vec<String> {
    let segs = side.doc.segments();
    segs.iter()
        .enumerate()
        .map(|(i, s)| {
            let same = |j: usize| segs.get(j).is_some_and(|t| t.paragraph == s.paragraph);
            let first = (0..i).rev().take_while(|&j| same(j)).count();
            if first > 0 || same(i + 1) {
                format!("¶{}.{}", s.paragraph + 1, first + 1)
            } else {
                format!("¶{}", s.paragraph + 1)
            }
        })
        .collect()
}

/// The labels of `segments`, joined with commas.
pub(crate) fn join_labels(labels: &[String], segments: &[usize]) -> String {
    segments
        .iter()
        .filter_map(|&s| labels.get(s).map(String::as_str))
        .collect::<Vec<_>>()
        .join(",")
}

/// The 1-based paragraph that holds char offset `at` on `side` (0 when none
/// does).
pub(crate) fn paragraph_at(side: &Side, at: u32) -> u32 {
    let segs = side.doc.segments();
    let k = segs.partition_point(|s| s.end <= at);
    segs.get(k).map_or(0, |s| s.paragraph + 1)
}

/// A change's text without the punctuation at its ends, `∅` when nothing
/// is left (an insertion or a deletion).
pub(crate) fn change_text(s: &str) -> &str {
    let t = s.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '%' | '％' | '‰')));
    if t.is_empty() {
        "∅"
    } else {
        t
    }
}

/// A share as a percentage with one decimal: `53.9%`.
pub(crate) fn percent(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::app::pair::{DocInfo, PairSession};
    use taohua_core::compare::CompareOptions;

    fn session() -> PairSession {
        let a = "标题\n全市新建院士专家工作站十二家，帮助企业攻克关键技术难题。\n要增强“四个意识”、坚定“四个自信”、做到“两个维护”。\n";
        let b = "标题二\n全市新建院士专家工作站十二家，帮助企业攻克关键技术难题。\n要增强“四个意识”、坚定“四个自信”、做到“两个维护”。\n";
        PairSession::new(
            (DocInfo::read("a.txt", a), a),
            (DocInfo::read("b.txt", b), b),
            CompareOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn stock_and_specific_add_up_to_reused() {
        let s = session();
        let sum = PairSummary::new(&s.report());
        for side in [sum.left, sum.right] {
            assert!(side.stock > 0.0, "{side:?}");
            assert!(side.specific > 0.0, "{side:?}");
            assert!((side.stock + side.specific - side.reused).abs() < 1e-12);
        }
        assert_eq!(sum.passages, sum.exact + sum.bridged);
        assert_eq!(sum.stock_passages, 1);
    }

    #[test]
    fn top_passages_leave_stock_out_and_put_the_longest_first() {
        let s = session();
        let report = s.report();
        let top = top_passages(&report, 10);
        assert_eq!(top.len(), 1);
        let p = &report.comparison.passages[top[0]];
        assert!(!p.stock);
        assert_eq!(paragraph_at(&report.left, p.left.0), 2);
    }

    #[test]
    fn change_texts_lose_their_punctuation() {
        assert_eq!(change_text("，8.5%；"), "8.5%");
        assert_eq!(change_text("，"), "∅");
    }
}
