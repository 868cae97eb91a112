"""Who may do what: the one decorator for roles and the one helper for ownership.

Every view, HTML or API, goes through `requires` (role, and login) and, for a specific object,
through `authorise` (ownership). Services receive the acting user and call `authorise` too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from marketplace.auth.models import Role, User
from marketplace.errors import EmailNotVerified, Forbidden, Unauthorised
from marketplace.extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])


def acting_user() -> User | None:
    """The user behind this request: the API token's owner under /api/, else the session's."""
    if request.path.startswith("/api/"):
        return g.get("api_user")
    return current_user if current_user.is_authenticated else None


def actor() -> User:
    """The user behind this request, in a view that `requires` a log-in (so there is one)."""
    user = acting_user()
    if user is None:
        raise Unauthorised(_l("Log in first."))
    return user


def requires(*roles: Role) -> Callable[[F], F]:
    """Log-in required; with roles given, the user must hold one of them."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = acting_user()
            if user is None:
                if request.path.startswith("/api/"):
                    raise Unauthorised(_l("Send a valid API token as 'Authorization: Bearer <token>'."))
                return login_manager.unauthorized()
            if roles and user.role not in roles:
                raise Forbidden(_l("Your role does not allow this."))
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def owns(user: User, obj: Any) -> bool:
    """Admins own everything; others own what their organisation (or, for individuals, they) own.

    An ownable object exposes `owner_organisation_id` or `owner_user_id`.
    """
    if user.role == Role.ADMIN:
        return True
    org_id = getattr(obj, "owner_organisation_id", None)
    if org_id is not None:
        return user.organisation_id == org_id
    owner_id = getattr(obj, "owner_user_id", None)
    return owner_id is not None and owner_id == user.id


def authorise(user: User | None, obj: Any) -> None:
    """Raise Forbidden unless the user owns the object."""
    if user is None or not owns(user, obj):
        raise Forbidden(_l("This belongs to another organisation."))


def require_verified_email(user: User) -> None:
    """Actions that reach another party (interest, payments, proposals, applications, invitations) wait until
    the user has confirmed their email address; everything else works before, with a reminder on each page."""
    if not user.email_verified:
        raise EmailNotVerified(_l("Please confirm your email address first: use the link we emailed you."))
