"""The API: list, upload, download and delete on every kind of owner; refusals in the one error shape."""

from __future__ import annotations

from io import BytesIO

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from marketplace.auth.models import User
from tests.attachments import samples
from tests.attachments.conftest import World, attachment_count, send_multipart
from tests.conftest import assert_error_shape, bearer
from tests.factories import make_api_token

COLLECTIONS = {
    "need": "needs",
    "solution": "solutions",
    "organisation": "organisations",
    "project": "projects",
    "mentor_log": "mentor-logs",
    "mentor": "mentors",
    "message": "messages",
}


def keeper(world: World, kind: str) -> User:
    """Who may attach to the world's owner of this kind."""
    return {"solution": world.supplier, "mentor_log": world.mentor, "mentor": world.mentor}.get(kind, world.sme)


def token(app: Flask, session: Session, user: User) -> dict[str, str]:
    return bearer(make_api_token(app, session, user)[1])


def upload(app: Flask, headers: dict[str, str], path: str, name: str, data: bytes, role: str = "document"):
    client = app.test_client()
    return send_multipart(client, path, {"file": (BytesIO(data), name), "role": role}, headers=headers)


@pytest.mark.parametrize("kind", list(COLLECTIONS))
def test_every_owner_kind_lists_takes_serves_and_removes_files(
    app: Flask, world: World, db_session: Session, kind: str
) -> None:
    owner = world.owners[kind]
    headers = token(app, db_session, keeper(world, kind))
    path = f"/api/v1/{COLLECTIONS[kind]}/{owner.id}/attachments"
    role = "photo" if kind == "mentor" else "document"
    made = upload(app, headers, path, "측정 결과.png", samples.png(), role)
    assert made.status_code == 201, made.get_data(as_text=True)
    body = made.get_json()
    assert body["filename"] == "측정 결과.png"
    assert body["content_type"] == "image/png"
    assert body["owner_kind"] == kind
    assert body["role"] == role
    client = app.test_client()
    listed = client.get(path, headers=headers).get_json()["items"]
    assert [item["id"] for item in listed] == [body["id"]]
    served = client.get(body["url"], headers=headers)
    assert served.status_code == 200
    assert served.data == samples.png()
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert client.delete(f"/api/v1/attachments/{body['id']}", headers=headers).status_code == 204
    assert client.get(body["url"], headers=headers).status_code == 404


def test_a_spoofed_svg_or_html_file_is_refused_naming_the_field(app: Flask, world: World, db_session: Session) -> None:
    headers = token(app, db_session, world.sme)
    path = f"/api/v1/needs/{world.owners['need'].id}/attachments"
    before = attachment_count(db_session)
    for name, data in (("quote.pdf", samples.HTML), ("chart.svg", samples.SVG), ("table.csv", samples.HTML)):
        error = assert_error_shape(upload(app, headers, path, name, data), 400, "validation_failed")
        assert list(error["fields"]) == ["file"]
    error = assert_error_shape(upload(app, headers, path, "a.pdf", samples.pdf(), "logo"), 400, "validation_failed")
    assert list(error["fields"]) == ["role"]
    no_file = app.test_client().post(path, json={"file": "x"}, headers=headers)
    assert list(assert_error_shape(no_file, 400, "validation_failed")["fields"]) == ["file"]
    assert attachment_count(db_session) == before


def test_a_50_mb_upload_is_a_413_naming_the_field(app: Flask, world: World, db_session: Session) -> None:
    headers = token(app, db_session, world.sme)
    path = f"/api/v1/needs/{world.owners['need'].id}/attachments"
    answer = upload(app, headers, path, "big.pdf", b"%PDF-" + b"0" * (50 * 1024 * 1024))
    error = assert_error_shape(answer, 413, "too_large")
    assert error["fields"]["file"] == ["파일이 20 MB보다 큽니다. 더 작은 파일을 첨부하세요."]  # Korean: the default


def test_a_small_limit_is_a_setting(app: Flask, world: World, db_session: Session) -> None:
    app.config["ATTACHMENT_MAX_BYTES"] = 1024
    headers = token(app, db_session, world.sme)
    path = f"/api/v1/needs/{world.owners['need'].id}/attachments"
    answer = upload(app, headers, path, "a.pdf", b"%PDF-" + b"0" * 2000)
    assert "1 KB" in assert_error_shape(answer, 400, "validation_failed")["fields"]["file"][0]


def test_others_cannot_attach_or_remove(app: Flask, world: World, db_session: Session) -> None:
    need = world.owners["need"]
    own = token(app, db_session, world.sme)
    made = upload(app, own, f"/api/v1/needs/{need.id}/attachments", "a.pdf", samples.pdf()).get_json()
    other = token(app, db_session, world.other_sme)
    refused = upload(app, other, f"/api/v1/needs/{need.id}/attachments", "b.pdf", samples.pdf())
    assert_error_shape(refused, 403, "forbidden")
    assert_error_shape(app.test_client().delete(f"/api/v1/attachments/{made['id']}", headers=other), 403, "forbidden")
    project = world.owners["project"]
    foreign = upload(app, other, f"/api/v1/projects/{project.id}/attachments", "b.pdf", samples.pdf())
    assert_error_shape(foreign, 404, "not_found")
    assert_error_shape(app.test_client().get(f"/api/v1/needs/{need.id}/attachments"), 401, "unauthorised")
