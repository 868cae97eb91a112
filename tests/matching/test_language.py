import pytest

from matching.language import detect_language, hangul_share


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("사출 성형 라인 불량 추적", "ko"),
        ("사출 라인에 MES와 PLC 연동이 필요합니다", "ko"),  # Latin acronyms inside Korean
        ("MES for injection molding plants", "en"),
        ("Cobot 도입 검토", "ko"),  # Korean with an English word: still Korean
        ("", "en"),
        ("2026-11-21 ₩42,000,000", "en"),  # no letters at all
    ],
)
def test_language_is_judged_by_the_share_of_hangul(text, language):
    assert detect_language(text) == language


def test_hangul_share_counts_letters_only():
    assert hangul_share("사출 MES") == pytest.approx(2 / 5)
    assert hangul_share("123 !!") == 0.0
    assert hangul_share("ㄱㅏ") == 1.0  # compatibility jamo are Hangul too
