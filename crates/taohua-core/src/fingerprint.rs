//! Fingerprints of normalised text: the hashes that indexes are built from.
//!
//! Three kinds, each defined once here:
//! - [`windows`]: every window of `k` keys (without a placeholder or line
//!   break) hashed to 40 bits. The corpus index uses every window.
//! - [`winnow`]: a sample of the windows of [`WINDOW`] keys that any two
//!   texts sharing a stretch of at least [`GUARANTEE`] keys are sure to share
//!   (winnowing: in every run of [`WINNOW`] consecutive windows the one with
//!   the smallest hash is kept, the rightmost on ties). About 2 / (WINNOW + 1)
//!   of the windows are kept. A persistent index (the library) stores these,
//!   so that finding the documents a text draws on costs a few thousand
//!   look-ups instead of one per character.
//! - [`trigrams`]: every run of three keys, as an exact 63-bit id (three
//!   21-bit code points), for exact phrase search: a text contains a phrase
//!   when it holds the phrase's trigrams at consecutive positions.
//!
//! Pure and cheap: one pass over the keys each; winnowing keeps a deque of
//! candidates, so it is linear too.

use std::collections::VecDeque;

use crate::text::normalize::{is_wild, Key};

/// Keys in a fingerprint window: the shortest passage.
pub const WINDOW: usize = 8;
/// Windows in a winnowing window.
pub const WINNOW: usize = 8;
/// Shared stretches of at least this many keys always share a winnowed
/// fingerprint.
pub const GUARANTEE: usize = WINDOW + WINNOW - 1;

/// Bits of a window hash.
pub(crate) const HASH_BITS: u32 = 40;

/// A 40-bit hash of a window of keys.
pub fn window_hash(w: &[Key]) -> u64 {
    let mut h: u64 = 0x243f_6a88_85a3_08d3;
    for &k in w {
        h ^= u64::from(k);
        h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= h >> 29;
    }
    h >> (64 - HASH_BITS)
}

/// Hashes of every window of `k` keys without a placeholder or line break,
/// as (start, hash).
pub fn windows(keys: &[Key], k: usize) -> Vec<(u32, u64)> {
    let mut out = Vec::with_capacity(keys.len());
    if k == 0 || keys.len() < k {
        return out;
    }
    let mut clean_from = 0usize;
    for end in 0..keys.len() {
        if is_wild(keys[end]) {
            clean_from = end + 1;
        }
        if let Some(start) = (end + 1).checked_sub(k) {
            if start >= clean_from {
                out.push((start as u32, window_hash(&keys[start..=end])));
            }
        }
    }
    out
}

/// The winnowed fingerprints of `keys`, as (start key, hash), in order and
/// without repeats of the same position. Runs of windows are winnowed
/// separately where a placeholder or line break interrupts them, so a text
/// of at least [`WINDOW`] clean keys always has a fingerprint.
pub fn winnow(keys: &[Key]) -> Vec<(u32, u64)> {
    let all = windows(keys, WINDOW);
    let mut out: Vec<(u32, u64)> = Vec::with_capacity(all.len() * 2 / (WINNOW + 1) + 1);
    let mut run_start = 0;
    for i in 1..=all.len() {
        let breaks = i == all.len() || all[i].0 != all[i - 1].0 + 1;
        if breaks {
            winnow_run(&all[run_start..i], &mut out);
            run_start = i;
        }
    }
    out
}

/// Winnow one run of consecutive windows into `out`.
fn winnow_run(run: &[(u32, u64)], out: &mut Vec<(u32, u64)>) {
    if run.is_empty() {
        return;
    }
    let w = WINNOW.min(run.len());
    // Indices into `run` whose hashes increase from front to back: the front
    // is the minimum of the current window (the rightmost on ties).
    let mut q: VecDeque<usize> = VecDeque::with_capacity(w + 1);
    for i in 0..run.len() {
        while q.back().is_some_and(|&j| run[j].1 >= run[i].1) {
            q.pop_back();
        }
        q.push_back(i);
        if i + 1 < w {
            continue;
        }
        while q.front().is_some_and(|&j| j + w <= i) {
            q.pop_front();
        }
        if let Some(&m) = q.front() {
            if out.last() != Some(&run[m]) {
                out.push(run[m]);
            }
        }
    }
}

/// The exact id of three keys: their code points side by side.
pub fn trigram_id(a: Key, b: Key, c: Key) -> u64 {
    (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c)
}

/// Every trigram of keys without a placeholder or line break, as (start key,
/// id).
pub fn trigrams(keys: &[Key]) -> impl Iterator<Item = (u32, u64)> + '_ {
    keys.windows(3)
        .enumerate()
        .filter(|(_, w)| !w.iter().any(|&k| is_wild(k)))
        .map(|(i, w)| (i as u32, trigram_id(w[0], w[1], w[2])))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::text::normalize::{keys_of, NormOptions};

    fn keys(s: &str) -> Vec<Key> {
        keys_of(s, &NormOptions::default()).unwrap().keys().to_vec()
    }

    #[test]
    fn winnowing_keeps_about_two_in_nine() {
        let text: String = "哪里有科技工作者科协工作就做到哪里把科技工作者紧紧团结在党的周围"
            .repeat(20)
            + "新时代科协组织要坚持为科技工作者服务为创新驱动发展服务为提高全民科学素质服务";
        let k = keys(&text);
        let fp = winnow(&k);
        let density = fp.len() as f64 / windows(&k, WINDOW).len() as f64;
        assert!(density > 0.05 && density < 0.4, "{density}");
        assert!(fp.windows(2).all(|w| w[0].0 < w[1].0));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]
        /// Any shared stretch of GUARANTEE keys shares a fingerprint, wherever
        /// it sits in two otherwise different texts.
        #[test]
        fn shared_stretches_share_a_fingerprint(
            a in "[甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥]{0,40}",
            b in "[春夏秋冬东南西北金木水火土日月星山川河海]{0,40}",
            shared in "[天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏]{15,40}",
        ) {
            let (x, y) = (keys(&format!("{a}{shared}{b}")), keys(&format!("{b}{shared}{a}")));
            let fx: std::collections::HashSet<u64> = winnow(&x).into_iter().map(|f| f.1).collect();
            let fy: std::collections::HashSet<u64> = winnow(&y).into_iter().map(|f| f.1).collect();
            proptest::prop_assert!(fx.intersection(&fy).next().is_some());
        }
    }

    #[test]
    fn trigrams_are_exact_and_skip_breaks() {
        let k = keys("发展\n改革开放");
        let t: Vec<(u32, u64)> = trigrams(&k).collect();
        // 发展¶改革开放: only 改革开 and 革开放 are clean.
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].1, trigram_id('改' as u32, '革' as u32, '开' as u32));
        assert_ne!(trigram_id(1, 2, 3), trigram_id(3, 2, 1));
    }
}
