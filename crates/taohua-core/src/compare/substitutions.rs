//! Substitutions: strings one document consistently replaced by another
//! inside reused text (`京山市 → 钟祥市 ×14`, `2023 → 2024 ×3`), the evidence
//! of a copy re-issued under other names.
//!
//! The candidates are the aligned units' change lists (`changes`, the one
//! list of what became what), so this adds no diff of its own: every change
//! that replaces text on both sides (neither an insertion nor a deletion)
//! and holds at most `MAX_CHARS` (16) countable characters a side is an
//! occurrence. A change that joins several replacements is cut where both
//! sides have a list separator (`长沙、株洲 → 南昌、九江`) or where both are
//! the same number of place names (`安化县东坪镇 → 丰城市剑光街道`). A place
//! name the diff cut short is made whole again over the text the two sides
//! share (`京山 → 钟祥` before a shared `市` is `京山市 → 钟祥市`), when both
//! sides then name places of the division table ([`crate::places`]).
//!
//! Occurrences are grouped by their normalised text (so width and script
//! do not split a group). A group is a substitution when it occurs at least
//! twice, or, for a place or a person's name, once inside a long passage: a
//! stretch of its unit that differs only by such replacements and holds at
//! least `LONG_PASSAGE` (40) countable characters besides them (a county named
//! once in a re-issued plan; a figure or a word changed once is an edit,
//! which the change list shows, not a substitution). Each has a kind: `date` (a figure followed by
//! 年, 月, 日 or 号, or a year), `figure` (see
//! `text::normalize::is_figure_key`), `place` (a name of the
//! division table), `name` (two or three characters starting with a common
//! surname), else `other`.
//!
//! Cost: one pass over the change lists; the division table is asked only
//! about the few occurrences that survive the counting (a lookup costs about
//! a microsecond), so a pair with no repeated replacement pays nothing.

use std::collections::HashMap;

use super::{Prepared, Span, Unit};
use crate::places;
use crate::text::normalize::is_figure_key;

/// The longest side of a substitution, in countable characters.
pub(crate) const MAX_CHARS: usize = 16;

/// Countable characters, besides its replacements, of a stretch that makes
/// a single replacement in it a substitution.
pub(crate) const LONG_PASSAGE: usize = 40;

/// What kind of string was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A place of the division table.
    Place,
    /// A figure (digits, with their point and `%`).
    Figure,
    /// A figure that is a year, month or day.
    Date,
    /// A person's name.
    Name,
    /// Anything else.
    Other,
}

impl Kind {
    /// The kind's name in reports: `place`, `figure`, `date`, `name`, `other`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Place => "place",
            Kind::Figure => "figure",
            Kind::Date => "date",
            Kind::Name => "name",
            Kind::Other => "other",
        }
    }
}

/// A string consistently replaced by another.
#[derive(Debug, Clone, PartialEq)]
pub struct Substitution {
    /// The left text, as the left document first writes it.
    pub left: String,
    /// The right text, as the right document first writes it.
    pub right: String,
    /// What kind of string.
    pub kind: Kind,
    /// Where: (left span, right span) of each occurrence, in reading order.
    pub occurrences: Vec<(Span, Span)>,
}

impl Substitution {
    /// How many times the left string was replaced.
    pub fn count(&self) -> usize {
        self.occurrences.len()
    }
}

/// One replacement found in a change list.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    left: Span,
    right: Span,
    /// Inside a long stretch that differs only by replacements.
    long: bool,
}

/// The substitutions between two documents, most frequent first.
pub(super) fn substitutions(
    left: &Prepared,
    right: &Prepared,
    units: &[Unit],
) -> Vec<Substitution> {
    // Phase 1: every replacement, grouped by its normalised text.
    let mut raw: HashMap<(String, String), Vec<Occurrence>> = HashMap::new();
    for unit in units {
        if unit.left.is_empty() || unit.right.is_empty() || unit.changes.is_empty() {
            continue;
        }
        for occ in replacements(left, right, unit) {
            let key = (text_key(left, occ.left), text_key(right, occ.right));
            raw.entry(key).or_default().push(occ);
        }
    }
    // Phase 2: the groups that may count, cut into single names and made
    // whole, then grouped again.
    let mut groups: HashMap<(String, String), Vec<Occurrence>> = HashMap::new();
    for occs in raw.into_values() {
        if occs.len() < 2 && !occs.iter().any(|o| o.long) {
            continue;
        }
        for occ in occs {
            for piece in split_names(left, right, occ) {
                let piece = whole_place(left, right, piece);
                let key = (text_key(left, piece.left), text_key(right, piece.right));
                groups.entry(key).or_default().push(piece);
            }
        }
    }
    let mut out: Vec<Substitution> = groups
        .into_values()
        .filter_map(|mut occs| {
            occs.sort_by_key(|o| (o.left, o.right));
            occs.dedup_by_key(|o| o.left);
            let first = *occs.first()?;
            let kind = kind(left, right, first);
            let single = matches!(kind, Kind::Place | Kind::Name) && occs.iter().any(|o| o.long);
            (occs.len() >= 2 || single).then(|| Substitution {
                left: left.text(first.left),
                right: right.text(first.right),
                kind,
                occurrences: occs.iter().map(|o| (o.left, o.right)).collect(),
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.count()
            .cmp(&x.count())
            .then(x.occurrences.first().cmp(&y.occurrences.first()))
    });
    out
}

/// The normalised keys of a span, as a string (the grouping key).
fn text_key(doc: &Prepared, (s, e): Span) -> String {
    let (from, to) = doc.norm.key_range(s, e);
    doc.norm.key_string(from, to)
}

/// The keys of a unit's side, as ranges of the document's keys.
fn key_ranges(doc: &Prepared, segs: &[usize]) -> Vec<(usize, usize)> {
    segs.iter()
        .filter_map(|&s| doc.segment_keys.get(s).copied())
        .collect()
}

/// Countable keys of `[from, to)` that lie in `ranges`.
fn countable_within(
    doc: &Prepared,
    ranges: &[(usize, usize)],
    (from, to): (usize, usize),
) -> usize {
    ranges
        .iter()
        .map(|&(a, b)| doc.norm.countable_in(a.max(from), b.min(to)))
        .sum()
}

/// The replacements among a unit's changes, each marked long when it lies
/// in a stretch of the unit (between insertions, deletions, long changes or
/// the unit's ends) that holds at least `LONG_PASSAGE` (40) countable
/// characters besides its replacements.
fn replacements(left: &Prepared, right: &Prepared, unit: &Unit) -> Vec<Occurrence> {
    let ranges = key_ranges(left, &unit.left);
    let (Some(&(unit_start, _)), Some(&(_, unit_end))) = (ranges.first(), ranges.last()) else {
        return Vec::new();
    };
    let mut out: Vec<Occurrence> = Vec::new();
    // The stretch being read: where it starts, its replacements, and the
    // countable characters inside them.
    let mut stretch_start = unit_start;
    let mut pending: Vec<Occurrence> = Vec::new();
    let mut replaced = 0usize;
    let close_stretch = |out: &mut Vec<Occurrence>,
                         pending: &mut Vec<Occurrence>,
                         replaced: &mut usize,
                         start: usize,
                         end: usize| {
        let equal = countable_within(left, &ranges, (start, end)).saturating_sub(*replaced);
        for mut o in pending.drain(..) {
            o.long = equal >= LONG_PASSAGE;
            out.push(o);
        }
        *replaced = 0;
    };
    for (l, r) in edits(left, right, &unit.changes) {
        let lk = left.norm.key_range(l.0, l.1);
        let rk = right.norm.key_range(r.0, r.1);
        let (nl, nr) = (
            left.norm.countable_in(lk.0, lk.1),
            right.norm.countable_in(rk.0, rk.1),
        );
        if nl > 0 && nr > 0 && nl <= MAX_CHARS && nr <= MAX_CHARS {
            pending.push(Occurrence {
                left: l,
                right: r,
                long: false,
            });
            replaced += nl;
        } else {
            close_stretch(&mut out, &mut pending, &mut replaced, stretch_start, lk.0);
            stretch_start = lk.1;
        }
    }
    close_stretch(
        &mut out,
        &mut pending,
        &mut replaced,
        stretch_start,
        unit_end,
    );
    out
}

/// A unit's changes as (left span, right span) edits, where a cluster of
/// changes only a character or two apart that together replace as many
/// place names on each side becomes one edit per name: the diff may line
/// `益阳市安化县` up with `宜春市丰城市` at the wrong `市` (`益阳 → 宜春市丰城`,
/// `安化县 → ∅`), or `六安` with `安康市` at their `安` (`六 → ∅`, `∅ → 康市`);
/// the names pair up again here.
fn edits(left: &Prepared, right: &Prepared, changes: &[super::Change]) -> Vec<(Span, Span)> {
    let near = |a: &super::Change, b: &super::Change| {
        let (l, r) = (
            left.norm.key_range(a.left.1, b.left.0),
            right.norm.key_range(a.right.1, b.right.0),
        );
        left.norm.countable_in(l.0, l.1) <= 2 && right.norm.countable_in(r.0, r.1) <= 2
    };
    let mut out = Vec::with_capacity(changes.len());
    let mut i = 0;
    while i < changes.len() {
        let mut j = i + 1;
        while j < changes.len() && near(&changes[j - 1], &changes[j]) {
            j += 1;
        }
        if j - i >= 2 {
            let l = (changes[i].left.0, changes[j - 1].left.1);
            let r = (changes[i].right.0, changes[j - 1].right.1);
            let (ln, rn) = (names_covering(left, l), names_covering(right, r));
            if !ln.is_empty() && ln.len() == rn.len() {
                out.extend(ln.into_iter().zip(rn));
                i = j;
                continue;
            }
        }
        out.extend(changes[i..j].iter().map(|c| (c.left, c.right)));
        i = j;
    }
    out
}

/// Separators of the items of a list, dropped by normalisation.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '、' | '，' | ',' | '；' | ';' | '/' | '／' | '—' | '－' | '-' | '～' | '~'
    )
}

/// An occurrence cut into the items both sides list in the same number
/// (`长沙、株洲 → 南昌、九江`), at the edges of figures when both sides
/// alternate alike (`安化县2024 → 丰城市2025`), and into the place names both
/// sides hold in the same number (`安化县东坪镇 → 丰城市剑光街道`).
fn split_names(left: &Prepared, right: &Prepared, occ: Occurrence) -> Vec<Occurrence> {
    let items = |doc: &Prepared, (s, e): Span| -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = s;
        for i in s..e {
            if doc.chars.get(i as usize).copied().is_some_and(is_separator) {
                out.push((start, i));
                start = i + 1;
            }
        }
        out.push((start, e));
        out.retain(|&(a, b)| b > a);
        out
    };
    let (li, ri) = (items(left, occ.left), items(right, occ.right));
    let items: Vec<(Span, Span)> = if li.len() > 1 && li.len() == ri.len() {
        li.into_iter().zip(ri).collect()
    } else {
        vec![(occ.left, occ.right)]
    };
    // Then at each change between a figure and other text, when both sides
    // alternate alike (`安化县2024 → 丰城市2025`).
    let mut pieces: Vec<(Span, Span)> = Vec::new();
    for (l, r) in items {
        let (lr, rr) = (figure_runs(left, l), figure_runs(right, r));
        let alike =
            lr.len() > 1 && lr.len() == rr.len() && lr.iter().zip(&rr).all(|(a, b)| a.1 == b.1);
        if alike {
            pieces.extend(lr.into_iter().zip(rr).map(|(a, b)| (a.0, b.0)));
        } else {
            pieces.push((l, r));
        }
    }
    let mut out = Vec::new();
    for (l, r) in pieces {
        let (ln, rn) = (names_covering(left, l), names_covering(right, r));
        if ln.len() > 1 && ln.len() == rn.len() {
            out.extend(ln.into_iter().zip(rn).map(|(l, r)| Occurrence {
                left: l,
                right: r,
                long: occ.long,
            }));
        } else if text_key(left, l) != text_key(right, r) {
            out.push(Occurrence {
                left: l,
                right: r,
                long: occ.long,
            });
        }
    }
    out
}

/// `span` cut where figures start or end: (piece, is a figure), in order.
fn figure_runs(doc: &Prepared, (s, e): Span) -> Vec<(Span, bool)> {
    let (from, to) = doc.norm.key_range(s, e);
    let mut out: Vec<(Span, bool)> = Vec::new();
    for k in from..to {
        let fig = is_figure_key(doc.norm.keys()[k]);
        let span = doc.norm.char_span(k, k + 1);
        match out.last_mut() {
            Some((sp, f)) if *f == fig => sp.1 = span.1,
            _ => out.push((span, fig)),
        }
    }
    out
}

/// The place names that together make up exactly `span`, if they do.
fn names_covering(doc: &Prepared, (s, e): Span) -> Vec<Span> {
    let text = doc.chars.get(s as usize..e as usize).unwrap_or(&[]);
    if text.len() < 2 || !text.iter().all(|&c| is_han(c)) {
        return Vec::new();
    }
    let found = places::mentions(text);
    let mut at = 0;
    for m in &found {
        if m.span.0 != at {
            return Vec::new();
        }
        at = m.span.1;
    }
    if at as usize != text.len() {
        return Vec::new();
    }
    found.iter().map(|m| (s + m.span.0, s + m.span.1)).collect()
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The occurrence grown over text both sides share to the place name the
/// left side is part of, when the right side grown alike is a place too
/// (`京山 → 钟祥` before a shared `市`: `京山市 → 钟祥市`).
fn whole_place(left: &Prepared, right: &Prepared, occ: Occurrence) -> Occurrence {
    const BEFORE: u32 = 3;
    const AFTER: u32 = 8;
    let (ls, le) = occ.left;
    let (rs, re) = occ.right;
    if le - ls > 8 || !(ls..le).all(|i| left.chars.get(i as usize).copied().is_some_and(is_han)) {
        return occ;
    }
    // How far the shared text reaches before and after, on both sides.
    let shared_before = (1..=BEFORE.min(ls).min(rs))
        .take_while(|&k| left.chars.get((ls - k) as usize) == right.chars.get((rs - k) as usize))
        .count() as u32;
    let shared_after = (0..AFTER)
        .take_while(|&k| {
            let c = left.chars.get((le + k) as usize);
            c.is_some() && c == right.chars.get((re + k) as usize)
        })
        .count() as u32;
    let from = ls - shared_before;
    let window = left
        .chars
        .get(from as usize..(le + shared_after) as usize)
        .unwrap_or(&[]);
    for m in places::mentions(window) {
        let (ms, me) = (from + m.span.0, from + m.span.1);
        if ms <= ls && me >= le && (ms, me) != (ls, le) {
            let grown_right = (rs - (ls - ms), re + (me - le));
            let name = right.text(grown_right);
            if !places::lookup(&name).is_empty() {
                return Occurrence {
                    left: (ms, me),
                    right: grown_right,
                    long: occ.long,
                };
            }
        }
    }
    occ
}

/// The most common surnames: a two- or three-character string starting with
/// one, replaced by another such, is a person's name.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// The kind of an occurrence's strings.
fn kind(left: &Prepared, right: &Prepared, occ: Occurrence) -> Kind {
    let keys = |doc: &Prepared, (s, e): Span| {
        let (from, to) = doc.norm.key_range(s, e);
        doc.norm.keys()[from..to].to_vec()
    };
    let (lk, rk) = (keys(left, occ.left), keys(right, occ.right));
    let figures = |k: &[u32]| !k.is_empty() && k.iter().all(|&x| is_figure_key(x));
    if figures(&lk) && figures(&rk) {
        let dated = |doc: &Prepared, end: u32, k: &[u32]| {
            let next = doc.chars.get(end as usize).copied();
            let year = k.len() == 4
                && char::from_u32(k[0]).is_some_and(|c| c == '1' || c == '2')
                && k.iter()
                    .all(|&x| char::from_u32(x).is_some_and(|c| c.is_ascii_digit()));
            year || matches!(next, Some('年' | '月' | '日' | '号'))
        };
        return if dated(left, occ.left.1, &lk) && dated(right, occ.right.1, &rk) {
            Kind::Date
        } else {
            Kind::Figure
        };
    }
    let (lt, rt) = (left.text(occ.left), right.text(occ.right));
    if !places::lookup(&lt).is_empty() || !places::lookup(&rt).is_empty() {
        return Kind::Place;
    }
    let person = |t: &str| {
        let n = t.chars().count();
        (2..=3).contains(&n)
            && t.chars().all(is_han)
            && t.chars().next().is_some_and(|c| SURNAMES.contains(c))
    };
    if person(&lt) && person(&rt) {
        return Kind::Name;
    }
    Kind::Other
}

/// Passages that follow one another on both sides, with nothing between
/// them but substituted text and text equal on both sides, joined into one
/// (the passage finder bridges gaps of a few characters; a replaced
/// `湖南省益阳市安化县` is longer). Passages come and go in left reading order.
pub(super) fn join_passages(
    left: &Prepared,
    right: &Prepared,
    passages: Vec<super::passages::KeyPassage>,
    subs: &[Substitution],
) -> Vec<super::passages::KeyPassage> {
    use crate::text::normalize::BREAK;
    if subs.is_empty() || passages.len() < 2 {
        return passages;
    }
    // The key ranges of every substituted occurrence, by left start.
    let mut occ: Vec<((usize, usize), (usize, usize))> = subs
        .iter()
        .flat_map(|s| &s.occurrences)
        .map(|&(l, r)| {
            (
                left.norm.key_range(l.0, l.1),
                right.norm.key_range(r.0, r.1),
            )
        })
        .collect();
    occ.sort_unstable();
    // The gap's keys with the substituted occurrences taken out, if every
    // occurrence taken out on one side has its partner in the other gap.
    let explained = |(la, lb): (usize, usize), (ra, rb): (usize, usize)| -> bool {
        if lb < la || rb < ra || lb - la > 64 || rb - ra > 64 {
            return false;
        }
        let (lk, rk) = (left.norm.keys(), right.norm.keys());
        if lk[la..lb].contains(&BREAK) || rk[ra..rb].contains(&BREAK) {
            return false;
        }
        let inside: Vec<_> = occ
            .iter()
            .filter(|((s, e), _)| *s >= la && *e <= lb && e > s)
            .collect();
        if inside.is_empty() || inside.iter().any(|(_, (s, e))| *s < ra || *e > rb) {
            return false;
        }
        let rest = |keys: &[u32],
                    from: usize,
                    to: usize,
                    cut: &mut dyn Iterator<Item = (usize, usize)>| {
            let mut out = Vec::new();
            let mut at = from;
            for (s, e) in cut {
                out.extend_from_slice(&keys[at.min(s)..s]);
                at = at.max(e);
            }
            out.extend_from_slice(&keys[at.min(to)..to]);
            out
        };
        let mut right_cuts: Vec<(usize, usize)> = inside.iter().map(|(_, r)| *r).collect();
        right_cuts.sort_unstable();
        rest(lk, la, lb, &mut inside.iter().map(|(l, _)| *l))
            == rest(rk, ra, rb, &mut right_cuts.into_iter())
    };
    let mut out: Vec<super::passages::KeyPassage> = Vec::with_capacity(passages.len());
    for p in passages {
        if let Some(last) = out.last_mut() {
            if p.right.0 >= last.right.1
                && explained((last.left.1, p.left.0), (last.right.1, p.right.0))
            {
                last.left.1 = p.left.1;
                last.right.1 = p.right.1;
                last.matched += p.matched;
                last.runs.extend(p.runs);
                continue;
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::compare::{compare, prepare, CompareOptions};

    fn subs(a: &str, b: &str) -> Vec<(String, String, usize, &'static str)> {
        let opts = CompareOptions::default();
        let (pa, pb) = (prepare(a, &opts).unwrap(), prepare(b, &opts).unwrap());
        compare(&pa, &pb, &opts)
            .substitutions
            .iter()
            .map(|s| (s.left.clone(), s.right.clone(), s.count(), s.kind.name()))
            .collect()
    }

    #[test]
    fn consistent_replacements_with_their_kinds() {
        let a = "京山市人民政府关于做好2023年森林防火工作的通知\n京山市各镇人民政府：为做好2023年京山市森林防火工作，确保人民群众生命财产安全，现将有关事项通知如下。\n请京山市应急管理局牵头，会同京山市林业局抓好落实。\n";
        let b = "钟祥市人民政府关于做好2024年森林防火工作的通知\n钟祥市各镇人民政府：为做好2024年钟祥市森林防火工作，确保人民群众生命财产安全，现将有关事项通知如下。\n请钟祥市应急管理局牵头，会同钟祥市林业局抓好落实。\n";
        let got = subs(a, b);
        assert_eq!(
            got[0],
            ("京山市".into(), "钟祥市".into(), 5, "place"),
            "{got:?}"
        );
        assert!(
            got.contains(&("2023".into(), "2024".into(), 2, "date")),
            "{got:?}"
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_single_replacement_counts_only_inside_a_long_passage() {
        let frame =
            "坚持以人民为中心的发展思想，扎实推进共同富裕，让发展成果更多更公平惠及全体人民，";
        let a = format!("{frame}省长王伟中作报告。\n短句甲乙。\n");
        let b = format!("{frame}省长孟凡利作报告。\n短句丙丁。\n");
        let got = subs(&a, &b);
        assert_eq!(got, vec![("王伟中".into(), "孟凡利".into(), 1, "name")]);
        assert!(subs("他说甲乙丙丁。", "他说子丑寅卯。").is_empty());
    }

    #[test]
    fn lists_and_runs_of_names_are_cut_into_names() {
        let a = "全省重点推进长沙、株洲、湘潭三市融城发展，建设现代化都市圈，打造全省高质量发展的核心增长极，带动全省区域协调发展。\n安化县东坪镇要做好今冬明春森林防火工作，压实属地责任，加强巡山护林和野外火源管控，确保不发生重大森林火灾和人员伤亡。\n";
        let b = "全省重点推进南昌、九江、赣州三市融城发展，建设现代化都市圈，打造全省高质量发展的核心增长极，带动全省区域协调发展。\n丰城市剑光街道要做好今冬明春森林防火工作，压实属地责任，加强巡山护林和野外火源管控，确保不发生重大森林火灾和人员伤亡。\n";
        let got = subs(a, b);
        for want in [
            ("长沙", "南昌"),
            ("株洲", "九江"),
            ("湘潭", "赣州"),
            ("安化县", "丰城市"),
            ("东坪镇", "剑光街道"),
        ] {
            assert!(
                got.iter()
                    .any(|(l, r, _, k)| l == want.0 && r == want.1 && *k == "place"),
                "{want:?} in {got:?}"
            );
        }
    }

    #[test]
    fn passages_that_differ_only_by_substitutions_are_one() {
        let opts = CompareOptions::default();
        let a = "为做好今冬明春森林防火工作，湖南省益阳市安化县人民政府制定本方案，请各乡镇认真贯彻执行。\n为压实森林防火责任，湖南省益阳市安化县应急管理局负责解释本方案。\n";
        let b = "为做好今冬明春森林防火工作，江西省宜春市丰城市人民政府制定本方案，请各乡镇认真贯彻执行。\n为压实森林防火责任，江西省宜春市丰城市应急管理局负责解释本方案。\n";
        let (pa, pb) = (prepare(a, &opts).unwrap(), prepare(b, &opts).unwrap());
        let c = compare(&pa, &pb, &opts);
        let names: Vec<(&str, &str)> = c
            .substitutions
            .iter()
            .map(|s| (s.left.as_str(), s.right.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("湖南省", "江西省"),
                ("益阳市", "宜春市"),
                ("安化县", "丰城市")
            ]
        );
        // One passage a line, across the three names.
        assert_eq!(c.passages.len(), 2, "{:?}", c.passages);
        assert!(c.left.ratio() > 0.99);
    }
}
