import math
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import bm25 as bm25_module
from matching.bm25 import BM25, DRIFT, K1, B


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


# Random corpora: batches of documents over a small vocabulary (so terms repeat), rows removed
# between batches, then a query. The index must score exactly as the textbook formula does.
VOCABULARY = st.sampled_from(["사출", "금형", "불량", "용접", "a", "b"])
DOCUMENTS = st.lists(st.lists(VOCABULARY, max_size=6), min_size=1, max_size=5)
STEPS = st.lists(st.tuples(DOCUMENTS, st.lists(st.integers(0, 30), max_size=3)), min_size=1, max_size=5)


def reference_scores(documents, alive, query):
    """Okapi BM25 written out plainly, over the live documents."""
    live = [terms for terms, is_alive in zip(documents, alive, strict=True) if is_alive]
    average = max(sum(map(len, live)) / len(live), 1.0) if live else 1.0
    scores = np.zeros(len(documents))
    for term in set(query):
        held = sum(term in terms for terms in live)
        idf = math.log(1 + (len(live) - held + 0.5) / (held + 0.5))
        for row, terms in enumerate(documents):
            tf = terms.count(term)
            if alive[row] and tf:
                scores[row] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(terms) / average))
    return scores


@given(steps=STEPS, query=st.lists(VOCABULARY, max_size=4), one_by_one=st.booleans())
def test_scores_equal_the_textbook_formula_after_batches_and_removals(steps, query, one_by_one):
    index, documents, alive = BM25(), [], []
    with patch.object(bm25_module, "DRIFT", 0.0):  # no cached weights from an older average length
        for batch, removals in steps:
            rows = [index.add(terms) for terms in batch] if one_by_one else list(index.add_many(batch))
            assert rows == list(range(len(documents), len(documents) + len(batch)))
            documents += batch
            alive += [True] * len(batch)
            for row in removals:
                if row < len(documents):
                    index.remove(row)
                    alive[row] = False
            np.testing.assert_allclose(index.scores(query), reference_scores(documents, alive, query), rtol=1e-5)


def test_cached_weights_stay_within_the_drift_of_the_exact_ones():
    index = BM25()
    index.add_many([["사출", "금형"], ["용접"]] * 50)
    index.add_many([["용접", "로봇", "비드"]])  # the average length moves by less than DRIFT
    exact = BM25()
    exact.add_many([["사출", "금형"], ["용접"]] * 50 + [["용접", "로봇", "비드"]])
    np.testing.assert_allclose(index.scores(["사출"]), exact.scores(["사출"]), rtol=DRIFT)
