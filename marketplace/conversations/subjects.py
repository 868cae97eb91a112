"""What a conversation can be about, and who its parties are: a registry the features fill.

The core names no feature. Each kind of subject (an accepted interest, a project, a mentor engagement)
says who its parties are, row by row (`is_party`) and as SQL (`party_rows`, the twin), who is told of a new
message, when a thread may be opened, and where the subject's page is. The app factory registers them
(`marketplace/app.py`, `register_conversation_subjects`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from marketplace.auth.models import User


@dataclass(frozen=True)
class SubjectKind:
    name: str  # stored in conversations.subject_type
    model: Any  # the subject's mapped class (it has an integer `id`)
    label: object  # a lazy string: what the inbox calls it ("Project")
    is_party: Callable[[User | None, Any], bool]
    party_rows: Callable[[User | None], Any]  # SQL over `model`: the subjects `is_party` allows
    recipients: Callable[[Session, Any], Iterable[User]]  # who is told of a new message (the author never is)
    title: Callable[[Any], str]
    path: Callable[[Any], str]  # the subject's own page
    may_open: Callable[[Any], bool] = lambda _subject: True  # e.g. an interest only once accepted
    # SQL over `model`: the subjects whose threads the user follows without asking (inbox, unread count);
    # None: all they are party to. Officers are party to every project but follow only the threads they opened.
    followed_rows: Callable[[User | None], Any] | None = None

    def followed(self, user: User | None) -> Any:
        return (self.followed_rows or self.party_rows)(user)


SUBJECTS: dict[str, SubjectKind] = {}


def register(*kinds: SubjectKind) -> None:
    for kind in kinds:
        SUBJECTS[kind.name] = kind


def subject_kind(name: str) -> SubjectKind | None:
    return SUBJECTS.get(name)


def kind_of(subject: Any) -> SubjectKind | None:
    """The registered kind of a subject row (None for anything else)."""
    return next((kind for kind in SUBJECTS.values() if isinstance(subject, kind.model)), None)
