//! Corpus analysis: which pairs share most, which phrases travel, and how much
//! of each document already appeared in earlier ones.
//!
//! No O(N²) full comparisons. The fingerprint index (`index`) gives every
//! shared window its document set. Candidate pairs are those that share at
//! least [`CorpusOptions::min_pair_windows`] *rare* windows (carried by no more
//! than `common_above` of the corpus, and by at most four times
//! [`CorpusOptions::partners`] documents), and only they go through the pair
//! passage finder, in parallel. Phrases and per-document reuse come straight
//! from the index, and so do templates (`templates`), unless switched off.
//! Pure: texts in, data out; progress goes to a callback.
//!
//! Stock language is told apart from specific reuse by the rule pair mode
//! uses ([`crate::commonness::StockRule`]): a window is *common* when more
//! than [`CorpusOptions::common_above`] of the corpus's own documents carry
//! it (and at least three), or when the reference finds it common; a passage
//! or phrase is *stock* when at least `stock_share` of its countable
//! characters lie in common windows. Pairs are ranked by the specific text
//! they share.

use rustc_hash::FxHashSet as HashSet;

use rayon::prelude::*;

use super::families::{self, Family};
use super::index::{common_limit, commonness, Index};
use crate::commonness::CommonWindows;
use crate::compare::passages::{find_passages_seeded, PassageOptions, SeedIndex, SeedRun};
use crate::compare::StockOptions;
use crate::fingerprint::{window_hash, windows, WINDOW};
use crate::text::normalize::{normalize, KeySeq, NormOptions, Normalized};
use crate::text::{Chars, TextTooLong};

/// Tunables of a corpus analysis.
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// Shortest passage or phrase, in countable characters (also the window length).
    pub min_chars: usize,
    /// A window carried by more than this share of the documents (and by
    /// three or more) is common in the corpus: it counts towards stock
    /// language, and it is never used to pick pairs (it cannot say which
    /// documents are partners).
    pub common_above: f64,
    /// Rare shared windows a pair needs before the pair finder runs on it.
    pub min_pair_windows: usize,
    /// The pair finder runs on each document's strongest partners, at most
    /// this many (so the work grows with the corpus, not with its square).
    pub partners: usize,
    /// Text folding.
    pub norm: NormOptions,
    /// The reference and the rule that tell stock language from specific
    /// reuse (the reference must list its common windows at once, as a
    /// [`crate::commonness::ReferenceTable`] does; one that cannot is not
    /// consulted, and the corpus alone decides).
    pub stock: StockOptions,
    /// Look for templates (recurring wording with slots; see
    /// [`super::templates`]).
    pub templates: bool,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            min_chars: 8,
            common_above: 0.1,
            min_pair_windows: 4,
            partners: 12,
            norm: NormOptions::default(),
            stock: StockOptions::default(),
            templates: true,
        }
    }
}

/// One document going in.
#[derive(Debug, Clone, Copy)]
pub struct CorpusInput<'a> {
    /// Its text.
    pub text: &'a str,
    /// Its year, if known: "earlier" documents are those of smaller years.
    pub year: Option<i32>,
}

/// Stages reported to the progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Normalising the texts.
    Normalise,
    /// Building the fingerprint index.
    Index,
    /// Running the pair finder on candidate pairs.
    Pairs,
    /// Phrases and per-document reuse.
    Phrases,
    /// Templates.
    Templates,
}

/// A pair that shares text (serialised as a line of `taohua batch pairs`,
/// every figure at full precision).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PairShare {
    /// The first document (smaller id).
    pub a: usize,
    /// The second document.
    pub b: usize,
    /// Share of a's countable characters inside shared passages.
    pub a_reused: f64,
    /// Share of b's countable characters inside shared passages.
    pub b_reused: f64,
    /// Countable characters matched (a's side), all passages.
    pub shared_chars: usize,
    /// Of those, in specific passages (not stock).
    pub specific_chars: usize,
    /// Of those, in stock passages.
    pub stock_chars: usize,
    /// Passages found.
    pub passages: usize,
    /// Of those, stock ones.
    pub stock_passages: usize,
    /// The ranking score: specific characters over the geometric mean of
    /// the two documents' countable characters, so that two long documents
    /// do not outrank two short ones that share more of themselves.
    pub score: f64,
}

/// A phrase found in two or more documents (serialised as a line of
/// `taohua batch phrases`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Phrase {
    /// The text, as the first document (lowest id) has it.
    pub text: String,
    /// Where: document id and char span in it.
    pub first_doc: usize,
    /// Char span in `first_doc`.
    pub span: (u32, u32),
    /// Countable characters.
    pub chars: usize,
    /// Documents that carry it, ascending.
    pub documents: Vec<u32>,
    /// Share of the corpus that carries it.
    pub commonness: f64,
    /// Stock language: mostly in windows common in the corpus or the
    /// reference.
    pub stock: bool,
}

/// How much of a document appeared in earlier documents.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EarlierReuse {
    /// Countable characters.
    pub countable: usize,
    /// Countable characters inside windows found in an earlier document.
    pub reused: usize,
    /// Of those, inside common windows (stock language).
    pub stock: usize,
    /// Earlier documents it shares any window with (slogans included): the
    /// documents `reused` is the union over.
    pub documents: usize,
    /// Earlier documents it shares most with: the (up to) five with the most
    /// distinctive (not common) windows in common, as (document id, countable
    /// chars shared with it, slogans included), largest first.
    pub sources: Vec<(usize, usize)>,
}

impl EarlierReuse {
    /// The copy ratio against earlier documents.
    pub fn ratio(&self) -> f64 {
        if self.countable == 0 {
            0.0
        } else {
            self.reused as f64 / self.countable as f64
        }
    }

    /// The same with stock language left out: specific reuse.
    pub fn specific_ratio(&self) -> f64 {
        if self.countable == 0 {
            0.0
        } else {
            (self.reused - self.stock.min(self.reused)) as f64 / self.countable as f64
        }
    }
}

/// What a corpus analysis finds.
#[derive(Debug, Clone, Default)]
pub struct CorpusAnalysis {
    /// Countable characters of each document.
    pub countable: Vec<usize>,
    /// Pairs, highest score (most specific shared text for their size) first.
    pub pairs: Vec<PairShare>,
    /// Phrases in two or more documents, most widespread first.
    pub phrases: Vec<Phrase>,
    /// The phrases grouped into families (see [`super::families`]), the
    /// most widespread first: the rows of a phrase table.
    pub families: Vec<Family>,
    /// For each phrase, its family.
    pub family_of: Vec<usize>,
    /// Per document, reuse of earlier documents (None without a year).
    pub earlier: Vec<Option<EarlierReuse>>,
    /// Pairs the index proposed (and the pair finder ran on).
    pub candidates: usize,
    /// Recurring wording with slots, most documents first (empty when
    /// [`CorpusOptions::templates`] is off).
    pub templates: Vec<super::templates::Template>,
}

/// Analyse a corpus. `progress(stage, done, total)` is called as work
/// advances. Refused when a text is longer than [`crate::text::MAX_CHARS`].
pub fn analyze(
    docs: &[CorpusInput],
    opts: &CorpusOptions,
    progress: &(dyn Fn(Stage, usize, usize) + Sync),
) -> Result<CorpusAnalysis, TextTooLong> {
    let n = docs.len();
    progress(Stage::Normalise, 0, n);
    // Keys and countable flags only: the spans back to the text (two thirds of
    // a `Normalized`) are rebuilt per document when a phrase needs its text.
    let norms: Vec<KeySeq> = docs
        .par_iter()
        .map(|d| Ok(normalize(&Chars::new(d.text)?, &opts.norm).into_seq()))
        .collect::<Result<_, TextTooLong>>()?;
    progress(Stage::Normalise, n, n);
    progress(Stage::Index, 0, 1);
    let k = window_len(opts);
    let key_refs: Vec<&[u32]> = norms.iter().map(KeySeq::keys).collect();
    let index = Index::build(&key_refs, k);
    progress(Stage::Index, 1, 1);

    // Each document's shared windows, found once: (start, document set id).
    let occ: Vec<Vec<Occ>> = norms.par_iter().map(|x| occurrences(x, &index)).collect();
    // Which keys of each document lie in common windows.
    let reference = reference_common(opts);
    // Common in the corpus: carried by more than `common_above` of it (the
    // share that also keeps a window from picking pairs), and by three or more.
    let corpus_common = common_limit(n, opts.common_above);
    let masks: Vec<Mask> = norms
        .par_iter()
        .zip(&occ)
        .map(|(x, o)| {
            let common = o
                .iter()
                .filter(|run| index.sets[run.set as usize].len() >= corpus_common)
                .map(|run| (run.start, run.len));
            stock_mask(x, common, k, reference.as_ref())
        })
        .collect();
    let candidates = candidate_pairs(&occ, &index, opts);
    let total = candidates.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let popts = passage_options(opts);
    // Group the pairs by their second document, so that its seed index is
    // built once for all its partners.
    let mut by_b: Vec<(usize, Vec<usize>)> = Vec::new();
    for &(a, b) in &candidates {
        match by_b.last_mut() {
            Some((last, group)) if *last == b => group.push(a),
            _ => by_b.push((b, vec![a])),
        }
    }
    // For each document, the ids of the document sets that hold it.
    let mut sets_of: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (id, set) in index.sets.iter().enumerate() {
        for &d in set {
            sets_of[d as usize].push(id as u32);
        }
    }
    let mut pairs: Vec<PairShare> = by_b
        .par_iter()
        .flat_map_iter(|(b, group)| {
            let b = *b;
            let seed_index = SeedIndex::new(norms[b].keys(), popts.seed);
            // Which sets hold `b`, as a bitmap over set ids: asked for every
            // seed of every partner, it stays in cache where a search of each
            // set would not.
            let mut carried = vec![0u64; index.sets.len().div_ceil(64)];
            for &id in &sets_of[b] {
                carried[id as usize / 64] |= 1 << (id % 64);
            }
            let carried_by_b = |id: u32| {
                carried
                    .get(id as usize / 64)
                    .is_some_and(|w| w >> (id % 64) & 1 == 1)
            };
            group
                .iter()
                .map(|&a| {
                    // Seeds: the windows of `a` the corpus index says `b`
                    // also carries.
                    let seeds = occ[a]
                        .iter()
                        .filter(|run| carried_by_b(run.set))
                        .map(|run| (run.start as usize, run.len as usize, 0));
                    let share = pair_share(
                        (a, &norms[a]),
                        (b, &norms[b]),
                        &seed_index,
                        seeds,
                        (&masks[a], opts.stock.rule.stock_share),
                        &popts,
                    );
                    let d = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    if d.is_multiple_of(64) || d == total {
                        progress(Stage::Pairs, d, total);
                    }
                    share
                })
                .collect::<Vec<_>>()
        })
        .filter(|p| p.passages > 0)
        .collect();
    let countable: Vec<usize> = norms.iter().map(|x| x.countable_in(0, x.len())).collect();
    rank_pairs(&mut pairs);

    // Templates in key space first, so that one normalisation with spans
    // per document gives both the phrases and the templates their text.
    let frames = if opts.templates {
        progress(Stage::Templates, 0, 1);
        let f = super::templates::find(&norms, &occ, &index, &pairs);
        progress(Stage::Templates, 1, 1);
        Some(f)
    } else {
        None
    };
    progress(Stage::Phrases, 0, n);
    let texts: Vec<(Vec<Phrase>, Vec<super::templates::Made>)> = (0..n)
        .into_par_iter()
        .map(|d| {
            let sets = &index.sets;
            let found = phrases_of(
                &norms[d],
                &occ[d],
                index.k,
                |set| sets[set as usize].first().copied() == Some(d as u32),
                |run, other| {
                    let set = &sets[occ[d][run].set as usize];
                    subset(set, &sets[occ[d][other].set as usize])
                },
                opts.min_chars,
            );
            let framed = frames.as_ref().is_some_and(|f| f.has(d));
            if found.is_empty() && !framed {
                return (Vec::new(), Vec::new());
            }
            let Ok(chars) = Chars::new(docs[d].text) else {
                return (Vec::new(), Vec::new());
            };
            let doc = normalize(&chars, &opts.norm);
            let made = match &frames {
                Some(f) if framed => f.texts_in(d, &chars, &doc, &norms),
                _ => Vec::new(),
            };
            let stock = (&masks[d], opts.stock.rule.stock_share);
            let members = |set: u32| sets[set as usize].as_slice();
            (
                phrase_texts(d, docs[d].text, &doc, found, members, n, stock),
                made,
            )
        })
        .collect();
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut made: Vec<super::templates::Made> = Vec::new();
    for (p, m) in texts {
        phrases.extend(p);
        made.extend(m);
    }
    rank_phrases(&mut phrases);
    let (families, family_of) = families::group(&phrases, n, &opts.norm);
    let years: Vec<Option<i32>> = docs.iter().map(|d| d.year).collect();
    // The earliest year among each set's documents: documents come in any
    // order, so the set's first (lowest id) document need not be its earliest.
    let set_first_year: Vec<Option<i32>> = index
        .sets
        .iter()
        .map(|set| set.iter().filter_map(|&o| years[o as usize]).min())
        .collect();
    let when = (years.as_slice(), set_first_year.as_slice());
    let earlier: Vec<Option<EarlierReuse>> = (0..n)
        .into_par_iter()
        .map(|d| {
            let m = &masks[d];
            earlier_reuse(d, &norms[d], &occ[d], &index, when, m, opts.common_above)
        })
        .collect();
    progress(Stage::Phrases, n, n);
    let templates = frames.map_or_else(Vec::new, |f| f.assemble(made, n));
    Ok(CorpusAnalysis {
        countable,
        pairs,
        phrases,
        families,
        family_of,
        earlier,
        candidates: total,
        templates,
    })
}

/// The pair finder's options across a corpus: seeds as long as a passage
/// and a tighter cap on repeated windows (a formulation a document repeats
/// dozens of times is common text, and chasing every pairing of its
/// occurrences is most of the cost).
pub(crate) fn passage_options(opts: &CorpusOptions) -> PassageOptions {
    PassageOptions {
        min_chars: opts.min_chars,
        seed: opts.min_chars,
        max_occurrences: 16,
        ..PassageOptions::default()
    }
}

/// The window length of the corpus index, in keys: the shortest passage.
pub(crate) fn window_len(opts: &CorpusOptions) -> usize {
    opts.min_chars.max(2)
}

/// The most documents a window may be carried by and still propose
/// candidate pairs, in a corpus of `docs`: rare (see
/// [`super::index::rare_limit`]), and carried by at most four times
/// [`CorpusOptions::partners`] documents.
pub(crate) fn candidate_limit(docs: usize, opts: &CorpusOptions) -> usize {
    // A window carried by many documents cannot say which dozen are a
    // document's strongest partners: beyond four times `partners` documents
    // it only spreads the same weight over all of them (and costs as much).
    super::index::rare_limit(docs, opts.common_above).min(4 * opts.partners.max(1))
}

/// The windows the reference of `opts.stock` finds common among the
/// documents its filter admits (None without a reference, or with one that
/// cannot list them at once): listed once per analysis, or once per
/// process of a batch engine.
pub fn reference_common(opts: &CorpusOptions) -> Option<CommonWindows> {
    opts.stock
        .reference
        .as_deref()
        .and_then(|r| r.common_windows(&opts.stock.filter, opts.stock.rule.common_share))
}

/// Each document's strongest partners by the rare windows they share (at
/// least `min_pair_windows`, at most [`CorpusOptions::partners`] per
/// document), as pairs `(a, b)` with `a < b`. Scores are kept in a dense array
/// per document, so the cost is the number of (window, carrier) incidences.
fn candidate_pairs(occ: &[Vec<Occ>], index: &Index, opts: &CorpusOptions) -> Vec<(usize, usize)> {
    let rare = candidate_limit(index.docs, opts);
    let n = occ.len();
    let mut out: Vec<(usize, usize)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|a| {
            let mut score = vec![0u32; n];
            let mut touched: Vec<usize> = Vec::new();
            // Each run of windows with one document set counts once, with
            // its length as the weight.
            for run in &occ[a] {
                let set = &index.sets[run.set as usize];
                if set.len() > rare {
                    continue;
                }
                let weight = run.len;
                for &b in set {
                    let b = b as usize;
                    if b == a {
                        continue;
                    }
                    if score[b] == 0 {
                        touched.push(b);
                    }
                    score[b] += weight;
                }
            }
            let mut best: Vec<(u32, usize)> = touched
                .into_iter()
                .filter(|&b| score[b] as usize >= opts.min_pair_windows)
                .map(|b| (score[b], b))
                .collect();
            best.sort_unstable_by(|x, y| y.cmp(x));
            best.truncate(opts.partners);
            best.into_iter().map(move |(_, b)| (a.min(b), a.max(b)))
        })
        .collect();
    out.sort_unstable_by_key(|&(a, b)| (b, a));
    out.dedup();
    out
}

/// A run of shared windows of one document: the windows starting at
/// `start .. start + len`, consecutive, all carried by the same document set.
/// Where a document shares a long passage with the same documents, one run
/// stands for thousands of windows: a corpus of edited copies shares nearly
/// every window, and run by run the work after the index stays proportional
/// to what changes between documents rather than to their length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Occ {
    pub(super) start: u32,
    pub(super) len: u32,
    pub(super) set: u32,
}

impl Occ {
    /// One past the last window start.
    pub(super) fn end(self) -> u32 {
        self.start + self.len
    }
}

/// The shared windows of a document, as runs in reading order.
pub(crate) fn occurrences(doc: &KeySeq, index: &Index) -> Vec<Occ> {
    let mut out: Vec<Occ> = Vec::new();
    for (s, h) in windows(doc.keys(), index.k) {
        let Some(&set) = index.shared.get(&h) else {
            continue;
        };
        match out.last_mut() {
            Some(run) if run.set == set && run.end() == s => run.len += 1,
            _ => out.push(Occ {
                start: s,
                len: 1,
                set,
            }),
        }
    }
    out
}

/// The ranking score of a pair: its specific characters over the geometric
/// mean of the two documents' countable characters, so that two long
/// documents do not outrank two short ones that share more of themselves.
pub fn pair_score(specific_chars: usize, countable_a: usize, countable_b: usize) -> f64 {
    let mean = ((countable_a as f64) * (countable_b as f64)).sqrt();
    if mean > 0.0 {
        specific_chars as f64 / mean
    } else {
        0.0
    }
}

/// Pairs in their ranking order: highest score first, then most specific
/// characters, then by document ids.
pub fn rank_pairs(pairs: &mut [PairShare]) {
    pairs.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(y.specific_chars.cmp(&x.specific_chars))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
}

/// Phrases in their listing order: carried by the most documents first,
/// then the longest, then by where they first occur.
pub fn rank_phrases(phrases: &mut [Phrase]) {
    phrases.sort_by(|x, y| {
        y.documents
            .len()
            .cmp(&x.documents.len())
            .then(y.chars.cmp(&x.chars))
            .then((x.first_doc, x.span).cmp(&(y.first_doc, y.span)))
    });
}

/// Run the pair finder on one candidate pair `(a, b)`, `a < b`, scored.
///
/// What the corpus index tells it comes as `seeds`, the runs of `a`'s
/// window starts whose windows `b` also carries, ascending, so that an
/// engine holding the index elsewhere (`batch`) gives it the same; `mask_a`
/// says which keys of `a` lie in common windows (see [`stock_mask`]).
pub(crate) fn pair_share(
    (a, na): (usize, &KeySeq),
    (b, nb): (usize, &KeySeq),
    seed_index: &SeedIndex,
    seeds: impl Iterator<Item = SeedRun>,
    (mask_a, stock_share): (&Mask, f64),
    popts: &PassageOptions,
) -> PairShare {
    let found = find_passages_seeded(na, nb, seed_index, seeds, |_| true, popts);
    let mut cov_a = vec![false; na.len()];
    let mut cov_b = vec![false; nb.len()];
    let mut share = PairShare {
        a,
        b,
        a_reused: 0.0,
        b_reused: 0.0,
        shared_chars: 0,
        specific_chars: 0,
        stock_chars: 0,
        passages: found.len(),
        stock_passages: 0,
        score: 0.0,
    };
    for p in &found {
        cov_a[p.left.0..p.left.1].iter_mut().for_each(|c| *c = true);
        cov_b[p.right.0..p.right.1]
            .iter_mut()
            .for_each(|c| *c = true);
        share.shared_chars += p.matched;
        if mask_a.is_stock(na, p.left, stock_share) {
            share.stock_passages += 1;
            share.stock_chars += p.matched;
        } else {
            share.specific_chars += p.matched;
        }
    }
    let ratio = |doc: &KeySeq, cov: &[bool]| {
        let all = doc.countable_in(0, doc.len());
        let hit = cov
            .iter()
            .zip(doc.countable())
            .filter(|(&c, &n)| c && n)
            .count();
        if all == 0 {
            0.0
        } else {
            hit as f64 / all as f64
        }
    };
    share.a_reused = ratio(na, &cov_a);
    share.b_reused = ratio(nb, &cov_b);
    share.score = pair_score(
        share.specific_chars,
        na.countable_in(0, na.len()),
        nb.countable_in(0, nb.len()),
    );
    share
}

/// Which keys of a document lie in common windows, one bit each.
pub(crate) struct Mask(Vec<u64>);

impl Mask {
    fn new(len: usize) -> Mask {
        Mask(vec![0; len.div_ceil(64)])
    }

    fn set(&mut self, from: usize, to: usize) {
        for k in from..to {
            if let Some(w) = self.0.get_mut(k / 64) {
                *w |= 1 << (k % 64);
            }
        }
    }

    fn get(&self, k: usize) -> bool {
        self.0.get(k / 64).is_some_and(|w| w >> (k % 64) & 1 == 1)
    }

    /// The stock rule: at least `share` of the countable keys of
    /// `[from, to)` lie in common windows.
    fn is_stock(&self, doc: &KeySeq, (from, to): (usize, usize), share: f64) -> bool {
        let countable = &doc.countable()[from.min(to)..to.min(doc.len())];
        let all = countable.iter().filter(|&&c| c).count();
        let inside = countable
            .iter()
            .enumerate()
            .filter(|&(i, &c)| c && self.get(from + i))
            .count();
        all > 0 && inside as f64 >= share * all as f64
    }
}

/// The keys of `doc` inside windows common in the corpus or in the
/// reference. `corpus_common` are the runs `(start, len)` of window starts
/// (windows of `k` keys) whose windows at least
/// [`common_limit`](super::index::common_limit) documents of the corpus
/// carry; `reference`, the windows the reference finds common (see
/// [`reference_common`]).
pub(crate) fn stock_mask(
    doc: &KeySeq,
    corpus_common: impl Iterator<Item = (u32, u32)>,
    k: usize,
    reference: Option<&CommonWindows>,
) -> Mask {
    let mut mask = Mask::new(doc.len());
    for (start, len) in corpus_common {
        mask.set(start as usize, (start + len) as usize - 1 + k);
    }
    if let Some(common) = reference.filter(|c| !c.is_empty()) {
        for (start, hash) in windows(doc.keys(), WINDOW) {
            if common.contains(hash) {
                mask.set(start as usize, start as usize + WINDOW);
            }
        }
    }
    mask
}

/// True when `sub` ⊆ `sup` (both sorted).
fn subset(sub: &[u32], sup: &[u32]) -> bool {
    let mut it = sup.iter();
    sub.iter().all(|x| it.any(|y| y == x))
}

/// A phrase found in the keys of its first document, before its text is
/// looked up: keys `[from, to)`, its document set, its countable characters.
pub(crate) struct PhraseKeys {
    from: usize,
    to: usize,
    set: u32,
    chars: usize,
}

/// The phrases a document is the first (lowest id) to carry: maximal runs of
/// windows carried by the same documents, extended through windows that even
/// more documents carry (a slogan inside a shared sentence does not cut it).
///
/// `shared` are the document's shared windows as runs (windows of `k` keys);
/// `starts(set)` says whether the document is the first of a set, and
/// `within(run, other)` whether the set of run `run` is part of the set of
/// run `other` (indices into `shared`).
pub(crate) fn phrases_of(
    doc: &KeySeq,
    shared: &[Occ],
    k: usize,
    starts: impl Fn(u32) -> bool,
    within: impl Fn(usize, usize) -> bool,
    min_chars: usize,
) -> Vec<PhraseKeys> {
    let mut seen: HashSet<(u32, u64)> = HashSet::default();
    let mut out = Vec::new();
    for (i, run) in shared.iter().enumerate() {
        if !starts(run.set) {
            continue;
        }
        // Extend through adjacent runs whose set contains this one.
        let (mut lo, mut hi) = (i, i + 1);
        while lo > 0 && shared[lo - 1].end() == shared[lo].start && within(i, lo - 1) {
            lo -= 1;
        }
        while hi < shared.len() && shared[hi].start == shared[hi - 1].end() && within(i, hi) {
            hi += 1;
        }
        let from = shared[lo].start as usize;
        let to = shared[hi - 1].end() as usize - 1 + k;
        let chars = doc.countable_in(from, to);
        let text_key = window_hash(&doc.keys()[from..to]);
        if chars >= min_chars && seen.insert((run.set, text_key)) {
            out.push(PhraseKeys {
                from,
                to,
                set: run.set,
                chars,
            });
        }
    }
    out
}

/// The phrases of document `d` with their text, from `doc`: the document
/// normalised again, with the spans back to its characters, when it has
/// phrases or template instances. `members(set)` are the documents of a
/// set, of a corpus of `docs`; `mask`, which of `d`'s keys lie in common
/// windows.
pub(crate) fn phrase_texts<'s>(
    d: usize,
    text: &str,
    doc: &Normalized,
    found: Vec<PhraseKeys>,
    members: impl Fn(u32) -> &'s [u32],
    docs: usize,
    (mask, stock_share): (&Mask, f64),
) -> Vec<Phrase> {
    if found.is_empty() {
        return Vec::new();
    }
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    found
        .into_iter()
        .map(|p| {
            let set = members(p.set);
            let span = doc.char_span(p.from, p.to);
            let (bs, be) = (byte_at[span.0 as usize], byte_at[span.1 as usize]);
            Phrase {
                text: text[bs..be].to_string(),
                first_doc: d,
                span,
                chars: p.chars,
                documents: set.to_vec(),
                commonness: commonness(set.len(), docs),
                stock: mask.is_stock(doc.seq(), (p.from, p.to), stock_share),
            }
        })
        .collect()
}

/// Reuse of earlier documents in document `d`.
fn earlier_reuse(
    d: usize,
    doc: &KeySeq,
    occ: &[Occ],
    index: &Index,
    (years, set_first_year): (&[Option<i32>], &[Option<i32>]),
    mask: &Mask,
    common_above: f64,
) -> Option<EarlierReuse> {
    const SOURCES: usize = 5;
    let year = years[d]?;
    let is_earlier = |o: u32| {
        years
            .get(o as usize)
            .copied()
            .flatten()
            .is_some_and(|y| y < year)
    };
    let mut reused = vec![false; doc.len()];
    // Windows shared with each earlier document, counted in a dense array;
    // exact coverage is then worked out for the strongest few only.
    let mut per_doc = vec![0u32; years.len()];
    // Runs of windows shared with an earlier document: the keys they cover,
    // their number of windows and their document set.
    let shared: Vec<((usize, usize), u32, &[u32])> = occ
        .iter()
        .filter(|run| set_first_year[run.set as usize].is_some_and(|y| y < year))
        .map(|&run| {
            let keys = (run.start as usize, run.end() as usize - 1 + index.k);
            (keys, run.len, index.sets[run.set as usize].as_slice())
        })
        .collect();
    for &((from, to), _, _) in &shared {
        reused[from..to].iter_mut().for_each(|c| *c = true);
    }
    // Distinctive windows shared with each earlier document, a run at a
    // time: the sources are chosen by what only a few documents carry, not
    // by slogans that every earlier document shares (and a common set's
    // thousands of members would cost as much as the rest together).
    for &(_, windows, set) in &shared {
        if index.is_common(set.len(), common_above) {
            continue;
        }
        for &o in set.iter().filter(|&&o| is_earlier(o)) {
            per_doc[o as usize] += windows;
        }
    }
    let count = |cov: &[bool]| {
        cov.iter()
            .zip(doc.countable())
            .filter(|(&c, &n)| c && n)
            .count()
    };
    let mut top: Vec<(u32, usize)> = per_doc
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .map(|(o, &c)| (c, o))
        .collect();
    top.sort_unstable_by(|x, y| y.cmp(x));
    top.truncate(SOURCES);
    let mut sources: Vec<(usize, usize)> = top
        .into_iter()
        .map(|(_, o)| {
            let mut cov = vec![false; doc.len()];
            for &((from, to), _, set) in &shared {
                if set.binary_search(&(o as u32)).is_ok() {
                    cov[from..to].iter_mut().for_each(|c| *c = true);
                }
            }
            (o, count(&cov))
        })
        .collect();
    sources.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let stock = reused
        .iter()
        .zip(doc.countable())
        .enumerate()
        .filter(|&(k, (&r, &c))| r && c && mask.get(k))
        .count();
    Some(EarlierReuse {
        countable: doc.countable_in(0, doc.len()),
        reused: count(&reused),
        stock,
        documents: earlier_documents(occ, index, &is_earlier, years.len()),
        sources,
    })
}

/// How many earlier documents share any window with a document: the members
/// of each document set its windows are carried by, counted once. Each set
/// is visited once however many runs carry it, so a slogan's set of
/// thousands costs once per document, not once per occurrence.
fn earlier_documents(
    occ: &[Occ],
    index: &Index,
    is_earlier: &dyn Fn(u32) -> bool,
    n: usize,
) -> usize {
    let mut sets: Vec<u32> = occ.iter().map(|run| run.set).collect();
    sets.sort_unstable();
    sets.dedup();
    let mut seen = vec![false; n];
    let mut documents = 0;
    for set in sets {
        for &o in &index.sets[set as usize] {
            if !seen[o as usize] && is_earlier(o) {
                seen[o as usize] = true;
                documents += 1;
            }
        }
    }
    documents
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const SLOGAN: &str = "增强四个意识坚定四个自信做到两个维护";
    const SHARED: &str = "哪里有科技工作者科协工作就做到哪里";

    fn corpus() -> Vec<(String, Option<i32>)> {
        let filler = |k: usize| -> String {
            let pool: Vec<char> =
                "春夏秋冬东南西北山川河海风雨雷电金木水火土日月星辰江湖湘楚燕赵齐鲁吴越闽粤"
                    .chars()
                    .collect();
            let mut x = (k as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            (0..60)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    pool[(x % pool.len() as u64) as usize]
                })
                .collect()
        };
        (0..12)
            .map(|k| {
                let mut t = format!("{}。{SLOGAN}。{}。\n", filler(k), filler(k + 100));
                if k == 3 || k == 7 {
                    t.push_str(&format!("我们要牢记{SHARED}的要求。\n"));
                }
                (t, Some(2010 + k as i32))
            })
            .collect()
    }

    /// The test corpus, analysed with the default options.
    fn analyzed() -> CorpusAnalysis {
        let docs = corpus();
        let inputs: Vec<CorpusInput> = docs
            .iter()
            .map(|(t, y)| CorpusInput { text: t, year: *y })
            .collect();
        analyze(&inputs, &CorpusOptions::default(), &|_, _, _| {}).unwrap()
    }

    #[test]
    fn finds_the_shared_pair_the_phrase_and_the_slogan() {
        let r = analyzed();
        let top = &r.pairs[0];
        assert_eq!((top.a, top.b), (3, 7), "{:?}", r.pairs);
        assert!(top.specific_chars >= 16);
        let phrase = r
            .phrases
            .iter()
            .find(|p| p.text.contains("科协工作就做到哪里"))
            .unwrap();
        assert_eq!(phrase.documents, vec![3, 7]);
        let slogan = r
            .phrases
            .iter()
            .find(|p| p.text.contains("四个自信"))
            .unwrap();
        assert_eq!(slogan.documents.len(), 12);
        assert!(slogan.commonness > 0.9);
        // Document 7 reuses document 3 (earlier); document 3 reuses nothing distinctive.
        let e7 = r.earlier[7].as_ref().unwrap();
        assert_eq!(e7.sources[0].0, 3);
        assert!(e7.specific_ratio() > 0.0);
        let e3 = r.earlier[3].as_ref().unwrap();
        assert!(e3.specific_ratio() < 1e-9);
        assert!(
            e3.ratio() > 0.0,
            "the slogan is earlier reuse, counted as common"
        );
    }

    #[test]
    fn earlier_sources_are_chosen_by_distinctive_text_not_slogans() {
        let r = analyzed();
        // Document 7 shares the slogan with all seven earlier documents, and
        // a sentence with document 3 only: 3 is its one source.
        let e7 = r.earlier[7].as_ref().unwrap();
        assert_eq!(
            e7.sources.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![3],
            "{:?}",
            e7.sources
        );
        // Its count is every character shared with 3, the slogan included.
        assert!(e7.sources[0].1 >= SLOGAN.chars().count() + SHARED.chars().count());
        // Its reuse is the union over all seven earlier documents (the slogan).
        assert_eq!(e7.documents, 7);
        // Document 11 shares the slogan with all eleven earlier documents,
        // and distinctive text (a window across the slogan's end) with one:
        // counting slogans would list five sources.
        assert_eq!(r.earlier[11].as_ref().unwrap().sources.len(), 1);
    }

    #[test]
    fn earlier_means_an_earlier_year_whatever_the_order_of_documents() {
        // The same corpus with years running backwards: document 7 (2023)
        // is now earlier than document 3 (2027).
        let docs: Vec<(String, Option<i32>)> = corpus()
            .into_iter()
            .enumerate()
            .map(|(k, (t, _))| (t, Some(2030 - k as i32)))
            .collect();
        let inputs: Vec<CorpusInput> = docs
            .iter()
            .map(|(t, y)| CorpusInput { text: t, year: *y })
            .collect();
        let r = analyze(&inputs, &CorpusOptions::default(), &|_, _, _| {}).unwrap();
        let e3 = r.earlier[3].as_ref().unwrap();
        assert_eq!(e3.sources.first().map(|s| s.0), Some(7), "{e3:?}");
        assert!(e3.specific_ratio() > 0.0);
        let e7 = r.earlier[7].as_ref().unwrap();
        assert!(e7.specific_ratio() < 1e-9, "{e7:?}");
    }

    #[test]
    fn empty_and_single_documents() {
        let r = analyze(&[], &CorpusOptions::default(), &|_, _, _| {}).unwrap();
        assert!(r.pairs.is_empty() && r.phrases.is_empty());
        let one = [CorpusInput {
            text: "只有一篇文档，没有可以比较的。",
            year: None,
        }];
        let r = analyze(&one, &CorpusOptions::default(), &|_, _, _| {}).unwrap();
        assert!(r.pairs.is_empty());
        assert_eq!(r.earlier, vec![None]);
    }
}
