"""Listing search speed: a Korean query, and a typo (fuzzy title pass), against plain browsing.

Run: .venv/bin/python benchmarks/search_listings.py [N]   (default 10,000 needs, SQLite in a temp dir)
Prints medians and ratios against the baseline (first page, no query) measured in the same process.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from marketplace.app import create_app  # noqa: E402
from marketplace.db import Base, db  # noqa: E402
from marketplace.models import metadata  # noqa: E402, F401
from marketplace.needs.models import Need, NeedStatus  # noqa: E402
from marketplace.needs.services import NeedFilters, search_needs  # noqa: E402
from marketplace.organisations.models import Organisation, OrganisationKind  # noqa: E402

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


def seed(n: int) -> None:
    org = Organisation(
        kind=OrganisationKind.SME,
        name="벤치정밀",
        business_number="1248100998",
        ksic_division="25",
        region="gyeonggi",
        industrial_complex="sihwa",
    )
    db.session.add(org)
    db.session.flush()
    for i in range(n):
        a, b = WORDS[i % len(WORDS)], WORDS[(i * 7) % len(WORDS)]
        db.session.add(
            Need(
                organisation_id=org.id,
                author_id=1,
                title=f"{a} {b} 개선 {i}",
                description=f"{a} 공정의 불량률과 가동률을 {b}로 개선하고 싶습니다. 설비 {i % 40}대.",
                category="mes",
                funding_tier="basic",
                budget_krw=50_000_000 + i,
                region="gyeonggi",
                industrial_complex="sihwa",
                status=NeedStatus.OPEN,
            )
        )
    db.session.commit()


def median_ms(run, repeats: int = 15) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "ENV_NAME": "testing",
                "DATABASE_URL": f"sqlite:///{folder}/bench.db",
                "JOBS_URL": f"sqlite:///{folder}/jobs.db",
            }
        )
        with app.app_context():
            Base.metadata.create_all(db.engine)
            db.session.execute(
                Base.metadata.tables["users"]
                .insert()
                .values(
                    id=1,
                    email="b@b.kr",
                    password_hash="x",
                    display_name="b",
                    role="mentor",
                    session_token="t",
                    active=True,
                    created_at=__import__("datetime").datetime.now(__import__("datetime").UTC),
                )
            )
            seed(n)
            cases = {
                "browse, first page (baseline)": NeedFilters(),
                "query 사출 (exact terms)": NeedFilters(q="사출"),
                "query 사출 성형 (two terms)": NeedFilters(q="사출 성형"),
                "query 사출셩형 (typo: fuzzy titles)": NeedFilters(q="사출셩형"),
            }
            results = {name: median_ms(lambda f=f: search_needs(db.session, None, f)) for name, f in cases.items()}
    baseline = results["browse, first page (baseline)"]
    print(f"{n} needs, SQLite; median of 15")
    for name, ms in results.items():
        print(f"{name:40s} {ms:8.1f} ms  {ms / baseline:6.1f}x")


if __name__ == "__main__":
    main()
