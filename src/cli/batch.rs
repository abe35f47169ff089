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
use taohua::app::parquet::ExportSummary;
use taohua_core::corpus::analysis::CorpusOptions;

use super::{library_path, FilterArgs, LibraryArg};

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
    },
    /// Standard input: a JSON line per document and its slice of the index;
    /// standard output: a JSON line per phrase it is the first to carry.
    Phrases {
        /// Documents in the corpus.
        #[arg(long, value_name = "N")]
        documents: usize,
        #[command(flatten)]
        options: BatchOptions,
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
}

/// Run a `taohua batch` command.
pub fn run_batch(cmd: BatchCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        BatchCommand::Limits { documents, options } => {
            batch::write_limits(documents, &options.options()?, out)
        }
        BatchCommand::Pairs { options } => {
            let opts = options.options()?;
            batch::run_pairs(&opts, &mut io::stdin().lock(), out).map(|_| ())
        }
        BatchCommand::Phrases { documents, options } => {
            let opts = options.options()?;
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
    let summary = taohua::app::parquet::export_library(
        &lib,
        &args.filter.filter(),
        &args.parquet,
        &args.options.options()?,
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
