"""The dashboard's consortium panel: for a sponsor firm's users, each consortium it belongs to, with its own
figures beside the consortium's (a programme of one sponsor is not listed: its report has it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from funds.consortia.figures import consortium_total, member_figures, programme_members
from marketplace.auth.models import Role, User
from marketplace.programmes.models import SponsorProgramme


def consortium_panels(session: Session, user: User) -> dict[str, Any]:
    if user.role != Role.SPONSOR or user.organisation_id is None:
        return {}
    memberships = []
    for own in member_figures(session, user.organisation_id):
        if own.member_id is None:
            continue
        total = consortium_total(programme_members(session, own.programme_id))
        memberships.append((session.get(SponsorProgramme, own.programme_id), own, total))
    return {"consortium_memberships": memberships} if memberships else {}
