//! The command line of `taohua batch` and `taohua library export`: the
//! pieces of a corpus analysis that an engine past one machine (the Spark job
//! in `spark/`) pipes through taohua, and the Parquet export it reads. Glue
//! over `app::batch` and `app::parquet`.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use taohua::app::batch;
use taohua::app::error::InputError;
use taohua::app::library::Library;
use taohua::app::parquet::{ExportReference, ExportSummary};
use taohua_core::corpus::analysis::CorpusOptions;

use super::{library_path, FilterArgs, LibraryArg, ReferenceArg};

/// The analysis's options, as `taohua corpus` takes them.
#[derive(Debug, Clone, clap::Args)]
pub struct BatchOptions {
    /// Shortest passage or phrase, in countable characters (the window length).
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(4..=1000))]
    pub min_chars: u32,
    /// Text carried by more than this share of the documents is common.
    #[arg(long, value_name = "SHARE", default_value_t = 0.1)]
    pub common_above: f64,
    /// Strongest partners per document that the pair finder compares.
    #[arg(long, value_name = "N", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub partners: u32,
}

/// The reference stock language is judged against, and its documents that
/// count: what the export's `taohua.json` records (`reference`), which the
/// Spark job passes on.
#[derive(Debug, Clone, clap::Args)]
pub struct BatchReference {
    /// The reference: built-in, none, a reference table, … (as for
    /// `taohua corpus`; every executor opens it, so on a cluster give
    /// built-in or a table file at the same path everywhere).
    #[arg(long, value_name = "built-in|none|FILE", default_value = "built-in")]
    pub reference: String,
    /// Only the reference's documents of this kind count.
    #[arg(long, value_name = "KIND")]
    pub reference_kind: Option<String>,
    /// Only the reference's documents of these years count.
    #[arg(long, value_name = "FROM..TO", value_parser = parse_years)]
    pub reference_years: Option<(i32, i32)>,
    /// Only the reference's documents of this region count.
    #[arg(long, value_name = "REGION")]
    pub reference_region: Option<String>,
}

/// `FROM..TO` (or one year).
fn parse_years(s: &str) -> std::result::Result<(i32, i32), String> {
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .map_err(|_| format!("{s}: give FROM..TO, e.g. 2016..2026"))
    };
    match s.split_once("..") {
        Some((a, b)) => Ok((year(a)?, year(b)?)),
        None => year(s).map(|y| (y, y)),
    }
}

impl BatchReference {
    fn stock(&self) -> Result<taohua_core::compare::StockOptions> {
        ExportReference {
            spec: self.reference.clone(),
            kind: self.reference_kind.clone(),
            years: self.reference_years,
            region: self.reference_region.clone(),
        }
        .stock()
    }
}

impl BatchOptions {
    fn options(&self) -> Result<CorpusOptions> {
        if !(0.0..=1.0).contains(&self.common_above) {
            return Err(InputError::usage(format!(
                "--common-above {}: give a share between 0 and 1",
                self.common_above
            ))
            .into());
        }
        Ok(CorpusOptions {
            min_chars: self.min_chars as usize,
            common_above: self.common_above,
            partners: self.partners as usize,
            ..CorpusOptions::default()
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// The thresholds for a corpus of N documents, as one JSON line: the
    /// window length, the documents above which a window is common, and
    /// those above which it proposes no candidate pair.
    Limits {
        /// Documents in the corpus.
        #[arg(long, value_name = "N")]
        documents: usize,
        #[command(flatten)]
        options: BatchOptions,
    },
    /// Standard input: a JSON line per document and its candidate partners;
    /// standard output: a JSON line per pair that shares a passage.
    Pairs {
        #[command(flatten)]
        options: BatchOptions,
        #[command(flatten)]
        reference: BatchReference,
    },
    /// Standard input: a JSON line per document and its slice of the index;
    /// standard output: a JSON line per phrase it is the first to carry.
    Phrases {
        /// Documents in the corpus.
        #[arg(long, value_name = "N")]
        documents: usize,
        #[command(flatten)]
        options: BatchOptions,
        #[command(flatten)]
        reference: BatchReference,
    },
    /// The pieces put back together: a taohua.corpus/1 report of an export's
    /// documents and the lines of `batch pairs` and `batch phrases`.
    Corpus {
        /// The Parquet export the pieces were computed from.
        #[arg(value_name = "EXPORT")]
        export: PathBuf,
        /// The lines `batch pairs` wrote.
        #[arg(long, value_name = "FILE")]
        pairs: PathBuf,
        /// The lines `batch phrases` wrote.
        #[arg(long, value_name = "FILE")]
        phrases: PathBuf,
        /// How many candidate pairs the pair finder ran on.
        #[arg(long, value_name = "N")]
        candidates: usize,
    },
}

/// `taohua library export`.
#[derive(Debug, clap::Args)]
pub struct LibraryExportArgs {
    /// Write the documents and the corpus index's fingerprints as Parquet
    /// into this folder (created; must be empty or absent).
    #[arg(long, value_name = "DIR", required = true)]
    pub parquet: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub library: LibraryArg,
    #[command(flatten)]
    pub options: BatchOptions,
    #[command(flatten)]
    pub reference: ReferenceArg,
}

/// Run a `taohua batch` command.
pub fn run_batch(cmd: BatchCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        BatchCommand::Limits { documents, options } => {
            batch::write_limits(documents, &options.options()?, out)
        }
        BatchCommand::Pairs { options, reference } => {
            let opts = CorpusOptions {
                stock: reference.stock()?,
                ..options.options()?
            };
            batch::run_pairs(&opts, &mut io::stdin().lock(), out).map(|_| ())
        }
        BatchCommand::Phrases {
            documents,
            options,
            reference,
        } => {
            let opts = CorpusOptions {
                stock: reference.stock()?,
                ..options.options()?
            };
            batch::run_phrases(documents, &opts, &mut io::stdin().lock(), out).map(|_| ())
        }
        BatchCommand::Corpus {
            export,
            pairs,
            phrases,
            candidates,
        } => {
            let corpus = batch::assemble(
                &export,
                batch::read_lines(&pairs)?,
                batch::read_lines(&phrases)?,
                candidates,
            )?;
            taohua::report::corpus::write_json(&corpus, out)?;
            Ok(())
        }
    }
}

/// Run `taohua library export`.
pub fn run_library_export(args: &LibraryExportArgs, out: &mut dyn Write) -> Result<()> {
    let lib = Library::open(&library_path(args.library.path.as_deref())?)?;
    let spec = &args.reference.reference;
    let opts = CorpusOptions {
        stock: taohua_core::compare::StockOptions {
            reference: taohua::app::reference::choose_for_corpus(spec)?,
            ..Default::default()
        },
        ..args.options.options()?
    };
    let summary = taohua::app::parquet::export_library(
        &lib,
        &args.filter.filter(),
        &args.parquet,
        &opts,
        spec,
    )?;
    write_summary(&summary, &args.parquet, out)
}

/// The line an export ends with.
pub fn write_summary(s: &ExportSummary, dir: &std::path::Path, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "{} documents ({} characters) and {} windows written to {} ({:.1} MB of documents, {:.1} MB of fingerprints)",
        s.documents,
        s.chars,
        s.windows,
        dir.display(),
        s.document_bytes as f64 / 1e6,
        s.fingerprint_bytes as f64 / 1e6,
    )?;
    Ok(())
}
