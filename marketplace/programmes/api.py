"""/api/v1/programmes (being built)."""
