"""A serving process warms its matching index and templates before it answers; commands and the worker
do not."""

import sys

from marketplace.matches.index import EXTENSION_KEY
from marketplace.matches.warm import serving, warm_serving


def test_only_serving_processes_warm(monkeypatch):
    for argv, expected in (
        (["/x/gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], True),
        (["/x/flask", "--app", "wsgi", "run", "--port", "5000"], True),
        (["/x/flask", "--app", "wsgi", "jobs", "worker"], False),
        (["/x/flask", "--app", "wsgi", "db", "upgrade"], False),
    ):
        monkeypatch.setattr(sys, "argv", argv)
        assert serving() is expected


def test_warming_builds_the_index_before_any_request(app):
    assert EXTENSION_KEY not in app.extensions
    warm_serving(app)
    assert app.extensions[EXTENSION_KEY]._seen is not None  # synced with the database


def test_warming_compiles_the_page_templates(app):
    warm_serving(app)
    compiled = {name for _, name in app.jinja_env.cache}
    assert {"base.html", "auth/login.html", "needs/show.html"} <= compiled
