"""An accepted interest as the subject of a conversation: its sender (and the sender's organisation) and the
organisation that received it talk it through on the platform."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.auth.models import User, members_of
from marketplace.conversations.subjects import SubjectKind
from marketplace.interests.models import Interest, InterestStatus
from marketplace.interests.policies import InterestPolicy

INTERESTS = InterestPolicy()


def _recipients(_session: Session, interest: Interest) -> list[User]:
    users = [interest.sender, *members_of(interest.recipient_organisation)]
    if interest.sender_organisation is not None:
        users += members_of(interest.sender_organisation)
    return users


def _party_rows(user: User | None) -> Any:
    return INTERESTS.visible(user)


INTEREST_SUBJECT = SubjectKind(
    name="interest",
    model=Interest,
    label=_l("Interest"),
    is_party=INTERESTS.view,
    party_rows=_party_rows,
    recipients=_recipients,
    title=lambda interest: interest.target_title,
    path=lambda interest: f"/interests/{interest.id}",
    may_open=lambda interest: interest.status == InterestStatus.ACCEPTED,
)
