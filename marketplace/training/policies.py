"""Who may do what to a course and an enrolment.

The course catalogue is public. An organiser (a sponsor-kind or supplier-kind organisation; a complex operator is
a sponsor-kind one with operated complexes) publishes and manages its own courses; SMEs enrol their staff. An
enrolment is seen by the learner's SME, the course's organiser and overseers; its completion certificate is
downloaded by the learner's SME and the organiser only (to anyone else it does not exist).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, or_, select, true

from marketplace.auth.models import Role, User
from marketplace.policy import Policy, is_admin, member_of, oversees, registers
from marketplace.training.models import Course, CourseStatus, Enrolment, EnrolmentStatus, Side

ORGANISER_ROLES = (Role.SPONSOR, Role.SUPPLIER)


def organises(user: User | None, course: Course) -> bool:
    return member_of(user, course.organisation_id)


def can_hold_certificate(user: User | None, enrolment: Enrolment) -> bool:
    """The learner's SME and the course's organiser: the only ones a certificate is ever for."""
    return member_of(user, enrolment.organisation_id) or organises(user, enrolment.course)


def sides_of(user: User | None, enrolment: Enrolment) -> list[Side]:
    """The sides the user acts for on this enrolment (an admin acts for the organiser)."""
    sides = []
    if member_of(user, enrolment.organisation_id):
        sides.append(Side.SME)
    if organises(user, enrolment.course) or is_admin(user):
        sides.append(Side.ORGANISER)
    return sides


@registers(Course, "course")
class CoursePolicy(Policy):
    actions = ("view", "create", "manage", "enrol", "see_enrolments")

    def view(self, user: User | None, course: Course) -> bool:
        return True

    def create(self, user: User | None, _resource: Any) -> bool:
        """Sponsors (complex operators among them) and suppliers run courses."""
        return user is not None and user.role in ORGANISER_ROLES and user.organisation_id is not None

    def manage(self, user: User | None, course: Course) -> bool:
        """Close, reopen, cancel; record attendance."""
        return organises(user, course) or is_admin(user)

    def enrol(self, user: User | None, course: Course) -> bool:
        return user is not None and user.role == Role.SME and course.status == CourseStatus.OPEN

    def see_enrolments(self, user: User | None, course: Course) -> bool:
        return self.manage(user, course) or oversees(user)

    def visible(self, user: User | None) -> Any:
        return true()


@registers(Enrolment, "enrolment")
class EnrolmentPolicy(Policy):
    actions = ("view", "cancel", "download_certificate")

    def view(self, user: User | None, enrolment: Enrolment) -> bool:
        return bool(sides_of(user, enrolment)) or oversees(user)

    def cancel(self, user: User | None, enrolment: Enrolment) -> bool:
        live = enrolment.status in (EnrolmentStatus.WAITING, EnrolmentStatus.ENROLLED)
        return live and bool(sides_of(user, enrolment))

    def download_certificate(self, user: User | None, enrolment: Enrolment) -> bool:
        """Only the learner's SME and the organiser, once the learner completed (not even overseers)."""
        return enrolment.status == EnrolmentStatus.COMPLETED and can_hold_certificate(user, enrolment)

    def visible(self, user: User | None) -> Any:
        if user is None:
            return false()
        if oversees(user):
            return true()
        if user.organisation_id is None:
            return false()
        organised = select(Course.id).where(Course.organisation_id == user.organisation_id)
        return or_(Enrolment.organisation_id == user.organisation_id, Enrolment.course_id.in_(organised))
