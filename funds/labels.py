"""Labels of the funds pages in the reader's language: project states and actions, parties, ledger kinds, rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from funds.models import ANY_TIER
from marketplace import reference
from marketplace.i18n import current_language
from marketplace.templating import format_krw

PROJECT_STATUS_LABELS = {
    "applied": _l("Applied"),
    "selected": _l("Selected by the sponsor"),
    "agreed": _l("Agreed: money committed"),
    "designing": _l("Designing"),
    "building": _l("Building"),
    "inspected": _l("Inspected"),
    "completed": _l("Completed"),
    "rejected": _l("Rejected"),
    "cancelled": _l("Cancelled"),
}
PROJECT_ACTION_LABELS = {
    "apply": _l("Applied"),
    "select": _l("Select the project"),
    "agree": _l("Approve the government share and commit the money"),
    "start_design": _l("Start design"),
    "start_build": _l("Start building"),
    "inspect": _l("Pass inspection"),
    "complete": _l("Complete the project"),
    "reject": _l("Reject"),
    "cancel": _l("Cancel the project"),
}
# A project's history, one past-tense line per move: who did what ("삼성전자가 선정함").
HISTORY_LINES = {
    "apply": _l("%(who)s applied"),
    "select": _l("%(who)s selected the project"),
    "agree": _l("%(who)s approved the government share and committed the money"),
    "start_design": _l("%(who)s started the design"),
    "start_build": _l("%(who)s started building"),
    "inspect": _l("%(who)s passed the inspection"),
    "complete": _l("%(who)s completed the project"),
    "reject": _l("%(who)s rejected the application"),
    "cancel": _l("%(who)s cancelled the project"),
}
# What a move does, shown on its confirmation page before it is made (every move is final).
MOVE_CONSEQUENCES = {
    "select": _l(
        "Your programme takes on this project. An officer then approves the government share; "
        "the SME and the officers are told."
    ),
    "agree": _l(
        "%(government)s is committed from the government budget and %(sponsor)s from the sponsor's pool, "
        "and the SME owes %(sme)s. Only cancelling the project releases the money."
    ),
    "start_design": _l("The design starts; the design deadline no longer applies."),
    "start_build": _l("The building starts; an officer inspects it when it is done."),
    "inspect": _l("The inspection is passed and the project's money (%(cost)s) is paid out to the supplier."),
    "complete": _l("The project is complete and closed; its outcomes are then measured against the targets."),
    "reject": _l("The application is refused and the project ends. This cannot be undone."),
    "cancel": _l(
        "The project ends. Committed money goes back to the budget and the pool, and what the SME paid by card "
        "is refunded. This cannot be undone."
    ),
}
ACCOUNT_LABELS = {
    "sponsor_pledge": _l("Sponsor pledge"),
    "sponsor_pool": _l("Sponsor pool"),
    "sponsor_repaid": _l("Repaid to the sponsor"),
    "government_appropriation": _l("Government appropriation"),
    "government_budget": _l("Government budget"),
    "sme_contribution": _l("SME contribution"),
    "project_escrow": _l("Project escrow"),
    "supplier_payable": _l("Payable to the supplier"),
    "preinvestment_receivable": _l("Pre-investment receivable"),
    "payer_funds": _l("Paid by card"),
    "payment_cash": _l("Received through Stripe"),
}
TRANSACTION_LABELS = {
    "pledge": _l("Pledge"),
    "budget": _l("Budget"),
    "commit": _l("Commitment"),
    "release": _l("Commitment released"),
    "disburse": _l("Disbursement"),
    "repay": _l("Repayment"),
    "correction": _l("Correction"),
    "payment": _l("Card payment"),
    "refund": _l("Refund"),
}
PAYMENT_STATUS_LABELS = {
    "pending": _l("Not sent yet"),
    "processing": _l("Waiting for confirmation"),
    "succeeded": _l("Paid"),
    "failed": _l("Failed"),
    "canceled": _l("Cancelled"),
}
REFUND_STATUS_LABELS = {"pending": _l("Being refunded"), "succeeded": _l("Refunded"), "failed": _l("Refund failed")}
PAYMENT_PURPOSE_LABELS = {"pledge": _l("Pledge payment"), "sme_share": _l("SME share of a project")}
# Why a card payment failed, in words a payer can act on (Stripe's codes as keys).
PAYMENT_FAILURES = {
    "card_declined": _l("Your card was declined. Nothing was charged; try another card or call your card company."),
    "authentication_required": _l(
        "Your card asks for 3-D Secure authentication, which this checkout does not support. "
        "Nothing was charged; use another card."
    ),
    "payment_intent_authentication_failure": _l("The card's authentication failed. Nothing was charged."),
    "not_sent": _l("The payment never reached the card service. Nothing was charged."),
}
FIELD_LABELS = {
    "name": _l("Name (Korean)"),
    "name_en": _l("Name (English)"),
    "year": _l("Year"),
    "budget_krw": _l("Budget (KRW)"),
    "requires_sponsor": _l("Needs a sponsor programme"),
    "tier": _l("Funding tier"),
    "government_percent": _l("Government %"),
    "government_cap_krw": _l("Government cap (KRW)"),
    "sponsor_min_percent": _l("Sponsor minimum %"),
    "sponsor_cap_krw": _l("Sponsor cap (KRW)"),
    "sme_max_percent": _l("SME maximum %"),
    "total_cap_krw": _l("Largest project cost (KRW)"),
}
# The party whose won is left over by rounding (funds.government.split): the sponsor, or the SME without one.
REMAINDER_NOTE = {
    True: _l("The won left over by rounding goes to the sponsor."),
    False: _l("The won left over by rounding goes to the SME."),
}


def _label(labels: Mapping[str, Any], key: object) -> str:
    return str(labels.get(str(key), key))


def project_status_label(status: object) -> str:
    return _label(PROJECT_STATUS_LABELS, status)


def payment_status_label(status: object) -> str:
    return _label(PAYMENT_STATUS_LABELS, status)


def refund_status_label(status: object) -> str:
    return _label(REFUND_STATUS_LABELS, status)


def payment_purpose_label(purpose: object) -> str:
    return _label(PAYMENT_PURPOSE_LABELS, purpose)


def payment_failure_text(code: str | None) -> str:
    if not code:
        return ""
    return str(
        PAYMENT_FAILURES.get(
            code, _l("The card service refused the payment (%(code)s). Nothing was charged.", code=code)
        )
    )


def project_action_label(action: str) -> str:
    return _label(PROJECT_ACTION_LABELS, action)


def history_line(event: Any) -> str:
    """One move of a project as a sentence: who (their organisation, or the officer's name) did what."""
    text = HISTORY_LINES.get(event.action)
    if text is None:
        return project_action_label(event.action)
    return str(text) % {"who": subject(_actor_name(event.actor))}


def _actor_name(user: Any) -> str:
    organisation = user.organisation
    if organisation is None:
        return str(user.display_name)
    return str(organisation.name_in(current_language()))


# Whether the Korean reading of a final digit ends in a consonant (영, 일, 삼, 육, 칠, 팔), which takes 이.
DIGIT_ENDS_IN_CONSONANT = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False, "6": True,
                           "7": True, "8": True, "9": False}  # fmt: skip


def subject(name: str) -> str:
    """A name as the subject of a Korean sentence, with its particle (삼성전자가, 대성정밀이); as it is in English."""
    if current_language() != "ko" or not name:
        return name
    spoken = name.rstrip(")]. ")  # 대성정밀(주) is read 대성정밀 주: its particle follows 주
    last = spoken[-1] if spoken else name[-1]
    if last in DIGIT_ENDS_IN_CONSONANT:
        consonant = DIGIT_ENDS_IN_CONSONANT[last]
    elif 0xAC00 <= ord(last) <= 0xD7A3:
        consonant = (ord(last) - 0xAC00) % 28 != 0
    else:
        return f"{name}이(가)"  # a Latin name: its sound is unknown, both particles are shown
    return f"{name}{'이' if consonant else '가'}"


def move_consequence(action: str, project: Any) -> str:
    """What a move will do to this project, in the reader's language (its confirmation page)."""
    text = MOVE_CONSEQUENCES.get(action)
    if text is None:
        return ""
    amounts = {
        "government": format_krw(project.government_share_krw),
        "sponsor": format_krw(project.sponsor_share_krw),
        "sme": format_krw(project.sme_share_krw),
        "cost": format_krw(project.cost_krw),
    }
    return str(text) % amounts


def account_label(kind: object) -> str:
    return _label(ACCOUNT_LABELS, kind)


def transaction_label(kind: object) -> str:
    return _label(TRANSACTION_LABELS, kind)


def field_label(field: str) -> str:
    return _label(FIELD_LABELS, field)


def tier_label(tier: str) -> str:
    if tier == ANY_TIER:
        return _("Any tier")
    return reference.label("funding_tiers", tier, current_language())


def rule_summary(terms: Mapping[str, Any], with_sponsor: bool) -> str:
    """A rule in one line, e.g. "정부 ≤ 30 % (최대 ₩42,000,000) · 대기업 ≥ 30 % · 중소기업 ≤ 40 %"."""
    parts = [_("Government ≤ %(percent)s %%", percent=terms["government_percent"])]
    if terms.get("government_cap_krw"):
        parts[0] += " " + _("(up to %(amount)s)", amount=format_krw(terms["government_cap_krw"]))
    if with_sponsor:
        sponsor = _("Large firm ≥ %(percent)s %%", percent=terms["sponsor_min_percent"])
        if terms.get("sponsor_cap_krw"):
            sponsor += " " + _("(up to %(amount)s)", amount=format_krw(terms["sponsor_cap_krw"]))
        parts.append(sponsor)
    parts.append(_("SME ≤ %(percent)s %%", percent=terms["sme_max_percent"]))
    if terms.get("total_cap_krw"):
        parts.append(_("Project cost ≤ %(amount)s", amount=format_krw(terms["total_cap_krw"])))
    return " · ".join(parts)


def share_percent(share_krw: int, cost_krw: int) -> str:
    """A share of the cost in percent, one decimal (the amounts themselves are exact)."""
    return f"{share_krw * 100 / cost_krw:.1f} %" if cost_krw else "–"


TEMPLATE_GLOBALS: dict[str, Callable[..., str]] = {
    "project_status_label": project_status_label,
    "project_action_label": project_action_label,
    "account_label": account_label,
    "transaction_label": transaction_label,
    "field_label": field_label,
    "tier_label": tier_label,
    "rule_summary": rule_summary,
    "share_percent": share_percent,
    "remainder_note": lambda with_sponsor: str(REMAINDER_NOTE[bool(with_sponsor)]),
    "payment_status_label": payment_status_label,
    "refund_status_label": refund_status_label,
    "payment_purpose_label": payment_purpose_label,
    "payment_failure_text": payment_failure_text,
    "history_line": history_line,
}
