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
//! Cost: Myers takes about (|a| + |b|) · D steps for D edits, and D is known
//! before diffing from the unit's LCS similarity (D = (|a| + |b|) · (1 − s)).
//! A unit whose diff would cost more than [`DIFF_BUDGET`] steps is reported as
//! rewritten instead of diffed: no wall clock in the core.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::{Prepared, Span};
use crate::text::normalize::{is_figure_key, Key};

/// The most Myers steps spent on one unit's change list.
pub(crate) const DIFF_BUDGET: usize = 1 << 22;

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
/// similarity `similarity`: `None` when diffing would cost more than
/// [`DIFF_BUDGET`] (the unit was rewritten rather than edited).
pub(super) fn changes(
    (left, a): (&Prepared, &UnitKeys),
    (right, b): (&Prepared, &UnitKeys),
    similarity: f64,
) -> Option<Vec<Change>> {
    let total = a.keys.len() + b.keys.len();
    let edits = (total as f64 * (1.0 - similarity)).ceil() as usize;
    if total.saturating_mul(edits.max(1)) > DIFF_BUDGET {
        return None;
    }
    let (ta, tb) = (Tokens::new(&a.keys), Tokens::new(&b.keys));
    // Edits as key ranges (old start, old end, new start, new end), adjacent
    // edits joined.
    let mut edits: Vec<(usize, usize, usize, usize)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ta.ids, &tb.ids) {
        if matches!(op, DiffOp::Equal { .. }) {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        let (os, oe) = ta.keys(o.start, o.end);
        let (ns, ne) = tb.keys(n.start, n.end);
        match edits.last_mut() {
            Some(g) if g.1 == os && g.3 == ns => {
                g.1 = oe;
                g.3 = ne;
            }
            _ => edits.push((os, oe, ns, ne)),
        }
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
        assert!(super::changes((&pa, &keys_a), (&pb, &keys_b), 0.01).is_none());
        assert!(super::changes((&pa, &keys_a), (&pb, &keys_b), 0.999).is_some());
    }
}
