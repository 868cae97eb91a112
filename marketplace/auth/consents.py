"""Consent to the processing of personal data (개인정보 보호법 제15조·제22조), asked at sign-up.

Required items (필수) and optional ones (선택) are shown apart; each consent given is stored with the version
of the text the user was shown and the time. Without every required item an account is not created.
Optional items can be withdrawn (and given again) at any time from the privacy page; a withdrawal keeps
the row, stamped, so what was agreed when stays provable. A changed text gets a new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.auth.models import Consent, User
from marketplace.db import utcnow
from marketplace.errors import NotFound, ValidationFailed


@dataclass(frozen=True)
class ConsentItem:
    key: str
    required: bool
    version: str
    title: object  # lazy text
    text: object


CONSENT_ITEMS = (
    ConsentItem(
        "terms",
        True,
        "2026-12",
        _l("Terms of use"),
        _l(
            "Sangsaeng connects manufacturers, sponsor firms, suppliers, mentors and programme officers. "
            "You keep your listings true and up to date, and use the contact details you receive only for the "
            "project they concern."
        ),
    ),
    ConsentItem(
        "privacy",
        True,
        "2026-12",
        _l("Collection and use of personal information"),
        _l(
            "What we collect: your name, email address, password (stored only as a hash), your organisation and "
            "its business registration number, and what you write on the site. Why: to run your account, match "
            "your listings, and let the parties of a project reach each other. How long: until you close your "
            "account; records the law requires us to keep (payments, the ledger) for 5 years. You may refuse, "
            "but then we cannot open an account for you."
        ),
    ),
    ConsentItem(
        "marketing_email",
        False,
        "2026-12",
        _l("News and programme announcements by email"),
        _l(
            "We email you news of new sponsor and government programmes. You can withdraw this at any time on "
            "your privacy page; refusing changes nothing else."
        ),
    ),
)
ITEMS = {item.key: item for item in CONSENT_ITEMS}
REQUIRED = tuple(item.key for item in CONSENT_ITEMS if item.required)


def field_name(key: str) -> str:
    return f"consent_{key}"


def check_required(given: frozenset[str]) -> None:
    """Refuse a sign-up that lacks a required consent, with the message beside each missing box."""
    missing = [key for key in REQUIRED if key not in given]
    if missing:
        message = _l("You must agree to this to create an account.")
        raise ValidationFailed(message, fields={field_name(key): [str(message)] for key in missing})


def record_consents(session: Session, user: User, given: frozenset[str], now: datetime | None = None) -> None:
    now = now or utcnow()
    for key in sorted(given & ITEMS.keys()):
        session.add(Consent(user_id=user.id, item=key, version=ITEMS[key].version, granted_at=now))


def consents_of(session: Session, user: User) -> list[Consent]:
    """Every consent the user gave, oldest first (withdrawn ones included)."""
    return list(session.scalars(select(Consent).where(Consent.user_id == user.id).order_by(Consent.id)))


def current_consent(session: Session, user: User, key: str) -> Consent | None:
    statement = select(Consent).where(Consent.user_id == user.id, Consent.item == key, Consent.withdrawn_at.is_(None))
    return session.scalar(statement.order_by(Consent.id.desc()).limit(1))


def set_optional_consent(session: Session, user: User, key: str, agree: bool) -> None:
    """Give or withdraw an optional item; required ones end only by closing the account."""
    item = ITEMS.get(key)
    if item is None or item.required:
        raise NotFound(_l("No such optional consent."))
    current = current_consent(session, user, key)
    if agree and current is None:
        record_consents(session, user, frozenset({key}))
    elif not agree and current is not None:
        current.withdrawn_at = utcnow()
