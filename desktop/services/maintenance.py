"""Backups, restore, and the integrity checks an administrator runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.config import Paths
from desktop.errors import (
    QT_TRANSLATE_NOOP,
    KeySlotDamaged,
    NewerSchema,
    StorageError,
    ValidationError,
    VaultDamaged,
)
from desktop.logs import get_logger
from desktop.models import audit
from desktop.models.audit import ChainReport, check_anchor, verify_chain
from desktop.services.account_trail import AccountMismatch, unaudited_account_changes
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.login import (
    login,
    require_restore_by_backup_slot,
    require_restore_while_damaged,
)
from desktop.services.permissions import Action
from desktop.storage import backup as backups
from desktop.storage.anchor import anchor_authentic
from desktop.storage.database import says_disk_full
from desktop.storage.store import DatabaseDamaged as DatabaseDamaged  # for `baton verify`
from desktop.storage.store import (
    live_keyfiles,
    other_vault,
    restore_backup,
    restore_keyfile,
    unlock_backup,
)
from desktop.storage.vault import Vault, key_id_of

#: What a backup file says of itself (date, kind, vault, key, size): the screens list and show
#: these without importing storage.
BackupHeader = backups.BackupHeader

log = get_logger("maintenance")


@dataclass(frozen=True)
class BackupPreview:
    header: backups.BackupHeader
    counts: dict[str, int]

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class HealthReport:
    """Everything ``baton verify`` checks; ``ok`` only when all of it passes."""

    integrity_problems: list[str]
    chain: ChainReport
    #: Accounts whose role, flags or name differ from the audit log (changed outside Baton).
    accounts: list[AccountMismatch] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.integrity_problems and self.chain.ok and not self.accounts


def backup_now(
    ctx: ServiceContext, out: Path | None = None, kind: str = "manual"
) -> backups.BackupHeader:
    """Write a verified, encrypted backup (into the backups folder unless ``out`` is given)."""
    ctx.require(Action.BACKUP_CREATE)
    header = ctx.vault_store("A Baton backup").backup(kind, out)
    with ctx.transaction() as s:
        audit.record(
            s, "backup.created", "backup", header.path.name, {"kind": kind, "size": header.size}
        )
    return header


def daily_backup_if_due(ctx: ServiceContext) -> backups.BackupHeader | None:
    """The automatic daily backup, made by the first login of the day (a server is backed up
    by its administrator's own tools, not by a seat)."""
    if ctx.on_server:
        return None
    store = ctx.vault_store("A Baton backup")
    if not backups.backup_due(store.paths.backups, ctx.now()):
        return None
    header = store.backup("daily")
    with ctx.transaction() as s:
        audit.record(s, "backup.created", "backup", header.path.name, {"kind": "daily"})
    return header


def list_backups(ctx: ServiceContext) -> list[backups.BackupHeader]:
    ctx.require(Action.BACKUP_VIEW)
    if ctx.on_server:
        return []
    return backups.list_backups(ctx.vault_store("A Baton backup").paths.backups)


def read_backup_header(path: Path) -> backups.BackupHeader:
    """The header of a backup file, read without any key, so the lock screen can ask "restore
    the backup made on ...?" before the password authorises anything. Raises a BatonError for
    a file that is not a Baton backup."""
    return backups.read_header(path)


def preview_backup(ctx: ServiceContext, path: Path) -> BackupPreview:
    """Date and row counts of a backup, read with the vault's key, before restoring it."""
    ctx.require(Action.BACKUP_RESTORE)
    header = backups.read_header(path)
    manifest = backups.read_manifest(path, ctx.vault_store("A Baton backup").key.data_key)
    return BackupPreview(header, manifest.counts)


def restore(ctx: ServiceContext, path: Path) -> Changes:
    """Replace the database with a verified backup (a safety backup of the present one first)."""
    ctx.require(Action.BACKUP_RESTORE)
    store = ctx.vault_store("Restoring a Baton backup")
    header = backups.read_header(path)
    if header.db_id != store.db_id:
        raise other_vault(header)
    if header.key_id != store.key.key_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "This backup was made under an earlier database key. Restore it from the "
                "command line with a password that was valid then: baton restore FILE.",
            )
        )
    restore_backup(
        store.paths, path, store.key.data_key, store=store, target_key=store.key.data_key
    )
    # The engine was disposed for the swap; a fresh one is made on the next use.
    ctx.replace_store(store)
    with ctx.transaction() as s:
        audit.record(
            s,
            "backup.restored",
            "backup",
            path.name,
            {"created_at": header.created_at.isoformat(), "kind": header.kind},
        )
    return Changes.of(Kind.ALL)


def check_health(ctx: ServiceContext) -> HealthReport:
    """Run SQLCipher's HMAC check, SQLite's integrity and foreign-key checks, and the audit chain."""
    ctx.require(Action.INTEGRITY_CHECK)
    problems = ctx.store.integrity(full=True)
    if problems:
        # Nothing is written to a damaged file, not even this check's audit event.
        return HealthReport(problems, ChainReport(0, None, "not checked"))
    with ctx.read() as s:
        chain = _anchored(ctx, s, verify_chain(s))
        accounts = unaudited_account_changes(s)
    detail = {"problems": len(problems), "chain_ok": chain.ok, "accounts": len(accounts)}
    try:
        with ctx.transaction() as s:
            audit.record(s, "verify", "vault", ctx.store.db_id, detail)
    except StorageError as exc:
        if not says_disk_full(exc):
            raise
        # A check must still answer on a full disk; only its own audit event is missing.
        log.warning("the verify run was not recorded in the audit log: the disk is full")
    return HealthReport(problems, chain, accounts)


def _anchored(ctx: ServiceContext, session: Session, chain: ChainReport) -> ChainReport:
    """The chain compared with the anchor in the key file: removed last events are named.

    A server keeps no anchor (storage/anchor.py): its chain is checked as it stands."""
    if ctx.on_server:
        return chain
    store = ctx.vault_store("The audit anchor")
    anchor = store.anchor()
    if anchor is None:
        return chain
    if not anchor_authentic(anchor, store.key.data_key, store.key.key_id, store.db_id):
        return replace(
            chain,
            truncated="the audit anchor in the key file was altered (its seal does not match "
            "the database key)",
            anchored=anchor.count,
        )
    return check_anchor(session, chain, anchor)


def verify_audit(ctx: ServiceContext) -> ChainReport:
    ctx.require(Action.AUDIT_VERIFY)
    with ctx.read() as s:
        return verify_chain(s)


def restore_keys_only(paths: Paths, backup_file: Path, username: str, password: str) -> list[Path]:
    """Install a backup's key file (``baton restore FILE --keys-only``); return the copies kept
    of the key files it replaced.

    Meant for a lost key file. When the live one is still intact, the user must log in as an
    administrator of this same vault first; in every case the backup's key file must open the
    live database with the user's slot in it (checked in :func:`restore_keyfile`).
    """
    replace_intact = False
    if live_keyfiles(paths):
        header = backups.read_header(backup_file)
        ctx = login(paths, username, password, check="quick")
        try:
            ctx.require(Action.BACKUP_RESTORE)
            if header.db_id != ctx.store.db_id:
                raise other_vault(header)
        finally:
            ctx.close()
        replace_intact = True
    return restore_keyfile(paths, backup_file, username, password, replace_intact=replace_intact)


def refuse_newer_backup(header: backups.BackupHeader) -> None:
    """Refuse (NewerSchema) a backup made by a newer Baton, before anything is asked or
    replaced: this version could not read the database it holds."""
    backups.refuse_newer_schema(header)


def restore_with_password(
    paths: Paths,
    backup_file: Path,
    username: str,
    password: str,
    approve: Callable[[backups.BackupManifest], bool],
) -> bool:
    """``baton restore FILE``: replace the database with a backup, authorised by a password.

    The one restore of the command line and of the lock screen. The role comes from a login
    when the live database opens, from the user's key slot when it is damaged (or newer), and
    from the backup's own slot when there is no live vault or its key file is damaged.
    ``approve`` sees the backup's manifest and may decline: then nothing changed and the
    result is False. A healthy database is first kept as a pre-restore backup; the restored
    copy is re-encrypted under the current key and its restore is audited.
    """
    header = backups.read_header(backup_file)
    current_key: bytes | None = None
    backup_key: bytes | None = None
    ctx = None
    vault = Vault(paths)
    try:
        unlocked = None
        if vault.store.exists():
            try:
                unlocked = vault.unlock(username, password)
            except (VaultDamaged, KeySlotDamaged):
                # The key file itself is damaged: the backup's own slot vouches (below), as
                # when there is no live vault.
                unlocked = None
        if unlocked is not None:
            kf, slot, private = unlocked
            if header.db_id != kf.db_id:
                raise other_vault(header)
            current_key = Vault.candidate_keys(kf, slot, private)[0]
            try:
                ctx = login(paths, username, password, check="quick")
            except (VaultDamaged, NewerSchema):
                # A damaged (or newer, unreadable) database is what restore is for: the role
                # comes from the key slot.
                ctx = None
                require_restore_while_damaged(paths, slot, current_key)
            if ctx is not None:
                ctx.require(Action.BACKUP_RESTORE)
            if key_id_of(current_key) == header.key_id:
                backup_key = current_key
        if current_key is None:
            # No live key file to vouch for the role: the backup's own slot must.
            require_restore_by_backup_slot(backup_file, username, password)
        if backup_key is None:
            # Made under another key (before a rotation) or no live vault: use its own slots.
            backup_key = unlock_backup(backup_file, username, password)
        manifest = backups.read_manifest(backup_file, backup_key)
        if not approve(manifest):
            return False
        if ctx is not None:
            # The database being replaced is healthy: keep a copy of it, as the GUI does.
            ctx.store.backup("pre-restore")
    finally:
        if ctx is not None:
            ctx.close()
    restore_backup(paths, backup_file, backup_key, target_key=current_key)
    ctx = login(paths, username, password)
    try:
        with ctx.transaction() as s:
            audit.record(s, "backup.restored", "backup", backup_file.name, {"kind": header.kind})
    finally:
        ctx.close()
    return True
