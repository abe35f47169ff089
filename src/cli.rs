//! Command-line interface: argument definitions, and each command as a few
//! calls into the application layer (`taohua::app`), the reports and the
//! screens. Glue only.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use taohua::app::config::{Settings, ViewChoice};
use taohua::app::corpus::{LoadOptions, LoadedCorpus};
use taohua::app::error::InputError;
use taohua::app::files::{
    read_document, split_encoding, warn_about_encoding, Encodings, Loaded, Selection, SkipReason,
    STDIN,
};
use taohua::app::library::{default_path as default_library_path, AddOptions, Library};
use taohua::app::pair::{DocInfo, PairSession};
use taohua::i18n::{self, Lang};
use taohua::report;
use taohua::tui;
use taohua::tui::words::WordSplitter;
use taohua_core::commonness::ReferenceTable;
use taohua_core::compare::CompareOptions;
use taohua_core::compare::StockOptions;
use taohua_core::corpus::analysis::{CorpusOptions, Stage};
use taohua_core::corpus::meta::NamePattern;
use taohua_core::ingest::{encoding_for_label, Encoding};
use taohua_core::text::slogans::Slogans;
use taohua_core::trace::Facts;

mod batch;

/// Compare Chinese official speeches and reports: aligned paragraphs,
/// recycled phrasing, copy ratios.
///
/// `taohua LEFT RIGHT` opens the pair view (on a terminal; in a pipe it
/// prints the text report). `taohua demo` shows it on bundled examples.
#[derive(Debug, Parser)]
#[command(
    name = "taohua",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    args_conflicts_with_subcommands = true,
    arg_required_else_help = true,
    subcommand_negates_reqs = true,
    after_help = EXAMPLES_TOP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub pair: CompareArgs,
    // Read from the raw arguments before parsing (see `parse`), so that
    // `--help` already speaks it; declared here for help and completions.
    /// The language of the interface: zh (Chinese) or en (English) [default:
    /// lang in config.toml, else LC_ALL, LC_MESSAGES, LANG].
    #[arg(long, global = true, value_enum, value_name = "zh|en")]
    pub lang: Option<LangArg>,
}

/// The languages `--lang` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Chinese.
    Zh,
    /// English.
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two documents: the pair view on a terminal, or a report with
    /// --format (or in a pipe).
    #[command(after_help = EXAMPLES_COMPARE)]
    Compare(CompareArgs),
    /// Open the pair view on two example speeches built into the binary.
    #[command(after_help = EXAMPLES_DEMO)]
    Demo(DemoArgs),
    /// Recycled phrasing across a folder of documents: pairs, phrases,
    /// reuse of earlier documents.
    #[command(after_help = EXAMPLES_CORPUS)]
    Corpus(CorpusArgs),
    /// Print a document's text as taohua reads it (the offset space of the JSON).
    #[command(after_help = EXAMPLES_EXTRACT)]
    Extract(ExtractArgs),
    /// Measure passage recall/precision and alignment F1 on edited copies of
    /// the speeches in a folder (see EVALUATION.md).
    Eval(EvalArgs),
    /// The library: a persistent collection of documents to trace new ones
    /// against (add, list, remove, info).
    #[command(subcommand)]
    Library(LibraryCommand),
    /// Which library documents a document draws on, and how much of it is
    /// its own.
    Trace(TraceArgs),
    /// The reference that tells stock language from specific reuse: build
    /// one from a folder or the library, or describe one.
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// Every library document that carries a text (exactly, or bridged over
    /// small edits), oldest first.
    Find(FindArgs),
    /// Write a larger corpus for benchmarks: each document of a folder plus
    /// edited copies of it, with a MANIFEST.tsv (see BENCHMARKS.md).
    Grow(GrowArgs),
    /// The settings in effect and where each came from (config.toml,
    /// keymap.toml, options, defaults).
    #[command(after_help = EXAMPLES_CONFIG)]
    Config(ConfigArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell,
    /// elvish).
    #[command(after_help = EXAMPLES_COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a
    /// folder.
    #[command(after_help = EXAMPLES_MAN)]
    Man(ManArgs),
    /// The corpus analysis in pieces, JSON lines in and out, for an engine
    /// past one machine (the Spark job in spark/; see spark/README.md).
    #[command(subcommand)]
    Batch(batch::BatchCommand),
}

/// What `taohua -h` says first.
const ABOUT: &str = "Compare Chinese official speeches and reports: aligned paragraphs, \
    recycled phrasing, copy ratios.";

/// What `taohua --help` says first: the same sentence, then more.
const LONG_ABOUT: &str = "Compare Chinese official speeches and reports: aligned paragraphs, \
    recycled phrasing, copy ratios.\n\n`taohua LEFT RIGHT` opens the pair view (on a \
    terminal; in a pipe it prints the text report). `taohua demo` shows it on bundled examples.";

/// The examples under `taohua --help`.
const EXAMPLES_TOP: &str = "\
Examples:
  taohua demo                                 the pair view on two bundled speeches
  taohua 2023.txt 2024.txt                    compare two documents
  taohua compare a.txt b.txt --format html > a.html
  taohua corpus speeches/                     the corpus screens
  taohua completions bash > ~/.local/share/bash-completion/completions/taohua";

/// The examples under `taohua compare --help`.
const EXAMPLES_COMPARE: &str = "\
Examples:
  taohua compare 2023.txt 2024.txt --format text
  taohua compare 2023.txt 2024.txt --format json > pair.json
  taohua compare old-big5.txt new.txt --left-encoding big5
  taohua compare a.docx b.html --format html > a.html";

/// The examples under `taohua demo --help`.
const EXAMPLES_DEMO: &str = "\
Examples:
  taohua demo
  taohua demo --format text --brief
  taohua demo --theme light";

/// The examples under `taohua corpus --help`.
const EXAMPLES_CORPUS: &str = "\
Examples:
  taohua corpus speeches/
  taohua corpus speeches/ --format text --top 10
  taohua corpus speeches/ --format html --out report/
  taohua corpus new/ old/:big5 hk.txt:big5-hkscs --format json";

/// The examples under `taohua extract --help`.
const EXAMPLES_EXTRACT: &str = "\
Examples:
  taohua extract report.docx > report.txt
  taohua extract old.txt --encoding big5";

/// The examples under `taohua config --help`.
const EXAMPLES_CONFIG: &str = "\
Examples:
  taohua config --print
  taohua config --print --theme light --ambiguous-width 2
  taohua config --path";

/// The examples under `taohua completions --help`.
const EXAMPLES_COMPLETIONS: &str = "\
Install:
  bash        taohua completions bash > ~/.local/share/bash-completion/completions/taohua
  zsh         taohua completions zsh > ~/.zfunc/_taohua   (fpath+=~/.zfunc before compinit)
  fish        taohua completions fish > ~/.config/fish/completions/taohua.fish
  PowerShell  taohua completions powershell >> $PROFILE
  elvish      taohua completions elvish >> ~/.config/elvish/rc.elv";

/// The examples under `taohua man --help`.
const EXAMPLES_MAN: &str = "\
Examples:
  taohua man | man -l -
  taohua man --out ~/.local/share/man/man1";

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Print the settings in effect, each with where it came from (what
    /// `taohua config` does without options).
    #[arg(long)]
    pub print: bool,
    /// Print the configuration folder's path only.
    #[arg(long, conflicts_with = "print")]
    pub path: bool,
    /// The options whose effect to show, as other commands take them.
    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write taohua.1 and one page per command (taohua-compare.1, …) into
    /// this folder instead of printing taohua.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: a report or a table.
    Text,
    /// For scripts: JSON (the command's help names its schema).
    Json,
}

/// The reports of a trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    /// For people: the summary, the sources, every credited passage.
    Text,
    /// For scripts: schema taohua.trace/1.
    Json,
    /// Markdown: the summary, the sources and the passages as pipe tables.
    Md,
    /// One self-contained HTML file: the sources and the document with each
    /// passage coloured by its source.
    Html,
}

/// The reports of a pair (`compare`, `demo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PairFormat {
    /// For people: the summary, then aligned units with marked passages.
    Text,
    /// For scripts: schema taohua.compare/1.
    Json,
    /// One self-contained HTML file: both texts side by side, highlighted.
    Html,
    /// Markdown: the summary and the top passages as pipe tables.
    Md,
    /// One table (see --table) for spreadsheets, R or pandas.
    Csv,
}

/// The tables `compare --format csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PairTable {
    /// One row per shared passage.
    Passages,
    /// One row per aligned unit.
    Units,
}

/// What a pair report holds, for every format that reads it.
#[derive(Debug, Clone, clap::Args)]
pub struct PairReportArgs {
    /// How many of the longest distinctive passages the summary lists.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// The summary only (text and html): no aligned paragraphs.
    #[arg(long)]
    pub brief: bool,
    /// The table --format csv writes.
    #[arg(long, value_enum, default_value_t = PairTable::Passages)]
    pub table: PairTable,
    /// Write CSV without the UTF-8 byte-order mark (Excel needs it to read
    /// Chinese; some scripts do not want it).
    #[arg(long)]
    pub no_bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour (e.g. for `less -R`).
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// Read every file in this encoding (utf-8, gb18030, gbk, big5,
    /// big5-hkscs, utf-16le, utf-16be, …) instead of detecting it; FILE:NAME
    /// names one file's. A byte-order mark still wins.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AmbiguousWidth {
    /// “ ” … · — take one column (most Western terminal setups).
    #[value(name = "1")]
    One,
    /// They take two columns (many CJK terminal setups).
    #[value(name = "2")]
    Two,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ViewArgs {
    /// Colours: a built-in theme (dark, light, high-contrast, okabe-ito) or a
    /// TOML theme file, which overrides only the roles it names [default:
    /// dark, or the config file's].
    #[arg(long, value_name = "NAME|FILE")]
    pub theme: Option<String>,
    /// Columns your terminal gives to ambiguous-width characters (“ ” … · —)
    /// [default: 1, or the config file's].
    #[arg(long, value_enum, value_name = "1|2")]
    pub ambiguous_width: Option<AmbiguousWidth>,
    /// Key bindings that override the defaults (TOML, as the built-in keymap)
    /// [default: keymap.toml in the config folder, if any].
    #[arg(long, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Print a report instead of opening the pair view.
    #[arg(long, value_enum)]
    pub format: Option<PairFormat>,
    #[command(flatten)]
    pub report: PairReportArgs,
    /// Colour in the text report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(flatten)]
    pub reference: ReferenceArg,
    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The left (usually earlier) document.
    #[arg(required = true)]
    pub left: Option<PathBuf>,
    /// The right (usually later) document.
    #[arg(required = true)]
    pub right: Option<PathBuf>,
    /// Print a report in this format instead of opening the pair view (the
    /// text report is printed anyway when standard output is not a terminal).
    #[arg(long, value_enum)]
    pub format: Option<PairFormat>,
    #[command(flatten)]
    pub report: PairReportArgs,
    /// Shortest shared passage reported, in countable characters (letters,
    /// digits, Han) after normalisation.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(2..=10_000))]
    pub min_chars: u32,
    /// Extra stock formulations, one per line, told apart like the built-in slogans.
    #[arg(long, value_name = "FILE")]
    pub slogans: Option<PathBuf>,
    /// Do not tell slogans apart: every shared passage counts as distinctive.
    #[arg(long, conflicts_with = "slogans")]
    pub no_slogans: bool,
    /// Read the left document in this encoding (as --encoding, for one side).
    #[arg(long, value_name = "NAME")]
    pub left_encoding: Option<String>,
    /// Read the right document in this encoding.
    #[arg(long, value_name = "NAME")]
    pub right_encoding: Option<String>,
    /// Do not match traditional characters with simplified ones.
    #[arg(long)]
    pub no_fold_script: bool,
    /// Do not match Chinese numerals (二〇二三) with digits (2023).
    #[arg(long)]
    pub no_fold_numerals: bool,
    /// Colour in the text report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(flatten)]
    pub reference: ReferenceArg,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusFormat {
    /// For people: the top of each table.
    Text,
    /// For scripts: schema taohua.corpus/1, everything.
    Json,
    /// One table (see --table) for R or pandas.
    Csv,
    /// One self-contained HTML file: heatmaps, ranked pairs, phrase
    /// timelines (with --out, a folder with a report for each pair).
    Html,
    /// Markdown: the top of each table as pipe tables.
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusTable {
    Pairs,
    Phrases,
    Documents,
}

#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// A folder (read recursively) or a list of files; PATH:NAME reads one
    /// file or folder in encoding NAME (old.txt:big5).
    #[arg(required_unless_present_any = ["library", "from"], value_name = "DIR|FILE")]
    pub inputs: Vec<PathBuf>,
    /// Analyse the library's documents instead of a folder: the default
    /// library, or the one FILE names.
    #[arg(long, value_name = "FILE", num_args = 0..=1, conflicts_with = "inputs")]
    pub library: Option<Option<PathBuf>>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print a report in this format instead of opening the corpus screens
    /// (the text report is printed anyway when standard output is not a terminal).
    #[arg(long, value_enum)]
    pub format: Option<CorpusFormat>,
    /// The table --format csv writes [default: pairs].
    #[arg(long, value_enum)]
    pub table: Option<CorpusTable>,
    /// Only files whose name or path below the folder matches GLOB (e.g.
    /// "2025_*", "*.txt"); may be repeated.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Leave out files whose name or path below the folder matches GLOB
    /// (e.g. "*决议*", "drafts/**"); may be repeated.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// List every file left out, with the reason, on standard error.
    #[arg(long, short)]
    pub verbose: bool,
    /// Text carried by more than this share of the documents is common (a
    /// slogan): counted apart, never used to pick pairs.
    #[arg(long, value_name = "SHARE", default_value_t = 0.1)]
    pub common_above: f64,
    /// Shortest passage or phrase, in countable characters.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(4..=1000))]
    pub min_chars: u32,
    /// How file names carry metadata, e.g. "{region}-{year}-{kind}"
    /// (placeholders {year} {region} {kind} {title} {_}).
    #[arg(long, value_name = "PATTERN", default_value = taohua_core::corpus::meta::DEFAULT_NAME_PATTERN)]
    pub name_pattern: String,
    /// A manifest (TSV or CSV with file, year, region, kind and optional
    /// title, encoding columns)
    /// [default: MANIFEST.tsv or MANIFEST.csv in the folder].
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Rows per table in the text, Markdown and HTML reports (and, with
    /// --out, how many of the ranked pairs get a report of their own).
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub top: u32,
    /// With --format html: write index.html into this folder (created if
    /// needed), and a report of each of the --top ranked pairs in pairs/.
    #[arg(long, value_name = "DIR", requires = "format")]
    pub out: Option<PathBuf>,
    /// Write CSV without the UTF-8 byte-order mark.
    #[arg(long)]
    pub no_bom: bool,
    /// Strongest partners per document that the pair finder compares.
    #[arg(long, value_name = "N", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub partners: u32,
    /// Colour in the text report (its headings).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Do not look for templates (recurring wording with slots).
    #[arg(long)]
    pub no_templates: bool,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub reference: ReferenceArg,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Instead of analysing: write the documents and the corpus index's
    /// fingerprints as Parquet into this folder (for Spark or DuckDB).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["format", "library", "from"])]
    pub export_parquet: Option<PathBuf>,
    /// Open a taohua.corpus/1 report (from --format json, or from the Spark
    /// job) instead of analysing a folder.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["inputs", "library"])]
    pub from: Option<PathBuf>,
}

/// Which library.
#[derive(Debug, Clone, clap::Args)]
pub struct LibraryArg {
    /// The library file [default: library.sqlite in the platform's data
    /// folder, e.g. ~/.local/share/taohua/].
    #[arg(long = "library", value_name = "FILE")]
    pub path: Option<PathBuf>,
}

/// Which documents (of a corpus or the library).
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only documents of this kind (e.g. 政府工作报告).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only documents of these years: 2024, or 2020..2025 (inclusive).
    #[arg(long, value_name = "YEAR|FROM..TO", value_parser = parse_years)]
    pub year: Option<(i32, i32)>,
    /// Only documents of this region (e.g. 安徽省).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> taohua_core::commonness::Filter {
        taohua_core::commonness::Filter {
            kind: self.kind.clone(),
            years: self.year,
            region: self.region.clone(),
        }
    }
}

/// `2024` or `2020..2025`, as `--year` takes it.
fn parse_years(s: &str) -> Result<(i32, i32), String> {
    taohua::app::corpus::parse_years(s)
}

#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Build a reference table from documents (files and folders, as corpus
    /// reads them) or from the library.
    Build(ReferenceBuildArgs),
    /// Which documents a reference holds: by kind, year and region.
    Info(ReferenceInfoArgs),
}

#[derive(Debug, clap::Args)]
pub struct ReferenceBuildArgs {
    /// Files and folders (read recursively).
    #[arg(value_name = "PATH", required_unless_present = "library")]
    pub inputs: Vec<PathBuf>,
    /// Build from the library's documents instead: the default library, or FILE.
    #[arg(long, value_name = "FILE", num_args = 0..=1, conflicts_with = "inputs")]
    pub library: Option<Option<PathBuf>>,
    /// Where to write the table.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// How file names carry metadata (as for corpus).
    #[arg(long, value_name = "PATTERN", default_value = taohua_core::corpus::meta::DEFAULT_NAME_PATTERN)]
    pub name_pattern: String,
    /// A manifest (TSV or CSV with file, year, region, kind and optional
    /// title, encoding columns).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, clap::Args)]
pub struct ReferenceInfoArgs {
    #[command(flatten)]
    pub reference: ReferenceArg,
}

/// What stock language is measured against.
#[derive(Debug, Clone, clap::Args)]
pub struct ReferenceArg {
    /// What tells stock language from specific reuse: built-in (a table of
    /// the public reports listed in the README), none (the slogan list
    /// only), library (the default library), a library file, a reference
    /// table (`taohua reference build`), or a folder of documents.
    #[arg(
        long,
        value_name = "built-in|none|library|FILE|FOLDER",
        default_value = "built-in"
    )]
    pub reference: String,
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Add documents (files and folders, as corpus reads them); a file whose
    /// text the library holds is skipped, a changed file replaces its old version.
    Add(LibraryAddArgs),
    /// List the library's documents.
    List(LibraryListArgs),
    /// Remove documents: files or folders as added, or ids (--id).
    Remove(LibraryRemoveArgs),
    /// Documents, characters, years, regions, kinds and size on disk.
    Info(LibraryInfoArgs),
    /// Write the documents and the corpus index's fingerprints as Parquet
    /// (for Spark, DuckDB, pandas or R; see the README).
    Export(batch::LibraryExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct LibraryAddArgs {
    /// Files and folders (read recursively).
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// How file names carry metadata (as for corpus).
    #[arg(long, value_name = "PATTERN", default_value = taohua_core::corpus::meta::DEFAULT_NAME_PATTERN)]
    pub name_pattern: String,
    /// A manifest (TSV or CSV with file, year, region, kind and optional
    /// title, encoding columns)
    /// [default: MANIFEST.tsv or MANIFEST.csv in a folder].
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    #[command(flatten)]
    pub library: LibraryArg,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Characters per transaction (for tests of interrupted adds).
    #[arg(long, hide = true, default_value_t = taohua::app::library::add::BATCH_CHARS)]
    pub batch_chars: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table for people.
    Text,
    /// For scripts.
    Json,
    /// For R or pandas.
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct LibraryListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
    /// Write CSV without the UTF-8 byte-order mark.
    #[arg(long)]
    pub no_bom: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub library: LibraryArg,
}

#[derive(Debug, clap::Args)]
pub struct LibraryRemoveArgs {
    /// Files or folders as they were added.
    #[arg(value_name = "PATH", required_unless_present = "id")]
    pub paths: Vec<PathBuf>,
    /// Document ids (from `library list`).
    #[arg(long, value_name = "ID")]
    pub id: Vec<u32>,
    #[command(flatten)]
    pub library: LibraryArg,
}

#[derive(Debug, clap::Args)]
pub struct LibraryInfoArgs {
    /// Output format (json: schema taohua.library/1).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub library: LibraryArg,
}

#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    /// The document to trace.
    pub file: PathBuf,
    /// Print a report in this format (json: schema taohua.trace/1) instead
    /// of opening the trace screen (the text report is printed anyway when
    /// standard output is not a terminal).
    #[arg(long, value_enum)]
    pub format: Option<TraceFormat>,
    /// Only sources passing these filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub library: LibraryArg,
    #[command(flatten)]
    pub reference: ReferenceArg,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, clap::Args)]
pub struct FindArgs {
    /// The text to look for (at least 3 characters), or - to read it from
    /// standard input.
    pub text: String,
    /// Output format (json: schema taohua.find/1).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub library: LibraryArg,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The document.
    pub file: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// A folder of plain-text speeches (UTF-8 or GB18030), one per file.
    pub dir: PathBuf,
    /// Seed for the random edits (the same seed gives the same figures).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Use at most this many documents (0: all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Measure the stock-language rule instead: consecutive-year pairs of a
    /// region, each against a reference of every other document.
    #[arg(long)]
    pub stock: bool,
    /// Output format (json: every figure of the evaluation).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Check substitutions and names left behind instead: the provincial
    /// reports re-issued under another province's names, and the leftovers
    /// real pairs raise (see EVALUATION.md).
    #[arg(long)]
    pub reissue: bool,
}

#[derive(Debug, clap::Args)]
pub struct GrowArgs {
    /// A folder of plain-text documents named YEAR_REGION_KIND.txt.
    pub dir: PathBuf,
    /// Where to write the larger corpus (created; must be empty or absent).
    pub out: PathBuf,
    /// How many times larger: 1 copies the originals, N adds N-1 edited copies of each.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub times: u32,
    /// Seed for the edits.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

impl ViewArgs {
    fn choice(&self) -> ViewChoice<'_> {
        ViewChoice {
            theme: self.theme.as_deref(),
            ambiguous_width: self.ambiguous_width.map(|w| match w {
                AmbiguousWidth::One => 1,
                AmbiguousWidth::Two => 2,
            }),
            keymap: self.keymap.as_deref(),
        }
    }
}

fn encoding(read: &ReadArgs) -> Result<Option<&'static Encoding>, InputError> {
    named_encoding("--encoding", read.encoding.as_deref())
}

/// The encoding an option names (`None` when not given).
fn named_encoding(
    option: &str,
    label: Option<&str>,
) -> Result<Option<&'static Encoding>, InputError> {
    match label {
        None => Ok(None),
        Some(label) => encoding_for_label(label)
            .map(Some)
            .ok_or_else(|| InputError::usage(i18n::msg::enc_unknown_option(option, label))),
    }
}

/// Read one document: `path` may be `FILE:ENCODING`, which wins over
/// `fallback` (the option's encoding); a guessed encoding that may be wrong
/// is warned about.
fn read_as(path: &std::path::Path, fallback: Option<&'static Encoding>) -> Result<Loaded> {
    let (path, named) = split_encoding(path)?;
    let doc = read_document(&path, named.or(fallback)).map_err(InputError::from)?;
    warn_about_encoding(&doc);
    Ok(doc)
}

fn read(path: &std::path::Path, read: &ReadArgs) -> Result<Loaded> {
    read_as(path, encoding(read)?)
}

/// The files and folders of a corpus or an add, with the encodings named
/// as `PATH:ENCODING` and by `--encoding`.
fn input_encodings(
    inputs: &[PathBuf],
    read: &ReadArgs,
) -> Result<(Vec<PathBuf>, Encodings), InputError> {
    let mut encodings = Encodings::all(encoding(read)?);
    let mut paths = Vec::with_capacity(inputs.len());
    for input in inputs {
        let (path, named) = split_encoding(input)?;
        if let Some(e) = named {
            encodings.named.push((path.clone(), e));
        }
        paths.push(path);
    }
    Ok((paths, encodings))
}

/// Run a parsed command, writing to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let settings = Settings::load().map_err(InputError::from)?;
    match cli.command {
        None => run_compare(&cli.pair, &settings, out),
        Some(Command::Config(args)) => run_config(&args, &settings, cli.lang, out),
        Some(Command::Compare(args)) => run_compare(&args, &settings, out),
        Some(Command::Demo(args)) => run_demo(&args, &settings, out),
        Some(Command::Corpus(args)) => run_corpus(&args, &settings, out),
        Some(Command::Extract(args)) => {
            let doc = read(&args.file, &args.read)?;
            // Scripts get the text as it is; a terminal never gets raw escapes.
            if io::stdout().is_terminal() {
                for line in doc.text.split_inclusive('\n') {
                    let body = line.trim_end_matches(['\r', '\n']);
                    out.write_all(report::sanitize(body).as_bytes())?;
                    out.write_all(&line.as_bytes()[body.len()..])?;
                }
            } else {
                out.write_all(doc.text.as_bytes())?;
            }
            Ok(())
        }
        Some(Command::Eval(args)) => run_eval(&args, &settings, out),
        Some(Command::Library(cmd)) => run_library(cmd, out),
        Some(Command::Reference(cmd)) => run_reference(cmd, out),
        Some(Command::Trace(args)) => run_trace(&args, &settings, out),
        Some(Command::Find(args)) => run_find(&args, out),
        Some(Command::Batch(cmd)) => batch::run_batch(cmd, out),
        Some(Command::Grow(args)) => {
            let written = taohua::app::grow::grow(
                &args.dir,
                &args.out,
                args.times,
                args.seed,
                &mut |line| eprintln!("taohua: {}", report::sanitize(&line)),
            )?;
            writeln!(
                out,
                "{}",
                i18n::msg::grow_written(written, &args.out.display().to_string())
            )?;
            Ok(())
        }
        Some(Command::Completions(args)) => {
            clap_complete::generate(args.shell, &mut command(), "taohua", out);
            Ok(())
        }
        Some(Command::Man(args)) => run_man(&args, out),
    }
}

/// `taohua config`: the settings in effect, as `config.toml` would write
/// them, each with where it came from; or the folder's path.
fn run_config(
    args: &ConfigArgs,
    settings: &Settings,
    lang: Option<LangArg>,
    out: &mut dyn Write,
) -> Result<()> {
    let lang = lang.map(|l| match l {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    });
    let folder = settings.folder();
    if args.path {
        return match folder {
            Some((dir, _)) => Ok(writeln!(out, "{}", dir.display())?),
            None => Err(InputError::usage(i18n::msg::cfg_no_folder()).into()),
        };
    }
    writeln!(out, "{}", i18n::msg::cfg_print_head())?;
    match folder {
        Some((dir, var)) => {
            let via = if var == "XDG_CONFIG_HOME" {
                "$XDG_CONFIG_HOME/taohua"
            } else {
                "$HOME/.config/taohua"
            };
            writeln!(
                out,
                "{}",
                i18n::msg::cfg_folder(&dir.display().to_string(), via)
            )?;
            for name in ["config.toml", "keymap.toml"] {
                let path = dir.join(name);
                let path_text = path.display().to_string();
                let line = if path.is_file() {
                    i18n::msg::cfg_file_read(&path_text)
                } else {
                    i18n::msg::cfg_file_absent(&path_text)
                };
                writeln!(out, "{line}")?;
            }
        }
        None => writeln!(out, "# {}", i18n::msg::cfg_no_folder())?,
    }
    let rows = settings
        .effective(args.view.choice(), lang)
        .map_err(InputError::from)?;
    let width = rows
        .iter()
        .map(|(line, _)| taohua::columns::width(line, false))
        .max()
        .unwrap_or(0);
    for (line, origin) in rows {
        let pad = width - taohua::columns::width(&line, false);
        let line = format!(
            "{line}{}  {}",
            " ".repeat(pad),
            i18n::msg::cfg_from(&origin.to_string())
        );
        writeln!(out, "{}", report::sanitize(&line))?;
    }
    Ok(())
}

/// `taohua man`: the manual page of the whole program on standard output, or
/// with `--out DIR` one page per command written there.
fn run_man(args: &ManArgs, out: &mut dyn Write) -> Result<()> {
    let cmd = command();
    match &args.out {
        None => clap_mangen::Man::new(cmd).render(out)?,
        Some(dir) => {
            taohua::app::files::output_dir(dir)?;
            let written = man_pages(cmd, dir).map_err(|source| InputError::Output {
                path: dir.clone(),
                source,
            })?;
            writeln!(
                out,
                "{}",
                i18n::msg::man_written(written, &dir.display().to_string())
            )?;
        }
    }
    Ok(())
}

/// Write `taohua.1` and a page for every command and subcommand below it
/// (`taohua-library-add.1`), returning how many were written.
fn man_pages(cmd: clap::Command, dir: &std::path::Path) -> io::Result<usize> {
    fn walk(cmd: clap::Command, name: String, dir: &std::path::Path) -> io::Result<usize> {
        let cmd = cmd.name(name.clone());
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
        std::fs::write(dir.join(format!("{name}.1")), page)?;
        let mut n = 1;
        let pages = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help");
        for sub in pages {
            let sub_name = format!("{name}-{}", sub.get_name());
            n += walk(sub.clone(), sub_name, dir)?;
        }
        Ok(n)
    }
    let mut cmd = cmd;
    cmd.build();
    walk(cmd, "taohua".to_string(), dir)
}

/// Parse the command line. The first word may be a file (`taohua LEFT
/// RIGHT`) or a command; a word that is neither an existing file nor a
/// command, but is close to a command's name (`corpsu`, `compre`), gets
/// clap's "a similar subcommand exists" error instead of "no such file".
///
/// The language is chosen first (`--lang`, `lang` in config.toml, the
/// locale), so that help and clap's messages speak it; `--lang` is taken
/// out of the arguments here, because clap would count it as the pair's
/// argument and then take a command's name for a file.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let option = match i18n::lang_option(&args) {
        Some(Ok(lang)) => Some(lang),
        Some(Err(value)) => Cli::command()
            .error(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid value '{value}' for '--lang <zh|en>' [possible values: zh, en]"),
            )
            .exit(),
        None => None,
    };
    let (lang, _) = i18n::choose(option, taohua::app::config::lang_in_file(), |name| {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    });
    i18n::set(lang);
    let args = i18n::without_lang_option(args);
    if let Some(err) = mistyped_command(&args) {
        err.exit();
    }
    let matches = command()
        .try_get_matches_from(&args)
        .unwrap_or_else(|e| e.exit());
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    cli.lang = option.map(|l| match l {
        Lang::Zh => LangArg::Zh,
        Lang::En => LangArg::En,
    });
    cli
}

/// The command line's definition, its help in the language in effect.
pub fn command() -> clap::Command {
    i18n::help::localize(Cli::command())
}

/// Commands only: how the command line reads when its first word must be a
/// command.
#[derive(Debug, Parser)]
#[command(name = "taohua", version)]
struct CommandsOnly {
    #[command(subcommand)]
    command: Command,
}

/// clap's error for a first word that is close to a command's name and is
/// not a file, if it is one.
fn mistyped_command(args: &[std::ffi::OsString]) -> Option<clap::Error> {
    let word = args.get(1)?;
    let text = word.to_str()?;
    if text.starts_with('-') || std::path::Path::new(word).exists() {
        return None;
    }
    let err = CommandsOnly::try_parse_from(args).err()?;
    let suggested = err
        .get(clap::error::ContextKind::SuggestedSubcommand)
        .is_some();
    (err.kind() == clap::error::ErrorKind::InvalidSubcommand && suggested).then_some(err)
}

fn run_compare(args: &CompareArgs, settings: &Settings, out: &mut dyn Write) -> Result<()> {
    let (Some(left_path), Some(right_path)) = (&args.left, &args.right) else {
        return Err(InputError::usage(i18n::msg::err_two_documents()).into());
    };
    if left_path.as_os_str() == STDIN && right_path.as_os_str() == STDIN {
        return Err(InputError::usage(i18n::msg::err_stdin_twice()).into());
    }
    let all = encoding(&args.read)?;
    let left_encoding = named_encoding("--left-encoding", args.left_encoding.as_deref())?;
    let right_encoding = named_encoding("--right-encoding", args.right_encoding.as_deref())?;
    let left = read_as(left_path, left_encoding.or(all))?;
    let right = read_as(right_path, right_encoding.or(all))?;
    let mut opts = CompareOptions::default();
    opts.passages.min_chars = args.min_chars as usize;
    opts.norm.fold_script = !args.no_fold_script;
    opts.norm.fold_numerals = !args.no_fold_numerals;
    if args.no_slogans {
        opts.slogans = Slogans::none();
    }
    if let Some(path) = &args.slogans {
        let list = read(path, &args.read)
            .with_context(|| i18n::msg::ctx_slogans(&path.display().to_string()))?;
        opts.slogans.extend(&list.text);
    }
    let info = |doc: &Loaded| DocInfo::read(&doc.path.display().to_string(), &doc.text);
    let (li, ri) = (info(&left), info(&right));
    opts.stock = stock_options(&args.reference, &ri)?;
    let choice = ShowChoice {
        format: args.format,
        color: args.color,
        report: &args.report,
        view: &args.view,
    };
    compare_and_show(
        (li, &left.text),
        (ri, &right.text),
        opts,
        &choice,
        settings,
        out,
    )
}

/// The examples built into the binary for `taohua demo`.
const DEMO: [(&str, &str); 2] = [
    (
        "examples/2023_青川市_科协讲话.txt",
        include_str!("../examples/2023_青川市_科协讲话.txt"),
    ),
    (
        "examples/2024_青川市_科协讲话.txt",
        include_str!("../examples/2024_青川市_科协讲话.txt"),
    ),
];

fn run_demo(args: &DemoArgs, settings: &Settings, out: &mut dyn Write) -> Result<()> {
    let side = |(path, text): (&'static str, &'static str)| (DocInfo::read(path, text), text);
    let (left, right) = (side(DEMO[0]), side(DEMO[1]));
    let opts = CompareOptions {
        stock: stock_options(&args.reference, &right.0)?,
        ..CompareOptions::default()
    };
    let choice = ShowChoice {
        format: args.format,
        color: args.color,
        report: &args.report,
        view: &args.view,
    };
    compare_and_show(left, right, opts, &choice, settings, out)
}

/// Compare two texts and show the pair as `choice` asks; jieba loads
/// while the texts are compared when the report is one people read.
fn compare_and_show(
    left: (DocInfo, &str),
    right: (DocInfo, &str),
    opts: CompareOptions,
    choice: &ShowChoice,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<()> {
    let words = report_words(choice.format);
    let session = PairSession::new(left, right, opts)?;
    if let Some(w) = words {
        let _ = session.words.set(w);
    }
    show(&session, choice, settings, out)
}

/// For a report people read (text, Markdown, HTML; the text report too when
/// no format is given and the output is not a terminal), jieba's dictionary,
/// started now so that it loads while the documents are compared.
fn report_words(format: Option<PairFormat>) -> Option<WordSplitter> {
    let human = match format {
        Some(PairFormat::Text | PairFormat::Md | PairFormat::Html) => true,
        Some(PairFormat::Json | PairFormat::Csv) => false,
        None => !io::stdout().is_terminal(),
    };
    human.then(WordSplitter::spawn)
}

/// How a pair session is shown, as the command line asked.
struct ShowChoice<'a> {
    format: Option<PairFormat>,
    color: Color,
    report: &'a PairReportArgs,
    view: &'a ViewArgs,
}

/// Show a pair session: the pair view on a terminal unless a format is
/// asked for, else the report.
fn show(
    session: &PairSession,
    choice: &ShowChoice,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<()> {
    let terminal = io::stdout().is_terminal();
    let view = choice.view;
    // Themes and keys are checked in every mode, so that a bad --theme or
    // --keymap is the same error whatever the output.
    let options = settings.view(view.choice()).map_err(InputError::from)?;
    if choice.format.is_none() && terminal {
        return tui::term::run(session.model(), options).context(i18n::msg::ctx_pair_view());
    }
    let report = session.report();
    let format = choice.format.unwrap_or(PairFormat::Text);
    let color = matches!(format, PairFormat::Text) && colour_on(choice.color, terminal);
    let theme = options.themes.into_iter().next();
    let args = choice.report;
    match format {
        PairFormat::Json => report::json::write(&report, out)?,
        PairFormat::Text => {
            let style = report::text::TextStyle {
                theme: theme.as_ref().filter(|_| color),
            };
            let layout = report::text::TextLayout {
                top: args.top,
                brief: args.brief,
            };
            report::text::write(&report, style, layout, out)?;
        }
        PairFormat::Html => {
            let palette = html_palette(view, theme);
            let opts = report::html::pair::PairHtml {
                top: args.top,
                brief: args.brief,
                palette: &palette,
                back: None,
            };
            report::html::pair::write(&report, &opts, out)?;
        }
        PairFormat::Md => report::markdown::write_pair(&report, args.top, out)?,
        PairFormat::Csv => {
            let table = match args.table {
                PairTable::Passages => report::csv::PairTable::Passages,
                PairTable::Units => report::csv::PairTable::Units,
            };
            report::csv::write_pair(&report, table, !args.no_bom, out)?;
        }
    }
    Ok(())
}

/// Whether `--color` turns colour on, where standard output is (or is not) a
/// terminal.
fn colour_on(choice: Color, terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// The colours of an HTML report: the theme named with --theme, else the
/// built-in light and dark ones, as the reader's system prefers.
fn html_palette(view: &ViewArgs, theme: Option<taohua::theme::Theme>) -> report::html::Palette {
    match theme.filter(|_| view.theme.is_some()) {
        Some(theme) => report::html::Palette::One(theme),
        None => report::html::Palette::System,
    }
}

fn run_corpus(args: &CorpusArgs, settings: &Settings, out: &mut dyn Write) -> Result<()> {
    if !(0.0..=1.0).contains(&args.common_above) {
        return Err(InputError::usage(i18n::msg::err_common_above(args.common_above)).into());
    }
    if let (Some(table), false) = (args.table, args.format == Some(CorpusFormat::Csv)) {
        return Err(InputError::usage(i18n::msg::err_table_needs_csv(
            &table
                .to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default(),
        ))
        .into());
    }
    let pattern = NamePattern::parse(&args.name_pattern).map_err(|source| InputError::Meta {
        what: format!("--name-pattern {}", args.name_pattern),
        source,
    })?;
    let (inputs, encodings) = input_encodings(&args.inputs, &args.read)?;
    let opts = LoadOptions {
        analysis: CorpusOptions {
            min_chars: args.min_chars as usize,
            common_above: args.common_above,
            partners: args.partners as usize,
            stock: StockOptions {
                reference: taohua::app::reference::choose_for_corpus(&args.reference.reference)?,
                ..StockOptions::default()
            },
            templates: !args.no_templates,
            ..CorpusOptions::default()
        },
        pattern,
        manifest: args.manifest.clone(),
        encodings,
        filter: args.filter.filter(),
        selection: Selection::new(&args.include, &args.exclude)?,
    };
    if args.library.is_some() && !(args.include.is_empty() && args.exclude.is_empty()) {
        return Err(InputError::usage(i18n::msg::err_include_with_library()).into());
    }
    if args.out.is_some() && args.format != Some(CorpusFormat::Html) {
        return Err(InputError::usage(i18n::msg::err_out_needs_html()).into());
    }
    // The output folder is checked before the work, not after it.
    if let Some(dir) = &args.out {
        taohua::app::files::output_dir(dir)?;
    }
    let screens = args.format.is_none() && io::stdout().is_terminal();
    // Screen settings are checked before the work, not after it, and in
    // every mode.
    let view_options = settings
        .view(args.view.choice())
        .map_err(InputError::from)?;
    let view = screens.then_some(view_options);
    let bar = progress_bar();
    let progress = |stage, done: usize, total: usize| {
        if let Some(bar) = &bar {
            corpus_progress(bar, stage, done, total);
        }
    };
    if let Some(dir) = &args.export_parquet {
        let read = LoadedCorpus::read(&inputs, &opts)?;
        let summary = taohua::app::parquet::export_read(
            &read,
            dir,
            &opts.analysis,
            &args.reference.reference,
        )?;
        return batch::write_summary(&summary, dir, out);
    }
    let corpus = match (&args.from, &args.library) {
        (Some(file), _) => taohua::app::corpus_file::read_corpus_json(file)?,
        (None, Some(path)) => {
            let lib = Library::open(&library_path(path.as_deref())?)?;
            LoadedCorpus::from_library(&lib, &opts.filter, opts.analysis.clone(), &progress)?
        }
        (None, None) => LoadedCorpus::load(&inputs, &opts, &progress)?,
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let unreadable = corpus.input.unreadable().count();
    for s in &corpus.input.skipped {
        if args.verbose || matches!(s.reason, SkipReason::Unreadable(_)) {
            let line =
                i18n::msg::corpus_skipped_file(&s.path.display().to_string(), &s.reason.words());
            eprintln!("taohua: {}", report::sanitize(&line));
        }
    }
    if unreadable > 0 {
        eprintln!(
            "taohua: {}",
            i18n::msg::corpus_unreadable_count(unreadable, unreadable + corpus.input.files_read)
        );
    }
    if let Some(view) = view {
        return tui::term::run_corpus(corpus, view).context(i18n::msg::ctx_corpus_screens());
    }
    match args.format.unwrap_or(CorpusFormat::Text) {
        CorpusFormat::Json => report::corpus::write_json(&corpus, out)?,
        CorpusFormat::Text => {
            let heading = if colour_on(args.color, io::stdout().is_terminal()) {
                let theme = settings
                    .theme(args.view.theme.as_deref())
                    .map_err(InputError::from)?;
                Some(theme.style(taohua::theme::Role::Heading))
            } else {
                None
            };
            let opts = report::corpus::TextOptions {
                top: args.top as usize,
                ambiguous_wide: settings.ambiguous_wide(args.view.choice().ambiguous_width),
                heading,
            };
            report::corpus::write_text(&corpus, opts, out)?
        }
        CorpusFormat::Md => report::markdown::write_corpus(&corpus, args.top as usize, out)?,
        CorpusFormat::Html => {
            let theme = match &args.view.theme {
                Some(name) => Some(settings.theme(Some(name)).map_err(InputError::from)?),
                None => None,
            };
            let palette = html_palette(&args.view, theme);
            match &args.out {
                None => report::html::corpus::write(&corpus, args.top as usize, &palette, out)?,
                Some(dir) => {
                    let written = report::html::corpus::write_folder(
                        &corpus,
                        args.top as usize,
                        &palette,
                        dir,
                    )?;
                    writeln!(
                        out,
                        "{}",
                        i18n::msg::corpus_html_written(
                            &written.index.display().to_string(),
                            written.pairs,
                            &dir.display().to_string()
                        )
                    )?;
                }
            }
        }
        CorpusFormat::Csv => {
            let table = match args.table.unwrap_or(CorpusTable::Pairs) {
                CorpusTable::Pairs => report::corpus::Table::Pairs,
                CorpusTable::Phrases => report::corpus::Table::Phrases,
                CorpusTable::Documents => report::corpus::Table::Documents,
            };
            report::corpus::write_csv(&corpus, table, !args.no_bom, out)?;
        }
    }
    Ok(())
}

fn stock_options(arg: &ReferenceArg, later: &DocInfo) -> Result<StockOptions> {
    let reference = taohua::app::reference::choose(&arg.reference)?;
    Ok(taohua::app::reference::stock_options(
        reference,
        &later.meta,
    ))
}

fn run_reference(cmd: ReferenceCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        ReferenceCommand::Build(args) => {
            let bytes = match &args.library {
                Some(path) => {
                    let lib = Library::open(&library_path(path.as_deref())?)?;
                    taohua::app::reference::build_from_library(&lib)?
                }
                None => {
                    let pattern = NamePattern::parse(&args.name_pattern).map_err(|source| {
                        InputError::Meta {
                            what: format!("--name-pattern {}", args.name_pattern),
                            source,
                        }
                    })?;
                    taohua::app::reference::build_from_files(
                        &args.inputs,
                        &pattern,
                        args.manifest.as_deref(),
                        encoding(&args.read)?,
                    )?
                }
            };
            std::fs::write(&args.output, &bytes)
                .with_context(|| i18n::msg::ctx_writing(&args.output.display().to_string()))?;
            let table = ReferenceTable::from_bytes(bytes.as_slice(), "new")
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            writeln!(
                out,
                "{}",
                i18n::msg::ref_built(
                    &args.output.display().to_string(),
                    &i18n::msg::documents(table.len()),
                    bytes.len()
                )
            )?;
        }
        ReferenceCommand::Info(args) => {
            let Some(reference) = taohua::app::reference::choose(&args.reference.reference)? else {
                writeln!(out, "{}", i18n::msg::ref_none())?;
                return Ok(());
            };
            report::reference::write_info(reference.as_ref(), out)?;
        }
    }
    Ok(())
}

/// The library file: the option's, else the default.
fn library_path(option: Option<&std::path::Path>) -> Result<PathBuf, InputError> {
    match option {
        Some(p) => Ok(p.to_path_buf()),
        None => {
            default_library_path().ok_or_else(|| InputError::usage(i18n::msg::lib_no_data_folder()))
        }
    }
}

fn run_library(cmd: LibraryCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        LibraryCommand::Add(args) => {
            let path = library_path(args.library.path.as_deref())?;
            let mut lib = Library::open_or_create(&path)?;
            let pattern =
                NamePattern::parse(&args.name_pattern).map_err(|source| InputError::Meta {
                    what: format!("--name-pattern {}", args.name_pattern),
                    source,
                })?;
            let (inputs, encodings) = input_encodings(&args.inputs, &args.read)?;
            let opts = AddOptions {
                pattern,
                manifest: args.manifest.clone(),
                encodings,
                batch_chars: args.batch_chars.max(1),
            };
            let bar = progress_bar();
            if let Some(bar) = &bar {
                bar.set_message(i18n::msg::progress_adding());
            }
            let summary =
                taohua::app::library::add::add(&mut lib, &inputs, &opts, &|done, total| {
                    if let Some(bar) = &bar {
                        bar.set_length(total as u64);
                        bar.set_position(done as u64);
                    }
                })?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            for s in &summary.skipped {
                eprintln!("taohua: {}", i18n::msg::lib_skipped(&report::sanitize(s)));
            }
            report::library::write_add(&lib, &summary, out)?;
        }
        LibraryCommand::List(args) => {
            let lib = Library::open(&library_path(args.library.path.as_deref())?)?;
            let docs = lib.documents(&args.filter.filter())?;
            match args.format {
                TableFormat::Text => report::library::write_list_text(&lib, &docs, out)?,
                TableFormat::Json => report::library::write_list_json(&lib, &docs, out)?,
                TableFormat::Csv => report::library::write_list_csv(&docs, !args.no_bom, out)?,
            }
        }
        LibraryCommand::Remove(args) => {
            let mut lib = Library::open_or_create(&library_path(args.library.path.as_deref())?)?;
            let n = lib.remove(&args.id, &args.paths)?;
            if n == 0 {
                return Err(InputError::usage(i18n::msg::lib_no_such_documents(
                    &args
                        .paths
                        .iter()
                        .map(|p| p.display().to_string())
                        .chain(args.id.iter().map(|i| format!("--id {i}")))
                        .collect::<Vec<_>>()
                        .join(", "),
                ))
                .into());
            }
            writeln!(
                out,
                "{}",
                i18n::msg::lib_removed(n, &lib.path().display().to_string())
            )?;
        }
        LibraryCommand::Info(args) => {
            let lib = Library::open(&library_path(args.library.path.as_deref())?)?;
            let info = lib.info()?;
            match args.format {
                Format::Text => report::library::write_info_text(&lib, &info, out)?,
                Format::Json => report::library::write_info_json(&lib, &info, out)?,
            }
        }
        LibraryCommand::Export(args) => batch::run_library_export(&args, out)?,
    }
    Ok(())
}

fn run_trace(args: &TraceArgs, settings: &Settings, out: &mut dyn Write) -> Result<()> {
    let options = settings
        .view(args.view.choice())
        .map_err(InputError::from)?;
    let doc = read(&args.file, &args.read)?;
    let lib = Library::open(&library_path(args.library.path.as_deref())?)?;
    let info = DocInfo::read(&doc.path.display().to_string(), &doc.text);
    let facts = Facts {
        year: info.meta.year,
        region: info.meta.region.clone(),
        kind: info.meta.kind.clone(),
    };
    let reference = taohua::app::reference::choose(&args.reference.reference)?;
    let stock = taohua::app::reference::stock_options(reference, &info.meta);
    let result =
        taohua::app::library::trace(&lib, &doc.text, &facts, &args.filter.filter(), &stock)?;
    let terminal = io::stdout().is_terminal();
    if args.format.is_none() && terminal {
        return tui::term::run_trace(lib, info, result, options)
            .context(i18n::msg::ctx_trace_screen());
    }
    let trace = report::trace::TraceReport {
        info: &info,
        library: &lib,
        result: &result,
    };
    match args.format.unwrap_or(TraceFormat::Text) {
        TraceFormat::Json => report::trace::write_json(&trace, out)?,
        TraceFormat::Text => report::trace::write_text(&trace, out)?,
        TraceFormat::Md => report::trace::write_md(&trace, out)?,
        TraceFormat::Html => report::trace::write_html(&trace, out)?,
    }
    Ok(())
}

fn run_find(args: &FindArgs, out: &mut dyn Write) -> Result<()> {
    let text = if args.text == STDIN {
        let mut s = String::new();
        io::Read::read_to_string(&mut io::stdin(), &mut s)
            .map_err(|e| InputError::usage(i18n::msg::err_stdin_unreadable(&e)))?;
        s
    } else {
        args.text.clone()
    };
    let lib = Library::open(&library_path(args.library.path.as_deref())?)?;
    let hits = taohua::app::library::find(&lib, &text, &args.filter.filter())?;
    match args.format {
        Format::Json => report::find::write_json(&lib, &text, &hits, out)?,
        Format::Text => report::find::write_text(&lib, &text, &hits, out)?,
    }
    Ok(())
}

/// Show a corpus stage on the bar: stages that count something (documents,
/// pairs) with `done/total` and what they count, a stage of one step without
/// numbers. Position and length are set before the message, so no frame
/// shows the last stage's counts under the new stage's name.
fn corpus_progress(bar: &indicatif::ProgressBar, stage: Stage, done: usize, total: usize) {
    let (what, unit) = match stage {
        Stage::Normalise => (
            i18n::msg::progress_normalising(),
            Some(i18n::msg::progress_documents()),
        ),
        Stage::Index => (i18n::msg::progress_indexing(), None),
        Stage::Pairs => (
            i18n::msg::progress_comparing(),
            Some(i18n::msg::progress_pairs()),
        ),
        Stage::Phrases => (
            i18n::msg::progress_phrases(),
            Some(i18n::msg::progress_documents()),
        ),
        Stage::Templates => (i18n::msg::progress_templates(), None),
    };
    let template = match unit {
        Some(unit) if total > 0 => format!("{{msg:>16}} [{{bar:40}}] {{pos}}/{{len}} {unit}"),
        _ => "{msg:>16} [{bar:40}]".to_string(),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_position(0);
    bar.set_length(total.max(1) as u64);
    bar.set_position(done.min(total) as u64);
    bar.set_message(what);
}

/// A progress bar on standard error when it is a terminal.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template("{msg:>16} [{bar:40}] {pos}/{len}")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

fn run_eval(args: &EvalArgs, settings: &Settings, out: &mut dyn Write) -> Result<()> {
    let entries = std::fs::read_dir(&args.dir).map_err(|source| InputError::List {
        path: args.dir.clone(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    if args.limit > 0 {
        paths.truncate(args.limit);
    }
    let mut samples = Vec::new();
    for path in &paths {
        match read_document(path, None) {
            Ok(doc) => samples.push(taohua_core::eval::Sample {
                name: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text: doc.text,
            }),
            Err(e) => eprintln!(
                "taohua: {}",
                i18n::msg::lib_skipped(&report::sanitize(&e.to_string()))
            ),
        }
    }
    if samples.is_empty() {
        return Err(InputError::usage(i18n::msg::err_eval_no_documents(
            &args.dir.display().to_string(),
        ))
        .into());
    }
    let started = std::time::Instant::now();
    if args.reissue {
        let eval = taohua_core::eval::reissue::evaluate_reissue(
            &samples,
            args.seed,
            &CompareOptions::default(),
        )?;
        let seconds = started.elapsed().as_secs_f64();
        match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &eval)?;
                writeln!(out)?;
            }
            Format::Text => report::reissue::write_text(&eval, samples.len(), seconds, out)?,
        }
        return Ok(());
    }
    if args.stock {
        let grid = taohua_core::eval::stock::default_grid();
        let eval = taohua_core::eval::stock::evaluate_stock(&samples, &grid)?;
        let seconds = started.elapsed().as_secs_f64();
        match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &eval)?;
                writeln!(out)?;
            }
            Format::Text => report::eval::write_stock_text(&eval, samples.len(), seconds, out)?,
        }
        return Ok(());
    }
    let eval = taohua_core::eval::evaluate(&samples, args.seed, &CompareOptions::default())?;
    let seconds = started.elapsed().as_secs_f64();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &eval)?;
            writeln!(out)?;
        }
        Format::Text => report::eval::write_text(
            &eval,
            samples.len(),
            seconds,
            settings.ambiguous_wide(None),
            out,
        )?,
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_has_its_help_in_both_languages() {
        // English: the doc comments; Chinese: src/i18n/help.rs, key for key.
        let mismatches = taohua::i18n::help::mismatches(Cli::command());
        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }

    #[test]
    fn chinese_help_is_chinese_and_parses_alike() {
        let zh = taohua::i18n::scoped(Lang::Zh, command);
        let mut help = Vec::new();
        zh.clone().write_long_help(&mut help).unwrap();
        let help = String::from_utf8(help).unwrap();
        assert!(
            help.contains("用法: ") && help.contains("选项") && help.contains("命令"),
            "{help}"
        );
        assert!(help.contains("比较中文公文"), "{help}");
        let matches = zh
            .try_get_matches_from(["taohua", "corpus", "d", "--top", "3"])
            .unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert!(matches!(cli.command, Some(Command::Corpus(ref c)) if c.top == 3));
    }

    #[test]
    fn progress_never_shows_a_count_above_its_total() {
        let bar = indicatif::ProgressBar::hidden();
        corpus_progress(&bar, Stage::Normalise, 0, 0);
        assert_eq!((bar.position(), bar.length()), (0, Some(1)));
        corpus_progress(&bar, Stage::Normalise, 1330, 1330);
        assert_eq!((bar.position(), bar.length()), (1330, Some(1330)));
        // The one-step index stage after it: no 1330/1.
        corpus_progress(&bar, Stage::Index, 0, 1);
        assert_eq!((bar.position(), bar.length()), (0, Some(1)));
        assert_eq!(bar.message(), "indexing");
    }

    #[test]
    fn years_read_alike_on_the_command_line_and_in_the_screens() {
        assert_eq!(parse_years("2020..2025"), Ok((2020, 2025)));
        assert!(parse_years("2026..2025").is_err());
    }
}
