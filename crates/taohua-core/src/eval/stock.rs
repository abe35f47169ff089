//! Stock language, measured: the check behind `taohua eval --stock DIR` and
//! the stock thresholds in EVALUATION.md.
//!
//! **Pairs.** Documents of the same region and kind in consecutive years.
//! Each pair is judged against a *held-out* reference: a
//! [`ReferenceTable`] of every other document of the folder, so neither
//! document of the pair counts towards the commonness of its own passages.
//! The documents that count are the ones [`around`] picks for the later
//! document, as `compare` picks them.
//!
//! **What a passage truly is**, decided without the rule under test:
//! - *made of long stock formulations*: at least [`MADE_OF`] of its
//!   countable characters lie inside occurrences of [`FORMULATIONS`], a
//!   fixed list of long formulations (see there for how it was drawn up);
//! - *specific*: fewer than [`RARE`] of the counted reference documents
//!   carry it: every one of its 8-key windows (an exact occurrence after
//!   normalisation, up to the order of the windows).
//!
//! Each rule of a grid is scored on both: the share of formulation passages
//! it marks stock, and the share of specific passages it leaves specific.
//!
//! Pure: texts in, scores out.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;

use super::Sample;
use crate::commonness::{around, RefDoc, Reference, ReferenceTable, Scope, StockRule};
use crate::compare::passages::find_passages;
use crate::compare::{compare, judge_passage, prepare, CompareOptions, Prepared, StockOptions};
use crate::fingerprint::{windows, WINDOW};
use crate::meta::{guess, Meta};
use crate::text::normalize::{keys_of, Key, KeySeq, NormOptions};
use crate::text::TextTooLong;

/// Long stock formulations of provincial government work reports around
/// 2025–2026. Drawn up once, by hand, from candidates read in the shared
/// corpus: each is at least ten characters and was found word for word in at
/// least a quarter of its 54 provincial reports of 2025 and 2026 (most in
/// half or more). The list is the evaluation's label, not a rule the tool
/// applies.
pub const FORMULATIONS: &[&str] = &[
    "以习近平新时代中国特色社会主义思想为指导",
    "更加紧密地团结在以习近平同志为核心的党中央周围",
    "完整准确全面贯彻新发展理念",
    "坚持稳中求进工作总基调",
    "向大会报告工作，请予审议，并请",
    "政协委员和其他列席人员提出意见",
    "深刻领悟“两个确立”的决定性意义",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "推动经济实现质的有效提升和量的合理增长",
    "防范化解重点领域风险",
    "坚持和发展新时代“枫桥经验”",
    "更好统筹发展和安全",
    "着力推动高质量发展",
    "推动科技创新和产业创新深度融合",
    "因地制宜发展新质生产力",
    "居民消费价格涨幅2%左右",
    "城镇调查失业率5.5%左右",
    "不发生规模性返贫致贫",
    "深入贯彻中央八项规定精神",
    "整治形式主义为基层减负",
    "学习运用“千万工程”经验",
    "树立和践行正确政绩观",
    "安全生产治本攻坚三年行动",
    "加快构建房地产发展新模式",
    "协同推进降碳减污扩绿增长",
    "义务教育优质均衡发展",
    "实施提振消费专项行动",
    "党风廉政建设和反腐败斗争",
    "扩大高水平对外开放",
    "以习近平同志为核心的党中央坚强领导",
    "习近平新时代中国特色社会主义思想科学指引",
    "实现“十五五”良好开局",
    "高质量完成“十四五”规划目标任务",
    "铸牢中华民族共同体意识",
    "深入学习贯彻习近平总书记",
    "保持社会和谐稳定",
    "发挥经济体制改革牵引作用",
    "向关心支持",
];

/// A passage is *made of* formulations when at least this share of its
/// countable characters lie inside them.
pub const MADE_OF: f64 = 0.7;

/// A passage is *specific* when fewer than this share of the counted
/// reference documents carry it.
pub const RARE: f64 = 0.02;

/// The stock rules of the default grid: the window commonness a window needs
/// to be common, by the share of a passage that must lie in common windows.
pub fn default_grid() -> Vec<StockRule> {
    let mut grid = Vec::new();
    for common_share in [0.05, 0.10, 0.15, 0.20, 0.25, 0.30] {
        for stock_share in [0.3, 0.5, 0.6, 0.7, 0.8, 0.9] {
            grid.push(StockRule {
                common_share,
                stock_share,
            });
        }
    }
    grid
}

/// One rule's score over all pairs.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct RuleScore {
    /// A window is common at this share of the reference documents.
    pub common_share: f64,
    /// A passage is stock with this share of it in common windows.
    pub stock_share: f64,
    /// Passages made of long stock formulations.
    pub formulation_passages: usize,
    /// Of those, marked stock.
    pub formulation_stock: usize,
    /// `formulation_stock / formulation_passages`.
    pub formulation_recall: f64,
    /// Passages carried by fewer than [`RARE`] of the reference documents.
    pub specific_passages: usize,
    /// Of those, left specific.
    pub specific_kept: usize,
    /// `specific_kept / specific_passages`.
    pub specific_recall: f64,
    /// All passages.
    pub passages: usize,
    /// Of those, marked stock.
    pub stock: usize,
}

/// One pair, judged with the default rule.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct StockPair {
    /// The earlier document's name.
    pub left: String,
    /// The later document's name.
    pub right: String,
    /// Reference documents that counted.
    pub reference_documents: usize,
    /// Passages.
    pub passages: usize,
    /// Passages made of long stock formulations.
    pub formulation_passages: usize,
    /// Of those, marked stock.
    pub formulation_stock: usize,
    /// Specific passages.
    pub specific_passages: usize,
    /// Of those, left specific.
    pub specific_kept: usize,
    /// The left document's copy ratio.
    pub left_reused: f64,
    /// Its stock part.
    pub left_stock: f64,
    /// The right document's copy ratio.
    pub right_reused: f64,
    /// Its stock part.
    pub right_stock: f64,
    /// The passages the default rule judges against the label, up to
    /// [`MISSES`] of each way.
    pub misses: Vec<Miss>,
}

/// How many misses of each way a pair lists.
pub const MISSES: usize = 8;

/// A passage the default rule judged against the label.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Miss {
    /// The left side's text.
    pub text: String,
    /// Labelled made of formulations (and not marked stock), or labelled
    /// specific (and marked stock).
    pub label: &'static str,
    /// The passage's commonness as the rule measured it.
    pub commonness: Option<f64>,
    /// Reference documents carrying all of it.
    pub carriers: usize,
}

/// The whole stock evaluation.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct StockEvaluation {
    /// Schema of this JSON.
    pub schema: &'static str,
    /// Each pair under the default rule.
    pub pairs: Vec<StockPair>,
    /// Each rule of the grid over all pairs.
    pub rules: Vec<RuleScore>,
    /// The default rule's totals.
    pub default: RuleScore,
}

/// A document read for the evaluation.
struct Doc<'a> {
    sample: &'a Sample,
    meta: Meta,
    keys: KeySeq,
    /// Its 8-key window hashes, sorted and deduplicated.
    windows: Vec<u64>,
}

/// Run the stock evaluation over `samples`, scoring each rule of `grid`.
pub fn evaluate_stock(
    samples: &[Sample],
    grid: &[StockRule],
) -> Result<StockEvaluation, TextTooLong> {
    let opts = NormOptions::default();
    let docs = samples
        .par_iter()
        .map(|s| {
            let keys = keys_of(&s.text, &opts)?;
            let mut windows: Vec<u64> = windows(keys.keys(), WINDOW)
                .into_iter()
                .map(|(_, h)| h)
                .collect();
            windows.sort_unstable();
            windows.dedup();
            Ok(Doc {
                sample: s,
                meta: guess(&s.name, &s.text),
                keys,
                windows,
            })
        })
        .collect::<Result<Vec<_>, TextTooLong>>()?;
    let formulations: Vec<KeySeq> = FORMULATIONS
        .iter()
        .filter_map(|f| keys_of(f, &opts).ok())
        .collect();
    let pairs = consecutive_pairs(&docs);
    let scored = pairs
        .par_iter()
        .map(|&(i, j)| score_pair(&docs, i, j, &formulations, grid))
        .collect::<Result<Vec<_>, TextTooLong>>()?;
    let mut rules: Vec<RuleScore> = grid
        .iter()
        .map(|r| RuleScore {
            common_share: r.common_share,
            stock_share: r.stock_share,
            ..RuleScore::default()
        })
        .collect();
    let mut pairs_out = Vec::new();
    let mut default = RuleScore {
        common_share: StockRule::default().common_share,
        stock_share: StockRule::default().stock_share,
        ..RuleScore::default()
    };
    for (pair, per_rule) in scored.into_iter().flatten() {
        for (total, one) in rules.iter_mut().zip(&per_rule) {
            add(total, one);
        }
        default.formulation_passages += pair.formulation_passages;
        default.formulation_stock += pair.formulation_stock;
        default.specific_passages += pair.specific_passages;
        default.specific_kept += pair.specific_kept;
        default.passages += pair.passages;
        pairs_out.push(pair);
    }
    for r in rules.iter_mut().chain(std::iter::once(&mut default)) {
        r.formulation_recall = share(r.formulation_stock, r.formulation_passages);
        r.specific_recall = share(r.specific_kept, r.specific_passages);
    }
    Ok(StockEvaluation {
        schema: "taohua.eval.stock/1",
        pairs: pairs_out,
        rules,
        default,
    })
}

fn add(total: &mut RuleScore, one: &RuleScore) {
    total.formulation_passages += one.formulation_passages;
    total.formulation_stock += one.formulation_stock;
    total.specific_passages += one.specific_passages;
    total.specific_kept += one.specific_kept;
    total.passages += one.passages;
    total.stock += one.stock;
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0
    }
}

/// Pairs `(earlier, later)` of one region and kind in consecutive years.
fn consecutive_pairs(docs: &[Doc]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, a) in docs.iter().enumerate() {
        for (j, b) in docs.iter().enumerate() {
            let same = a.meta.region.is_some()
                && a.meta.kind.is_some()
                && a.meta.region == b.meta.region
                && a.meta.kind == b.meta.kind;
            let next = matches!((a.meta.year, b.meta.year), (Some(x), Some(y)) if y == x + 1);
            if same && next {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

fn score_pair(
    docs: &[Doc],
    i: usize,
    j: usize,
    formulations: &[KeySeq],
    grid: &[StockRule],
) -> Result<Option<(StockPair, Vec<RuleScore>)>, TextTooLong> {
    // The held-out reference: every document but the two.
    let others: Vec<usize> = (0..docs.len()).filter(|&d| d != i && d != j).collect();
    let refdocs: Vec<RefDoc> = others
        .iter()
        .map(|&d| RefDoc {
            text: "",
            year: docs[d].meta.year,
            kind: docs[d].meta.kind.as_deref(),
            region: docs[d].meta.region.as_deref(),
        })
        .collect();
    let seqs: Vec<Option<&KeySeq>> = others.iter().map(|&d| Some(&docs[d].keys)).collect();
    let table = ReferenceTable::build_keyed(&refdocs, &seqs);
    // A table just built always reads back; a pair whose would not is left out.
    let Ok(table) = ReferenceTable::from_bytes(table, "held out") else {
        return Ok(None);
    };
    let (left, right) = (&docs[i], &docs[j]);
    let filter = around(&table, right.meta.kind.as_deref(), right.meta.year);
    let counted: Vec<usize> = table
        .select(&filter)
        .into_iter()
        .map(|t| others[t as usize])
        .collect();
    let scope = Scope::new(&table, &filter);

    let base = CompareOptions::default();
    let a = prepare(&left.sample.text, &base)?;
    let b = prepare(&right.sample.text, &base)?;
    let found = find_passages(a.norm().seq(), b.norm().seq(), &base.passages);
    let covered = formulation_mask(&a, formulations);

    // What each passage truly is.
    let truth: Vec<(bool, bool, usize)> = found
        .iter()
        .map(|p| {
            let (from, to) = p.left;
            let countable = &a.norm().countable()[from..to];
            let all = countable.iter().filter(|&&c| c).count();
            let inside = countable
                .iter()
                .zip(&covered[from..to])
                .filter(|(&c, &m)| c && m)
                .count();
            let made_of = all > 0 && inside as f64 >= MADE_OF * all as f64;
            let carriers = carriers(&a.norm().keys()[from..to], docs, &counted);
            let specific = (carriers as f64) < RARE * counted.len() as f64;
            (made_of, specific, carriers)
        })
        .collect();

    let mut per_rule = Vec::with_capacity(grid.len());
    for rule in grid {
        let opts = CompareOptions {
            stock: StockOptions {
                reference: None,
                filter: filter.clone(),
                rule: *rule,
            },
            ..CompareOptions::default()
        };
        let mut score = RuleScore::default();
        for (p, &(made_of, specific, _)) in found.iter().zip(&truth) {
            let (slogan, verdict) = judge_passage(&a, p.left, Some(&scope), &opts);
            let stock = slogan || verdict.is_some_and(|v| v.stock);
            score.passages += 1;
            score.stock += usize::from(stock);
            if made_of {
                score.formulation_passages += 1;
                score.formulation_stock += usize::from(stock);
            }
            if specific {
                score.specific_passages += 1;
                score.specific_kept += usize::from(!stock);
            }
        }
        per_rule.push(score);
    }

    // The pair as `compare` reports it, with the default rule.
    let shared: std::sync::Arc<dyn Reference> = std::sync::Arc::new(table.clone());
    let opts = CompareOptions {
        stock: StockOptions {
            reference: Some(shared),
            filter,
            rule: StockRule::default(),
        },
        ..CompareOptions::default()
    };
    let c = compare(&a, &b, &opts);
    let mut pair = StockPair {
        left: left.sample.name.clone(),
        right: right.sample.name.clone(),
        reference_documents: counted.len(),
        passages: found.len(),
        left_reused: c.left.ratio(),
        left_stock: c.left.stock_ratio(),
        right_reused: c.right.ratio(),
        right_stock: c.right.stock_ratio(),
        ..StockPair::default()
    };
    // Each passage under the default rule, with the passages it judged
    // against the label.
    let default_opts = CompareOptions {
        stock: StockOptions {
            reference: None,
            filter: opts.stock.filter.clone(),
            rule: StockRule::default(),
        },
        ..CompareOptions::default()
    };
    let (mut formulation_misses, mut specific_misses) = (0, 0);
    for (p, &(made_of, specific, carriers)) in found.iter().zip(&truth) {
        let (slogan, verdict) = judge_passage(&a, p.left, Some(&scope), &default_opts);
        let stock = slogan || verdict.is_some_and(|v| v.stock);
        let miss = |label| Miss {
            text: a.text(a.norm().char_span(p.left.0, p.left.1)),
            label,
            commonness: verdict.map(|v| v.commonness),
            carriers,
        };
        if made_of {
            pair.formulation_passages += 1;
            pair.formulation_stock += usize::from(stock);
            if !stock && formulation_misses < MISSES {
                formulation_misses += 1;
                pair.misses.push(miss("formulation"));
            }
        }
        if specific {
            pair.specific_passages += 1;
            pair.specific_kept += usize::from(!stock);
            if stock && specific_misses < MISSES {
                specific_misses += 1;
                pair.misses.push(miss("specific"));
            }
        }
    }
    Ok(Some((pair, per_rule)))
}

/// For each key of `doc`, whether it lies inside an occurrence of one of the
/// formulations.
fn formulation_mask(doc: &Prepared, formulations: &[KeySeq]) -> Vec<bool> {
    let keys = doc.norm().keys();
    let mut mask = vec![false; keys.len()];
    for f in formulations {
        let needle = f.keys();
        if needle.is_empty() || needle.len() > keys.len() {
            continue;
        }
        for start in 0..=keys.len() - needle.len() {
            if keys[start..start + needle.len()] == *needle {
                mask[start..start + needle.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
    mask
}

/// How many of the documents `among` carry every window of `keys`.
fn carriers(keys: &[Key], docs: &[Doc], among: &[usize]) -> usize {
    let wanted: HashSet<u64> = windows(keys, WINDOW).into_iter().map(|(_, h)| h).collect();
    if wanted.is_empty() {
        return 0;
    }
    among
        .iter()
        .filter(|&&d| {
            wanted
                .iter()
                .all(|h| docs[d].windows.binary_search(h).is_ok())
        })
        .count()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Filler that no two documents share: a different character mix each.
    fn filler(seed: usize, len: usize) -> String {
        let pool: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥山水木火土金石田禾米"
            .chars()
            .collect();
        let mut x = seed as u64 * 2_654_435_761 + 7;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                pool[(x % pool.len() as u64) as usize]
            })
            .collect()
    }

    #[test]
    fn a_formulation_is_stock_and_a_pair_s_own_sentence_is_specific() {
        // Thirty reports of one year in thirty regions carry a formulation;
        // one region's two reports share a sentence nobody else has.
        let shared = "全县茶叶种植面积稳定在十二万亩以上，带动茶农增收";
        let mut samples = Vec::new();
        for r in 0..30 {
            let text = format!(
                "{}。坚持稳中求进工作总基调，{}。\n{}\n",
                filler(r, 40),
                filler(r + 100, 30),
                filler(r + 200, 60)
            );
            samples.push(Sample {
                name: format!("2025_地区{r}_政府工作报告"),
                text,
            });
        }
        samples.push(Sample {
            name: "2026_地区0_政府工作报告".into(),
            text: format!(
                "{}。坚持稳中求进工作总基调，{}。\n{shared}。\n",
                filler(500, 40),
                filler(501, 30)
            ),
        });
        samples[0].text.push_str(&format!("{shared}。\n"));
        let eval = evaluate_stock(&samples, &[StockRule::default()]).unwrap();
        assert_eq!(eval.pairs.len(), 1, "{:?}", eval.pairs);
        let d = &eval.default;
        assert!(d.formulation_passages >= 1, "{d:?}");
        assert_eq!(d.formulation_stock, d.formulation_passages, "{d:?}");
        assert!(d.specific_passages >= 1, "{d:?}");
        assert_eq!(d.specific_kept, d.specific_passages, "{d:?}");
        assert_eq!(eval.rules[0].specific_kept, d.specific_kept);
        let p = &eval.pairs[0];
        assert!(p.left_stock <= p.left_reused && p.right_stock <= p.right_reused);
    }
}
