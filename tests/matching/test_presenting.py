"""How a match reads: reasons in plain words, the meaning named only when it was used, a score out of 100."""

import pytest

from marketplace.matches.presenting import explanation, score_out_of_100
from matching.engine import Match, Term
from matching.kinds import Kind
from matching.structured import Reason

TERMS = [Term("사출성형", "injection molding"), Term("성형", "molding"), Term("불량", "defect"), Term("추적", None)]
WITHIN = Reason("within_budget", "예산 안에 있습니다", "within budget")


def match(channels, allowed=True, reasons=(WITHIN,)):
    return Match(Kind.SOLUTION, 1, "MES", 0.8234, channels, TERMS, list(reasons), allowed)


def texts(app, lang, found):
    with app.test_request_context(headers={"Accept-Language": lang}):
        return [reason.text for reason in explanation(found)]


@pytest.mark.parametrize(
    ("lang", "terms", "meaning", "budget"),
    [
        ("ko", "같은 일을 다룹니다: 사출성형, 불량, 추적", "뜻이 비슷합니다", "예산 안에 있습니다"),
        ("en", "Works on the same things: injection molding, defect, 추적", "Similar in meaning", "within budget"),
    ],
)
def test_reasons_read_as_sentences_in_the_viewers_language(app, lang, terms, meaning, budget):
    # "molding" is left out: "injection molding" already says it.
    assert texts(app, lang, match({"semantic": 0.3, "lexical": 0.2})) == [terms, meaning, budget]


@pytest.mark.parametrize("channels", [{"lexical": 0.5, "glossary": 0.2}, {"semantic": 0.02, "lexical": 0.5}])
def test_meaning_is_not_claimed_when_the_model_did_not_score_the_listing(app, channels):
    assert "뜻이 비슷합니다" not in texts(app, "ko", match(channels))


def test_a_filtered_out_listing_gives_only_why(app):
    closed = Reason("closed", "신청이 마감되었습니다: 2026-11-30", "applications closed on 2026-11-30", False)
    assert texts(app, "ko", match({"lexical": 0.5}, allowed=False, reasons=(closed,))) == [closed.ko]


def test_the_score_is_out_of_100():
    assert score_out_of_100(match({})) == 82
