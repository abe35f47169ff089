//! `taohua find TEXT`: every library document that carries a text.
//!
//! The text is normalised as documents are, and its trigrams are looked up
//! in the phrase index (`store::Kind::Phrase`). A document carries the text
//! *exactly* where its trigrams stand at consecutive key positions: the
//! document's rarest trigram of the text is taken as the anchor and the
//! others are checked at their offsets, so the answer is exact (no hashing:
//! trigram ids are the code points themselves) and each hit comes with the
//! span of its first occurrence. A text of [`BRIDGED_MIN`] keys or more is
//! also found *bridged over small edits*: a document without an exact copy
//! that holds four fifths of its trigrams in order, each within a few keys of
//! its place, counts too.
//!
//! The same search answers the core's commonness question
//! ([`taohua_core::commonness::Reference`]) for the library.

use std::collections::{HashMap, HashSet};

use taohua_core::commonness::{DocFacts, Filter, Reference};
use taohua_core::fingerprint::trigrams;
use taohua_core::text::normalize::{keys_of, Key, KeySeq, NormOptions, BREAK};

use super::store::{lookup, Kind, Posting};
use super::{Library, LibraryDoc, LibraryError};

/// Texts of at least this many keys are also found bridged over edits.
pub(crate) const BRIDGED_MIN: usize = 12;
/// Share of a bridged text's trigrams a document must hold in place.
const BRIDGED_COVER: f64 = 0.8;

/// One document that carries the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The document.
    pub doc: LibraryDoc,
    /// Char span of the (first) occurrence in its text.
    pub span: (u32, u32),
    /// False when the text was found bridged over small edits.
    pub exact: bool,
    /// Exact occurrences in the document (0 for a bridged hit).
    pub occurrences: usize,
}

/// Why a text cannot be looked for.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    /// Too short to look up.
    #[error("{}", crate::i18n::msg::find_too_short(*.0))]
    TooShort(usize),
    /// Spans paragraphs.
    #[error("{}", crate::i18n::msg::find_lines())]
    Lines,
    /// The library failed.
    #[error(transparent)]
    Library(#[from] LibraryError),
}

/// The keys of a query: normalised, without leading or trailing line breaks.
pub(crate) fn query_keys(text: &str) -> Result<KeySeq, FindError> {
    let seq = keys_of(text.trim(), &NormOptions::default()).map_err(|_| FindError::TooShort(0))?;
    if seq.keys().contains(&BREAK) {
        return Err(FindError::Lines);
    }
    if seq.len() < 3 {
        return Err(FindError::TooShort(seq.len()));
    }
    Ok(seq)
}

/// Every library document passing `filter` that carries `text`, oldest
/// first (undated last), then by id.
pub fn find(lib: &Library, text: &str, filter: &Filter) -> Result<Vec<Hit>, FindError> {
    let q = query_keys(text)?;
    let exact = exact_matches(lib, q.keys())?;
    let rows: HashMap<u32, LibraryDoc> = lib
        .documents(filter)?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let row = |id: u32| rows.get(&id).cloned();
    let mut hits: Vec<Hit> = Vec::new();
    let mut found: HashSet<u32> = HashSet::new();
    for (doc, spans) in &exact {
        if let Some(d) = row(*doc) {
            found.insert(*doc);
            hits.push(Hit {
                doc: d,
                span: spans[0],
                exact: true,
                occurrences: spans.len(),
            });
        }
    }
    if q.len() >= BRIDGED_MIN {
        for (doc, span) in bridged_matches(lib, &q, &found)? {
            if let Some(d) = row(doc) {
                hits.push(Hit {
                    doc: d,
                    span,
                    exact: false,
                    occurrences: 0,
                });
            }
        }
    }
    hits.sort_by_key(|h| {
        let year = h.doc.meta.year.as_ref().map(|y| y.value);
        (year.is_none(), year, h.doc.id)
    });
    Ok(hits)
}

/// The query's trigrams as (offset, id).
fn query_trigrams(keys: &[Key]) -> Vec<(usize, u64)> {
    trigrams(keys).map(|(i, id)| (i as usize, id)).collect()
}

/// A char span `[start, end)`.
type CharSpan = (u32, u32);

/// Documents holding `keys` exactly, each with the char spans of every
/// occurrence, by document id.
fn exact_matches(lib: &Library, keys: &[Key]) -> Result<Vec<(u32, Vec<CharSpan>)>, LibraryError> {
    let tri = query_trigrams(keys);
    if tri.is_empty() || tri.len() + 2 != keys.len() {
        // A placeholder in the query: it matches no text exactly.
        return Ok(Vec::new());
    }
    let mut ids: Vec<u64> = tri.iter().map(|t| t.1).collect();
    ids.sort_unstable();
    ids.dedup();
    let postings = lookup(lib.conn(), Kind::Phrase, &ids, lib.removed()).map_err(|e| lib.err(e))?;
    // doc → id → postings sorted by key.
    let mut by_doc: HashMap<u32, HashMap<u64, Vec<Posting>>> = HashMap::new();
    for p in postings {
        by_doc
            .entry(p.doc)
            .or_default()
            .entry(p.id)
            .or_default()
            .push(p);
    }
    let mut out = Vec::new();
    for (doc, mut per_id) in by_doc {
        if per_id.len() < ids.len() {
            continue;
        }
        for list in per_id.values_mut() {
            list.sort_unstable_by_key(|p| p.key);
        }
        let at = |id: u64, key: u32| -> Option<&Posting> {
            let list = per_id.get(&id)?;
            let i = list.binary_search_by_key(&key, |p| p.key).ok()?;
            list.get(i)
        };
        // The anchor: the query trigram with the fewest occurrences here.
        let Some(&(anchor, anchor_id)) = tri
            .iter()
            .min_by_key(|(_, id)| per_id.get(id).map_or(usize::MAX, Vec::len))
        else {
            continue;
        };
        let mut spans = Vec::new();
        for p in per_id.get(&anchor_id).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(base) = p.key.checked_sub(anchor as u32) else {
                continue;
            };
            let all = tri.iter().all(|&(i, id)| at(id, base + i as u32).is_some());
            if !all {
                continue;
            }
            let first = at(tri[0].1, base);
            let last = tri.last().and_then(|&(i, id)| at(id, base + i as u32));
            if let (Some(f), Some(l)) = (first, last) {
                spans.push((f.start, l.start + l.len));
            }
        }
        if !spans.is_empty() {
            spans.sort_unstable();
            out.push((doc, spans));
        }
    }
    out.sort_unstable_by_key(|(d, _)| *d);
    Ok(out)
}

/// Documents (other than `exact`) that carry the query with small edits:
/// at least [`BRIDGED_COVER`] of its trigrams in order, each within a few
/// keys of where an exact copy would hold it, over a stretch at most half
/// again as long as the query. Found from the postings alone; returns the
/// char span of the stretch.
fn bridged_matches(
    lib: &Library,
    q: &KeySeq,
    exact: &HashSet<u32>,
) -> Result<Vec<(u32, CharSpan)>, LibraryError> {
    let tri = query_trigrams(q.keys());
    let mut offsets: HashMap<u64, Vec<usize>> = HashMap::new();
    for &(i, id) in &tri {
        offsets.entry(id).or_default().push(i);
    }
    let ids: Vec<u64> = offsets.keys().copied().collect();
    let postings = lookup(lib.conn(), Kind::Phrase, &ids, lib.removed()).map_err(|e| lib.err(e))?;
    // Per document: (where an exact copy would start, query offset, posting).
    let mut votes: HashMap<u32, Vec<(i64, usize, Posting)>> = HashMap::new();
    for p in postings {
        if exact.contains(&p.doc) {
            continue;
        }
        for &i in offsets.get(&p.id).map(Vec::as_slice).unwrap_or(&[]) {
            votes
                .entry(p.doc)
                .or_default()
                .push((i64::from(p.key) - i as i64, i, p));
        }
    }
    let need = (BRIDGED_COVER * tri.len() as f64).ceil() as usize;
    let slack = (q.len() / 4).max(2) as i64;
    let mut out = Vec::new();
    for (doc, mut v) in votes {
        if v.len() < need {
            continue;
        }
        v.sort_unstable_by_key(|x| x.0);
        // The densest band of starts no wider than the slack.
        let mut best: Option<(usize, usize)> = None;
        let mut lo = 0;
        for hi in 0..v.len() {
            while v[hi].0 - v[lo].0 > slack {
                lo += 1;
            }
            let distinct: HashSet<usize> = v[lo..=hi].iter().map(|x| x.1).collect();
            if best.is_none_or(|(n, _)| distinct.len() > n) {
                best = Some((distinct.len(), lo));
            }
        }
        let Some((n, lo)) = best else { continue };
        if n < need {
            continue;
        }
        let band: Vec<&Posting> = v[lo..]
            .iter()
            .take_while(|x| x.0 - v[lo].0 <= slack)
            .map(|x| &x.2)
            .collect();
        let from = band.iter().map(|p| p.start).min().unwrap_or(0);
        let to = band.iter().map(|p| p.start + p.len).max().unwrap_or(from);
        out.push((doc, (from, to)));
    }
    out.sort_unstable_by_key(|x| x.0);
    Ok(out)
}

/// The library as a reference for commonness: a library behind a lock, so
/// that comparisons running on several threads can ask it.
#[derive(Debug)]
pub struct LibraryReference(pub std::sync::Mutex<Library>);

impl Reference for LibraryReference {
    fn name(&self) -> String {
        self.0
            .lock()
            .map(|l| l.path().display().to_string())
            .unwrap_or_default()
    }

    fn select(&self, filter: &Filter) -> Vec<u32> {
        let Ok(lib) = self.0.lock() else {
            return Vec::new();
        };
        lib.documents(filter)
            .map(|docs| docs.into_iter().map(|d| d.id).collect())
            .unwrap_or_default()
    }

    fn facts(&self) -> Vec<DocFacts> {
        let Ok(lib) = self.0.lock() else {
            return Vec::new();
        };
        let rows = lib.documents(&Filter::default()).unwrap_or_default();
        let max = rows.iter().map(|d| d.id as usize + 1).max().unwrap_or(0);
        let mut out = vec![DocFacts::default(); max];
        for d in rows {
            out[d.id as usize] = DocFacts {
                year: d.meta.year.map(|f| f.value),
                kind: d.meta.kind.map(|f| f.value),
                region: d.meta.region.map(|f| f.value),
            };
        }
        out
    }

    fn carrying(&self, keys: &[Key]) -> Vec<u32> {
        let Ok(lib) = self.0.lock() else {
            return Vec::new();
        };
        exact_matches(&lib, keys)
            .map(|m| m.into_iter().map(|(d, _)| d).collect())
            .unwrap_or_default()
    }
}
