"""``baton migrate-to-server``: copy a local vault to an empty PostgreSQL database, then prove it.

The copy goes table by table in foreign-key order, in batches, inside one server transaction:
an interruption leaves no row on the server, and the command may simply be run again. Rows keep their ids (sequences
are moved past them) and the audit log is copied verbatim, so its chain recomputes on the
server to the same last hash. Then every table's row count, every money column's sum and the
chain are compared; any difference fails the command.

Passwords do not travel (a key slot is not a password hash): the administrator who runs the
copy gives theirs, and every other account must be given a new password by an administrator
(``baton --database URL user passwd NAME``) before it can log in to the server.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, inspect, select, text, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.audit import ChainReport, verify_chain
from desktop.models.base import Base
from desktop.models.types import Money
from desktop.services import search_index
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action
from desktop.storage import schema
from desktop.storage.server import (
    ServerStore,
    hash_password,
    is_empty,
    open_server_store,
    redacted,
    server_url,
)
from desktop.storage.server_roles import MSG_NOT_OWNER, can_migrate
from desktop.storage.vault import Vault

ProgressFn = Callable[[int, int, str], None]
BATCH_ROWS = 5000

MSG_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "Errors",
    "The server database {database} is not empty: migrate-to-server copies only into an empty "
    "database (create a new one with createdb), so nothing there is overwritten.",
)
MSG_UNKNOWN_TABLES = QT_TRANSLATE_NOOP(
    "Errors", "This vault holds tables this version of Baton does not know: {tables}."
)
MSG_SCHEMA_BEHIND = QT_TRANSLATE_NOOP(
    "Errors", "The vault's schema {revision} is not this version's; open it once, then migrate."
)


@dataclass(frozen=True)
class CountCheck:
    """One table's row count, or one money column's sum, in the vault and on the server."""

    name: str
    local: int | Decimal
    server: int | Decimal

    @property
    def ok(self) -> bool:
        return self.local == self.server


@dataclass(frozen=True)
class ChainCheck:
    local: ChainReport
    server: ChainReport
    local_tail: str
    server_tail: str

    @property
    def ok(self) -> bool:
        return (
            self.local.ok
            and self.server.ok
            and self.local.events == self.server.events
            and self.local_tail == self.server_tail
        )


@dataclass(frozen=True)
class MigrationReport:
    """What was copied and how it compares; ``ok`` only when everything matches."""

    server: str
    tables: list[CountCheck]
    money: list[CountCheck]
    chain: ChainCheck
    seconds: float
    password_set: str
    need_password: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in (*self.tables, *self.money)) and self.chain.ok

    @property
    def rows(self) -> int:
        return sum(int(c.local) for c in self.tables)


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _self_references(table: Table) -> list[str]:
    """Columns pointing into their own table (an employee's manager): filled in after the rows,
    because a row may name one that comes later."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _check_source(conn: Connection) -> None:
    current = schema.current_revision(conn)
    if current != schema.head_revision():
        raise ValidationError(MSG_SCHEMA_BEHIND, revision=current or "-")
    known = {t.name for t in _tables()}
    present = {
        name
        for name in inspect(conn).get_table_names()
        if name != "alembic_version"
        and not name.startswith("sqlite_")
        # the vault's own search index (FTS5), kept by triggers from the customers; the
        # server has its own (pg_trgm) over the same columns, so it is not copied
        and not name.startswith(search_index.FTS_TABLE)
    }
    if present - known:
        raise ValidationError(MSG_UNKNOWN_TABLES, tables=", ".join(sorted(present - known)))


def _copy_table(
    src: Connection,
    dst: Connection,
    table: Table,
    admin: str,
    admin_hash: str,
    batch: int,
    tick: Callable[[int], None],
) -> None:
    deferred = _self_references(table)
    pk = list(table.primary_key.columns)
    later: list[dict[str, Any]] = []
    result = src.execution_options(stream_results=True, yield_per=batch).execute(
        select(table).order_by(*pk)
    )
    for part in result.mappings().partitions(batch):
        rows = [dict(r) for r in part]
        for row in rows:
            if table.name == User.__tablename__:
                row["password_hash"] = admin_hash if row["username"] == admin else None
            for col in deferred:
                if row[col] is not None:
                    later.append({"_id": row["id"], col: row[col]})
                    row[col] = None
        dst.execute(table.insert(), rows)
        tick(len(rows))
    for col in deferred:
        pending = [{"_id": r["_id"], "_value": r[col]} for r in later if col in r]
        if pending:
            statement = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values({col: bindparam("_value")})
            )
            dst.execute(statement, pending)


def _fix_sequences(dst: Connection) -> None:
    """Move each serial id's sequence past the copied ids, so the next insert does not clash."""
    prep = dst.dialect.identifier_preparer
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].autoincrement is False:
            continue
        seq = dst.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        ).scalar()
        if seq is None:
            continue
        dst.execute(
            text(
                f"SELECT setval(:seq, coalesce(max({prep.quote(pk[0].name)}), 1), "
                f"max({prep.quote(pk[0].name)}) IS NOT NULL) FROM {prep.quote(table.name)}"
            ),
            {"seq": seq},
        )


def _only_our_empty_schema(target: ServerStore) -> bool:
    """True when the database holds Baton's tables without a single row: an earlier attempt
    that stopped after the migrations (the copy itself is one transaction) may be repeated."""
    with target.engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        ours = {t.name for t in _tables()}
        if not names <= ours | {"alembic_version"} or not names & ours:
            return False
        return not any(
            conn.execute(select(t).limit(1)).first() is not None
            for t in _tables()
            if t.name in names
        )


def _counts(conn: Connection) -> dict[str, int]:
    return {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
        for t in _tables()
    }


def _money_sums(conn: Connection) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for table in _tables():
        for col in table.columns:
            if isinstance(col.type, Money):
                total = conn.execute(select(func.sum(col))).scalar()
                sums[f"{table.name}.{col.name}"] = Decimal(total or 0).quantize(Decimal("0.01"))
    return sums


def _chain(conn: Connection) -> tuple[ChainReport, str]:
    with Session(bind=conn) as s:
        report = verify_chain(s)
    tail = conn.execute(
        select(audit.AuditEvent.hash).order_by(audit.AuditEvent.seq.desc()).limit(1)
    ).scalar()
    return report, str(tail or audit.GENESIS)


def compare(
    src: Connection, dst: Connection
) -> tuple[list[CountCheck], list[CountCheck], ChainCheck]:
    """Row counts per table, money sums per column and the audit chain, on both sides."""
    local_counts, server_counts = _counts(src), _counts(dst)
    tables = [CountCheck(n, local_counts[n], server_counts[n]) for n in local_counts]
    local_money, server_money = _money_sums(src), _money_sums(dst)
    money = [CountCheck(n, local_money[n], server_money[n]) for n in local_money]
    (local_chain, local_tail), (server_chain, server_tail) = _chain(src), _chain(dst)
    return tables, money, ChainCheck(local_chain, server_chain, local_tail, server_tail)


def migrate_to_server(
    ctx: ServiceContext,
    url: str,
    admin_password: str,
    *,
    batch: int = BATCH_ROWS,
    progress: ProgressFn | None = None,
) -> MigrationReport:
    """Copy the open vault into the empty database at ``url`` and verify the copy.

    ``admin_password`` becomes the acting administrator's server password (the one they just
    unlocked the vault with, normally). Other accounts are copied without a password.
    """
    ctx.require(Action.USERS_MANAGE)
    vault = ctx.vault_store("Migrating to a server")
    Vault.check_password(admin_password)
    started = time.monotonic()
    parsed = server_url(url)
    target: ServerStore = open_server_store(parsed, migrate=False)
    try:
        if not is_empty(target.engine) and not _only_our_empty_schema(target):
            raise ValidationError(MSG_NOT_EMPTY, field="database", database=parsed.database)
        with target.engine.connect() as conn:
            if not can_migrate(conn):  # a seat role: the copy is the owner account's job
                raise ValidationError(MSG_NOT_OWNER, field="database", user=parsed.username or "")
        schema.upgrade(target.engine)
        admin_hash = hash_password(admin_password)
        with vault.engine.connect() as src:
            _check_source(src)
            total = sum(_counts(src).values())
            done = 0

            def tick(rows: int) -> None:
                nonlocal done
                done += rows
                if progress:
                    progress(done, total, "copy")

            with target.engine.begin() as dst:
                for table in _tables():
                    _copy_table(src, dst, table, ctx.actor.username, admin_hash, batch, tick)
                _fix_sequences(dst)
            with target.engine.connect() as dst:
                tables, money, chain = compare(src, dst)
                need = sorted(
                    dst.execute(
                        select(User.username).where(
                            User.password_hash.is_(None), User.removed.is_(False)
                        )
                    ).scalars()
                )
        report = MigrationReport(
            redacted(parsed),
            tables,
            money,
            chain,
            time.monotonic() - started,
            ctx.actor.username,
            need,
        )
        if report.ok:
            _record(ctx, target, report)
    finally:
        target.close()
    return report


def _record(ctx: ServiceContext, target: ServerStore, report: MigrationReport) -> None:
    """One audit event on each side, after the comparison (so it compares like with like)."""
    detail = {"server": report.server, "rows": report.rows, "events": report.chain.local.events}
    server_ctx = ServiceContext(target, ctx.actor, ctx.clock)
    with server_ctx.transaction() as s:
        audit.record(s, "vault.migrated_in", "vault", target.db_id, detail)
    with ctx.transaction() as s:
        audit.record(s, "vault.migrated_out", "vault", ctx.store.db_id, detail)
