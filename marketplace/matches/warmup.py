"""Warm the matching engine in the background, so no request waits seconds for a model.

A served app starts warming with its first request (in every worker process: a thread started
before a server forks would not survive the fork). Until the model is ready, matching answers
from the lexical channels and the facts.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask

from marketplace.db import db

log = logging.getLogger(__name__)


def register_warmup(app: Flask) -> None:
    if not app.config["MATCHING_WARM"]:
        return
    started = threading.Event()

    @app.before_request
    def _warm_once() -> None:
        if not started.is_set():
            started.set()
            threading.Thread(target=warm, args=(app,), name="matching warm-up", daemon=True).start()


def warm(app: Flask) -> None:
    """Load the models, build the index and encode the vectors it lacks."""
    from marketplace.matches.index import match_index

    index = match_index(app)
    try:
        index.engine.analyzer.terms("준비 warm-up")  # loads the Korean morphological model
        index.encoder.load()
        with app.app_context():
            index.sync(db.session)
            db.session.close()
            encoded = index.fill_vectors(db.state().sessionmaker)
        log.info("matching ready: %d vectors encoded at start", encoded)
    except Exception:
        # Matching goes on without the dense channel; the log says why.
        log.exception("matching warm-up failed")
