//! Benchmarks of corpus mode: the fingerprint index and the whole analysis.
//!
//! Run with `cargo bench --bench corpus`; see `BENCHMARKS.md` for figures.
//!
//! # Inputs
//!
//! - **examples×N**: the bundled fictional speeches in `examples/`, each with
//!   N−1 edited copies (`eval::synth::edited_copy`, as `taohua grow` makes
//!   them): self-contained, so it runs where there is no corpus.
//! - **shared**: the `.txt` documents of `../shared/corpus` (relative to the
//!   crate root), when that folder exists; skipped otherwise.
//!
//! # Stages
//!
//! - `corpus_index`: `Index::build` over documents already normalised.
//! - `corpus_analyze`: `analyze` end to end (normalise, index, candidate
//!   pairs, the pair finder on them, phrases, earlier reuse).
//!
//! # One folder, stage by stage
//!
//! `TAOHUA_BENCH_STAGES=DIR cargo bench --bench corpus` reads the `.txt`
//! documents of DIR (a `taohua grow` output, say), runs `analyze` once and
//! prints how long each stage took (from the progress callback), then exits
//! without criterion. Years come from a leading `YYYY` in the file names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{criterion_group, BenchmarkGroup, BenchmarkId, Criterion, Throughput};
use taohua_core::corpus::analysis::{analyze, CorpusInput, CorpusOptions, Stage};
use taohua_core::corpus::index::Index;
use taohua_core::eval::synth::{edited_copy, paragraphs, Rng};
use taohua_core::text::normalize::keys_of;

const EXAMPLES: [&str; 3] = [
    include_str!("../../../examples/2023_青川市_科协讲话.txt"),
    include_str!("../../../examples/2024_青川市_科协讲话.txt"),
    include_str!("../../../examples/2024_云岭省_科协讲话.txt"),
];

/// A corpus: its name and its documents with their years.
struct Corpus {
    name: String,
    docs: Vec<(String, Option<i32>)>,
}

impl Corpus {
    fn chars(&self) -> u64 {
        self.docs
            .iter()
            .map(|(t, _)| t.chars().count() as u64)
            .sum()
    }

    fn inputs(&self) -> Vec<CorpusInput<'_>> {
        self.docs
            .iter()
            .map(|(text, year)| CorpusInput { text, year: *year })
            .collect()
    }
}

/// The examples, each with `times - 1` edited copies.
fn examples(times: usize) -> Corpus {
    let filler: Vec<String> = EXAMPLES.iter().flat_map(|t| paragraphs(t)).collect();
    let mut rng = Rng::new(7);
    let mut docs = Vec::new();
    for (i, text) in EXAMPLES.iter().enumerate() {
        let year = Some(2023 + i as i32);
        docs.push((text.to_string(), year));
        for _ in 1..times {
            docs.push((edited_copy(text, &filler, &mut rng).text, year));
        }
    }
    Corpus {
        name: format!("examples×{times}"),
        docs,
    }
}

/// The `.txt` documents of a folder, sorted by name, with the year of a
/// leading `YYYY` in the name.
fn folder(dir: &Path, name: &str) -> Option<Corpus> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let docs: Vec<(String, Option<i32>)> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let stem = p.file_name()?.to_string_lossy().into_owned();
            let year = stem.get(..4).and_then(|y| y.parse().ok());
            Some((text, year))
        })
        .collect();
    (!docs.is_empty()).then(|| Corpus {
        name: name.to_string(),
        docs,
    })
}

fn corpora() -> Vec<Corpus> {
    let mut out = vec![examples(10), examples(40)];
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    match folder(&shared, "shared") {
        Some(c) => out.push(c),
        None => eprintln!(
            "corpus bench: {} not found: the shared corpus is skipped",
            shared.display()
        ),
    }
    out
}

/// A benchmark group of ten samples over `measure`, in characters.
fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    corpus: &Corpus,
    measure: Duration,
) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(measure)
        .throughput(Throughput::Elements(corpus.chars()));
    g
}

fn bench(c: &mut Criterion) {
    let opts = CorpusOptions::default();
    for corpus in corpora() {
        let inputs = corpus.inputs();
        let norms: Vec<_> = corpus
            .docs
            .iter()
            .map(|(t, _)| keys_of(t, &opts.norm).unwrap())
            .collect();
        let keys: Vec<&[u32]> = norms.iter().map(|n| n.keys()).collect();

        let mut g = group(c, "corpus_index", &corpus, Duration::from_secs(2));
        g.bench_function(BenchmarkId::from_parameter(&corpus.name), |b| {
            b.iter(|| black_box(Index::build(black_box(&keys), opts.min_chars)))
        });
        g.finish();

        let mut g = group(c, "corpus_analyze", &corpus, Duration::from_secs(3));
        g.bench_function(BenchmarkId::from_parameter(&corpus.name), |b| {
            b.iter(|| black_box(analyze(black_box(&inputs), &opts, &|_, _, _| {})))
        });
        g.finish();
    }
}

/// `TAOHUA_BENCH_STAGES=DIR`: one analysis of DIR, stage by stage.
fn stages(dir: &Path) {
    let read = Instant::now();
    let Some(corpus) = folder(dir, &dir.display().to_string()) else {
        eprintln!(
            "TAOHUA_BENCH_STAGES: no .txt documents in {}",
            dir.display()
        );
        std::process::exit(2);
    };
    let read = read.elapsed();
    let inputs = corpus.inputs();
    let marks: Mutex<Vec<(Stage, Instant)>> = Mutex::new(Vec::new());
    let progress = |stage: Stage, done: usize, total: usize| {
        if done == total {
            marks.lock().unwrap().push((stage, Instant::now()));
        }
    };
    let start = Instant::now();
    let result = analyze(&inputs, &CorpusOptions::default(), &progress).unwrap();
    let total = start.elapsed();
    println!(
        "{}: {} documents, {:.1} MB, read in {:.0} ms",
        corpus.name,
        corpus.docs.len(),
        corpus.docs.iter().map(|(t, _)| t.len()).sum::<usize>() as f64 / 1e6,
        read.as_secs_f64() * 1e3
    );
    let mut last = start;
    for (stage, at) in marks.into_inner().unwrap() {
        println!("  {stage:?}: {:.0} ms", (at - last).as_secs_f64() * 1e3);
        last = at;
    }
    println!(
        "  analyze: {:.0} ms; {} candidate pairs, {} pairs, {} phrases",
        total.as_secs_f64() * 1e3,
        result.candidates,
        result.pairs.len(),
        result.phrases.len()
    );
}

fn main() {
    if let Some(dir) = std::env::var_os("TAOHUA_BENCH_STAGES") {
        stages(Path::new(&dir));
        return;
    }
    criterion_group!(benches, bench);
    benches();
    Criterion::default().configure_from_args().final_summary();
}
