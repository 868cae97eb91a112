"""/api/v1/mentors and /api/v1/engagements: the same rules as the pages, as JSON."""

from __future__ import annotations

from typing import Any

from flask import request

from marketplace.api import bp, query
from marketplace.api.conventions import dump, page_body, parse_body
from marketplace.api.openapi import creates, operation
from marketplace.auth.models import Role
from marketplace.context import from_request
from marketplace.db import db
from marketplace.filters import read_filters
from marketplace.permissions import acting_user, actor, requires
from mentors import engagements, log_dates, logs
from mentors import services as mentors
from mentors.models import LANGUAGES, Engagement, MentorProfile
from mentors.schemas import (
    ACTIONS,
    EngagementIn,
    EngagementOut,
    EngagementTransitionIn,
    LogIn,
    LogOut,
    MentorIn,
    MentorList,
    MentorOut,
    RatingIn,
    RatingOut,
)

LIST_QUERY = (
    query.text("q", "Free text, Korean or English: name, headline, expertise, specialties"),
    query.code("specialty", "Solution category code, e.g. vision_quality", "solution_categories"),
    query.code("industry", "KSIC division, e.g. 22", "ksic_divisions"),
    query.code("region", "Region code the mentor travels to, e.g. gyeonggi", "regions"),
    query.choice("language", "A language the mentor speaks", (language.code for language in LANGUAGES)),
    query.choice("verified", "Officers: verified mentors or not (others see verified mentors only)", ("yes", "no")),
    query.sort("relevance (default with q), newest", mentors.SORTS),
    *query.PAGING,
)


def mentor_body(profile: MentorProfile) -> dict[str, Any]:
    return dump(MentorOut, profile)


def engagement_body(engagement: Engagement) -> dict[str, Any]:
    return dump(EngagementOut, engagement) | {"log_overdue": log_dates.log_overdue(engagement)}


@bp.get("/mentors")
@operation("List and search mentors", "mentors", response=MentorList, errors=(400, 401), query=LIST_QUERY)
@requires()
def list_mentors() -> dict[str, Any]:
    filters = read_filters(mentors.MentorFilters, request.args, strict=True)
    return page_body(mentors.search_mentors(db.session, acting_user(), filters), mentor_body)


@bp.post("/mentors")
@creates("Sign up as a mentor: your profile", "mentors", MentorIn, MentorOut, errors=(400, 401, 403, 409))
@requires(Role.MENTOR)
def create_mentor() -> tuple[dict[str, Any], int]:
    profile = mentors.create_profile(db.session, actor(), parse_body(MentorIn).model_dump())
    db.session.flush()
    return mentor_body(profile), 201


@bp.get("/mentors/<int:mentor_id>")
@operation("One mentor", "mentors", response=MentorOut, errors=(401, 404))
@requires()
def get_mentor(mentor_id: int) -> dict[str, Any]:
    return mentor_body(mentors.get_profile(db.session, acting_user(), mentor_id))


@bp.post("/engagements")
@creates(
    "Propose an engagement (the SME, or a sponsor for an SME in its programme)",
    "engagements",
    EngagementIn,
    EngagementOut,
)
@requires(Role.SME, Role.SPONSOR)
def create_engagement() -> tuple[dict[str, Any], int]:
    engagement = engagements.propose_engagement(db.session, from_request(actor()), parse_body(EngagementIn))
    db.session.flush()
    return engagement_body(engagement), 201


@bp.get("/engagements/<int:engagement_id>")
@operation("One engagement you are a party to", "engagements", response=EngagementOut, errors=(401, 404))
@requires()
def get_engagement(engagement_id: int) -> dict[str, Any]:
    return engagement_body(engagements.get_engagement(db.session, acting_user(), engagement_id))


@bp.post("/engagements/<int:engagement_id>/transitions")
@operation(
    f"Move an engagement: {ACTIONS}",
    "engagements",
    body=EngagementTransitionIn,
    response=EngagementOut,
    errors=(400, 401, 403, 404, 409),
)
@requires()
def transition_engagement(engagement_id: int) -> dict[str, Any]:
    body = parse_body(EngagementTransitionIn)
    engagement = engagements.get_engagement(db.session, acting_user(), engagement_id, for_update=True)
    engagements.transition_engagement(db.session, from_request(actor()), engagement, body.action, body.reason)
    db.session.flush()
    return engagement_body(engagement)


@bp.post("/engagements/<int:engagement_id>/logs")
@creates("Log a month's mentoring (the mentor)", "engagements", LogIn, LogOut)
@requires(Role.MENTOR)
def create_log(engagement_id: int) -> tuple[dict[str, Any], int]:
    engagement = engagements.get_engagement(db.session, acting_user(), engagement_id)
    log = logs.add_log(db.session, from_request(actor()), engagement, parse_body(LogIn))
    db.session.flush()
    return dump(LogOut, log), 201


@bp.post("/engagements/<int:engagement_id>/logs/<int:log_id>/confirmation")
@operation("Confirm a mentor's log (the SME)", "engagements", response=LogOut, errors=(401, 403, 404, 409))
@requires(Role.SME)
def confirm_log(engagement_id: int, log_id: int) -> dict[str, Any]:
    engagement = engagements.get_engagement(db.session, acting_user(), engagement_id)
    log = logs.confirm_log(db.session, actor(), engagement, log_id)
    db.session.flush()
    return dump(LogOut, log)


@bp.post("/engagements/<int:engagement_id>/ratings")
@creates("Rate the other side of a completed engagement", "engagements", RatingIn, RatingOut)
@requires(Role.SME, Role.MENTOR)
def create_rating(engagement_id: int) -> tuple[dict[str, Any], int]:
    body = parse_body(RatingIn)
    engagement = engagements.get_engagement(db.session, acting_user(), engagement_id)
    rating = logs.rate_engagement(db.session, actor(), engagement, body.score, body.comment)
    db.session.flush()
    return dump(RatingOut, rating), 201
