"""The shared PDF builder: Korean and English text comes back out as text, user markup prints as typed."""

import io

from pypdf import PdfReader

from marketplace.pdf import Grid, Heading, Text, pdf_document


def _text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_korean_and_english_read_back_as_text():
    body = pdf_document(
        "수료증 · Certificate of completion",
        [
            Heading("스마트공장 AI 분석 과정"),
            Text("김철수 <b>& Co</b>"),
            Grid(["항목", "금액"], [["후원금", 60_400_000]]),
        ],
    )
    text = _text(body)
    assert body.startswith(b"%PDF")
    assert "수료증" in text
    assert "Certificate of completion" in text
    assert "스마트공장 AI 분석 과정" in text
    assert "김철수 <b>& Co</b>" in text  # markup typed by a user is printed, not interpreted
    assert "60,400,000" in text


def test_same_figures_give_the_same_bytes():
    blocks = [Text("반월·시화")]
    assert pdf_document("보고서", blocks) == pdf_document("보고서", blocks)


def test_long_tables_flow_onto_more_pages():
    body = pdf_document("Report", [Grid(["#"], [[n] for n in range(300)])])
    assert len(PdfReader(io.BytesIO(body)).pages) > 1
