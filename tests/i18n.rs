//! The interface in Chinese and English: the language chosen by `--lang`,
//! then `lang` in config.toml, then `LC_ALL`, `LC_MESSAGES` and `LANG`; the
//! pair view and the text report snapshotted in both; `--help` in both; the
//! JSON the same whatever the language.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use taohua::app::pair::{DocInfo, PairSession};
use taohua::i18n::{self, Lang};
use taohua::theme::Theme;
use taohua::tui::app::{App, Input};
use taohua::tui::keymap::{Action, Keymap};
use taohua::tui::words::WordSplitter;
use taohua_core::compare::CompareOptions;

const BIN: &str = env!("CARGO_BIN_EXE_taohua");
const Y2023: &str = include_str!("../examples/2023_青川市_科协讲话.txt");
const Y2024: &str = include_str!("../examples/2024_青川市_科协讲话.txt");
const EX_2023: &str = "examples/2023_青川市_科协讲话.txt";
const EX_2024: &str = "examples/2024_青川市_科协讲话.txt";

fn app(width: u16, height: u16) -> App {
    let side = |name: &str, text: &str| DocInfo::read(&format!("examples/{name}.txt"), text);
    let model = PairSession::new(
        (side("2023_青川市_科协讲话", Y2023), Y2023),
        (side("2024_青川市_科协讲话", Y2024), Y2024),
        CompareOptions::default(),
    )
    .unwrap()
    .model();
    App::new(
        model,
        Keymap::builtin(),
        vec![Theme::default()],
        WordSplitter::unavailable(),
        false,
        (width, height),
    )
}

fn frame(app: &App) -> String {
    let g = app.geometry;
    let mut terminal = Terminal::new(TestBackend::new(g.width as u16, g.height as u16)).unwrap();
    terminal.draw(|f| taohua::tui::draw::draw(f, app)).unwrap();
    common::buffer_text(terminal.backend().buffer(), false)
}

/// The pair view after the first passage, then with help open, in `lang`.
fn frames(lang: Lang) -> (String, String) {
    i18n::scoped(lang, || {
        let mut app = app(120, 40);
        app.update(Input::Action(Action::NextPassage));
        let first = frame(&app);
        app.update(Input::Action(Action::Help));
        (first, frame(&app))
    })
}

#[test]
fn the_pair_view_in_english_and_chinese() {
    let (en, en_help) = frames(Lang::En);
    let (zh, zh_help) = frames(Lang::Zh);
    insta::assert_snapshot!("pair_view_en_120x40", en);
    insta::assert_snapshot!("pair_view_zh_120x40", zh);
    insta::assert_snapshot!("pair_help_zh_120x40", zh_help);
    assert!(en.contains("reused L") && en.contains("passage 1/"), "{en}");
    assert!(zh.contains("复用 L") && zh.contains("第 1/"), "{zh}");
    assert!(en_help.contains("taohua keys") && en_help.contains("Colours"));
    assert!(zh_help.contains("taohua 按键") && zh_help.contains("颜色"));
    assert!(zh_help.contains("下移一行"), "{zh_help}");
}

/// A folder for the configuration, and `taohua` run with it and `env`.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config(&self, text: &str) -> PathBuf {
        let folder = self.dir.path().join("taohua");
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("config.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    fn run(&self, env: &[(&str, &str)], args: &[&str]) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("NO_COLOR", "1")
            .env("XDG_CONFIG_HOME", self.dir.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn stdout(&self, env: &[(&str, &str)], args: &[&str]) -> String {
        let out = self.run(env, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn is_chinese_help(text: &str) -> bool {
    text.contains("用法：") && text.contains("比较中文公文") && !text.contains("Usage:")
}

fn is_english_help(text: &str) -> bool {
    text.contains("Usage:") && text.contains("Compare Chinese official") && !text.contains("用法")
}

#[test]
fn help_speaks_the_language_of_the_option_then_the_locale() {
    let s = Sandbox::new();
    assert!(is_chinese_help(&s.stdout(&[], &["--lang", "zh", "--help"])));
    assert!(is_chinese_help(&s.stdout(&[], &["--lang=zh", "-h"])));
    assert!(is_chinese_help(
        &s.stdout(&[("LANG", "zh_CN.UTF-8")], &["--help"])
    ));
    assert!(is_english_help(&s.stdout(
        &[("LANG", "zh_CN.UTF-8")],
        &["--lang", "en", "--help"]
    )));
    assert!(is_english_help(&s.stdout(&[], &["--help"])));
    // LC_ALL wins over LANG; LC_MESSAGES over LANG.
    assert!(is_english_help(&s.stdout(
        &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")],
        &["--help"]
    )));
    assert!(is_chinese_help(&s.stdout(
        &[("LC_MESSAGES", "zh_TW"), ("LANG", "en_US")],
        &["--help"]
    )));
    // Every command's help, in Chinese.
    let corpus = s.stdout(&[], &["corpus", "--help", "--lang", "zh"]);
    assert!(corpus.contains("一个文件夹中文档之间的复用"), "{corpus}");
    assert!(corpus.contains("示例："), "{corpus}");
    let add = s.stdout(&[("LANG", "zh_CN.UTF-8")], &["library", "add", "-h"]);
    assert!(add.contains("添加文档"), "{add}");
}

#[test]
fn a_bad_lang_is_refused_as_a_usage_error() {
    let s = Sandbox::new();
    let out = s.run(&[], &["--lang", "fr", "--help"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lang"));
}

#[test]
fn the_config_file_chooses_the_language_and_the_option_wins() {
    let s = Sandbox::new();
    let path = s.config("theme = \"light\"\nlang = \"zh\"\n");
    assert!(is_chinese_help(
        &s.stdout(&[("LANG", "en_US.UTF-8")], &["--help"])
    ));
    assert!(is_english_help(&s.stdout(&[], &["--lang", "en", "--help"])));
    let print = s.stdout(&[("LANG", "en_US.UTF-8")], &["config", "--print"]);
    let line = print
        .lines()
        .find(|l| l.starts_with("lang = "))
        .unwrap_or_else(|| panic!("{print}"));
    assert!(line.starts_with("lang = \"zh\""), "{line}");
    assert!(
        line.contains(&format!("{}: line 2", path.display())),
        "{line}"
    );
    let print = s.stdout(&[], &["--lang", "en", "config", "--print"]);
    assert!(print.contains("lang = \"en\""), "{print}");
    assert!(print.contains("# from --lang"), "{print}");
    // A bad value is the configuration's usual error.
    let path = s.config("lang = \"fr\"\n");
    let out = s.run(&[], &["config", "--print"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}: line 1", path.display())) && err.contains("zh"),
        "{err}"
    );
}

#[test]
fn config_print_names_the_locale_the_language_came_from() {
    let s = Sandbox::new();
    let print = s.stdout(&[("LANG", "zh_CN.UTF-8")], &["config", "--print"]);
    assert!(print.contains("LANG=zh_CN.UTF-8"), "{print}");
}

#[test]
fn the_text_report_in_english_and_chinese() {
    let s = Sandbox::new();
    let args = [
        "compare", EX_2023, EX_2024, "--format", "text", "--top", "5",
    ];
    let en = s.stdout(&[("LANG", "en_US.UTF-8")], &args);
    let zh = s.stdout(&[("LANG", "zh_CN.UTF-8")], &args);
    insta::assert_snapshot!("text_report_en", en);
    insta::assert_snapshot!("text_report_zh", zh);
    assert!(en.contains("Reused  L") && en.contains("── Aligned units"));
    assert!(zh.contains("复用  L") && zh.contains("── 对齐段落"));
    // --lang before the command is not taken for a file.
    let before = s.stdout(
        &[],
        &["--lang", "zh", "compare", EX_2023, EX_2024, "--top", "5"],
    );
    assert_eq!(before, zh);
}

#[test]
fn json_is_the_same_in_every_language() {
    let s = Sandbox::new();
    let args = [
        "compare",
        EX_2023,
        "examples/2024_云岭省_科协讲话.txt",
        "--format",
        "json",
    ];
    let en = s.stdout(&[], &args);
    let zh = s.stdout(&[("LANG", "zh_CN.UTF-8")], &args);
    assert_eq!(en, zh);
    let corpus = |env: &[(&str, &str)]| s.stdout(env, &["corpus", "examples", "--format", "json"]);
    assert_eq!(corpus(&[]), corpus(&[("LANG", "zh_CN.UTF-8")]));
}

#[test]
fn the_markdown_and_corpus_reports_speak_chinese() {
    let s = Sandbox::new();
    let zh = [("LANG", "zh_CN.UTF-8")];
    let md = s.stdout(&zh, &["compare", EX_2023, EX_2024, "--format", "md"]);
    assert!(
        md.contains("| | 左 | 右 |") && md.contains("**复用**"),
        "{md}"
    );
    let corpus = s.stdout(&zh, &["corpus", "examples", "--format", "text"]);
    assert!(corpus.starts_with("taohua 语料库："), "{corpus}");
    assert!(!corpus.contains("documents"), "{corpus}");
}
