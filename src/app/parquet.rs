//! Parquet export (`library export --parquet`, `corpus --export-parquet`):
//! the documents and the corpus index's fingerprints, for engines past one
//! machine (the Spark job in `spark/`) and for DuckDB, pandas or R.
//!
//! The folder holds:
//! - `documents/part-NNNNN.parquet`: one row per document (`id`, `path`,
//!   `title`, `year`, `region`, `kind`, where each came from, `chars`,
//!   `countable`, `library_id`, `text`); a row group per batch of documents
//!   added, a new file past [`DOC_FILE_BYTES`] of text.
//! - `fingerprints/bucket=BB/part-NNNNN.parquet`: one row per window of
//!   every document (`doc`, `hash`, `pos`), the windows and 40-bit hashes the
//!   corpus index is built from (`taohua_core::corpus::batch`), in
//!   [`BUCKETS`] folders by `hash % BUCKETS` (Hive-style, so Spark and DuckDB
//!   read `bucket` as a column and a reader of one window reads one folder),
//!   a new file past [`FINGERPRINT_FILE_ROWS`] rows.
//! - `taohua.json`: what the export holds, the options its windows were
//!   made with, and the reference that tells stock language apart with the
//!   filter of its documents that count for this corpus (schema
//!   `taohua.parquet/1`).
//!
//! Memory stays bounded by one batch of documents and one row group per
//! bucket, whatever the size of the collection; the windows of a batch are
//! computed in parallel.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use arrow_array::{ArrayRef, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use taohua_core::commonness::{Filter, StockRule};
use taohua_core::compare::StockOptions;
use taohua_core::corpus::analysis::CorpusOptions;
use taohua_core::corpus::batch::{document_windows, limits};
use taohua_core::corpus::meta::DocMeta;

use super::error::InputError;
use super::library::source_name;

/// Folders of fingerprints, by `hash % BUCKETS`.
pub const BUCKETS: u64 = 16;
/// A documents file is closed past this many bytes of text.
pub const DOC_FILE_BYTES: usize = 256 << 20;
/// A fingerprints file is closed past this many rows.
pub const FINGERPRINT_FILE_ROWS: usize = 32 << 20;
/// Rows per row group of a fingerprints file.
const FINGERPRINT_ROW_GROUP: usize = 1 << 20;
/// The schema string of `taohua.json`.
pub const PARQUET_SCHEMA: &str = "taohua.parquet/1";

/// One document going into the export.
#[derive(Debug, Clone, Copy)]
pub struct ExportDoc<'a> {
    /// Its id: the id `taohua corpus` gives it (0, 1, … in reading order).
    pub id: u32,
    /// Its path.
    pub path: &'a str,
    /// Its metadata.
    pub meta: &'a DocMeta,
    /// Its text.
    pub text: &'a str,
    /// Its id in the library, when it comes from one.
    pub library_id: Option<u32>,
}

/// The reference an export's corpus is judged against (`--reference`), and
/// the documents of it that count: what `taohua batch` needs to judge stock
/// language as `taohua corpus` does.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportReference {
    /// As `--reference` names it (`built-in`, a table file, …).
    pub spec: String,
    /// Only its documents of this kind…
    pub kind: Option<String>,
    /// …of these years…
    pub years: Option<(i32, i32)>,
    /// …of this region.
    pub region: Option<String>,
}

impl ExportReference {
    /// The reference `spec` names, with the documents of it that count for
    /// a corpus whose documents have these facts (as
    /// [`super::corpus::LoadedCorpus::analyse`] chooses them); None when
    /// `opts` has no reference.
    pub fn chosen(
        spec: &str,
        opts: &CorpusOptions,
        metas: &[taohua_core::meta::Meta],
    ) -> Option<Self> {
        let r = opts.stock.reference.as_deref()?;
        let f = super::reference::corpus_filter(r, metas);
        Some(ExportReference {
            spec: spec.to_string(),
            kind: f.kind,
            years: f.years,
            region: f.region,
        })
    }

    /// The filter of its documents that count.
    pub fn filter(&self) -> Filter {
        Filter {
            kind: self.kind.clone(),
            years: self.years,
            region: self.region.clone(),
        }
    }

    /// The stock options it stands for: the reference opened again, its
    /// filter, the default rule.
    pub fn stock(&self) -> anyhow::Result<StockOptions> {
        Ok(StockOptions {
            reference: super::reference::choose_for_corpus(&self.spec)?,
            filter: self.filter(),
            rule: StockRule::default(),
        })
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportSummary {
    /// Schema of this summary (`taohua.json`).
    pub schema: &'static str,
    /// Documents written.
    pub documents: usize,
    /// Characters of their texts.
    pub chars: u64,
    /// Fingerprint rows (windows) written.
    pub windows: u64,
    /// Window length in normalised keys.
    pub window: usize,
    /// Bits of a window hash.
    pub hash_bits: u32,
    /// Fingerprint folders (`hash % buckets`).
    pub buckets: u64,
    /// The options the windows were made with: the shortest passage…
    pub min_chars: usize,
    /// …the share of documents above which a window is common…
    pub common_above: f64,
    /// …and the candidate partners per document.
    pub partners: usize,
    /// The reference stock language is judged against besides the corpus
    /// (null: the corpus alone).
    pub reference: Option<ExportReference>,
    /// Bytes of `documents/`.
    pub document_bytes: u64,
    /// Bytes of `fingerprints/`.
    pub fingerprint_bytes: u64,
}

/// A Parquet file being written, rotated when full.
struct Rotating {
    folder: PathBuf,
    schema: SchemaRef,
    props: WriterProperties,
    writer: Option<ArrowWriter<File>>,
    files: usize,
    /// Rows or bytes in the current file.
    filled: usize,
}

impl Rotating {
    fn new(folder: PathBuf, schema: SchemaRef, props: WriterProperties) -> Rotating {
        Rotating {
            folder,
            schema,
            props,
            writer: None,
            files: 0,
            filled: 0,
        }
    }

    /// Write a batch that adds `size` to the file's fill; a new file is
    /// opened first when the current one is past `limit`.
    fn write(&mut self, batch: &RecordBatch, size: usize, limit: usize) -> anyhow::Result<()> {
        if self.filled >= limit {
            self.close()?;
        }
        if self.writer.is_none() {
            std::fs::create_dir_all(&self.folder)
                .with_context(|| format!("creating {}", self.folder.display()))?;
            let path = self.folder.join(format!("part-{:05}.parquet", self.files));
            let file =
                File::create(&path).with_context(|| format!("creating {}", path.display()))?;
            self.writer = Some(ArrowWriter::try_new(
                file,
                self.schema.clone(),
                Some(self.props.clone()),
            )?);
            self.files += 1;
            self.filled = 0;
        }
        if let Some(w) = &mut self.writer {
            w.write(batch)?;
        }
        self.filled += size;
        Ok(())
    }

    /// End the current row group (the documents: one per batch added).
    fn flush(&mut self) -> anyhow::Result<()> {
        if let Some(w) = &mut self.writer {
            w.flush()?;
        }
        Ok(())
    }

    fn close(&mut self) -> anyhow::Result<()> {
        if let Some(w) = self.writer.take() {
            w.close()?;
        }
        Ok(())
    }
}

/// The columns of `documents/`.
pub fn documents_schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int32, false),
        text("path", false),
        text("title", true),
        Field::new("year", DataType::Int32, true),
        text("region", true),
        text("kind", true),
        text("year_source", true),
        text("region_source", true),
        text("kind_source", true),
        Field::new("chars", DataType::Int64, false),
        Field::new("countable", DataType::Int64, false),
        Field::new("library_id", DataType::Int64, true),
        text("text", false),
    ]))
}

/// The columns of `fingerprints/` (the bucket is the folder's name).
pub fn fingerprints_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("doc", DataType::Int32, false),
        Field::new("hash", DataType::Int64, false),
        Field::new("pos", DataType::Int32, false),
    ]))
}

/// An export being written into a folder.
pub struct ParquetExport {
    dir: PathBuf,
    opts: CorpusOptions,
    documents: Rotating,
    buckets: Vec<Rotating>,
    summary: ExportSummary,
}

impl ParquetExport {
    /// Start an export into `dir`, which must be absent or empty, of a
    /// corpus judged against `reference`.
    pub fn create(
        dir: &Path,
        opts: &CorpusOptions,
        reference: Option<ExportReference>,
    ) -> anyhow::Result<ParquetExport> {
        if dir.exists() {
            let occupied = std::fs::read_dir(dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true);
            if !dir.is_dir() || occupied {
                return Err(InputError::usage(format!(
                    "{}: exists and is not an empty folder; give the export a new folder",
                    dir.display()
                ))
                .into());
            }
        }
        std::fs::create_dir_all(dir).map_err(|source| InputError::Output {
            path: dir.to_path_buf(),
            source,
        })?;
        let props = |rows: usize| {
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_max_row_group_row_count(Some(rows))
                .set_created_by(format!("taohua {}", env!("CARGO_PKG_VERSION")))
                .build()
        };
        let buckets = (0..BUCKETS)
            .map(|b| {
                Rotating::new(
                    dir.join("fingerprints").join(format!("bucket={b:02}")),
                    fingerprints_schema(),
                    props(FINGERPRINT_ROW_GROUP),
                )
            })
            .collect();
        Ok(ParquetExport {
            dir: dir.to_path_buf(),
            opts: opts.clone(),
            documents: Rotating::new(dir.join("documents"), documents_schema(), props(1 << 20)),
            buckets,
            summary: ExportSummary {
                schema: PARQUET_SCHEMA,
                window: limits(0, opts).window,
                hash_bits: 40,
                buckets: BUCKETS,
                min_chars: opts.min_chars,
                common_above: opts.common_above,
                partners: opts.partners,
                reference,
                ..ExportSummary::default()
            },
        })
    }

    /// Add a batch of documents: one row group of `documents/`, and their
    /// windows to every bucket.
    pub fn add(&mut self, docs: &[ExportDoc]) -> anyhow::Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let opts = &self.opts;
        let windows = docs
            .par_iter()
            .map(|d| document_windows(d.text, opts).with_context(|| d.path.to_string()))
            .collect::<anyhow::Result<Vec<_>>>()?;
        // Documents.
        let field = |f: fn(&DocMeta) -> Option<String>| -> ArrayRef {
            Arc::new(StringArray::from(
                docs.iter().map(|d| f(d.meta)).collect::<Vec<_>>(),
            ))
        };
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int32Array::from(
                docs.iter().map(|d| d.id as i32).collect::<Vec<_>>(),
            )),
            Arc::new(StringArray::from(
                docs.iter().map(|d| d.path).collect::<Vec<_>>(),
            )),
            field(|m| m.title.clone()),
            Arc::new(Int32Array::from(
                docs.iter()
                    .map(|d| d.meta.year.as_ref().map(|f| f.value))
                    .collect::<Vec<_>>(),
            )),
            field(|m| m.region.as_ref().map(|f| f.value.clone())),
            field(|m| m.kind.as_ref().map(|f| f.value.clone())),
            field(|m| m.year.as_ref().map(|f| source_name(f.source).to_string())),
            field(|m| m.region.as_ref().map(|f| source_name(f.source).to_string())),
            field(|m| m.kind.as_ref().map(|f| source_name(f.source).to_string())),
            Arc::new(Int64Array::from(
                docs.iter()
                    .map(|d| d.text.chars().count() as i64)
                    .collect::<Vec<_>>(),
            )),
            Arc::new(Int64Array::from(
                windows
                    .iter()
                    .map(|w| w.countable as i64)
                    .collect::<Vec<_>>(),
            )),
            Arc::new(Int64Array::from(
                docs.iter()
                    .map(|d| d.library_id.map(i64::from))
                    .collect::<Vec<_>>(),
            )),
            Arc::new(StringArray::from(
                docs.iter().map(|d| d.text).collect::<Vec<_>>(),
            )),
        ];
        let batch = RecordBatch::try_new(documents_schema(), columns)?;
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        self.documents.write(&batch, bytes, DOC_FILE_BYTES)?;
        self.documents.flush()?;
        // Fingerprints, bucket by bucket.
        let mut rows: Vec<(Vec<i32>, Vec<i64>, Vec<i32>)> =
            vec![Default::default(); BUCKETS as usize];
        for (d, w) in docs.iter().zip(&windows) {
            for &(pos, hash) in &w.windows {
                let r = &mut rows[(hash % BUCKETS) as usize];
                r.0.push(d.id as i32);
                r.1.push(hash as i64);
                r.2.push(pos as i32);
            }
        }
        for (bucket, (doc, hash, pos)) in self.buckets.iter_mut().zip(rows) {
            let n = doc.len();
            if n == 0 {
                continue;
            }
            let batch = RecordBatch::try_new(
                fingerprints_schema(),
                vec![
                    Arc::new(Int32Array::from(doc)),
                    Arc::new(Int64Array::from(hash)),
                    Arc::new(Int32Array::from(pos)),
                ],
            )?;
            bucket.write(&batch, n, FINGERPRINT_FILE_ROWS)?;
            self.summary.windows += n as u64;
        }
        self.summary.documents += docs.len();
        self.summary.chars += docs
            .iter()
            .map(|d| d.text.chars().count() as u64)
            .sum::<u64>();
        Ok(())
    }

    /// Close every file and write `taohua.json`; what was written.
    pub fn finish(mut self) -> anyhow::Result<ExportSummary> {
        self.documents.close()?;
        for b in &mut self.buckets {
            b.close()?;
        }
        self.summary.document_bytes = folder_bytes(&self.dir.join("documents"));
        self.summary.fingerprint_bytes = folder_bytes(&self.dir.join("fingerprints"));
        let path = self.dir.join("taohua.json");
        let json = serde_json::to_string_pretty(&self.summary)?;
        std::fs::write(&path, json + "\n").map_err(|source| InputError::Output {
            path: path.clone(),
            source,
        })?;
        Ok(self.summary)
    }
}

/// Bytes of the files under a folder.
fn folder_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// Documents go into the export in batches of at most this many…
pub const BATCH_DOCS: usize = 1000;
/// …or this many bytes of text.
pub const BATCH_BYTES: usize = 64 << 20;

/// Write documents (with their ids) in batches of bounded size.
pub fn export_all<'a>(
    export: &mut ParquetExport,
    docs: impl IntoIterator<Item = ExportDoc<'a>>,
) -> anyhow::Result<()> {
    let mut batch: Vec<ExportDoc> = Vec::new();
    let mut bytes = 0;
    for d in docs {
        bytes += d.text.len();
        batch.push(d);
        if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
            export.add(&batch)?;
            batch.clear();
            bytes = 0;
        }
    }
    export.add(&batch)
}

/// An export read back: its documents (by id, without their texts), their
/// countable characters and the options its windows were made with.
#[derive(Debug, Clone)]
pub struct Export {
    /// The documents, by id.
    pub docs: Vec<super::corpus::CorpusDoc>,
    /// Their countable characters.
    pub countable: Vec<usize>,
    /// The options of the export.
    pub options: CorpusOptions,
}

/// The options an export's `taohua.json` records.
#[derive(Debug, serde::Deserialize)]
struct ExportOptions {
    schema: String,
    min_chars: usize,
    common_above: f64,
    partners: usize,
    #[serde(default)]
    reference: Option<ExportReference>,
}

/// Read an export's `taohua.json` and its documents' rows (not their texts).
pub fn read_export(dir: &Path) -> anyhow::Result<Export> {
    use arrow_array::Array;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::arrow::ProjectionMask;

    let not_export = |why: String| {
        InputError::usage(format!(
            "{}: {why}; give a folder written by `taohua library export --parquet` or `taohua corpus --export-parquet`",
            dir.display()
        ))
    };
    let manifest = dir.join("taohua.json");
    let json = std::fs::read_to_string(&manifest)
        .map_err(|e| not_export(format!("cannot read taohua.json ({e})")))?;
    let o: ExportOptions = serde_json::from_str(&json)
        .map_err(|e| not_export(format!("taohua.json is not an export's ({e})")))?;
    if o.schema != PARQUET_SCHEMA {
        return Err(not_export(format!(
            "taohua.json has schema {:?}, not {PARQUET_SCHEMA}",
            o.schema
        ))
        .into());
    }
    let stock = match &o.reference {
        Some(r) => r.stock()?,
        None => StockOptions::default(),
    };
    let options = CorpusOptions {
        min_chars: o.min_chars,
        common_above: o.common_above,
        partners: o.partners,
        stock,
        ..CorpusOptions::default()
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("documents"))
        .map_err(|e| not_export(format!("cannot list documents/ ({e})")))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
        .collect();
    files.sort();
    let mut rows: Vec<(usize, super::corpus::CorpusDoc, usize)> = Vec::new();
    for path in files {
        let file = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .with_context(|| format!("{}: not a Parquet file", path.display()))?;
        // Every column but the text.
        let leaves: Vec<usize> = (0..documents_schema().fields().len() - 1).collect();
        let mask = ProjectionMask::leaves(builder.parquet_schema(), leaves);
        for batch in builder.with_projection(mask).build()? {
            let batch = batch?;
            let col = |name: &str| {
                batch
                    .column_by_name(name)
                    .ok_or_else(|| not_export(format!("{} has no column {name}", path.display())))
            };
            let ints = |name: &str| -> anyhow::Result<Vec<Option<i64>>> {
                let c = col(name)?;
                if let Some(a) = c.as_any().downcast_ref::<Int32Array>() {
                    return Ok((0..a.len())
                        .map(|i| a.is_valid(i).then(|| i64::from(a.value(i))))
                        .collect());
                }
                if let Some(a) = c.as_any().downcast_ref::<Int64Array>() {
                    return Ok((0..a.len())
                        .map(|i| a.is_valid(i).then(|| a.value(i)))
                        .collect());
                }
                Err(not_export(format!(
                    "{}: column {name} is not an integer",
                    path.display()
                ))
                .into())
            };
            let strings = |name: &str| -> anyhow::Result<Vec<Option<String>>> {
                let c = col(name)?;
                let a = c.as_any().downcast_ref::<StringArray>().ok_or_else(|| {
                    not_export(format!("{}: column {name} is not text", path.display()))
                })?;
                Ok((0..a.len())
                    .map(|i| a.is_valid(i).then(|| a.value(i).to_string()))
                    .collect())
            };
            let (ids, years, chars, countable) = (
                ints("id")?,
                ints("year")?,
                ints("chars")?,
                ints("countable")?,
            );
            let (paths, titles, regions, kinds) = (
                strings("path")?,
                strings("title")?,
                strings("region")?,
                strings("kind")?,
            );
            let (ys, rs, ks) = (
                strings("year_source")?,
                strings("region_source")?,
                strings("kind_source")?,
            );
            for i in 0..batch.num_rows() {
                use taohua_core::corpus::meta::Field as MetaField;
                let source = |s: &[Option<String>]| super::library::source_of(s[i].as_deref());
                let meta = DocMeta {
                    title: titles[i].clone(),
                    year: years[i].map(|y| MetaField {
                        value: y as i32,
                        source: source(&ys),
                    }),
                    region: regions[i].clone().map(|value| MetaField {
                        value,
                        source: source(&rs),
                    }),
                    kind: kinds[i].clone().map(|value| MetaField {
                        value,
                        source: source(&ks),
                    }),
                };
                let doc = super::corpus::CorpusDoc {
                    path: paths[i].clone().unwrap_or_default(),
                    meta,
                    chars: chars[i].unwrap_or(0) as usize,
                };
                rows.push((
                    ids[i].unwrap_or(-1) as usize,
                    doc,
                    countable[i].unwrap_or(0) as usize,
                ));
            }
        }
    }
    rows.sort_by_key(|r| r.0);
    if let Some((i, r)) = rows.iter().enumerate().find(|(i, r)| r.0 != *i) {
        return Err(not_export(format!(
            "the documents' ids are not 0, 1, 2, …: {} where {i} was expected",
            r.0
        ))
        .into());
    }
    let (docs, countable) = rows.into_iter().map(|(_, d, c)| (d, c)).unzip();
    Ok(Export {
        docs,
        countable,
        options,
    })
}

/// `taohua library export --parquet DIR`: the library's documents that pass
/// `filter`, numbered as `taohua corpus --library` numbers them, read from
/// the library a batch at a time; `reference` is `--reference` as given (the
/// one in `opts`).
pub fn export_library(
    lib: &super::library::Library,
    filter: &taohua_core::commonness::Filter,
    dir: &Path,
    opts: &CorpusOptions,
    reference: &str,
) -> anyhow::Result<ExportSummary> {
    let rows = lib.documents(filter)?;
    if rows.is_empty() {
        return Err(InputError::usage(format!(
            "{}: no documents to export{}",
            lib.path().display(),
            if filter.is_empty() {
                "; add some with `taohua library add FOLDER`"
            } else {
                " pass --kind/--year/--region"
            }
        ))
        .into());
    }
    let metas: Vec<taohua_core::meta::Meta> = rows.iter().map(|r| r.meta.plain()).collect();
    let reference = ExportReference::chosen(reference, opts, &metas);
    let mut export = ParquetExport::create(dir, opts, reference)?;
    let mut next_id = 0u32;
    for chunk in rows.chunks(BATCH_DOCS) {
        let mut texts = Vec::with_capacity(chunk.len());
        for row in chunk {
            // A document removed meanwhile is left out, as `corpus --library` does.
            if let Some(text) = lib.text(row.id)? {
                texts.push((row, text));
            }
        }
        let docs = texts
            .iter()
            .map(|(row, text)| {
                let doc = ExportDoc {
                    id: next_id,
                    path: &row.path,
                    meta: &row.meta,
                    text,
                    library_id: Some(row.id),
                };
                next_id += 1;
                doc
            })
            .collect::<Vec<_>>();
        export_all(&mut export, docs)?;
    }
    export.finish()
}

/// `taohua corpus DIR --export-parquet OUT`: documents read as `taohua
/// corpus` reads them, numbered as it numbers them; `reference` is
/// `--reference` as given (the one in `opts`).
pub fn export_read(
    read: &super::corpus::ReadCorpus,
    dir: &Path,
    opts: &CorpusOptions,
    reference: &str,
) -> anyhow::Result<ExportSummary> {
    let metas: Vec<taohua_core::meta::Meta> = read.docs.iter().map(|d| d.meta.plain()).collect();
    let reference = ExportReference::chosen(reference, opts, &metas);
    let mut export = ParquetExport::create(dir, opts, reference)?;
    let docs = read
        .docs
        .iter()
        .zip(&read.texts)
        .enumerate()
        .map(|(id, (d, text))| ExportDoc {
            id: id as u32,
            path: &d.path,
            meta: &d.meta,
            text,
            library_id: None,
        });
    export_all(&mut export, docs)?;
    export.finish()
}
