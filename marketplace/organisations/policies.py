"""Who may see and change an organisation: every logged-in user sees its public profile; its members,
officers and admins its private details (revenue, phone); its members (and admins) change it; its managers
(and admins) change its public profile (description, website, certifications, products, reference projects)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, true

from marketplace.auth.models import User
from marketplace.organisations.models import Organisation
from marketplace.policy import Policy, is_admin, member_of, oversees, owns, registers


@registers(Organisation, "organisation")
class OrganisationPolicy(Policy):
    actions = ("view", "view_private", "edit", "edit_profile", "view_members", "invite")

    def view(self, user: User | None, _organisation: Any) -> bool:
        return user is not None

    def view_private(self, user: User | None, organisation: Organisation) -> bool:
        return oversees(user) or owns(user, organisation)

    def edit(self, user: User | None, organisation: Organisation) -> bool:
        return owns(user, organisation)

    def edit_profile(self, user: User | None, organisation: Organisation) -> bool:
        """The public profile speaks for the firm: only its managers (and admins) change it."""
        return self.invite(user, organisation)

    def view_members(self, user: User | None, organisation: Organisation) -> bool:
        """Colleagues and invitations: the organisation's own users (and admins); others get a 404."""
        return owns(user, organisation)

    def invite(self, user: User | None, organisation: Organisation) -> bool:
        """Only the organisation's managers (and admins) invite colleagues."""
        return is_admin(user) or (member_of(user, organisation.id) and user is not None and user.is_manager)

    def visible(self, user: User | None) -> Any:
        return true() if user is not None else false()
