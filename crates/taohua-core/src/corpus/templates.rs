//! Templates: recurring wording with slots (`全面贯彻党的二十大和二十届{二中、
//! 三中}全会精神`, `地区生产总值增长{5.5%}左右`), the same frame filled in
//! differently by different documents.
//!
//! **Instances from the index.** A slot shows in the fingerprint index as a
//! change of document set: in a document that fills the frame, the windows
//! of the fixed text before the slot are carried by every document that uses
//! the frame, the windows across the slot only by those that fill it the
//! same way. So in each document, wherever a run of shared windows carried
//! by at least [`MIN_DOCS`] documents ends, and another such run starts at
//! most [`MAX_SLOT`] keys after the end of its last window, the keys between
//! are a candidate slot, anchored by the window before it and the window
//! after it (their hashes are its key). A figure after (or before) a shared
//! window is a candidate slot anchored on that side alone
//! (`…地区生产总值增长{5.5%}`), since what follows a figure often differs.
//! And text after a shared window is a candidate slot that ends where the
//! documents agree again: the [`RESYNC`] keys after the slot that the most
//! instances have within [`MAX_SLOT`] keys (`二十届{…}全会精神`, where the
//! text after 全会精神 differs), or two keys after fillings of at most
//! [`SHORT_SLOT`] keys (`中国式现代化{安徽}篇章`); text before a shared
//! window likewise, back to where they agree (`深入{实施}提振消费…`). Slot
//! edges never cut a figure. Candidates with the same anchors, in at
//! least [`MIN_DOCS`] documents and with two fillings of which neither
//! holds the other (a slot filled in differently, not a word some documents
//! add), are a template.
//!
//! **Fixed parts and slots: one mechanism with the change lists.** The
//! fixed parts grow outward over text every instance shares, key for key,
//! up to [`MAX_PART`] keys or a line break; keys every filling starts or
//! ends with join the fixed parts. Inside the slot, each filling is diffed
//! against the first document's with the change lists' own diff
//! (`compare::changes::token_edits`, a figure one token), and text every
//! filling keeps, two keys or more, splits the slot in two. So a sentence
//! whose only changes are figures is one template instance whose slots are
//! those figures, exactly the figures a pair's `Δ` line lists.
//!
//! **Text.** Parts come from the first instance, values and spans from
//! each; a document's instances are made into text in the same pass that
//! gives the phrases their text (one normalisation with spans per
//! document).
//!
//! **No frame twice.** Templates are taken most documents first; one whose
//! slots are mostly slots already taken is the same template seen through
//! other anchors, and is dropped.
//!
//! **Near-copies count once.** Two documents that each have at least
//! [`NEAR_COPY`] of their text in passages shared with the other are
//! versions of one document (a speech saved twice, a notice re-posted with
//! a typo fixed); of each group of versions only the first takes part. A
//! version's own edits are not slots, and without this a folder holding N
//! versions of each document yields a template for nearly every edit, at a
//! cost growing with N² (BENCHMARKS.md). No two documents of the shared
//! corpus are near-copies.
//!
//! Cost: after the index, one pass over each document's runs (a candidate
//! costs two window hashes), a sort of the candidates, and per template a
//! walk over its instances and a diff of fillings of at most [`MAX_SLOT`]
//! keys; the texts are normalised again, with their spans, only for the
//! documents that hold an instance.

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::analysis::{Occ, PairShare};
use super::index::Index;
use crate::compare::changes::token_edits;
use crate::fingerprint::window_hash;
use crate::text::normalize::{is_figure_key, is_wild, Key, KeySeq, Normalized};

/// Fewest documents a template's fixed text and its instances need.
pub const MIN_DOCS: usize = 3;
/// Two documents with at least this share of each in passages they share
/// are near-copies, counted once.
pub const NEAR_COPY: f64 = 0.9;
/// Longest slot, in keys.
pub const MAX_SLOT: usize = 12;
/// Longest fixed part on either side, in keys.
pub const MAX_PART: usize = 48;

/// A frame with slots, recurring across documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The fixed parts in order, as the first document writes them (n parts
    /// around n − 1 slots; an outer part may be empty).
    pub parts: Vec<String>,
    /// Its instances, by document id then position (a document may fill
    /// the frame more than once).
    pub instances: Vec<Instance>,
    /// Share of the corpus's documents that use it.
    pub commonness: f64,
}

/// A document's filling of a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// The document.
    pub doc: usize,
    /// The text of each slot.
    pub values: Vec<String>,
    /// Char span of each slot.
    pub slots: Vec<(u32, u32)>,
    /// Char span of the whole instance, fixed parts included.
    pub span: (u32, u32),
}

/// Which sides of a candidate slot are anchored by a shared window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Anchors {
    Both,
    /// A figure after a window.
    Before,
    /// A figure before a window.
    After,
    /// Text after a window, up to where the documents agree again.
    Open,
    /// Text before a window, back to where the documents agree.
    OpenBefore,
}

/// Keys a slot with no window after it must be followed by, in every
/// instance, before the documents count as agreeing again (`全会精神`).
pub const RESYNC: usize = 4;
/// Longest filling of a slot that two shared keys may close (`篇章`).
pub const SHORT_SLOT: usize = 6;
/// How many ways an open slot's instances may be closed (each a template).
pub const RESYNC_ROUNDS: usize = 3;

/// A candidate slot: keys `[from, to)` of document `doc`.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    key: u64,
    doc: u32,
    from: u32,
    to: u32,
    anchors: Anchors,
}

/// An instance in key space: the slot, then the fixed parts around it.
#[derive(Debug, Clone, Copy)]
struct KeyInstance {
    doc: usize,
    /// Start of the left part.
    start: usize,
    /// The slot.
    from: usize,
    to: usize,
    /// End of the right part.
    end: usize,
}

/// The first key of the figure that holds key `at`, or `at`.
fn figure_start(keys: &[Key], mut at: usize) -> usize {
    while at > 0 && at < keys.len() && is_figure_key(keys[at]) && is_figure_key(keys[at - 1]) {
        at -= 1;
    }
    at
}

/// One past the figure that holds the key before `at`, or `at`.
fn figure_end(keys: &[Key], mut at: usize) -> usize {
    while at > 0 && at < keys.len() && is_figure_key(keys[at]) && is_figure_key(keys[at - 1]) {
        at += 1;
    }
    at
}

fn mix(a: u64, b: u64, tag: u64) -> u64 {
    (a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_add(tag)
}

/// The candidate slots of one document.
fn candidates(d: usize, doc: &KeySeq, occ: &[Occ], index: &Index) -> Vec<Candidate> {
    let keys = doc.keys();
    let k = index.k;
    let wide = |o: &Occ| index.sets[o.set as usize].len() >= MIN_DOCS;
    let clean = |from: usize, to: usize| {
        from < to && to <= keys.len() && !keys[from..to].iter().any(|&x| is_wild(x))
    };
    let mut out = Vec::new();
    for (i, r1) in occ.iter().enumerate() {
        if !wide(r1) {
            continue;
        }
        // The slot starts after the last window of the run.
        let end = (r1.end() - 1) as usize + k;
        let g = figure_start(keys, end);
        if g < k || !clean(g - k, g) {
            continue;
        }
        let before = window_hash(&keys[g - k..g]);
        // Text after the window, to where the documents agree again.
        if g < keys.len() && !is_wild(keys[g]) {
            out.push(Candidate {
                key: mix(before, 0, 4),
                doc: d as u32,
                from: g as u32,
                to: g as u32,
                anchors: Anchors::Open,
            });
        }
        // A figure after the window.
        if g < keys.len() && is_figure_key(keys[g]) {
            let f = g + keys[g..].iter().take_while(|&&x| is_figure_key(x)).count();
            out.push(Candidate {
                key: mix(before, 0, 1),
                doc: d as u32,
                from: g as u32,
                to: f as u32,
                anchors: Anchors::Before,
            });
        }
        for r2 in occ[i + 1..].iter() {
            let h = r2.start as usize;
            if h > end + MAX_SLOT {
                break;
            }
            if h <= end || !wide(r2) {
                continue;
            }
            let h = figure_end(keys, h);
            if h + k > keys.len() || h <= g || h - g > MAX_SLOT || !clean(g, h) {
                continue;
            }
            out.push(Candidate {
                key: mix(before, window_hash(&keys[h..h + k]), 2),
                doc: d as u32,
                from: g as u32,
                to: h as u32,
                anchors: Anchors::Both,
            });
        }
    }
    // Text before a window, back to where the documents agree.
    for r2 in occ.iter().filter(|o| wide(o)) {
        let h = r2.start as usize;
        if h == 0 || is_wild(keys[h - 1]) || is_figure_key(keys[h - 1]) || !clean(h, h + k) {
            continue;
        }
        out.push(Candidate {
            key: mix(0, window_hash(&keys[h..h + k]), 5),
            doc: d as u32,
            from: h as u32,
            to: h as u32,
            anchors: Anchors::OpenBefore,
        });
    }
    // A figure before a window.
    for r2 in occ.iter().filter(|o| wide(o)) {
        let h = figure_end(keys, r2.start as usize);
        if h == 0 || h + k > keys.len() || !is_figure_key(keys[h - 1]) {
            continue;
        }
        let g = figure_start(keys, h - 1);
        if !clean(h, h + k) {
            continue;
        }
        out.push(Candidate {
            key: mix(0, window_hash(&keys[h..h + k]), 3),
            doc: d as u32,
            from: g as u32,
            to: h as u32,
            anchors: Anchors::After,
        });
    }
    out
}

/// For each of `docs` documents, true when it is a near-copy of a document
/// with a smaller id: groups of documents joined by pairs in which each side
/// has at least [`NEAR_COPY`] of itself in shared passages, all but the first.
fn near_copies(docs: usize, pairs: &[PairShare]) -> Vec<bool> {
    let mut parent: Vec<usize> = (0..docs).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for p in pairs {
        if p.a < docs && p.b < docs && p.a_reused >= NEAR_COPY && p.b_reused >= NEAR_COPY {
            let (ra, rb) = (root(&mut parent, p.a), root(&mut parent, p.b));
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi] = lo;
        }
    }
    (0..docs).map(|d| root(&mut parent, d) != d).collect()
}

/// Templates found in key space: each one's instances and its slots (as
/// key ranges of its first filling). Their text comes per document
/// ([`Frames::texts_in`]), from the normalisation the phrases' text needs
/// anyway, and [`Frames::assemble`] puts them together.
#[derive(Debug, Default)]
pub(super) struct Frames {
    kept: Vec<Vec<KeyInstance>>,
    slots: Vec<Vec<(usize, usize)>>,
    /// For each document, its instances as (template, instance index).
    by_doc: Vec<Vec<(usize, usize)>>,
}

/// One instance made into text: (template, instance index, the parts when
/// it is the template's first instance, the instance).
pub(super) type Made = (usize, usize, Option<Vec<String>>, Instance);

/// Find the templates of a corpus in key space: `norms` are the documents'
/// keys, `occ` their shared windows as runs.
pub(super) fn find(
    norms: &[KeySeq],
    occ: &[Vec<Occ>],
    index: &Index,
    pairs: &[PairShare],
) -> Frames {
    let k = index.k;
    let copy = near_copies(norms.len(), pairs);
    let mut all: Vec<Candidate> = (0..norms.len())
        .into_par_iter()
        .filter(|&d| !copy[d])
        .flat_map_iter(|d| candidates(d, &norms[d], &occ[d], index))
        .collect();
    all.par_sort_unstable_by_key(|c| (c.key, c.doc, c.from));
    // Groups of one key: the instances, the frame grown.
    let groups: Vec<&[Candidate]> = all.chunk_by(|a, b| a.key == b.key).collect();
    let mut found: Vec<Vec<KeyInstance>> = groups
        .par_iter()
        .flat_map_iter(|group| grow(group, norms, k))
        .collect();
    found.sort_by(|x, y| {
        documents(y)
            .cmp(&documents(x))
            .then(y.len().cmp(&x.len()))
            .then(fixed_len(y).cmp(&fixed_len(x)))
            .then((x[0].doc, x[0].from).cmp(&(y[0].doc, y[0].from)))
    });
    // Most documents first; a template whose slots are mostly slots taken
    // already is the same frame seen through other anchors (frames may
    // share fixed text, `…思想{为指导，全面贯彻}党的二十大和二十届` and
    // `党的二十大和二十届{二中、三中}全会精神`, or cut one slot differently,
    // `深入{实施}提振消费` and `{深入实施}提振消费`: those are kept).
    let mut taken: HashSet<(usize, usize, usize)> = HashSet::default();
    let mut kept: Vec<Vec<KeyInstance>> = Vec::new();
    for t in found {
        let overlapping = t
            .iter()
            .filter(|i| taken.contains(&(i.doc, i.from, i.to)))
            .count();
        if overlapping * 2 > t.len() {
            continue;
        }
        taken.extend(t.iter().map(|i| (i.doc, i.from, i.to)));
        kept.push(t);
    }
    let mut by_doc: Vec<Vec<(usize, usize)>> = vec![Vec::new(); norms.len()];
    for (t, insts) in kept.iter().enumerate() {
        for (j, i) in insts.iter().enumerate() {
            by_doc[i.doc].push((t, j));
        }
    }
    // Each template's slots, in its first filling.
    let slots = kept
        .par_iter()
        .map(|insts| {
            let fills: Vec<&[Key]> = insts
                .iter()
                .map(|i| &norms[i.doc].keys()[i.from..i.to])
                .collect();
            slots_of(&fills)
        })
        .collect();
    Frames {
        kept,
        slots,
        by_doc,
    }
}

impl Frames {
    /// True when document `d` holds an instance.
    pub(super) fn has(&self, d: usize) -> bool {
        self.by_doc.get(d).is_some_and(|v| !v.is_empty())
    }

    /// Document `d`'s instances made into text, from its normalised text
    /// `doc` (with spans) and its characters; `norms` give the first
    /// fillings the slots are mapped from.
    pub(super) fn texts_in(
        &self,
        d: usize,
        chars: &[char],
        doc: &Normalized,
        norms: &[KeySeq],
    ) -> Vec<Made> {
        let Some(mine) = self.by_doc.get(d) else {
            return Vec::new();
        };
        let text =
            |(s, e): (u32, u32)| -> String { chars[s as usize..e as usize].iter().collect() };
        let mut out: Vec<Made> = Vec::with_capacity(mine.len());
        for &(t, j) in mine {
            let insts = &self.kept[t];
            let (first, inst) = (&insts[0], &insts[j]);
            let first_fill = &norms[first.doc].keys()[first.from..first.to];
            let fill = &doc.keys()[inst.from..inst.to];
            let ranges: Vec<(usize, usize)> = self.slots[t]
                .iter()
                .map(|&sl| {
                    if j == 0 {
                        sl
                    } else {
                        map_slot(first_fill, fill, sl)
                    }
                })
                .map(|(s, e)| (inst.from + s, inst.from + e))
                .collect();
            let spans: Vec<(u32, u32)> = ranges.iter().map(|&(s, e)| doc.char_span(s, e)).collect();
            let parts = (j == 0).then(|| {
                let mut edges = vec![inst.start];
                for &(s, e) in &ranges {
                    edges.push(s);
                    edges.push(e);
                }
                edges.push(inst.end);
                edges
                    .chunks(2)
                    .map(|w| text(doc.char_span(w[0], w[1].max(w[0]))))
                    .collect()
            });
            out.push((
                t,
                j,
                parts,
                Instance {
                    doc: d,
                    values: spans.iter().map(|&s| text(s)).collect(),
                    slots: spans,
                    span: doc.char_span(inst.start, inst.end),
                },
            ));
        }
        out
    }

    /// The templates, from every document's instances made into text;
    /// `docs` is the corpus's size.
    pub(super) fn assemble(&self, mut made: Vec<Made>, docs: usize) -> Vec<Template> {
        let docs = docs.max(1) as f64;
        let mut templates: Vec<Template> = self
            .kept
            .iter()
            .map(|insts| Template {
                parts: Vec::new(),
                instances: Vec::with_capacity(insts.len()),
                commonness: documents(insts) as f64 / docs,
            })
            .collect();
        made.sort_by_key(|m| (m.0, m.1));
        for (t, _, parts, inst) in made {
            if let Some(p) = parts {
                templates[t].parts = p;
            }
            templates[t].instances.push(inst);
        }
        for t in &mut templates {
            t.instances.sort_by_key(|i| (i.doc, i.span));
        }
        templates.retain(|t| !t.parts.is_empty());
        templates
    }
}

/// Keys of the fixed parts of a template's first instance.
fn fixed_len(t: &[KeyInstance]) -> usize {
    t.first().map_or(0, |i| (i.from - i.start) + (i.end - i.to))
}

/// The templates a group of candidates with the same anchors holds, in key
/// space: open slots closed where the documents agree again (as many ways
/// as [`RESYNC_ROUNDS`] allow: `以习近平…` is preceded by `我们{坚持}` in
/// some reports and by other frames in others), then each kept if it is a
/// template ([`finish`]).
fn grow(group: &[Candidate], norms: &[KeySeq], k: usize) -> Vec<Vec<KeyInstance>> {
    // Cheap checks first: enough documents, and two of them that go on
    // differently at the slot's open edge (or fill it differently).
    let docs = 1 + group.windows(2).filter(|w| w[0].doc != w[1].doc).count();
    if docs < MIN_DOCS {
        return Vec::new();
    }
    let edge = |c: &Candidate| -> &[Key] {
        let keys = norms[c.doc as usize].keys();
        let (from, to) = (c.from as usize, c.to as usize);
        match c.anchors {
            Anchors::Open => keys.get(from..from + 1).unwrap_or(&[]),
            Anchors::OpenBefore => keys.get(from.saturating_sub(1)..from).unwrap_or(&[]),
            _ => keys.get(from..to).unwrap_or(&[]),
        }
    };
    let first = edge(&group[0]);
    if group.iter().all(|c| edge(c) == first) {
        return Vec::new();
    }
    let mut inst: Vec<KeyInstance> = Vec::new();
    for c in group {
        if inst
            .last()
            .is_some_and(|i| i.doc == c.doc as usize && i.from == c.from as usize)
        {
            continue;
        }
        let (from, to) = (c.from as usize, c.to as usize);
        let (start, end) = match c.anchors {
            Anchors::Both => (from - k, to + k),
            Anchors::Before | Anchors::Open => (from - k, to),
            Anchors::After | Anchors::OpenBefore => (from, to + k),
        };
        inst.push(KeyInstance {
            doc: c.doc as usize,
            start,
            from,
            to,
            end,
        });
    }
    let forward = match group.first().map(|c| c.anchors) {
        Some(Anchors::Open) => true,
        Some(Anchors::OpenBefore) => false,
        _ => return finish(inst, norms, k).into_iter().collect(),
    };
    let mut out = Vec::new();
    let mut rest = inst;
    for _ in 0..RESYNC_ROUNDS {
        let Some((picked, left)) = resync(rest, norms, forward) else {
            break;
        };
        out.extend(finish(picked, norms, k));
        rest = left;
        if documents(&rest) < MIN_DOCS {
            break;
        }
    }
    out
}

/// Instances with their slots as a template, if they are one: in at least
/// [`MIN_DOCS`] documents, with two fillings of which neither holds the
/// other; keys every filling starts or ends with join the fixed parts,
/// which grow over what every instance shares and never cut a figure.
fn finish(mut inst: Vec<KeyInstance>, norms: &[KeySeq], k: usize) -> Option<Vec<KeyInstance>> {
    if documents(&inst) < MIN_DOCS {
        return None;
    }
    let keys = |i: &KeyInstance| norms[i.doc].keys();
    let fill = |i: &KeyInstance| &keys(i)[i.from..i.to];
    // Two fillings of which neither holds the other: a slot filled in
    // differently, not a word some documents add (`建设{事业}`).
    let contains = |a: &[Key], b: &[Key]| b.is_empty() || a.windows(b.len()).any(|w| w == b);
    let substituted = |inst: &[KeyInstance]| {
        let mut fills: Vec<&[Key]> = inst.iter().map(fill).collect();
        fills.sort_unstable();
        fills.dedup();
        fills.iter().enumerate().any(|(x, a)| {
            fills[x + 1..]
                .iter()
                .any(|b| !contains(a, b) && !contains(b, a))
        })
    };
    if !substituted(&inst) {
        return None;
    }
    // Keys every filling starts or ends with belong to the fixed parts
    // (a figure is never cut; a filling never becomes empty).
    loop {
        let first = |i: &KeyInstance| keys(i)[i.from];
        let k0 = first(&inst[0]);
        let moves = !is_figure_key(k0) && inst.iter().all(|i| i.to - i.from > 1 && first(i) == k0);
        if !moves {
            break;
        }
        inst.iter_mut().for_each(|i| i.from += 1);
    }
    loop {
        let last = |i: &KeyInstance| keys(i)[i.to - 1];
        let k0 = last(&inst[0]);
        let moves = !is_figure_key(k0) && inst.iter().all(|i| i.to - i.from > 1 && last(i) == k0);
        if !moves {
            break;
        }
        inst.iter_mut().for_each(|i| i.to -= 1);
    }
    // Grow the fixed parts outward over what every instance shares.
    for _ in 0..MAX_PART {
        let at = |i: &KeyInstance| i.start.checked_sub(1).map(|p| keys(i)[p]);
        let Some(k0) = at(&inst[0]) else { break };
        if is_wild(k0) || !inst.iter().all(|i| at(i) == Some(k0)) {
            break;
        }
        inst.iter_mut().for_each(|i| i.start -= 1);
    }
    for _ in 0..MAX_PART {
        let at = |i: &KeyInstance| keys(i).get(i.end).copied();
        let Some(k0) = at(&inst[0]) else { break };
        if is_wild(k0) || !inst.iter().all(|i| at(i) == Some(k0)) {
            break;
        }
        inst.iter_mut().for_each(|i| i.end += 1);
    }
    // A part grown into a figure would cut it: give the figure back.
    let cut_at_end = |i: &KeyInstance| {
        i.end > i.to
            && is_figure_key(keys(i)[i.end - 1])
            && keys(i).get(i.end).is_some_and(|&x| is_figure_key(x))
    };
    while inst.iter().any(cut_at_end) {
        inst.iter_mut().for_each(|i| i.end -= 1);
    }
    let cut_at_start = |i: &KeyInstance| {
        i.start < i.from
            && i.start > 0
            && is_figure_key(keys(i)[i.start])
            && is_figure_key(keys(i)[i.start - 1])
    };
    while inst.iter().any(cut_at_start) {
        inst.iter_mut().for_each(|i| i.start += 1);
    }
    let countable = |i: &KeyInstance, a: usize, b: usize| norms[i.doc].countable_in(a, b);
    let fixed: usize = countable(&inst[0], inst[0].start, inst[0].from)
        + countable(&inst[0], inst[0].to, inst[0].end);
    (fixed >= k).then_some(inst)
}

/// How many documents the instances (sorted by document) are in.
fn documents(inst: &[KeyInstance]) -> usize {
    let mut n = 0;
    let mut last = None;
    for i in inst {
        if last != Some(i.doc) {
            n += 1;
            last = Some(i.doc);
        }
    }
    n
}

/// Open slots closed where the documents agree again: the first
/// [`RESYNC`] keys, at most [`MAX_SLOT`] keys from the slot's open edge,
/// that the most instances have within [`MAX_SLOT`] keys of theirs (trying
/// each of the first few distinct fillings as the reference); failing that,
/// two keys, when every filling then is at most [`SHORT_SLOT`] keys
/// (`谱写中国式现代化{安徽}篇章`). Instances that do not agree are dropped;
/// None when fewer than [`MIN_DOCS`] remain; else those that agree, closed,
/// and the rest. `forward`: the slot opens after a window (else before
/// one).
fn resync(
    inst: Vec<KeyInstance>,
    norms: &[KeySeq],
    forward: bool,
) -> Option<(Vec<KeyInstance>, Vec<KeyInstance>)> {
    // Each instance's text from the open edge outward, up to a line break:
    // (its document's keys, the edge, how many keys there are).
    let reach = MAX_SLOT + RESYNC;
    let sides: Vec<(&[Key], usize, usize)> = inst
        .iter()
        .map(|i| {
            let keys = norms[i.doc].keys();
            let (edge, room) = if forward {
                (i.from, reach.min(keys.len() - i.from))
            } else {
                (i.to, reach.min(i.to))
            };
            let at = |y: usize| {
                if forward {
                    keys[edge + y]
                } else {
                    keys[edge - 1 - y]
                }
            };
            let len = (0..room).take_while(|&y| !is_wild(at(y))).count();
            (keys, edge, len)
        })
        .collect();
    let key = |j: usize, y: usize| -> Key {
        let (keys, edge, _) = sides[j];
        if forward {
            keys[edge + y]
        } else {
            keys[edge - 1 - y]
        }
    };
    let gram = |j: usize, y: usize, len: usize| -> u64 {
        (0..len).fold(len as u64, |h, q| mix(h, u64::from(key(j, y + q)), 7))
    };
    // The first few distinct fillings are the references.
    let mut refs: Vec<usize> = Vec::new();
    for j in 0..inst.len() {
        let first = (sides[j].2 > 0).then(|| key(j, 0));
        if refs.len() < 3
            && !refs
                .iter()
                .any(|&r| (sides[r].2 > 0).then(|| key(r, 0)) == first)
        {
            refs.push(j);
        }
    }
    if refs.len() < 2 {
        return None;
    }
    // The references' grams (a gram that cuts a figure is no edge).
    let cuts = |j: usize, y: usize| is_figure_key(key(j, y - 1)) && is_figure_key(key(j, y));
    let mut grams: HashMap<u64, usize> = HashMap::default();
    for (len, most) in [(RESYNC, MAX_SLOT), (2, SHORT_SLOT)] {
        for &r in &refs {
            for x in 1..=most.min(sides[r].2.saturating_sub(len)) {
                if !cuts(r, x) {
                    let next = grams.len();
                    grams.entry(gram(r, x, len)).or_insert(next);
                }
            }
        }
    }
    // Where each instance first has each of them.
    let mut agree: Vec<Vec<(usize, usize)>> = vec![Vec::new(); grams.len()];
    for (j, &(_, _, room)) in sides.iter().enumerate() {
        for len in [RESYNC, 2] {
            let most = if len == RESYNC { MAX_SLOT } else { SHORT_SLOT };
            for y in 1..=most.min(room.saturating_sub(len)) {
                if cuts(j, y) {
                    continue;
                }
                let Some(&g) = grams.get(&gram(j, y, len)) else {
                    continue;
                };
                if agree[g].last().is_none_or(|&(last, _)| last != j) {
                    agree[g].push((j, y));
                }
            }
        }
    }
    // The agreement that takes in the most instances, among those whose
    // fillings differ (a longer gram wins a tie).
    let fill_differs = |list: &[(usize, usize)]| {
        let same = |&(a, ya): &(usize, usize), &(b, yb): &(usize, usize)| {
            ya == yb && (0..ya).all(|q| key(a, q) == key(b, q))
        };
        list.iter().any(|p| !same(p, &list[0]))
    };
    let mut best: Option<&Vec<(usize, usize)>> = None;
    for list in &agree {
        if list.len() >= MIN_DOCS && best.is_none_or(|b| list.len() > b.len()) && fill_differs(list)
        {
            best = Some(list);
        }
    }
    let best = best?;
    let picked: Vec<KeyInstance> = best
        .iter()
        .map(|&(j, y)| {
            let i = inst[j];
            if forward {
                KeyInstance {
                    to: i.from + y,
                    end: i.from + y,
                    ..i
                }
            } else {
                KeyInstance {
                    from: i.to - y,
                    start: i.to - y,
                    ..i
                }
            }
        })
        .collect();
    let mut taken = vec![false; inst.len()];
    best.iter().for_each(|&(j, _)| taken[j] = true);
    let rest = inst
        .iter()
        .zip(&taken)
        .filter(|(_, &t)| !t)
        .map(|(i, _)| *i)
        .collect();
    Some((picked, rest))
}

/// The slots inside a template's fillings, as key ranges of the first
/// filling: the fillings diffed against it (the change lists' diff), and
/// text all of them keep, two keys or more, between slots.
fn slots_of(fills: &[&[Key]]) -> Vec<(usize, usize)> {
    let Some(first) = fills.first() else {
        return Vec::new();
    };
    let n = first.len();
    let mut changed = vec![false; n];
    let mut inserted = vec![false; n + 1];
    for other in &fills[1..] {
        for (a0, a1, _, _) in token_edits(first, other) {
            if a1 > a0 {
                changed[a0..a1].iter_mut().for_each(|c| *c = true);
            } else {
                inserted[a0] = true;
            }
        }
    }
    // Fixed runs of two keys or more, with no insertion inside, part slots.
    let mut slots = Vec::new();
    let mut slot_start = 0;
    let mut p = 0;
    while p < n {
        if changed[p] {
            p += 1;
            continue;
        }
        let mut q = p;
        while q < n && !changed[q] && (q == p || !inserted[q]) {
            q += 1;
        }
        if q - p >= 2 && p > 0 && q < n {
            slots.push((slot_start, p));
            slot_start = q;
        }
        p = q.max(p + 1);
    }
    slots.push((slot_start, n));
    slots
}

/// Where the first filling's slot `[s, e)` lies in `other`: shifted by the
/// edits before it, widened by those inside it.
fn map_slot(first: &[Key], other: &[Key], (s, e): (usize, usize)) -> (usize, usize) {
    let mut before: isize = 0;
    let mut within: isize = 0;
    for (a0, a1, b0, b1) in token_edits(first, other) {
        let delta = (b1 - b0) as isize - (a1 - a0) as isize;
        if a1 <= s && !(a0 == a1 && a0 == s) {
            before += delta;
        } else if a0 >= s && a1 <= e {
            within += delta;
        }
    }
    let from = (s as isize + before).max(0) as usize;
    let to = (e as isize + before + within).max(from as isize) as usize;
    (from.min(other.len()), to.min(other.len()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::corpus::analysis::{analyze, CorpusInput, CorpusOptions};

    fn templates(docs: &[String]) -> Vec<Template> {
        let inputs: Vec<CorpusInput> = docs
            .iter()
            .map(|t| CorpusInput {
                text: t,
                year: None,
            })
            .collect();
        analyze(&inputs, &CorpusOptions::default(), &|_, _, _| {})
            .unwrap()
            .templates
    }

    /// Text no other document shares.
    fn filler(seed: u64) -> String {
        let pool: Vec<char> = ('\u{4e00}'..='\u{9fa5}').step_by(11).collect();
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..40)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                pool[(x % pool.len() as u64) as usize]
            })
            .collect()
    }

    fn pair(a: usize, b: usize, a_reused: f64, b_reused: f64) -> PairShare {
        PairShare {
            a,
            b,
            a_reused,
            b_reused,
            shared_chars: 0,
            specific_chars: 0,
            stock_chars: 0,
            passages: 1,
            stock_passages: 0,
            score: 0.0,
        }
    }

    #[test]
    fn near_copies_are_grouped_and_all_but_the_first_left_out() {
        let pairs = [
            pair(0, 1, 0.95, 0.97),
            pair(1, 2, 0.92, 0.90),
            pair(3, 4, 0.99, 0.50),
            pair(5, 6, 0.89, 0.99),
        ];
        assert_eq!(
            near_copies(7, &pairs),
            [false, true, true, false, false, false, false]
        );
    }

    /// A frame filled in by three documents is a template; the same frame
    /// in versions of one document that differ only there is not.
    #[test]
    fn versions_of_one_document_make_no_template() {
        let body = filler(900);
        let version = |fill: &str| {
            format!(
                "{body}。\n全面贯彻党的二十大和二十届{fill}全会精神，{}。\n{}\n",
                filler(901),
                filler(902)
            )
        };
        let mut docs: Vec<String> = ["二中、三中", "三中、四中", "历次", "二中"]
            .iter()
            .map(|f| version(f))
            .collect();
        // Other documents, so that the versions' shared text is not common
        // in the corpus (common text picks no pairs).
        docs.extend((0..40).map(|k| format!("{}。\n{}\n", filler(1000 + k), filler(2000 + k))));
        let t = templates(&docs);
        assert!(
            !t.iter()
                .any(|t| t.parts.iter().any(|p| p.contains("二十届"))),
            "{t:#?}"
        );
    }

    #[test]
    fn a_frame_filled_differently_is_one_template_with_its_values() {
        let fills = [
            "二中、三中",
            "二中、三中",
            "三中、四中",
            "历次",
            "三中、四中",
        ];
        let docs: Vec<String> = fills
            .iter()
            .enumerate()
            .map(|(k, f)| {
                format!(
                    "{}。\n坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届{f}全会精神，{}。\n",
                    filler(k as u64),
                    filler(100 + k as u64)
                )
            })
            .collect();
        let t = templates(&docs);
        let frame = t
            .iter()
            .find(|t| t.parts.first().is_some_and(|p| p.ends_with("二十届")))
            .unwrap_or_else(|| panic!("{t:#?}"));
        assert_eq!(frame.parts.len(), 2);
        assert!(
            frame.parts[0].starts_with("坚持以习近平"),
            "{:?}",
            frame.parts
        );
        assert_eq!(frame.parts[1], "全会精神");
        let values: Vec<&str> = frame
            .instances
            .iter()
            .map(|i| i.values[0].as_str())
            .collect();
        assert_eq!(values, fills);
        let i = &frame.instances[3];
        let chars: Vec<char> = docs[3].chars().collect();
        let span: String = chars[i.span.0 as usize..i.span.1 as usize].iter().collect();
        assert!(span.ends_with("二十届历次全会精神"), "{span}");
    }

    #[test]
    fn figures_that_change_are_slots() {
        let rates = ["5.5%", "5%", "6%", "5.5%"];
        let docs: Vec<String> = rates
            .iter()
            .enumerate()
            .map(|(k, r)| {
                format!(
                    "{}。\n今年经济社会发展的主要预期目标是：地区生产总值增长{r}左右，{}。\n",
                    filler(k as u64),
                    filler(200 + k as u64)
                )
            })
            .collect();
        let t = templates(&docs);
        let growth = t
            .iter()
            .find(|t| t.parts[0].ends_with("地区生产总值增长"))
            .unwrap_or_else(|| panic!("{t:#?}"));
        assert_eq!(growth.parts.last().map(String::as_str), Some("左右"));
        let values: Vec<&str> = growth
            .instances
            .iter()
            .map(|i| i.values[0].as_str())
            .collect();
        assert_eq!(values, rates);
    }

    #[test]
    fn shared_text_without_a_differing_slot_is_no_template() {
        let docs: Vec<String> = (0..4)
            .map(|k| {
                format!(
                    "{}。\n全面贯彻党的二十大精神，坚持稳中求进工作总基调，{}。\n",
                    filler(k),
                    filler(300 + k)
                )
            })
            .collect();
        let t = templates(&docs);
        assert!(t.iter().all(|t| {
            let first = &t.instances[0].values;
            t.instances.iter().any(|i| &i.values != first)
        }));
        assert!(
            !t.iter()
                .any(|t| t.parts.iter().any(|p| p.contains("稳中求进"))),
            "{t:#?}"
        );
    }

    #[test]
    fn slots_split_where_every_filling_keeps_text() {
        let fills: Vec<Vec<Key>> = ["5.5%左右增长3%", "6%左右增长4%", "5%左右增长3.5%"]
            .iter()
            .map(|s| s.chars().map(|c| c as Key).collect())
            .collect();
        let refs: Vec<&[Key]> = fills.iter().map(Vec::as_slice).collect();
        let s = slots_of(&refs);
        assert_eq!(s, vec![(0, 4), (8, 10)]);
        assert_eq!(map_slot(refs[0], refs[1], (8, 10)), (6, 8));
    }
}
