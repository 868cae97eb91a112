"""The dashboard's consortium panel: for a sponsor firm's users, each consortium it belongs to, with its own
figures beside the consortium's (a programme of one sponsor is not listed: its report has it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from funds.consortia.figures import MemberFigures, consortium_total, member_figures, programme_members
from marketplace.auth.models import Role, User
from marketplace.programmes.models import SponsorProgramme

Membership = tuple[SponsorProgramme | None, MemberFigures, MemberFigures]


def memberships(session: Session, organisation_id: int) -> list[Membership]:
    """Each consortium the firm belongs to: the programme, the firm's own figures and the consortium's."""
    found = []
    for own in member_figures(session, organisation_id):
        if own.member_id is not None:
            total = consortium_total(programme_members(session, own.programme_id))
            found.append((session.get(SponsorProgramme, own.programme_id), own, total))
    return found


def consortium_panels(session: Session, user: User) -> dict[str, Any]:
    if user.role != Role.SPONSOR or user.organisation_id is None:
        return {}
    found = memberships(session, user.organisation_id)
    return {"consortium_memberships": found} if found else {}
