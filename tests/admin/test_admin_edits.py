"""Admins may change any organisation's listings and profile (docs/listings.md, "Who sees what"), and every such
change is recorded field by field; members' changes to their own things are not. Only admins read the trail.
"""

from __future__ import annotations

from sqlalchemy import select

from marketplace.audit import AdminEdit
from marketplace.auth.models import Role
from tests.conftest import bearer, log_in
from tests.factories import PASSWORD, make_api_token, make_need, make_programme, make_solution, make_user


def trail(db_session) -> list[tuple]:
    db_session.expire_all()
    edits = db_session.scalars(select(AdminEdit).order_by(AdminEdit.id))
    return [(e.target_type, e.target_id, e.organisation_id, e.action, e.changes) for e in edits]


def test_admin_edits_of_other_organisations_are_recorded_field_by_field(app, client, db_session):
    sme = make_user(app, db_session, Role.SME)
    supplier, sponsor = make_user(app, db_session, Role.SUPPLIER), make_user(app, db_session, Role.SPONSOR)
    admin = make_user(app, db_session, Role.ADMIN)
    need, solution = make_need(db_session, sme, title="원래 제목"), make_solution(db_session, supplier)
    programme = make_programme(app, db_session, sponsor)
    solution_title, programme_name = solution.title, programme.name
    own = bearer(make_api_token(app, db_session, sme)[1])
    headers = bearer(make_api_token(app, db_session, admin)[1])

    assert client.patch(f"/api/v1/needs/{need.id}", json={"title": "주인이 고친 제목"}, headers=own).status_code == 200
    assert trail(db_session) == []  # the owner's own change is ordinary use
    answers = [
        client.patch(f"/api/v1/needs/{need.id}", json={"title": "관리자가 고친 제목"}, headers=headers),
        client.post(f"/api/v1/needs/{need.id}/transitions", json={"action": "withdraw"}, headers=headers),
        client.patch(f"/api/v1/solutions/{solution.id}", json={"title": "고친 솔루션"}, headers=headers),
        client.patch(f"/api/v1/programmes/{programme.id}", json={"name": "고친 프로그램"}, headers=headers),
        client.patch(f"/api/v1/organisations/{sme.organisation_id}", json={"employees": 41}, headers=headers),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 200], [a.get_json() for a in answers]
    assert trail(db_session) == [
        ("needs", need.id, sme.organisation_id, "edit", {"title": ["주인이 고친 제목", "관리자가 고친 제목"]}),
        ("needs", need.id, sme.organisation_id, "withdraw", {"status": ["open", "withdrawn"]}),
        ("solutions", solution.id, supplier.organisation_id, "edit", {"title": [solution_title, "고친 솔루션"]}),
        (
            "sponsor_programmes",
            programme.id,
            sponsor.organisation_id,
            "edit",
            {"name": [programme_name, "고친 프로그램"]},
        ),
        ("organisations", sme.organisation_id, sme.organisation_id, "edit", {"employees": [40, 41]}),
    ]
    assert {e.admin_id for e in db_session.scalars(select(AdminEdit))} == {admin.id}


def test_only_admins_read_the_trail(app, client, db_session):
    admin, officer = make_user(app, db_session, Role.ADMIN), make_user(app, db_session, Role.OFFICER)
    sme = make_user(app, db_session, Role.SME)
    need = make_need(db_session, sme)
    admin_token = bearer(make_api_token(app, db_session, admin)[1])
    client.patch(f"/api/v1/needs/{need.id}", json={"title": "<b>관리자 수정</b>"}, headers=admin_token)
    log_in(client, admin.email, PASSWORD)
    page = client.get("/admin/edits", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "&lt;b&gt;관리자 수정&lt;/b&gt;" in page  # escaped
    assert admin.display_name in page
    officer_browser = app.test_client()
    log_in(officer_browser, officer.email, PASSWORD)
    assert officer_browser.get("/admin/edits").status_code == 403
