"""Who is acting, and the unit of work they act in. Passed in explicitly, never global."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop.errors import QT_TRANSLATE_NOOP, Busy, Conflict, StorageError
from desktop.models.accounts import Role, User
from desktop.models.audit import AuditEvent, install_audit_hook
from desktop.services.changes import Changes as Changes  # re-exported for the use cases
from desktop.services.permissions import Action, can, require
from desktop.storage import vault as _vault
from desktop.storage.database import (
    MSG_BUSY,
    is_busy,
    is_damage,
    is_disk_full,
    own_references_engine,
    read_only_engine,
    storage_error,
)
from desktop.storage.datastore import MSG_NOT_ON_SERVER, DataStore, NotOnServer
from desktop.storage.store import MSG_KEY_CHANGED, Store

MSG_CHANGED_BY = QT_TRANSLATE_NOOP(
    "Errors", "{record} was changed by {user} at {time}; reload it and try again."
)
MSG_SAVED_AT_ONCE = QT_TRANSLATE_NOOP(
    "Errors",
    "Someone else saved the same records at the same moment; nothing was saved. Try again.",
)
#: PostgreSQL's "serialization failure" and "deadlock detected": the server undid our side.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
#: PostgreSQL's "lock not available" (lock_timeout) and "query canceled" (statement_timeout):
#: another seat held the rows longer than our wait, the server's form of SQLite's busy.
BUSY_SQLSTATES = frozenset({"55P03", "57014"})


#: Called with what is about to run ("read", "transaction", "login", "argon2") before every
#: unit of work and every Argon2 run; the screens install one that refuses their GUI thread.
ThreadGuard = Callable[[str], None]
_thread_guard: ThreadGuard | None = None


def set_thread_guard(guard: ThreadGuard | None) -> ThreadGuard | None:
    """Install ``guard`` (``None`` removes it); returns the previous one.

    The services stay Qt-free: they only call the hook. The window installs a guard that
    knows which thread draws the screen, so a database query or a key derivation started
    there -- which freezes the window for as long as it runs -- is named (a log warning in
    the application, a loud failure in the view tests). The same guard runs before Argon2
    in the storage layer, whichever service asked for it.
    """
    global _thread_guard
    previous, _thread_guard = _thread_guard, guard
    _vault.set_kdf_guard(None if guard is None else lambda: guard("argon2"))
    return previous


def check_thread(what: str) -> None:
    """Run the installed thread guard, if any, for ``what`` is about to happen."""
    guard = _thread_guard
    if guard is not None:
        guard(what)


class WriteInRead(RuntimeError):
    """A bug: a ``ServiceContext.read()`` unit of work tried to save something. Never shown
    as a user error; it exists so such a slip fails at once instead of taking the write lock."""


@dataclass(frozen=True)
class Actor:
    """The logged-in user as the services see them."""

    user_id: int | None
    username: str
    display_name: str
    role: Role
    branch_id: int | None = None
    employee_id: int | None = None


SYSTEM = Actor(None, "system", "System", Role.ADMIN)


@dataclass
class ServiceContext:
    """An unlocked vault plus the acting user; every use case receives one."""

    store: DataStore
    actor: Actor
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    _factory: sessionmaker[Session] | None = field(default=None, repr=False)
    _read_factory: sessionmaker[Session] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._make_factory()

    def _make_factory(self) -> None:
        self._factory = sessionmaker(self.store.engine, expire_on_commit=False)
        install_audit_hook(self._factory)
        event.listen(self._factory, "before_flush", _remember_versions)
        # Same pool, but its transactions begin DEFERRED/read-only (see read()).
        self._read_factory = sessionmaker(
            read_only_engine(self.store.engine), expire_on_commit=False, autoflush=False
        )
        event.listen(self._read_factory, "before_flush", _refuse_flush)

    def as_baton(self) -> ServiceContext:
        """The same vault and clock, acting as Baton itself (no user): what a tool does on its
        own, such as the bench submitting the case its user then approves (four eyes)."""
        return ServiceContext(self.store, SYSTEM, self.clock)

    def replace_store(self, store: DataStore) -> None:
        """Carry on with a new store after a key rotation or a restore."""
        self.store = store
        self._make_factory()

    def require(self, action: Action) -> None:
        require(self.actor.role, action)

    def can(self, action: Action) -> bool:
        """Whether the actor may ``action`` (the table in permissions.py): for the decisions
        that choose a path rather than refuse, and for the screens that hide a button."""
        return can(self.actor.role, action)

    @property
    def on_server(self) -> bool:
        return self.store.is_server

    def vault_store(self, what: str) -> Store:
        """The local vault, for the use cases about its own files; refused on a server."""
        if not isinstance(self.store, Store):
            raise NotOnServer(MSG_NOT_ON_SERVER, what=what)
        return self.store

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().astimezone().date()

    @contextlib.contextmanager
    def transaction(self, *, own_references: bool = False) -> Iterator[Session]:
        """One unit of work that writes: commits once at the end, rolls back (audit included)
        on error. It takes the write lock up front (SQLite ``BEGIN IMMEDIATE``); behind another
        writer it waits the busy timeout, then raises ``Busy`` -- nothing was changed.

        ``own_references``: every row it writes refers only to rows it read itself, inside
        this transaction (see ``storage.database.own_references_engine``); for a bulk write."""
        check_thread("transaction")
        assert self._factory is not None
        session = (
            self._factory(bind=own_references_engine(self.store.engine))
            if own_references
            else self._factory()
        )
        with self._translated(session), session:
            session.info["actor"] = self.actor.username
            # For work done when the unit ends (the order lock's refused attempts, alerts).
            session.info["today"] = self.today()
            with session.begin():
                yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A unit of work that only reads: a snapshot that never waits for a writer (SQLite
        ``BEGIN DEFERRED`` under WAL, PostgreSQL ``READ ONLY``), so lists and counts stay
        quick while an import or a save runs. Anything it would save raises ``WriteInRead``
        (a flush, or pending changes at the end); a write in SQL fails in the database."""
        check_thread("read")
        assert self._read_factory is not None
        session = self._read_factory()
        with self._translated(session), session:
            session.info["actor"] = self.actor.username
            with session.begin():
                yield session
                if session.new or session.deleted or _modified(session):
                    raise WriteInRead(
                        "a read-only unit of work changed objects: "
                        f"{_describe(session)}; use ctx.transaction() to save"
                    )

    @contextlib.contextmanager
    def _translated(self, session: Session) -> Iterator[None]:
        """Driver failures of a unit of work as the errors a user can act on."""
        try:
            yield
        except StaleDataError as exc:
            # Another seat saved one of these rows after we read it: the UPDATE matched no
            # row at our version. Rolled back; say who changed what, never overwrite.
            raise self._stale(session.info.get("_versioned", [])) from exc
        except OperationalError as exc:
            if is_disk_full(exc) or is_busy(exc):
                # Rolled back: nothing was saved. Say so instead of a driver error.
                raise storage_error(exc, folder=self._folder(), rolled_back=True) from exc
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if sqlstate in RETRYABLE_SQLSTATES:
                raise Conflict(MSG_SAVED_AT_ONCE) from exc
            if sqlstate in BUSY_SQLSTATES:
                raise Busy(MSG_BUSY) from exc
            raise
        except DatabaseError as exc:
            # "file is not a database" on a file that was fine at unlock: another process
            # rotated the key or restored a backup meanwhile. That is no damage.
            if is_damage(exc) and isinstance(self.store, Store) and self.store.key_changed():
                raise StorageError(MSG_KEY_CHANGED) from exc
            raise

    def _folder(self) -> str | None:
        return str(self.store.paths.data_dir) if isinstance(self.store, Store) else None

    def _stale(self, versioned: list[tuple[str, str, int, str]]) -> Conflict:
        """The conflict for the first remembered row whose stored version moved on."""
        assert self._factory is not None
        with self._factory() as s:
            for table, ident, version, label in versioned:
                row = s.execute(
                    text(f"SELECT version FROM {table} WHERE id = :id"), {"id": int(ident)}
                ).first()
                if row is None or row[0] != version:
                    return changed_by(s, table, ident, label)
        return Conflict(MSG_SAVED_AT_ONCE)

    def as_actor(self, actor: Actor) -> ServiceContext:
        """A context for another actor over the same store (tests, system jobs)."""
        return ServiceContext(self.store, actor, self.clock)

    def close(self) -> None:
        self.store.close()


def _refuse_flush(session: Session, flush_context: Any, instances: Any) -> None:
    raise WriteInRead(
        f"a read-only unit of work tried to save {_describe(session)}; use ctx.transaction()"
    )


def _modified(session: Session) -> bool:
    return any(session.is_modified(obj) for obj in session.dirty)


def _describe(session: Session) -> str:
    objs = [*session.new, *session.dirty, *session.deleted]
    return ", ".join(sorted({type(o).__name__ for o in objs})) or "nothing"


# --------------------------------------------------------------------------- conflicts


def record_label(obj: Any) -> str:
    """How a record is named in a conflict message: its name, number or code, else table #id."""
    for attr in ("name", "number", "code", "title", "username"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value
    return f"{obj.__tablename__} #{getattr(obj, 'id', '?')}"


def _remember_versions(session: Session, flush_context: Any, instances: Any) -> None:
    """Before a flush, note each versioned row it may update (table, id, version, label), so a
    StaleDataError can name the record and who changed it."""
    seen = session.info.setdefault("_versioned", [])
    for obj in (*session.dirty, *session.deleted):
        state = inspect(obj)
        if state.mapper.version_id_col is None or getattr(obj, "id", None) is None:
            continue
        committed = state.committed_state.get("version", getattr(obj, "version", None))
        seen.append((obj.__tablename__, str(obj.id), committed, record_label(obj)))


def changed_by(session: Session, table: str, ident: str, label: str) -> Conflict:
    """ "{record} was changed by {user} at {time}": who and when from the audit log's last event
    for that row (the audit log is written in the same transaction as every change)."""
    last = session.execute(
        select(AuditEvent.actor, AuditEvent.at)
        .where(AuditEvent.entity == table, AuditEvent.entity_id == ident)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        return Conflict(MSG_CHANGED_BY, record=label, user="?", time="?")
    actor, at = last
    display = session.scalar(select(User.display_name).where(User.username == actor))
    who = f"{display} ({actor})" if display and display != actor else actor
    return Conflict(
        MSG_CHANGED_BY,
        record=label,
        user=who,
        time=at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
    )


def check_version(session: Session, obj: Any, expected_version: int | None) -> None:
    """Refuse a save based on a stale read: the form showed ``expected_version``."""
    if expected_version is not None and obj.version != expected_version:
        raise changed_by(session, obj.__tablename__, str(obj.id), record_label(obj))
