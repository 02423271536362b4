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
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

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
from desktop.logs import get_logger
from desktop.storage import anchor as anchors
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
    nothing_saved,
    read_error,
    says_disk_full,
    storage_error,
)
from desktop.storage.datastore import DataStore
from desktop.storage.private import make_private, private_dir, refuse_vault_file
from desktop.storage.vault import (
    KeyFile,
    Slot,
    UnlockedKey,
    Vault,
    key_id_of,
    new_data_key,
)

ProgressFn = Callable[[int, int, str], None]
log = get_logger("store")


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
        private_dir(data_dir)
        self._handle: IO[str] = open(data_dir / "baton.lock", "a+")  # noqa: SIM115
        make_private(data_dir / "baton.lock")
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
    _anchored_at: float = field(default=-1e9, repr=False)
    _unanchored: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        # Commits that append audit events tell the store, which keeps the anchor current.
        anchors.ANCHOR_SINKS[self.engine] = self.note_audit_tail
        # Vaults made by earlier versions (or under a lax umask) become owner-only on open.
        for path in (self.paths.database, *self.paths.sidecars(), *self.paths.keyslots):
            make_private(path)

    @property
    def db_id(self) -> str:
        return self.key.db_id

    @property
    def location(self) -> str:
        return str(self.paths.database)

    def keyfile_bytes(self) -> bytes:
        return self.vault.keyfile().to_bytes()

    def backup(self, kind: str = "manual", out: Path | None = None) -> backups.BackupHeader:
        """Write a verified backup; rotation of old ones runs only in the default folder.

        ``out`` may not be a file of this vault (``backup --out baton.db`` would replace the
        live database with a zip)."""
        if out is not None:
            refuse_vault_file(out, self.paths)
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

    # -- the audit anchor (storage/anchor.py) ------------------------------------

    def audit_tail(self) -> tuple[int, str]:
        """(count, head hash) of the audit chain as stored now."""
        with self.engine.connect() as conn:
            row = conn.execute(
                text("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
            ).first()
        return (int(row[0]), str(row[1])) if row else (0, "")

    def audit_hash_at(self, seq: int) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                text("SELECT hash FROM audit_event WHERE seq = :seq"), {"seq": seq}
            ).scalar()

    def anchor(self) -> anchors.Anchor | None:
        """The anchor kept in the key file (None when there is none yet)."""
        return anchors.Anchor.from_json(self.vault.keyfile().audit_anchor)

    def note_audit_tail(self, count: int, head: str) -> None:
        """After a commit: anchor the chain now if the last anchor is older than the interval."""
        if time.monotonic() - self._anchored_at < anchors.ANCHOR_INTERVAL_S:
            self._unanchored = True  # written at close (or by the next commit after the interval)
            return
        self.update_anchor((count, head))

    def update_anchor(self, tail: tuple[int, str] | None = None) -> bool:
        """Move the key file's anchor forward to the chain's tail; True if it was written.

        Never backwards, and never over a chain that no longer holds the anchored event:
        then the anchor stays as it is and ``baton verify`` names the difference. Best
        effort: a failure here never undoes or hides the commit that came before it."""
        try:
            count, head = tail or self.audit_tail()
            if count == 0:
                return False

            def change(kf: KeyFile) -> KeyFile | None:
                if kf.db_id != self.db_id or kf.current_key_id != self.key.key_id:
                    return None  # a rotation or restore is under way; the next write anchors
                old = anchors.Anchor.from_json(kf.audit_anchor)
                if kf.audit_anchor is not None and (
                    old is None
                    or not anchors.anchor_authentic(
                        old, self.key.data_key, self.key.key_id, kf.db_id
                    )
                ):
                    return None  # an anchor edited without the key stays for verify to name
                if old is not None and old.count > 0:
                    if (old.count, old.head) == (count, head):
                        return None
                    if count < old.count or self.audit_hash_at(old.count) != old.head:
                        return None
                sealed = anchors.seal_anchor(
                    self.key.data_key, self.key.key_id, kf.db_id, count, head
                )
                kf.audit_anchor = sealed.to_json()
                return kf

            written = self.vault.store.update(change) is not None
            self._anchored_at = time.monotonic()
            self._unanchored = False
            return written
        except (BatonError, OSError, SQLAlchemyError, sqlcipher.Error):
            log.warning("the audit anchor was not updated", exc_info=True)
            return False

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
        if self._unanchored:
            self.update_anchor()
        self.engine.dispose()
        self.lock.close()


def _remove_sidecars(paths: Paths) -> None:
    for side in paths.sidecars():
        with contextlib.suppress(FileNotFoundError):
            side.unlink()


def _replace_database(paths: Paths, new_file: Path) -> None:
    """Swap a verified file in place of the live database (no connection may be open)."""
    _remove_sidecars(paths)
    make_private(new_file)
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
        for path in (paths.database, *paths.sidecars()):
            if path.exists():
                make_private(path)
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


def _keyfile_unchanged(vault: Vault, before: KeyFile) -> bool:
    """True when the key file still reads as ``before`` (a failed write left no copy)."""
    try:
        return vault.keyfile().seq == before.seq
    except BatonError:
        return False


def _said(exc: BaseException, paths: Paths) -> BaseException:
    """A driver or OS failure of a rotation step as the error a user can act on."""
    if isinstance(exc, (OSError, sqlcipher.OperationalError)):
        return storage_error(exc, folder=paths.data_dir)
    return exc


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
        try:
            store.backup("pre-rotation")
        except StorageError as exc:
            raise nothing_saved(exc) from exc  # this rotation changed nothing yet
        new_key = new_data_key()
        before = store.vault.keyfile()
        try:
            kf = store.vault.begin_rotation(store.key, new_key, drop_users or [])
        except StorageError as exc:
            if _keyfile_unchanged(store.vault, before):
                raise nothing_saved(exc) from exc
            raise  # one copy took the dropped slots and the pending key: say no more
        _seal_anchor_for(paths, store.key, new_key)
        tmp = paths.database.with_name(paths.database.name + ".rotating")
        try:
            _export_verified(paths.database, store.key.data_key, tmp, new_key)
        except BaseException as exc:
            for part in paths.data_dir.glob(tmp.name + "*"):  # the copy and its -wal, -shm
                with contextlib.suppress(OSError):
                    part.unlink()  # a cut-off copy would only hold on to the space that ran out
            said = _said(exc, paths)
            try:
                store.vault.abort_rotation()
            except StorageError:
                if not says_disk_full(said):
                    raise
                # No room to forget the pending key: the next unlock forgets it (the old key
                # still opens the live file). The full disk is what the user must hear.
            if said is exc:
                raise
            # Plain "is full": the dropped slots stay dropped, so something was saved.
            raise said from exc
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
    backups.refuse_newer_schema(header)
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
            # The header is authenticated by the manifest; the copy itself must agree.
            backups.refuse_newer_schema(header, backups.extracted_revision(tmp, backup_key))
            final_key = target_key or backup_key
            if final_key != backup_key:
                recrypted = tmp.with_name(tmp.name + "2")
                try:
                    _export_verified(tmp, backup_key, recrypted, final_key)
                finally:
                    with contextlib.suppress(FileNotFoundError):
                        tmp.unlink()
                tmp = recrypted
            with contextlib.closing(connect(tmp, final_key)) as conn:
                restored_tail = backups.audit_tail(conn)
            if store is not None:
                store.backup("pre-restore")
                store.engine.dispose()
            try:
                # No anchor while the file is swapped: a crash in between must not leave the
                # live chain's anchor over the (shorter) restored one, a false alarm.
                _set_anchor(paths, final_key, None)
                _replace_database(paths, tmp)
                if not _keyfile_opens(paths, final_key):
                    raw = backups.read_keyfile(backup_file)
                    for path in paths.keyslots:
                        atomic_write_bytes(path, raw)
                _set_anchor(paths, final_key, restored_tail)
            except OSError as exc:
                raise storage_error(exc) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if own_lock is not None:
            own_lock.close()
    return manifest


def _set_anchor(paths: Paths, key: bytes, tail: dict[str, Any] | None) -> None:
    """Replace the key file's audit anchor (None removes it) when the key file names ``key``."""
    kid = key_id_of(key)

    def change(kf: KeyFile) -> KeyFile | None:
        if kf.current_key_id != kid:
            return None
        if tail is None or not tail.get("count"):
            if kf.audit_anchor is None:
                return None
            kf.audit_anchor = None
        else:
            sealed = anchors.seal_anchor(key, kid, kf.db_id, int(tail["count"]), str(tail["head"]))
            kf.audit_anchor = sealed.to_json()
        return kf

    with contextlib.suppress(BatonError):
        Vault(paths).store.update(change)


def _seal_anchor_for(paths: Paths, current: UnlockedKey, new_key: bytes) -> None:
    """Seal the audit anchor under a rotation's new key too (only if it is authentic now)."""

    def change(kf: KeyFile) -> KeyFile | None:
        old = anchors.Anchor.from_json(kf.audit_anchor)
        if old is None or not anchors.anchor_authentic(
            old, current.data_key, current.key_id, kf.db_id
        ):
            return None
        kf.audit_anchor = anchors.add_seal(old, new_key, key_id_of(new_key), kf.db_id).to_json()
        return kf

    with contextlib.suppress(BatonError):
        Vault(paths).store.update(change)


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


MSG_KEYS_INTACT = QT_TRANSLATE_NOOP(
    "Errors",
    "The vault's key file is intact; restoring only the key file is for a lost or damaged key "
    "file. Nothing was changed.",
)
MSG_KEYS_DO_NOT_OPEN = QT_TRANSLATE_NOOP(
    "Errors",
    "The key file in {file} does not open this vault's database (it belongs to another vault, "
    "or to a time before a key rotation). Nothing was changed.",
)


def _backup_keyfile(backup_file: Path) -> tuple[bytes, KeyFile]:
    raw = backups.read_keyfile(backup_file)
    try:
        return raw, KeyFile.from_bytes(raw)
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "The key file inside {file} is damaged."),
            file=backup_file.name,
        ) from exc


def live_keyfiles(paths: Paths) -> list[KeyFile]:
    """The intact copies of the live key file (empty when both are lost or damaged)."""
    return [c for c in Vault(paths).store.read_copies() if c is not None]


def restore_keyfile(
    paths: Paths,
    backup_file: Path,
    username: str,
    password: str,
    *,
    replace_intact: bool = False,
) -> list[Path]:
    """Install the key file kept in a backup; return the copies kept of the files it replaced.

    Refused unless a slot of the backup's key file, opened with ``username``/``password``,
    yields a key that opens the live database: a backup of another vault, or one made before
    a key rotation, would otherwise replace a working key file with one that opens nothing.
    An intact live key file is replaced only with ``replace_intact`` (the caller proved an
    administrator's login) and only by one of the same vault.
    """
    header = backups.read_header(backup_file)
    raw, kf = _backup_keyfile(backup_file)
    if kf.db_id != header.db_id:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "The key file inside {file} is damaged."),
            file=backup_file.name,
        )
    live = live_keyfiles(paths)
    if any(c.db_id != kf.db_id for c in live):
        raise other_vault(header)
    if live and not replace_intact:
        raise ValidationError(MSG_KEYS_INTACT)
    if not paths.database.exists():
        raise ValidationError(MSG_KEYS_DO_NOT_OPEN, file=backup_file.name)
    opened = Vault.unlock_keyfile(kf, username, password)
    if not any(key_opens(paths.database, k) for k in Vault.candidate_keys(*opened)):
        raise ValidationError(MSG_KEYS_DO_NOT_OPEN, file=backup_file.name)
    lock = VaultLock(paths.data_dir)
    kept: list[Path] = []
    try:
        with lock.exclusive():
            stamp = time.strftime("%Y%m%d-%H%M%S")
            for path in paths.keyslots:
                if path.exists():
                    copy = path.with_name(f"{path.name}.replaced-{stamp}")
                    atomic_write_bytes(copy, path.read_bytes())
                    kept.append(copy)
            for path in paths.keyslots:
                atomic_write_bytes(path, raw)
    except OSError as exc:
        raise storage_error(exc) from exc
    finally:
        lock.close()
    return kept


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
