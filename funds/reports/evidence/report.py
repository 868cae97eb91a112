"""Build a sponsor firm's shared-growth evidence report for one year, for a viewer who may see it."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.policies import SponsorReportOf
from marketplace.auth.models import User
from marketplace.errors import NotFound
from marketplace.evidence import Line, Scope, report_lines
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.policy import can

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a report may be asked for


@dataclass(frozen=True)
class EvidenceReport:
    organisation_id: int
    name: str
    year: int
    lines: list[Line]

    def figure(self, key: str) -> object:
        """A figure's value by key (tests, the API's flat view)."""
        return next(f.value for line in self.lines for f in line.figures if f.key == key)


def sponsor_for(session: Session, viewer: User, organisation_id: int) -> Organisation:
    """The sponsor firm whose report the viewer asks for; NotFound for a firm they may not see (no oracle)."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != OrganisationKind.SPONSOR:
        raise NotFound(_l("No such sponsor."))
    if not can(viewer, "view", SponsorReportOf(organisation_id)):
        raise NotFound(_l("No such sponsor."))
    return organisation


def sponsors(session: Session) -> list[Organisation]:
    """Every sponsor firm, for an officer's choice."""
    statement = select(Organisation).where(Organisation.kind == OrganisationKind.SPONSOR).order_by(Organisation.name)
    return list(session.scalars(statement))


def evidence_report(session: Session, viewer: User, organisation_id: int, year: int, locale: str) -> EvidenceReport:
    """Every registered line for the firm and year; 404 to a viewer who may not see the firm's reports."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NotFound(_l("No report for that year."))
    organisation = sponsor_for(session, viewer, organisation_id)
    lines = report_lines(session, Scope(organisation.id, year, viewer, locale))
    return EvidenceReport(organisation.id, organisation.name_in(locale), year, lines)
