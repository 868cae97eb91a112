"""The programme officer's dashboard (by region, industrial complex, tier or category) and the public statistics.

Both read the same sums: government money from funds.reports (committed = what left the budgets), projects by
state, mentors engaged, and the KPI averages against the public benchmark. The public page shows aggregates
only, and hides any group of fewer than MIN_GROUP projects so that no single firm's figures can be read off it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, select, true
from sqlalchemy.orm import Session

from funds.models import COMMITTED_STATES, GovernmentProgramme, Project, ProjectStatus
from funds.pools import budget_balance
from funds.reports import DIMENSIONS, breakdown, by_state
from marketplace import reference
from marketplace.auth.models import User
from marketplace.needs.models import Need
from marketplace.policy import ensure
from marketplace.validation import fail
from mentors.models import Engagement, EngagementStatus
from outcomes.measures import KpiAverage, averages, benchmarked
from outcomes.policies import ProgrammeOverview
from outcomes.services import values_by_project

E = EngagementStatus
MENTORED = (E.ACCEPTED, E.ACTIVE, E.PAUSED, E.COMPLETED)  # a mentor was actually sent
MIN_GROUP = 3
DIMENSION_KEYS = tuple(key for key, _heading, _table, _column in DIMENSIONS)


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    projects: int
    committed_projects: int
    committed_krw: int  # the government's share of the committed projects
    by_state: dict[ProjectStatus, int]
    mentors: int  # distinct mentors sent to the group's SMEs
    averages: list[KpiAverage]  # the benchmarked KPIs


@dataclass(frozen=True)
class Overview:
    dimension: str
    heading: Any
    budget_krw: int
    committed_krw: int
    remaining_krw: int
    projects: int
    by_state: list[tuple[ProjectStatus, int]]
    mentors: int
    averages: list[KpiAverage]
    groups: list[Group]


def _mentors(session: Session, column: Any) -> dict[str | None, int]:
    """Distinct mentors sent, per value of a Need or Project column (the engagement's need, or its project)."""
    model = column.class_
    link = Engagement.project_id if model is Project else Engagement.need_id
    statement = (
        select(column, func.count(distinct(Engagement.mentor_id)))
        .select_from(Engagement)
        .join(model, model.id == link)
        .where(Engagement.status.in_(MENTORED))
        .group_by(column)
    )
    return {code: int(count) for code, count in session.execute(statement)}


def _projects_by_group(session: Session, column: Any) -> dict[str | None, list[tuple[int, ProjectStatus]]]:
    rows = session.execute(select(Project.id, Project.status, column).join(Need, Need.id == Project.need_id))
    groups: dict[str | None, list[tuple[int, ProjectStatus]]] = defaultdict(list)
    for project_id, status, code in rows:
        groups[code].append((project_id, status))
    return groups


def _mentors_total(session: Session) -> int:
    statement = select(func.count(distinct(Engagement.mentor_id))).where(Engagement.status.in_(MENTORED))
    return int(session.scalar(statement) or 0)


def programme_overview(session: Session, actor: User, dimension: str = "region", locale: str = "ko") -> Overview:
    """Budget use, projects by state, mentors and KPI averages, overall and per group of one dimension."""
    ensure(actor, "view", ProgrammeOverview, _l("Only programme officers and admins see this report."))
    if dimension not in DIMENSION_KEYS:
        raise fail("by", _l("Choose a value from the list."))
    _key, heading, table, column = next(item for item in DIMENSIONS if item[0] == dimension)
    balances = [budget_balance(session, programme) for programme in session.scalars(select(GovernmentProgramme))]
    values = values_by_project(session, list(session.scalars(select(Project.id))))
    members = _projects_by_group(session, column)
    mentors = _mentors(session, column)
    groups = [
        Group(
            code=item.code,
            label=item.label,
            projects=item.projects,
            committed_projects=item.committed_projects,
            committed_krw=item.committed_krw,
            by_state={state: sum(1 for _id, s in members[item.code or None] if s == state) for state in ProjectStatus},
            mentors=mentors.get(item.code or None, 0),
            averages=benchmarked(averages(values[i] for i, _s in members[item.code or None] if i in values)),
        )
        for item in breakdown(session, true(), table, column, locale)
    ]
    states = by_state(session, true())
    return Overview(
        dimension=dimension,
        heading=heading,
        budget_krw=sum(balance.total_krw for balance in balances),
        committed_krw=sum(balance.committed_krw for balance in balances),
        remaining_krw=sum(balance.remaining_krw for balance in balances),
        projects=sum(count for _state, count in states),
        by_state=states,
        mentors=_mentors_total(session),
        averages=averages(values.values()),
        groups=groups,
    )


@dataclass(frozen=True)
class PublicStats:
    projects: int
    by_state: list[tuple[ProjectStatus, int]]
    smes: int  # SMEs with a committed project
    # The cost of the committed projects and who put it in; None under MIN_GROUP projects (one firm's contract).
    invested_krw: int | None
    government_krw: int | None
    sponsor_krw: int | None
    sme_krw: int | None
    mentors: int
    regions: list[tuple[str, int]]  # (region, projects); regions under MIN_GROUP folded into one row
    averages: list[KpiAverage]  # a KPI measured on fewer than MIN_GROUP projects shows no average


def _regions(session: Session, locale: str) -> list[tuple[str, int]]:
    statement = select(Need.region, func.count()).select_from(Project).join(Need, Need.id == Project.need_id)
    counts = session.execute(statement.group_by(Need.region)).all()
    shown = sorted(((reference.label("regions", code, locale), int(n)) for code, n in counts if n >= MIN_GROUP),
                   key=lambda row: (-row[1], row[0]))  # fmt: skip
    folded = sum(int(n) for _code, n in counts if n < MIN_GROUP)
    return shown + ([(str(_l("Other regions")), folded)] if folded else [])


def _hidden_if_few(row: KpiAverage) -> KpiAverage:
    return row if row.projects >= MIN_GROUP else replace(row, actual=None, target=None)


def public_stats(session: Session, locale: str = "ko") -> PublicStats:
    """The programme's totals for anyone: counts, sums and averages, never one firm's figures."""
    committed = Project.status.in_(COMMITTED_STATES)
    sums = session.execute(
        select(
            func.count(distinct(Project.sme_organisation_id)),
            func.count(),
            func.coalesce(func.sum(Project.cost_krw), 0),
            func.coalesce(func.sum(Project.government_share_krw), 0),
            func.coalesce(func.sum(Project.sponsor_share_krw), 0),
            func.coalesce(func.sum(Project.sme_share_krw), 0),
        ).where(committed)
    ).one()
    states = by_state(session, true())
    values = values_by_project(session, list(session.scalars(select(Project.id))))
    money = [int(amount) if sums[1] >= MIN_GROUP else None for amount in sums[2:]]
    return PublicStats(
        projects=sum(count for _state, count in states),
        by_state=states,
        smes=int(sums[0]),
        invested_krw=money[0],
        government_krw=money[1],
        sponsor_krw=money[2],
        sme_krw=money[3],
        mentors=_mentors_total(session),
        regions=_regions(session, locale),
        averages=[_hidden_if_few(row) for row in averages(values.values())],
    )
