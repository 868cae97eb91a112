"""The per-kind index: listings added in one batch are held exactly as listings added one by one."""

import numpy as np

from matching.analysis import Analyzer
from matching.catalogue import Catalogue, Entry
from matching.language import detect_language

TEXTS = ["사출 성형 불량 관리", "용접 로봇 자동화", "MES for injection molding lines", "도금 폐수 처리 설비"]


def entries(analyzer, texts):
    return [
        Entry(1 + number, text, text, detect_language(text), analyzer.terms(text)) for number, text in enumerate(texts)
    ]


def test_a_batch_scores_as_listings_put_one_by_one():
    analyzer = Analyzer()
    vectors = np.eye(len(TEXTS), 8, dtype=np.float32)
    batch, single = Catalogue(), Catalogue()
    batch.put_many(entries(analyzer, TEXTS), vectors)
    for entry, vector in zip(entries(analyzer, TEXTS), vectors, strict=True):
        single.put(entry, vector)
    query = analyzer.terms("사출 불량 용접")
    one, other = batch.scores(query, vectors[1]), single.scores(query, vectors[1])
    assert one.fields.keys() == other.fields.keys()
    for name in one.fields:
        np.testing.assert_array_equal(one.fields[name], other.fields[name])
    np.testing.assert_array_equal(one.dense, other.dense)
    np.testing.assert_array_equal(one.korean, [True, True, False, True])


def test_a_listing_given_twice_keeps_its_last_text_and_vector():
    analyzer = Analyzer()
    catalogue = Catalogue()
    catalogue.put_many(entries(analyzer, TEXTS[:2]))
    first, second = np.eye(2, 8, dtype=np.float32)
    twice = entries(analyzer, [TEXTS[2]]) + entries(analyzer, [TEXTS[3]])  # both listing 1
    catalogue.put_many(twice, [first, second])
    assert len(catalogue) == 2
    assert catalogue.terms(1) == analyzer.terms(TEXTS[3])
    np.testing.assert_array_equal(catalogue.vector(1), second)
    scores = catalogue.scores(analyzer.terms("도금 폐수"), None)
    assert scores.live.tolist() == [False, True, False, True]
    assert scores.fields["words"].argmax() == 3
    assert not scores.fields["words"][:3].any()  # the replaced rows no longer match
