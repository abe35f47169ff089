//! `taohua library add`: documents into the library, batch by batch.
//!
//! Files are found and read as corpus mode reads them (the same file types,
//! manifest, front matter, file-name pattern and guesses from the text).
//! A file whose text the library already holds is skipped; a file added
//! before from the same path whose text has changed replaces its old
//! version. Files are taken in batches of about [`BATCH_CHARS`] characters:
//! a batch is read and indexed in parallel, then written in one transaction
//! (its documents and one index segment), so memory stays bounded by the
//! batch and a crash loses at most the batch being written. When an add
//! leaves more than `store::MAX_SEGMENTS` segments, they are merged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rusqlite::params;
use taohua_core::corpus::meta::{resolve, DocMeta, Manifest, NamePattern};
use taohua_core::fingerprint::{trigrams, winnow};
use taohua_core::text::normalize::{normalize, NormOptions};
use taohua_core::text::Chars;

use super::store::{self, Kind, Posting};
use super::{content_hash, source_name, Library, LibraryError};
use crate::app::error::InputError;
use crate::app::files::{
    corpus_files, read_document, warn_about_encoding, Encodings, Listing, Selection,
};

/// Characters read and indexed before a batch is written (by default).
pub const BATCH_CHARS: usize = 8_000_000;

/// How to add.
#[derive(Debug, Clone)]
pub struct AddOptions {
    /// How file names carry metadata.
    pub pattern: NamePattern,
    /// A manifest named on the command line (else one found in a folder).
    pub manifest: Option<PathBuf>,
    /// The encoding of each file, where the user named one.
    pub encodings: Encodings,
    /// Characters per batch (one transaction each); [`BATCH_CHARS`] unless
    /// a test wants many small batches.
    pub batch_chars: usize,
}

/// What an add did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddSummary {
    /// Documents added.
    pub added: usize,
    /// Documents that replaced an older version of the same file.
    pub replaced: usize,
    /// Files whose text the library already held.
    pub unchanged: usize,
    /// Files that could not be read, each with the reason.
    pub skipped: Vec<String>,
    /// Segments merged after the add (0: none).
    pub merged: usize,
}

/// A document read and indexed, not yet written.
struct Ready {
    path: String,
    hash: String,
    meta: DocMeta,
    text: String,
    chars: usize,
    countable: usize,
    phrases: Vec<Posting>,
    sources: Vec<Posting>,
}

/// Add the documents of `inputs` (files and folders). `progress(done,
/// total)` counts files.
pub fn add(
    lib: &mut Library,
    inputs: &[PathBuf],
    opts: &AddOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> anyhow::Result<AddSummary> {
    let Listing {
        files,
        manifest: found_manifest,
        ..
    } = corpus_files(inputs, &Selection::default())?;
    if files.is_empty() {
        let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(InputError::usage(format!(
            "{}: no documents found (.txt, .docx, .html, .md)",
            names.join(", ")
        ))
        .into());
    }
    let manifest_path = opts.manifest.clone().or(found_manifest);
    let manifest = match &manifest_path {
        None => None,
        Some(p) => Some(read_manifest(p)?),
    };
    let known = known_documents(lib)?;
    let mut summary = AddSummary::default();
    let total = files.len();
    let mut done = 0usize;
    let mut at = 0;
    while at < files.len() {
        // A batch: files until about BATCH_CHARS of text (by file size).
        let mut end = at;
        let mut bytes = 0u64;
        while end < files.len() && (end == at || bytes < (opts.batch_chars as u64) * 3) {
            bytes += std::fs::metadata(&files[end]).map(|m| m.len()).unwrap_or(0);
            end += 1;
        }
        let batch = &files[at..end];
        let read: Vec<Result<Ready, String>> = batch
            .par_iter()
            .map(|p| prepare(p, manifest_path.as_deref(), manifest.as_ref(), opts))
            .collect();
        let mut ready = Vec::new();
        for r in read {
            match r {
                Ok(doc) if known.by_hash.contains_key(&doc.hash) => summary.unchanged += 1,
                Ok(doc) => ready.push(doc),
                Err(e) => summary.skipped.push(e),
            }
        }
        let replaced = write_batch(lib, ready, &known, &mut summary)?;
        summary.replaced += replaced;
        done += batch.len();
        progress(done, total);
        at = end;
    }
    summary.merged = compact(lib)?;
    lib.tidy()?;
    Ok(summary)
}

/// The library's documents by content hash and by path.
struct Known {
    by_hash: HashMap<String, u32>,
    by_path: HashMap<String, u32>,
}

fn known_documents(lib: &Library) -> Result<Known, LibraryError> {
    let mut stmt = lib
        .conn()
        .prepare("SELECT id, path, content_hash FROM documents")
        .map_err(|e| lib.err(e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| lib.err(e))?;
    let mut known = Known {
        by_hash: HashMap::new(),
        by_path: HashMap::new(),
    };
    for (id, path, hash) in rows {
        known.by_hash.insert(hash, id);
        known.by_path.insert(path, id);
    }
    Ok(known)
}

fn read_manifest(path: &Path) -> Result<Manifest, InputError> {
    let text = std::fs::read_to_string(path).map_err(|source| InputError::List {
        path: path.to_path_buf(),
        source,
    })?;
    Manifest::parse(&text).map_err(|source| InputError::Meta {
        what: path.display().to_string(),
        source,
    })
}

/// Read one file and work out its metadata and postings (document 0: the
/// real id is set when the batch is written).
fn prepare(
    path: &Path,
    manifest_path: Option<&Path>,
    manifest: Option<&Manifest>,
    opts: &AddOptions,
) -> Result<Ready, String> {
    let rel = manifest_path
        .and_then(Path::parent)
        .and_then(|dir| path.strip_prefix(dir).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let row = manifest.and_then(|m| m.get(&rel));
    let encoding = opts
        .encodings
        .for_file(path, row.as_ref().and_then(|r| r.encoding.as_deref()));
    let doc = read_document(path, encoding).map_err(|e| e.to_string())?;
    warn_about_encoding(&doc);
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let meta = resolve(&rel, &doc.text, manifest, &opts.pattern);
    let chars = Chars::new(&doc.text).map_err(|e| format!("{}: {e}", path.display()))?;
    let norm = normalize(&chars, &NormOptions::default());
    let keys = norm.keys();
    let spans = norm.spans();
    let posting = |id: u64, key: u32, start: u32, len: u32| Posting {
        id,
        doc: 0,
        key,
        start,
        len,
    };
    let phrases = trigrams(keys)
        .map(|(k, id)| {
            let (start, _) = spans[k as usize];
            let (_, end) = spans[k as usize + 2];
            posting(id, k, start, end - start)
        })
        .collect();
    let mut sources: Vec<Posting> = winnow(keys)
        .into_iter()
        .map(|(_, h)| posting(h, 0, 0, 0))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    Ok(Ready {
        path: absolute.to_string_lossy().into_owned(),
        hash: content_hash(&doc.text),
        meta,
        chars: chars.len(),
        countable: norm.countable_in(0, norm.len()),
        text: doc.text,
        phrases,
        sources,
    })
}

/// Write one batch in one transaction: replaced documents removed, new ones
/// inserted with their postings as one segment. Returns how many replaced
/// an older version.
fn write_batch(
    lib: &mut Library,
    ready: Vec<Ready>,
    known: &Known,
    summary: &mut AddSummary,
) -> Result<usize, LibraryError> {
    if ready.is_empty() {
        return Ok(0);
    }
    let path = lib.path().to_path_buf();
    let err = |e: rusqlite::Error| super::classify(&path, e);
    let added_at = now_utc();
    let mut replaced_ids = Vec::new();
    let tx = lib.conn.transaction().map_err(err)?;
    let mut phrases = Vec::new();
    let mut sources = Vec::new();
    let mut replaced = 0;
    let mut seen_hashes = std::collections::HashSet::new();
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT INTO documents (path, content_hash, title, year, region, kind,
                     year_source, region_source, kind_source, chars, countable, added, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .map_err(err)?;
        for doc in ready {
            // Two files of one batch with the same text: the first is kept.
            if !seen_hashes.insert(doc.hash.clone()) {
                summary.unchanged += 1;
                continue;
            }
            if let Some(&old) = known.by_path.get(&doc.path) {
                tx.execute("DELETE FROM documents WHERE id = ?1", params![old])
                    .map_err(err)?;
                tx.execute(
                    "INSERT OR IGNORE INTO removed (id) VALUES (?1)",
                    params![old],
                )
                .map_err(err)?;
                replaced_ids.push(old);
                replaced += 1;
            } else {
                summary.added += 1;
            }
            let m = &doc.meta;
            insert
                .execute(params![
                    doc.path,
                    doc.hash,
                    m.title,
                    m.year.as_ref().map(|f| f.value),
                    m.region.as_ref().map(|f| f.value.as_str()),
                    m.kind.as_ref().map(|f| f.value.as_str()),
                    m.year.as_ref().map(|f| source_name(f.source)),
                    m.region.as_ref().map(|f| source_name(f.source)),
                    m.kind.as_ref().map(|f| source_name(f.source)),
                    doc.chars as i64,
                    doc.countable as i64,
                    added_at,
                    doc.text,
                ])
                .map_err(err)?;
            let id = u32::try_from(tx.last_insert_rowid()).map_err(|_| LibraryError::Other {
                path: path.clone(),
                detail: "more than 4 billion documents".into(),
            })?;
            phrases.extend(doc.phrases.into_iter().map(|p| Posting { doc: id, ..p }));
            sources.extend(doc.sources.into_iter().map(|p| Posting { doc: id, ..p }));
        }
        let documents = seen_hashes.len() as i64;
        tx.execute(
            "INSERT INTO segments (documents, bytes) VALUES (?1, 0)",
            params![documents],
        )
        .map_err(err)?;
        let segment = tx.last_insert_rowid();
        let bytes = store::write_segment(&tx, segment, Kind::Phrase, phrases).map_err(err)?
            + store::write_segment(&tx, segment, Kind::Source, sources).map_err(err)?;
        tx.execute(
            "UPDATE segments SET bytes = ?1 WHERE id = ?2",
            params![bytes as i64, segment],
        )
        .map_err(err)?;
    }
    tx.commit().map_err(err)?;
    lib.removed.extend(replaced_ids);
    Ok(replaced)
}

/// Merge segments when there are more than `store::MAX_SEGMENTS`: all but
/// the largest, or all of them when the smaller ones together are at least
/// half its size. Returns the number of segments merged.
pub(crate) fn compact(lib: &mut Library) -> Result<usize, LibraryError> {
    let mut segments: Vec<(i64, i64)> = {
        let mut stmt = lib
            .conn()
            .prepare("SELECT id, bytes FROM segments ORDER BY bytes DESC")
            .map_err(|e| lib.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| lib.err(e))?;
        rows
    };
    if segments.len() <= store::MAX_SEGMENTS {
        return Ok(0);
    }
    let largest = segments[0].1;
    let rest: i64 = segments[1..].iter().map(|s| s.1).sum();
    if rest < largest / 2 {
        segments.remove(0);
    }
    let ids: Vec<i64> = segments.iter().map(|s| s.0).collect();
    let whole = ids.len() == lib.segment_count()?;
    let path = lib.path().to_path_buf();
    let err = |e: rusqlite::Error| super::classify(&path, e);
    let removed = lib.removed.clone();
    let tx = lib.conn.transaction().map_err(err)?;
    tx.execute("INSERT INTO segments (documents, bytes) VALUES (0, 0)", [])
        .map_err(err)?;
    let into = tx.last_insert_rowid();
    let bytes = store::merge(&tx, &ids, into, &removed).map_err(err)?;
    let mut documents = 0i64;
    for id in &ids {
        documents += tx
            .query_row(
                "SELECT documents FROM segments WHERE id = ?1",
                params![id],
                |r| r.get::<_, i64>(0),
            )
            .map_err(err)?;
        tx.execute("DELETE FROM segments WHERE id = ?1", params![id])
            .map_err(err)?;
    }
    tx.execute(
        "UPDATE segments SET bytes = ?1, documents = ?2 WHERE id = ?3",
        params![bytes as i64, documents, into],
    )
    .map_err(err)?;
    if whole {
        // Every segment was rewritten: no removed document has postings left.
        tx.execute("DELETE FROM removed", []).map_err(err)?;
    }
    tx.commit().map_err(err)?;
    if whole {
        lib.removed.clear();
    }
    Ok(ids.len())
}

impl Library {
    /// Give freed pages back to the file system and fold the write-ahead log
    /// into the file, so that the file's size is what it holds.
    pub(crate) fn tidy(&self) -> Result<(), LibraryError> {
        let vacuum = || -> rusqlite::Result<()> {
            // The pragma frees one page per step (a row each): step it to the
            // end, or it gives back a single page.
            let mut stmt = self.conn().prepare("PRAGMA incremental_vacuum")?;
            let mut rows = stmt.query([])?;
            while rows.next()?.is_some() {}
            Ok(())
        };
        vacuum().map_err(|e| self.err(e))?;
        self.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|e| self.err(e))
    }

    /// Pages of the file that hold nothing (kept for later writes).
    #[cfg(test)]
    pub(crate) fn free_pages(&self) -> i64 {
        self.conn()
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))
            .unwrap_or(-1)
    }

    fn segment_count(&self) -> Result<usize, LibraryError> {
        self.conn()
            .query_row("SELECT count(*) FROM segments", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// Remove documents: by id, or by path (a file as added, or a folder:
    /// every document added from inside it). Returns how many were removed.
    pub fn remove(&mut self, ids: &[u32], paths: &[PathBuf]) -> Result<usize, LibraryError> {
        let path = self.path().to_path_buf();
        let err = |e: rusqlite::Error| super::classify(&path, e);
        let mut targets: Vec<u32> = ids.to_vec();
        for p in paths {
            let absolute = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            let exact = absolute.to_string_lossy().into_owned();
            let mut folder = exact.clone();
            if !folder.ends_with(std::path::MAIN_SEPARATOR) {
                folder.push(std::path::MAIN_SEPARATOR);
            }
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT id FROM documents WHERE path = ?1 OR path = ?2
                     OR substr(path, 1, length(?3)) = ?3",
                )
                .map_err(err)?;
            let found = stmt
                .query_map(
                    params![exact, p.to_string_lossy().into_owned(), folder],
                    |r| r.get::<_, u32>(0),
                )
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(err)?;
            targets.extend(found);
        }
        targets.sort_unstable();
        targets.dedup();
        let tx = self.conn.transaction().map_err(err)?;
        let mut removed = Vec::new();
        for id in targets {
            let n = tx
                .execute("DELETE FROM documents WHERE id = ?1", params![id])
                .map_err(err)?;
            if n > 0 {
                tx.execute(
                    "INSERT OR IGNORE INTO removed (id) VALUES (?1)",
                    params![id],
                )
                .map_err(err)?;
                removed.push(id);
            }
        }
        tx.commit().map_err(err)?;
        let n = removed.len();
        self.removed.extend(removed);
        self.tidy()?;
        Ok(n)
    }
}

/// Now, as RFC 3339 in UTC (the application's clock; the core has none).
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Days since 1970-01-01 to a civil date (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Many small batches make more than `MAX_SEGMENTS` segments, so the add
    /// ends with a merge that frees the old segments' pages: the file gives
    /// them back instead of keeping them empty.
    #[test]
    fn an_add_that_merges_leaves_no_empty_pages() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        for i in 0..12 {
            let body: String = (0..400)
                .map(|k| {
                    char::from_u32(0x4e00 + ((i * 7919 + k * 104_729) % 20_000) as u32).unwrap()
                })
                .collect();
            std::fs::write(docs.join(format!("2024_地区{i}_讲话.txt")), body).unwrap();
        }
        let path = dir.path().join("lib.sqlite");
        let mut lib = Library::open_or_create(&path).unwrap();
        let opts = AddOptions {
            pattern: NamePattern::default(),
            manifest: None,
            encodings: Encodings::default(),
            batch_chars: 300,
        };
        let summary = add(&mut lib, &[docs], &opts, &|_, _| {}).unwrap();
        assert_eq!(summary.added, 12);
        assert!(summary.merged > 0, "{summary:?}");
        assert_eq!(lib.free_pages(), 0);
    }

    #[test]
    fn the_clock_reads_as_rfc3339() {
        let t = now_utc();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z'), "{t}");
    }
}
