"""Password hashing with argon2id: argon2-cffi's recommended work factor, a lower one in tests."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_PASSWORD_LENGTH = 10

_HASHERS = {
    "default": PasswordHasher(),
    # Tests create hundreds of accounts; same algorithm, less work per hash.
    "fast": PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
}


def _hasher() -> PasswordHasher:
    return _HASHERS[current_app.config.get("PASSWORD_HASHER", "default")]


@cache
def _dummy_hash(kind: str) -> str:
    # Verified against when the email is unknown, so a failed login takes as long either way.
    return _HASHERS[kind].hash("not anyone's password")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; an unknown user (None) still costs one verification."""
    candidate = password_hash or _dummy_hash(current_app.config.get("PASSWORD_HASHER", "default"))
    try:
        return _hasher().verify(candidate, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
