"""Who may download an attached file: exactly who may see the object it belongs to (its own policy).

Everyone else gets a 404, as if the file did not exist. One row per kind of owner; one column per person:
nobody logged in; the SME that owns the need (party to the project and the engagement, and author of the
message in the project's conversation); the project's supplier; an SME and a supplier of other firms; an
officer; the engaged mentor; an admin.
"""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from marketplace.attachments.services import AttachFile, attach_file
from marketplace.attachments.storage import storage_for
from marketplace.auth.models import Role
from marketplace.needs.models import NeedStatus
from marketplace.policy import can
from marketplace.unit_of_work import commit
from tests.attachments import samples
from tests.attachments.conftest import World, signed_in
from tests.factories import make_need, make_user

PEOPLE = ("nobody", "sme", "supplier", "other_sme", "other_supplier", "officer", "mentor", "admin")
TABLE = """
owner         | nobody sme supplier other_sme other_supplier officer mentor admin
need          | 200    200 200      200       200            200     200    200
draft_need    | 404    200 404      404       404            200     404    200
solution      | 200    200 200      200       200            200     200    200
organisation  | 404    200 200      200       200            200     200    200
project       | 404    200 200      404       404            200     404    200
mentor_log    | 404    200 404      404       404            200     200    200
mentor        | 404    200 200      200       200            200     200    200
message       | 404    200 200      404       404            200     404    404
"""


def rows() -> list[tuple[str, str, int]]:
    lines = [line.split("|") for line in TABLE.strip().splitlines()[1:]]
    return [
        (owner.strip(), person, int(status))
        for owner, cells in lines
        for person, status in zip(PEOPLE, cells.split(), strict=True)
    ]


@pytest.mark.parametrize(("owner", "person", "status"), rows())
def test_a_file_is_served_to_those_who_see_its_owner(
    app: Flask, world: World, db_session: Session, owner: str, person: str, status: int
) -> None:
    world.owners["draft_need"] = make_need(db_session, world.sme, status=NeedStatus.DRAFT)
    people = {
        "nobody": None,
        "sme": world.sme,
        "supplier": world.supplier,
        "other_sme": world.other_sme,
        "other_supplier": world.other_supplier,
        "officer": world.officer,
        "mentor": world.mentor,
        "admin": make_user(app, db_session, Role.ADMIN),
    }
    target = world.owners[owner]
    kind = "need" if owner == "draft_need" else owner
    command = AttachFile(filename="견적서.pdf", data=samples.pdf(), max_bytes=1024 * 1024)
    uploader = {"solution": world.supplier, "mentor_log": world.mentor, "mentor": world.mentor}.get(kind, world.sme)
    with app.test_request_context():
        attachment = attach_file(db_session, uploader, kind, target.id, command, storage_for(app))
    commit(db_session)

    user = people[person]
    client = signed_in(app, user) if user is not None else app.test_client()
    answer = client.get(f"/attachments/{attachment.id}/download")
    assert answer.status_code == status
    assert (status == 200) == can(user, "view", target)  # the table is the owner's policy, nothing else
    if status == 200:
        assert answer.data == samples.pdf()
