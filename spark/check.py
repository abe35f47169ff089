"""Checks of the Spark job's answers, used by tests/spark.rs and spark/test.sh.

    python spark/check.py same TAOHUA_JSON SPARK_OUT
        The Spark job's corpus.json against `taohua corpus --format json`:
        the same candidate count, the same top 20 pairs in the same order
        (ranked by specific text: stock language left out), every pair,
        every phrase with the same document set and stock verdict, in
        order, and the same phrase families.

    python spark/check.py duckdb EXPORT TAOHUA_JSON SPARK_OUT
        A second engine: DuckDB reads the same Parquet export (out of core,
        on one machine) and computes every window's document frequency
        itself; they must equal the windows Spark wrote (windows/), every
        phrase's commonness in taohua's report must be the share of the
        corpus of a document set DuckDB found, and DuckDB must count as many
        windows common in the corpus as Spark.

Each prints one line per check and exits 1 when a check fails.
"""

import json
import os
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


SECTIONS = ["summary", "documents", "pairs", "phrases", "families", "templates"]


def load_sections(path, wanted):
    """The top-level sections `wanted` of a taohua.corpus/1 report, each parsed
    on its own: a report of a large corpus (4.8 GB at 30x, templates
    included) is never held as one object. Reports are written pretty-printed,
    one top-level key a line; anything else is read whole."""
    import mmap
    with open(path, "rb") as f:
        m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        at = sorted((m.find(f'\n  "{k}": '.encode()), k) for k in SECTIONS)
        at = [(i, k) for i, k in at if i >= 0]
        if [k for _, k in at] != SECTIONS:
            return load(path)
        out = {"schema": "taohua.corpus/1" if b'"taohua.corpus/1"' in m[:200] else None}
        ends = [i for i, _ in at[1:]] + [m.rfind(b"}")]
        for (start, key), end in zip(at, ends):
            if key in wanted:
                chunk = m[start:end].decode("utf-8").strip().rstrip(",")
                out[key] = json.loads("{" + chunk + "}")[key]
        return out


def fail(message):
    print(f"check: FAILED: {message}")
    sys.exit(1)


def same(taohua_json, spark_out):
    wanted = {"summary", "pairs", "phrases", "families"}
    want = load_sections(taohua_json, wanted)
    got = load_sections(os.path.join(spark_out, "corpus.json"), wanted)
    if got.get("schema") != "taohua.corpus/1":
        fail(f"corpus.json has schema {got.get('schema')!r}")
    w, g = want["summary"]["candidate_pairs"], got["summary"]["candidate_pairs"]
    if w != g:
        fail(f"candidate pairs: taohua {w}, Spark {g}")
    w, g = want["summary"].get("stock"), got["summary"].get("stock")
    if w != g:
        fail(f"what stock means: taohua {w}, Spark {g}")
    key = lambda p: (p["a"], p["b"], p["score"], p["shared_chars"], p["specific_chars"],
                     p["stock_chars"])
    top_w = [key(p) for p in want["pairs"][:20]]
    top_g = [key(p) for p in got["pairs"][:20]]
    if len(top_w) < min(20, len(want["pairs"])) or not top_w:
        fail("taohua found no pairs to compare")
    if top_w != top_g:
        for i, (x, y) in enumerate(zip(top_w, top_g)):
            if x != y:
                fail(f"top pair #{i + 1}: taohua {x}, Spark {y}")
        fail(f"top pairs: taohua {len(top_w)}, Spark {len(top_g)}")
    print(f"check: the top {len(top_w)} pairs are the same, in the same order")
    if want["pairs"] != got["pairs"]:
        fail(f"pairs: taohua {len(want['pairs'])}, Spark {len(got['pairs'])}, not all equal")
    print(f"check: all {len(want['pairs'])} pairs are the same")
    sets_w = [(p["text"], p["documents"]) for p in want["phrases"]]
    sets_g = [(p["text"], p["documents"]) for p in got["phrases"]]
    if not sets_w:
        fail("taohua found no phrases to compare")
    if sets_w != sets_g:
        only_w = {(t, tuple(d)) for t, d in sets_w} - {(t, tuple(d)) for t, d in sets_g}
        only_g = {(t, tuple(d)) for t, d in sets_g} - {(t, tuple(d)) for t, d in sets_w}
        fail(f"phrases: taohua {len(sets_w)}, Spark {len(sets_g)}; "
             f"{len(only_w)} only in taohua, {len(only_g)} only in Spark")
    if want["phrases"] != got["phrases"]:
        for x, y in zip(want["phrases"], got["phrases"]):
            if x != y:
                fail(f"phrases: the same document sets, but {x} in taohua, {y} in Spark")
    stock = sum(p["stock"] for p in want["phrases"])
    print(f"check: all {len(sets_w)} phrases have the same document sets and stock verdicts "
          f"({stock} stock), in the same order")
    if want.get("families") != got.get("families"):
        fail(f"families: taohua {len(want.get('families', []))}, "
             f"Spark {len(got.get('families', []))}, not all equal")
    print(f"check: all {len(want.get('families', []))} phrase families are the same")
    return 4


def duckdb_check(export, taohua_json, spark_out):
    import duckdb

    report = load(taohua_json)
    n = len(report["documents"])
    con = duckdb.connect()
    fingerprints = os.path.join(export, "fingerprints", "*", "*.parquet")
    documents = os.path.join(export, "documents", "*.parquet")
    docs, first, last = con.execute(
        f"SELECT count(*), min(id), max(id) FROM read_parquet('{documents}')").fetchone()
    if (docs, first, last) != (n, 0, n - 1):
        fail(f"DuckDB reads {docs} documents with ids {first}..{last}; the report has {n}")
    con.execute(f"""
        CREATE TABLE df AS
        SELECT hash, count(*) AS documents, list(doc ORDER BY doc) AS members
        FROM (SELECT DISTINCT hash, doc
              FROM read_parquet('{fingerprints}', hive_partitioning = true))
        GROUP BY hash HAVING count(*) >= 2""")
    shared, = con.execute("SELECT count(*) FROM df").fetchone()
    windows = os.path.join(spark_out, "windows", "*.parquet")
    differ, = con.execute(f"""
        SELECT count(*) FROM df FULL OUTER JOIN read_parquet('{windows}') s USING (hash)
        WHERE df.documents IS DISTINCT FROM s.documents
           OR abs(df.documents / {n} - s.commonness) > 1e-12""").fetchone()
    if differ:
        fail(f"{differ} windows have another document frequency in DuckDB than in Spark")
    print(f"check: DuckDB's document frequencies of all {shared} shared windows equal Spark's")
    sets = {tuple(m) for (m,) in con.execute("SELECT DISTINCT members FROM df").fetchall()}
    for p in report["phrases"]:
        if tuple(p["documents"]) not in sets:
            fail(f"phrase {p['text']!r}: its documents {p['documents']} are no window's in DuckDB")
        if abs(round(len(p["documents"]) / n, 4) - p["commonness"]) > 1e-9:
            fail(f"phrase {p['text']!r}: commonness {p['commonness']}, DuckDB "
                 f"{len(p['documents'])}/{n}")
    metrics = load(os.path.join(spark_out, "metrics.json"))
    at_least = metrics["limits"]["common"]
    common, = con.execute(
        f"SELECT count(*) FROM df WHERE documents >= {at_least}").fetchone()
    if (shared, common) != (metrics["shared_windows"], metrics["common_windows"]):
        fail(f"DuckDB counts {shared} shared and {common} common windows, Spark "
             f"{metrics['shared_windows']} and {metrics['common_windows']}")
    print(f"check: the commonness of all {len(report['phrases'])} phrases is a DuckDB window "
          f"set's share of {n} documents ({common} of {shared} shared windows common)")
    return 2


def main(argv):
    if len(argv) == 3 and argv[0] == "same":
        passed = same(argv[1], argv[2])
    elif len(argv) == 4 and argv[0] == "duckdb":
        passed = duckdb_check(argv[1], argv[2], argv[3])
    else:
        print(__doc__)
        sys.exit(2)
    print(f"check: {passed} passed, 0 failed")


if __name__ == "__main__":
    main(sys.argv[1:])
