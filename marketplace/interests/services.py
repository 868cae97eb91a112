"""Interest: one side of the market tells the other it wants to talk; accepting shares contacts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marketplace.auth.models import Role, User, members_of
from marketplace.context import ServiceContext
from marketplace.db import utcnow
from marketplace.errors import Conflict, Forbidden, NotFound
from marketplace.interests.models import INTEREST_MOVES, Interest, InterestStatus, TargetType
from marketplace.needs.models import Need, NeedStatus
from marketplace.notifications.services import notify
from marketplace.permissions import require_verified_email
from marketplace.policy import can, ensure, found
from marketplace.programmes import policies as _programme_policy  # noqa: F401
from marketplace.programmes.models import ProgrammeStatus, SponsorProgramme
from marketplace.search import Page
from marketplace.solutions import policies as _solution_policy  # noqa: F401
from marketplace.solutions.models import Solution, SolutionStatus
from marketplace.validation import MESSAGE_CHARS, check_text, fail

MAX_MESSAGE = MESSAGE_CHARS


@dataclass(frozen=True)
class TargetRule:
    model: Any
    senders: tuple[Role, ...]
    live_states: tuple[Any, ...]  # interest is taken only in these states
    path: str  # where the listing's page is, for notification links


# Who may show interest in what: suppliers, sponsors and mentors in an SME's need; SMEs in offers.
TARGETS = {
    TargetType.NEED: TargetRule(Need, (Role.SUPPLIER, Role.SPONSOR, Role.MENTOR), (NeedStatus.OPEN,), "/needs/"),
    TargetType.SOLUTION: TargetRule(Solution, (Role.SME,), (SolutionStatus.ACTIVE,), "/solutions/"),
    TargetType.PROGRAMME: TargetRule(
        SponsorProgramme,
        (Role.SME,),
        (ProgrammeStatus.OPEN,),
        "/programmes/",
    ),
}


def parse_target_type(value: str) -> TargetType:
    if value not in TargetType.__members__.values():
        raise fail("target_type", _l("Use need, solution or programme."))
    return TargetType(value)


def _live_target(session: Session, actor: User, rule: TargetRule, target_id: Any) -> Any:
    target = session.get(rule.model, target_id) if isinstance(target_id, int) else None
    if target is None or not can(actor, "view", target):  # the listing's own policy: no oracle
        raise NotFound(_l("No such listing."), fields={"target_id": [str(_l("No such listing."))]})
    if target.status not in rule.live_states:
        raise Conflict(_l("This listing is not open for interest."))
    return target


def express_interest(session: Session, ctx: ServiceContext, target_type: str, target_id: Any, message: str) -> Interest:
    """Record the actor's interest in a listing and tell its organisation."""
    actor = ctx.actor
    kind = parse_target_type(target_type)
    check_text({"message": message}, "message", MAX_MESSAGE)
    rule = TARGETS[kind]
    if actor.role not in rule.senders:
        raise Forbidden(_l("Your role cannot express interest in this kind of listing."))
    require_verified_email(actor)
    target = _live_target(session, actor, rule, target_id)
    if target.organisation_id == actor.organisation_id:
        raise Conflict(_l("This is your own organisation's listing."))
    interest = Interest(
        sender_id=actor.id,
        sender_organisation_id=actor.organisation_id,
        recipient_organisation_id=target.organisation_id,
        target_type=kind,
        target_id=target.id,
        target_title=target.title,
        message=message.strip(),
    )
    try:
        with session.begin_nested():  # the unique constraint decides a double submission
            session.add(interest)
    except IntegrityError:
        raise Conflict(_l("You have already expressed interest in this listing.")) from None
    notify(
        session,
        members_of(target.organisation),
        "interest_received",
        f"/interests/{interest.id}",
        site_url=ctx.site_url,
        actor=actor,
        sender=sender_label(interest, actor),
        title=target.title,
    )
    return interest


def sender_label(interest: Interest, sender: User) -> str:
    organisation = interest.sender_organisation or sender.organisation
    return f"{sender.display_name} ({organisation.name})" if organisation else sender.display_name


def get_interest(session: Session, viewer: User, interest_id: int) -> Interest:
    """An interest the viewer is a party to (reading it writes nothing: see mark_interest_read)."""
    return found(viewer, session.get(Interest, interest_id), _l("No such interest."))


def mark_interest_read(session: Session, viewer: User, interest: Interest) -> Interest:
    """The recipient marks a received interest read (a POST: a GET, a prefetch or a crawler never writes)."""
    if can(viewer, "answer", interest) and interest.read_at is None:
        interest.read_at = utcnow()
    return interest


def decide_interest(session: Session, ctx: ServiceContext, interest: Interest, action: str) -> Interest:
    """The one way an interest's status changes: the receiving organisation accepts or declines."""
    actor = ctx.actor
    ensure(actor, "answer", interest, _l("Only the organisation that received this interest can answer it."))
    interest.status = INTEREST_MOVES.target(interest.status, action)
    interest.decided_at = utcnow()
    interest.decided_by_id = actor.id
    interest.read_at = interest.read_at or interest.decided_at
    notify(
        session,
        [interest.sender],
        f"interest_{interest.status.value}",
        f"/interests/{interest.id}",
        site_url=ctx.site_url,
        actor=actor,
        recipient=interest.recipient_organisation.name,
        title=interest.target_title,
    )
    session.flush()
    return interest


def _box_condition(user: User, box: str) -> Any:
    if box == "in":
        return Interest.recipient_organisation_id == (user.organisation_id or -1)
    if box == "out":
        own = Interest.sender_id == user.id
        if user.organisation_id is not None:
            return or_(own, Interest.sender_organisation_id == user.organisation_id)
        return own
    raise fail("box", _l("Use in or out."))


def list_interests(session: Session, user: User, box: str, page: int = 1, per_page: int = 20) -> Page[Interest]:
    """The user's inbox (received by their organisation) or outbox (sent by them or it), newest first."""
    condition = _box_condition(user, box)
    total = session.scalar(select(func.count()).where(condition)) or 0
    statement = (
        select(Interest)
        .where(condition)
        .order_by(Interest.created_at.desc(), Interest.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return Page(list(session.scalars(statement)), total, page, per_page)


# Every page's top bar asks it: built once per process, the organisation bound at each call.
UNREAD = select(func.count()).where(
    Interest.recipient_organisation_id == bindparam("organisation_id"), Interest.read_at.is_(None)
)


def unread_count(session: Session, user: User) -> int:
    """Interests received by the user's organisation that nobody there has opened yet."""
    if user.organisation_id is None:
        return 0
    return session.scalar(UNREAD, {"organisation_id": user.organisation_id}) or 0


def contact_details(session: Session, interest: Interest) -> dict[str, dict[str, str | None]] | None:
    """Both parties' contacts, once the interest is accepted (never before)."""
    if interest.status != InterestStatus.ACCEPTED:
        return None
    target = session.get(TARGETS[interest.target_type].model, interest.target_id)
    listing_author = session.get(User, target.author_id) if target is not None else None
    recipient_org = interest.recipient_organisation
    sender_org = interest.sender_organisation
    return {
        "sender": {
            "name": interest.sender.display_name,
            "email": interest.sender.email,
            "organisation": sender_org.name if sender_org else None,
            "phone": sender_org.contact_phone if sender_org else None,
        },
        "recipient": {
            "name": listing_author.display_name if listing_author else None,
            "email": listing_author.email if listing_author else None,
            "organisation": recipient_org.name,
            "phone": recipient_org.contact_phone,
        },
    }


# Every listing page asks it: built once per process, the sender and target bound at each call.
SENT = select(Interest).where(
    Interest.sender_id == bindparam("sender_id"),
    Interest.target_type == bindparam("target_type"),
    Interest.target_id == bindparam("target_id"),
)


def existing_interest(session: Session, user: User, target_type: TargetType, target_id: int) -> Interest | None:
    return session.scalar(SENT, {"sender_id": user.id, "target_type": target_type, "target_id": target_id})


def can_express(user: User | None, target_type: TargetType, target: Any) -> bool:
    """Whether to offer the "express interest" form on a listing's page."""
    rule = TARGETS[target_type]
    return (
        user is not None
        and user.role in rule.senders
        and target.status in rule.live_states
        and target.organisation_id != user.organisation_id
    )
