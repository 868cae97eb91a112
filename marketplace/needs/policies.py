"""Who may see, post and change a need, and who is offered to apply for co-investment on it."""

from __future__ import annotations

from marketplace.auth.models import Role, User
from marketplace.listings import ListingPolicy
from marketplace.needs.models import Need, NeedStatus
from marketplace.policy import owns, policy_of

PUBLIC_STATES = (NeedStatus.OPEN,)
MEMBER_STATES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS, NeedStatus.CLOSED)
APPLICABLE_STATES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


class NeedPolicy(ListingPolicy):
    actions = (*ListingPolicy.actions, "apply_for_project")

    def apply_for_project(self, user: User | None, need: Need) -> bool:
        """The SME that posted an open or running need (not an admin acting for it) applies for a project."""
        return user is not None and user.role == Role.SME and owns(user, need) and need.status in APPLICABLE_STATES


POLICY = policy_of(Need, "need", NeedPolicy(Need, Role.SME, PUBLIC_STATES, MEMBER_STATES))
