"""Large sums of won in words a reader takes in at a glance: 25억 3,200만 원, ₩2.53 billion.

The figure cards at the top of the reports show these (a phone's half-width card cannot hold
₩2,532,000,000 on one line, and a number broken after a comma misreads); the tables and downloads keep
the exact won.
"""

from __future__ import annotations

EOK = 100_000_000  # 억
MAN = 10_000  # 만
NBSP = "\u00a0"


def korean_won(amount: int) -> str:
    """Exact, in 억 and 만 as Korean is read: 2,532,005,000 -> 25억 3,200만 5,000 원."""
    sign, amount = ("-", -amount) if amount < 0 else ("", amount)
    eok, rest = divmod(amount, EOK)
    man, won = divmod(rest, MAN)
    parts = [f"{eok:,}억"] if eok else []
    parts += [f"{man:,}만"] if man else []
    parts += [f"{won:,}"] if won or not parts else []
    return sign + " ".join(parts) + NBSP + "원"


def english_won(amount: int) -> str:
    """Millions and billions to two decimals at most (₩2.53 billion, ₩634.5 million); exact below a million."""
    sign, size = ("-", -amount) if amount < 0 else ("", amount)
    for unit, name in ((1_000_000_000, "billion"), (1_000_000, "million")):
        if size >= unit:
            figure = f"{size / unit:,.2f}".rstrip("0").rstrip(".")
            return f"{sign}₩{figure}{NBSP}{name}"
    return f"{sign}₩{size:,}"


def short_won(amount: int | None, language: str) -> str:
    if amount is None:
        return "—"
    return korean_won(amount) if language == "ko" else english_won(amount)
