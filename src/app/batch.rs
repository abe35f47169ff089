//! `taohua batch`: the corpus analysis in pieces, one JSON object a line in
//! and out, for an engine that holds the index elsewhere (the Spark job in
//! `spark/` pipes its partitions through these with `RDD.pipe`), and the
//! pieces put back together as a `taohua.corpus/1` report.
//!
//! Each line goes to the core's `corpus::batch`, which runs the functions
//! `taohua corpus` runs; a line that cannot be read stops the command with
//! its line number (exit code 2). Lines are worked on in parallel, a block
//! at a time, and answered in order.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use taohua_core::corpus::analysis::{
    rank_pairs, rank_phrases, CorpusAnalysis, CorpusOptions, PairShare, Phrase,
};
use taohua_core::corpus::batch::{
    document_phrases, limits, pair_shares, reference_common, Partner, PhraseSlice, WindowSet,
};
use taohua_core::corpus::families;

use super::corpus::{LoadedCorpus, Provenance};
use super::error::InputError;

/// Lines read before they are worked on together.
const BLOCK: usize = 256;

/// A document and its candidate partners (each with a smaller id).
#[derive(Debug, Deserialize)]
pub struct PairsLine {
    /// The document's id.
    pub b: usize,
    /// Its text.
    pub text: String,
    /// Its candidate partners.
    pub partners: Vec<PartnerLine>,
}

/// A candidate partner.
#[derive(Debug, Deserialize)]
pub struct PartnerLine {
    /// Its id (smaller than the document's).
    pub a: usize,
    /// Its text.
    pub text: String,
    /// The hashes of its windows common in the corpus (carried by at least
    /// the `common` limit of documents).
    #[serde(default)]
    pub common: Vec<u64>,
}

/// A document and the slice of the index its phrases need.
#[derive(Debug, Deserialize)]
pub struct PhrasesLine {
    /// The document's id.
    pub doc: usize,
    /// Its text.
    pub text: String,
    /// Its shared window hashes, each with its set's id (any 64-bit
    /// number: Spark's hashes are signed).
    pub shared: Vec<(u64, i64)>,
    /// Those sets.
    pub sets: Vec<SetLine>,
    /// Pairs of set ids `(s, t)` with `s` ⊆ `t`.
    #[serde(default)]
    pub within: Vec<(i64, i64)>,
}

/// A document set.
#[derive(Debug, Deserialize)]
pub struct SetLine {
    /// Its id.
    pub id: i64,
    /// Its first document.
    pub first: u32,
    /// How many documents it holds (what says its windows are common).
    pub documents: usize,
    /// Its documents, when the line's document is the first.
    #[serde(default)]
    pub members: Vec<u32>,
}

/// The thresholds for a corpus of `docs`, as one JSON line.
pub fn write_limits(docs: usize, opts: &CorpusOptions, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, &limits(docs, opts))?;
    writeln!(out)?;
    Ok(())
}

/// Read lines of `T` from `input` a block at a time, answer each with the
/// lines `work` makes, in order. `what` names the command in errors.
fn each_line<T, O>(
    what: &str,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    work: impl Fn(T) -> anyhow::Result<Vec<O>> + Sync,
) -> anyhow::Result<usize>
where
    T: for<'de> Deserialize<'de> + Send,
    O: Serialize + Send,
{
    let mut written = 0;
    let mut number = 0usize;
    let mut lines = input.lines();
    loop {
        let mut block: Vec<(usize, T)> = Vec::with_capacity(BLOCK);
        for line in lines.by_ref() {
            number += 1;
            let line = line.with_context(|| format!("{what}: reading line {number}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let item: T = serde_json::from_str(&line).map_err(|e| {
                InputError::usage(format!(
                    "{what}: line {number} is not a line this command reads ({e}); see spark/README.md"
                ))
            })?;
            block.push((number, item));
            if block.len() == BLOCK {
                break;
            }
        }
        if block.is_empty() {
            return Ok(written);
        }
        let answers: Vec<Vec<O>> = block
            .into_par_iter()
            .map(|(n, item)| work(item).with_context(|| format!("{what}: line {n}")))
            .collect::<anyhow::Result<_>>()?;
        for o in answers.iter().flatten() {
            serde_json::to_writer(&mut *out, o)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
}

/// `taohua batch pairs`: each line a document and its candidate partners,
/// answered by a line for each pair that shares a passage. The reference's
/// common windows are listed once, before the first line.
pub fn run_pairs(
    opts: &CorpusOptions,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> anyhow::Result<usize> {
    let reference = reference_common(opts);
    each_line("batch pairs", input, out, |line: PairsLine| {
        if let Some(p) = line.partners.iter().find(|p| p.a >= line.b) {
            return Err(InputError::usage(format!(
                "partner {} of document {} does not have a smaller id",
                p.a, line.b
            ))
            .into());
        }
        let partners: Vec<Partner> = line
            .partners
            .iter()
            .map(|p| Partner {
                id: p.a,
                text: &p.text,
                common: &p.common,
            })
            .collect();
        let found = pair_shares(line.b, &line.text, &partners, opts, reference.as_ref())
            .map_err(|e| InputError::usage(e.to_string()))?;
        Ok(found)
    })
}

/// `taohua batch phrases`: each line a document and its slice of the
/// index, answered by a line for each phrase it is the first to carry. The
/// reference's common windows are listed once, before the first line.
pub fn run_phrases(
    docs: usize,
    opts: &CorpusOptions,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> anyhow::Result<usize> {
    let reference = reference_common(opts);
    each_line("batch phrases", input, out, |line: PhrasesLine| {
        // Set ids are opaque: the same bits, read as unsigned.
        let id = |i: i64| i as u64;
        let slice = PhraseSlice {
            shared: line.shared.iter().map(|&(h, s)| (h, id(s))).collect(),
            sets: line
                .sets
                .into_iter()
                .map(|s| WindowSet {
                    id: id(s.id),
                    first: s.first,
                    documents: s.documents,
                    members: s.members,
                })
                .collect(),
            within: line.within.iter().map(|&(s, t)| (id(s), id(t))).collect(),
        };
        let found = document_phrases(line.doc, &line.text, &slice, docs, opts, reference.as_ref())
            .map_err(|e| InputError::usage(e.to_string()))?;
        Ok(found)
    })
}

/// Read a file of JSON lines of `T`.
pub fn read_lines<T: for<'de> Deserialize<'de>>(path: &Path) -> anyhow::Result<Vec<T>> {
    let file = std::fs::File::open(path).map_err(|source| InputError::List {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: reading line {}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| {
            InputError::usage(format!(
                "{}: line {} is not a line of taohua batch ({e})",
                path.display(),
                i + 1
            ))
        })?);
    }
    Ok(out)
}

/// `taohua batch corpus`: the pieces put back together, as `taohua corpus`
/// would have loaded the corpus: the documents of a Parquet export, the pairs
/// and phrases of `batch pairs` and `batch phrases` (ranked, and the phrases
/// grouped into families, here, by the core's rules), and the number of
/// candidate pairs. Earlier reuse and templates are not computed in pieces:
/// every document's earlier reuse is left out, and the templates are
/// reported as not searched for.
pub fn assemble(
    parquet: &Path,
    mut pairs: Vec<PairShare>,
    mut phrases: Vec<Phrase>,
    candidates: usize,
) -> anyhow::Result<LoadedCorpus> {
    let export = super::parquet::read_export(parquet)?;
    let n = export.docs.len();
    rank_pairs(&mut pairs);
    rank_phrases(&mut phrases);
    if let Some(bad) = pairs
        .iter()
        .map(|p| p.b)
        .chain(
            phrases
                .iter()
                .flat_map(|p| p.documents.iter().map(|&d| d as usize)),
        )
        .find(|&d| d >= n)
    {
        return Err(InputError::usage(format!(
            "{}: document {bad} is named by a pair or phrase, but the export holds {n} documents; give the export the job read",
            parquet.display()
        ))
        .into());
    }
    let (families, family_of) = families::group(&phrases, n, &export.options.norm);
    Ok(LoadedCorpus {
        docs: export.docs,
        texts: vec![String::new(); n],
        analysis: CorpusAnalysis {
            countable: export.countable,
            pairs,
            phrases,
            families,
            family_of,
            earlier: vec![None; n],
            candidates,
            templates: Vec::new(),
        },
        options: CorpusOptions {
            templates: false,
            ..export.options
        },
        input: Provenance {
            files_read: n,
            ..Provenance::default()
        },
        words: std::sync::OnceLock::new(),
    })
}
