"""Imports every models module, so Base.metadata knows every table (Alembic and tests use this)."""

from marketplace.auth import models as auth_models  # noqa: F401
from marketplace.db import Base
from marketplace.organisations import models as organisation_models  # noqa: F401

metadata = Base.metadata
