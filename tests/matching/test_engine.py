"""The engine without the embedding model: lexical channels, fusion, fit, filters and explanations."""

import numpy as np
import pytest

from matching import engine as engine_module
from matching.analysis import Analyzer
from matching.engine import Engine, Listing, Term
from matching.fusion import CHANNELS, WEIGHTS, language_weights, needed_channels, normalise
from matching.glossary import Glossary, parse_glossary
from matching.kinds import Kind
from matching.structured import Fit, Reason

GLOSSARY = """concept\tko\ten
injection_molding\t사출|사출성형\tinjection molding
mes\t생산관리시스템\tmes|manufacturing execution system
welding\t용접\twelding
defect\t불량|결함\tdefect|defects
"""
OFFERS = [
    (1, "사출 공장 전용 MES", "사출 성형 라인의 불량과 생산 실적을 실시간 집계하는 MES"),
    (2, "용접 로봇 셀", "자동차 부품 용접 라인을 로봇으로 자동화"),
    (3, "MES for injection molding", "Manufacturing execution system that tracks defects on injection molding lines"),
    (4, "도금 폐수 처리", "표면처리 업체의 폐수 재이용 설비"),
]


@pytest.fixture
def engine():
    engine = Engine(analyzer=Analyzer(Glossary(parse_glossary(GLOSSARY))))
    for listing_id, title, text in OFFERS:
        engine.put(Kind.SOLUTION, Listing(listing_id, title, f"{title}\n{text}"))
    return engine


def need(text):
    return Listing(-1, text, text)


def test_a_korean_need_finds_the_korean_offer_first_and_says_why(engine):
    best, *rest = engine.rank(Kind.SOLUTION, need("사출 성형 라인 불량을 실시간으로 추적하고 싶어요"), limit=4)
    assert best.id == 1
    assert Term("사출", "injection molding") in best.terms
    assert Term("불량", "defect") in best.terms
    assert "semantic" not in best.channels  # no model in this engine: the channel is left out
    assert best.score == pytest.approx(sum(best.channels.values()), abs=1e-3)
    assert all(best.score >= match.score for match in rest)


def test_a_korean_need_meets_an_english_offer_through_the_glossary(engine):
    ranked = engine.rank(Kind.SOLUTION, need("사출 성형 불량 관리용 생산관리시스템"), limit=4)
    english = next(match for match in ranked if match.id == 3)
    assert english.channels["glossary"] > 0
    assert {term.en for term in english.terms} >= {"injection molding", "mes", "defect"}
    assert ranked.index(english) < 2


def test_limit_exclude_and_removal(engine):
    assert [m.id for m in engine.rank(Kind.SOLUTION, need("용접"), limit=1)] == [2]
    assert 2 not in [m.id for m in engine.rank(Kind.SOLUTION, need("용접"), exclude=frozenset({2}))]
    engine.remove(Kind.SOLUTION, 2)
    assert 2 not in [m.id for m in engine.rank(Kind.SOLUTION, need("용접"))]
    assert engine.rank(Kind.PROGRAMME, need("용접")) == []  # an empty catalogue


def test_replacing_a_listing_matches_its_new_text(engine):
    engine.put(Kind.SOLUTION, Listing(4, "용접 비드 검사", "용접 비드 불량을 카메라로 검사"))
    assert engine.rank(Kind.SOLUTION, need("용접 비드 검사"), limit=1)[0].id == 4


def test_dense_channel_counts_when_vectors_are_given():
    engine = Engine(analyzer=Analyzer(Glossary(parse_glossary(GLOSSARY))))
    vectors = np.eye(3, dtype=np.float32)
    for row, (listing_id, title, text) in enumerate(OFFERS[:3]):
        engine.put(Kind.SOLUTION, Listing(listing_id, title, text), vectors[row])
    # Nothing lexical in common: the vector decides.
    ranked = engine.rank(Kind.SOLUTION, need("전혀 다른 문장"), vector=vectors[1])
    assert ranked[0].id == 2
    assert ranked[0].channels["semantic"] > 0


def test_structured_fit_weighs_in_and_hard_filters_drop_matches(engine):
    def fit(_need_facts, offer_facts):
        result = Fit()
        if offer_facts == "far":
            result.exclude(Reason("far", "먼 곳", "too far", False))
        result.criterion(offer_facts == "near", 1, Reason("near", "가까움", "nearby"))
        return result

    engine.put(Kind.SOLUTION, Listing(1, OFFERS[0][1], OFFERS[0][2], facts="far"))
    engine.put(Kind.SOLUTION, Listing(3, OFFERS[2][1], OFFERS[2][2], facts="near"))
    ranked = engine.rank(Kind.SOLUTION, need("사출 불량"), fit=fit)
    assert 1 not in [m.id for m in ranked]
    near = next(m for m in ranked if m.id == 3)
    assert near.channels["fit"] == pytest.approx(0.25)
    assert [reason.code for reason in near.reasons] == ["near"]


def test_the_shortlist_widens_until_enough_matches_survive_the_filters(monkeypatch):
    monkeypatch.setattr(engine_module, "SHORTLIST", 2)
    engine = Engine(analyzer=Analyzer(Glossary(parse_glossary(GLOSSARY))))
    for listing_id in range(1, 31):
        engine.put(
            Kind.SOLUTION, Listing(listing_id, f"사출 {listing_id}", "사출 " * (31 - listing_id), facts=listing_id)
        )

    def only_high_ids(_need, offer_id):
        result = Fit()
        if offer_id < 25:
            result.exclude(Reason("no", "아님", "no", False))
        return result

    ranked = engine.rank(Kind.SOLUTION, need("사출"), limit=3, fit=only_high_ids)
    assert [m.id for m in ranked] == [25, 26, 27]


def test_normalise_divides_by_the_best_live_row():
    live = np.array([True, True, False])
    np.testing.assert_allclose(normalise(np.array([2.0, 1.0, 9.0]), live), [1.0, 0.5, 0.0])
    np.testing.assert_allclose(normalise(np.array([-0.2, 0.0, 1.0]), np.array([True, True, False])), [0, 0, 0])


def test_weights_are_convex_per_language_pair_and_rescaled_when_a_channel_is_missing():
    for pair, weights in WEIGHTS.items():
        assert set(weights) == set(CHANNELS)
        assert sum(weights.values()) == pytest.approx(1.0), pair
    full = language_weights("ko", CHANNELS)
    without_dense = language_weights("ko", set(CHANNELS) - {"dense"})
    assert sum(full["ko"].values()) == pytest.approx(1.0)
    assert sum(without_dense["en"].values()) == pytest.approx(1.0)
    assert "dense" not in without_dense["ko"]
    assert full["en"]["concepts"] == pytest.approx(WEIGHTS[("ko", "en")]["concepts"])


def test_only_the_channels_that_weigh_are_computed():
    assert needed_channels("en") == {"dense", "words", "concepts", "fuzzy"}
    assert needed_channels("ko") == set(CHANNELS) - {"grams"}
    assert needed_channels("ko", {pair: dict.fromkeys(CHANNELS, 1 / 6) for pair in WEIGHTS}) == set(CHANNELS)


@pytest.mark.parametrize("with_fit", [False, True])
def test_scoring_the_shortlist_in_slices_stops_early_without_changing_the_ranking(monkeypatch, with_fit):
    engine = Engine(analyzer=Analyzer(Glossary(parse_glossary(GLOSSARY))))
    # Near-equal texts whose titles differ, so the fuzzy channel and the fit reorder them.
    for listing_id in range(1, 61):
        title = "사출 불량" if listing_id % 7 == 0 else f"금형 {listing_id}"
        engine.put(Kind.SOLUTION, Listing(listing_id, title, "사출 " * (1 + listing_id % 5) + "금형", facts=listing_id))

    def fit(_need, offer_id):
        result = Fit()
        result.criterion(offer_id % 3 == 0, 1, None)
        return result

    def ranked(slice_size):
        monkeypatch.setattr(engine_module, "SLICE", slice_size)
        matches = engine.rank(Kind.SOLUTION, need("사출 불량"), limit=5, fit=fit if with_fit else None)
        return [(m.id, m.score) for m in matches]

    assert ranked(1) == ranked(2) == ranked(1000)


@pytest.mark.parametrize("size", [1, 10, 99, 100])
def test_the_shortlist_holds_the_highest_text_scores_best_first_ties_by_row(size):
    rng = np.random.default_rng(size)
    scores = rng.integers(0, 40, 100) / 8  # many ties
    shortlist = engine_module._top(scores, size)
    everything = np.lexsort((np.arange(100), -scores))  # best first, ties by row
    np.testing.assert_array_equal(scores[shortlist], scores[everything[:size]])
    assert all(
        (scores[a], -a) > (scores[b], -b) for a, b in zip(shortlist, shortlist[1:], strict=False)
    )  # strictly ordered: best first, the lower row first among equals
