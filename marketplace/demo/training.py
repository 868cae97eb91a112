"""The demo world's training: 한국산업단지공단, the operator of the 반월 and 시화 complexes, runs courses for tenant
firms' staff (one finished, with completions whose certificates can be downloaded; a CEO course that is full,
with a waiting list), and Samsung trains its suppliers' staff online. Seeded through the training services;
a course already there (same organiser, same title) is left as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace import clock
from marketplace.auth.models import MemberRole, Role, User
from marketplace.auth.passwords import hash_password
from marketplace.context import ServiceContext
from marketplace.db import utcnow
from marketplace.demo.consortia import KICOX
from marketplace.demo.people import DEMO_DOMAIN, DEMO_PASSWORD, demo_members
from marketplace.organisations.models import Organisation, OrganisationKind
from marketplace.training import services as training
from marketplace.training.commands import AttendanceIn, CourseIn, LearnerIn
from marketplace.training.models import Course

OPERATOR_EMAIL = f"operator@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class DemoCourse:
    title: str
    description: str
    topic: str
    level: str
    audience: str
    complex: str | None
    place: str | None  # None: online
    capacity: int
    fee_krw: int
    first_day: int  # days from today (negative: in the past)
    sessions: int
    hours: tuple[str, str]
    # (SME row number, learner name, role, sessions attended: None for a learner whose sessions are ahead)
    learners: tuple[tuple[int, str, str, int | None], ...]


OPERATOR_COURSES = (
    DemoCourse(
        "AI 데이터 분석 실무",
        "공정·설비 데이터를 모아 불량과 고장의 원인을 찾는 AI 분석 실습. 엑셀과 파이썬으로 사출·금형 공정의 "
        "실제 데이터를 다룹니다. 노트북을 지참하세요.",
        "ai",
        "stage2",
        "staff",
        "banwol",
        "경기도 안산시 단원구 산단로 325 반월·시화 스마트제조혁신센터 3층",
        20,
        0,
        -40,
        5,
        ("14:00", "17:00"),
        (
            (1, "김하늘", "생산기술팀 대리", 5),
            (1, "이도현", "품질관리팀 주임", 4),
            (2, "박서준", "생산팀장", 5),
            (3, "최유나", "설비보전 기사", 3),  # 3 of 5: not completed
            (6, "정민호", "공정개선 과장", 5),
        ),
    ),
    DemoCourse(
        "스마트공장 CEO 과정 1단계",
        "스마트공장을 처음 도입하는 대표를 위한 과정: 도입 단계별 의사결정, 지원사업 활용, 선도 기업 견학.",
        "smart_factory_ceo",
        "stage1",
        "ceo",
        "sihwa",
        "경기도 시흥시 공단1대로 204 시화비즈니스센터 대강당",
        3,
        0,
        14,
        3,
        ("10:00", "16:00"),
        (
            (1, "김민준", "대표이사", None),
            (6, "강서준", "대표이사", None),
            (7, "조은서", "대표", None),
            (2, "이서연", "대표", None),  # the fourth: on the waiting list
        ),
    ),
    DemoCourse(
        "IoT 센서 데이터 수집 기초",
        "설비에 센서를 달아 가동률과 에너지 사용을 모으는 방법. 온라인 실시간 강의.",
        "iot",
        "stage1",
        "staff",
        "banwol",
        None,
        40,
        50_000,
        21,
        4,
        ("19:00", "21:00"),
        (),
    ),
)
SPONSOR_COURSES = (
    DemoCourse(
        "협력사 스마트공장 로봇 자동화 실무",
        "삼성전자 협력사 임직원을 위한 협동로봇 도입·운영 실무 과정 (온라인).",
        "robots",
        "stage2",
        "staff",
        None,
        None,
        30,
        0,
        30,
        4,
        ("14:00", "16:00"),
        (),
    ),
)


def seed_training(session: Session) -> int:
    """The complex operator, its login, and the demo courses; returns how many courses were created."""
    operator = _operator(session)
    today = clock.today()
    smes = demo_members(session, OrganisationKind.SME)
    sponsors = demo_members(session, OrganisationKind.SPONSOR)
    created = sum(_course(session, operator, course, smes, today) for course in OPERATOR_COURSES)
    if 1 in sponsors:  # 삼성전자
        created += sum(_course(session, sponsors[1][1], course, smes, today) for course in SPONSOR_COURSES)
    return created


def _operator(session: Session) -> User:
    """한국산업단지공단 (KICOX), the demo sponsor that also co-funds the public round (demo/consortia.py), as the
    operator of 반월, 시화 and 시화MTV, and its training desk's user (operator@)."""
    organisation = demo_members(session, OrganisationKind.SPONSOR)[KICOX][0]
    if not organisation.operated_complexes:
        organisation.operated_complexes = ["banwol", "sihwa", "sihwa_mtv"]
    user = session.scalar(select(User).where(User.email == OPERATOR_EMAIL))
    if user is None:
        user = User(
            email=OPERATOR_EMAIL,
            password_hash=hash_password(DEMO_PASSWORD),
            display_name="한지원",
            role=Role.SPONSOR,
            organisation=organisation,
            email_verified_at=utcnow(),
            member_role=MemberRole.MANAGER,
        )
        session.add(user)
        session.flush()
    return user


def _course(
    session: Session, organiser: User, plan: DemoCourse, smes: dict[int, tuple[Organisation, User]], today: date
) -> int:
    exists = session.scalar(
        select(Course.id).where(Course.organisation_id == organiser.organisation_id, Course.title == plan.title)
    )
    if exists is not None:
        return 0
    start = today + timedelta(days=plan.first_day)
    published_on = min(today, start - timedelta(days=21))
    command = CourseIn.model_validate(
        {
            "title": plan.title,
            "description": plan.description,
            "topic": plan.topic,
            "level": plan.level,
            "audience": plan.audience,
            "online": plan.place is None,
            "place": plan.place,
            "industrial_complex": plan.complex,
            "capacity": plan.capacity,
            "fee_krw": plan.fee_krw,
            "sessions": [
                {"day": (start + timedelta(days=7 * n)).isoformat(), "starts": plan.hours[0], "ends": plan.hours[1]}
                for n in range(plan.sessions)
            ],
        }
    )
    course = training.publish_course(session, ServiceContext(organiser, published_on, "ko", ""), command)
    enrolments = []
    for number, name, role, attended in plan.learners:
        if number not in smes:
            continue
        learner = LearnerIn(learner_name=name, learner_role=role)
        enrolment = training.enrol_learner(
            session, ServiceContext(smes[number][1], published_on, "ko", ""), course, learner
        )
        enrolments.append((enrolment, attended))
    for index, course_session in enumerate(course.sessions):
        if course_session.day >= today:
            break
        present = [e.id for e, attended in enrolments if attended is not None and index < attended]
        ctx = ServiceContext(organiser, course_session.day, "ko", "")
        training.record_attendance(session, ctx, course, course_session, AttendanceIn(present=present))
    return 1
