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
from desktop.storage.vault import Vault
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
    filler.write_bytes(b"\0" * 600_000)  # deleted later: "free some space and try again"
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
        # A slot behind its row: each login below wants to write the role back into the key
        # file, a bookkeeping write that must not stop a read on a full disk.
        Vault(paths).set_slot_grant(ctx.store.key, "admin", "sales", False)
    finally:
        ctx.close()
    filler = _fill(small_disk)
    checked = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert checked.returncode == 0, checked.stderr
    listed = run_baton(paths.data_dir, "user", "list", password=ADMIN_PASSWORD)
    assert listed.returncode == 0, listed.stderr
    assert "bob" in listed.stdout
    verified = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "audit chain: ok" in verified.stdout
    for proc in (checked, listed, verified):  # a log line the disk refused prints nothing
        assert "Traceback" not in proc.stderr and "Logging error" not in proc.stderr, proc.stderr
    # The backup fails in SQLite, the disabling in the key file (the slot records the state):
    # both say it in the words of a full disk, naming the folder, nothing about damage.
    for args in (["backup"], ["user", "disable", "bob"]):
        proc = run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)
        err = assert_one_line_error(proc, 1, "The disk holding", "is full", "Free some space")
        assert "damaged" not in err and "Restore" not in err and "key file" not in err, err
    assert Vault(paths).keyfile().find("user", "bob").disabled is False
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
    assert Vault(paths).keyfile().find("user", "admin").role == "admin"  # written back at last


def test_user_remove_out_of_space_for_the_rotation_saves_nothing_and_says_so(small_disk):
    """Room for the removal's row, none for the pre-rotation backup the key rotation makes.

    ``user remove`` rotates the key first (dropping the slot) and marks the row removed after
    (desktop/services/accounts.py): the rotation's backup is its first write, so when that
    does not fit, nothing at all was saved (no slot dropped, no row marked), and the message
    says so. (Before the rotation came first, the row was saved and the message must not say
    "nothing was saved": accounts.MSG_REMOVED_NOT_MARKED covers a row that does not fit
    after the rotation.)
    """
    paths = Paths(small_disk / "vault")
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        accounts.add_user(ctx, "bob", "Bob", "sales", "bob-pass-123")
    finally:
        ctx.close()
    keys_before = Vault(paths).keyfile()
    filler = _fill(small_disk, leave=256 * 1024)
    proc = run_baton(paths.data_dir, "user", "remove", "bob", "--yes", password=ADMIN_PASSWORD)
    err = assert_one_line_error(proc, 1, "The disk holding", "is full: nothing was saved")
    assert "Free some space" in err, err
    keys_after = Vault(paths).keyfile()
    # (The login's own bookkeeping may refresh the audit anchor; the slots are what count.)
    assert keys_after.user_names() == keys_before.user_names()
    assert keys_after.find("user", "bob") is not None
    assert keys_after.current_key_id == keys_before.current_key_id
    assert keys_after.pending_key_id is None
    assert list_backups(paths.backups) == []
    assert not [p for p in paths.backups.iterdir() if p.name.startswith(".tmp-")]
    assert not list(paths.data_dir.glob("*.rotating*"))
    listed = run_baton(paths.data_dir, "user", "list", "--all", password=ADMIN_PASSWORD)
    assert listed.returncode == 0, listed.stderr
    bob = next(line for line in listed.stdout.splitlines() if line.startswith("bob"))
    assert "active" in bob and "key slot" in bob and "no key slot" not in bob, bob
    # Nothing half-done to finish: with space again, the same command removes bob.
    filler.unlink()
    again = run_baton(paths.data_dir, "user", "remove", "bob", "--yes", password=ADMIN_PASSWORD)
    assert again.returncode == 0, again.stderr
    assert Vault(paths).keyfile().find("user", "bob") is None
