"""Stored vectors with the real model: encoded once (by the worker's refresh), reused until the text or the
model changes; requests read them and never encode."""

import numpy as np
import pytest
from sqlalchemy import func, select

from marketplace.auth.models import Role, members_of
from marketplace.matches.index import match_index
from marketplace.matches.models import MatchVector
from marketplace.matches.refresh import fill_vectors, missing_count
from marketplace.matches.store import stored_vectors
from matching.encoder import text_hash
from matching.kinds import Kind
from tests.conftest import bearer
from tests.factories import make_api_token, make_need, make_solution, make_user
from tests.matching.conftest import worker_refresh


@pytest.fixture
def encoded_texts(model, monkeypatch):
    """Every text the model encodes during the test."""
    texts: list[str] = []
    encode = model.encode

    def counting(batch, *args, **kwargs):
        texts.extend(batch)
        return encode(batch, *args, **kwargs)

    monkeypatch.setattr(model, "encode", counting)
    return texts


@pytest.fixture
def listings(app, db_session, worker):
    sme, supplier = make_user(app, db_session, Role.SME), make_user(app, db_session, Role.SUPPLIER)
    need = make_need(db_session, sme, title="사출 불량 추적", description="사출 성형 불량을 줄이고 싶어요")
    solutions = [
        make_solution(db_session, supplier, title="사출 MES", description="사출 성형 불량 실시간 집계"),
        make_solution(db_session, supplier, title="Vision inspection", description="Deep-learning visual inspection"),
    ]
    worker()
    return need, solutions


def test_vectors_are_encoded_once_and_reused_by_a_new_index(
    model, db_session, session_factory, listings, encoded_texts
):
    index = worker_refresh(model, db_session, session_factory)
    assert len(encoded_texts) == 3  # one need and two solutions
    assert db_session.scalar(select(func.count()).select_from(MatchVector)) == 3
    stored = db_session.scalars(select(MatchVector).where(MatchVector.kind == Kind.SOLUTION)).all()
    assert {row.model for row in stored} == {model.name}
    vector = np.frombuffer(stored[0].vector, dtype="<f4")
    assert vector.shape == (model.dimension,)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-3)

    restarted = worker_refresh(model, db_session, session_factory)  # as after a restart
    assert len(encoded_texts) == 3  # unchanged texts are not encoded again
    assert missing_count(restarted) == 0
    need = listings[0]
    np.testing.assert_allclose(
        restarted.engine.catalogues[Kind.NEED].vector(need.id), index.engine.catalogues[Kind.NEED].vector(need.id)
    )


def test_a_changed_text_is_encoded_again_and_nothing_else(
    model, db_session, session_factory, listings, encoded_texts, worker
):
    index = worker_refresh(model, db_session, session_factory)
    encoded_texts.clear()
    solution = listings[1][0]
    solution.description = "사출 성형기 금형 온도와 불량을 함께 관리"
    db_session.commit()
    worker()
    index.sync(db_session)
    assert missing_count(index) == 1
    fill_vectors(index, model, session_factory)
    assert len(encoded_texts) == 1
    assert "금형 온도" in encoded_texts[0]
    row = db_session.scalar(
        select(MatchVector).where(MatchVector.listing_id == solution.id, MatchVector.kind == "solution")
    )
    assert row.text_hash == text_hash(encoded_texts[0])


def test_vectors_are_kept_per_model(model, db_session, session_factory, listings):
    worker_refresh(model, db_session, session_factory)
    need = listings[0]
    text = f"{need.title}\n{need.description}"
    hashes = {need.id: text_hash(model_text(text))}
    assert stored_vectors(db_session, Kind.NEED, model.name, hashes)
    assert stored_vectors(db_session, Kind.NEED, "another-model", hashes) == {}


def model_text(text: str) -> str:
    from matching.engine import embedding_text
    from matching.glossary import default_glossary

    return embedding_text(text, default_glossary())


def test_requests_never_encode_and_use_the_vectors_the_worker_stored(
    app, client, db_session, session_factory, model, listings, encoded_texts
):
    need, solutions = listings
    _, token = make_api_token(app, db_session, members_of(need.organisation)[0])
    path = f"/api/v1/needs/{need.id}/matches"
    waiting = client.get(path, headers=bearer(token)).get_json()
    assert waiting["semantic"] is False  # no vector stored yet: words and facts only
    assert all(item["channels"].get("semantic", 0) == 0 for item in waiting["items"])
    assert encoded_texts == []  # the request encoded nothing
    assert match_index(app).waiting_for_vector(Kind.NEED, need.id)

    worker_refresh(model, db_session, session_factory)
    assert len(encoded_texts) == 3

    body = client.get(path, headers=bearer(token)).get_json()  # the web index picks the stored vectors up
    assert body["semantic"] is True
    assert body["items"][0]["id"] == solutions[0].id
    assert body["items"][0]["channels"]["semantic"] > 0
