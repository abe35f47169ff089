//! The pair view driven through `App::update` and rendered into ratatui's
//! `TestBackend`: state changes, and snapshots of whole frames at 80×24 and
//! 160×48 with Chinese text (wide and ambiguous-width characters).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use taohua::app::pair::{DocInfo, PairSession};
use taohua::theme::Theme;
use taohua::tui::app::{App, Input};
use taohua::tui::keymap::{Action, Keymap};
use taohua::tui::layout::Row;
use taohua::tui::model::{PairModel, Side};
use taohua::tui::words::WordSplitter;
use taohua_core::compare::{CompareOptions, Op};

const Y2023: &str = include_str!("../examples/2023_青川市_科协讲话.txt");
const Y2024: &str = include_str!("../examples/2024_青川市_科协讲话.txt");

fn model(left: (&str, &str), right: (&str, &str)) -> PairModel {
    let side = |(name, text): (&str, &str)| DocInfo::read(&format!("examples/{name}.txt"), text);
    PairSession::new(
        (side(left), left.1),
        (side(right), right.1),
        CompareOptions::default(),
    )
    .unwrap()
    .model()
}

fn app(width: u16, height: u16, ambiguous_wide: bool) -> App {
    let m = model(
        ("2023_青川市_科协讲话", Y2023),
        ("2024_青川市_科协讲话", Y2024),
    );
    App::new(
        m,
        Keymap::builtin(),
        vec![Theme::default()],
        WordSplitter::unavailable(),
        ambiguous_wide,
        (width, height),
    )
}

fn frame(app: &App) -> String {
    let g = app.geometry;
    let mut terminal = Terminal::new(TestBackend::new(g.width as u16, g.height as u16)).unwrap();
    terminal.draw(|f| taohua::tui::draw::draw(f, app)).unwrap();
    common::buffer_text(terminal.backend().buffer(), app.ambiguous_wide)
}

fn act(app: &mut App, a: Action) {
    app.update(Input::Action(a));
}

#[test]
fn first_frame_80x24() {
    let app = app(80, 24, false);
    insta::assert_snapshot!("first_frame_80x24", frame(&app));
}

#[test]
fn first_frame_160x48() {
    let app = app(160, 48, false);
    insta::assert_snapshot!("first_frame_160x48", frame(&app));
}

#[test]
fn selected_passage_and_help_160x48() {
    let mut app = app(160, 48, false);
    for _ in 0..5 {
        act(&mut app, Action::NextPassage);
    }
    insta::assert_snapshot!("fifth_passage_160x48", frame(&app));
    act(&mut app, Action::Help);
    insta::assert_snapshot!("help_160x48", frame(&app));
}

#[test]
fn ambiguous_wide_frame_80x24() {
    let mut app = app(80, 24, true);
    // Scroll to text with “quotes” (ambiguous width).
    for _ in 0..6 {
        act(&mut app, Action::NextChange);
    }
    insta::assert_snapshot!("ambiguous_wide_80x24", frame(&app));
}

#[test]
fn no_line_is_wider_than_the_terminal_at_any_size() {
    for (w, h) in [(80, 24), (160, 48), (41, 12), (20, 6), (12, 4)] {
        for wide in [false, true] {
            let mut app = app(w, h, wide);
            for _ in 0..3 {
                let text = frame(&app);
                for line in text.lines() {
                    let width: usize = line
                        .chars()
                        .map(|c| taohua::tui::wrap::char_width(c, wide))
                        .sum();
                    assert!(
                        width <= w as usize + 1,
                        "{w}x{h} wide={wide}: {line:?} is {width} columns"
                    );
                }
                act(&mut app, Action::PageDown);
            }
        }
    }
}

#[test]
fn n_walks_passages_and_lights_both_sides() {
    let mut app = app(160, 48, false);
    assert_eq!(app.selected, None);
    act(&mut app, Action::NextPassage);
    let first = app.selected.unwrap();
    act(&mut app, Action::NextPassage);
    assert_eq!(app.selected, Some(first + 1));
    act(&mut app, Action::PrevPassage);
    assert_eq!(app.selected, Some(first));
    // Far passages scroll into view on the focused side.
    let last = app.model.passages.len() - 1;
    app.select(last);
    let p = app.model.passages[last];
    let unit = app.unit_of(Side::Left, p.left.0).unwrap();
    let visible_rows: Vec<usize> = app.visible().iter().map(|l| l.row).collect();
    let row = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Unit(k) if *k == unit))
        .unwrap();
    assert!(
        visible_rows.contains(&row),
        "row {row} not in {visible_rows:?}"
    );
    act(&mut app, Action::NextPassage);
    assert_eq!(app.selected, Some(0), "wraps around");
}

#[test]
fn scrolling_keys_stay_in_bounds() {
    let mut app = app(80, 24, false);
    act(&mut app, Action::Up);
    assert_eq!(app.top, 0);
    act(&mut app, Action::Down);
    assert_eq!(app.top, 1);
    act(&mut app, Action::Bottom);
    assert_eq!(app.top, app.max_top());
    act(&mut app, Action::PageDown);
    assert_eq!(app.top, app.max_top());
    act(&mut app, Action::HalfPageUp);
    assert!(app.top < app.max_top());
    act(&mut app, Action::Top);
    assert_eq!(app.top, 0);
    app.update(Input::Scroll(3));
    assert_eq!(app.top, 3);
}

#[test]
fn next_change_skips_identical_units() {
    let mut app = app(160, 48, false);
    for _ in 0..10 {
        act(&mut app, Action::NextChange);
        let row = app.top_row();
        match app.rows[row] {
            Row::Unit(k) => assert!(app.model.units[k].changed()),
            Row::Replace { .. } => {}
            other => panic!("stopped on {other:?}"),
        }
    }
}

#[test]
fn moved_unit_and_its_ghost() {
    let mut app = app(160, 48, false);
    let moved = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Unit(k) if app.model.units[*k].op == Op::Moved))
        .expect("the examples plant a moved paragraph");
    let ghost = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Ghost(_)))
        .expect("a ghost row");
    app.top = app.layout.starts[moved];
    act(&mut app, Action::JumpMoved);
    let visible: Vec<usize> = app.visible().iter().map(|l| l.row).collect();
    assert!(visible.contains(&ghost), "jumped to the ghost");
    assert!(!visible.contains(&moved) || ghost.abs_diff(moved) < 20);
    app.top = app.layout.starts[ghost];
    act(&mut app, Action::JumpMoved);
    let visible: Vec<usize> = app.visible().iter().map(|l| l.row).collect();
    assert!(visible.contains(&moved), "and back");
}

#[test]
fn search_finds_chinese_text_and_n_continues() {
    let mut app = app(160, 48, false);
    act(&mut app, Action::Search);
    assert!(app.search.editing);
    app.update(Input::SearchPaste("科普".into()));
    app.update(Input::SearchSubmit);
    assert!(!app.search.editing);
    let hits = app.search.hits.len();
    assert!(hits > 10, "{hits} hits");
    let first = app.search.current.unwrap();
    act(&mut app, Action::NextPassage);
    assert_eq!(app.search.current, Some((first + 1) % hits));
    assert!(app.search.hits.iter().any(|(s, _)| *s == Side::Right));
    act(&mut app, Action::Quit);
    assert!(app.search.hits.is_empty(), "Esc clears the search first");
    assert!(!app.quit);
    act(&mut app, Action::Search);
    app.update(Input::SearchChar('龘'));
    app.update(Input::SearchSubmit);
    assert!(app.search.hits.is_empty());
    assert!(app.message.contains("not found"));
}

#[test]
fn fold_collapses_identical_runs_and_unfolds() {
    let m = model(
        ("2023_青川市_科协讲话", Y2023),
        ("2023_青川市_科协讲话", Y2023),
    );
    let mut app = App::new(
        m,
        Keymap::builtin(),
        vec![],
        WordSplitter::unavailable(),
        false,
        (160, 48),
    );
    let rows = app.rows.len();
    assert!(rows > 40);
    act(&mut app, Action::Fold);
    assert_eq!(
        app.rows,
        vec![Row::Fold {
            first: 0,
            count: rows
        }]
    );
    assert_eq!(app.layout.total(), 1);
    act(&mut app, Action::Fold);
    assert_eq!(app.rows.len(), rows);
    // A passage inside a fold unfolds when n goes to it.
    act(&mut app, Action::Fold);
    act(&mut app, Action::NextPassage);
    assert!(!app.fold);
}

#[test]
fn click_selects_the_passage_under_the_mouse() {
    let mut app = app(160, 48, false);
    // Find a visible left character inside a passage and click on it.
    let lines = app.visible();
    let (y, x) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| {
            let (s, e) = l.left?;
            let pos = (s..e).find(|&p| app.model.left.passage_at[p as usize].is_some())?;
            let col: usize = (s..pos)
                .map(|p| taohua::tui::wrap::char_width(app.model.left.chars[p as usize], false))
                .sum();
            Some((i + 1, col))
        })
        .unwrap();
    app.update(Input::Click {
        x: x as u16,
        y: y as u16,
    });
    assert!(app.selected.is_some());
}

#[test]
fn resize_reflows_and_keeps_the_place() {
    let mut app = app(160, 48, false);
    for _ in 0..8 {
        act(&mut app, Action::NextChange);
    }
    let row = app.top_row();
    app.update(Input::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(app.geometry.pane, 35);
    assert_eq!(app.top_row(), row);
    assert!(app.layout.total() > 0);
}

#[test]
fn quit_closes_help_first() {
    let mut app = app(80, 24, false);
    act(&mut app, Action::Help);
    act(&mut app, Action::Quit);
    assert!(!app.help && !app.quit);
    act(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn themes_cycle_and_granularity_toggles() {
    let m = model(
        ("2023_青川市_科协讲话", Y2023),
        ("2024_青川市_科协讲话", Y2024),
    );
    let themes: Vec<Theme> = Theme::builtin_names()
        .iter()
        .filter_map(|n| Theme::builtin(n))
        .collect();
    let mut app = App::new(
        m,
        Keymap::builtin(),
        themes,
        WordSplitter::unavailable(),
        false,
        (80, 24),
    );
    let first = app.theme().name.clone();
    act(&mut app, Action::NextTheme);
    assert_ne!(app.theme().name, first);
    act(&mut app, Action::Granularity);
    assert_eq!(app.granularity, taohua::tui::words::Granularity::Char);
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let evil = "同志们：\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}科协工作要\u{9b}31m做到哪里。\n第二段\u{0}文字\u{8}内容。\n";
    let m = model(("evil", evil), ("evil2", evil));
    let app = App::new(
        m,
        Keymap::builtin(),
        vec![],
        WordSplitter::unavailable(),
        false,
        (80, 24),
    );
    let text = frame(&app); // asserts no control character in any cell
    assert!(text.contains('␛'), "escape made visible:\n{text}");
}

#[test]
fn selected_passage_is_lit_in_both_panes_and_passages_are_coloured() {
    use taohua::theme::Role;
    let mut app = app(160, 48, false);
    // The first passage whose two sides share a row.
    let k = (0..app.model.passages.len())
        .find(|&k| {
            let p = app.model.passages[k];
            let (l, r) = (
                app.unit_of(Side::Left, p.left.0),
                app.unit_of(Side::Right, p.right.0),
            );
            l.is_some() && l == r
        })
        .unwrap();
    app.focus = Side::Left;
    app.select(k);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal.draw(|f| taohua::tui::draw::draw(f, &app)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let bg_of = |role: Role| match app.theme().style(role).bg {
        Some(taohua::theme::Colour::Rgb(r, g, b)) => ratatui::style::Color::Rgb(r, g, b),
        other => panic!("theme role without rgb background: {other:?}"),
    };
    let selected = bg_of(Role::Selected);
    let exact = bg_of(Role::Exact);
    let g = app.geometry;
    let count = |color, from: usize, to: usize| {
        (1..47u16)
            .flat_map(|y| (from as u16..to as u16).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].bg == color)
            .count()
    };
    assert!(
        count(selected, g.left_x, g.gutter_x) > 0,
        "selected passage lit on the left"
    );
    assert!(
        count(selected, g.right_x, g.right_x + g.pane) > 0,
        "and on the right"
    );
    assert!(
        count(exact, g.left_x, g.gutter_x) > 0,
        "other passages coloured"
    );
}

/// A county plan and its copy re-issued by another county, with names left
/// behind (the fixtures of tests/reissue.rs).
fn reissued_app() -> App {
    let source = include_str!("fixtures/reissue/2024_安化县_森林防火方案.txt");
    let copy = include_str!("fixtures/reissue/2025_丰城市_森林防火方案.txt");
    let side = |name: &str, text: &'static str| (DocInfo::read(name, text), text);
    let m = PairSession::new(
        side("2024_安化县_森林防火方案.txt", source),
        side("2025_丰城市_森林防火方案.txt", copy),
        CompareOptions::default(),
    )
    .unwrap()
    .model();
    App::new(
        m,
        Keymap::builtin(),
        vec![Theme::default()],
        WordSplitter::unavailable(),
        false,
        (120, 32),
    )
}

#[test]
fn substitutions_panel_visits_each_occurrence_and_names_left_behind() {
    let mut app = reissued_app();
    assert_eq!(app.model.leftovers.len(), 3);
    assert_eq!(
        app.model.right.leftovers.len(),
        3,
        "marked in the right pane"
    );
    assert!(frame(&app).contains("⚠ 3 left behind"));
    act(&mut app, Action::Substitutions);
    let panel = app.panel.clone().expect("the panel opens");
    assert_eq!(panel.cursor, 0);
    insta::assert_snapshot!("substitutions_panel_120x32", frame(&app));
    // The first row is 安化县 → 丰城市 ×5: n walks its occurrences, lit on both sides.
    let first = app.model.substitutions[0].clone();
    assert_eq!(
        (first.left.as_str(), first.right.as_str()),
        ("安化县", "丰城市")
    );
    for k in 0..first.occurrences.len() + 1 {
        act(&mut app, Action::NextPassage);
        let (l, r) = first.occurrences[k % first.occurrences.len()];
        assert_eq!(app.visit, vec![(Side::Left, l), (Side::Right, r)]);
    }
    act(&mut app, Action::PrevPassage);
    let last = first.occurrences.len() - 1;
    assert_eq!(
        app.panel.as_ref().unwrap().visited,
        Some(last),
        "N goes back"
    );
    // The last rows are the names left behind: Enter shows each in the copy.
    act(&mut app, Action::Bottom);
    act(&mut app, Action::Down);
    let rows = app.panel_rows();
    for _ in 0..rows {
        act(&mut app, Action::Down);
    }
    assert_eq!(app.panel.as_ref().unwrap().cursor, rows - 1);
    act(&mut app, Action::Open);
    let last = app.model.leftovers.last().unwrap().clone();
    assert_eq!(app.visit, vec![(last.side, last.span)]);
    assert_eq!(app.focus, Side::Right);
    let shown: String = app.model.right.chars[last.span.0 as usize..last.span.1 as usize]
        .iter()
        .collect();
    assert_eq!(shown, "小淹镇");
    assert!(
        app.message.contains("湖南省益阳市安化县小淹镇"),
        "{}",
        app.message
    );
    // Esc closes the panel, then quits.
    act(&mut app, Action::Quit);
    assert!(app.panel.is_none() && app.visit.is_empty() && !app.quit);
    act(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn the_panel_says_when_there_is_nothing_to_show() {
    let mut app = app(80, 24, false);
    // The example pair has substitutions (2023 → 2024) but no names left behind.
    assert!(app.model.leftovers.is_empty());
    act(&mut app, Action::Substitutions);
    assert!(app.panel.is_some());
    act(&mut app, Action::Substitutions);
    assert!(app.panel.is_none());
    let mut alone = App::new(
        model(("a", "同志们：今天开会。"), ("b", "各位代表：现在开会。")),
        Keymap::builtin(),
        vec![Theme::default()],
        WordSplitter::unavailable(),
        false,
        (80, 24),
    );
    act(&mut alone, Action::Substitutions);
    assert!(alone.panel.is_none());
    assert_eq!(alone.message, "no substitutions and no names left behind");
}
