"""Many hits are checked against every passing id read as one string; few, by their ids (on SQLite
looked up by primary key, the filters kept from choosing an index). Every way gives the same ranking,
filters applied (each is forced here: FEW_IDS of 1 for many, LOOKUP_COST of 0 for few on SQLite)."""

import pytest

from marketplace import search
from marketplace.auth.models import Role
from marketplace.needs.models import NeedStatus
from marketplace.needs.services import NeedFilters, search_needs
from tests.factories import make_need, make_user


@pytest.mark.parametrize("knobs", [{"FEW_IDS": 1}, {"LOOKUP_COST": 0}])
def test_many_hits_are_filtered_as_few_are(app, db_session, monkeypatch, knobs):
    sme = make_user(app, db_session, Role.SME)
    for number in range(6):
        make_need(db_session, sme, title=f"사출 성형 {number}", region="gyeonggi" if number % 2 else "busan")
    make_need(db_session, sme, title="도금 라인", description="사출 불량 데이터", region="busan")
    hidden = make_need(db_session, sme, title="사출 초안", status=NeedStatus.DRAFT)
    db_session.commit()
    filters = [NeedFilters(q="사출"), NeedFilters(q="사출", region="gyeonggi"), NeedFilters(q="사출성형"),
               NeedFilters(q="사출셩형"), NeedFilters(q="없는말")]  # fmt: skip
    monkeypatch.setattr(search, "LOOKUP_COST", 10**6)  # SQLite's many way unless a knob says otherwise
    default = [[n.id for n in search_needs(db_session, None, f).items] for f in filters]
    for name, value in knobs.items():
        monkeypatch.setattr(search, name, value)
    forced = [[n.id for n in search_needs(db_session, None, f).items] for f in filters]
    assert forced == default
    assert len(default[0]) == 7  # six titles, then the text that holds the word
    assert len(default[1]) == 3
    assert len(default[3]) == 6  # the typo finds the six titles
    assert default[4] == []
    assert hidden.id not in default[0]
    assert hidden.id not in default[3]
    assert default[0][:6] == sorted(default[0][:6], reverse=True)  # titles first, newest first
