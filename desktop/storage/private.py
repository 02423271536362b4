"""Private files: owner-only permissions, and no user-chosen output path onto a vault file.

Everything Baton writes holds business data or keys (the database, the key file, backups that
carry every key slot, the recovery sheet, exports, logs), so files are created 0600 and the
data folder 0700 on POSIX systems.

On Windows the POSIX modes mean little: Baton's default data folder is under the user's
``%LOCALAPPDATA%``, whose inherited ACL already grants only that user, SYSTEM and the
administrators. Files written elsewhere (an export on a shared drive) take the ACL of the
folder chosen; no owner-only ACL is applied there (documented limitation).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from desktop.config import Paths
from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.storage.atomic import atomic_write_bytes

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it owner-only; return it."""
    path.mkdir(parents=True, exist_ok=True)
    make_private(path, DIR_MODE)
    return path


def make_private(path: Path, mode: int = FILE_MODE) -> None:
    """Restrict an existing file or folder to its owner (best effort: no error if it is gone
    or not ours to change, e.g. a file on a FAT drive)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        current = stat.S_IMODE(path.stat().st_mode)
        if current != mode:
            path.chmod(mode)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, owner-only: the temp file that replaces
    it is created 0600 (mkstemp), so the bytes are never briefly readable by others and a crash
    never leaves a cut-off file under the final name."""
    atomic_write_bytes(path, data)


def save_output(target: Path, data: bytes, paths: Paths | None) -> None:
    """Write a file the user chose (a report, an attachment): never onto a vault file, and
    owner-only. Raises ValidationError for a vault file, OSError when writing fails."""
    refuse_vault_file(target, paths)
    write_private(target, data)


def vault_files(paths: Paths) -> list[Path]:
    """Every file whose loss or overwrite damages the vault (whether present now or not)."""
    db = paths.database
    return [
        db,
        *paths.sidecars(),
        db.with_name(db.name + "-shm"),
        db.with_name(db.name + ".rotating"),
        db.with_name(db.name + ".restoring"),
        *paths.keyslots,
        paths.data_dir / "baton.keys.lock",
        paths.data_dir / "baton.lock",
        paths.settings_file,
        paths.login_attempts,
        paths.logs / "baton.log",
    ]


def _norm(path: Path) -> str:
    try:
        resolved = path.resolve(strict=False)
    except (OSError, RuntimeError):
        resolved = path.absolute()
    return os.path.normcase(str(resolved))


def _same_file(a: Path, b: Path) -> bool:
    if _norm(a) == _norm(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links, case-insensitive file systems
    except OSError:
        return False


def refuse_vault_file(target: Path, paths: Paths | Iterable[Paths] | None) -> None:
    """Refuse an output path that is (after symlinks, case on Windows, hard links) a file of
    the vault: writing there would destroy the database, its key file or its lock."""
    if paths is None:
        return
    for vault in [paths] if isinstance(paths, Paths) else paths:
        if any(_same_file(Path(target), f) for f in vault_files(vault)):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{file} is one of the vault's own files (database, key file, lock or log); "
                    "writing there would destroy it. Choose another file.",
                ),
                field="out",
                file=str(target),
            )
