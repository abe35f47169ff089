//! Shell integration, tried as a new user would: completion scripts for
//! every shell, the manual page, `--help` with examples, and a mistyped
//! command that gets clap's "did you mean" rather than "no such file".

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_taohua");

/// Run the binary in `dir` with `args`, in English, with no user
/// configuration.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C")
        .env("XDG_CONFIG_HOME", dir.join("no-config"))
        .output()
        .expect("the taohua binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_in(dir.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        for word in ["corpus", "compare", "ambiguous-width", "left-encoding"] {
            assert!(script.contains(word), "{shell}: no {word} in the script");
        }
    }
    let out = run_in(dir.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("possible values"));
}

#[test]
fn man_prints_a_page_and_writes_one_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH taohua 1"),
        "{page}"
    );
    assert!(page.contains("corpus"));
    let pages = dir.path().join("man1");
    let out = run_in(dir.path(), &["man", "--out", pages.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for name in ["taohua.1", "taohua-compare.1", "taohua-library-add.1"] {
        assert!(pages.join(name).is_file(), "{name} missing");
    }
    assert!(
        !pages.join("taohua-help.1").exists(),
        "clap's help command gets no page"
    );
}

#[test]
fn a_mistyped_command_gets_a_suggestion_not_no_such_file() {
    let dir = tempfile::tempdir().unwrap();
    for (typo, command) in [
        ("corpsu", "corpus"),
        ("compre", "compare"),
        ("exrtact", "extract"),
    ] {
        let out = run_in(dir.path(), &[typo, "speeches", "b.txt"]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{typo}: {err}");
        assert!(err.contains("similar subcommand"), "{typo}: {err}");
        assert!(err.contains(&format!("'{command}'")), "{typo}: {err}");
        assert!(!err.contains("no such file"), "{typo}: {err}");
    }
    // A word close to no command is still a missing file.
    let out = run_in(dir.path(), &["speech-2023.txt", "speech-2024.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("speech-2023.txt: no such file"));
}

#[test]
fn a_file_named_like_a_mistyped_command_is_still_compared() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("corpsu"),
        "同志们：今年要加强科普阵地建设。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "同志们：今年要加强科普阵地建设。\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["corpsu", "b.txt", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("\"schema\": \"taohua.compare/1\""));
}

#[test]
fn short_and_long_help_open_with_the_same_sentence_and_show_examples() {
    let dir = tempfile::tempdir().unwrap();
    let short = text(&run_in(dir.path(), &["-h"]).stdout);
    let long = text(&run_in(dir.path(), &["--help"]).stdout);
    assert_eq!(short.lines().next(), long.lines().next());
    assert!(long.contains("Examples:"));
    for command in ["compare", "corpus", "demo", "extract", "completions", "man"] {
        let help = text(&run_in(dir.path(), &[command, "--help"]).stdout);
        assert!(
            help.contains("Examples:") || help.contains("Install:"),
            "{command} --help has no examples"
        );
    }
}

#[test]
fn each_json_option_names_its_own_schema() {
    let dir = tempfile::tempdir().unwrap();
    for (command, schema) in [
        (vec!["trace", "--help"], "taohua.trace/1"),
        (vec!["find", "--help"], "taohua.find/1"),
        (vec!["library", "info", "--help"], "taohua.library/1"),
    ] {
        let help = text(&run_in(dir.path(), &command).stdout);
        assert!(help.contains(schema), "{command:?}: {help}");
    }
    let eval = text(&run_in(dir.path(), &["eval", "--help"]).stdout);
    assert!(!eval.contains("taohua.compare/1"), "{eval}");
}

#[test]
fn demo_and_corpus_take_color() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &["demo", "--format", "text", "--brief", "--color", "always"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains('\u{1b}'));
    let out = run_in(
        dir.path(),
        &["demo", "--format", "text", "--color", "never"],
    );
    assert!(!text(&out.stdout).contains('\u{1b}'));
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let out = run_in(
        dir.path(),
        &[
            "corpus",
            examples.to_str().unwrap(),
            "--format",
            "text",
            "--color",
            "always",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("\u{1b}[1m── "));
}
