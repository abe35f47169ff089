//! The real binary in a pseudo-terminal (util-linux `script`): keys typed,
//! the alternate screen entered and left, the terminal restored. Skipped
//! where `script` is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

fn script_available() -> bool {
    Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Run `taohua ARGS` at 80×24 in a pseudo-terminal, typing `keys`, then
/// print the terminal's mode; returns everything the terminal received.
fn run_in_pty(args: &str, keys: &[&[u8]]) -> (bool, String) {
    let bin = env!("CARGO_BIN_EXE_taohua");
    let shell =
        format!("stty rows 24 cols 80; {bin} {args}; code=$?; echo; echo EXIT=$code; stty -a");
    let mut child = Command::new("script")
        .env("LC_ALL", "C")
        .args(["-qec", &shell, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Keys typed before the program switches the terminal to raw mode would
    // be lost in the line buffer: give a debug build time to start.
    std::thread::sleep(Duration::from_millis(2500));
    for k in keys {
        std::thread::sleep(Duration::from_millis(300));
        stdin.write_all(k).unwrap();
        stdin.flush().unwrap();
    }
    std::thread::sleep(Duration::from_millis(500));
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// How many passages the demo pair has, from its JSON report.
fn passages_in_demo() -> usize {
    let out = Command::new(env!("CARGO_BIN_EXE_taohua"))
        // The English interface, whatever the machine's locale.
        .env("LC_ALL", "C")
        .args(["demo", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["passages"].as_array().unwrap().len()
}

#[test]
fn demo_opens_navigates_and_restores_the_terminal() {
    if !script_available() {
        eprintln!("skipped: util-linux script not installed");
        return;
    }
    let (ok, out) = run_in_pty("demo", &[b"n", b"n", b"?", b"q", b"q"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("\u{1b}[?1049h"),
        "entered the alternate screen"
    );
    assert!(out.contains("\u{1b}[?1049l"), "left the alternate screen");
    // The status line changed from "N passages" to "passage k/N" (ratatui
    // writes only the cells that change, so the whole phrase may be split).
    let n = passages_in_demo();
    assert!(
        out.contains(&format!("/{n}")),
        "n selected one of the {n} passages"
    );
    assert!(out.contains("taohua keys"), "? showed the help");
    assert!(out.contains("EXIT=0"), "{out}");
    // After quitting, the terminal is back in canonical mode with echo.
    let modes = out.rsplit("EXIT=0").next().unwrap_or("");
    assert!(
        modes.contains(" icanon") && modes.contains(" echo"),
        "terminal not restored: {modes}"
    );
    assert!(!out.contains("panicked"));
}

/// A bad keymap is refused on a terminal exactly as in a pipe: one line,
/// exit code 2, before the screen opens.
#[test]
fn a_bad_keymap_is_refused_on_a_terminal_too() {
    if !script_available() {
        eprintln!("skipped: util-linux script not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let keymap = dir.path().join("bad.toml");
    std::fs::write(&keymap, "[[binding]]\naction = \"jump\"\nkeys = [\"x\"]\n").unwrap();
    let (_, out) = run_in_pty(&format!("demo --keymap {}", keymap.display()), &[]);
    assert!(out.contains("line 2: unknown action \"jump\""), "{out}");
    assert!(out.contains("EXIT=2"), "{out}");
    assert!(!out.contains("\u{1b}[?1049h"), "the screen never opened");
}
