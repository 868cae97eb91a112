"""A snapshot written to disk and mapped back ranks exactly as the in-memory catalogue it was taken of,
and a delta on top of it ranks as a catalogue built from the final listings."""

import numpy as np
import pytest

from benchmarks.synthetic import synthetic_texts
from matching.analysis import Analyzer
from matching.compact import FileRows
from matching.engine import Engine, Listing
from matching.fits import NeedFacts
from matching.kinds import Kind
from matching.snapshot import current_generation, read_snapshot, write_snapshot
from matching.structured import Fit, Reason

COUNT = 120
DIMENSION = 16


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


@pytest.fixture(scope="module")
def listings():
    texts = synthetic_texts(COUNT, seed=11)
    return [Listing(1000 + number, text[:30], text) for number, text in enumerate(texts)]


@pytest.fixture(scope="module")
def vectors():
    rng = np.random.default_rng(5)
    raw = rng.standard_normal((COUNT, DIMENSION)).astype(np.float32)
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


def built(analyzer, listings, vectors) -> Engine:
    engine = Engine(analyzer=analyzer)
    engine.put_many(Kind.SOLUTION, listings, list(vectors))
    return engine


def mapped(analyzer, engine, folder) -> Engine:
    write_snapshot(folder, {Kind.SOLUTION: engine.catalogues[Kind.SOLUTION].frozen_rows()}, {"note": "test"})
    loaded = Engine(analyzer=analyzer)
    loaded.use_snapshot(read_snapshot(folder))
    return loaded


def rankings(engine, listings, vectors, picks=range(0, COUNT, 7), rtol=1e-6):
    """Each picked listing's top ten, as a need's page asks: its stored terms and vector."""
    catalogue = engine.catalogues[Kind.SOLUTION]
    result = []
    for pick in picks:
        listing = listings[pick]
        terms = catalogue.terms(listing.id)
        matches = engine.rank(Kind.SOLUTION, listing, 10, vector=vectors[pick], terms=terms)
        result.append([(m.id, m.title, round(m.score, 3), m.terms) for m in matches])
    return result


def test_a_mapped_snapshot_ranks_as_the_catalogue_it_was_taken_of(analyzer, listings, vectors, tmp_path):
    memory = built(analyzer, listings, vectors)
    disk = mapped(analyzer, memory, tmp_path)
    assert isinstance(disk.catalogues[Kind.SOLUTION].base.vectors.base, np.memmap)  # mapped, not read
    assert rankings(disk, listings, vectors) == rankings(memory, listings, vectors)
    query = analyzer.terms(listings[3].text)
    exact, frozen = (
        memory.catalogues[Kind.SOLUTION].scores(query, vectors[3]),
        disk.catalogues[Kind.SOLUTION].scores(query, vectors[3]),
    )
    for name in exact.fields:
        np.testing.assert_allclose(frozen.fields[name], exact.fields[name], rtol=1e-6)
    np.testing.assert_array_equal(frozen.dense, exact.dense)
    assert disk.catalogues[Kind.SOLUTION].terms(listings[3].id) == query
    np.testing.assert_array_equal(disk.catalogues[Kind.SOLUTION].vector(listings[3].id), vectors[3])


def test_a_delta_over_a_snapshot_ranks_as_the_final_listings_built_afresh(analyzer, listings, vectors, tmp_path):
    disk = mapped(analyzer, built(analyzer, listings, vectors), tmp_path)
    final = list(listings)
    final[5] = Listing(final[5].id, "용접 로봇 전문", "용접 로봇 셀 자동화 용접 라인 " + final[5].text)
    disk.put(Kind.SOLUTION, final[5], vectors[5])  # an edit: the base row is superseded
    disk.remove(Kind.SOLUTION, final[9].id)  # hidden since the snapshot
    extra = Listing(5000, "도금 폐수 재이용", "도금 폐수 처리 설비 재이용 공정 개선")
    disk.put(Kind.SOLUTION, extra, vectors[0])  # new since the snapshot
    del final[9]
    fresh = built(analyzer, [*final, extra], np.vstack([np.delete(vectors, 9, axis=0), vectors[:1]]))
    assert len(disk.catalogues[Kind.SOLUTION]) == len(fresh.catalogues[Kind.SOLUTION]) == COUNT
    final_vectors = np.vstack([np.delete(vectors, 9, axis=0), vectors[:1]])
    everyone = [*final, extra]
    picks = [0, 5, 8, 40, len(everyone) - 1]
    ours, theirs = rankings(disk, everyone, final_vectors, picks), rankings(fresh, everyone, final_vectors, picks)
    assert [[m[0] for m in ranked] for ranked in ours] == [[m[0] for m in ranked] for ranked in theirs]
    assert all(9 not in [m[0] for m in ranked] for ranked in ours)


def test_facts_of_base_rows_come_from_the_loader_and_a_listing_it_no_longer_finds_is_left_out(
    analyzer, listings, vectors, tmp_path
):
    disk = mapped(analyzer, built(analyzer, listings, vectors), tmp_path)
    seen: list[list[int]] = []

    def loader(ids):
        seen.append(ids)
        return {listing_id: f"facts {listing_id}" for listing_id in ids if listing_id != listings[0].id}

    def fit(need_facts, offer_facts):
        assert offer_facts == f"facts {offer_facts.split()[1]}"
        result = Fit()
        result.criterion(True, 1.0, Reason("ok", "좋음", "good"))
        return result

    need = Listing(1, listings[0].title, listings[0].text, NeedFacts(None, None, None, None, None, None, None))
    matches = disk.rank(Kind.SOLUTION, need, 10, vector=vectors[0], fit=fit, facts=loader)
    assert len(matches) == 10
    assert listings[0].id not in [m.id for m in matches]
    assert 0 < sum(len(ids) for ids in seen) < COUNT  # only a shortlist's facts were read


def test_a_new_generation_is_published_whole_and_old_ones_are_pruned(analyzer, listings, vectors, tmp_path):
    engine = built(analyzer, listings[:10], vectors[:10])
    rows = {Kind.SOLUTION: engine.catalogues[Kind.SOLUTION].frozen_rows()}
    names = [write_snapshot(tmp_path, rows, {"number": number}) for number in range(5)]
    assert current_generation(tmp_path) == names[-1]
    assert read_snapshot(tmp_path).meta == {"number": 4}
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_dir()) == names[-3:]


def test_a_compact_snapshot_ranks_as_the_exact_scan_and_reads_titles_and_terms_without_mapping_them(
    analyzer, listings, vectors, tmp_path
):
    memory = built(analyzer, listings, vectors)
    rows = memory.catalogues[Kind.SOLUTION].frozen_rows()
    write_snapshot(tmp_path / "exact", {Kind.SOLUTION: rows}, {})
    write_snapshot(tmp_path / "compact", {Kind.SOLUTION: rows}, {}, compact_from=0)
    exact, compact = Engine(analyzer=analyzer), Engine(analyzer=analyzer)
    exact.use_snapshot(read_snapshot(tmp_path / "exact"))
    compact.use_snapshot(read_snapshot(tmp_path / "compact"))
    base = compact.catalogues[Kind.SOLUTION].base
    assert base.compact is not None
    assert exact.catalogues[Kind.SOLUTION].base.compact is None
    assert isinstance(base.arrays["terms"], FileRows)
    assert isinstance(base.vectors, FileRows)
    assert base.terms(3) == exact.catalogues[Kind.SOLUTION].terms(listings[3].id)
    np.testing.assert_array_equal(base.vectors[3], vectors[3])
    picks = range(0, COUNT, 5)
    ours, theirs = rankings(compact, listings, vectors, picks), rankings(exact, listings, vectors, picks)
    assert [[m[0] for m in ranked] for ranked in ours] == [[m[0] for m in ranked] for ranked in theirs]
    assert [[m[2] for m in ranked] for ranked in ours] == [[m[2] for m in ranked] for ranked in theirs]
