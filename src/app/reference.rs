//! The reference that tells stock language from specific reuse: chosen by
//! `--reference` (the built-in table, none, the library, a table file or a
//! folder), and built by `taohua reference build`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use taohua_core::commonness::{
    around, builtin, Filter, RefDoc, Reference, ReferenceTable, StockRule,
};
use taohua_core::compare::StockOptions;
use taohua_core::corpus::meta::{resolve, NamePattern};
use taohua_core::ingest::Encoding;
use taohua_core::meta::Meta;

use super::error::InputError;
use super::files::{corpus_files, read_document, Selection};
use super::library::find::LibraryReference;
use super::library::Library;

/// The reference `spec` names: `built-in`, `none`, `library` (the default
/// library), a library file, a table file or a folder of documents.
pub fn choose(spec: &str) -> anyhow::Result<Option<Arc<dyn Reference>>> {
    match spec {
        "none" => Ok(None),
        "built-in" | "builtin" => Ok(builtin().map(|t| Arc::new(t) as Arc<dyn Reference>)),
        "library" => {
            let path = super::library::default_path().ok_or_else(|| {
                InputError::usage(
                    "--reference library: no data folder is known; name the library file",
                )
            })?;
            library(&path)
        }
        _ => {
            let path = PathBuf::from(spec);
            if path.is_dir() {
                let bytes = build_from_files(
                    std::slice::from_ref(&path),
                    &NamePattern::default(),
                    None,
                    None,
                )?;
                let table = ReferenceTable::from_bytes(bytes, spec)
                    .map_err(|e| InputError::usage(format!("{spec}: {e}")))?;
                return Ok(Some(Arc::new(table)));
            }
            if !path.exists() {
                return Err(InputError::usage(format!(
                    "--reference {spec}: no such file or folder (give built-in, none, library, a library or reference file, or a folder)"
                ))
                .into());
            }
            let bytes = std::fs::read(&path).map_err(|source| InputError::List {
                path: path.clone(),
                source,
            })?;
            if bytes.starts_with(b"SQLite format 3") {
                return library(&path);
            }
            let table = ReferenceTable::from_bytes(bytes, spec)
                .map_err(|e| InputError::usage(format!("{spec}: {e}")))?;
            Ok(Some(Arc::new(table)))
        }
    }
}

/// What stock language is measured against in a comparison whose later
/// document is described by `later`: the reference, its documents of that
/// kind around that year (see [`around`]), the default rule.
pub fn stock_options(reference: Option<Arc<dyn Reference>>, later: &Meta) -> StockOptions {
    let filter = reference
        .as_deref()
        .map(|r| around(r, later.kind.as_deref(), later.year))
        .unwrap_or_default();
    StockOptions {
        reference,
        filter,
        rule: StockRule::default(),
    }
}

/// The reference for corpus mode, which needs one that lists its common
/// windows at once: a library named as the reference is turned into a table
/// of its documents first (announced on standard error, as it reads every
/// text).
pub fn choose_for_corpus(spec: &str) -> anyhow::Result<Option<Arc<dyn Reference>>> {
    let path = match spec {
        "library" => super::library::default_path(),
        _ => Some(PathBuf::from(spec)),
    };
    let is_library = spec == "library"
        || path.as_deref().is_some_and(|p| {
            p.is_file()
                && std::fs::File::open(p)
                    .and_then(|mut f| {
                        let mut head = [0u8; 15];
                        std::io::Read::read_exact(&mut f, &mut head).map(|()| head)
                    })
                    .is_ok_and(|h| &h == b"SQLite format 3")
        });
    if !is_library {
        return choose(spec);
    }
    let path = path.ok_or_else(|| {
        InputError::usage("--reference library: no data folder is known; name the library file")
    })?;
    let lib = Library::open(&path)?;
    eprintln!(
        "taohua: making a reference table of the library {} for the corpus",
        path.display()
    );
    let bytes = build_from_library(&lib)?;
    let table = ReferenceTable::from_bytes(bytes, &path.display().to_string())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Some(Arc::new(table)))
}

/// The documents of `reference` a corpus is measured against: those of the
/// corpus's most frequent kind around its median year (see [`around`]).
pub fn corpus_filter(reference: &dyn Reference, metas: &[Meta]) -> Filter {
    let mut kinds: Vec<&str> = metas.iter().filter_map(|m| m.kind.as_deref()).collect();
    kinds.sort_unstable();
    let mut best: Option<(&str, usize)> = None;
    for group in kinds.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| group.len() > n) {
            best = Some((group[0], group.len()));
        }
    }
    let mut years: Vec<i32> = metas.iter().filter_map(|m| m.year).collect();
    years.sort_unstable();
    let median = years.get(years.len() / 2).copied();
    around(reference, best.map(|(k, _)| k), median)
}

fn library(path: &Path) -> anyhow::Result<Option<Arc<dyn Reference>>> {
    let lib = Library::open(path)?;
    Ok(Some(Arc::new(LibraryReference(Mutex::new(lib)))))
}

/// A reference table of the documents of `inputs`, read as corpus reads them.
pub fn build_from_files(
    inputs: &[PathBuf],
    pattern: &NamePattern,
    manifest: Option<&Path>,
    encoding: Option<&'static Encoding>,
) -> anyhow::Result<Vec<u8>> {
    let listing = corpus_files(inputs, &Selection::default())?;
    let files = listing.files;
    let manifest_path = manifest.map(Path::to_path_buf).or(listing.manifest);
    let manifest = match &manifest_path {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|source| InputError::List {
                path: p.clone(),
                source,
            })?;
            Some(
                taohua_core::corpus::meta::Manifest::parse(&text).map_err(|source| {
                    InputError::Meta {
                        what: p.display().to_string(),
                        source,
                    }
                })?,
            )
        }
        None => None,
    };
    let docs: Vec<(String, taohua_core::corpus::meta::DocMeta)> = files
        .par_iter()
        .filter_map(|p| {
            let doc = read_document(p, encoding).ok()?;
            let rel = manifest_path
                .as_ref()
                .and_then(|m| m.parent())
                .and_then(|dir| p.strip_prefix(dir).ok())
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned();
            let meta = resolve(&rel, &doc.text, manifest.as_ref(), pattern);
            Some((doc.text, meta))
        })
        .collect();
    if docs.is_empty() {
        return Err(InputError::usage("no readable documents to build a reference from").into());
    }
    Ok(build(&docs))
}

/// A reference table of the library's documents.
pub fn build_from_library(lib: &Library) -> anyhow::Result<Vec<u8>> {
    let rows = lib.documents(&Default::default())?;
    let mut docs = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(text) = lib.text(row.id)? {
            docs.push((text, row.meta));
        }
    }
    Ok(build(&docs))
}

fn build(docs: &[(String, taohua_core::corpus::meta::DocMeta)]) -> Vec<u8> {
    let refs: Vec<RefDoc> = docs
        .iter()
        .map(|(text, m)| RefDoc {
            text,
            year: m.year.as_ref().map(|f| f.value),
            kind: m.kind.as_ref().map(|f| f.value.as_str()),
            region: m.region.as_ref().map(|f| f.value.as_str()),
        })
        .collect();
    ReferenceTable::build(&refs)
}
