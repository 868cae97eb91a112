"""Alembic migrations; columns.py holds the shapes they share."""
