"""An unlocked vault: the engine, its key, and the operations that replace the database file.

Creating, opening, rotating the key and restoring a backup all live here because each must
coordinate the slot file and the database file so that a crash at any point leaves a vault
that opens with the old key or the new one, never neither.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar

import portalocker
import sqlcipher3.dbapi2 as sqlcipher
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine

from desktop.config import Paths
from desktop.errors import (
    MSG_WRONG_CREDENTIALS,
    QT_TRANSLATE_NOOP,
    BatonError,
    CredentialsError,
    StorageError,
    ValidationError,
    VaultDamaged,
)
from desktop.storage import backup as backups
from desktop.storage import schema
from desktop.storage.atomic import atomic_write_bytes, fsync_dir
from desktop.storage.database import (
    MSG_BUSY,
    MSG_DAMAGED,
    MSG_NOT_OPENABLE,
    check_file_shape,
    connect,
    disk_full_at,
    integrity_report,
    key_opens,
    make_sqlcipher_engine,
    read_error,
    storage_error,
)
from desktop.storage.datastore import DataStore
from desktop.storage.vault import (
    KeyFile,
    Slot,
    UnlockedKey,
    Vault,
    key_id_of,
    new_data_key,
)

ProgressFn = Callable[[int, int, str], None]


class VaultInUse(BatonError):
    """Another Baton window or command has the vault open."""


class DatabaseDamaged(VaultDamaged):
    """The database failed its checks at unlock; ``problems`` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(MSG_DAMAGED, problem=problems[0])


# --------------------------------------------------------------------------- process lock


class VaultLock:
    """A lock file: every open vault holds it shared; rotation and restore hold it exclusive."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._handle: IO[str] = open(data_dir / "baton.lock", "a+")  # noqa: SIM115
        self._held = False

    def _take(self, flags: int, wait_s: float) -> bool:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                portalocker.lock(self._handle, flags | portalocker.LOCK_NB)
                self._held = True
                return True
            except portalocker.LockException:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.05)

    def shared(self, wait_s: float = 15.0) -> None:
        if not self._take(portalocker.LOCK_SH, wait_s):
            raise VaultInUse(
                QT_TRANSLATE_NOOP(
                    "Errors", "The vault is busy (a restore or key rotation is running). Try again."
                )
            )

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the vault alone for the block; refuse while any other process has it open."""
        self.release()
        if not self._take(portalocker.LOCK_EX, 2.0):
            self.shared()
            raise VaultInUse(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Another Baton window or command has this vault open. Close it and try again.",
                )
            )
        try:
            yield
        finally:
            self.release()
            self.shared()

    @contextlib.contextmanager
    def upgraded(self, wait_s: float) -> Iterator[bool]:
        """Try to hold the vault alone for the block (True if it could); shared again after.

        Used by an opener that finds leftovers of an interrupted rotation or restore: they are
        settled only when no other process has the vault open, never beside a running one.
        """
        self.release()
        alone = self._take(portalocker.LOCK_EX, wait_s)
        try:
            yield alone
        finally:
            self.release()
            self.shared()

    def release(self) -> None:
        if self._held:
            portalocker.unlock(self._handle)
            self._held = False

    def close(self) -> None:
        self.release()
        self._handle.close()


# --------------------------------------------------------------------------- the open vault


@dataclass
class Store(DataStore):
    """An unlocked vault; ``close`` disposes every connection and drops the lock."""

    kind: ClassVar[str] = "vault"

    paths: Paths
    vault: Vault
    key: UnlockedKey
    engine: Engine
    lock: VaultLock = field(repr=False)
    keep_daily: int = 7
    keep_weekly: int = 4

    @property
    def db_id(self) -> str:
        return self.key.db_id

    @property
    def location(self) -> str:
        return str(self.paths.database)

    def keyfile_bytes(self) -> bytes:
        return self.vault.keyfile().to_bytes()

    def backup(self, kind: str = "manual", out: Path | None = None) -> backups.BackupHeader:
        """Write a verified backup; rotation of old ones runs only in the default folder."""
        self._leave_disk_to_others()
        header = backups.create_backup(
            self.paths.database,
            self.key.data_key,
            self.db_id,
            self.keyfile_bytes(),
            self.paths.backups,
            kind=kind,
            out=out,
        )
        if out is None:
            backups.prune(self.paths.backups, self.keep_daily, self.keep_weekly)
        return header

    def integrity(self, full: bool = True) -> list[str]:
        """Problems found by SQLCipher's HMAC check and SQLite's checks (empty = healthy)."""
        self._leave_disk_to_others()
        try:
            with contextlib.closing(connect(self.paths.database, self.key.data_key)) as conn:
                return integrity_report(conn, full=full)
        except sqlcipher.OperationalError as exc:
            raise read_error(exc, self.paths.database) from exc

    def _leave_disk_to_others(self) -> None:
        """On a full disk the pooled connections hold the file alone (see ``connect``); close
        them before this process opens another one, or it would wait for itself."""
        if disk_full_at(self.paths.data_dir):
            self.engine.dispose()

    def key_changed(self) -> bool:
        """True when the key file no longer names this store's key: another window or
        command rotated it (or restored a backup), so this engine now meets a file it cannot
        read, which is no damage."""
        try:
            kf = self.vault.keyfile()
        except BatonError:
            return False
        return self.key.key_id not in (kf.current_key_id, kf.pending_key_id)

    def close(self) -> None:
        self.engine.dispose()
        self.lock.close()


def _remove_sidecars(paths: Paths) -> None:
    for side in paths.sidecars():
        with contextlib.suppress(FileNotFoundError):
            side.unlink()


def _replace_database(paths: Paths, new_file: Path) -> None:
    """Swap a verified file in place of the live database (no connection may be open)."""
    _remove_sidecars(paths)
    os.replace(new_file, paths.database)
    fsync_dir(paths.database.parent)


def create_store(paths: Paths, admin_username: str, admin_password: str) -> tuple[Store, str]:
    """Create a vault (slot file + empty database at the newest schema); return the recovery key."""
    vault = Vault(paths)
    key, recovery_text = vault.create(admin_username, admin_password)
    try:
        lock = VaultLock(paths.data_dir)
        lock.shared()
        engine = make_sqlcipher_engine(paths.database, key.data_key)
        schema.upgrade(engine)
    except BaseException as exc:
        for path in (*paths.keyslots, paths.database, *paths.sidecars()):
            with contextlib.suppress(OSError):
                path.unlink()
        if isinstance(exc, OSError):
            raise storage_error(exc) from exc
        raise
    return Store(paths, vault, key, engine, lock), recovery_text


#: How long an opener waits to hold the vault alone to settle leftovers of a crash.
SETTLE_WAIT_S = 2.0
#: A temp file of a lock-free atomic write (the key file) older than this is a crash's leftover.
STALE_TEMP_S = 120.0

MSG_KEY_CHANGED = QT_TRANSLATE_NOOP(
    "Errors",
    "The vault's key changed (another window or command rotated it or restored a backup) "
    "while this was open; nothing more was done. Close it and open the vault again.",
)


def _leftovers(paths: Paths, *, now: float | None = None) -> list[Path]:
    """Files a crash can leave beside the vault: half-made rotation or restore copies, and
    key-file temp files old enough that no live write can own them."""
    folder, db = paths.data_dir, paths.database
    found = [
        *folder.glob(db.name + ".rotating*"),
        *folder.glob(db.name + ".restoring*"),
    ]
    now = time.time() if now is None else now
    for name in (*(k.name for k in paths.keyslots), paths.settings_file.name):
        for tmp in folder.glob(f".{name}.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                if now - tmp.stat().st_mtime > STALE_TEMP_S:
                    found.append(tmp)
    return found


def _current_slot(vault: Vault, opened: Slot) -> tuple[KeyFile, Slot]:
    """The key file as it is now, and the caller's slot in it.

    A password was checked against the key file read before the vault lock was taken; a
    rotation may have finished since (new keys sealed to the same slots) or removed the slot.
    """
    kf = vault.keyfile()
    for slot in kf.slots:
        if slot.slot_id == opened.slot_id:
            return kf, slot
    raise CredentialsError(MSG_WRONG_CREDENTIALS)


def _settle(paths: Paths, vault: Vault, opened: Slot, private: X25519PrivateKey) -> None:
    """Finish or undo an interrupted rotation and delete a crash's leftovers.

    Only called while this process holds the vault alone: nobody else can be rotating,
    restoring or using any of these files.
    """
    kf, slot = _current_slot(vault, opened)
    db = paths.database
    if kf.pending_key_id and db.exists():
        candidates = vault.candidate_keys(kf, slot, private)
        opens = [key_opens(db, k) for k in candidates]
        if len(opens) > 1 and opens[1]:
            vault.finish_rotation(kf.pending_key_id)  # the swap happened: keep the new key
        elif opens[0]:
            vault.abort_rotation()  # the swap never happened: forget the new key
    unsettled = vault.keyfile().pending_key_id is not None
    for path in _leftovers(paths):
        if unsettled and path.name.startswith(db.name + ".rotating"):
            continue  # neither key opens the live file: the new copy may be all there is
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    if vault.store.needs_repair():
        vault.repair_copies()
    fsync_dir(paths.data_dir)


def _needs_settling(paths: Paths, vault: Vault) -> bool:
    try:
        pending = vault.keyfile().pending_key_id is not None
    except BatonError:
        return False
    return pending or bool(_leftovers(paths)) or vault.store.needs_repair()


def open_store(
    paths: Paths,
    opened: tuple[KeyFile, Slot, X25519PrivateKey],
    *,
    check: str = "quick",
    migrate: bool = True,
    keep: tuple[int, int] = (7, 4),
) -> Store:
    """Open the database with the key a slot yielded; finish or undo an interrupted rotation.

    Everything happens under the vault lock: the opener first waits (shared) until no rotation
    or restore runs, settles a crash's leftovers only if it can hold the vault alone, and picks
    the key from the key file as it is then, so a rotation running in another process can
    neither be undone halfway nor leave this opener with a stale key.

    ``check`` is ``"quick"`` (SQLite's quick_check before returning), ``"full"`` or ``"none"``
    (the GUI runs the check in the background after the window shows).
    """
    _, opened_slot, private = opened
    vault = Vault(paths)
    db = paths.database
    lock = VaultLock(paths.data_dir)
    lock.shared()
    try:
        if _needs_settling(paths, vault):
            with lock.upgraded(SETTLE_WAIT_S) as alone:
                if alone:
                    _settle(paths, vault, opened_slot, private)
        # From here the shared lock is held: no rotation or restore can swap the file.
        kf, slot = _current_slot(vault, opened_slot)
        if not db.exists():
            raise VaultDamaged(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The key file is here but the database file {file} is missing. "
                    "Restore a backup.",
                ),
                file=str(db),
            )
        check_file_shape(db)
        candidates = vault.candidate_keys(kf, slot, private)
        data_key = next((k for k in candidates if key_opens(db, k)), None)
        if data_key is None:
            raise VaultDamaged(MSG_NOT_OPENABLE, file=str(db))
    except BaseException:
        lock.close()
        raise
    key = UnlockedKey(data_key, key_id_of(data_key), kf.db_id, slot.name, slot.kind)
    engine = make_sqlcipher_engine(db, data_key)
    store = Store(paths, vault, key, engine, lock, keep_daily=keep[0], keep_weekly=keep[1])
    try:
        if check != "none":
            problems = store.integrity(full=check == "full")
            if problems:
                raise DatabaseDamaged(problems)
        if migrate:
            migrate_with_backup(store)
    except BaseException:
        store.close()
        raise
    return store


def migrate_with_backup(store: Store) -> bool:
    """Bring the schema to this version's head, after a safety backup; True if it migrated."""
    current, head = schema.pending(store.engine)
    if current == head:
        return False
    if current is not None:
        store.backup("pre-migration")
    schema.upgrade(store.engine)
    return True


# --------------------------------------------------------------------------- rotation


def _connections_in_use(engine: Engine) -> bool:
    checked_out = getattr(engine.pool, "checkedout", None)
    return bool(checked_out and checked_out())


def _export_verified(src: Path, src_key: bytes, dest: Path, dest_key: bytes) -> None:
    """Copy ``src`` into ``dest`` under ``dest_key`` with sqlcipher_export, then prove the copy."""
    with contextlib.suppress(FileNotFoundError):
        dest.unlink()
    path_sql = str(dest).replace("'", "''")
    with contextlib.closing(connect(src, src_key)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = backups.fingerprint(conn)
        conn.execute(f"ATTACH DATABASE '{path_sql}' AS rotated KEY \"x'{dest_key.hex()}'\"")
        conn.execute("SELECT sqlcipher_export('rotated')")
        conn.execute("DETACH DATABASE rotated")
    with contextlib.closing(connect(dest, dest_key)) as conn:
        problems = integrity_report(conn)
        after = backups.fingerprint(conn) if not problems else backups.BackupManifest()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    if problems or after.counts != before.counts or after.checksums != before.checksums:
        with contextlib.suppress(FileNotFoundError):
            dest.unlink()
        raise VaultDamaged(
            QT_TRANSLATE_NOOP(
                "Errors", "The re-encrypted copy did not match the original; nothing was changed."
            )
        )


def rotate_key(store: Store, drop_users: list[str] | None = None) -> Store:
    """Re-encrypt the database under a new key sealed to every kept slot; return the new store.

    Order matters for crash safety: (1) pending key sealed to every slot, (2) verified copy
    under the new key, (3) atomic swap of the file, (4) old key forgotten. A crash before (3)
    opens with the old key and the pending one is dropped; after (3) with the new key.
    """
    paths = store.paths
    keep = (store.keep_daily, store.keep_weekly)
    if _connections_in_use(store.engine):
        # Another task of this window (an import, an export) is reading or writing: its
        # connection would go on with the old file after the swap and lose what it writes.
        raise VaultInUse(MSG_BUSY)
    with store.lock.exclusive():
        store.backup("pre-rotation")
        new_key = new_data_key()
        kf = store.vault.begin_rotation(store.key, new_key, drop_users or [])
        tmp = paths.database.with_name(paths.database.name + ".rotating")
        try:
            _export_verified(paths.database, store.key.data_key, tmp, new_key)
        except BaseException:
            store.vault.abort_rotation()
            raise
        store.engine.dispose()
        try:
            _replace_database(paths, tmp)
        except OSError as exc:
            store.vault.abort_rotation()
            raise storage_error(exc) from exc
        store.vault.finish_rotation(key_id_of(new_key))
    store.close()
    slot_name, kind = store.key.slot_name, store.key.kind
    key = UnlockedKey(new_key, key_id_of(new_key), kf.db_id, slot_name, kind)
    lock = VaultLock(paths.data_dir)
    lock.shared()
    engine = make_sqlcipher_engine(paths.database, new_key)
    return Store(paths, store.vault, key, engine, lock, keep_daily=keep[0], keep_weekly=keep[1])


# --------------------------------------------------------------------------- restore


def restore_backup(
    paths: Paths,
    backup_file: Path,
    backup_key: bytes,
    *,
    store: Store | None = None,
    target_key: bytes | None = None,
) -> backups.BackupManifest:
    """Replace the live database with a verified backup.

    The backup is extracted and checked against its manifest before anything is touched; it is
    re-encrypted under ``target_key`` (the vault's current key) when it was made under an
    older one. With no current key file, the backup's own key file is installed.
    A safety backup of the current database is made first when it is open.
    """
    header = backups.read_header(backup_file)
    live_db_id = store.db_id if store is not None else _live_db_id(paths)
    if live_db_id is not None and header.db_id != live_db_id:
        raise other_vault(header)
    tmp = paths.database.with_name(paths.database.name + ".restoring")
    lock_ctx: contextlib.AbstractContextManager[Any]
    own_lock: VaultLock | None = None
    if store is not None:
        lock_ctx = store.lock.exclusive()
    else:
        own_lock = VaultLock(paths.data_dir)
        lock_ctx = own_lock.exclusive()
    try:
        with lock_ctx:
            manifest = backups.extract_verified(backup_file, backup_key, tmp)
            final_key = target_key or backup_key
            if final_key != backup_key:
                recrypted = tmp.with_name(tmp.name + "2")
                try:
                    _export_verified(tmp, backup_key, recrypted, final_key)
                finally:
                    with contextlib.suppress(FileNotFoundError):
                        tmp.unlink()
                tmp = recrypted
            if store is not None:
                store.backup("pre-restore")
                store.engine.dispose()
            try:
                _replace_database(paths, tmp)
                if not _keyfile_opens(paths, final_key):
                    raw = backups.read_keyfile(backup_file)
                    for path in paths.keyslots:
                        atomic_write_bytes(path, raw)
            except OSError as exc:
                raise storage_error(exc) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if own_lock is not None:
            own_lock.close()
    return manifest


def other_vault(header: backups.BackupHeader) -> ValidationError:
    """Refusal of a backup made by another vault (its data would not match this key file)."""
    return ValidationError(
        QT_TRANSLATE_NOOP(
            "Errors", "This backup belongs to another vault (database {db_id}); not restored."
        ),
        db_id=header.db_id[:8],
    )


def _live_db_id(paths: Paths) -> str | None:
    """The vault id in the live key file; None when it is lost (the backup's is installed)."""
    try:
        return Vault(paths).keyfile().db_id
    except BatonError:
        return None


def _keyfile_opens(paths: Paths, key: bytes) -> bool:
    """True when the live key file names ``key`` as current (so it can stay as it is)."""
    try:
        return Vault(paths).keyfile().current_key_id == key_id_of(key)
    except BatonError:
        return False


def restore_keyfile(paths: Paths, backup_file: Path) -> None:
    """Install the key file kept in a backup (both copies of the live one were lost)."""
    raw = backups.read_keyfile(backup_file)
    try:
        KeyFile.from_bytes(raw)
    except (ValueError, KeyError) as exc:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "The key file inside {file} is damaged."),
            file=backup_file.name,
        ) from exc
    for path in paths.keyslots:
        atomic_write_bytes(path, raw)


def unlock_backup(backup_file: Path, username: str, password: str) -> bytes:
    """The data key a backup was made under, from the key file kept inside it."""
    header = backups.read_header(backup_file)
    try:
        kf = KeyFile.from_bytes(backups.read_keyfile(backup_file))
    except (ValueError, KeyError) as exc:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "The key file inside {file} is damaged."),
            file=backup_file.name,
        ) from exc
    kf, slot, private = Vault.unlock_keyfile(kf, username, password)
    keys = Vault.candidate_keys(kf, slot, private)
    for key in keys:
        if key_id_of(key) == header.key_id:
            return key
    raise VaultDamaged(
        QT_TRANSLATE_NOOP("Errors", "The key file inside {file} does not hold the backup's key."),
        file=backup_file.name,
    )
