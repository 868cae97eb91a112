"""Who sees a consortium and who manages it.

Its members' users (the lead's included), officers and admins see the consortium and every member's figures;
anyone else is told it does not exist (404). Only the lead's sponsor users (and admins) manage it: add members,
change pledges — as they alone edit, open, close the programme and select its SMEs (the listing's policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marketplace.auth.models import Role, User
from marketplace.policy import Policy, is_admin, member_of, oversees, registers
from marketplace.programmes.models import SponsorProgramme


@dataclass(frozen=True)
class Consortium:
    """A sponsor programme seen as its members: the lead (the programme's organisation) and the others."""

    programme: SponsorProgramme
    member_organisation_ids: frozenset[int]

    @property
    def lead_organisation_id(self) -> int:
        return self.programme.organisation_id


@registers(Consortium, "consortium")
class ConsortiumPolicy(Policy):
    actions = ("view", "manage")

    def view(self, user: User | None, consortium: Consortium) -> bool:
        if oversees(user) or member_of(user, consortium.lead_organisation_id):
            return True
        return user is not None and user.organisation_id in consortium.member_organisation_ids

    def manage(self, user: User | None, consortium: Any) -> bool:
        if is_admin(user):
            return True
        lead = isinstance(consortium, Consortium) and member_of(user, consortium.lead_organisation_id)
        return user is not None and user.role == Role.SPONSOR and lead
