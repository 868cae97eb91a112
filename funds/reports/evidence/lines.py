"""The shared-growth report's lines that Sangsaeng records today: money, SMEs supported, consulting delivered,
mentors sent and the supported SMEs' KPI changes. Each is a `marketplace.evidence.LineFunction`, registered by the
app factory.

- Money: `funds.ledger.contributions.sponsor_money` (ledger transactions, net of releases and refunds).
- SMEs supported: distinct SMEs with a project under the firm's programmes that was selected or agreed in the
  year (a `select` or `agree` move dated in the year) and is selected or committed now (not rejected, not
  cancelled).
- Consulting delivered: the consulting vouchers of the firm's programmes that the SME confirmed in the year (by the
  Seoul day of confirmation), at their granted value and hours (funds.benefits.reads; no ledger entry: not cash).
- Mentors sent: engagements that took a mentor (accepted, active, paused or completed), starting in the year,
  that the firm's mentoring programme proposed or that name a project it supports (selected or committed).
- KPI changes: over the supported projects, baseline → latest actual of each KPI (outcomes.measures).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from funds.benefits.reads import confirmed_vouchers, delivered
from funds.labels import project_status_label, transaction_label
from funds.ledger.contributions import Movement, programmes_of, sponsor_money, year_span
from funds.models import COMMITTED_STATES, Project, ProjectEvent, ProjectStatus
from marketplace import reference
from marketplace.clock import day_of
from marketplace.evidence import Figure, Line, Record, Scope, Table
from marketplace.organisations.models import Organisation
from marketplace.policy import can
from marketplace.programmes.models import SponsorProgramme
from mentors.models import Engagement
from outcomes.kpis import ACTUALS, BENCHMARKS, BY_CODE, PHASE_LABELS, Phase
from outcomes.measures import averages, change
from outcomes.models import KpiValue
from outcomes.overview import MENTORED

SUPPORTED_STATES = (ProjectStatus.SELECTED, *COMMITTED_STATES)


def _programme_names(session: Session, movements: Sequence[Movement]) -> dict[int, str]:
    ids = {m.owner_id for m in movements}
    rows = session.execute(select(SponsorProgramme.id, SponsorProgramme.name).where(SponsorProgramme.id.in_(ids)))
    return {int(row[0]): row[1] for row in rows}


def _ledger_records(session: Session, movements: Sequence[Movement], pool: bool, sign: int = 1) -> list[Record]:
    """A record per ledger transaction: linked to its project's page (which lists its entries), a payment's page,
    or the programme's page for a pledge."""
    names = _programme_names(session, movements) if pool else {}
    records = []
    for m in movements:
        label = names.get(m.owner_id, "") if pool else _("Payment #%(id)d", id=m.owner_id)
        detail = f"{transaction_label(m.kind)} · {day_of(m.posted_at).isoformat()}"
        if m.project_id is not None:
            endpoint, args = "projects.show", {"project_id": m.project_id}
            detail += " · " + _("project #%(id)d", id=m.project_id)
        elif pool:
            endpoint, args = "programmes.show", {"programme_id": m.owner_id}
        else:
            endpoint, args = "payments.show", {"payment_id": m.owner_id}
        records.append(
            Record("ledger_transaction", m.transaction_id, label, detail, sign * m.amount_krw, endpoint, args)
        )
    return records


def money_line(session: Session, scope: Scope) -> Line:
    money = sponsor_money(session, scope.organisation_id, scope.year)

    def krw(key: str, label: object, value: int, records: list[Record], note: object) -> Figure:
        return Figure(key, label, value, "krw", records, note)

    pledges, refunds = _ledger_records(session, money.pledges, True), _ledger_records(session, money.refunds, False)
    commitments, releases = (_ledger_records(session, money.commitments, True),
                             _ledger_records(session, money.releases, True))  # fmt: skip
    payments = _ledger_records(session, money.payments, False)
    taken_off = _ledger_records(session, money.releases, True, -1), _ledger_records(session, money.refunds, False, -1)

    figures = [
        krw("pledged", _l("Pledged"), money.pledged_krw, pledges,
            _l("Pledges posted to the programmes' pools in the year (a cut counts negative).")),
        krw("committed", _l("Committed (net)"), money.committed_krw, [*commitments, *taken_off[0]],
            _l("Money that left the pools for projects agreed in the year, less what cancelled projects released.")),
        krw("committed_gross", _l("Committed before releases"), money.committed_gross_krw, commitments,
            _l("Every commitment posted in the year.")),
        krw("released", _l("Released by cancelled projects"), money.released_krw, releases,
            _l("Commitments of the year given back to the pools when their project was cancelled.")),
        krw("paid", _l("Paid in (net)"), money.paid_krw, [*payments, *taken_off[1]],
            _l("Card payments of the pledge captured in the year, less their refunds.")),
        krw("refunded", _l("Refunded"), money.refunded_krw, refunds,
            _l("Refunds of the year's pledge payments.")),
    ]  # fmt: skip
    return Line("money", _l("Money pledged, committed and paid"), figures)


def supported_projects(session: Session, organisation_id: int, year: int) -> list[Project]:
    """Projects under the firm's programmes selected or agreed in the year, and still selected or committed."""
    start, end = year_span(year)
    moved = select(ProjectEvent.project_id).where(
        ProjectEvent.action.in_(("select", "agree")), ProjectEvent.at >= start, ProjectEvent.at < end
    )
    statement = (
        select(Project)
        .where(
            Project.programme_id.in_(programmes_of(organisation_id)),
            Project.status.in_(SUPPORTED_STATES),
            Project.id.in_(moved),
        )
        .options(selectinload(Project.need))
        .order_by(Project.id)
    )
    return list(session.scalars(statement))


def _sme_names(session: Session, projects: Sequence[Project], locale: str) -> dict[int, str]:
    ids = {p.sme_organisation_id for p in projects}
    return {o.id: o.name_in(locale) for o in session.scalars(select(Organisation).where(Organisation.id.in_(ids)))}


def smes_line(session: Session, scope: Scope) -> Line:
    projects = supported_projects(session, scope.organisation_id, scope.year)
    names = _sme_names(session, projects, scope.locale)
    records = [
        Record(
            "project", p.id, names.get(p.sme_organisation_id, ""), f"{p.need.title} · {project_status_label(p.status)}",
            p.sponsor_share_krw, "projects.show", {"project_id": p.id},
        )
        for p in projects
    ]  # fmt: skip
    smes = Figure(
        "smes", _l("SMEs supported"), len({p.sme_organisation_id for p in projects}), "count", records,
        _l("Distinct SMEs with a project under the programmes selected or agreed in the year, not rejected or "
           "cancelled since."),
    )  # fmt: skip
    count = Figure("projects", _l("Projects supported"), len(projects), "count", records, _l("Those projects."))
    return Line("smes", _l("SMEs supported"), [smes, count])


def consulting_line(session: Session, scope: Scope) -> Line:
    confirmed = confirmed_vouchers(session, sponsor_organisation_id=scope.organisation_id, year=scope.year)
    totals = delivered(confirmed)
    records = []
    for voucher in confirmed:
        what = reference.label("consulting_scopes", voucher.scope, scope.locale)
        detail = _("%(scope)s, %(hours)d hours · confirmed %(day)s", scope=what, hours=voucher.hours,
                   day=voucher.confirmed_on.isoformat() if voucher.confirmed_on else "")  # fmt: skip
        page = ("benefits.voucher", {"voucher_id": voucher.id}) if can(scope.viewer, "view", voucher) else (None, {})
        label = voucher.sme_organisation.name_in(scope.locale)
        records.append(Record("voucher", voucher.id, label, detail, voucher.value_krw, *page))
    note = _l(
        "Consulting vouchers of the firm's programmes that the SME confirmed in the year, at their granted value."
    )
    figures = [
        Figure("vouchers", _l("Consulting vouchers delivered"), totals.count, "count", records, note),
        Figure("consulting_value", _l("Value of the consulting"), totals.value_krw, "krw", records, note),
        Figure("consulting_hours", _l("Hours of consulting"), totals.hours, "hours", records, note),
        Figure("consulting_smes", _l("SMEs consulted"), totals.smes, "count", records, note),
    ]
    return Line("consulting", _l("Consulting delivered"), figures)


def mentors_line(session: Session, scope: Scope) -> Line:
    programmes = programmes_of(scope.organisation_id)
    projects = select(Project.id).where(Project.programme_id.in_(programmes), Project.status.in_(SUPPORTED_STATES))
    statement = (
        select(Engagement)
        .where(
            or_(Engagement.programme_id.in_(programmes), Engagement.project_id.in_(projects)),
            Engagement.status.in_(MENTORED),
            and_(Engagement.start_date >= date(scope.year, 1, 1), Engagement.start_date < date(scope.year + 1, 1, 1)),
        )
        .options(selectinload(Engagement.mentor), selectinload(Engagement.organisation))
        .order_by(Engagement.id)
    )
    engagements = list(session.scalars(statement))
    records = []
    for e in engagements:
        label = f"{e.mentor.display_name} → {e.organisation.name_in(scope.locale)}"
        detail = _("from %(day)s, %(months)d months", day=e.start_date.isoformat(), months=e.months)
        page = ("mentors.engagement", {"engagement_id": e.id}) if can(scope.viewer, "view", e) else (None, {})
        records.append(Record("engagement", e.id, label, detail, e.months, *page))
    note = _l(
        "Engagements starting in the year that took a mentor, proposed through the firm's mentoring programme "
        "or naming a project it supports."
    )
    return Line(
        "mentors",
        _l("Mentors sent"),
        [
            Figure("mentors", _l("Mentors sent"), len({e.mentor_id for e in engagements}), "count", records, note),
            Figure("engagements", _l("Mentoring engagements"), len(engagements), "count", records, note),
        ],
    )


def _latest(values: dict[tuple[str, Phase], KpiValue], code: str) -> KpiValue | None:
    return next((values[(code, phase)] for phase in ACTUALS if (code, phase) in values), None)


def outcomes_line(session: Session, scope: Scope) -> Line:
    projects = supported_projects(session, scope.organisation_id, scope.year)
    names = _sme_names(session, projects, scope.locale)
    rows: dict[int, dict[tuple[str, Phase], KpiValue]] = {p.id: {} for p in projects}
    for value in session.scalars(select(KpiValue).where(KpiValue.project_id.in_(list(rows))).order_by(KpiValue.id)):
        rows[value.project_id][(value.kpi, value.phase)] = value
    means = {
        row.kpi.code: row for row in averages([{key: v.value for key, v in values.items()} for values in rows.values()])
    }
    figures, table = [], []
    for benchmark in BENCHMARKS:
        kpi = BY_CODE[benchmark.code]
        records = []
        for project in projects:
            values = rows[project.id]
            baseline, latest = values.get((kpi.code, Phase.BASELINE)), _latest(values, kpi.code)
            delta = change(kpi, baseline.value if baseline else None, latest.value if latest else None)
            if baseline is None or latest is None or delta is None:
                continue
            sme = names.get(project.sme_organisation_id, "")
            where = _("project #%(id)d", id=project.id)
            args = {"project_id": project.id}
            for value in (baseline, latest):
                detail = f"{where} · {PHASE_LABELS[value.phase]}"
                records.append(Record("kpi_value", value.id, sme, detail, value.value, "outcomes.project_kpis", args))
            table.append((sme, project.id, kpi.label(), baseline.value, latest.value, delta))
        unit = "jobs" if kpi.code == "employment" else "percent"
        note = _l("Mean change from the baseline to the latest actual over the supported projects that measured both.")
        figures.append(Figure(kpi.code, kpi.name, means[kpi.code].actual, unit, records, note))
    headers = (_l("SME"), _l("Project"), _l("KPI"), _l("Baseline"), _l("Latest actual"), _l("Change"))
    return Line("outcomes", _l("The supported SMEs' KPI changes"), figures, table=Table(headers, table))


BUILT_IN_LINES = (
    ("money", money_line),
    ("smes", smes_line),
    ("consulting", consulting_line),
    ("mentors", mentors_line),
    ("outcomes", outcomes_line),
)
