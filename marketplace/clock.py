"""The one clock for calendar days: the product's dates (deadlines, log months, agreed-on days) are days in
Korea, whatever zone the server runs in. Services take `today` as an argument; callers (views, the API, CLI
commands, job tasks) read it here and pass it in. Instants are stored in UTC (marketplace.db.utcnow).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

KOREA = ZoneInfo("Asia/Seoul")


def today() -> date:
    """Today's date in Asia/Seoul."""
    return datetime.now(KOREA).date()


def day_of(instant: datetime) -> date:
    """The day in Asia/Seoul on which a stored (UTC) instant fell: comparable with `today()`."""
    return instant.astimezone(KOREA).date()
