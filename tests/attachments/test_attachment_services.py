"""The services on the real database: what is kept, what a new logo replaces, what removal leaves."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from marketplace.attachments.kinds import kind_named
from marketplace.attachments.services import (
    AttachFile,
    attach_file,
    attachments_of,
    list_attachments,
    remove_attachment,
)
from marketplace.attachments.storage import LocalStorage, StoredFileMissing
from marketplace.errors import Forbidden, NotFound, ValidationFailed
from marketplace.unit_of_work import commit
from tests.attachments import samples
from tests.attachments.conftest import World

MB = 1024 * 1024


def file(name: str, data: bytes, role: str = "document") -> AttachFile:
    return AttachFile(filename=name, data=data, role=role, max_bytes=MB)


def test_a_file_is_kept_with_its_clean_name_kind_size_and_hash(
    app: Flask, world: World, db_session: Session, tmp_path: Path
) -> None:
    store = LocalStorage(tmp_path)
    need = world.owners["need"]
    with app.test_request_context():
        kept = attach_file(db_session, world.sme, "need", need.id, file("../../견적서\u202e.PDF", samples.pdf()), store)
        commit(db_session)
    assert kept.filename == "견적서.pdf"
    assert kept.content_type == "application/pdf"
    assert kept.size_bytes == len(samples.pdf())
    assert kept.sha256 == hashlib.sha256(samples.pdf()).hexdigest()
    assert kept.storage_key.startswith(f"need/{need.id}/")
    assert store.get(kept.storage_key) == samples.pdf()
    assert list_attachments(db_session, world.other_supplier, "need", need.id) == [kept]


def test_a_new_logo_replaces_the_old_one_and_its_bytes_go_after_the_commit(
    app: Flask, world: World, db_session: Session, tmp_path: Path
) -> None:
    store = LocalStorage(tmp_path)
    organisation = world.owners["organisation"]
    with app.test_request_context():
        first = attach_file(
            db_session, world.sme, "organisation", organisation.id, file("a.png", samples.png(), "logo"), store
        )
        commit(db_session)
        first_key = first.storage_key
        second = attach_file(
            db_session, world.sme, "organisation", organisation.id, file("b.gif", samples.GIF, "logo"), store
        )
        assert store.get(first_key)  # still there until the commit
        commit(db_session)
    kind = kind_named("organisation")
    assert kind is not None
    assert attachments_of(db_session, kind, organisation.id, "logo") == [second]
    with pytest.raises(StoredFileMissing):
        store.get(first_key)


def test_removal_is_for_those_who_keep_the_page(app: Flask, world: World, db_session: Session, tmp_path: Path) -> None:
    store = LocalStorage(tmp_path)
    log = world.owners["mentor_log"]
    with app.test_request_context():
        kept = attach_file(db_session, world.mentor, "mentor_log", log.id, file("현장.webp", samples.WEBP), store)
        commit(db_session)
        with pytest.raises(Forbidden):
            remove_attachment(db_session, world.sme, kept.id, store)  # the SME sees the log, the mentor writes it
        with pytest.raises(NotFound):
            remove_attachment(db_session, world.other_sme, kept.id, store)
        remove_attachment(db_session, world.mentor, kept.id, store)
        commit(db_session)
    with pytest.raises(StoredFileMissing):
        store.get(kept.storage_key)


@pytest.mark.parametrize(
    ("name", "data", "role", "field"),
    [
        ("a.pdf", samples.HTML, "document", "file"),
        ("a.exe", b"MZ\x90\x00", "document", "file"),
        ("a.pdf", b"%PDF-" + b"0" * MB, "document", "file"),
        ("a.pdf", samples.pdf(), "photo", "role"),
    ],
)
def test_refusals_name_the_field_and_keep_nothing(
    app: Flask, world: World, db_session: Session, tmp_path: Path, name: str, data: bytes, role: str, field: str
) -> None:
    store = LocalStorage(tmp_path)
    with app.test_request_context(), pytest.raises(ValidationFailed) as refused:
        attach_file(db_session, world.sme, "need", world.owners["need"].id, file(name, data, role), store)
    assert list(refused.value.fields) == [field]
    assert not any(tmp_path.rglob("*"))
