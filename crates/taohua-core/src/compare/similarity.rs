//! Similarity between units of text, in key space.
//!
//! Two measures, for two jobs:
//! - [`GramProfile`] turns a unit into a set of 4-key windows ("grams"); the
//!   aligner compares units by the grams they share (Dice, containment). It is
//!   cheap, robust to moved clauses, and with slogan keys left out it does not
//!   pair two paragraphs that share nothing but a stock formulation.
//! - [`char_similarity`] is the figure a reader sees: `2·LCS / (|a| + |b|)` over
//!   keys, by a bit-parallel LCS whose cost is bounded by the units' lengths
//!   (no wall clock in the core).

use crate::text::normalize::{is_wild, Key};

/// Length of the windows compared by the aligner.
pub(crate) const GRAM: usize = 4;

/// The distinct gram hashes of one unit, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GramProfile {
    /// Sorted, deduplicated window hashes.
    pub grams: Vec<u64>,
}

impl GramProfile {
    /// The profile of `keys`; windows touching a masked key (a slogan) or a
    /// placeholder are left out. A unit shorter than a gram is one gram.
    pub fn new(keys: &[Key], mask: &[bool]) -> GramProfile {
        let mut grams = Vec::with_capacity((keys.len() + 1).saturating_sub(GRAM).max(1));
        if keys.len() < GRAM {
            if !keys.is_empty() && !mask.iter().any(|&m| m) {
                grams.push(hash(keys) ^ 0x5555);
            }
        } else {
            // One pass: a window is kept when the last unusable key (wild or
            // masked) lies before it.
            let mut next_usable = 0;
            for (i, w) in keys.windows(GRAM).enumerate() {
                if i == 0 {
                    for (k, &key) in w.iter().enumerate().take(GRAM - 1) {
                        if is_wild(key) || mask.get(k).copied().unwrap_or(true) {
                            next_usable = k + 1;
                        }
                    }
                }
                let last = i + GRAM - 1;
                if is_wild(w[GRAM - 1]) || mask.get(last).copied().unwrap_or(true) {
                    next_usable = last + 1;
                }
                if next_usable <= i {
                    grams.push(hash(w));
                }
            }
        }
        grams.sort_unstable();
        grams.dedup();
        GramProfile { grams }
    }

    /// A profile of one gram standing for the whole unit, for units that
    /// yield no grams (a paragraph of slogans, a line of dashes): it pairs
    /// only with an identical unit.
    pub fn whole<T: std::hash::Hash + ?Sized>(content: &T) -> GramProfile {
        use std::hash::{DefaultHasher, Hasher};
        let mut h = DefaultHasher::new();
        content.hash(&mut h);
        GramProfile {
            grams: vec![h.finish() ^ 0xA5A5_A5A5],
        }
    }

    /// Number of distinct grams.
    pub fn len(&self) -> usize {
        self.grams.len()
    }

    /// True when the unit has no grams to compare (empty, or all slogan).
    pub fn is_empty(&self) -> bool {
        self.grams.is_empty()
    }
}

fn hash(w: &[Key]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &k in w {
        h = (h ^ u64::from(k))
            .wrapping_mul(0x1000_0000_01b3)
            .rotate_left(29);
    }
    h
}

/// `2·LCS / (|a| + |b|)` over keys (1 for two empty sequences).
pub(crate) fn char_similarity(a: &[Key], b: &[Key]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * lcs_len(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Length of a longest common subsequence. After the common prefix and suffix
/// are set aside, the bit-parallel algorithm (Allison–Dix, Hyyrö) runs in
/// O(|b| · |a| / 64) word operations whatever the edit distance, so its cost
/// is bounded by the units' lengths alone.
pub(crate) fn lcs_len(a: &[Key], b: &[Key]) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return prefix + suffix;
    }
    // The shorter side is the bit vector.
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let words = a.len().div_ceil(64);
    // Each distinct key of `a` gets `words` mask words in one flat array.
    let mut slot: rustc_hash::FxHashMap<Key, u32> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(a.len().min(1024), Default::default());
    let mut flat: Vec<u64> = Vec::new();
    for (i, &k) in a.iter().enumerate() {
        let at = *slot.entry(k).or_insert_with(|| {
            let at = flat.len() as u32;
            flat.resize(flat.len() + words, 0);
            at
        }) as usize;
        flat[at + i / 64] |= 1 << (i % 64);
    }
    let mut v = vec![!0u64; words];
    for k in b {
        let Some(&at) = slot.get(k) else { continue };
        let m = &flat[at as usize..at as usize + words];
        let mut carry = false;
        for (x, &mw) in v.iter_mut().zip(m) {
            let u = *x & mw;
            let (s1, c1) = x.overflowing_add(u);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *x = s2 | (*x & !mw);
        }
    }
    let mut lcs = 0usize;
    for (w, &x) in v.iter().enumerate() {
        let bits = if w + 1 == words { a.len() - 64 * w } else { 64 };
        let mask = if bits == 64 { !0 } else { (1u64 << bits) - 1 };
        lcs += (!x & mask).count_ones() as usize;
    }
    prefix + suffix + lcs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Vec<Key> {
        s.chars().map(|c| c as Key).collect()
    }

    #[test]
    fn lcs_of_small_cases() {
        assert_eq!(lcs_len(&k("abcde"), &k("abcde")), 5);
        assert_eq!(lcs_len(&k("abcde"), &k("axcye")), 3);
        assert_eq!(lcs_len(&k(""), &k("abc")), 0);
        assert_eq!(lcs_len(&k("abcdef"), &k("ghijkl")), 0);
        assert_eq!(lcs_len(&k("增长8.5%"), &k("增长9.2%")), 4);
    }

    /// The textbook O(N·M) table, to check the bit-parallel one.
    fn lcs_table(a: &[Key], b: &[Key]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for &x in a {
            let mut diag = 0;
            for (j, &y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y {
                    diag + 1
                } else {
                    row[j + 1].max(row[j])
                };
                diag = up;
            }
        }
        row[b.len()]
    }

    #[test]
    fn bit_parallel_lcs_agrees_with_the_table_across_word_boundaries() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for round in 0..300 {
            let (la, lb) = (next(200) as usize, next(200) as usize);
            let alphabet = 2 + round % 6;
            let a: Vec<Key> = (0..la).map(|_| next(alphabet) as Key).collect();
            let b: Vec<Key> = (0..lb).map(|_| next(alphabet) as Key).collect();
            assert_eq!(lcs_len(&a, &b), lcs_table(&a, &b), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let a = k("科协工作就做到哪里");
        let b = k("科协的工作就做到那里");
        let s = char_similarity(&a, &b);
        let t = char_similarity(&b, &a);
        assert!((s - t).abs() < 1e-12);
        assert!(s > 0.8 && s < 1.0, "{s}");
    }

    #[test]
    fn profiles_keep_exactly_the_windows_without_masked_or_wild_keys() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for _ in 0..300 {
            let n = next(30) as usize;
            let keys: Vec<Key> = (0..n)
                .map(|_| match next(12) {
                    0 => crate::text::normalize::PLACEHOLDER,
                    k => 0x4e00 + k as Key,
                })
                .collect();
            let mask: Vec<bool> = (0..n).map(|_| next(8) == 0).collect();
            let mut want: Vec<u64> = if n < GRAM {
                GramProfile::new(&keys, &mask).grams
            } else {
                (0..=n - GRAM)
                    .filter(|&i| {
                        keys[i..i + GRAM].iter().all(|&k| !is_wild(k))
                            && mask[i..i + GRAM].iter().all(|&m| !m)
                    })
                    .map(|i| hash(&keys[i..i + GRAM]))
                    .collect()
            };
            want.sort_unstable();
            want.dedup();
            assert_eq!(
                GramProfile::new(&keys, &mask).grams,
                want,
                "{keys:?} {mask:?}"
            );
        }
    }

    #[test]
    fn slogan_windows_are_left_out() {
        let keys = k("增强四个意识做好科普");
        let mut mask = vec![false; keys.len()];
        mask[..6].iter_mut().for_each(|m| *m = true);
        let p = GramProfile::new(&keys, &mask);
        assert_eq!(p.len(), 1, "only 做好科普 is left");
    }
}
