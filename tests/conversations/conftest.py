"""Services that notify render text and emails: they run in a request's context, as in the app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def in_request(app) -> Iterator[None]:
    with app.test_request_context():
        yield
