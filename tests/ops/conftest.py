"""Apps built with settings of a test's own, their database connections closed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from marketplace.app import create_app
from marketplace.db import db
from tests.conftest import test_overrides as settings_for_tests


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[..., Flask]]:
    """`make_app(NAME=value, ...)`: the test app with these settings (its pooled connections closed after)."""
    made: list[Flask] = []

    def build(**settings: object) -> Flask:
        app = create_app(settings_for_tests(database_url) | settings)
        made.append(app)
        return app

    yield build
    for app in made:
        db.state(app).engine.dispose()
