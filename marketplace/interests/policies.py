"""Who may see and answer an interest: its sender (and the sender's organisation) and the organisation
that received it see it; only the receiving organisation answers it and marks it read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, or_

from marketplace.auth.models import User
from marketplace.interests.models import Interest
from marketplace.policy import Policy, member_of, registers


@registers(Interest, "interest")
class InterestPolicy(Policy):
    actions = ("view", "answer")

    def view(self, user: User | None, interest: Interest) -> bool:
        return self.answer(user, interest) or _sent_by(user, interest)

    def answer(self, user: User | None, interest: Interest) -> bool:
        return member_of(user, interest.recipient_organisation_id)

    def visible(self, user: User | None) -> Any:
        if user is None:
            return false()
        sides = [Interest.sender_id == user.id]
        if user.organisation_id is not None:
            sides += [
                Interest.sender_organisation_id == user.organisation_id,
                Interest.recipient_organisation_id == user.organisation_id,
            ]
        return or_(*sides)


def _sent_by(user: User | None, interest: Interest) -> bool:
    return user is not None and (user.id == interest.sender_id or member_of(user, interest.sender_organisation_id))
