"""Behind a proxy: believe X-Forwarded-* only from the number of proxies the deployer says are ours."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from marketplace.config import ConfigError


def trusted_proxies(app: Flask) -> int:
    """TRUSTED_PROXIES as a count of hops (0: no proxy, the headers are ignored); a bad value stops the start."""
    raw = app.config.get("TRUSTED_PROXIES", 0)
    try:
        hops = int(raw)
    except (TypeError, ValueError):
        hops = -1
    if hops < 0:
        raise ConfigError(f"TRUSTED_PROXIES must be a whole number of proxies (0 or more), not {raw!r}")
    return hops


def trust_proxies(app: Flask) -> None:
    """Take the client's address, scheme, host and port from the last `hops` proxies' headers.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so only the last `hops` entries
    are ours; anything a client wrote before them is ignored (it could say anything). Rate limits, logs
    and audit trails then see the client, not the proxy.
    """
    hops = trusted_proxies(app)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]
