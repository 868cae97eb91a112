import pytest

from marketplace import reference
from matching.glossary import Concept, Glossary, default_glossary, parse_glossary

SAMPLE = """concept\tko\ten
# Robots
robot\t로봇\trobot|robot arm
cobot\t협동로봇|코봇\tcobot|collaborative robot
injection_molding\t사출|사출성형\tinjection molding|injection moulding
mes\t생산관리시스템\tmes|manufacturing execution system
"""


@pytest.fixture
def glossary():
    return Glossary(parse_glossary(SAMPLE))


def ids(concepts):
    return [concept.id for concept in concepts]


def test_a_compound_finds_the_specific_and_the_general_concept(glossary):
    assert ids(glossary.find("협동로봇 도입")) == ["cobot", "robot"]


def test_korean_forms_are_found_across_spacing_and_inside_words(glossary):
    assert ids(glossary.find("사출 성형기 교체")) == ["injection_molding"]
    assert ids(glossary.find("코봇을 쓰고 싶어요")) == ["cobot"]


def test_english_forms_match_whole_words_plurals_and_acronyms(glossary):
    found = glossary.find("Collaborative robots for palletizing, with an MES link")
    assert ids(found) == ["cobot", "robot", "mes"]  # as in Korean, the general concept fires too
    assert ids(glossary.find("robotics")) == []  # not a word-boundary match
    assert ids(glossary.find("Injection Moulding")) == ["injection_molding"]
    assert ids(glossary.find("MES를 도입")) == ["mes"]  # a Korean particle right after an acronym


def test_korean_and_english_wordings_meet_on_one_concept(glossary):
    assert ids(glossary.find("코봇 도입")) == ids(glossary.find("cobot deployment"))


def test_augment_adds_english_terms_for_the_embedding_model(glossary):
    assert glossary.augment("사출 라인에 코봇") == "사출 라인에 코봇 (injection molding, cobot)"
    assert glossary.augment("nothing known here") == "nothing known here"


@pytest.mark.parametrize(
    "text",
    ["concept\tko\ten\nbad line without tabs\n", "wrong\theader\n", "concept\tko\ten\nx\t로봇\t\n"],
)
def test_a_malformed_glossary_is_refused_with_its_line(text):
    with pytest.raises(ValueError, match="glossary"):
        parse_glossary(text)


def test_concept_labels():
    concept = Concept("robot", ("로봇",), ("robot",))
    assert (concept.korean, concept.english) == ("로봇", "robot")
    assert Concept("oee", (), ("oee",)).korean == "oee"


# The shipped glossary: big enough, well formed, and covering the product's vocabulary.


def test_shipped_glossary_is_large_and_well_formed():
    glossary = default_glossary()
    assert len(glossary) >= 200
    for concept in glossary.concepts.values():
        assert concept.en, concept.id
        assert all(" " not in form for form in concept.ko), concept.id
        assert all(form == form.lower() for form in concept.en), concept.id


@pytest.mark.parametrize("table", ["solution_categories", "root_industries"])
def test_every_category_and_root_industry_is_in_the_glossary_in_both_languages(table):
    glossary = default_glossary()
    for code in reference.codes(table):
        for language in ("ko", "en"):
            label = reference.label(table, code, language)
            assert glossary.find(label), f"{table} {code}: {label!r} finds no concept"


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("사출 성형", "injection molding"),
        ("금형", "mold"),
        ("불량", "defect"),
        ("도금", "plating"),
        ("용접", "welding"),
        ("협동로봇", "cobot"),
        ("예지보전", "predictive maintenance"),
        ("공장에너지관리시스템", "fems"),
    ],
)
def test_common_korean_terms_meet_their_english_terms(korean, english):
    glossary = default_glossary()
    assert set(ids(glossary.find(korean))) & set(ids(glossary.find(english))), (korean, english)
