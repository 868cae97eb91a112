"""The sections of a smart industrial complex's page that count funds', mentoring's and outcomes' records.

Each is a function (session, scope) -> ComplexSection registered by the app factory (marketplace/page_sections.py).
A tenant is an SME organisation whose industrial complex is one of the smart complex's; its projects are the ones
it applied for. Money and KPIs are the public's only when they sum or average at least MIN_FIRMS firms
(`scope.shown`); counts of projects, programmes and mentors are public. docs/complexes.md says what each counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from funds.benefits.reads import confirmed_vouchers, delivered
from funds.models import COMMITTED_STATES, Project, ProjectStatus
from funds.reports.charts import bar_chart
from funds.reports.formats import states_chart
from marketplace.needs.models import Need
from marketplace.organisations.models import Organisation
from marketplace.page_sections import HIDDEN, MIN_FIRMS, Card, ComplexScope, ComplexSection, Table
from marketplace.programmes.models import SponsorProgramme
from mentors.models import Engagement
from outcomes.complexes.targets import targets_of
from outcomes.kpis import ABSOLUTE, BENCHMARKS, BY_CODE
from outcomes.measures import actual_change, mean, target_change
from outcomes.overview import MENTORED
from outcomes.services import values_by_project

JOBS = "employment"
BENCHMARKED = tuple(benchmark.code for benchmark in BENCHMARKS)  # productivity, defects, cost, jobs per firm


def tenant_ids(session: Session, complexes: Iterable[str]) -> tuple[int, ...]:
    """The SME organisations lying in these industrial complexes."""
    statement = (
        select(Organisation.id)
        .where(Organisation.kind == "sme", Organisation.industrial_complex.in_(list(complexes)))
        .order_by(Organisation.id)
    )
    return tuple(session.scalars(statement))


def _projects(session: Session, scope: ComplexScope) -> list[Project]:
    statement = select(Project).where(Project.sme_organisation_id.in_(scope.tenant_ids)).order_by(Project.id)
    return list(session.scalars(statement))


def _committed(projects: Sequence[Project]) -> list[Project]:
    return [project for project in projects if project.status in COMMITTED_STATES]


def _firms(projects: Iterable[Project]) -> int:
    return len({project.sme_organisation_id for project in projects})


def tenants_section(session: Session, scope: ComplexScope) -> ComplexSection:
    """Tenants on the platform: how many, how many posted a need, how many have a committed project."""
    ids = list(scope.tenant_ids)
    with_needs = session.scalar(select(func.count(distinct(Need.organisation_id))).where(Need.organisation_id.in_(ids)))
    committed = _firms(_committed(_projects(session, scope)))
    figures = {"tenants": len(ids), "with_needs": int(with_needs or 0), "with_committed_projects": committed}
    cards = [
        Card(_("Tenants on the platform"), figures["tenants"]),
        Card(_("Tenants with a need posted"), figures["with_needs"]),
        Card(_("Tenants with a committed project"), committed),
    ]
    return ComplexSection("tenants", _("Tenants"), figures, cards=cards)


def programmes_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    """Sponsor programmes funding tenants' projects or focused on the complex's region, and their sponsors."""
    regions = {organisation.region for organisation in _tenants(session, scope)}
    projects = _projects(session, scope)
    funded = sorted({project.programme_id for project in projects if project.programme_id})
    statement = select(SponsorProgramme).order_by(SponsorProgramme.id)
    programmes = list(session.scalars(statement.where(SponsorProgramme.id.in_(funded))))
    programmes += [
        programme
        for programme in session.scalars(statement.where(SponsorProgramme.id.not_in(funded)))
        if regions & set(programme.focus_regions or ())
    ]
    if not programmes:
        return None
    # One programme's money under MIN_FIRMS firms would also follow from the public sponsor total less the others':
    # so the public sees every programme's money, or none (beside ₩0 where a programme committed nothing here).
    owned = {programme.id: [p for p in projects if p.programme_id == programme.id] for programme in programmes}
    firms = [_firms(_committed(own)) for own in owned.values()]
    few = min((count for count in firms if count), default=MIN_FIRMS)
    rows = []
    for programme in programmes:
        committed = _committed(owned[programme.id])
        amount = sum(project.sponsor_share_krw for project in committed)
        rows.append((programme, owned[programme.id], scope.shown(amount, few) if committed else 0))
    sponsors = sorted({programme.organisation.name_in(scope.locale) for programme, _own, _money in rows})
    figures = {
        "programmes": [
            {"id": programme.id, "name": programme.name, "sponsor": programme.organisation.name_in(scope.locale),
             "projects": len(own), "sponsor_committed_krw": money}
            for programme, own, money in rows
        ],
        "sponsors": sponsors,
    }  # fmt: skip
    headers = [_("Programme"), _("Sponsor"), _("Tenants' projects"), _("Sponsor money committed")]
    table = Table(
        "complex-programmes",
        _("Sponsor programmes funding tenants' projects or focused on the complex's region"),
        headers,
        [
            [Card(headers[0], programme.name, "text"), Card(headers[1], programme.organisation.name_in(scope.locale),
             "text"), Card(headers[2], len(own)), Card(headers[3], money, "money")]
            for programme, own, money in rows
        ],
    )  # fmt: skip
    cards = [Card(_("Programmes"), len(rows)), Card(_("Sponsors involved"), len(sponsors))]
    return ComplexSection("programmes", _("Programmes and sponsors"), figures, cards=cards, tables=[table])


def _tenants(session: Session, scope: ComplexScope) -> list[Organisation]:
    return list(session.scalars(select(Organisation).where(Organisation.id.in_(scope.tenant_ids))))


def projects_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    """Tenants' projects by state."""
    projects = _projects(session, scope)
    if not projects:
        return None
    by_state = [(state, sum(1 for project in projects if project.status == state)) for state in ProjectStatus]
    shown = [(state, count) for state, count in by_state if count]
    figures = {"projects": len(projects), "by_state": {state.value: count for state, count in by_state}}
    cards = [Card(_("Projects"), len(projects)), Card(_("Committed projects"), len(_committed(projects)))]
    return ComplexSection("projects", _("Projects"), figures, cards=cards, charts=[states_chart(shown)])


def money_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    """The cost of tenants' committed projects and each side's share of it (the split the ledger committed)."""
    committed = _committed(_projects(session, scope))
    if not committed:
        return None
    firms = _firms(committed)
    sums = {
        "invested_krw": sum(project.cost_krw for project in committed),
        "government_krw": sum(project.government_share_krw for project in committed),
        "sponsor_krw": sum(project.sponsor_share_krw for project in committed),
        "sme_krw": sum(project.sme_share_krw for project in committed),
    }
    figures = {key: scope.shown(value, firms) for key, value in sums.items()}
    labels = {"invested_krw": _("Invested"), "government_krw": _("Government"), "sponsor_krw": _("Sponsors"),
              "sme_krw": _("SMEs")}  # fmt: skip
    cards = [Card(labels[key], value, "money") for key, value in figures.items()]
    charts = []
    if figures["invested_krw"] is not HIDDEN:
        sides = [key for key in figures if key != "invested_krw"]
        series = [(_("Committed"), [figures[key] for key in sides])]
        charts.append(bar_chart(_("Money committed by each side"), [labels[key] for key in sides], series, money=True))
    notes = [_("The cost of the tenants' projects whose money is committed, and who put it in.")]
    return ComplexSection("money", _("Money committed"), figures, cards=cards, charts=charts, notes=notes)


def mentors_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    """Mentors sent to tenants: engagements accepted or later, with a tenant SME."""
    rows = session.execute(
        select(Engagement.mentor_id, Engagement.organisation_id)
        .where(Engagement.organisation_id.in_(scope.tenant_ids), Engagement.status.in_(MENTORED))
    ).all()  # fmt: skip
    if not rows:
        return None
    figures = {
        "mentors": len({mentor for mentor, _firm in rows}),
        "engagements": len(rows),
        "firms_mentored": len({firm for _mentor, firm in rows}),
    }
    cards = [
        Card(_("Mentors sent"), figures["mentors"]),
        Card(_("Engagements"), figures["engagements"]),
        Card(_("Firms mentored"), figures["firms_mentored"]),
    ]
    return ComplexSection("mentors", _("Mentors sent"), figures, cards=cards)


def consulting_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    """Consulting delivered to tenants: the consulting vouchers they confirmed (any sponsor's, any year), their
    value (public from MIN_FIRMS firms), hours and the firms consulted; officers also see each firm's."""
    confirmed = confirmed_vouchers(session, sme_organisation_ids=scope.tenant_ids)
    if not confirmed:
        return None
    totals = delivered(confirmed)
    figures: dict[str, Any] = {
        "vouchers": totals.count,
        "value_krw": scope.shown(totals.value_krw, totals.smes),
        "hours": totals.hours,
        "firms_consulted": totals.smes,
    }
    cards = [
        Card(_("Consulting vouchers delivered"), totals.count),
        Card(_("Value of the consulting"), figures["value_krw"], "money"),
        Card(_("Hours of consulting"), totals.hours),
        Card(_("Firms consulted"), totals.smes),
    ]
    notes = [_("Consulting vouchers the tenants confirmed after the provider reported the work done, at the value "
               "the sponsor granted.")]  # fmt: skip
    tables = []
    if scope.full:
        firms: dict[int, list[Any]] = defaultdict(list)
        for voucher in confirmed:
            firms[voucher.sme_organisation_id].append(voucher)
        headers = [_("Firm"), _("Vouchers"), _("Hours of consulting"), _("Value of the consulting")]
        rows, per_firm = [], []
        for own in sorted(firms.values(), key=lambda own: own[0].sme_organisation.name):
            name = own[0].sme_organisation.name_in(scope.locale)
            firm = delivered(own)
            per_firm.append({"organisation_id": own[0].sme_organisation_id, "name": name, "vouchers": firm.count,
                             "hours": firm.hours, "value_krw": firm.value_krw})  # fmt: skip
            rows.append([Card(headers[0], name, "text"), Card(headers[1], firm.count), Card(headers[2], firm.hours),
                         Card(headers[3], firm.value_krw, "money")])  # fmt: skip
        figures["firms"] = per_firm
        tables.append(Table("complex-consulting", _("Per firm (officers and admins only)"), headers, rows))
    return ComplexSection("consulting", _("Consulting delivered"), figures, cards=cards, tables=tables, notes=notes)


@dataclass(frozen=True)
class KpiFigure:
    code: str
    firms: int  # firms with a measured change
    actual: Decimal | None  # mean change over the measured projects (HIDDEN for the public under MIN_FIRMS firms)
    planned: Decimal | None  # mean change the tenants' projects target (HIDDEN likewise)
    benchmark: Decimal | None
    target: Decimal | None  # the complex's own


def _changes(
    session: Session, projects: Sequence[Project], measure: Any = actual_change
) -> dict[str, list[tuple[int, Decimal]]]:
    """Per KPI: (firm, change at the latest actual, or targeted) of every project that measured it."""
    values = values_by_project(session, [project.id for project in projects])
    changes: dict[str, list[tuple[int, Decimal]]] = defaultdict(list)
    for project in projects:
        for code in BENCHMARKED:
            delta = measure(BY_CODE[code], values.get(project.id, {}))
            if delta is not None:
                changes[code].append((project.sme_organisation_id, delta))
    return changes


def outcomes_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    """Jobs added and tenants' KPI averages, against the national benchmark and the complex's own targets."""
    projects = _projects(session, scope)
    changes, planned = _changes(session, projects), _changes(session, projects, target_change)
    if not changes and not planned:
        return None
    targets = targets_of(scope.complex.code)
    benchmarks = {benchmark.code: benchmark.value for benchmark in BENCHMARKS}
    rows = []
    for code in BENCHMARKED:
        measured = changes.get(code, [])
        firms = len({firm for firm, _delta in measured})
        actual = scope.shown(mean(delta for _firm, delta in measured), firms) if measured else None
        aimed = planned.get(code, [])
        aim = scope.shown(mean(d for _f, d in aimed), len({f for f, _d in aimed})) if aimed else None
        rows.append(KpiFigure(code, firms, actual, aim, benchmarks.get(code), targets.kpis.get(code)))
    jobs = changes.get(JOBS, [])
    jobs_firms = len({firm for firm, _delta in jobs})
    jobs_added = scope.shown(int(sum(delta for _firm, delta in jobs)), jobs_firms) if jobs else None
    figures = {
        "jobs_added": jobs_added,
        "jobs_target": targets.jobs,
        "targets_by_year": targets.by_year,
        "kpis": [{"code": row.code, "firms": row.firms, "actual_change": row.actual, "tenants_target": row.planned,
                  "national_benchmark": row.benchmark, "complex_target": row.target} for row in rows],
    }  # fmt: skip
    cards = [Card(_("Jobs added"), jobs_added, "jobs")]
    if targets.jobs:
        cards.append(Card(_("Jobs the complex plans by %(year)d", year=targets.by_year), targets.jobs))
    if targets.smart_factories:
        cards.append(Card(_("Smart factories planned by %(year)d", year=targets.by_year), targets.smart_factories))
    headers = [_("KPI"), _("Firms measured"), _("Tenants' target"), _("Actual"), _("National benchmark"),
               _("Complex's target")]  # fmt: skip
    table = Table(
        "complex-kpis",
        _("Mean change from the baseline to the latest actual. Employment: jobs added per firm."),
        headers,
        [
            [Card(headers[0], BY_CODE[row.code].label(), "text"), Card(headers[1], row.firms),
             *(Card(headers[i], value, "jobs" if row.code in ABSOLUTE else "percent")
               for i, value in ((2, row.planned), (3, row.actual), (4, row.benchmark), (5, row.target)))]
            for row in rows
        ],
    )  # fmt: skip
    charts = []
    relative = [row for row in rows if row.code not in ABSOLUTE]
    if any(row.actual or row.planned for row in relative):
        series = [
            (_("Tenants' target"), [row.planned or None for row in relative]),
            (_("Actual"), [row.actual or None for row in relative]),
            (_("Benchmark"), [row.benchmark for row in relative]),
        ]
        if any(row.target is not None for row in relative):
            series.append((_("Complex target"), [row.target for row in relative]))
        labels = [str(BY_CODE[row.code].name) for row in relative]
        charts.append(bar_chart(_("KPI change against the benchmark and the targets"), labels, series, percent=True))
    return ComplexSection("outcomes", _("Jobs and KPIs"), figures, cards=cards, charts=charts, tables=[table])


def firms_section(session: Session, scope: ComplexScope) -> ComplexSection | None:
    """Officers and admins (registered full_only): each tenant's projects, money committed, mentors, KPI changes."""
    if not scope.full:
        return None  # never the public's, whoever registers it
    projects = _projects(session, scope)
    changes = _changes(session, projects)
    mentors = dict(
        session.execute(
            select(Engagement.organisation_id, func.count(distinct(Engagement.mentor_id)))
            .where(Engagement.organisation_id.in_(scope.tenant_ids), Engagement.status.in_(MENTORED))
            .group_by(Engagement.organisation_id)
        ).all()
    )
    headers = [_("Firm"), _("Projects"), _("Government"), _("Sponsors"), _("SMEs"), _("Mentors sent"),
               *(str(BY_CODE[code].name) for code in BENCHMARKED)]  # fmt: skip
    rows, figures = [], []
    for organisation in sorted(_tenants(session, scope), key=lambda o: o.name):
        own = [project for project in projects if project.sme_organisation_id == organisation.id]
        committed = _committed(own)
        kpis = {code: mean(d for firm, d in changes.get(code, []) if firm == organisation.id) for code in BENCHMARKED}
        money = [sum(getattr(p, f"{side}_share_krw") for p in committed) for side in ("government", "sponsor", "sme")]
        figures.append({
            "organisation_id": organisation.id, "name": organisation.name_in(scope.locale), "projects": len(own),
            "government_krw": money[0], "sponsor_krw": money[1], "sme_krw": money[2],
            "mentors": int(mentors.get(organisation.id, 0)), "kpis": kpis,
        })  # fmt: skip
        rows.append([
            Card(headers[0], organisation.name_in(scope.locale), "text"), Card(headers[1], len(own)),
            *(Card(headers[2 + i], amount, "money") for i, amount in enumerate(money)),
            Card(headers[5], int(mentors.get(organisation.id, 0))),
            *(Card(headers[6 + i], kpis[code], "jobs" if code in ABSOLUTE else "percent")
              for i, code in enumerate(BENCHMARKED)),
        ])  # fmt: skip
    table = Table("complex-firms", _("Per firm (officers and admins only)"), headers, rows)
    return ComplexSection("firms", _("Each tenant"), {"firms": figures}, tables=[table])
