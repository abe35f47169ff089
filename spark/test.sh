#!/usr/bin/env bash
# The Spark job on the shared corpus (../shared/corpus, when it is there),
# in local mode, checked against `taohua corpus --format json`: the same top
# 20 pairs in the same order, every pair, every phrase's document set, and
# DuckDB's document frequencies of the same Parquet. The small-corpus test
# is tests/spark.rs (cargo test). Skips, saying why, without the corpus, the
# venv (spark/setup.sh) or Java.
#   spark/test.sh [TAOHUA_BINARY]   (default: target/debug/taohua, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${TAOHUA_SHARED_CORPUS:-../shared/corpus}"
python="${TAOHUA_SPARK_PYTHON:-target/spark-venv/bin/python}"
skip() { echo "spark/test.sh: SKIPPED: $1"; echo "spark: 0 passed, 0 failed, 1 skipped"; exit 0; }
[ -d "$corpus" ] || skip "no shared corpus at $corpus"
"$python" -c "import pyspark, duckdb" 2>/dev/null || skip "no Python with pyspark and duckdb at $python (run spark/setup.sh)"
java -version >/dev/null 2>&1 || skip "no java on PATH"
taohua="${1:-target/debug/taohua}"
[ -x "$taohua" ] || cargo build --locked -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
"$taohua" corpus "$corpus" --format json > "$tmp/taohua.json"
"$taohua" corpus "$corpus" --export-parquet "$tmp/export"
"$python" spark/taohua_spark.py "$tmp/export" "$tmp/spark" --taohua "$taohua" --master 'local[2]' \
    > "$tmp/job.log" 2>&1 || { cat "$tmp/job.log"; exit 1; }
tail -1 "$tmp/job.log"
"$python" spark/check.py same "$tmp/taohua.json" "$tmp/spark"
"$python" spark/check.py duckdb "$tmp/export" "$tmp/taohua.json" "$tmp/spark"
echo "spark/test.sh: the shared corpus in $(( $(date +%s) - start )) s"
