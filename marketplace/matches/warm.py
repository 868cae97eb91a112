"""Warm a serving process before it answers, so that its first visitor does not wait.

A serving process (each gunicorn worker, `flask run`) imports `wsgi` before it accepts a connection:
there it compiles the page templates and syncs its matching index, as a production server does its
preload, and only then answers. Both used to run in a thread beside the first requests
(benchmarks/first_need_page.py): on two shared cores the thread and the first log-in, dashboard and need
page took turns at the GIL, and a page that needed the index or a template the thread had not reached
yet built it inside the request. Nothing here loads a model.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from flask import Flask

log = logging.getLogger(__name__)


def serving() -> bool:
    """This process serves requests (gunicorn, or `flask run`), as opposed to a command or the worker."""
    program = Path(sys.argv[0]).name if sys.argv else ""
    return program.startswith("gunicorn") or (program == "flask" and "run" in sys.argv[1:])


def warm_serving(app: Flask) -> None:
    """Compile the page templates and sync the matching index, before the process answers."""
    from marketplace.db import db
    from marketplace.matches.index import match_index

    start = time.perf_counter()
    _compile_templates(app)
    with app.app_context():  # its session closes with it
        try:
            match_index(app).sync(db.session)
        except Exception:  # a missing table before `db upgrade`: the first request syncs instead
            log.warning("matching index not warmed", exc_info=True)
    log.info("warmed in %.2f s", time.perf_counter() - start)


def _compile_templates(app: Flask) -> None:
    """Compile every page template once (about 1 s of CPU for all of them), so that the first visitor's
    log-in, dashboard and need page do not each wait for theirs (Jinja keeps them compiled in memory)."""
    for name in app.jinja_env.list_templates(filter_func=lambda name: name.endswith(".html")):
        try:
            app.jinja_env.get_template(name)
        except Exception:  # a broken template fails its own page, as it would have
            log.warning("template %s not compiled", name, exc_info=True)
