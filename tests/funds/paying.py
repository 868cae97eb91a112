"""Payment test helpers: the app served for real on its own database next to the suite's fake Stripe, a world
of payers, Stripe-signed events and waiting for webhooks.

Webhooks come from the localstripe process over HTTP, so the app must really listen and really commit:
these tests cannot use the rolled-back session of the other tests.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool
from werkzeug.serving import make_server

from devtools.fake_stripe import WEBHOOK_PATH, FakeStripe
from funds.models import LedgerTransaction, Payment, PaymentStatus, Project, StripeEvent, TransactionKind
from funds.projects.services import transition_project
from marketplace.app import create_app
from marketplace.auth.models import Role, User
from marketplace.db import db, make_engine
from marketplace.unit_of_work import begin_writing
from tests.conftest import fresh_database, log_in, post_form, test_overrides
from tests.factories import PASSWORD, context_of, make_need, make_programme, make_project, make_user

SECRET = "whsec_sangsaeng_test_secret"
API_KEY = "sk_test_sangsaeng"
GOOD, DECLINED, NEEDS_3DS = "4242424242424242", "4000000000000341", "4000002500003155"


@dataclass
class Live:
    """The app on its own database, served on 127.0.0.1 so the fake Stripe can deliver webhooks to it."""

    app: Flask
    port: int
    fake: FakeStripe

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{WEBHOOK_PATH}"

    def session(self) -> Session:
        return Session(db.state(self.app).engine, expire_on_commit=False)

    def client(self, user: User | None = None) -> FlaskClient:
        client = self.app.test_client()
        if user is not None:
            assert log_in(client, user.email, PASSWORD).status_code == 302
        return client


@contextmanager
def live_app(database_url: str, fake: FakeStripe, webhooks: bool = True, jobs_url: str | None = None) -> Iterator[Live]:
    """The app served on 127.0.0.1 on a fresh database; `webhooks`: the fake Stripe delivers its events here
    (one app at a time: registering replaces the previous address); `jobs_url`: a job queue of its own."""
    with fresh_database(database_url) as url:
        settings = stripe_settings(fake) | ({"JOBS_URL": jobs_url} if jobs_url else {})
        app = create_app(test_overrides(url) | settings | {"SERVER_NAME": None})
        state = db.state(app)
        state.engine.dispose()
        options = {"poolclass": NullPool} if url.startswith("sqlite") else {"pool_size": 20, "max_overflow": 0}
        state.engine = make_engine(url, **options)
        state.sessionmaker = sessionmaker(state.engine, expire_on_commit=False)
        served = InFlight(app)
        server = make_server("127.0.0.1", 0, served, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        live = Live(app, server.server_port, fake)
        if webhooks:
            fake.register_webhook(live.webhook_url, SECRET)
        try:
            yield live
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)
            # The server's request threads are not joined by werkzeug: a webhook still landing would otherwise
            # use the engine after its disposal (and the database after its drop), leaving a connection open
            # for the garbage collector to report in some later test.
            served.close(timeout=IN_FLIGHT_TIMEOUT)
            state.engine.dispose()


IN_FLIGHT_TIMEOUT = 60  # a request in flight when the served app closes (a webhook landing) may end first


class InFlight:
    """A WSGI app that counts the requests it is answering; once closed, it refuses new ones (503) and waits
    for those in flight, so nothing uses the app's database after it is disposed and dropped."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.answering = 0
        self.closed = False
        self.changed = threading.Condition()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with self.changed:
            if self.closed:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"closed"]
            self.answering += 1
        try:
            response = self.app(environ, start_response)
            try:
                return list(response)  # the whole body, while the request's connection is still ours
            finally:
                getattr(response, "close", lambda: None)()
        finally:
            with self.changed:
                self.answering -= 1
                self.changed.notify_all()

    def close(self, timeout: float) -> None:
        with self.changed:
            self.closed = True
            if not self.changed.wait_for(lambda: self.answering == 0, timeout):
                raise AssertionError(f"{self.answering} request(s) still in flight {timeout} s after closing")


def stripe_settings(fake: FakeStripe) -> dict[str, str]:
    return {"STRIPE_API_BASE": fake.api_base, "STRIPE_API_KEY": API_KEY, "STRIPE_WEBHOOK_SECRET": SECRET}


@dataclass
class Payers:
    sme: User
    sponsor: User
    officer: User
    project_id: int  # agreed, on the government-only track: the SME owes its share
    programme_id: int  # the sponsor's programme, whose pledge it pays


def make_payers(live: Live) -> Payers:
    """An SME with an agreed project, a sponsor with a programme, an officer; committed to the live database."""
    app = live.app
    with live.session() as session, app.test_request_context():
        begin_writing(session)  # a webhook of the previous test may still be landing: queue behind it on SQLite
        sme, sponsor, officer = (make_user(app, session, role) for role in (Role.SME, Role.SPONSOR, Role.OFFICER))
        project = make_project(app, session, sme, make_need(session, sme))
        for action in ("select", "agree"):
            transition_project(session, context_of(officer), project, action)
        programme = make_programme(app, session, sponsor, pledged_pool_krw=90_000_000, per_project_cap_krw=50_000_000)
        session.commit()
        return Payers(sme, sponsor, officer, project.id, programme.id)


def pay_by_card(client: FlaskClient, path: str, amount_krw: int, number: str = GOOD):
    """Fill the payment form as a payer would; returns the response after the redirect."""
    card = {"card_number": number, "exp_month": "12", "exp_year": "2031", "cvc": "123", "confirm": "y"}
    return post_form(client, path, {"amount_krw": str(amount_krw), **card, "pay": "1"}, follow_redirects=True)


def payment(live: Live, payment_id: int) -> Payment:
    with live.session() as session:
        found = session.get(Payment, payment_id)
        assert found is not None
        return found


def latest_payment_id(live: Live) -> int:
    with live.session() as session:
        return int(session.scalar(select(func.max(Payment.id))) or 0)


def ledger_count(live: Live, kind: TransactionKind) -> int:
    with live.session() as session:
        return session.scalar(select(func.count()).where(LedgerTransaction.kind == kind)) or 0


def project(live: Live, project_id: int) -> Project:
    with live.session() as session:
        found = session.get(Project, project_id)
        assert found is not None
        return found


def wait_until(condition: Callable[[], bool], timeout: float = 20) -> bool:
    """Poll until `condition()` holds (webhooks arrive about a second after the event)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def check_ledger(live: Live) -> str:
    result = live.app.test_cli_runner().invoke(args=["funds", "check"])
    assert result.exit_code == 0, result.output
    return result.output


def stripe_get(fake: FakeStripe, path: str) -> dict[str, Any]:
    """A GET on the fake Stripe's API, as our API key."""
    request = urllib.request.Request(fake.api_base + path, headers={"Authorization": f"Bearer {API_KEY}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the local fake)
        return json.loads(response.read())


def stripe_post(fake: FakeStripe, path: str, form: str) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 (the local fake)
        fake.api_base + path, data=form.encode(), headers={"Authorization": f"Bearer {API_KEY}"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())


def events_for(fake: FakeStripe, intent_id: str) -> list[dict[str, Any]]:
    found = stripe_get(fake, "/v1/events?limit=100")["data"]
    return [event for event in found if event["data"]["object"].get("id") == intent_id]


def signature(payload: bytes, secret: str = SECRET, at: int | None = None) -> str:
    """Stripe's signature header: HMAC-SHA256 of "timestamp.payload" with the endpoint's secret."""
    timestamp = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def deliver(client: FlaskClient, event: dict[str, Any], secret: str = SECRET, at: int | None = None):
    payload = json.dumps(event).encode()
    return client.post(WEBHOOK_PATH, data=payload, headers={"Stripe-Signature": signature(payload, secret, at)})


@contextmanager
def webhooks_to(live: Live, url: str) -> Iterator[None]:
    """Point the fake's webhook elsewhere (e.g. nowhere) for a while, then back at the app."""
    live.fake.register_webhook(url, SECRET)
    try:
        yield
    finally:
        live.fake.register_webhook(live.webhook_url, SECRET)


NOWHERE = "http://127.0.0.1:9/unreachable"  # the discard port: nothing listens, every delivery fails


def paid_without_webhooks(live: Live, payers: Payers, amount_krw: int) -> Payment:
    """A payment Stripe captured whose webhooks never reached us (so it is still waiting here)."""
    with webhooks_to(live, NOWHERE):
        pay_by_card(live.client(payers.sme), f"/payments/project/{payers.project_id}", amount_krw)
        found = payment(live, latest_payment_id(live))
        assert wait_until(lambda: events_for(live.fake, found.stripe_payment_intent_id or "") != [])
        time.sleep(1.5)  # the fake's delivery attempt (one second after the event) has failed by now
    assert found.status == PaymentStatus.PROCESSING
    return found


def event_count(live: Live) -> int:
    with live.session() as session:
        return session.scalar(select(func.count()).select_from(StripeEvent)) or 0
