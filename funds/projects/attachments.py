"""Files on a co-investment project: the supplier's quote, the SME's and sponsor's papers.

Seen by the project's parties and admins (not by the consortium members who read the project); attached by its
SME, supplier and sponsor firms and officers.
"""

from __future__ import annotations

from typing import Any

from funds.models import Party, Project
from funds.policies import parties
from marketplace.attachments.kinds import OwnerKind, page_at
from marketplace.auth.models import User
from marketplace.policy import is_admin

ATTACHERS = {Party.SME, Party.SUPPLIER, Party.SPONSOR, Party.OFFICER}


def may_attach(user: User | None, project: Any) -> bool:
    return is_admin(user) or bool(parties(user, project) & ATTACHERS)


def may_view(user: User | None, project: Any) -> bool:
    return is_admin(user) or bool(parties(user, project))


PROJECT_FILES = OwnerKind(
    name="project",
    model=Project,
    collection="projects",
    label="project (its application, e.g. the supplier's quote)",
    may_attach=may_attach,
    page=page_at("projects.show", "project_id"),
    may_view=may_view,
)
