"""Who may see or do what in mentoring: mentor profiles, engagements and their monthly logs.

A verified profile is seen by every member; an unverified one by its mentor and the overseers (officers
and admins), who also verify mentors and run the programme view. An engagement (and its logs) is seen
by its parties (the mentor, the SME, the proposing sponsor) and the overseers; to anyone else it does not
exist (404). Registered with the core `can` (marketplace/policy.py) when this module is imported.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, or_, select, true

from marketplace.auth.models import Role, User
from marketplace.policy import Policy, oversees, owns, registers
from mentors.models import Engagement, EngagementLog, MentorProfile, Party


def parties(user: User | None, engagement: Engagement) -> set[Party]:
    """The sides of the engagement the user acts for."""
    if user is None:
        return set()
    sides = set()
    if user.role == Role.MENTOR and engagement.mentor.user_id == user.id:
        sides.add(Party.MENTOR)
    if user.organisation_id is not None and user.organisation_id == engagement.organisation_id:
        sides.add(Party.SME)
    elif user.organisation_id is not None and user.organisation_id == engagement.proposer_organisation_id:
        sides.add(Party.SPONSOR)
    return sides


@registers(MentorProfile, "mentor")
class MentorProfilePolicy(Policy):
    actions = ("view", "verify", "run_programme", "keep_profile", "see_leads")

    def view(self, user: User | None, profile: MentorProfile) -> bool:
        return user is not None and (profile.is_verified or oversees(user) or user.id == profile.user_id)

    def verify(self, user: User | None, _profile: Any) -> bool:
        return oversees(user)

    def see_leads(self, user: User | None, profile: MentorProfile) -> bool:
        """The needs that fit a mentor are the mentor's leads: only the mentor and overseers see them."""
        return oversees(user) or owns(user, profile)

    def run_programme(self, user: User | None, _resource: Any) -> bool:
        """The mentoring programme's figures, dispatch target and export."""
        return oversees(user)

    def keep_profile(self, user: User | None, _resource: Any) -> bool:
        """Only mentors have (and edit) a mentor profile."""
        return user is not None and user.role == Role.MENTOR

    def visible(self, user: User | None) -> Any:
        if user is None:
            return false()
        if oversees(user):
            return true()
        return MentorProfile.verified_at.is_not(None) | (MentorProfile.user_id == user.id)


@registers(Engagement, "engagement")
class EngagementPolicy(Policy):
    actions = ("view", "propose", "write_log", "confirm_log")

    def view(self, user: User | None, engagement: Engagement) -> bool:
        return bool(parties(user, engagement)) or oversees(user)

    def propose(self, user: User | None, _resource: Any) -> bool:
        """SMEs (for their needs) and sponsors (for SMEs in their mentoring programmes) propose."""
        return user is not None and user.role in (Role.SME, Role.SPONSOR)

    def write_log(self, user: User | None, engagement: Engagement) -> bool:
        return Party.MENTOR in parties(user, engagement)

    def confirm_log(self, user: User | None, engagement: Engagement) -> bool:
        return Party.SME in parties(user, engagement)

    def visible(self, user: User | None) -> Any:
        if user is None:
            return false()
        if oversees(user):
            return true()
        sides = []
        if user.role == Role.MENTOR:
            own_profiles = select(MentorProfile.id).where(MentorProfile.user_id == user.id)
            sides.append(Engagement.mentor_id.in_(own_profiles))
        if user.organisation_id is not None:
            sides.append(Engagement.organisation_id == user.organisation_id)
            sides.append(Engagement.proposer_organisation_id == user.organisation_id)
        return or_(*sides) if sides else false()


@registers(EngagementLog, "mentor_log")
class EngagementLogPolicy(Policy):
    """A log is seen with its engagement; the mentor writes it, the SME confirms it."""

    actions = ("view",)

    def view(self, user: User | None, log: EngagementLog) -> bool:
        return ENGAGEMENTS.view(user, log.engagement)

    def visible(self, user: User | None) -> Any:
        return EngagementLog.engagement_id.in_(select(Engagement.id).where(ENGAGEMENTS.visible(user)))


ENGAGEMENTS = EngagementPolicy()
