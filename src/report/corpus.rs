//! Corpus reports: `taohua.corpus/1` JSON, CSV tables, and text.
//!
//! They read a [`LoadedCorpus`] (the documents, their metadata, the analysis
//! and its options) and write to any `io::Write`. JSON carries everything;
//! CSV writes one table (pairs, phrases or documents) for R or pandas, through
//! the one CSV writer (`csv.rs`); text shows the top of each table. The HTML
//! and Markdown reports are in `html/corpus.rs` and `markdown.rs`.

use std::io::{self, Write};

use serde::Serialize;

use super::csv::CsvWriter;
use super::{round4, sanitize};
use crate::app::corpus::LoadedCorpus;
use taohua_core::corpus::analysis::Phrase;
use taohua_core::corpus::meta::Source;

/// The schema string of corpus reports.
pub(crate) const CORPUS_SCHEMA: &str = "taohua.corpus/1";

/// Which table `--format csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Pairs of documents.
    Pairs,
    /// Phrases.
    Phrases,
    /// Documents and their reuse of earlier ones.
    Documents,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: usize,
    path: &'a str,
    title: Option<&'a str>,
    year: Option<i32>,
    region: Option<&'a str>,
    kind: Option<&'a str>,
    chars: usize,
    countable: usize,
    /// Where each field came from: manifest, front-matter, file-name, text.
    sources: Sources,
    /// Fields guessed from the text (less trustworthy).
    guessed: Vec<&'static str>,
    earlier: Option<JsonEarlier>,
}

#[derive(Serialize, Default)]
struct Sources {
    year: Option<Source>,
    region: Option<Source>,
    kind: Option<Source>,
}

#[derive(Serialize)]
struct JsonEarlier {
    reused: f64,
    reused_distinctive: f64,
    sources: Vec<JsonSource>,
}

#[derive(Serialize)]
struct JsonSource {
    id: usize,
    chars: usize,
}

#[derive(Serialize)]
struct JsonPair {
    a: usize,
    b: usize,
    a_reused: f64,
    b_reused: f64,
    shared_chars: usize,
    passages: usize,
    distinctive_chars: usize,
    common_passages: usize,
    score: f64,
}

#[derive(Serialize)]
struct JsonPhrase<'a> {
    text: &'a str,
    documents: &'a [u32],
    first_year: Option<i32>,
    years: Vec<i32>,
    regions: Vec<&'a str>,
    commonness: f64,
    chars: usize,
    common: bool,
}

#[derive(Serialize)]
struct JsonSummary {
    documents: usize,
    skipped: usize,
    candidate_pairs: usize,
    pairs: usize,
    phrases: usize,
    common_above: f64,
    min_chars: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    summary: JsonSummary,
    documents: Vec<JsonDoc<'a>>,
    pairs: Vec<JsonPair>,
    phrases: Vec<JsonPhrase<'a>>,
}

/// Write the whole analysis as JSON.
pub fn write_json(r: &LoadedCorpus, out: &mut dyn Write) -> io::Result<()> {
    let a = &r.analysis;
    let documents = r
        .docs
        .iter()
        .enumerate()
        .map(|(id, d)| {
            let m = &d.meta;
            let mut guessed = Vec::new();
            let mut sources = Sources::default();
            if let Some(f) = &m.year {
                sources.year = Some(f.source);
                if f.source.guessed() {
                    guessed.push("year");
                }
            }
            if let Some(f) = &m.region {
                sources.region = Some(f.source);
                if f.source.guessed() {
                    guessed.push("region");
                }
            }
            if let Some(f) = &m.kind {
                sources.kind = Some(f.source);
                if f.source.guessed() {
                    guessed.push("kind");
                }
            }
            JsonDoc {
                id,
                path: &d.path,
                title: m.title.as_deref(),
                year: m.year.as_ref().map(|f| f.value),
                region: m.region.as_ref().map(|f| f.value.as_str()),
                kind: m.kind.as_ref().map(|f| f.value.as_str()),
                chars: d.chars,
                countable: a.countable.get(id).copied().unwrap_or(0),
                sources,
                guessed,
                earlier: a.earlier.get(id).cloned().flatten().map(|e| JsonEarlier {
                    reused: round4(e.ratio()),
                    reused_distinctive: round4(e.distinctive_ratio()),
                    sources: e
                        .sources
                        .iter()
                        .map(|&(id, chars)| JsonSource { id, chars })
                        .collect(),
                }),
            }
        })
        .collect();
    let report = JsonReport {
        schema: CORPUS_SCHEMA,
        summary: JsonSummary {
            documents: r.docs.len(),
            skipped: r.skipped.len(),
            candidate_pairs: a.candidates,
            pairs: a.pairs.len(),
            phrases: a.phrases.len(),
            common_above: r.options.common_above,
            min_chars: r.options.min_chars,
        },
        documents,
        pairs: a
            .pairs
            .iter()
            .map(|p| JsonPair {
                a: p.a,
                b: p.b,
                a_reused: round4(p.a_reused),
                b_reused: round4(p.b_reused),
                shared_chars: p.shared_chars,
                passages: p.passages,
                distinctive_chars: p.distinctive_chars,
                common_passages: p.common_passages,
                score: round4(p.score),
            })
            .collect(),
        phrases: a
            .phrases
            .iter()
            .enumerate()
            .map(|(k, p)| JsonPhrase {
                text: &p.text,
                documents: &p.documents,
                first_year: r.phrase_years(k).first().copied(),
                years: r.phrase_years(k),
                regions: r.phrase_regions(k),
                commonness: round4(p.commonness),
                chars: p.chars,
                common: r.is_common(k),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// Write one table as CSV with a header row (through the one CSV writer:
/// RFC 4180, with a byte-order mark when `bom`).
pub fn write_csv(r: &LoadedCorpus, table: Table, bom: bool, out: &mut dyn Write) -> io::Result<()> {
    let a = &r.analysis;
    let mut csv = CsvWriter::new(out, bom)?;
    let path = |id: usize| {
        r.docs
            .get(id)
            .map(|d| sanitize(&d.path))
            .unwrap_or_default()
    };
    match table {
        Table::Pairs => {
            csv.record([
                "a",
                "b",
                "a_path",
                "b_path",
                "a_reused",
                "b_reused",
                "shared_chars",
                "distinctive_chars",
                "passages",
                "common_passages",
                "score",
            ])?;
            for p in &a.pairs {
                csv.record([
                    p.a.to_string(),
                    p.b.to_string(),
                    path(p.a),
                    path(p.b),
                    round4(p.a_reused).to_string(),
                    round4(p.b_reused).to_string(),
                    p.shared_chars.to_string(),
                    p.distinctive_chars.to_string(),
                    p.passages.to_string(),
                    p.common_passages.to_string(),
                    round4(p.score).to_string(),
                ])?;
            }
        }
        Table::Phrases => {
            csv.record([
                "text",
                "documents",
                "count",
                "first_year",
                "years",
                "regions",
                "commonness",
                "chars",
                "common",
            ])?;
            for (k, p) in a.phrases.iter().enumerate() {
                let docs: Vec<String> = p.documents.iter().map(u32::to_string).collect();
                let years: Vec<String> = r.phrase_years(k).iter().map(i32::to_string).collect();
                csv.record([
                    sanitize(&p.text),
                    docs.join(" "),
                    p.documents.len().to_string(),
                    opt(years.first()),
                    years.join(" "),
                    sanitize(&r.phrase_regions(k).join(" ")),
                    round4(p.commonness).to_string(),
                    p.chars.to_string(),
                    r.is_common(k).to_string(),
                ])?;
            }
        }
        Table::Documents => {
            csv.record([
                "id",
                "path",
                "year",
                "year_source",
                "region",
                "region_source",
                "kind",
                "kind_source",
                "chars",
                "countable",
                "earlier_reused",
                "earlier_reused_distinctive",
                "top_source",
            ])?;
            for (id, d) in r.docs.iter().enumerate() {
                let m = &d.meta;
                let src = |s: Option<Source>| {
                    s.and_then(|s| serde_json::to_value(s).ok())
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                };
                let e = a.earlier.get(id).cloned().flatten();
                csv.record([
                    id.to_string(),
                    path(id),
                    opt(m.year.as_ref().map(|f| f.value)),
                    src(m.year.as_ref().map(|f| f.source)),
                    sanitize(&opt(m.region.as_ref().map(|f| f.value.clone()))),
                    src(m.region.as_ref().map(|f| f.source)),
                    sanitize(&opt(m.kind.as_ref().map(|f| f.value.clone()))),
                    src(m.kind.as_ref().map(|f| f.source)),
                    d.chars.to_string(),
                    a.countable.get(id).copied().unwrap_or(0).to_string(),
                    opt(e.as_ref().map(|e| round4(e.ratio()))),
                    opt(e.as_ref().map(|e| round4(e.distinctive_ratio()))),
                    opt(e.as_ref().and_then(|e| e.sources.first().map(|s| s.0))),
                ])?;
            }
        }
    }
    Ok(())
}

/// Write the text report: the top `top` rows of each table.
pub fn write_text(r: &LoadedCorpus, top: usize, out: &mut dyn Write) -> io::Result<()> {
    let a = &r.analysis;
    let limit = r.rare_limit();
    writeln!(
        out,
        "taohua corpus: {} documents{}, {} candidate pairs compared, {} phrases",
        r.docs.len(),
        if !r.skipped.is_empty() {
            format!(" ({} skipped)", r.skipped.len())
        } else {
            String::new()
        },
        a.candidates,
        a.phrases.len()
    )?;
    writeln!(
        out,
        "common (slogans) = carried by more than {:.0}% of the documents (more than {limit}); passages ≥ {} characters",
        100.0 * r.options.common_above,
        r.options.min_chars
    )?;

    writeln!(
        out,
        "\n── Pairs sharing the most distinctive text for their length ──"
    )?;
    writeln!(
        out,
        "{:>4} {:>6} {:>8} {:>8} {:>7} {:>7}  pair",
        "#", "score", "distinct", "shared", "A", "B"
    )?;
    for (k, p) in a.pairs.iter().take(top).enumerate() {
        writeln!(
            out,
            "{:>4} {:>6.3} {:>8} {:>8} {:>6.1}% {:>6.1}%  {} ~ {}",
            k + 1,
            p.score,
            p.distinctive_chars,
            p.shared_chars,
            100.0 * p.a_reused,
            100.0 * p.b_reused,
            r.label(p.a),
            r.label(p.b)
        )?;
    }

    let phrase_line = |k: usize, p: &Phrase| -> String {
        let span = year_span(&r.phrase_years(k));
        let regions = r.phrase_regions(k);
        let shown: Vec<&str> = regions.iter().take(3).copied().collect();
        let more = if regions.len() > 3 {
            format!(" +{}", regions.len() - 3)
        } else {
            String::new()
        };
        let text: String = p
            .text
            .chars()
            .filter(|c| !c.is_control())
            .take(48)
            .collect();
        format!(
            "{:>4} {:>5.1}% {:>9}  {:<24} {}",
            p.documents.len(),
            100.0 * p.commonness,
            span,
            format!("{}{more}", shown.join(" ")),
            sanitize(&text)
        )
    };
    writeln!(out, "\n── Distinctive phrases in the most documents ──")?;
    writeln!(
        out,
        "{:>4} {:>6} {:>9}  {:<24} text",
        "docs", "common", "years", "regions"
    )?;
    for k in listed_phrases(r, false).take(top) {
        if let Some(p) = a.phrases.get(k) {
            writeln!(out, "{}", phrase_line(k, p))?;
        }
    }
    writeln!(out, "\n── Common phrases (slogans) ──")?;
    for k in listed_phrases(r, true).take(top.min(COMMON_SHOWN)) {
        if let Some(p) = a.phrases.get(k) {
            writeln!(out, "{}", phrase_line(k, p))?;
        }
    }

    writeln!(
        out,
        "\n── Documents: share already found in earlier documents ──"
    )?;
    writeln!(
        out,
        "{:>4} {:>7} {:>11}  {:<32} mostly from",
        "id", "reused", "distinctive", "document"
    )?;
    for row in earlier_rows(r).into_iter().take(top) {
        writeln!(
            out,
            "{:>4} {:>6.1}% {:>10.1}%  {:<32} {}",
            row.id,
            100.0 * row.reused,
            100.0 * row.distinctive,
            r.label(row.id),
            row.from.map(|f| r.label(f)).unwrap_or_default()
        )?;
    }
    Ok(())
}

/// A document's reuse of earlier documents, as the reports list it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EarlierRow {
    /// The document.
    pub id: usize,
    /// Share of its countable characters already found in earlier years.
    pub reused: f64,
    /// The same, common text left out.
    pub distinctive: f64,
    /// The earlier document it shares the most distinctive text with.
    pub from: Option<usize>,
}

/// Every document with earlier reuse, the most distinctive reuse first.
pub(crate) fn earlier_rows(r: &LoadedCorpus) -> Vec<EarlierRow> {
    let mut rows: Vec<EarlierRow> = r
        .analysis
        .earlier
        .iter()
        .enumerate()
        .filter_map(|(id, e)| {
            e.as_ref().map(|e| EarlierRow {
                id,
                reused: e.ratio(),
                distinctive: e.distinctive_ratio(),
                from: e.sources.first().map(|s| s.0),
            })
        })
        .collect();
    rows.sort_by(|x, y| {
        y.distinctive
            .total_cmp(&x.distinctive)
            .then(x.id.cmp(&y.id))
    });
    rows
}

/// The phrases the reports list: the distinctive ones (`common` false) or
/// the common ones, in the analysis's order (most documents first).
pub(crate) fn listed_phrases(r: &LoadedCorpus, common: bool) -> impl Iterator<Item = usize> + '_ {
    (0..r.analysis.phrases.len()).filter(move |&k| r.is_common(k) == common)
}

/// How many common phrases a report lists at most, whatever `--top` says.
pub(crate) const COMMON_SHOWN: usize = 10;

/// `2019–2023`, `2019`, or `–` for a phrase's years.
pub(crate) fn year_span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(f), Some(l)) if f != l => format!("{f}–{l}"),
        (Some(f), _) => f.to_string(),
        _ => "–".into(),
    }
}
