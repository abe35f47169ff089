//! Past one machine (issue 18): the Parquet export, `taohua batch`, `corpus
//! --from`, and the Spark job in `spark/` in local mode on a small corpus
//! grown from `examples/`, checked against `taohua corpus --format json`
//! (the same top 20 pairs in the same order, every phrase's document set)
//! and, through DuckDB, the commonness figures.
//!
//! The Spark test needs the virtual environment `spark/setup.sh` makes
//! (`target/spark-venv`, or `TAOHUA_SPARK_PYTHON`) and Java; without them it
//! says so and passes. `.ci/run` makes the environment, so in CI it runs.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn taohua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taohua"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run taohua")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A corpus of 15 documents: the three example speeches and four edited
/// copies of each.
fn grown(dir: &Path) -> PathBuf {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let out = dir.join("corpus");
    ok(&taohua(&["grow", s(&examples), s(&out), "--times", "5"]));
    out
}

/// The venv's Python with pyspark and duckdb, when there is one and Java.
fn spark_python() -> Option<PathBuf> {
    let python = std::env::var_os("TAOHUA_SPARK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/spark-venv/bin/python")
        });
    let imports = Command::new(&python)
        .args(["-c", "import pyspark, duckdb"])
        .output();
    if !imports.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "SKIPPED: no Python with pyspark and duckdb at {} (run spark/setup.sh, or set TAOHUA_SPARK_PYTHON)",
            python.display()
        );
        return None;
    }
    if !Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!(
            "SKIPPED: no java on PATH (Spark needs Java 17 or newer; spark/setup.sh installs it)"
        );
        return None;
    }
    Some(python)
}

#[test]
fn spark_in_local_mode_gives_taohua_corpus_answers() {
    let Some(python) = spark_python() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = grown(tmp.path());
    // A share above which text is common that leaves candidate pairs in a
    // corpus of edited copies; the export records it for the job.
    let opts = ["--common-above", "0.34", "--partners", "4"];
    let want = tmp.path().join("taohua.json");
    let mut args = vec!["corpus", s(&corpus), "--format", "json"];
    args.extend(opts);
    std::fs::write(&want, ok(&taohua(&args))).expect("write");
    let export = tmp.path().join("export");
    let mut args = vec!["corpus", s(&corpus), "--export-parquet", s(&export)];
    args.extend(opts);
    ok(&taohua(&args));
    let out = tmp.path().join("spark");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spark");
    let job = Command::new(&python)
        .arg(dir.join("taohua_spark.py"))
        .args([
            s(&export),
            s(&out),
            "--taohua",
            env!("CARGO_BIN_EXE_taohua"),
        ])
        .args(["--master", "local[2]", "--driver-memory", "1g"])
        .output()
        .expect("run the Spark job");
    ok(&job);
    let same = Command::new(&python)
        .arg(dir.join("check.py"))
        .args(["same", s(&want), s(&out)])
        .output()
        .expect("check.py same");
    let said = ok(&same);
    assert!(said.contains("the top 20 pairs are the same"), "{said}");
    let duck = Command::new(&python)
        .arg(dir.join("check.py"))
        .args(["duckdb", s(&export), s(&want), s(&out)])
        .output()
        .expect("check.py duckdb");
    ok(&duck);
    // The Spark report opens in the other formats too.
    let text = ok(&taohua(&[
        "corpus",
        "--from",
        s(&out.join("corpus.json")),
        "--format",
        "text",
    ]));
    assert!(text.contains("15 documents"), "{text}");
    let metrics: Value =
        serde_json::from_slice(&std::fs::read(out.join("metrics.json")).expect("metrics"))
            .expect("metrics.json");
    assert!(metrics["shuffle"]["bytes_written"].as_u64() > Some(0));
    for table in ["pairs", "phrases", "windows"] {
        assert!(out.join(table).is_dir(), "{table}/ written");
    }
}

#[test]
fn a_report_read_back_with_from_is_the_same_report() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = grown(tmp.path());
    let json = ok(&taohua(&["corpus", s(&corpus), "--format", "json"]));
    let file = tmp.path().join("c.json");
    std::fs::write(&file, &json).expect("write");
    let again = ok(&taohua(&["corpus", "--from", s(&file), "--format", "json"]));
    let (a, b): (Value, Value) = (
        serde_json::from_str(&json).expect("json"),
        serde_json::from_str(&again).expect("json"),
    );
    assert!(a["pairs"].as_array().is_some_and(|p| !p.is_empty()));
    assert!(a["documents"][5]["earlier"].is_object());
    // Stock language, families and templates come back too.
    assert!(a["pairs"][0]["specific_chars"].is_u64());
    assert!(a["phrases"][0]["stock"].is_boolean());
    assert!(a["families"].as_array().is_some_and(|f| !f.is_empty()));
    assert!(a["templates"].as_array().is_some_and(|t| !t.is_empty()));
    assert!(a["summary"]["stock"]["reference"]["documents"].as_u64() > Some(0));
    assert_eq!(a, b);
    // Other formats read it too.
    let csv = ok(&taohua(&[
        "corpus",
        "--from",
        s(&file),
        "--format",
        "csv",
        "--table",
        "pairs",
    ]));
    assert!(csv.lines().count() > 2, "{csv}");
    // Not a report: exit 2, naming the file.
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"schema": "taohua.compare/1"}"#).expect("write");
    let out = taohua(&["corpus", "--from", s(&bad), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.json") && err.contains("taohua.corpus/1"),
        "{err}"
    );
}

#[test]
fn the_export_and_the_batch_commands_put_back_together_give_the_corpus_report() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = grown(tmp.path());
    let export = tmp.path().join("export");
    let said = ok(&taohua(&[
        "corpus",
        s(&corpus),
        "--export-parquet",
        s(&export),
    ]));
    assert!(said.starts_with("15 documents"), "{said}");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(export.join("taohua.json")).expect("read"))
            .expect("taohua.json");
    assert_eq!(manifest["schema"], "taohua.parquet/1");
    assert_eq!(manifest["documents"], 15);
    assert!(export
        .join("fingerprints/bucket=00/part-00000.parquet")
        .is_file());
    assert!(export.join("documents/part-00000.parquet").is_file());
    // Exporting into a folder that holds files is refused.
    let again = taohua(&["corpus", s(&corpus), "--export-parquet", s(&export)]);
    assert_eq!(again.status.code(), Some(2));
    // The library's export holds the same documents and windows.
    let lib = tmp.path().join("lib.sqlite");
    ok(&taohua(&[
        "library",
        "add",
        s(&corpus),
        "--library",
        s(&lib),
    ]));
    let from_lib = tmp.path().join("from-lib");
    ok(&taohua(&[
        "library",
        "export",
        "--parquet",
        s(&from_lib),
        "--library",
        s(&lib),
    ]));
    let lib_manifest: Value =
        serde_json::from_slice(&std::fs::read(from_lib.join("taohua.json")).expect("read"))
            .expect("taohua.json");
    for field in ["documents", "chars", "windows"] {
        assert_eq!(lib_manifest[field], manifest[field], "{field}");
    }
    // A batch line that is not one: exit 2 with the line's number.
    let mut child = Command::new(env!("CARGO_BIN_EXE_taohua"))
        .args(["batch", "pairs"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"\n{\"b\": 1}\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    // Limits come from the core's definitions.
    let limits: Value =
        serde_json::from_str(&ok(&taohua(&["batch", "limits", "--documents", "132"])))
            .expect("json");
    assert_eq!(limits["rare"], 13);
    assert_eq!(limits["common"], 14);
    assert_eq!(limits["window"], 8);
}
