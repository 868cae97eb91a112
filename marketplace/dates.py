"""Calendar arithmetic the product's rules are written in (engagements of 3–6 months, design due in 3)."""

from __future__ import annotations

from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or earlier for a negative count (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month_first = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month_first - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))
