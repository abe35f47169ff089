//! Alignment of two documents' segments.
//!
//! 1. **Candidates.** Each segment's gram profile (see `similarity`) goes into an
//!    inverted index; a left segment meets only the right segments it shares
//!    grams with. Grams that a large share of segments carry are ignored, and
//!    slogan keys never make grams, so paragraphs that share nothing but a
//!    stock formulation are never candidates.
//! 2. **In-order links.** Among candidates with Dice ≥ [`LINK_DICE`], the
//!    heaviest chain strictly increasing on both sides (weight: shared grams)
//!    is the monotone alignment; gaps cost nothing. It is found like a longest
//!    increasing subsequence, with a Fenwick tree of prefix maxima, in
//!    O(K log K) for K candidates rather than O(N·M).
//! 3. **Split and merge.** An unlinked segment mostly contained in a neighbour's
//!    partner joins that link: one left → several right is a split, several
//!    left → one right a merge.
//! 4. **Moved.** Leftover segments on both sides that are similar enough
//!    (Dice ≥ [`MOVE_DICE`]) are paired, best first, as moved.
//! 5. What is left is deleted (left only) or inserted (right only).

use rustc_hash::FxHashMap as HashMap;

use super::similarity::GramProfile;

/// Minimum Dice similarity for an in-order link.
pub const LINK_DICE: f64 = 0.3;
/// A weaker in-order link is allowed down to this Dice similarity when the
/// pair shares at least [`WEAK_LINK_GRAMS`] grams: a paragraph rewritten
/// around a sentence it kept.
pub const WEAK_LINK_DICE: f64 = 0.1;
/// Shared grams a weak link needs (about one 11-character passage).
pub const WEAK_LINK_GRAMS: usize = 8;
/// Minimum Dice similarity for an out-of-order (moved) link.
pub const MOVE_DICE: f64 = 0.45;
/// Minimum share of a segment's grams found in its neighbour's partner for it
/// to join a split or merge.
pub const JOIN_CONTAINMENT: f64 = 0.5;

/// What an aligned unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Op {
    /// One left segment paired with one right segment, in order.
    Match,
    /// A pair found out of order: the text moved.
    Moved,
    /// One left segment became several right segments.
    Split,
    /// Several left segments became one right segment.
    Merge,
    /// Left only.
    Delete,
    /// Right only.
    Insert,
}

impl Op {
    /// The name used in JSON and text output.
    pub fn name(self) -> &'static str {
        match self {
            Op::Match => "match",
            Op::Moved => "moved",
            Op::Split => "split",
            Op::Merge => "merge",
            Op::Delete => "delete",
            Op::Insert => "insert",
        }
    }
}

/// One aligned unit: segment indices on each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// What kind of unit it is.
    pub op: Op,
    /// Left segment indices, ascending.
    pub left: Vec<usize>,
    /// Right segment indices, ascending.
    pub right: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    l: usize,
    r: usize,
    shared: usize,
    dice: f64,
    /// Share of the left segment's grams found in the right one.
    cont_l: f64,
    /// Share of the right segment's grams found in the left one.
    cont_r: f64,
}

/// Align `left` and `right` segment profiles. Every segment appears in
/// exactly one link; links come in the left document's reading order with
/// inserts placed where they fall on the right.
pub fn align(left: &[GramProfile], right: &[GramProfile]) -> Vec<Link> {
    let cands = candidates(left, right);
    let mut la: Vec<Option<usize>> = vec![None; left.len()]; // left seg → link
    let mut rb: Vec<Option<usize>> = vec![None; right.len()]; // right seg → link
    let mut links: Vec<Link> = Vec::new();

    for c in monotone_chain(&cands) {
        la[c.l] = Some(links.len());
        rb[c.r] = Some(links.len());
        links.push(Link {
            op: Op::Match,
            left: vec![c.l],
            right: vec![c.r],
        });
    }
    join_neighbours(&cands, &mut links, &mut la, &mut rb);
    pair_moved(&cands, &mut links, &mut la, &mut rb);

    for (l, slot) in la.iter().enumerate() {
        if slot.is_none() {
            links.push(Link {
                op: Op::Delete,
                left: vec![l],
                right: vec![],
            });
        }
    }
    let inserts: Vec<usize> = (0..right.len()).filter(|&r| rb[r].is_none()).collect();
    order(links, inserts)
}

/// Candidate pairs from an inverted index of the right segments' grams.
fn candidates(left: &[GramProfile], right: &[GramProfile]) -> Vec<Cand> {
    let index = PostingIndex::new(right);
    // A gram in more than this many right segments says little about which
    // one a left segment belongs with.
    let too_common = (right.len() / 8).max(12);
    let mut counts = vec![0usize; right.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (l, p) in left.iter().enumerate() {
        for &g in &p.grams {
            let post = index.get(g);
            if post.len() > too_common {
                continue;
            }
            for &r in post {
                let r = r as usize;
                if counts[r] == 0 {
                    touched.push(r);
                }
                counts[r] += 1;
            }
        }
        for &r in &touched {
            let shared = counts[r];
            counts[r] = 0;
            let (nl, nr) = (p.len() as f64, right[r].len() as f64);
            let dice = 2.0 * shared as f64 / (nl + nr);
            let cont_l = shared as f64 / nl;
            let cont_r = shared as f64 / nr;
            if dice >= WEAK_LINK_DICE || cont_l >= JOIN_CONTAINMENT || cont_r >= JOIN_CONTAINMENT {
                out.push(Cand {
                    l,
                    r,
                    shared,
                    dice,
                    cont_l,
                    cont_r,
                });
            }
        }
        touched.clear();
    }
    out
}

/// For each gram, the right segments that carry it: all postings in one
/// array, grouped by gram, found through a map from gram to its slice. Two
/// allocations in all, where a map of vectors makes one per gram.
struct PostingIndex {
    /// Gram → (start, length) in `segments`.
    slices: HashMap<u64, (u32, u32)>,
    segments: Vec<u32>,
}

impl PostingIndex {
    fn new(profiles: &[GramProfile]) -> PostingIndex {
        let total: usize = profiles.iter().map(GramProfile::len).sum();
        let mut slices: HashMap<u64, (u32, u32)> =
            HashMap::with_capacity_and_hasher(total, Default::default());
        // Count each gram's postings, turn counts into starts, then fill
        // (segments in ascending order, so every slice is ascending).
        for p in profiles {
            for &g in &p.grams {
                slices.entry(g).or_insert((0, 0)).1 += 1;
            }
        }
        let mut next = 0u32;
        for slot in slices.values_mut() {
            let count = slot.1;
            *slot = (next, 0);
            next += count;
        }
        let mut segments = vec![0u32; total];
        for (r, p) in profiles.iter().enumerate() {
            for &g in &p.grams {
                if let Some(slot) = slices.get_mut(&g) {
                    segments[(slot.0 + slot.1) as usize] = r as u32;
                    slot.1 += 1;
                }
            }
        }
        PostingIndex { slices, segments }
    }

    /// The right segments carrying gram `g`, ascending (empty when none).
    fn get(&self, g: u64) -> &[u32] {
        match self.slices.get(&g) {
            Some(&(start, len)) => &self.segments[start as usize..(start + len) as usize],
            None => &[],
        }
    }
}

/// The heaviest chain of candidates strictly increasing in both `l` and `r`.
fn monotone_chain(cands: &[Cand]) -> Vec<Cand> {
    let links: Vec<&Cand> = cands.iter().filter(|c| linkable(c)).collect();
    let Some(width) = links.iter().map(|c| c.r + 1).max() else {
        return Vec::new();
    };
    // Fenwick tree over r of (best score, candidate index) for chains ending at r.
    let mut tree: Vec<(f64, usize)> = vec![(0.0, usize::MAX); width + 1];
    let query = |tree: &[(f64, usize)], r: usize| {
        // best over positions < r
        let mut i = r;
        let mut best = (0.0, usize::MAX);
        while i > 0 {
            if tree[i].0 > best.0 {
                best = tree[i];
            }
            i &= i - 1;
        }
        best
    };
    let mut score = vec![0.0; links.len()];
    let mut back = vec![usize::MAX; links.len()];
    // `cands` come grouped by l in ascending order; handle one l at a time so
    // that two candidates of the same left segment never chain.
    let mut start = 0;
    while start < links.len() {
        let l = links[start].l;
        let end = start + links[start..].iter().take_while(|c| c.l == l).count();
        for k in start..end {
            let (s, from) = query(&tree, links[k].r);
            score[k] = s + weight(links[k]);
            back[k] = from;
        }
        for k in start..end {
            let mut i = links[k].r + 1;
            while i <= width {
                if score[k] > tree[i].0 {
                    tree[i] = (score[k], k);
                }
                i += i & i.wrapping_neg();
            }
        }
        start = end;
    }
    let mut best = (0.0, usize::MAX);
    for (k, &s) in score.iter().enumerate() {
        if s > best.0 {
            best = (s, k);
        }
    }
    let mut chain = Vec::new();
    let mut at = best.1;
    while at != usize::MAX {
        chain.push(*links[at]);
        at = back[at];
    }
    chain.reverse();
    chain
}

/// Similar enough for an in-order link.
fn linkable(c: &Cand) -> bool {
    c.dice >= LINK_DICE || (c.dice >= WEAK_LINK_DICE && c.shared >= WEAK_LINK_GRAMS)
}

/// The weight of an in-order link: the grams it accounts for, discounted when
/// the pair is only loosely similar.
fn weight(c: &Cand) -> f64 {
    c.shared as f64 * c.dice.sqrt()
}

/// Attach unlinked segments to a neighbour's link when they are mostly
/// contained in its partner (splits and merges).
fn join_neighbours(
    cands: &[Cand],
    links: &mut [Link],
    la: &mut [Option<usize>],
    rb: &mut [Option<usize>],
) {
    let mut by_pair: HashMap<(usize, usize), Cand> = HashMap::default();
    for c in cands {
        by_pair.insert((c.l, c.r), *c);
    }
    // Right segments that join a left segment's link: a split. Sweep forwards
    // then backwards so that runs of several pieces join on either side.
    for forward in [true, false] {
        let order: Vec<usize> = if forward {
            (0..rb.len()).collect()
        } else {
            (0..rb.len()).rev().collect()
        };
        for r in order {
            if rb[r].is_some() {
                continue;
            }
            let neighbour = if forward {
                r.checked_sub(1)
            } else {
                Some(r + 1)
            };
            let Some(link) = neighbour.and_then(|n| rb.get(n).copied().flatten()) else {
                continue;
            };
            if links[link].left.len() != 1 {
                continue;
            }
            let l = links[link].left[0];
            if by_pair
                .get(&(l, r))
                .is_some_and(|c| c.cont_r >= JOIN_CONTAINMENT)
            {
                links[link].right.push(r);
                links[link].right.sort_unstable();
                rb[r] = Some(link);
            }
        }
        for l in if forward {
            (0..la.len()).collect::<Vec<_>>()
        } else {
            (0..la.len()).rev().collect()
        } {
            if la[l].is_some() {
                continue;
            }
            let neighbour = if forward {
                l.checked_sub(1)
            } else {
                Some(l + 1)
            };
            let Some(link) = neighbour.and_then(|n| la.get(n).copied().flatten()) else {
                continue;
            };
            if links[link].right.len() != 1 {
                continue;
            }
            let r = links[link].right[0];
            if by_pair
                .get(&(l, r))
                .is_some_and(|c| c.cont_l >= JOIN_CONTAINMENT)
            {
                links[link].left.push(l);
                links[link].left.sort_unstable();
                la[l] = Some(link);
            }
        }
    }
    for link in links.iter_mut() {
        link.op = match (link.left.len(), link.right.len()) {
            (1, 1) => link.op,
            (1, _) => Op::Split,
            _ => Op::Merge,
        };
    }
}

/// Pair leftover segments that are similar though out of order.
fn pair_moved(
    cands: &[Cand],
    links: &mut Vec<Link>,
    la: &mut [Option<usize>],
    rb: &mut [Option<usize>],
) {
    let mut moved: Vec<&Cand> = cands
        .iter()
        .filter(|c| c.dice >= MOVE_DICE && la[c.l].is_none() && rb[c.r].is_none())
        .collect();
    moved.sort_by(|x, y| y.dice.total_cmp(&x.dice).then(y.shared.cmp(&x.shared)));
    for c in moved {
        if la[c.l].is_some() || rb[c.r].is_some() {
            continue;
        }
        la[c.l] = Some(links.len());
        rb[c.r] = Some(links.len());
        links.push(Link {
            op: Op::Moved,
            left: vec![c.l],
            right: vec![c.r],
        });
    }
}

/// Left reading order; each insert goes just before the first in-order link
/// whose right side comes after it.
fn order(mut links: Vec<Link>, inserts: Vec<usize>) -> Vec<Link> {
    links.sort_by_key(|l| l.left.first().copied().unwrap_or(usize::MAX));
    let mut out = Vec::with_capacity(links.len() + inserts.len());
    let mut pending = inserts.into_iter().peekable();
    for link in links {
        if matches!(link.op, Op::Match | Op::Split | Op::Merge) {
            let first_right = link.right.first().copied().unwrap_or(0);
            while let Some(r) = pending.next_if(|&r| r < first_right) {
                out.push(Link {
                    op: Op::Insert,
                    left: vec![],
                    right: vec![r],
                });
            }
        }
        out.push(link);
    }
    out.extend(pending.map(|r| Link {
        op: Op::Insert,
        left: vec![],
        right: vec![r],
    }));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::text::normalize::{keys_of, NormOptions};

    fn profiles(paras: &[&str]) -> Vec<GramProfile> {
        paras
            .iter()
            .map(|p| {
                let n = keys_of(p, &NormOptions::default()).unwrap();
                GramProfile::new(n.keys(), &vec![false; n.len()])
            })
            .collect()
    }

    fn summary(links: &[Link]) -> Vec<String> {
        links
            .iter()
            .map(|l| format!("{} {:?} {:?}", l.op.name(), l.left, l.right))
            .collect()
    }

    const P: [&str; 6] = [
        "坚持创新驱动发展，着力提升全市科技工作者的获得感和幸福感。",
        "全年举办学术交流活动一百二十场，参与专家学者两千余人次。",
        "深入实施全民科学素质行动，面向青少年开展科学教育。",
        "加强基层科协组织建设，推动科协组织向企业园区延伸覆盖。",
        "做好科技工作者状况调查，及时反映科技工作者的意见建议。",
        "建设科技志愿服务队伍，打造一批群众喜闻乐见的科普品牌。",
    ];

    #[test]
    fn identical_documents_match_one_to_one() {
        let links = align(&profiles(&P), &profiles(&P));
        assert_eq!(links.len(), 6);
        assert!(links.iter().all(|l| l.op == Op::Match && l.left == l.right));
    }

    #[test]
    fn deleted_inserted_and_moved() {
        let left = profiles(&[P[0], P[1], P[2], P[3], P[4]]);
        let right = profiles(&[P[0], P[5], P[2], P[3], P[4], P[1]]);
        let s = summary(&align(&left, &right));
        assert!(s.contains(&"moved [1] [5]".to_string()), "{s:?}");
        assert!(s.contains(&"insert [] [1]".to_string()), "{s:?}");
        assert_eq!(
            s.iter().filter(|x| x.starts_with("match")).count(),
            4,
            "{s:?}"
        );
    }

    #[test]
    fn split_and_merge() {
        let joined = format!("{}{}", P[1], P[2]);
        let left = profiles(&[P[0], &joined, P[3], P[4]]);
        let right = profiles(&[P[0], P[1], P[2], P[3], P[4]]);
        let s = summary(&align(&left, &right));
        assert!(s.contains(&"split [1] [1, 2]".to_string()), "{s:?}");
        let s = summary(&align(&right, &left));
        assert!(s.contains(&"merge [1, 2] [1]".to_string()), "{s:?}");
    }

    #[test]
    fn unrelated_paragraphs_are_not_paired() {
        let left = profiles(&["今年粮食产量再创新高，农民收入稳步增长。"]);
        let right = profiles(&["全市新建公园绿地三十处，市民休闲更加便利。"]);
        let s = summary(&align(&left, &right));
        assert_eq!(s, ["delete [0] []", "insert [] [0]"]);
    }
}
