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
fn a_related_unit_has_its_own_gutter_mark() {
    // The examples keep one paragraph in place, rewritten around a list it
    // kept (similarity 0.27): related, not matched.
    let mut app = app(160, 48, false);
    let row = app
        .rows
        .iter()
        .position(|r| matches!(r, Row::Unit(k) if app.model.units[*k].op == Op::Related))
        .expect("the examples hold a related pair");
    let Row::Unit(k) = app.rows[row] else {
        unreachable!()
    };
    let similarity = app.model.units[k].similarity;
    app.top = app.layout.starts[row];
    let text = frame(&app);
    let mark = format!("≈ {similarity:.2}");
    assert!(text.contains(&mark), "no {mark} in\n{text}");
    assert!(!text.contains(&format!("~ {similarity:.2}")), "{text}");
}

#[test]
fn pieces_of_a_split_apart_render_and_jump() {
    // Paragraph 3's second sentence moved seven paragraphs down: a split
    // unit and a moved unit share the left paragraph (one group).
    let paras = [
        "一、过去一年工作回顾",
        "全年举办学术交流活动一百二十场，参与专家学者两千余人次，学术交流的层次和影响力明显提升，多个学会承办了全国性学术年会。",
        "深入实施全民科学素质行动，面向青少年开展科技创新大赛和科学调查体验活动，面向农民开展农业实用技术培训，覆盖乡镇一百四十个。",
        "加强基层科协组织建设，推动科协组织向企业园区延伸覆盖。全年新建企业科协三十五家，园区科协八家，基层组织体系更加健全。",
        "做好科技工作者状况调查，及时反映科技工作者的意见建议，形成专题调研报告六篇，其中两篇获得市领导批示。",
        "建设科技志愿服务队伍，打造一批群众喜闻乐见的科普品牌，注册科技志愿者突破一万人，开展志愿服务活动八百余场。",
        "二、今年重点工作",
        "围绕发展新质生产力，把科技助企行动升级为科技服务产业链行动，为每条重点产业链配备一个专家服务团和一名科技特派员。",
        "深化学会治理改革，健全理事会和监事会制度，规范换届选举和财务管理，对长期不开展活动的学会实行动态调整。",
        "推进科普信息化建设，汇聚优质科普视频和图文资源，让群众在指尖上共享优质科普资源，年内上线科普云平台。",
        "加强科协干部队伍建设，开展全员轮训，选派年轻干部到基层一线和重点项目挂职锻炼，提升服务本领。",
        "三、切实加强党的建设",
    ];
    let left = paras.join("\n");
    let (first, second) = paras[3].split_once('。').unwrap();
    let mut moved: Vec<String> = paras.iter().map(|p| p.to_string()).collect();
    moved[3] = format!("{first}。");
    moved.insert(10, second.to_string());
    let right = moved.join("\n");
    let m = model(("2024_某市_讲话", &left), ("2025_某市_讲话", &right));
    let grouped: Vec<_> = m.units.iter().filter(|u| u.left == [3]).collect();
    assert_eq!(grouped.len(), 2, "{:?}", m.units);
    let mut app = App::new(
        m,
        Keymap::builtin(),
        vec![Theme::default()],
        WordSplitter::unavailable(),
        false,
        (120, 40),
    );
    let text = frame(&app);
    assert!(text.contains("⇉"), "{text}");
    assert!(text.contains("↷ R¶11"), "{text}");
    act(&mut app, Action::JumpMoved);
    act(&mut app, Action::JumpMoved);
    let _ = frame(&app);
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

/// The pair view of the examples as `compare` opens it: stock language
/// measured against the built-in reference.
fn app_with_reference(width: u16, height: u16) -> App {
    let side = |name: &str, text: &str| DocInfo::read(&format!("examples/{name}.txt"), text);
    let (a, b) = (
        side("2023_青川市_科协讲话", Y2023),
        side("2024_青川市_科协讲话", Y2024),
    );
    let reference = taohua::app::reference::choose("built-in").unwrap();
    let options = CompareOptions {
        stock: taohua::app::reference::stock_options(reference, &b.meta),
        ..CompareOptions::default()
    };
    let m = PairSession::new((a, Y2023), (b, Y2024), options)
        .unwrap()
        .model();
    App::new(
        m,
        Keymap::builtin(),
        vec![Theme::default()],
        WordSplitter::unavailable(),
        false,
        (width, height),
    )
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
fn skip_stock_makes_n_pass_over_stock_passages() {
    let mut app = app_with_reference(160, 48);
    let n = app.model.passages.len();
    let stock = app.model.passages.iter().filter(|p| p.stock).count();
    assert!(stock > 0 && stock < n, "{stock} of {n} passages stock");
    assert!(
        app.model.passages.iter().any(|p| p.commonness.is_some()),
        "passages carry their commonness"
    );
    // By default n stops at every passage, stock ones included.
    let mut seen = Vec::new();
    for _ in 0..n {
        act(&mut app, Action::NextPassage);
        seen.push(app.selected.unwrap());
    }
    assert!(seen.iter().any(|&k| app.model.passages[k].stock));
    // With S, a whole round of n visits every specific passage and no stock one.
    act(&mut app, Action::SkipStock);
    assert!(app.skip_stock);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..n {
        act(&mut app, Action::NextPassage);
        let k = app.selected.unwrap();
        assert!(
            !app.model.passages[k].stock,
            "n stopped at stock passage {k}"
        );
        seen.insert(k);
    }
    assert_eq!(seen.len(), n - stock);
    // N goes back the same way.
    act(&mut app, Action::PrevPassage);
    assert!(!app.model.passages[app.selected.unwrap()].stock);
    // i again: stock passages are stops again.
    act(&mut app, Action::SkipStock);
    assert!(!app.skip_stock);
}

#[test]
fn stock_passages_are_drawn_dimmed() {
    use taohua::theme::Role;
    let app = app_with_reference(160, 48);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal.draw(|f| taohua::tui::draw::draw(f, &app)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let fg = match app.theme().style(Role::Stock).fg {
        Some(taohua::theme::Colour::Rgb(r, g, b)) => ratatui::style::Color::Rgb(r, g, b),
        other => panic!("stock role without an rgb colour: {other:?}"),
    };
    // A stock passage on the first screen (以习近平新时代中国特色社会主义思想为指导…).
    let cells = (1..47u16)
        .flat_map(|y| (0..160u16).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].fg == fg)
        .count();
    assert!(cells > 10, "stock passages drawn in the stock colour");
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
