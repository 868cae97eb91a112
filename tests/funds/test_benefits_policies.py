"""Service offer policies, one table each (vouchers, a programme's offers, tenant discounts), and the SQL twin
of the voucher list checked against `can(user, 'view', row)`."""

from __future__ import annotations

import pytest

from funds.benefits.policies import DiscountsOf, OffersOf
from funds.models import ConsultingVoucher, VoucherOffer, VoucherStatus
from marketplace.auth.models import Role
from marketplace.organisations.models import OrganisationKind
from marketplace.policy import can
from marketplace.solutions.models import Solution
from tests.factories import make_mentor, make_organisation, make_programme
from tests.policy_grid import assert_twin_agrees, grid, quick_user

# Column order (tests/policy_grid.py): anonymous | sme own, other | sponsor own, other | supplier own, other
#                                     | mentor | officer | admin
# "own": the user's firm is the voucher's side of its role (the SME, the sponsor, the supplier providing it).
VOUCHERS = grid("""
view                            | 0  1 0  1 0  1 0  0 1 1
report                          | 0  0 0  0 0  1 0  0 0 0
confirm                         | 0  1 0  0 0  0 0  0 0 0
browse                          | 0  1 1  1 1  1 1  1 1 1
""")
# "own": the programme is the user's firm's.
OFFERS = grid("""
view                            | 0  1 1  1 1  1 1  1 1 1
add                             | 0  0 0  1 0  0 0  0 0 0
grant                           | 0  0 0  1 0  0 0  0 0 0
manage                          | 0  0 0  1 0  0 0  0 0 0
""")
# "own": the solution is sold by the user's firm.
DISCOUNTS = grid("""
set                             | 0  0 0  1 0  1 0  0 0 0
view                            | 1  1 1  1 1  1 1  1 1 1
""")


def _world(db_session, actor, ownership):
    """A programme, its offer (a supplier provides) and a voucher to an SME; for `own` the actor's firm takes
    its role's side."""
    mine = ownership == "own" and actor is not None
    sme = actor.organisation if mine and actor.role == Role.SME else make_organisation(db_session)
    sponsor = quick_user(db_session, Role.SPONSOR)
    if mine and actor.role == Role.SPONSOR:
        sponsor = actor
    supplier = (
        actor.organisation
        if mine and actor.role == Role.SUPPLIER
        else make_organisation(db_session, OrganisationKind.SUPPLIER)
    )
    programme = make_programme(None, db_session, sponsor)
    offer = VoucherOffer(
        programme_id=programme.id,
        scope="management",
        value_krw=10_000_000,
        hours=20,
        places=3,
        provider_organisation_id=supplier.id,
        complexes=[],
        note="",
        created_by_id=sponsor.id,
    )
    db_session.add(offer)
    db_session.flush()
    voucher = ConsultingVoucher(
        offer_id=offer.id,
        programme_id=programme.id,
        sponsor_organisation_id=sponsor.organisation_id,
        sme_organisation_id=sme.id,
        scope="management",
        value_krw=10_000_000,
        hours=20,
        status=VoucherStatus.GRANTED,
        granted_by_id=sponsor.id,
    )
    db_session.add(voucher)
    db_session.flush()
    return programme, offer, voucher


@pytest.mark.parametrize(("action", "role", "ownership", "allowed"), VOUCHERS)
def test_voucher_policy(db_session, action, role, ownership, allowed):
    actor = quick_user(db_session, role) if role else None
    _programme, _offer, voucher = _world(db_session, actor, ownership)
    subject = ConsultingVoucher if action == "browse" else voucher
    assert can(actor, action, subject) is allowed
    if action == "view" and actor is not None:
        assert_twin_agrees(db_session, actor, ConsultingVoucher)


@pytest.mark.parametrize(("action", "role", "ownership", "allowed"), OFFERS)
def test_offer_policy(db_session, action, role, ownership, allowed):
    actor = quick_user(db_session, role) if role else None
    programme, offer, _voucher = _world(db_session, actor, ownership)
    subject = offer if action in ("grant", "manage") else OffersOf(programme)
    assert can(actor, action, subject) is allowed


@pytest.mark.parametrize(("action", "role", "ownership", "allowed"), DISCOUNTS)
def test_discount_policy(db_session, action, role, ownership, allowed):
    actor = quick_user(db_session, role) if role else None
    owner = (
        actor.organisation_id
        if ownership == "own" and actor is not None
        else make_organisation(db_session, OrganisationKind.SUPPLIER).id
    )
    solution = Solution(organisation_id=owner, title="x", categories=["mes"], price_min_krw=1, price_max_krw=2)
    assert can(actor, action, DiscountsOf(solution)) is allowed


def test_a_mentor_provider_sees_and_reports_its_voucher(app, db_session):
    mentor = make_mentor(app, db_session)
    programme, offer, voucher = _world(db_session, None, "other")
    offer.provider_organisation_id, offer.provider_mentor_id = None, mentor.id
    db_session.flush()
    db_session.refresh(offer)
    assert can(mentor.user, "view", voucher)
    assert can(mentor.user, "report", voucher)
    assert_twin_agrees(db_session, mentor.user, ConsultingVoucher)
    other = make_mentor(app, db_session)
    assert not can(other.user, "view", voucher)
    assert_twin_agrees(db_session, other.user, ConsultingVoucher)
