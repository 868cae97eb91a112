"""Interest: the receiving organisation is told (by app and email), then the sender of the answer; never the actor."""

from __future__ import annotations

from marketplace.auth.models import Role
from marketplace.interests.services import decide_interest, express_interest
from tests.factories import context_of, make_need, make_user
from tests.notifications.conftest import emails_to, notifications_of


def test_interest_and_its_answer_tell_the_other_side(app, db_session):
    sme = make_user(app, db_session, Role.SME)
    sme_colleague = make_user(app, db_session, Role.SME, organisation=sme.organisation, locale="en")
    supplier = make_user(app, db_session, Role.SUPPLIER, display_name="이서연")
    need = make_need(db_session, sme, title="도금 라인 폐수 모니터링")

    with app.test_request_context():
        interest = express_interest(db_session, context_of(supplier), "need", need.id, "제안드립니다")
    assert [len(notifications_of(db_session, user, "interest_received")) for user in (sme, sme_colleague)] == [1, 1]
    assert notifications_of(db_session, supplier) == []
    (english,) = emails_to(db_session, sme_colleague)
    assert english.subject == "[Sangsaeng] Interest received"
    assert "is interested in “도금 라인 폐수 모니터링”" in english.body
    assert emails_to(db_session, sme)[0].subject == "[상생] 관심 표명 받음"

    with app.test_request_context():
        decide_interest(db_session, context_of(sme), interest, "decline")
    assert len(notifications_of(db_session, supplier, "interest_declined")) == 1
    assert emails_to(db_session, supplier) == []  # declines are in-app only by default
    assert notifications_of(db_session, sme, "interest_declined") == []
