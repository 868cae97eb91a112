"""Listing search at catalogue scale: the character index (marketplace.search_index, mapped from the
worker's snapshot) against the scan it replaced (SQL LIKE on every row, then rapidfuzz over every
title), query by query in the same process, plus browsing without a query as an anchor.

Run: .venv/bin/python benchmarks/search_listings.py [N]   (default 100,000 needs, SQLite in a temp dir)

Needs are synthetic: titles from domain words with a number, descriptions from benchmarks/synthetic.py
(70 % Korean). Prints per query the p50 of each side (interleaved, `REPEATS` each) and their ratio, and
the cost of a sync when nothing changed (one query: newest updated_at and rows since the watermark).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from benchmarks.synthetic import synthetic_texts  # noqa: E402
from marketplace import search  # noqa: E402
from marketplace.app import create_app  # noqa: E402
from marketplace.db import Base, db  # noqa: E402
from marketplace.matches.index import MatchIndex  # noqa: E402
from marketplace.matches.snapshots import write_snapshot  # noqa: E402
from marketplace.models import metadata  # noqa: E402, F401
from marketplace.needs.models import Need, NeedStatus, _searchable  # noqa: E402
from marketplace.needs.services import NeedFilters, search_needs  # noqa: E402
from marketplace.organisations.models import Organisation, OrganisationKind  # noqa: E402
from marketplace.search_index import search_index  # noqa: E402

WORDS = [
    "사출성형",
    "금형",
    "도금 라인",
    "용접",
    "비전검사",
    "MES",
    "ERP",
    "에너지",
    "열처리",
    "프레스",
    "로봇",
    "센서",
]
QUERIES = ["사출", "사출 성형", "사출셩형", "금형 ERP", "vision", "도금 폐수 처리"]
REPEATS = 11


def seed(n: int) -> None:
    org = Organisation(kind=OrganisationKind.SME, name="벤치정밀", business_number="1248100998", ksic_division="25",
                       region="gyeonggi", industrial_complex="sihwa")  # fmt: skip
    db.session.add(org)
    db.session.flush()
    descriptions = synthetic_texts(n, seed=5)
    # Saved one a second until a day ago: a catalogue is not written in one instant (a process re-reads
    # the rows changed within five minutes of the snapshot's watermark, and counts them on each sync).
    saved = datetime.now(UTC) - timedelta(days=1)
    rows = []
    for i in range(n):
        a, b = WORDS[i % len(WORDS)], WORDS[(i * 7) % len(WORDS)]
        need = Need(title=f"{a} {b} 개선 {i}", description=descriptions[i], category="mes", region="gyeonggi",
                    industrial_complex="sihwa")  # fmt: skip
        rows.append({
            "organisation_id": org.id, "author_id": 1, "title": need.title, "description": need.description,
            "category": "mes", "funding_tier": "basic", "budget_krw": 50_000_000 + i, "region": "gyeonggi",
            "industrial_complex": "sihwa", "status": NeedStatus.OPEN,
            "search_text": search.build_search_text(_searchable(need)),
            "created_at": saved - timedelta(seconds=n - i), "updated_at": saved - timedelta(seconds=n - i),
        })  # fmt: skip
    for start in range(0, n, 5000):
        db.session.execute(insert(Need), rows[start : start + 5000])
    db.session.commit()


def scan_ids(session: Any, model: Any, conditions: list, q: str) -> list[int]:
    """The search as it was: LIKE on every row's text, then rapidfuzz over every title."""
    terms = search.query_terms(q)
    like = [model.search_text.like(f"%{term}%") for term in terms]
    rows = session.execute(select(model.id, model.title).where(*conditions, *like)).all()
    in_title = {row.id for row in rows if all(term in search.compact(row.title) for term in terms)}
    ranked = sorted(in_title, reverse=True) + sorted({row.id for row in rows} - in_title, reverse=True)
    whole = search.compact(q)
    if len(whole) < search.FUZZY_MIN_QUERY:
        return ranked
    found = set(ranked)
    every_title = session.execute(select(model.id, model.title).where(*conditions))
    titles = {row.id: search.compact(row.title) for row in every_title if row.id not in found}
    fuzzy = process.extract(whole, titles, scorer=fuzz.partial_ratio, score_cutoff=search.FUZZY_CUTOFF, limit=None)
    fuzzy.sort(key=lambda hit: (-hit[1], -hit[2]))
    return ranked + [hit[2] for hit in fuzzy]


def p50_ms(run: Callable[[], object], times: list[float]) -> None:
    start = time.perf_counter()
    run()
    times.append((time.perf_counter() - start) * 1000)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"ENV_NAME": "testing", "DATABASE_URL": f"sqlite:///{folder}/bench.db",
                          "JOBS_URL": f"sqlite:///{folder}/jobs.db",
                          "MATCHING_SNAPSHOT_DIR": f"{folder}/matching"})  # fmt: skip
        with app.app_context():
            Base.metadata.create_all(db.engine)
            db.session.execute(Base.metadata.tables["users"].insert().values(
                id=1, email="b@b.kr", password_hash="x", display_name="b", role="mentor", session_token="t",
                active=True, created_at=datetime.now(UTC)))  # fmt: skip
            start = time.perf_counter()
            seed(n)
            print(f"{n} needs seeded in {time.perf_counter() - start:.0f} s", flush=True)
            start = time.perf_counter()
            write_snapshot(db.session, Path(folder) / "matching", app.config["MATCHING_MODEL"])
            print(f"snapshot (search texts of every need) written in {time.perf_counter() - start:.1f} s")
            start = time.perf_counter()
            search_index(Need).sync(db.session)
            print(f"a process's first search maps it in {(time.perf_counter() - start) * 1000:.0f} ms")
            browse: list[float] = []
            for _ in range(REPEATS):
                p50_ms(lambda: search_needs(db.session, None, NeedFilters()), browse)
            print(f"browse, first page (anchor): p50 {statistics.median(browse):.1f} ms")
            for query in QUERIES:
                old: list[float] = []
                new: list[float] = []
                for _ in range(REPEATS):  # interleaved: a noisy neighbour slows both alike
                    p50_ms(lambda q=query: scan_ids(db.session, Need, [], q), old)
                    p50_ms(lambda q=query: search_needs(db.session, None, NeedFilters(q=q)), new)
                same = scan_ids(db.session, Need, [], query)[:20] == [
                    need.id for need in search_needs(db.session, None, NeedFilters(q=query, per_page=20)).items
                ]
                old_ms, new_ms = statistics.median(old), statistics.median(new)
                print(f"query {query!r:14} scan p50 {old_ms:8.1f} ms   index p50 {new_ms:6.1f} ms   "
                      f"×{old_ms / new_ms:5.1f} faster   same first page: {same}")  # fmt: skip
            sync_costs(app)


def sync_costs(app: Any) -> None:
    """A sync when nothing changed: the search index's and the match index's (six tables, one query)."""
    searching = search_index(Need)
    matching = MatchIndex(app.config["MATCHING_MODEL"], searching.directory)
    matching.sync(db.session)
    search_times: list[float] = []
    match_times: list[float] = []
    for _ in range(51):
        p50_ms(lambda: searching.sync(db.session), search_times)
        p50_ms(lambda: matching.sync(db.session), match_times)
    print(f"sync with nothing changed: search index p50 {statistics.median(search_times):.2f} ms, "
          f"match index p50 {statistics.median(match_times):.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
