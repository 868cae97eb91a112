"""A mentor's slots under concurrent acceptances: never more accepted and active engagements than capacity.

`MentorProfile.engaged` counts them. A slot is claimed by one conditional UPDATE
(`engaged = engaged + 1 WHERE engaged < capacity`) whose row count says whether it was free: on
PostgreSQL the row lock makes a second writer wait and then re-check the condition against the
committed value; on SQLite only one transaction writes at a time. A CHECK constraint
(`engaged <= capacity`) backs both.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.orm import Session

from marketplace.errors import Conflict
from mentors.models import MentorProfile


class CapacityFull(Conflict):
    code = "capacity_full"


def claim_slot(session: Session, profile: MentorProfile) -> None:
    """Take one of the mentor's slots, or refuse with 409 when all are taken."""
    result = session.execute(
        update(MentorProfile)
        .where(MentorProfile.id == profile.id, MentorProfile.engaged < MentorProfile.capacity)
        .values(engaged=MentorProfile.engaged + 1)
        .execution_options(synchronize_session=False)
    )
    session.expire(profile, ["engaged"])
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise CapacityFull(
            _l(
                "This mentor already has %(n)d engagements accepted or active, the most they take at once.",
                n=profile.capacity,
            )
        )


def release_slot(session: Session, profile: MentorProfile) -> None:
    """Give a slot back (the engagement paused or ended)."""
    session.execute(
        update(MentorProfile)
        .where(MentorProfile.id == profile.id, MentorProfile.engaged > 0)
        .values(engaged=MentorProfile.engaged - 1)
        .execution_options(synchronize_session=False)
    )
    session.expire(profile, ["engaged"])
