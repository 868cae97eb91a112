"""Who may do what: one policy per resource, `can(user, action, obj)` and its SQL twin `visible(user, model)`.

The core names no feature. The package that owns a resource writes its policy next to its models and names
its resource (`@registers(Project, "project")`); the app factory's `register_policies()` registers every
policies module before the first request, so no lookup depends on what was imported first. `can` dispatches
on the object's class. An action on no object
in particular ("may this user post a need at all?") is asked of the class itself: `can(user, 'create', Need)`.
`visible(user, Model)` is the SQL condition that keeps exactly the rows `can(user, 'view', row)` allows,
so a list and a page never disagree (each policy's tests check both on the same rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any, ClassVar, TypeVar

from flask_babel import lazy_gettext as _l

from marketplace.auth.models import Role, User
from marketplace.errors import Forbidden, NotFound

# The refusal of a change to another organisation's thing (its page says so; reading it is a 404 elsewhere).
NOT_YOURS = _l("This belongs to another organisation.")

# Officers and admins oversee the market: every listing, project, engagement and report.
OVERSEERS = frozenset({Role.OFFICER, Role.ADMIN})


def oversees(user: User | None) -> bool:
    return user is not None and user.role in OVERSEERS


def is_admin(user: User | None) -> bool:
    return user is not None and user.role == Role.ADMIN


def member_of(user: User | None, organisation_id: int | None) -> bool:
    """The user belongs to this organisation (a user without one belongs to none)."""
    return user is not None and user.organisation_id is not None and user.organisation_id == organisation_id


def owns(user: User | None, obj: Any) -> bool:
    """Admins own everything; others own what their organisation (or, for individuals, they) own.

    An ownable object exposes `owner_organisation_id` or `owner_user_id`.
    """
    if user is None:
        return False
    if user.role == Role.ADMIN:
        return True
    org_id = getattr(obj, "owner_organisation_id", None)
    if org_id is not None:
        return user.organisation_id == org_id
    owner_id = getattr(obj, "owner_user_id", None)
    return owner_id is not None and owner_id == user.id


class Policy:
    """One resource's rules. Each name in `actions` is a method `(user, obj) -> bool` of the subclass;
    `obj` is a row, or the resource's class for an action on no row in particular."""

    actions: ClassVar[tuple[str, ...]] = ()
    resource: tuple[type, str]  # what it decides for, and the name templates use (set by @registers, policy_of)

    def allows(self, user: User | None, action: str, obj: Any) -> bool:
        if action not in self.actions:
            raise LookupError(f"{type(self).__name__} has no action {action!r}")
        return bool(getattr(self, action)(user, obj))

    def visible(self, user: User | None) -> Any:
        """SQL: the rows `allows(user, 'view', row)` keeps. Resources listed nowhere need not say."""
        raise NotImplementedError(f"{type(self).__name__} has no list")


_POLICIES: dict[type, Policy] = {}
_BY_NAME: dict[str, type] = {}  # templates name a resource with no row at hand: can('create', 'need')
P = TypeVar("P", bound=type[Policy])
T = TypeVar("T")


def register(resource: type, name: str, policy: Policy) -> Policy:
    """`policy` decides for `resource` and its subclasses; `name` is how templates and tests call it."""
    _POLICIES[resource] = policy
    _BY_NAME[name] = resource
    return policy


def registers(resource: type, name: str) -> Callable[[P], P]:
    """Class decorator: this class is the policy of `resource`, called `name` (see `register`).

    It only names the resource; `register_policies_of(module)` registers it."""

    def decorator(policy_class: P) -> P:
        policy_class.resource = (resource, name)
        return policy_class

    return decorator


def policy_of(resource: type, name: str, policy: Policy) -> Policy:
    """The instance form of `@registers`, for a policy class that serves several resources (the listings')."""
    policy.resource = (resource, name)
    return policy


def register_policies_of(modules: Iterable[ModuleType]) -> None:
    """Register the policies these modules define (`@registers` classes, `policy_of` instances)."""
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Policy) and "resource" in vars(value):
                register(*value.resource, value())
            elif isinstance(value, Policy) and "resource" in vars(value):
                register(*value.resource, value)


def resource_named(name: str) -> type:
    return _BY_NAME[name]


def policy_for(obj: Any) -> Policy:
    """The policy of a row, a class, or a registered resource name."""
    resource = _BY_NAME[obj] if isinstance(obj, str) else obj if isinstance(obj, type) else type(obj)
    for klass in resource.__mro__:
        if klass in _POLICIES:
            return _POLICIES[klass]
    raise LookupError(f"No policy registered for {resource.__name__} (marketplace/app.py's register_policies)")


def can(user: User | None, action: str, obj: Any) -> bool:
    """Whether the user (None: nobody logged in) may do `action` to `obj` (a row, a class or a resource name)."""
    return policy_for(obj).allows(user, action, _BY_NAME[obj] if isinstance(obj, str) else obj)


def visible(user: User | None, resource: type | str) -> Any:
    """SQL condition over `resource`'s table: the rows `can(user, 'view', row)` allows."""
    return policy_for(resource).visible(user)


def ensure(user: User | None, action: str, obj: Any, refusal: Any = None) -> None:
    """Raise Forbidden (with `refusal`, or a general message) unless the user may."""
    if not can(user, action, obj):
        raise Forbidden(refusal or _l("Your role does not allow this."))


def found(user: User | None, obj: T | None, missing: Any) -> T:
    """`obj` if the user may view it; else NotFound(`missing`), as if it did not exist (no existence oracle)."""
    if obj is None or not can(user, "view", obj):
        raise NotFound(missing)
    return obj
