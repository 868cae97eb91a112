"""The lines of a sponsor's shared-growth (동반성장) evidence report, as features register them.

A large firm submits, per year, what it gave SMEs and what that achieved: money, SMEs supported, consulting,
training, mentors, the SMEs' KPI changes. Each of those is a *line*, computed by the feature that keeps its
records and registered here by the app factory (`register_line`), so the core names no feature. A figure the
index asks for whose feature has not registered a line is shown as "not recorded on Sangsaeng yet".
Every figure carries the records it counts, so a reader can trace it back (ledger transactions, projects,
engagements, KPI values).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.auth.models import User


@dataclass(frozen=True)
class Scope:
    """Whose report, for which year (a calendar year in Korea), read by whom, in which language."""

    organisation_id: int
    year: int
    viewer: User
    locale: str


@dataclass(frozen=True)
class Record:
    """One record a figure counts: its kind and id, what it is, what it adds, and its page if the viewer has one."""

    kind: str  # "ledger_transaction", "project", "engagement", "kpi_value", "voucher" …
    id: int
    label: str  # whose or what: a programme's name, an SME's, a mentor's
    detail: str = ""  # what happened, when
    amount: int | Decimal | str | None = None
    endpoint: str | None = None  # a page of the record, for url_for
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    key: str
    label: Any  # lazy gettext
    value: int | Decimal | None
    unit: str  # "krw", "count", "percent", "jobs", "hours"
    records: Sequence[Record] = ()
    note: Any = ""  # how it is counted, in one sentence


@dataclass(frozen=True)
class Table:
    """Detail under a line (the supported SMEs' KPIs, one row each)."""

    headers: Sequence[Any]
    rows: Sequence[Sequence[object]]


@dataclass(frozen=True)
class Line:
    key: str
    label: Any
    figures: Sequence[Figure]
    recorded: bool = True  # False: no feature records this yet
    table: Table | None = None


LineFunction = Callable[[Session, Scope], Line]

# What a record is, in words (a feature's own kinds show as their key until added here).
RECORD_KINDS = {
    "ledger_transaction": _l("ledger transaction"),
    "project": _l("project"),
    "engagement": _l("mentoring engagement"),
    "kpi_value": _l("KPI value"),
    "voucher": _l("consulting voucher"),
    "course": _l("training course"),
    "enrolment": _l("course enrolment"),
}


def record_kind_label(kind: str) -> str:
    return str(RECORD_KINDS.get(kind, kind))


@dataclass(frozen=True)
class Slot:
    key: str
    label: Any


# The figures the shared-growth index asks for, in the report's order; a feature fills each by registering.
SLOTS: tuple[Slot, ...] = (
    Slot("money", _l("Money pledged, committed and paid")),
    Slot("smes", _l("SMEs supported")),
    Slot("consulting", _l("Consulting delivered")),
    Slot("training", _l("Staff trained")),
    Slot("mentors", _l("Mentors sent")),
    Slot("outcomes", _l("The supported SMEs' KPI changes")),
)
LINES: dict[str, LineFunction] = {}


def register_line(key: str, compute: LineFunction) -> None:
    """A feature's line (by key: a second app in the same process registers the same one)."""
    LINES[key] = compute


def report_lines(session: Session, scope: Scope) -> list[Line]:
    """Every slot's line, computed by its feature or marked not recorded; then lines of keys outside the slots."""
    keys = [slot.key for slot in SLOTS] + [key for key in LINES if key not in {slot.key for slot in SLOTS}]
    labels = {slot.key: slot.label for slot in SLOTS}
    lines = []
    for key in keys:
        compute = LINES.get(key)
        lines.append(compute(session, scope) if compute else Line(key, labels[key], (), recorded=False))
    return lines
