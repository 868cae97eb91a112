"""Imports every models module, so Base.metadata knows every table (Alembic and tests use this)."""

from funds import models as funds_models  # noqa: F401
from marketplace import audit as audit_models  # noqa: F401
from marketplace.attachments import models as attachment_models  # noqa: F401
from marketplace.auth import models as auth_models  # noqa: F401
from marketplace.conversations import models as conversation_models  # noqa: F401
from marketplace.db import Base
from marketplace.interests import models as interest_models  # noqa: F401
from marketplace.matches import models as match_models  # noqa: F401
from marketplace.needs import models as need_models  # noqa: F401
from marketplace.notifications import models as notification_models  # noqa: F401
from marketplace.organisations import models as organisation_models  # noqa: F401
from marketplace.programmes import models as programme_models  # noqa: F401
from marketplace.saved_searches import models as saved_search_models  # noqa: F401
from marketplace.solutions import models as solution_models  # noqa: F401
from marketplace.training import models as training_models  # noqa: F401
from mentors import models as mentor_models  # noqa: F401
from outcomes import models as outcome_models  # noqa: F401

metadata = Base.metadata
