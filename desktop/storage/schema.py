"""Schema versions: Alembic run on an open connection, a backup first when data exists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from desktop.errors import QT_TRANSLATE_NOOP, NewerSchema

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: PostgreSQL advisory lock key held while migrating (any fixed 64-bit number of ours).
MIGRATION_LOCK = 0x42A70001


def alembic_config(connection: Connection | None = None, **attributes: Any) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    cfg.attributes.update(attributes)
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def pending(engine: Engine) -> tuple[str | None, str]:
    """Return (current, head); refuse a database written by a newer Baton."""
    with engine.connect() as conn:
        current = current_revision(conn)
    if current is not None and current not in known_revisions():
        raise NewerSchema(
            QT_TRANSLATE_NOOP(
                "Errors",
                "This database was written by a newer version of Baton (schema {revision}). "
                "Install that version or newer to open it.",
            ),
            revision=current,
        )
    return current, head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations in one transaction (SQLite and PostgreSQL DDL are transactional)."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            # Batch migrations rebuild tables; check foreign keys once, at commit.
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        elif conn.dialect.name == "postgresql":
            # Several seats may open a server at once after an update: one migrates, the
            # others wait here and then find nothing left to do (Alembic reads the version
            # after the lock is granted).
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        command.upgrade(alembic_config(conn), revision)
