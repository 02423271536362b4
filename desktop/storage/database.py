"""SQLAlchemy engines over SQLCipher (raw 256-bit key) or PostgreSQL.

The engine is made after unlock, by a factory given the raw key; it never exists at import
time. Every SQLCipher connection sets the key as its first statement, then the pragmas of
RELIABILITY.md: WAL, ``synchronous=FULL``, foreign keys, an 8 s busy timeout, and writes in
``BEGIN IMMEDIATE`` transactions so two writers queue instead of failing halfway. Reads (a
connection carrying the ``READ_ONLY`` execution option) begin ``DEFERRED`` with
``query_only`` on: under WAL they never wait for a writer, and a stray write fails loudly.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import QueuePool

from desktop.errors import QT_TRANSLATE_NOOP, Busy, StorageError, VaultDamaged

BUSY_TIMEOUT_S = 8.0
#: Execution option marking a connection (an engine view) whose transactions only read.
READ_ONLY = "baton_read_only"
#: Execution option of a write whose every reference was read in that same transaction (see
#: :func:`own_references_engine`): SQLite does not look each one up again.
OWN_REFERENCES = "baton_own_references"
CACHE_KIB = 64 * 1024
#: For connections that read the whole file once (backups, integrity checks).
SCAN_CACHE_KIB = 4 * 1024
SQLITE_HEADER = b"SQLite format 3\x00"

MSG_NOT_OPENABLE = QT_TRANSLATE_NOOP(
    "Errors",
    "The database file {file} cannot be read with this vault's key: it is damaged, truncated, "
    "or belongs to another vault. Restore a backup (Settings → Backups, or baton restore).",
)
MSG_DAMAGED = QT_TRANSLATE_NOOP(
    "Errors",
    "The database is damaged ({problem}). Baton will not write to it. "
    "Restore a backup (Settings → Backups, or baton restore).",
)

MSG_BUSY = QT_TRANSLATE_NOOP(
    "Errors",
    "The database is busy with another task (an import, a backup or a key rotation); "
    "nothing was changed. Try again when it finishes.",
)


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("SQLCipher raw keys are 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(
    path: Path, key: bytes, *, timeout: float | None = None, cache_kib: int = CACHE_KIB
) -> sqlcipher.Connection:
    """Open one SQLCipher connection with a raw key and Baton's pragmas.

    One-pass work over the whole file (backups, checks) asks for a small ``cache_kib``: a
    big cache would not be reused and only adds to the process's peak memory.

    On a full disk SQLite cannot make the shared-memory file a WAL database needs even to be
    read; the connection is then opened in exclusive locking mode, which keeps that index in
    memory, so reading still works (this process alone, until space is freed).

    ``timeout`` (the writer's retry window) defaults to ``BUSY_TIMEOUT_S``, read at call time."""
    if timeout is None:
        timeout = BUSY_TIMEOUT_S
    try:
        return _connect(path, key, timeout, cache_kib, exclusive=False)
    except sqlcipher.OperationalError:
        if not disk_full_at(path.parent):
            raise
    return _connect(path, key, timeout, cache_kib, exclusive=True)


def _connect(
    path: Path, key: bytes, timeout: float, cache_kib: int, *, exclusive: bool
) -> sqlcipher.Connection:
    conn = sqlcipher.connect(
        str(path), timeout=timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_plaintext_header_size = 0")
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        # 64 MiB of page cache (grown only as used): list searches over 50,000 customers then
        # stay in memory instead of re-decrypting pages on every keystroke.
        conn.execute(f"PRAGMA cache_size = -{cache_kib}")
    except BaseException:
        conn.close()
        raise
    return conn


def connect_passphrase(path: Path, passphrase: str) -> sqlcipher.Connection:
    """Open with SQLCipher's own PBKDF2 passphrase key; only the bench uses this, to compare."""
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    return conn


def looks_like_plain_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def key_opens(path: Path, key: bytes) -> bool:
    """Tell whether ``key`` decrypts ``path`` (reads page 1 only; writes nothing)."""
    try:
        return _key_opens(path, key, exclusive=False)
    except sqlcipher.OperationalError as exc:
        if not disk_full_at(path.parent):
            raise read_error(exc, path) from exc
    try:
        return _key_opens(path, key, exclusive=True)  # see connect(): a full disk
    except sqlcipher.OperationalError as exc:
        raise read_error(exc, path) from exc


def _key_opens(path: Path, key: bytes, *, exclusive: bool) -> bool:
    try:
        conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher.Error:
        return False
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA query_only = ON")
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        return True
    except sqlcipher.DatabaseError as exc:
        if is_damage(exc):
            return False  # "not a database": another key, or a damaged file
        raise  # busy, a full disk, an I/O error: the key may be right; no damage
    finally:
        conn.close()


def check_file_shape(path: Path) -> None:
    """Refuse, before any key is tried, files that cannot be a Baton database."""
    if not path.exists():
        return
    size = path.stat().st_size
    if size == 0:
        raise VaultDamaged(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The database file {file} is empty (0 bytes): it was truncated. "
                "Restore a backup (Settings → Backups, or baton restore).",
            ),
            file=str(path),
        )
    if looks_like_plain_sqlite(path):
        raise VaultDamaged(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The file {file} is a plain, unencrypted SQLite database, not a Baton vault.",
            ),
            file=str(path),
        )


def make_sqlcipher_engine(path: Path, key: bytes, *, pool_size: int = 2) -> Engine:
    """Create the engine of an unlocked vault; every pooled connection carries the key."""

    def creator() -> sqlcipher.Connection:
        return connect(path, key)

    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        module=sqlcipher,
        creator=creator,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
        pool_pre_ping=False,
    )
    _install_sqlite_transactions(engine)
    _install_busy_message(engine, path)

    @event.listens_for(engine, "checkout")
    def _leave_full_disk_mode(dbapi_conn: Any, record: Any, proxy: Any) -> None:
        # A connection made while the disk was full holds the file alone; once space is
        # free again it is replaced by an ordinary one, so other processes are not kept out.
        if "exclusive" not in record.info:  # asked once per connection, not per checkout
            mode = dbapi_conn.execute("PRAGMA locking_mode").fetchone()
            record.info["exclusive"] = bool(mode) and str(mode[0]).lower() == "exclusive"
        if record.info["exclusive"] and not disk_full_at(path.parent):
            raise DisconnectionError("leaving the full-disk mode")

    return engine


def _install_busy_message(engine: Engine, path: Path) -> None:
    # Every engine transaction is BEGIN IMMEDIATE: behind a long write (an import, a backup's
    # checkpoint in another process) it waits the busy timeout, then SQLite says "database is
    # locked". That is no fault to show as a driver error: say the database is busy. An I/O
    # error on a full disk (SQLite cannot grow its -shm file) is said as a full disk; SQLITE_FULL
    # itself is left to the unit of work, which knows that nothing was saved.
    @event.listens_for(engine, "handle_error")
    def _busy(context: Any) -> BaseException | None:
        exc = context.original_exception
        if is_busy(exc):
            return Busy(MSG_BUSY)
        if (
            isinstance(exc, sqlcipher.OperationalError)
            and not is_disk_full(exc)
            and disk_full_at(path.parent)
        ):
            return read_error(exc, path)
        return None


def _install_sqlite_transactions(engine: Engine) -> None:
    # The driver runs in autocommit mode; SQLAlchemy's "begin" starts the real transaction.
    # A write is IMMEDIATE: the writer lock is taken up front, waiting up to busy_timeout, so
    # two writers queue instead of one failing halfway. A read (the READ_ONLY option) is
    # DEFERRED: under WAL it reads its snapshot beside a writer without waiting at all, and
    # ``query_only`` makes a write slipped into it fail instead of silently taking the lock.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        options = conn.get_execution_options()
        read_only = bool(options.get(READ_ONLY))
        if conn.info.get(READ_ONLY, False) != read_only:
            conn.exec_driver_sql(f"PRAGMA query_only = {int(read_only)}")
            conn.info[READ_ONLY] = read_only
        # foreign_keys can only change outside a transaction: here, before it begins
        own = bool(options.get(OWN_REFERENCES)) and not read_only
        if conn.info.get(OWN_REFERENCES, False) != own:
            conn.exec_driver_sql(f"PRAGMA foreign_keys = {int(not own)}")
            conn.info[OWN_REFERENCES] = own
        conn.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")

    @event.listens_for(engine, "checkin")
    def _writable_again(dbapi_conn: Any, record: Any) -> None:
        # Raw uses of a pooled connection (no "begin" event) must not find it read-only or
        # without its foreign keys. If this fails the flag stays set, and the next
        # transaction's "begin" switches it back.
        if dbapi_conn is None:
            return
        if record.info.get(READ_ONLY):
            with contextlib.suppress(Exception):
                dbapi_conn.execute("PRAGMA query_only = 0")
                record.info[READ_ONLY] = False
        if record.info.get(OWN_REFERENCES):
            with contextlib.suppress(Exception):
                dbapi_conn.execute("PRAGMA foreign_keys = ON")
                record.info[OWN_REFERENCES] = False


def own_references_engine(engine: Engine) -> Engine:
    """A view of ``engine`` for one bulk write whose every reference to another row was read
    in the same transaction, under the write lock taken at its start (SQLite's ``BEGIN
    IMMEDIATE``: nobody can delete those rows meanwhile): a commission month, whose lines
    point at the waybills, invoices, payments, employees and plans it has just read. SQLite
    then does not look each reference up again (``foreign_keys`` off for that transaction
    only; on for every other one, and again as soon as it ends): for 14,000 lines that was
    a seventh of the month, most of it decrypting waybill pages nothing else needed.
    PostgreSQL keeps checking (the option means nothing there)."""
    return engine.execution_options(**{OWN_REFERENCES: True})


def read_only_engine(engine: Engine) -> Engine:
    """A view of ``engine`` whose transactions only read: DEFERRED + query_only on SQLite,
    READ ONLY on PostgreSQL. Shares the pool; nothing about the connections changes."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(**{READ_ONLY: True, "postgresql_readonly": True})
    return engine.execution_options(**{READ_ONLY: True})


@contextlib.contextmanager
def raw_connection(path: Path, key: bytes) -> Iterator[sqlcipher.Connection]:
    conn = connect(path, key)
    try:
        yield conn
    finally:
        conn.close()


def integrity_report(conn: sqlcipher.Connection, *, full: bool = True) -> list[str]:
    """Run SQLCipher's page HMAC check and SQLite's checks; return the problems found.

    A clean file gives an empty list: ``cipher_integrity_check`` returns no rows,
    ``integrity_check`` returns ``ok`` and ``foreign_key_check`` no rows.
    """
    problems: list[str] = []
    try:
        if full:
            problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        else:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
        if rows != ["ok"]:
            problems += rows
        problems += [
            f"foreign key: table {r[0]} row {r[1]} -> {r[2]}"
            for r in conn.execute("PRAGMA foreign_key_check")
        ]
    except sqlcipher.DatabaseError as exc:
        if not is_damage(exc):
            raise  # busy, a full disk: the caller says so; it is no finding about the file
        problems.append(str(exc))
    # SQLite packs several findings into one row, separated by newlines; one per line keeps
    # error messages to a single line and the count honest.
    lines = (line.strip() for p in problems for line in p.splitlines())
    return [line for line in lines if line and not line.startswith("*** in database")]


def is_damage(exc: BaseException) -> bool:
    """True for SQLite's "malformed" and "not a database" errors, not for busy or disk full.

    The driver raises exactly ``DatabaseError`` for SQLITE_CORRUPT and SQLITE_NOTADB and a
    subclass (``OperationalError`` …) for everything a retry or free space could cure.
    """
    orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's exception
    return type(orig) is sqlcipher.DatabaseError


def is_disk_full(exc: BaseException) -> bool:
    """True for SQLITE_FULL ("database or disk is full") and the OS's ENOSPC."""
    orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's exception
    return "full" in str(orig).lower() or getattr(orig, "errno", None) == errno.ENOSPC


def is_busy(exc: BaseException) -> bool:
    """True for SQLITE_BUSY / SQLITE_LOCKED: another connection held the write lock longer
    than the busy timeout (a long import, a backup), not a fault of the file."""
    orig = getattr(exc, "orig", exc)
    text = str(orig).lower()
    return isinstance(orig, sqlcipher.OperationalError) and (
        "database is locked" in text or "database is busy" in text or "table is locked" in text
    )


#: Less free space than this and an I/O error is taken for a full disk (SQLite reports a
#: failed -shm or -wal growth as "disk I/O error", not as SQLITE_FULL).
FULL_BELOW_BYTES = 1 << 20


def disk_full_at(folder: Path) -> bool:
    """True when the disk holding ``folder`` has (next to) no free space."""
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def read_error(exc: BaseException, path: Path) -> StorageError:
    """A failure to read the database that is no damage: busy, a full disk, an I/O error."""
    if is_busy(exc):
        return Busy(MSG_BUSY)
    if is_disk_full(exc) or disk_full_at(path.parent):
        return StorageError(MSG_DISK_FULL, folder=str(path.parent))
    return StorageError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The database file {file} could not be read ({error}). Check the disk and try again.",
        ),
        file=str(path),
        error=str(getattr(exc, "orig", exc)),
    )


MSG_DISK_FULL = QT_TRANSLATE_NOOP(
    "Errors", "The disk holding {folder} is full. Free some space and try again."
)
MSG_DISK_FULL_NOTHING_SAVED = QT_TRANSLATE_NOOP(
    "Errors", "The disk holding {folder} is full: nothing was saved. Free some space and try again."
)


MSG_DISK_FULL_ANYWHERE = QT_TRANSLATE_NOOP(
    "Errors", "The disk is full. Free some space and try again."
)


def nothing_saved(exc: StorageError) -> StorageError:
    """``exc`` as said by a caller that knows nothing was saved: a full disk says so."""
    if exc.template == MSG_DISK_FULL and "folder" in exc.params:
        return StorageError(MSG_DISK_FULL_NOTHING_SAVED, folder=exc.params["folder"])
    return exc


def saved_before(exc: StorageError) -> StorageError:
    """``exc`` as said by a caller that saved something before it: never "nothing was saved"."""
    if exc.template == MSG_DISK_FULL_NOTHING_SAVED:
        return StorageError(MSG_DISK_FULL, folder=exc.params["folder"])
    return exc


def says_disk_full(exc: BaseException) -> bool:
    """True for the StorageErrors of this module that say the disk is full."""
    return isinstance(exc, StorageError) and exc.template in (
        MSG_DISK_FULL,
        MSG_DISK_FULL_NOTHING_SAVED,
        MSG_DISK_FULL_ANYWHERE,
    )


def storage_error(
    exc: BaseException, *, folder: Path | str | None = None, rolled_back: bool = False
) -> StorageError:
    """Turn an OS or SQLite write failure into a message the user can act on.

    Only a caller that knows its transaction was rolled back passes ``rolled_back``: the
    message then says nothing was saved. Elsewhere (a backup, a rotation after a saved
    change) it must not claim that.
    """
    text = str(exc)
    if is_disk_full(exc) or (folder is not None and _io_error(exc) and disk_full_at(Path(folder))):
        where = str(folder) if folder is not None else _folder_of(exc)
        if where is None:
            return StorageError(MSG_DISK_FULL_ANYWHERE)
        return StorageError(
            MSG_DISK_FULL_NOTHING_SAVED if rolled_back else MSG_DISK_FULL, folder=where
        )
    if is_busy(exc):
        return Busy(MSG_BUSY)
    return StorageError(QT_TRANSLATE_NOOP("Errors", "Writing failed: {error}"), error=text)


def _io_error(exc: BaseException) -> bool:
    """SQLite's "disk I/O error": how it reports a -wal or -shm file that could not grow."""
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlcipher.OperationalError) and "disk i/o error" in str(orig).lower()


def _folder_of(exc: BaseException) -> str | None:
    """The folder an OS error names (SQLite's errors name none)."""
    name = getattr(getattr(exc, "orig", exc), "filename", None)
    return str(Path(name).parent) if name else None


def read_user_grant(path: Path, key: bytes, username: str) -> tuple[str, bool, bool] | None:
    """(role, disabled, removed) of one account, read-only from a database that may be damaged.

    Used only to authorise a restore when the key slot records no role (a vault from before
    slots did); ``None`` when the row cannot be read. Never writes to the file.
    """
    # Without a write-ahead log the file is complete as it is: "immutable" then reads it
    # without creating a -wal/-shm beside it (read-only mode alone would).
    wal = path.with_name(path.name + "-wal")
    query = "?mode=ro" if wal.exists() else "?mode=ro&immutable=1"
    try:
        conn = sqlcipher.connect(
            path.resolve().as_uri() + query,
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlcipher.Error:
        return None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_plaintext_header_size = 0")
        row = conn.execute(
            "SELECT role, disabled, removed FROM app_user WHERE username = ?", (username,)
        ).fetchone()
    except sqlcipher.Error:
        return None
    finally:
        conn.close()
    return None if row is None else (str(row[0]), bool(row[1]), bool(row[2]))
