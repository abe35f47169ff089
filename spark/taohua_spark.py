"""taohua's corpus analysis on Apache Spark.

Reads a Parquet export (`taohua corpus DIR --export-parquet EXPORT` or
`taohua library export --parquet EXPORT`) and computes, with Spark, what
`taohua corpus` computes with one index in memory:

1. document frequencies: for every window hash, the documents that carry it
   (its *commonness* is their share of the corpus);
2. candidate pairs: each document's strongest partners by the rare windows
   they share (a self-join on the hash, bounded by the candidate limit);
3. for the phrases, the slice of the index each document needs: its shared
   windows' document sets, and which of those sets lie within the sets of the
   windows around them (answered by a join on (hash, document)).

The passage work is taohua's own: batches of candidate pairs and of
documents are piped through `taohua batch pairs` and `taohua batch phrases`
(RDD.pipe), so the Rust core runs on every executor; every threshold comes
from `taohua batch limits`. The results are written as Parquet (pairs/,
phrases/, windows/) and, through `taohua batch corpus`, as a
`taohua.corpus/1` report (corpus.json) that `taohua corpus --from` opens.
metrics.json records the time of each step and the shuffle volume read from
Spark's event log.

    python spark/taohua_spark.py EXPORT OUT [--taohua PATH] [--master local[2]]
"""

import argparse
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("export", help="a folder written by taohua's Parquet export")
    p.add_argument("out", help="where to write the results (created; replaced)")
    p.add_argument("--taohua", default=shutil.which("taohua") or "taohua",
                   help="the taohua binary every executor runs (default: taohua on PATH)")
    p.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    p.add_argument("--partitions", type=int, default=0,
                   help="shuffle partitions (default: 4 per core of a local master, else 200)")
    p.add_argument("--driver-memory", default="4g", help="driver memory in local mode (default 4g)")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    export = os.path.abspath(args.export)
    out = os.path.abspath(args.out)
    taohua = os.path.abspath(args.taohua) if os.path.sep in args.taohua else args.taohua
    with open(os.path.join(export, "taohua.json"), encoding="utf-8") as f:
        meta = json.load(f)
    if meta.get("schema") != "taohua.parquet/1":
        sys.exit(f"taohua_spark: {export}: not a taohua Parquet export (taohua.json schema "
                 f"{meta.get('schema')!r})")
    n = int(meta["documents"])
    options = ["--min-chars", str(meta["min_chars"]),
               "--common-above", repr(float(meta["common_above"])),
               "--partners", str(meta["partners"])]
    limits = json.loads(subprocess.run(
        [taohua, "batch", "limits", "--documents", str(n)] + options,
        check=True, capture_output=True, text=True).stdout)
    # What tells stock language apart besides the corpus: the reference the
    # export was made with and its documents that count, as the export chose
    # them (every executor's taohua opens the reference itself).
    reference = meta.get("reference")
    if reference:
        options += ["--reference", reference["spec"]]
        if reference.get("kind"):
            options += ["--reference-kind", reference["kind"]]
        if reference.get("years"):
            options += ["--reference-years", "{}..{}".format(*reference["years"])]
        if reference.get("region"):
            options += ["--reference-region", reference["region"]]
    else:
        options += ["--reference", "none"]

    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    events = os.path.join(out, "events")
    os.makedirs(events)

    if args.master.startswith("local"):
        # Local mode talks to itself on the loopback interface only.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession, Window
    from pyspark.sql import functions as F

    cores = 2
    if args.master.startswith("local["):
        inner = args.master[len("local["):-1]
        cores = os.cpu_count() if inner == "*" else int(inner)
    partitions = args.partitions or (4 * cores if args.master.startswith("local") else 200)
    builder = SparkSession.builder.master(args.master).appName("taohua corpus")
    if args.master.startswith("local"):
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1"))
    spark = (builder
             .config("spark.driver.memory", args.driver_memory)
             .config("spark.sql.shuffle.partitions", str(partitions))
             .config("spark.default.parallelism", str(partitions))
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.eventLog.enabled", "true")
             .config("spark.eventLog.dir", "file://" + events)
             .config("spark.eventLog.compress", "false")
             .config("spark.sql.adaptive.enabled", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")

    steps = {}
    clock = [time.monotonic()]
    names = iter(["document frequencies", "candidate pairs", "pair finder (taohua batch pairs)",
                  "phrases (taohua batch phrases)", "results"])
    # Spark's jobs carry the step's name, so that the event log's shuffle
    # figures can be told apart by step.
    current = [next(names)]
    spark.sparkContext.setJobDescription(current[0])

    def step(name):
        assert name == current[0]
        now = time.monotonic()
        steps[name] = round(now - clock[0], 3)
        clock[0] = now
        current[0] = next(names, "")
        spark.sparkContext.setJobDescription(current[0] or None)

    fp = spark.read.parquet(os.path.join(export, "fingerprints")).select("doc", "hash", "pos")
    texts = spark.read.parquet(os.path.join(export, "documents")).select(
        F.col("id").alias("doc"), "text")

    # 1. Document frequencies. A window's set: its documents, sorted; sets
    # are named by a 64-bit hash of their members.
    carriers = fp.select("hash", "doc").distinct().persist()
    windows = (carriers.groupBy("hash")
               .agg(F.count("*").alias("df"), F.sort_array(F.collect_list("doc")).alias("members")))
    shared = (windows.where(F.col("df") >= 2)
              .withColumn("set", F.xxhash64("members"))
              .withColumn("first", F.col("members")[0])
              .persist())
    (shared.select("hash", F.col("df").alias("documents"),
                   (F.col("df") / F.lit(n)).alias("commonness"))
     .write.parquet(os.path.join(out, "windows")))
    counts = shared.agg(F.count("*").alias("shared"),
                        F.sum((F.col("df") >= limits["common"]).cast("long")).alias("common")).first()
    step("document frequencies")

    # Every position of a shared window, with its set.
    occ = (fp.join(shared.select("hash", "set", "df", "first"), "hash")
           .persist())

    # 2. Candidate pairs: the positions of `a` whose window is rare enough,
    # once for each other document that carries it.
    rare = (shared.where(F.col("df") <= limits["candidate"])
            .select("hash", F.explode("members").alias("b")))
    weight = (occ.where(F.col("df") <= limits["candidate"])
              .groupBy(F.col("doc").alias("a"), "hash").count())
    scores = (weight.join(rare, "hash").where(F.col("a") != F.col("b"))
              .groupBy("a", "b").agg(F.sum("count").alias("score"))
              .where(F.col("score") >= limits["min_pair_windows"]))
    best = Window.partitionBy("a").orderBy(F.col("score").desc(), F.col("b").desc())
    candidates = (scores.withColumn("rank", F.row_number().over(best))
                  .where(F.col("rank") <= limits["partners"])
                  .select(F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b"))
                  .distinct()
                  .persist())
    n_candidates = candidates.count()
    step("candidate pairs")

    # 3. The pair finder, in taohua: each document with its candidate
    # partners (smaller ids), their texts and their windows common in the
    # corpus (what, with the reference, makes a passage stock language).
    common = (occ.where(F.col("df") >= limits["common"]).select("doc", "hash").distinct()
              .groupBy("doc").agg(F.collect_list("hash").alias("common")))
    partners = (candidates
                .join(texts.withColumnRenamed("doc", "a"), "a")
                .join(common.withColumnRenamed("doc", "a"), "a", "left")
                .select("b", F.struct("a", "text", F.coalesce(
                    "common", F.array().cast("array<bigint>")).alias("common")).alias("partner"))
                .groupBy("b").agg(F.collect_list("partner").alias("partners")))
    pair_lines = (partners.join(texts.withColumnRenamed("doc", "b"), "b")
                  .select(F.to_json(F.struct("b", "text", "partners")).alias("line"))
                  .rdd.map(lambda r: r.line)
                  .pipe(shlex.join([taohua, "batch", "pairs"] + options),
                        env={"RAYON_NUM_THREADS": "1"}))
    pairs_json = pair_lines.collect()
    step("pair finder (taohua batch pairs)")

    # 4. Phrases. Stretches of shared windows ("blocks": consecutive
    # positions) hold the runs a phrase may extend through; a set s in which
    # a document is first may extend through the windows of set t in its
    # block only if s lies within t, asked of the index as: does every
    # member of s carry a window of t?
    by_pos = Window.partitionBy("doc").orderBy("pos")
    blocks = (occ.withColumn("block", F.col("pos") - F.row_number().over(by_pos))
              .groupBy("doc", "block", "set")
              .agg(F.min("hash").alias("thash"), F.first("df").alias("df"),
                   F.first("first").alias("first")))
    starts = blocks.where(F.col("first") == F.col("doc")).select(
        "doc", "block", F.col("set").alias("s"), F.col("df").alias("sdf"))
    around = blocks.select("doc", "block", F.col("set").alias("t"), "thash",
                           F.col("df").alias("tdf"))
    asked = (starts.join(around, ["doc", "block"])
             .where((F.col("s") != F.col("t")) & (F.col("tdf") >= F.col("sdf")))
             .groupBy("doc", "s", "t").agg(F.min("thash").alias("thash"), F.first("sdf").alias("sdf")))
    set_members = shared.select(F.col("set").alias("s"), "members").dropDuplicates(["s"])
    questions = asked.join(set_members, "s").select(
        "doc", "s", "t", "thash", "sdf", F.explode("members").alias("m"))
    answered = (questions.join(carriers.withColumnRenamed("hash", "thash")
                               .withColumnRenamed("doc", "m"), ["thash", "m"])
                .groupBy("doc", "s", "t", "sdf").count()
                .where(F.col("count") == F.col("sdf"))
                .groupBy("doc").agg(F.collect_list(F.array("s", "t")).alias("within")))
    doc_shared = (occ.select("doc", "hash", "set").distinct()
                  .groupBy("doc").agg(F.collect_list(F.array("hash", "set")).alias("shared")))
    # The members of a set go only to its first document: a slogan's
    # thousands of members travel once, not once per document. Every set
    # goes with its size, which says whether its windows are common.
    doc_set = occ.select("doc", "set", "first", F.col("df").alias("documents")).distinct()
    firsts = (doc_set.where(F.col("first") == F.col("doc"))
              .join(shared.select("set", "members").dropDuplicates(["set"]), "set"))
    others = (doc_set.where(F.col("first") != F.col("doc"))
              .withColumn("members", F.array().cast("array<int>")))
    doc_sets = (firsts.select("doc", "set", "first", "documents", "members")
                .unionByName(others.select("doc", "set", "first", "documents", "members"))
                .select("doc", F.struct(F.col("set").alias("id"), "first", "documents",
                                        "members").alias("s"))
                .groupBy("doc").agg(F.collect_list("s").alias("sets")))
    with_starts = starts.select("doc").distinct()
    phrase_lines = (with_starts.join(texts, "doc").join(doc_shared, "doc").join(doc_sets, "doc")
                    .join(answered, "doc", "left")
                    .select(F.to_json(F.struct(
                        "doc", "text", "shared", "sets",
                        F.coalesce("within", F.array().cast("array<array<bigint>>")).alias("within")))
                        .alias("line"))
                    .rdd.map(lambda r: r.line)
                    .pipe(shlex.join([taohua, "batch", "phrases", "--documents", str(n)] + options),
                          env={"RAYON_NUM_THREADS": "1"}))
    phrases_json = phrase_lines.collect()
    step("phrases (taohua batch phrases)")

    # Results: Parquet, and the taohua.corpus/1 report.
    pairs_file = os.path.join(out, "pairs.jsonl")
    phrases_file = os.path.join(out, "phrases.jsonl")
    for path, lines in ((pairs_file, pairs_json), (phrases_file, phrases_json)):
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(line + "\n" for line in lines)
    pair_schema = ("a INT, b INT, a_reused DOUBLE, b_reused DOUBLE, shared_chars INT, "
                   "specific_chars INT, stock_chars INT, passages INT, stock_passages INT, "
                   "score DOUBLE")
    phrase_schema = ("first_doc INT, span ARRAY<INT>, chars INT, text STRING, "
                     "documents ARRAY<INT>, commonness DOUBLE, stock BOOLEAN")
    sc = spark.sparkContext
    (spark.read.schema(pair_schema).json(sc.parallelize(pairs_json, 1))
     .orderBy(F.col("score").desc(), F.col("specific_chars").desc(), "a", "b")
     .write.parquet(os.path.join(out, "pairs")))
    (spark.read.schema(phrase_schema).json(sc.parallelize(phrases_json, 1))
     .orderBy(F.size("documents").desc(), F.col("chars").desc(), "first_doc", "span")
     .write.parquet(os.path.join(out, "phrases")))
    with open(os.path.join(out, "corpus.json"), "w", encoding="utf-8") as f:
        subprocess.run([taohua, "batch", "corpus", export, "--pairs", pairs_file,
                        "--phrases", phrases_file, "--candidates", str(n_candidates)],
                       check=True, stdout=f)
    step("results")
    spark.stop()

    metrics = {
        "documents": n,
        "master": args.master,
        "partitions": partitions,
        "windows": int(meta["windows"]),
        "shared_windows": int(counts["shared"]),
        "common_windows": int(counts["common"] or 0),
        "candidate_pairs": n_candidates,
        "pairs": len(pairs_json),
        "phrases": len(phrases_json),
        "seconds": steps,
        "total_seconds": round(sum(steps.values()), 3),
        "shuffle": shuffle_totals(events),
        "limits": limits,
    }
    with open(os.path.join(out, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=2)
        f.write("\n")
    print(json.dumps(metrics))


def shuffle_totals(events):
    """Shuffle bytes written and read, records written, bytes spilled and the
    largest peak execution memory of a task, in all and by step (the
    description of the job each stage ran in), from the event log."""
    def zero():
        return {"bytes_written": 0, "records_written": 0, "bytes_read": 0,
                "disk_bytes_spilled": 0, "peak_task_execution_memory": 0}
    total, by_step, step_of = zero(), {}, {}
    for path in sorted(glob.glob(os.path.join(events, "**", "*"), recursive=True)):
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if '"SparkListenerJobStart"' in line:
                    e = json.loads(line)
                    name = (e.get("Properties") or {}).get("spark.job.description") or "other"
                    for stage in e.get("Stage IDs", []):
                        step_of.setdefault(stage, name)
                    continue
                if '"SparkListenerTaskEnd"' not in line:
                    continue
                e = json.loads(line)
                m = e.get("Task Metrics") or {}
                w = m.get("Shuffle Write Metrics") or {}
                r = m.get("Shuffle Read Metrics") or {}
                here = by_step.setdefault(step_of.get(e.get("Stage ID"), "other"), zero())
                for t in (total, here):
                    t["bytes_written"] += w.get("Shuffle Bytes Written", 0)
                    t["records_written"] += w.get("Shuffle Records Written", 0)
                    t["bytes_read"] += r.get("Remote Bytes Read", 0) + r.get("Local Bytes Read", 0)
                    t["disk_bytes_spilled"] += m.get("Disk Bytes Spilled", 0)
                    t["peak_task_execution_memory"] = max(t["peak_task_execution_memory"],
                                                          m.get("Peak Execution Memory", 0))
    total["by_step"] = by_step
    return total


if __name__ == "__main__":
    main()
