"""The consortium's page (/programmes/<id>/members): every member's figures and the consortium's; the lead's
forms to add a member and change a pledge. The same figures show on the programme's page (`programme_section`)."""

from __future__ import annotations

from typing import Any

from flask import render_template, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.wrappers import Response

from funds.consortia import bp
from funds.consortia import services as consortia
from funds.consortia.commands import MemberIn, PledgeIn
from funds.consortia.figures import consortium_total, organisation_names, programme_members
from funds.consortia.forms import MemberForm, PledgeForm
from funds.consortia.policies import Consortium
from marketplace.auth.models import User
from marketplace.context import from_request
from marketplace.db import db
from marketplace.forms import save_form
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.permissions import actor, requires
from marketplace.policy import can, ensure
from marketplace.templating import org_name
from matching.kinds import Kind


def _sponsor_choices(consortium: Consortium) -> list[tuple[int, str]]:
    taken = consortium.member_organisation_ids | {consortium.lead_organisation_id}
    firms = db.session.scalars(
        select(Organisation).where(Organisation.kind == OrganisationKind.SPONSOR).order_by(Organisation.name)
    )
    return [(0, "—")] + [(firm.id, org_name(firm)) for firm in firms if firm.id not in taken]


def figures(consortium: Consortium, viewer: User | None) -> dict[str, Any]:
    """The template values of a consortium's figures: each member's, the total and the viewer's own row."""
    rows = programme_members(db.session, consortium.programme.id)
    own = next((row for row in rows if viewer is not None and row.organisation_id == viewer.organisation_id), None)
    return {
        "consortium": consortium,
        "member_rows": rows,
        "total": consortium_total(rows),
        "own": own,
        "names": organisation_names(db.session, rows),
    }


def _page(
    consortium: Consortium,
    form: MemberForm | None = None,
    pledge: PledgeForm | None = None,
    member_id: int | None = None,
) -> str:
    """The consortium's page; a refused form comes back with its messages (a pledge's beside its member)."""
    manages = can(actor(), "manage", consortium)
    if manages and form is None:
        form = MemberForm()
    if form is not None:
        form.organisation_id.choices = _sponsor_choices(consortium)
    return render_template(
        "consortia/members.html",
        programme=consortium.programme,
        form=form if manages else None,
        manages=manages,
        pledge_errors={member_id: pledge.pledged_krw.errors} if pledge is not None else {},
        **figures(consortium, actor()),
    )


@bp.get("/<int:programme_id>/members")
@requires()
def members(programme_id: int) -> str:
    return _page(consortia.get_consortium(db.session, actor(), programme_id))


@bp.post("/<int:programme_id>/members")
@requires()
def add_member(programme_id: int) -> str | Response:
    consortium = consortia.get_consortium(db.session, actor(), programme_id)
    ensure(actor(), "manage", consortium, consortia.NOT_LEAD)
    form = MemberForm()
    form.organisation_id.choices = _sponsor_choices(consortium)
    saved = save_form(
        form,
        lambda: consortia.add_member(db.session, from_request(actor()), programme_id, form.command(MemberIn)),
        str(_l("The member is added and its pledge is in the pool.")),
        lambda member: url_for("consortia.members", programme_id=programme_id),
    )
    return saved or _page(consortium, form)


@bp.post("/<int:programme_id>/members/<int:member_id>")
@requires()
def change_pledge(programme_id: int, member_id: int) -> str | Response:
    consortium = consortia.get_consortium(db.session, actor(), programme_id)
    ensure(actor(), "manage", consortium, consortia.NOT_LEAD)
    form = PledgeForm()
    saved = save_form(
        form,
        lambda: consortia.change_pledge(
            db.session, from_request(actor()), programme_id, member_id, form.command(PledgeIn)
        ),
        str(_l("The pledge is changed.")),
        lambda member: url_for("consortia.members", programme_id=programme_id),
    )
    return saved or _page(consortium, pledge=form, member_id=member_id)


def programme_section(viewer: User | None, kind: Kind, listing: Any) -> dict[str, Any]:
    """The consortium's figures on its programme's page, for its members, officers and admins."""
    if kind != Kind.PROGRAMME or viewer is None:
        return {}
    consortium = consortia.consortium_of(db.session, listing)
    if not consortium.member_organisation_ids or not can(viewer, "view", consortium):
        return {"consortium_link": can(viewer, "manage", consortium) and consortium}
    return figures(consortium, viewer) | {"consortium_link": consortium}
