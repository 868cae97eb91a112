"""A consortium member reads the projects of its consortium's programmes: in its project list (page and API) and
on the project's page, read-only. It is no party: no moves, no payments, no thread, no files, no work queue."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from funds.models import Project
from funds.projects import services as projects
from funds.projects.conversation import PROJECT_SUBJECT
from marketplace import clock
from marketplace.auth.models import Role
from marketplace.errors import Forbidden
from marketplace.work_queue import work_queue
from tests.conftest import assert_error_shape, log_in, post_form
from tests.factories import PASSWORD, context_of, make_user
from tests.funds.conftest import side
from tests.funds.making import make_project
from tests.funds.test_consortia import consortium

EN = {"Accept-Language": "en"}


def test_a_member_lists_and_reads_the_consortiums_projects_but_acts_on_none(app, db_session, world):
    (member,) = consortium(app, db_session, world, 1_000_000_000)
    outsider = make_user(app, db_session, Role.SPONSOR)
    project = make_project(db_session, world, "applied")
    listed = set(db_session.scalars(select(Project.id).where(projects.visible_condition(member))))
    assert listed == {project.id}
    assert projects.get_project(db_session, member, project.id) is project
    assert projects.available_actions(member, project) == []
    assert not PROJECT_SUBJECT.is_party(member, project)
    assert set(db_session.scalars(select(Project.id).where(projects.visible_condition(outsider)))) == set()
    with pytest.raises(Forbidden):
        projects.transition_project(db_session, context_of(member), project, "select", None)
    db_session.rollback()
    assert project.status == "applied"
    with app.test_request_context():
        mine = work_queue(db_session, member, clock.today())
        leads = work_queue(db_session, world.sponsor.user, clock.today())
    assert sum(entry.count for entry in mine) == 0  # the lead's applications to review are not the member's
    assert sum(entry.count for entry in leads) >= 1


def test_the_api_lists_the_project_and_refuses_its_moves(app, db_session, client, world):
    (member,) = consortium(app, db_session, world, 1_000_000_000)
    project = make_project(db_session, world, "applied")
    reader = side(app, db_session, member)
    listed = client.get("/api/v1/projects", headers=reader.headers)
    assert listed.status_code == 200, listed.get_json()
    assert [item["id"] for item in listed.get_json()["items"]] == [project.id]
    assert client.get(f"/api/v1/projects/{project.id}", headers=reader.headers).status_code == 200
    moved = client.post(f"/api/v1/projects/{project.id}/transitions", json={"action": "select"}, headers=reader.headers)
    assert_error_shape(moved, 403, "forbidden")
    files = client.get(f"/api/v1/projects/{project.id}/attachments", headers=reader.headers)
    assert_error_shape(files, 404, "not_found")
    stranger = side(app, db_session, make_user(app, db_session, Role.SPONSOR))
    assert_error_shape(client.get(f"/api/v1/projects/{project.id}", headers=stranger.headers), 404, "not_found")


def test_the_member_reads_the_project_page_without_its_sponsors_buttons(app, db_session, client, world):
    (member,) = consortium(app, db_session, world, 1_000_000_000)
    project = make_project(db_session, world, "applied")
    log_in(client, member.email, PASSWORD)
    assert f"/projects/{project.id}" in client.get("/projects/", headers=EN).get_data(as_text=True)
    page = client.get(f"/projects/{project.id}", headers=EN).get_data(as_text=True)
    assert 'id="consortium-reader"' in page
    assert 'value="select"' not in page
    assert 'id="open-conversation"' not in page
    moved = post_form(client, f"/projects/{project.id}/transitions", {"action": "select", "confirmed": "yes"})
    assert moved.status_code == 403
    db_session.refresh(project)
    assert project.status == "applied"
