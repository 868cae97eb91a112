"""What a match list shows beside each offer so people choose with it in view: a supplier's or sponsor's
certifications, a mentor's rating and completed engagements. One query a kind, reading only those columns
(no listing or organisation rows are built: a page shows up to seven per kind)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from marketplace.organisations.models import Organisation
from marketplace.programmes.models import SponsorProgramme
from marketplace.solutions.models import Solution
from matching.kinds import Kind
from mentors.record import mentor_records

LISTINGS: dict[Kind, Any] = {Kind.SOLUTION: Solution, Kind.PROGRAMME: SponsorProgramme}
# Each kind's statement, built once per process with the ids bound at each call (building one cost more than
# running it, twice a need page).
CERTIFICATIONS: dict[Kind, Select] = {
    kind: select(model.id, Organisation.certifications)
    .join(Organisation, Organisation.id == model.organisation_id)
    .where(model.id.in_(bindparam("ids", expanding=True)))
    for kind, model in LISTINGS.items()
}


@dataclass(frozen=True)
class OfferProfile:
    """What a match card shows of the organisation behind a solution or programme."""

    certifications: list[dict[str, Any]]


def match_profiles(session: Session, found: Mapping[Kind, Iterable[Any]]) -> dict[str, Any]:
    """By "kind:id": the profile of the organisation behind a solution or programme, or a mentor's record."""
    profiles: dict[str, Any] = {}
    for kind, matches in found.items():
        ids = [match.id for match in matches]
        if not ids:
            continue
        if kind == Kind.MENTOR:
            profiles.update({f"mentor:{key}": record for key, record in mentor_records(session, ids).items()})
        elif kind in CERTIFICATIONS:
            rows = session.execute(CERTIFICATIONS[kind], {"ids": ids})
            profiles.update({f"{kind}:{key}": OfferProfile(list(certs or [])) for key, certs in rows})
    return profiles
