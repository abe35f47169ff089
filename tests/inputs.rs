//! Real-world inputs and hostile input, run through the binary as a user
//! would: every format gives the same shared passages, and every bad input in
//! README.md's "Bad input" table gets its exit code and one-line message.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use encoding_rs::GB18030;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_taohua");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_with_stdin(dir, args, None)
}

fn run_with_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        // The English interface, whatever the machine's locale.
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the taohua binary runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        // The binary may refuse before it reads (a closed pipe is fine).
        let _ = pipe.write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Exit code 2, nothing on stdout, one line on stderr naming `name` and
/// containing `says`, no panic.
fn assert_refused(out: &Output, name: &str, says: &str) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{name}: panicked:\n{err}");
    assert_eq!(out.status.code(), Some(2), "{name}: stderr:\n{err}");
    assert!(out.stdout.is_empty(), "{name}: stdout not empty");
    assert_eq!(err.lines().count(), 1, "{name}: not one line:\n{err}");
    assert!(err.starts_with("taohua: "), "{err}");
    assert!(err.contains(name), "{err:?} does not name {name:?}");
    assert!(err.contains(says), "{err:?} does not say {says:?}");
}

/// A minimal WordprocessingML package with one paragraph per line.
fn docx_bytes(lines: &[&str]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for (i, line) in lines.iter().enumerate() {
        let text = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        // Word splits text into runs and leaves bookmarks: do the same.
        let cut = text
            .char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |c| c.0);
        let mark = if i == 3 {
            r#"<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>"#
        } else {
            ""
        };
        body.push_str(&format!(
            r#"<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r>{mark}<w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r></w:p>"#,
            &text[..cut],
            &text[cut..]
        ));
    }
    body.push_str("<w:sectPr/></w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(body.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A scraped page: site furniture, a title-plus-summary line, the text in
/// `<p>` elements with entities, scripts and navigation.
fn html_page(text: &str, charset: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let title = lines[0];
    let summary: String = lines[1..].concat().chars().take(60).collect();
    let mut page = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\"><title>{title}_青川市科协</title>\
         <style>p {{ text-indent: 2em }}</style><script>var x = '<p>不是正文</p>';</script></head>\n<body>\
         <header><div class=\"top\">您好,欢迎访问青川市科学技术协会网站！</div></header>\
         <nav><ul><li><a href=\"/\">首页</a></li><li>科协动态</li></ul></nav>\
         <div class=\"crumb\">当前位置：首页 &gt; 领导讲话</div>\
         <div class=\"summary\">{title} {summary}……</div>\
         <div class=\"tools\">字号：【<a>大</a> <a>中</a> <a>小</a>】</div>\
         <div class=\"article\"><h1>{title}</h1>\n"
    );
    for line in &lines[1..] {
        let escaped = line.replace('&', "&amp;").replace('“', "&ldquo;");
        page.push_str(&format!("<p>\n  {escaped}\n</p>\n"));
    }
    page.push_str(
        "</div><div>本文标题：在科协会议上的讲话</div><div>链接地址：http://example.org/a.html</div>\
         <div>【打印本页】 【关闭窗口】</div><footer>版权所有 青川市科协</footer></body></html>\n",
    );
    page
}

/// The passages of `compare LEFT RIGHT --format json`: (text, chars, exact).
fn passages(dir: &Path, left: &str, right: &str, extra: &[&str]) -> Vec<(String, u64, bool)> {
    let mut args = vec!["compare", left, right, "--format", "json"];
    args.extend_from_slice(extra);
    let out = run_in(dir, &args);
    assert_eq!(out.status.code(), Some(0), "{left}: {}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["text"].as_str().unwrap().to_string(),
                p["chars"].as_u64().unwrap(),
                p["exact"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// Save `text` as UTF-8 .txt, GB18030 .txt, .docx, .html with boilerplate
/// (UTF-8 and GBK) and .md, compare each against `right`, and check that they
/// all give the same passages, to the character.
fn same_passages_in_every_format(text: &str, right: &str, at_least: usize) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("right.txt"), right).unwrap();
    std::fs::write(d.join("utf8.txt"), text).unwrap();
    std::fs::write(d.join("gb.txt"), GB18030.encode(text).0).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(d.join("speech.docx"), docx_bytes(&lines)).unwrap();
    std::fs::write(d.join("page.html"), html_page(text, "utf-8")).unwrap();
    let gbk_page = html_page(text, "gb2312");
    std::fs::write(d.join("gbk.htm"), GB18030.encode(&gbk_page).0).unwrap();
    let md: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| match i {
            0 => format!("# {l}\n\n"),
            _ if l.starts_with("一、") || l.starts_with("二、") => format!("## {l}\n\n"),
            _ => format!("{l}\n\n"),
        })
        .collect();
    std::fs::write(d.join("speech.md"), md).unwrap();

    let want = passages(d, "utf8.txt", "right.txt", &[]);
    assert!(want.len() > at_least, "{}", want.len());
    for name in ["gb.txt", "speech.docx", "page.html", "gbk.htm", "speech.md"] {
        let got = passages(d, name, "right.txt", &[]);
        assert_eq!(got, want, "{name} gives other passages than the UTF-8 .txt");
    }
    // Standard input as one side.
    let out = run_with_stdin(
        d,
        &["compare", "-", "right.txt", "--format", "json"],
        Some(text.as_bytes()),
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["passages"].as_array().unwrap().len(), want.len());
}

/// The bar: the 2023 speech as UTF-8 .txt, GB18030 .txt, .docx, .html with
/// boilerplate and .md gives the same passages against the 2024 speech, to the
/// character.
#[test]
fn every_format_gives_the_same_passages() {
    let text = example("2023_青川市_科协讲话.txt");
    same_passages_in_every_format(&text, &example("2024_青川市_科协讲话.txt"), 20);
}

/// The same with a real speech: 安徽省's 2025 report against 2026's, read
/// from the shared corpus (skipped when it is absent; nothing is copied into
/// the repository).
#[test]
fn a_real_speech_gives_the_same_passages_in_every_format() {
    let corpus = root().join("../shared/corpus");
    let (Ok(left), Ok(right)) = (
        std::fs::read_to_string(corpus.join("2025_安徽省_政府工作报告.txt")),
        std::fs::read_to_string(corpus.join("2026_安徽省_政府工作报告.txt")),
    ) else {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    };
    same_passages_in_every_format(&left, &right, 300);
}

#[test]
fn extract_shows_each_format_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(d, &["extract", fixture("small.docx").to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "关于加强社区科普工作的几点意见\n同志们：\n二〇二三年，我们把科普阵地建设作为重点工作，\n\
         下一步要继续努力。\n全年举办科普讲座一百二十场。\n"
    );
    let page = html_page(
        "在科协会议上的讲话\n同志们：\n加强“科普”阵地&建设。\n",
        "utf-8",
    );
    std::fs::write(d.join("p.html"), page).unwrap();
    let out = run_in(d, &["extract", "p.html"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "在科协会议上的讲话\n同志们：\n加强“科普”阵地&建设。\n"
    );
    // Standard input is sniffed: HTML is read as HTML.
    let out = run_with_stdin(d, &["extract", "-"], Some(b"<html><body><p>a</p><p>b</p>"));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "a\nb\n");
    // A .txt keeps its leftovers (offsets are the user's); matching ignores them.
    std::fs::write(d.join("w.txt"), "加强[bookmark: _GoBack]**科普**\n").unwrap();
    let out = run_in(d, &["extract", "w.txt"]);
    assert_eq!(out.stdout, "加强[bookmark: _GoBack]**科普**\n".as_bytes());
}

/// Traditional against simplified, Chinese numerals against digits.
#[test]
fn variants_match_unless_switched_off() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("t.txt"),
        "二〇二三年，全國科學技術協會要繼續加強科普工作的組織領導。\n",
    )
    .unwrap();
    std::fs::write(
        d.join("s.txt"),
        "2023年，全国科学技术协会要继续加强科普工作的组织领导。\n",
    )
    .unwrap();
    let p = passages(d, "t.txt", "s.txt", &[]);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        p[0].0,
        "二〇二三年，全國科學技術協會要繼續加強科普工作的組織領導"
    );
    let off = passages(d, "t.txt", "s.txt", &["--no-fold-script"]);
    assert!(off.iter().all(|x| x.1 < 10), "{off:?}");
    let off = passages(d, "t.txt", "s.txt", &["--no-fold-numerals"]);
    assert!(off.iter().all(|x| !x.0.contains('〇')), "{off:?}");
}

/// Every row of README.md's "Bad input" table.
#[test]
fn bad_inputs_are_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ok.txt"), "同志们：今年要加强科普阵地建设。\n").unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    std::fs::create_dir(d.join("folder")).unwrap();
    write("empty.txt", b"");
    write("blank.txt", b" \r\n\t\xE3\x80\x80\n");
    write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write("program", b"\x7FELF\x02\x01\x01\0\0\0\0\0");
    write("nul.txt", "科普\0工作".as_bytes());
    write("fake.docx", "同志们：这不是zip".as_bytes());
    write("broken.docx", b"PK\x03\x04\x14\0\0\0garbage");
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"hello").unwrap();
    write("other.docx", &z.finish().unwrap().into_inner());
    write(
        "bad.html",
        b"<html><head><meta charset=\"utf-8\"></head><body><p>A\xE4\xB8\x41\x80\xFF\xFF</p>",
    );
    write("bad.txt", &[0x41, 0xE4, 0xB8, 0x41, 0x80, 0xFF, 0xFF]);
    write("report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj");
    write("old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0");
    write(
        "scripts.html",
        b"<html><script>alert(1)</script><style>p{}</style></html>",
    );
    let big = std::fs::File::create(d.join("huge.txt")).unwrap();
    big.set_len(300 * 1024 * 1024).unwrap(); // sparse: no disk used
    drop(big);
    let bomb = fixture("bomb.docx");
    let bomb = bomb.to_str().unwrap();

    let rows: [(&[&str], &str, &str); 17] = [
        (&["extract", "nope.txt"], "nope.txt", "no such file"),
        (&["extract", "folder"], "folder", "is a directory"),
        (&["extract", "empty.txt"], "empty.txt", "the file is empty"),
        (&["extract", "blank.txt"], "blank.txt", "only white space"),
        (&["extract", "image.png"], "image.png", "a PNG image"),
        (&["extract", "program"], "program", "an ELF executable"),
        (&["extract", "nul.txt"], "nul.txt", "NUL bytes"),
        (&["extract", "fake.docx"], "fake.docx", "not a .docx"),
        (&["extract", "broken.docx"], "broken.docx", "damaged"),
        (
            &["extract", "other.docx"],
            "other.docx",
            "without word/document.xml",
        ),
        (&["extract", bomb], "bomb.docx", "zip bomb"),
        (
            &["extract", "bad.html"],
            "bad.html",
            "declares charset UTF-8",
        ),
        (&["extract", "bad.txt"], "bad.txt", "neither valid UTF-8"),
        (&["extract", "report.pdf"], "report.pdf", "pdftotext"),
        (&["extract", "old.doc"], "old.doc", "old binary Word"),
        (
            &["extract", "scripts.html"],
            "scripts.html",
            "only white space",
        ),
        (
            &["extract", "huge.txt"],
            "huge.txt",
            "more than taohua reads",
        ),
    ];
    for (args, name, says) in rows {
        assert_refused(&run_in(d, args), name, says);
    }
    // The same refusals hold on either side of a comparison.
    assert_refused(
        &run_in(d, &["compare", "ok.txt", "fake.docx"]),
        "fake.docx",
        "not a .docx",
    );
    assert_refused(
        &run_in(d, &["compare", "image.png", "ok.txt"]),
        "image.png",
        "PNG",
    );
    assert_refused(
        &run_with_stdin(d, &["compare", "-", "-"], Some(b"x")),
        "-",
        "only one side",
    );
    assert_refused(
        &run_with_stdin(d, &["extract", "-"], Some(b"")),
        "-",
        "empty",
    );
    assert_refused(
        &run_in(d, &["extract", "ok.txt", "--encoding", "klingon"]),
        "klingon",
        "unknown encoding",
    );
}

#[test]
fn html_that_lies_about_its_charset_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let page =
        "<html><head><meta charset=\"utf-8\"></head><body><p>同志们：加强科普。</p></body></html>";
    std::fs::write(dir.path().join("gbk.html"), GB18030.encode(page).0).unwrap();
    let out = run_in(dir.path(), &["extract", "gbk.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, "同志们：加强科普。\n".as_bytes());
}

/// Terminal escapes in a document never reach the text report raw; `extract`
/// in a pipe passes the text through byte for byte, for scripts.
#[test]
fn escape_sequences_stay_off_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let evil = "同志们：\u{1b}]52;c;ZXZpbA==\u{7}加强科普阵地建设，\u{1b}[2J推进全民科学素质行动。\u{9b}31m\n";
    std::fs::write(d.join("a.txt"), evil).unwrap();
    std::fs::write(d.join("b.txt"), evil).unwrap();
    let out = run_in(d, &["compare", "a.txt", "b.txt", "--format", "text"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{9b}'));
    let out = run_in(d, &["extract", "a.txt"]);
    assert_eq!(out.stdout, evil.as_bytes());
}

/// A corpus folder with a symbolic link loop and a thousand tiny files.
#[cfg(unix)]
#[test]
fn corpus_survives_link_loops_and_many_tiny_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("c");
    std::fs::create_dir(&d).unwrap();
    std::os::unix::fs::symlink(&d, d.join("loop")).unwrap();
    std::os::unix::fs::symlink(d.join("self.txt"), d.join("self.txt")).unwrap();
    for i in 0..1000 {
        std::fs::write(d.join(format!("tiny{i:04}.txt")), "科普").unwrap();
    }
    std::fs::write(d.join("empty.txt"), "").unwrap();
    let speech = example("2023_青川市_科协讲话.txt");
    std::fs::write(d.join("2023_青川市_科协讲话.txt"), &speech).unwrap();
    // A link to a file outside the folder is a document like any other.
    std::fs::write(
        dir.path().join("outside.txt"),
        example("2024_青川市_科协讲话.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("outside.txt"),
        d.join("2024_青川市_科协讲话.txt"),
    )
    .unwrap();
    let out = run_in(dir.path(), &["corpus", "c", "--format", "json"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert!(
        docs.iter()
            .any(|d| d["path"].as_str().unwrap().contains("2024_青川市")),
        "the linked file is read"
    );
}

/// Inputs the fuzzers found interesting, kept as regression tests: each runs
/// through every format reader, normalisation and a comparison without panic.
#[test]
fn fuzz_regressions_do_not_panic() {
    use taohua_core::compare::{compare, prepare, CompareOptions};
    use taohua_core::ingest::Format;
    let dir = fixture("fuzz");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for f in [Format::Text, Format::Markdown, Format::Html, Format::Docx] {
            if let Ok(doc) = f.extract(&bytes, None) {
                let opts = CompareOptions::default();
                let p = prepare(&doc.text, &opts).unwrap();
                let _ = compare(&p, &p, &opts);
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let mid = (0..=text.len() / 2)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let (a, b) = text.split_at(mid);
        let opts = CompareOptions::default();
        let _ = compare(
            &prepare(a, &opts).unwrap(),
            &prepare(b, &opts).unwrap(),
            &opts,
        );
    }
}
