//! The configuration folder as a user meets it: `taohua config --print`
//! says what is in effect and where each value came from; a bad
//! `config.toml`, `keymap.toml` or theme is the same one-line error, naming
//! the file and the line, with exit code 2, in every command and mode.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_taohua");

/// A home with a configuration folder (`xdg/taohua/`).
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("xdg/taohua")).unwrap();
        Home { dir }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("xdg/taohua")
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.config().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env("LC_ALL", "C")
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg"))
            .output()
            .expect("the taohua binary runs")
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

#[test]
fn config_print_says_where_each_setting_came_from() {
    let home = Home::new();
    let out = home.run(&["config"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("theme = \"dark\""), "{text}");
    assert!(text.contains("# from the default"), "{text}");
    assert!(text.contains("config.toml: absent"), "{text}");

    let config = home.write(
        "config.toml",
        "# mine\nambiguous_width = 2\ntheme = \"light\"\n",
    );
    let out = home.run(&["config", "--print"]);
    let text = stdout(&out);
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or("")
            .to_string()
    };
    assert!(
        line("theme").ends_with(&format!("# from {}: line 3", config.display())),
        "{text}"
    );
    assert!(
        line("ambiguous_width = 2").ends_with(&format!("# from {}: line 2", config.display())),
        "{text}"
    );
    // An option wins, and says so.
    let out = home.run(&[
        "config",
        "--print",
        "--theme",
        "dark",
        "--ambiguous-width",
        "1",
    ]);
    let text = stdout(&out);
    assert!(text.contains("# from --theme"), "{text}");
    assert!(text.contains("# from --ambiguous-width"), "{text}");
    let out = home.run(&["config", "--path"]);
    assert_eq!(stdout(&out).trim(), home.config().display().to_string());
}

/// Every command line below must refuse the same bad setting with the same
/// line and exit code 2: reports in each format, the corpus, extract.
fn refused_everywhere(home: &Home, extra: &[&str], want: &str) {
    let ex = examples();
    let a = ex.join("2023_青川市_科协讲话.txt");
    let b = ex.join("2024_青川市_科协讲话.txt");
    let (a, b, ex) = (
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        ex.to_str().unwrap(),
    );
    let commands: Vec<Vec<&str>> = vec![
        vec!["compare", a, b, "--format", "text"],
        vec!["compare", a, b, "--format", "json"],
        vec![a, b, "--format", "csv"],
        vec!["demo", "--format", "html"],
        vec!["demo", "--format", "md"],
        vec!["corpus", ex, "--format", "text"],
        vec!["corpus", ex, "--format", "json"],
    ];
    for mut args in commands {
        args.extend(extra);
        let out = home.run(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}\nwanted: {want}");
        assert!(out.stdout.is_empty(), "{args:?}: printed a report anyway");
    }
}

#[test]
fn a_bad_config_file_is_the_same_error_in_every_mode() {
    let home = Home::new();
    let config = home.write("config.toml", "ambiguous_width = 2\n\ncolour = \"red\"\n");
    refused_everywhere(&home, &[], &format!("{}: line 3: ", config.display()));
    let out = home.run(&[
        "extract",
        examples()
            .join("2023_青川市_科协讲话.txt")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_bad_theme_named_in_the_config_names_the_file_not_an_option() {
    let home = Home::new();
    let config = home.write("config.toml", "theme = \"purple\"\n");
    let want = format!(
        "{}: line 1: theme = \"purple\": no such theme",
        config.display()
    );
    refused_everywhere(&home, &[], &want);
    let err = stderr(&home.run(&["demo", "--format", "text"]));
    assert!(!err.contains("--theme"), "{err}");
}

#[test]
fn a_bad_keymap_is_the_same_error_in_every_mode() {
    let home = Home::new();
    let keymap = home.write(
        "keymap.toml",
        "[[binding]]\naction = \"jump\"\nkeys = [\"x\"]\n",
    );
    refused_everywhere(
        &home,
        &[],
        &format!("{}: line 2: unknown action \"jump\"", keymap.display()),
    );
    // The same file named with --keymap, the folder's file gone.
    std::fs::rename(&keymap, home.dir.path().join("mine.toml")).unwrap();
    refused_everywhere(
        &home,
        &["--keymap", "mine.toml"],
        "mine.toml: line 2: unknown action \"jump\"",
    );
    refused_everywhere(&home, &["--theme", "mauve"], "--theme mauve: no such theme");
}
