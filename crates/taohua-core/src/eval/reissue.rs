//! The check of substitutions and names left behind (`taohua eval DIR
//! --reissue`, EVALUATION.md): real reports re-issued under another
//! province's names, with known answers, and real pairs that must raise
//! (almost) nothing.
//!
//! **Copies.** Each provincial report (file name `YEAR_REGION_KIND`, the
//! region a province) is copied with its province's place names replaced by
//! another province's: every place name the division table finds
//! ([`crate::places::mentions`]) that can stand for a division of the source
//! province, and for none of the target's, becomes a division of the same
//! level of the target province (a prefecture another prefecture, a
//! township another township; a county when the target has fewer
//! prefectures than the source names), the same source name always the
//! same target name, written full where the source wrote it full and short where it
//! wrote it short. A few names ([`LEFT_BEHIND`], chosen at random among the
//! prefectures, counties and townships named) are deliberately left
//! unreplaced. The answers: every replacement (source string → target
//! string, with its count) and the positions of the names left.
//!
//! The copy is re-issued under the target province (its metadata region),
//! and compared with the source as `taohua compare` would: a substitution is
//! found when the reported table has the same two strings; a name left is
//! found when a reported leftover overlaps it; every other leftover is a
//! false alarm. Recognition itself is not tested here, since the copies are
//! made with the same table: real pairs test it. **Real pairs**: the
//! same-province pairs of consecutive years (which must raise nothing), and
//! every pair of provinces of one year (cross-province pairs, where a
//! leftover is a false alarm unless a person confirms it).
//!
//! Pure: texts in, scores out. Cost: one comparison per pair, the pairs in
//! parallel.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::synth::Rng;
use super::Sample;
use crate::compare::leftovers::Side;
use crate::compare::{compare, leftovers, prepare, CompareOptions};
use crate::places::{self, Level, Place};
use crate::text::TextTooLong;

/// Names deliberately left unreplaced in each copy.
pub const LEFT_BEHIND: usize = 3;

/// A re-issued copy and its answers.
#[derive(Debug, Clone)]
pub struct Reissued {
    /// The copy's text.
    pub text: String,
    /// The province the source belongs to.
    pub source: Place,
    /// The province the copy was re-issued under.
    pub target: Place,
    /// Replacements made: (source string, target string) → count.
    pub substitutions: Vec<(String, String, usize)>,
    /// Char spans, in the copy, of the names left behind.
    pub left_behind: Vec<(u32, u32)>,
}

/// Divisions of `province` at `level`, in a fixed order.
fn divisions(province: Place, level: Level) -> Vec<Place> {
    let mut out: Vec<Place> = places::all()
        .filter(|p| p.level() == level && p.within(province))
        .collect();
    out.sort_unstable();
    out
}

/// `text` re-issued from province `source` under province `target`.
pub fn reissue(text: &str, source: Place, target: Place, rng: &mut Rng) -> Reissued {
    let chars: Vec<char> = text.chars().collect();
    let found = places::mentions(&chars);
    // The source division each replaceable mention stands for.
    let eligible: Vec<(usize, Place)> = found
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.places.iter().any(|p| p.within(target)))
        .filter_map(|(k, m)| {
            let p = m.places.iter().copied().find(|p| p.within(source))?;
            (!places::is_capital(p.province())).then_some((k, p))
        })
        .collect();
    // Source division → target division, same level, never twice the same.
    let mut pools: HashMap<Level, Vec<Place>> = HashMap::new();
    let mut mapped: HashMap<Place, Place> = HashMap::new();
    for &(_, p) in &eligible {
        if mapped.contains_key(&p) {
            continue;
        }
        let q = if p.level() == Level::Province {
            Some(target)
        } else {
            // The same level, or the next one down when the target province
            // has fewer divisions of that level than the source names.
            let levels = [Level::Prefecture, Level::County, Level::Township];
            let mut pick = None;
            for &level in levels.iter().filter(|&&l| l >= p.level()) {
                let pool = pools
                    .entry(level)
                    .or_insert_with(|| divisions(target, level));
                // A name that could also stand for a source division would
                // be a new name of the source's region, not a replacement.
                while !pool.is_empty() && pick.is_none() {
                    let q = pool.swap_remove(rng.below(pool.len()));
                    let clean = |s: &str| !places::lookup(s).iter().any(|x| x.within(source));
                    if clean(&q.name()) && clean(&q.short()) {
                        pick = Some(q);
                    }
                }
                if pick.is_some() {
                    break;
                }
            }
            pick
        };
        if let Some(q) = q {
            mapped.insert(p, q);
        }
    }
    // The names left: distinct divisions below the province level.
    let mut candidates: Vec<usize> = eligible
        .iter()
        .filter(|(_, p)| p.level() != Level::Province && mapped.contains_key(p))
        .map(|&(k, _)| k)
        .collect();
    let mut kept: Vec<usize> = Vec::new();
    let mut kept_places: Vec<Place> = Vec::new();
    while kept.len() < LEFT_BEHIND && !candidates.is_empty() {
        let k = candidates.swap_remove(rng.below(candidates.len()));
        let p = eligible.iter().find(|(j, _)| *j == k).map(|(_, p)| *p);
        if let Some(p) = p.filter(|p| !kept_places.contains(p)) {
            kept.push(k);
            kept_places.push(p);
        }
    }
    // Each source name as written → its replacement, as an editor's
    // find-and-replace would have them: the longest name first at each
    // position, every occurrence (`海南大学` too), except the names kept.
    let mut names: HashMap<Vec<char>, String> = HashMap::new();
    for &(k, p) in &eligible {
        let m = &found[k];
        let Some(q) = mapped.get(&p) else { continue };
        let written: Vec<char> = chars[m.span.0 as usize..m.span.1 as usize].to_vec();
        let replacement = if m.full || !q.short_allowed() {
            q.name()
        } else {
            q.short()
        };
        names.entry(written).or_insert(replacement);
    }
    let longest = names.keys().map(Vec::len).max().unwrap_or(0);
    let kept_at: HashMap<usize, usize> = kept
        .iter()
        .map(|&k| (found[k].span.0 as usize, found[k].span.1 as usize))
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    let mut left_behind = Vec::new();
    let mut copy_len = 0u32;
    let mut i = 0usize;
    while i < chars.len() {
        if let Some(&end) = kept_at.get(&i) {
            let start = copy_len;
            out.extend(&chars[i..end]);
            copy_len += (end - i) as u32;
            left_behind.push((start, copy_len));
            i = end;
            continue;
        }
        let hit = (2..=longest.min(chars.len() - i))
            .rev()
            .find_map(|n| Some((n, names.get(&chars[i..i + n])?)));
        match hit {
            Some((n, replacement)) => {
                out.push_str(replacement);
                copy_len += replacement.chars().count() as u32;
                let written: String = chars[i..i + n].iter().collect();
                *counts.entry((written, replacement.clone())).or_default() += 1;
                i += n;
            }
            None => {
                out.push(chars[i]);
                copy_len += 1;
                i += 1;
            }
        }
    }
    let mut substitutions: Vec<(String, String, usize)> =
        counts.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    substitutions.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(&y.0)));
    Reissued {
        text: out,
        source,
        target,
        substitutions,
        left_behind,
    }
}

/// The scores of one re-issued copy.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CopyScore {
    /// What was compared.
    pub name: String,
    /// Distinct replacements made.
    pub substitutions: usize,
    /// … of which the reported table holds.
    pub substitutions_found: usize,
    /// Occurrences replaced.
    pub occurrences: usize,
    /// … of which the reported table counts (up to each replacement's count).
    pub occurrences_found: usize,
    /// Substitutions reported.
    pub reported: usize,
    /// Names left behind.
    pub left_behind: usize,
    /// … found.
    pub left_behind_found: usize,
    /// Leftovers reported that are none of them.
    pub false_alarms: usize,
    /// The false alarms' texts, for reading.
    pub false_alarm_texts: Vec<String>,
    /// The replacements the table missed, for reading.
    pub missed: Vec<String>,
    /// Substitutions reported that are no replacement the copy made.
    pub extra: Vec<String>,
}

/// Leftovers raised by a real pair.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RealScore {
    /// What was compared.
    pub name: String,
    /// Substitutions of kind place or name (the evidence leftovers need).
    pub place_substitutions: usize,
    /// Leftovers raised.
    pub leftovers: usize,
    /// Their texts.
    pub texts: Vec<String>,
}

/// The whole check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReissueEvaluation {
    /// Schema of this JSON.
    pub schema: &'static str,
    /// The seed of the choices.
    pub seed: u64,
    /// Re-issued copies.
    pub copies: Vec<CopyScore>,
    /// Same-province pairs of consecutive years.
    pub same_province: Vec<RealScore>,
    /// Pairs of different provinces, same year.
    pub cross_province: Vec<RealScore>,
}

impl ReissueEvaluation {
    /// Sum of a field over the copies.
    pub fn copy_total(&self, f: impl Fn(&CopyScore) -> usize) -> usize {
        self.copies.iter().map(f).sum()
    }
}

/// The text of `span` with a few characters either side: `…美丽[江苏]建设…`.
fn in_context(doc: &crate::compare::Prepared, (s, e): (u32, u32)) -> String {
    let before = doc.text((s.saturating_sub(6), s)).replace('\n', " ");
    let after = doc.text((e, e + 6)).replace('\n', " ");
    format!("…{before}[{}]{after}…", doc.text((s, e)))
}

/// The province a sample belongs to, by its file name's region.
fn province_of(s: &Sample) -> Option<(i32, Place, String)> {
    let m = crate::meta::guess(&s.name, "");
    let region = places::resolve_region(m.region.as_deref()?)?;
    (region.level() == Level::Province).then_some((m.year?, region, m.kind.unwrap_or_default()))
}

/// Run the check over the provincial reports among `samples`.
pub fn evaluate_reissue(
    samples: &[Sample],
    seed: u64,
    opts: &CompareOptions,
) -> Result<ReissueEvaluation, TextTooLong> {
    let mut rng = Rng::new(seed);
    let provincial: Vec<(usize, i32, Place, String)> = samples
        .iter()
        .enumerate()
        .filter_map(|(k, s)| province_of(s).map(|(y, p, kind)| (k, y, p, kind)))
        .collect();
    // Targets: provinces with prefectures (a municipality has none).
    let mut targets: Vec<Place> = places::all()
        .filter(|p| p.level() == Level::Province)
        .filter(|&p| places::all().any(|c| c.parent() == Some(p) && c.level() == Level::Prefecture))
        .collect();
    targets.sort_unstable();
    let mut eval = ReissueEvaluation {
        schema: "taohua.eval-reissue/1",
        seed,
        ..ReissueEvaluation::default()
    };
    // Each copy its own target and generator, drawn in order, so that the
    // copies can be made and compared in parallel and still depend only on
    // the seed.
    let jobs: Vec<(usize, Place, Place, u64)> = provincial
        .iter()
        .filter_map(|&(k, _, source, _)| {
            let others: Vec<Place> = targets.iter().copied().filter(|&t| t != source).collect();
            let target = *others.get(rng.below(others.len()))?;
            Some((k, source, target, rng.next_u64()))
        })
        .collect();
    let copy_score = |&(k, source, target, seed): &(usize, Place, Place, u64)| -> Result<CopyScore, TextTooLong> {
        let copy = reissue(&samples[k].text, source, target, &mut Rng::new(seed));
        let (a, b) = (prepare(&samples[k].text, opts)?, prepare(&copy.text, opts)?);
        let c = compare(&a, &b, opts);
        let (sn, tn) = (source.name(), target.name());
        let l = leftovers(&a, &b, &c, (Some(&sn), Some(&tn)), Side::Right);
        let mut score = CopyScore {
            name: format!("{} → {}", samples[k].name, tn),
            substitutions: copy.substitutions.len(),
            occurrences: copy.substitutions.iter().map(|s| s.2).sum(),
            reported: c.substitutions.len(),
            left_behind: copy.left_behind.len(),
            ..CopyScore::default()
        };
        for (from, to, n) in &copy.substitutions {
            match c
                .substitutions
                .iter()
                .find(|s| s.left == *from && s.right == *to)
            {
                Some(s) => {
                    score.substitutions_found += 1;
                    score.occurrences_found += s.count().min(*n);
                }
                None => score.missed.push(format!("{from} → {to} ×{n}")),
            }
        }
        for s in &c.substitutions {
            let made = copy
                .substitutions
                .iter()
                .any(|(from, to, _)| *from == s.left && *to == s.right);
            if !made {
                score
                    .extra
                    .push(format!("{} → {} ×{} {}", s.left, s.right, s.count(), s.kind.name()));
            }
        }
        let overlaps = |x: (u32, u32), y: (u32, u32)| x.0 < y.1 && y.0 < x.1;
        score.left_behind_found = copy
            .left_behind
            .iter()
            .filter(|&&t| {
                l.items
                    .iter()
                    .any(|r| r.side == Side::Right && overlaps(r.span, t))
            })
            .count();
        for r in &l.items {
            let hit =
                r.side == Side::Right && copy.left_behind.iter().any(|&t| overlaps(r.span, t));
            if !hit {
                score.false_alarms += 1;
                let doc = if r.side == Side::Right { &b } else { &a };
                score.false_alarm_texts.push(format!(
                    "{}:{}",
                    r.side.name(),
                    in_context(doc, r.span)
                ));
            }
        }
        Ok(score)
    };
    eval.copies = jobs.par_iter().map(copy_score).collect::<Result<_, _>>()?;
    // Real pairs.
    let real = |x: usize, y: usize| -> Result<RealScore, TextTooLong> {
        let (a, b) = (
            prepare(&samples[x].text, opts)?,
            prepare(&samples[y].text, opts)?,
        );
        let c = compare(&a, &b, opts);
        let region = |k: usize| province_of(&samples[k]).map(|(_, p, _)| p.name());
        let (ra, rb) = (region(x), region(y));
        let l = leftovers(&a, &b, &c, (ra.as_deref(), rb.as_deref()), Side::Right);
        Ok(RealScore {
            name: format!("{} ~ {}", samples[x].name, samples[y].name),
            place_substitutions: c
                .substitutions
                .iter()
                .filter(|s| {
                    matches!(
                        s.kind,
                        crate::compare::substitutions::Kind::Place
                            | crate::compare::substitutions::Kind::Name
                    )
                })
                .count(),
            leftovers: l.items.len(),
            texts: l
                .items
                .iter()
                .map(|r| {
                    let doc = if r.side == Side::Right { &b } else { &a };
                    format!("{}:{}", r.side.name(), in_context(doc, r.span))
                })
                .collect(),
        })
    };
    let (mut same, mut cross) = (Vec::new(), Vec::new());
    for &(x, yx, px, ref kx) in &provincial {
        for &(y, yy, py, ref ky) in &provincial {
            if kx != ky {
                continue;
            }
            if px == py && yy == yx + 1 {
                same.push((x, y));
            } else if px < py && yx == yy {
                cross.push((x, y));
            }
        }
    }
    let run = |pairs: Vec<(usize, usize)>| -> Result<Vec<RealScore>, TextTooLong> {
        pairs.par_iter().map(|&(x, y)| real(x, y)).collect()
    };
    eval.same_province = run(same)?;
    eval.cross_province = run(cross)?;
    Ok(eval)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_replaces_every_name_but_those_left() {
        let text = "湖南省人民政府工作报告\n长沙、株洲、湘潭三市要加快融城，长沙市要当好龙头。安化县东坪镇、梅城镇做好防火，益阳市负责督导。\n";
        let hunan = places::resolve_region("湖南省").unwrap();
        let jiangxi = places::resolve_region("江西省").unwrap();
        let copy = reissue(text, hunan, jiangxi, &mut Rng::new(7));
        assert!(
            copy.text.starts_with("江西省人民政府工作报告"),
            "{}",
            copy.text
        );
        assert_eq!(copy.left_behind.len(), LEFT_BEHIND);
        let chars: Vec<char> = copy.text.chars().collect();
        // What is left is a name of Hunan; everything else of Hunan is gone.
        let left: Vec<String> = copy
            .left_behind
            .iter()
            .map(|&(s, e)| chars[s as usize..e as usize].iter().collect())
            .collect();
        for m in places::mentions(&chars) {
            let hunan_only = m.places.iter().all(|p| p.within(hunan));
            let name: String = chars[m.span.0 as usize..m.span.1 as usize].iter().collect();
            assert!(
                !hunan_only || left.contains(&name),
                "{name} left in {}",
                copy.text
            );
        }
        eprintln!("{} {:?} {left:?}", copy.text, copy.substitutions);
        assert!(copy
            .substitutions
            .iter()
            .any(|(a, b, _)| a == "湖南省" && b == "江西省"));
    }
}
