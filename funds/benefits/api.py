"""/api/v1 for service offers: a programme's voucher offers, vouchers and their moves, tenant discounts,
and a sponsor's consulting delivered in a year. The same rules as the pages, as JSON."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask_babel import lazy_gettext as _l

from funds.benefits import discounts, reads, vouchers
from funds.benefits.policies import OffersOf
from funds.benefits.schemas import (
    VOUCHER_ACTIONS,
    ConsultingOut,
    TenantDiscountIn,
    TenantDiscountOut,
    VoucherGrantIn,
    VoucherList,
    VoucherOfferChange,
    VoucherOfferIn,
    VoucherOfferOut,
    VoucherOut,
    VoucherTransitionIn,
)
from funds.models import VoucherOffer
from funds.policies import SponsorReportOf
from marketplace import clock
from marketplace.api import bp, query
from marketplace.api.conventions import dump, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.auth.models import Role
from marketplace.context import from_request
from marketplace.db import db
from marketplace.errors import NotFound
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.permissions import acting_user, actor, requires
from marketplace.policy import ensure, found
from marketplace.programmes.services import get_programme
from marketplace.solutions.services import get_solution


def offer_body(offer: VoucherOffer) -> dict[str, Any]:
    return dump(VoucherOfferOut, offer) | {"places_left": vouchers.places_left(db.session, offer)}


@bp.get("/programmes/<int:programme_id>/voucher-offers")
@operation("A programme's consulting voucher offers", "service offers", errors=(401, 404))
@requires()
def list_voucher_offers(programme_id: int) -> dict[str, Any]:
    programme = get_programme(db.session, acting_user(), programme_id)
    ensure(acting_user(), "view", OffersOf(programme))
    return {"items": [offer_body(offer) for offer in vouchers.offers_of(db.session, programme)]}


@bp.post("/programmes/<int:programme_id>/voucher-offers")
@creates("Offer consulting vouchers in your programme (its sponsor)", "service offers", VoucherOfferIn, VoucherOfferOut)
@requires(Role.SPONSOR)
def create_voucher_offer(programme_id: int) -> tuple[dict[str, Any], int]:
    programme = get_programme(db.session, acting_user(), programme_id)
    offer = vouchers.add_offer(db.session, from_request(actor()), programme, parse_body(VoucherOfferIn))
    db.session.flush()
    return offer_body(offer), 201


@bp.patch("/programmes/<int:programme_id>/voucher-offers/<int:offer_id>")
@operation(
    "Change how many SMEs can get an offer's voucher (its sponsor): not fewer than the vouchers granted",
    "service offers",
    body=VoucherOfferChange,
    response=VoucherOfferOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def change_voucher_offer(programme_id: int, offer_id: int) -> dict[str, Any]:
    offer = _programme_offer(programme_id, offer_id)
    offer = vouchers.change_offer(db.session, from_request(actor()), offer, parse_body(VoucherOfferChange))
    return offer_body(offer)


@bp.post("/programmes/<int:programme_id>/voucher-offers/<int:offer_id>/close")
@operation(
    "Close a voucher offer (its sponsor): no new grants; the vouchers granted go on",
    "service offers",
    response=VoucherOfferOut,
    errors=(401, 403, 404, 409),
)
@requires()
def close_voucher_offer(programme_id: int, offer_id: int) -> dict[str, Any]:
    offer = vouchers.close_offer(db.session, from_request(actor()), _programme_offer(programme_id, offer_id))
    return offer_body(offer)


def _programme_offer(programme_id: int, offer_id: int) -> VoucherOffer:
    """The offer, if it belongs to that programme (else: no such offer)."""
    offer = vouchers.get_offer(db.session, actor(), offer_id)
    if offer.programme_id != programme_id:
        raise NotFound(_l("No such voucher offer."))
    return offer


@bp.get("/vouchers")
@operation("The consulting vouchers you are a side of", "service offers", response=VoucherList, errors=(401,))
@requires()
def list_vouchers() -> dict[str, Any]:
    return {"items": [dump(VoucherOut, voucher) for voucher in vouchers.list_vouchers(db.session, actor())]}


@bp.post("/vouchers")
@creates(
    "Grant a consulting voucher to an eligible SME (the programme's sponsor)",
    "service offers",
    VoucherGrantIn,
    VoucherOut,
)
@requires(Role.SPONSOR)
def create_voucher() -> tuple[dict[str, Any], int]:
    voucher = vouchers.grant_voucher(db.session, from_request(actor()), parse_body(VoucherGrantIn))
    db.session.flush()
    return dump(VoucherOut, voucher), 201


@bp.get("/vouchers/<int:voucher_id>")
@operation("One consulting voucher you are a side of", "service offers", response=VoucherOut, errors=(401, 404))
@requires()
def get_voucher(voucher_id: int) -> dict[str, Any]:
    return dump(VoucherOut, vouchers.get_voucher(db.session, acting_user(), voucher_id))


@bp.post("/vouchers/<int:voucher_id>/transitions")
@operation(
    f"Move a voucher: {VOUCHER_ACTIONS}",
    "service offers",
    body=VoucherTransitionIn,
    response=VoucherOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def transition_voucher(voucher_id: int) -> dict[str, Any]:
    body = parse_body(VoucherTransitionIn)
    voucher = vouchers.get_voucher(db.session, acting_user(), voucher_id, for_update=True)
    text = body.report if body.action == "report" else body.reason
    vouchers.transition_voucher(db.session, from_request(actor()), voucher, body.action, text)
    db.session.flush()
    return dump(VoucherOut, voucher)


@bp.get("/solutions/<int:solution_id>/tenant-discounts")
@operation("A solution's discounts for the tenants of industrial complexes", "service offers", errors=(401, 404))
@requires()
def list_tenant_discounts(solution_id: int) -> dict[str, Any]:
    solution = get_solution(db.session, acting_user(), solution_id)
    return {"items": [dump(TenantDiscountOut, d) for d in discounts.discounts_of(db.session, solution)]}


@bp.post("/solutions/<int:solution_id>/tenant-discounts")
@creates(
    "Set the discount for one complex's tenants (the seller; setting again changes it)",
    "service offers",
    TenantDiscountIn,
    TenantDiscountOut,
)
@requires(Role.SUPPLIER, Role.SPONSOR)
def create_tenant_discount(solution_id: int) -> tuple[dict[str, Any], int]:
    solution = get_solution(db.session, acting_user(), solution_id)
    discount = discounts.set_discount(db.session, from_request(actor()), solution, parse_body(TenantDiscountIn))
    db.session.flush()
    return dump(TenantDiscountOut, discount), 201


@bp.delete("/solutions/<int:solution_id>/tenant-discounts/<int:discount_id>")
@operation(
    "Remove the discount for one complex's tenants (the seller)", "service offers", status=204, errors=(401, 403, 404)
)
@requires(Role.SUPPLIER, Role.SPONSOR)
def delete_tenant_discount(solution_id: int, discount_id: int) -> Response:
    solution = get_solution(db.session, acting_user(), solution_id)
    discounts.remove_discount(db.session, from_request(actor()), solution, discount_id)
    return Response(status=204)


YEAR = (query.whole("year", "The year the SMEs confirmed the consulting (default: this year)", (2000, 2100)),)


@bp.get("/sponsors/<int:organisation_id>/consulting")
@operation(
    "Consulting vouchers a sponsor's SMEs confirmed in a year (the sponsor, officers, admins)",
    "service offers",
    response=ConsultingOut,
    errors=(400, 401, 404),
    query=YEAR,
)
@requires()
def get_consulting(organisation_id: int) -> dict[str, Any]:
    sponsor = db.session.get(Organisation, organisation_id)
    if sponsor is None or sponsor.kind != OrganisationKind.SPONSOR:
        raise NotFound(_l("No such sponsor."))
    found(acting_user(), SponsorReportOf(organisation_id), _l("No such sponsor."))
    year = int(request.args.get("year") or clock.today().year)
    delivered = reads.consulting_delivered(db.session, organisation_id, year)
    return dump(
        ConsultingOut,
        {"sponsor_organisation_id": organisation_id, "year": year, "vouchers": delivered.count}
        | {"value_krw": delivered.value_krw, "hours": delivered.hours, "smes": delivered.smes},
    )
