"""The served test app (tests/funds/paying.live_app) closes only once its requests in flight have ended.

Werkzeug does not join its request threads: a webhook still landing when the app closed went on using the
engine after its disposal and the database during its drop (this test's request got a 500), and a connection
it opened was left to the garbage collector, whose psycopg warning CI once reported in a later test."""

from __future__ import annotations

import gc
import threading
import time
import urllib.error
import urllib.request
import warnings

from sqlalchemy import text

from devtools.fake_stripe import FakeStripe
from marketplace.db import db
from tests.funds.paying import live_app


def test_a_request_in_flight_when_the_served_app_closes_leaves_no_connection_open(
    database_url: str, fake_stripe: FakeStripe
) -> None:
    started, answers = threading.Event(), []
    with live_app(database_url, fake_stripe, webhooks=False) as live:

        @live.app.get("/test-slow")
        def slow() -> str:
            db.session.execute(text("SELECT 1"))  # holds a pooled connection until the request ends
            started.set()
            time.sleep(1.5)
            return "done"

        url = f"http://127.0.0.1:{live.port}/test-slow"
        caller = threading.Thread(target=lambda: answers.append(urllib.request.urlopen(url, timeout=30).read()))
        caller.start()
        assert started.wait(30)
    caller.join(30)
    assert answers == [b"done"]  # the request in flight was answered before the app closed
    del live, slow
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    assert [str(warning.message) for warning in caught if "still open" in str(warning.message)] == []
