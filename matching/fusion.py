"""Fusion: one score from the channels, as a convex combination of per-query normalised scores.

    text(n, o)  = Σ_c w_c(lang_n, lang_o) · s_c(n, o) / max_o' s_c(n, o')     (Σ_c w_c = 1)
    score(n, o) = (1 − w_fit) · text(n, o) + w_fit · fit(n, o)                  (when facts are known)

s_c is the raw score of channel c: cosine (clipped at 0) for `dense`, BM25 for the lexical fields
`words`, `grams`, `chars` and `concepts`, rapidfuzz's token-set ratio for `fuzzy` (computed on the
shortlist only). Weights depend on the need's and the offer's language, because the dense model
reads English well and Hangul poorly; they were tuned by grid search on ../shared/data/matching-dev.json
and KorSTS with benchmarks/tune_fusion.py, choosing the grid point with the widest margin over the
quality bars (README, Matching). A channel that is missing (the model is still loading) drops out
and the remaining weights are rescaled to sum to 1.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np

from matching.language import LANGUAGES, Language

CHANNELS = ("dense", "words", "grams", "chars", "concepts", "fuzzy")
# How channels are shown to people: the lexical fields count as one.
CHANNEL_GROUPS = {
    "dense": "semantic",
    "words": "lexical",
    "grams": "lexical",
    "chars": "lexical",
    "concepts": "glossary",
    "fuzzy": "fuzzy",
}
Weights = Mapping[str, float]
# Each channel's weight for offers in each language (rows differ only by language).
LanguageWeights = dict[Language, dict[str, float]]

# Across languages only the glossary concepts and the meaning are shared, whichever side is Korean.
CROSS: Weights = {"dense": 0.4, "words": 0.05, "grams": 0.0, "chars": 0.0, "concepts": 0.55, "fuzzy": 0.0}
WEIGHTS: dict[tuple[Language, Language], Weights] = {
    ("ko", "ko"): {"dense": 0.2, "words": 0.05, "grams": 0.0, "chars": 0.5, "concepts": 0.2, "fuzzy": 0.05},
    ("en", "en"): {"dense": 0.5, "words": 0.2, "grams": 0.0, "chars": 0.0, "concepts": 0.25, "fuzzy": 0.05},
    ("ko", "en"): CROSS,
    ("en", "ko"): CROSS,
}
FIT_WEIGHT = 0.25


def normalise(raw: np.ndarray, live: np.ndarray) -> np.ndarray:
    """Scores in [0, 1]: divided by the best live row (all zeros stay zeros)."""
    clipped = np.where(live, np.clip(raw, 0.0, None), 0.0)
    best = float(clipped.max()) if clipped.size else 0.0
    return clipped / best if best > 0 else clipped


def needed_channels(query_language: Language, table: Mapping = WEIGHTS) -> set[str]:
    """The channels that weigh for a query in this language: one of weight 0 is not computed at all."""
    return {channel for channel in CHANNELS if any(table[(query_language, offer)][channel] for offer in LANGUAGES)}


def language_weights(query_language: Language, present: Collection[str], table: Mapping = WEIGHTS) -> LanguageWeights:
    """Each present channel's weight for offers in either language, rescaled to sum to 1 (rows differ
    only by their language, so two small tables stand for a weight per row and channel)."""
    weights: LanguageWeights = {}
    for offer in LANGUAGES:
        row = {channel: table[(query_language, offer)][channel] for channel in CHANNELS if channel in present}
        total = sum(row.values())
        weights[offer] = {channel: weight / total if total > 0 else weight for channel, weight in row.items()}
    return weights
