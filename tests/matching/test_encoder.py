"""The encoder batches texts by token count and hands rows back in the caller's order."""

import numpy as np

from matching.encoder import token_lengths

TEXTS = [
    "사출 성형 라인의 불량률을 실시간으로 집계하고 금형 온도를 관리하는 시스템을 도입하고 싶습니다",
    "MES for injection molding",
    "용접 로봇",
    "Vision inspection of plating defects on a stamping line, with alerts to the operators",
]


def test_a_hangul_syllable_counts_as_a_token_and_truncation_caps_the_count(model):
    lengths = token_lengths(model.load(), [TEXTS[0], TEXTS[1], "가 " * 1000])
    assert lengths[0] > len(TEXTS[0].split()) * 2  # far more tokens than words
    assert lengths[1] <= 6
    assert lengths[2] == model.load().max_seq_length


def test_rows_come_back_in_the_callers_order(model):
    together = model.encode(TEXTS, batch_size=2)
    alone = np.vstack([model.encode([text]) for text in TEXTS])
    assert (together * alone).sum(axis=1).min() > 0.999
