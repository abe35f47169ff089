//! The application's presentation costs: frame time of the pair view as the
//! documents grow (the time to draw one 160×48 frame should not depend on
//! the documents' length, since only the rows on screen are laid out and
//! styled), and the JSON and HTML reports of a finished comparison.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use taohua::app::pair::{DocInfo, PairSession};
use taohua::theme::Theme;
use taohua::tui::app::{App, Input};
use taohua::tui::keymap::{Action, Keymap};
use taohua::tui::words::WordSplitter;
use taohua_core::compare::CompareOptions;
use taohua_core::eval::synth::{edited_copy, Rng};
use taohua_core::meta::Meta;

const EXAMPLES: [&str; 3] = [
    include_str!("../examples/2023_青川市_科协讲话.txt"),
    include_str!("../examples/2024_青川市_科协讲话.txt"),
    include_str!("../examples/2024_云岭省_科协讲话.txt"),
];

/// A pair of about `chars` characters each: examples repeated, the right an
/// edited copy of the left.
fn pair(chars: usize) -> (String, String) {
    let mut left = String::new();
    let mut k = 0;
    while left.chars().count() < chars {
        left.push_str(EXAMPLES[k % 3]);
        k += 1;
    }
    let filler: Vec<String> = EXAMPLES[2].lines().map(str::to_string).collect();
    let right = edited_copy(&left, &filler, &mut Rng::new(7)).text;
    (left, right)
}

fn session(left: &str, right: &str) -> PairSession {
    let info = DocInfo {
        path: "bench".into(),
        meta: Meta::default(),
    };
    PairSession::new(
        (info.clone(), left),
        (info, right),
        CompareOptions::default(),
    )
    .unwrap()
}

fn app(left: &str, right: &str) -> App {
    App::new(
        session(left, right).model(),
        Keymap::builtin(),
        vec![Theme::default()],
        WordSplitter::unavailable(),
        false,
        (160, 48),
    )
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_160x48");
    group.sample_size(30);
    for size in [10_000usize, 50_000, 200_000] {
        let (l, r) = pair(size);
        let mut app = app(&l, &r);
        app.update(Input::Action(Action::PageDown));
        let area = Rect::new(0, 0, 160, 48);
        group.bench_with_input(BenchmarkId::new("draw", size), &size, |b, _| {
            let mut buf = Buffer::empty(area);
            b.iter(|| taohua::tui::draw::render(&app, area, &mut buf));
        });
        group.bench_with_input(
            BenchmarkId::new("page_down_and_draw", size),
            &size,
            |b, _| {
                let mut buf = Buffer::empty(area);
                b.iter(|| {
                    app.update(Input::Action(Action::PageDown));
                    if app.top >= app.max_top() {
                        app.update(Input::Action(Action::Top));
                    }
                    taohua::tui::draw::render(&app, area, &mut buf);
                });
            },
        );
        group.bench_with_input(BenchmarkId::new("resize_relayout", size), &size, |b, _| {
            let mut wide = false;
            b.iter(|| {
                wide = !wide;
                let (w, h) = if wide { (160, 48) } else { (120, 40) };
                app.update(Input::Resize {
                    width: w,
                    height: h,
                });
            });
        });
    }
    group.finish();
}

/// The JSON report of a comparison already made (`taohua compare --format
/// json` minus reading and comparing).
fn report_json(c: &mut Criterion) {
    let mut group = c.benchmark_group("report_json");
    group.sample_size(30);
    for size in [10_000usize, 50_000] {
        let (l, r) = pair(size);
        let s = session(&l, &r);
        group.bench_with_input(BenchmarkId::from_parameter(size), &size, |b, _| {
            b.iter(|| taohua::report::json::write(&s.report(), &mut std::io::sink()).unwrap());
        });
    }
    group.finish();
}

/// The HTML report of a comparison already made (`taohua compare --format
/// html` minus reading and comparing; BENCHMARKS.md has the whole command).
fn report_html(c: &mut Criterion) {
    use taohua::report::html::{pair as html, Palette};
    let mut group = c.benchmark_group("report_html");
    group.sample_size(30);
    for size in [20_000usize, 50_000] {
        let (l, r) = pair(size);
        let s = session(&l, &r);
        let opts = html::PairHtml {
            top: 10,
            brief: false,
            palette: &Palette::System,
            back: None,
        };
        group.bench_with_input(BenchmarkId::from_parameter(size), &size, |b, _| {
            b.iter(|| html::render(&s.report(), &opts).len());
        });
    }
    group.finish();
}

criterion_group!(benches, bench, report_json, report_html);
criterion_main!(benches);
