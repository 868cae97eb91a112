"""The shared-growth evidence report: each figure exact against the records made here, traced to them; its
PDF, Excel and API; who may see it; lines registered by features."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from funds.benefits import reads, vouchers
from funds.models import LedgerTransaction, PaymentPurpose, Project, TransactionKind
from funds.payments.data import IntentState, RefundState
from funds.payments.effects import settle_payment
from funds.payments.services import open_payment
from funds.projects.services import transition_project
from funds.reports.evidence.formats import evidence_pdf, evidence_xlsx
from funds.reports.evidence.report import evidence_report
from funds.reports.services import sponsor_report
from marketplace import clock
from marketplace.auth.models import Role
from marketplace.errors import NotFound
from marketplace.evidence import LINES, Figure, Line, Scope, register_line, report_lines
from mentors.models import EngagementStatus
from outcomes.kpis import Phase
from outcomes.models import KpiValue
from tests.conftest import log_in
from tests.factories import (
    PASSWORD,
    context_of,
    make_api_token,
    make_engagement,
    make_mentor,
    make_need,
    make_programme,
    make_user,
)
from tests.funds.benefits import grant, grant_command, offer_command, voucher_world
from tests.funds.making import make_project

YEAR = clock.today().year
SITE = "http://127.0.0.1:5000"


def _pay(db_session, sponsor, programme, amount: int, refunded: int = 0, intent_id: str = "pi_1"):
    payment = open_payment(db_session, sponsor, PaymentPurpose.PLEDGE, programme.id, amount)
    payment.stripe_payment_intent_id = intent_id
    settle_payment(db_session, IntentState(intent_id, payment.id, "succeeded", amount, None), site_url=SITE)
    if refunded:
        refund = (RefundState("re_" + intent_id, refunded, "succeeded", None),)
        state = IntentState(intent_id, payment.id, "succeeded", amount, None, refund)
        settle_payment(db_session, state, site_url=SITE)
    return payment


def _kpi(db_session, project, code: str, phase: Phase, value: str, user) -> KpiValue:
    row = KpiValue(project_id=project.id, kpi=code, phase=phase, value=Decimal(value), recorded_by_id=user.id)
    db_session.add(row)
    db_session.flush()
    return row


@pytest.fixture
def year_of_support(app, db_session, world):
    """Pledges, commitments (one released by a cancellation), payments with a refund, KPIs and a mentor."""
    sme = world.sme.user
    with app.test_request_context():
        second = make_programme(
            app, db_session, world.sponsor.user, name='=HYPERLINK("http://x")', pledged_pool_krw=800_000_000
        )
        done = make_project(db_session, world, "completed", cost_krw=90_000_000)
        agreed = make_project(db_session, world, "agreed", cost_krw=60_000_000, programme_id=second.id)
        chosen = make_project(db_session, world, "selected", cost_krw=50_000_000)
        cancelled = make_project(db_session, world, "cancelled", cost_krw=80_000_000)
        waiting = make_project(db_session, world, "applied")
        make_project(db_session, world, "rejected")
        _pay(db_session, world.sponsor.user, world.programme, 10_000_000, intent_id="pi_a")
        _pay(db_session, world.sponsor.user, second, 5_000_000, refunded=2_000_000, intent_id="pi_b")
        kpis = [
            _kpi(db_session, done, "productivity", Phase.BASELINE, "100", sme),
            _kpi(db_session, done, "productivity", Phase.ACTUAL_COMPLETION, "130", sme),
            _kpi(db_session, done, "employment", Phase.BASELINE, "20", sme),
            _kpi(db_session, done, "employment", Phase.ACTUAL_COMPLETION, "23", sme),
            _kpi(db_session, cancelled, "productivity", Phase.BASELINE, "100", sme),  # not supported: not counted
        ]
        mentor = make_mentor(app, db_session)
        sent = make_engagement(db_session, mentor, done.need, status=EngagementStatus.ACTIVE,
                               project_id=done.id, start_date=date(YEAR, 3, 2))  # fmt: skip
        make_engagement(db_session, make_mentor(app, db_session), make_need(db_session, sme),
                        status=EngagementStatus.ACTIVE, start_date=date(YEAR, 3, 2))  # the SME's own  # fmt: skip
        make_engagement(db_session, make_mentor(app, db_session), chosen.need, project_id=chosen.id,
                        status=EngagementStatus.DECLINED, start_date=date(YEAR, 3, 2))  # no mentor went  # fmt: skip
        make_engagement(db_session, make_mentor(app, db_session), waiting.need, project_id=waiting.id,
                        status=EngagementStatus.ACTIVE, start_date=date(YEAR, 3, 2))  # not supported yet  # fmt: skip
        db_session.commit()
    world.second, world.done, world.agreed, world.chosen, world.cancelled = second, done, agreed, chosen, cancelled
    world.kpis, world.sent = kpis, sent
    return world


def _report(app, db_session, world, year: int = YEAR, locale: str = "en"):
    with app.test_request_context():
        return evidence_report(db_session, world.sponsor.user, world.sponsor.user.organisation_id, year, locale)


def _figure(report, key: str) -> Figure:
    return next(f for line in report.lines for f in line.figures if f.key == key)


def _sponsor_money(project: Project) -> int:
    return project.sponsor_share_krw + (project.sme_share_krw if project.energy_preinvestment else 0)


def _transactions(db_session, kind: TransactionKind, project: Project | None = None) -> list[int]:
    statement = select(LedgerTransaction.id).where(LedgerTransaction.kind == kind).order_by(LedgerTransaction.id)
    if project is not None:
        statement = statement.where(LedgerTransaction.project_id == project.id)
    return list(db_session.scalars(statement))


def test_money_is_net_of_releases_and_refunds_and_traced_to_the_ledger(app, db_session, year_of_support):
    w = year_of_support
    report = _report(app, db_session, w)
    assert report.figure("pledged") == 5_000_000_000 + 800_000_000
    gross = sum(_sponsor_money(p) for p in (w.done, w.agreed, w.cancelled))
    assert report.figure("committed_gross") == gross
    assert report.figure("released") == _sponsor_money(w.cancelled)
    assert report.figure("committed") == _sponsor_money(w.done) + _sponsor_money(w.agreed)  # the cancelled one not
    assert (report.figure("paid"), report.figure("refunded")) == (13_000_000, 2_000_000)
    committed = _figure(report, "committed")
    commits = _transactions(db_session, TransactionKind.COMMIT)
    releases = _transactions(db_session, TransactionKind.RELEASE, w.cancelled)
    assert [r.id for r in committed.records] == commits + releases
    assert sum(r.amount for r in _figure(report, "committed_gross").records) == gross
    paid = _figure(report, "paid")
    assert {r.id for r in paid.records} == set(
        _transactions(db_session, TransactionKind.PAYMENT) + _transactions(db_session, TransactionKind.REFUND)
    )
    for key in ("pledged", "committed", "committed_gross", "released", "paid", "refunded"):
        assert sum(r.amount for r in _figure(report, key).records) == report.figure(key), key  # records add up
    pledges = _figure(report, "pledged").records
    assert {r.label for r in pledges} == {w.programme.name, w.second.name}
    assert all(r.endpoint == "programmes.show" for r in pledges)


def test_summed_over_the_years_money_equals_the_sponsor_report(app, db_session, year_of_support):
    w = year_of_support
    with app.test_request_context():
        totals = sponsor_report(db_session, w.sponsor.user, w.sponsor.user.organisation_id).total
    years = [_report(app, db_session, w, year) for year in (YEAR - 1, YEAR, YEAR + 1)]
    assert sum(r.figure("committed") for r in years) == totals.committed_krw
    assert sum(r.figure("paid") for r in years) == totals.paid_in_krw
    assert sum(r.figure("pledged") for r in years) == totals.pledged_krw
    assert years[0].figure("committed") == years[0].figure("smes") == 0


def test_smes_mentors_and_kpis_count_the_supported_projects(app, db_session, year_of_support):
    w = year_of_support
    report = _report(app, db_session, w)
    assert report.figure("smes") == 1
    assert [r.id for r in _figure(report, "projects").records] == [w.done.id, w.agreed.id, w.chosen.id]
    assert (report.figure("mentors"), report.figure("engagements")) == (1, 1)
    assert [r.id for r in _figure(report, "engagements").records] == [w.sent.id]
    assert report.figure("productivity") == Decimal("30.0")
    assert report.figure("employment") == Decimal("3")
    assert report.figure("defect_rate") is None
    assert [r.id for r in _figure(report, "productivity").records] == [w.kpis[0].id, w.kpis[1].id]
    (outcomes,) = [line for line in report.lines if line.key == "outcomes"]
    assert outcomes.table is not None
    assert [(row[1], row[5]) for row in outcomes.table.rows] == [
        (w.done.id, Decimal("30.0")),
        (w.done.id, Decimal("3")),
    ]


def _agreed_last_year(app, db_session, world, monkeypatch, when: datetime) -> Project:
    """A project agreed at `when`: its ledger transactions and its history dated then."""
    monkeypatch.setattr("funds.ledger.utcnow", lambda: when)
    monkeypatch.setattr("funds.projects.services.utcnow", lambda: when)
    with app.test_request_context():
        project = make_project(db_session, world, "agreed", cost_krw=60_000_000)
    monkeypatch.undo()
    return project


def test_a_commitment_of_another_year_is_counted_in_its_year(app, db_session, world, monkeypatch):
    project = _agreed_last_year(app, db_session, world, monkeypatch, datetime(YEAR - 1, 6, 1, 3, tzinfo=UTC))
    before, now = _report(app, db_session, world, YEAR - 1), _report(app, db_session, world)
    assert before.figure("committed") == _sponsor_money(project)
    assert before.figure("smes") == 1
    assert now.figure("committed") == now.figure("smes") == 0


def test_every_slot_is_recorded_by_its_feature(app, db_session, world):
    report = _report(app, db_session, world)
    lines = {line.key: line for line in report.lines}
    assert list(lines) == ["money", "smes", "consulting", "training", "mentors", "outcomes"]
    assert lines["training"].recorded  # marketplace.training registers it: a sponsor running no course counts 0
    assert next(f.value for f in lines["training"].figures if f.key == "courses") == 0
    assert lines["money"].recorded
    assert lines["consulting"].recorded  # consulting vouchers (funds.benefits)
    assert [(f.key, f.value) for f in lines["consulting"].figures] == [
        ("vouchers", 0),
        ("consulting_value", 0),
        ("consulting_hours", 0),
        ("consulting_smes", 0),
    ]


def _deliver(db_session, world, voucher, sme, confirmed_on: date | None) -> None:
    vouchers.transition_voucher(db_session, context_of(world.supplier), voucher, "report", "에너지 진단 40시간 완료")
    if confirmed_on is not None:
        vouchers.transition_voucher(db_session, context_of(sme, confirmed_on), voucher, "confirm")


@pytest.fixture
def consulting(app, db_session):
    """A sponsor's vouchers: two confirmed this year (₩15M/40 h, ₩12M/30 h), one last year, one only delivered, one
    only granted; and another sponsor's, confirmed this year."""
    w = voucher_world(app, db_session)
    terms = {"value_krw": 12_000_000, "hours": 30, "scope": "management"}
    command = offer_command(provider_organisation_id=w.supplier.organisation_id, **terms)
    smaller = vouchers.add_offer(db_session, context_of(w.sponsor), w.programme, command)
    made = []
    for offer, confirmed_on in ((w.offer, date(YEAR, 3, 4)), (smaller, date(YEAR, 6, 1)),
                                (w.offer, date(YEAR - 1, 12, 30)), (w.offer, None), (w.offer, "granted")):  # fmt: skip
        sme = w.sme if not made else make_user(app, db_session, Role.SME)
        voucher = vouchers.grant_voucher(
            db_session, context_of(w.sponsor), grant_command(offer_id=offer.id, sme_organisation_id=sme.organisation_id)
        )
        if confirmed_on != "granted":
            _deliver(db_session, w, voucher, sme, confirmed_on)
        made.append(voucher)
    other = voucher_world(app, db_session)
    _deliver(db_session, other, grant(db_session, other), other.sme, date(YEAR, 5, 5))
    db_session.commit()
    w.vouchers = made
    return w


def _consulting_report(app, db_session, w, viewer=None, locale: str = "en"):
    with app.test_request_context():
        return evidence_report(db_session, viewer or w.sponsor, w.sponsor.organisation_id, YEAR, locale)


def test_consulting_counts_the_years_confirmed_vouchers_traced_to_each(app, db_session, consulting):
    w = consulting
    report = _consulting_report(app, db_session, w)
    figures = {f.key: f for line in report.lines if line.key == "consulting" for f in line.figures}
    assert {key: f.value for key, f in figures.items()} == {
        "vouchers": 2,
        "consulting_value": 27_000_000,
        "consulting_hours": 70,
        "consulting_smes": 2,
    }
    assert reads.consulting_delivered(db_session, w.sponsor.organisation_id, YEAR) == reads.ConsultingDelivered(
        2, 27_000_000, 70, 2
    )  # the same figure the benefits feature reads
    first, second = w.vouchers[:2]
    for figure in figures.values():
        assert [(r.kind, r.id, r.amount) for r in figure.records] == [
            ("voucher", first.id, 15_000_000),
            ("voucher", second.id, 12_000_000),
        ]
        assert figure.records[0].endpoint == "benefits.voucher"
        assert figure.records[0].args == {"voucher_id": first.id}
        assert figure.records[0].label == w.sme.organisation.name_in("en")
        assert f"{YEAR}-03-04" in figure.records[0].detail
    last_year = _report_for(app, db_session, w, YEAR - 1)
    assert last_year.figure("vouchers") == 1
    assert last_year.figure("consulting_value") == 15_000_000
    officer = make_user(app, db_session, Role.OFFICER)
    assert _consulting_report(app, db_session, w, officer).figure("consulting_value") == 27_000_000


def _report_for(app, db_session, w, year: int):
    with app.test_request_context():
        return evidence_report(db_session, w.sponsor, w.sponsor.organisation_id, year, "en")


def test_consulting_shows_on_the_page_pdf_excel_and_api(app, db_session, consulting):
    w = consulting
    first = w.vouchers[0]
    report = _consulting_report(app, db_session, w)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        pdf = evidence_pdf(report)
        xlsx = evidence_xlsx(report)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Consulting vouchers delivered" in text
    assert "₩27,000,000" in text
    assert "consulting voucher" in text
    book = load_workbook(io.BytesIO(xlsx))
    by_label = {row[1]: row for row in book["Figures"].iter_rows(values_only=True)}
    assert by_label["Value of the consulting"][2] == 27_000_000
    assert by_label["Hours of consulting"][2:4] == (70, "hours")
    records = [tuple(row) for row in book["Value of the consulting"].iter_rows(values_only=True)]
    assert records[1][:2] == ("consulting voucher", first.id)
    assert records[1][4] == 15_000_000
    browser = _browser(app, w.sponsor)
    html = browser.get(f"/reports/shared-growth/{YEAR}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'href="/vouchers/{first.id}"' in html
    assert "₩27,000,000" in html
    assert f'data-kind="voucher" data-id="{first.id}"' in html
    token = make_api_token(app, db_session, w.sponsor)[1]
    body = (
        app.test_client()
        .get(
            f"/api/v1/organisations/{w.sponsor.organisation_id}/shared-growth?year={YEAR}",
            headers={"Authorization": f"Bearer {token}"},
        )
        .get_json()
    )
    api = {f["key"]: f for line in body["lines"] for f in line["figures"]}
    assert api["consulting_value"]["value"] == 27_000_000
    assert api["consulting_hours"]["unit"] == "hours"
    assert [r["id"] for r in api["vouchers"]["records"]] == [v.id for v in w.vouchers[:2]]


def test_a_feature_adds_a_line_by_registering_one_function(app, db_session, world, monkeypatch):
    monkeypatch.setitem(LINES, "consulting", lambda session, scope: Line("consulting", "Consulting", [
        Figure("vouchers", "Vouchers delivered", scope.year, "count")]))  # fmt: skip
    with app.test_request_context():
        lines = report_lines(db_session, Scope(world.sponsor.user.organisation_id, YEAR, world.sponsor.user, "en"))
    consulting = next(line for line in lines if line.key == "consulting")
    assert consulting.recorded
    assert consulting.figures[0].value == YEAR
    register_line("consulting", LINES["consulting"])  # by key: registering twice keeps one


def test_pdf_reads_back_with_the_figures(app, db_session, year_of_support):
    for locale, words in (("en", "Committed (net)"), ("ko", "동반성장")):
        report = _report(app, db_session, year_of_support, locale=locale)
        with app.test_request_context(headers={"Accept-Language": locale}):
            body = evidence_pdf(report)
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        assert words in text
        assert f"₩{report.figure('committed'):,}" in text
        assert "13,000,000" in text
        assert '=HYPERLINK("http://x")' in text  # printed as typed


def test_excel_has_a_sheet_of_figures_and_one_per_traced_list_with_formulas_neutralised(
    app, db_session, year_of_support
):
    report = _report(app, db_session, year_of_support)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        body = evidence_xlsx(report)
    book = load_workbook(io.BytesIO(body))
    figures = [tuple(row) for row in book["Figures"].iter_rows(values_only=True)]
    by_label = {row[1]: row for row in figures[1:]}
    assert by_label["Committed (net)"][2] == report.figure("committed")
    assert by_label["Paid in (net)"][2] == 13_000_000
    assert by_label["Learners enrolled"][2] == 0  # training is recorded: the sponsor ran no course
    assert by_label["Consulting vouchers delivered"][2] == 0
    pledges = [tuple(row) for row in book["Pledged"].iter_rows(values_only=True)]
    assert pledges[0][:2] == ("Record", "Id")
    assert '\'=HYPERLINK("http://x")' in [row[2] for row in pledges]
    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)
    assert "Committed (net)" in book.sheetnames


def _browser(app, user):
    browser = app.test_client()
    assert log_in(browser, user.email, PASSWORD).status_code == 302
    return browser


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("own sponsor", 200),
        ("other sponsor", 404),
        ("officer", 200),
        ("admin", 200),
        ("sme", 403),
        ("supplier", 403),
        ("mentor", 403),
    ],
)
@pytest.mark.parametrize("form", ["page", "pdf", "xlsx", "api"])
def test_who_sees_a_sponsors_evidence(app, db_session, world, who, status, form):
    roles = {"officer": Role.OFFICER, "admin": Role.ADMIN, "sme": Role.SME, "supplier": Role.SUPPLIER,
             "mentor": Role.MENTOR, "other sponsor": Role.SPONSOR}  # fmt: skip
    user = world.sponsor.user if who == "own sponsor" else make_user(app, db_session, roles[who])
    org = world.sponsor.user.organisation_id
    if form == "api":
        token = make_api_token(app, db_session, user)[1]
        response = app.test_client().get(
            f"/api/v1/organisations/{org}/shared-growth?year={YEAR}", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == status
        if status >= 400:
            assert set(response.get_json()["error"]) >= {"code", "message"}
        return
    suffix = "" if form == "page" else f".{form}"
    response = _browser(app, user).get(f"/reports/shared-growth/{YEAR}{suffix}?organisation={org}")
    assert response.status_code == status


def test_the_page_lists_each_figures_records_with_links(app, db_session, year_of_support):
    w = year_of_support
    browser = _browser(app, w.sponsor.user)
    page = browser.get(f"/reports/shared-growth/{YEAR}", headers={"Accept-Language": "ko"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "근거" in html or "Where this comes from" in html
    assert f'href="/projects/{w.done.id}"' in html
    assert f'data-kind="engagement" data-id="{w.sent.id}"' in html
    assert html.count('class="text-muted not-recorded"') == 0  # consulting and training are recorded
    assert "=HYPERLINK(&#34;http://x&#34;)" in html or "=HYPERLINK(&quot;http://x&quot;)" in html


def test_an_officer_chooses_a_sponsor_and_bad_input_is_a_4xx(app, db_session, year_of_support):
    officer = make_user(app, db_session, Role.OFFICER)
    browser = _browser(app, officer)
    choose = browser.get(f"/reports/shared-growth/{YEAR}")
    assert choose.status_code == 200
    assert f"organisation={year_of_support.sponsor.user.organisation_id}" in choose.get_data(as_text=True)
    assert browser.get(f"/reports/shared-growth/{YEAR}?organisation=abc").status_code == 404
    assert (
        browser.get(f"/reports/shared-growth/{YEAR}?organisation={officer.organisation_id or 999999}").status_code
        == 404
    )
    assert (
        browser.get(
            f"/reports/shared-growth/1999?organisation={year_of_support.sponsor.user.organisation_id}"
        ).status_code
        == 404
    )
    assert browser.get("/reports/shared-growth/").status_code == 302


def test_the_api_answers_figures_with_their_traced_ids(app, db_session, year_of_support):
    w = year_of_support
    org = w.sponsor.user.organisation_id
    response = app.test_client().get(
        f"/api/v1/organisations/{org}/shared-growth?year={YEAR}", headers=w.sponsor.headers
    )
    assert response.status_code == 200
    body = response.get_json()
    figures = {f["key"]: f for line in body["lines"] for f in line["figures"]}
    assert figures["committed"]["value"] == _sponsor_money(w.done) + _sponsor_money(w.agreed)
    assert [r["id"] for r in figures["projects"]["records"]] == [w.done.id, w.agreed.id, w.chosen.id]
    assert figures["productivity"]["value"] == "30.0"
    assert all(line["recorded"] for line in body["lines"])
    assert figures["learners_enrolled"]["value"] == 0  # training is recorded: the sponsor ran no course
    bad = app.test_client().get(f"/api/v1/organisations/{org}/shared-growth?year=20x6", headers=w.sponsor.headers)
    assert bad.status_code == 400
    assert "year" in bad.get_json()["error"]["fields"]
    missing = app.test_client().get("/api/v1/organisations/999999/shared-growth", headers=w.sponsor.headers)
    assert missing.status_code == 404


def test_another_sponsors_report_is_not_found_in_the_service(app, db_session, world):
    other = make_user(app, db_session, Role.SPONSOR)
    with app.test_request_context(), pytest.raises(NotFound):
        evidence_report(db_session, other, world.sponsor.user.organisation_id, YEAR, "en")


def test_a_cancellation_next_year_takes_the_commitment_off_the_year_it_was_made(app, db_session, world, monkeypatch):
    project = _agreed_last_year(app, db_session, world, monkeypatch, datetime(YEAR - 1, 11, 20, 3, tzinfo=UTC))
    with app.test_request_context():
        transition_project(db_session, context_of(world.sme.user), project, "cancel", "공장 이전")
        db_session.commit()
    before, now = _report(app, db_session, world, YEAR - 1), _report(app, db_session, world)
    assert before.figure("committed_gross") == before.figure("released") == _sponsor_money(project)
    assert before.figure("committed") == before.figure("smes") == 0
    assert [r.id for r in _figure(before, "released").records] == _transactions(db_session, TransactionKind.RELEASE)
    assert now.figure("committed") == now.figure("released") == 0  # never negative in the year of the release


def test_kepcos_demo_evidence_shows_its_confirmed_voucher(app, db_session):
    """The demo world: 반월도금 confirmed KEPCO's ₩15M, 40-hour energy-efficiency voucher today."""
    from marketplace.demo.benefits import KEPCO
    from marketplace.demo.people import demo_members
    from marketplace.organisations.models import OrganisationKind
    from tests.mentors.test_demo_mentors import seed

    seed(app, db_session)
    kepco, user = demo_members(db_session, OrganisationKind.SPONSOR)[KEPCO]
    with app.test_request_context():
        report = evidence_report(db_session, user, kepco.id, YEAR, "ko")
    assert [report.figure(key) for key in ("vouchers", "consulting_value", "consulting_hours", "consulting_smes")] == [
        1, 15_000_000, 40, 1
    ]  # fmt: skip
    record = _figure(report, "consulting_value").records[0]
    assert (record.kind, record.endpoint, record.amount) == ("voucher", "benefits.voucher", 15_000_000)
    assert "반월" in record.label
