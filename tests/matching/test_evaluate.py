"""The evaluation command on a small labelled set in the shared format."""

import json

from matching.evaluate import main

DATASET = {
    "name": "tiny",
    "offers": [
        {"id": "O1", "kind": "solution", "text_ko": "사출 성형 공장 전용 MES", "text_en": "MES for injection molding"},
        {"id": "O2", "kind": "mentor", "text_ko": "용접 공정 멘토", "text_en": "Welding process mentor"},
        {"id": "O3", "kind": "programme", "text_ko": "도금 폐수 처리 지원", "text_en": "Plating wastewater support"},
    ],
    "needs": [
        {
            "id": "N1",
            "text_ko": "사출 라인 MES 도입",
            "text_en": "Introduce MES on the injection line",
            "relevant": ["O1"],
        },
        {"id": "N2", "text_ko": "용접 기술 자문이 필요해요", "text_en": "We need welding advice", "relevant": ["O2"]},
    ],
}


def test_evaluate_prints_one_json_line_with_the_measures(tmp_path, capsys):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(DATASET, ensure_ascii=False), encoding="utf-8")
    assert main([str(path), "--lang", "cross", "--no-dense"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {"dataset": "tiny", "lang": "cross", "n": 2, "recall_at_1": 1.0, "recall_at_5": 1.0, "mrr": 1.0}


def test_a_half_measures_the_needs_at_even_or_odd_positions_against_every_offer(tmp_path, capsys):
    # N2's label points at an offer it does not match, so only the half that holds N2 misses.
    needs = [DATASET["needs"][0], {**DATASET["needs"][1], "relevant": ["O3"]}]
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps({**DATASET, "needs": needs}, ensure_ascii=False), encoding="utf-8")
    measured = {}
    for half in ("even", "odd"):
        assert main([str(path), "--lang", "ko", "--no-dense", "--half", half]) == 0
        measured[half] = json.loads(capsys.readouterr().out)
    assert (measured["even"]["n"], measured["even"]["recall_at_1"]) == (1, 1.0)  # N1
    assert (measured["odd"]["n"], measured["odd"]["recall_at_1"]) == (1, 0.0)  # N2: O3 is not first
