"""A smart industrial complex's "Consortium members" section (registered by the app factory).

Consortia are sponsor programmes with members (funds/consortia) that fund a tenant's project or focus on the
complex's region (as the programmes section chooses programmes). Public: each consortium's programme, its lead,
its members' names and the consortium's total pledge (the programme's pledged pool, public on its listing).
Each member's own pledge, committed and paid in are shown to officers and admins only (`scope.full`), as the
programme's page shows them only to members, officers and admins; docs/complexes.md says the same.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from funds.consortia.figures import consortium_total, organisation_names, programme_members
from funds.models import ProgrammeMember, Project
from marketplace.organisations.models import Organisation
from marketplace.page_sections import Card, ComplexScope, ComplexSection, Table
from marketplace.programmes.models import SponsorProgramme


def _consortia(session: Session, scope: ComplexScope) -> list[SponsorProgramme]:
    regions = set(session.scalars(select(Organisation.region).where(Organisation.id.in_(scope.tenant_ids))))
    funded = set(session.scalars(select(Project.programme_id).where(Project.sme_organisation_id.in_(scope.tenant_ids))))
    has_members = exists().where(ProgrammeMember.programme_id == SponsorProgramme.id)
    statement = select(SponsorProgramme).where(has_members).order_by(SponsorProgramme.id)
    return [
        programme
        for programme in session.scalars(statement)
        if programme.id in funded or regions & set(programme.focus_regions or ())
    ]


def consortia_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    programmes = _consortia(session, scope)
    if not programmes:
        return None
    rows = {programme.id: programme_members(session, programme.id) for programme in programmes}
    names = organisation_names(session, [row for members in rows.values() for row in members])

    def name(organisation_id: int) -> str:
        return names[organisation_id].name_in(scope.locale)

    consortia: list[dict[str, Any]] = []
    for programme in programmes:
        members, total = rows[programme.id], consortium_total(rows[programme.id])
        consortia.append({
            "programme_id": programme.id, "programme": programme.name, "lead": name(programme.organisation_id),
            "members": [name(row.organisation_id) for row in members], "pledged_krw": total.pledged_krw,
        })  # fmt: skip
    firms = {row.organisation_id for members in rows.values() for row in members}
    figures: dict[str, Any] = {"consortia": consortia, "member_organisations": len(firms)}
    cards = [
        Card(_("Consortia"), len(programmes)),
        Card(_("Member organisations"), len(firms)),
        Card(_("Pledged by the consortia"), sum(c["pledged_krw"] for c in consortia), "money"),
    ]
    headers = [_("Programme"), _("Lead"), _("Members"), _("Pledged (consortium)")]
    tables = [
        Table(
            "complex-consortia",
            _("Consortium programmes funding tenants or focused on the complex's region"),
            headers,
            [
                [Card(headers[0], c["programme"], "text"), Card(headers[1], c["lead"], "text"),
                 Card(headers[2], ", ".join(c["members"]), "text"), Card(headers[3], c["pledged_krw"], "money")]
                for c in consortia
            ],
        )
    ]  # fmt: skip
    if scope.full:  # each member's own money: officers and admins only
        each: list[dict[str, Any]] = [
            {"programme_id": programme.id, "organisation": name(row.organisation_id), "lead": row.is_lead,
             "pledged_krw": row.pledged_krw, "committed_krw": row.committed_krw, "paid_krw": row.paid_krw}
            for programme in programmes
            for row in rows[programme.id]
        ]  # fmt: skip
        figures["members"] = each
        member_headers = [_("Member"), _("Programme"), _("Pledged"), _("Committed"), _("Paid in")]
        titles = {programme.id: programme.name for programme in programmes}
        tables.append(
            Table(
                "complex-consortium-members",
                _("Each member's own part (officers and admins only)"),
                member_headers,
                [
                    [Card(member_headers[0], m["organisation"], "text"),
                     Card(member_headers[1], titles[m["programme_id"]], "text"),
                     *(Card(member_headers[2 + i], m[key], "money")
                       for i, key in enumerate(("pledged_krw", "committed_krw", "paid_krw")))]
                    for m in each
                ],
            )
        )  # fmt: skip
    notes = (
        [] if scope.full else [_("Each member's pledge and what it committed and paid in are shown to officers only.")]
    )
    return ComplexSection("consortia", _("Consortium members"), figures, cards=cards, tables=tables, notes=notes)
