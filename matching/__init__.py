"""The matching engine: pure Python (no Flask). The web side hands it texts, vectors and facts."""
