"""Who is asking: the acting user, and the view decorators that need a log-in (and a role, or a policy's yes).

Every view, HTML or API, goes through `requires` (log-in, optionally a role) or `allowed` (log-in and
`can(user, action, resource)`); for a specific object the resource's policy decides (marketplace/policy.py).
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
from marketplace.policy import can

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
    return _guarded(lambda user: not roles or user.role in roles)


def allowed(action: str, resource: type) -> Callable[[F], F]:
    """Log-in required, and the resource's policy lets the user do `action` (asked of the class)."""
    return _guarded(lambda user: can(user, action, resource))


def _guarded(admits: Callable[[User], bool]) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = acting_user()
            if user is None:
                if request.path.startswith("/api/"):
                    raise Unauthorised(_l("Send a valid API token as 'Authorization: Bearer <token>'."))
                return login_manager.unauthorized()
            if not admits(user):
                raise Forbidden(_l("Your role does not allow this."))
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def require_verified_email(user: User) -> None:
    """Actions that reach another party (interest, payments, proposals, applications, invitations) wait until
    the user has confirmed their email address; everything else works before, with a reminder on each page."""
    if not user.email_verified:
        raise EmailNotVerified(_l("Please confirm your email address first: use the link we emailed you."))
