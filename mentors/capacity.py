"""A mentor's slots under concurrent acceptances: never more accepted and active engagements than capacity.

`MentorProfile.engaged` counts them. A slot is claimed by one conditional UPDATE
(`engaged = engaged + 1 WHERE engaged < capacity`) whose row count says whether it was free: on
PostgreSQL the row lock makes a second writer wait and then re-check the condition against the
committed value; on SQLite only one transaction writes at a time. A CHECK constraint
(`engaged <= capacity`) backs both.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import text, update
from sqlalchemy.orm import Session

from marketplace.errors import Conflict
from mentors.models import MentorProfile


class CapacityFull(Conflict):
    code = "capacity_full"


def begin_writing(session: Session) -> None:
    """Start the request's writing transaction now, so concurrent writers on SQLite queue instead of failing.

    For the outer function (a view), before it reads anything it will change. SQLite in WAL mode refuses at
    once ("database is locked") to let a transaction that has already read start writing after another
    writer committed, whatever the busy timeout; a transaction whose first statement writes waits its turn.
    So a read-only transaction in progress (the log-in or token look-up) is ended — nothing is pending, so
    nothing is written — and the new one begins by taking the write lock. PostgreSQL needs nothing here.
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("begin_writing must come before any change in the session")
    session.commit()
    # Any UPDATE takes SQLite's write lock, even one that matches no row.
    session.execute(text("UPDATE mentor_profiles SET engaged = engaged WHERE 0 = 1"))


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
