"""The work queue a dashboard starts with: what the user's role must do now, each with its count and a link.

Features register their items (the app factory calls `add_queue_item`), so the core never names a feature.
Each item is one SQL query that returns how many rows wait and the first one's id, scoped by the resource
policy's `visible()`: a count of one links straight to the thing to do, more to the list of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import url_for
from sqlalchemy import Select
from sqlalchemy.orm import Session

from marketplace.auth.models import Role, User

# (user, today) -> SELECT count(*), min(id) of the rows waiting for the user.
CountQuery = Callable[[User, date], Select[int, int | None]]


@dataclass(frozen=True)
class QueueItem:
    """One kind of thing a role must do; `label(count)` says it in words (ngettext, in the user's language)."""

    name: str
    roles: tuple[Role, ...]
    label: Callable[[int], str]
    query: CountQuery
    list_endpoint: str
    one_endpoint: str  # the page of one waiting row, its id given as `id_arg`
    id_arg: str
    list_args: dict[str, Any] = field(default_factory=dict)
    one_anchor: str | None = None


@dataclass(frozen=True)
class QueueEntry:
    """An item as one user sees it now."""

    name: str
    label: str
    count: int
    url: str


QUEUE_ITEMS: dict[str, QueueItem] = {}


def add_queue_item(item: QueueItem) -> None:
    QUEUE_ITEMS[item.name] = item  # by name: a second app in the same process registers the same one


def queue_items_for(role: Role) -> list[QueueItem]:
    return [item for item in QUEUE_ITEMS.values() if role in item.roles]


def work_queue(session: Session, user: User, today: date) -> list[QueueEntry]:
    """Every item of the user's role, in registration order, with its count and where to act on it."""
    entries = []
    for item in queue_items_for(user.role):
        count, first_id = session.execute(item.query(user, today)).one()
        entries.append(QueueEntry(item.name, item.label(count), count, _url(item, count, first_id)))
    return entries


def _url(item: QueueItem, count: int, first_id: int | None) -> str:
    if count == 1 and first_id is not None:
        one: dict[str, Any] = {item.id_arg: first_id, "_anchor": item.one_anchor}
        return url_for(item.one_endpoint, **one)
    return url_for(item.list_endpoint, **item.list_args)
