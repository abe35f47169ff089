//! Recycled passages: the phrasing two documents share.
//!
//! The finder works on normalised keys (see `text::normalize`) in three steps,
//! each near-linear in the documents' length:
//!
//! 1. **Seeds and exact runs.** Every window of [`PassageOptions::seed`] keys of
//!    the right document goes into a hash index (a head table plus a `next`
//!    chain, as in LZ77 compressors). Each window of the left document looks
//!    itself up; a hit not already inside a known run on its diagonal is
//!    extended left and right into a maximal exact run. Inside a run already
//!    found, windows that occur once in the right document can only lead back
//!    to it, and the scan jumps over them. Windows that occur more
//!    than [`PassageOptions::max_occurrences`] times are skipped: they come from
//!    degenerate repetition, and would make the work quadratic.
//! 2. **Bridging.** Runs that follow one another on both sides with a small gap
//!    (a few substituted, inserted or deleted keys, or a redaction placeholder
//!    against a short name) are chained into one passage, marked not exact.
//! 3. **Selection.** Chains with at least [`PassageOptions::min_chars`]
//!    countable keys in their exact runs become candidates; taken longest
//!    first (ties: closest to the documents' diagonal), a candidate is kept
//!    when it covers at least `min_chars` countable keys not yet covered on one
//!    side. A phrase that appears twice on one side and once on the other thus
//!    yields two passages, and no passage is reported twice.

use rustc_hash::FxHashMap as HashMap;

use crate::text::normalize::{is_figure_key, is_wild, Key, KeySeq, PLACEHOLDER};

/// Tunables of the passage finder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassageOptions {
    /// Minimum countable characters (letters, digits, Han) in a passage's
    /// exact runs.
    pub min_chars: usize,
    /// Length of the seed windows, in keys (clamped to `min_chars`).
    pub seed: usize,
    /// Largest gap, in keys on each side, bridged between two exact runs.
    pub max_gap: usize,
    /// Largest run of keys that a placeholder on the other side may stand for.
    pub placeholder_gap: usize,
    /// Seed windows that occur more often than this in the right document are
    /// ignored.
    pub max_occurrences: usize,
}

impl Default for PassageOptions {
    fn default() -> Self {
        PassageOptions {
            min_chars: 8,
            seed: 6,
            max_gap: 4,
            placeholder_gap: 8,
            max_occurrences: 64,
        }
    }
}

/// An exact run of equal keys: `left[a..a+len] == right[b..b+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Run {
    /// Start in the left document's keys.
    pub a: u32,
    /// Start in the right document's keys.
    pub b: u32,
    /// Length in keys.
    pub len: u32,
}

impl Run {
    fn end_a(&self) -> u32 {
        self.a + self.len
    }
    fn end_b(&self) -> u32 {
        self.b + self.len
    }
}

/// A shared passage in key space: one or more exact runs, bridged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPassage {
    /// Key range `[start, end)` in the left document.
    pub left: (usize, usize),
    /// Key range `[start, end)` in the right document.
    pub right: (usize, usize),
    /// The exact runs, in order; more than one means edits were bridged.
    pub runs: Vec<Run>,
    /// Countable keys inside the exact runs (left side).
    pub matched: usize,
}

impl KeyPassage {
    /// True when the passage is one exact run.
    pub fn exact(&self) -> bool {
        self.runs.len() == 1
    }
}

/// Find the passages shared by `left` and `right`, in left reading order.
pub fn find_passages(left: &KeySeq, right: &KeySeq, opts: &PassageOptions) -> Vec<KeyPassage> {
    let seed = opts.seed.clamp(1, opts.min_chars.max(1));
    let runs = exact_runs(left.keys(), right.keys(), seed, opts.max_occurrences);
    let chains = chain_runs(&runs, left, right, opts);
    select(chains, left, right, opts)
}

/// [`find_passages`] against one right document and many left ones: the
/// right document is indexed once (tracing compares a document with every
/// candidate source).
pub struct Finder<'a> {
    right: &'a KeySeq,
    index: SeedIndex,
    opts: PassageOptions,
}

impl<'a> Finder<'a> {
    /// Index `right` for passages found with `opts`.
    pub fn new(right: &'a KeySeq, opts: &PassageOptions) -> Finder<'a> {
        let seed = opts.seed.clamp(1, opts.min_chars.max(1));
        Finder {
            right,
            index: SeedIndex::new(right.keys(), seed),
            opts: *opts,
        }
    }

    /// The passages `left` shares with the right document: the same as
    /// `find_passages(left, right, opts)`.
    pub fn find(&self, left: &KeySeq) -> Vec<KeyPassage> {
        let k = self.index.k;
        let runs = if k == 0 || left.len() < k || self.right.len() < k {
            Vec::new()
        } else {
            exact_runs_filtered(
                left.keys(),
                self.right.keys(),
                &self.index,
                self.opts.max_occurrences,
                clean_runs(left.keys(), k),
                |_| true,
            )
        };
        let chains = chain_runs(&runs, left, self.right, &self.opts);
        select(chains, left, self.right, &self.opts)
    }
}

/// [`find_passages`] with the right document already indexed and the seeds
/// of the left given as (window start, tag), ascending; `keep(tag)` decides,
/// for seeds the scan cannot skip, whether to look them up. The index's
/// window length is the seed length.
pub(crate) fn find_passages_seeded(
    left: &KeySeq,
    right: &KeySeq,
    index: &SeedIndex,
    seeds: impl Iterator<Item = SeedRun>,
    keep: impl Fn(u32) -> bool,
    opts: &PassageOptions,
) -> Vec<KeyPassage> {
    let runs = exact_runs_filtered(
        left.keys(),
        right.keys(),
        index,
        opts.max_occurrences,
        seeds,
        keep,
    );
    let chains = chain_runs(&runs, left, right, opts);
    select(chains, left, right, opts)
}

fn hash_window(w: &[Key]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &k in w {
        h = (h ^ u64::from(k)).wrapping_mul(0x0000_0100_0000_01b3);
        h = h.rotate_left(23);
    }
    h
}

/// Start of every window of `keys` of length `k` with no placeholder in it.
fn clean_windows(keys: &[Key], k: usize) -> impl Iterator<Item = usize> + '_ {
    // `dirty_until` is the first index whose window may be clean again.
    let mut dirty_until = 0usize;
    (0..keys.len()).filter_map(move |end| {
        if is_wild(keys[end]) {
            dirty_until = end + 1;
        }
        let start = (end + 1).checked_sub(k)?;
        (start >= dirty_until).then_some(start)
    })
}

/// Seeds for the scan: windows starting at `start .. start + len`, all with
/// one tag, as `(start, len, tag)`.
pub(crate) type SeedRun = (usize, usize, u32);

/// The clean windows of `keys` (see [`clean_windows`]) as runs of
/// consecutive starts, tagged 0.
fn clean_runs(keys: &[Key], k: usize) -> impl Iterator<Item = SeedRun> + '_ {
    // Stretches between wild keys; each long enough holds one run.
    keys.split(|&key| is_wild(key))
        .scan(0usize, |at, stretch| {
            let start = *at;
            *at += stretch.len() + 1;
            Some((start, stretch.len()))
        })
        .filter(move |&(_, n)| k > 0 && n >= k)
        .map(move |(start, n)| (start, n - k + 1, 0))
}

/// The right document's seed windows, indexed: built once and reused when
/// one document is compared with many (corpus mode).
#[derive(Debug, Clone)]
pub(crate) struct SeedIndex {
    k: usize,
    /// Window hash → (first position, occurrences).
    head: HashMap<u64, (u32, u32)>,
    /// Next position with the same hash.
    next: Vec<u32>,
    /// For each position, the first position at or after it whose window is
    /// *not* unique in the document (occurs twice or more, or is not a clean
    /// window), else the document's length. Inside a run already found, a
    /// unique window can only lead back to that run, so the scan jumps over
    /// all of them at once.
    next_repeat: Vec<u32>,
}

/// The `next` link of the last window in a chain of equal windows.
const END_OF_CHAIN: u32 = u32::MAX;

impl SeedIndex {
    /// Index every clean window of `k` keys of `b`.
    pub fn new(b: &[Key], k: usize) -> SeedIndex {
        let mut head: HashMap<u64, (u32, u32)> =
            HashMap::with_capacity_and_hasher(b.len(), Default::default());
        let mut next = vec![END_OF_CHAIN; b.len()];
        if k > 0 && b.len() >= k {
            let starts: Vec<usize> = clean_windows(b, k).collect();
            for &j in starts.iter().rev() {
                let e = head
                    .entry(hash_window(&b[j..j + k]))
                    .or_insert((END_OF_CHAIN, 0));
                next[j] = e.0;
                *e = (j as u32, e.1 + 1);
            }
        }
        let mut unique = vec![false; b.len()];
        for &(first, count) in head.values() {
            if count == 1 {
                unique[first as usize] = true;
            }
        }
        let mut next_repeat = vec![b.len() as u32; b.len()];
        let mut at = b.len() as u32;
        for p in (0..b.len()).rev() {
            if !unique[p] {
                at = p as u32;
            }
            next_repeat[p] = at;
        }
        SeedIndex {
            k,
            head,
            next,
            next_repeat,
        }
    }
}

/// All maximal exact runs of at least `k` keys (see the module docs).
pub(crate) fn exact_runs(a: &[Key], b: &[Key], k: usize, max_occurrences: usize) -> Vec<Run> {
    if k == 0 || a.len() < k || b.len() < k {
        return Vec::new();
    }
    let index = SeedIndex::new(b, k);
    exact_runs_filtered(a, b, &index, max_occurrences, clean_runs(a, k), |_| true)
}

/// Exact runs seeded at the given runs of window starts of `a` (all clean
/// windows, or just those a corpus index knows are shared with `b`). A run
/// of seeds is scanned only when `keep(tag)` says so: a corpus uses it to
/// ask whether `b` is among the documents that carry the run's windows.
pub(crate) fn exact_runs_filtered(
    a: &[Key],
    b: &[Key],
    index: &SeedIndex,
    max_occurrences: usize,
    seeds: impl Iterator<Item = SeedRun>,
    keep: impl Fn(u32) -> bool,
) -> Vec<Run> {
    let k = index.k;
    if k == 0 || a.len() < k || b.len() < k || index.next.len() != b.len() {
        return Vec::new();
    }
    let mut scan = Scan {
        a,
        b,
        index,
        max_occurrences,
        covered: vec![0u32; a.len() + b.len() + 1],
        runs: Vec::new(),
        reach: None,
    };
    let last_start = a.len() - k; // the last window that fits in `a`
    for (start, len, tag) in seeds {
        if !keep(tag) {
            continue;
        }
        let end = (start + len).min(last_start + 1);
        let mut i = start;
        while i < end {
            match scan.skip_to(i) {
                Some(next) => i = next,
                None => {
                    scan.seed_at(i);
                    i += 1;
                }
            }
        }
    }
    let mut runs = scan.runs;
    runs.sort_unstable();
    runs
}

/// The state of one scan of `a`'s seeds against `b`.
struct Scan<'a> {
    a: &'a [Key],
    b: &'a [Key],
    index: &'a SeedIndex,
    max_occurrences: usize,
    /// `covered[diagonal]`: end (in `a`) of the last run found on that
    /// diagonal, `diagonal = j - i + a.len()`.
    covered: Vec<u32>,
    /// Runs found (after figure trimming).
    runs: Vec<Run>,
    /// The run found so far that reaches furthest in `a`.
    reach: Option<Run>,
}

impl Scan<'_> {
    /// Inside a run already found, windows unique in `b` can only lie on that
    /// run's diagonal, which `covered` would reject anyway: the next window
    /// start worth a lookup, when it is after `i`. The run is the one reaching
    /// furthest, so that a repeated phrase inside a long run (found again
    /// elsewhere in `b`) does not stop the jumps.
    fn skip_to(&self, i: usize) -> Option<usize> {
        let k = self.index.k;
        let run = self.reach?;
        let (ra, rb, ea) = (run.a as usize, run.b as usize, run.end_a() as usize);
        if i < ra || i + k > ea {
            return None;
        }
        let repeat = self.index.next_repeat[rb + (i - ra)] as usize;
        let next = (ra + (repeat - rb)).min(ea + 1 - k);
        (next > i).then_some(next)
    }

    /// Look the window of `a` at `i` up in `b` and extend every hit that no
    /// run found so far covers on its diagonal.
    fn seed_at(&mut self, i: usize) {
        let (a, b, k) = (self.a, self.b, self.index.k);
        let Some(&(first, count)) = self.index.head.get(&hash_window(&a[i..i + k])) else {
            return;
        };
        if count as usize > self.max_occurrences {
            return;
        }
        let mut j = first;
        while j != END_OF_CHAIN {
            let ju = j as usize;
            j = self.index.next[ju];
            let diag = ju + a.len() - i;
            if self.covered[diag] as usize > i {
                continue;
            }
            if a[i..i + k] != b[ju..ju + k] {
                continue; // hash collision
            }
            let run = extend(a, b, i, ju, k);
            self.covered[diag] = run.end_a();
            if self.reach.is_none_or(|r| run.end_a() > r.end_a()) {
                self.reach = Some(run);
            }
            if let Some(run) = trim_figures(a, b, run) {
                self.runs.push(run);
            }
        }
    }
}

/// Grow the equal window at (i, j) of length k to a maximal run.
fn extend(a: &[Key], b: &[Key], i: usize, j: usize, k: usize) -> Run {
    let (mut s, mut t) = (i, j);
    while s > 0 && t > 0 && a[s - 1] == b[t - 1] && !is_wild(a[s - 1]) {
        s -= 1;
        t -= 1;
    }
    let (mut e, mut f) = (i + k, j + k);
    while e < a.len() && f < b.len() && a[e] == b[f] && !is_wild(a[e]) {
        e += 1;
        f += 1;
    }
    Run {
        a: s as u32,
        b: t as u32,
        len: (e - s) as u32,
    }
}

/// A run never starts or ends inside a figure that goes on differently on
/// either side: `1.2亿` against `1.5亿` shares `1.`, but a reader sees two
/// figures, so the run gives the partial figure back (the changed figure is
/// then whole in the gap). None when nothing is left.
fn trim_figures(a: &[Key], b: &[Key], run: Run) -> Option<Run> {
    let (mut s, mut t) = (run.a as usize, run.b as usize);
    let (mut e, mut f) = (run.end_a() as usize, run.end_b() as usize);
    let before = |x: &[Key], p: usize| p > 0 && is_figure_key(x[p - 1]);
    let after = |x: &[Key], p: usize| x.get(p).is_some_and(|&k| is_figure_key(k));
    if before(a, s) || before(b, t) {
        while s < e && is_figure_key(a[s]) {
            s += 1;
            t += 1;
        }
    }
    if after(a, e) || after(b, f) {
        while e > s && is_figure_key(a[e - 1]) {
            e -= 1;
            f -= 1;
        }
    }
    let _ = f;
    (e > s).then_some(Run {
        a: s as u32,
        b: t as u32,
        len: (e - s) as u32,
    })
}

/// True when the keys in `[from, to)` hold a placeholder and little else.
fn placeholder_gap(keys: &[Key], from: usize, to: usize) -> bool {
    to > from && to - from <= 3 && keys[from..to].contains(&PLACEHOLDER)
}

/// True when a line break lies in `[from, to)`.
fn crosses_break(keys: &[Key], from: usize, to: usize) -> bool {
    keys[from..to].contains(&crate::text::normalize::BREAK)
}

/// Can `next` follow `prev` in one passage?
fn bridgeable(
    prev: &Run,
    next: &Run,
    left: &KeySeq,
    right: &KeySeq,
    opts: &PassageOptions,
) -> bool {
    if next.a < prev.end_a() || next.b < prev.end_b() {
        return false;
    }
    let ga = (next.a - prev.end_a()) as usize;
    let gb = (next.b - prev.end_b()) as usize;
    // No bridge spans more than this on either side: check before scanning
    // the gaps, which on a document with no line breaks can be millions long.
    let limit = opts.max_gap.max(opts.placeholder_gap).max(3);
    if ga > limit || gb > limit {
        return false;
    }
    if crosses_break(left.keys(), prev.end_a() as usize, next.a as usize)
        || crosses_break(right.keys(), prev.end_b() as usize, next.b as usize)
    {
        return false;
    }
    if ga <= opts.max_gap && gb <= opts.max_gap {
        return true;
    }
    let ph_a = placeholder_gap(left.keys(), prev.end_a() as usize, next.a as usize);
    let ph_b = placeholder_gap(right.keys(), prev.end_b() as usize, next.b as usize);
    (ph_a && gb <= opts.placeholder_gap) || (ph_b && ga <= opts.placeholder_gap)
}

/// Chain runs that follow one another closely on both sides.
fn chain_runs(runs: &[Run], left: &KeySeq, right: &KeySeq, opts: &PassageOptions) -> Vec<Vec<Run>> {
    let reach = opts.max_gap.max(opts.placeholder_gap) as u32;
    // Runs by where they end in `a`, to find the ones that end just before a run starts.
    let mut by_end: Vec<(u32, usize)> = runs
        .iter()
        .enumerate()
        .map(|(k, r)| (r.end_a(), k))
        .collect();
    by_end.sort_unstable();
    let mut succ: Vec<Option<usize>> = vec![None; runs.len()];
    let mut has_pred = vec![false; runs.len()];
    for (m, run) in runs.iter().enumerate() {
        let lo = by_end.partition_point(|&(e, _)| e < run.a.saturating_sub(reach));
        let mut best: Option<(u32, usize)> = None;
        for &(end, p) in by_end[lo..].iter().take_while(|&&(e, _)| e <= run.a) {
            let prev = &runs[p];
            if p == m || succ[p].is_some() || !bridgeable(prev, run, left, right, opts) {
                continue;
            }
            let gap = (run.a - end) + (run.b - prev.end_b());
            if best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, p));
            }
        }
        if let Some((_, p)) = best {
            succ[p] = Some(m);
            has_pred[m] = true;
        }
    }
    let mut chains = Vec::new();
    for start in 0..runs.len() {
        if has_pred[start] {
            continue;
        }
        let mut chain = vec![runs[start]];
        let mut at = start;
        while let Some(n) = succ[at] {
            chain.push(runs[n]);
            at = n;
        }
        chains.push(chain);
    }
    chains
}

/// Keep the chains long enough to report, without reporting any text twice.
fn select(
    chains: Vec<Vec<Run>>,
    left: &KeySeq,
    right: &KeySeq,
    opts: &PassageOptions,
) -> Vec<KeyPassage> {
    let min = opts.min_chars.max(1);
    let mut cands: Vec<KeyPassage> = chains
        .into_iter()
        .filter_map(|runs| {
            let first = *runs.first()?;
            let last = *runs.last()?;
            let matched = runs
                .iter()
                .map(|r| left.countable_in(r.a as usize, r.end_a() as usize))
                .sum();
            Some(KeyPassage {
                left: (first.a as usize, last.end_a() as usize),
                right: (first.b as usize, last.end_b() as usize),
                runs,
                matched,
            })
        })
        .filter(|p| p.matched >= min)
        .collect();
    let (na, nb) = (left.len().max(1) as f64, right.len().max(1) as f64);
    let off_diagonal = |p: &KeyPassage| (p.left.0 as f64 / na - p.right.0 as f64 / nb).abs();
    cands.sort_by(|x, y| {
        y.matched
            .cmp(&x.matched)
            .then(off_diagonal(x).total_cmp(&off_diagonal(y)))
            .then(x.left.cmp(&y.left))
            .then(x.right.cmp(&y.right))
    });
    let mut cov_a = vec![false; left.len()];
    let mut cov_b = vec![false; right.len()];
    // A candidate must bring this many countable keys not yet covered on
    // one side: half a passage, so that overlapping matches with different
    // partners still cover what they share, without near-duplicates.
    let need = (min / 2).max(1);
    // Whether `[s, e)` holds `need` fresh countable keys (counting stops there).
    let fresh = |cov: &[bool], doc: &KeySeq, (s, e): (usize, usize)| {
        (s..e)
            .filter(|&i| !cov[i] && doc.countable()[i])
            .take(need)
            .count()
            >= need
    };
    let mut kept = Vec::new();
    for p in cands {
        if !fresh(&cov_a, left, p.left) && !fresh(&cov_b, right, p.right) {
            continue;
        }
        cov_a[p.left.0..p.left.1].iter_mut().for_each(|c| *c = true);
        cov_b[p.right.0..p.right.1]
            .iter_mut()
            .for_each(|c| *c = true);
        kept.push(p);
    }
    kept.sort_by(|x, y| x.left.cmp(&y.left).then(x.right.cmp(&y.right)));
    kept
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::text::normalize::{normalize, NormOptions};
    use crate::text::Chars;

    fn norm(s: &str) -> KeySeq {
        normalize(&Chars::new(s).unwrap(), &NormOptions::default()).into_seq()
    }

    fn texts(a: &str, b: &str) -> Vec<(String, String, bool)> {
        let (na, nb) = (norm(a), norm(b));
        find_passages(&na, &nb, &PassageOptions::default())
            .iter()
            .map(|p| {
                (
                    na.key_string(p.left.0, p.left.1),
                    nb.key_string(p.right.0, p.right.1),
                    p.exact(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_a_shared_list_across_punctuation() {
        let a = "面向青少年、农民、城镇劳动者、领导干部和公务员开展科普。";
        let b = "今年要重点抓好青少年,农民,城镇劳动者,领导干部和公务员等重点人群。";
        let found = texts(a, b);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "青少年农民城镇劳动者领导干部和公务员");
        assert!(found[0].2);
    }

    #[test]
    fn a_finder_finds_what_find_passages_finds() {
        let right = norm("面向青少年、农民、城镇劳动者、领导干部和公务员开展科普。哪里有科技工作者科协工作就做到哪里。");
        let finder = Finder::new(&right, &PassageOptions::default());
        for left in [
            "重点人群是青少年,农民,城镇劳动者,领导干部和公务员。",
            "哪里有科技工作者，科协工作就做到哪里；面向青少年、农民开展科普。",
            "毫不相干的一句话。",
        ] {
            let left = norm(left);
            assert_eq!(
                finder.find(&left),
                find_passages(&left, &right, &PassageOptions::default())
            );
        }
    }

    #[test]
    fn short_matches_are_not_passages() {
        assert!(texts("推进科技创新工作", "加快科技创新步伐").is_empty());
    }

    #[test]
    fn small_edits_are_bridged() {
        let a = "哪里有科技工作者，科协工作就做到哪里，努力把科协建设成为科技工作者之家。";
        let b = "哪里有科技工作者，科协的工作就做到哪里，努力把科协组织建成科技工作者之家。";
        let found = texts(a, b);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].2);
        assert!(found[0].0.starts_with("哪里有科技工作者"));
        assert!(found[0].0.ends_with("科技工作者之家"));
    }

    #[test]
    fn placeholder_stands_for_a_name() {
        let a = "青川市科协要当好科技工作者之家和党联系科技工作者的桥梁纽带。";
        let b = "XX市科协要当好科技工作者之家和党联系科技工作者的桥梁纽带。";
        let found = texts(a, b);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1,
            "市科协要当好科技工作者之家和党联系科技工作者的桥梁纽带"
        );
        let a2 = "坚定不移地全力推动青川高质量发展再上新台阶。";
        let b2 = "坚定不移地全力推动xx高质量发展再上新台阶。";
        let found = texts(a2, b2);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].2, "bridged over the placeholder");
        assert_eq!(found[0].1, "坚定不移地全力推动□高质量发展再上新台阶");
    }

    #[test]
    fn changed_figures_split_or_bridge_but_do_not_match() {
        let a = "全年科普经费投入达到1.2亿元，比上年增长8.5%，创历史新高。";
        let b = "全年科普经费投入达到1.5亿元，比上年增长9.2%，创历史新高。";
        let found = texts(a, b);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].2);
    }

    #[test]
    fn repeated_phrase_pairs_each_occurrence_once() {
        let s = "坚持把科技工作者满意不满意作为衡量标准";
        let a = format!("{s}。其他内容甲乙丙丁。{s}。");
        let b = format!("开头。{s}。");
        let found = texts(&a, &b);
        assert_eq!(found.len(), 2, "{found:?}");
        let b2 = format!("开头。{s}。中间。{s}。");
        let found = texts(&a, &b2);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn passages_do_not_cut_a_figure_in_two() {
        let a = "全年科普经费投入达到1.2亿元，新建科普教育基地十二个并投入使用。";
        let b = "全年科普经费投入达到1.5亿元，新建科普教育基地十二个并投入使用。";
        let (na, nb) = (norm(a), norm(b));
        let found = find_passages(&na, &nb, &PassageOptions::default());
        assert_eq!(found.len(), 1, "bridged over the figure");
        let first = found[0].runs[0];
        assert_eq!(
            na.key_string(first.a as usize, first.end_a() as usize),
            "全年科普经费投入达到"
        );
    }

    #[test]
    fn passages_stop_at_line_breaks() {
        let a = "请代表们审议并提出意见。\n一、过去一年工作回顾";
        let b = "请代表们审议并提出意见。\n一、过去五年的主要成就";
        let found = texts(a, b);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "请代表们审议并提出意见");
    }

    #[test]
    fn degenerate_repetition_stays_cheap() {
        let a = "哈".repeat(50_000);
        let found = texts(&a, &a);
        assert!(found.len() <= 1);
    }

    /// The scan without its jumps: every clean window is looked up.
    fn runs_without_jumps(a: &[Key], b: &[Key], k: usize) -> Vec<Run> {
        let index = SeedIndex::new(b, k);
        let mut scan = Scan {
            a,
            b,
            index: &index,
            max_occurrences: 64,
            covered: vec![0u32; a.len() + b.len() + 1],
            runs: Vec::new(),
            reach: None,
        };
        for (start, len, _) in clean_runs(a, k) {
            (start..start + len).for_each(|i| scan.seed_at(i));
        }
        let mut runs = scan.runs;
        runs.sort_unstable();
        runs
    }

    proptest::proptest! {
        /// Jumping over windows unique in `b` inside a run found loses no
        /// run: texts over a four-letter alphabet repeat themselves a lot,
        /// and `b` is `a` with a stretch cut out, a repeat of `a`'s start
        /// appended and a placeholder put in.
        #[test]
        fn jumps_find_the_same_runs(
            a in proptest::collection::vec(0u32..4, 0..300),
            cut in 0usize..300,
            cut_len in 0usize..20,
            wild in 0usize..300,
            k in 2usize..8,
        ) {
            let a: Vec<Key> = a.into_iter().map(|x| 0x4E00 + x).collect();
            let mut b = a.clone();
            let cut = cut.min(b.len());
            b.drain(cut..(cut + cut_len).min(b.len()));
            b.extend_from_slice(&a[..a.len().min(40)]);
            if wild < b.len() {
                b[wild] = PLACEHOLDER;
            }
            proptest::prop_assert_eq!(exact_runs(&a, &b, k, 64), runs_without_jumps(&a, &b, k));
        }
    }
}
