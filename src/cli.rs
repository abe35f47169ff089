//! Command-line interface: argument definitions and the commands they run.
//! Glue only: reading files, calling the library, writing reports.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use taohua::compare::{self, CompareOptions};
use taohua::ingest::{self, encoding_for_label};
use taohua::report::{self, DocInfo, PairReport, Side};
use taohua::text::slogans::Slogans;
use taohua::theme::Theme;
use taohua::tui;
use taohua::tui::keymap::Keymap;
use taohua::tui::model::PairModel;
use taohua::tui::term::ViewOptions;

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
    #[arg(long, value_name = "PATTERN", default_value = taohua::corpus::meta::DEFAULT_NAME_PATTERN)]
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

/// An error caused by the user's input (a file, an option): exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

fn encoding(read: &ReadArgs) -> Result<Option<&'static encoding_rs::Encoding>> {
    match &read.encoding {
        None => Ok(None),
        Some(label) => encoding_for_label(label).map(Some).ok_or_else(|| {
            InputError(format!(
                "--encoding {label}: unknown encoding; try utf-8, gb18030, gbk, big5 or utf-16le"
            ))
            .into()
        }),
    }
}

fn read(path: &Path, read: &ReadArgs) -> Result<ingest::Loaded> {
    ingest::read_document(path, encoding(read)?).map_err(|e| InputError(e.to_string()).into())
}

/// Run a parsed command, writing to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    match cli.command {
        None => run_compare(&cli.pair, out),
        Some(Command::Compare(args)) => run_compare(&args, out),
        Some(Command::Demo(args)) => run_demo(&args, out),
        Some(Command::Corpus(args)) => run_corpus(&args, out),
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
        Some(Command::Grow(args)) => run_grow(&args, out),
    }
}

fn info(loaded: &ingest::Loaded) -> DocInfo {
    let stem = loaded
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    DocInfo {
        path: loaded.path.display().to_string(),
        meta: taohua::meta::guess(&stem, &loaded.text),
    }
}

fn run_compare(args: &CompareArgs, out: &mut dyn Write) -> Result<()> {
    let (Some(left_path), Some(right_path)) = (&args.left, &args.right) else {
        return Err(InputError("give two documents to compare: taohua LEFT RIGHT".into()).into());
    };
    if left_path.as_os_str() == ingest::STDIN && right_path.as_os_str() == ingest::STDIN {
        return Err(
            InputError("-: standard input can be only one side of a comparison".into()).into(),
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
    let pair = Pair {
        left: (info(&left), left.text),
        right: (info(&right), right.text),
    };
    show(pair, &opts, args.format, args.color, &args.view, out)
}

/// Two documents ready to compare: what the file said, and the text.
struct Pair {
    left: (DocInfo, String),
    right: (DocInfo, String),
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

fn run_demo(args: &DemoArgs, out: &mut dyn Write) -> Result<()> {
    let doc = |(path, text): (&str, &str)| {
        let stem = Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let info = DocInfo {
            path: path.to_string(),
            meta: taohua::meta::guess(&stem, text),
        };
        (info, text.to_string())
    };
    let pair = Pair {
        left: doc(DEMO[0]),
        right: doc(DEMO[1]),
    };
    show(
        pair,
        &CompareOptions::default(),
        args.format,
        Color::Auto,
        &args.view,
        out,
    )
}

/// Compare and show: the pair view on a terminal unless a format is asked
/// for, else the report.
fn show(
    pair: Pair,
    opts: &CompareOptions,
    format: Option<Format>,
    color: Color,
    view: &ViewArgs,
    out: &mut dyn Write,
) -> Result<()> {
    let (li, lt) = pair.left;
    let (ri, rt) = pair.right;
    let (a, b) = (compare::prepare(&lt, opts), compare::prepare(&rt, opts));
    let comparison = compare::compare(&a, &b, opts);
    let terminal = io::stdout().is_terminal();
    if format.is_none() && terminal {
        let model = PairModel::new((&li, &a), (&ri, &b), &comparison);
        return tui::term::run(model, view_options(view)?).context("the pair view failed");
    }
    let report = PairReport {
        left: Side { info: &li, doc: &a },
        right: Side { info: &ri, doc: &b },
        comparison: &comparison,
        min_chars: opts.passages.min_chars,
    };
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
        Some(chosen_theme(view)?)
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

/// The theme the option names, else the config file's, else dark.
fn chosen_theme(view: &ViewArgs) -> Result<Theme> {
    let config = taohua::config::load().map_err(|e| InputError(e.to_string()))?;
    let name = view
        .theme
        .clone()
        .or(config.theme)
        .unwrap_or_else(|| "dark".into());
    load_theme(&name)
}

/// Themes (the chosen one first), keys and widths for the terminal screens,
/// from the options and the config file.
fn view_options(view: &ViewArgs) -> Result<ViewOptions> {
    let config = taohua::config::load().map_err(|e| InputError(e.to_string()))?;
    let mut themes = vec![chosen_theme(view)?];
    for name in Theme::builtin_names() {
        if let Some(t) = Theme::builtin(name) {
            if t.name != themes[0].name {
                themes.push(t);
            }
        }
    }
    let ambiguous_wide = match view.ambiguous_width {
        Some(AmbiguousWidth::Two) => true,
        Some(AmbiguousWidth::One) => false,
        None => config.ambiguous_width == Some(2),
    };
    Ok(ViewOptions {
        themes,
        keymap: load_keymap(view)?,
        ambiguous_wide,
    })
}

/// The built-in keymap with the user's file (option, else config folder) laid over it.
fn load_keymap(view: &ViewArgs) -> Result<Keymap> {
    let (path, text) = match &view.keymap {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| InputError(format!("{}: cannot read the keymap: {e}", p.display())))?;
            (p.clone(), Some(text))
        }
        None => match taohua::config::keymap_path() {
            Some(p) => {
                let text =
                    taohua::config::read_optional(&p).map_err(|e| InputError(e.to_string()))?;
                (p, text)
            }
            None => (PathBuf::new(), None),
        },
    };
    match text {
        None => Ok(Keymap::builtin()),
        Some(t) => Keymap::builtin()
            .overlay(&t)
            .map_err(|e| InputError(format!("{}: {e}", path.display())).into()),
    }
}

/// The files of a corpus: folders walked (without following symbolic links,
/// so links cannot loop), files taken as given; sorted, deduplicated.
fn corpus_files(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Option<PathBuf>)> {
    let mut files = Vec::new();
    let mut manifest = None;
    for input in inputs {
        let meta = std::fs::metadata(input)
            .map_err(|e| InputError(format!("{}: {e}", input.display())))?;
        if !meta.is_dir() {
            files.push(input.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(input)
            .follow_links(false)
            .max_depth(16)
        {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.into_path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if name == "manifest.tsv" || name == "manifest.csv" {
                manifest.get_or_insert(path);
            } else if [
                ".txt",
                ".text",
                ".docx",
                ".html",
                ".htm",
                ".md",
                ".markdown",
            ]
            .iter()
            .any(|ext| name.ends_with(ext))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files.dedup();
    Ok((files, manifest))
}

fn run_corpus(args: &CorpusArgs, out: &mut dyn Write) -> Result<()> {
    use taohua::corpus::analysis::{analyze, CorpusInput, CorpusOptions, Stage};
    use taohua::corpus::meta::{resolve, Manifest, NamePattern};
    use taohua::report::corpus::{CorpusDoc, CorpusReport, Table};

    if !(0.0..=1.0).contains(&args.common_above) {
        return Err(InputError(format!(
            "--common-above {}: give a share between 0 and 1",
            args.common_above
        ))
        .into());
    }
    let pattern = NamePattern::parse(&args.name_pattern)
        .map_err(|e| InputError(format!("--name-pattern {}: {e}", args.name_pattern)))?;
    let (files, found_manifest) = corpus_files(&args.inputs)?;
    let manifest_path = args.manifest.clone().or(found_manifest);
    let manifest = match &manifest_path {
        None => None,
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                InputError(format!("{}: cannot read the manifest: {e}", p.display()))
            })?;
            Some(Manifest::parse(&text).map_err(|e| InputError(format!("{}: {e}", p.display())))?)
        }
    };
    let names: Vec<String> = args
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    if files.is_empty() {
        return Err(InputError(format!(
            "{}: no documents found (.txt, .docx, .html, .md)",
            names.join(", ")
        ))
        .into());
    }
    let enc = encoding(&args.read)?;
    use rayon::prelude::*;
    let loaded: Vec<(PathBuf, Result<ingest::Loaded, ingest::ReadError>)> = files
        .par_iter()
        .map(|p| (p.clone(), ingest::read_document(p, enc)))
        .collect();
    let mut docs: Vec<CorpusDoc> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for (path, result) in loaded {
        match result {
            Ok(doc) => {
                let rel = manifest_path
                    .as_ref()
                    .and_then(|m| m.parent())
                    .and_then(|dir| path.strip_prefix(dir).ok())
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                let meta = resolve(&rel, &doc.text, manifest.as_ref(), &pattern);
                docs.push(CorpusDoc {
                    path: path.display().to_string(),
                    meta,
                    chars: doc.text.chars().count(),
                });
                texts.push(doc.text);
            }
            Err(e) => skipped.push(e.to_string()),
        }
    }
    for s in &skipped {
        eprintln!("taohua: skipped {}", report::sanitize(s));
    }
    if docs.is_empty() {
        return Err(InputError(format!(
            "{}: none of the {} files could be read",
            names.join(", "),
            files.len()
        ))
        .into());
    }
    let opts = CorpusOptions {
        min_chars: args.min_chars as usize,
        common_above: args.common_above,
        partners: args.partners,
        ..CorpusOptions::default()
    };
    let inputs: Vec<CorpusInput> = texts
        .iter()
        .zip(&docs)
        .map(|(t, d)| CorpusInput {
            text: t,
            year: d.meta.year.as_ref().map(|f| f.value),
        })
        .collect();
    let bar = progress_bar();
    let analysis = analyze(&inputs, &opts, &|stage, done, total| {
        if let Some(bar) = &bar {
            let what = match stage {
                Stage::Normalise => "normalising",
                Stage::Index => "indexing",
                Stage::Pairs => "comparing pairs",
                Stage::Phrases => "phrases",
            };
            bar.set_message(what);
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !skipped.is_empty() {
        eprintln!("taohua: {} of {} files skipped", skipped.len(), files.len());
    }
    if args.format.is_none() && io::stdout().is_terminal() {
        let data = tui::corpus::CorpusData {
            docs,
            texts,
            analysis,
            common_above: args.common_above,
        };
        return tui::term::run_corpus(data, view_options(&args.view)?)
            .context("the corpus screens failed");
    }
    let report = CorpusReport {
        docs: &docs,
        analysis: &analysis,
        skipped: skipped.len(),
        common_above: args.common_above,
        min_chars: opts.min_chars,
    };
    match args.format.unwrap_or(CorpusFormat::Text) {
        CorpusFormat::Json => report::corpus::write_json(&report, out)?,
        CorpusFormat::Text => report::corpus::write_text(&report, args.top, out)?,
        CorpusFormat::Csv => {
            let table = match args.table {
                CorpusTable::Pairs => Table::Pairs,
                CorpusTable::Phrases => Table::Phrases,
                CorpusTable::Documents => Table::Documents,
            };
            report::corpus::write_csv(&report, table, out)?;
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

/// A built-in theme by name, or a theme file laid over the default.
fn load_theme(spec: &str) -> Result<Theme> {
    if let Some(t) = Theme::builtin(spec) {
        return Ok(t);
    }
    let path = Path::new(spec);
    if !path.exists() {
        let names = Theme::builtin_names().join(", ");
        return Err(InputError(format!(
            "--theme {spec}: no such theme or file (built-in: {names})"
        ))
        .into());
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| InputError(format!("{spec}: cannot read the theme: {e}")))?;
    Theme::default()
        .overlay(&text)
        .map_err(|e| InputError(format!("{spec}: {e}")).into())
}

fn run_grow(args: &GrowArgs, out: &mut dyn Write) -> Result<()> {
    use taohua::eval::synth::{edited_copy, paragraphs, Rng};
    let (files, _) = corpus_files(std::slice::from_ref(&args.dir))?;
    if files.is_empty() {
        return Err(InputError(format!("{}: no .txt documents found", args.dir.display())).into());
    }
    if args.out.exists()
        && std::fs::read_dir(&args.out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(InputError(format!(
            "{}: exists and is not an empty folder",
            args.out.display()
        ))
        .into());
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let mut docs = Vec::new();
    for path in &files {
        match ingest::read_document(path, None) {
            Ok(d) => docs.push((path.clone(), d.text)),
            Err(e) => eprintln!("taohua: skipped {}", report::sanitize(&e.to_string())),
        }
    }
    let filler: Vec<String> = docs
        .iter()
        .flat_map(|(_, t)| paragraphs(t))
        .step_by(11)
        .collect();
    let mut manifest = String::from("file\tyear\tregion\tkind\tcopy_of\n");
    let mut rng = Rng::new(args.seed);
    let mut written = 0usize;
    for (path, text) in &docs {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta = taohua::meta::guess(&stem, text);
        for copy in 0..args.times {
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
            std::fs::write(args.out.join(&name), body)
                .with_context(|| format!("writing {name}"))?;
            manifest.push_str(&format!(
                "{name}\t{}\t{}\t{}\t{}\n",
                meta.year.map(|y| y.to_string()).unwrap_or_default(),
                meta.region.clone().unwrap_or_default(),
                meta.kind.clone().unwrap_or_default(),
                if copy == 0 {
                    String::new()
                } else {
                    format!("{stem}.txt")
                }
            ));
            written += 1;
        }
    }
    std::fs::write(args.out.join("MANIFEST.tsv"), manifest).context("writing MANIFEST.tsv")?;
    writeln!(out, "{written} documents written to {}", args.out.display())?;
    Ok(())
}

fn run_eval(args: &EvalArgs, out: &mut dyn Write) -> Result<()> {
    let entries = std::fs::read_dir(&args.dir).map_err(|e| {
        InputError(format!(
            "{}: cannot read the folder: {e}",
            args.dir.display()
        ))
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
        match ingest::read_document(path, None) {
            Ok(doc) => samples.push(taohua::eval::Sample {
                name: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text: doc.text,
            }),
            Err(e) => eprintln!("taohua: skipped {e}"),
        }
    }
    if samples.is_empty() {
        return Err(InputError(format!(
            "{}: no readable .txt documents",
            args.dir.display()
        ))
        .into());
    }
    let started = std::time::Instant::now();
    let eval = taohua::eval::evaluate(&samples, args.seed, &CompareOptions::default());
    let seconds = started.elapsed().as_secs_f64();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &eval)?;
            writeln!(out)?;
        }
        Format::Text => taohua::eval::report::write(&eval, samples.len(), seconds, out)?,
    }
    Ok(())
}
