import pytest

from marketplace.matches.index import encoder_for
from matching.encoder import DEFAULT_MODEL, Encoder


@pytest.fixture(scope="session")
def model() -> Encoder:
    """The real embedding model, loaded once per test session (shared with every app's index)."""
    encoder = encoder_for(DEFAULT_MODEL)
    encoder.load()
    return encoder
