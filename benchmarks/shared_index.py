"""The shared index at catalogue scale: a web process that maps the worker's snapshot, against one that
holds today's in-memory catalogue, each measured in its own fresh process.

    .venv/bin/python benchmarks/shared_index.py [--listings 100000] [--baseline 20000] [--pool 2000] [--queries 60]

Listings are synthetic (benchmarks/synthetic.py): `--pool` texts are analysed with kiwipiepy, and each
listing's terms join the first half of one analysed text's terms with the second half of another's,
so term frequencies and lengths are those of real analyses without analysing 100,000 texts (that
analysis is the old first build: its rate is measured on the pool and its time at N extrapolated).
Vectors are random unit vectors (the dense scan costs the same whatever they hold; recall on real
listings is benchmarks/compact_recall.py's). At `--listings` the snapshot is measured as written (its
dense channel compact: matching/compact.py) and with the exact float32 scan (the same files without
the compact arrays), alternated.

Printed per process: VmRSS after the first match and after all queries (from /proc/self/status),
time from the process's start (spawn, interpreter, imports) to its first match, and the p50 of a
hybrid top-10 (every channel, fusion, shortlist, explanations) over queries that are listings of the
catalogue with their stored terms and vectors, as on a need's page. The in-memory baseline runs at
`--baseline` listings (its RSS grows with N: ~2.6 GB at 100,000) and the snapshot at the same N too,
so the ratio compares like with like; the snapshot is then measured at `--listings`.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_texts  # noqa: E402
from matching.analysis import Analyzer, Terms  # noqa: E402
from matching.compact import ARRAYS as COMPACT_ARRAYS  # noqa: E402
from matching.kinds import Kind  # noqa: E402
from matching.snapshot import CURRENT, FrozenRow, write_snapshot  # noqa: E402

DIMENSION = 384

# The measured process: builds or maps its catalogue, answers one match, then the timed queries.
CHILD = r"""
import json, pickle, statistics, sys, time
started = float(sys.argv[3])
sys.path.insert(0, sys.argv[4])
import numpy as np
from matching.engine import Engine, Listing
from matching.kinds import Kind

def rss_mb(field="VmRSS", path="/proc/self/status"):
    for line in open(path):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

mode, source = sys.argv[1], sys.argv[2]
engine = Engine(encoder=None)
if mode == "snapshot":
    from matching.snapshot import read_snapshot
    engine.use_snapshot(read_snapshot(__import__("pathlib").Path(source)))
else:  # today's catalogue, built in memory from stored terms (no analysis: the cheapest old build)
    from matching.catalogue import Entry
    with open(source, "rb") as handle:
        rows = pickle.load(handle)
    entries = [Entry(i, title, "", "ko" if korean else "en", terms) for i, title, korean, terms, _ in rows]
    engine.catalogues[Kind.SOLUTION].put_many(entries, np.stack([row[4] for row in rows]))
    del rows, entries
catalogue = engine.catalogues[Kind.SOLUTION]
count = len(catalogue)
rng = np.random.default_rng(9)
picks = [int(x) for x in rng.choice(count, size=int(sys.argv[5]), replace=False)]

def match(pick):
    entry = catalogue.entry(pick)
    query = Listing(entry.id, entry.title, entry.title)
    return engine.rank(Kind.SOLUTION, query, 10, vector=catalogue.vector(entry.id), terms=entry.terms)

first = match(picks[0])
first_seconds = time.time() - started
rss_first = rss_mb()
times = []
for pick in picks[1:]:
    start = time.perf_counter()
    match(pick)
    times.append(time.perf_counter() - start)
times = times[5:]  # the first queries warm caches
print(json.dumps({"count": count, "first_match_s": first_seconds, "rss_first_mb": rss_first,
                  "rss_after_mb": rss_mb(), "p50_ms": statistics.median(times) * 1000,
                  "p95_ms": float(np.percentile(times, 95)) * 1000, "top": first[0].id,
                  "anon_mb": rss_mb("RssAnon"), "file_mb": rss_mb("RssFile"),
                  "pss_mb": rss_mb("Pss", "/proc/self/smaps_rollup")}))
"""


def synthetic_rows(count: int, pool: list[Terms], titles: list[str], seed: int) -> list[tuple]:
    """(id, title, korean, terms, vector) of `count` listings built from the analysed pool."""
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((count, DIMENSION)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    firsts, seconds = rng.integers(len(pool), size=count), rng.integers(len(pool), size=count)
    rows = []
    for number in range(count):
        one, other = pool[firsts[number]], pool[seconds[number]]
        fields = [
            getattr(one, name)[: len(getattr(one, name)) // 2] + getattr(other, name)[len(getattr(other, name)) // 2 :]
            for name in ("words", "grams", "chars", "concepts")
        ]
        korean = bool(fields[2]) or not fields[0]
        rows.append((number + 1, titles[firsts[number]], korean, Terms(*fields), vectors[number]))
    return rows


def run_child(mode: str, source: Path, queries: int) -> dict:
    started = time.time()
    output = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(source), repr(started), str(ROOT), str(queries)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(output.stdout.strip().splitlines()[-1])


def snapshot_of(rows: list[tuple], folder: Path) -> float:
    frozen = [FrozenRow(i, title, korean, terms, vector) for i, title, korean, terms, vector in rows]
    start = time.perf_counter()
    write_snapshot(folder, {Kind.SOLUTION: frozen}, {"benchmark": True})
    return time.perf_counter() - start


def exact_scan_copy(source: Path, target: Path) -> Path:
    """The same snapshot without its compact vectors (links to every other file): the exact scan."""
    generation = (source / CURRENT).read_text().strip()
    for path in (source / generation).rglob("*"):
        if path.is_file() and path.stem not in COMPACT_ARRAYS:
            link = target / generation / path.relative_to(source / generation)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path)
    (target / CURRENT).write_text(generation)
    return target


def describe(name: str, result: dict) -> str:
    return (
        f"{name:34s} {result['count']:>7} listings: RSS {result['rss_first_mb']:6.0f} MB after the first match, "
        f"{result['rss_after_mb']:6.0f} MB after the queries; start → first match {result['first_match_s']:6.2f} s; "
        f"hybrid top-10 p50 {result['p50_ms']:6.1f} ms (p95 {result['p95_ms']:.1f})\n"
        f"{'':34s} of the RSS after the queries: {result['anon_mb']:.0f} MB the process's own (RssAnon), "
        f"{result['file_mb']:.0f} MB mapped files (RssFile: page cache every worker on the host shares)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=20_000)
    parser.add_argument("--pool", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()
    texts = synthetic_texts(args.pool, seed=21)
    analyzer = Analyzer()
    analyzer.terms("준비")  # the Korean model loads outside the timing
    start = time.perf_counter()
    pool = analyzer.terms_many(texts)
    rate = args.pool / (time.perf_counter() - start)
    titles = [text[:40] for text in texts]
    estimate = args.listings / rate
    print(f"analysis (the old first build's cost): {rate:.0f} listings/s → {estimate:.0f} s at {args.listings}")
    with tempfile.TemporaryDirectory() as folder:
        base_rows = synthetic_rows(args.baseline, pool, titles, seed=1)
        pickled = Path(folder) / "rows.pickle"
        pickled.write_bytes(pickle.dumps(base_rows))
        written = snapshot_of(base_rows, Path(folder) / "small")
        # Alternated, twice each: a noisy neighbour slows both alike.
        runs: dict[str, list[dict]] = {"memory": [], "snapshot": []}
        for _ in range(2):
            runs["memory"].append(run_child("memory", pickled, args.queries))
            runs["snapshot"].append(run_child("snapshot", Path(folder) / "small", args.queries))
        for result in runs["memory"]:
            print(describe("in memory (today, from terms)", result))
        for result in runs["snapshot"]:
            print(describe("snapshot mapped", result))
        memory, mapped = (
            {key: statistics.median(r[key] for r in runs[mode]) for key in ("rss_after_mb", "first_match_s", "p50_ms")}
            for mode in ("memory", "snapshot")
        )
        print(
            f"  at {args.baseline}, medians: RSS ×{mapped['rss_after_mb'] / memory['rss_after_mb']:.2f}, "
            f"first match ×{mapped['first_match_s'] / memory['first_match_s']:.2f}, "
            f"p50 ×{mapped['p50_ms'] / memory['p50_ms']:.2f} (snapshot / in memory); "
            f"snapshot written in {written:.1f} s"
        )
        del base_rows
        rows = synthetic_rows(args.listings, pool, titles, seed=2)
        written = snapshot_of(rows, Path(folder) / "large")
        del rows
        exact = exact_scan_copy(Path(folder) / "large", Path(folder) / "exact")
        large: dict[str, list[dict]] = {"compact": [], "exact": []}
        for _ in range(2):  # alternated: a noisy neighbour slows both alike
            large["compact"].append(run_child("snapshot", Path(folder) / "large", args.queries))
            large["exact"].append(run_child("snapshot", exact, args.queries))
        for name, results in large.items():
            for result in results:
                print(describe(f"snapshot mapped ({name} dense)", result))
        medians = {
            name: {
                key: statistics.median(r[key] for r in results) for key in ("rss_after_mb", "first_match_s", "p50_ms")
            }
            for name, results in large.items()
        }
        print(
            f"  at {args.listings}: snapshot written in {written:.1f} s; medians, compact (exact float32 scan): "
            f"RSS {medians['compact']['rss_after_mb']:.0f} MB ({medians['exact']['rss_after_mb']:.0f}), "
            f"first match {medians['compact']['first_match_s']:.2f} s ({medians['exact']['first_match_s']:.2f}), "
            f"p50 {medians['compact']['p50_ms']:.1f} ms ({medians['exact']['p50_ms']:.1f}): "
            f"p50 ×{medians['compact']['p50_ms'] / medians['exact']['p50_ms']:.2f}"
        )


if __name__ == "__main__":
    main()
