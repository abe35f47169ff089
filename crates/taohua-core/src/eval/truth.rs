//! Exact ground truth for shared passages, computed independently of the
//! passage finder: a suffix automaton of one document's keys, walked with the
//! other's, gives at every position the longest match ending there. Positions
//! covered by a match of at least `min_chars` countable keys, merged into
//! maximal intervals, are the passages any finder must report.

use std::collections::HashMap;

use crate::text::normalize::{is_wild, Key, KeySeq};

struct State {
    len: usize,
    link: Option<usize>,
    next: HashMap<Key, usize>,
}

/// A suffix automaton over keys.
struct Automaton {
    states: Vec<State>,
}

impl Automaton {
    fn new(keys: &[Key]) -> Automaton {
        let mut sa = Automaton {
            states: vec![State {
                len: 0,
                link: None,
                next: HashMap::new(),
            }],
        };
        let mut last = 0;
        for &k in keys {
            last = sa.extend(last, k);
        }
        sa
    }

    fn extend(&mut self, last: usize, k: Key) -> usize {
        let cur = self.states.len();
        self.states.push(State {
            len: self.states[last].len + 1,
            link: None,
            next: HashMap::new(),
        });
        let mut p = Some(last);
        while let Some(q) = p {
            if self.states[q].next.contains_key(&k) {
                break;
            }
            self.states[q].next.insert(k, cur);
            p = self.states[q].link;
        }
        let Some(p) = p else {
            self.states[cur].link = Some(0);
            return cur;
        };
        let q = self.states[p].next[&k];
        if self.states[p].len + 1 == self.states[q].len {
            self.states[cur].link = Some(q);
            return cur;
        }
        let clone = self.states.len();
        self.states.push(State {
            len: self.states[p].len + 1,
            link: self.states[q].link,
            next: self.states[q].next.clone(),
        });
        let mut p = Some(p);
        while let Some(s) = p {
            if self.states[s].next.get(&k) != Some(&q) {
                break;
            }
            self.states[s].next.insert(k, clone);
            p = self.states[s].link;
        }
        self.states[q].link = Some(clone);
        self.states[cur].link = Some(clone);
        cur
    }
}

/// Wild keys (placeholders, breaks) never match: give each a value of its own.
fn tame(keys: &[Key], salt: u32) -> Vec<Key> {
    keys.iter()
        .enumerate()
        .map(|(i, &k)| {
            if is_wild(k) {
                0xF000_0000 ^ salt ^ ((i as u32) << 1)
            } else {
                k
            }
        })
        .collect()
}

/// Maximal key intervals of `a` lying inside some exact match with `b` of at
/// least `min_chars` countable keys.
pub(crate) fn shared_intervals(a: &KeySeq, b: &KeySeq, min_chars: usize) -> Vec<(usize, usize)> {
    let sa = Automaton::new(&tame(b.keys(), 1));
    let keys = tame(a.keys(), 0);
    // Longest match ending at each position of `a`.
    let mut state = 0usize;
    let mut len = 0usize;
    let mut cover_from = vec![usize::MAX; keys.len()];
    for (i, k) in keys.iter().enumerate() {
        loop {
            if let Some(&n) = sa.states[state].next.get(k) {
                state = n;
                len += 1;
                break;
            }
            match sa.states[state].link {
                Some(l) => {
                    state = l;
                    len = sa.states[state].len;
                }
                None => {
                    len = 0;
                    break;
                }
            }
        }
        if len > 0 && a.countable_in(i + 1 - len, i + 1) >= min_chars {
            cover_from[i] = i + 1 - len;
        }
    }
    let mut delta = vec![0i32; keys.len() + 1];
    for (i, &from) in cover_from.iter().enumerate() {
        if from != usize::MAX {
            delta[from] += 1;
            delta[i + 1] -= 1;
        }
    }
    let mut covered = vec![false; keys.len()];
    let mut depth = 0;
    for (p, c) in covered.iter_mut().enumerate() {
        depth += delta[p];
        *c = depth > 0;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < covered.len() {
        if covered[i] {
            let s = i;
            while i < covered.len() && covered[i] {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::text::normalize::{keys_of, NormOptions};

    fn n(s: &str) -> KeySeq {
        keys_of(s, &NormOptions::default()).unwrap()
    }

    #[test]
    fn finds_the_shared_run() {
        let a = n("甲乙丙丁青少年农民城镇劳动者领导干部戊己");
        let b = n("庚辛青少年农民城镇劳动者领导干部壬癸");
        let iv = shared_intervals(&a, &b, 8);
        assert_eq!(iv.len(), 1);
        assert_eq!(
            a.key_string(iv[0].0, iv[0].1),
            "青少年农民城镇劳动者领导干部"
        );
        assert!(shared_intervals(&a, &n("完全不同的文字内容"), 8).is_empty());
    }

    #[test]
    fn overlapping_matches_merge() {
        let a = n("一二三四五六七八九十甲乙丙丁戊己庚辛");
        let b = n("一二三四五六七八九十。九十甲乙丙丁戊己庚辛");
        let iv = shared_intervals(&a, &b, 8);
        assert_eq!(iv, vec![(0, a.len())]);
    }
}
