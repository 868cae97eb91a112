"""What service offers show on pages: labels, the tenant price beside a list price, a need's service offers.

`tenant_price_for` is a template helper (the solution page, browse cards, match lists); `listing_benefits` is
a section of a listing's page (marketplace.page_sections): a solution's discounts, a need's vouchers and
discounted solutions. Only tenants of a complex see its price; others see which complexes have one.
"""

from __future__ import annotations

from typing import Any

from flask import g
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from funds.benefits import discounts, reads
from funds.benefits.forms import DiscountForm
from funds.benefits.policies import DiscountsOf
from marketplace.auth.models import User
from marketplace.db import db
from marketplace.policy import can
from marketplace.solutions.models import Solution
from marketplace.templating import ref_label
from matching.kinds import Kind

VOUCHER_STATUS_LABELS = {
    "granted": _l("Granted"),
    "delivered": _l("Delivered, to confirm"),
    "confirmed": _l("Confirmed by the SME"),
    "declined": _l("Declined"),
    "cancelled": _l("Cancelled"),
}
VOUCHER_ACTION_LABELS = {
    "report": _l("Report delivery"),
    "confirm": _l("Confirm delivery"),
    "decline": _l("Decline the voucher"),
    "cancel": _l("Cancel the voucher"),
}


def voucher_status_label(status: object) -> str:
    return str(VOUCHER_STATUS_LABELS.get(str(status), status))


def voucher_action_label(action: str) -> str:
    return str(VOUCHER_ACTION_LABELS.get(action, action))


def _viewer_complex() -> str | None:
    """The complex the signed-in SME is a tenant of (read once per request)."""
    if "tenant_complex" not in g:
        user = current_user if current_user.is_authenticated else None
        g.tenant_complex = discounts.complex_of(db.session, user)
    return g.tenant_complex


def _discounted_here(complex_code: str) -> frozenset[int]:
    """The solutions with a discount for tenants of the viewer's complex (read once per request)."""
    if "tenant_discounted" not in g:
        g.tenant_discounted = discounts.discounted_solution_ids(db.session, complex_code)
    return g.tenant_discounted


def tenant_price_for(listing: Any) -> discounts.TenantPrice | None:
    """The viewer's tenant price of a solution (a row, or a match of kind solution), if the viewer is a tenant."""
    complex_code = _viewer_complex()
    if complex_code is None:
        return None
    if isinstance(listing, Solution):
        solution: Solution | None = listing
    elif str(getattr(listing, "kind", "")) == Kind.SOLUTION.value:
        if listing.id not in _discounted_here(complex_code):
            return None  # most match cards: no row read for a solution without a discount here
        solution = db.session.get(Solution, listing.id)
    else:
        return None
    if solution is None:
        return None
    return discounts.tenant_prices(db.session, [solution], complex_code).get(solution.id)


def tenant_complexes(found: list[Any]) -> str:
    """The complexes whose tenants get a discount, named in the viewer's language."""
    return ", ".join(ref_label("industrial_complexes", discount.complex_code) for discount in found)


def listing_benefits(viewer: User | None, kind: Kind, listing: Any) -> dict[str, Any]:
    """A solution's discounts (all to its seller; which complexes to others); a need's service offers (its SME)."""
    if viewer is None:
        return {}
    if kind == Kind.SOLUTION:
        found = discounts.discounts_of(db.session, listing)
        sets = can(viewer, "set", DiscountsOf(listing))
        return {
            "tenant_discounts": found,
            "can_set_discounts": sets,
            "discount_form": DiscountForm() if sets else None,
        }
    if kind == Kind.NEED and (viewer.organisation_id == listing.organisation_id or can(viewer, "view_any", "reports")):
        return {
            "voucher_fits": reads.vouchers_for_need(db.session, listing),
            "discounted_solutions": reads.discounts_for_need(db.session, listing),
        }
    return {}


TEMPLATE_HELPERS = {
    "tenant_price_for": tenant_price_for,
    "voucher_status_label": voucher_status_label,
    "voucher_action_label": voucher_action_label,
    "tenant_complexes": tenant_complexes,
}
