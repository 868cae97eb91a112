"""Who may see, post and change a sponsor programme."""

from __future__ import annotations

from marketplace.auth.models import Role
from marketplace.listings import ListingPolicy
from marketplace.policy import policy_of
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme

PUBLIC_STATES = (ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED)
MEMBER_STATES = PUBLIC_STATES

POLICY = policy_of(
    SponsorProgramme, "programme", ListingPolicy(SponsorProgramme, Role.SPONSOR, PUBLIC_STATES, MEMBER_STATES)
)
