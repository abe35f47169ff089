//! The trace screen driven through `TraceApp::update` and rendered into
//! ratatui's `TestBackend`, over a library of the example speeches.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use taohua::app::library::add::{add, AddOptions, BATCH_CHARS};
use taohua::app::library::{trace, Library};
use taohua::app::pair::DocInfo;
use taohua::theme::Theme;
use taohua::tui::app::Input;
use taohua::tui::keymap::{Action, Keymap};
use taohua::tui::trace::{render, TraceApp};
use taohua::tui::words::WordSplitter;
use taohua_core::commonness::Filter;
use taohua_core::corpus::meta::NamePattern;
use taohua_core::trace::Facts;

/// A speech assembled from the 2023 city speech and the province's, traced.
fn app(dir: &std::path::Path) -> TraceApp {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut lib = Library::open_or_create(&dir.join("lib.sqlite")).unwrap();
    let opts = AddOptions {
        pattern: NamePattern::default(),
        manifest: None,
        encoding: None,
        batch_chars: BATCH_CHARS,
    };
    add(&mut lib, std::slice::from_ref(&examples), &opts, &|_, _| {}).unwrap();
    let city = std::fs::read_to_string(examples.join("2023_青川市_科协讲话.txt")).unwrap();
    let prov = std::fs::read_to_string(examples.join("2024_云岭省_科协讲话.txt")).unwrap();
    let mut text = String::from("2025年青川市科协工作会议讲话\n");
    for line in city.lines().skip(3).take(5) {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(
        "今年我们还要在乡村振兴一线建设五十个科普驿站，让农民朋友在家门口学到实用技术。\n",
    );
    for line in prov.lines().skip(8).take(3) {
        text.push_str(line);
        text.push('\n');
    }
    let info = DocInfo::read("2025_青川市_科协讲话.txt", &text);
    let facts = Facts {
        year: info.meta.year,
        region: info.meta.region.clone(),
        kind: info.meta.kind.clone(),
    };
    let result = trace(&lib, &text, &facts, &Filter::default(), &Default::default()).unwrap();
    TraceApp::new(
        lib,
        info,
        result,
        (Keymap::builtin(), vec![Theme::default()], false),
        (120, 30),
        WordSplitter::unavailable(),
    )
}

fn frame(app: &TraceApp) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|f| render(app, f.area(), f.buffer_mut()))
        .unwrap();
    common::buffer_text(terminal.backend().buffer(), false)
}

#[test]
fn the_trace_screen_lists_sources_and_opens_a_pair() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let names: Vec<&str> = app
        .result
        .sources
        .iter()
        .map(|s| s.doc.path.as_str())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("2023_青川市_科协讲话.txt")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("2024_云岭省_科协讲话.txt")),
        "{names:?}"
    );
    // Sources are labelled by file stem, the document by the name it was
    // given: the frame does not depend on where the test runs.
    insta::assert_snapshot!("trace_screen_120x30", frame(&app));

    // The second source, then its passages.
    app.update(Input::Action(Action::Down));
    assert_eq!(app.cursor, 1);
    app.update(Input::Action(Action::NextPassage));
    app.update(Input::Action(Action::PrevPassage));
    // Enter opens the pair view on the selected source and the document.
    app.update(Input::Action(Action::Open));
    let pair = app.pair.as_ref().expect("pair view opened");
    let second = app.result.sources[1]
        .doc
        .meta
        .year
        .as_ref()
        .map(|f| f.value);
    assert!(
        pair.model
            .left
            .header
            .contains(&second.unwrap().to_string()),
        "{}",
        pair.model.left.header
    );
    assert!(
        pair.model.right.header.contains("2025"),
        "{}",
        pair.model.right.header
    );
    app.update(Input::Action(Action::Quit));
    assert!(app.pair.is_none() && !app.quit);
    // A key the screen does not use says so.
    app.update(Input::Action(Action::Fold));
    assert!(
        app.message.contains("not on this screen"),
        "{}",
        app.message
    );
    app.update(Input::Action(Action::Quit));
    assert!(app.quit);
}
