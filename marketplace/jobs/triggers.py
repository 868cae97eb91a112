"""After a commit that saved a matched listing (need, solution, programme, mentor profile), ask the
worker to refresh matching: marked at flush, enqueued after the commit (never before: the worker must
see the row), forgotten on rollback. Writes that bypass the session are caught by the minute's sweep.
"""

from __future__ import annotations

import functools
import logging
from itertools import chain
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANGED = "sangsaeng.matched_listing_changed"


@functools.cache
def matched_models() -> tuple[type, ...]:
    from marketplace.matches.sources import SOURCES

    return tuple(source.model for source in SOURCES.values())


def _mark(session: Session, _context: Any) -> None:
    models = matched_models()
    if any(isinstance(row, models) for row in chain(session.new, session.dirty, session.deleted)):
        session.info[CHANGED] = True


def _enqueue(session: Session) -> None:
    if not session.info.pop(CHANGED, False) or not has_app_context():
        return
    from marketplace.jobs.queue import jobs_of
    from marketplace.jobs.tasks import request_refresh

    try:
        request_refresh(jobs_of(current_app))
    except Exception:
        # The save is committed and must not fail for this; the minute's sweep encodes it anyway.
        log.exception("could not enqueue a matching refresh")


def _forget(session: Session) -> None:
    session.info.pop(CHANGED, None)


def listen_for_listing_changes() -> None:
    """Listen on every session (once per process; tests build many apps and sessions)."""
    if not event.contains(Session, "after_flush", _mark):
        event.listen(Session, "after_flush", _mark)
        event.listen(Session, "after_commit", _enqueue)
        event.listen(Session, "after_rollback", _forget)
