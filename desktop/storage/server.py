"""The PostgreSQL mode: the same schema and services on an office server, over TLS.

Several PCs cannot share one SQLCipher file (WAL needs one host), so a firm that outgrows one PC
points every seat at a PostgreSQL 15+ server. The server has no key slots: app logins check an
Argon2id hash kept in ``app_user``; encryption at rest is the server's disk encryption and TLS
protects the wire (``sslmode=require`` unless the address says otherwise). Migrations run on
open like in the vault, without the SQLCipher safety backup (the server's own backups cover it),
but only when the database user owns the schema: a seat role (``server_roles``) is refused
with a plain message and the administrator upgrades with the owner account.

The audit anchor of the vault (``anchor.py``: count and head hash kept outside the table) has
no counterpart here. What protects the log instead is the seat role: it may only INSERT and
SELECT ``audit_event`` (``server_roles``), so a seat cannot remove the newest events; the
owner account can, and removals by it are detected only by comparing with the server's own
backups or a log shipped elsewhere (PostgreSQL's WAL archive).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, ClassVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from desktop.errors import QT_TRANSLATE_NOOP, BatonError, ValidationError
from desktop.storage import database, schema, server_roles
from desktop.storage.datastore import DataStore

DRIVER = "postgresql+psycopg"
MIN_SERVER_VERSION = 150000
CONNECT_TIMEOUT_S = 10
KDF_PROFILE_ENV = "BATON_KDF_PROFILE"


class ServerUnavailable(BatonError):
    """The server could not be reached, refused TLS or refused the credentials."""

    exit_code = 1


MSG_BAD_URL = QT_TRANSLATE_NOOP(
    "Errors",
    "The database address {url} is not a PostgreSQL address; use "
    "postgresql+psycopg://user@host/database.",
)
MSG_NO_TLS = QT_TRANSLATE_NOOP(
    "Errors",
    "The database server {server} refused an encrypted (TLS) connection. Turn on ssl in its "
    "postgresql.conf (see installer/README.md); Baton does not send data unencrypted.",
)
MSG_SSL_DISABLED = QT_TRANSLATE_NOOP(
    "Errors",
    "The database server {server} accepts only encrypted (TLS) connections, but the address "
    "says sslmode=disable: remove sslmode=disable from the address (Baton then requires TLS).",
)
MSG_CREDENTIALS = QT_TRANSLATE_NOOP(
    "Errors",
    "The database server {server} refused the database user {user}: check the user name and "
    "password (PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf.",
)
MSG_NO_DATABASE = QT_TRANSLATE_NOOP(
    "Errors", "The database server {server} has no database named {database}."
)
MSG_UNREACHABLE = QT_TRANSLATE_NOOP("Errors", "Cannot reach the database server {server}: {reason}")
MSG_OLD_SERVER = QT_TRANSLATE_NOOP(
    "Errors", "The database server {server} runs PostgreSQL {version}; Baton needs 15 or newer."
)


# --------------------------------------------------------------------------- addresses


def server_url(url: str | URL) -> URL:
    """Parse a server address; use psycopg 3 and require TLS unless the address says otherwise."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError as exc:
        raise ValidationError(MSG_BAD_URL, field="database", url=str(url)) from exc
    if parsed.get_backend_name() != "postgresql" or parsed.get_driver_name() not in {
        "psycopg",
        "postgresql",
    }:
        raise ValidationError(MSG_BAD_URL, field="database", url=redacted(parsed))
    parsed = parsed.set(drivername=DRIVER)
    if "sslmode" not in parsed.query:
        parsed = parsed.update_query_dict({"sslmode": "require"})
    return parsed


def redacted(url: URL) -> str:
    """The address as it may be shown or logged: never with its password."""
    return url.render_as_string(hide_password=True)


def _server_label(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def connection_error(url: URL, exc: BaseException) -> BatonError:
    """Turn libpq's refusal into one line the user can act on (the driver's text is English)."""
    orig = getattr(exc, "orig", exc)
    reason = ([line.strip() for line in str(orig).splitlines() if line.strip()] or ["?"])[-1]
    raw = str(orig)
    server = _server_label(url)
    if "does not support SSL" in raw or "SSL was required" in raw:
        return ServerUnavailable(MSG_NO_TLS, server=server)
    unencrypted = "no encryption" in raw or "SSL off" in raw
    if "no pg_hba.conf entry" in raw and unencrypted and url.query.get("sslmode") == "disable":
        # The server refuses unencrypted connections and the address asked for one: this is
        # not a password problem, and no password change would help.
        return ServerUnavailable(MSG_SSL_DISABLED, server=server)
    if (
        "password authentication failed" in raw
        or "no pg_hba.conf entry" in raw
        or ("role" in raw and "does not exist" in raw)
        or "no password supplied" in raw
        or "authentication failed" in raw
    ):
        return ServerUnavailable(MSG_CREDENTIALS, server=server, user=url.username or "")
    if "database" in raw and "does not exist" in raw:
        return ServerUnavailable(MSG_NO_DATABASE, server=server, database=url.database or "")
    return ServerUnavailable(MSG_UNREACHABLE, server=server, reason=reason)


# --------------------------------------------------------------------------- the store


class ServerStore(DataStore):
    """An open PostgreSQL database; the engine's pool holds a few connections per seat."""

    kind: ClassVar[str] = "server"

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine

    @property
    def db_id(self) -> str:
        with self.engine.connect() as conn:
            value = conn.execute(text("SELECT db_id FROM company ORDER BY id LIMIT 1")).scalar()
        return str(value or "")

    @property
    def location(self) -> str:
        return redacted(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def integrity(self, full: bool = True) -> list[str]:
        """PostgreSQL enforces keys and constraints itself and checksums its pages when the
        cluster was made with them (pg_amcheck is the administrator's tool); what Baton can
        check from a seat is that the schema is the one this version expects."""
        current, head = schema.pending(self.engine)
        if current != head:
            return [f"schema {current} is not this version's {head}"]
        return []


def make_server_engine(url: URL, **kwargs: Any) -> Engine:
    """A pooled engine; pre-ping replaces connections the server or the LAN dropped."""
    options: dict[str, Any] = {
        "pool_pre_ping": True,
        "pool_size": 2,
        "max_overflow": 4,
        "connect_args": {
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "baton",
            # A writer waits for another seat's row locks as long as a vault's writer waits
            # for the file (the busy timeout), then says Busy instead of hanging.
            "options": f"-c lock_timeout={int(database.BUSY_TIMEOUT_S * 1000)}",
        },
    }
    options.update(kwargs)
    return create_engine(url, **options)


def version_label(number: int) -> str:
    """``server_version_num`` as people write it: 150004 → "15.4"."""
    return f"{number // 10000}.{number % 10000}"


def check_server(engine: Engine, url: URL) -> int:
    """Connect once, so a refusal surfaces here as one clear line; refuse servers below 15.
    Returns the server's ``server_version_num``."""
    try:
        with engine.connect() as conn:
            version = int(conn.execute(text("SHOW server_version_num")).scalar() or 0)
    except DBAPIError as exc:
        raise connection_error(url, exc) from exc
    if version < MIN_SERVER_VERSION:
        raise ServerUnavailable(
            MSG_OLD_SERVER, server=_server_label(url), version=version_label(version)
        )
    return version


def open_server_store(url: str | URL, *, migrate: bool = True) -> ServerStore:
    """Connect, check, and bring the schema to this version's head (a newer one is refused)."""
    parsed = server_url(url)
    engine = make_server_engine(parsed)
    try:
        check_server(engine, parsed)
        if migrate:
            current, head = schema.pending(engine)
            if current != head:
                with engine.connect() as conn:
                    server_roles.refuse_seat_upgrade(conn, current, head)
                schema.upgrade(engine)
                server_roles.regrant_seats(engine)
    except BaseException:
        engine.dispose()
        raise
    return ServerStore(parsed, engine)


@dataclass(frozen=True)
class SeatRoleResult:
    """What ``baton server-roles`` did: the script, and (when applied) the rights now held."""

    script: str
    upgraded_from: str | None
    head: str
    rights: server_roles.SeatRights | None


def set_up_seat_role(url: str | URL, role: str, *, apply: bool) -> SeatRoleResult:
    """Connected as the owner: bring the schema to head (when applying) and give ``role``
    a seat's rights, or only write the script that would. The role itself is made by the
    server's superuser (CREATE ROLE … LOGIN), since the owner need not have CREATEROLE."""
    parsed = server_url(url)
    engine = make_server_engine(parsed)
    try:
        check_server(engine, parsed)
        current, head = schema.pending(engine)
        with engine.connect() as conn:
            server_roles.check_seat_role(conn, role)
        upgraded_from = None
        if apply and current != head:
            schema.upgrade(engine)
            upgraded_from = current
        with engine.begin() as conn:
            script = server_roles.grant_script(conn, role)
            rights = server_roles.apply_seat_role(conn, role) if apply else None
        if apply:
            server_roles.regrant_seats(engine)
    finally:
        engine.dispose()
    return SeatRoleResult(script, upgraded_from, head, rights)


def is_empty(engine: Engine) -> bool:
    """True when the database holds no table of ours (the target of ``migrate-to-server``)."""
    with engine.connect() as conn:
        count = conn.execute(
            text(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        ).scalar()
    return not count


# --------------------------------------------------------------------------- password hashes


def password_hasher() -> PasswordHasher:
    """Argon2id with argon2-cffi's RFC 9106 defaults; tiny under ``BATON_KDF_PROFILE=fast``
    (the test suite), like the vault's key slots."""
    if os.environ.get(KDF_PROFILE_ENV) == "fast":
        return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return PasswordHasher()


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Check a password against a stored hash; a missing hash verifies nothing.

    Without a hash the same work is still done against a dummy, so timing does not tell an
    unknown user from a wrong password.
    """
    hasher = password_hasher()
    try:
        return hasher.verify(stored or _dummy_hash(hasher), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: dict[tuple[int, int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _DUMMY:
        _DUMMY[key] = hasher.hash(os.urandom(16).hex())
    return _DUMMY[key]
