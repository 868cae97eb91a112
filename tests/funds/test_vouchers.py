"""Consulting vouchers: offers, eligibility, the state machine and what a sponsor's consulting adds up to."""

from __future__ import annotations

from datetime import date

import pytest

from funds.benefits import reads, vouchers
from funds.models import ConsultingVoucher, VoucherStatus
from marketplace.auth.models import Role
from marketplace.errors import Forbidden, NotFound, ValidationFailed
from marketplace.programmes.models import ProgrammeStatus
from marketplace.transitions import InvalidTransition
from tests.factories import context_of, make_mentor, make_user
from tests.funds.benefits import grant, grant_command, offer_command, voucher_world

S = VoucherStatus
# (action, from, acting side, allowed): every action from every state, by each side.
MOVES = [
    ("report", S.GRANTED, "supplier", S.DELIVERED),
    ("report", S.GRANTED, "sme", Forbidden),
    ("report", S.GRANTED, "sponsor", Forbidden),
    ("report", S.DELIVERED, "supplier", InvalidTransition),
    ("report", S.CONFIRMED, "supplier", InvalidTransition),
    ("confirm", S.DELIVERED, "sme", S.CONFIRMED),
    ("confirm", S.DELIVERED, "supplier", Forbidden),
    ("confirm", S.DELIVERED, "sponsor", Forbidden),
    ("confirm", S.GRANTED, "sme", InvalidTransition),
    ("confirm", S.CONFIRMED, "sme", InvalidTransition),
    ("decline", S.GRANTED, "sme", S.DECLINED),
    ("decline", S.DELIVERED, "sme", InvalidTransition),
    ("decline", S.GRANTED, "sponsor", Forbidden),
    ("cancel", S.GRANTED, "sponsor", S.CANCELLED),
    ("cancel", S.GRANTED, "sme", Forbidden),
    ("cancel", S.DELIVERED, "sponsor", InvalidTransition),
    ("cancel", S.CANCELLED, "sponsor", InvalidTransition),
    ("cancel", S.GRANTED, "outsider", Forbidden),
]


@pytest.mark.parametrize(("action", "source", "side", "outcome"), MOVES)
def test_voucher_state_machine(app, db_session, action, source, side, outcome):
    world = voucher_world(app, db_session)
    voucher = grant(db_session, world)
    voucher.status = source
    actor = getattr(world, side)
    text = "에너지 진단 40시간, 공기압축기 누설 개선 보고서" if action == "report" else None
    if isinstance(outcome, type):
        with pytest.raises(outcome):
            vouchers.transition_voucher(db_session, context_of(actor), voucher, action, text)
        assert voucher.status == source
    else:
        vouchers.transition_voucher(db_session, context_of(actor), voucher, action, text)
        assert voucher.status == outcome


def test_unknown_action_is_refused_by_name(app, db_session):
    world = voucher_world(app, db_session)
    voucher = grant(db_session, world)
    with pytest.raises(ValidationFailed):
        vouchers.transition_voucher(db_session, context_of(world.sme), voucher, "pay")


def test_a_report_needs_its_text(app, db_session):
    world = voucher_world(app, db_session)
    voucher = grant(db_session, world)
    with pytest.raises(ValidationFailed) as refused:
        vouchers.transition_voucher(db_session, context_of(world.supplier), voucher, "report", "  ")
    assert "report" in refused.value.fields
    assert voucher.status == S.GRANTED


def test_a_verified_mentor_provides_and_reports(app, db_session):
    mentor = make_mentor(app, db_session)
    world = voucher_world(app, db_session, provider_organisation_id=None, provider_mentor_id=mentor.id)
    voucher = grant(db_session, world)
    vouchers.transition_voucher(db_session, context_of(mentor.user), voucher, "report", "경영 진단 완료")
    assert voucher.status == S.DELIVERED


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"provider_organisation_id": None}, "provider_organisation_id"),  # no provider
        ({"value_krw": 0}, "value_krw"),
        ({"value_krw": "15000000"}, "value_krw"),
        ({"hours": 0}, "hours"),
        ({"places": True}, "places"),
        ({"scope": "astrology"}, "scope"),
        ({"complexes": ["atlantis"]}, "complexes"),
    ],
)
def test_offer_fields_are_checked(app, db_session, fields, field):
    world = voucher_world(app, db_session)
    command = offer_command(**({"provider_organisation_id": world.supplier.organisation_id} | fields))
    with pytest.raises(ValidationFailed) as refused:
        vouchers.add_offer(db_session, context_of(world.sponsor), world.programme, command)
    assert field in refused.value.fields


def test_an_unverified_mentor_or_an_sme_cannot_provide(app, db_session):
    world = voucher_world(app, db_session)
    mentor = make_mentor(app, db_session, verified=False)
    for fields, field in (
        ({"provider_organisation_id": None, "provider_mentor_id": mentor.id}, "provider_mentor_id"),
        ({"provider_organisation_id": world.sme.organisation_id}, "provider_organisation_id"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            vouchers.add_offer(db_session, context_of(world.sponsor), world.programme, offer_command(**fields))
        assert field in refused.value.fields


def test_only_the_programmes_sponsor_offers_and_grants(app, db_session):
    world = voucher_world(app, db_session)
    other = make_user(app, db_session, Role.SPONSOR)
    command = offer_command(provider_organisation_id=world.supplier.organisation_id)
    with pytest.raises(Forbidden):
        vouchers.add_offer(db_session, context_of(other), world.programme, command)
    grant_it = grant_command(offer_id=world.offer.id, sme_organisation_id=world.sme.organisation_id)
    with pytest.raises(Forbidden):
        vouchers.grant_voucher(db_session, context_of(other), grant_it)
    with pytest.raises(NotFound):
        vouchers.grant_voucher(
            db_session, context_of(world.sponsor), grant_command(offer_id=99_999, sme_organisation_id=1)
        )


@pytest.mark.parametrize(
    ("programme_fields", "offer_fields", "sme_fields", "eligible"),
    [
        ({}, {}, {}, True),
        ({"focus_regions": ["gyeonggi"]}, {}, {"region": "gyeonggi"}, True),
        ({"focus_regions": ["gyeongnam"]}, {}, {"region": "gyeonggi"}, False),
        ({"focus_industries": ["25"]}, {}, {"ksic_division": "25"}, True),
        ({"focus_industries": ["29"]}, {}, {"ksic_division": "25"}, False),
        ({}, {"complexes": ["banwol", "sihwa"]}, {"industrial_complex": "banwol"}, True),
        ({}, {"complexes": ["banwol"]}, {"industrial_complex": "changwon"}, False),
        ({}, {"complexes": ["banwol"]}, {"industrial_complex": None}, False),
        ({"status": ProgrammeStatus.CLOSED}, {}, {}, False),
    ],
)
def test_eligibility_follows_the_programmes_focus(
    app, db_session, programme_fields, offer_fields, sme_fields, eligible
):
    world = voucher_world(app, db_session, **offer_fields)
    for name, value in programme_fields.items():
        setattr(world.programme, name, value)
    for name, value in sme_fields.items():
        setattr(world.sme.organisation, name, value)
    db_session.flush()
    verdict = vouchers.eligibility(db_session, world.offer, world.sme.organisation)
    assert verdict.eligible is eligible
    assert bool(verdict.refusals) is not eligible
    if not eligible:
        with pytest.raises(vouchers.NotEligible):
            grant(db_session, world)


def test_one_voucher_per_sme_and_programme_even_after_declining(app, db_session):
    world = voucher_world(app, db_session)
    voucher = grant(db_session, world)
    vouchers.transition_voucher(db_session, context_of(world.sme), voucher, "decline")
    with pytest.raises(vouchers.NotEligible):
        grant(db_session, world)
    assert db_session.query(ConsultingVoucher).count() == 1


def test_places_run_out(app, db_session):
    world = voucher_world(app, db_session, places=1)
    grant(db_session, world)
    assert vouchers.places_left(db_session, world.offer) == 0
    with pytest.raises(vouchers.NotEligible):
        grant(db_session, world, sme=world.outsider)


def test_a_voucher_copies_its_offers_terms(app, db_session):
    world = voucher_world(app, db_session)
    voucher = grant(db_session, world)
    world.offer.value_krw = 1
    assert (voucher.value_krw, voucher.hours, voucher.scope) == (15_000_000, 40, "energy_efficiency")
    assert voucher.sponsor_organisation_id == world.sponsor.organisation_id


def test_consulting_delivered_counts_confirmed_vouchers_of_the_year(app, db_session):
    world = voucher_world(app, db_session)
    confirmed = grant(db_session, world)
    vouchers.transition_voucher(db_session, context_of(world.supplier), confirmed, "report", "에너지 진단 완료")
    vouchers.transition_voucher(db_session, context_of(world.sme, date(2026, 11, 3)), confirmed, "confirm")
    grant(db_session, world, sme=world.outsider)  # granted only: not counted
    sponsor_id = world.sponsor.organisation_id
    delivered = reads.consulting_delivered(db_session, sponsor_id, 2026)
    assert delivered == reads.ConsultingDelivered(count=1, value_krw=15_000_000, hours=40, smes=1)
    assert reads.consulting_delivered(db_session, sponsor_id, 2025).count == 0
    complex_code = world.sme.organisation.industrial_complex
    assert reads.consulting_delivered_in_complex(db_session, complex_code, 2026).value_krw >= 15_000_000
    assert reads.consulting_delivered_in_complex(db_session, "osong", 2026, sponsor_id).count == 0


def test_confirmed_vouchers_are_the_rows_behind_the_figure(app, db_session):
    world = voucher_world(app, db_session)
    confirmed = grant(db_session, world)
    vouchers.transition_voucher(db_session, context_of(world.supplier), confirmed, "report", "에너지 진단 완료")
    vouchers.transition_voucher(db_session, context_of(world.sme, date(2026, 11, 3)), confirmed, "confirm")
    grant(db_session, world, sme=world.outsider)  # granted only
    sponsor_id = world.sponsor.organisation_id
    rows = reads.confirmed_vouchers(db_session, sponsor_organisation_id=sponsor_id, year=2026)
    assert rows == [confirmed]
    assert reads.delivered(rows) == reads.consulting_delivered(db_session, sponsor_id, 2026)
    assert reads.confirmed_vouchers(db_session, sponsor_organisation_id=sponsor_id, year=2025) == []
    assert reads.confirmed_vouchers(db_session, sme_organisation_ids=[world.outsider.organisation_id]) == []
    assert reads.confirmed_vouchers(db_session, sme_organisation_ids=[world.sme.organisation_id]) == [confirmed]


def test_vouchers_for_a_need_fit_its_category_and_say_why_not(app, db_session):
    world = voucher_world(app, db_session)  # energy efficiency fits FEMS, not MES
    world.need.category = "fems"
    fits = reads.vouchers_for_need(db_session, world.need)
    assert [fit.offer.id for fit in fits if fit.eligible] == [world.offer.id]
    grant(db_session, world)
    (fit,) = [fit for fit in reads.vouchers_for_need(db_session, world.need) if fit.offer.id == world.offer.id]
    assert not fit.eligible
    assert fit.refusals
    world.need.category = "mes"
    assert world.offer.id not in [fit.offer.id for fit in reads.vouchers_for_need(db_session, world.need)]


def test_the_sides_that_must_act_are_told(app, db_session):
    from marketplace.notifications.models import Notification

    world = voucher_world(app, db_session)
    voucher = grant(db_session, world)

    def told(kind: str) -> set[int]:
        rows = db_session.query(Notification).filter_by(kind=kind, link=f"/vouchers/{voucher.id}")
        return {row.user_id for row in rows}

    assert told("voucher_granted") == {world.supplier.id, world.sme.id}
    vouchers.transition_voucher(db_session, context_of(world.supplier), voucher, "report", "완료")
    assert told("voucher_delivered") == {world.sme.id}
    vouchers.transition_voucher(db_session, context_of(world.sme), voucher, "confirm")
    assert told("voucher_confirmed") == {world.sponsor.id, world.supplier.id}


def test_the_grant_forms_choices_are_exactly_the_eligible_smes(app, db_session):
    from marketplace.organisations.models import Organisation, OrganisationKind
    from tests.factories import make_organisation

    world = voucher_world(app, db_session, complexes=["banwol", "sihwa"])
    world.programme.focus_regions = ["gyeonggi"]
    make_organisation(db_session, industrial_complex="changwon", region="gyeongnam")
    make_organisation(db_session, industrial_complex="banwol", region="gyeonggi")
    grant(db_session, world)
    smes = db_session.query(Organisation).filter_by(kind=OrganisationKind.SME).all()
    expected = {sme.id for sme in smes if vouchers.eligibility(db_session, world.offer, sme).eligible}
    assert {sme.id for sme in vouchers.eligible_smes(db_session, world.offer)} == expected
    assert world.sme.organisation_id not in expected
