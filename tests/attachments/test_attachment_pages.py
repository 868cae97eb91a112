"""Attaching on an owner's page: the file is listed and served safely; a refused one shows the field's message."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from tests.attachments import samples
from tests.attachments.conftest import World, attachment_count, signed_in, stored_files, upload_form

FIFTY_MB = 50 * 1024 * 1024


def test_an_sme_attaches_a_pdf_and_a_photo_and_the_supplier_downloads_them(app: Flask, world: World) -> None:
    need = world.owners["need"]
    sme = signed_in(app, world.sme)
    answer = upload_form(sme, f"/attachments/need/{need.id}", "견적 요청서.pdf", samples.pdf())
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/needs/{need.id}#attachments")
    upload_form(sme, f"/attachments/need/{need.id}", "line.png", samples.png())
    page = sme.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "견적 요청서.pdf" in page
    assert "line.png" in page
    assert 'name="file"' in page  # the owner may attach more

    supplier = signed_in(app, world.other_supplier)
    page = supplier.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "견적 요청서.pdf" in page
    assert 'name="file"' not in page
    links = [part.split('"')[0] for part in page.split('href="/attachments/')[1:]]
    pdf_answer = supplier.get(f"/attachments/{links[0]}")
    assert pdf_answer.status_code == 200
    assert pdf_answer.data == samples.pdf()
    assert pdf_answer.headers["Content-Disposition"].startswith("attachment;")
    assert pdf_answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in pdf_answer.headers["Content-Security-Policy"]
    assert "default-src 'none'" in pdf_answer.headers["Content-Security-Policy"]
    image = supplier.get(f"/attachments/{[link for link in links if link != links[0]][0]}")
    assert image.mimetype == "image/png"
    assert image.headers["Content-Disposition"].startswith("inline;")


def test_refused_files_show_the_fields_message_and_nothing_is_kept(
    app: Flask, world: World, db_session: Session
) -> None:
    need = world.owners["need"]
    sme = signed_in(app, world.sme)
    before, files_before = attachment_count(db_session), stored_files()
    refusals = [
        ("invoice.pdf", samples.HTML, "not really a PDF file"),
        ("drawing.svg", samples.SVG, "Only PDF, pictures"),
        ("page.html", samples.HTML, "Only PDF, pictures"),
        ("photo.png", samples.pdf(), "not really a PNG file"),
        ("empty.pdf", b"", "Choose a file"),
    ]
    for name, data, message in refusals:
        answer = upload_form(sme, f"/attachments/need/{need.id}", name, data, follow_redirects=True)
        assert answer.status_code == 200
        page = answer.get_data(as_text=True)
        assert "is-invalid" in page, name
        assert message in page, name
    assert attachment_count(db_session) == before
    assert stored_files() == files_before


def test_a_50_mb_upload_shows_the_fields_message_not_an_error_page(
    app: Flask, world: World, db_session: Session
) -> None:
    need = world.owners["need"]
    sme = signed_in(app, world.sme)
    before = attachment_count(db_session)
    answer = upload_form(sme, f"/attachments/need/{need.id}", "big.pdf", b"%PDF-" + b"0" * FIFTY_MB)
    assert answer.status_code == 302
    page = sme.get(answer.headers["Location"]).get_data(as_text=True)
    assert "The file is larger than 20 MB" in page
    assert "is-invalid" in page
    # Just over the limit (the request itself is accepted): the same message, from the file's own check.
    just_over = b"%PDF-" + b"0" * (20 * 1024 * 1024)
    page = upload_form(sme, f"/attachments/need/{need.id}", "over.pdf", just_over, follow_redirects=True).get_data(
        as_text=True
    )
    assert "The file is larger than 20 MB" in page
    assert attachment_count(db_session) == before


def test_a_korean_page_says_it_in_korean(app: Flask, world: World) -> None:
    need = world.owners["need"]
    sme = signed_in(app, world.sme, lang="ko")
    page = upload_form(sme, f"/attachments/need/{need.id}", "x.pdf", samples.HTML, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "이 파일은 실제로 PDF 파일이 아닙니다" in text


def test_an_organisation_logo_and_a_mentor_photo_show_on_their_profiles(app: Flask, world: World) -> None:
    organisation = world.owners["organisation"]
    sme = signed_in(app, world.sme)
    upload_form(sme, f"/attachments/organisation/{organisation.id}", "logo.png", samples.png(), role="logo")
    upload_form(sme, f"/attachments/organisation/{organisation.id}", "new-logo.png", samples.png(), role="logo")
    page = signed_in(app, world.other_supplier).get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert 'id="logo-picture"' in page
    assert "new-logo.png" in page
    assert "logo.png</a>" not in page.replace("new-logo.png", "")
    refused = upload_form(
        sme,
        f"/attachments/organisation/{organisation.id}",
        "logo.pdf",
        samples.pdf(),
        role="logo",
        follow_redirects=True,
    )
    assert "Choose a picture" in refused.get_data(as_text=True)

    profile = world.owners["mentor"]
    mentor = signed_in(app, world.mentor)
    upload_form(mentor, f"/attachments/mentor/{profile.id}", "me.jpg", samples.JPEG, role="photo")
    page = signed_in(app, world.sme).get(f"/mentors/{profile.id}").get_data(as_text=True)
    assert 'id="photo-picture"' in page


def test_only_those_who_keep_the_page_remove_its_files(app: Flask, world: World, db_session: Session) -> None:
    need = world.owners["need"]
    sme = signed_in(app, world.sme)
    upload_form(sme, f"/attachments/need/{need.id}", "a.csv", samples.CSV)
    page = sme.get(f"/needs/{need.id}").get_data(as_text=True)
    remove_path = page.split('action="/attachments/')[1].split('"')[0]
    supplier = signed_in(app, world.other_supplier)
    from tests.conftest import csrf_token

    refused = supplier.post(f"/attachments/{remove_path}", data={"csrf_token": csrf_token(supplier)})
    assert refused.status_code == 403
    count = attachment_count(db_session)
    done = sme.post(f"/attachments/{remove_path}", data={"csrf_token": csrf_token(sme)})
    assert done.status_code == 302
    assert attachment_count(db_session) == count - 1


def test_a_file_the_store_lost_is_a_404_not_an_error(app: Flask, world: World) -> None:
    need = world.owners["need"]
    sme = signed_in(app, world.sme)
    upload_form(sme, f"/attachments/need/{need.id}", "lost.csv", samples.CSV)
    page = sme.get(f"/needs/{need.id}").get_data(as_text=True)
    link = page.split('href="/attachments/')[1].split('"')[0]
    attachment_id = int(link.split("/")[0])
    with app.app_context():
        from marketplace.attachments.models import Attachment
        from marketplace.attachments.storage import storage_for
        from marketplace.db import db

        storage_for(app).delete(db.session.get(Attachment, attachment_id).storage_key)
    assert sme.get(f"/attachments/{link}").status_code == 404
