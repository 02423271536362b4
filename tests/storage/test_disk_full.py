"""A full disk (RELIABILITY 12): the write fails with a clear error, existing data unchanged.

The test mounts a 2 MB tmpfs inside ``tmp_path``; where it cannot (not root, no mount
permission, not Linux) it is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.config import Paths
from desktop.errors import StorageError
from desktop.models.organisation import Branch
from desktop.services import accounts
from desktop.services.login import login
from desktop.storage.backup import list_backups
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton


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
        with pytest.raises(StorageError, match="is full: nothing was saved"):
            for t in range(1000):
                with ctx.transaction() as s:
                    s.add_all(
                        Branch(code=f"F{t}-{i}", name=f"F{t}-{i} " + "x" * 400) for i in range(50)
                    )
                committed += 50
        assert committed > 0
        with pytest.raises(StorageError, match=r"is full\. Free some space") as refused:
            ctx.store.backup("manual")
        assert "nothing was saved" not in str(refused.value)
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


def _fill(small_disk: Path, leave: int = 0) -> Path:
    """Fill the small disk to the last byte, then give back ``leave`` bytes."""
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    if leave:
        with open(filler, "r+b") as handle:
            handle.truncate(max(0, filler.stat().st_size - leave))
    return filler


def test_full_disk_read_only_commands_still_work_and_writes_say_disk_full(small_disk):
    """Issue 11 item 15: before, every command said the database was damaged."""
    paths = Paths(small_disk / "vault")
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        accounts.add_user(ctx, "bob", "Bob", "sales", "bob-pass-123")
    finally:
        ctx.close()
    filler = _fill(small_disk)
    checked = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert checked.returncode == 0, checked.stderr
    listed = run_baton(paths.data_dir, "user", "list", password=ADMIN_PASSWORD)
    assert listed.returncode == 0, listed.stderr
    assert "bob" in listed.stdout
    for args in (["backup"], ["user", "disable", "bob"]):
        proc = run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)
        err = assert_one_line_error(proc, 1, "is full", "Free some space")
        assert "damaged" not in err and "Restore" not in err, err
    ctx = login(paths, "admin", ADMIN_PASSWORD)  # a window opened on the full disk
    try:
        assert {u.username for u in accounts.list_users(ctx)} == {"admin", "bob"}
        filler.unlink()
        # Space is back: this window saves again, and no longer keeps other processes out.
        accounts.set_disabled(ctx, "bob", True, "left")
        other = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
        assert other.returncode == 0, other.stderr
    finally:
        ctx.close()
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="full")
    try:
        users = {u.username: u.disabled for u in accounts.list_users(ctx)}
    finally:
        ctx.close()
    assert users == {"admin": False, "bob": True}


def test_user_remove_saved_but_rotation_out_of_space_never_says_nothing_was_saved(small_disk):
    """Room for the removal, none for the pre-rotation backup the key rotation makes."""
    paths = Paths(small_disk / "vault")
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        accounts.add_user(ctx, "bob", "Bob", "sales", "bob-pass-123")
    finally:
        ctx.close()
    _fill(small_disk, leave=256 * 1024)
    proc = run_baton(paths.data_dir, "user", "remove", "bob", "--yes", password=ADMIN_PASSWORD)
    err = assert_one_line_error(proc, 1, "is full", "Free some space")
    listed = run_baton(paths.data_dir, "user", "list", "--all", password=ADMIN_PASSWORD)
    assert listed.returncode == 0, listed.stderr
    bob = next(line for line in listed.stdout.splitlines() if line.startswith("bob"))
    if "removed" in bob:
        assert "nothing was saved" not in err, err
    else:  # the removal itself did not fit: then "nothing was saved" is the truth
        assert "nothing was saved" in err, err
