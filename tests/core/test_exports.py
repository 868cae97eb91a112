"""Downloads and figure-card sums: what a spreadsheet opens and what a phone's card shows; formula neutralisation."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from marketplace.amounts import english_won, korean_won
from marketplace.exports import excel_csv, excel_xlsx, neutralise

NBSP = "\u00a0"
ATTACKS = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("name", ATTACKS)
def test_a_name_that_looks_like_a_formula_stays_text(name):
    text = excel_csv(("이름", "금액(원)"), [(name, 1_000), ("대성정밀", -5)])
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[1] == ["'" + name, "1000"]
    assert rows[2] == ["대성정밀", "-5"]  # numbers, negative ones included, stay numbers
    sheet = load_workbook(io.BytesIO(excel_xlsx([("표", ("이름", "금액(원)"), [(name, 1_000)])]))).active
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value.startswith("'")  # XML keeps a \r as \n: the apostrophe is what matters
    assert sheet["B2"].value == 1_000


@pytest.mark.parametrize(
    ("amount", "korean", "english"),
    [
        (2_532_000_000, f"25억 3,200만{NBSP}원", f"₩2.53{NBSP}billion"),
        (49_365_500_000, f"493억 6,550만{NBSP}원", f"₩49.37{NBSP}billion"),
        (634_500_000, f"6억 3,450만{NBSP}원", f"₩634.5{NBSP}million"),
        (100_000_000, f"1억{NBSP}원", f"₩100{NBSP}million"),
        (12_345_678, f"1,234만 5,678{NBSP}원", f"₩12.35{NBSP}million"),
        (9_999, f"9,999{NBSP}원", "₩9,999"),
        (0, f"0{NBSP}원", "₩0"),
        (-30_000, f"-3만{NBSP}원", "-₩30,000"),
    ],
)
def test_large_sums_read_in_units(amount, korean, english):
    assert korean_won(amount) == korean
    assert english_won(amount) == english


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("＝HYPERLINK()", "'＝HYPERLINK()"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠SUM", "'＠SUM"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("삼성전자", "삼성전자"),
        ("a=b", "a=b"),
        ("", ""),
        (-5_000, -5_000),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, None),
    ],
)
def test_neutralise(cell, written):
    assert neutralise(cell) == written
