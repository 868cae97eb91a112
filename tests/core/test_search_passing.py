"""Many hits are checked against every passing id read as one string; few, by their ids. Both ways give
the same ranking, filters applied (the many-hits way is forced here with FEW_IDS of 1)."""

from marketplace import search
from marketplace.auth.models import Role
from marketplace.needs.models import NeedStatus
from marketplace.needs.services import NeedFilters, search_needs
from tests.factories import make_need, make_user


def test_many_hits_are_filtered_as_few_are(app, db_session, monkeypatch):
    sme = make_user(app, db_session, Role.SME)
    for number in range(6):
        make_need(db_session, sme, title=f"사출 성형 {number}", region="gyeonggi" if number % 2 else "busan")
    make_need(db_session, sme, title="도금 라인", description="사출 불량 데이터", region="busan")
    hidden = make_need(db_session, sme, title="사출 초안", status=NeedStatus.DRAFT)
    db_session.commit()
    filters = [NeedFilters(q="사출"), NeedFilters(q="사출", region="gyeonggi"), NeedFilters(q="사출성형")]
    few = [[n.id for n in search_needs(db_session, None, f).items] for f in filters]
    monkeypatch.setattr(search, "FEW_IDS", 1)
    many = [[n.id for n in search_needs(db_session, None, f).items] for f in filters]
    assert many == few
    assert len(few[0]) == 7  # six titles, then the text that holds the word
    assert len(few[1]) == 3
    assert hidden.id not in few[0]
    assert few[0][:6] == sorted(few[0][:6], reverse=True)  # titles first, newest first
