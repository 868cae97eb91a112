"""Match alerts, in the job worker: once a new need's vector is stored, the owners of the offers it matches
above `MATCH_ALERT_SCORE` (out of 100) are alerted, once per need and offer (notifications/alerts.py).

Run from `refresh.refresh_matching` with the needs whose vectors that run stored, never in a web request. Only
needs saved in the last day count as new, and a run that read more than `MATCH_ALERT_BATCH` needs at once (the
first run over a seeded or imported catalogue, a change of model) alerts nobody: that is a reindex, not people
posting needs one by one (the worker reads each within seconds of its save).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.db import utcnow
from marketplace.matches.index import MatchIndex
from marketplace.matches.presenting import score_out_of_100
from marketplace.matches.services import need_matches
from marketplace.matches.sources import SOURCES
from marketplace.needs.models import Need, NeedStatus
from marketplace.notifications.alerts import raise_alert
from matching.kinds import OFFER_KINDS
from mentors.models import MentorProfile

NEW_FOR = timedelta(days=1)  # a need saved longer ago than this is not news


def alert_matching_offers(session: Session, index: MatchIndex, need_ids: Iterable[int], today: date) -> int:
    """Alert the owners of the offers each new open need matches well; returns how many alerts were raised."""
    config = current_app.config
    threshold, limit, batch = config["MATCH_ALERT_SCORE"], config["MATCH_ALERT_LIMIT"], config["MATCH_ALERT_BATCH"]
    ids = sorted(set(need_ids))
    if len(ids) > batch:
        return 0
    raised, since = 0, utcnow() - NEW_FOR
    for need_id in ids:
        need = session.get(Need, need_id)
        if need is None or need.status != NeedStatus.OPEN or need.updated_at < since:
            continue
        for kind, matches in need_matches(index, session, need, OFFER_KINDS, limit, today=today).items():
            for match in matches:
                score = score_out_of_100(match)
                if not match.allowed or score < threshold:
                    continue
                offer = session.get(SOURCES[kind].model, match.id)
                for owner in _owners(session, offer):
                    if owner.organisation_id is not None and owner.organisation_id == need.organisation_id:
                        continue
                    raised += raise_alert(
                        session, owner, "need_matches_offer", f"match:{need.id}:{kind.value}:{match.id}",
                        f"/needs/{need.id}", need=need.title, sme=need.organisation.name, offer=match.title,
                        score=score,
                    )  # fmt: skip
    return raised


def _owners(session: Session, offer: Any) -> list[User]:
    if offer is None:
        return []
    if isinstance(offer, MentorProfile):
        user = session.get(User, offer.user_id)
        return [user] if user is not None else []
    return list(session.scalars(select(User).where(User.organisation_id == offer.organisation_id).order_by(User.id)))
