"""A full disk (RELIABILITY 12): the write fails with a clear error, existing data unchanged.

The test mounts a 2 MB tmpfs inside ``tmp_path``; where it cannot (not root, no mount
permission, not Linux) it is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.config import Paths
from desktop.errors import StorageError
from desktop.models.organisation import Branch
from desktop.services.login import login
from desktop.storage.backup import list_backups
from tests.support import ADMIN_PASSWORD, make_vault


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    if not sys.platform.startswith("linux"):
        pytest.skip("needs a Linux tmpfs to make a small disk")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.strip() or 'no permission'}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_disk_full_write_fails_visibly_and_committed_rows_stay(small_disk):
    paths = Paths(small_disk / "vault")
    make_vault(paths)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * 300_000)  # deleted later: "free some space and try again"
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    committed = 0
    try:
        with pytest.raises(StorageError, match="The disk is full: nothing was saved"):
            for t in range(1000):
                with ctx.transaction() as s:
                    s.add_all(
                        Branch(code=f"F{t}-{i}", name=f"F{t}-{i} " + "x" * 400) for i in range(50)
                    )
                committed += 50
        assert committed > 0
        with pytest.raises(StorageError, match="The disk is full"):
            ctx.store.backup("manual")
        assert list_backups(paths.backups) == []
        assert not [p for p in paths.backups.iterdir() if p.name.startswith(".tmp-")]
    finally:
        with contextlib.suppress(StorageError):
            ctx.close()
    filler.unlink()
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="full")
    try:
        with ctx.transaction() as s:
            rows = s.scalar(select(func.count()).where(Branch.code.like("F%")))
        assert rows == committed
        # With space again, writing works again.
        with ctx.transaction() as s:
            s.add(Branch(code="AFTER", name="after freeing space"))
    finally:
        ctx.close()
