"""Who is told of a consulting voucher's events: the side that must act next, and the sponsor once it counts.

| event | told (never the user who acted) |
|---|---|
| granted | the provider (who consults and reports) and the SME |
| reported (delivered) | the SME, who confirms |
| confirmed | the sponsor and the provider: it counts in the sponsor's contribution |
| declined, cancelled | the other sides |
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from funds.models import ConsultingVoucher, VoucherParty
from marketplace.auth.models import Role, User
from marketplace.context import ServiceContext
from marketplace.notifications.kinds import Kind
from marketplace.notifications.services import notify
from marketplace.templating import format_krw, ref_label

S = VoucherParty
TOLD_OF = {
    "grant": (S.PROVIDER, S.SME),
    "report": (S.SME,),
    "confirm": (S.SPONSOR, S.PROVIDER),
    "decline": (S.SPONSOR, S.PROVIDER),
    "cancel": (S.PROVIDER, S.SME),
}
KIND_OF = {"grant": "voucher_granted", "report": "voucher_delivered", "confirm": "voucher_confirmed"}


def _values(data: Mapping[str, Any]) -> dict[str, str]:
    """The scope's label and the value in won, in the reader's language (the data keeps the code and the number)."""
    return {"scope": ref_label("consulting_scopes", data.get("scope")), "value": format_krw(data.get("value_krw"))}


VOUCHER_KINDS = (
    Kind(
        "voucher_granted",
        _l("A consulting voucher was granted"),
        (Role.SME, Role.SUPPLIER, Role.MENTOR),
        email=True,
        text=lambda data: _("A %(scope)s consulting voucher worth %(value)s was granted.", **_values(data)),
    ),
    Kind(
        "voucher_delivered",
        _l("Consulting delivered: please confirm"),
        (Role.SME,),
        email=True,
        text=lambda data: _("The %(scope)s consulting is reported done: please confirm it.", **_values(data)),
    ),
    Kind(
        "voucher_confirmed",
        _l("Consulting confirmed"),
        (Role.SPONSOR, Role.SUPPLIER, Role.MENTOR),
        email=False,
        text=lambda data: _("The SME confirmed the %(scope)s consulting worth %(value)s.", **_values(data)),
    ),
    Kind(
        "voucher_ended",
        _l("A consulting voucher was declined or cancelled"),
        (Role.SME, Role.SPONSOR, Role.SUPPLIER, Role.MENTOR),
        email=False,
        text=lambda data: _("The %(scope)s consulting voucher was declined or cancelled.", **_values(data)),
    ),
)


def side_users(session: Session, voucher: ConsultingVoucher, sides: Iterable[VoucherParty]) -> list[User]:
    """The users acting for these sides of the voucher."""
    users: list[User] = []
    for side in set(sides):
        if side == S.PROVIDER and voucher.offer.provider_mentor is not None:
            users.append(voucher.offer.provider_mentor.user)
            continue
        organisation_id = {
            S.SPONSOR: voucher.sponsor_organisation_id,
            S.SME: voucher.sme_organisation_id,
            S.PROVIDER: voucher.offer.provider_organisation_id,
        }[side]
        users.extend(session.scalars(select(User).where(User.organisation_id == organisation_id).order_by(User.id)))
    return users


def notify_voucher(session: Session, voucher: ConsultingVoucher, ctx: ServiceContext, action: str) -> int:
    """Tell the sides the action concerns (`grant` or a move of the voucher)."""
    return notify(
        session,
        side_users(session, voucher, TOLD_OF[action]),
        KIND_OF.get(action, "voucher_ended"),
        f"/vouchers/{voucher.id}",
        site_url=ctx.site_url,
        actor=ctx.actor,
        scope=voucher.scope,
        value_krw=voucher.value_krw,
    )
