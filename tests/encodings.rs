//! Encodings as a new user meets them: a Big5 file compared with a UTF-8
//! one, per-file encodings (`--left-encoding`, `FILE:ENCODING`, a manifest
//! column), UTF-16 without a byte-order mark, and a warning on stderr
//! whenever the encoding was an uncertain guess.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

use encoding_rs::{BIG5, GB18030};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_taohua");

/// A paragraph of a work report in traditional characters, and the same in
/// simplified ones (written for these tests).
const TRADITIONAL: &str = "各位代表：過去一年，我們堅持穩中求進工作總基調，全面深化改革開放，經濟運行總體平穩，民生保障持續改善。全年地區生產總值增長5.2%，城鎮新增就業12萬人。\n今年要堅持以人民為中心的發展思想，繼續辦好民生實事，切實加強基層組織建設。\n";
const SIMPLIFIED: &str = "各位代表：过去一年，我们坚持稳中求进工作总基调，全面深化改革开放，经济运行总体平稳，民生保障持续改善。全年地区生产总值增长5.2%，城镇新增就业12万人。\n今年要坚持以人民为中心的发展思想，继续办好民生实事，切实加强基层组织建设。\n";

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

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// A folder with the traditional paragraph as Big5 and the simplified one
/// as UTF-8.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (big5, _, lossy) = BIG5.encode(TRADITIONAL);
    assert!(!lossy);
    std::fs::write(dir.path().join("big5.txt"), &big5).unwrap();
    std::fs::write(dir.path().join("utf8.txt"), SIMPLIFIED).unwrap();
    dir
}

#[test]
fn a_big5_file_is_compared_with_a_utf8_one_without_a_word() {
    let dir = folder();
    let out = run_in(
        dir.path(),
        &["compare", "big5.txt", "utf8.txt", "--format", "json"],
    );
    let v = json(&out);
    assert_eq!(stderr(&out), "", "a sure guess needs no warning");
    let reused = v["summary"]["left_reused"].as_f64().unwrap();
    assert!(reused > 0.95, "traditional and simplified match: {reused}");
    let out = run_in(dir.path(), &["extract", "big5.txt"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), TRADITIONAL);
}

#[test]
fn each_side_takes_its_own_encoding() {
    let dir = folder();
    let (gb, _, _) = GB18030.encode(SIMPLIFIED);
    std::fs::write(dir.path().join("gb.txt"), &gb).unwrap();
    // --encoding applies to both sides: Big5 cannot read the GB18030 side.
    let out = run_in(
        dir.path(),
        &[
            "compare",
            "big5.txt",
            "gb.txt",
            "--encoding",
            "big5",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("gb.txt: the bytes are not valid Big5"),
        "{}",
        stderr(&out)
    );
    // Per side, with options or FILE:ENCODING.
    for args in [
        vec![
            "compare",
            "big5.txt",
            "gb.txt",
            "--left-encoding",
            "big5",
            "--right-encoding",
            "gb18030",
        ],
        vec!["compare", "big5.txt:big5", "gb.txt:gbk"],
        vec![
            "compare",
            "big5.txt",
            "gb.txt",
            "--encoding",
            "gb18030",
            "--left-encoding",
            "big5",
        ],
    ] {
        let mut args = args.clone();
        args.extend(["--format", "json"]);
        let v = json(&run_in(dir.path(), &args));
        assert!(
            v["summary"]["left_reused"].as_f64().unwrap() > 0.95,
            "{args:?}"
        );
    }
    // A wrong encoding named for one side is refused, naming that file.
    let out = run_in(
        dir.path(),
        &[
            "compare",
            "big5.txt",
            "utf8.txt",
            "--right-encoding",
            "big5",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("taohua: utf8.txt: "),
        "{}",
        stderr(&out)
    );
    let out = run_in(dir.path(), &["extract", "big5.txt:klingon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown encoding \"klingon\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn corpus_lists_and_manifests_name_encodings_per_file() {
    let dir = folder();
    // Both read as Big5 would fail on the UTF-8 one; named per file they
    // work, and the two documents share their text.
    let out = run_in(
        dir.path(),
        &[
            "corpus",
            "big5.txt:big5",
            "utf8.txt:utf-8",
            "--encoding",
            "big5",
            "--format",
            "json",
        ],
    );
    let v = json(&out);
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(2));
    assert!(v["pairs"].as_array().is_some_and(|p| !p.is_empty()));
    // A manifest's encoding column.
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(dir.path().join("big5.txt"), docs.join("a.txt")).unwrap();
    std::fs::copy(dir.path().join("utf8.txt"), docs.join("b.txt")).unwrap();
    std::fs::write(
        docs.join("MANIFEST.tsv"),
        "file\tyear\tencoding\na.txt\t2023\tbig5\nb.txt\t2024\t\n",
    )
    .unwrap();
    // --encoding utf-8 reads b.txt; a.txt's row wins over it.
    let out = run_in(
        dir.path(),
        &["corpus", "docs", "--encoding", "utf-8", "--format", "json"],
    );
    let v = json(&out);
    assert_eq!(
        v["documents"].as_array().map(Vec::len),
        Some(2),
        "{}",
        stderr(&out)
    );
    // An unknown encoding in the manifest names its line.
    std::fs::write(docs.join("MANIFEST.tsv"), "file\tencoding\na.txt\tbig6\n").unwrap();
    let out = run_in(dir.path(), &["corpus", "docs", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 2: unknown encoding `big6`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn utf16_without_a_bom_is_read_and_nul_bytes_get_the_hint() {
    let dir = folder();
    let le: Vec<u8> = SIMPLIFIED
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(dir.path().join("u16.txt"), &le).unwrap();
    let out = run_in(dir.path(), &["extract", "u16.txt"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), SIMPLIFIED);
    assert_eq!(stderr(&out), "");
    // NUL bytes in what reads as no plausible text.
    let mut bytes = Vec::new();
    for k in 0..300u16 {
        bytes.extend((0xE000 + k).to_le_bytes());
        bytes.extend([b'a', 0]);
    }
    std::fs::write(dir.path().join("odd.txt"), &bytes).unwrap();
    let out = run_in(dir.path(), &["extract", "odd.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pass --encoding utf-16le"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_uncertain_guess_is_warned_about_naming_the_file_and_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    // 啊阿 in GB18030, 陛陝 in Big5: common characters either way.
    std::fs::write(dir.path().join("short.txt"), [0xB0, 0xA1, 0xB0, 0xA2]).unwrap();
    let out = run_in(dir.path(), &["extract", "short.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.starts_with("taohua: warning: short.txt: "), "{err}");
    assert!(
        err.contains("read as GB18030") && err.contains("Big5"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    // Named, it is not a guess.
    let out = run_in(dir.path(), &["extract", "short.txt:big5"]);
    assert_eq!(stderr(&out), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "陛陝");
}
