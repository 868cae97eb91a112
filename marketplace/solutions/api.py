"""/api/v1/solutions (being built)."""
