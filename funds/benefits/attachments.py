"""Files on a consulting voucher: the provider's delivery report (a PDF, photos of the line). Seen with the
voucher by its sides; added and removed by the provider."""

from __future__ import annotations

from typing import Any

from funds.models import ConsultingVoucher
from marketplace.attachments.kinds import OwnerKind, page_at
from marketplace.auth.models import User
from marketplace.policy import can


def may_attach_to_voucher(user: User | None, voucher: Any) -> bool:
    return can(user, "report", voucher)


VOUCHER_FILES = OwnerKind(
    name="voucher",
    model=ConsultingVoucher,
    collection="vouchers",
    label="consulting voucher's delivery report",
    may_attach=may_attach_to_voucher,
    page=page_at("benefits.voucher", "voucher_id"),
)
