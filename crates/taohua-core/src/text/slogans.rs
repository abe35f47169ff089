//! Stock slogans: the formulations every document carries (四个意识…).
//!
//! They are shared by almost everything, so a passage made of them says little
//! about who copied whom. This module finds where they occur in a normalised
//! document, as a mask over its keys, so that passages can be flagged and the
//! aligner can ignore them.

use super::normalize::{keys_of, Key, KeySeq, NormOptions};

/// The built-in list, one formulation per line (`#` starts a comment).
pub const BUILTIN: &str = include_str!("slogans.txt");

/// A set of slogans, normalised once, ready to be searched for.
#[derive(Debug, Clone, Default)]
pub struct Slogans {
    patterns: Vec<Vec<Key>>,
}

impl Slogans {
    /// The built-in list.
    pub fn builtin() -> Slogans {
        Slogans::parse(BUILTIN)
    }

    /// No slogans at all (every shared passage counts as distinctive).
    pub fn none() -> Slogans {
        Slogans::default()
    }

    /// Parse a list, one formulation per line; blank lines and `#` comments
    /// are skipped. Lines are normalised as documents are.
    pub fn parse(list: &str) -> Slogans {
        let opts = NormOptions::default();
        let mut patterns: Vec<Vec<Key>> = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| keys_of(l, &opts).ok())
            .map(|k| k.keys().to_vec())
            .filter(|k| k.len() >= 2)
            .collect();
        patterns.sort();
        patterns.dedup();
        Slogans { patterns }
    }

    /// Add the formulations in `list` (same format as [`Slogans::parse`]).
    pub fn extend(&mut self, list: &str) {
        let more = Slogans::parse(list);
        self.patterns.extend(more.patterns);
        self.patterns.sort();
        self.patterns.dedup();
    }

    /// Number of formulations.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// For each key of `doc`, whether it lies inside an occurrence of a slogan.
    pub fn mask(&self, doc: &KeySeq) -> Vec<bool> {
        let keys = doc.keys();
        let mut mask = vec![false; keys.len()];
        // Patterns by their first key: one pass over the document.
        let mut by_first: rustc_hash::FxHashMap<Key, Vec<&[Key]>> =
            rustc_hash::FxHashMap::default();
        for p in &self.patterns {
            if let Some(&first) = p.first() {
                by_first.entry(first).or_default().push(p);
            }
        }
        for i in 0..keys.len() {
            let Some(candidates) = by_first.get(&keys[i]) else {
                continue;
            };
            for p in candidates {
                if keys.len() - i >= p.len() && keys[i..i + p.len()] == p[..] {
                    mask[i..i + p.len()].iter_mut().for_each(|m| *m = true);
                }
            }
        }
        mask
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn builtin_slogans_are_found_across_punctuation() {
        let s = Slogans::builtin();
        assert!(s.len() > 30);
        let doc = keys_of(
            "要增强\"四个意识\",坚定四个自信。今年粮食增产",
            &NormOptions::default(),
        )
        .unwrap();
        let mask = s.mask(&doc);
        let masked: String = doc
            .keys()
            .iter()
            .zip(&mask)
            .filter(|(_, &m)| m)
            .filter_map(|(&k, _)| char::from_u32(k))
            .collect();
        assert_eq!(masked, "增强四个意识坚定四个自信");
    }
}
