//! `taohua corpus --from FILE`: a `taohua.corpus/1` report read back into a
//! [`LoadedCorpus`], whoever wrote it (`taohua corpus --format json`, or the
//! Spark job in `spark/` through `taohua batch corpus`), so that the corpus
//! screens and the other reports show it without the analysis being run
//! again.
//!
//! What the JSON rounds (shares and scores, to four decimals) comes back
//! rounded; the documents' texts are read from their paths when those are
//! still there, so that pairs can be opened (otherwise the screens say the
//! two documents cannot be compared).

use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use taohua_core::corpus::analysis::{
    CorpusAnalysis, CorpusOptions, EarlierReuse, PairShare, Phrase,
};
use taohua_core::corpus::meta::{DocMeta, Field};

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
    reused_distinctive: f64,
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
    #[serde(default)]
    distinctive_chars: usize,
    #[serde(default)]
    common_passages: usize,
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
        }));
    if let Some(d) = named.into_iter().find(|&d| d >= n) {
        return Err(bad(format!("names document {d}, but lists only {n} documents")).into());
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
            EarlierReuse {
                countable: d.countable,
                reused,
                common: reused.saturating_sub(count(e.reused_distinctive)),
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
        .map(|p| PairShare {
            a: p.a,
            b: p.b,
            a_reused: p.a_reused,
            b_reused: p.b_reused,
            shared_chars: p.shared_chars,
            distinctive_chars: p.distinctive_chars,
            passages: p.passages,
            common_passages: p.common_passages,
            score: p.score,
        })
        .collect();
    let phrases = report
        .phrases
        .into_iter()
        .map(|p| Phrase {
            text: p.text,
            first_doc: p.documents.first().copied().unwrap_or(0) as usize,
            span: (0, 0),
            chars: p.chars,
            documents: p.documents,
            commonness: p.commonness,
        })
        .collect();
    let files_read = report.summary.files_read.unwrap_or(n);
    Ok(LoadedCorpus {
        docs,
        texts,
        analysis: CorpusAnalysis {
            countable,
            pairs,
            phrases,
            earlier,
            candidates: report.summary.candidate_pairs,
        },
        options: CorpusOptions {
            min_chars: report.summary.min_chars,
            common_above: report.summary.common_above,
            ..CorpusOptions::default()
        },
        input: Provenance {
            files_read,
            outside_filter: report.summary.outside_filter,
            ..Provenance::default()
        },
    })
}
