"""What service offers add up to: consulting delivered per sponsor and year, per complex, and what fits a need.

`consulting_delivered` is the figure the complex pages and the shared-growth evidence report read: the
vouchers the SMEs confirmed in the year (by the Seoul day of confirmation), at their granted value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from funds.benefits import discounts
from funds.benefits.vouchers import eligibilities
from funds.models import ConsultingVoucher, VoucherOffer, VoucherStatus
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme

# Which needs a consulting scope fits, by the need's solution category (empty: any need).
SCOPE_CATEGORIES: dict[str, frozenset[str]] = {
    "smart_production": frozenset(
        {"mes", "plc_automation", "robots", "iot_sensors", "digital_twin", "predictive_maintenance"}
    ),
    "management": frozenset({"erp", "scm", "logistics_wms", "consulting", "plm_cad"}),
    "energy_efficiency": frozenset({"fems", "iot_sensors"}),
    "quality": frozenset({"vision_quality", "ai_analytics"}),
    "safety": frozenset({"safety"}),
    "data_ai": frozenset({"ai_analytics", "cloud_data", "iot_sensors", "predictive_maintenance"}),
}


@dataclass(frozen=True)
class ConsultingDelivered:
    """Confirmed consulting vouchers: how many, their value, hours and the SMEs that received them."""

    count: int
    value_krw: int
    hours: int
    smes: int


@dataclass(frozen=True)
class VoucherFit:
    """An offer that fits a need, and why (the scope's words and the eligibility), or why not yet."""

    offer: VoucherOffer
    eligible: bool
    refusals: list[Any]


def _confirmed_in(year: int) -> Any:
    return (ConsultingVoucher.status == VoucherStatus.CONFIRMED) & (
        extract("year", ConsultingVoucher.confirmed_on) == year
    )


def _totals(session: Session, *conditions: Any) -> ConsultingDelivered:
    statement = (
        select(
            func.count(ConsultingVoucher.id),
            func.coalesce(func.sum(ConsultingVoucher.value_krw), 0),
            func.coalesce(func.sum(ConsultingVoucher.hours), 0),
            func.count(ConsultingVoucher.sme_organisation_id.distinct()),
        )
        .select_from(ConsultingVoucher)
        .join(Organisation, Organisation.id == ConsultingVoucher.sme_organisation_id)
        .where(*conditions)
    )
    count, value, hours, smes = session.execute(statement).one()
    return ConsultingDelivered(int(count), int(value), int(hours), int(smes))


def consulting_delivered(session: Session, sponsor_organisation_id: int, year: int) -> ConsultingDelivered:
    """The sponsor's consulting vouchers the SMEs confirmed in `year` (count, value, hours, distinct SMEs)."""
    return _totals(session, _confirmed_in(year), ConsultingVoucher.sponsor_organisation_id == sponsor_organisation_id)


def consulting_delivered_in_complex(
    session: Session, complex_code: str, year: int, sponsor_organisation_id: int | None = None
) -> ConsultingDelivered:
    """As consulting_delivered, for the SMEs that are tenants of one industrial complex (every sponsor's, or one's)."""
    conditions = [_confirmed_in(year), Organisation.industrial_complex == complex_code]
    if sponsor_organisation_id is not None:
        conditions.append(ConsultingVoucher.sponsor_organisation_id == sponsor_organisation_id)
    return _totals(session, *conditions)


def confirmed_vouchers(
    session: Session,
    *,
    sponsor_organisation_id: int | None = None,
    sme_organisation_ids: Sequence[int] | None = None,
    year: int | None = None,
) -> list[ConsultingVoucher]:
    """The confirmed vouchers behind those figures, one by one (a sponsor's, or those of some SMEs; in `year`, or
    ever), oldest confirmation first, with their SME and offer loaded: what the evidence report and the complex
    pages trace a figure to."""
    conditions: list[Any] = [ConsultingVoucher.status == VoucherStatus.CONFIRMED]
    if year is not None:
        conditions.append(extract("year", ConsultingVoucher.confirmed_on) == year)
    if sponsor_organisation_id is not None:
        conditions.append(ConsultingVoucher.sponsor_organisation_id == sponsor_organisation_id)
    if sme_organisation_ids is not None:
        conditions.append(ConsultingVoucher.sme_organisation_id.in_(list(sme_organisation_ids)))
    statement = (
        select(ConsultingVoucher)
        .where(*conditions)
        .options(selectinload(ConsultingVoucher.sme_organisation), selectinload(ConsultingVoucher.offer))
        .order_by(ConsultingVoucher.confirmed_on, ConsultingVoucher.id)
    )
    return list(session.scalars(statement))


def delivered(confirmed: Sequence[ConsultingVoucher]) -> ConsultingDelivered:
    """What confirmed vouchers add up to (as `consulting_delivered` counts them)."""
    return ConsultingDelivered(
        len(confirmed),
        sum(voucher.value_krw for voucher in confirmed),
        sum(voucher.hours for voucher in confirmed),
        len({voucher.sme_organisation_id for voucher in confirmed}),
    )


def scope_fits(scope: str, category: str | None) -> bool:
    wanted = SCOPE_CATEGORIES.get(scope, frozenset())
    return not wanted or category in wanted


def vouchers_for_need(session: Session, need: Need, limit: int = 5) -> list[VoucherFit]:
    """Open programmes' voucher offers whose scope fits the need, eligible ones first, then by value."""
    sme = need.organisation  # loaded once with the need (the page names it too)
    if sme is None:
        return []
    statement = (
        select(VoucherOffer)
        .join(SponsorProgramme, SponsorProgramme.id == VoucherOffer.programme_id)
        .where(SponsorProgramme.status == ProgrammeStatus.OPEN)
        .options(contains_eager(VoucherOffer.programme))
    )
    offers = [offer for offer in session.scalars(statement) if scope_fits(offer.scope, need.category)]
    fits = [
        VoucherFit(offer, verdict.eligible, verdict.refusals)
        for offer, verdict in zip(offers, eligibilities(session, offers, sme), strict=True)
    ]
    fits.sort(key=lambda fit: (not fit.eligible, -fit.offer.value_krw, fit.offer.id))
    return fits[:limit]


def discounts_for_need(session: Session, need: Need, limit: int = 5) -> list[tuple[Any, discounts.TenantPrice]]:
    """Solutions in the need's category with a discount for the tenants of the SME's complex."""
    sme = need.organisation  # loaded once with the need (the page names it too)
    if sme is None or sme.industrial_complex is None:
        return []
    return discounts.discounted_for_complex(session, sme.industrial_complex, [need.category], limit)
