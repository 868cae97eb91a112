"""Fusion a block of rows at a time gives, to the bit, the per-row sum of normalised channels."""

import numpy as np
import pytest

from matching import fusion
from matching.fusion import best_live, language_weights, normalise, text_scores, top_rows
from matching.language import LANGUAGES


def per_row_text(raw, weights, korean, live):
    """The fused text score written out plainly: normalise each channel, weigh each row by its language."""
    text = np.zeros(len(live))
    for name, scores in raw.items():
        row_weights = np.where(korean, weights["ko"][name], weights["en"][name])
        text += row_weights * normalise(scores, live)
    return np.where(live, text, -1.0)


@pytest.fixture
def channels():
    rng = np.random.default_rng(5)
    size = 50
    raw = {
        "words": rng.random(size, dtype=np.float32) * 7,
        "chars": np.where(rng.random(size) < 0.5, rng.random(size, dtype=np.float32), 0).astype(np.float32),
        "concepts": np.zeros(size, dtype=np.float32),  # no shared concept: stays 0, divides by nothing
        "dense": rng.standard_normal(size).astype(np.float32) / 3,  # negative cosines count as 0
    }
    live = rng.random(size) < 0.8
    raw["words"][np.flatnonzero(~live)[0]] = 100.0  # a dead row's score must not set the scale
    return raw, rng.random(size) < 0.7, live


@pytest.mark.parametrize("block", [1, 7, 50, 16_384])
@pytest.mark.parametrize("query_language", LANGUAGES)
def test_block_fusion_equals_the_per_row_sum_exactly(monkeypatch, channels, block, query_language):
    raw, korean, live = channels
    monkeypatch.setattr(fusion, "BLOCK", block)
    weights = language_weights(query_language, {*raw, "fuzzy"})
    scales = {name: best_live(scores, live) for name, scores in raw.items()}
    fused = text_scores(raw, scales, weights, korean, live)
    np.testing.assert_array_equal(fused, per_row_text(raw, weights, korean, live))


def test_the_scale_is_the_best_live_score_or_one():
    live = np.array([True, True, False])
    assert best_live(np.array([2.0, 1.0, 9.0], dtype=np.float32), live) == 2.0
    assert best_live(np.array([-0.5, 0.0, 9.0], dtype=np.float32), live) == 1.0
    assert best_live(np.array([2.0, 1.0, 9.0], dtype=np.float32), None) == 9.0  # every row live


def test_an_empty_catalogue_fuses_to_nothing():
    empty = np.zeros(0, dtype=np.float32)
    weights = language_weights("ko", {"words", "fuzzy"})
    assert text_scores({"words": empty}, {"words": 1.0}, weights, np.zeros(0, bool), np.zeros(0, bool)).size == 0


@pytest.mark.parametrize("count", [1, 10, 100, 400, 5_000])
@pytest.mark.parametrize("shape", ["distinct", "many zeros", "ties everywhere", "float32"])
def test_top_rows_are_the_rows_a_whole_partition_keeps(count, shape):
    """The sampled shortcut keeps exactly the rows `np.argpartition` keeps over every row (where equal
    scores straddle the cut it partitions every row itself, so even the choice among them is the same)."""
    rng = np.random.default_rng(count)
    scores = rng.standard_normal(100_000)
    if shape == "many zeros":
        scores[rng.random(len(scores)) < 0.9] = 0.0
    elif shape == "ties everywhere":
        scores = np.round(scores * 4) / 4
    elif shape == "float32":
        scores = scores.astype(np.float32)
    whole = np.argpartition(scores, len(scores) - count)[len(scores) - count :]
    np.testing.assert_array_equal(np.sort(top_rows(scores, count)), np.sort(whole))


def test_top_rows_of_a_short_array_are_all_of_it_or_a_partition():
    scores = np.array([0.5, 0.1, 0.9])
    np.testing.assert_array_equal(top_rows(scores, 5), [0, 1, 2])
    assert sorted(top_rows(scores, 2).tolist()) == [0, 2]
