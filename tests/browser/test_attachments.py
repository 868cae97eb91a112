"""Journey: an SME attaches a photo and a PDF to its need; a supplier sees and downloads them; a spoofed file
(HTML called .pdf), an SVG and an oversize file are refused with the field's message; and a stored file
whose bytes are a script never runs when opened (docs/attachments.md, "Serving files safely")."""

from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import select

from marketplace.attachments.models import Attachment
from marketplace.attachments.storage import storage_for
from marketplace.auth.models import User
from marketplace.unit_of_work import commit
from tests.attachments import samples
from tests.browser.journey import Journey
from tests.browser.people import open_need_of

SME = "sme@sangsaeng-demo.kr"
SUPPLIER = "supplier@sangsaeng-demo.kr"
SCRIPT_RAN = "attachment-script-ran"


def attach(journey: Journey, name: str, data: bytes, mime: str) -> None:
    form = journey.page.locator("#attachments form.attachment-form")
    form.locator("input[type=file]").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    journey.submit(form)


def field_message(journey: Journey):
    return journey.page.locator("#attachments form.attachment-form .invalid-feedback")


def test_an_sme_attaches_files_a_supplier_downloads_them_and_bad_files_are_refused(
    journey: Journey, tmp_path: Path
) -> None:
    need_id, _title = open_need_of(journey, SME)
    tag = f"{journey.lang}-{uuid.uuid4().hex[:6]}"
    photo, quote = f"라인-{tag}.png", f"견적요청서-{tag}.pdf"
    sme = journey
    sme.log_in(SME)
    sme.goto(f"/needs/{need_id}", "need-attachments-empty")

    attach(sme, photo, samples.png(64, 48), "image/png")
    expect(sme.flash().first).to_contain_text(sme.say("파일을 첨부했습니다", "The file is attached"))
    attach(sme, quote, samples.pdf(), "application/pdf")
    files = sme.page.locator("#attachments .attachment-list")
    expect(files).to_contain_text(photo)
    expect(files).to_contain_text(quote)
    thumbnail = files.locator(f"img[alt='{photo}']")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth === 64")
    sme.check("need-attachments")

    # An HTML page called .pdf, and an SVG: refused under the field, nothing added.
    attach(sme, f"invoice-{tag}.pdf", samples.HTML, "application/pdf")
    expect(field_message(sme)).to_be_visible()
    expect(field_message(sme)).to_contain_text(
        sme.say("실제로 PDF 파일이 아닙니다", "This file is not really a PDF file")
    )
    sme.check("need-attachment-spoofed")
    attach(sme, f"chart-{tag}.svg", samples.SVG, "image/svg+xml")
    expect(field_message(sme)).to_contain_text(sme.say("PDF, 사진(PNG", "Only PDF, pictures"))
    expect(files).not_to_contain_text(f"invoice-{tag}")
    expect(files).not_to_contain_text(f"chart-{tag}")

    # 50 MB: the field says so at once, and the form is not sent.
    big = tmp_path / f"big-{tag}.pdf"
    with big.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        out.truncate(50 * 1024 * 1024)
    form = sme.page.locator("#attachments form.attachment-form")
    form.locator("input[type=file]").set_input_files(str(big))
    expect(field_message(sme)).to_contain_text(sme.say("파일이 20 MB보다 큽니다", "The file is larger than 20 MB"))
    url = sme.page.url
    form.locator("button[type=submit]").click()
    expect(field_message(sme)).to_be_visible()
    assert sme.page.url == url
    sme.check("need-attachment-too-large")

    # The supplier sees both files on the need and downloads the quote.
    supplier = journey.another()
    supplier.log_in(SUPPLIER)
    supplier.goto(f"/needs/{need_id}", "need-attachments-supplier")
    listed = supplier.page.locator("#attachments .attachment-list")
    expect(listed).to_contain_text(photo)
    expect(supplier.page.locator("#attachments form.attachment-form")).to_have_count(0)
    assert listed.locator(f"img[alt='{photo}']").evaluate("img => img.complete && img.naturalWidth === 64")
    with supplier.page.expect_download() as waiting:
        listed.get_by_role("link", name=quote).click()
    download = waiting.value
    assert download.suggested_filename == quote
    assert Path(download.path()).read_bytes() == samples.pdf()


def test_a_stored_script_never_runs_when_its_file_is_opened(journey: Journey) -> None:
    """Even if markup had been stored (here written past the upload checks, as a tampered store would hold it),
    the file is served sandboxed, under its own type, with no sniffing: its script does nothing."""
    need_id, _title = open_need_of(journey, SME)
    live = journey.live
    served = []
    for name, data, mime in (
        ("drawing.svg", samples.SVG, "image/svg+xml"),
        ("photo.png", samples.HTML, "image/png"),
    ):
        key = f"need/{need_id}/{uuid.uuid4().hex}"
        storage_for(live.app).put(key, data, mime)
        with live.session() as session:
            row = Attachment(
                owner_kind="need",
                owner_id=need_id,
                filename=name,
                content_type=mime,
                size_bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                storage_key=key,
            )
            session.add(row)
            commit(session)
            served.append(row.id)
    try:
        journey.log_in(SUPPLIER)
        opened = journey.page.context.new_page()  # a page of its own: the blocked script's console line is expected
        said: list[str] = []
        opened.on("console", lambda message: said.append(message.text))
        opened.on("dialog", lambda dialog: said.append(f"dialog {dialog.message}"))
        for attachment_id in served:
            answer = opened.goto(f"/attachments/{attachment_id}/download")
            assert answer is not None
            assert answer.headers["x-content-type-options"] == "nosniff"
            assert "sandbox" in answer.headers["content-security-policy"]
            opened.wait_for_timeout(300)
            assert not [line for line in said if SCRIPT_RAN in line], said
            assert not re.search("pwned", opened.title())
        opened.close()
    finally:
        with live.session() as session:
            for row in session.scalars(select(Attachment).where(Attachment.id.in_(served))):
                session.delete(row)
            commit(session)


def test_an_organisation_shows_its_logo_and_keeps_its_documents(journey: Journey) -> None:
    with journey.live.session() as session:
        organisation_id = session.scalar(select(User.organisation_id).where(User.email == SME))
    tag = f"{journey.lang}-{uuid.uuid4().hex[:6]}"
    journey.log_in(SME)
    journey.goto(f"/organisations/{organisation_id}")
    form = journey.page.locator("#attachments form.attachment-form")
    form.locator("select[name=role]").select_option("logo")
    form.locator("input[type=file]").set_input_files(
        {"name": f"logo-{tag}.png", "mimeType": "image/png", "buffer": samples.png(96, 96, (200, 60, 40))}
    )
    journey.submit(form)
    logo = journey.page.locator("h1 img#logo-picture")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth === 96")
    expect(journey.page.locator("#attachments .attachment-list")).to_contain_text(journey.say("로고", "Logo"))
    journey.check("organisation-logo")
