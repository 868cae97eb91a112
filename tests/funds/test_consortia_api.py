"""/api/v1/programmes/<id>/members and the consortium's policy: the lead manages, members and overseers see,
anyone else is told it does not exist."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from funds.consortia.commands import MemberIn
from funds.consortia.services import add_member, consortium_of
from funds.models import ProgrammeMember
from funds.projects.services import transition_project
from funds.reports.services import sponsor_report
from marketplace.auth.models import Role
from marketplace.errors import DomainError
from marketplace.organisations.models import OrganisationKind
from marketplace.policy import can
from marketplace.programmes.models import SponsorProgramme
from tests.conftest import bearer, log_in, post_form
from tests.factories import PASSWORD, context_of, make_api_token, make_organisation, make_user
from tests.funds.making import make_project

WHO = ("lead", "member", "other sponsor", "sme", "supplier", "mentor", "officer", "admin", "nobody")
# who                view  manage   GET  POST
TABLE = {
    "lead": (True, True, 200, 201),
    "member": (True, False, 200, 403),
    "other sponsor": (False, False, 404, 404),
    "sme": (False, False, 404, 404),
    "supplier": (False, False, 404, 404),
    "mentor": (False, False, 404, 404),
    "officer": (True, False, 200, 403),
    "admin": (True, True, 200, 201),
    "nobody": (False, False, 401, 401),
}
ROLES = {
    "other sponsor": Role.SPONSOR,
    "sme": Role.SME,
    "supplier": Role.SUPPLIER,
    "mentor": Role.MENTOR,
    "officer": Role.OFFICER,
    "admin": Role.ADMIN,
}


@pytest.fixture
def formed(app, db_session, world):
    """The world's programme with one member (KT) beside its lead."""
    kt = make_user(app, db_session, Role.SPONSOR)
    add_member(
        db_session,
        context_of(world.sponsor.user),
        world.programme.id,
        MemberIn.model_construct(organisation_id=kt.organisation_id, pledged_krw=2_000_000_000),
    )
    db_session.commit()
    return kt


def user_for(app, db_session, world, formed, who):
    if who == "lead":
        return world.sponsor.user
    if who == "member":
        return formed
    return None if who == "nobody" else make_user(app, db_session, ROLES[who])


@pytest.mark.parametrize("who", WHO)
def test_the_consortium_policy_table(app, db_session, world, formed, who):
    user = user_for(app, db_session, world, formed, who)
    consortium = consortium_of(db_session, db_session.get(SponsorProgramme, world.programme.id))
    view, manage, _, _ = TABLE[who]
    assert (can(user, "view", consortium), can(user, "manage", consortium)) == (view, manage)
    # The programme itself (edit, open, close) is managed by its lead alone, as before, and admins.
    assert can(user, "edit", consortium.programme) == (who in ("lead", "admin"))


@pytest.mark.parametrize("who", WHO)
def test_the_members_api_answers_each_side(app, client, db_session, world, formed, who):
    user = user_for(app, db_session, world, formed, who)
    headers = {"Accept-Language": "en"} | (bearer(make_api_token(app, db_session, user)[1]) if user else {})
    _, _, read, write = TABLE[who]
    url = f"/api/v1/programmes/{world.programme.id}/members"
    assert client.get(url, headers=headers).status_code == read
    newcomer = make_organisation(db_session, OrganisationKind.SPONSOR)
    answer = client.post(url, json={"organisation_id": newcomer.id, "pledged_krw": 1_000_000}, headers=headers)
    assert answer.status_code == write, answer.get_json()
    members = db_session.scalar(select(func.count()).select_from(ProgrammeMember))
    assert members == (3 if write == 201 else 2)


def test_a_member_reads_its_own_and_the_consortiums_figures(client, db_session, world, formed, app):
    headers = bearer(make_api_token(app, db_session, formed)[1])
    body = client.get(f"/api/v1/programmes/{world.programme.id}/members", headers=headers).get_json()
    assert body["lead_organisation_id"] == world.sponsor.user.organisation_id
    assert body["own"]["organisation_id"] == formed.organisation_id
    assert body["own"]["pledged_krw"] == 2_000_000_000
    assert body["own"]["is_lead"] is False
    assert body["total"]["pledged_krw"] == 7_000_000_000
    assert [m["pledged_krw"] for m in body["members"]] == [5_000_000_000, 2_000_000_000]
    assert {"committed_krw", "remaining_krw", "paid_krw", "pending_krw", "refunded_krw"} <= set(body["own"])


def test_the_lead_adds_a_member_and_changes_a_pledge(client, db_session, world, formed):
    url = f"/api/v1/programmes/{world.programme.id}/members"
    newcomer = make_organisation(db_session, OrganisationKind.SPONSOR)
    added = client.post(
        url, json={"organisation_id": newcomer.id, "pledged_krw": 500_000_000}, headers=world.sponsor.headers
    )
    assert added.status_code == 201
    assert added.get_json()["total"]["pledged_krw"] == 7_500_000_000
    member_id = added.get_json()["members"][-1]["member_id"]
    changed = client.patch(f"{url}/{member_id}", json={"pledged_krw": 600_000_000}, headers=world.sponsor.headers)
    assert changed.status_code == 200
    assert changed.get_json()["members"][-1]["pledged_krw"] == 600_000_000
    assert (
        client.get(f"/api/v1/programmes/{world.programme.id}/balance", headers=world.sponsor.headers).get_json()[
            "pledged_krw"
        ]
        == 7_600_000_000
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"organisation_id": "sme", "pledged_krw": 1}, "organisation_id"),
        ({"organisation_id": "twice", "pledged_krw": 1}, "organisation_id"),
        ({"organisation_id": "new", "pledged_krw": 0}, "pledged_krw"),
        ({"organisation_id": "new", "pledged_krw": -3}, "pledged_krw"),
        ({"organisation_id": "new", "pledged_krw": "1000"}, "pledged_krw"),
        ({"organisation_id": "new", "pledged_krw": 1.5}, "pledged_krw"),
        ({"organisation_id": "new"}, "pledged_krw"),
        ({"pledged_krw": 1}, "organisation_id"),
        ({"organisation_id": "new", "pledged_krw": 10**15}, "pledged_krw"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_written(client, db_session, world, formed, body, field):
    ids = {
        "sme": make_organisation(db_session, OrganisationKind.SME).id,
        "twice": formed.organisation_id,
        "new": make_organisation(db_session, OrganisationKind.SPONSOR).id,
    }
    if "organisation_id" in body:
        body = body | {"organisation_id": ids[body["organisation_id"]]}
    answer = client.post(f"/api/v1/programmes/{world.programme.id}/members", json=body, headers=world.sponsor.headers)
    assert answer.status_code == 400, answer.get_json()
    assert field in answer.get_json()["error"]["fields"]
    assert db_session.scalar(select(func.count()).select_from(ProgrammeMember)) == 2


def test_odd_bodies_and_unknown_things_are_4xx(client, db_session, world, formed):
    url = f"/api/v1/programmes/{world.programme.id}/members"
    assert client.post(url, data="nonsense", headers=world.sponsor.headers).status_code == 400
    assert client.post(url, json=[1, 2], headers=world.sponsor.headers).status_code == 400
    assert client.get("/api/v1/programmes/999999/members", headers=world.sponsor.headers).status_code == 404
    assert client.patch(f"{url}/999999", json={"pledged_krw": 5}, headers=world.sponsor.headers).status_code == 404


def test_the_pages_show_figures_to_members_and_forms_to_the_lead(app, db_session, world, formed):
    lead, member = app.test_client(), app.test_client()
    log_in(lead, world.sponsor.user.email, PASSWORD)
    log_in(member, formed.email, PASSWORD)
    url = f"/programmes/{world.programme.id}/members"
    page = lead.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'id="add-member"' in page
    assert 'id="consortium-members"' in page
    seen = member.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'id="add-member"' not in seen
    assert 'id="consortium-own"' in seen
    programme_page = member.get(f"/programmes/{world.programme.id}").get_data(as_text=True)
    assert 'id="consortium"' in programme_page
    assert 'id="consortium-own"' in programme_page
    assert post_form(member, url, {"organisation_id": formed.organisation_id, "pledged_krw": 1}).status_code == 403


def test_the_form_gives_the_fields_message_and_writes_nothing(app, db_session, world, formed):
    client = app.test_client()
    log_in(client, world.sponsor.user.email, PASSWORD)
    url = f"/programmes/{world.programme.id}/members"
    newcomer = make_organisation(db_session, OrganisationKind.SPONSOR)
    for data in (
        {"organisation_id": newcomer.id, "pledged_krw": "0"},
        {"organisation_id": "0", "pledged_krw": "5"},
        {"organisation_id": "x", "pledged_krw": "lots"},
    ):
        answer = post_form(client, url, data, headers={"Accept-Language": "en"})
        assert answer.status_code == 200
        assert "is-invalid" in answer.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(ProgrammeMember)) == 2
    added = post_form(client, url, {"organisation_id": newcomer.id, "pledged_krw": "300000000"})
    assert added.status_code == 302
    member_id = db_session.scalar(select(func.max(ProgrammeMember.id)))
    refused = post_form(client, f"{url}/{member_id}", {"pledged_krw": "-1"}, headers={"Accept-Language": "en"})
    assert refused.status_code == 200
    assert "invalid-feedback" in refused.get_data(as_text=True)
    changed = post_form(client, f"{url}/{member_id}", {"pledged_krw": "400000000"})
    assert changed.status_code == 302
    db_session.expire_all()
    assert db_session.get(SponsorProgramme, world.programme.id).pledged_pool_krw == 7_400_000_000


def test_the_dashboard_lists_a_members_consortia(app, db_session, world, formed):
    member = app.test_client()
    log_in(member, formed.email, PASSWORD)
    page = member.get("/dashboard", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'id="consortium-dashboard"' in page
    assert "₩2,000,000,000" in page
    assert "₩7,000,000,000" in page


def test_the_sponsor_report_shows_a_members_consortia(app, db_session, world, formed):
    member = app.test_client()
    log_in(member, formed.email, PASSWORD)
    page = member.get(f"/reports/sponsors/{formed.organisation_id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert 'id="consortium-dashboard"' in page.get_data(as_text=True)
    assert "₩7,000,000,000" in page.get_data(as_text=True)


def test_each_members_report_counts_its_own_part_of_the_pledge(app, db_session, world, formed):
    lead = sponsor_report(db_session, world.sponsor.user, world.sponsor.user.organisation_id)
    member = sponsor_report(db_session, formed, formed.organisation_id)
    assert [(row.programme_id, row.pledged_krw, row.left_to_pay_krw) for row in lead.programmes] == [
        (world.programme.id, 5_000_000_000, 5_000_000_000)
    ]
    assert [(row.programme_id, row.pledged_krw, row.projects) for row in member.programmes] == [
        (world.programme.id, 2_000_000_000, 0)
    ]


def test_only_the_lead_selects_the_consortiums_smes(app, db_session, world, formed):
    project = make_project(db_session, world, "applied")
    with pytest.raises(DomainError) as refused:
        transition_project(db_session, context_of(formed), project, "select")
    assert refused.value.status in (403, 404)
    transition_project(db_session, context_of(world.sponsor.user), project, "select")
    assert project.status == "selected"
