//! `taohua grow`: a corpus N times larger for benchmarks, each document of a
//! folder followed by N−1 edited copies of it (the evaluation's edits), with
//! a `MANIFEST.tsv` that names every copy's source.

use std::fmt::Write as _;
use std::path::Path;

use crate::i18n::msg;

use anyhow::Context;
use taohua_core::eval::synth::{edited_copy, paragraphs, Rng};

use super::error::InputError;
use super::files::{corpus_files, read_document, Selection};
use super::pair::DocInfo;

/// Write the grown corpus of `dir` into `out` (absent or empty); the number
/// of documents written. Unreadable files are skipped with a line each on
/// `warn`.
pub fn grow(
    dir: &Path,
    out: &Path,
    times: u32,
    seed: u64,
    warn: &mut dyn FnMut(String),
) -> anyhow::Result<usize> {
    let files = corpus_files(&[dir.to_path_buf()], &Selection::default())?.files;
    if files.is_empty() {
        return Err(InputError::usage(msg::grow_no_documents(&dir.display().to_string())).into());
    }
    let occupied = std::fs::read_dir(out)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if out.exists() && (occupied || !out.is_dir()) {
        return Err(InputError::usage(msg::grow_not_empty(&out.display().to_string())).into());
    }
    std::fs::create_dir_all(out).with_context(|| msg::ctx_creating(&out.display().to_string()))?;
    let mut docs = Vec::new();
    for path in &files {
        match read_document(path, None) {
            Ok(d) => docs.push((path.clone(), d.text)),
            Err(e) => warn(msg::lib_skipped(&e.to_string())),
        }
    }
    let filler: Vec<String> = docs
        .iter()
        .flat_map(|(_, t)| paragraphs(t))
        .step_by(11)
        .collect();
    let mut manifest = String::from("file\tyear\tregion\tkind\tcopy_of\n");
    let mut rng = Rng::new(seed);
    let mut written = 0usize;
    for (path, text) in &docs {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta = DocInfo::read(&path.to_string_lossy(), text).meta;
        for copy in 0..times {
            let name = if copy == 0 {
                format!("{stem}.txt")
            } else {
                format!("{stem}~{copy}.txt")
            };
            let body = if copy == 0 {
                text.clone()
            } else {
                edited_copy(text, &filler, &mut rng).text
            };
            std::fs::write(out.join(&name), body).with_context(|| msg::ctx_writing(&name))?;
            let source = if copy == 0 {
                String::new()
            } else {
                format!("{stem}.txt")
            };
            let _ = writeln!(
                manifest,
                "{name}\t{}\t{}\t{}\t{source}",
                meta.year.map(|y| y.to_string()).unwrap_or_default(),
                meta.region.clone().unwrap_or_default(),
                meta.kind.clone().unwrap_or_default(),
            );
            written += 1;
        }
    }
    std::fs::write(out.join("MANIFEST.tsv"), manifest)
        .with_context(|| msg::ctx_writing("MANIFEST.tsv"))?;
    Ok(written)
}
