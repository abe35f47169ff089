//! Benchmarks of taohua's pipeline, stage by stage and end to end.
//!
//! Run with `cargo bench --bench pipeline`; see `BENCHMARKS.md` for figures.
//!
//! # Inputs
//!
//! Self-contained (CI has no corpus): documents are built from the bundled
//! fictional speeches in `examples/` (13k characters in all).
//!
//! - **left**: the examples' paragraphs, concatenated in a deterministic
//!   shuffled order, round after round, until the target size (30,000 or
//!   60,000 characters). The examples are too short to reach the target
//!   without repeating them, and repeating paragraphs verbatim would make every
//!   paragraph occur 2–5 times on each side: the passage finder would then see
//!   4–25 diagonals per paragraph instead of one, an artefact that makes the
//!   60k case look quadratic. So every round after the first passes the Han
//!   characters through its own permutation of the examples' Han alphabet (a
//!   substitution cipher): same lengths, punctuation, figures, headings and
//!   internal repetition as real text, but no text shared with other rounds.
//! - **right**: `taohua_core::eval::synth::edited_copy` of the left (paragraphs
//!   deleted, lightly edited, split, merged, moved, given half-width
//!   punctuation, and unrelated filler paragraphs inserted), with filler drawn
//!   from a cipher round the left never uses.
//!
//! If `../shared/corpus` (relative to the crate root) exists, the real pair
//! `2025_安徽省_政府工作报告` vs `2026_安徽省_政府工作报告` is benchmarked too,
//! and a doubled version: each report followed by 江苏省's report of the same
//! year. Without the corpus these cases are skipped.
//!
//! Set `TAOHUA_BENCH_DUMP=DIR` to write every case's two texts to `DIR` (for
//! timing the release binary on the same inputs).
//!
//! # Stages
//!
//! Every stage is timed on *both* documents of a pair, so that the per-stage
//! figures add up towards the end-to-end one. Throughput is reported in
//! characters (left + right).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashMap};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use encoding_rs::GB18030;

use taohua_core::compare::similarity::GramProfile;
use taohua_core::compare::{align, compare, passages, prepare, CompareOptions, Prepared};
use taohua_core::eval::synth::{edited_copy, paragraphs, Rng};
use taohua_core::ingest::decode;
use taohua_core::text::normalize::normalize;
use taohua_core::text::segment::segment;
use taohua_core::text::Chars;

/// The bundled examples, in a fixed order.
const EXAMPLES: [&str; 3] = [
    include_str!("../../../examples/2023_青川市_科协讲话.txt"),
    include_str!("../../../examples/2024_青川市_科协讲话.txt"),
    include_str!("../../../examples/2024_云岭省_科协讲话.txt"),
];

/// Characters the cipher leaves alone: they make numbered headings
/// (`一、` `（三）` `第二部分`), which the segmenter recognises.
const KEEP: &str = "一二三四五六七八九十百〇零第部分章节是";

/// The cipher round whose paragraphs serve as filler for the right side.
const FILLER_ROUND: u64 = 999;

/// One pair of documents to compare.
struct Case {
    name: String,
    left: String,
    right: String,
}

impl Case {
    fn chars(&self) -> u64 {
        (self.left.chars().count() + self.right.chars().count()) as u64
    }
}

fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Substitution ciphers over the examples' Han alphabet, one per round;
/// round 0 is the identity.
struct Ciphers {
    alphabet: Vec<char>,
    rounds: HashMap<u64, HashMap<char, char>>,
}

impl Ciphers {
    fn new() -> Ciphers {
        let alphabet: BTreeSet<char> = EXAMPLES
            .iter()
            .flat_map(|t| t.chars())
            .filter(|&c| is_han(c) && !KEEP.contains(c))
            .collect();
        Ciphers {
            alphabet: alphabet.into_iter().collect(),
            rounds: HashMap::new(),
        }
    }

    fn apply(&mut self, round: u64, text: &str) -> String {
        if round == 0 {
            return text.to_string();
        }
        let alphabet = &self.alphabet;
        let map = self.rounds.entry(round).or_insert_with(|| {
            let mut image = alphabet.clone();
            shuffle(&mut image, &mut Rng::new(0xC1F3_0000 + round));
            alphabet.iter().copied().zip(image).collect()
        });
        text.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
    }
}

/// A synthetic pair of about `target` characters on the left (see the module docs).
fn synthetic(name: &str, target: usize, seed: u64) -> Case {
    let paras: Vec<String> = EXAMPLES.iter().flat_map(|t| paragraphs(t)).collect();
    let mut ciphers = Ciphers::new();
    let mut rng = Rng::new(seed);
    let mut left = String::new();
    let mut len = 0usize;
    let mut round = 0u64;
    'fill: loop {
        let mut order: Vec<usize> = (0..paras.len()).collect();
        shuffle(&mut order, &mut rng);
        for i in order {
            if len >= target {
                break 'fill;
            }
            let p = ciphers.apply(round, &paras[i]);
            len += p.chars().count() + 1;
            left.push_str(&p);
            left.push('\n');
        }
        round += 1;
    }
    let filler: Vec<String> = paras
        .iter()
        .map(|p| ciphers.apply(FILLER_ROUND, p))
        .collect();
    let right = edited_copy(&left, &filler, &mut Rng::new(seed ^ 0x5EED)).text;
    Case {
        name: name.to_string(),
        left,
        right,
    }
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// The real pairs, when the shared corpus is present.
fn real_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let file = |year: u32, region: &str| dir.join(format!("{year}_{region}_政府工作报告.txt"));
    let (Some(a25), Some(a26)) = (read(&file(2025, "安徽省")), read(&file(2026, "安徽省")))
    else {
        eprintln!(
            "pipeline bench: {} not found or incomplete: real-corpus cases skipped",
            dir.display()
        );
        return Vec::new();
    };
    let mut cases = vec![Case {
        name: "anhui".into(),
        left: a25.clone(),
        right: a26.clone(),
    }];
    match (read(&file(2025, "江苏省")), read(&file(2026, "江苏省"))) {
        (Some(j25), Some(j26)) => cases.push(Case {
            name: "anhui+jiangsu".into(),
            left: format!("{a25}\n{j25}"),
            right: format!("{a26}\n{j26}"),
        }),
        _ => eprintln!("pipeline bench: 江苏省 reports not found: doubled real case skipped"),
    }
    cases
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        synthetic("synth_30k", 30_000, 1),
        synthetic("synth_60k", 60_000, 1),
    ];
    cases.extend(real_cases());
    for c in &cases {
        eprintln!(
            "pipeline bench: {:<14} left {:>6} chars, right {:>6} chars",
            c.name,
            c.left.chars().count(),
            c.right.chars().count()
        );
    }
    if let Some(dir) = std::env::var_os("TAOHUA_BENCH_DUMP") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        for c in &cases {
            std::fs::write(dir.join(format!("{}_left.txt", c.name)), &c.left).unwrap();
            std::fs::write(dir.join(format!("{}_right.txt", c.name)), &c.right).unwrap();
        }
        eprintln!("pipeline bench: inputs written to {}", dir.display());
    }
    cases
}

/// The aligner's input, built as `compare::compare` builds it (that helper is private).
fn profiles(doc: &Prepared) -> Vec<GramProfile> {
    doc.segment_keys()
        .iter()
        .map(|&(from, to)| {
            GramProfile::new(&doc.norm().keys()[from..to], &doc.slogan_mask()[from..to])
        })
        .collect()
}

/// Everything computed once per case, outside the timed loops.
struct Fixture {
    case: Case,
    opts: CompareOptions,
    chars: (Chars, Chars),
    gb18030: (Vec<u8>, Vec<u8>),
    prepared: (Prepared, Prepared),
    profiles: (Vec<GramProfile>, Vec<GramProfile>),
}

fn fixture(case: Case) -> Fixture {
    let opts = CompareOptions::default();
    let gb = |s: &str| GB18030.encode(s).0.into_owned();
    let a = prepare(&case.left, &opts).unwrap();
    let b = prepare(&case.right, &opts).unwrap();
    Fixture {
        chars: (
            Chars::new(&case.left).unwrap(),
            Chars::new(&case.right).unwrap(),
        ),
        gb18030: (gb(&case.left), gb(&case.right)),
        profiles: (profiles(&a), profiles(&b)),
        prepared: (a, b),
        case,
        opts,
    }
}

/// A stage: its name and one run of it on a fixture's pair.
type Stage = (&'static str, fn(&Fixture));

/// The stages, in pipeline order.
const STAGES: &[Stage] = &[
    // ingest: bytes → text (BOM sniffing, detection, strict decoding).
    ("decode_utf8", |f| {
        black_box(decode(black_box(f.case.left.as_bytes()), None).unwrap());
        black_box(decode(black_box(f.case.right.as_bytes()), None).unwrap());
    }),
    ("decode_gb18030_detected", |f| {
        black_box(decode(black_box(&f.gb18030.0), None).unwrap());
        black_box(decode(black_box(&f.gb18030.1), None).unwrap());
    }),
    ("decode_gb18030_forced", |f| {
        black_box(decode(black_box(&f.gb18030.0), Some(GB18030)).unwrap());
        black_box(decode(black_box(&f.gb18030.1), Some(GB18030)).unwrap());
    }),
    // text: the pieces of `prepare`, then `prepare` itself.
    ("normalize", |f| {
        black_box(normalize(black_box(&f.chars.0), &f.opts.norm));
        black_box(normalize(black_box(&f.chars.1), &f.opts.norm));
    }),
    ("segment", |f| {
        black_box(segment(black_box(&f.chars.0)));
        black_box(segment(black_box(&f.chars.1)));
    }),
    ("slogan_mask", |f| {
        black_box(f.opts.slogans.mask(black_box(f.prepared.0.norm().seq())));
        black_box(f.opts.slogans.mask(black_box(f.prepared.1.norm().seq())));
    }),
    ("prepare", |f| {
        black_box(prepare(black_box(&f.case.left), &f.opts).unwrap());
        black_box(prepare(black_box(&f.case.right), &f.opts).unwrap());
    }),
    // compare: the pieces of `compare`, then `compare` itself.
    ("find_passages", |f| {
        black_box(passages::find_passages(
            black_box(f.prepared.0.norm().seq()),
            black_box(f.prepared.1.norm().seq()),
            &f.opts.passages,
        ));
    }),
    ("gram_profiles", |f| {
        black_box(profiles(black_box(&f.prepared.0)));
        black_box(profiles(black_box(&f.prepared.1)));
    }),
    ("align", |f| {
        black_box(align::align(
            black_box(&f.profiles.0),
            black_box(&f.profiles.1),
        ));
    }),
    ("compare", |f| {
        black_box(compare(
            black_box(&f.prepared.0),
            black_box(&f.prepared.1),
            &f.opts,
        ));
    }),
    // End to end in the library: the two texts → a comparison.
    ("prepare_and_compare", |f| {
        let a = prepare(black_box(&f.case.left), &f.opts).unwrap();
        let b = prepare(black_box(&f.case.right), &f.opts).unwrap();
        black_box(compare(&a, &b, &f.opts));
    }),
];

fn pipeline(c: &mut Criterion) {
    let fixtures: Vec<Fixture> = cases().into_iter().map(fixture).collect();
    for &(stage, run) in STAGES {
        let mut g = c.benchmark_group(stage);
        g.sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_millis(1500));
        for f in &fixtures {
            g.throughput(Throughput::Elements(f.case.chars()));
            g.bench_with_input(BenchmarkId::from_parameter(&f.case.name), f, |b, f| {
                b.iter(|| run(f))
            });
        }
        g.finish();
    }
}

/// `TAOHUA_BENCH_REPEAT=STAGE:CASE:N` runs one stage N times on one case and
/// exits, without criterion: for instruction counts under
/// `valgrind --tool=cachegrind` (run with N and with 0, and subtract), which
/// do not depend on a noisy machine.
fn repeat(spec: &str) {
    let parts: Vec<&str> = spec.split(':').collect();
    let [stage, case, n] = parts[..] else {
        eprintln!("TAOHUA_BENCH_REPEAT: expected STAGE:CASE:N, got {spec:?}");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N must be a number");
    let run = STAGES
        .iter()
        .find(|s| s.0 == stage)
        .expect("no such stage")
        .1;
    let case = cases()
        .into_iter()
        .find(|c| c.name == case)
        .expect("no such case");
    let f = fixture(case);
    for _ in 0..n {
        run(&f);
    }
}

fn main() {
    if let Some(spec) = std::env::var_os("TAOHUA_BENCH_REPEAT") {
        repeat(&spec.to_string_lossy());
        return;
    }
    criterion_group!(benches, pipeline);
    benches();
    Criterion::default().configure_from_args().final_summary();
}
