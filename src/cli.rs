//! Command-line interface: argument definitions, and each command as a few
//! calls into the application layer (`taohua::app`), the reports and the
//! screens. Glue only.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use taohua::app::config::{Settings, ViewChoice};
use taohua::app::corpus::{LoadOptions, LoadedCorpus};
use taohua::app::error::InputError;
use taohua::app::files::{read_document, Loaded, STDIN};
use taohua::app::pair::{DocInfo, PairSession};
use taohua::report;
use taohua::tui;
use taohua_core::compare::CompareOptions;
use taohua_core::corpus::analysis::{CorpusOptions, Stage};
use taohua_core::corpus::meta::NamePattern;
use taohua_core::ingest::{encoding_for_label, Encoding};
use taohua_core::text::slogans::Slogans;

/// Compare Chinese official speeches and reports: aligned paragraphs,
/// recycled phrasing, copy ratios.
///
/// `taohua LEFT RIGHT` opens the pair view (on a terminal; in a pipe it
/// prints the text report). `taohua demo` shows it on bundled examples.
#[derive(Debug, Parser)]
#[command(
    name = "taohua",
    version,
    about,
    args_conflicts_with_subcommands = true,
    arg_required_else_help = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub pair: CompareArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two documents: the pair view on a terminal, or a report with
    /// --format (or in a pipe).
    Compare(CompareArgs),
    /// Open the pair view on two example speeches built into the binary.
    Demo(DemoArgs),
    /// Recycled phrasing across a folder of documents: pairs, phrases,
    /// reuse of earlier documents.
    Corpus(CorpusArgs),
    /// Print a document's text as taohua reads it (the offset space of the JSON).
    Extract(ExtractArgs),
    /// Measure passage recall/precision and alignment F1 on edited copies of
    /// the speeches in a folder (see EVALUATION.md).
    Eval(EvalArgs),
    /// Write a larger corpus for benchmarks: each document of a folder plus
    /// edited copies of it, with a MANIFEST.tsv (see BENCHMARKS.md).
    Grow(GrowArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: aligned units, marked passages, summary.
    Text,
    /// For scripts: schema taohua.compare/1.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when standard output is a terminal.
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// Read input in this encoding (utf-8, gb18030, gbk, utf-16le, …) instead
    /// of detecting it. A byte-order mark still wins.
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
    /// Colours: a built-in theme (dark, light) or a TOML theme file, which
    /// overrides only the roles it names [default: dark, or the config file's].
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
    pub format: Option<Format>,
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
    pub format: Option<Format>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusTable {
    Pairs,
    Phrases,
    Documents,
}

#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// A folder (read recursively) or a list of files.
    #[arg(required = true, value_name = "DIR|FILE")]
    pub inputs: Vec<PathBuf>,
    /// Print a report in this format instead of opening the corpus screens
    /// (the text report is printed anyway when standard output is not a terminal).
    #[arg(long, value_enum)]
    pub format: Option<CorpusFormat>,
    /// The table --format csv writes.
    #[arg(long, value_enum, default_value_t = CorpusTable::Pairs)]
    pub table: CorpusTable,
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
    /// A manifest (TSV or CSV with file, year, region, kind columns)
    /// [default: MANIFEST.tsv or MANIFEST.csv in the folder].
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Rows per table in the text report.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
    /// Strongest partners per document that the pair finder compares.
    #[arg(long, value_name = "N", default_value_t = 12)]
    pub partners: usize,
    /// Do not look for templates (recurring wording with slots).
    #[arg(long)]
    pub no_templates: bool,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub read: ReadArgs,
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
    /// Output format.
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
    match &read.encoding {
        None => Ok(None),
        Some(label) => encoding_for_label(label).map(Some).ok_or_else(|| {
            InputError::usage(format!(
                "--encoding {label}: unknown encoding; try utf-8, gb18030, gbk, big5 or utf-16le"
            ))
        }),
    }
}

fn read(path: &std::path::Path, read: &ReadArgs) -> Result<Loaded> {
    Ok(read_document(path, encoding(read)?).map_err(InputError::from)?)
}

/// Run a parsed command, writing to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let settings = Settings::load().map_err(InputError::from)?;
    match cli.command {
        None => run_compare(&cli.pair, &settings, out),
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
        Some(Command::Eval(args)) => run_eval(&args, out),
        Some(Command::Grow(args)) => {
            let written = taohua::app::grow::grow(
                &args.dir,
                &args.out,
                args.times,
                args.seed,
                &mut |line| eprintln!("taohua: {}", report::sanitize(&line)),
            )?;
            writeln!(out, "{written} documents written to {}", args.out.display())?;
            Ok(())
        }
    }
}

fn run_compare(args: &CompareArgs, settings: &Settings, out: &mut dyn Write) -> Result<()> {
    let (Some(left_path), Some(right_path)) = (&args.left, &args.right) else {
        return Err(InputError::usage("give two documents to compare: taohua LEFT RIGHT").into());
    };
    if left_path.as_os_str() == STDIN && right_path.as_os_str() == STDIN {
        return Err(
            InputError::usage("-: standard input can be only one side of a comparison").into(),
        );
    }
    let left = read(left_path, &args.read)?;
    let right = read(right_path, &args.read)?;
    let mut opts = CompareOptions::default();
    opts.passages.min_chars = args.min_chars as usize;
    opts.norm.fold_script = !args.no_fold_script;
    opts.norm.fold_numerals = !args.no_fold_numerals;
    if args.no_slogans {
        opts.slogans = Slogans::none();
    }
    if let Some(path) = &args.slogans {
        let list = read(path, &args.read)
            .with_context(|| format!("reading the slogan list {}", path.display()))?;
        opts.slogans.extend(&list.text);
    }
    let info = |doc: &Loaded| DocInfo::read(&doc.path.display().to_string(), &doc.text);
    let session = PairSession::new((info(&left), &left.text), (info(&right), &right.text), opts)?;
    show(&session, args.format, args.color, &args.view, settings, out)
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
    let session = PairSession::new(side(DEMO[0]), side(DEMO[1]), CompareOptions::default())?;
    show(
        &session,
        args.format,
        Color::Auto,
        &args.view,
        settings,
        out,
    )
}

/// Show a pair session: the pair view on a terminal unless a format is
/// asked for, else the report.
fn show(
    session: &PairSession,
    format: Option<Format>,
    color: Color,
    view: &ViewArgs,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<()> {
    let terminal = io::stdout().is_terminal();
    if format.is_none() && terminal {
        let options = settings.view(view.choice()).map_err(InputError::from)?;
        return tui::term::run(session.model(), options).context("the pair view failed");
    }
    let report = session.report();
    let format = format.unwrap_or(Format::Text);
    let color = matches!(format, Format::Text)
        && match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
        };
    // The theme is read only where colours are drawn, but a theme the user
    // names is checked whatever the format.
    let theme = if color || view.theme.is_some() {
        Some(
            settings
                .theme(view.theme.as_deref())
                .map_err(InputError::from)?,
        )
    } else {
        None
    };
    match format {
        Format::Json => report::json::write(&report, out)?,
        Format::Text => {
            let style = report::text::TextStyle {
                theme: theme.as_ref().filter(|_| color),
            };
            report::text::write(&report, style, out)?;
        }
    }
    Ok(())
}

fn run_corpus(args: &CorpusArgs, settings: &Settings, out: &mut dyn Write) -> Result<()> {
    if !(0.0..=1.0).contains(&args.common_above) {
        return Err(InputError::usage(format!(
            "--common-above {}: give a share between 0 and 1",
            args.common_above
        ))
        .into());
    }
    let pattern = NamePattern::parse(&args.name_pattern).map_err(|source| InputError::Meta {
        what: format!("--name-pattern {}", args.name_pattern),
        source,
    })?;
    let opts = LoadOptions {
        analysis: CorpusOptions {
            min_chars: args.min_chars as usize,
            common_above: args.common_above,
            partners: args.partners,
            templates: !args.no_templates,
            ..CorpusOptions::default()
        },
        pattern,
        manifest: args.manifest.clone(),
        encoding: encoding(&args.read)?,
    };
    let screens = args.format.is_none() && io::stdout().is_terminal();
    // Screen settings are checked before the work, not after it.
    let view = if screens {
        Some(
            settings
                .view(args.view.choice())
                .map_err(InputError::from)?,
        )
    } else {
        None
    };
    let bar = progress_bar();
    let corpus = LoadedCorpus::load(&args.inputs, &opts, &|stage, done, total| {
        if let Some(bar) = &bar {
            let what = match stage {
                Stage::Normalise => "normalising",
                Stage::Index => "indexing",
                Stage::Pairs => "comparing pairs",
                Stage::Phrases => "phrases",
                Stage::Templates => "templates",
            };
            bar.set_message(what);
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for s in &corpus.skipped {
        eprintln!("taohua: skipped {}", report::sanitize(s));
    }
    if !corpus.skipped.is_empty() {
        eprintln!(
            "taohua: {} of {} files skipped",
            corpus.skipped.len(),
            corpus.skipped.len() + corpus.docs.len()
        );
    }
    if let Some(view) = view {
        return tui::term::run_corpus(corpus, view).context("the corpus screens failed");
    }
    match args.format.unwrap_or(CorpusFormat::Text) {
        CorpusFormat::Json => report::corpus::write_json(&corpus, out)?,
        CorpusFormat::Text => report::corpus::write_text(&corpus, args.top, out)?,
        CorpusFormat::Csv => {
            let table = match args.table {
                CorpusTable::Pairs => report::corpus::Table::Pairs,
                CorpusTable::Phrases => report::corpus::Table::Phrases,
                CorpusTable::Documents => report::corpus::Table::Documents,
            };
            report::corpus::write_csv(&corpus, table, out)?;
        }
    }
    Ok(())
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

fn run_eval(args: &EvalArgs, out: &mut dyn Write) -> Result<()> {
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
            Err(e) => eprintln!("taohua: skipped {}", report::sanitize(&e.to_string())),
        }
    }
    if samples.is_empty() {
        return Err(InputError::usage(format!(
            "{}: no readable .txt documents",
            args.dir.display()
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
    let eval = taohua_core::eval::evaluate(&samples, args.seed, &CompareOptions::default())?;
    let seconds = started.elapsed().as_secs_f64();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &eval)?;
            writeln!(out)?;
        }
        Format::Text => report::eval::write_text(&eval, samples.len(), seconds, out)?,
    }
    Ok(())
}
