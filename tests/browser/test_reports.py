"""Journey d: the officer's dashboards and reports, the sponsor's report, the SME's outcomes dashboard and the
public statistics show their charts and tables, in Korean and in English; their CSV and Excel downloads open.

Downloads go through the browser (Playwright's download API), then are opened as a person's spreadsheet would:
the CSV as UTF-8 with Excel's byte-order mark, the .xlsx with openpyxl. Their figures are compared with the ones
the page shows, so a download that opens but says something else fails.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from tests.browser.journey import Journey

BOM = b"\xef\xbb\xbf"

# At 390 px, the numbers in the figure cards and tables: a run of digits (with its ₩ and separators) whose
# characters do not all sit on one line is a number broken in two.
BROKEN_NUMBERS = """
(selector) => {
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[₩+-]?\\d[\\d,.]*/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0] + ' in "' + el.innerText.trim().replace(/\\s+/g, ' ') + '"');
      }
    }
  }
  return broken;
}
"""


def won(text: str) -> int:
    """₩1,234,567 as shown in a table cell -> 1234567."""
    digits = re.sub(r"[^\d-]", "", text)
    assert digits, f"no amount in {text!r}"
    return int(digits)


def cells(table: Locator, column: int) -> list[str]:
    """The texts of one column (0 = the row's first cell, header or not) of a table's body."""
    rows = table.locator("tbody tr")
    return [rows.nth(i).locator("th, td").nth(column).inner_text().strip() for i in range(rows.count())]


def download(page: Page, link: Locator) -> tuple[str, bytes]:
    """Click a download link as a person would; the file's suggested name and its bytes."""
    with page.expect_download() as started:
        link.click()
    saved = started.value
    return saved.suggested_filename, Path(saved.path()).read_bytes()


def open_csv(body: bytes) -> list[list[str]]:
    """The CSV as Excel reads it: the byte-order mark says UTF-8."""
    assert body.startswith(BOM), "the CSV has no byte-order mark: Excel would read its Korean as mojibake"
    return list(csv.reader(io.StringIO(body[len(BOM) :].decode("utf-8"))))


def open_xlsx(body: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(io.BytesIO(body), read_only=True)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def downloads(journey: Journey) -> tuple[list[list[str]], dict[str, list[tuple[object, ...]]]]:
    """Both downloads of the report on screen, through its buttons in this language."""
    page = journey.page
    csv_name, csv_body = download(page, page.get_by_role("link", name=journey.say("CSV 내보내기", "Export CSV")))
    xlsx_name, xlsx_body = download(page, page.get_by_role("link", name=journey.say("Excel 내보내기", "Export Excel")))
    assert csv_name.endswith(".csv")
    assert xlsx_name.endswith(".xlsx")
    return open_csv(csv_body), open_xlsx(xlsx_body)


def numbers_in_one_piece(journey: Journey, selector: str) -> None:
    """At 390 px no figure is broken over two lines (₩2,532,000,000 split after a comma is unreadable)."""
    page = journey.page
    page.set_viewport_size({"width": 390, "height": 900})
    try:
        assert page.evaluate(BROKEN_NUMBERS, selector) == []
    finally:
        page.set_viewport_size({"width": 1400, "height": 900})


def test_officer_reports_and_dashboards(journey: Journey) -> None:
    page = journey.page
    journey.log_in("officer@sangsaeng-demo.kr")
    page.locator("#more-menu").click()
    journey.follow(page.get_by_role("link", name=journey.say("보고서", "Reports")), "reports")
    programmes = page.locator("#government-programmes")
    budget, committed, remaining = (won(cells(programmes, column)[0]) for column in (2, 3, 4))
    assert budget > 0
    assert committed > 0
    assert budget == committed + remaining

    programmes.locator("tbody tr a").first.click()
    expect(page.locator("#government-figures")).to_contain_text(journey.say("예산", "Budget"))
    journey.check("government-report", charts=3)
    numbers_in_one_piece(journey, ".figure-value, td, tbody th")
    by_region = [won(amount) for amount in cells(page.locator("#breakdown-region"), 3)]
    assert sum(by_region) == committed
    rows, book = downloads(journey)
    assert rows[0][:5] == ["구분", "항목", "예산(원)", "약정액(원)", "잔액(원)"]
    assert [int(cell) for cell in rows[1][2:5]] == [budget, committed, remaining]
    assert sorted(int(row[3]) for row in rows if row[0] == "지역") == sorted(by_region)
    (sheet,) = book.values()
    assert sheet[1][2:5] == (budget, committed, remaining)  # numbers Excel can add up, not text

    page.go_back()
    sponsors = page.locator("#sponsors")
    sponsor_committed = won(cells(sponsors, 2)[0])
    journey.follow(sponsors.locator("tbody tr a").first, "sponsor-report-officer", charts=3)
    total = page.locator("#sponsor-programmes tbody tr").last
    assert won(total.locator("th, td").nth(2).inner_text()) == sponsor_committed
    rows, book = downloads(journey)
    assert rows[0][:3] == ["프로그램", "출연 약정액(원)", "약정액(원)"]
    assert rows[-1][0] == "합계"
    assert int(rows[-1][2]) == sponsor_committed
    assert book["프로그램"][-1][2] == sponsor_committed
    kpis = book["성과 지표"]
    assert kpis[0][:2] == ("성과 지표", "단위")
    assert any(isinstance(row[5], int | float) for row in kpis[1:]), "no KPI carries an actual change"

    page.locator("#more-menu").click()
    page.get_by_role("link", name=journey.say("보고서", "Reports")).click()
    journey.follow(page.locator("#overview-link"), "programme-dashboard", charts=4)
    numbers_in_one_piece(journey, ".figure-value, td, tbody th")
    groups = page.locator("#overview-groups")
    group_committed = [won(amount) for amount in cells(groups, 3)]
    assert sum(group_committed) > 0
    rows, book = downloads(journey)
    assert rows[0][:5] == ["구분", "항목", "프로젝트 수", "약정 프로젝트 수", "정부 약정액(원)"]
    assert [row[0] for row in rows[1:]] == ["전체"] + ["지역"] * len(group_committed)
    assert sorted(int(row[4]) for row in rows[2:]) == sorted(group_committed)
    summary = dict(book["요약"][1:])
    assert summary["정부 약정액(원)"] == sum(group_committed)

    page.locator("#dimensions").get_by_role("link", name=journey.say("지원 유형", "Funding tier")).click()
    expect(page.locator("#dimensions .active")).to_have_text(journey.say("지원 유형", "Funding tier"))
    rows, _book = downloads(journey)
    assert {row[0] for row in rows[2:]} == {"지원 단계"}
    assert sum(int(row[4]) for row in rows[2:]) == sum(group_committed)

    journey.goto("/dashboard")
    journey.follow(page.locator("main a[href$='/mentors/programme']"), "mentoring-programme")
    mentor_names = cells(page.locator("#programme-mentors"), 0)
    name, body = download(page, page.get_by_role("link", name=journey.say("CSV 내보내기", "Export CSV")))
    rows = open_csv(body)
    assert name.endswith(".csv")
    assert rows[0][0] == "멘토"
    assert sorted(row[0] for row in rows[1:]) == sorted(mentor_names)
    assert any(int(row[7]) > 0 for row in rows[1:]), "no mentor has logged hours"


def test_sponsor_reads_its_report(journey: Journey) -> None:
    page = journey.page
    journey.log_in("sponsor@sangsaeng-demo.kr")
    page.locator("#results-link").click()
    expect(page.locator("h1")).to_contain_text(
        re.compile("삼성전자|Samsung Electronics")
    )  # its English name, once shown
    journey.check("sponsor-report", charts=3)
    numbers_in_one_piece(journey, ".figure-value, td, tbody th")
    total = page.locator("#sponsor-programmes tbody tr").last
    pledged = won(total.locator("th, td").nth(1).inner_text())
    assert pledged > 0
    rows, book = downloads(journey)
    assert rows[-1][0] == "합계"
    assert int(rows[-1][1]) == pledged
    assert book["프로그램"][-1][1] == pledged


def test_sme_outcomes_dashboard(journey: Journey) -> None:
    page = journey.page
    journey.log_in("sme@sangsaeng-demo.kr")
    page.locator("#results-link").click()
    expect(page.locator("h1")).to_contain_text(re.compile("대성정밀|Daesung Precision"))
    journey.check("sme-dashboard", charts=1)
    numbers_in_one_piece(journey, ".figure-value, td, tbody th")
    expect(page.locator("#sme-kpis tbody tr").first).to_be_visible()
    # The demo SME's two mentors at least (other journeys of the session may have proposed more).
    expect(page.locator("#sme-mentors tbody tr").nth(1)).to_be_visible()


def test_public_statistics(journey: Journey) -> None:
    page = journey.page
    journey.goto("/")
    journey.follow(
        page.locator("nav.navbar").get_by_role("link", name=journey.say("통계", "Statistics")), "stats", charts=3
    )
    numbers_in_one_piece(journey, ".figure-value, td, tbody th")
    figures = page.locator("#stats-figures")
    expect(figures).to_contain_text(journey.words("억", "billion"))  # the sums in words a phone's card holds
    by_state = [int(count) for count in cells(page.locator("#stats-chart-1 table"), 1)]
    assert sum(by_state) > 0
    expect(page.locator("#stats-kpis tbody tr").first).to_be_visible()
