//! Corpus reports: `taohua.corpus/1` JSON, CSV tables, and text.
//!
//! They read a [`LoadedCorpus`] (the documents, their metadata, the analysis
//! and its options) and write to any `io::Write`. JSON carries everything;
//! CSV writes one table (pairs, phrases or documents) for R or pandas; text
//! shows the top of each table.

use std::io::{self, Write};

use serde::Serialize;

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
    skipped: usize,
    candidate_pairs: usize,
    pairs: usize,
    phrases: usize,
    common_above: f64,
    min_chars: usize,
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

/// One CSV field, quoted when it needs to be.
fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// Write one table as CSV with a header row.
pub fn write_csv(r: &LoadedCorpus, table: Table, out: &mut dyn Write) -> io::Result<()> {
    let a = &r.analysis;
    match table {
        Table::Pairs => {
            writeln!(out, "a,b,a_path,b_path,a_reused,b_reused,shared_chars,distinctive_chars,passages,common_passages,score")?;
            for p in &a.pairs {
                let path = |id: usize| r.docs.get(id).map(|d| csv(&d.path)).unwrap_or_default();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{}",
                    p.a,
                    p.b,
                    path(p.a),
                    path(p.b),
                    round4(p.a_reused),
                    round4(p.b_reused),
                    p.shared_chars,
                    p.distinctive_chars,
                    p.passages,
                    p.common_passages,
                    round4(p.score)
                )?;
            }
        }
        Table::Phrases => {
            writeln!(
                out,
                "text,documents,count,first_year,years,regions,commonness,chars,common"
            )?;
            for (k, p) in a.phrases.iter().enumerate() {
                let docs: Vec<String> = p.documents.iter().map(u32::to_string).collect();
                let years: Vec<String> = r.phrase_years(k).iter().map(i32::to_string).collect();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{}",
                    csv(&p.text),
                    csv(&docs.join(" ")),
                    p.documents.len(),
                    opt(years.first()),
                    csv(&years.join(" ")),
                    csv(&r.phrase_regions(k).join(" ")),
                    round4(p.commonness),
                    p.chars,
                    r.is_common(k)
                )?;
            }
        }
        Table::Documents => {
            writeln!(
                out,
                "id,path,year,year_source,region,region_source,kind,kind_source,chars,countable,earlier_reused,earlier_reused_distinctive,top_source"
            )?;
            for (id, d) in r.docs.iter().enumerate() {
                let m = &d.meta;
                let src = |s: Option<Source>| {
                    s.and_then(|s| serde_json::to_value(s).ok())
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                };
                let e = a.earlier.get(id).cloned().flatten();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{},{},{}",
                    id,
                    csv(&d.path),
                    opt(m.year.as_ref().map(|f| f.value)),
                    src(m.year.as_ref().map(|f| f.source)),
                    csv(&opt(m.region.as_ref().map(|f| f.value.clone()))),
                    src(m.region.as_ref().map(|f| f.source)),
                    csv(&opt(m.kind.as_ref().map(|f| f.value.clone()))),
                    src(m.kind.as_ref().map(|f| f.source)),
                    d.chars,
                    a.countable.get(id).copied().unwrap_or(0),
                    opt(e.as_ref().map(|e| round4(e.ratio()))),
                    opt(e.as_ref().map(|e| round4(e.distinctive_ratio()))),
                    opt(e.as_ref().and_then(|e| e.sources.first().map(|s| s.0)))
                )?;
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
        let years = r.phrase_years(k);
        let span = match (years.first(), years.last()) {
            (Some(f), Some(l)) if f != l => format!("{f}–{l}"),
            (Some(f), _) => f.to_string(),
            _ => "–".into(),
        };
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
    for (k, p) in a
        .phrases
        .iter()
        .enumerate()
        .filter(|&(k, _)| !r.is_common(k))
        .take(top)
    {
        writeln!(out, "{}", phrase_line(k, p))?;
    }
    writeln!(out, "\n── Common phrases (slogans) ──")?;
    for (k, p) in a
        .phrases
        .iter()
        .enumerate()
        .filter(|&(k, _)| r.is_common(k))
        .take(top.min(10))
    {
        writeln!(out, "{}", phrase_line(k, p))?;
    }

    if r.options.templates {
        write_templates(r, top, out)?;
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
    let mut rows: Vec<(usize, f64, f64, Option<usize>)> = a
        .earlier
        .iter()
        .enumerate()
        .filter_map(|(id, e)| {
            e.as_ref().map(|e| {
                (
                    id,
                    e.ratio(),
                    e.distinctive_ratio(),
                    e.sources.first().map(|s| s.0),
                )
            })
        })
        .collect();
    rows.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)));
    for (id, reused, distinct, from) in rows.into_iter().take(top) {
        writeln!(
            out,
            "{:>4} {:>6.1}% {:>10.1}%  {:<32} {}",
            id,
            100.0 * reused,
            100.0 * distinct,
            r.label(id),
            from.map(|f| r.label(f)).unwrap_or_default()
        )?;
    }
    Ok(())
}
