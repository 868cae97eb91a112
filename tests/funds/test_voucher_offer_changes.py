"""The sponsor closes a voucher offer (no new grants; the vouchers granted go on) and changes its places (never
fewer than the vouchers granted): services, API and page."""

from __future__ import annotations

import pytest

from funds.benefits import vouchers
from funds.benefits.schemas import VoucherOfferChange
from funds.models import VoucherStatus
from marketplace.auth.models import Role
from marketplace.errors import Conflict, Forbidden, ValidationFailed
from tests.conftest import assert_error_shape, log_in, post_form
from tests.factories import PASSWORD, context_of, make_user
from tests.funds.benefits import grant, voucher_world
from tests.funds.conftest import side

EN = {"Accept-Language": "en"}


def places(n) -> VoucherOfferChange:
    return VoucherOfferChange.model_construct(_fields_set={"places"}, places=n)


def test_a_closed_offer_grants_no_more_and_its_vouchers_go_on(app, db_session):
    world = voucher_world(app, db_session)
    voucher = grant(db_session, world)
    vouchers.close_offer(db_session, context_of(world.sponsor), world.offer)
    assert world.offer.closed
    with pytest.raises(vouchers.NotEligible) as refused:
        grant(db_session, world, sme=world.outsider)
    assert "closed" in str(refused.value.message)
    assert vouchers.eligible_smes(db_session, world.offer) == []
    vouchers.transition_voucher(db_session, context_of(world.supplier), voucher, "report", "누설 진단 완료")
    vouchers.transition_voucher(db_session, context_of(world.sme), voucher, "confirm")
    assert voucher.status == VoucherStatus.CONFIRMED
    with pytest.raises(Conflict):
        vouchers.close_offer(db_session, context_of(world.sponsor), world.offer)
    with pytest.raises(Conflict):
        vouchers.change_offer(db_session, context_of(world.sponsor), world.offer, places(20))


def test_places_grow_and_shrink_but_not_below_those_granted(app, db_session):
    world = voucher_world(app, db_session, places=3)
    grant(db_session, world)
    grant(db_session, world, sme=world.outsider)
    vouchers.change_offer(db_session, context_of(world.sponsor), world.offer, places(5))
    assert (world.offer.places, vouchers.places_left(db_session, world.offer)) == (5, 3)
    vouchers.change_offer(db_session, context_of(world.sponsor), world.offer, places(2))
    assert vouchers.places_left(db_session, world.offer) == 0
    with pytest.raises(ValidationFailed) as refused:
        vouchers.change_offer(db_session, context_of(world.sponsor), world.offer, places(1))
    assert "2" in refused.value.fields["places"][0]
    assert world.offer.places == 2


@pytest.mark.parametrize("value", [0, -1, None, "3", True, 100_000])
def test_bad_places_name_the_field(app, db_session, value):
    world = voucher_world(app, db_session)
    with pytest.raises(ValidationFailed) as refused:
        vouchers.change_offer(db_session, context_of(world.sponsor), world.offer, places(value))
    assert "places" in refused.value.fields


def test_only_the_sponsor_closes_or_changes(app, db_session):
    world = voucher_world(app, db_session)
    for who in (world.sme, world.supplier, world.outsider):
        with pytest.raises(Forbidden):
            vouchers.close_offer(db_session, context_of(who), world.offer)
        with pytest.raises(Forbidden):
            vouchers.change_offer(db_session, context_of(who), world.offer, places(4))
    assert not world.offer.closed


def test_the_api_closes_and_changes_an_offer(app, db_session, client):
    world = voucher_world(app, db_session, places=2)
    grant(db_session, world)
    grant(db_session, world, sme=world.outsider)
    db_session.commit()
    sponsor, sme = side(app, db_session, world.sponsor), side(app, db_session, world.sme)
    url = f"/api/v1/programmes/{world.programme.id}/voucher-offers/{world.offer.id}"
    changed = client.patch(url, json={"places": 4}, headers=sponsor.headers)
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["places"], changed.get_json()["places_left"]) == (4, 2)
    for body in ({"places": 0}, {"places": "four"}, {}, {"places": 4, "value_krw": 1}):
        error = assert_error_shape(client.patch(url, json=body, headers=sponsor.headers), 400, "validation_failed")
        assert set(error["fields"]) & {"places", "value_krw"}
    under = assert_error_shape(client.patch(url, json={"places": 0}, headers=sponsor.headers), 400, "validation_failed")
    assert "places" in under["fields"]
    under = assert_error_shape(client.patch(url, json={"places": 1}, headers=sponsor.headers), 400, "validation_failed")
    assert under["fields"]["places"] == ["2 vouchers are granted: the offer cannot have fewer places than that."]
    assert_error_shape(client.patch(url, json={"places": 9}, headers=sme.headers), 403, "forbidden")
    assert_error_shape(client.post(f"{url}/close", headers=sme.headers), 403, "forbidden")
    wrong = f"/api/v1/programmes/999999/voucher-offers/{world.offer.id}"
    assert_error_shape(client.post(f"{wrong}/close", headers=sponsor.headers), 404, "not_found")
    missing = f"/api/v1/programmes/{world.programme.id}/voucher-offers/999999/close"
    assert_error_shape(client.post(missing, headers=sponsor.headers), 404, "not_found")
    closed = client.post(f"{url}/close", headers=sponsor.headers)
    assert closed.status_code == 200, closed.get_json()
    assert closed.get_json()["closed_at"] is not None
    assert_error_shape(client.post(f"{url}/close", headers=sponsor.headers), 409, "conflict")
    newcomer = make_user(app, db_session, Role.SME)
    outsider_grant = {"offer_id": world.offer.id, "sme_organisation_id": newcomer.organisation_id}
    refused = client.post("/api/v1/vouchers", json=outsider_grant, headers=sponsor.headers)
    assert_error_shape(refused, 409, "not_eligible")


def test_the_page_changes_places_and_closes(app, db_session, client):
    world = voucher_world(app, db_session, places=2)
    grant(db_session, world)
    grant(db_session, world, sme=world.outsider)
    db_session.commit()
    log_in(client, world.sponsor.email, PASSWORD)
    page_url = f"/programmes/{world.programme.id}/vouchers"
    assert f'id="close-offer-{world.offer.id}"' in client.get(page_url, headers=EN).get_data(as_text=True)
    field = f"places{world.offer.id}-places"
    refused = post_form(client, f"/voucher-offers/{world.offer.id}/places", {field: "1"}, headers=EN)
    assert refused.status_code == 200
    assert "2 vouchers are granted" in refused.get_data(as_text=True)
    saved = post_form(client, f"/voucher-offers/{world.offer.id}/places", {field: "6"}, headers=EN)
    assert saved.status_code == 302
    db_session.refresh(world.offer)
    assert world.offer.places == 6
    closed = post_form(client, f"/voucher-offers/{world.offer.id}/close", {}, headers=EN)
    assert closed.status_code == 302
    page = client.get(page_url, headers=EN).get_data(as_text=True)
    assert "You closed this offer" in page
    assert f'id="grant-{world.offer.id}"' not in page
