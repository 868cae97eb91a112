"""A project as the subject of a conversation: its SME, sponsor and supplier firms and the officers talk
on the platform. Every officer may read and write a project's thread, but follows (inbox, unread count,
notifications) only the threads they opened or wrote in; the firms follow their projects' threads."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import false
from sqlalchemy.orm import Session

from funds.models import Project
from funds.policies import parties, party_rows
from marketplace.auth.models import ORGANISATION_ROLES, User, members_of
from marketplace.conversations.subjects import SubjectKind
from marketplace.organisations.models import Organisation
from marketplace.policy import is_admin


def _is_party(user: User | None, project: Project) -> bool:
    return bool(parties(user, project))


def _party_rows(user: User | None) -> Any:
    """SQL twin of `_is_party`: the projects' policy, less the admins (who see projects but are no party)."""
    return false() if user is None or is_admin(user) else party_rows(user)


def _followed_rows(user: User | None) -> Any:
    return party_rows(user) if user is not None and user.role in ORGANISATION_ROLES else false()


def _recipients(session: Session, project: Project) -> list[User]:
    firms = [project.sme_organisation_id, project.sponsor_organisation_id, project.supplier_organisation_id]
    users: list[User] = []
    for organisation_id in firms:
        organisation = session.get(Organisation, organisation_id) if organisation_id is not None else None
        if organisation is not None:
            users += [user for user in members_of(organisation) if _is_party(user, project)]
    return users


PROJECT_SUBJECT = SubjectKind(
    name="project",
    model=Project,
    label=_l("Project"),
    is_party=_is_party,
    party_rows=_party_rows,
    followed_rows=_followed_rows,
    recipients=_recipients,
    title=lambda project: project.need.title,
    path=lambda project: f"/projects/{project.id}",
)
