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
use crate::columns::{count, fit, list_fit, table, Align};
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
    /// Earlier documents sharing any window: `reused` is the union over them.
    documents: usize,
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
struct JsonSkipped {
    path: String,
    reason: &'static str,
    detail: String,
}

#[derive(Serialize)]
struct JsonSummary {
    documents: usize,
    /// Files read, those outside the filter included.
    files_read: usize,
    /// Read but outside --kind/--year/--region.
    outside_filter: usize,
    skipped: usize,
    /// Every file or folder not read, with its reason.
    skipped_files: Vec<JsonSkipped>,
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
                    documents: e.documents,
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
            files_read: r.input.files_read,
            outside_filter: r.input.outside_filter,
            skipped: r.input.skipped.len(),
            skipped_files: r
                .input
                .skipped
                .iter()
                .map(|s| JsonSkipped {
                    path: s.path.display().to_string(),
                    reason: s.reason.code(),
                    detail: s.reason.detail(),
                })
                .collect(),
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
                "earlier_documents",
                "top_source_chars",
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
                    opt(e.as_ref().map(|e| e.documents)),
                    opt(e.as_ref().and_then(|e| e.sources.first().map(|s| s.1))),
                ])?;
            }
        }
    }
    Ok(())
}

/// How the text report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Rows per table.
    pub top: usize,
    /// The terminal gives ambiguous-width characters (“ ” … · —) two columns.
    pub ambiguous_wide: bool,
    /// The style of section headings (`--color`), or plain text.
    pub heading: Option<crate::theme::Style>,
}

/// A section heading line (`── … ──`), in the heading style when colour is on.
fn heading_line(opts: &TextOptions, title: &str) -> String {
    let line = format!("── {title} ──");
    match opts.heading {
        Some(style) => style.paint(&line),
        None => line,
    }
}

/// Write the text report: what was read, then the top rows of each table,
/// every column aligned by display width.
pub fn write_text(r: &LoadedCorpus, opts: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let a = &r.analysis;
    let aw = opts.ambiguous_wide;
    let mut first = format!("taohua corpus: {}", r.input.summary());
    if r.input.skipped.len() > r.input.unreadable().count() {
        first.push_str(" (--verbose lists them)");
    }
    writeln!(out, "{}", sanitize(&first))?;
    writeln!(
        out,
        "{} · {} compared · {} sharing text · {}",
        count(r.docs.len(), "document", "documents"),
        count(a.candidates, "candidate pair", "candidate pairs"),
        count(a.pairs.len(), "pair", "pairs"),
        count(a.phrases.len(), "phrase", "phrases"),
    )?;
    writeln!(
        out,
        "common (slogans) = carried by more than {:.0}% of the documents (more than {}); passages ≥ {} characters",
        100.0 * r.options.common_above,
        r.rare_limit(),
        r.options.min_chars
    )?;

    writeln!(
        out,
        "\n{}",
        heading_line(
            &opts,
            "Pairs sharing the most distinctive text for their length"
        )
    )?;
    writeln!(
        out,
        "score = distinctive characters shared ÷ geometric mean of the two documents' countable characters;\nA, B = share of each document inside shared passages (slogans included)"
    )?;
    let mut rows = vec![vec![
        "#".to_string(),
        "score".into(),
        "distinct".into(),
        "shared".into(),
        "A".into(),
        "B".into(),
        "A document".into(),
        "B document".into(),
    ]];
    for (k, p) in a.pairs.iter().take(opts.top).enumerate() {
        rows.push(vec![
            (k + 1).to_string(),
            format!("{:.3}", p.score),
            p.distinctive_chars.to_string(),
            p.shared_chars.to_string(),
            percent(p.a_reused),
            percent(p.b_reused),
            r.label(p.a),
            format!("~ {}", r.label(p.b)),
        ]);
    }
    if let Some(h) = rows.first_mut() {
        h[7] = "  B document".into();
    }
    let right = [Align::Right; 6];
    write_table(&rows, &right, aw, out)?;

    let phrase_row = |k: usize, p: &Phrase| -> Vec<String> {
        let span = year_span(&r.phrase_years(k));
        let regions = r.phrase_regions(k);
        let text: String = p.text.chars().filter(|c| !c.is_control()).collect();
        vec![
            p.documents.len().to_string(),
            format!("{:.1}%", 100.0 * p.commonness),
            span,
            list_fit(&regions, " ", 24, aw),
            fit(&sanitize(&text), 48, aw),
        ]
    };
    let phrase_header = || {
        vec![
            "docs".to_string(),
            "common".into(),
            "years".into(),
            "regions (in the order they took it up)".into(),
            "text".into(),
        ]
    };
    let phrase_align = [Align::Right, Align::Right, Align::Right, Align::Left];
    writeln!(
        out,
        "\n{}",
        heading_line(&opts, "Distinctive phrases in the most documents")
    )?;
    writeln!(
        out,
        "docs = documents carrying the phrase; common = their share of the corpus"
    )?;
    let mut rows = vec![phrase_header()];
    rows.extend(
        listed_phrases(r, false)
            .take(opts.top)
            .filter_map(|k| a.phrases.get(k).map(|p| phrase_row(k, p))),
    );
    write_table(&rows, &phrase_align, aw, out)?;
    writeln!(out, "\n{}", heading_line(&opts, "Common phrases (slogans)"))?;
    let mut rows = vec![phrase_header()];
    rows.extend(
        listed_phrases(r, true)
            .take(opts.top.min(COMMON_SHOWN))
            .filter_map(|k| a.phrases.get(k).map(|p| phrase_row(k, p))),
    );
    write_table(&rows, &phrase_align, aw, out)?;

    writeln!(
        out,
        "\n{}",
        heading_line(&opts, "Documents: share already found in earlier documents")
    )?;
    writeln!(
        out,
        "earlier = share of the document's countable characters found in any earlier (by year) document, the union over all of them;\nwithout slogans = the same without common text; main source = the share it shares with that one document"
    )?;
    let mut rows = vec![vec![
        "id".to_string(),
        "document".into(),
        "earlier".into(),
        "without slogans".into(),
        "main source".into(),
    ]];
    for row in earlier_rows(r).into_iter().take(opts.top) {
        rows.push(vec![
            row.id.to_string(),
            r.label(row.id),
            r.earlier_label(row.id),
            percent(row.distinctive),
            r.top_source_label(row.id),
        ]);
    }
    write_table(
        &rows,
        &[Align::Right, Align::Left, Align::Right, Align::Right],
        aw,
        out,
    )
}

/// `0.254` as `25.4%`.
fn percent(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// A table's lines, aligned by display width.
fn write_table(
    rows: &[Vec<String>],
    align: &[Align],
    ambiguous_wide: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for line in table(rows, align, ambiguous_wide) {
        writeln!(out, "{line}")?;
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
