//! The corpus fingerprint index: every window of `k` normalised keys in every
//! document, with the set of documents that carry it.
//!
//! Each document's windows are hashed to 40 bits and packed with the
//! document's id into one `u64` (`hash << 24 | doc`), deduplicated per
//! document, and all of them sorted together. A run of equal hashes in the
//! sorted list is one window and the documents that carry it; its length over
//! the corpus size is the window's *commonness*. Windows carried by one
//! document only are dropped; the others map to an interned document set.
//! Memory stays near 8 bytes per window while sorting, and only shared
//! windows are kept afterwards.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

#[cfg(test)]
use crate::fingerprint::window_hash;
use crate::fingerprint::windows;
use crate::text::normalize::Key;

/// Bits for the document id (up to 16.7 million documents); with the 40 bits
/// of a window hash they make one `u64`.
const DOC_BITS: u32 = 24;
const _: () = assert!(crate::fingerprint::HASH_BITS + DOC_BITS == 64);

/// The largest number of documents the index takes.
pub(crate) const MAX_DOCS: usize = 1 << DOC_BITS;

/// The most documents, of `docs`, that text may be carried by and still be
/// rare: `common_above` of them, never fewer than two. The one definition of
/// "common" that the index, the reports and the screens share.
pub fn rare_limit(docs: usize, common_above: f64) -> usize {
    ((common_above * docs as f64).floor() as usize).max(2)
}

/// The fewest documents, of `docs`, that make a window common in the
/// corpus, so that it counts towards stock language: more than
/// [`rare_limit`], and never fewer than three.
pub fn common_limit(docs: usize, common_above: f64) -> usize {
    (rare_limit(docs, common_above) + 1).max(3)
}

/// The share of a corpus of `docs` documents that `carriers` of them make:
/// a window's or a phrase's *commonness*.
pub fn commonness(carriers: usize, docs: usize) -> f64 {
    carriers as f64 / docs.max(1) as f64
}

/// The runs of equal hashes in sorted packed windows, as `[start, end)`.
fn groups(packed: &[u64]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let first = *packed.get(i)?;
        let start = i;
        i += 1;
        while packed
            .get(i)
            .is_some_and(|&p| p >> DOC_BITS == first >> DOC_BITS)
        {
            i += 1;
        }
        Some((start, i))
    })
}

/// One part of the sorted window list, scanned: its shared windows with
/// their document set, numbered within the part.
struct PartSets {
    /// (window hash, set id in `sets`).
    shared: Vec<(u64, u32)>,
    /// The part's distinct document sets.
    sets: Vec<Vec<u32>>,
}

impl PartSets {
    fn scan(packed: &[u64]) -> PartSets {
        let mut sets = SetTable::default();
        let mut shared = Vec::new();
        let mut set: Vec<u32> = Vec::new();
        for (i, j) in groups(packed) {
            if j - i < 2 {
                continue;
            }
            set.clear();
            set.extend(
                packed[i..j]
                    .iter()
                    .map(|&p| (p & ((1 << DOC_BITS) - 1)) as u32),
            );
            // Looked up by content: a vector is made only for a new set.
            let id = match sets.find(&set) {
                Some(id) => id,
                None => sets.push(set.clone()),
            };
            shared.push((packed[i] >> DOC_BITS, id));
        }
        PartSets {
            shared,
            sets: sets.sets,
        }
    }
}

/// Distinct document sets, numbered in the order they are first met, each
/// stored once: a map from a set's hash to the last set with that hash, and
/// a chain through the earlier ones.
#[derive(Default)]
struct SetTable {
    sets: Vec<Vec<u32>>,
    by_hash: HashMap<u64, u32>,
    /// For each set, the previous set with the same hash, if any.
    same_hash: Vec<Option<u32>>,
}

impl SetTable {
    fn hash(set: &[u32]) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(set)
    }

    /// The id of a set equal to `set`, if there is one.
    fn find(&self, set: &[u32]) -> Option<u32> {
        let mut at = *self.by_hash.get(&Self::hash(set))?;
        loop {
            if self.sets[at as usize] == set {
                return Some(at);
            }
            at = self.same_hash[at as usize]?;
        }
    }

    /// The id of `set`, added if it is new.
    fn intern(&mut self, set: Vec<u32>) -> u32 {
        match self.find(&set) {
            Some(id) => id,
            None => self.push(set),
        }
    }

    /// Add `set`, known not to be in the table yet; its new id.
    fn push(&mut self, set: Vec<u32>) -> u32 {
        let id = self.sets.len() as u32;
        let previous = self.by_hash.insert(Self::hash(&set), id);
        self.same_hash.push(previous);
        self.sets.push(set);
        id
    }
}

/// Shared windows and the document sets that carry them.
#[derive(Debug, Default)]
pub struct Index {
    /// Window length in keys.
    pub k: usize,
    /// Number of documents.
    pub docs: usize,
    /// Shared window hash → document set id.
    pub shared: HashMap<u64, u32>,
    /// Document sets, each sorted ascending.
    pub sets: Vec<Vec<u32>>,
}

impl Index {
    /// Build the index over each document's keys.
    pub fn build(keys: &[&[Key]], k: usize) -> Index {
        let docs = keys.len().min(MAX_DOCS);
        let mut packed: Vec<u64> = keys[..docs]
            .par_iter()
            .enumerate()
            .flat_map_iter(|(d, ks)| {
                let mut hs: Vec<u64> = windows(ks, k).into_iter().map(|(_, h)| h).collect();
                hs.sort_unstable();
                hs.dedup();
                hs.into_iter().map(move |h| (h << DOC_BITS) | d as u64)
            })
            .collect();
        packed.par_sort_unstable();
        let mut index = Index {
            k,
            docs,
            ..Index::default()
        };
        // The sorted list is cut at hash boundaries into one part per thread;
        // each part interns its own document sets, and the parts' sets are
        // then merged into one numbering, in order.
        let parts = rayon::current_num_threads().clamp(1, 64);
        let mut cuts: Vec<usize> = vec![0];
        for p in 1..parts {
            let mut at = (packed.len() * p / parts).max(*cuts.last().unwrap_or(&0));
            while at > 0
                && at < packed.len()
                && packed[at] >> DOC_BITS == packed[at - 1] >> DOC_BITS
            {
                at += 1;
            }
            cuts.push(at);
        }
        cuts.push(packed.len());
        let scanned: Vec<PartSets> = cuts
            .windows(2)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|w| PartSets::scan(&packed[w[0]..w[1]]))
            .collect();
        // The window list is the largest thing in memory: gone before the
        // map is filled.
        drop(packed);
        let shared: usize = scanned.iter().map(|p| p.shared.len()).sum();
        index.shared = HashMap::with_capacity_and_hasher(shared, Default::default());
        let mut interned = SetTable::default();
        for part in scanned {
            let ids: Vec<u32> = part
                .sets
                .into_iter()
                .map(|set| interned.intern(set))
                .collect();
            for (hash, local) in part.shared {
                index.shared.insert(hash, ids[local as usize]);
            }
        }
        index.sets = interned.sets;
        index
    }

    /// The document set of a window hash (None: only one document has it).
    #[cfg(test)]
    fn set_of(&self, hash: u64) -> Option<(u32, &[u32])> {
        let &id = self.shared.get(&hash)?;
        self.sets.get(id as usize).map(|s| (id, s.as_slice()))
    }

    /// The most documents a window may have and still be *rare*: `common_above`
    /// of the corpus, but never fewer than two (two documents sharing a
    /// window is the very thing corpus mode looks for).
    pub fn rare_limit(&self, common_above: f64) -> usize {
        rare_limit(self.docs, common_above)
    }

    /// True when a set of `len` documents is more than `common_above` of the corpus.
    pub fn is_common(&self, len: usize, common_above: f64) -> bool {
        len > self.rare_limit(common_above)
    }

    /// Share of the corpus's documents that carry a set.
    pub fn commonness(&self, set: &[u32]) -> f64 {
        commonness(set.len(), self.docs)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<Key> {
        s.chars().map(|c| c as Key).collect()
    }

    #[test]
    fn shared_windows_know_their_documents() {
        let docs = [
            keys("甲乙丙丁戊己庚辛壬癸"),
            keys("子丑甲乙丙丁戊己庚辛"),
            keys("天地玄黄宇宙洪荒"),
        ];
        let refs: Vec<&[Key]> = docs.iter().map(Vec::as_slice).collect();
        let index = Index::build(&refs, 8);
        let h = window_hash(&docs[0][0..8]);
        let (_, set) = index.set_of(h).unwrap_or((0, &[]));
        assert_eq!(set, &[0, 1]);
        assert!((index.commonness(set) - 2.0 / 3.0).abs() < 1e-9);
        assert!(index.set_of(window_hash(&docs[2][0..8])).is_none());
        assert_eq!(index.shared.len(), 1);
    }

    #[test]
    fn parts_scanned_in_parallel_give_the_same_index() {
        // Twenty documents from a small alphabet share many windows, in
        // many different sets.
        let docs: Vec<Vec<Key>> = (0..20u32)
            .map(|d| {
                (0..400u32)
                    .map(|i| 0x4E00 + ((i * 7 + d * (i % 5)) % 11))
                    .collect()
            })
            .collect();
        let refs: Vec<&[Key]> = docs.iter().map(Vec::as_slice).collect();
        let build = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let index = pool.install(|| Index::build(&refs, 4));
            let mut by_hash: Vec<(u64, Vec<u32>)> = index
                .shared
                .iter()
                .map(|(&h, &id)| (h, index.sets[id as usize].clone()))
                .collect();
            by_hash.sort();
            (by_hash, index.sets.len())
        };
        let one = build(1);
        assert!(one.0.len() > 20 && one.1 > 5, "{} {}", one.0.len(), one.1);
        assert_eq!(build(3), one);
        assert_eq!(build(8), one);
    }

    #[test]
    fn windows_skip_breaks_and_placeholders() {
        let mut ks = keys("一二三四五六七八九");
        ks[4] = crate::text::normalize::BREAK;
        assert!(windows(&ks, 4).iter().all(|&(s, _)| s + 4 <= 4 || s >= 5));
        assert_eq!(windows(&ks, 4).len(), 2);
    }
}
