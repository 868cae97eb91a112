"""The real job worker process: a need saved through the web gets its vector within a bounded wait, and the
web process that serves its matches never imports torch."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.app import create_app
from marketplace.auth.models import Role
from marketplace.db import db
from marketplace.matches.models import MatchVector
from marketplace.needs.models import Need
from tests.conftest import log_in, post_form
from tests.conftest import test_overrides as settings_for_tests
from tests.factories import PASSWORD, make_solution, make_user
from tests.jobs.worker import ROOT, running_worker, wait_for

VECTOR_TIMEOUT = 90  # the worker loads the model with its first refresh (a loaded 2-core host: tens of seconds)
NEED_FORM = {
    "title": "사출 성형 불량 실시간 추적",
    "description": "사출기 불량을 실시간으로 보고 싶어요",
    "category": "mes",
    "funding_tier": "basic",
    "budget_krw": "80000000",
    "publish": "1",
}


def logged_under(log: str, request_id: str, message: str) -> bool:
    """Whether the worker's JSON log has a line starting with `message` under `request_id`."""
    lines = (json.loads(line) for line in log.splitlines() if line.startswith("{"))
    return any(line.get("request_id") == request_id and line["message"].startswith(message) for line in lines)


def stored_vector(app, need_id: int) -> bool:
    with Session(db.state(app).engine) as session:
        return session.scalar(select(MatchVector.id).where(MatchVector.listing_id == need_id)) is not None


def test_a_need_saved_through_the_web_gets_its_vector_from_the_worker(own_database, tmp_path):
    jobs_url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    app = create_app(settings_for_tests(own_database) | {"JOBS_URL": jobs_url})
    with app.app_context():
        session = db.session
        sme, supplier = make_user(app, session, Role.SME), make_user(app, session, Role.SUPPLIER)
        make_solution(session, supplier, title="사출 공장 전용 MES", description="사출 성형 불량 실시간 집계")
    client = app.test_client()
    log_in(client, sme.email, PASSWORD)
    with running_worker(own_database, jobs_url, LOG_FORMAT="json") as worker:
        saved = time.monotonic()
        assert post_form(client, "/needs/new", NEED_FORM).status_code == 302
        with Session(db.state(app).engine) as session:
            need_id = session.scalar(select(Need.id).where(Need.title == NEED_FORM["title"]))
        assert wait_for(lambda: stored_vector(app, need_id), VECTOR_TIMEOUT), worker.log()
        print(f"vector stored {time.monotonic() - saved:.1f} s after the save")  # noqa: T201 (reported figure)
        page = client.get(f"/needs/{need_id}").get_data(as_text=True)
        assert 'data-kind="solution"' in page
        assert "data-waiting" not in page  # the page ranks with meaning now

        # With the model loaded, a changed text is read again within seconds.
        edited = time.monotonic()
        form = NEED_FORM | {"description": "금형 온도 때문에 사출 불량이 늘어요", "publish": "1"}
        editing = {"X-Request-ID": "edit-need-42"}
        assert post_form(client, f"/needs/{need_id}/edit", form, headers=editing).status_code == 302
        assert "data-waiting" in client.get(f"/needs/{need_id}").get_data(as_text=True)
        # The refresh the edit queued may wait behind the first one's tail (alerts, the shared index's first
        # publication: tens of seconds on a loaded CI host), so the bound is the vector's, not a few seconds.
        read_again = lambda: "data-waiting" not in client.get(f"/needs/{need_id}").get_data(as_text=True)  # noqa: E731
        assert wait_for(read_again, VECTOR_TIMEOUT), worker.log()
        print(f"edited text read again {time.monotonic() - edited:.1f} s after the save")  # noqa: T201
        # The refresh the edit queued logs under the edit's request id: one id from the web log to the worker's.
        assert wait_for(lambda: logged_under(worker.log(), "edit-need-42", "task refresh_matching"), 30), worker.log()
    db.state(app).engine.dispose()


WEB_PROCESS = textwrap.dedent(
    """
    import json, sys
    from marketplace import migrate
    from marketplace.app import create_app
    from marketplace.auth.models import Role
    from marketplace.db import db
    from tests.conftest import log_in, test_overrides
    from tests.factories import PASSWORD, make_need, make_solution, make_user

    url, jobs_url = sys.argv[1], sys.argv[2]
    migrate.upgrade(url)
    import wsgi  # noqa: F401  (the served entry point imports without the model)
    app = create_app(test_overrides(url) | {"JOBS_URL": jobs_url})
    with app.app_context():
        session = db.session
        sme, supplier = make_user(app, session, Role.SME), make_user(app, session, Role.SUPPLIER)
        make_solution(session, supplier, title="사출 MES", description="사출 불량 집계")
        need = make_need(session, sme, title="사출 불량 추적", description="사출 불량을 줄이고 싶어요")
    client = app.test_client()
    log_in(client, sme.email, PASSWORD)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    heavy = sorted(name for name in ("torch", "sentence_transformers", "transformers") if name in sys.modules)
    print(json.dumps({"matches_shown": 'data-kind="solution"' in page, "heavy": heavy}))
    """
)


def test_the_web_process_serves_matches_without_importing_torch(tmp_path):
    url = f"sqlite:///{tmp_path / 'web.db'}"
    jobs_url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    command = [sys.executable, "-c", WEB_PROCESS, url, jobs_url]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer == {"matches_shown": True, "heavy": []}
