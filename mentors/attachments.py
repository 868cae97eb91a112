"""Files on a mentor's monthly log (photos of the line, the report) and a mentor's photo on the profile.

A log's files are seen with its engagement and added by whoever may write its logs; a profile's photo and
documents are seen with the profile and kept by the mentor."""

from __future__ import annotations

from typing import Any

from marketplace.attachments.kinds import DOCUMENT, OwnerKind, page_at
from marketplace.auth.models import User
from marketplace.policy import can, owns
from mentors.models import EngagementLog, MentorProfile


def may_attach_to_log(user: User | None, log: Any) -> bool:
    return can(user, "write_log", log.engagement)


def may_attach_to_profile(user: User | None, profile: Any) -> bool:
    return owns(user, profile)


LOG_FILES = OwnerKind(
    name="mentor_log",
    model=EngagementLog,
    collection="mentor-logs",
    label="mentor's monthly log",
    may_attach=may_attach_to_log,
    page=page_at("mentors.engagement", "engagement_id", "engagement_id"),
)
PROFILE_FILES = OwnerKind(
    name="mentor",
    model=MentorProfile,
    collection="mentors",
    label="mentor's profile",
    may_attach=may_attach_to_profile,
    page=page_at("mentors.show", "mentor_id"),
    roles=("photo", DOCUMENT),
)
MENTOR_OWNERS = (LOG_FILES, PROFILE_FILES)
