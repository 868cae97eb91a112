"""The links we email (verify an address, reset a password, join an organisation): signed, single-use, expiring.

A link carries `<row id>.<secret>` signed with the app's SECRET_KEY and a salt per purpose, so a changed
or made-up link is refused before the database is asked, and a link for one purpose never works for
another. The row stores only the secret's SHA-256 and is marked used by a conditional UPDATE, so of two
clicks at once exactly one succeeds; its expiry is the row's own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer


@dataclass(frozen=True)
class LinkSecret:
    row_id: int
    secret: str


def new_secret() -> tuple[str, str]:
    """A fresh secret and the hash to store for it."""
    secret = secrets.token_urlsafe(24)
    return secret, secret_hash(secret)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _serializer(purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"sangsaeng-link-{purpose}")


def sign_link(purpose: str, row_id: int, secret: str) -> str:
    return str(_serializer(purpose).dumps([row_id, secret]))


def read_link(purpose: str, token: str) -> LinkSecret | None:
    """The row id and secret of a link we signed for this purpose; None for anything else."""
    try:
        row_id, secret = _serializer(purpose).loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(row_id, int) or not isinstance(secret, str):
        return None
    return LinkSecret(row_id, secret)


def secret_matches(stored_hash: str, secret: str) -> bool:
    return hmac.compare_digest(stored_hash, secret_hash(secret))
