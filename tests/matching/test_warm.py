"""A serving process warms its matching index in the background; commands and the worker do not."""

import sys

from marketplace.matches.index import EXTENSION_KEY
from marketplace.matches.warm import serving, warm_matching


def test_only_serving_processes_warm(monkeypatch):
    for argv, expected in (
        (["/x/gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], True),
        (["/x/flask", "--app", "wsgi", "run", "--port", "5000"], True),
        (["/x/flask", "--app", "wsgi", "jobs", "worker"], False),
        (["/x/flask", "--app", "wsgi", "db", "upgrade"], False),
    ):
        monkeypatch.setattr(sys, "argv", argv)
        assert serving() is expected


def test_the_warm_thread_builds_the_index_before_any_request(app):
    assert EXTENSION_KEY not in app.extensions
    warm_matching(app).join(timeout=60)
    assert app.extensions[EXTENSION_KEY]._seen is not None  # synced with the database


def test_the_warm_thread_compiles_the_page_templates(app):
    warm_matching(app).join(timeout=60)
    compiled = {name for _, name in app.jinja_env.cache}
    assert {"base.html", "auth/login.html", "needs/show.html"} <= compiled
