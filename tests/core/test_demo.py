"""The demo world: idempotent, believable, and the README's logins work."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter

from sqlalchemy import func, select

from marketplace.auth.models import Role, User
from marketplace.demo.data import SPONSORS
from marketplace.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from marketplace.organisations.brn import normalise_brn
from marketplace.organisations.models import Organisation, OrganisationKind
from tests.conftest import log_in


def counts(db_session) -> tuple[int, int]:
    organisations = db_session.scalar(select(func.count()).select_from(Organisation))
    users = db_session.scalar(select(func.count()).select_from(User))
    return organisations, users


def test_seed_demo_is_idempotent_and_complete(app, runner, db_session):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    after_first = counts(db_session)
    second = runner.invoke(args=["seed-demo"])
    assert "0 organisations and 0 users created" in second.output
    assert counts(db_session) == after_first

    kinds = Counter(db_session.scalars(select(Organisation.kind)))
    assert kinds[OrganisationKind.SME] >= 30
    assert kinds[OrganisationKind.SPONSOR] == len(SPONSORS)
    assert kinds[OrganisationKind.SUPPLIER] >= 20
    roles = Counter(db_session.scalars(select(User.role)))
    assert roles[Role.MENTOR] >= 20
    assert roles[Role.OFFICER] >= 1
    assert roles[Role.ADMIN] >= 1

    complexes = Counter(
        db_session.scalars(select(Organisation.industrial_complex).where(Organisation.kind == OrganisationKind.SME))
    )
    for complex_code in ("banwol", "sihwa", "changwon", "namdong", "gumi", "ulsan"):
        assert complexes[complex_code] >= 1
    sponsors = set(db_session.scalars(select(Organisation.name_en).where(Organisation.kind == "sponsor")))
    for firm in ("Samsung Electronics", "POSCO", "Hyundai Motor", "LG Electronics", "KEPCO"):
        assert any(name.startswith(firm) for name in sponsors), firm
    for number in db_session.scalars(select(Organisation.business_number)):
        assert normalise_brn(number) == number


def test_readme_logins_work(app, runner, db_session):
    runner.invoke(args=["seed-demo"])
    for email, role in DEMO_LOGINS.items():
        browser = app.test_client()
        assert log_in(browser, email, DEMO_PASSWORD).status_code == 302, email
        assert browser.get("/dashboard").status_code == 200
        assert db_session.scalar(select(User.role).where(User.email == email)) == role


def test_readme_lists_the_demo_logins():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert DEMO_PASSWORD in readme
    for email in DEMO_LOGINS:
        assert email in readme


def test_demo_world_pages_render_in_both_languages(app, runner, db_session):
    from marketplace.needs.models import Need
    from marketplace.programmes.models import SponsorProgramme
    from marketplace.solutions.models import Solution

    runner.invoke(args=["seed-demo"])
    assert db_session.scalar(select(func.count()).select_from(Need)) >= 60
    assert db_session.scalar(select(func.count()).select_from(Solution)) >= 40
    assert db_session.scalar(select(func.count()).select_from(SponsorProgramme)) >= 8
    need_id = db_session.scalar(select(Need.id).where(Need.status == "open"))
    solution_id = db_session.scalar(select(Solution.id).where(Solution.status == "active"))
    programme_id = db_session.scalar(select(SponsorProgramme.id).where(SponsorProgramme.status == "open"))
    pages = [
        "/",
        "/needs/",
        "/needs/?q=사출",
        f"/needs/{need_id}",
        "/solutions/",
        "/solutions/?q=비전",
        f"/solutions/{solution_id}",
        "/programmes/",
        f"/programmes/{programme_id}",
    ]
    member = app.test_client()
    log_in(member, "supplier@sangsaeng-demo.kr", DEMO_PASSWORD)
    for browser in (app.test_client(), member):
        for language in ("ko", "en"):
            for path in pages:
                assert browser.get(path, headers={"Accept-Language": language}).status_code == 200, path
    for email in ("sme@sangsaeng-demo.kr", "supplier@sangsaeng-demo.kr", "sponsor@sangsaeng-demo.kr"):
        browser = app.test_client()
        log_in(browser, email, DEMO_PASSWORD)
        assert 'id="own-listings"' in browser.get("/dashboard").get_data(as_text=True), email


def test_make_run_says_where_to_open_the_site_and_who_to_log_in_as(tmp_path):
    """`make run`'s launcher prints the address and the demo logins once the app answers on its port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path)]
    command = [sys.executable, "-m", "devtools.fake_stripe", "run", "--app-port", str(port), "--welcome", "--", *app]
    shown = ""
    # Its own process group, so Ctrl+C (SIGINT to the group) reaches the launcher and the app alike.
    with subprocess.Popen(  # noqa: S603 (our own launcher, a stand-in app)
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
    ) as launcher:
        ctrl_c = threading.Timer(60, os.killpg, (launcher.pid, signal.SIGINT))  # never wait forever for the banner
        ctrl_c.start()
        try:
            assert launcher.stdout is not None
            for line in launcher.stdout:
                shown += line
                if line.startswith("Stop the server"):
                    break
        finally:
            ctrl_c.cancel()
            os.killpg(launcher.pid, signal.SIGINT)
            assert launcher.wait(timeout=30) == 130
    assert f"open http://127.0.0.1:{port}" in shown
    assert DEMO_PASSWORD in shown
    assert all(email in shown for email in DEMO_LOGINS)


def test_seed_demo_stores_the_published_terms_and_vectors_of_every_demo_listing(app, runner, db_session):
    """Right after `make run` the worker has nothing to analyse or encode. Fails when the demo texts, the
    analyser or the model changed: write the file again (marketplace/demo/matching.py says how)."""
    from marketplace.matches.models import MatchTerms, MatchVector
    from marketplace.matches.snapshots import matchable_listings
    from marketplace.matches.sources import SOURCES

    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    listings = sum(len(matchable_listings(db_session, source)) for source in SOURCES.values())
    model = app.config["MATCHING_MODEL"]
    assert db_session.scalar(select(func.count()).select_from(MatchTerms)) == listings
    vectors = select(func.count()).select_from(MatchVector).where(MatchVector.model == model)
    assert db_session.scalar(vectors) == listings
