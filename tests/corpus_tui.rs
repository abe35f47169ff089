//! The corpus screens driven through `CorpusApp::update` (and, for typed and
//! pasted text, through the terminal's event mapping) and rendered into
//! ratatui's `TestBackend`, at 80×24 and 160×48.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use taohua::app::corpus::{CorpusDoc, LoadedCorpus};
use taohua::tui::app::Input;
use taohua::tui::corpus::{CorpusApp, DocSort, GroupBy, PairSort, PhraseSort, Screen};
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

/// A loaded corpus of named texts, analysed with slogans never common.
fn corpus(docs: &[(String, String)]) -> LoadedCorpus {
    let pattern = NamePattern::default();
    let meta: Vec<CorpusDoc> = docs
        .iter()
        .map(|(name, text)| CorpusDoc {
            path: format!("corpus/{name}"),
            meta: resolve(name, text, None, &pattern),
            chars: text.chars().count(),
        })
        .collect();
    let opts = CorpusOptions {
        common_above: 1.0,
        ..CorpusOptions::default()
    };
    let texts = docs.iter().map(|(_, t)| t.clone()).collect();
    LoadedCorpus::analyse(meta, texts, opts, &|_, _, _| {}).unwrap()
}

fn screens(data: LoadedCorpus, size: (u16, u16)) -> CorpusApp {
    CorpusApp::new(
        data,
        Keymap::builtin(),
        vec![],
        false,
        size,
        WordSplitter::unavailable(),
    )
}

fn examples() -> Vec<(String, String)> {
    EXAMPLES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

fn app() -> CorpusApp {
    screens(corpus(&examples()), (80, 24))
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

fn resize(app: &mut CorpusApp, width: u16, height: u16) {
    app.update(Input::Resize { width, height });
}

/// A key press as the terminal reports it, through the screens' own mapping.
fn press(app: &mut CorpusApp, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    match taohua::tui::term::corpus_input(app, ev) {
        Ok(Some(input)) => app.update(input),
        Ok(None) => {}
        Err(key) => app.unbound_key(&key),
    }
}

/// Typed text: one key event per character, as an input method commits it.
fn type_text(app: &mut CorpusApp, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn screens_render_and_switch_at_both_sizes() {
    let mut app = app();
    for (w, h) in [(80, 24), (160, 48)] {
        resize(&mut app, w, h);
        for screen in Screen::ORDER {
            while app.screen != screen {
                act(&mut app, Action::FocusOther);
            }
            let name = format!("corpus_{screen:?}_{w}x{h}").to_lowercase();
            insta::assert_snapshot!(name, frame(&app));
        }
        act(&mut app, Action::FocusOther);
        assert_eq!(app.screen, Screen::Documents);
    }
    act(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Templates);
    act(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Phrases);
}

#[test]
fn the_document_list_says_what_each_figure_counts() {
    let app = app();
    let text = frame(&app);
    // The union over the earlier documents, and the main source's own share.
    let d = app
        .doc_order
        .iter()
        .copied()
        .find(|&d| app.data.docs[d].path.contains("2024_青川市"))
        .unwrap();
    let e = app.data.earlier(d).unwrap();
    let union = format!("{:.1}% from {} earlier", 100.0 * e.ratio(), e.documents);
    assert!(text.contains(&union), "{union} in\n{text}");
    let (source, share) = app.data.top_source(d).unwrap();
    assert!(app.data.label(source).contains("2023_青川市"));
    assert!(
        text.contains(&format!("{:.1}% from 2023_青川市", 100.0 * share)),
        "{text}"
    );
    assert!(
        text.contains("the union"),
        "the foot explains the figures:\n{text}"
    );
}

#[test]
fn documents_sort_and_open_the_main_earlier_source() {
    let mut app = app();
    assert_eq!(app.sort, DocSort::Year);
    act(&mut app, Action::Sort);
    assert_eq!(app.sort, DocSort::Region);
    assert_eq!(app.message, "documents sorted by region");
    act(&mut app, Action::Sort);
    assert_eq!(app.sort, DocSort::Earlier);
    // The most reused document is the 2024 city speech; Enter compares it with 2023.
    act(&mut app, Action::Top);
    let first = app.doc_order[0];
    assert!(
        app.data.docs[first].path.contains("2024_青川市"),
        "{}",
        app.data.docs[first].path
    );
    act(&mut app, Action::SortReverse);
    assert_eq!(app.doc_order.last(), Some(&first), "S reverses the order");
    act(&mut app, Action::SortReverse);
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
fn pairs_and_phrases_can_be_resorted() {
    let mut app = app();
    act(&mut app, Action::FocusOther);
    assert_eq!(app.screen, Screen::Pairs);
    let by_score = app.pair_order.clone();
    assert!(!by_score.is_empty());
    act(&mut app, Action::Sort);
    assert_eq!(app.pair_sort, PairSort::Distinctive);
    let pairs = &app.data.analysis.pairs;
    assert!(app
        .pair_order
        .windows(2)
        .all(|w| pairs[w[0]].specific_chars >= pairs[w[1]].specific_chars));
    act(&mut app, Action::Open);
    assert!(app.pair.is_some(), "Enter opens the pair");
    act(&mut app, Action::Quit);
    act(&mut app, Action::FocusOther);
    act(&mut app, Action::FocusOther);
    assert_eq!(app.screen, Screen::Phrases);
    act(&mut app, Action::Sort);
    assert_eq!(app.phrase_sort, PhraseSort::Length);
    let phrases = &app.data.analysis.phrases;
    assert!(app
        .phrase_list
        .windows(2)
        .all(|w| phrases[w[0]].chars >= phrases[w[1]].chars));
    // The heatmap is no table: s says so.
    act(&mut app, Action::PrevScreen);
    act(&mut app, Action::Sort);
    assert!(
        app.message.contains("the heatmap is not sorted"),
        "{}",
        app.message
    );
}

#[test]
fn heatmap_groups_and_opens_the_strongest_pair() {
    let mut app = app();
    act(&mut app, Action::FocusOther);
    act(&mut app, Action::FocusOther);
    assert_eq!(app.screen, Screen::Heatmap);
    assert_eq!(app.heat.labels, ["2023", "2024"]);
    act(&mut app, Action::Regroup);
    assert_eq!(app.group, GroupBy::Region);
    assert_eq!(app.heat.labels.len(), 2);
    act(&mut app, Action::Regroup);
    // Row 2023, column 2024: the status line names the pair and its score.
    act(&mut app, Action::Top);
    act(&mut app, Action::Right);
    app.message.clear();
    let text = frame(&app);
    let status = text.lines().nth(23).unwrap();
    assert!(status.contains("2023 × 2024: 2023_青川市"), "{status}");
    assert!(status.contains("score 0."), "{status}");
    assert!(text.contains("█ ≥"), "a legend for the shading:\n{text}");
    act(&mut app, Action::Open);
    assert!(app.pair.is_some());
}

/// Documents of these regions, each with a sentence only its neighbour
/// shares, so that every pair of regions has a cell.
fn provinces() -> Vec<(String, String)> {
    let regions = [
        "广东省",
        "广西壮族自治区",
        "江苏省",
        "江西省",
        "河北省",
        "河南省",
        "湖北省",
        "湖南省",
    ];
    let shared = "坚持把实体经济作为构建现代化产业体系的着力点";
    regions
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let own = format!("{r}今年新建产业园区{k}个，推动制造业集群发展取得新突破。");
            (
                format!("2025_{r}_政府工作报告.txt"),
                format!("{r}政府工作报告\n{own}\n{shared}，加快发展新质生产力。\n"),
            )
        })
        .collect()
}

#[test]
fn heatmap_labels_tell_guangdong_from_guangxi() {
    let mut app = screens(corpus(&provinces()), (80, 24));
    act(&mut app, Action::FocusOther);
    act(&mut app, Action::FocusOther);
    act(&mut app, Action::Regroup);
    assert_eq!(app.group, GroupBy::Region);
    let text = frame(&app);
    insta::assert_snapshot!("corpus_heatmap_regions_80x24", text);
    let header = text.lines().nth(2).unwrap();
    for short in [
        "广东", "广西", "江苏", "江西", "河北", "河南", "湖北", "湖南",
    ] {
        assert!(header.contains(short), "{short} in {header}");
    }
    // Full names label the rows.
    assert!(text.contains("广西壮族自治区"), "{text}");
    // The selected cell's pair in the status line.
    act(&mut app, Action::Right);
    app.message.clear();
    let text = frame(&app);
    let status = text.lines().nth(23).unwrap();
    assert!(status.contains("广东省 × 广西壮族自治区"), "{status}");
}

/// One phrase in documents from 1992 to 2026, in many regions: a timeline
/// wider and taller than 80×24.
fn spanning() -> Vec<(String, String)> {
    let regions = [
        "全国",
        "北京市",
        "天津市",
        "河北省",
        "山西省",
        "内蒙古自治区",
        "辽宁省",
        "吉林省",
        "黑龙江省",
        "上海市",
        "江苏省",
        "浙江省",
        "安徽省",
        "福建省",
        "江西省",
        "山东省",
    ];
    let phrase = "坚持和发展中国特色社会主义道路不动摇";
    (1992..=2026)
        .map(|y: i32| {
            let r = regions[(y as usize * 7) % regions.len()];
            (
                format!("{y}_{r}_政府工作报告.txt"),
                format!("{y}年{r}政府工作报告\n{r}{y}年要{phrase}，各项事业取得新进展{y}。\n"),
            )
        })
        .collect()
}

/// Every label seen in the timeline's grid while the cursor walks every
/// occurrence.
fn walk_timeline(app: &mut CorpusApp) -> String {
    let mut seen = String::new();
    let n = app.timeline.as_ref().unwrap().docs.len();
    for _ in 0..n {
        seen.push_str(&frame(app));
        act(app, Action::Down);
    }
    seen
}

#[test]
fn a_phrase_from_the_1990s_to_2026_shows_every_year_and_region() {
    let mut app = screens(corpus(&spanning()), (80, 24));
    act(&mut app, Action::PrevScreen);
    act(&mut app, Action::PrevScreen);
    // In every document, the phrase is stock: shown with `c`.
    act(&mut app, Action::ToggleCommon);
    let k = app
        .phrase_list
        .iter()
        .position(|&p| app.data.family_docs(p).len() == 35)
        .expect("the phrase family in all 35 documents");
    app.phrase_cursor = k;
    act(&mut app, Action::Open);
    let t = app.timeline.clone().unwrap();
    assert_eq!(t.years.len(), 35);
    let first = frame(&app);
    insta::assert_snapshot!("corpus_timeline_spanning_80x24", first);
    assert!(first.contains("+"), "what is cut is counted:\n{first}");
    assert!(first.contains("more"), "{first}");
    let seen = walk_timeline(&mut app);
    for y in 1992..=2026 {
        let two = format!("{:02}", y % 100);
        assert!(seen.contains(&two), "{y} never shown");
    }
    for r in &t.regions {
        let r = r.clone().unwrap();
        assert!(seen.contains(&r), "{r} never shown");
    }
    // h/l step a year.
    act(&mut app, Action::Top);
    act(&mut app, Action::Right);
    let t = app.timeline.as_ref().unwrap();
    assert_eq!(app.data.year(t.docs[t.cursor]), Some(1993));
    resize(&mut app, 160, 48);
    insta::assert_snapshot!("corpus_timeline_spanning_160x48", frame(&app));
}

/// The bar on the shared corpus: 中国特色社会主义 from 1992 to 2026.
#[test]
fn the_real_phrase_timeline_scrolls_to_every_year_and_region() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.join("MANIFEST.tsv").exists() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let opts = taohua::app::corpus::LoadOptions {
        analysis: CorpusOptions::default(),
        pattern: NamePattern::default(),
        manifest: None,
        encoding: None,
        filter: Default::default(),
        selection: Default::default(),
    };
    let data = LoadedCorpus::load(&[dir], &opts, &|_, _, _| {}).unwrap();
    let mut app = screens(data, (80, 24));
    act(&mut app, Action::PrevScreen);
    act(&mut app, Action::PrevScreen);
    act(&mut app, Action::ToggleCommon);
    act(&mut app, Action::Search);
    type_text(&mut app, "中国特色社会主义");
    press(&mut app, KeyCode::Enter);
    let p = app
        .phrase_list
        .iter()
        .position(|&p| app.data.analysis.phrases[p].text == "中国特色社会主义")
        .expect("the phrase is found");
    app.phrase_cursor = p;
    act(&mut app, Action::Open);
    let t = app.timeline.clone().unwrap();
    assert!(t.years.first().unwrap().unwrap() < 2000);
    assert_eq!(t.years.last().unwrap().unwrap(), 2026);
    let seen = walk_timeline(&mut app);
    for y in t.years.iter().flatten() {
        assert!(seen.contains(&format!("{:02}", y % 100)), "{y} never shown");
    }
    for r in t.regions.iter().flatten() {
        assert!(seen.contains(&r[..r.len().min(12)]), "{r} never shown");
    }
}

#[test]
fn search_finds_a_typed_and_a_pasted_chinese_phrase() {
    let mut app = app();
    act(&mut app, Action::PrevScreen);
    act(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Phrases);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "科协组织就覆盖");
    assert!(
        frame(&app).contains("/科协组织就覆盖"),
        "the prompt shows it"
    );
    press(&mut app, KeyCode::Enter);
    assert!(!app.phrase_list.is_empty(), "{}", app.message);
    for &p in &app.phrase_list {
        assert!(app.data.analysis.phrases[p].text.contains("科协组织就覆盖"));
    }
    insta::assert_snapshot!("corpus_phrase_search_80x24", frame(&app));
    // Esc clears the search; a paste starts one.
    press(&mut app, KeyCode::Esc);
    assert!(app.phrase_search.is_none());
    let all = app.phrase_list.len();
    let ev = Event::Paste("联系服务就延伸到哪里".into());
    app.update(taohua::tui::term::corpus_input(&app, ev).unwrap().unwrap());
    press(&mut app, KeyCode::Enter);
    assert!(app.phrase_list.len() < all && !app.phrase_list.is_empty());
    // Punctuation and width fold as passages do.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "科协组织，就覆盖");
    press(&mut app, KeyCode::Enter);
    assert!(!app.phrase_list.is_empty(), "{}", app.message);
    // On the documents screen (past the templates), names.
    act(&mut app, Action::FocusOther);
    act(&mut app, Action::FocusOther);
    assert_eq!(app.screen, Screen::Documents);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "云岭");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.doc_order.len(), 1, "{}", app.message);
    assert!(app.message.contains("--library"), "{}", app.message);
}

#[test]
fn with_a_library_search_finds_the_text_of_documents() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in EXAMPLES {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let path = dir.path().join("lib.sqlite");
    let mut lib = taohua::app::library::Library::open_or_create(&path).unwrap();
    let opts = taohua::app::library::AddOptions {
        pattern: NamePattern::default(),
        manifest: None,
        encoding: None,
        batch_chars: taohua::app::library::add::BATCH_CHARS,
    };
    taohua::app::library::add::add(&mut lib, &[dir.path().to_path_buf()], &opts, &|_, _| {})
        .unwrap();
    let data = LoadedCorpus::from_library(
        &lib,
        &Default::default(),
        CorpusOptions::default(),
        &|_, _, _| {},
    )
    .unwrap();
    let mut app = screens(data, (80, 24));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "科协组织就覆盖到哪里");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.doc_order.len(), 3, "{}", app.message);
    assert!(app.message.contains("3 carry the text"), "{}", app.message);
}

#[test]
fn the_filter_key_narrows_every_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('F'));
    type_text(&mut app, "2024");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.years, Some((2024, 2024)));
    assert_eq!(app.doc_order.len(), 2, "{}", app.message);
    assert_eq!(app.message, "2 of 3 documents pass --year 2024");
    assert!(frame(&app).contains("2 of 3 documents · --year 2024"));
    assert!(app
        .pair_order
        .iter()
        .all(|&k| app.data.year(app.data.analysis.pairs[k].a) == Some(2024)));
    // A region by part of its name; a name that fits two is refused.
    press(&mut app, KeyCode::Char('F'));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "云岭");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.region.as_deref(), Some("云岭省"));
    assert_eq!(app.doc_order.len(), 1);
    press(&mut app, KeyCode::Char('F'));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "省市");
    press(&mut app, KeyCode::Enter);
    assert!(app.message.contains("no kind or region"), "{}", app.message);
    // Empty clears it.
    press(&mut app, KeyCode::Char('F'));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.filter.is_empty());
    assert_eq!(app.doc_order.len(), 3);
}

#[test]
fn every_key_acts_or_says_why_not() {
    let mut app = app();
    // Pair-view keys on a corpus screen.
    for (key, action) in [('n', "pair view"), (']', "pair view"), ('w', "pair view")] {
        press(&mut app, KeyCode::Char(key));
        assert!(app.message.contains(action), "{key}: {}", app.message);
    }
    // A key bound to nothing.
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(app.message, "z does nothing here; ? lists the keys");
    // h/l outside the heatmap; x outside a timeline.
    press(&mut app, KeyCode::Char('l'));
    assert!(app.message.contains("heatmap"), "{}", app.message);
    press(&mut app, KeyCode::Char('x'));
    assert!(app.message.contains("timeline"), "{}", app.message);
    // Enter on the first document, which has nothing earlier.
    act(&mut app, Action::Top);
    act(&mut app, Action::Open);
    assert!(app.pair.is_none());
    assert!(app.message.contains("no earlier source"), "{}", app.message);
    // The help lists the filter key, and fits 80×24.
    press(&mut app, KeyCode::Char('?'));
    let help = frame(&app);
    insta::assert_snapshot!("corpus_help_80x24", help);
    assert!(
        help.contains("Corpus: filter by kind, year or region"),
        "{help}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(!app.help && !app.quit);
}

#[test]
fn phrase_timeline_marks_two_and_opens_them_with_the_phrase_selected() {
    let mut app = app();
    resize(&mut app, 160, 48);
    act(&mut app, Action::PrevScreen);
    act(&mut app, Action::PrevScreen);
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
    insta::assert_snapshot!("corpus_timeline_160x48", frame(&app));
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
