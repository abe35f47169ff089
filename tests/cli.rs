//! Integration tests of the `taohua` binary: bad input, reading in every
//! supported encoding, and the text report on the example speeches.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use encoding_rs::GB18030;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_taohua");

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    crate_root().join("examples").join(name)
}

const EX_2023: &str = "2023_青川市_科协讲话.txt";
const EX_2024: &str = "2024_青川市_科协讲话.txt";
const EX_PROV: &str = "2024_云岭省_科协讲话.txt";

/// Run the binary in `dir` with `args`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        // The English interface, whatever the machine's locale.
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the taohua binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// The checks every refusal of bad input must pass: exit code 2, nothing on
/// stdout, exactly one line on stderr that names `name`, and no panic.
fn assert_refused(out: &Output, name: &str, what: &str) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{what}: panicked:\n{err}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: exit code {:?}, stderr:\n{err}",
        out.status.code()
    );
    assert!(out.stdout.is_empty(), "{what}: stdout not empty");
    assert!(
        err.ends_with('\n'),
        "{what}: stderr does not end a line: {err:?}"
    );
    assert_eq!(
        err.lines().count(),
        1,
        "{what}: expected exactly one line on stderr, got:\n{err}"
    );
    assert!(
        err.contains(name),
        "{what}: stderr does not name {name:?}: {err}"
    );
    assert!(err.starts_with("taohua: "), "{what}: {err}");
}

/// Check a bad file through `extract FILE`, `compare FILE ok` and
/// `compare ok FILE`.
fn check_bad_file(dir: &Path, name: &str, what: &str) {
    std::fs::write(dir.join("ok.txt"), "同志们：今年要加强科普阵地建设。\n").unwrap();
    assert_refused(&run_in(dir, &["extract", name]), name, what);
    assert_refused(
        &run_in(dir, &["compare", name, "ok.txt"]),
        name,
        &format!("{what} (left)"),
    );
    assert_refused(
        &run_in(dir, &["compare", "ok.txt", name, "--format", "json"]),
        name,
        &format!("{what} (right)"),
    );
}

fn bad_file(name: &str, bytes: &[u8], what: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    check_bad_file(dir.path(), name, what);
}

// ---------------------------------------------------------------- bad input

#[test]
fn missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    check_bad_file(dir.path(), "nowhere.txt", "missing file");
}

#[test]
fn directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    check_bad_file(dir.path(), "folder", "directory");
}

#[test]
fn empty_file_is_refused() {
    bad_file("empty.txt", b"", "empty file");
}

#[test]
fn whitespace_only_file_is_refused() {
    bad_file(
        "blank.txt",
        " \n\t \r\n\u{3000}\n".as_bytes(),
        "white space only",
    );
}

#[test]
fn png_is_refused() {
    bad_file(
        "picture.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
        "PNG header",
    );
}

#[test]
fn elf_is_refused() {
    bad_file(
        "program.txt",
        b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0",
        "ELF header",
    );
}

#[test]
fn nul_bytes_are_refused() {
    let mut bytes = "同志们：今年要加强科普阵地建设。".as_bytes().to_vec();
    bytes.push(0);
    bytes.extend_from_slice("推动流动科普设施进乡村。".as_bytes());
    bad_file("nul.txt", &bytes, "NUL byte");
}

#[test]
fn undecodable_bytes_are_refused() {
    // Invalid in UTF-8 and in GB18030.
    let bytes: Vec<u8> = [0xE4, 0xB8, 0x41, 0x80, 0xFF, 0xFF].repeat(50);
    assert!(std::str::from_utf8(&bytes).is_err());
    assert!(GB18030.decode_without_bom_handling(&bytes).1);
    bad_file("garbage.txt", &bytes, "undecodable bytes");
}

#[test]
fn utf8_forced_on_a_gb18030_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _, _) = GB18030.encode("同志们：今年科普经费增长8.5%。\n");
    std::fs::write(dir.path().join("gb.txt"), &bytes).unwrap();
    std::fs::write(dir.path().join("ok.txt"), "同志们：好。\n").unwrap();
    let out = run_in(dir.path(), &["extract", "--encoding", "utf-8", "gb.txt"]);
    assert_refused(&out, "gb.txt", "--encoding utf-8 on GB18030");
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
    let out = run_in(
        dir.path(),
        &["compare", "--encoding", "utf-8", "ok.txt", "gb.txt"],
    );
    assert_refused(&out, "gb.txt", "compare --encoding utf-8 on GB18030");
}

#[test]
fn unknown_encoding_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "同志们：好。\n").unwrap();
    for args in [
        &["extract", "--encoding", "nonsense", "ok.txt"][..],
        &["compare", "--encoding", "nonsense", "ok.txt", "ok.txt"][..],
    ] {
        let out = run_in(dir.path(), args);
        // The message names the option at fault (there is no bad file).
        assert_refused(&out, "--encoding nonsense", "unknown encoding");
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &[][..],
        &["compare"][..],
        &["compare", "a.txt"][..],
        &["frobnicate"][..],
        &["compare", "a.txt", "b.txt", "--format", "xml"][..],
        &["compare", "a.txt", "b.txt", "--min-chars", "1"][..],
    ] {
        let out = run_in(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?}: no message");
    }
}

// ------------------------------------------------------------------ reading

fn with_bom(bom: &[u8], body: &[u8]) -> Vec<u8> {
    let mut v = bom.to_vec();
    v.extend_from_slice(body);
    v
}

/// The same text in every encoding taohua reads, by file name.
fn encodings(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let (gb, _, unmappable) = GB18030.encode(text);
    assert!(!unmappable);
    vec![
        ("utf8.txt", text.as_bytes().to_vec()),
        (
            "utf8bom.txt",
            with_bom(&[0xEF, 0xBB, 0xBF], text.as_bytes()),
        ),
        ("utf16le.txt", with_bom(&[0xFF, 0xFE], &utf16le)),
        ("utf16be.txt", with_bom(&[0xFE, 0xFF], &utf16be)),
        ("gb18030.txt", gb.into_owned()),
    ]
}

#[test]
fn every_encoding_extracts_the_same_text() {
    let text = std::fs::read_to_string(example(EX_2024)).unwrap();
    // A second text with CRLF line endings, figures and full-width forms.
    let crlf =
        "同志们：\r\n今年科普经费增长８．５％，达到1.5亿元。\r\nXX市科协要当好科技工作者之家。\r\n";
    for (k, t) in [text.as_str(), crlf].into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in encodings(t) {
            std::fs::write(dir.path().join(name), bytes).unwrap();
            let out = run_in(dir.path(), &["extract", name]);
            assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
            let got = stdout(&out);
            assert!(!got.starts_with('\u{FEFF}'), "{name}: BOM kept");
            assert!(got == t, "text {k}, {name}: extracted text differs");
        }
    }
}

fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn every_encoding_compares_the_same() {
    let text = std::fs::read_to_string(example(EX_2024)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let other = example(EX_2023);
    let other = other.to_str().unwrap();
    let mut reference: Option<(Value, Value, Value)> = None;
    for (name, bytes) in encodings(&text) {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let as_left = json(&run_in(
            dir.path(),
            &["compare", name, other, "--format", "json"],
        ));
        let as_right = json(&run_in(
            dir.path(),
            &["compare", other, name, "--format", "json"],
        ));
        assert_eq!(as_left["left"]["chars"], text.chars().count(), "{name}");
        assert_eq!(as_right["right"]["chars"], text.chars().count(), "{name}");
        let got = (
            as_left["passages"].clone(),
            as_left["units"].clone(),
            as_right["passages"].clone(),
        );
        assert!(
            got.0.as_array().is_some_and(|p| !p.is_empty()),
            "{name}: no passages"
        );
        match &reference {
            None => reference = Some(got),
            Some(r) => {
                assert!(got.0 == r.0, "{name}: passages (as left) differ from UTF-8");
                assert!(got.1 == r.1, "{name}: units differ from UTF-8");
                assert!(
                    got.2 == r.2,
                    "{name}: passages (as right) differ from UTF-8"
                );
            }
        }
    }
}

#[test]
fn encoding_option_forces_gbk() {
    // These characters' GBK bytes are also valid UTF-8, so without the option
    // the file reads as UTF-8 (and means something else).
    let text = "陆路芦炉卢鹿露毛帽貌莫墨默木目\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    assert!(std::str::from_utf8(&bytes).is_ok(), "premise: valid UTF-8");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gbk.txt"), &bytes).unwrap();

    let detected = run_in(dir.path(), &["extract", "gbk.txt"]);
    assert_eq!(detected.status.code(), Some(0), "{}", stderr(&detected));
    assert_ne!(stdout(&detected), text, "detection reads it as UTF-8");

    for label in ["gbk", "GBK", "gb18030", " gbk "] {
        let forced = run_in(dir.path(), &["extract", "--encoding", label, "gbk.txt"]);
        assert_eq!(
            forced.status.code(),
            Some(0),
            "{label}: {}",
            stderr(&forced)
        );
        assert_eq!(stdout(&forced), text, "--encoding {label:?}");
    }

    // The option applies to both files of a comparison.
    let out = run_in(
        dir.path(),
        &[
            "compare",
            "--encoding",
            "gbk",
            "gbk.txt",
            "gbk.txt",
            "--format",
            "json",
        ],
    );
    let v = json(&out);
    assert_eq!(v["passages"][0]["text"], text.trim_end());
}

#[test]
fn a_byte_order_mark_wins_over_the_encoding_option() {
    let text = "同志们：今年要加强科普阵地建设。\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bom.txt"),
        with_bom(&[0xEF, 0xBB, 0xBF], text.as_bytes()),
    )
    .unwrap();
    let out = run_in(dir.path(), &["extract", "--encoding", "gbk", "bom.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), text);
}

/// Regression: a UTF-16LE file without a BOM holds NUL bytes (for every ASCII
/// character and line break); with `--encoding utf-16le` it must be read, not
/// refused as binary.
#[test]
fn forced_utf16_without_bom_is_read() {
    let text = "同志们：今年科普经费增长8.5%。\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("u16.txt"), bytes).unwrap();
    let out = run_in(
        dir.path(),
        &["extract", "--encoding", "utf-16le", "u16.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), text);
}

#[test]
fn extract_keeps_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let text = "标题\r\n\r\n　　同志们：\r\n正文。\n最后一行没有换行";
    std::fs::write(dir.path().join("crlf.txt"), text).unwrap();
    let out = run_in(dir.path(), &["extract", "crlf.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), text);
}

// ------------------------------------------------------------- the examples

#[test]
fn compare_examples_text_report() {
    let root = crate_root();
    for (a, b) in [(EX_2023, EX_2024), (EX_2024, EX_PROV), (EX_2023, EX_PROV)] {
        let pa = format!("examples/{a}");
        let pb = format!("examples/{b}");
        let out = run_in(&root, &["compare", &pa, &pb]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(out.stderr.is_empty(), "{}", stderr(&out));
        let s = stdout(&out);
        let lines: Vec<&str> = s.lines().collect();
        assert!(lines[0].starts_with(&format!("L  {pa}  (")), "{}", lines[0]);
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("R  {pb}  ("))),
            "{s}"
        );
        for prefix in [
            "Reused  L ",
            "        counted: ",
            "Passages  ",
            "Units  ",
            "── Aligned units (⟦…⟧ marks shared passages) ──",
            "── Passages ──",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(prefix)),
                "{a} vs {b}: no line starting {prefix:?}"
            );
        }
        assert!(s.contains("= stock "), "{s}");
        assert!(!s.contains('\u{1b}'), "no colour when not a terminal");
    }
}

#[test]
fn compare_examples_summary_figures() {
    let root = crate_root();
    let out = run_in(
        &root,
        &[
            "compare",
            &format!("examples/{EX_2023}"),
            &format!("examples/{EX_2024}"),
        ],
    );
    let s = stdout(&out);
    let units = s.lines().find(|l| l.starts_with("Units  ")).unwrap();
    for part in ["match", "1 moved", "1 split", "1 merge", "delete", "insert"] {
        assert!(units.contains(part), "{units}");
    }
    let passages = s.lines().find(|l| l.starts_with("Passages  ")).unwrap();
    assert!(passages.contains("exact"), "{passages}");
    assert!(passages.contains(" stock)"), "{passages}");
}

#[test]
fn compare_examples_json_is_valid() {
    let root = crate_root();
    let out = run_in(
        &root,
        &[
            "compare",
            &format!("examples/{EX_2024}"),
            &format!("examples/{EX_PROV}"),
            "--format",
            "json",
        ],
    );
    let v = json(&out);
    assert_eq!(v["schema"], "taohua.compare/1");
    assert_eq!(v["left"]["year"], 2024);
    assert_eq!(v["right"]["region"], "云岭省");
}

#[test]
fn closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(BIN)
        // The English interface, whatever the machine's locale.
        .env("LC_ALL", "C")
        .args([
            "compare",
            &format!("examples/{EX_2023}"),
            &format!("examples/{EX_2024}"),
        ])
        .current_dir(crate_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then hang up.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 16];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

/// Regression: file names reached the error message unsanitised, so a newline
/// in a name made the message two lines and an escape sequence reached the
/// terminal.
#[cfg(unix)]
#[test]
fn error_message_with_control_characters_in_the_name_stays_one_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("esc\u{1b}[31m.txt"), b"").unwrap();
    let out = run_in(dir.path(), &["extract", "esc\u{1b}[31m.txt"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains('\u{1b}'), "raw ESC on stderr: {err:?}");
    let out = run_in(dir.path(), &["extract", "two\nlines.txt"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
}

#[test]
fn bad_slogan_list_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ok.txt"),
        "同志们：今年要加强科普阵地建设。\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    for name in ["empty.txt", "nowhere.txt"] {
        let out = run_in(
            dir.path(),
            &["compare", "ok.txt", "ok.txt", "--slogans", name],
        );
        assert_refused(&out, name, "bad --slogans file");
        assert!(stderr(&out).contains("slogan list"), "{}", stderr(&out));
    }
}

#[test]
fn bad_eval_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::write(dir.path().join("file.txt"), "同志们：好。\n").unwrap();
    for name in ["nowhere", "empty", "file.txt"] {
        let out = run_in(dir.path(), &["eval", name]);
        assert_refused(&out, name, "bad eval folder");
    }
}

/// The eval table lines up by display width: its last column is right
/// aligned, so every row of the table is as wide as its header, Chinese
/// names or not.
#[test]
fn eval_table_lines_up_by_display_width() {
    use unicode_width::UnicodeWidthStr;
    let out = run_in(&crate_root(), &["eval", "examples", "--limit", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let table: Vec<&str> = text.lines().skip(1).take_while(|l| !l.is_empty()).collect();
    assert!(table.len() > 2, "{text}");
    assert!(table[1].contains("青川市"), "{text}");
    let widths: Vec<usize> = table.iter().map(|l| l.width()).collect();
    assert!(widths.iter().all(|&w| w == widths[0]), "{widths:?}\n{text}");
}

/// On the real same-province pairs of 2025 and 2026 (the shared corpus, when
/// present): no `Δ` line is wider than 200 display columns, none lists
/// fragments of a rewritten paragraph, and no unit is a `match` below the
/// `related` threshold (0.5).
#[test]
fn real_pairs_have_short_change_lines_and_no_weak_matches() {
    use unicode_width::UnicodeWidthStr;
    let corpus = crate_root().join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!("shared corpus absent: skipped");
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with("2025_") && n.ends_with("_政府工作报告.txt") && !n.contains("全国")
        })
        .collect();
    names.sort();
    let mut pairs = 0;
    let mut deltas = 0;
    for left in &names {
        let right = left.replacen("2025_", "2026_", 1);
        if !corpus.join(&right).exists() {
            continue;
        }
        pairs += 1;
        let (l, r) = (corpus.join(left), corpus.join(&right));
        let (l, r) = (l.display().to_string(), r.display().to_string());
        let out = run_in(&crate_root(), &["compare", &l, &r, "--format", "text"]);
        assert!(out.status.success(), "{left}: {}", stderr(&out));
        for line in stdout(&out)
            .lines()
            .filter(|x| x.trim_start().starts_with('Δ'))
        {
            deltas += 1;
            assert!(
                line.width() <= 200,
                "{left}: {} columns: {line}",
                line.width()
            );
        }
        let out = run_in(&crate_root(), &["compare", &l, &r, "--format", "json"]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        for u in v["units"].as_array().unwrap() {
            if u["op"] == "match" {
                let s = u["similarity"].as_f64().unwrap();
                assert!(s >= 0.5, "{left}: a match at {s}: {u}");
            }
        }
    }
    assert!(pairs >= 20, "only {pairs} provincial pairs found");
    assert!(deltas > 100, "only {deltas} Δ lines");
}
