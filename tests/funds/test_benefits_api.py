"""/api/v1 service offers: offers, grants and moves of vouchers, tenant discounts, consulting delivered."""

from __future__ import annotations

import pytest

from marketplace.auth.models import Role
from tests.conftest import assert_error_shape
from tests.factories import make_organisation, make_programme, make_solution, make_user
from tests.funds.conftest import Side, side


@pytest.fixture
def sides(app, db_session):
    sponsor = make_user(app, db_session, Role.SPONSOR)
    supplier = make_user(app, db_session, Role.SUPPLIER)
    sme = make_user(app, db_session, Role.SME, organisation=make_organisation(db_session, industrial_complex="banwol"))
    elsewhere = make_organisation(db_session, region="gyeongnam", industrial_complex="changwon")
    return {
        "sponsor": side(app, db_session, sponsor),
        "supplier": side(app, db_session, supplier),
        "sme": side(app, db_session, sme),
        "other_sme": side(app, db_session, make_user(app, db_session, Role.SME, organisation=elsewhere)),
        "officer": side(app, db_session, make_user(app, db_session, Role.OFFICER)),
        "programme": make_programme(app, db_session, sponsor),
    }


def offer(client, sides, **fields) -> dict:
    body = {
        "scope": "energy_efficiency",
        "value_krw": 15_000_000,
        "hours": 40,
        "places": 5,
        "provider_organisation_id": sides["supplier"].user.organisation_id,
        "complexes": ["banwol", "sihwa"],
    } | fields
    return client.post(
        f"/api/v1/programmes/{sides['programme'].id}/voucher-offers", json=body, headers=sides["sponsor"].headers
    )


def grant(client, sides, offer_id, sme: Side | None = None):
    sme = sme or sides["sme"]
    body = {"offer_id": offer_id, "sme_organisation_id": sme.user.organisation_id}
    return client.post("/api/v1/vouchers", json=body, headers=sides["sponsor"].headers)


def move(client, actor: Side, voucher_id, action, **fields):
    body = {"action": action} | fields
    return client.post(f"/api/v1/vouchers/{voucher_id}/transitions", json=body, headers=actor.headers)


def test_a_voucher_from_offer_to_confirmed_and_counted(client, sides):
    made = offer(client, sides)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["places_left"] == 5
    listed = client.get(f"/api/v1/programmes/{sides['programme'].id}/voucher-offers", headers=sides["sme"].headers)
    assert [item["id"] for item in listed.get_json()["items"]] == [made.get_json()["id"]]
    granted = grant(client, sides, made.get_json()["id"])
    assert granted.status_code == 201, granted.get_json()
    voucher = granted.get_json()
    assert (voucher["status"], voucher["value_krw"], voucher["hours"]) == ("granted", 15_000_000, 40)
    reported = move(client, sides["supplier"], voucher["id"], "report", report="공기압축기 누설 진단 및 개선안")
    assert reported.get_json()["status"] == "delivered"
    confirmed = move(client, sides["sme"], voucher["id"], "confirm")
    assert confirmed.get_json()["status"] == "confirmed"
    year = confirmed.get_json()["confirmed_on"][:4]
    sponsor_org = sides["sponsor"].user.organisation_id
    figures = client.get(f"/api/v1/sponsors/{sponsor_org}/consulting?year={year}", headers=sides["sponsor"].headers)
    assert figures.get_json() == {
        "sponsor_organisation_id": sponsor_org,
        "year": int(year),
        "vouchers": 1,
        "value_krw": 15_000_000,
        "hours": 40,
        "smes": 1,
    }
    for who in ("sponsor", "supplier", "sme", "officer"):
        mine = client.get("/api/v1/vouchers", headers=sides[who].headers).get_json()["items"]
        assert [item["id"] for item in mine] == [voucher["id"]], who
    assert client.get("/api/v1/vouchers", headers=sides["other_sme"].headers).get_json()["items"] == []


def test_voucher_errors_are_json(client, sides):
    made = offer(client, sides).get_json()
    voucher = grant(client, sides, made["id"]).get_json()
    assert_error_shape(grant(client, sides, made["id"]), 409, "not_eligible")  # one per SME and programme
    assert_error_shape(grant(client, sides, made["id"], sides["other_sme"]), 409, "not_eligible")  # not a tenant
    assert_error_shape(move(client, sides["sme"], voucher["id"], "confirm"), 409, "invalid_transition")
    assert_error_shape(move(client, sides["sme"], voucher["id"], "report", report="x"), 403, "forbidden")
    error = assert_error_shape(move(client, sides["supplier"], voucher["id"], "report"), 400, "validation_failed")
    assert "report" in error["fields"]
    assert_error_shape(move(client, sides["sme"], voucher["id"], "fly"), 400, "validation_failed")
    assert_error_shape(
        client.get(f"/api/v1/vouchers/{voucher['id']}", headers=sides["other_sme"].headers), 404, "not_found"
    )
    assert_error_shape(move(client, sides["other_sme"], voucher["id"], "confirm"), 404, "not_found")
    sponsor_org = sides["sponsor"].user.organisation_id
    hidden = client.get(f"/api/v1/sponsors/{sponsor_org}/consulting", headers=sides["sme"].headers)
    assert_error_shape(hidden, 404, "not_found")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"value_krw": -1}, "value_krw"),
        ({"value_krw": "many"}, "value_krw"),
        ({"hours": 0}, "hours"),
        ({"places": 10_001}, "places"),
        ({"scope": "x"}, "scope"),
        ({"complexes": ["x"]}, "complexes"),
        ({"provider_organisation_id": None}, "provider_organisation_id"),
        ({"provider_mentor_id": 99_999}, "provider_organisation_id"),  # both given
    ],
)
def test_bad_offers_are_refused_by_field(client, sides, fields, field):
    error = assert_error_shape(offer(client, sides, **fields), 400, "validation_failed")
    assert field in error["fields"]


def test_only_the_programmes_sponsor_offers(client, app, db_session, sides):
    other = side(app, db_session, make_user(app, db_session, Role.SPONSOR))
    body = {"scope": "management", "value_krw": 1, "hours": 1, "places": 1, "provider_organisation_id": 1}
    url = f"/api/v1/programmes/{sides['programme'].id}/voucher-offers"
    assert_error_shape(client.post(url, json=body, headers=other.headers), 403, "forbidden")
    assert_error_shape(client.post(url, json=body, headers=sides["sme"].headers), 403, "forbidden")


def test_tenant_discounts_over_the_api(client, app, db_session, sides):
    solution = make_solution(db_session, sides["supplier"].user, price_min_krw=30_000_000, price_max_krw=45_000_001)
    url = f"/api/v1/solutions/{solution.id}/tenant-discounts"
    made = client.post(url, json={"complex_code": "banwol", "percent": 15}, headers=sides["supplier"].headers)
    assert made.status_code == 201, made.get_json()
    assert made.get_json() | {"id": 0} == {
        "id": 0,
        "solution_id": solution.id,
        "complex_code": "banwol",
        "percent": 15,
        "price_krw": None,
    }
    listed = client.get(url, headers=sides["sme"].headers).get_json()["items"]
    assert [item["percent"] for item in listed] == [15]
    for body, field in (
        ({"complex_code": "banwol"}, "percent"),
        ({"complex_code": "banwol", "percent": 0}, "percent"),
        ({"complex_code": "banwol", "percent": 10, "price_krw": 5}, "percent"),
        ({"complex_code": "banwol", "price_krw": 30_000_001}, "price_krw"),
        ({"complex_code": "mars", "percent": 5}, "complex_code"),
    ):
        error = assert_error_shape(
            client.post(url, json=body, headers=sides["supplier"].headers), 400, "validation_failed"
        )
        assert field in error["fields"], body
    refused = client.post(url, json={"complex_code": "banwol", "percent": 5}, headers=sides["sme"].headers)
    assert_error_shape(refused, 403, "forbidden")
    discount_id = made.get_json()["id"]
    gone = client.delete(f"{url}/{discount_id}", headers=sides["supplier"].headers)
    assert gone.status_code == 204
    assert_error_shape(client.delete(f"{url}/{discount_id}", headers=sides["supplier"].headers), 404, "not_found")


def test_the_provider_attaches_its_report_and_the_sides_read_it(client, app, sides):
    from io import BytesIO

    from tests.attachments import samples
    from tests.attachments.conftest import send_multipart

    made = offer(client, sides).get_json()
    voucher = grant(client, sides, made["id"]).get_json()
    path = f"/api/v1/vouchers/{voucher['id']}/attachments"

    def upload(who: Side):
        fields = {"file": (BytesIO(samples.pdf()), "보고서.pdf"), "role": "document"}
        return send_multipart(app.test_client(), path, fields, headers=who.headers)

    assert upload(sides["supplier"]).status_code == 201
    assert_error_shape(upload(sides["sme"]), 403, "forbidden")
    assert_error_shape(upload(sides["other_sme"]), 404, "not_found")
    listed = client.get(path, headers=sides["sme"].headers).get_json()
    assert [item["filename"] for item in listed["items"]] == ["보고서.pdf"]
