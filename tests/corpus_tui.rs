//! The corpus screens driven through `CorpusApp::update` and rendered into
//! ratatui's `TestBackend`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use taohua::app::corpus::{CorpusDoc, LoadedCorpus};
use taohua::tui::app::Input;
use taohua::tui::corpus::{CorpusApp, DocSort, GroupBy, Screen};
use taohua::tui::keymap::{Action, Keymap};
use taohua::tui::words::WordSplitter;
use taohua_core::corpus::analysis::CorpusOptions;
use taohua_core::corpus::meta::{resolve, NamePattern};

const EXAMPLES: [(&str, &str); 3] = [
    (
        "2023_青川市_科协讲话.txt",
        include_str!("../examples/2023_青川市_科协讲话.txt"),
    ),
    (
        "2024_青川市_科协讲话.txt",
        include_str!("../examples/2024_青川市_科协讲话.txt"),
    ),
    (
        "2024_云岭省_科协讲话.txt",
        include_str!("../examples/2024_云岭省_科协讲话.txt"),
    ),
];

fn app() -> CorpusApp {
    let pattern = NamePattern::default();
    let docs: Vec<CorpusDoc> = EXAMPLES
        .iter()
        .map(|(name, text)| CorpusDoc {
            path: format!("examples/{name}"),
            meta: resolve(name, text, None, &pattern),
            chars: text.chars().count(),
        })
        .collect();
    let opts = CorpusOptions {
        common_above: 1.0,
        ..CorpusOptions::default()
    };
    let texts = EXAMPLES.iter().map(|(_, t)| t.to_string()).collect();
    let data = LoadedCorpus::analyse(docs, texts, opts, &|_, _, _| {}).unwrap();
    CorpusApp::new(
        data,
        Keymap::builtin(),
        vec![],
        false,
        (120, 32),
        WordSplitter::unavailable(),
    )
}

fn frame(app: &CorpusApp) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|f| taohua::tui::corpus_draw::draw(f, app))
        .unwrap();
    common::buffer_text(terminal.backend().buffer(), false)
}

fn act(app: &mut CorpusApp, a: Action) {
    app.update(Input::Action(a));
}

#[test]
fn screens_render_and_switch() {
    let mut app = app();
    insta::assert_snapshot!("corpus_documents", frame(&app));
    act(&mut app, Action::FocusOther);
    assert_eq!(app.screen, Screen::Heatmap);
    insta::assert_snapshot!("corpus_heatmap", frame(&app));
    act(&mut app, Action::FocusOther);
    assert_eq!(app.screen, Screen::Phrases);
    insta::assert_snapshot!("corpus_phrases", frame(&app));
    act(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Heatmap);
}

#[test]
fn documents_sort_and_open_the_main_earlier_source() {
    let mut app = app();
    assert_eq!(app.sort, DocSort::Year);
    act(&mut app, Action::Sort);
    assert_eq!(app.sort, DocSort::Region);
    act(&mut app, Action::Sort);
    assert_eq!(app.sort, DocSort::Reuse);
    // The most reused document is the 2024 city speech; Enter compares it with 2023.
    act(&mut app, Action::Top);
    let first = app.doc_order[0];
    assert!(
        app.data.docs[first].path.contains("2024_青川市"),
        "{}",
        app.data.docs[first].path
    );
    act(&mut app, Action::Open);
    let pair = app.pair.as_ref().expect("pair view opened");
    assert!(pair.model.left.header.contains("2023"));
    assert!(pair.model.right.header.contains("2024"));
    act(&mut app, Action::Quit);
    assert!(
        app.pair.is_none(),
        "q leaves the pair view, back to the corpus"
    );
    assert!(!app.quit);
}

#[test]
fn heatmap_groups_and_opens_the_strongest_pair() {
    let mut app = app();
    act(&mut app, Action::FocusOther);
    assert_eq!(app.heat.labels, ["2023", "2024"]);
    act(&mut app, Action::Regroup);
    assert_eq!(app.group, GroupBy::Region);
    assert_eq!(app.heat.labels.len(), 2);
    act(&mut app, Action::Regroup);
    // Row 2023, column 2024.
    act(&mut app, Action::Top);
    act(&mut app, Action::Right);
    act(&mut app, Action::Open);
    assert!(app.pair.is_some());
}

#[test]
fn phrase_timeline_marks_two_and_opens_them_with_the_phrase_selected() {
    let mut app = app();
    act(&mut app, Action::FocusOther);
    act(&mut app, Action::FocusOther);
    // The distinctive sentence all three speeches share.
    let k = (0..app.phrase_list.len())
        .filter(|&i| {
            app.data.analysis.phrases[app.phrase_list[i]]
                .text
                .contains("科协组织就覆盖到哪里")
        })
        .max_by_key(|&i| {
            app.data.analysis.phrases[app.phrase_list[i]]
                .documents
                .len()
        })
        .expect("the shared sentence is a phrase");
    app.phrase_cursor = k;
    act(&mut app, Action::Open);
    let t = app.timeline.clone().expect("timeline open");
    assert_eq!(t.docs.len(), 3);
    insta::assert_snapshot!("corpus_timeline", frame(&app));
    act(&mut app, Action::Mark);
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark);
    assert_eq!(app.timeline.as_ref().unwrap().marked.len(), 2);
    act(&mut app, Action::Open);
    let pair = app.pair.as_ref().expect("pair view opened");
    let selected = pair.selected.expect("the phrase's passage is selected");
    let p = pair.model.passages[selected];
    let text: String = pair.model.left.chars[p.left.0 as usize..p.left.1 as usize]
        .iter()
        .collect();
    assert!(text.contains("科协组织就覆盖到哪里"), "{text}");
    act(&mut app, Action::Quit);
    act(&mut app, Action::Quit);
    assert!(app.timeline.is_none());
    act(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn templates_list_their_values_by_year_and_open_a_document_at_an_instance() {
    let mut app = app();
    act(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Templates);
    assert!(!app.data.analysis.templates.is_empty());
    // Most documents first.
    let docs = |t: &taohua_core::corpus::templates::Template| {
        t.instances
            .iter()
            .map(|i| i.doc)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let counts: Vec<usize> = app.data.analysis.templates.iter().map(docs).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    insta::assert_snapshot!("corpus_templates", frame(&app));
    act(&mut app, Action::Open);
    let detail = app.template.clone().expect("the template's timeline");
    insta::assert_snapshot!("corpus_template_timeline", frame(&app));
    // The last instance (the latest year), opened beside the first.
    act(&mut app, Action::Bottom);
    act(&mut app, Action::Open);
    let tpl = &app.data.analysis.templates[detail.template];
    let inst = &tpl.instances[*detail.instances.last().unwrap()];
    let pair = app.pair.as_ref().expect("pair view opened");
    let (side, span) = pair.visit[0];
    assert_eq!(span, inst.span);
    let shown: String = pair.model.side(side).chars[span.0 as usize..span.1 as usize]
        .iter()
        .collect();
    assert!(shown.contains(&inst.values[0]), "{shown}");
    // Back to the timeline, then the list.
    act(&mut app, Action::Quit);
    assert!(app.pair.is_none() && app.template.is_some());
    act(&mut app, Action::Quit);
    assert!(app.template.is_none() && !app.quit);
}
