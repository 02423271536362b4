"""Files the user chose (a report, a statement, an attachment, the recovery sheet, an error
report): written whole, owner-only, and never onto one of the vault's own files.

The screens and the command line write through here so they never reach into storage; the
rules themselves live in :mod:`desktop.storage.private`.
"""

from __future__ import annotations

from pathlib import Path

from desktop.config import Paths
from desktop.storage.database import is_disk_full, storage_error
from desktop.storage.private import refuse_vault_file, save_output, write_private

__all__ = ["refuse_vault_file", "save_output", "write_output", "write_private"]


def write_output(target: Path, data: bytes, paths: Paths | None = None) -> None:
    """:func:`save_output`, with a full disk said in plain words (StorageError naming the
    folder); a vault file is refused (ValidationError); any other OSError (no folder, no
    right) is the caller's to word."""
    try:
        save_output(target, data, paths)
    except OSError as exc:
        if is_disk_full(exc):
            raise storage_error(exc, folder=target.parent) from exc
        raise
