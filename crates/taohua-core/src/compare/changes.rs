//! The changes inside an aligned unit: which stretches of the left text
//! became which stretches of the right text (`8.5% → 9.2%`, `王伟中 → 孟凡利`).
//!
//! One list, computed here, is what the text report's `Δ` line, the pair
//! view's marks and the JSON's `changes` show, so they can never disagree.
//!
//! The diff runs over the normalised keys of the unit (Myers, from
//! `similar`), so a change of punctuation, white space, width or script is no
//! change. A figure ([`is_figure_key`]: digits with their point and `%`) is
//! one token, so a changed figure is one change, `1.2 → 1.5` and never
//! `2 → 5`, and the diff never lines up a digit of one figure with a digit of
//! another (`1月20日 → 2月5日` is two changes around an unchanged `月`).
//! Edits with no countable character on either side are left out. Every
//! change is mapped back to char spans of the two texts.
//!
//! A unit whose sides share less than half their text ([`REWRITTEN_BELOW`])
//! was rewritten rather than edited: a list of its edits would be two texts
//! cut into fragments, so it is reported as rewritten instead.
//!
//! Anchors first: the exact runs of the shared passages that lie inside the
//! unit (the heaviest chain of them in order on both sides) are equal text
//! already found, so only the gaps between them are diffed. Gaps are short,
//! and the anchors are long, genuine matches, never a stray character that
//! happens to recur.
//!
//! Cost: Myers takes about (|a| + |b|) · D steps for D edits, and D is known
//! before diffing from the unit's LCS similarity (D = (|a| + |b|) · (1 − s)),
//! so the cost of the whole unit bounds the cost of its gaps. Rewritten units
//! were nearly all of it (on the real 广东省 2025 → 2026 pair, 5.9 of 6.1
//! million steps); a unit whose diff could cost more than [`DIFF_BUDGET`]
//! steps is reported as rewritten too. No wall clock in the core.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::passages::KeyPassage;
use super::{Prepared, Span};
use crate::text::normalize::{is_figure_key, Key};

/// The most Myers steps spent on one unit's change list.
pub(crate) const DIFF_BUDGET: usize = 1 << 22;

/// Below this similarity a unit is rewritten, not edited: no change list.
/// The same line as a `match` that is only `related`.
pub(crate) const REWRITTEN_BELOW: f64 = super::align::RELATED_SIMILARITY;

/// One change: the left text `left` became the right text `right`. Either
/// span may be empty (a deletion, an insertion); it then marks where the
/// text would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Char span in the left document.
    pub left: Span,
    /// Char span in the right document.
    pub right: Span,
}

/// The keys of one side of a unit, concatenated, with the document key index
/// of each.
pub(super) struct UnitKeys {
    pub(super) keys: Vec<Key>,
    index: Vec<usize>,
}

impl UnitKeys {
    /// The keys of segments `segs` of `doc`, in order.
    pub(super) fn new(doc: &Prepared, segs: &[usize]) -> UnitKeys {
        let mut keys = Vec::new();
        let mut index = Vec::new();
        for &s in segs {
            let Some(&(from, to)) = doc.segment_keys.get(s) else {
                continue;
            };
            keys.extend_from_slice(&doc.norm.keys()[from..to]);
            index.extend(from..to);
        }
        UnitKeys { keys, index }
    }

    /// The position of document key `k` in the concatenation, if the unit
    /// holds it.
    fn position(&self, k: usize) -> Option<usize> {
        self.index.binary_search(&k).ok()
    }

    /// The char span of concatenated keys `[from, to)`; an empty range is an
    /// empty span just after the key before it.
    fn span(&self, doc: &Prepared, from: usize, to: usize) -> Span {
        if from < to {
            let (a, b) = (self.index[from], self.index[to - 1]);
            return (
                doc.norm.char_span(a, a + 1).0,
                doc.norm.char_span(b, b + 1).1,
            );
        }
        let at = match from.checked_sub(1).and_then(|p| self.index.get(p)) {
            Some(&k) => doc.norm.char_span(k, k + 1).1,
            None => self
                .index
                .first()
                .map_or(0, |&k| doc.norm.char_span(k, k + 1).0),
        };
        (at, at)
    }
}

/// The change list of a unit whose sides have keys `a` and `b` and LCS
/// similarity `similarity`, anchored on the exact runs of `passages`:
/// `None` when the unit was rewritten rather than edited (similarity below
/// [`REWRITTEN_BELOW`], or a diff that could cost more than [`DIFF_BUDGET`]).
pub(super) fn changes(
    (left, a): (&Prepared, &UnitKeys),
    (right, b): (&Prepared, &UnitKeys),
    similarity: f64,
    passages: &[KeyPassage],
) -> Option<Vec<Change>> {
    if similarity < REWRITTEN_BELOW {
        return None;
    }
    let total = a.keys.len() + b.keys.len();
    let edits = (total as f64 * (1.0 - similarity)).ceil() as usize;
    if total.saturating_mul(edits.max(1)) > DIFF_BUDGET {
        return None;
    }
    // Edits as key ranges (old start, old end, new start, new end), adjacent
    // edits joined, gap by gap between the anchors.
    let mut edits: Vec<(usize, usize, usize, usize)> = Vec::new();
    let (mut at_a, mut at_b) = (0, 0);
    let anchors = anchors(a, b, passages);
    let ends = anchors
        .iter()
        .copied()
        .chain([(a.keys.len(), b.keys.len(), 0)]);
    for (sa, sb, len) in ends {
        diff_gap(&a.keys, &b.keys, (at_a, sa), (at_b, sb), &mut edits);
        (at_a, at_b) = (sa + len, sb + len);
    }
    let counts = |doc: &Prepared, keys: &UnitKeys, from: usize, to: usize| {
        keys.index[from..to]
            .iter()
            .any(|&k| doc.norm.countable()[k])
    };
    Some(
        edits
            .into_iter()
            .filter(|&(os, oe, ns, ne)| counts(left, a, os, oe) || counts(right, b, ns, ne))
            .map(|(os, oe, ns, ne)| Change {
                left: a.span(left, os, oe),
                right: b.span(right, ns, ne),
            })
            .collect(),
    )
}

/// The exact runs of `passages` inside the unit, as (position in `a`,
/// position in `b`, length): the heaviest chain of them increasing on both
/// sides.
fn anchors(a: &UnitKeys, b: &UnitKeys, passages: &[KeyPassage]) -> Vec<(usize, usize, usize)> {
    let (Some(&first), Some(&last)) = (a.index.first(), a.index.last()) else {
        return Vec::new();
    };
    let inside = |keys: &UnitKeys, start: usize, len: usize| {
        let from = keys.position(start)?;
        let to = keys.position(start + len - 1)?;
        (to - from == len - 1).then_some(from)
    };
    // Passages come in left reading order and never overlap.
    let from = passages.partition_point(|p| p.left.1 <= first);
    let to = passages.partition_point(|p| p.left.0 <= last).max(from);
    let mut runs: Vec<(usize, usize, usize)> = passages[from..to]
        .iter()
        .flat_map(|p| &p.runs)
        .filter(|r| r.len > 0)
        .filter_map(|r| {
            let len = r.len as usize;
            Some((
                inside(a, r.a as usize, len)?,
                inside(b, r.b as usize, len)?,
                len,
            ))
        })
        .collect();
    runs.sort_unstable();
    // The heaviest chain: a unit holds few runs, so a quadratic pass is cheap.
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(runs.len());
    for (i, &(ra, rb, len)) in runs.iter().enumerate() {
        let prev = (0..i)
            .filter(|&j| runs[j].0 + runs[j].2 <= ra && runs[j].1 + runs[j].2 <= rb)
            .max_by_key(|&j| best[j].0);
        best.push((len + prev.map_or(0, |j| best[j].0), prev));
    }
    let mut chain = Vec::new();
    let mut at = (0..runs.len()).max_by_key(|&i| best[i].0);
    while let Some(i) = at {
        chain.push(runs[i]);
        at = best[i].1;
    }
    chain.reverse();
    chain
}

/// Diff keys `a[from_a..to_a]` against `b[from_b..to_b]`, appending the
/// edits (as key ranges of the whole unit) to `edits`.
fn diff_gap(
    a: &[Key],
    b: &[Key],
    (from_a, to_a): (usize, usize),
    (from_b, to_b): (usize, usize),
    edits: &mut Vec<(usize, usize, usize, usize)>,
) {
    for (os, oe, ns, ne) in token_edits(&a[from_a..to_a], &b[from_b..to_b]) {
        let edit = (os + from_a, oe + from_a, ns + from_b, ne + from_b);
        match edits.last_mut() {
            Some(g) if g.1 == edit.0 && g.3 == edit.2 => {
                g.1 = edit.1;
                g.3 = edit.3;
            }
            _ => edits.push(edit),
        }
    }
}

/// The edits that turn keys `a` into keys `b`, as key ranges (a start, a
/// end, b start, b end), adjacent edits joined, in order: what a change list
/// shows, and what a template's slots are (`corpus::templates` diffs its
/// instances with this, so a figure that changed is one slot value there as
/// it is one change here). The shared ends are trimmed first; a run of
/// figure keys is one token ([`is_figure_key`]), so a figure is never cut.
/// Myers, from `similar`: about (|a| + |b|) · D steps for D edits.
pub(crate) fn token_edits(a: &[Key], b: &[Key]) -> Vec<(usize, usize, usize, usize)> {
    let mut edits: Vec<(usize, usize, usize, usize)> = Vec::new();
    // Trim what the ends share; one empty side is one edit, no diff.
    let (mut from_a, mut from_b, mut to_a, mut to_b) = (0, 0, a.len(), b.len());
    while from_a < to_a && from_b < to_b && a[from_a] == b[from_b] && !is_figure_key(a[from_a]) {
        from_a += 1;
        from_b += 1;
    }
    while from_a < to_a
        && from_b < to_b
        && a[to_a - 1] == b[to_b - 1]
        && !is_figure_key(a[to_a - 1])
    {
        to_a -= 1;
        to_b -= 1;
    }
    if from_a >= to_a && from_b >= to_b {
        return edits;
    }
    if from_a >= to_a || from_b >= to_b {
        edits.push((from_a, to_a, from_b, to_b));
        return edits;
    }
    let (ta, tb) = (Tokens::new(&a[from_a..to_a]), Tokens::new(&b[from_b..to_b]));
    for op in capture_diff_slices(Algorithm::Myers, &ta.ids, &tb.ids) {
        if matches!(op, DiffOp::Equal { .. }) {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        let (os, oe) = ta.keys(o.start, o.end);
        let (ns, ne) = tb.keys(n.start, n.end);
        let edit = (os + from_a, oe + from_a, ns + from_b, ne + from_b);
        match edits.last_mut() {
            Some(g) if g.1 == edit.0 && g.3 == edit.2 => {
                g.1 = edit.1;
                g.3 = edit.3;
            }
            _ => edits.push(edit),
        }
    }
    edits
}

/// A unit side's keys as diff tokens: each key alone, except that a run of
/// figure keys is one token.
struct Tokens {
    /// Token ids: a key's own value, or a figure's hash above every key.
    ids: Vec<u64>,
    /// Key index where each token starts, and the number of keys at the end.
    starts: Vec<usize>,
}

impl Tokens {
    fn new(keys: &[Key]) -> Tokens {
        let mut ids = Vec::with_capacity(keys.len());
        let mut starts = Vec::with_capacity(keys.len() + 1);
        let mut i = 0;
        while i < keys.len() {
            starts.push(i);
            if is_figure_key(keys[i]) {
                let end = i + keys[i..].iter().take_while(|&&k| is_figure_key(k)).count();
                let hash = keys[i..end].iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &k| {
                    (h ^ u64::from(k)).wrapping_mul(0x100_0000_01b3)
                });
                ids.push(hash | 1 << 63);
                i = end;
            } else {
                ids.push(u64::from(keys[i]));
                i += 1;
            }
        }
        starts.push(keys.len());
        Tokens { ids, starts }
    }

    /// The key range of tokens `[from, to)`.
    fn keys(&self, from: usize, to: usize) -> (usize, usize) {
        (self.starts[from], self.starts[to])
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::compare::{compare, prepare, CompareOptions};

    /// The changes of the first unit of a one-paragraph pair, as texts.
    fn changed(a: &str, b: &str) -> Vec<(String, String)> {
        let opts = CompareOptions::default();
        let (pa, pb) = (prepare(a, &opts).unwrap(), prepare(b, &opts).unwrap());
        let c = compare(&pa, &pb, &opts);
        c.units[0]
            .changes
            .iter()
            .map(|ch| (pa.text(ch.left), pb.text(ch.right)))
            .collect()
    }

    #[test]
    fn changed_figures_are_whole() {
        let got = changed(
            "比上年增长8.5%，达到1.2亿元，新建科普教育基地十二个，2024年1月20日开幕。",
            "比上年增长9.2%,达到1.5亿元，新建科普教育基地十二个，2025年2月5日开幕。",
        );
        let want = [
            ("8.5%", "9.2%"),
            ("1.2", "1.5"),
            ("2024", "2025"),
            ("1", "2"),
            ("20", "5"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn punctuation_width_and_script_are_no_change() {
        assert!(changed("发展，改革，开放。", "发展,改革,开放").is_empty());
        assert!(changed("發展經濟和改革", "发展经济和改革").is_empty());
    }

    #[test]
    fn names_and_insertions_are_listed_with_their_place() {
        let got = changed(
            "省长王伟中同志作政府工作报告，全体代表审议通过。",
            "省长孟凡利同志作政府工作报告，全体代表认真审议通过。",
        );
        assert_eq!(
            got,
            vec![
                ("王伟中".to_string(), "孟凡利".to_string()),
                (String::new(), "认真".to_string())
            ]
        );
    }

    #[test]
    fn a_unit_too_costly_to_diff_is_rewritten() {
        let a: String = "甲乙丙丁戊己庚辛".repeat(400);
        let b: String = "子丑寅卯辰巳午未".repeat(400) + "甲乙丙丁戊己庚辛";
        let opts = CompareOptions::default();
        let (pa, pb) = (prepare(&a, &opts).unwrap(), prepare(&b, &opts).unwrap());
        let all = |p: &crate::compare::Prepared| (0..p.segments().len()).collect::<Vec<_>>();
        let keys_a = super::UnitKeys::new(&pa, &all(&pa));
        let keys_b = super::UnitKeys::new(&pb, &all(&pb));
        assert!(super::changes((&pa, &keys_a), (&pb, &keys_b), 0.6, &[]).is_none());
        assert!(super::changes((&pa, &keys_a), (&pb, &keys_b), 0.999, &[]).is_some());
    }

    #[test]
    fn a_unit_that_shares_less_than_half_is_rewritten() {
        let opts = CompareOptions::default();
        let (a, b) = (
            "坚持科技是第一生产力，推动基础研究和应用研究协同发展。",
            "坚持科技是第一生产力，全面落实乡村振兴战略和粮食安全责任制。",
        );
        let (pa, pb) = (prepare(a, &opts).unwrap(), prepare(b, &opts).unwrap());
        let c = compare(&pa, &pb, &opts);
        let u = c
            .units
            .iter()
            .find(|u| !u.left.is_empty() && !u.right.is_empty())
            .unwrap();
        assert!(u.similarity < super::REWRITTEN_BELOW);
        assert!(u.rewritten && u.changes.is_empty(), "{u:?}");
    }
}
