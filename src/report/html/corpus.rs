//! The HTML report of a corpus: one self-contained page, and with
//! `--out DIR` a folder with a pair report for each pair it links to.
//!
//! The page shows two heatmaps as inline SVG (the strongest pair between
//! regions, and between years: a cell is the pair of documents, one from
//! each group, that shares the most distinctive text for its length, the
//! same `score` the ranked pairs use), the ranked pairs, the distinctive
//! phrases in the most documents with a timeline of each across years ×
//! regions, the common phrases (slogans), and each document's reuse of
//! earlier ones. A heatmap is a lower triangle (with its diagonal, where a
//! region meets itself across years): every pair of groups appears once, row
//! and column labels are written out in full, and each cell names its pair
//! on hover (an SVG `<title>`, no script needed).
//!
//! In a folder, `index.html` sits beside `pairs/`, which holds the report of
//! each ranked pair the page lists (`--top`), compared with the corpus's own
//! options (`app::corpus::LoadedCorpus::open_pair`) and linking back; the
//! ranked pairs and the heatmap cells that name one of them link to it.
//! Pair reports are made in parallel and written as they are made.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::pair::{self, PairHtml};
use super::{escape_into, stylesheet, thousands, Page, Palette};
use crate::app::corpus::LoadedCorpus;
use crate::app::error::InputError;
use crate::app::files::write_output;
use crate::report::corpus::{earlier_rows, listed_families, year_span, COMMON_SHOWN};
use crate::report::summary::percent;

/// The passages each pair report lists, as `compare` does by default.
const PAIR_TOP: usize = 10;

/// Side of a heatmap cell, in CSS pixels: large enough to hold its score
/// when there are few groups, never smaller than a label's line.
fn cell_size(groups: usize) -> f64 {
    (520.0 / groups.max(1) as f64).clamp(18.0, 44.0)
}

/// Cells at least this large show their score.
const SCORE_SHOWN: f64 = 34.0;

/// A heatmap: groups, and for each pair of groups the strongest pair.
struct Heat {
    /// Group labels, in order.
    labels: Vec<String>,
    /// `best[i][j]`, `j <= i`: (score, pair index) of the strongest pair
    /// between groups i and j.
    best: Vec<Vec<Option<(f64, usize)>>>,
    /// The highest score, for shading.
    max: f64,
}

/// How documents are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Region,
    Year,
}

impl Heat {
    fn new(r: &LoadedCorpus, group: Group) -> Heat {
        // Sorted labels; documents without the field go last, as "unknown".
        let key = |d: usize| -> (bool, i64, String) {
            match group {
                Group::Year => match r.year(d) {
                    Some(y) => (false, i64::from(y), y.to_string()),
                    None => (true, 0, "unknown".into()),
                },
                Group::Region => match r.region(d) {
                    Some(g) => (false, 0, g.to_string()),
                    None => (true, 0, "unknown".into()),
                },
            }
        };
        let keys: Vec<(bool, i64, String)> = (0..r.docs.len()).map(key).collect();
        let mut order: BTreeMap<&(bool, i64, String), usize> = BTreeMap::new();
        for k in &keys {
            order.insert(k, 0);
        }
        for (i, v) in order.values_mut().enumerate() {
            *v = i;
        }
        let member: Vec<usize> = keys
            .iter()
            .map(|k| order.get(k).copied().unwrap_or(0))
            .collect();
        let labels: Vec<String> = order.keys().map(|k| k.2.clone()).collect();
        let g = labels.len();
        let mut best: Vec<Vec<Option<(f64, usize)>>> = (0..g).map(|i| vec![None; i + 1]).collect();
        let mut max: f64 = 0.0;
        for (k, p) in r.analysis.pairs.iter().enumerate() {
            let (Some(&i), Some(&j)) = (member.get(p.a), member.get(p.b)) else {
                continue;
            };
            let (i, j) = (i.max(j), i.min(j));
            if let Some(cell) = best.get_mut(i).and_then(|row| row.get_mut(j)) {
                if cell.is_none_or(|(s, _)| p.score > s) {
                    *cell = Some((p.score, k));
                }
            }
            max = max.max(p.score);
        }
        Heat { labels, best, max }
    }
}

/// What the index page links pairs to.
enum Links {
    /// The first `top` ranked pairs have reports beside the page, in `pairs/`.
    Folder {
        /// How many.
        top: usize,
    },
    /// None: the page alone (on standard output).
    None,
}

impl Links {
    /// The link to pair `k`'s report, if it has one.
    fn pair(&self, r: &LoadedCorpus, k: usize) -> Option<String> {
        match self {
            Links::Folder { top } if k < *top => {
                r.analysis.pairs.get(k).map(|p| pair_file(p.a, p.b))
            }
            _ => None,
        }
    }
}

/// Where the report of the pair of documents `a` and `b` is written, from
/// the index page.
fn pair_file(a: usize, b: usize) -> String {
    format!("pairs/{a}-{b}.html")
}

/// Write the corpus report as one page, without pair reports.
pub fn write(
    r: &LoadedCorpus,
    top: usize,
    palette: &Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    let heats = [Heat::new(r, Group::Region), Heat::new(r, Group::Year)];
    out.write_all(render(r, top, palette, &heats, &Links::None).as_bytes())
}

/// What [`write_folder`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The index page.
    pub index: PathBuf,
    /// How many pair reports.
    pub pairs: usize,
}

/// Write `dir/index.html` and, in `dir/pairs/`, the report of each of the
/// `top` ranked pairs. `dir` exists (`app::files::output_dir`).
pub fn write_folder(
    r: &LoadedCorpus,
    top: usize,
    palette: &Palette,
    dir: &Path,
) -> Result<Written, InputError> {
    let heats = [Heat::new(r, Group::Region), Heat::new(r, Group::Year)];
    let wanted: Vec<usize> = (0..r.analysis.pairs.len().min(top)).collect();
    crate::app::files::output_dir(&dir.join("pairs"))?;
    let written: Vec<bool> = wanted
        .par_iter()
        .map(|&k| write_pair(r, k, palette, dir))
        .collect::<Result<_, _>>()?;
    let index = dir.join("index.html");
    write_output(
        &index,
        render(r, top, palette, &heats, &Links::Folder { top }).as_bytes(),
    )?;
    Ok(Written {
        index,
        pairs: written.into_iter().filter(|&w| w).count(),
    })
}

/// Compare pair `k` with the corpus's options and write its report; false
/// when the pair cannot be compared.
fn write_pair(
    r: &LoadedCorpus,
    k: usize,
    palette: &Palette,
    dir: &Path,
) -> Result<bool, InputError> {
    let Some(p) = r.analysis.pairs.get(k) else {
        return Ok(false);
    };
    let Some(session) = r.open_pair(p.a, p.b) else {
        return Ok(false);
    };
    let opts = PairHtml {
        top: PAIR_TOP,
        brief: false,
        palette,
        back: Some(("../index.html", "the corpus report")),
    };
    let html = pair::render(&session.report(), &opts);
    write_output(&dir.join(pair_file(p.a, p.b)), html.as_bytes())?;
    Ok(true)
}

fn render(
    r: &LoadedCorpus,
    top: usize,
    palette: &Palette,
    heats: &[Heat; 2],
    links: &Links,
) -> String {
    let mut h = String::with_capacity(256 * 1024);
    let title = format!("taohua corpus: {} documents", r.docs.len());
    let css = stylesheet(palette);
    let page = Page {
        title: &title,
        css: &css,
        script: None,
    };
    page.open(&mut h);
    r.words().wait();
    h.push_str("<header>\n<h1>");
    escape_into(&mut h, &title);
    h.push_str("</h1>\n<p class=\"note\">");
    let a = &r.analysis;
    let mut means = String::new();
    escape_into(&mut means, &r.stock_means());
    h.push_str(&format!(
        "{} documents{}, {} candidate pairs compared, {} pairs, {} phrases. {}; passages and phrases of at least {} characters.",
        thousands(r.docs.len()),
        if r.input.skipped.is_empty() {
            String::new()
        } else {
            format!(" ({} skipped)", r.input.skipped.len())
        },
        thousands(a.candidates),
        thousands(a.pairs.len()),
        thousands(a.phrases.len()),
        means,
        r.options.min_chars
    ));
    h.push_str("</p>\n<nav class=\"note screen\"><a href=\"#heat-region\">heatmap by region</a> · <a href=\"#heat-year\">by year</a> · <a href=\"#pairs\">pairs</a> · <a href=\"#phrases\">phrases</a> · <a href=\"#common\">stock phrases</a> · <a href=\"#documents\">documents</a></nav>\n</header>\n");
    for (heat, (id, what)) in heats
        .iter()
        .zip([("heat-region", "regions"), ("heat-year", "years")])
    {
        heat_section(&mut h, r, heat, id, what, top, links);
    }
    pairs_section(&mut h, r, top, links);
    phrases_section(&mut h, r, top);
    common_section(&mut h, r, top);
    documents_section(&mut h, r, top);
    h.push_str("<footer>Made by taohua. Scores, shares and phrases are those of <code>taohua corpus --format json</code>.</footer>\n");
    page.close(&mut h);
    h
}

/// Approximate width of a label in CSS pixels at 12px: Han characters are
/// square, Latin letters and digits about 0.6 em.
fn label_width(label: &str) -> f64 {
    label
        .chars()
        .map(|c| if c.is_ascii() { 7.2 } else { 12.5 })
        .sum()
}

fn heat_section(
    h: &mut String,
    r: &LoadedCorpus,
    heat: &Heat,
    id: &str,
    what: &str,
    top: usize,
    links: &Links,
) {
    h.push_str(&format!(
        "<section id=\"{id}\" class=\"heatmap\">\n<h2>Strongest pair between {what}</h2>\n<p class=\"note\">A cell is the pair of documents, one from each of its two {what}, that shares the most distinctive text for its length (the pairs' score); darker is higher, and an outlined cell had no pair worth comparing. Hover a cell for its pair{}.</p>\n",
        match links {
            Links::Folder { .. } => ", and click it for the pair's report when the pair is among the ranked pairs below",
            Links::None => ", and click it for the pair's row when it is among the ranked pairs below",
        }
    ));
    let g = heat.labels.len();
    if g == 0 || heat.max <= 0.0 {
        h.push_str("<p>No pairs.</p>\n</section>\n");
        return;
    }
    let widest = heat
        .labels
        .iter()
        .map(|l| label_width(l))
        .fold(0.0, f64::max);
    let left = widest + 10.0;
    let bottom = widest + 10.0;
    let size = cell_size(g);
    let (w, ht) = (left + size * g as f64 + 4.0, size * g as f64 + bottom + 4.0);
    h.push_str(&format!(
        "<div class=\"wide\"><svg class=\"heat\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{ht:.0}\" viewBox=\"0 0 {w:.0} {ht:.0}\" role=\"img\" aria-label=\"strongest pair between {what}\" lang=\"zh-CN\">\n"
    ));
    for (i, label) in heat.labels.iter().enumerate() {
        let y = size * i as f64;
        // Row label, right-aligned before the row.
        h.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">",
            left - 5.0,
            y + size * 0.5 + 4.0
        ));
        escape_into(h, label);
        h.push_str("</text>\n");
        // Column label, written downwards under the last row.
        h.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" writing-mode=\"vertical-rl\">",
            left + size * i as f64 + size * 0.5,
            size * g as f64 + 5.0
        ));
        escape_into(h, label);
        h.push_str("</text>\n");
    }
    for (i, row) in heat.best.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            let (x, y) = (left + size * j as f64, size * i as f64);
            let Some((score, k)) = *cell else {
                h.push_str(&format!(
                    "<rect class=\"empty\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>\n",
                    x + 0.5,
                    size - 1.0,
                    size - 1.0
                ));
                continue;
            };
            let Some(p) = r.analysis.pairs.get(k) else {
                continue;
            };
            let href = links
                .pair(r, k)
                .or_else(|| (k < top).then(|| format!("#pair-{k}")));
            if let Some(href) = &href {
                h.push_str("<a href=\"");
                escape_into(h, href);
                h.push_str("\">");
            }
            h.push_str(&format!(
                "<rect class=\"cell\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill-opacity=\"{:.2}\"><title>",
                x + 0.5,
                size - 1.0,
                size - 1.0,
                0.12 + 0.88 * (score / heat.max).clamp(0.0, 1.0)
            ));
            let (gi, gj) = (
                heat.labels.get(i).map_or("", String::as_str),
                heat.labels.get(j).map_or("", String::as_str),
            );
            escape_into(
                h,
                &format!(
                    "{gi} × {gj}: score {score:.3}, rank {}\n{}\n{}",
                    k + 1,
                    r.label(p.a),
                    r.label(p.b)
                ),
            );
            h.push_str("</title></rect>");
            if size >= SCORE_SHOWN {
                h.push_str(&format!(
                    "<text class=\"score\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{score:.2}</text>",
                    x + size * 0.5,
                    y + size * 0.5 + 4.0
                ));
            }
            if href.is_some() {
                h.push_str("</a>");
            }
            h.push('\n');
        }
    }
    h.push_str("</svg></div>\n</section>\n");
}

fn pairs_section(h: &mut String, r: &LoadedCorpus, top: usize, links: &Links) {
    h.push_str("<section id=\"pairs\">\n<h2>Pairs sharing the most specific text for their length</h2>\n<div class=\"wide\"><table>\n<thead><tr><th class=\"num\">#</th><th class=\"num\">score</th><th class=\"num\">specific</th><th class=\"num\">shared</th><th class=\"num\">A reused</th><th class=\"num\">B reused</th><th>A</th><th>B</th><th>report</th></tr></thead>\n<tbody lang=\"zh-CN\">\n");
    for (k, p) in r.analysis.pairs.iter().take(top).enumerate() {
        h.push_str(&format!(
            "<tr id=\"pair-{k}\"><td class=\"num\">{}</td><td class=\"num\">{:.3}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>",
            k + 1,
            p.score,
            thousands(p.specific_chars),
            thousands(p.shared_chars),
            percent(p.a_reused),
            percent(p.b_reused),
        ));
        escape_into(h, &r.label(p.a));
        h.push_str("</td><td>");
        escape_into(h, &r.label(p.b));
        h.push_str("</td><td>");
        match links.pair(r, k) {
            Some(href) => {
                h.push_str("<a href=\"");
                escape_into(h, &href);
                h.push_str("\">side by side</a>");
            }
            None => h.push_str("<span class=\"muted\">with --out DIR</span>"),
        }
        h.push_str("</td></tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn phrases_section(h: &mut String, r: &LoadedCorpus, top: usize) {
    let listed: Vec<usize> = listed_families(r, false).take(top).collect();
    h.push_str("<section id=\"phrases\">\n<h2>Specific phrases in the most documents</h2>\n<p class=\"note\">One row per phrase family: the documents carrying any of its forms, their share of the corpus, and its other forms with their documents.</p>\n");
    phrase_table(h, r, &listed, true);
    if !listed.is_empty() {
        h.push_str("<h3>Timelines: where and when each phrase appears</h3>\n<p class=\"note\">One row per region in the order it took the phrase up, one column per year in which a document carries it; ● marks a document, and the first year is bold.</p>\n");
    }
    for &f in &listed {
        if let Some(family) = r.analysis.families.get(f) {
            timeline(h, r, family.head);
        }
    }
    h.push_str("</section>\n");
}

fn common_section(h: &mut String, r: &LoadedCorpus, top: usize) {
    let listed: Vec<usize> = listed_families(r, true)
        .take(top.min(COMMON_SHOWN))
        .collect();
    h.push_str("<section id=\"common\">\n<h2>Stock phrases</h2>\n");
    phrase_table(h, r, &listed, false);
    h.push_str("</section>\n");
}

fn phrase_table(h: &mut String, r: &LoadedCorpus, listed: &[usize], linked: bool) {
    h.push_str("<div class=\"wide\"><table>\n<thead><tr><th class=\"num\">documents</th><th class=\"num\">commonness</th><th>years</th><th>regions</th><th>text</th><th>variants</th></tr></thead>\n<tbody lang=\"zh-CN\">\n");
    for &f in listed {
        let Some(family) = r.analysis.families.get(f) else {
            continue;
        };
        let k = family.head;
        h.push_str(&format!(
            "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>",
            family.documents,
            percent(family.commonness),
            year_span(&r.family_years(k))
        ));
        escape_into(h, &r.family_regions(k).join(" "));
        h.push_str("</td><td>");
        if linked {
            h.push_str(&format!("<a href=\"#phrase-{k}\">"));
        }
        escape_into(h, &r.phrase_text(k));
        if linked {
            h.push_str("</a>");
        }
        h.push_str("</td><td class=\"muted\">");
        let variants: Vec<String> = family
            .variants
            .iter()
            .map(|&v| {
                let n = r.analysis.phrases.get(v).map_or(0, |p| p.documents.len());
                format!("{} ×{n}", r.phrase_text(v))
            })
            .collect();
        escape_into(h, &variants.join(" · "));
        h.push_str("</td></tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n");
}

/// The family of phrase `k` across years × regions.
fn timeline(h: &mut String, r: &LoadedCorpus, k: usize) {
    if r.analysis.phrases.get(k).is_none() {
        return;
    }
    let years = r.family_years(k);
    let regions = r.family_regions(k);
    let docs = r.family_docs(k);
    h.push_str(&format!(
        "<div class=\"phrase\" id=\"phrase-{k}\"><p lang=\"zh-CN\"><b>"
    ));
    escape_into(h, &r.phrase_text(k));
    h.push_str(&format!(
        "</b> <span class=\"muted\">{} documents · {}</span></p>\n",
        docs.len(),
        year_span(&years)
    ));
    let unplaced = docs
        .iter()
        .filter(|&&d| r.year(d).is_none() || r.region(d).is_none())
        .count();
    if !years.is_empty() && !regions.is_empty() {
        h.push_str(
            "<div class=\"wide\"><table class=\"timeline\" lang=\"zh-CN\">\n<thead><tr><th></th>",
        );
        for y in &years {
            h.push_str(&format!("<th>{y}</th>"));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for region in &regions {
            h.push_str("<tr><th>");
            escape_into(h, region);
            h.push_str("</th>");
            for (col, &y) in years.iter().enumerate() {
                let here: Vec<usize> = docs
                    .iter()
                    .copied()
                    .filter(|&d| r.year(d) == Some(y) && r.region(d) == Some(region))
                    .collect();
                if here.is_empty() {
                    h.push_str("<td></td>");
                    continue;
                }
                h.push_str(if col == 0 {
                    "<td class=\"on first\" title=\""
                } else {
                    "<td class=\"on\" title=\""
                });
                let names: Vec<String> = here.iter().map(|&d| r.label(d)).collect();
                escape_into(h, &names.join("\n"));
                h.push_str("\">●</td>");
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table></div>\n");
    }
    if unplaced > 0 {
        h.push_str(&format!(
            "<p class=\"note\">{unplaced} of its documents have no year or no region and are not in the grid.</p>\n"
        ));
    }
    h.push_str("</div>\n");
}

fn documents_section(h: &mut String, r: &LoadedCorpus, top: usize) {
    h.push_str("<section id=\"documents\">\n<h2>Documents: share already found in earlier documents</h2>\n<div class=\"wide\"><table>\n<thead><tr><th class=\"num\">id</th><th class=\"num\">reused</th><th class=\"num\">specific</th><th>document</th><th>mostly from</th></tr></thead>\n<tbody lang=\"zh-CN\">\n");
    for row in earlier_rows(r).into_iter().take(top) {
        h.push_str(&format!(
            "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>",
            row.id,
            percent(row.reused),
            percent(row.specific)
        ));
        escape_into(h, &r.label(row.id));
        h.push_str("</td><td>");
        escape_into(h, &row.from.map(|f| r.label(f)).unwrap_or_default());
        h.push_str("</td></tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n</section>\n");
}
