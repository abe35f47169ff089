//! Similarity between units of text, in key space.
//!
//! Two measures, for two jobs:
//! - [`GramProfile`] turns a unit into a set of 4-key windows ("grams"); the
//!   aligner compares units by the grams they share (Dice, containment). It is
//!   cheap, robust to moved clauses, and with slogan keys left out it does not
//!   pair two paragraphs that share nothing but a stock formulation.
//! - [`char_similarity`] is the figure a reader sees: `2·LCS / (|a| + |b|)` over
//!   keys, from a Myers diff whose edit distance is bounded so that the cost
//!   is bounded too (no wall clock in the core).

use crate::text::normalize::{is_wild, Key};

/// Length of the windows compared by the aligner.
pub const GRAM: usize = 4;

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
        let mut grams = Vec::new();
        if keys.len() < GRAM {
            if !keys.is_empty() && !mask.iter().any(|&m| m) {
                grams.push(hash(keys) ^ 0x5555);
            }
        } else {
            for i in 0..=keys.len() - GRAM {
                let w = &keys[i..i + GRAM];
                if w.iter().any(|&k| is_wild(k)) || mask[i..i + GRAM].iter().any(|&m| m) {
                    continue;
                }
                grams.push(hash(w));
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

/// `2·LCS / (|a| + |b|)` over keys, or None when the edit distance exceeds
/// `max_d` (the caller then falls back to a cheaper estimate).
pub fn char_similarity(a: &[Key], b: &[Key], max_d: usize) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return Some(1.0);
    }
    let lcs = lcs_len(a, b, max_d)?;
    Some(2.0 * lcs as f64 / (a.len() + b.len()) as f64)
}

/// Length of a longest common subsequence, by Myers' O((N+M)·D) algorithm,
/// giving up once D exceeds `max_d`.
pub fn lcs_len(a: &[Key], b: &[Key], max_d: usize) -> Option<usize> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 || m == 0 {
        return Some(prefix + suffix);
    }
    let max = (max_d as isize).min(n + m);
    let off = max + 1;
    let mut v = vec![0isize; (2 * max + 3) as usize];
    for d in 0..=max {
        let mut k = -d;
        while k <= d {
            let idx = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                let lcs = ((n + m - d) / 2) as usize;
                return Some(prefix + suffix + lcs);
            }
            k += 2;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Vec<Key> {
        s.chars().map(|c| c as Key).collect()
    }

    #[test]
    fn lcs_of_small_cases() {
        assert_eq!(lcs_len(&k("abcde"), &k("abcde"), 10), Some(5));
        assert_eq!(lcs_len(&k("abcde"), &k("axcye"), 10), Some(3));
        assert_eq!(lcs_len(&k(""), &k("abc"), 10), Some(0));
        assert_eq!(lcs_len(&k("abcdef"), &k("ghijkl"), 4), None);
        assert_eq!(lcs_len(&k("增长8.5%"), &k("增长9.2%"), 10), Some(4));
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let a = k("科协工作就做到哪里");
        let b = k("科协的工作就做到那里");
        let s = char_similarity(&a, &b, 100).unwrap_or(0.0);
        let t = char_similarity(&b, &a, 100).unwrap_or(0.0);
        assert!((s - t).abs() < 1e-12);
        assert!(s > 0.8 && s < 1.0, "{s}");
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
