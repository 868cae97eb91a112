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


def test_rows_without_a_vector_score_zero_on_the_dense_channel():
    analyzer = Analyzer()
    catalogue = Catalogue()
    vectors = np.eye(3, 8, dtype=np.float32)
    catalogue.put_many(entries(analyzer, TEXTS[:3]), vectors)
    catalogue.put_many(entries(analyzer, TEXTS[3:]))  # listing 4: no vector yet
    catalogue.remove(1)
    catalogue.put(Entry(2, "용접", "용접", "ko", analyzer.terms("용접")))  # replaced: its old row is dead
    query = np.ones(8, dtype=np.float32)
    dense = catalogue.scores(analyzer.terms("용접"), query).dense
    # Rows 0 (removed) and 1 (replaced) had vectors; 3 and 4 never did. Only listing 3 (row 2) scores.
    np.testing.assert_array_equal(dense, [0, 0, 1, 0, 0])
    assert catalogue.vector(1) is None
    assert catalogue.vector(2) is None
