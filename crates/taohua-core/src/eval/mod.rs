//! The quality check behind `taohua eval DIR` and `EVALUATION.md`.
//!
//! Two kinds of pairs, both scored without trusting the passage finder:
//!
//! - **Synthetic pairs**: each document against an edited copy of itself
//!   (`synth`), whose paragraph links and moved paragraphs are known. Scored
//!   for paragraph-link precision/recall/F1 and the share of moved paragraphs
//!   marked `moved`.
//! - **Real pairs**: documents of the same region and kind in consecutive
//!   years (by file name, `YEAR_REGION_KIND`).
//!
//! For both, the passages any finder must report come from an independent
//! exact method (`truth`: a suffix automaton). A true passage counts as found
//! when at least 80% of its countable characters lie inside reported passages,
//! on its own side. A reported passage is genuine when its two sides agree to
//! at least 75% (character LCS over normalised keys).
//!
//! Pure: texts in, scores out. The CLI reads the files.

pub mod reissue;
pub mod synth;
pub(crate) mod truth;

use std::collections::HashSet;

use serde::Serialize;

use crate::compare::similarity::char_similarity;
use crate::compare::{compare, prepare, CompareOptions, Comparison, Op, Prepared};
use crate::text::normalize::is_wild;
use crate::text::TextTooLong;

/// Share of a true passage's countable characters that must be covered.
pub(crate) const FOUND_COVERAGE: f64 = 0.8;
/// Agreement of a reported passage's two sides for it to be genuine.
pub(crate) const GENUINE_SIMILARITY: f64 = 0.75;

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
    /// Every fourth document against its edited copy run into one line, as
    /// speeches pasted from the web arrive (passages only).
    pub one_line: Vec<PairScore>,
    /// Consecutive-year pairs.
    pub real: Vec<PairScore>,
    /// Totals over synthetic pairs.
    pub synthetic_totals: Totals,
    /// Totals over one-line pairs.
    pub one_line_totals: Totals,
    /// Totals over real pairs.
    pub real_totals: Totals,
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
    let mut synthetic = Vec::new();
    let mut one_line = Vec::new();
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
        let mut score = score_pair(&s.text, &copy.text, opts)?;
        score.name = format!("{} ~ edited copy", s.name);
        let (a, b) = (prepare(&s.text, opts)?, prepare(&copy.text, opts)?);
        let c = compare(&a, &b, opts);
        score_links(&mut score, &a, &b, &c, &copy.links, &copy.moved);
        synthetic.push(score);
        if k % 4 == 0 {
            let flat: String = copy.text.split('\n').collect();
            let mut score = score_pair(&s.text, &flat, opts)?;
            score.name = format!("{} ~ edited copy on one line", s.name);
            one_line.push(score);
        }
    }
    let mut real = Vec::new();
    for (x, y) in consecutive_pairs(samples) {
        let mut score = score_pair(&samples[x].text, &samples[y].text, opts)?;
        score.name = format!("{} ~ {}", samples[x].name, samples[y].name);
        real.push(score);
    }
    Ok(Evaluation {
        schema: "taohua.eval/1",
        seed,
        synthetic_totals: totals(&synthetic),
        one_line_totals: totals(&one_line),
        real_totals: totals(&real),
        synthetic,
        one_line,
        real,
    })
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
    let min = opts.passages.min_chars;
    let mut score = PairScore::default();
    for (doc, other, spans) in [
        (
            &a,
            &b,
            c.passages.iter().map(|p| p.left).collect::<Vec<_>>(),
        ),
        (
            &b,
            &a,
            c.passages.iter().map(|p| p.right).collect::<Vec<_>>(),
        ),
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
        .filter(|p| genuine(&a, &b, p.left, p.right))
        .count();
    Ok(score)
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
    links: &[(usize, usize)],
    moved: &[usize],
) {
    let truth: HashSet<(usize, usize)> = links.iter().copied().collect();
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
    score.moved = moved.len();
    score.moved_marked = moved.iter().filter(|m| moved_paras.contains(m)).count();
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
mod tests {
    use super::*;

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
