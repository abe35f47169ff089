//! Commonness: in what share of a reference collection's documents (of a
//! kind, around a year) does a passage occur, and is it stock language?
//!
//! A passage every report of its kind carries is *stock* language
//! (坚持以习近平新时代中国特色社会主义思想为指导); one found in two documents is
//! *specific* reuse. The question is asked of a [`Reference`]: any collection
//! that can list its documents (by year, kind and region) and the documents
//! that carry a normalised stretch of text, seen through a [`Scope`] (the
//! documents of a kind, around a year). Two answer it: a [`ReferenceTable`] (the built-in one,
//! made from a broad public collection, or one made from a folder), and the
//! library (from its phrase index).
//!
//! The verdict ([`judge`]) works window by window: a window of
//! [`WINDOW`](crate::fingerprint::WINDOW) keys is *common* when at least
//! [`StockRule::common_share`] of the reference documents carry it, and a
//! passage is stock when at least [`StockRule::stock_share`] of its countable
//! characters lie in common windows. A passage's *commonness* is the share of
//! the reference documents that carry (nearly) all of it: at least four
//! fifths of its windows. EVALUATION.md gives the measurements behind both
//! thresholds.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

use crate::fingerprint::{window_hash, windows, WINDOW};
use crate::text::normalize::{keys_of, Key, KeySeq, NormOptions};

/// Which documents of a reference count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only documents of this kind.
    pub kind: Option<String>,
    /// Only documents of these years, inclusive.
    pub years: Option<(i32, i32)>,
    /// Only documents of this region.
    pub region: Option<String>,
}

impl Filter {
    /// True when a document of this year, region and kind passes.
    pub fn admits(&self, year: Option<i32>, region: Option<&str>, kind: Option<&str>) -> bool {
        self.kind.as_deref().is_none_or(|k| kind == Some(k))
            && self.region.as_deref().is_none_or(|r| region == Some(r))
            && self
                .years
                .is_none_or(|(a, b)| year.is_some_and(|y| a <= y && y <= b))
    }

    /// True when the filter admits every document.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A collection of documents a passage's commonness is measured against.
pub trait Reference: Debug + Send + Sync {
    /// What the reference is, for reports (`built-in`, a path).
    fn name(&self) -> String;
    /// The ids of the documents passing `filter`, ascending.
    fn select(&self, filter: &Filter) -> Vec<u32>;
    /// The documents that carry `keys` (a normalised stretch, compared as
    /// passages are: exactly, after normalisation), ascending ids.
    fn carrying(&self, keys: &[Key]) -> Vec<u32>;
    /// The windows (of [`WINDOW`] keys) that at least `share` of the
    /// documents `filter` admits carry, when the reference can list them at
    /// once (a table can; the library answers window by window only).
    fn common_windows(&self, _filter: &Filter, _share: f64) -> Option<CommonWindows> {
        None
    }
    /// Every document's year, kind and region, by id.
    fn facts(&self) -> Vec<DocFacts>;
}

/// A reference document's year, kind and region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFacts {
    /// Year delivered.
    pub year: Option<i32>,
    /// Kind.
    pub kind: Option<String>,
    /// Region.
    pub region: Option<String>,
}

/// A reference seen through a filter: the documents that count, chosen once.
#[derive(Debug)]
pub struct Scope<'r> {
    reference: &'r dyn Reference,
    admitted: Vec<bool>,
    documents: usize,
}

impl<'r> Scope<'r> {
    /// The documents of `reference` that pass `filter`.
    pub fn new(reference: &'r dyn Reference, filter: &Filter) -> Scope<'r> {
        let ids = reference.select(filter);
        let mut admitted = vec![false; ids.last().map_or(0, |&m| m as usize + 1)];
        for &d in &ids {
            admitted[d as usize] = true;
        }
        Scope {
            reference,
            admitted,
            documents: ids.len(),
        }
    }

    /// How many documents count.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// The documents that count and carry `keys`.
    pub fn carrying(&self, keys: &[Key]) -> Vec<u32> {
        let mut docs = self.reference.carrying(keys);
        docs.retain(|&d| self.admitted.get(d as usize).copied().unwrap_or(false));
        docs
    }

    /// The share of the documents that carry `keys` (0 when none count).
    pub fn commonness(&self, keys: &[Key]) -> f64 {
        if self.documents == 0 {
            return 0.0;
        }
        self.carrying(keys).len() as f64 / self.documents as f64
    }

    /// What the reference is.
    pub fn name(&self) -> String {
        self.reference.name()
    }
}

/// The windows a reference finds common, looked up by their
/// [`windows`](crate::fingerprint::windows) hash.
#[derive(Debug, Clone, Default)]
pub struct CommonWindows {
    keys: rustc_hash::FxHashSet<u32>,
}

impl CommonWindows {
    /// True when the window of [`WINDOW`] keys with this hash is common.
    pub fn contains(&self, hash: u64) -> bool {
        self.keys.contains(&((hash >> 8) as u32))
    }

    /// How many windows are common.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no window is common.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The fewest reference documents a filter must leave before commonness is
/// measured against them: with fewer, the filter is widened.
pub const MIN_DOCUMENTS: usize = 20;

/// The filter for documents of `kind` around `year`: that kind within five
/// years; widened (any kind within five years, then everything) while fewer
/// than [`MIN_DOCUMENTS`] documents pass.
pub fn around(reference: &dyn Reference, kind: Option<&str>, year: Option<i32>) -> Filter {
    let years = year.map(|y| (y - 5, y + 5));
    let candidates = [
        Filter {
            kind: kind.map(str::to_string),
            years,
            region: None,
        },
        Filter {
            kind: None,
            years,
            region: None,
        },
        Filter::default(),
    ];
    candidates
        .iter()
        .find(|f| reference.select(f).len() >= MIN_DOCUMENTS)
        .cloned()
        .unwrap_or_default()
}

/// When a passage is stock language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StockRule {
    /// A window is common when at least this share of the reference
    /// documents carry it.
    pub common_share: f64,
    /// A passage is stock when at least this share of its countable
    /// characters lie in common windows.
    pub stock_share: f64,
}

impl Default for StockRule {
    /// The thresholds measured on the shared corpus (EVALUATION.md).
    fn default() -> Self {
        StockRule {
            common_share: 0.15,
            stock_share: 0.7,
        }
    }
}

/// What a passage is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// The share of the reference documents that carry (nearly) all of it.
    pub commonness: f64,
    /// True for stock language.
    pub stock: bool,
}

/// Judge a passage (its keys and countable flags) against a reference.
pub fn judge(passage: &KeySeq, scope: &Scope, rule: &StockRule) -> Option<Verdict> {
    let n = scope.documents();
    if n == 0 {
        return None;
    }
    let keys = passage.keys();
    let all = windows(keys, WINDOW);
    if all.is_empty() {
        let carriers = scope.carrying(keys).len();
        let share = carriers as f64 / n as f64;
        return Some(Verdict {
            commonness: share,
            stock: share >= rule.common_share,
        });
    }
    let mut common = vec![false; keys.len()];
    let mut per_doc: HashMap<u32, usize> = HashMap::new();
    for &(start, _) in &all {
        let s = start as usize;
        let docs = scope.carrying(&keys[s..s + WINDOW]);
        if docs.len() as f64 >= rule.common_share * n as f64 {
            common[s..s + WINDOW].iter_mut().for_each(|c| *c = true);
        }
        for d in docs {
            *per_doc.entry(d).or_default() += 1;
        }
    }
    let countable = passage.countable();
    let total = countable.iter().filter(|&&c| c).count();
    let inside = countable
        .iter()
        .zip(&common)
        .filter(|(&c, &m)| c && m)
        .count();
    let need = (0.8 * all.len() as f64).ceil() as usize;
    let carriers = per_doc.values().filter(|&&w| w >= need).count();
    Some(Verdict {
        commonness: carriers as f64 / n as f64,
        stock: total > 0 && inside as f64 >= rule.stock_share * total as f64,
    })
}

/// The built-in reference table's bytes: windows of the shared public
/// collection (national government work reports 1954–2025, the provinces'
/// reports of 2025 and 2026, NPC resolutions, CPC congress reports), made by
/// `taohua reference build`; the README says what it covers.
static BUILTIN: &[u8] = include_bytes!("../data/reference.bin");

/// The built-in reference table (`None` in a build without one).
pub fn builtin() -> Option<ReferenceTable<'static>> {
    ReferenceTable::from_bytes(BUILTIN, "built-in").ok()
}

/// One document going into a [`ReferenceTable`].
#[derive(Debug, Clone, Copy)]
pub struct RefDoc<'a> {
    /// Its text.
    pub text: &'a str,
    /// Year delivered.
    pub year: Option<i32>,
    /// Kind.
    pub kind: Option<&'a str>,
    /// Region.
    pub region: Option<&'a str>,
}

/// Why a reference table cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a taohua reference table ({0}); make one with `taohua reference build`")]
pub struct BadTable(&'static str);

const MAGIC: &[u8; 8] = b"TAOHREF1";
/// Windows carried by fewer documents are left out of a table.
const MIN_CARRIERS: usize = 3;

/// A compact, searchable table of the windows a collection's documents
/// share: for each window carried by at least three documents, which ones;
/// and each document's year, kind and region.
///
/// The bytes are searched in place (a sorted array of 32-bit window keys
/// with offsets into the documents' lists), so the built-in table embedded
/// in the binary costs nothing until a window is looked up.
///
/// ```text
/// "TAOHREF1", u32 documents, u32 strings, u32 windows,
/// strings: u16 length + UTF-8 each,
/// documents: i32 year (i32::MIN: none), u16 kind, u16 region (0xffff: none),
/// windows: (u32 key, u32 offset) sorted by key,
/// lists: u16 count + u16 document each
/// ```
#[derive(Clone)]
pub struct ReferenceTable<'a> {
    bytes: std::borrow::Cow<'a, [u8]>,
    name: String,
    docs: Vec<(Option<i32>, Option<u16>, Option<u16>)>,
    strings: Vec<String>,
    windows: usize,
    windows_at: usize,
    lists_at: usize,
}

impl Debug for ReferenceTable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferenceTable")
            .field("name", &self.name)
            .field("documents", &self.docs.len())
            .field("windows", &self.windows)
            .finish()
    }
}

/// The table key of a window: the top 32 of its 40 hash bits (so
/// [`CommonWindows::contains`] finds a window by its hash alone).
fn table_key(keys: &[Key]) -> u32 {
    (window_hash(keys) >> 8) as u32
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> ReferenceTable<'a> {
    /// Build the table's bytes from documents.
    pub fn build(docs: &[RefDoc]) -> Vec<u8> {
        use rayon::prelude::*;
        let opts = NormOptions::default();
        let seqs: Vec<Option<KeySeq>> = docs
            .par_iter()
            .map(|d| keys_of(d.text, &opts).ok())
            .collect();
        let refs: Vec<Option<&KeySeq>> = seqs.iter().map(Option::as_ref).collect();
        Self::build_keyed(docs, &refs)
    }

    /// Build from documents already normalised (`seqs[i]` the keys of
    /// `docs[i]`, `None` for one that could not be read).
    pub(crate) fn build_keyed(docs: &[RefDoc], seqs: &[Option<&KeySeq>]) -> Vec<u8> {
        let mut strings: BTreeMap<&str, u16> = BTreeMap::new();
        for d in docs {
            for s in [d.kind, d.region].into_iter().flatten() {
                let next = strings.len() as u16;
                strings.entry(s).or_insert(next);
            }
        }
        let mut carriers: HashMap<u32, Vec<u16>> = HashMap::new();
        for (i, seq) in seqs.iter().enumerate().take(u16::MAX as usize) {
            let Some(seq) = seq else {
                continue;
            };
            let mut seen: Vec<u32> = windows(seq.keys(), WINDOW)
                .iter()
                .map(|&(s, _)| table_key(&seq.keys()[s as usize..s as usize + WINDOW]))
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for k in seen {
                carriers.entry(k).or_default().push(i as u16);
            }
        }
        let mut kept: Vec<(u32, Vec<u16>)> = carriers
            .into_iter()
            .filter(|(_, d)| d.len() >= MIN_CARRIERS)
            .collect();
        kept.sort_unstable_by_key(|k| k.0);
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(docs.len().min(u16::MAX as usize) as u32).to_le_bytes());
        out.extend_from_slice(&(strings.len() as u32).to_le_bytes());
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        let mut by_id: Vec<&str> = vec![""; strings.len()];
        for (s, &i) in &strings {
            by_id[i as usize] = s;
        }
        for s in by_id {
            let b = s.as_bytes();
            out.extend_from_slice(&(b.len().min(u16::MAX as usize) as u16).to_le_bytes());
            out.extend_from_slice(&b[..b.len().min(u16::MAX as usize)]);
        }
        for d in docs.iter().take(u16::MAX as usize) {
            out.extend_from_slice(&d.year.unwrap_or(i32::MIN).to_le_bytes());
            for s in [d.kind, d.region] {
                let id = s.and_then(|s| strings.get(s).copied()).unwrap_or(u16::MAX);
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        let mut offset = 0u32;
        for (k, list) in &kept {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&offset.to_le_bytes());
            offset += 2 + 2 * list.len() as u32;
        }
        for (_, list) in &kept {
            out.extend_from_slice(&(list.len() as u16).to_le_bytes());
            for d in list {
                out.extend_from_slice(&d.to_le_bytes());
            }
        }
        out
    }

    /// Read a table's bytes (borrowed, as the built-in one is, or owned).
    pub fn from_bytes(
        bytes: impl Into<std::borrow::Cow<'a, [u8]>>,
        name: &str,
    ) -> Result<ReferenceTable<'a>, BadTable> {
        let bytes = bytes.into();
        let b: &[u8] = &bytes;
        if b.get(..8) != Some(MAGIC.as_slice()) {
            return Err(BadTable("no TAOHREF1 header"));
        }
        let bad = || BadTable("cut short");
        let docs_n = read_u32(b, 8).ok_or_else(bad)? as usize;
        let strings_n = read_u32(b, 12).ok_or_else(bad)? as usize;
        let windows = read_u32(b, 16).ok_or_else(bad)? as usize;
        let mut at = 20;
        let mut strings = Vec::with_capacity(strings_n);
        for _ in 0..strings_n {
            let len = read_u16(b, at).ok_or_else(bad)? as usize;
            let s = b.get(at + 2..at + 2 + len).ok_or_else(bad)?;
            strings.push(String::from_utf8_lossy(s).into_owned());
            at += 2 + len;
        }
        let mut docs = Vec::with_capacity(docs_n);
        for _ in 0..docs_n {
            let year = read_u32(b, at).ok_or_else(bad)? as i32;
            let kind = read_u16(b, at + 4).ok_or_else(bad)?;
            let region = read_u16(b, at + 6).ok_or_else(bad)?;
            let id = |v: u16| (v != u16::MAX && (v as usize) < strings_n).then_some(v);
            docs.push(((year != i32::MIN).then_some(year), id(kind), id(region)));
            at += 8;
        }
        let windows_at = at;
        let lists_at = windows_at + 8 * windows;
        if b.len() < lists_at {
            return Err(bad());
        }
        // The last list must end inside the bytes.
        if windows > 0 {
            let last = read_u32(b, lists_at - 4).ok_or_else(bad)? as usize;
            let n = read_u16(b, lists_at + last).ok_or_else(bad)? as usize;
            if b.len() < lists_at + last + 2 + 2 * n {
                return Err(bad());
            }
        }
        Ok(ReferenceTable {
            bytes,
            name: name.to_string(),
            docs,
            strings,
            windows,
            windows_at,
            lists_at,
        })
    }

    /// Documents in the table.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True for a table without documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn admits(&self, d: usize, f: &Filter) -> bool {
        let Some(&(year, kind, region)) = self.docs.get(d) else {
            return false;
        };
        let s = |i: Option<u16>| {
            i.and_then(|i| self.strings.get(i as usize))
                .map(String::as_str)
        };
        f.admits(year, s(region), s(kind))
    }

    /// The documents carrying the window with table key `key`.
    fn list(&self, key: u32) -> Vec<u32> {
        let b: &[u8] = &self.bytes;
        let (mut lo, mut hi) = (0usize, self.windows);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match read_u32(b, self.windows_at + 8 * mid) {
                Some(k) if k < key => lo = mid + 1,
                Some(_) => hi = mid,
                None => return Vec::new(),
            }
        }
        if lo >= self.windows || read_u32(b, self.windows_at + 8 * lo) != Some(key) {
            return Vec::new();
        }
        let Some(offset) = read_u32(b, self.windows_at + 8 * lo + 4) else {
            return Vec::new();
        };
        let at = self.lists_at + offset as usize;
        let n = read_u16(b, at).unwrap_or(0) as usize;
        (0..n)
            .filter_map(|i| read_u16(b, at + 2 + 2 * i).map(u32::from))
            .collect()
    }
}

impl Reference for ReferenceTable<'_> {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn select(&self, filter: &Filter) -> Vec<u32> {
        (0..self.docs.len())
            .filter(|&d| self.admits(d, filter))
            .map(|d| d as u32)
            .collect()
    }

    fn common_windows(&self, filter: &Filter, share: f64) -> Option<CommonWindows> {
        let admitted: Vec<bool> = (0..self.docs.len())
            .map(|d| self.admits(d, filter))
            .collect();
        let n = admitted.iter().filter(|&&a| a).count();
        let need = ((share * n as f64).ceil() as usize).max(1);
        let b: &[u8] = &self.bytes;
        let mut keys = rustc_hash::FxHashSet::default();
        for w in 0..self.windows {
            let (Some(key), Some(offset)) = (
                read_u32(b, self.windows_at + 8 * w),
                read_u32(b, self.windows_at + 8 * w + 4),
            ) else {
                break;
            };
            let at = self.lists_at + offset as usize;
            let count = read_u16(b, at).unwrap_or(0) as usize;
            if count < need {
                continue;
            }
            let carried = (0..count)
                .filter_map(|i| read_u16(b, at + 2 + 2 * i))
                .filter(|&d| admitted.get(d as usize).copied().unwrap_or(false))
                .count();
            if carried >= need {
                keys.insert(key);
            }
        }
        Some(CommonWindows { keys })
    }

    fn facts(&self) -> Vec<DocFacts> {
        let s = |i: Option<u16>| i.and_then(|i| self.strings.get(i as usize)).cloned();
        self.docs
            .iter()
            .map(|&(year, kind, region)| DocFacts {
                year,
                kind: s(kind),
                region: s(region),
            })
            .collect()
    }

    /// Documents carrying every window of `keys` (a stretch shorter than a
    /// window is carried by none: the table holds windows only).
    fn carrying(&self, keys: &[Key]) -> Vec<u32> {
        let mut out: Option<Vec<u32>> = None;
        for (s, _) in windows(keys, WINDOW) {
            let s = s as usize;
            let list = self.list(table_key(&keys[s..s + WINDOW]));
            out = Some(match out {
                None => list,
                Some(prev) => prev.into_iter().filter(|d| list.contains(d)).collect(),
            });
            if out.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        out.unwrap_or_default()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn keys(s: &str) -> KeySeq {
        keys_of(s, &NormOptions::default()).unwrap()
    }

    const SLOGAN: &str = "坚持以习近平新时代中国特色社会主义思想为指导";
    const RARE: &str = "全市建成科普驿站五十个覆盖所有乡镇";

    fn table() -> Vec<u8> {
        let mut texts: Vec<String> = (0..30)
            .map(|i| format!("第{i}份报告。{SLOGAN}。其他内容{i}甲乙丙丁戊己庚辛。"))
            .collect();
        texts[0].push_str(RARE);
        let docs: Vec<RefDoc> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| RefDoc {
                text: t,
                year: Some(2000 + i as i32),
                kind: Some(if i % 2 == 0 { "报告" } else { "讲话" }),
                region: None,
            })
            .collect();
        ReferenceTable::build(&docs)
    }

    #[test]
    fn a_slogan_is_stock_and_a_rare_phrase_is_specific() {
        let bytes = table();
        let t = ReferenceTable::from_bytes(bytes.as_slice(), "test").unwrap();
        assert_eq!(t.len(), 30);
        let all = Scope::new(&t, &Filter::default());
        let rule = StockRule::default();
        let v = judge(&keys(SLOGAN), &all, &rule).unwrap();
        assert!(v.stock, "{v:?}");
        assert!((v.commonness - 1.0).abs() < 1e-9, "{v:?}");
        let v = judge(&keys(RARE), &all, &rule).unwrap();
        assert!(!v.stock && v.commonness == 0.0, "{v:?}");
        // A slogan inside specific text: the passage is not mostly stock.
        let mixed = format!("{RARE}{RARE}{SLOGAN}");
        assert!(!judge(&keys(&mixed), &all, &rule).unwrap().stock);
        // Filters count only their documents.
        let speeches = Filter {
            kind: Some("讲话".into()),
            ..Filter::default()
        };
        let speeches = Scope::new(&t, &speeches);
        assert_eq!(speeches.documents(), 15);
        assert_eq!(speeches.carrying(keys(SLOGAN).keys()).len(), 15);
        assert!((speeches.commonness(keys(SLOGAN).keys()) - 1.0).abs() < 1e-9);
        let early = Filter {
            years: Some((2000, 2004)),
            ..Filter::default()
        };
        assert_eq!(t.select(&early).len(), 5);
    }

    #[test]
    fn around_widens_until_enough_documents_pass() {
        let bytes = table();
        let t = ReferenceTable::from_bytes(bytes.as_slice(), "test").unwrap();
        // 6 reports, 11 documents within five years of 2010: too few
        // either way, so everything.
        let f = around(&t, Some("报告"), Some(2010));
        assert!(f.is_empty());
        assert_eq!(t.select(&f).len(), 30);
        // 15 reports in all: still too few for the kind alone.
        let f = around(&t, Some("报告"), None);
        assert!(f.is_empty());
        let f = around(&t, Some("纪要"), None);
        assert!(f.is_empty());
    }

    #[test]
    fn damaged_tables_are_refused() {
        let bytes = table();
        assert!(ReferenceTable::from_bytes(&bytes[..10], "x").is_err());
        assert!(ReferenceTable::from_bytes(&b"NOTATABLExxxxxxxxxxxxxxxx"[..], "x").is_err());
        let cut = &bytes[..bytes.len() / 2];
        assert!(ReferenceTable::from_bytes(cut, "x").is_err());
    }
}
