"""An SMTP server that accepts and never answers: `notify send` gives up within MAIL_TIMEOUT_SECONDS and keeps
the email queued for the next run.
"""

from __future__ import annotations

import time

import pytest

from marketplace.auth.models import Role
from marketplace.notifications.services import notify
from tests.factories import SITE_URL, make_user
from tests.notifications.conftest import emails_to, mail_settings

BOUND_SECONDS = 15  # a hang, not a speed: the timeout below is 1 s (the default is 20 s)


@pytest.fixture
def app_overrides(frozen_server):
    return mail_settings(frozen_server) | {"MAIL_TIMEOUT_SECONDS": 1}


def test_a_frozen_mail_server_ends_the_run_in_bounded_time(app, runner, db_session):
    user = make_user(app, db_session, Role.SME)
    with app.app_context():
        notify(db_session, [user], "interest_received", "/interests/7", site_url=SITE_URL, sender="이서연", title="MES")
    db_session.commit()
    started = time.monotonic()
    result = runner.invoke(args=["notify", "send"])
    assert time.monotonic() - started < BOUND_SECONDS
    assert "Traceback" not in result.output
    (queued,) = emails_to(db_session, user)
    db_session.refresh(queued)
    assert queued.sent_at is None  # still queued for the next run
