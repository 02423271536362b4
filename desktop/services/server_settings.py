"""Which database this PC works on: the local encrypted vault or an office PostgreSQL server.

The address is a per-PC setting (``database_url``), read when Baton starts. Before an
administrator saves one, :func:`probe_server` connects once, with TLS, and says what is there,
so a typing mistake is found now and not at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from desktop.config import LocalSettings
from desktop.errors import BatonError
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action
from desktop.storage import schema
from desktop.storage.server import (
    check_server,
    is_empty,
    make_server_engine,
    redacted,
    server_url,
    version_label,
)


@dataclass(frozen=True)
class ServerProbe:
    address: str  # without the password
    version: str
    firm: str | None  # the company of a Baton database there, None when it is empty
    schema_current: bool
    tls: bool  # the connection was encrypted (an address may say sslmode=disable)


def shown_address(url: str) -> str:
    """The server address as a screen may show it: without its password. An address that does
    not parse is shown as typed (the lock screen still says where it tried to connect)."""
    try:
        return redacted(server_url(url))
    except BatonError:
        return url


def probe_server(ctx: ServiceContext, url: str) -> ServerProbe:
    """Connect once and report; nothing is created or migrated."""
    ctx.require(Action.SETTINGS_EDIT)
    parsed = server_url(url.strip())
    engine = make_server_engine(parsed, pool_size=1, max_overflow=0)
    try:
        number = check_server(engine, parsed)
        with engine.connect() as conn:
            tls = bool(
                conn.execute(
                    text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                ).scalar()
            )
        firm: str | None = None
        current = True
        if not is_empty(engine):
            with engine.connect() as conn:
                firm = conn.execute(text("SELECT name FROM company ORDER BY id LIMIT 1")).scalar()
            now, head = schema.pending(engine)
            current = now == head
        return ServerProbe(redacted(parsed), version_label(number), firm or None, current, tls)
    finally:
        engine.dispose()


def save_server_address(ctx: ServiceContext, settings: LocalSettings, url: str) -> str:
    """Store this PC's server address (empty: the local vault); returns it as saved."""
    ctx.require(Action.SETTINGS_EDIT)
    value = url.strip()
    if value:
        server_url(value)  # refuse a malformed address before it is written
    settings.set("database_url", value)
    settings.save()
    return value
