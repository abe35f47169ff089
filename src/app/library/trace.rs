//! `taohua trace FILE`: a document decomposed against the library.
//!
//! 1. The document's winnowed fingerprints (`fingerprint::winnow`) are looked
//!    up in the source index; every library document that carries one is a
//!    candidate, with the stretches of the traced document it may cover.
//!    Stretches of 15 characters or more always show up this way.
//! 2. The strongest candidates (most fingerprints shared that fewer than
//!    [`COMMON_CARRIERS`] documents carry; at most [`MAX_CANDIDATES`]) are
//!    compared with the traced document (the passage finder, the traced
//!    document indexed once), and `taohua_core::trace` credits each
//!    character to one of them: the earliest, then the closest in region and
//!    kind, among those sharing a comparable stretch there.
//! 3. The result: the sources with the characters credited to each, most
//!    first, and the credited stretches with their spans on both sides.
//!
//! The traced document itself, when the library holds it, is never its own
//! source, and neither is a document of a later year than it. Each
//! credited stretch is judged stock or specific as pair mode judges a
//! passage (`compare::judge_passage`, against the reference in
//! `stock`), so the reuse splits into stock + specific.

use std::collections::HashMap;

use taohua_core::commonness::Filter;
use taohua_core::commonness::Scope;
use taohua_core::compare::passages::{Finder, KeyPassage};
use taohua_core::compare::{judge_passage, prepare, CompareOptions, Prepared, StockOptions};
use taohua_core::fingerprint::winnow;
use taohua_core::text::normalize::{normalize, Normalized};
use taohua_core::text::Chars;
use taohua_core::trace::{order, Credit, Facts};

use super::store::{lookup, Kind};
use super::{Library, LibraryDoc, LibraryError};

/// At most this many candidates, the strongest, are considered for credit.
const MAX_CANDIDATES: usize = 32;
/// A fingerprint carried by more documents than this is common (stock
/// language): it makes a document a candidate but adds nothing to its
/// strength.
const COMMON_CARRIERS: usize = 4 * MAX_CANDIDATES;

/// One source of a traced document.
#[derive(Debug, Clone)]
pub struct TraceSource {
    /// The library document.
    pub doc: LibraryDoc,
    /// Countable characters of the traced document credited to it.
    pub chars: usize,
    /// Credited stretches.
    pub passages: usize,
}

/// One credited stretch, in char offsets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TracePassage {
    /// Span in the traced document.
    pub span: (u32, u32),
    /// Index into [`TraceResult::sources`].
    pub source: usize,
    /// Span in the source's text.
    pub source_span: (u32, u32),
    /// Countable characters credited.
    pub chars: usize,
    /// True inside one exact run.
    pub exact: bool,
    /// The share of the reference documents that carry it (`None` without
    /// a reference).
    pub commonness: Option<f64>,
    /// Stock language.
    pub stock: bool,
}

/// A traced document.
#[derive(Debug, Clone)]
pub struct TraceResult {
    /// The traced document, prepared.
    pub doc: Prepared,
    /// Its countable characters.
    pub countable: usize,
    /// Countable characters credited to some source.
    pub reused: usize,
    /// Of those, in stock stretches.
    pub stock: usize,
    /// The sources, most characters first.
    pub sources: Vec<TraceSource>,
    /// The credited stretches, in reading order.
    pub passages: Vec<TracePassage>,
    /// Documents in the library (after the filter).
    pub library_documents: usize,
    /// Candidates found, and compared.
    pub candidates: (usize, usize),
    /// The library's id of the traced text, when it holds it.
    pub itself: Option<u32>,
}

/// Trace `text` (with its facts: year, region, kind) against the library's
/// documents that pass `filter`.
pub fn trace(
    lib: &Library,
    text: &str,
    facts: &Facts,
    filter: &Filter,
    stock: &StockOptions,
) -> Result<TraceResult, LibraryError> {
    let opts = CompareOptions {
        stock: stock.clone(),
        ..CompareOptions::default()
    };
    let doc = prepare(text, &opts).map_err(|e| LibraryError::Other {
        path: lib.path().to_path_buf(),
        detail: e.to_string(),
    })?;
    let seq = doc.norm().seq();
    let itself = lib.id_of_text(text)?;
    let docs: HashMap<u32, LibraryDoc> = lib
        .documents(filter)?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();

    // 1. Candidates and the stretches their fingerprints point at.
    let fps = winnow(seq.keys());
    let mut at_hash: HashMap<u64, Vec<u32>> = HashMap::new();
    for &(pos, h) in &fps {
        at_hash.entry(h).or_default().push(pos);
    }
    let hashes: Vec<u64> = at_hash.keys().copied().collect();
    let postings =
        lookup(lib.conn(), Kind::Source, &hashes, lib.removed()).map_err(|e| lib.err(e))?;
    let mut carriers: HashMap<u64, usize> = HashMap::new();
    for p in &postings {
        *carriers.entry(p.id).or_default() += 1;
    }
    let mut reach: HashMap<u32, usize> = HashMap::new();
    let mut strength: HashMap<u32, usize> = HashMap::new();
    // A document does not draw on itself, nor on later ones.
    let later = |d: &LibraryDoc| {
        let year = d.meta.year.as_ref().map(|f| f.value);
        matches!((facts.year, year), (Some(t), Some(y)) if y > t)
    };
    for p in postings {
        if Some(p.doc) == itself || docs.get(&p.doc).is_none_or(later) {
            continue;
        }
        if let Some(positions) = at_hash.get(&p.id) {
            *reach.entry(p.doc).or_default() += positions.len();
            if carriers.get(&p.id).is_some_and(|&n| n <= COMMON_CARRIERS) {
                *strength.entry(p.doc).or_default() += positions.len();
            }
        }
    }
    let found = reach.len();
    let mut candidates: Vec<u32> = reach.keys().copied().collect();
    candidates
        .sort_unstable_by_key(|d| (std::cmp::Reverse(strength.get(d).copied().unwrap_or(0)), *d));
    candidates.truncate(MAX_CANDIDATES);
    candidates.sort_unstable();
    let cand_facts: Vec<Facts> = candidates.iter().map(|id| facts_of(&docs[id])).collect();

    // 2. Compare each candidate with the traced document, then credit.
    let finder = Finder::new(seq, &opts.passages);
    let mut compared: HashMap<usize, Normalized> = HashMap::new();
    let mut passages: Vec<Vec<KeyPassage>> = vec![Vec::new(); candidates.len()];
    for (i, &id) in candidates.iter().enumerate() {
        let Some(src_text) = lib.text(id)? else {
            continue;
        };
        let Ok(chars) = Chars::new(&src_text) else {
            continue;
        };
        let src = normalize(&chars, &opts.norm);
        passages[i] = finder.find(src.seq());
        compared.insert(i, src);
    }
    let credit = Credit::new(seq, &passages, &order(facts, &cand_facts));

    // 3. Sources by characters credited; stretches with their spans.
    let mut credited: Vec<usize> = (0..candidates.len())
        .filter(|&i| credit.of(i) > 0)
        .collect();
    credited.sort_by_key(|&i| (std::cmp::Reverse(credit.of(i)), candidates[i]));
    let index_of: HashMap<usize, usize> =
        credited.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let pieces = credit.pieces();
    let mut sources: Vec<TraceSource> = credited
        .iter()
        .map(|&i| TraceSource {
            doc: docs[&candidates[i]].clone(),
            chars: credit.of(i),
            passages: pieces.iter().filter(|p| p.source == i).count(),
        })
        .collect();
    sources.shrink_to_fit();
    let scope = opts
        .stock
        .reference
        .as_deref()
        .map(|r| Scope::new(r, &opts.stock.filter));
    let passages: Vec<TracePassage> = pieces
        .iter()
        .filter_map(|p| {
            let source = *index_of.get(&p.source)?;
            let src = compared.get(&p.source)?;
            let (slogan, verdict) = judge_passage(&doc, p.keys, scope.as_ref(), &opts);
            Some(TracePassage {
                span: doc.norm().char_span(p.keys.0, p.keys.1),
                source,
                source_span: src.char_span(p.source_keys.0, p.source_keys.1),
                chars: p.chars,
                exact: p.exact,
                commonness: verdict.map(|v| v.commonness),
                stock: slogan || verdict.is_some_and(|v| v.stock),
            })
        })
        .collect();
    let stock_chars = passages.iter().filter(|p| p.stock).map(|p| p.chars).sum();
    Ok(TraceResult {
        countable: doc.countable(),
        reused: credit.reused(),
        stock: stock_chars,
        sources,
        passages,
        library_documents: docs.len(),
        candidates: (found, compared.len()),
        itself,
        doc,
    })
}

/// What tracing needs to know of a library document.
pub(crate) fn facts_of(d: &LibraryDoc) -> Facts {
    Facts {
        year: d.meta.year.as_ref().map(|f| f.value),
        region: d.meta.region.as_ref().map(|f| f.value.clone()),
        kind: d.meta.kind.as_ref().map(|f| f.value.clone()),
    }
}
