"""Warm the matching side of a serving process in the background, so that its first visitor does not wait.

The first page that shows matches used to import the engine (numpy, rapidfuzz: seconds on a loaded
machine) and build the process's index inside the request (benchmarks/first_need_page.py). A serving
process (gunicorn's workers, `flask run`) now does both in a thread as it starts, after compiling the
page templates (the first log-in and dashboard compiled theirs inside the request); a request that
comes first simply waits on the index's lock, as it would have. Nothing here loads a model.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from flask import Flask

log = logging.getLogger(__name__)


def serving() -> bool:
    """This process serves requests (gunicorn, or `flask run`), as opposed to a command or the worker."""
    program = Path(sys.argv[0]).name if sys.argv else ""
    return program.startswith("gunicorn") or (program == "flask" and "run" in sys.argv[1:])


def warm_matching(app: Flask) -> threading.Thread:
    thread = threading.Thread(target=_warm, args=(app,), name="warm-matching", daemon=True)
    thread.start()
    return thread


def _warm(app: Flask) -> None:
    from marketplace.db import db
    from marketplace.matches.index import match_index

    _compile_templates(app)
    with app.app_context():  # its session closes with it
        try:
            match_index(app).sync(db.session)
        except Exception:  # a missing table before `db upgrade`: the first request syncs instead
            log.warning("matching index not warmed", exc_info=True)


def _compile_templates(app: Flask) -> None:
    """Compile every page template once (about 0.7 s of CPU for all of them), so that the first visitor's
    log-in, dashboard and need page do not each wait for theirs (Jinja keeps them compiled in memory)."""
    for name in app.jinja_env.list_templates(filter_func=lambda name: name.endswith(".html")):
        try:
            app.jinja_env.get_template(name)
        except Exception:  # a broken template fails its own page, as it would have
            log.warning("template %s not compiled", name, exc_info=True)
