//! The example speeches (`examples/`): JSON snapshots of the comparisons, the
//! planted reuse listed in `examples/README.md`, and the `taohua.compare/1`
//! contract (`docs/json.md`) checked on real output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use taohua_core::compare::align::RELATED_SIMILARITY;
use taohua_core::text::normalize::{keys_of, NormOptions};
use taohua_core::CompareOptions;

const BIN: &str = env!("CARGO_BIN_EXE_taohua");

const EX_2023: &str = "examples/2023_青川市_科协讲话.txt";
const EX_2024: &str = "examples/2024_青川市_科协讲话.txt";
const EX_PROV: &str = "examples/2024_云岭省_科协讲话.txt";

const OPS: [&str; 7] = [
    "match", "related", "moved", "split", "merge", "delete", "insert",
];

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `taohua compare A B --format json`, run from the crate root with relative
/// paths so that the report (and its snapshot) does not depend on where the
/// crate lives.
fn compare_json(a: &str, b: &str) -> Value {
    let out = Command::new(BIN)
        // The English interface, whatever the machine's locale.
        .env("LC_ALL", "C")
        .args(["compare", a, b, "--format", "json"])
        .current_dir(crate_root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A document as taohua extracts it, with its lines (1-based) as char spans.
struct Doc {
    chars: Vec<char>,
    /// `lines[n - 1]` is line n, without its line feed.
    lines: Vec<(u64, u64)>,
}

impl Doc {
    fn load(rel: &str) -> Doc {
        let out = Command::new(BIN)
            // The English interface, whatever the machine's locale.
            .env("LC_ALL", "C")
            .args(["extract", rel])
            .current_dir(crate_root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            text,
            std::fs::read_to_string(crate_root().join(rel)).unwrap(),
            "the examples are UTF-8 without BOM: extracted text == file"
        );
        let chars: Vec<char> = text.chars().collect();
        let mut lines = Vec::new();
        let mut start = 0u64;
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                lines.push((start, i as u64));
                start = i as u64 + 1;
            }
        }
        if (start as usize) < chars.len() {
            lines.push((start, chars.len() as u64));
        }
        Doc { chars, lines }
    }

    fn text(&self, (s, e): (u64, u64)) -> String {
        self.chars[s as usize..e as usize].iter().collect()
    }

    fn line_text(&self, n: usize) -> String {
        self.text(self.lines[n - 1])
    }

    /// The 1-based line a char span lies in (it must not cross a line break).
    fn line_of(&self, (s, e): (u64, u64)) -> usize {
        let n = self
            .lines
            .iter()
            .position(|&(ls, le)| ls <= s && e <= le)
            .unwrap_or_else(|| panic!("span {s}..{e} crosses a line"));
        n + 1
    }
}

fn span(v: &Value) -> (u64, u64) {
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 2, "a span is [start, end]: {v}");
    (a[0].as_u64().unwrap(), a[1].as_u64().unwrap())
}

fn spans(v: &Value) -> Vec<(u64, u64)> {
    v.as_array().unwrap().iter().map(span).collect()
}

/// A unit as (op, left lines, right lines, similarity).
#[derive(Debug, Clone, PartialEq)]
struct LineUnit {
    op: String,
    left: Vec<usize>,
    right: Vec<usize>,
    similarity: f64,
}

fn line_units(v: &Value, left: &Doc, right: &Doc) -> Vec<LineUnit> {
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| LineUnit {
            op: u["op"].as_str().unwrap().to_string(),
            left: spans(&u["left"])
                .into_iter()
                .map(|s| left.line_of(s))
                .collect(),
            right: spans(&u["right"])
                .into_iter()
                .map(|s| right.line_of(s))
                .collect(),
            similarity: u["similarity"].as_f64().unwrap(),
        })
        .collect()
}

/// The unit holding left line `l`.
fn unit_with_left(units: &[LineUnit], l: usize) -> &LineUnit {
    let found: Vec<&LineUnit> = units.iter().filter(|u| u.left.contains(&l)).collect();
    assert_eq!(found.len(), 1, "left line {l} is in {} units", found.len());
    found[0]
}

/// The unit holding right line `r`.
fn unit_with_right(units: &[LineUnit], r: usize) -> &LineUnit {
    let found: Vec<&LineUnit> = units.iter().filter(|u| u.right.contains(&r)).collect();
    assert_eq!(found.len(), 1, "right line {r} is in {} units", found.len());
    found[0]
}

/// A passage as (left span, right span, chars, exact, slogan, text).
#[derive(Debug, Clone)]
struct P {
    left: (u64, u64),
    right: (u64, u64),
    chars: u64,
    exact: bool,
    slogan: bool,
    text: String,
}

fn passages(v: &Value) -> Vec<P> {
    v["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| P {
            left: span(&p["left"]),
            right: span(&p["right"]),
            chars: p["chars"].as_u64().unwrap(),
            exact: p["exact"].as_bool().unwrap(),
            slogan: p["slogan"].as_bool().unwrap(),
            text: p["text"].as_str().unwrap().to_string(),
        })
        .collect()
}

/// The text without its final sentence mark (passages stop before it).
fn core(s: &str) -> &str {
    s.trim_end_matches(['。', '；', '，'])
}

/// The passage whose left text contains `left_needle` and whose right text
/// contains `right_needle`, between the given lines. Checks that the passage
/// text is the left text at its span.
fn find_passage<'a>(
    ps: &'a [P],
    (left, right): (&Doc, &Doc),
    (left_line, right_line): (usize, usize),
    (left_needle, right_needle): (&str, &str),
) -> &'a P {
    let (ln, rn) = (core(left_needle), core(right_needle));
    let found: Vec<&P> = ps
        .iter()
        .filter(|p| {
            p.text.contains(ln)
                && right.text(p.right).contains(rn)
                && left.line_of(p.left) == left_line
                && right.line_of(p.right) == right_line
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "passage {ln:?} (left line {left_line}, right line {right_line}): found {found:#?}"
    );
    let p = found[0];
    assert_eq!(left.text(p.left), p.text);
    assert!(left.line_text(left_line).contains(left_needle));
    assert!(right.line_text(right_line).contains(right_needle));
    p
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_2023_vs_2024() {
    insta::assert_json_snapshot!("compare_2023_vs_2024", compare_json(EX_2023, EX_2024));
}

#[test]
fn snapshot_2024_vs_province() {
    insta::assert_json_snapshot!("compare_2024_vs_prov", compare_json(EX_2024, EX_PROV));
}

// ------------------------------------------------------ planted: 2023 → 2024

#[test]
fn city_whole_paragraphs_copied_are_matched_in_full() {
    let (a, b) = (Doc::load(EX_2023), Doc::load(EX_2024));
    let v = compare_json(EX_2023, EX_2024);
    let units = line_units(&v, &a, &b);
    // Items 1–7, then the identical short lines (headings and similar).
    let pairs = [
        (15, 15),
        (20, 20),
        (26, 26),
        (40, 38),
        (46, 46),
        (47, 47),
        (50, 50),
        (3, 3),
        (4, 4),
        (8, 8),
        (10, 10),
        (13, 13),
        (17, 17),
        (22, 23),
        (29, 30),
        (32, 32),
        (36, 35),
        (41, 40),
        (45, 44),
    ];
    for (l, r) in pairs {
        assert_eq!(a.line_text(l), b.line_text(r), "premise: {l} == {r}");
        let u = unit_with_left(&units, l);
        assert_eq!(
            (u.op.as_str(), &u.left[..], &u.right[..]),
            ("match", &[l][..], &[r][..]),
            "2023 line {l} ↔ 2024 line {r}"
        );
        assert_eq!(u.similarity, 1.0, "{l} ↔ {r}");
    }
    // Lines sharing a frame, year or session changed.
    for (l, r) in [(1, 1), (2, 2), (6, 6), (27, 28)] {
        let u = unit_with_left(&units, l);
        assert_eq!((u.op.as_str(), &u.right[..]), ("match", &[r][..]), "{l}");
        assert!(u.similarity < 1.0 && u.similarity > 0.5, "{l}: {u:?}");
    }
}

#[test]
fn city_moved_paragraph_is_one_moved_unit() {
    let (a, b) = (Doc::load(EX_2023), Doc::load(EX_2024));
    assert_eq!(a.line_text(34), b.line_text(45), "premise: item 8");
    assert!(a.line_text(34).starts_with("要充分发挥学会的主体作用"));
    let v = compare_json(EX_2023, EX_2024);
    let units = line_units(&v, &a, &b);
    let u = unit_with_left(&units, 34);
    assert_eq!(u.op, "moved", "{u:?}");
    assert_eq!((&u.left[..], &u.right[..]), (&[34][..], &[45][..]));
    assert_eq!(u.similarity, 1.0);
    assert_eq!(units.iter().filter(|u| u.op == "moved").count(), 1);
    // The moved text is also one exact passage.
    let ps = passages(&v);
    let p = find_passage(
        &ps,
        (&a, &b),
        (34, 45),
        ("要充分发挥学会的主体作用", "要充分发挥学会的主体作用"),
    );
    assert!(p.exact);
    assert_eq!(p.text, core(&a.line_text(34)));
}

#[test]
fn city_split_paragraph_is_one_split_unit() {
    let (a, b) = (Doc::load(EX_2023), Doc::load(EX_2024));
    assert!(a.line_text(21).starts_with("在肯定成绩的同时"));
    assert!(
        b.line_text(22).starts_with("主要是："),
        "the cut falls before 主要是："
    );
    let v = compare_json(EX_2023, EX_2024);
    let units = line_units(&v, &a, &b);
    let u = unit_with_left(&units, 21);
    assert_eq!(u.op, "split", "{u:?}");
    assert_eq!((&u.left[..], &u.right[..]), (&[21][..], &[21, 22][..]));
    assert!(u.similarity > 0.99, "{u:?}");
    assert_eq!(units.iter().filter(|u| u.op == "split").count(), 1);
}

#[test]
fn city_merged_paragraphs_are_one_merge_unit() {
    let (a, b) = (Doc::load(EX_2023), Doc::load(EX_2024));
    assert!(a.line_text(38).starts_with("要加强科普阵地建设"));
    assert!(a.line_text(39).starts_with("要创新科普传播方式"));
    let v = compare_json(EX_2023, EX_2024);
    let units = line_units(&v, &a, &b);
    let u = unit_with_right(&units, 37);
    assert_eq!(u.op, "merge", "{u:?}");
    assert_eq!((&u.left[..], &u.right[..]), (&[38, 39][..], &[37][..]));
    assert!(u.similarity > 0.99, "{u:?}");
    assert_eq!(units.iter().filter(|u| u.op == "merge").count(), 1);
}

#[test]
fn city_changed_figures_are_matched_but_not_identical() {
    let (a, b) = (Doc::load(EX_2023), Doc::load(EX_2024));
    let v = compare_json(EX_2023, EX_2024);
    let units = line_units(&v, &a, &b);
    // Items 11 and 12.
    for (l, r) in [(14, 14), (37, 36)] {
        let u = unit_with_left(&units, l);
        assert_eq!(u.op, "match", "{u:?}");
        assert_eq!(&u.right[..], &[r][..]);
        assert!(u.similarity < 1.0, "{l}: {u:?}");
        assert!(u.similarity > 0.8, "{l}: {u:?}");
    }
    // No exact passage runs over a changed figure: 1.2亿元 is never paired
    // with 1.5亿元.
    for p in passages(&v) {
        if p.exact {
            assert_eq!(
                normalized(&p.text),
                normalized(&b.text(p.right)),
                "exact passage {p:?}"
            );
        }
    }
}

#[test]
fn city_half_width_punctuation_paragraph_is_matched_fully() {
    let (a, b) = (Doc::load(EX_2023), Doc::load(EX_2024));
    assert_ne!(
        a.line_text(43),
        b.line_text(43),
        "premise: punctuation differs"
    );
    assert!(b.line_text(43).contains("机制:"));
    let v = compare_json(EX_2023, EX_2024);
    let units = line_units(&v, &a, &b);
    let u = unit_with_left(&units, 43);
    assert_eq!((u.op.as_str(), &u.right[..]), ("match", &[43][..]));
    assert!(u.similarity >= 0.99, "{u:?}");
    let ps = passages(&v);
    let p = find_passage(
        &ps,
        (&a, &b),
        (43, 43),
        ("要健全“1+N”联系服务机制：", "要健全“1+N”联系服务机制:"),
    );
    assert!(p.exact, "only punctuation differs: {p:?}");
}

#[test]
fn city_edited_sentence_is_bridged() {
    let (a, b) = (Doc::load(EX_2023), Doc::load(EX_2024));
    let v = compare_json(EX_2023, EX_2024);
    let ps = passages(&v);
    // Item 14: 一切 inserted.
    let p = find_passage(
        &ps,
        (&a, &b),
        (30, 27),
        (
            "要始终把服务科技工作者作为科协工作的出发点和落脚点，努力解决好他们最关心最直接最现实的问题。",
            "要始终把服务科技工作者作为科协一切工作的出发点和落脚点，努力解决好他们最关心最直接最现实的问题。",
        ),
    );
    assert!(!p.exact, "bridged over the insertion: {p:?}");
}

#[test]
fn city_copied_sentences_are_passages() {
    let (a, b) = (Doc::load(EX_2023), Doc::load(EX_2024));
    let v = compare_json(EX_2023, EX_2024);
    let ps = passages(&v);
    let s19 = "我们始终坚持把科协组织建到科技工作者身边，做到科技工作者在哪里、科协组织就覆盖到哪里、联系服务就延伸到哪里。";
    let s20 = "做好今年全市科协工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持党对科协工作的全面领导，紧紧围绕市委“创新驱动、产业强市”发展战略，着力强化思想政治引领，着力提升服务创新能力，着力推进科普惠民，着力夯实基层组织基础，为加快建设创新青川作出新的更大贡献。";
    let cases = [
        (5, 5, "下面，受市科协常委会委托，我讲四个方面的意见。"),
        (
            7,
            7,
            "一年来，在市委的坚强领导和省科协的有力指导下，",
        ),
        (7, 7, "较好完成了全年各项目标任务。"),
        (28, 7, "2023年是全面贯彻党的二十大精神的开局之年。"),
        (
            9,
            9,
            "引导广大科技工作者增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚定不移听党话、矢志不渝跟党走。",
        ),
        (18, 18, s19),
        (28, 29, s20),
        (
            30,
            31,
            "深入开展“弘扬科学家精神”主题活动，持续推进科学家精神进校园、进企业、进社区，用身边的先进典型激励科技工作者胸怀祖国、服务人民。",
        ),
    ];
    for (l, r, needle) in cases {
        let p = find_passage(&ps, (&a, &b), (l, r), (needle, needle));
        assert!(p.exact, "{needle}: {p:?}");
        assert!(p.chars >= 8);
    }
    // Item 20 is 148 chars long, and its countable characters all count.
    let p = find_passage(&ps, (&a, &b), (28, 29), (s20, s20));
    assert!(p.chars >= 130, "{p:?}");
    // Item 19 is distinctive, not a slogan.
    let p = find_passage(&ps, (&a, &b), (18, 18), (s19, s19));
    assert!(!p.slogan);
}

// ---------------------------------------------------- planted: prov ↔ city

const DISTINCTIVE: &str = "我们始终坚持把科协组织建到科技工作者身边，做到科技工作者在哪里、科协组织就覆盖到哪里、联系服务就延伸到哪里。";
const TARGET_GROUPS: &str = "青少年、农民、城镇劳动者、领导干部和公务员";
const PLACEHOLDER_CITY: &str = "青川市科协要当好科技工作者之家，真心实意为科技工作者办实事、解难事、做好事，让广大科技工作者安心工作、潜心研究、舒心生活。";
const PLACEHOLDER_PROV: &str = "XX市科协要当好科技工作者之家，真心实意为科技工作者办实事、解难事、做好事，让广大科技工作者安心工作、潜心研究、舒心生活。";

fn check_province_passages(city: &str) {
    let (a, b) = (Doc::load(city), Doc::load(EX_PROV));
    let v = compare_json(city, EX_PROV);
    let ps = passages(&v);

    // Item 22: the distinctive sentence, word for word.
    let p = find_passage(&ps, (&a, &b), (18, 11), (DISTINCTIVE, DISTINCTIVE));
    assert!(p.exact && !p.slogan, "{p:?}");
    assert!(p.chars >= 45, "{p:?}");

    // Item 23: the target-group list.
    let p = find_passage(&ps, (&a, &b), (15, 10), (TARGET_GROUPS, TARGET_GROUPS));
    assert!(!p.slogan, "{p:?}");
    assert!(p.chars >= 18, "{p:?}");

    // Item 24: the placeholder sentence. The passage covers the sentence from
    // 市科协 on; XX (a placeholder) stands for 青川.
    let tail = PLACEHOLDER_PROV.trim_start_matches("XX");
    let p = find_passage(&ps, (&a, &b), (26, 31), (tail, tail));
    assert!(a.line_text(26).contains(PLACEHOLDER_CITY));
    assert!(b.line_text(31).contains(PLACEHOLDER_PROV));
    let right_text = b.text(p.right);
    assert!(
        right_text.ends_with(core(tail)),
        "passage ends with the sentence: {right_text}"
    );
    assert!(
        right_text.starts_with("市科协") || right_text.starts_with("XX市科协"),
        "passage starts at the sentence: {right_text}"
    );
    assert!(!p.slogan);
    assert!(p.chars >= 48, "{p:?}");

    // Item 26: the slogan shared by the slogan-only paragraph is flagged.
    let p = find_passage(
        &ps,
        (&a, &b),
        (9, 21),
        (
            "坚定不移听党话、矢志不渝跟党走",
            "坚定不移听党话、矢志不渝跟党走",
        ),
    );
    assert!(p.slogan, "{p:?}");

    // Apart from items 22–29 the province shares no run of 10 or more
    // characters with the city: every other exact passage of 10+ countable
    // characters is a slogan.
    let planted = [
        DISTINCTIVE,
        TARGET_GROUPS,
        PLACEHOLDER_PROV.trim_start_matches("XX"),
    ];
    for p in &ps {
        if p.exact && p.chars >= 10 && !p.slogan {
            assert!(
                planted
                    .iter()
                    .any(|t| p.text.contains(core(t)) || core(t).contains(p.text.as_str())),
                "unexpected passage {p:?}"
            );
        }
        // The province file does not contain 青川.
        assert!(!b.text(p.right).contains("青川"), "{p:?}");
    }
}

#[test]
fn province_2024_planted_passages() {
    check_province_passages(EX_2024);
}

#[test]
fn province_2023_planted_passages() {
    check_province_passages(EX_2023);
}

#[test]
fn slogan_only_paragraph_is_not_aligned() {
    for city in [EX_2023, EX_2024] {
        let (a, b) = (Doc::load(city), Doc::load(EX_PROV));
        assert!(b
            .line_text(21)
            .starts_with("要加强青年科技人才思想政治引领"));
        assert!(a.line_text(9).contains("坚定不移听党话、矢志不渝跟党走。"));
        let v = compare_json(city, EX_PROV);
        let units = line_units(&v, &a, &b);
        let u = unit_with_right(&units, 21);
        assert!(
            !u.left.contains(&9),
            "{city}: the slogan-only paragraph is aligned with line 9: {u:?}"
        );
        let u = unit_with_left(&units, 9);
        assert!(!u.right.contains(&21), "{city}: {u:?}");
    }
}

#[test]
fn province_placeholder_paragraph_is_aligned() {
    let (a, b) = (Doc::load(EX_2024), Doc::load(EX_PROV));
    let v = compare_json(EX_2024, EX_PROV);
    let units = line_units(&v, &a, &b);
    let u = unit_with_left(&units, 26);
    assert_eq!(&u.right[..], &[31][..], "{u:?}");
    // One template sentence with a slot in common: aligned, and with a
    // similarity of 0.44 only related.
    assert!(
        u.op == "match" || u.op == "moved" || u.op == "related",
        "{u:?}"
    );
}

// ------------------------------------------------------- the JSON contract

fn normalized(s: &str) -> String {
    let n = keys_of(s, &NormOptions::default()).unwrap();
    n.key_string(0, n.len())
}

fn check_contract(a: &str, b: &str) {
    let (left, right) = (Doc::load(a), Doc::load(b));
    let v = compare_json(a, b);
    assert_eq!(v["schema"], "taohua.compare/1");

    for (side, doc, path) in [("left", &left, a), ("right", &right, b)] {
        let d = &v[side];
        assert_eq!(d["path"], path);
        assert_eq!(d["chars"].as_u64(), Some(doc.chars.len() as u64));
        for key in ["title", "year", "region", "kind"] {
            assert!(d.get(key).is_some(), "{side}.{key} missing");
        }
    }
    let s = &v["summary"];
    for key in [
        "left_reused",
        "right_reused",
        "left_reused_distinctive",
        "right_reused_distinctive",
    ] {
        let x = s[key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x), "{key} = {x}");
    }
    assert!(s["left_reused_distinctive"].as_f64() <= s["left_reused"].as_f64());
    assert!(s["right_reused_distinctive"].as_f64() <= s["right_reused"].as_f64());
    let ps = v["passages"].as_array().unwrap();
    assert_eq!(s["passages"].as_u64(), Some(ps.len() as u64));
    let min_chars = s["min_chars"].as_u64().unwrap();
    assert_eq!(min_chars, 8);
    assert_eq!(
        s["slogan_passages"].as_u64(),
        Some(ps.iter().filter(|p| p["slogan"] == true).count() as u64)
    );

    // Units: allowed ops and arities, similarity in [0, 1].
    let units = v["units"].as_array().unwrap();
    let mut left_seen: Vec<((u64, u64), Option<u64>)> = Vec::new();
    let mut right_seen: Vec<((u64, u64), Option<u64>)> = Vec::new();
    let mut last_left: Option<(u64, u64)> = None;
    let mut last_right_in_order: Option<(u64, u64)> = None;
    for u in units {
        let op = u["op"].as_str().unwrap();
        assert!(OPS.contains(&op), "op {op}");
        let sim = u["similarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&sim), "similarity {sim}");
        let (l, r) = (spans(&u["left"]), spans(&u["right"]));
        // `group` is present only on pieces of a split or merge apart.
        let group = u.get("group").map(|g| g.as_u64().unwrap());
        let piece = group.is_some();
        let arity_ok = match op {
            "match" | "related" | "moved" => l.len() == 1 && r.len() == 1,
            "split" => l.len() == 1 && (r.len() >= 2 || piece),
            "merge" => (l.len() >= 2 || piece) && r.len() == 1,
            "delete" => l.len() == 1 && r.is_empty() && !piece,
            "insert" => l.is_empty() && r.len() == 1 && !piece,
            _ => false,
        };
        assert!(arity_ok, "{u}");
        if op == "delete" || op == "insert" {
            assert_eq!(sim, 0.0, "{u}");
        }
        // Left reading order across all units; right order across in-order
        // units and inserts.
        // A match is never below the related threshold, a related pair always.
        if op == "match" {
            assert!(sim >= RELATED_SIMILARITY - 1e-4, "{u}");
        }
        if op == "related" {
            assert!(sim < RELATED_SIMILARITY + 1e-4, "{u}");
        }
        // (A piece repeats the span it shares with its group.)
        for &sp in &l {
            if let Some(prev) = last_left {
                assert!(
                    prev.1 <= sp.0 || (piece && prev == sp),
                    "left spans out of order at {u}"
                );
            }
            last_left = Some(sp);
        }
        if op != "moved" && op != "delete" {
            for &sp in &r {
                if let Some(prev) = last_right_in_order {
                    assert!(
                        prev.1 <= sp.0 || (piece && prev == sp),
                        "right spans out of order at {u}"
                    );
                }
                last_right_in_order = Some(sp);
            }
        }
        left_seen.extend(l.iter().map(|&sp| (sp, group)));
        right_seen.extend(r.iter().map(|&sp| (sp, group)));
    }

    // Units cover each document's segments; a span appears twice only in
    // units of one group.
    let opts = CompareOptions::default();
    for (seen, doc, name) in [(left_seen, &left, a), (right_seen, &right, b)] {
        let mut pairs = seen.clone();
        pairs.sort_unstable();
        for w in pairs.windows(2) {
            if w[0].0 == w[1].0 {
                assert!(
                    w[0].1.is_some() && w[0].1 == w[1].1,
                    "{name}: a span appears twice outside a group: {w:?}"
                );
            }
        }
        let mut sorted: Vec<(u64, u64)> = pairs.iter().map(|p| p.0).collect();
        sorted.dedup();
        let text: String = doc.chars.iter().collect();
        let prepared = taohua_core::prepare(&text, &opts).unwrap();
        let segments: Vec<(u64, u64)> = prepared
            .segments()
            .iter()
            .map(|s| (u64::from(s.start), u64::from(s.end)))
            .collect();
        assert_eq!(sorted, segments, "{name}: units do not cover the segments");
        // Only white space lies outside the segments.
        let mut at = 0u64;
        for &(s, e) in &sorted {
            assert!(s < e);
            assert!(doc.text((at, s)).chars().all(char::is_whitespace));
            at = e;
        }
        assert!(doc
            .text((at, doc.chars.len() as u64))
            .chars()
            .all(char::is_whitespace));
    }

    // Passages: in bounds, text is the left text at the span, long enough.
    for p in ps {
        let (l, r) = (span(&p["left"]), span(&p["right"]));
        assert!(l.0 < l.1 && l.1 <= left.chars.len() as u64, "{p}");
        assert!(r.0 < r.1 && r.1 <= right.chars.len() as u64, "{p}");
        assert_eq!(p["text"].as_str().unwrap(), left.text(l), "{p}");
        assert!(p["chars"].as_u64().unwrap() >= min_chars, "{p}");
        let countable = left.text(l).chars().filter(|c| c.is_alphanumeric()).count() as u64;
        assert!(p["chars"].as_u64().unwrap() <= countable, "{p}");
        assert!(p["exact"].is_boolean() && p["slogan"].is_boolean());
        if p["exact"] == true {
            assert_eq!(
                normalized(&left.text(l)),
                normalized(&right.text(r)),
                "exact passage {p}"
            );
        }
        // A passage stays inside one paragraph on each side.
        left.line_of(l);
        right.line_of(r);
    }
}

#[test]
fn contract_2023_vs_2024() {
    check_contract(EX_2023, EX_2024);
}

#[test]
fn contract_2024_vs_2023() {
    check_contract(EX_2024, EX_2023);
}

#[test]
fn contract_2024_vs_province() {
    check_contract(EX_2024, EX_PROV);
}

#[test]
fn contract_province_vs_2023() {
    check_contract(EX_PROV, EX_2023);
}

#[test]
fn contract_self_comparison() {
    check_contract(EX_2024, EX_2024);
    let (a, b) = (Doc::load(EX_2024), Doc::load(EX_2024));
    let v = compare_json(EX_2024, EX_2024);
    for u in line_units(&v, &a, &b) {
        assert_eq!(u.op, "match", "{u:?}");
        assert_eq!(u.left, u.right);
        assert_eq!(u.similarity, 1.0);
    }
    // Everything is reused except lines shorter than a passage (同志们：).
    assert!(v["summary"]["left_reused"].as_f64().unwrap() > 0.999);
    assert_eq!(v["summary"]["left_reused"], v["summary"]["right_reused"]);
}

/// `taohua::report::json::write` on a pair session and the binary give the
/// same report.
#[test]
fn library_report_equals_binary_report() {
    use taohua::app::pair::{DocInfo, PairSession};
    let root = crate_root();
    let (ta, tb) = (
        std::fs::read_to_string(root.join(EX_2023)).unwrap(),
        std::fs::read_to_string(root.join(EX_2024)).unwrap(),
    );
    let (ia, ib) = (DocInfo::read(EX_2023, &ta), DocInfo::read(EX_2024, &tb));
    // As the binary does: the built-in reference, around the later document.
    let reference = taohua::app::reference::choose("built-in").unwrap();
    let options = CompareOptions {
        stock: taohua::app::reference::stock_options(reference, &ib.meta),
        ..CompareOptions::default()
    };
    let session = PairSession::new((ia, &ta), (ib, &tb), options).unwrap();
    let mut out = Vec::new();
    taohua::report::json::write(&session.report(), &mut out).unwrap();
    let lib: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(lib, compare_json(EX_2023, EX_2024));
}
