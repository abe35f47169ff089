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
    text.contains("用法: ") && text.contains("比较中文公文") && !text.contains("Usage:")
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
    // The file chose Chinese, so its origin is told in Chinese.
    assert!(
        line.contains(&format!("# 来自 {}：第 2 行", path.display())),
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

impl Sandbox {
    /// Standard error of a run that is to fail with `code`.
    fn stderr_failing(&self, env: &[(&str, &str)], args: &[&str], code: i32) -> String {
        let out = self.run(env, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}

#[test]
fn the_library_reports_speak_chinese() {
    let s = Sandbox::new();
    let lib = s.path("lib.sqlite");
    let add = s.stdout(
        &[],
        &[
            "--lang",
            "zh",
            "library",
            "add",
            "examples",
            "--library",
            &lib,
        ],
    );
    assert!(
        add.contains("新增 3 篇") && add.contains("现有3 篇文档"),
        "{add}"
    );
    let info = s.stdout(&[], &["--lang", "zh", "library", "info", "--library", &lib]);
    for label in [
        "文档库",
        "文档数  3",
        "字数",
        "磁盘",
        "年份    2023–2024",
        "地区    2 个",
        "类型",
    ] {
        assert!(info.contains(label), "{label}: {info}");
    }
    assert!(!info.contains("documents"), "{info}");
    let list = s.stdout(&[], &["library", "list", "--library", &lib, "--lang", "zh"]);
    let header = list.lines().nth(1).unwrap();
    assert!(
        header.contains("编号") && header.contains("年份") && header.ends_with("路径"),
        "{list}"
    );
    // English stays as it was.
    let info = s.stdout(&[], &["library", "info", "--library", &lib]);
    assert!(
        info.starts_with("library   ") && info.contains("\ndocuments 3\n"),
        "{info}"
    );
    let err = s.stderr_failing(
        &[("LANG", "zh_CN.UTF-8")],
        &["library", "info", "--library", &s.path("none.sqlite")],
        2,
    );
    assert!(err.contains("none.sqlite：这里没有文档库"), "{err}");
}

#[test]
fn reference_info_and_eval_tables_speak_chinese() {
    let s = Sandbox::new();
    let info = s.stdout(&[], &["--lang", "zh", "reference", "info"]);
    assert!(
        info.starts_with("参照 built-in：") && info.contains("个地区"),
        "{info}"
    );
    let eval = s.stdout(&[], &["--lang", "zh", "eval", "examples", "--limit", "2"]);
    let header = eval.lines().nth(1).unwrap();
    assert!(
        header.starts_with("文档对") && header.contains("找到") && header.contains("对齐 P"),
        "{eval}"
    );
    assert!(
        eval.contains("合成文档对：") && eval.contains("相关阈值"),
        "{eval}"
    );
    let en = s.stdout(&[], &["eval", "examples", "--limit", "2"]);
    assert!(en.lines().nth(1).unwrap().starts_with("pair "), "{en}");
}

#[test]
fn the_html_corpus_report_speaks_chinese() {
    let s = Sandbox::new();
    let html = s.stdout(
        &[],
        &["--lang", "zh", "corpus", "examples", "--format", "html"],
    );
    assert!(html.contains("<html lang=\"zh\">"), "lang attribute");
    for words in [
        "<h2>各地区之间最强的一对</h2>",
        "<h2>按长度共享特有文字最多的文档对</h2>",
        "<th class=\"num\">得分</th>",
        "<h2>套话短语</h2>",
        "<h2>文档：早期文档中已有的比例</h2>",
        "由 taohua 生成",
    ] {
        assert!(html.contains(words), "{words}");
    }
    for english in [
        "Strongest pair",
        "Made by taohua",
        "<th class=\"num\">score</th>",
    ] {
        assert!(!html.contains(english), "{english}");
    }
    let en = s.stdout(&[], &["corpus", "examples", "--format", "html"]);
    assert!(
        en.contains("<html lang=\"en\">") && en.contains("<h2>Strongest pair between regions</h2>")
    );
}

#[test]
fn config_print_and_config_errors_speak_chinese() {
    let s = Sandbox::new();
    let print = s.stdout(&[], &["--lang", "zh", "config", "--print"]);
    assert!(
        print.starts_with("# taohua config --print：当前生效的设置"),
        "{print}"
    );
    assert!(
        print.contains("# 来自 默认值") && print.contains("# 来自 --lang"),
        "{print}"
    );
    assert!(print.contains("：不存在"), "{print}");
    let path = s.config("ambiguous_width = 1\ntheme = \"mauve\"\n");
    let err = s.stderr_failing(&[], &["--lang", "zh", "config", "--print"], 2);
    assert!(
        err.contains(&format!("{}：第 2 行", path.display()))
            && err.contains("没有这个主题或主题文件"),
        "{err}"
    );
    s.config("colors = \"8\"\n");
    let err = s.stderr_failing(&[], &["--lang", "zh", "config", "--print"], 2);
    assert!(
        err.contains("：第 1 行：colors = \"8\"：只能是") && err.contains("（可用的键："),
        "{err}"
    );
    // A keymap's error names its file and line, in Chinese.
    s.config("");
    let keymap = s.dir.path().join("taohua").join("keymap.toml");
    std::fs::write(&keymap, "[[binding]]\naction = \"fly\"\nkeys = [\"j\"]\n").unwrap();
    let err = s.stderr_failing(&[("LANG", "zh_CN.UTF-8")], &["config", "--print"], 2);
    assert!(
        err.contains(&format!("{}：第 2 行：未知操作 \"fly\"", keymap.display())),
        "{err}"
    );
}

#[test]
fn warnings_and_listing_messages_speak_chinese() {
    let s = Sandbox::new();
    // 啊阿 in GB18030, 陛陝 in Big5: an uncertain guess.
    let file = s.path("short.txt");
    std::fs::write(&file, [0xB0, 0xA1, 0xB0, 0xA2]).unwrap();
    let out = s.run(&[], &["--lang", "zh", "extract", &file]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!(
            "taohua: 警告：{file}：编码是猜测的：按 GB18030 读取"
        )),
        "{err}"
    );
    assert!(err.contains("按 Big5 也能读"), "{err}");
    // Why a file was skipped, in words; the JSON keeps its English reason.
    let out = s.run(
        &[("LANG", "zh_CN.UTF-8")],
        &["corpus", "examples", "--verbose", "--format", "json"],
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("已跳过 examples/README.md：README、LICENSE 之类的文件"),
        "{err}"
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("\"detail\": \"a README, LICENSE"));
    // A manifest's error, worded by the application, with its line.
    let dir = s.dir.path().join("docs");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(EX_2023, dir.join("a.txt")).unwrap();
    std::fs::write(dir.join("MANIFEST.tsv"), "file\tyear\na.txt\t12\n").unwrap();
    let err = s.stderr_failing(
        &[],
        &[
            "--lang",
            "zh",
            "corpus",
            dir.to_str().unwrap(),
            "--format",
            "json",
        ],
        2,
    );
    assert!(
        err.contains("MANIFEST.tsv：清单第 2 行：年份 `12`"),
        "{err}"
    );
    assert!(!err.contains("manifest line"), "{err}");
    // A library none of whose documents passes the filter.
    let lib = s.path("empty.sqlite");
    s.stdout(&[], &["library", "add", "--library", &lib, "examples"]);
    let err = s.stderr_failing(
        &[],
        &[
            "--lang",
            "zh",
            "corpus",
            "--library",
            &lib,
            "--year",
            "1990",
        ],
        2,
    );
    assert!(err.contains("empty.sqlite：没有文档符合"), "{err}");
    // A usage error of the corpus command.
    let err = s.stderr_failing(
        &[],
        &["--lang", "zh", "corpus", "examples", "--common-above", "2"],
        2,
    );
    assert!(
        err.contains("--common-above 2：请给出 0 到 1 之间的比例"),
        "{err}"
    );
}

#[test]
fn grow_says_what_it_wrote_in_chinese() {
    let s = Sandbox::new();
    let out = s.path("grown");
    let said = s.stdout(
        &[],
        &["--lang", "zh", "grow", "examples", &out, "--times", "1"],
    );
    assert!(
        said.starts_with("已将 ") && said.contains(" 篇文档写入 "),
        "{said}"
    );
}
