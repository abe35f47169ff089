#!/usr/bin/env bash
# Makes the virtual environment the Spark job runs in: PySpark and DuckDB
# from PyPI, pinned in spark/requirements.txt, in $TAOHUA_SPARK_VENV
# (default target/spark-venv). PySpark brings Spark itself; it needs Java 17
# or newer, which this script installs with apt-get (as root) when missing.
# Does nothing when all is there. Never fails: without a venv or Java the
# Spark tests say so and skip.
set -uo pipefail
cd "$(dirname "$0")/.."
venv="${TAOHUA_SPARK_VENV:-target/spark-venv}"

if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "spark/setup.sh: installing Java (openjdk-17-jre-headless)"
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null; } \
            || echo "spark/setup.sh: apt-get could not install Java; the Spark tests will skip"
    else
        echo "spark/setup.sh: no java on PATH; install Java 17 or newer (the Spark tests skip without it)"
    fi
fi

if [ -x "$venv/bin/python" ] && "$venv/bin/python" - <<'PY' 2>/dev/null
import sys, importlib.metadata as m
want = dict(l.split("==") for l in open("spark/requirements.txt") if "==" in l and not l.startswith("#"))
sys.exit(any(m.version(k) != v.strip() for k, v in want.items()))
PY
then
    echo "spark/setup.sh: $venv has $(tr '\n' ' ' < <(grep '==' spark/requirements.txt))"
    exit 0
fi
python=$(command -v python3 || command -v python || true)
if [ -z "$python" ]; then
    echo "spark/setup.sh: no python3; the Spark tests will skip"
    exit 0
fi
echo "spark/setup.sh: making $venv (pip install -r spark/requirements.txt)"
if ! { "$python" -m venv "$venv" && "$venv/bin/pip" install -q -r spark/requirements.txt; }; then
    echo "spark/setup.sh: could not install the requirements; the Spark tests will skip"
fi
exit 0
