//! Alignment of two documents' segments.
//!
//! 1. **Candidates.** Each segment's gram profile (see `similarity`) goes into an
//!    inverted index; a left segment meets only the right segments it shares
//!    grams with. Grams that a large share of segments carry are ignored, and
//!    slogan keys never make grams, so paragraphs that share nothing but a
//!    stock formulation are never candidates.
//! 2. **In-order links.** Among candidates with Dice ≥ [`LINK_DICE`] (or a
//!    weaker Dice with a kept sentence, see [`WEAK_LINK_DICE`]), the heaviest
//!    chain strictly increasing on both sides is the monotone alignment; gaps
//!    cost nothing. A link weighs its shared grams times the square root of
//!    its Dice, with the grams counted up to [`WEIGHT_GRAMS`] only: a long
//!    paragraph weighs no more than a short one, so the chain keeps the most
//!    paragraphs in order, and a long paragraph that jumps over three
//!    shorter ones is the one marked moved. The chain is found like a longest
//!    increasing subsequence, with a Fenwick tree of prefix maxima, in
//!    O(K log K) for K candidates rather than O(N·M).
//! 3. **Split and merge in place.** An unlinked segment mostly contained in a
//!    neighbour's partner joins that link: one left → several right is a
//!    split, several left → one right a merge.
//! 4. **Moved, edited or not.** Segments still unlinked on both sides are
//!    paired when their texts agree: a character similarity
//!    (`2·LCS / (|a| + |b|)` over the keys outside slogans) of at least
//!    [`MOVE_SIMILARITY`] (a paragraph reworded at a fifth of its characters
//!    scores about 0.8), or shared passages covering [`MOVE_PASSAGE_SHARE`]
//!    of the shorter one, one of them long. The pairs worth that check are
//!    proposed by three kinds of evidence, so that a pair is found even when
//!    the edits left no 4-gram intact: the 4-gram candidates of step 1, the
//!    exact runs of the passages that `passages` reported (mapped to
//!    segments), and 2-grams of the leftover segments in an index of their
//!    own. Only one 2-gram in [`BIGRAM_SAMPLE`] is used, chosen by its hash
//!    so that both sides choose alike. Slogan keys make no 2-grams and count
//!    for nothing in the similarity, so a shared slogan never pairs two
//!    paragraphs here either. Pairs are taken best first; one that fits
//!    between the in-order links is in order after all (a match), the others
//!    are moved.
//! 5. **Pieces apart.** A leftover segment found nearly whole in a linked
//!    segment on the other side (at least [`PIECE_COVERAGE`] of it covered
//!    by 4-grams or passages, [`PIECE_CONTAINMENT`] of it by the LCS), or
//!    word for word at its start or end, is a piece of a split (or merge)
//!    whose pieces went apart. The whole must have room for it: the part of
//!    the whole its other pieces do not explain is at least [`PIECE_ROOM`] of
//!    the new piece, so a heading whose words a fully matched paragraph
//!    happens to contain is not a piece. A piece next to its sibling in
//!    order joins its unit; one elsewhere in order is a unit of its own; one
//!    out of order is `moved`. Units that share a segment form a *group*
//!    ([`Link::group`]), and the in-order units of a group are splits or
//!    merges.
//! 6. What is left is deleted (left only) or inserted (right only).
//!
//! **Cost.** Steps 1–3 are O(G + K log K) for G grams and K candidates, as
//! before. Steps 4–5 look only at segments left over after step 3: sampling
//! their 2-grams is one pass over their keys, and the 2-gram index is one
//! counting sort of the samples. Each pair verified costs one bit-parallel
//! LCS, |a|·|b|/64 word operations; at most [`VERIFY_PER_SEGMENT`] pairs are
//! verified per segment on each side, and pairs whose lengths alone rule
//! out the threshold are never verified. The in-order links are kept in a
//! sorted index, so checking whether a pair fits between them costs a binary
//! search. On the 广东省 2025/2026 reports (29,000 and 28,000 characters,
//! most paragraphs rewritten, so nearly all left over) steps 4–5 cost about
//! 2 M instructions, 4% of a whole `compare` run; on the whole corpus against
//! itself with a tenth of its paragraphs moved (2.2 M characters), 0.4%.
//! Without texts ([`align`], for grams only) steps 4–5 decide on the 4-gram
//! figures instead.
//!
//! Whether an in-order 1:1 link is a `match` or only `related` is decided by
//! the caller on the similarity a reader sees (`compare::compare`, with
//! [`RELATED_SIMILARITY`]).

use rustc_hash::FxHashMap as HashMap;

use super::similarity::{lcs_len, GramProfile, GRAM};
use crate::text::normalize::{is_wild, Key};

/// Minimum Dice similarity for an in-order link.
pub const LINK_DICE: f64 = 0.3;
/// A weaker in-order link is allowed down to this Dice similarity when the
/// pair shares at least [`WEAK_LINK_GRAMS`] grams: a paragraph rewritten
/// around a sentence it kept.
pub const WEAK_LINK_DICE: f64 = 0.1;
/// Shared grams a weak link needs (about one 11-character passage).
pub const WEAK_LINK_GRAMS: usize = 8;
/// Grams beyond this many add nothing to an in-order link's weight.
pub const WEIGHT_GRAMS: usize = 25;
/// Minimum 4-gram Dice for an out-of-order (moved) link when the texts are
/// not at hand.
pub const MOVE_DICE: f64 = 0.45;
/// Minimum share of a segment's grams found in its neighbour's partner for it
/// to join a split or merge.
pub const JOIN_CONTAINMENT: f64 = 0.5;
/// Minimum character similarity (`2·LCS / (|a| + |b|)`, over the keys outside
/// slogans) for two leftover segments to be paired as moved.
pub const MOVE_SIMILARITY: f64 = 0.6;
/// Two leftover segments are also paired as moved when the passages they
/// share cover at least this share of the shorter one's keys...
pub const MOVE_PASSAGE_SHARE: f64 = 0.6;
/// ...and one of those passages is a long one: at least this many keys.
pub const MOVE_PASSAGE_KEYS: usize = 20;
/// Minimum share of a piece's keys (outside slogans) found in the whole it
/// came from, by the LCS.
pub const PIECE_CONTAINMENT: f64 = 0.6;
/// The pieces of a split or merge together are at most this many times as
/// long as the whole (plus [`PIECE_SLACK_KEYS`]).
pub const PIECE_SLACK: f64 = 1.3;
/// Share of a new piece's length that must still be unexplained in the
/// whole by its other pieces.
pub const PIECE_ROOM: f64 = 0.5;
/// Keys of slack on top of [`PIECE_SLACK`], for short wholes.
pub const PIECE_SLACK_KEYS: usize = 8;
/// Share of a piece covered by the 4-grams or the passages it shares with the
/// whole: a piece is found there as stretches of text, nearly all of it,
/// where a heading's words turn up in a long paragraph only in part.
pub const PIECE_COVERAGE: f64 = 0.8;
/// A piece of a split or merge apart has at least this many keys outside
/// slogans (a heading's few words are found in too many paragraphs)...
pub const MIN_PIECE_KEYS: usize = 12;
/// ...and, when shorter than this many keys, at least [`PIECE_SHARE`] of
/// the whole.
pub const PIECE_KEYS: usize = 20;
/// See [`PIECE_KEYS`].
pub const PIECE_SHARE: f64 = 0.25;
/// Minimum 2-gram Dice for a leftover pair to be verified.
pub const BIGRAM_DICE: f64 = 0.3;
/// One 2-gram in this many (chosen by hash, alike on both sides) is used.
pub const BIGRAM_SAMPLE: u32 = 8;
/// 4-gram candidates below this Dice are verified only on other evidence.
pub const PROPOSE_DICE: f64 = 0.2;
/// Leftover pairs whose passages cover this share of the shorter one are
/// verified.
pub const PROPOSE_PASSAGE_SHARE: f64 = 0.3;
/// At most this many pairs are verified for each leftover segment.
pub const VERIFY_PER_SEGMENT: usize = 4;
/// Segments with fewer keys outside slogans are paired on their 4-grams only.
pub const MIN_TEXT_KEYS: usize = 6;
/// An in-order 1:1 pair whose character similarity is below this is
/// `related` (same place and topic, different text), not a `match`. Chosen
/// from measurements: see EVALUATION.md, "Related is not matched".
pub const RELATED_SIMILARITY: f64 = 0.5;

/// What an aligned unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Op {
    /// One left segment paired with one right segment, in order.
    Match,
    /// One left segment beside one right segment, in order, on the same
    /// topic but with little text in common (similarity below
    /// [`RELATED_SIMILARITY`]).
    Related,
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
            Op::Related => "related",
            Op::Moved => "moved",
            Op::Split => "split",
            Op::Merge => "merge",
            Op::Delete => "delete",
            Op::Insert => "insert",
        }
    }

    /// True for units that sit in both documents' reading order (inserts
    /// are placed among these).
    pub fn in_order(self) -> bool {
        match self {
            Op::Match | Op::Related | Op::Split | Op::Merge => true,
            Op::Moved | Op::Delete | Op::Insert => false,
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
    /// Units that are pieces of one split or merge whose pieces went apart
    /// share a group number (1, 2, … in reading order); `None` otherwise.
    pub group: Option<u32>,
}

impl Link {
    fn new(op: Op, left: Vec<usize>, right: Vec<usize>) -> Link {
        Link {
            op,
            left,
            right,
            group: None,
        }
    }
}

/// One document's text as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub struct SideText<'a> {
    /// The document's normalised keys.
    pub keys: &'a [Key],
    /// For each key, whether it lies inside a slogan.
    pub slogan: &'a [bool],
    /// Each segment's key range `[from, to)`, in reading order.
    pub segments: &'a [(usize, usize)],
}

/// The texts behind the profiles, for evidence beyond shared 4-grams.
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a> {
    /// The left document.
    pub left: SideText<'a>,
    /// The right document.
    pub right: SideText<'a>,
    /// Exact runs of the shared passages that are not slogans.
    pub runs: &'a [SharedRun],
}

impl SideText<'_> {
    /// Segment `s`'s key range, kept inside the keys and the mask.
    fn range(&self, s: usize) -> (usize, usize) {
        let end = self.keys.len().min(self.slogan.len());
        let (from, to) = self.segments.get(s).copied().unwrap_or((0, 0));
        (from.min(end), to.min(end).max(from.min(end)))
    }
}

/// An exact run of a shared passage, in key offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedRun {
    /// First key on the left.
    pub left: usize,
    /// First key on the right.
    pub right: usize,
    /// Length in keys.
    pub len: usize,
    /// Which passage it belongs to (any number that tells passages apart).
    pub passage: usize,
}

/// What the passages give one pair of segments.
#[derive(Debug, Clone, Copy, Default)]
struct Shared {
    /// Keys of the pair inside passage runs.
    keys: usize,
    /// The most keys one passage gives the pair.
    longest: usize,
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

/// Align `left` and `right` segment profiles, with 4-gram evidence only.
/// Every segment appears in at least one link, and in more than one only
/// when those links share a group; links come in the left document's
/// reading order with inserts placed where they fall on the right.
pub fn align(left: &[GramProfile], right: &[GramProfile]) -> Vec<Link> {
    align_with(left, right, None)
}

/// [`align`], with the texts (when given) as further evidence: 2-grams and
/// passages to find moved pairs whose 4-grams did not survive the edits,
/// and character similarity to decide.
pub fn align_with(left: &[GramProfile], right: &[GramProfile], texts: Option<&Texts>) -> Vec<Link> {
    // Texts that do not describe these segments are no evidence.
    let texts = texts
        .filter(|t| t.left.segments.len() == left.len() && t.right.segments.len() == right.len());
    let cands = candidates(left, right);
    let mut a = Aligner::new(left, right, texts);
    for c in monotone_chain(&cands) {
        a.push(Link::new(Op::Match, vec![c.l], vec![c.r]));
    }
    join_neighbours(&cands, &mut a.links, &mut a.la, &mut a.rb);
    a.index_in_order();
    let passages = texts.map_or(PassagePairs(Vec::new()), |t| {
        PassagePairs::new(t, &a.la, &a.rb)
    });
    a.pair_moved(&cands, &passages);
    a.attach_pieces(&cands, &passages);
    a.finish()
}

/// What the passage runs give each (left, right) segment pair, sorted by
/// pair. Only pairs with a side still unlinked are kept: the others can
/// never become evidence for steps 4 and 5.
struct PassagePairs(Vec<((usize, usize), Shared)>);

impl PassagePairs {
    fn new(t: &Texts, la: &[Option<usize>], rb: &[Option<usize>]) -> PassagePairs {
        let open = |l: usize, r: usize| {
            la.get(l).is_some_and(Option::is_none) || rb.get(r).is_some_and(Option::is_none)
        };
        let seg_at = |segs: &[(usize, usize)], k: usize| -> Option<(usize, usize)> {
            let i = segs.partition_point(|s| s.1 <= k);
            segs.get(i).filter(|s| s.0 <= k).map(|s| (i, s.1))
        };
        // Keys per (left, right, passage), then folded per pair.
        let mut pieces: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(t.runs.len());
        for run in t.runs {
            let (mut a, mut b, mut n) = (run.left, run.right, run.len);
            while n > 0 {
                match (seg_at(t.left.segments, a), seg_at(t.right.segments, b)) {
                    (Some((l, l_end)), Some((r, r_end))) => {
                        let take = n.min(l_end - a).min(r_end - b).max(1);
                        if open(l, r) {
                            pieces.push((l, r, run.passage, take));
                        }
                        a += take;
                        b += take;
                        n -= take.min(n);
                    }
                    _ => {
                        a += 1;
                        b += 1;
                        n -= 1;
                    }
                }
            }
        }
        pieces.sort_unstable();
        let mut out: Vec<((usize, usize), Shared)> = Vec::new();
        let mut k = 0;
        while k < pieces.len() {
            let (l, r, passage, _) = pieces[k];
            let mut keys = 0;
            while k < pieces.len() && pieces[k].0 == l && pieces[k].1 == r && pieces[k].2 == passage
            {
                keys += pieces[k].3;
                k += 1;
            }
            match out.last_mut() {
                Some((pair, shared)) if *pair == (l, r) => {
                    shared.keys += keys;
                    shared.longest = shared.longest.max(keys);
                }
                _ => out.push((
                    (l, r),
                    Shared {
                        keys,
                        longest: keys,
                    },
                )),
            }
        }
        PassagePairs(out)
    }

    fn get(&self, l: usize, r: usize) -> Option<Shared> {
        self.0
            .binary_search_by(|(pair, _)| pair.cmp(&(l, r)))
            .ok()
            .map(|k| self.0[k].1)
    }
}

/// The alignment under construction.
struct Aligner<'a> {
    left: &'a [GramProfile],
    right: &'a [GramProfile],
    texts: Option<&'a Texts<'a>>,
    links: Vec<Link>,
    /// Left segment → the link it first joined.
    la: Vec<Option<usize>>,
    /// Right segment → the link it first joined.
    rb: Vec<Option<usize>>,
    /// Each segment's keys outside slogans, made when first needed.
    plain: [Vec<Option<Vec<Key>>>; 2],
    /// The length of each of those, counted when first needed (without
    /// making the keys); `u32::MAX` before.
    plain_lens: [Vec<u32>; 2],
    /// The in-order links' extents (first left, first right, last left,
    /// last right, link), sorted; kept from step 4 on.
    in_order: Vec<(usize, usize, usize, usize, usize)>,
    /// Links that a segment joined after its first one (pieces of a group),
    /// by (side, segment).
    later: HashMap<(usize, usize), Vec<usize>>,
}

/// What a verified pair of segments shares.
#[derive(Debug, Clone, Copy)]
struct Verified {
    /// LCS of the two segments' keys outside slogans.
    lcs: usize,
    /// Their lengths.
    nl: usize,
    nr: usize,
}

impl Verified {
    fn similarity(&self) -> f64 {
        if self.nl + self.nr == 0 {
            0.0
        } else {
            2.0 * self.lcs as f64 / (self.nl + self.nr) as f64
        }
    }
}

impl<'a> Aligner<'a> {
    fn new(
        left: &'a [GramProfile],
        right: &'a [GramProfile],
        texts: Option<&'a Texts<'a>>,
    ) -> Aligner<'a> {
        Aligner {
            left,
            right,
            texts,
            links: Vec::new(),
            la: vec![None; left.len()],
            rb: vec![None; right.len()],
            plain: [vec![None; left.len()], vec![None; right.len()]],
            plain_lens: [vec![u32::MAX; left.len()], vec![u32::MAX; right.len()]],
            in_order: Vec::new(),
            later: HashMap::default(),
        }
    }

    fn push(&mut self, link: Link) -> usize {
        let k = self.links.len();
        for &l in &link.left {
            match self.la[l] {
                None => self.la[l] = Some(k),
                Some(_) => self.later.entry((0, l)).or_default().push(k),
            }
        }
        for &r in &link.right {
            match self.rb[r] {
                None => self.rb[r] = Some(k),
                Some(_) => self.later.entry((1, r)).or_default().push(k),
            }
        }
        let in_order = link.op.in_order();
        self.links.push(link);
        if in_order && !self.in_order.is_empty() {
            self.note_in_order(k);
        }
        k
    }

    /// The extent of link `k`, for the in-order index.
    fn extent(&self, k: usize) -> Option<(usize, usize, usize, usize, usize)> {
        let link = self.links.get(k)?;
        Some((
            *link.left.first()?,
            *link.right.first()?,
            *link.left.last()?,
            *link.right.last()?,
            k,
        ))
    }

    /// Build the in-order index from the links so far (after step 3).
    fn index_in_order(&mut self) {
        let mut index: Vec<_> = (0..self.links.len())
            .filter(|&k| self.links[k].op.in_order())
            .filter_map(|k| self.extent(k))
            .collect();
        index.sort_unstable();
        // An empty index means "not built"; a sentinel past every segment
        // keeps it non-empty.
        index.push((usize::MAX, usize::MAX, usize::MAX, usize::MAX, usize::MAX));
        self.in_order = index;
    }

    /// Enter link `k` (new or grown) into the in-order index.
    fn note_in_order(&mut self, k: usize) {
        self.in_order.retain(|e| e.4 != k);
        if let Some(e) = self.extent(k) {
            let at = self.in_order.partition_point(|x| *x < e);
            self.in_order.insert(at, e);
        }
    }

    /// The links segment `s` of `side` is in.
    fn links_with(&self, side: usize, s: usize) -> Vec<usize> {
        let first = if side == 0 { self.la[s] } else { self.rb[s] };
        let mut out: Vec<usize> = first.into_iter().collect();
        if let Some(more) = self.later.get(&(side, s)) {
            out.extend(more.iter().copied());
        }
        out
    }

    /// Make the keys of segment `s` outside slogans (and placeholders),
    /// once.
    fn ensure(&mut self, side: usize, s: usize) {
        let Some(t) = self.texts else { return };
        let text = if side == 0 { t.left } else { t.right };
        if let Some(slot) = self.plain[side].get_mut(s) {
            slot.get_or_insert_with(|| {
                let (from, to) = text.range(s);
                (from..to)
                    .filter(|&k| !text.slogan[k] && !is_wild(text.keys[k]))
                    .map(|k| text.keys[k])
                    .collect()
            });
        }
    }

    /// The keys made by [`Aligner::ensure`] (empty before).
    fn plain(&self, side: usize, s: usize) -> &[Key] {
        self.plain[side]
            .get(s)
            .and_then(|p| p.as_deref())
            .unwrap_or(&[])
    }

    fn plain_len(&mut self, side: usize, s: usize) -> usize {
        let Some(t) = self.texts else { return 0 };
        let text = if side == 0 { t.left } else { t.right };
        let Some(slot) = self.plain_lens[side].get_mut(s) else {
            return 0;
        };
        if *slot == u32::MAX {
            let (from, to) = text.range(s);
            let n = text.keys[from..to]
                .iter()
                .zip(&text.slogan[from..to])
                .filter(|&(&k, &m)| !m && !is_wild(k))
                .count();
            *slot = n as u32;
        }
        *slot as usize
    }

    fn verify(&mut self, l: usize, r: usize) -> Verified {
        self.ensure(0, l);
        self.ensure(1, r);
        let (a, b) = (self.plain(0, l), self.plain(1, r));
        Verified {
            lcs: lcs_len(a, b),
            nl: a.len(),
            nr: b.len(),
        }
    }

    /// Push the sampled 2-gram hashes of segment `s` (see [`BIGRAM_SAMPLE`]):
    /// windows of two keys, neither in a slogan nor a placeholder.
    fn sample_bigrams(&self, side: usize, s: usize, out: &mut Vec<u32>) {
        let Some(t) = self.texts else { return };
        let text = if side == 0 { t.left } else { t.right };
        let (from, to) = text.range(s);
        let (keys, mask) = (&text.keys[from..to], &text.slogan[from..to]);
        for (w, m) in keys.windows(2).zip(mask.windows(2)) {
            let x = ((u64::from(w[0]) << 32) | u64::from(w[1])).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let h = (x >> 32) as u32;
            if h.is_multiple_of(BIGRAM_SAMPLE) && !m[0] && !m[1] && !is_wild(w[0]) && !is_wild(w[1])
            {
                out.push(h / BIGRAM_SAMPLE);
            }
        }
    }

    /// Pair segments left over on both sides whose texts agree (step 4).
    fn pair_moved(&mut self, cands: &[Cand], passages: &PassagePairs) {
        let free = |la: &[Option<usize>], rb: &[Option<usize>], l: usize, r: usize| {
            la[l].is_none() && rb[r].is_none()
        };
        // (quality, l, r): quality orders the pairs, best first.
        let mut accepted: Vec<(f64, usize, usize)> = Vec::new();
        if self.texts.is_none() {
            for c in cands {
                if c.dice >= MOVE_DICE && free(&self.la, &self.rb, c.l, c.r) {
                    accepted.push((c.dice, c.l, c.r));
                }
            }
        } else {
            // Proposals: 4-gram candidates not far from an in-order link's
            // strength, pairs sharing passages, pairs sharing 2-grams.
            let mut proposals: Vec<(usize, usize, f64)> = Vec::new();
            for c in cands {
                if c.dice >= PROPOSE_DICE && free(&self.la, &self.rb, c.l, c.r) {
                    proposals.push((c.l, c.r, c.dice));
                }
            }
            for &((l, r), shared) in &passages.0 {
                if shared.keys >= MIN_TEXT_KEYS && free(&self.la, &self.rb, l, r) {
                    // Distinct 4-grams stand in for the length here.
                    let short = (self.left[l].len().min(self.right[r].len()) + GRAM - 1).max(1);
                    let share = shared.keys as f64 / short as f64;
                    if share >= PROPOSE_PASSAGE_SHARE {
                        proposals.push((l, r, share));
                    }
                }
            }
            proposals.extend(self.bigram_pairs());
            for (l, r) in self.shortlist(proposals) {
                let (nl, nr) = (self.plain_len(0, l), self.plain_len(1, r));
                let by_passages = passages.get(l, r).unwrap_or_default();
                let short = nl.min(nr);
                if by_passages.longest >= MOVE_PASSAGE_KEYS
                    && by_passages.keys as f64 >= MOVE_PASSAGE_SHARE * short as f64
                {
                    let v = self.verify(l, r);
                    accepted.push((v.similarity().max(MOVE_SIMILARITY), l, r));
                    continue;
                }
                if nl < MIN_TEXT_KEYS || nr < MIN_TEXT_KEYS {
                    continue;
                }
                // 2·min/(nl+nr) bounds the similarity from above.
                if 2.0 * short as f64 / ((nl + nr) as f64) < MOVE_SIMILARITY {
                    continue;
                }
                let v = self.verify(l, r);
                if v.similarity() >= MOVE_SIMILARITY {
                    accepted.push((v.similarity(), l, r));
                }
            }
            // Pairs the 4-grams alone vouch for, as without texts.
            for c in cands {
                if c.dice >= MOVE_DICE && free(&self.la, &self.rb, c.l, c.r) {
                    accepted.push((c.dice, c.l, c.r));
                }
            }
        }
        accepted.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, l, r) in accepted {
            if !free(&self.la, &self.rb, l, r) {
                continue;
            }
            let op = if self.fits_in_order(l, r, None) {
                Op::Match
            } else {
                Op::Moved
            };
            self.push(Link::new(op, vec![l], vec![r]));
        }
    }

    /// The proposals worth verifying: each pair once, at most
    /// [`VERIFY_PER_SEGMENT`] per segment on either side, strongest first.
    fn shortlist(&self, mut proposals: Vec<(usize, usize, f64)>) -> Vec<(usize, usize)> {
        proposals.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
        proposals.dedup_by_key(|p| (p.0, p.1));
        proposals.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        let mut per_left = vec![0usize; self.left.len()];
        let mut per_right = vec![0usize; self.right.len()];
        let mut out = Vec::new();
        for (l, r, _) in proposals {
            if per_left[l] < VERIFY_PER_SEGMENT && per_right[r] < VERIFY_PER_SEGMENT {
                per_left[l] += 1;
                per_right[r] += 1;
                out.push((l, r));
            }
        }
        out
    }

    /// Leftover pairs whose 2-grams (outside slogans) agree, with their Dice.
    ///
    /// Only a sample of the 2-grams is used: those whose hash is 0 modulo
    /// [`BIGRAM_SAMPLE`], which both sides choose alike, so the Dice of the
    /// samples estimates the Dice of all 2-grams at a fraction of the work.
    /// The index is one flat array sorted by hash bucket (a counting sort),
    /// with the full hash kept to tell bigrams of one bucket apart.
    fn bigram_pairs(&mut self) -> Vec<(usize, usize, f64)> {
        let lefts: Vec<usize> = (0..self.la.len())
            .filter(|&l| self.la[l].is_none())
            .collect();
        let rights: Vec<usize> = (0..self.rb.len())
            .filter(|&r| self.rb[r].is_none())
            .collect();
        if lefts.is_empty() || rights.is_empty() {
            return Vec::new();
        }
        // Sampled 2-gram hashes of each right leftover, deduplicated, in one
        // array with a start offset per segment.
        let mut hashes: Vec<u32> = Vec::new();
        let mut starts: Vec<usize> = Vec::with_capacity(rights.len() + 1);
        for &r in &rights {
            starts.push(hashes.len());
            let from = hashes.len();
            self.sample_bigrams(1, r, &mut hashes);
            hashes[from..].sort_unstable();
            let kept = dedup_tail(&mut hashes, from);
            hashes.truncate(kept);
        }
        starts.push(hashes.len());
        if hashes.is_empty() {
            return Vec::new();
        }
        let bits = (hashes.len().next_power_of_two().trailing_zeros()).clamp(4, 16);
        let mask = (1u32 << bits) - 1;
        let mut bucket_start = vec![0u32; (1usize << bits) + 1];
        for &h in &hashes {
            bucket_start[(h & mask) as usize + 1] += 1;
        }
        for b in 1..bucket_start.len() {
            bucket_start[b] += bucket_start[b - 1];
        }
        let mut fill = bucket_start.clone();
        let mut entries: Vec<(u32, u32)> = vec![(0, 0); hashes.len()];
        for (k, w) in starts.windows(2).enumerate() {
            for &h in &hashes[w[0]..w[1]] {
                let slot = &mut fill[(h & mask) as usize];
                entries[*slot as usize] = (h, k as u32);
                *slot += 1;
            }
        }
        // A 2-gram in many leftover segments says nothing about which.
        let too_common = (rights.len() / 5).max(8);
        let mut counts = vec![0u32; rights.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut grams: Vec<u32> = Vec::new();
        let mut out = Vec::new();
        for &l in &lefts {
            grams.clear();
            self.sample_bigrams(0, l, &mut grams);
            grams.sort_unstable();
            grams.dedup();
            if grams.is_empty() {
                continue;
            }
            for &h in &grams {
                let b = (h & mask) as usize;
                let bucket = &entries[bucket_start[b] as usize..bucket_start[b + 1] as usize];
                if bucket.iter().filter(|e| e.0 == h).count() > too_common {
                    continue;
                }
                for &(h2, k) in bucket {
                    if h2 == h {
                        let k = k as usize;
                        if counts[k] == 0 {
                            touched.push(k);
                        }
                        counts[k] += 1;
                    }
                }
            }
            for &k in &touched {
                let n = starts[k + 1] - starts[k];
                let dice = 2.0 * f64::from(counts[k]) / (grams.len() + n) as f64;
                counts[k] = 0;
                if dice >= BIGRAM_DICE {
                    out.push((l, rights[k], dice));
                }
            }
            touched.clear();
        }
        out
    }

    /// Whether a link (l, r) would keep the in-order links monotone on both
    /// sides, leaving link `except` out of the check. The in-order links are
    /// monotone already, so only the nearest one before and after (in the
    /// sorted index) need checking.
    fn fits_in_order(&self, l: usize, r: usize, except: Option<usize>) -> bool {
        let index = &self.in_order;
        let at = index.partition_point(|e| (e.0, e.1) < (l, r));
        let before = index[..at].iter().rev().find(|e| Some(e.4) != except);
        let after = index[at..]
            .iter()
            .find(|e| Some(e.4) != except && e.4 != usize::MAX);
        before.is_none_or(|e| e.2 < l && e.3 < r) && after.is_none_or(|e| e.0 > l && e.1 > r)
    }

    /// Attach leftover pieces of splits and merges whose pieces went apart
    /// (step 5).
    fn attach_pieces(&mut self, cands: &[Cand], passages: &PassagePairs) {
        // (containment, piece keys, l, r, piece on the right?)
        // Pairs with exactly one side linked: the piece is the other.
        let one_linked = |la: &[Option<usize>], rb: &[Option<usize>], l: usize, r: usize| {
            la[l].is_some() != rb[r].is_some()
        };
        let mut seen: Vec<(usize, usize)> = Vec::new();
        let mut cand_at: Vec<(usize, usize, f64, f64)> = Vec::new();
        for c in cands {
            if one_linked(&self.la, &self.rb, c.l, c.r) {
                seen.push((c.l, c.r));
                cand_at.push((c.l, c.r, c.cont_l, c.cont_r));
            }
        }
        for &((l, r), _) in &passages.0 {
            if one_linked(&self.la, &self.rb, l, r) {
                seen.push((l, r));
            }
        }
        seen.sort_unstable();
        seen.dedup();
        cand_at.sort_unstable_by_key(|c| (c.0, c.1));
        let proposals: Vec<(usize, usize, bool)> = seen
            .into_iter()
            .map(|(l, r)| (l, r, self.rb[r].is_none()))
            .collect();
        let mut scored: Vec<(f64, usize, usize, bool)> = Vec::new();
        let mut per_piece = [vec![0u8; self.left.len()], vec![0u8; self.right.len()]];
        for (l, r, right_piece) in proposals {
            // The piece must be found in the whole as stretches of text, not
            // as characters scattered through it: by its 4-grams, or by the
            // passages the two share.
            let grams = match cand_at.binary_search_by(|c| (c.0, c.1).cmp(&(l, r))) {
                Ok(k) if right_piece => cand_at[k].3,
                Ok(k) => cand_at[k].2,
                Err(_) => 0.0,
            };
            if self.texts.is_none() {
                if grams >= JOIN_CONTAINMENT {
                    scored.push((grams, l, r, right_piece));
                }
                continue;
            }
            let shared_keys = passages.get(l, r).map_or(0, |p| p.keys);
            if grams < JOIN_CONTAINMENT && shared_keys < MIN_TEXT_KEYS {
                continue;
            }
            let piece = if right_piece { r } else { l };
            let len = self.plain_len(usize::from(right_piece), piece);
            let whole_len = if right_piece {
                self.plain_len(0, l)
            } else {
                self.plain_len(1, r)
            };
            if len < MIN_TEXT_KEYS {
                continue;
            }
            let by_passages = shared_keys as f64 / len as f64;
            let covered = grams.max(by_passages);
            if covered >= JOIN_CONTAINMENT && self.at_boundary(l, r, right_piece) {
                // Word for word at the start or end of the whole: a heading
                // run into a paragraph, or the half of a split.
                scored.push((1.0, l, r, right_piece));
                continue;
            }
            if len < MIN_PIECE_KEYS
                || (len < PIECE_KEYS && (len as f64) < PIECE_SHARE * whole_len as f64)
                || covered < PIECE_COVERAGE
            {
                continue;
            }
            let n = &mut per_piece[usize::from(right_piece)][piece];
            if usize::from(*n) >= VERIFY_PER_SEGMENT {
                continue;
            }
            *n += 1;
            let v = self.verify(l, r);
            let containment = v.lcs as f64 / len.max(1) as f64;
            if containment >= PIECE_CONTAINMENT {
                scored.push((containment, l, r, right_piece));
            }
        }
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        for (_, l, r, right_piece) in scored {
            let (piece_free, whole_link) = if right_piece {
                (self.rb[r].is_none(), self.la[l])
            } else {
                (self.la[l].is_none(), self.rb[r])
            };
            let Some(whole_link) = whole_link else {
                continue;
            };
            if !piece_free || !self.room_for_piece(l, r, right_piece) {
                continue;
            }
            let link = &self.links[whole_link];
            let single_whole = if right_piece {
                link.left.len() == 1
            } else {
                link.right.len() == 1
            };
            let beside = if right_piece {
                link.right.first().is_some_and(|&f| f == r + 1)
                    || link.right.last().is_some_and(|&x| x + 1 == r)
            } else {
                link.left.first().is_some_and(|&f| f == l + 1)
                    || link.left.last().is_some_and(|&x| x + 1 == l)
            };
            // A unit grown to several pieces keeps them its own: none of its
            // pieces may also belong to another unit.
            let parts_alone = if right_piece {
                link.right
                    .iter()
                    .all(|&x| !self.later.contains_key(&(1, x)))
            } else {
                link.left.iter().all(|&x| !self.later.contains_key(&(0, x)))
            };
            let in_order = self.fits_in_order(l, r, Some(whole_link));
            if link.op.in_order() && single_whole && parts_alone && beside && in_order {
                // Next to its sibling, in order: the same unit.
                let link = &mut self.links[whole_link];
                if right_piece {
                    link.right.push(r);
                    link.right.sort_unstable();
                    link.op = Op::Split;
                    self.rb[r] = Some(whole_link);
                } else {
                    link.left.push(l);
                    link.left.sort_unstable();
                    link.op = Op::Merge;
                    self.la[l] = Some(whole_link);
                }
                self.note_in_order(whole_link);
            } else if in_order {
                // In order, with other text between it and its sibling (or
                // its sibling moved): a unit of its own in the group.
                self.push(Link::new(Op::Match, vec![l], vec![r]));
            } else {
                self.push(Link::new(Op::Moved, vec![l], vec![r]));
            }
        }
    }

    /// Whether the piece's keys (outside slogans) are the whole's first or
    /// last keys, word for word.
    fn at_boundary(&mut self, l: usize, r: usize, right_piece: bool) -> bool {
        self.ensure(0, l);
        self.ensure(1, r);
        let (piece, whole) = if right_piece {
            (self.plain(1, r), self.plain(0, l))
        } else {
            (self.plain(0, l), self.plain(1, r))
        };
        piece.len() < whole.len() && (whole.starts_with(piece) || whole.ends_with(piece))
    }

    /// Whether the whole (left segment `l` for a right piece, right segment
    /// `r` for a left piece) has room for one more piece: it is not itself
    /// one of several in a unit, all its pieces together are no longer than
    /// [`PIECE_SLACK`] times the whole, and, with
    /// texts, at least [`PIECE_ROOM`] of the new piece's length still
    /// unexplained in the whole by the pieces it has. A paragraph that
    /// already matches its partner in full has no room for a heading whose
    /// words it happens to contain.
    fn room_for_piece(&mut self, l: usize, r: usize, right_piece: bool) -> bool {
        let (whole_side, whole, piece_side, piece) = if right_piece {
            (0, l, 1, r)
        } else {
            (1, r, 0, l)
        };
        let len = |a: &mut Aligner, side: usize, s: usize| -> usize {
            if a.texts.is_some() {
                a.plain_len(side, s)
            } else if side == 0 {
                a.left[s].len()
            } else {
                a.right[s].len()
            }
        };
        let whole_len = len(self, whole_side, whole);
        let mut pieces: Vec<usize> = Vec::new();
        for k in self.links_with(whole_side, whole) {
            let link = &self.links[k];
            let (wholes, parts) = if right_piece {
                (&link.left, &link.right)
            } else {
                (&link.right, &link.left)
            };
            // A whole that is itself one piece of several (a left segment
            // merged with others, a right segment split from others) takes
            // no pieces: units stay one-to-many or many-to-one.
            if wholes.len() > 1 {
                return false;
            }
            pieces.extend(parts);
        }
        pieces.sort_unstable();
        pieces.dedup();
        let piece_len = len(self, piece_side, piece);
        let mut total = piece_len;
        for &p in &pieces {
            total += len(self, piece_side, p);
        }
        if total as f64 > PIECE_SLACK * whole_len as f64 + PIECE_SLACK_KEYS as f64 {
            return false;
        }
        if self.texts.is_none() {
            return true;
        }
        let mut others: Vec<Key> = Vec::new();
        for &p in &pieces {
            self.ensure(piece_side, p);
            others.extend_from_slice(self.plain(piece_side, p));
        }
        self.ensure(whole_side, whole);
        let explained = lcs_len(self.plain(whole_side, whole), &others);
        (whole_len - explained.min(whole_len)) as f64 >= PIECE_ROOM * piece_len as f64
    }

    /// Deletes and inserts for what is left, reading order, op names of
    /// the pieces, and group numbers.
    fn finish(mut self) -> Vec<Link> {
        for l in 0..self.la.len() {
            if self.la[l].is_none() {
                self.push(Link::new(Op::Delete, vec![l], vec![]));
            }
        }
        let inserts: Vec<usize> = (0..self.rb.len())
            .filter(|&r| self.rb[r].is_none())
            .collect();
        let (nl, nr) = (self.la.len(), self.rb.len());
        let mut links = order(self.links, inserts);
        name_groups(&mut links, nl, nr);
        links
    }
}

/// Deduplicate the sorted tail `v[from..]` in place; the new length of `v`.
fn dedup_tail(v: &mut [u32], from: usize) -> usize {
    let mut kept = from;
    for i in from..v.len() {
        if kept == from || v[kept - 1] != v[i] {
            v[kept] = v[i];
            kept += 1;
        }
    }
    kept
}

/// Give units that share a segment a common group number, in reading
/// order, and call the in-order unit of such a group a split (its left
/// segment feeds other units) or a merge (its right segment does).
fn name_groups(links: &mut [Link], left_len: usize, right_len: usize) {
    let mut uses = [vec![0u32; left_len], vec![0u32; right_len]];
    for link in links.iter() {
        for (side, segs) in [(0, &link.left), (1, &link.right)] {
            for &s in segs {
                if let Some(n) = uses[side].get_mut(s) {
                    *n += 1;
                }
            }
        }
    }
    let shared = |uses: &[u32], segs: &[usize]| segs.iter().any(|&s| uses.get(s) > Some(&1));
    // Group number of each shared segment, given at its first unit.
    let mut group: [Vec<Option<u32>>; 2] = [vec![None; left_len], vec![None; right_len]];
    let mut next = 1u32;
    for link in links.iter_mut() {
        let (sl, sr) = (shared(&uses[0], &link.left), shared(&uses[1], &link.right));
        if !sl && !sr {
            continue;
        }
        let known = link
            .left
            .iter()
            .find_map(|&l| group[0].get(l).copied().flatten())
            .or_else(|| {
                link.right
                    .iter()
                    .find_map(|&r| group[1].get(r).copied().flatten())
            });
        let g = known.unwrap_or_else(|| {
            next += 1;
            next - 1
        });
        for (side, segs) in [(0, &link.left), (1, &link.right)] {
            for &s in segs {
                if let Some(slot) = group[side].get_mut(s) {
                    slot.get_or_insert(g);
                }
            }
        }
        link.group = Some(g);
        if link.op.in_order() {
            link.op = if sl { Op::Split } else { Op::Merge };
        }
    }
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

/// The weight of an in-order link: the grams it accounts for, discounted
/// when the pair is only loosely similar, and counted up to
/// [`WEIGHT_GRAMS`] only. A long paragraph thus weighs no more than a
/// paragraph of a few lines, and the chain keeps the most paragraphs in
/// order: when a long paragraph jumps over three shorter ones, it is the
/// one marked moved.
fn weight(c: &Cand) -> f64 {
    c.dice.sqrt() * c.shared.min(WEIGHT_GRAMS) as f64
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

/// Left reading order; each insert goes just before the first in-order link
/// whose right side comes after it.
fn order(mut links: Vec<Link>, inserts: Vec<usize>) -> Vec<Link> {
    // By left position; pieces of one left segment by their right position.
    links.sort_by_key(|l| {
        (
            l.left.first().copied().unwrap_or(usize::MAX),
            l.right.first().copied().unwrap_or(0),
        )
    });
    let mut out = Vec::with_capacity(links.len() + inserts.len());
    let mut pending = inserts.into_iter().peekable();
    for link in links {
        if link.op.in_order() {
            let first_right = link.right.first().copied().unwrap_or(0);
            while let Some(r) = pending.next_if(|&r| r < first_right) {
                out.push(Link::new(Op::Insert, vec![], vec![r]));
            }
        }
        out.push(link);
    }
    out.extend(pending.map(|r| Link::new(Op::Insert, vec![], vec![r])));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
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

    /// Twelve paragraphs on different subjects, long enough to carry a
    /// paragraph's worth of grams.
    const DOC: [&str; 12] = [
        "一、过去一年工作回顾",
        "全年举办学术交流活动一百二十场，参与专家学者两千余人次，学术交流的层次和影响力明显提升，多个学会承办了全国性学术年会。",
        "深入实施全民科学素质行动，面向青少年开展科技创新大赛和科学调查体验活动，面向农民开展农业实用技术培训，覆盖乡镇一百四十个。",
        "加强基层科协组织建设，推动科协组织向企业园区延伸覆盖。全年新建企业科协三十五家，园区科协八家，基层组织体系更加健全。",
        "做好科技工作者状况调查，及时反映科技工作者的意见建议，形成专题调研报告六篇，其中两篇获得市领导批示。",
        "建设科技志愿服务队伍，打造一批群众喜闻乐见的科普品牌，注册科技志愿者突破一万人，开展志愿服务活动八百余场。",
        "二、今年重点工作",
        "围绕发展新质生产力，把科技助企行动升级为科技服务产业链行动，为每条重点产业链配备一个专家服务团和一名科技特派员。",
        "深化学会治理改革，健全理事会和监事会制度，规范换届选举和财务管理，对长期不开展活动的学会实行动态调整。",
        "推进科普信息化建设，汇聚优质科普视频和图文资源，让群众在指尖上共享优质科普资源，年内上线科普云平台。",
        "加强科协干部队伍建设，开展全员轮训，选派年轻干部到基层一线和重点项目挂职锻炼，提升服务本领。",
        "三、切实加强党的建设",
    ];

    /// Replace every `n`th countable character (counting from the first)
    /// with a character from a pool that the documents do not use.
    fn reword(p: &str, n: usize) -> String {
        let pool: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
            .chars()
            .collect();
        let mut k = 0;
        p.chars()
            .map(|c| {
                if !c.is_alphanumeric() {
                    return c;
                }
                k += 1;
                if k % n == 0 {
                    pool[(k / n) % pool.len()]
                } else {
                    c
                }
            })
            .collect()
    }

    fn units(left: &[String], right: &[String]) -> Vec<crate::compare::Unit> {
        let opts = crate::compare::CompareOptions::default();
        let a = crate::compare::prepare(&left.join("\n"), &opts).unwrap();
        let b = crate::compare::prepare(&right.join("\n"), &opts).unwrap();
        crate::compare::compare(&a, &b, &opts).units
    }

    fn doc() -> Vec<String> {
        DOC.iter().map(|p| p.to_string()).collect()
    }

    fn unit_with<'a>(
        units: &'a [crate::compare::Unit],
        left: &[usize],
        right: &[usize],
    ) -> Option<&'a crate::compare::Unit> {
        units.iter().find(|u| u.left == left && u.right == right)
    }

    #[test]
    fn a_moved_and_reworded_paragraph_is_linked_as_moved() {
        // Paragraph 2 goes to the end of the second part, every fifth
        // character changed: similarity about 0.8, few 4-grams left.
        let mut right = doc();
        let moved = reword(&right.remove(2), 5);
        right.insert(9, moved);
        let units = units(&doc(), &right);
        let u = unit_with(&units, &[2], &[9]).expect("paragraph 2 is linked to 9");
        assert_eq!(u.op, Op::Moved, "{u:?}");
        assert!((0.7..0.9).contains(&u.similarity), "{u:?}");
        assert_eq!(units.iter().filter(|u| u.op == Op::Moved).count(), 1);
    }

    #[test]
    fn a_moved_paragraph_without_one_shared_4_gram_is_found_by_its_2_grams() {
        // Every fourth character changed: not one window of four keys and
        // no passage survives, three characters in four do.
        let mut right = doc();
        let long = format!("{}{}", DOC[3], DOC[5]);
        let mut left = doc();
        left[3] = long.clone();
        left.remove(5);
        right[3] = DOC[8].to_string();
        right.remove(8);
        right.remove(5);
        right.insert(7, reword(&long, 4));
        let units = units(&left, &right);
        let u = units
            .iter()
            .find(|u| u.left == [3])
            .expect("a unit holds left 3");
        assert_eq!(u.op, Op::Moved, "{units:?}");
        assert_eq!(u.right, [7], "{units:?}");
        assert!((0.7..0.8).contains(&u.similarity), "{u:?}");
    }

    #[test]
    fn split_halves_far_apart_are_two_units_of_one_group() {
        // Paragraph 3 is split at its full stop; its second half goes to
        // the third part.
        let mut right = doc();
        let (first, second) = DOC[3].split_at(DOC[3].find('。').map_or(0, |k| k + 3));
        right[3] = first.to_string();
        right.insert(10, second.to_string());
        let units = units(&doc(), &right);
        let stay = unit_with(&units, &[3], &[3]).expect("the first half stays");
        let went = unit_with(&units, &[3], &[10]).expect("the second half is linked");
        assert_eq!(stay.op, Op::Split, "{units:?}");
        assert_eq!(went.op, Op::Moved, "{units:?}");
        assert!(
            stay.group.is_some() && stay.group == went.group,
            "{units:?}"
        );
        // Nothing else is grouped.
        assert_eq!(units.iter().filter(|u| u.group.is_some()).count(), 2);
    }

    #[test]
    fn a_merge_of_paragraphs_apart_is_two_units_of_one_group() {
        // Paragraph 8 is appended to paragraph 2, six places before it.
        let mut right = doc();
        right[2] = format!("{}{}", DOC[2], DOC[8]);
        right.remove(8);
        let units = units(&doc(), &right);
        let stay = unit_with(&units, &[2], &[2]).expect("paragraph 2 stays");
        let went = unit_with(&units, &[8], &[2]).expect("paragraph 8 is linked");
        assert_eq!(stay.op, Op::Merge, "{units:?}");
        assert_eq!(went.op, Op::Moved, "{units:?}");
        assert!(
            stay.group.is_some() && stay.group == went.group,
            "{units:?}"
        );
    }

    #[test]
    fn a_rewritten_paragraph_in_place_is_related_not_matched() {
        // Same place, same subject, one clause kept: aligned, but below
        // the related threshold.
        let mut right = doc();
        right[8] = "深化学会治理改革，健全理事会和监事会制度，推动学会承接政府转移职能，组织开展团体标准研制，支持二十家学会创建一流学会，年内评选优秀学会十家。".to_string();
        let units = units(&doc(), &right);
        let u = unit_with(&units, &[8], &[8]).expect("paragraph 8 is aligned");
        assert_eq!(u.op, Op::Related, "{u:?}");
        assert!(u.similarity < RELATED_SIMILARITY, "{u:?}");
        // Everything else is matched word for word.
        let matched = units.iter().filter(|u| u.op == Op::Match).count();
        assert_eq!(matched, DOC.len() - 1, "{units:?}");
    }

    #[test]
    fn paragraphs_sharing_only_a_slogan_are_never_linked() {
        // The slogan sentence is added to paragraph 4 on the left and to a
        // new paragraph far away on the right, in place and out of place.
        let slogan = "全市科协系统要增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”的决定性意义。";
        let mut left = doc();
        left[4] = format!("{slogan}今年要做好科技工作者状况调查。");
        let mut right = doc();
        right[4] = format!("{slogan}全年新建院士专家工作站三家。");
        right.insert(10, format!("{slogan}积极发展科技服务业。"));
        let units = units(&left, &right);
        assert!(
            units
                .iter()
                .filter(|u| u.left.contains(&4))
                .all(|u| u.right.is_empty()),
            "{units:?}"
        );
        assert!(
            units
                .iter()
                .filter(|u| u.right.contains(&10))
                .all(|u| u.left.is_empty()),
            "{units:?}"
        );
    }

    #[test]
    fn unrelated_paragraphs_are_not_paired() {
        let left = profiles(&["今年粮食产量再创新高，农民收入稳步增长。"]);
        let right = profiles(&["全市新建公园绿地三十处，市民休闲更加便利。"]);
        let s = summary(&align(&left, &right));
        assert_eq!(s, ["delete [0] []", "insert [] [0]"]);
    }
}
