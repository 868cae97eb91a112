"""Flask extensions, created unbound here and bound to an app in create_app."""

from collections.abc import Callable

from flask import current_app
from flask_bootstrap import Bootstrap5
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)
bootstrap = Bootstrap5()


def configured_limit(setting: str) -> Callable[[], str]:
    """A rate limit read from the app's settings at request time (so FLASK_<NAME> and tests can change it)."""
    return lambda: current_app.config[setting]


# Sending a message (an interest with its note), from a page or the API alike: one budget per client.
message_limit = limiter.shared_limit(configured_limit("MESSAGE_RATE_LIMIT"), scope="messages", methods=["POST"])
# Attaching a file, from a page or the API alike: one budget per client.
upload_limit = limiter.shared_limit(configured_limit("ATTACHMENT_RATE_LIMIT"), scope="uploads", methods=["POST"])
