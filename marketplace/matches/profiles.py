"""What a match list shows beside each offer so people choose with it in view: a supplier's or sponsor's
certifications and description, a mentor's rating and completed engagements. One query a list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from marketplace.programmes.models import SponsorProgramme
from marketplace.solutions.models import Solution
from matching.kinds import Kind
from mentors.record import mentor_records

LISTINGS: dict[Kind, Any] = {Kind.SOLUTION: Solution, Kind.PROGRAMME: SponsorProgramme}


def match_profiles(session: Session, found: Mapping[Kind, Iterable[Any]]) -> dict[str, Any]:
    """By "kind:id": the organisation behind a solution or programme, or a mentor's record."""
    profiles: dict[str, Any] = {}
    for kind, matches in found.items():
        ids = [match.id for match in matches]
        if not ids:
            continue
        if kind == Kind.MENTOR:
            profiles.update({f"mentor:{key}": record for key, record in mentor_records(session, ids).items()})
        elif kind in LISTINGS:
            model = LISTINGS[kind]
            rows = session.scalars(select(model).where(model.id.in_(ids)).options(joinedload(model.organisation)))
            profiles.update({f"{kind}:{row.id}": row.organisation for row in rows})
    return profiles
