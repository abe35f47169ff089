//! The corpus analysis in pieces, for an engine that holds the index
//! elsewhere: a cluster (the Spark job in `spark/`) computes which documents
//! carry each window, and hands each piece of work here with the part of the
//! index it needs. Every piece runs the very functions [`analyze`] runs, so
//! the answers are the same.
//!
//! - [`document_windows`]: the windows (start, 40-bit hash) the index is built
//!   from, and the document's countable characters.
//! - [`limits`]: the window length and the document counts that make a window
//!   common or able to propose a candidate pair, for a corpus of `n`.
//! - [`pair_shares`]: the pair finder on a document and its candidate
//!   partners. It needs, of the index, only each partner's *common* windows
//!   (what makes a passage stock language): the windows a pair shares are
//!   the windows both texts hold, which it works out from the two texts.
//! - [`document_phrases`]: the phrases a document is the first to carry. It
//!   needs the document sets of its shared windows: their size, their first
//!   document, the members of those it is first in, and which of those sets
//!   lie within the sets of the shared windows around them.
//!
//! Stock language is judged as [`analyze`] judges it: a window is common when
//! [`Limits::common`] documents of the corpus carry it, or when the reference
//! of [`CorpusOptions::stock`] finds it common. The reference's common
//! windows are listed once ([`reference_common`]) and handed to every piece.
//!
//! Cost: as in [`analyze`], per pair and per document; nothing here is
//! quadratic in the corpus.
//!
//! [`analyze`]: super::analysis::analyze

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub use super::analysis::reference_common;
use super::analysis::{
    candidate_limit, occurrences, pair_share, passage_options, phrase_texts, phrases_of,
    stock_mask, window_len, CorpusOptions, PairShare, Phrase,
};
use super::index::{common_limit, rare_limit, Index};
use crate::commonness::CommonWindows;
use crate::compare::passages::{SeedIndex, SeedRun};
use crate::fingerprint::windows;
use crate::text::normalize::{normalize, KeySeq};
use crate::text::{Chars, TextTooLong};

/// A document's fingerprints, as the corpus index takes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentWindows {
    /// Every window of [`Limits::window`] normalised keys without a
    /// placeholder or line break: (start key, 40-bit hash), in order.
    pub windows: Vec<(u32, u64)>,
    /// Countable characters (letters, digits, Han).
    pub countable: usize,
}

/// The normalised keys of a text, as the corpus analysis makes them.
fn keys(text: &str, opts: &CorpusOptions) -> Result<KeySeq, TextTooLong> {
    Ok(normalize(&Chars::new(text)?, &opts.norm).into_seq())
}

/// The windows of a document's text and its countable characters.
pub fn document_windows(text: &str, opts: &CorpusOptions) -> Result<DocumentWindows, TextTooLong> {
    let doc = keys(text, opts)?;
    Ok(DocumentWindows {
        windows: windows(doc.keys(), window_len(opts)),
        countable: doc.countable_in(0, doc.len()),
    })
}

/// The thresholds of a corpus analysis of `docs` documents, each from its
/// one definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Limits {
    /// Window length in keys.
    pub window: usize,
    /// A window carried by more documents than this is not rare: it
    /// proposes no candidate pair.
    pub rare: usize,
    /// A window carried by at least this many documents is common in the
    /// corpus: it counts towards stock language.
    pub common: usize,
    /// Only windows carried by at most this many documents propose
    /// candidate pairs.
    pub candidate: usize,
    /// Rare shared windows a pair needs to be a candidate.
    pub min_pair_windows: usize,
    /// Candidate partners kept per document.
    pub partners: usize,
}

/// The thresholds for a corpus of `docs` documents.
pub fn limits(docs: usize, opts: &CorpusOptions) -> Limits {
    Limits {
        window: window_len(opts),
        rare: rare_limit(docs, opts.common_above),
        common: common_limit(docs, opts.common_above),
        candidate: candidate_limit(docs, opts),
        min_pair_windows: opts.min_pair_windows,
        partners: opts.partners,
    }
}

/// One candidate partner of a document, with a smaller id.
#[derive(Debug, Clone, Copy)]
pub struct Partner<'a> {
    /// Its id in the corpus.
    pub id: usize,
    /// Its text.
    pub text: &'a str,
    /// The hashes of its windows common in the corpus (carried by at least
    /// [`Limits::common`] documents), in any order.
    pub common: &'a [u64],
}

/// Runs of consecutive window starts, as `(start, len)`, of the windows
/// for which `pick(hash)` holds.
fn runs_where(windows: &[(u32, u64)], pick: impl Fn(u64) -> bool) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &(start, hash) in windows {
        if !pick(hash) {
            continue;
        }
        match out.last_mut() {
            Some((s, len)) if *s + *len == start => *len += 1,
            _ => out.push((start, 1)),
        }
    }
    out
}

/// The pair finder on document `b` and each of its candidate partners (each
/// with a smaller id): the pairs that share a passage, their passages judged
/// stock or specific and scored as [`analyze`](super::analysis::analyze)
/// does. `reference`: [`reference_common`] of `opts`, listed once.
pub fn pair_shares(
    b: usize,
    text: &str,
    partners: &[Partner],
    opts: &CorpusOptions,
    reference: Option<&CommonWindows>,
) -> Result<Vec<PairShare>, TextTooLong> {
    let k = window_len(opts);
    let popts = passage_options(opts);
    let nb = keys(text, opts)?;
    let in_b: HashSet<u64> = windows(nb.keys(), k).into_iter().map(|(_, h)| h).collect();
    let seed_index = SeedIndex::new(nb.keys(), popts.seed);
    let mut out = Vec::new();
    for partner in partners {
        let na = keys(partner.text, opts)?;
        let wa = windows(na.keys(), k);
        // The windows the corpus index would say `b` carries too.
        let seeds: Vec<SeedRun> = runs_where(&wa, |h| in_b.contains(&h))
            .into_iter()
            .map(|(start, len)| (start as usize, len as usize, 0))
            .collect();
        let common_hashes: HashSet<u64> = partner.common.iter().copied().collect();
        let common = runs_where(&wa, |h| common_hashes.contains(&h));
        let mask = stock_mask(&na, common.into_iter(), k, reference);
        let share = pair_share(
            (partner.id, &na),
            (b, &nb),
            &seed_index,
            seeds.into_iter(),
            (&mask, opts.stock.rule.stock_share),
            &popts,
        );
        if share.passages > 0 {
            out.push(share);
        }
    }
    Ok(out)
}

/// A document set that carries some of a document's shared windows.
#[derive(Debug, Clone)]
pub struct WindowSet {
    /// The set's id, any number the engine gives it (equal sets, equal ids).
    pub id: u64,
    /// Its first (lowest) document id.
    pub first: u32,
    /// How many documents it holds.
    pub documents: usize,
    /// Its documents, ascending: needed for the sets whose first document
    /// is the one whose phrases are asked for (may be empty for the others).
    pub members: Vec<u32>,
}

/// What went wrong with a piece of work handed in.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// A text was too long.
    #[error(transparent)]
    TooLong(#[from] TextTooLong),
    /// A set the document is first in came without its documents.
    #[error("document {doc} is the first of set {set}, but the set's documents were not given")]
    MissingMembers {
        /// The document.
        doc: usize,
        /// The set's id.
        set: u64,
    },
    /// A window was given a set that is not among the sets.
    #[error(
        "a window of document {doc} is carried by set {set}, which is not among the sets given"
    )]
    UnknownSet {
        /// The document.
        doc: usize,
        /// The set's id.
        set: u64,
    },
}

/// The part of the index one document's phrases need.
#[derive(Debug, Clone, Default)]
pub struct PhraseSlice {
    /// Each window hash of the document carried by two documents or more,
    /// with the id of its document set.
    pub shared: Vec<(u64, u64)>,
    /// The sets those ids name.
    pub sets: Vec<WindowSet>,
    /// Pairs of set ids `(s, t)`, `s` ≠ `t`, with `s` ⊆ `t`: at least every
    /// such pair where the document is first in `s` and a window of `t`
    /// lies in the same stretch of shared windows as one of `s`.
    pub within: Vec<(u64, u64)>,
}

/// The phrases document `d` of a corpus of `docs` is the first to carry,
/// with their text and whether each is stock language, as
/// [`analyze`](super::analysis::analyze) finds them (unordered:
/// [`super::analysis::rank_phrases`] orders them, and
/// [`super::families::group`] groups them). `reference`:
/// [`reference_common`] of `opts`, listed once.
pub fn document_phrases(
    d: usize,
    text: &str,
    slice: &PhraseSlice,
    docs: usize,
    opts: &CorpusOptions,
    reference: Option<&CommonWindows>,
) -> Result<Vec<Phrase>, BatchError> {
    let normalized = normalize(&Chars::new(text)?, &opts.norm);
    let doc = normalized.seq();
    // The sets numbered locally, as the index numbers its own.
    let local: HashMap<u64, u32> = slice
        .sets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i as u32))
        .collect();
    let mut index = Index {
        k: window_len(opts),
        docs,
        ..Index::default()
    };
    for &(hash, set) in &slice.shared {
        let &id = local
            .get(&set)
            .ok_or(BatchError::UnknownSet { doc: d, set })?;
        index.shared.insert(hash, id);
    }
    for s in &slice.sets {
        if s.first as usize == d && s.members.is_empty() {
            return Err(BatchError::MissingMembers { doc: d, set: s.id });
        }
    }
    let within: HashSet<(u32, u32)> = slice
        .within
        .iter()
        .filter_map(|(s, t)| Some((*local.get(s)?, *local.get(t)?)))
        .collect();
    let occ = occurrences(doc, &index);
    let sets = &slice.sets;
    let corpus_common = common_limit(docs, opts.common_above);
    let common = occ
        .iter()
        .filter(|run| sets[run.set as usize].documents >= corpus_common)
        .map(|run| (run.start, run.len));
    let mask = stock_mask(doc, common, index.k, reference);
    let found = phrases_of(
        doc,
        &occ,
        index.k,
        |set| sets[set as usize].first as usize == d,
        |run, other| {
            let (s, t) = (occ[run].set, occ[other].set);
            s == t || within.contains(&(s, t))
        },
        opts.min_chars,
    );
    Ok(phrase_texts(
        d,
        text,
        &normalized,
        found,
        |set| sets[set as usize].members.as_slice(),
        docs,
        (&mask, opts.stock.rule.stock_share),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::analysis::{analyze, rank_pairs, rank_phrases, CorpusInput};
    use super::*;

    /// A small corpus with a shared sentence, a slogan everyone carries and
    /// a sentence three documents share around the slogan.
    fn corpus() -> Vec<String> {
        let slogan = "增强四个意识坚定四个自信做到两个维护";
        let shared = "哪里有科技工作者科协工作就做到哪里";
        let around = "把科技工作者紧紧团结在党的周围";
        let pool: Vec<char> =
            "春夏秋冬东南西北山川河海风雨雷电金木水火土日月星辰江湖湘楚燕赵齐鲁吴越闽粤"
                .chars()
                .collect();
        (0..30u64)
            .map(|k| {
                let mut x = (k + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                let mut filler = || -> String {
                    (0..50)
                        .map(|_| {
                            x ^= x << 13;
                            x ^= x >> 7;
                            x ^= x << 17;
                            pool[(x % pool.len() as u64) as usize]
                        })
                        .collect()
                };
                let mut t = format!("{}。{slogan}。{}。\n", filler(), filler());
                if k % 10 == 1 {
                    t.push_str(&format!("我们要牢记{shared}的要求。\n"));
                }
                if k >= 27 || k == 2 {
                    t.push_str(&format!("{around}{slogan}{around}。\n"));
                }
                t
            })
            .collect()
    }

    /// The whole analysis, and the same computed piece by piece from an
    /// index held "elsewhere" (built here by brute force): with the corpus
    /// alone deciding what is stock, and with the built-in reference too.
    #[test]
    fn pieces_give_what_the_whole_analysis_gives() {
        let plain = CorpusOptions::default();
        pieces_equal_whole(&plain);
        let with_reference = CorpusOptions {
            stock: crate::compare::StockOptions {
                reference: crate::commonness::builtin()
                    .map(|r| std::sync::Arc::new(r) as std::sync::Arc<_>),
                ..Default::default()
            },
            ..CorpusOptions::default()
        };
        assert!(with_reference.stock.reference.is_some());
        pieces_equal_whole(&with_reference);
    }

    fn pieces_equal_whole(opts: &CorpusOptions) {
        let opts = opts.clone();
        let reference = reference_common(&opts);
        let texts = corpus();
        let inputs: Vec<CorpusInput> = texts
            .iter()
            .map(|t| CorpusInput {
                text: t,
                year: None,
            })
            .collect();
        let whole = analyze(&inputs, &opts, &|_, _, _| {}).unwrap();
        let n = texts.len();
        let limits = limits(n, &opts);
        let wins: Vec<DocumentWindows> = texts
            .iter()
            .map(|t| document_windows(t, &opts).unwrap())
            .collect();
        assert_eq!(
            wins.iter().map(|w| w.countable).collect::<Vec<_>>(),
            whole.countable
        );
        // The index "elsewhere": each hash's documents.
        let mut carriers: std::collections::BTreeMap<u64, Vec<u32>> = Default::default();
        for (d, w) in wins.iter().enumerate() {
            for &(_, h) in &w.windows {
                let set = carriers.entry(h).or_default();
                if set.last() != Some(&(d as u32)) {
                    set.push(d as u32);
                }
            }
        }
        let set_id = |set: &[u32]| {
            set.iter().fold(7u64, |h, &x| {
                h.wrapping_mul(31).wrapping_add(u64::from(x) + 1)
            })
        };
        let common = |d: usize| -> Vec<u64> {
            wins[d]
                .windows
                .iter()
                .map(|&(_, h)| h)
                .filter(|h| carriers[h].len() >= limits.common)
                .collect()
        };
        // Pairs: every pair the whole analysis ran, piece by piece.
        let mut pairs = Vec::new();
        for b in 0..n {
            let commons: Vec<Vec<u64>> = (0..b).map(common).collect();
            let partners: Vec<Partner> = (0..b)
                .map(|a| Partner {
                    id: a,
                    text: &texts[a],
                    common: &commons[a],
                })
                .collect();
            pairs.extend(pair_shares(b, &texts[b], &partners, &opts, reference.as_ref()).unwrap());
        }
        pairs.retain(|p| whole.pairs.iter().any(|w| (w.a, w.b) == (p.a, p.b)));
        rank_pairs(&mut pairs);
        assert!(!pairs.is_empty());
        assert_eq!(pairs, whole.pairs);
        // Phrases: each document with its slice of the index.
        let mut phrases = Vec::new();
        for d in 0..n {
            let mut slice = PhraseSlice::default();
            let mut ids = HashSet::default();
            for &(_, h) in &wins[d].windows {
                let set = &carriers[&h];
                if set.len() < 2 {
                    continue;
                }
                let id = set_id(set);
                slice.shared.push((h, id));
                if ids.insert(id) {
                    slice.sets.push(WindowSet {
                        id,
                        first: set[0],
                        documents: set.len(),
                        members: set.clone(),
                    });
                }
            }
            for s in &slice.sets {
                for t in &slice.sets {
                    let sub = s.members.iter().all(|m| t.members.contains(m));
                    if s.id != t.id && sub {
                        slice.within.push((s.id, t.id));
                    }
                }
            }
            phrases.extend(
                document_phrases(d, &texts[d], &slice, n, &opts, reference.as_ref()).unwrap(),
            );
        }
        rank_phrases(&mut phrases);
        assert!(phrases.iter().any(|p| p.documents.len() == 3));
        assert!(phrases.iter().any(|p| p.documents.len() == 4));
        assert!(phrases.iter().any(|p| p.documents.len() == 30 && p.stock));
        assert!(phrases.iter().any(|p| !p.stock));
        assert_eq!(phrases, whole.phrases);
    }

    #[test]
    fn a_start_set_without_members_is_refused() {
        let text = "哪里有科技工作者科协工作就做到哪里";
        let opts = CorpusOptions::default();
        let w = document_windows(text, &opts).unwrap();
        let slice = PhraseSlice {
            shared: vec![(w.windows[0].1, 9)],
            sets: vec![WindowSet {
                id: 9,
                first: 0,
                documents: 2,
                members: Vec::new(),
            }],
            within: Vec::new(),
        };
        let err = document_phrases(0, text, &slice, 2, &opts, None).unwrap_err();
        assert!(matches!(err, BatchError::MissingMembers { doc: 0, set: 9 }));
        let slice = PhraseSlice {
            shared: vec![(w.windows[0].1, 8)],
            ..slice
        };
        assert!(matches!(
            document_phrases(0, text, &slice, 2, &opts, None),
            Err(BatchError::UnknownSet { set: 8, .. })
        ));
    }
}
