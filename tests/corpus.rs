//! Corpus mode end to end: a small corpus the test writes (fictional
//! documents with known shared phrases and years), and the shared corpus of
//! real work reports when it is present.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const SLOGAN: &str = "增强“四个意识”、坚定“四个自信”、做到“两个维护”";
const TRAVELLER: &str = "做到科技工作者在哪里、科协组织就覆盖到哪里、联系服务就延伸到哪里";
const PAIR_TEXT: &str = "全市新建院士专家工作站十二家，帮助企业攻克关键技术难题八十六项，促成产学研合作项目三十四个，科技成果转化率明显提高";

/// Text no other document shares: random Han characters from a seed.
fn unique(seed: u64, len: usize) -> String {
    let pool: Vec<char> = ('\u{4e00}'..='\u{9fa5}').step_by(7).collect();
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut s = String::new();
    for i in 0..len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push(pool[(x % pool.len() as u64) as usize]);
        if i % 23 == 22 {
            s.push('。');
        }
    }
    s
}

/// Eight documents: the traveller appears in 2019 甲省, then 2021 乙省 and
/// 2023 丙市; 2022 丁省 and 2023 戊省 share PAIR_TEXT; everyone has the slogan.
fn write_corpus(dir: &Path) {
    let docs: [(&str, Vec<&str>); 8] = [
        ("2019_甲省_讲话", vec![TRAVELLER]),
        ("2020_己省_讲话", vec![]),
        ("2021_乙省_讲话", vec![TRAVELLER]),
        ("2022_丁省_讲话", vec![PAIR_TEXT]),
        ("2023_丙市_讲话", vec![TRAVELLER]),
        ("2023_戊省_讲话", vec![PAIR_TEXT]),
        ("2024_庚省_讲话", vec![]),
        ("2025_辛省_讲话", vec![]),
    ];
    for (k, (name, extra)) in docs.iter().enumerate() {
        let mut text = format!(
            "在全省科协工作会议上的讲话\n同志们：\n{}\n要{SLOGAN}。\n",
            unique(k as u64 + 1, 300)
        );
        for e in extra {
            text.push_str(&format!(
                "{}，{e}。{}\n",
                unique(k as u64 + 100, 40),
                unique(k as u64 + 200, 40)
            ));
        }
        text.push_str(&unique(k as u64 + 300, 200));
        text.push('\n');
        std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
    }
}

fn taohua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taohua"))
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn doc_id(v: &Value, stem: &str) -> u64 {
    v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().contains(stem))
        .unwrap()["id"]
        .as_u64()
        .unwrap()
}

#[test]
fn small_corpus_phrases_pairs_and_earlier_reuse() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    // Three documents of eight are 37%: rare only under a threshold above that.
    let v = json(&taohua(&[
        "corpus",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--common-above",
        "0.5",
    ]));
    assert_eq!(v["schema"], "taohua.corpus/1");
    assert_eq!(v["summary"]["common_above"], 0.5);
    assert_eq!(v["documents"].as_array().unwrap().len(), 8);
    let jia = doc_id(&v, "2019_甲省");
    let yi = doc_id(&v, "2021_乙省");
    let bing = doc_id(&v, "2023_丙市");
    let ding = doc_id(&v, "2022_丁省");
    let wu = doc_id(&v, "2023_戊省");

    // The traveller: three documents, first in 2019, spreading in order.
    let phrases = v["phrases"].as_array().unwrap();
    let traveller = phrases
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("科协组织就覆盖到哪里"))
        .expect("the traveller is a phrase");
    let mut docs: Vec<u64> = traveller["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap())
        .collect();
    docs.sort_unstable();
    let mut want = vec![jia, yi, bing];
    want.sort_unstable();
    assert_eq!(docs, want);
    assert_eq!(traveller["first_year"], 2019);
    assert_eq!(traveller["years"], serde_json::json!([2019, 2021, 2023]));
    assert_eq!(
        traveller["regions"],
        serde_json::json!(["甲省", "乙省", "丙市"])
    );
    assert_eq!(traveller["common"], false);

    // The slogan is everywhere: common.
    let slogan = phrases
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("四个自信"))
        .unwrap();
    assert_eq!(slogan["documents"].as_array().unwrap().len(), 8);
    assert_eq!(slogan["common"], true);
    assert!((slogan["commonness"].as_f64().unwrap() - 1.0).abs() < 1e-9);

    // The pair sharing the long passage ranks first; slogans do not count.
    let top = &v["pairs"][0];
    let top_pair = (top["a"].as_u64().unwrap(), top["b"].as_u64().unwrap());
    assert_eq!(top_pair, (ding.min(wu), ding.max(wu)));
    assert!(top["distinctive_chars"].as_u64().unwrap() >= 50);

    // 乙省 2021 found the traveller in 甲省 2019; 甲省 2019 had nothing earlier but the slogan.
    let yi_doc = &v["documents"][yi as usize];
    assert_eq!(yi_doc["earlier"]["sources"][0]["id"], jia);
    assert!(yi_doc["earlier"]["reused_distinctive"].as_f64().unwrap() > 0.0);
    let jia_doc = &v["documents"][jia as usize];
    assert_eq!(
        jia_doc["earlier"]["reused"].as_f64().unwrap(),
        0.0,
        "nothing before 2019"
    );
    assert_eq!(jia_doc["sources"]["year"], "file-name");
}

#[test]
fn manifest_wins_and_guesses_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    std::fs::write(
        dir.path().join("MANIFEST.tsv"),
        "file\tyear\tregion\tkind\n2019_甲省_讲话.txt\t2018\t甲省\t讲话\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("untitled.txt"),
        format!(
            "在甲市科协工作会议上的讲话\n——2017年3月2日\n{}\n",
            unique(77, 200)
        ),
    )
    .unwrap();
    let v = json(&taohua(&[
        "corpus",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]));
    let jia = &v["documents"][doc_id(&v, "2019_甲省") as usize];
    assert_eq!(jia["year"], 2018);
    assert_eq!(jia["sources"]["year"], "manifest");
    let untitled = &v["documents"][doc_id(&v, "untitled") as usize];
    assert_eq!(untitled["year"], 2017);
    assert_eq!(untitled["sources"]["year"], "text");
    assert!(untitled["guessed"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("year")));
}

#[test]
fn csv_tables_and_text() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let d = dir.path().to_str().unwrap();
    for (table, header) in [
        ("pairs", "a,b,a_path,b_path"),
        ("phrases", "text,documents,count,first_year"),
        ("documents", "id,path,year,year_source"),
    ] {
        let out = taohua(&["corpus", d, "--format", "csv", "--table", table]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        assert!(text.starts_with(header), "{table}: {text}");
        assert!(text.lines().count() > 1);
    }
    let out = taohua(&["corpus", d]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("8 documents"));
    assert!(text.contains("Stock phrases"));
    assert!(text.contains("Specific phrases"));
}

#[test]
fn unreadable_files_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    std::fs::write(dir.path().join("broken.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let out = taohua(&["corpus", dir.path().to_str().unwrap(), "--format", "json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("broken.txt") && err.contains("empty.txt"),
        "{err}"
    );
    assert!(err.contains("2 of 10 files skipped"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["skipped"], 2);
}

#[test]
fn an_empty_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = taohua(&["corpus", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no documents found"), "{err}");
    let out = taohua(&["corpus", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The shared corpus of real work reports (skipped when absent).
#[test]
fn real_corpus_same_province_pairs_rank_first_and_slogans_are_common() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.join("MANIFEST.tsv").exists() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let v = json(&taohua(&[
        "corpus",
        corpus.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let docs = v["documents"].as_array().unwrap();
    let region = |i: u64| {
        docs[i as usize]["region"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let provincial = |i: u64| region(i) != "全国";
    let mut worst_same = 0;
    let mut best_cross = usize::MAX;
    let mut same = 0;
    for (rank, p) in v["pairs"].as_array().unwrap().iter().enumerate() {
        let (a, b) = (p["a"].as_u64().unwrap(), p["b"].as_u64().unwrap());
        if provincial(a) && provincial(b) {
            if region(a) == region(b) {
                worst_same = worst_same.max(rank);
                same += 1;
            } else {
                best_cross = best_cross.min(rank);
            }
        }
    }
    assert_eq!(same, 27, "every province's 2025–2026 pair is found");
    assert!(worst_same < best_cross, "same-province pairs rank above pairs of different provinces ({worst_same} vs {best_cross})");
    let phrases = v["phrases"].as_array().unwrap();
    let core = phrases
        .iter()
        .find(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .contains("以习近平同志为核心的党中央")
        })
        .unwrap();
    assert_eq!(core["common"], true);
    let bay = phrases
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("粤港澳大湾区"))
        .unwrap();
    assert_eq!(
        bay["first_year"], 2019,
        "the Greater Bay Area enters the national report in 2019"
    );
    assert!(bay["regions"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("广东省")));
}

/// Every row of the table under `header` (up to a blank line) has a column
/// starting at the display column where `column` starts in the header: the
/// cell before it ends in a space and the column's own cell does not start
/// with one.
fn assert_column_lines_up(report: &str, header: &str, column: &str) {
    assert_column_lines_up_in(report, header, column, false);
}

/// The same, counting ambiguous-width characters (“ ” … · —) as two
/// columns when `ambiguous_wide`.
fn assert_column_lines_up_in(report: &str, header: &str, column: &str, ambiguous_wide: bool) {
    use unicode_width::UnicodeWidthStr;
    let width = |s: &str| {
        if ambiguous_wide {
            s.width_cjk()
        } else {
            s.width()
        }
    };
    let lines: Vec<&str> = report.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(header))
        .unwrap_or_else(|| panic!("no table headed {header:?} in\n{report}"));
    let head = lines[at];
    let x = width(&head[..head.find(column).unwrap()]);
    let rows: Vec<&str> = lines[at + 1..]
        .iter()
        .take_while(|l| !l.is_empty())
        .copied()
        .collect();
    assert!(!rows.is_empty(), "{header}: no rows");
    for row in rows {
        // The character that starts at display column x.
        let mut w = 0;
        let mut found = None;
        let mut before = ' ';
        for c in row.chars() {
            if w == x {
                found = Some(c);
                break;
            }
            w += width(&c.to_string());
            before = c;
            if w > x {
                break;
            }
        }
        let c = found
            .unwrap_or_else(|| panic!("{column:?} does not start at column {x}:\n{head}\n{row}"));
        assert!(
            before == ' ' && c != ' ',
            "{column:?} does not start at column {x}:\n{head}\n{row}"
        );
    }
}

#[test]
fn text_tables_honour_the_ambiguous_width_setting() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    // A region whose name holds an ambiguous-width character.
    std::fs::write(
        dir.path().join("2024_甲·乙省_讲话.txt"),
        format!(
            "在全省科协工作会议上的讲话\n{}，{TRAVELLER}。\n",
            unique(901, 200)
        ),
    )
    .unwrap();
    for (flag, wide) in [("1", false), ("2", true)] {
        let out = taohua(&[
            "corpus",
            dir.path().to_str().unwrap(),
            "--format",
            "text",
            "--common-above",
            "0.5",
            "--ambiguous-width",
            flag,
        ]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("甲·乙省"), "{text}");
        assert_column_lines_up_in(&text, "docs  common", "text", wide);
        assert_column_lines_up_in(&text, "id  document", "earlier", wide);
        assert_column_lines_up_in(&text, "#  score", "B document", wide);
    }
}

#[test]
fn text_tables_line_up_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    // A region name of another width: ASCII letters take one column.
    std::fs::write(
        dir.path().join("2024_Anhui_讲话.txt"),
        format!(
            "在全省科协工作会议上的讲话\n{}，{TRAVELLER}。\n",
            unique(900, 200)
        ),
    )
    .unwrap();
    let out = taohua(&[
        "corpus",
        dir.path().to_str().unwrap(),
        "--format",
        "text",
        "--common-above",
        "0.5",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_column_lines_up(&text, "docs  common", "text");
    assert_column_lines_up(&text, "docs  common", "regions");
    assert_column_lines_up(&text, "id  document", "earlier");
    assert_column_lines_up(&text, "id  document", "main source");
    assert_column_lines_up(&text, "#  score", "B document");
    assert!(
        text.contains("乙省 丙市") || text.contains("Anhui"),
        "{text}"
    );
}

/// A folder with a README, a licence, a hidden folder and a hidden file
/// beside the documents.
fn add_non_documents(dir: &Path) {
    std::fs::write(
        dir.join("README.md"),
        format!("# 说明\n本文件夹收录{TRAVELLER}的讲话。\n"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join(".git/objects")).unwrap();
    std::fs::write(
        dir.join(".git/objects/2099_甲省_讲话.txt"),
        format!("{TRAVELLER}\n"),
    )
    .unwrap();
    std::fs::write(dir.join(".draft.txt"), format!("{TRAVELLER}\n")).unwrap();
}

#[test]
fn a_readme_and_a_hidden_folder_are_not_read_and_the_first_line_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    add_non_documents(dir.path());
    let d = dir.path().to_str().unwrap();
    let v = json(&taohua(&["corpus", d, "--format", "json"]));
    assert_eq!(v["documents"].as_array().unwrap().len(), 8);
    assert_eq!(v["summary"]["files_read"], 8);
    let skipped: Vec<(String, String)> = v["summary"]["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy();
            (name.into_owned(), s["reason"].as_str().unwrap().to_string())
        })
        .collect();
    for want in [
        (".git", "hidden"),
        (".draft.txt", "hidden"),
        ("README.md", "project-file"),
    ] {
        assert!(
            skipped.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {skipped:?}"
        );
    }
    let out = taohua(&["corpus", d, "--format", "text", "--verbose"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "taohua corpus: 8 files read; 3 skipped: 2 hidden, 1 README-like (--verbose lists them)"
    );
    assert!(
        !text
            .lines()
            .skip(1)
            .any(|l| l.contains("README") || l.contains("2099")),
        "the README and the hidden folder are no documents: {text}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("README.md: a README"), "{err}");
    assert!(err.contains(".git: hidden"), "{err}");
    // Named on the command line, the README is read.
    let readme = dir.path().join("README.md");
    let jia = dir.path().join("2019_甲省_讲话.txt");
    let v = json(&taohua(&[
        "corpus",
        readme.to_str().unwrap(),
        jia.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
}

/// The bar, on a copy of the shared corpus (skipped when absent).
#[test]
fn a_copy_of_the_shared_corpus_with_a_readme_and_a_hidden_folder() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.join("MANIFEST.tsv").exists() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut documents = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("2025_") || name.starts_with("2026_") {
            std::fs::copy(&path, dir.path().join(&name)).unwrap();
            documents += 1;
        }
    }
    add_non_documents(dir.path());
    let v = json(&taohua(&[
        "corpus",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]));
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), documents);
    assert!(docs.iter().all(|d| {
        let path = Path::new(d["path"].as_str().unwrap());
        let name = path.file_name().unwrap().to_string_lossy();
        !name.contains("README") && !name.starts_with('.') && !name.contains("2099")
    }));
    let regions: Vec<&str> = docs.iter().filter_map(|d| d["region"].as_str()).collect();
    assert!(!regions.contains(&"?"));
    let out = taohua(&["corpus", dir.path().to_str().unwrap(), "--format", "text"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!(
            "taohua corpus: {documents} files read; 3 skipped: 2 hidden, 1 README-like"
        )),
        "{text}"
    );
    assert_column_lines_up(&text, "docs  common", "text");
    assert_column_lines_up(&text, "id  document", "main source");
}

#[test]
fn include_and_exclude_choose_the_files() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let d = dir.path().to_str().unwrap();
    let v = json(&taohua(&[
        "corpus",
        d,
        "--format",
        "json",
        "--include",
        "202[0-3]_*",
        "--exclude",
        "*丙市*",
    ]));
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 4, "{paths:?}");
    assert!(paths
        .iter()
        .all(|p| !p.contains("丙市") && !p.contains("2019")));
    let reasons: Vec<&str> = v["summary"]["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.iter().filter(|r| **r == "excluded").count(), 1);
    assert_eq!(reasons.iter().filter(|r| **r == "not-included").count(), 3);
}

#[test]
fn option_values_that_cannot_work_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let d = dir.path().to_str().unwrap();
    for (args, message) in [
        (vec!["--partners", "0"], "--partners"),
        (vec!["--top", "0"], "--top"),
        (
            vec!["--table", "phrases"],
            "--table phrases: --table chooses the table of --format csv",
        ),
        (
            vec!["--table", "phrases", "--format", "text"],
            "add --format csv",
        ),
        (vec!["--include", "[ab"], "--include [ab: not a glob"),
        (vec!["--common-above", "2"], "--common-above 2"),
        (
            vec!["--year", "2026..2025"],
            "the first year comes after the second",
        ),
    ] {
        let mut all = vec!["corpus", d];
        all.extend(&args);
        let out = taohua(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn one_of_a_kind_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let out = taohua(&[
        "corpus",
        dir.path().to_str().unwrap(),
        "--format",
        "text",
        "--include",
        "2019_*",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 document ·"), "{text}");
    assert!(
        !text.contains(" 1 documents") && !text.contains(" 1 candidate pairs"),
        "{text}"
    );
}

/// A frame four documents fill in three ways, and a growth target whose
/// figure changes: templates with their values and spans, the text report's
/// section, and `--no-templates`.
#[test]
fn templates_with_their_values_by_year() {
    let dir = tempfile::tempdir().unwrap();
    let fills = [
        ("2024_甲省_报告", "二中", "5%"),
        ("2025_乙省_报告", "二中、三中", "5.5%"),
        ("2025_丙省_报告", "二中、三中", "5%"),
        ("2026_丁省_报告", "历次", "4.5%"),
    ];
    for (k, (name, session, growth)) in fills.iter().enumerate() {
        let text = format!(
            "{}\n坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届{session}全会精神，{}。\n今年经济社会发展的主要预期目标是：地区生产总值增长{growth}左右，{}。\n{}\n",
            unique(k as u64 + 1, 200),
            unique(k as u64 + 50, 30),
            unique(k as u64 + 80, 30),
            unique(k as u64 + 100, 200)
        );
        std::fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let v = json(&taohua(&["corpus", d, "--format", "json"]));
    let templates = v["templates"].as_array().unwrap();
    assert_eq!(v["summary"]["templates"], templates.len() as u64);
    let find = |last_part: &str, first_ends: &str| {
        templates
            .iter()
            .find(|t| {
                let parts = t["parts"].as_array().unwrap();
                parts[0].as_str().unwrap().ends_with(first_ends)
                    && parts
                        .last()
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .starts_with(last_part)
            })
            .unwrap_or_else(|| panic!("{first_ends}{{…}}{last_part} in {templates:#?}"))
    };
    let values = |t: &Value| -> Vec<(u64, String)> {
        t["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["id"].as_u64().unwrap(),
                    i["values"][0].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let session = find("全会精神", "二十届");
    assert_eq!(session["first_year"], 2024);
    assert_eq!(session["commonness"], 1.0);
    let mut got = values(session);
    got.sort();
    let id = |stem: &str| doc_id(&v, stem);
    let mut want: Vec<(u64, String)> = fills
        .iter()
        .map(|(name, s, _)| (id(name), s.to_string()))
        .collect();
    want.sort();
    assert_eq!(got, want);
    // The instance's span covers the frame in its document.
    let first = &session["documents"][0];
    let stem = fills
        .iter()
        .find(|(n, _, _)| id(n) == first["id"].as_u64().unwrap())
        .unwrap()
        .0;
    let text: Vec<char> = std::fs::read_to_string(dir.path().join(format!("{stem}.txt")))
        .unwrap()
        .chars()
        .collect();
    let span = first["span"].as_array().unwrap();
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    let shown: String = text[s..e].iter().collect();
    assert!(
        shown.contains("二十届") && shown.ends_with("全会精神"),
        "{shown}"
    );

    let growth = find("左右", "地区生产总值增长");
    let rates: Vec<String> = values(growth).into_iter().map(|(_, v)| v).collect();
    assert_eq!(rates.len(), 4);
    assert!(rates.contains(&"4.5%".to_string()) && rates.contains(&"5.5%".to_string()));

    let out = taohua(&["corpus", d, "--format", "text"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("── Templates"), "{text}");
    assert!(
        text.contains("2024: 二中 (1) → 2025: 二中、三中 (2) → 2026: 历次 (1)"),
        "{text}"
    );

    let v = json(&taohua(&[
        "corpus",
        d,
        "--format",
        "json",
        "--no-templates",
    ]));
    assert_eq!(v["templates"].as_array().unwrap().len(), 0);
    assert_eq!(v["summary"]["templates"], Value::Null);
}

/// The shared corpus (skipped when absent): the session frame
/// `党的二十大和二十届{…}全会`, filled by year.
#[test]
fn real_corpus_session_template() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.join("MANIFEST.tsv").exists() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let v = json(&taohua(&[
        "corpus",
        corpus.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let docs = v["documents"].as_array().unwrap();
    let t = v["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            let parts = t["parts"].as_array().unwrap();
            parts.len() == 2
                && parts[0].as_str().unwrap().ends_with("二十届")
                && parts[1].as_str().unwrap().starts_with("全会")
        })
        .expect("the session frame");
    let mut by_year: std::collections::BTreeMap<u64, std::collections::BTreeSet<String>> =
        Default::default();
    for i in t["documents"].as_array().unwrap() {
        let year = docs[i["id"].as_u64().unwrap() as usize]["year"]
            .as_u64()
            .unwrap();
        by_year
            .entry(year)
            .or_default()
            .insert(i["values"][0].as_str().unwrap().to_string());
    }
    assert!(by_year[&2025].contains("二中、三中"), "{by_year:?}");
    assert!(by_year[&2026].contains("历次"), "{by_year:?}");
    assert!(t["documents"].as_array().unwrap().len() >= 40);
}

/// The shared corpus (skipped when absent): the phrase tables' rows are
/// phrase families, and no row of a table is a fragment of another row of
/// it (a fragment: its text inside the other's, the other carried by at
/// least half as many documents, so it occurs mostly as part of it); the
/// fragments seen before (民人均可支配收入 beside 居民人均可支配收入) are
/// variants, and commonness spreads over the rows instead of sitting at one
/// cliff.
#[test]
fn real_corpus_phrase_rows_are_families_without_fragments() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.join("MANIFEST.tsv").exists() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let v = json(&taohua(&[
        "corpus",
        corpus.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let phrases = v["phrases"].as_array().unwrap();
    let families = v["families"].as_array().unwrap();
    let docs = |k: &Value| {
        phrases[k.as_u64().unwrap() as usize]["documents"]
            .as_array()
            .unwrap()
            .len()
    };
    let text = |k: &Value| {
        phrases[k.as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    for stock in [false, true] {
        // The rows a table shows first, with the widest member of each.
        let rows: Vec<(String, usize, usize)> = families
            .iter()
            .filter(|f| f["stock"] == stock)
            .take(300)
            .map(|f| {
                let widest = std::iter::once(&f["phrase"])
                    .chain(f["variants"].as_array().unwrap())
                    .map(docs)
                    .max()
                    .unwrap();
                (text(&f["phrase"]), docs(&f["phrase"]), widest)
            })
            .collect();
        for (i, (a, _, wa)) in rows.iter().enumerate() {
            for (j, (b, db, wb)) in rows.iter().enumerate() {
                if i != j && b.contains(a.as_str()) {
                    assert!(
                        2 * db < *wa.max(wb),
                        "{a:?} is a fragment of {b:?} ({db} documents)"
                    );
                }
            }
        }
        let mut shares: Vec<String> = families
            .iter()
            .filter(|f| f["stock"] == stock)
            .take(20)
            .map(|f| format!("{:.2}", f["commonness"].as_f64().unwrap()))
            .collect();
        shares.dedup();
        assert!(shares.len() > 3, "commonness at a cliff: {shares:?}");
    }
    let income = families
        .iter()
        .find(|f| text(&f["phrase"]).ends_with("居民人均可支配收入"))
        .expect("the income family");
    assert!(income["variants"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| text(v) == "民人均可支配收入"));
}
