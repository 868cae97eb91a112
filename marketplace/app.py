"""The application factory: it reads as a table of contents of the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from marketplace import unit_of_work
from marketplace.config import load_config
from marketplace.db import db
from marketplace.errors import register_error_handlers
from marketplace.extensions import bootstrap, csrf, limiter, login_manager
from marketplace.i18n import register_i18n
from marketplace.jobs import init_jobs
from marketplace.ops import register_operations
from marketplace.security import register_security
from marketplace.templating import register_template_helpers

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app; nothing heavy happens here (no model loading, migrations or network)."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"), instance_path=str(ROOT / "instance"))
    load_config(app.config, app.instance_path, overrides)
    register_operations(app)  # first: every request gets its id and its timing, even one refused early
    register_extensions(app)
    register_policies()
    register_notification_kinds()
    register_conversation_subjects()
    register_page_sections()
    register_work_queue()
    register_pledge_followers()
    register_attachment_owners()
    register_search_areas()
    register_evidence_lines()
    register_blueprints(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_feature_template_helpers(app)
    register_cli(app)
    init_jobs(app)
    register_metric_sources(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    unit_of_work.init_app(app)  # after db: a writing request has its write lock before the view runs
    csrf.init_app(app)
    limiter.init_app(app)
    bootstrap.init_app(app)
    register_i18n(app)
    register_security(app)
    from marketplace.auth.sessions import register_login

    register_login(app, login_manager)


def register_feature_template_helpers(app: Flask) -> None:
    from funds.benefits.presenting import TEMPLATE_HELPERS as BENEFIT_HELPERS
    from marketplace.attachments.views import TEMPLATE_HELPERS as ATTACHMENT_HELPERS
    from marketplace.matches.presenting import TEMPLATE_HELPERS

    app.jinja_env.globals.update(TEMPLATE_HELPERS)
    app.jinja_env.globals.update(ATTACHMENT_HELPERS)
    app.jinja_env.globals.update(BENEFIT_HELPERS)


def register_policies() -> None:
    """Every resource's policy, the core's and the features', before any request asks `can`."""
    from funds import policies as funds_policies
    from funds.benefits import policies as benefit_policies
    from funds.consortia import policies as consortium_policies
    from marketplace.attachments import policies as attachment_policies
    from marketplace.auth import policies as account_policies
    from marketplace.conversations import policies as conversation_policies
    from marketplace.interests import policies as interest_policies
    from marketplace.needs import policies as need_policies
    from marketplace.organisations import policies as organisation_policies
    from marketplace.policy import register_policies_of
    from marketplace.programmes import policies as programme_policies
    from marketplace.saved_searches import policies as saved_search_policies
    from marketplace.solutions import policies as solution_policies
    from marketplace.training import policies as training_policies
    from mentors import policies as mentor_policies
    from outcomes import policies as outcome_policies
    from outcomes.complexes import policies as complex_policies

    register_policies_of(
        (
            account_policies,
            organisation_policies,
            need_policies,
            solution_policies,
            programme_policies,
            interest_policies,
            conversation_policies,
            attachment_policies,
            saved_search_policies,
            training_policies,
            funds_policies,
            benefit_policies,
            consortium_policies,
            mentor_policies,
            outcome_policies,
            complex_policies,
        )
    )


def register_page_sections() -> None:
    """What features add to pages: matches on a listing's page, mentoring on the dashboard, a smart industrial
    complex's sections (in the order its page shows them)."""
    from flask_babel import lazy_gettext as _l

    from funds.benefits.presenting import listing_benefits
    from funds.consortia.dashboards import consortium_panels
    from funds.consortia.views import programme_section
    from marketplace.matches.views import listing_matches
    from marketplace.page_sections import add_complex_section, add_dashboard_panel, add_listing_section
    from marketplace.training.views import need_courses
    from mentors.dashboards import mentor_panels
    from outcomes.complexes import sections
    from outcomes.complexes.consortia import consortia_section
    from outcomes.complexes.courses import courses_section

    add_listing_section("matches", listing_matches)
    add_listing_section("benefits", listing_benefits)
    add_listing_section("consortium", programme_section)
    add_listing_section("courses", need_courses, "training/_for_need.html")
    add_dashboard_panel("mentoring", mentor_panels)
    add_dashboard_panel("consortia", consortium_panels)
    add_complex_section("tenants", _l("Tenants"), sections.tenants_section)
    add_complex_section("programmes", _l("Programmes and sponsors"), sections.programmes_section)
    add_complex_section("consortia", _l("Consortium members"), consortia_section)
    add_complex_section("projects", _l("Projects"), sections.projects_section)
    add_complex_section("money", _l("Money committed"), sections.money_section)
    add_complex_section("courses", _l("Courses and learners"), courses_section)
    add_complex_section("mentors", _l("Mentors sent"), sections.mentors_section)
    add_complex_section("consulting", _l("Consulting delivered"), sections.consulting_section)
    add_complex_section("outcomes", _l("Jobs and KPIs"), sections.outcomes_section)
    add_complex_section("firms", _l("Each tenant"), sections.firms_section, full_only=True)


def register_attachment_owners() -> None:
    """What files can be attached to: the core's listings and organisations, funds' projects and consulting
    vouchers, mentors' logs and profiles. Their API routes are added before the API's blueprint is registered."""
    from funds.benefits.attachments import VOUCHER_FILES
    from funds.projects.attachments import PROJECT_FILES
    from marketplace.attachments.api import add_api_routes
    from marketplace.attachments.kinds import register
    from marketplace.attachments.owners import CORE_OWNERS
    from mentors.attachments import MENTOR_OWNERS

    kinds = [*CORE_OWNERS, PROJECT_FILES, VOUCHER_FILES, *MENTOR_OWNERS]
    register(*kinds)
    add_api_routes(kinds)


def register_work_queue() -> None:
    """What each role must do now, at the top of its dashboard: the features' items, in this order."""
    from funds.queue import QUEUE_ITEMS as FUNDS_ITEMS
    from marketplace.work_queue import add_queue_item
    from mentors.queue import QUEUE_ITEMS as MENTOR_ITEMS

    for item in (*FUNDS_ITEMS, *MENTOR_ITEMS):
        add_queue_item(item)


def register_pledge_followers() -> None:
    """A sponsor programme's pledge moves its pool in funds' ledger, in the same transaction."""
    from funds.consortia.services import follow_pool
    from funds.ledger.pools import sync_pledge
    from marketplace.programmes.services import follow_pledges

    follow_pledges("ledger pool", sync_pledge)
    follow_pledges("consortium members", follow_pool)  # after the pool: the lead's pledge is what the others leave


def register_search_areas() -> None:
    """What a feature's browse page adds to saved searches (the core's listings are there already)."""
    from marketplace.saved_searches.areas import register_area
    from mentors.services import MENTOR_SEARCH

    register_area(MENTOR_SEARCH)


def register_evidence_lines() -> None:
    """The lines of a sponsor's shared-growth evidence report, by the features that record them (the others show
    as not recorded yet): money, SMEs supported, consulting delivered (vouchers), staff trained (courses), mentors
    sent, the SMEs' KPI changes."""
    from funds.reports.evidence.lines import BUILT_IN_LINES
    from marketplace.evidence import register_line
    from marketplace.training.evidence import training_line

    for key, compute in BUILT_IN_LINES:
        register_line(key, compute)
    register_line("training", training_line)


def register_notification_kinds() -> None:
    """The features' kinds of notification beside the core's, in the order the settings page lists them."""
    from funds.benefits.notices import VOUCHER_KINDS
    from funds.projects.notices import PAYMENT_KINDS, PROJECT_KINDS
    from marketplace.conversations.notices import CONVERSATION_KINDS
    from marketplace.matches.notices import MATCH_KINDS
    from marketplace.notifications.kinds import register
    from marketplace.saved_searches.notices import SAVED_SEARCH_KINDS
    from marketplace.training.notices import TRAINING_KINDS
    from mentors.notices import MENTOR_KINDS

    register(
        *CONVERSATION_KINDS,
        *PROJECT_KINDS,
        *MENTOR_KINDS,
        *PAYMENT_KINDS,
        *SAVED_SEARCH_KINDS,
        *MATCH_KINDS,
        *VOUCHER_KINDS,
        *TRAINING_KINDS,
    )


def register_conversation_subjects() -> None:
    """What a conversation can be about: an accepted interest, a project, a mentor engagement."""
    from funds.projects.conversation import PROJECT_SUBJECT
    from marketplace.conversations.subjects import register
    from marketplace.interests.conversation import INTEREST_SUBJECT
    from mentors.conversation import ENGAGEMENT_SUBJECT

    register(INTEREST_SUBJECT, PROJECT_SUBJECT, ENGAGEMENT_SUBJECT)


def register_blueprints(app: Flask) -> None:
    # Importing a blueprint's views module registers its routes on it.
    from funds.benefits import api as _benefits_api  # noqa: F401
    from funds.benefits.views import bp as benefits_bp
    from funds.consortia import api as _consortia_api  # noqa: F401
    from funds.consortia.views import bp as consortia_bp
    from funds.energy.views import bp as energy_bp
    from funds.government.views import bp as government_bp
    from funds.payments import api as _payment_api  # noqa: F401
    from funds.payments.views import bp as payments_bp
    from funds.payments.views import webhooks as webhooks_bp
    from funds.projects import api as _funds_api  # noqa: F401
    from funds.projects.views import bp as projects_bp
    from funds.reports import api as _reports_api  # noqa: F401
    from funds.reports.views import bp as reports_bp
    from marketplace.admin import api as _admin_api  # noqa: F401
    from marketplace.admin.views import bp as admin_bp
    from marketplace.api.views import bp as api_bp
    from marketplace.attachments.views import bp as attachments_bp
    from marketplace.auth import email_views as _email_views  # noqa: F401  (adds its routes to auth_bp)
    from marketplace.auth import privacy_views as _privacy_views  # noqa: F401
    from marketplace.auth.views import bp as auth_bp
    from marketplace.conversations import api as _conversations_api  # noqa: F401
    from marketplace.conversations.views import bp as conversations_bp
    from marketplace.interests import api as _interests_api  # noqa: F401
    from marketplace.interests.views import bp as interests_bp
    from marketplace.main.views import bp as main_bp
    from marketplace.matches import api as _matches_api  # noqa: F401
    from marketplace.needs import api as _needs_api  # noqa: F401  (each api module adds its /api/v1 routes)
    from marketplace.needs.views import bp as needs_bp
    from marketplace.notifications.views import bp as notifications_bp
    from marketplace.organisations import invitation_api as _invitation_api  # noqa: F401
    from marketplace.organisations import invitation_views as _invitation_views  # noqa: F401
    from marketplace.organisations.views import bp as organisations_bp
    from marketplace.programmes import api as _programmes_api  # noqa: F401
    from marketplace.programmes.views import bp as programmes_bp
    from marketplace.saved_searches import api as _saved_searches_api  # noqa: F401
    from marketplace.saved_searches.views import bp as saved_searches_bp
    from marketplace.solutions import api as _solutions_api  # noqa: F401
    from marketplace.solutions.views import bp as solutions_bp
    from marketplace.training import api as _training_api  # noqa: F401
    from marketplace.training.views import bp as training_bp
    from mentors import api as _mentors_api  # noqa: F401
    from mentors import engagement_views as _engagement_views  # noqa: F401  (adds its routes to mentors_bp)
    from mentors.views import bp as mentors_bp
    from outcomes import api as _outcomes_api  # noqa: F401
    from outcomes.complexes import api as _complexes_api  # noqa: F401
    from outcomes.complexes.views import bp as complexes_bp
    from outcomes.views import bp as outcomes_bp

    listings = (needs_bp, solutions_bp, programmes_bp)
    people = (
        interests_bp,
        conversations_bp,
        notifications_bp,
        saved_searches_bp,
        mentors_bp,
        training_bp,
        admin_bp,
        attachments_bp,
    )
    funds = (
        projects_bp,
        consortia_bp,
        government_bp,
        energy_bp,
        benefits_bp,
        reports_bp,
        payments_bp,
        webhooks_bp,
        outcomes_bp,
        complexes_bp,
    )
    for blueprint in (main_bp, auth_bp, organisations_bp, *listings, *people, *funds, api_bp):
        app.register_blueprint(blueprint)
    csrf.exempt(api_bp)  # the API authenticates by Bearer token only, never by cookie
    csrf.exempt(webhooks_bp)  # Stripe signs its webhooks; the signature is checked instead


def register_metric_sources(app: Flask) -> None:
    from funds.ledger.check import run_checks
    from marketplace.notifications.outbox import backlog_size, oldest_waiting_seconds
    from marketplace.ops.metrics import Gauge, add_gauge, at_most_every

    add_gauge(app, Gauge("sangsaeng_outbox_backlog", "Emails waiting in the outbox to be sent.", backlog_size))
    add_gauge(
        app,
        Gauge("sangsaeng_outbox_oldest_seconds", "Age of the oldest email waiting to be sent.", oldest_waiting_seconds),
    )
    # The ledger scan reads every entry: at most once per LEDGER_CHECK_INTERVAL seconds per worker.
    violations = at_most_every(int(app.config["LEDGER_CHECK_INTERVAL"]), lambda session: len(run_checks(session)))
    add_gauge(
        app,
        Gauge(
            "sangsaeng_ledger_check_violations",
            "Violations `funds check` finds now (0: the ledger is sound).",
            violations,
        ),
    )


def register_cli(app: Flask) -> None:
    from marketplace.cli import register_commands

    register_commands(app)
