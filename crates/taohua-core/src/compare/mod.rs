//! Comparing two documents: the pure core's top level.
//!
//! [`prepare`] turns a document's text into everything the comparison needs
//! (normalised keys, segments, slogan mask); [`compare`] finds the shared
//! passages, aligns the segments and lists the changes inside each aligned
//! unit, the strings consistently replaced ([`substitutions`]), and returns
//! plain data with every span in char offsets of the original texts;
//! [`leftovers`](fn@leftovers) then flags the names a re-issued copy left
//! behind. No files, terminals or clocks here.

pub mod align;
pub(crate) mod changes;
pub mod leftovers;
pub mod passages;
pub mod similarity;
pub mod substitutions;

use crate::commonness::{judge, Filter, Reference, Scope, StockRule, Verdict};
use crate::text::normalize::{normalize, NormOptions, Normalized};
use crate::text::segment::{segment, Segment};
use crate::text::slogans::Slogans;
use crate::text::Chars;
use std::sync::Arc;

pub use crate::text::TextTooLong;
pub use align::Op;
pub use changes::Change;
pub use leftovers::{leftovers, Leftover, Leftovers};
pub use passages::PassageOptions;
pub use substitutions::Substitution;

use similarity::{char_similarity, GramProfile};

/// A span `[start, end)` in char offsets of a document's text.
pub type Span = (u32, u32);

/// Options for a comparison.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// How text is folded for matching.
    pub norm: NormOptions,
    /// The passage finder's tunables (including the minimum length).
    pub passages: PassageOptions,
    /// Stock formulations told apart from distinctive reuse.
    pub slogans: Slogans,
    /// A passage is a slogan when at least this share of its countable
    /// characters lie inside slogan occurrences.
    pub slogan_share: f64,
    /// What stock language is measured against.
    pub stock: StockOptions,
}

/// What stock language is measured against: a reference collection, the
/// documents of it that count, and the rule.
#[derive(Debug, Clone, Default)]
pub struct StockOptions {
    /// The reference; without one, only the slogan list marks stock.
    pub reference: Option<Arc<dyn Reference>>,
    /// Which of its documents count (see [`crate::commonness::around`]).
    pub filter: Filter,
    /// When a passage is stock.
    pub rule: StockRule,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            norm: NormOptions::default(),
            passages: PassageOptions::default(),
            slogans: Slogans::builtin(),
            slogan_share: 0.7,
            stock: StockOptions::default(),
        }
    }
}

/// A document made ready for comparison. Its parts are built together by
/// [`prepare`] and stay in step: one key span per key, one key range per
/// segment, one slogan flag per key.
#[derive(Debug, Clone)]
pub struct Prepared {
    chars: Chars,
    norm: Normalized,
    segments: Vec<Segment>,
    segment_keys: Vec<(usize, usize)>,
    slogan_mask: Vec<bool>,
}

impl Prepared {
    /// The text as chars: every span indexes into this.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Matching keys with their original spans.
    pub fn norm(&self) -> &Normalized {
        &self.norm
    }

    /// Paragraphs or sentence groups, in reading order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// For each segment, its key range `[from, to)`.
    pub fn segment_keys(&self) -> &[(usize, usize)] {
        &self.segment_keys
    }

    /// For each key, whether it lies inside a slogan.
    pub fn slogan_mask(&self) -> &[bool] {
        &self.slogan_mask
    }

    /// Number of countable characters (letters, digits, Han).
    pub fn countable(&self) -> usize {
        self.norm.countable_in(0, self.norm.len())
    }

    /// The text of a char span.
    pub fn text(&self, (start, end): Span) -> String {
        let end = (end as usize).min(self.chars.len());
        let start = (start as usize).min(end);
        self.chars[start..end].iter().collect()
    }

    /// The char offset where `query` first occurs, compared as passages are
    /// (after normalisation), if it does.
    pub fn find(&self, query: &str, opts: &NormOptions) -> Option<u32> {
        let keys = crate::text::normalize::keys_of(query, opts).ok()?;
        let at = self.norm.seq().find(&keys)?;
        Some(self.norm.char_span(at, at + 1).0)
    }
}

/// Normalise and segment `text`; refused when it is longer than
/// [`crate::text::MAX_CHARS`].
pub fn prepare(text: &str, opts: &CompareOptions) -> Result<Prepared, TextTooLong> {
    let chars = Chars::new(text)?;
    let norm = normalize(&chars, &opts.norm);
    let segments = segment(&chars);
    let segment_keys = segments
        .iter()
        .map(|s| norm.key_range(s.start, s.end))
        .collect();
    let slogan_mask = opts.slogans.mask(norm.seq());
    Ok(Prepared {
        chars,
        norm,
        segments,
        segment_keys,
        slogan_mask,
    })
}

/// A shared passage, in char offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Span in the left document.
    pub left: Span,
    /// Span in the right document.
    pub right: Span,
    /// Countable characters matched exactly (left side).
    pub chars: usize,
    /// True when the passage is one exact run; false when edits were bridged.
    pub exact: bool,
    /// True when the passage is mostly a slogan of the slogan list.
    pub slogan: bool,
    /// The share of the reference documents that carry (nearly) all of it;
    /// `None` without a reference.
    pub commonness: Option<f64>,
    /// True for stock language: common in the reference (see
    /// [`crate::commonness::judge`]), or mostly a slogan of the list.
    pub stock: bool,
    /// The exact runs inside the passage as (left span, right span); between
    /// them lie the bridged edits.
    pub runs: Vec<(Span, Span)>,
}

/// One aligned unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// What kind of unit it is.
    pub op: Op,
    /// Left segment indices.
    pub left: Vec<usize>,
    /// Right segment indices.
    pub right: Vec<usize>,
    /// Character similarity of the two sides, in [0, 1].
    pub similarity: f64,
    /// Units that are pieces of one split or merge whose pieces went apart
    /// (one in order, the others `moved`) share a group number; `None` for
    /// every other unit.
    pub group: Option<u32>,
    /// What changed between the two sides, in reading order (empty for a
    /// one-sided or identical unit).
    pub changes: Vec<Change>,
    /// True when the sides differ too much for a change list to help: the
    /// text was rewritten rather than edited (`changes` is then empty).
    pub rewritten: bool,
}

/// How much of each document lies inside shared passages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reuse {
    /// Countable characters in the document.
    pub countable: usize,
    /// Countable characters inside passages.
    pub reused: usize,
    /// Countable characters inside passages and outside slogans.
    pub distinctive: usize,
    /// Countable characters inside stock passages (a part of `reused`).
    pub stock: usize,
}

impl Reuse {
    /// `reused / countable` (0 for an empty document).
    pub fn ratio(&self) -> f64 {
        ratio(self.reused, self.countable)
    }

    /// `distinctive / countable`: the copy ratio with slogans left out.
    pub fn distinctive_ratio(&self) -> f64 {
        ratio(self.distinctive, self.countable)
    }

    /// `stock / countable`: the part of the copy ratio that is stock.
    pub fn stock_ratio(&self) -> f64 {
        ratio(self.stock, self.countable)
    }

    /// `(reused − stock) / countable`: reuse specific to these documents.
    pub fn specific_ratio(&self) -> f64 {
        ratio(self.reused - self.stock.min(self.reused), self.countable)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The result of comparing two documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Aligned units in the left document's reading order.
    pub units: Vec<Unit>,
    /// Shared passages in the left document's reading order.
    pub passages: Vec<Passage>,
    /// Reuse of the left document.
    pub left: Reuse,
    /// Reuse of the right document.
    pub right: Reuse,
    /// Strings consistently replaced inside reused text, most frequent
    /// first (see [`substitutions`]).
    pub substitutions: Vec<Substitution>,
    /// The reference stock language was measured against, if any.
    pub reference: Option<ReferenceUse>,
}

/// The reference a comparison measured commonness against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceUse {
    /// Its name.
    pub name: String,
    /// How many of its documents counted (after the filter).
    pub documents: usize,
}

/// Compare two prepared documents: passages, aligned units with their
/// change lists, then the substitutions those lists hold; passages that
/// differ only by substitutions are joined before the copy ratios are
/// counted.
pub fn compare(left: &Prepared, right: &Prepared, opts: &CompareOptions) -> Comparison {
    let found = passages::find_passages(left.norm.seq(), right.norm.seq(), &opts.passages);
    let scope = opts
        .stock
        .reference
        .as_deref()
        .map(|r| Scope::new(r, &opts.stock.filter));

    let lp = profiles(left);
    let rp = profiles(right);
    // The exact runs of passages that are not slogans, as link evidence
    // beside the grams.
    let runs: Vec<align::SharedRun> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| !is_slogan(left, f.left, opts.slogan_share))
        .flat_map(|(k, f)| {
            f.runs.iter().map(move |r| align::SharedRun {
                left: r.a as usize,
                right: r.b as usize,
                len: r.len as usize,
                passage: k,
            })
        })
        .collect();
    let texts = align::Texts {
        left: side_text(left),
        right: side_text(right),
        runs: &runs,
    };
    let units: Vec<Unit> = align::align_with(&lp, &rp, Some(&texts))
        .into_iter()
        .map(|link| unit(left, right, link, &found))
        .collect();
    let substitutions = substitutions::substitutions(left, right, &units);
    let found = substitutions::join_passages(left, right, found, &substitutions);

    let passages: Vec<Passage> = found
        .iter()
        .map(|p| {
            let (slogan, verdict) = judge_passage(left, p.left, scope.as_ref(), opts);
            let mut chars = 0;
            let runs: Vec<(Span, Span)> = p
                .runs
                .iter()
                .filter_map(|r| {
                    let (a, b, n) =
                        whole_chars(left, right, r.a as usize, r.b as usize, r.len as usize)?;
                    chars += left.norm.countable_in(a, a + n);
                    Some((
                        left.norm.char_span(a, a + n),
                        right.norm.char_span(b, b + n),
                    ))
                })
                .collect();
            let span =
                |first: Option<&(Span, Span)>, last: Option<&(Span, Span)>| match (first, last) {
                    (Some(f), Some(l)) => ((f.0 .0, l.0 .1), (f.1 .0, l.1 .1)),
                    _ => (
                        left.norm.char_span(p.left.0, p.left.1),
                        right.norm.char_span(p.right.0, p.right.1),
                    ),
                };
            let (l, r) = span(runs.first(), runs.last());
            let runs = if runs.is_empty() {
                chars = p.matched;
                vec![(l, r)]
            } else {
                runs
            };
            Passage {
                left: l,
                right: r,
                chars,
                exact: runs.len() == 1,
                slogan,
                commonness: verdict.map(|v| v.commonness),
                stock: slogan || verdict.is_some_and(|v| v.stock),
                runs,
            }
        })
        .collect();
    let left_reuse = reuse(
        left,
        found.iter().zip(&passages).map(|(f, p)| (f.left, p.stock)),
    );
    let right_reuse = reuse(
        right,
        found.iter().zip(&passages).map(|(f, p)| (f.right, p.stock)),
    );
    Comparison {
        units,
        passages,
        left: left_reuse,
        right: right_reuse,
        substitutions,
        reference: scope.map(|s| ReferenceUse {
            name: s.name(),
            documents: s.documents(),
        }),
    }
}

fn side_text(doc: &Prepared) -> align::SideText<'_> {
    align::SideText {
        keys: doc.norm.keys(),
        slogan: &doc.slogan_mask,
        segments: &doc.segment_keys,
    }
}

/// A run of `n` keys at `a` (left) and `b` (right) shrunk to whole
/// characters on both sides: a character that folds to several keys (㍱ →
/// hpa) is in a run only when all its keys are. `None` when nothing is left.
fn whole_chars(
    left: &Prepared,
    right: &Prepared,
    mut a: usize,
    mut b: usize,
    mut n: usize,
) -> Option<(usize, usize, usize)> {
    // True when a cut before key `k` of `doc` falls between characters.
    let cut = |doc: &Prepared, k: usize| {
        let spans = doc.norm.spans();
        k == 0 || k >= spans.len() || spans[k - 1] != spans[k]
    };
    while n > 0 && !(cut(left, a) && cut(right, b)) {
        a += 1;
        b += 1;
        n -= 1;
    }
    while n > 0 && !(cut(left, a + n) && cut(right, b + n)) {
        n -= 1;
    }
    (n > 0).then_some((a, b, n))
}

/// Whether the passage at keys `range` of `doc` is mostly a slogan of the
/// list, and what the reference (seen through `scope`) says of it under
/// `opts.stock.rule`. A passage is stock when either says so.
pub fn judge_passage(
    doc: &Prepared,
    range: (usize, usize),
    scope: Option<&Scope>,
    opts: &CompareOptions,
) -> (bool, Option<Verdict>) {
    let slogan = is_slogan(doc, range, opts.slogan_share);
    let verdict = scope.and_then(|scope| {
        judge(
            &doc.norm.seq().slice(range.0, range.1),
            scope,
            &opts.stock.rule,
        )
    });
    (slogan, verdict)
}

fn is_slogan(doc: &Prepared, (from, to): (usize, usize), share: f64) -> bool {
    let (mut inside, mut all) = (0usize, 0usize);
    for k in from..to {
        if doc.norm.countable()[k] {
            all += 1;
            inside += usize::from(doc.slogan_mask[k]);
        }
    }
    all > 0 && inside as f64 >= share * all as f64
}

/// Reuse of `doc` from passage key ranges, each with whether it is stock.
fn reuse(doc: &Prepared, ranges: impl Iterator<Item = ((usize, usize), bool)>) -> Reuse {
    // 0: not covered, 1: in a specific passage, 2: in a stock one only.
    let mut covered = vec![0u8; doc.norm.len()];
    for ((from, to), stock) in ranges {
        let mark = if stock { 2 } else { 1 };
        covered[from..to]
            .iter_mut()
            .for_each(|c| *c = if *c == 0 { mark } else { (*c).min(mark) });
    }
    let mut r = Reuse::default();
    for (k, &cov) in covered.iter().enumerate() {
        if doc.norm.countable()[k] {
            r.countable += 1;
            if cov > 0 {
                r.reused += 1;
                r.distinctive += usize::from(!doc.slogan_mask[k]);
                r.stock += usize::from(cov == 2);
            }
        }
    }
    r
}

fn profiles(doc: &Prepared) -> Vec<GramProfile> {
    doc.segment_keys
        .iter()
        .zip(&doc.segments)
        .map(|(&(from, to), seg)| {
            let p = GramProfile::new(&doc.norm.keys()[from..to], &doc.slogan_mask[from..to]);
            if !p.is_empty() {
                p
            } else if from < to {
                GramProfile::whole(&doc.norm.keys()[from..to])
            } else {
                GramProfile::whole(&doc.chars[seg.start as usize..seg.end as usize])
            }
        })
        .collect()
}

/// An aligned unit with its similarity (a `match` below
/// [`align::RELATED_SIMILARITY`] is only `related`) and its change list
/// (anchored on the exact runs of the passages `found`).
fn unit(
    left: &Prepared,
    right: &Prepared,
    link: align::Link,
    found: &[passages::KeyPassage],
) -> Unit {
    let mut unit = Unit {
        op: link.op,
        left: link.left,
        right: link.right,
        similarity: 0.0,
        group: link.group,
        changes: Vec::new(),
        rewritten: false,
    };
    if unit.left.is_empty() || unit.right.is_empty() {
        return unit;
    }
    let a = changes::UnitKeys::new(left, &unit.left);
    let b = changes::UnitKeys::new(right, &unit.right);
    unit.similarity = char_similarity(&a.keys, &b.keys);
    // A 1:1 pair in order with little text in common is only related.
    if unit.op == Op::Match && unit.similarity < align::RELATED_SIMILARITY {
        unit.op = Op::Related;
    }
    match changes::changes((left, &a), (right, &b), unit.similarity, found) {
        Some(list) => unit.changes = list,
        None => unit.rewritten = true,
    }
    unit
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_are_fully_reused() {
        let text = "同志们：今天召开全市科协工作会议。\n一、坚持党对科协工作的全面领导\n坚持创新驱动发展，着力提升科技工作者的获得感和幸福感。\n";
        let opts = CompareOptions::default();
        let a = prepare(text, &opts).unwrap();
        let c = compare(&a, &a, &opts);
        assert_eq!(c.left.reused, c.left.countable);
        assert!((c.left.ratio() - 1.0).abs() < 1e-9);
        assert_eq!(c.units.len(), 3);
        assert!(c
            .units
            .iter()
            .all(|u| u.op == Op::Match && (u.similarity - 1.0).abs() < 1e-9));
    }

    #[test]
    fn passage_spans_are_char_offsets_of_the_original() {
        let opts = CompareOptions::default();
        let a = prepare(
            "前言。\n面向青少年、农民、城镇劳动者、领导干部和公务员开展科普。",
            &opts,
        )
        .unwrap();
        let b = prepare("重点人群是青少年,农民,城镇劳动者,领导干部和公务员。", &opts).unwrap();
        let c = compare(&a, &b, &opts);
        assert_eq!(c.passages.len(), 1);
        let p = &c.passages[0];
        assert_eq!(a.text(p.left), "青少年、农民、城镇劳动者、领导干部和公务员");
        assert_eq!(b.text(p.right), "青少年,农民,城镇劳动者,领导干部和公务员");
        assert_eq!(p.chars, 18);
        assert!(!p.slogan);
    }

    #[test]
    fn slogan_passages_are_flagged_and_left_out_of_distinctive_reuse() {
        let opts = CompareOptions::default();
        let a = prepare(
            "全市上下要增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
            &opts,
        )
        .unwrap();
        let b = prepare(
            "我们必须增强\"四个意识\",坚定\"四个自信\",做到\"两个维护\"。",
            &opts,
        )
        .unwrap();
        let c = compare(&a, &b, &opts);
        assert_eq!(c.passages.len(), 1);
        assert!(c.passages[0].slogan);
        assert!(c.left.reused >= 18);
        assert_eq!(c.left.distinctive, 0);
    }
}
