//! Substitutions and names left behind end to end: a county's
//! fire-prevention plan re-issued by another county with two township
//! names and one county name left behind (fixtures written for this test),
//! and `taohua eval --reissue` on the shared corpus when it is present.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_taohua");
const SOURCE: &str = "tests/fixtures/reissue/2024_安化县_森林防火方案.txt";
const COPY: &str = "tests/fixtures/reissue/2025_丰城市_森林防火方案.txt";

fn taohua(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_reissued_plan_shows_its_substitutions_and_the_names_left_behind() {
    let v = json(&taohua(&["compare", SOURCE, COPY, "--format", "json"]));
    let subs = v["substitutions"].as_array().unwrap();
    let sub = |l: &str, r: &str| {
        subs.iter()
            .find(|s| s["left"] == l && s["right"] == r)
            .unwrap_or_else(|| panic!("{l} → {r} in {subs:#?}"))
    };
    let county = sub("安化县", "丰城市");
    assert_eq!(county["count"], 5);
    assert_eq!(county["kind"], "place");
    assert_eq!(county["occurrences"].as_array().unwrap().len(), 5);
    assert_eq!(sub("东坪镇", "剑光街道")["kind"], "place");
    assert_eq!(sub("2024", "2025")["kind"], "date");
    // Most frequent first.
    let counts: Vec<u64> = subs.iter().map(|s| s["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    let left: Vec<(&str, &str, &str)> = v["leftovers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["side"].as_str().unwrap(),
                l["text"].as_str().unwrap(),
                l["place"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        left,
        [
            ("right", "小淹镇", "湖南省益阳市安化县小淹镇"),
            ("right", "安化县", "湖南省益阳市安化县"),
            ("right", "小淹镇", "湖南省益阳市安化县小淹镇"),
        ]
    );
    assert_eq!(v["left"]["division"], "湖南省益阳市安化县");
    assert_eq!(v["right"]["division"], "江西省宜春市丰城市");

    let out = taohua(&["compare", SOURCE, COPY, "--format", "text"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.lines().next(),
        Some("⚠ 3 names of 湖南省益阳市安化县 left in the right document: ¶6, ¶8, ¶9")
    );
    assert!(text.contains("── Substitutions"), "{text}");
    assert!(
        text.contains("  安化县 → 丰城市  ×5  place  L¶1,¶2,¶10,¶12"),
        "{text}"
    );
}

#[test]
fn the_same_plan_compared_with_itself_raises_nothing() {
    let v = json(&taohua(&["compare", SOURCE, SOURCE, "--format", "json"]));
    assert_eq!(v["substitutions"].as_array().unwrap().len(), 0);
    assert_eq!(v["leftovers"].as_array().unwrap().len(), 0);
    let out = taohua(&["compare", SOURCE, SOURCE, "--format", "text"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains('⚠') && !text.contains("── Substitutions"),
        "{text}"
    );
}

/// The bar of issue 14 on the shared corpus (skipped when absent): copies
/// re-issued under another province's names, and the real pairs.
#[test]
fn reissued_reports_meet_the_bar() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.join("MANIFEST.tsv").exists() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let v = json(&taohua(&[
        "eval",
        corpus.to_str().unwrap(),
        "--reissue",
        "--format",
        "json",
    ]));
    let copies = v["copies"].as_array().unwrap();
    assert!(copies.len() >= 50, "{}", copies.len());
    let sum = |f: &str| copies.iter().map(|c| c[f].as_u64().unwrap()).sum::<u64>();
    let ratio = |a: &str, b: &str| sum(a) as f64 / sum(b) as f64;
    assert!(ratio("substitutions_found", "substitutions") >= 0.9);
    assert!(ratio("left_behind_found", "left_behind") >= 0.9);
    assert!(copies
        .iter()
        .all(|c| c["false_alarms"].as_u64().unwrap() <= 1));
    let raised = |k: &str| {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|p| p["leftovers"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(v["same_province"].as_array().unwrap().len(), 27);
    assert!(raised("same_province") <= 1);
    let cross = v["cross_province"].as_array().unwrap().len() as u64;
    assert!(
        raised("cross_province") * 50 <= cross,
        "at most one pair in 50"
    );
}
