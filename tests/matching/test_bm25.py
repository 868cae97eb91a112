import numpy as np
import pytest

from matching.bm25 import BM25


@pytest.fixture
def index():
    bm25 = BM25()
    for terms in (["사출", "금형", "불량"], ["용접", "로봇"], ["사출", "사출", "라인"], ["도금", "폐수"]):
        bm25.add(terms)
    return bm25


def test_documents_sharing_rarer_terms_score_higher(index):
    scores = index.scores(["사출", "불량"])
    assert scores.argmax() == 0  # holds both terms
    assert scores[2] > 0  # holds one
    assert scores[1] == scores[3] == 0


def test_a_term_repeated_in_the_query_counts_once(index):
    np.testing.assert_allclose(index.scores(["사출"]), index.scores(["사출", "사출"]))


def test_unknown_terms_score_nothing(index):
    assert not index.scores(["없는말"]).any()
    assert len(index.scores([])) == len(index) == 4


def test_removed_rows_score_zero_and_leave_the_others_ranked(index):
    before = index.scores(["사출"])
    index.remove(0)
    after = index.scores(["사출"])
    assert after[0] == 0
    assert after[2] > 0
    # With fewer documents holding the term, its weight changes: the cache must not keep the old one.
    assert after[2] != before[2]


def test_a_replacement_row_is_found_by_its_new_terms(index):
    index.remove(1)
    row = index.add(["용접", "비드", "불량"])
    assert row == 4
    assert index.scores(["비드"]).argmax() == 4


def test_empty_index_and_empty_fields():
    empty = BM25()
    assert len(empty.scores(["x"])) == 0
    fields_without_terms = BM25()
    fields_without_terms.add([])
    assert not fields_without_terms.scores(["x"]).any()
