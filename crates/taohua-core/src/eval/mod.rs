//! The quality check behind `taohua eval DIR` and `EVALUATION.md`.
//!
//! Two kinds of pairs, both scored without trusting the passage finder:
//!
//! - **Synthetic pairs**: each document against an edited copy of itself
//!   (`synth`), whose paragraph links and moved paragraphs are known. Scored
//!   for paragraph-link precision/recall/F1 and the share of moved paragraphs
//!   marked `moved`, by kind of move. Two sets: the original recipe, and a
//!   harder one (`synth::hard_copy`) with near and crossing moves, moves
//!   edited at 10–25%, split halves and merges apart.
//! - **Real pairs**: documents of the same region and kind in consecutive
//!   years (by file name, `YEAR_REGION_KIND`).
//!
//! For both, the passages any finder must report come from an independent
//! exact method (`truth`: a suffix automaton). A true passage counts as found
//! when at least 80% of its countable characters lie inside reported passages,
//! on its own side. A reported passage is genuine when its two sides agree to
//! at least 75% (character LCS over normalised keys).
//!
//! The run also measures what the `related` threshold is chosen from
//! ([`Calibration`]): the similarity of paragraphs known to be versions of
//! one another, and of paragraphs known not to be.
//!
//! Pure: texts in, scores out. The CLI reads the files.

pub mod reissue;
pub mod stock;
pub mod synth;
pub(crate) mod truth;

use std::collections::HashSet;

use synth::MoveKind;

use serde::Serialize;

use crate::compare::align::RELATED_SIMILARITY;
use crate::compare::similarity::char_similarity;
use crate::compare::{compare, prepare, CompareOptions, Comparison, Op, Prepared};
use crate::text::normalize::is_wild;
use crate::text::TextTooLong;

/// Share of a true passage's countable characters that must be covered.
pub(crate) const FOUND_COVERAGE: f64 = 0.8;
/// Agreement of a reported passage's two sides for it to be genuine.
pub(crate) const GENUINE_SIMILARITY: f64 = 0.75;

/// Moved paragraphs of one kind, and how many were marked `moved`.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct MovedCount {
    /// Paragraphs moved this way.
    pub moved: usize,
    /// Of these, paragraphs marked `moved`.
    pub marked: usize,
}

impl MovedCount {
    /// `marked / moved` (1 when nothing was moved).
    pub fn recall(&self) -> f64 {
        ratio(self.marked, self.moved)
    }

    fn add(&mut self, other: MovedCount) {
        self.moved += other.moved;
        self.marked += other.marked;
    }
}

/// Moved paragraphs by the kind of move (see [`synth::MoveKind`]).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct MovedByKind {
    /// Moved whole, word for word.
    pub whole: MovedCount,
    /// Moved whole and edited.
    pub edited: MovedCount,
    /// One half of a split paragraph moved away from the other.
    pub split_half: MovedCount,
    /// Merged into a paragraph that was not its neighbour.
    pub merged_apart: MovedCount,
}

impl MovedByKind {
    /// The count of one kind.
    pub fn get(&self, kind: MoveKind) -> MovedCount {
        match kind {
            MoveKind::Whole => self.whole,
            MoveKind::Edited => self.edited,
            MoveKind::SplitHalf => self.split_half,
            MoveKind::Merged => self.merged_apart,
        }
    }

    fn slot(&mut self, kind: MoveKind) -> &mut MovedCount {
        match kind {
            MoveKind::Whole => &mut self.whole,
            MoveKind::Edited => &mut self.edited,
            MoveKind::SplitHalf => &mut self.split_half,
            MoveKind::Merged => &mut self.merged_apart,
        }
    }

    fn add(&mut self, other: &MovedByKind) {
        for kind in MoveKind::ALL {
            self.slot(kind).add(other.get(kind));
        }
    }
}

/// Scores of one pair.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PairScore {
    /// What was compared.
    pub name: String,
    /// True passages (both sides counted).
    pub true_passages: usize,
    /// True passages found.
    pub found_passages: usize,
    /// Passages reported.
    pub reported: usize,
    /// Passages reported whose two sides agree.
    pub genuine: usize,
    /// True paragraph links (synthetic pairs only).
    pub true_links: usize,
    /// Links predicted.
    pub predicted_links: usize,
    /// Predicted links that are true.
    pub correct_links: usize,
    /// Paragraphs moved (synthetic only).
    pub moved: usize,
    /// Moved paragraphs marked `moved`.
    pub moved_marked: usize,
    /// The same two figures by kind of move.
    pub moved_by_kind: MovedByKind,
    /// Reported passages that join a source paragraph to the copy paragraph
    /// made from it (synthetic only): the passage paired the right occurrence.
    pub well_placed: usize,
}

/// Totals and ratios over many pairs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Pairs scored.
    pub pairs: usize,
    /// Found / true passages.
    pub passage_recall: f64,
    /// Genuine / reported passages.
    pub passage_precision: f64,
    /// Link precision.
    pub link_precision: f64,
    /// Link recall.
    pub link_recall: f64,
    /// Link F1.
    pub link_f1: f64,
    /// Moved paragraphs marked moved / moved paragraphs.
    pub moved_marked: f64,
    /// Well-placed / reported passages (synthetic only).
    pub passage_placement: f64,
    /// Sums behind the ratios.
    pub sums: PairScore,
}

/// The whole evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Evaluation {
    /// Schema of this JSON.
    pub schema: &'static str,
    /// The seed of the synthetic edits.
    pub seed: u64,
    /// Edited-copy pairs.
    pub synthetic: Vec<PairScore>,
    /// Harder edited copies (`synth::hard_copy`): near and crossing moves,
    /// moves with heavier edits, split halves and merges apart.
    pub hard: Vec<PairScore>,
    /// Every fourth document against its edited copy run into one line, as
    /// speeches pasted from the web arrive (passages only).
    pub one_line: Vec<PairScore>,
    /// Consecutive-year pairs.
    pub real: Vec<PairScore>,
    /// Totals over synthetic pairs.
    pub synthetic_totals: Totals,
    /// Totals over the harder synthetic pairs.
    pub hard_totals: Totals,
    /// Totals over one-line pairs.
    pub one_line_totals: Totals,
    /// Totals over real pairs.
    pub real_totals: Totals,
    /// The measurements behind the `related` threshold.
    pub related: Calibration,
}

/// Quantiles of a set of similarities.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Spread {
    /// How many.
    pub n: usize,
    /// Lowest.
    pub min: f64,
    /// 1st percentile.
    pub p1: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Highest.
    pub max: f64,
    /// Share below the `related` threshold.
    pub below_threshold: f64,
}

impl Spread {
    fn of(mut values: Vec<f64>) -> Spread {
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let q = |p: f64| {
            if n == 0 {
                0.0
            } else {
                values[((p * (n - 1) as f64).round() as usize).min(n - 1)]
            }
        };
        let below = values.partition_point(|&v| v < RELATED_SIMILARITY);
        Spread {
            n,
            min: q(0.0),
            p1: q(0.01),
            p5: q(0.05),
            p50: q(0.5),
            p95: q(0.95),
            p99: q(0.99),
            max: q(1.0),
            below_threshold: ratio(below, n.max(1)),
        }
    }
}

/// What the `related` threshold (`compare::align::RELATED_SIMILARITY`) is
/// chosen from: similarities (`2·LCS / (|a| + |b|)` over normalised keys, the
/// figure units show) of pairs known to be versions of one paragraph, and of
/// pairs known not to be.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Calibration {
    /// The threshold in force.
    pub threshold: f64,
    /// Versions: each source paragraph against the one copy paragraph made
    /// from it, in both synthetic sets (kept, edited, moved, moved and
    /// edited at 10–25%).
    pub versions: Spread,
    /// Not versions, same genre: each unrelated paragraph of a synthetic
    /// copy against the source paragraph it was put after.
    pub unrelated: Spread,
    /// Not versions, same place and section: on real pairs, the left
    /// paragraph of each in-order 1:1 unit against the right paragraphs just
    /// before and after its partner (each at least 20 keys long).
    pub neighbours: Spread,
    /// Real pairs: every in-order 1:1 unit (match or related).
    pub real_in_order: Spread,
    /// Real pairs: in-order 1:1 units by similarity, in bins of 0.05 (bin k
    /// holds [0.05·k, 0.05·(k+1))).
    pub real_histogram: Vec<usize>,
}

/// The similarities gathered for [`Calibration`].
#[derive(Debug, Clone, Default)]
struct CalibrationSamples {
    versions: Vec<f64>,
    unrelated: Vec<f64>,
    neighbours: Vec<f64>,
    real_in_order: Vec<f64>,
}

/// Each paragraph's key range `[from, to)` (its segments joined).
fn paragraph_keys(doc: &Prepared) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut last: Option<u32> = None;
    for (seg, &(from, to)) in doc.segments().iter().zip(doc.segment_keys()) {
        match out.last_mut() {
            Some(range) if last == Some(seg.paragraph) => range.1 = to,
            _ => out.push((from, to)),
        }
        last = Some(seg.paragraph);
    }
    out
}

impl CalibrationSamples {
    fn add_synthetic(&mut self, a: &Prepared, b: &Prepared, copy: &synth::Synthetic) {
        let (pa, pb) = (paragraph_keys(a), paragraph_keys(b));
        let keys = |d: &Prepared, range: Option<&(usize, usize)>| -> Vec<u32> {
            range.map_or_else(Vec::new, |&(f, t)| d.norm().keys()[f..t].to_vec())
        };
        let count = |of: &dyn Fn(&(usize, usize)) -> usize, x: usize| {
            copy.links.iter().filter(|l| of(l) == x).count()
        };
        for &(s, c) in &copy.links {
            if count(&|l| l.0, s) == 1 && count(&|l| l.1, c) == 1 {
                let (x, y) = (keys(a, pa.get(s)), keys(b, pb.get(c)));
                if !x.is_empty() && !y.is_empty() {
                    self.versions.push(char_similarity(&x, &y));
                }
            }
        }
        for &(c, after) in &copy.unrelated {
            let (x, y) = (keys(a, pa.get(after)), keys(b, pb.get(c)));
            if !x.is_empty() && !y.is_empty() {
                self.unrelated.push(char_similarity(&x, &y));
            }
        }
    }

    fn add_real(&mut self, a: &Prepared, b: &Prepared, c: &Comparison) {
        fn keys(d: &Prepared, s: usize) -> &[u32] {
            let (f, t) = d.segment_keys()[s];
            &d.norm().keys()[f..t]
        }
        for u in &c.units {
            if !matches!(u.op, Op::Match | Op::Related) {
                continue;
            }
            self.real_in_order.push(u.similarity);
            let (l, r) = (u.left[0], u.right[0]);
            let x = keys(a, l);
            for n in [r.checked_sub(1), Some(r + 1)].into_iter().flatten() {
                if n < b.segments().len() {
                    let y = keys(b, n);
                    if x.len() >= 20 && y.len() >= 20 {
                        self.neighbours.push(char_similarity(x, y));
                    }
                }
            }
        }
    }

    fn summary(self) -> Calibration {
        let mut histogram = vec![0usize; 21];
        for &v in &self.real_in_order {
            histogram[((v * 20.0) as usize).min(20)] += 1;
        }
        Calibration {
            threshold: RELATED_SIMILARITY,
            versions: Spread::of(self.versions),
            unrelated: Spread::of(self.unrelated),
            neighbours: Spread::of(self.neighbours),
            real_in_order: Spread::of(self.real_in_order),
            real_histogram: histogram,
        }
    }
}

/// A document to evaluate on: its file stem (for year/region/kind) and text.
#[derive(Debug, Clone)]
pub struct Sample {
    /// File stem, e.g. `2026_安徽省_政府工作报告`.
    pub name: String,
    /// Text.
    pub text: String,
}

/// Run the evaluation over `samples`.
pub fn evaluate(
    samples: &[Sample],
    seed: u64,
    opts: &CompareOptions,
) -> Result<Evaluation, TextTooLong> {
    let mut rng = synth::Rng::new(seed);
    // The harder set has its own generator, so the first set's copies stay
    // what they were.
    let mut hard_rng = synth::Rng::new(seed ^ 0x6861_7264);
    let mut synthetic = Vec::new();
    let mut hard = Vec::new();
    let mut one_line = Vec::new();
    let mut samples_for = CalibrationSamples::default();
    for (k, s) in samples.iter().enumerate() {
        // Filler paragraphs come from the other documents.
        let filler: Vec<String> = samples
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .flat_map(|(_, o)| synth::paragraphs(&o.text))
            .filter(|p| p.chars().count() >= 30)
            .step_by(7)
            .collect();
        let copy = synth::edited_copy(&s.text, &filler, &mut rng);
        synthetic.push(score_synthetic(
            &s.text,
            &copy,
            opts,
            format!("{} ~ edited copy", s.name),
            &mut samples_for,
        )?);
        let hard_copy = synth::hard_copy(&s.text, &filler, &mut hard_rng);
        hard.push(score_synthetic(
            &s.text,
            &hard_copy,
            opts,
            format!("{} ~ hard edited copy", s.name),
            &mut samples_for,
        )?);
        if k % 4 == 0 {
            let flat: String = copy.text.split('\n').collect();
            let mut score = score_pair(&s.text, &flat, opts)?;
            score.name = format!("{} ~ edited copy on one line", s.name);
            one_line.push(score);
        }
    }
    let mut real = Vec::new();
    for (x, y) in consecutive_pairs(samples) {
        let (a, b) = (
            prepare(&samples[x].text, opts)?,
            prepare(&samples[y].text, opts)?,
        );
        let c = compare(&a, &b, opts);
        let mut score = score_compared(&a, &b, &c, opts);
        score.name = format!("{} ~ {}", samples[x].name, samples[y].name);
        real.push(score);
        samples_for.add_real(&a, &b, &c);
    }
    Ok(Evaluation {
        schema: "taohua.eval/1",
        seed,
        synthetic_totals: totals(&synthetic),
        hard_totals: totals(&hard),
        one_line_totals: totals(&one_line),
        real_totals: totals(&real),
        related: samples_for.summary(),
        synthetic,
        hard,
        one_line,
        real,
    })
}

/// Passage, link and moved scores of one edited copy.
fn score_synthetic(
    source: &str,
    copy: &synth::Synthetic,
    opts: &CompareOptions,
    name: String,
    calibration: &mut CalibrationSamples,
) -> Result<PairScore, TextTooLong> {
    let (a, b) = (prepare(source, opts)?, prepare(&copy.text, opts)?);
    let c = compare(&a, &b, opts);
    let mut score = score_compared(&a, &b, &c, opts);
    score.name = name;
    score_links(&mut score, &a, &b, &c, copy);
    calibration.add_synthetic(&a, &b, copy);
    Ok(score)
}

/// Pairs of samples with the same region and kind in consecutive years.
pub(crate) fn consecutive_pairs(samples: &[Sample]) -> Vec<(usize, usize)> {
    let metas: Vec<_> = samples
        .iter()
        .map(|s| crate::meta::guess(&s.name, ""))
        .collect();
    let mut out = Vec::new();
    for (i, a) in metas.iter().enumerate() {
        for (j, b) in metas.iter().enumerate() {
            if let (Some(ya), Some(yb)) = (a.year, b.year) {
                if yb == ya + 1 && a.region.is_some() && a.region == b.region && a.kind == b.kind {
                    out.push((i, j));
                }
            }
        }
    }
    out
}

/// Passage recall and precision of one pair.
pub(crate) fn score_pair(
    left: &str,
    right: &str,
    opts: &CompareOptions,
) -> Result<PairScore, TextTooLong> {
    let (a, b) = (prepare(left, opts)?, prepare(right, opts)?);
    let c = compare(&a, &b, opts);
    Ok(score_compared(&a, &b, &c, opts))
}

/// Passage recall and precision of a pair already compared.
fn score_compared(a: &Prepared, b: &Prepared, c: &Comparison, opts: &CompareOptions) -> PairScore {
    let min = opts.passages.min_chars;
    let mut score = PairScore::default();
    for (doc, other, spans) in [
        (a, b, c.passages.iter().map(|p| p.left).collect::<Vec<_>>()),
        (b, a, c.passages.iter().map(|p| p.right).collect::<Vec<_>>()),
    ] {
        let norm = doc.norm();
        let mut covered = vec![false; norm.len()];
        for (s, e) in spans {
            let (from, to) = norm.key_range(s, e);
            covered[from..to].iter_mut().for_each(|c| *c = true);
        }
        for (from, to) in truth::shared_intervals(norm.seq(), other.norm().seq(), min) {
            let all = norm.countable_in(from, to);
            let hit = (from..to)
                .filter(|&k| covered[k] && norm.countable()[k])
                .count();
            score.true_passages += 1;
            score.found_passages += usize::from(hit as f64 >= FOUND_COVERAGE * all as f64);
        }
    }
    score.reported = c.passages.len();
    score.genuine = c
        .passages
        .iter()
        .filter(|p| genuine(a, b, p.left, p.right))
        .count();
    score
}

fn genuine(a: &Prepared, b: &Prepared, l: (u32, u32), r: (u32, u32)) -> bool {
    let keys = |d: &Prepared, (s, e): (u32, u32)| -> Vec<u32> {
        let (from, to) = d.norm().key_range(s, e);
        d.norm().keys()[from..to]
            .iter()
            .copied()
            .filter(|&k| !is_wild(k))
            .collect()
    };
    let (x, y) = (keys(a, l), keys(b, r));
    char_similarity(&x, &y) >= GENUINE_SIMILARITY
}

/// Paragraph-link and moved scores of a synthetic pair.
fn score_links(
    score: &mut PairScore,
    a: &Prepared,
    b: &Prepared,
    c: &Comparison,
    copy: &synth::Synthetic,
) {
    let truth: HashSet<(usize, usize)> = copy.links.iter().copied().collect();
    let mut predicted: HashSet<(usize, usize)> = HashSet::new();
    let mut moved_paras: HashSet<usize> = HashSet::new();
    for u in &c.units {
        for &l in &u.left {
            for &r in &u.right {
                let lp = a.segments()[l].paragraph as usize;
                let rp = b.segments()[r].paragraph as usize;
                predicted.insert((lp, rp));
            }
            if u.op == Op::Moved {
                moved_paras.insert(a.segments()[l].paragraph as usize);
            }
        }
    }
    score.true_links = truth.len();
    score.predicted_links = predicted.len();
    score.correct_links = predicted.intersection(&truth).count();
    score.moved = copy.moved.len();
    score.moved_marked = copy
        .moved
        .iter()
        .filter(|m| moved_paras.contains(m))
        .count();
    for (m, &kind) in copy.moved.iter().zip(&copy.moved_kinds) {
        let slot = score.moved_by_kind.slot(kind);
        slot.moved += 1;
        slot.marked += usize::from(moved_paras.contains(m));
    }
    let paragraph_at = |d: &Prepared, at: u32| {
        let k = d.segments().partition_point(|s| s.end <= at);
        d.segments().get(k).map(|s| s.paragraph as usize)
    };
    score.well_placed = c
        .passages
        .iter()
        .filter(
            |p| match (paragraph_at(a, p.left.0), paragraph_at(b, p.right.0)) {
                (Some(l), Some(r)) => truth.contains(&(l, r)),
                _ => false,
            },
        )
        .count();
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn totals(scores: &[PairScore]) -> Totals {
    let mut s = PairScore {
        name: "total".into(),
        ..PairScore::default()
    };
    for p in scores {
        s.true_passages += p.true_passages;
        s.found_passages += p.found_passages;
        s.reported += p.reported;
        s.genuine += p.genuine;
        s.true_links += p.true_links;
        s.predicted_links += p.predicted_links;
        s.correct_links += p.correct_links;
        s.moved += p.moved;
        s.moved_marked += p.moved_marked;
        s.moved_by_kind.add(&p.moved_by_kind);
        s.well_placed += p.well_placed;
    }
    let lp = ratio(s.correct_links, s.predicted_links);
    let lr = ratio(s.correct_links, s.true_links);
    Totals {
        pairs: scores.len(),
        passage_recall: ratio(s.found_passages, s.true_passages),
        passage_precision: ratio(s.genuine, s.reported),
        link_precision: lp,
        link_recall: lr,
        link_f1: if lp + lr == 0.0 {
            0.0
        } else {
            2.0 * lp * lr / (lp + lr)
        },
        moved_marked: ratio(s.moved_marked, s.moved),
        passage_placement: ratio(s.well_placed, s.reported),
        sums: s,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn spreads_read_quantiles_and_the_share_below_the_threshold() {
        let s = Spread::of((0..=100).map(|k| f64::from(k) / 100.0).collect());
        assert_eq!((s.n, s.min, s.p50, s.max), (101, 0.0, 0.5, 1.0));
        assert!((s.p1 - 0.01).abs() < 1e-9 && (s.p99 - 0.99).abs() < 1e-9);
        assert!((s.below_threshold - 50.0 / 101.0).abs() < 1e-9);
        assert_eq!(Spread::of(Vec::new()).n, 0);
    }

    #[test]
    fn paragraph_keys_join_the_sentence_groups_of_a_long_line() {
        let opts = CompareOptions::default();
        let long: String = (0..40)
            .map(|k| format!("第{k}句话讲的是科协工作。"))
            .collect();
        let doc = prepare(&format!("标题\n{long}\n结尾"), &opts).unwrap();
        assert!(doc.segments().len() > 3, "the long line is cut into groups");
        let paras = paragraph_keys(&doc);
        assert_eq!(paras.len(), 3);
        assert_eq!(paras[1].0, doc.segment_keys()[1].0);
        assert_eq!(paras[1].1, doc.segment_keys()[doc.segments().len() - 2].1);
    }

    #[test]
    fn the_calibration_tells_versions_from_unrelated_paragraphs() {
        let source: String = (0..40)
            .map(|k| format!("第{k}段：全市科协系统坚持创新驱动发展战略，推动学会改革取得新进展{k}。要进一步加强基层组织建设，确保各项工作取得实效{k}。\n"))
            .collect();
        let samples = [Sample {
            name: "2024_某市_讲话".into(),
            text: source,
        }];
        let e = evaluate(&samples, 3, &CompareOptions::default()).unwrap();
        let c = &e.related;
        assert_eq!(c.threshold, RELATED_SIMILARITY);
        assert!(c.versions.n > 40 && c.versions.p5 > 0.8, "{c:?}");
        assert_eq!(c.real_in_order.n, 0, "no consecutive years");
    }

    #[test]
    fn consecutive_years_pair_up() {
        let s = |n: &str| Sample {
            name: n.into(),
            text: String::new(),
        };
        let samples = [
            s("2025_安徽省_政府工作报告"),
            s("2026_安徽省_政府工作报告"),
            s("2026_河北省_政府工作报告"),
        ];
        assert_eq!(consecutive_pairs(&samples), vec![(0, 1)]);
    }
}
