"""Files the user chose (a report, a statement, an attachment, the recovery sheet, an error
report): written whole, owner-only, and never onto one of the vault's own files.

The screens and the command line write through here so they never reach into storage; the
rules themselves live in :mod:`desktop.storage.private`.
"""

from __future__ import annotations

from pathlib import Path

from desktop.config import Paths
from desktop.storage import private
from desktop.storage.database import is_disk_full, storage_error
from desktop.storage.private import save_output, write_private

__all__ = ["refuse_vault_file", "save_output", "write_output", "write_private"]


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
