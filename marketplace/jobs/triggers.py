"""After a commit that saved a matched listing (need, solution, programme, mentor profile), ask the
worker to refresh matching: marked at flush as an after-commit effect of the unit of work (never enqueued
before the commit: the worker must see the row; forgotten on rollback; once however many listings were
saved). Writes that bypass the session are caught by the minute's sweep.
"""

from __future__ import annotations

import functools
import logging
from itertools import chain
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from marketplace.unit_of_work import after_commit

log = logging.getLogger(__name__)


@functools.cache
def matched_models() -> tuple[type, ...]:
    from marketplace.matches.sources import SOURCES

    return tuple(source.model for source in SOURCES.values())


def _mark(session: Session, _context: Any) -> None:
    models = matched_models()
    if any(isinstance(row, models) for row in chain(session.new, session.dirty, session.deleted)):
        after_commit(enqueue_refresh, session, once=True)


def enqueue_refresh() -> None:
    if not has_app_context():
        return
    from marketplace.jobs import jobs_of
    from marketplace.jobs.tasks import request_refresh

    try:
        request_refresh(jobs_of(current_app))
    except Exception:
        # The save is committed and must not fail for this; the minute's sweep encodes it anyway.
        log.exception("could not enqueue a matching refresh")


def listen_for_listing_changes() -> None:
    """Listen on every session (once per process; tests build many apps and sessions)."""
    if not event.contains(Session, "after_flush", _mark):
        event.listen(Session, "after_flush", _mark)
