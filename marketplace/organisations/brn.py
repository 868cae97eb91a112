"""Korean business registration numbers (사업자등록번호): ten digits, the last a check digit.

The National Tax Service's check: weights 1,3,7,1,3,7,1,3,5 on the first nine digits, plus the
tens digit of (ninth digit x 5); the check digit brings the sum up to a multiple of ten.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_SEPARATORS = re.compile(r"[\s-]")


class InvalidBusinessNumber(ValueError):
    """The text is not a valid business registration number; str() is the user-facing reason."""


def check_digit(first_nine: str) -> int:
    """The check digit for the first nine digits of a business registration number."""
    digits = [int(c) for c in first_nine]
    total = sum(d * w for d, w in zip(digits, WEIGHTS, strict=True)) + (digits[8] * 5) // 10
    return (10 - total % 10) % 10


def normalise_brn(raw: str) -> str:
    """The ten digits of a number typed as 123-45-67890, 1234567890 or with spaces; raises if invalid."""
    digits = _SEPARATORS.sub("", raw or "")
    if not digits.isascii() or not digits.isdigit() or len(digits) != 10:
        raise InvalidBusinessNumber(_l("A business registration number has 10 digits, e.g. 123-45-67890."))
    if check_digit(digits[:9]) != int(digits[9]):
        raise InvalidBusinessNumber(
            _l("This business registration number is not valid: its check digit does not match.")
        )
    return digits


def format_brn(digits: str) -> str:
    """123-45-67890, the way the number is printed on a registration certificate."""
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def complete_brn(first_nine: str) -> str:
    """A valid number from nine digits (used by the demo world and test factories)."""
    return first_nine + str(check_digit(first_nine))
