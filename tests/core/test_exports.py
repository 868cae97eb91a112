"""Formula neutralisation: the one rule every CSV and .xlsx cell passes through (a unit table)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.exports import neutralise


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
