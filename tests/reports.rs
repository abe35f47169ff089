//! The reports people hand on (HTML, Markdown, CSV, and the text report's
//! summary) on the example speeches: snapshots of each format, each checked
//! against the JSON of the same pair, and the options that shape them
//! (`--top`, `--brief`, `--table`, `--no-bom`, `--out`). The browser test
//! of the HTML reports is `tests/browser.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_taohua");

const EX_2023: &str = "examples/2023_青川市_科协讲话.txt";
const EX_2024: &str = "examples/2024_青川市_科协讲话.txt";
const EX_PROV: &str = "examples/2024_云岭省_科协讲话.txt";

const BOM: &[u8] = b"\xef\xbb\xbf";

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `taohua ARGS` from the crate root (relative paths keep snapshots stable).
fn taohua(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(crate_root())
        .output()
        .unwrap()
}

/// Standard output of a run that must succeed without a word on stderr.
fn ok(args: &[&str]) -> Vec<u8> {
    let out = taohua(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    assert!(err.is_empty(), "{args:?}: {err}");
    out.stdout
}

fn ok_text(args: &[&str]) -> String {
    String::from_utf8(ok(args)).unwrap()
}

fn compare_json(a: &str, b: &str) -> Value {
    serde_json::from_slice(&ok(&["compare", a, b, "--format", "json"])).unwrap()
}

/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "a lone CR"),
            (false, '\n') => panic!("a record ended by LF alone, not CRLF"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record has no CRLF"
    );
    records
}

/// Text of an HTML fragment: tags dropped, the five entities decoded.
fn html_text(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// For each passage, the text of its marked pieces on one side (`L` or `R`),
/// in page order.
/// A piece lists every passage that covers it (`data-p="10 11"`: passages
/// may overlap on one side), the one it is coloured as first.
fn marked_pieces(html: &str) -> std::collections::BTreeMap<u64, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut rest = html;
    while let Some(at) = rest.find("data-p=\"") {
        rest = &rest[at + 8..];
        let list = &rest[..rest.find('"').unwrap()];
        let open_end = rest.find('>').unwrap();
        let close = rest.find("</a>").unwrap();
        let piece = html_text(&rest[open_end + 1..close]);
        for k in list.split(' ') {
            let k: u64 = k.parse().unwrap();
            out.entry(k).or_insert_with(String::new).push_str(&piece);
        }
        rest = &rest[close..];
    }
    out
}

/// The aligned table's two columns, for [`marked_pieces`] side by side:
/// each `<td>` of a row alternates left, gutter, right.
fn side_html(html: &str, right: bool) -> String {
    let body = &html[html.find("<table class=\"pair\"").unwrap()..];
    let mut out = String::new();
    for row in body.split("<tr").skip(2) {
        let cells: Vec<&str> = row.split("<td").collect();
        if let Some(cell) = cells.get(if right { 3 } else { 1 }) {
            out.push_str(cell);
        }
    }
    out
}

// ------------------------------------------------------------- snapshots

#[test]
fn snapshot_text_summary_and_listing() {
    insta::assert_snapshot!("text_2023_vs_2024", ok_text(&["compare", EX_2023, EX_2024]));
}

#[test]
fn snapshot_markdown_pair_and_corpus() {
    insta::assert_snapshot!(
        "md_2023_vs_2024",
        ok_text(&["compare", EX_2023, EX_2024, "--format", "md"])
    );
    insta::assert_snapshot!(
        "md_corpus_examples",
        ok_text(&["corpus", EX_2023, EX_2024, EX_PROV, "--format", "md"])
    );
}

#[test]
fn snapshot_csv_tables() {
    for table in ["passages", "units"] {
        insta::assert_snapshot!(
            format!("csv_{table}_2024_vs_prov"),
            ok_text(&[
                "compare", EX_2024, EX_PROV, "--format", "csv", "--table", table, "--no-bom"
            ])
        );
    }
}

#[test]
fn snapshot_corpus_csv() {
    insta::assert_snapshot!(
        "csv_corpus_pairs_examples",
        ok_text(&["corpus", EX_2023, EX_2024, EX_PROV, "--format", "csv", "--no-bom"])
    );
}

#[test]
fn demo_writes_every_report() {
    for (format, says) in [
        ("text", "── The 10 longest specific passages"),
        ("md", "## The 10 longest specific passages"),
        ("html", "<h2>The 10 longest specific passages</h2>"),
        ("csv", "passage,left_start,left_end"),
    ] {
        let out = ok_text(&["demo", "--format", format]);
        assert!(out.contains(says), "{format}: {out}");
    }
    // The demo is the 2023 and 2024 examples.
    assert_eq!(
        ok_text(&["demo", "--format", "md"]),
        ok_text(&["compare", EX_2023, EX_2024, "--format", "md"])
    );
}

#[test]
fn snapshot_html_pair_and_corpus() {
    insta::assert_snapshot!(
        "html_2023_vs_2024",
        ok_text(&["compare", EX_2023, EX_2024, "--format", "html"])
    );
    insta::assert_snapshot!(
        "html_corpus_examples",
        ok_text(&["corpus", EX_2023, EX_2024, EX_PROV, "--format", "html"])
    );
}

// ------------------------------------------- the same pair, every format

#[test]
fn html_summary_and_passages_agree_with_the_json() {
    for (a, b) in [(EX_2023, EX_2024), (EX_2024, EX_PROV)] {
        let json = compare_json(a, b);
        let html = ok_text(&["compare", a, b, "--format", "html"]);
        for key in [
            "left_reused",
            "right_reused",
            "left_stock",
            "right_stock",
            "passages",
        ] {
            let needle = format!("data-key=\"{key}\" data-value=\"{}\"", json["summary"][key]);
            assert!(html.contains(&needle), "{a} vs {b}: no {needle}");
        }
        // Every passage is marked on both sides, its pieces spell its text,
        // and each side's first piece is the other side's link target.
        let passages = json["passages"].as_array().unwrap();
        let left = marked_pieces(&side_html(&html, false));
        let right = marked_pieces(&side_html(&html, true));
        let right_chars: Vec<char> = std::fs::read_to_string(crate_root().join(b))
            .unwrap()
            .chars()
            .collect();
        assert_eq!(left.len(), passages.len(), "{a} vs {b}");
        assert_eq!(right.len(), passages.len(), "{a} vs {b}");
        for (k, p) in passages.iter().enumerate() {
            assert_eq!(
                left[&(k as u64)],
                p["text"].as_str().unwrap(),
                "passage {k}"
            );
            let (s, e) = (
                p["right"][0].as_u64().unwrap(),
                p["right"][1].as_u64().unwrap(),
            );
            let right_text: String = right_chars[s as usize..e as usize].iter().collect();
            assert_eq!(right[&(k as u64)], right_text, "passage {k}");
            assert_eq!(
                html.matches(&format!(" id=\"L{k}\"")).count(),
                1,
                "passage {k}"
            );
            assert_eq!(
                html.matches(&format!(" id=\"R{k}\"")).count(),
                1,
                "passage {k}"
            );
        }
        // Both texts are there in full, as extracted.
        for (path, side) in [(a, false), (b, true)] {
            let text = std::fs::read_to_string(crate_root().join(path)).unwrap();
            let shown = html_text(&side_html(&html, side));
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            for line in lines {
                assert!(shown.contains(line.trim()), "{path}: line missing: {line}");
            }
        }
    }
}

#[test]
fn csv_tables_agree_with_the_json() {
    let json = compare_json(EX_2023, EX_2024);
    let bytes = ok(&["compare", EX_2023, EX_2024, "--format", "csv"]);
    assert!(bytes.starts_with(BOM), "a BOM by default");
    let rows = parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    assert_eq!(rows[0][0], "passage");
    let passages = json["passages"].as_array().unwrap();
    assert_eq!(rows.len() - 1, passages.len(), "one row per passage");
    for (row, p) in rows[1..].iter().zip(passages) {
        assert_eq!(row.len(), rows[0].len());
        let n = |i: usize| row[i].parse::<u64>().unwrap();
        assert_eq!(
            [n(1), n(2)],
            [
                p["left"][0].as_u64().unwrap(),
                p["left"][1].as_u64().unwrap()
            ]
        );
        assert_eq!(
            [n(3), n(4)],
            [
                p["right"][0].as_u64().unwrap(),
                p["right"][1].as_u64().unwrap()
            ]
        );
        assert_eq!(n(7), p["chars"].as_u64().unwrap());
        assert_eq!(row[8], p["exact"].to_string());
        assert_eq!(row[9], p["slogan"].to_string());
        assert_eq!(row[10], p["stock"].to_string());
        assert_eq!(
            row[11].parse::<f64>().ok(),
            p["commonness"].as_f64(),
            "{row:?}"
        );
        assert_eq!(row[12], p["text"].as_str().unwrap());
    }
    let bytes = ok(&[
        "compare", EX_2023, EX_2024, "--format", "csv", "--table", "units", "--no-bom",
    ]);
    assert!(!bytes.starts_with(BOM), "--no-bom leaves it out");
    let rows = parse_csv(std::str::from_utf8(&bytes).unwrap());
    let units = json["units"].as_array().unwrap();
    assert_eq!(rows.len() - 1, units.len(), "one row per unit");
    for (row, u) in rows[1..].iter().zip(units) {
        assert_eq!(row[1], u["op"].as_str().unwrap());
        let spans: Vec<String> = u["left"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| format!("{}-{}", s[0], s[1]))
            .collect();
        assert_eq!(row[4], spans.join(" "));
        if !row[6].is_empty() {
            assert_eq!(
                row[6].parse::<f64>().unwrap(),
                u["similarity"].as_f64().unwrap()
            );
        }
        assert_eq!(row[7], u["rewritten"].to_string());
    }
}

#[test]
fn markdown_figures_and_passages_agree_with_the_json() {
    let json = compare_json(EX_2024, EX_PROV);
    let md = ok_text(&["compare", EX_2024, EX_PROV, "--format", "md", "--top", "5"]);
    let pct = |x: &Value| format!("{:.1}%", 100.0 * x.as_f64().unwrap());
    let s = &json["summary"];
    assert!(
        md.contains(&format!(
            "| **reused** | {} | {} |",
            pct(&s["left_reused"]),
            pct(&s["right_reused"])
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "| … stock | {} | {} |",
            pct(&s["left_stock"]),
            pct(&s["right_stock"])
        )),
        "{md}"
    );
    let rows: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("## The "))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
        .take_while(|l| l.split(" | ").count() == 6)
        .collect();
    assert_eq!(rows.len(), 5, "{md}");
    let passages = json["passages"].as_array().unwrap();
    let mut last = u64::MAX;
    for row in rows {
        let cells: Vec<&str> = row.trim_matches(['|', ' ']).split(" | ").collect();
        let p = &passages[cells[0].parse::<usize>().unwrap() - 1];
        let chars = cells[1].parse::<u64>().unwrap();
        assert_eq!(chars, p["chars"].as_u64().unwrap());
        assert!(chars <= last, "longest first");
        last = chars;
        assert_eq!(p["stock"], false, "specific passages only");
        // The text shown is the passage's, cut to word boundaries at most two
        // characters in at each end.
        let shown = cells[5]
            .split(" (right: ")
            .next()
            .unwrap()
            .replace('\\', "");
        let exact = p["text"].as_str().unwrap();
        assert!(exact.contains(&shown), "{row}");
        assert!(
            exact.chars().count() <= shown.chars().count() + 4 + 2,
            "{row}"
        );
    }
}

// ----------------------------------------------------------------- options

#[test]
fn text_summary_top_and_brief() {
    let full = ok_text(&["compare", EX_2023, EX_2024]);
    let summary_at = full.find("── The 10 longest specific passages").unwrap();
    let aligned_at = full.find("── Aligned units").unwrap();
    assert!(summary_at < aligned_at, "the summary comes first");
    let listed = full[summary_at..aligned_at]
        .lines()
        .filter(|l| l.starts_with('#'))
        .count();
    assert_eq!(listed, 10);

    let brief = ok_text(&["compare", EX_2023, EX_2024, "--top", "3", "--brief"]);
    assert!(
        brief.contains("── The 3 longest specific passages"),
        "{brief}"
    );
    assert_eq!(brief.lines().filter(|l| l.starts_with('#')).count(), 3);
    assert!(
        !brief.contains("Aligned units") && !brief.contains("── Passages"),
        "{brief}"
    );
    assert!(brief.starts_with(&full[..summary_at]), "the same header");

    let html = ok_text(&["compare", EX_2023, EX_2024, "--format", "html", "--brief"]);
    assert!(html.contains("id=\"summary\"") && !html.contains("id=\"aligned\""));
}

#[test]
fn corpus_csv_has_a_bom_unless_asked_not_to() {
    let with = ok(&["corpus", EX_2023, EX_2024, EX_PROV, "--format", "csv"]);
    assert!(with.starts_with(BOM));
    let without = ok(&[
        "corpus", EX_2023, EX_2024, EX_PROV, "--format", "csv", "--no-bom",
    ]);
    assert_eq!(&with[3..], &without[..]);
    let rows = parse_csv(std::str::from_utf8(&without).unwrap());
    assert!(rows[0].starts_with(&["a".to_string(), "b".to_string()]));
    assert!(rows.len() > 1);
}

#[test]
fn corpus_html_folder_links_each_ranked_pair_to_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("report");
    let out_str = out_dir.to_str().unwrap();
    let said = ok_text(&[
        "corpus", EX_2023, EX_2024, EX_PROV, "--format", "html", "--out", out_str, "--top", "2",
    ]);
    assert!(said.contains("2 pair reports"), "{said}");
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    let links: Vec<&str> = index
        .split("href=\"pairs/")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert!(links.len() >= 2, "{index}");
    for link in links {
        let pair = std::fs::read_to_string(out_dir.join("pairs").join(link)).unwrap();
        assert!(
            pair.contains("<a href=\"../index.html\">"),
            "{link} links back"
        );
        assert!(
            pair.contains("id=\"aligned\""),
            "{link} is a whole pair report"
        );
    }
    assert_eq!(std::fs::read_dir(out_dir.join("pairs")).unwrap().count(), 2);
}

#[test]
fn out_is_refused_where_it_cannot_work() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let cases: [(&[&str], &str); 2] = [
        (
            &["--format", "text", "--out", dir.path().to_str().unwrap()],
            "add --format html",
        ),
        (
            &["--format", "html", "--out", file.to_str().unwrap()],
            "is a file, not a folder",
        ),
    ];
    for (extra, said) in cases {
        let mut args = vec!["corpus", EX_2023, EX_2024];
        args.extend_from_slice(extra);
        let out = taohua(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(said), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

/// A document holding markup, a `javascript:` link and control characters:
/// every format shows them as text.
#[test]
fn hostile_text_is_text_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let shared = "全市新建院士专家工作站十二家，帮助企业攻克关键技术难题八十六项";
    let hostile = format!(
        "<script>alert(1)</script>{shared}\n</style><img src=x onerror=alert(2)>|*x*|{shared}。\n[a](javascript:alert(3))\u{1b}[2J\u{7}\n"
    );
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, &hostile).unwrap();
    std::fs::write(&b, &hostile).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let html = ok_text(&["compare", a, b, "--format", "html"]);
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the report's own script"
    );
    assert!(
        !html.contains("<img") && !html.contains("href=\"javascript") && !html.contains('\u{1b}')
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let md = ok_text(&["compare", a, b, "--format", "md"]);
    let escaped = |c: char| md.match_indices(c).all(|(i, _)| md[..i].ends_with('\\'));
    assert!(md.contains("\\<script\\>alert(1)"), "{md}");
    assert!(md.contains("\\|\\*x\\*\\|"), "{md}");
    for c in ['<', '>', '[', ']'] {
        assert!(escaped(c), "an unescaped {c} in {md}");
    }
    assert!(!md.contains('\u{1b}'), "{md}");
    for table in ["passages", "units"] {
        let csv = ok_text(&["compare", a, b, "--format", "csv", "--table", table]);
        assert!(!csv.contains('\u{1b}') && !csv.contains('\u{7}'), "{csv}");
    }
}

/// A real pair of provincial reports, when the shared corpus is present:
/// the HTML holds both texts and stays within three times their size.
#[test]
fn real_pair_html_size() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let (a, b) = (
        corpus.join("2025_安徽省_政府工作报告.txt"),
        corpus.join("2026_安徽省_政府工作报告.txt"),
    );
    if !a.exists() || !b.exists() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let html = ok(&["compare", a, b, "--format", "html"]);
    let texts = std::fs::metadata(a).unwrap().len() + std::fs::metadata(b).unwrap().len();
    let ratio = html.len() as f64 / texts as f64;
    assert!(
        ratio < 3.0,
        "{} bytes for {texts} bytes of text: {ratio:.2}x",
        html.len()
    );
}
