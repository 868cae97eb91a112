"""The Korean words of the funds pages: a programme is 지원사업, a project is 과제, and each is only that."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).parents[2] / "marketplace/translations/ko/LC_MESSAGES/messages.po"
# 사업 inside these words is neither a programme nor a project: the cost (총사업비, 사업비) and the business
# registration number (사업자); 지원사업 is the programme itself.
COMPOUNDS = re.compile(r"총사업비|사업비|사업자|지원사업")


def translations() -> list[tuple[str, str]]:
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    return [(m.id, m.string) for m in catalogue if m.id and isinstance(m.id, str) and m.string]


def test_a_programme_is_never_called_a_project_and_a_project_never_a_programme():
    faults = []
    for english, korean in translations():
        bare = COMPOUNDS.sub("", korean)
        project = re.search(r"\bprojects?\b", english, re.I) is not None
        programme = re.search(r"\bprogrammes?\b", english, re.I) is not None
        wrong = ("사업", "프로젝트", "프로그램") if project else ("과제", "프로젝트", "프로그램", "사업")
        if project != programme and any(word in bare for word in wrong):
            faults.append((english, korean))
    assert faults == []


@pytest.mark.parametrize(
    ("english", "not_korean"), [("Amount disbursed", "일"), ("Project", "사업"), ("Programme", "과제")]
)
def test_an_amount_is_not_translated_as_a_date_nor_a_project_as_a_programme(english, not_korean):
    korean = dict(translations())[english]
    assert not_korean not in korean, korean
