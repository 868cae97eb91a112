"""Making service offers in tests: a voucher world (sponsor, programme, supplier provider, SME) and its offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from funds.benefits import vouchers
from funds.benefits.schemas import VoucherGrantIn, VoucherOfferIn
from funds.models import ConsultingVoucher, VoucherOffer
from marketplace.auth.models import Role, User
from tests.factories import context_of, make_need, make_programme, make_user


@dataclass
class Vouchers:
    sponsor: User
    supplier: User
    sme: User
    outsider: User  # another SME
    programme: Any
    need: Any
    offer: VoucherOffer


def offer_command(**fields: Any) -> VoucherOfferIn:
    values = {
        "scope": "energy_efficiency",
        "value_krw": 15_000_000,
        "hours": 40,
        "places": 10,
        "provider_organisation_id": None,
        "provider_mentor_id": None,
        "complexes": [],
        "note": "",
    } | fields
    return VoucherOfferIn.model_construct(_fields_set=set(values), **values)


def grant_command(**fields: Any) -> VoucherGrantIn:
    values = {"need_id": None} | fields
    return VoucherGrantIn.model_construct(_fields_set=set(values), **values)


def voucher_world(app, db_session, **offer_fields: Any) -> Vouchers:
    sponsor = make_user(app, db_session, Role.SPONSOR)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    sme = make_user(app, db_session, Role.SME)
    programme = make_programme(app, db_session, sponsor)
    fields = {"provider_organisation_id": supplier.organisation_id} | offer_fields
    offer = vouchers.add_offer(db_session, context_of(sponsor), programme, offer_command(**fields))
    return Vouchers(
        sponsor, supplier, sme, make_user(app, db_session, Role.SME), programme, make_need(db_session, sme), offer
    )


def grant(db_session, world: Vouchers, sme: User | None = None) -> ConsultingVoucher:
    sme = sme or world.sme
    command = grant_command(offer_id=world.offer.id, sme_organisation_id=sme.organisation_id)
    return vouchers.grant_voucher(db_session, context_of(world.sponsor), command)
