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
    /// Stock language among it.
    stock: f64,
    /// The rest: specific reuse of earlier documents.
    specific: f64,
    /// The older name of `specific`.
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
    /// Shared characters in specific passages (not stock).
    specific_chars: usize,
    /// Shared characters in stock passages.
    stock_chars: usize,
    /// Stock passages.
    stock_passages: usize,
    /// The older names of `specific_chars` and `stock_passages`.
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
    /// Stock language (mostly in windows common in the corpus or the
    /// reference).
    stock: bool,
    /// The older name of `stock`.
    common: bool,
    /// The phrase family it belongs to (an index into `families`).
    family: usize,
}

#[derive(Serialize)]
struct JsonFamily {
    /// The longest form: the phrase every other member is a fragment of.
    phrase: usize,
    /// The other members, the most documents first.
    variants: Vec<usize>,
    /// Documents carrying any member.
    documents: usize,
    /// Their share of the corpus.
    commonness: f64,
    stock: bool,
}

#[derive(Serialize)]
struct JsonStock {
    /// A window is common at this share of the documents.
    common_share: f64,
    /// A passage or phrase is stock with this share of it in common windows.
    stock_share: f64,
    /// The reference consulted besides the corpus, if any.
    reference: Option<JsonReference>,
    /// What `stock` means, in words.
    means: String,
}

#[derive(Serialize)]
struct JsonReference {
    name: String,
    documents: usize,
}

#[derive(Serialize)]
struct JsonSkipped {
    path: String,
    reason: &'static str,
    detail: String,
}

/// A template (see README: Templates).
#[derive(Serialize)]
struct JsonTemplate<'a> {
    parts: &'a [String],
    documents: Vec<JsonInstance<'a>>,
    first_year: Option<i32>,
    commonness: f64,
    years: Vec<i32>,
    regions: Vec<&'a str>,
    common: bool,
}

#[derive(Serialize)]
struct JsonInstance<'a> {
    id: usize,
    values: &'a [String],
    span: (u32, u32),
    /// Each value's span.
    slots: &'a [(u32, u32)],
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
    /// Phrase families (rows of the phrase tables).
    families: usize,
    common_above: f64,
    min_chars: usize,
    stock: JsonStock,
    /// Templates found (null when the search was switched off).
    templates: Option<usize>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    summary: JsonSummary,
    documents: Vec<JsonDoc<'a>>,
    pairs: Vec<JsonPair>,
    phrases: Vec<JsonPhrase<'a>>,
    families: Vec<JsonFamily>,
    templates: Vec<JsonTemplate<'a>>,
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
                    stock: round4(e.ratio() - e.specific_ratio()),
                    specific: round4(e.specific_ratio()),
                    reused_distinctive: round4(e.specific_ratio()),
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
            families: a.families.len(),
            common_above: r.options.common_above,
            min_chars: r.options.min_chars,
            stock: JsonStock {
                common_share: r.options.stock.rule.common_share,
                stock_share: r.options.stock.rule.stock_share,
                reference: r
                    .reference_use()
                    .map(|(name, documents)| JsonReference { name, documents }),
                means: r.stock_means(),
            },
            templates: r.options.templates.then_some(a.templates.len()),
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
                specific_chars: p.specific_chars,
                stock_chars: p.stock_chars,
                stock_passages: p.stock_passages,
                distinctive_chars: p.specific_chars,
                common_passages: p.stock_passages,
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
                stock: p.stock,
                common: p.stock,
                family: a.family_of.get(k).copied().unwrap_or(0),
            })
            .collect(),
        families: a
            .families
            .iter()
            .map(|f| JsonFamily {
                phrase: f.head,
                variants: f.variants.clone(),
                documents: f.documents,
                commonness: round4(f.commonness),
                stock: a.phrases.get(f.head).is_some_and(|p| p.stock),
            })
            .collect(),
        templates: a
            .templates
            .iter()
            .enumerate()
            .map(|(k, t)| JsonTemplate {
                parts: &t.parts,
                documents: t
                    .instances
                    .iter()
                    .map(|i| JsonInstance {
                        id: i.doc,
                        values: &i.values,
                        span: i.span,
                        slots: &i.slots,
                    })
                    .collect(),
                first_year: r.template_years(k).first().copied(),
                commonness: round4(t.commonness),
                years: r.template_years(k),
                regions: r.template_regions(k),
                common: r.template_is_common(k),
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
                "specific_chars",
                "stock_chars",
                "stock_passages",
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
                    p.specific_chars.to_string(),
                    p.passages.to_string(),
                    p.stock_passages.to_string(),
                    round4(p.score).to_string(),
                    p.specific_chars.to_string(),
                    p.stock_chars.to_string(),
                    p.stock_passages.to_string(),
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
                "stock",
                "family",
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
                    p.stock.to_string(),
                    p.stock.to_string(),
                    a.family_of.get(k).copied().unwrap_or(0).to_string(),
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
                "earlier_stock",
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
                    opt(e.as_ref().map(|e| round4(e.specific_ratio()))),
                    opt(e.as_ref().and_then(|e| e.sources.first().map(|s| s.0))),
                    opt(e.as_ref().map(|e| e.documents)),
                    opt(e.as_ref().and_then(|e| e.sources.first().map(|s| s.1))),
                    opt(e.as_ref().map(|e| round4(e.ratio() - e.specific_ratio()))),
                ])?;
            }
        }
    }
    Ok(())
}

/// A template as one line: its fixed parts with `{…}` for each slot.
pub fn template_frame(t: &taohua_core::corpus::templates::Template) -> String {
    let mut s = String::new();
    for (k, p) in t.parts.iter().enumerate() {
        if k > 0 {
            s.push_str("{…}");
        }
        s.push_str(p);
    }
    sanitize(&s)
}

/// The templates section: the most used first, each with its values by
/// year (`二中、三中 (27) → 三中、四中 (26)`).
fn write_templates(r: &LoadedCorpus, top: usize, out: &mut dyn Write) -> io::Result<()> {
    let a = &r.analysis;
    writeln!(
        out,
        "\n── Templates: recurring wording with slots ({} found) ──",
        a.templates.len()
    )?;
    writeln!(
        out,
        "{:>4} {:>9}  frame, then values by year",
        "docs", "years"
    )?;
    for (k, t) in a.templates.iter().enumerate().take(top) {
        let years = r.template_years(k);
        let span = match (years.first(), years.last()) {
            (Some(f), Some(l)) if f != l => format!("{f}–{l}"),
            (Some(f), _) => f.to_string(),
            _ => "–".into(),
        };
        let frame: String = template_frame(t).chars().take(60).collect();
        writeln!(out, "{:>4} {:>9}  {}", t.instances.len(), span, frame)?;
        let timeline: Vec<String> = r
            .template_values_by_year(k)
            .into_iter()
            .map(|(year, values)| {
                let shown: Vec<String> = values
                    .iter()
                    .take(3)
                    .map(|(v, n)| format!("{} ({n})", sanitize(v)))
                    .collect();
                let more = if values.len() > 3 { " …" } else { "" };
                let y = year.map_or("?".to_string(), |y| y.to_string());
                format!("{y}: {}{more}", shown.join(", "))
            })
            .collect();
        writeln!(out, "{:>16}{}", "", timeline.join(" → "))?;
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
}

/// Write the text report: what was read, then the top rows of each table,
/// every column aligned by display width.
pub fn write_text(r: &LoadedCorpus, opts: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    r.words().wait();
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
        "{}; passages ≥ {} characters",
        sanitize(&r.stock_means()),
        r.options.min_chars
    )?;

    writeln!(
        out,
        "\n── Pairs sharing the most specific text for their length ──"
    )?;
    writeln!(
        out,
        "score = specific characters shared ÷ geometric mean of the two documents' countable characters;\nA, B = share of each document inside shared passages (stock included)"
    )?;
    let mut rows = vec![vec![
        "#".to_string(),
        "score".into(),
        "specific".into(),
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
            p.specific_chars.to_string(),
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

    let phrase_header = || {
        vec![
            "docs".to_string(),
            "common".into(),
            "years".into(),
            "regions (in the order they took it up)".into(),
            "text (variants beneath: ↳ text ×documents)".into(),
        ]
    };
    let phrase_align = [Align::Right, Align::Right, Align::Right, Align::Left];
    let family_rows = |stock: bool, top: usize| -> Vec<Vec<String>> {
        let mut rows = vec![phrase_header()];
        for f in listed_families(r, stock).take(top) {
            let Some(family) = a.families.get(f) else {
                continue;
            };
            let k = family.head;
            let regions = r.family_regions(k);
            rows.push(vec![
                family.documents.to_string(),
                format!("{:.1}%", 100.0 * family.commonness),
                year_span(&r.family_years(k)),
                list_fit(&regions, " ", 24, aw),
                fit(&r.phrase_text(k), 48, aw),
            ]);
            if !family.variants.is_empty() {
                let shown: Vec<String> = family
                    .variants
                    .iter()
                    .map(|&v| {
                        let n = a.phrases.get(v).map_or(0, |p| p.documents.len());
                        format!("{} ×{n}", r.phrase_text(v))
                    })
                    .collect();
                let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
                let line = format!("↳ {}", list_fit(&shown, " · ", 46, aw));
                rows.push(vec![
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    line,
                ]);
            }
        }
        rows
    };
    writeln!(out, "\n── Specific phrases in the most documents ──")?;
    writeln!(
        out,
        "one row per phrase family (fragments of one formulation together); docs = documents carrying any of its forms; common = their share of the corpus"
    )?;
    write_table(&family_rows(false, opts.top), &phrase_align, aw, out)?;
    writeln!(out, "\n── Stock phrases ──")?;
    write_table(
        &family_rows(true, opts.top.min(COMMON_SHOWN)),
        &phrase_align,
        aw,
        out,
    )?;

    if r.options.templates {
        write_templates(r, opts.top, out)?;
    }

    writeln!(
        out,
        "\n── Documents: share already found in earlier documents ──"
    )?;
    writeln!(
        out,
        "earlier = share of the document's countable characters found in any earlier (by year) document, the union over all of them;\nspecific = the same without stock text; main source = the share it shares with that one document"
    )?;
    let mut rows = vec![vec![
        "id".to_string(),
        "document".into(),
        "earlier".into(),
        "specific".into(),
        "main source".into(),
    ]];
    for row in earlier_rows(r).into_iter().take(opts.top) {
        rows.push(vec![
            row.id.to_string(),
            r.label(row.id),
            r.earlier_label(row.id),
            percent(row.specific),
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
    pub specific: f64,
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
                specific: e.specific_ratio(),
                from: e.sources.first().map(|s| s.0),
            })
        })
        .collect();
    rows.sort_by(|x, y| y.specific.total_cmp(&x.specific).then(x.id.cmp(&y.id)));
    rows
}

/// The phrase families the reports list, as indices into
/// `analysis.families`: the specific ones (`stock` false) or the stock
/// ones, in the analysis's order (most documents first).
pub(crate) fn listed_families(r: &LoadedCorpus, stock: bool) -> impl Iterator<Item = usize> + '_ {
    let a = &r.analysis;
    (0..a.families.len()).filter(move |&f| {
        a.families
            .get(f)
            .is_some_and(|x| r.is_stock(x.head) == stock)
    })
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
