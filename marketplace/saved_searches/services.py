"""Saved searches: save, list, change, delete (each only by its user), open, and alert what is new in them."""

from __future__ import annotations

import logging
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from marketplace.auth.models import User
from marketplace.errors import Conflict
from marketplace.filters import read_filters
from marketplace.notifications.alerts import raise_alert
from marketplace.policy import ensure, found, visible
from marketplace.saved_searches.areas import AREAS, SearchArea
from marketplace.saved_searches.commands import SavedSearchFields, SavedSearchIn
from marketplace.saved_searches.models import SavedSearch
from marketplace.search import paginate

log = logging.getLogger(__name__)

MISSING = _l("No such saved search.")
# At most this many new listings are alerted per saved search and run; the rest wait for the next run.
ALERTS_PER_RUN = 20
# A user keeps at most this many (the worker runs every one with alerts every minute).
MAX_SEARCHES = 50


def save_search(session: Session, actor: User, command: SavedSearchIn) -> SavedSearch:
    """Keep the filters of a browse page under a name; only listings posted after now count as new."""
    ensure(actor, "create", SavedSearch, _l("Log in to save a search."))
    values = command.values() | {"area": command.area, "filters": command.filters, "alerts": command.alerts}
    SavedSearchIn.check(values)
    kept = session.scalar(select(func.count()).where(SavedSearch.user_id == actor.id)) or 0
    if kept >= MAX_SEARCHES:
        raise Conflict(_l("You can keep at most %(n)d saved searches: delete one first.", n=MAX_SEARCHES))
    area = AREAS[command.area]
    newest = session.scalar(select(func.max(area.model.id))) or 0
    search = SavedSearch(
        user_id=actor.id,
        name=command.name,
        area=command.area,
        filters={name: str(value) for name, value in command.filters.items() if str(value).strip()},
        alerts=command.alerts,
        baseline_id=newest,
    )
    session.add(search)
    session.flush()
    return search


def list_searches(session: Session, actor: User) -> list[SavedSearch]:
    statement = select(SavedSearch).where(visible(actor, SavedSearch)).order_by(SavedSearch.id.desc())
    return list(session.scalars(statement))


def get_search(session: Session, actor: User | None, search_id: int) -> SavedSearch:
    """The user's own saved search; anyone else's does not exist (404)."""
    return found(actor, session.get(SavedSearch, search_id), MISSING)


def update_search(session: Session, actor: User, search: SavedSearch, command: SavedSearchFields) -> SavedSearch:
    ensure(actor, "edit", search, MISSING)
    changes = {name: value for name, value in command.values().items() if value is not None}
    SavedSearchFields.check(changes)
    for name, value in changes.items():
        setattr(search, name, value)
    session.flush()
    return search


def delete_search(session: Session, actor: User, search: SavedSearch) -> None:
    ensure(actor, "edit", search, MISSING)
    session.delete(search)
    session.flush()


def search_filters(search: SavedSearch) -> Any:
    """The area's filters dataclass, as the browse page would read the saved query string."""
    return read_filters(AREAS[search.area].filters, MultiDict(search.filters), strict=False)


def alert_new_listings(session: Session) -> int:
    """Alert each user of the listings posted after they saved a search that fit it now (once per search and
    listing, whatever the order of runs), never of their own organisation's. Run by the job worker."""
    raised = 0
    searches = session.scalars(select(SavedSearch).where(SavedSearch.alerts.is_(True)).order_by(SavedSearch.id))
    for search in list(searches):
        area, user = AREAS.get(search.area), session.get(User, search.user_id)
        if area is None or user is None or not user.active:
            continue
        raised += _alert_one(session, area, search, user)
    return raised


def _alert_one(session: Session, area: SearchArea, search: SavedSearch, user: User) -> int:
    filters = search_filters(search)
    conditions = [*area.conditions(filters, user), area.model.id > search.baseline_id]
    page = paginate(session, area.model, conditions, filters.q, None, 1, ALERTS_PER_RUN)
    raised = 0
    for row in page.items:
        if area.owned_by(row, user):
            continue
        key = f"search:{search.id}:{row.id}"
        raised += raise_alert(
            session, user, "saved_search_match", key, area.path(row), search=search.name, title=area.title(row)
        )
    return raised
