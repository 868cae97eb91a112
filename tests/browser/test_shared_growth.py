"""Journey: the demo sponsor opens its shared-growth evidence for the demo year from its report, opens the records
behind a figure, and downloads the PDF and the Excel workbook, which open (pypdf, openpyxl) and say the same."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from marketplace import clock
from tests.browser.journey import Journey
from tests.browser.test_reports import download, numbers_in_one_piece, open_xlsx


def test_sponsor_opens_traces_and_downloads_its_evidence(journey: Journey) -> None:
    page = journey.page
    year = clock.today().year  # the demo world is seeded today: its ledger's year
    journey.log_in("sponsor@sangsaeng-demo.kr")
    page.locator("#results-link").click()
    journey.follow(page.locator("#shared-growth-link"), "shared-growth")
    expect(page.locator("h1")).to_contain_text(str(year))
    expect(page.locator("h1")).to_contain_text(re.compile("삼성전자|Samsung Electronics"))
    numbers_in_one_piece(journey, ".figure-value")

    committed_card = page.locator("#figure-committed")
    committed = int(committed_card.locator(".figure-value data").get_attribute("value") or "0")
    assert committed > 0
    records = committed_card.locator(".evidence-record")
    expect(records.first).to_be_hidden()
    committed_card.locator("summary").click()  # "근거" / "Where this comes from"
    expect(records.first).to_be_visible()
    expect(committed_card.locator("summary")).to_contain_text(journey.say("근거", "Where this comes from"))
    assert records.first.get_attribute("data-kind") == "ledger_transaction"
    expect(records.first.locator("a")).to_have_attribute("href", re.compile(r"/projects/\d+$"))
    journey.check("shared-growth-records")
    for recorded in ("consulting", "training"):  # vouchers; Samsung's own courses for its suppliers
        expect(page.locator(f"#line-{recorded} .not-recorded")).to_have_count(0)
    expect(page.locator("#figure-vouchers .figure-value")).to_be_visible()
    expect(page.locator("#figure-learners_enrolled")).to_be_visible()
    smes = int(page.locator("#figure-smes .figure-value").inner_text())
    assert smes > 0
    assert int(page.locator("#figure-mentors .figure-value").inner_text()) > 0  # mentors on its projects' needs

    name, body = download(page, page.locator("#evidence-pdf"))
    assert name.endswith(".pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert f"₩{committed:,}" in text
    assert journey.say("동반성장", "Shared-growth evidence") in text

    name, body = download(page, page.locator("#evidence-xlsx"))
    assert name.endswith(".xlsx")
    book = open_xlsx(body)
    figures = book[journey.say("수치", "Figures")]
    by_figure = {row[1]: row[2] for row in figures[1:]}
    assert by_figure[journey.say("약정액(순)", "Committed (net)")] == committed
    assert by_figure[journey.say("지원 중소기업", "SMEs supported")] == smes
    assert len(book) > 3  # a sheet per traced list

    journey.follow(records.first.locator("a"), "shared-growth-record-project")
    expect(page.locator("#project-parties")).to_be_visible()


def test_kepco_traces_its_consulting_to_the_voucher(journey: Journey) -> None:
    """KEPCO (sponsor05@): 반월도금 confirmed its ₩15M, 40-hour energy-efficiency voucher in the demo year."""
    page = journey.page
    year = clock.today().year
    journey.log_in("sponsor05@sangsaeng-demo.kr")
    journey.goto(f"/reports/shared-growth/{year}")
    expect(page.locator("h1")).to_contain_text(re.compile("한국전력공사|KEPCO"))
    expect(page.locator("#figure-vouchers .figure-value")).to_have_text("1")
    value = page.locator("#figure-consulting_value")
    expect(value.locator(".figure-value data")).to_have_attribute("value", "15000000")
    expect(page.locator("#figure-consulting_hours .figure-value")).to_have_text("40")
    value.locator("summary").click()
    record = value.locator(".evidence-record")
    expect(record).to_have_count(1)
    assert record.get_attribute("data-kind") == "voucher"
    expect(record).to_contain_text(journey.say("컨설팅 바우처", "consulting voucher"))
    journey.check("shared-growth-consulting")
    journey.follow(record.locator("a"), "shared-growth-record-voucher")
    expect(page).to_have_url(re.compile(r"/vouchers/\d+$"))
