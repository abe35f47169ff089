//! `taohua corpus --from FILE`: a `taohua.corpus/1` report read back into a
//! [`LoadedCorpus`], whoever wrote it (`taohua corpus --format json`, or the
//! Spark job in `spark/` through `taohua batch corpus`), so that the corpus
//! screens and the other reports show it without the analysis being run
//! again.
//!
//! What the JSON rounds (shares and scores, to four decimals) comes back
//! rounded; the documents' texts are read from their paths when those are
//! still there, so that pairs can be opened (otherwise the screens say the
//! two documents cannot be compared), and a phrase's place in its first
//! document is found again in that text. Stock verdicts, phrase families and
//! templates come back as the report has them; the reference named in the
//! summary is opened again when it is the built-in one or a table file, with
//! the documents of it that count chosen as the analysis chose them.

use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use taohua_core::compare::StockOptions;
use taohua_core::corpus::analysis::{
    CorpusAnalysis, CorpusOptions, EarlierReuse, PairShare, Phrase,
};
use taohua_core::corpus::families::Family;
use taohua_core::corpus::meta::{DocMeta, Field};
use taohua_core::corpus::templates::{Instance, Template};

use super::corpus::{CorpusDoc, LoadedCorpus, Provenance};
use super::error::InputError;
use super::files::read_document;
use super::library::source_of;

#[derive(Deserialize)]
struct Report {
    schema: String,
    summary: Summary,
    documents: Vec<Doc>,
    #[serde(default)]
    pairs: Vec<Pair>,
    #[serde(default)]
    phrases: Vec<PhraseRow>,
    #[serde(default)]
    families: Vec<FamilyRow>,
    #[serde(default)]
    templates: Vec<TemplateRow>,
}

#[derive(Deserialize)]
struct Summary {
    #[serde(default)]
    files_read: Option<usize>,
    #[serde(default)]
    outside_filter: usize,
    #[serde(default)]
    candidate_pairs: usize,
    common_above: f64,
    min_chars: usize,
    #[serde(default)]
    stock: Option<StockRow>,
    /// Templates found; null (or absent) when they were not looked for.
    #[serde(default)]
    templates: Option<usize>,
}

#[derive(Deserialize)]
struct StockRow {
    common_share: f64,
    stock_share: f64,
    #[serde(default)]
    reference: Option<ReferenceRow>,
}

#[derive(Deserialize)]
struct ReferenceRow {
    name: String,
}

#[derive(Deserialize, Default)]
struct Sources {
    year: Option<String>,
    region: Option<String>,
    kind: Option<String>,
}

#[derive(Deserialize)]
struct Doc {
    id: usize,
    path: String,
    title: Option<String>,
    year: Option<i32>,
    region: Option<String>,
    kind: Option<String>,
    chars: usize,
    #[serde(default)]
    countable: usize,
    #[serde(default)]
    sources: Sources,
    #[serde(default)]
    earlier: Option<Earlier>,
}

#[derive(Deserialize)]
struct Earlier {
    reused: f64,
    /// Specific reuse, or as reports before stock language name it.
    #[serde(default)]
    specific: Option<f64>,
    #[serde(default)]
    reused_distinctive: Option<f64>,
    documents: usize,
    #[serde(default)]
    sources: Vec<Source>,
}

#[derive(Deserialize)]
struct Source {
    id: usize,
    chars: usize,
}

#[derive(Deserialize)]
struct Pair {
    a: usize,
    b: usize,
    a_reused: f64,
    b_reused: f64,
    shared_chars: usize,
    passages: usize,
    /// Each also by the name reports before stock language gave it
    /// (`distinctive_chars`, `common_passages`).
    #[serde(default)]
    specific_chars: Option<usize>,
    #[serde(default)]
    distinctive_chars: Option<usize>,
    #[serde(default)]
    stock_chars: Option<usize>,
    #[serde(default)]
    stock_passages: Option<usize>,
    #[serde(default)]
    common_passages: Option<usize>,
    #[serde(default)]
    score: f64,
}

#[derive(Deserialize)]
struct PhraseRow {
    text: String,
    documents: Vec<u32>,
    commonness: f64,
    #[serde(default)]
    chars: usize,
    /// Also `common`, as reports before stock language name it.
    #[serde(default)]
    stock: Option<bool>,
    #[serde(default)]
    common: Option<bool>,
    #[serde(default)]
    family: Option<usize>,
}

#[derive(Deserialize)]
struct FamilyRow {
    phrase: usize,
    #[serde(default)]
    variants: Vec<usize>,
    documents: usize,
    commonness: f64,
}

#[derive(Deserialize)]
struct TemplateRow {
    parts: Vec<String>,
    documents: Vec<InstanceRow>,
    commonness: f64,
}

#[derive(Deserialize)]
struct InstanceRow {
    id: usize,
    values: Vec<String>,
    span: (u32, u32),
    #[serde(default)]
    slots: Vec<(u32, u32)>,
}

/// Read a `taohua.corpus/1` file.
pub fn read_corpus_json(path: &Path) -> anyhow::Result<LoadedCorpus> {
    let bad = |why: String| InputError::usage(format!("{}: {why}", path.display()));
    let bytes = std::fs::read(path).map_err(|source| InputError::List {
        path: path.to_path_buf(),
        source,
    })?;
    let report: Report = serde_json::from_slice(&bytes).map_err(|e| {
        bad(format!(
            "not a taohua.corpus/1 report ({e}); write one with taohua corpus --format json"
        ))
    })?;
    if report.schema != crate::report::corpus::CORPUS_SCHEMA {
        return Err(bad(format!(
            "schema {:?}, not taohua.corpus/1; write one with taohua corpus --format json",
            report.schema
        ))
        .into());
    }
    let n = report.documents.len();
    if let Some((i, d)) = report
        .documents
        .iter()
        .enumerate()
        .find(|(i, d)| d.id != *i)
    {
        return Err(bad(format!(
            "document {i} has id {}: the documents must be listed by id, from 0",
            d.id
        ))
        .into());
    }
    let named = report
        .pairs
        .iter()
        .flat_map(|p| [p.a, p.b])
        .chain(
            report
                .phrases
                .iter()
                .flat_map(|p| p.documents.iter().map(|&d| d as usize)),
        )
        .chain(report.documents.iter().flat_map(|d| {
            d.earlier
                .iter()
                .flat_map(|e| e.sources.iter().map(|s| s.id))
        }))
        .chain(
            report
                .templates
                .iter()
                .flat_map(|t| t.documents.iter().map(|i| i.id)),
        );
    if let Some(d) = named.into_iter().find(|&d| d >= n) {
        return Err(bad(format!("names document {d}, but lists only {n} documents")).into());
    }
    let (phrase_count, family_count) = (report.phrases.len(), report.families.len());
    if let Some(p) = report
        .families
        .iter()
        .flat_map(|f| std::iter::once(f.phrase).chain(f.variants.iter().copied()))
        .find(|&p| p >= phrase_count)
    {
        return Err(bad(format!(
            "a family names phrase {p}, but lists only {phrase_count} phrases"
        ))
        .into());
    }
    if let Some(f) = report
        .phrases
        .iter()
        .filter_map(|p| p.family)
        .find(|&f| f >= family_count)
    {
        return Err(bad(format!(
            "a phrase names family {f}, but lists only {family_count} families"
        ))
        .into());
    }
    let field = |value: Option<String>, source: &Option<String>| {
        value.map(|value| Field {
            value,
            source: source_of(source.as_deref()),
        })
    };
    let mut docs = Vec::with_capacity(n);
    let mut countable = Vec::with_capacity(n);
    let mut earlier = Vec::with_capacity(n);
    for d in report.documents {
        let count = |share: f64| (share * d.countable as f64).round() as usize;
        earlier.push(d.earlier.map(|e| {
            let reused = count(e.reused);
            let specific = e.specific.or(e.reused_distinctive).unwrap_or(e.reused);
            EarlierReuse {
                countable: d.countable,
                reused,
                stock: reused.saturating_sub(count(specific)),
                documents: e.documents,
                sources: e.sources.iter().map(|s| (s.id, s.chars)).collect(),
            }
        }));
        countable.push(d.countable);
        docs.push(CorpusDoc {
            meta: DocMeta {
                title: d.title,
                year: d.year.map(|value| Field {
                    value,
                    source: source_of(d.sources.year.as_deref()),
                }),
                region: field(d.region, &d.sources.region),
                kind: field(d.kind, &d.sources.kind),
            },
            path: d.path,
            chars: d.chars,
        });
    }
    // The texts, where they still are, so that pairs can be opened.
    let texts: Vec<String> = docs
        .par_iter()
        .map(|d| {
            read_document(Path::new(&d.path), None)
                .map(|l| l.text)
                .unwrap_or_default()
        })
        .collect();
    let pairs = report
        .pairs
        .into_iter()
        .map(|p| {
            let specific = p.specific_chars.or(p.distinctive_chars).unwrap_or(0);
            PairShare {
                a: p.a,
                b: p.b,
                a_reused: p.a_reused,
                b_reused: p.b_reused,
                shared_chars: p.shared_chars,
                specific_chars: specific,
                stock_chars: p
                    .stock_chars
                    .unwrap_or(p.shared_chars.saturating_sub(specific)),
                passages: p.passages,
                stock_passages: p.stock_passages.or(p.common_passages).unwrap_or(0),
                score: p.score,
            }
        })
        .collect();
    let mut family_of = Vec::with_capacity(report.phrases.len());
    let phrases = report
        .phrases
        .into_iter()
        .map(|p| {
            let first_doc = p.documents.first().copied().unwrap_or(0) as usize;
            family_of.push(p.family.unwrap_or(0));
            Phrase {
                span: texts
                    .get(first_doc)
                    .and_then(|t| char_span_of(t, &p.text))
                    .unwrap_or((0, 0)),
                text: p.text,
                first_doc,
                chars: p.chars,
                documents: p.documents,
                commonness: p.commonness,
                stock: p.stock.or(p.common).unwrap_or(false),
            }
        })
        .collect();
    let families = report
        .families
        .into_iter()
        .map(|f| Family {
            head: f.phrase,
            variants: f.variants,
            documents: f.documents,
            commonness: f.commonness,
        })
        .collect();
    let templates = report
        .templates
        .into_iter()
        .map(|t| Template {
            parts: t.parts,
            instances: t
                .documents
                .into_iter()
                .map(|i| Instance {
                    doc: i.id,
                    values: i.values,
                    slots: i.slots,
                    span: i.span,
                })
                .collect(),
            commonness: t.commonness,
        })
        .collect();
    let mut options = CorpusOptions {
        min_chars: report.summary.min_chars,
        common_above: report.summary.common_above,
        templates: report.summary.templates.is_some(),
        ..CorpusOptions::default()
    };
    if let Some(stock) = &report.summary.stock {
        options.stock.rule.common_share = stock.common_share;
        options.stock.rule.stock_share = stock.stock_share;
        if let Some(r) = &stock.reference {
            options.stock = reopen_reference(&r.name, &docs, options.stock.clone());
        }
    }
    let files_read = report.summary.files_read.unwrap_or(n);
    Ok(LoadedCorpus {
        docs,
        texts,
        analysis: CorpusAnalysis {
            countable,
            pairs,
            phrases,
            families,
            family_of,
            earlier,
            candidates: report.summary.candidate_pairs,
            templates,
        },
        options,
        input: Provenance {
            files_read,
            outside_filter: report.summary.outside_filter,
            ..Provenance::default()
        },
        words: std::sync::OnceLock::new(),
    })
}

/// The char span of the first occurrence of `needle` in `text` (a phrase's
/// text is a slice of its first document's).
fn char_span_of(text: &str, needle: &str) -> Option<(u32, u32)> {
    if needle.is_empty() {
        return None;
    }
    let at = text.find(needle)?;
    let start = text[..at].chars().count();
    let len = needle.chars().count();
    Some((start as u32, (start + len) as u32))
}

/// The reference a report names, opened again when it is the built-in one
/// or a reference table file (not a library or a folder, which would be read
/// whole again), with its documents that count chosen from the corpus's
/// documents as the analysis chose them; otherwise `stock` unchanged, with
/// no reference.
fn reopen_reference(name: &str, docs: &[CorpusDoc], stock: StockOptions) -> StockOptions {
    let path = Path::new(name);
    let table_file = path.is_file()
        && std::fs::File::open(path)
            .and_then(|mut f| {
                let mut head = [0u8; 15];
                std::io::Read::read_exact(&mut f, &mut head).map(|()| head)
            })
            .is_ok_and(|h| &h != b"SQLite format 3");
    if name != "built-in" && !table_file {
        return stock;
    }
    let Ok(Some(reference)) = super::reference::choose(name) else {
        return stock;
    };
    let metas: Vec<taohua_core::meta::Meta> = docs.iter().map(|d| d.meta.plain()).collect();
    StockOptions {
        filter: super::reference::corpus_filter(reference.as_ref(), &metas),
        reference: Some(reference),
        ..stock
    }
}
