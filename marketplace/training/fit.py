"""Which courses fit a need, and why, in plain words; shown on the need's page (a page section).

A course fits a need when what it teaches touches the need (its topic is related to the need's solution
category, or the need's words name the topic) and the learners can get there (online, the need's industrial
complex, or the need's region). CEO courses fit any need of a firm that is starting (their topic: leading a
smart-factory project), ranked below courses on the need's own subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, bindparam, func, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from marketplace import reference
from marketplace.organisations.models import Organisation
from marketplace.training.models import Course, CourseSession, CourseStatus

# The solution categories each topic teaches towards (reference.SOLUTION_CATEGORIES).
TOPIC_CATEGORIES: dict[str, frozenset[str]] = {
    "big_data": frozenset({"cloud_data", "ai_analytics", "iot_sensors", "mes", "erp", "scm"}),
    "iot": frozenset({"iot_sensors", "predictive_maintenance", "fems", "mes", "plc_automation"}),
    "ai": frozenset({"ai_analytics", "vision_quality", "predictive_maintenance"}),
    "digital_twin_xr": frozenset({"digital_twin", "plm_cad"}),
    "robots": frozenset({"robots", "plc_automation", "logistics_wms", "safety"}),
    "smart_factory_ceo": frozenset(),  # fits any need (below)
    "rnd_capability": frozenset({"plm_cad", "digital_twin", "consulting"}),
}
# Words in a need's title or description that name a topic (Korean and English, compared case-insensitively).
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "big_data": ("빅데이터", "데이터", "big data", "data"),
    "iot": ("iot", "사물인터넷", "센서", "sensor"),
    "ai": ("ai", "인공지능", "머신러닝", "딥러닝", "machine learning"),
    "digital_twin_xr": ("디지털 트윈", "디지털트윈", "digital twin", "ar", "vr", "가상"),
    "robots": ("로봇", "협동로봇", "robot", "cobot"),
    "smart_factory_ceo": ("ceo", "대표", "경영"),
    "rnd_capability": ("r&d", "연구개발", "설계", "개발"),
}
SHOWN = 3


@dataclass
class CourseFit:
    course: Course
    score: int
    reasons: list[Any] = field(default_factory=list)  # lazy strings, in the reader's language when shown


def _named(text: str, words: tuple[str, ...]) -> str | None:
    """The first of `words` the text names (short Latin words only as whole words: "ar" is not in "smart")."""
    lowered = f" {text.lower()} "
    for word in words:
        if word.isascii() and len(word) <= 3:
            if any(f"{sep}{word}{end}" in lowered for sep in " (·,/" for end in " ),·/"):
                return word
        elif word in lowered:
            return word
    return None


def fit_of(course: Course, need: Any, locale: str = "ko") -> CourseFit | None:
    """How well a course fits a need (None: it does not)."""
    reasons: list[Any] = []
    score = 0
    category_label = reference.label("solution_categories", need.category, locale)
    if need.category in TOPIC_CATEGORIES.get(course.topic, ()):
        score += 3
        reasons.append(_l("It teaches what a project in %(category)s needs.", category=category_label))
    word = _named(f"{need.title} {need.description}", TOPIC_WORDS.get(course.topic, ()))
    if word:
        score += 2
        reasons.append(_l("The need mentions “%(word)s”.", word=word))
    if course.topic == "smart_factory_ceo":
        score += 1
        reasons.append(_l("A course for the firm's head on leading a smart-factory project."))
    if score == 0:
        return None
    if need.industrial_complex and course.industrial_complex == need.industrial_complex:
        score += 3
        reasons.append(_l("It serves the need's industrial complex."))
    elif course.online:
        score += 1
        reasons.append(_l("It is held online."))
    elif course.industrial_complex and reference.complex_region(course.industrial_complex) == need.region:
        score += 2
        reasons.append(_l("It is held in the need's region."))
    else:
        return None  # somewhere the firm's staff are unlikely to travel to
    reasons.append(_l("For staff.") if course.audience == "staff" else _l("For CEOs."))
    return CourseFit(course, score, reasons)


def _open_courses() -> Select:
    ahead = select(CourseSession.course_id).where(CourseSession.day >= bindparam("today"))
    first_day = select(func.min(CourseSession.day)).where(CourseSession.course_id == Course.id).scalar_subquery()
    return (
        select(Course)
        .where(Course.status == CourseStatus.OPEN, Course.id.in_(ahead))
        .order_by(first_day, Course.id)
        .limit(200)
    )


# The open courses with a session on or after :today, soonest first: built once per process (every need
# page asks it, and building it cost more than running it).
OPEN_COURSES = _open_courses()


def courses_for_need(
    session: Session, need: Any, today: date, locale: str = "ko", limit: int = SHOWN
) -> list[CourseFit]:
    """The open courses that fit the need and still have a session ahead, best first."""
    courses = session.scalars(OPEN_COURSES, {"today": today})
    fits = [fit for course in courses if (fit := fit_of(course, need, locale)) is not None]
    shown = sorted(fits, key=lambda fit: -fit.score)[:limit]
    _load_sessions(session, [fit.course for fit in shown])
    return shown


# _load_sessions' two statements, built once per process with the ids bound at each call.
SESSIONS_OF = (
    select(CourseSession)
    .where(CourseSession.course_id.in_(bindparam("ids", expanding=True)))
    .order_by(CourseSession.day, CourseSession.starts)
)
ORGANISATIONS = select(Organisation).where(Organisation.id.in_(bindparam("ids", expanding=True)))


def _load_sessions(session: Session, courses: list[Course]) -> None:
    """The shown courses' sessions and organisations in a query each (the cards name each course's dates
    and provider), not two a course."""
    if not courses:
        return
    by_course: dict[int, list[CourseSession]] = {course.id: [] for course in courses}
    for row in session.scalars(SESSIONS_OF, {"ids": list(by_course)}):
        by_course[row.course_id].append(row)
    providers = list({course.organisation_id for course in courses})
    organisations = {org.id: org for org in session.scalars(ORGANISATIONS, {"ids": providers})}
    for course in courses:
        unloaded = inspect(course).unloaded  # what this session already read (and maybe changed) is left as it is
        if "sessions" in unloaded:
            set_committed_value(course, "sessions", by_course[course.id])
        if "organisation" in unloaded and course.organisation_id in organisations:
            set_committed_value(course, "organisation", organisations[course.organisation_id])
