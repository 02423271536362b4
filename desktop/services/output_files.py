"""Files a user asks Baton to write (a document, a statement, an error report): never one of
the vault's own files, written whole and owner-only. Separate so the command line writes them
through a service and knows nothing of storage."""

from __future__ import annotations

from pathlib import Path

from desktop.config import Paths
from desktop.storage import private
from desktop.storage.database import is_disk_full, storage_error


def refuse_vault_file(target: Path, paths: Paths | None) -> None:
    """Refuse ``target`` (ValidationError) when it is a file of the vault: checked before a
    document is issued and recorded, so a refusal changes nothing."""
    private.refuse_vault_file(target, paths)


def write_output(target: Path, data: bytes, paths: Paths | None = None) -> None:
    """Write ``data`` to ``target`` whole or not at all (temp file, fsync, rename), owner-only:
    a crash or a full disk never leaves a 0-byte or cut-off file under the final name.

    A vault file is refused (ValidationError); a full disk raises StorageError naming the
    folder; any other OSError (no folder, no right) is the caller's to word."""
    private.refuse_vault_file(target, paths)
    try:
        private.write_private(target, data)
    except OSError as exc:
        if is_disk_full(exc):
            raise storage_error(exc, folder=target.parent) from exc
        raise
