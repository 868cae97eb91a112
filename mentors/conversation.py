"""A mentor engagement as the subject of a conversation: the mentor, the SME and the proposing sponsor
talk on the platform (the overseers, who see the engagement, are no party to its conversation)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import false
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from marketplace.conversations.subjects import SubjectKind
from marketplace.policy import oversees
from mentors.models import Engagement, Party
from mentors.notices import side_users
from mentors.policies import ENGAGEMENTS, parties


def _is_party(user: User | None, engagement: Engagement) -> bool:
    return bool(parties(user, engagement))


def _party_rows(user: User | None) -> Any:
    """SQL twin of `_is_party`: the engagements' policy for everyone but the overseers (no party by role)."""
    return false() if user is None or oversees(user) else ENGAGEMENTS.visible(user)


def _recipients(_session: Session, engagement: Engagement) -> list[User]:
    return side_users(engagement, [Party.MENTOR, Party.SME, Party.SPONSOR])


ENGAGEMENT_SUBJECT = SubjectKind(
    name="engagement",
    model=Engagement,
    label=_l("Mentoring"),
    is_party=_is_party,
    party_rows=_party_rows,
    recipients=_recipients,
    title=lambda engagement: engagement.title,
    path=lambda engagement: f"/mentors/engagements/{engagement.id}",
)
