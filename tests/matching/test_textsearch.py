"""The character index of listing search finds exactly what a scan of every row finds."""

import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from benchmarks.synthetic import synthetic_texts
from marketplace.search import compact
from matching import textsearch
from matching.textsearch import FrozenTexts, TextIndex

CUTOFF = 75.0


@pytest.fixture(scope="module")
def rows():
    texts = synthetic_texts(400, seed=3)
    return [(number, compact(text[:18]), compact(text), 1) for number, text in enumerate(texts)]


@pytest.fixture(scope="module")
def index(rows):
    return TextIndex(FrozenTexts.build(rows))


def typos(rows, count=40):
    """Pieces of titles with one character changed, dropped or doubled, and a few words."""
    rng = random.Random(4)  # noqa: S311 (test data)
    queries = ["사출", "금형", "mes", "라인자동화", "qualitysystem"]
    for _ in range(count):
        title = rng.choice(rows)[1]
        start = rng.randrange(max(len(title) - 5, 1))
        piece = list(title[start : start + rng.randint(3, 7)])
        at = rng.randrange(len(piece))
        piece[at : at + 1] = rng.choice(([], [piece[at]] * 2, ["셩"]))
        queries.append("".join(piece))
    return queries


def test_fuzzy_titles_are_those_a_scan_of_every_title_finds(rows, index):
    titles = {listing_id: title for listing_id, title, _, _ in rows}
    assert sum(len(index.fuzzy(query, CUTOFF)) for query in typos(rows)) > 100  # the test has hits to compare
    for query in typos(rows):
        scanned = process.extract(query, titles, scorer=fuzz.partial_ratio, score_cutoff=CUTOFF, limit=None)
        assert sorted(index.fuzzy(query, CUTOFF)) == sorted((key, score) for _, score, key in scanned), query


def test_exact_terms_are_those_a_scan_finds(rows, index):
    for terms in (["사출"], ["라인", "공장"], ["mes"], ["injection", "line"], ["없는말"], ["설비관리"]):
        scanned = sorted(i for i, title, text, _ in rows if all(term in text for term in terms))
        found = index.exact(terms)
        assert sorted(i for i, _ in found) == scanned, terms
        assert all(in_title == all(t in rows[i][1] for t in terms) for i, in_title in found)


def test_rows_changed_since_the_snapshot_replace_theirs(rows, index):
    changed = TextIndex(index.base)
    changed.put(rows[0][0], "용접로봇셀", "용접로봇셀자동화")
    changed.remove(rows[1][0])
    assert (rows[0][0], True) in changed.exact(["용접로봇"])
    assert rows[0][0] not in [i for i, _ in changed.exact([rows[0][2][:8]])]  # its old text is gone
    assert rows[1][0] not in [i for i, _ in changed.exact([rows[1][2][:8]])]


def test_fuzzy_leaves_out_the_excluded_ids(rows, index):
    query = rows[10][1][:5]
    every = dict(index.fuzzy(query, CUTOFF))
    left_out = set(list(every)[:3])
    assert dict(index.fuzzy(query, CUTOFF, exclude=left_out)) == {i: s for i, s in every.items() if i not in left_out}


def test_a_term_across_two_stored_texts_is_in_neither():
    # Texts are stored back to back and the candidates' texts searched as one: 출성형사출|성형출성사출 holds
    # 사출성형 only across the boundary (both rows hold every bigram of it, so both are candidates).
    texts = ["출성형사출", "성형출성사출", "공장사출성형", "사출성형"]
    rows = [(number, "제목", text, 1) for number, text in enumerate(texts, start=1)]
    index = TextIndex(FrozenTexts.build(rows))
    assert sorted(i for i, _ in index.exact(["사출성형"])) == [3, 4]
    assert sorted(i for i, _ in index.exact(["사출성형", "공장"])) == [3]


@pytest.mark.parametrize(("span", "gap"), [(1 << 20, 1 << 14), (600, 100), (1, 0)])
def test_rows_read_a_span_at_a_time_are_each_rows_own(rows, index, monkeypatch, span, gap):
    monkeypatch.setattr(textsearch, "SPAN", span)  # small spans and gaps: many reads, rows split between them
    monkeypatch.setattr(textsearch, "GAP", gap)
    picked = np.array(sorted(random.Random(5).sample(range(len(rows)), 150)))  # noqa: S311 (test data)
    assert [text.decode("utf-8") for text in index.base.many("text", picked)] == [rows[i][2] for i in picked]
    assert [title.decode("utf-8") for title in index.base.many("title", picked)] == [rows[i][1] for i in picked]
    for terms in (["설비관리"], ["injection", "line"]):
        assert sorted(i for i, _ in index.exact(terms)) == sorted(
            i for i, _, text, _ in rows if all(t in text for t in terms)
        )
