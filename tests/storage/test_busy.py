"""A long write elsewhere, or a key changed under an open window (issue 11 item 12).

While another process holds the write lock (a long import), a login or a save waits the busy
timeout and then says, in one plain sentence, that the database is busy and nothing was
changed; it is never an "unexpected error … database is locked". A window whose key was
rotated under it hears that the key changed, not "file is not a database".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.errors import StorageError
from desktop.models.organisation import Branch
from desktop.services import accounts
from desktop.services.login import login
from desktop.storage.store import VaultInUse
from tests.support import (
    ADMIN_PASSWORD,
    assert_one_line_error,
    make_vault,
    reaped,
    run_baton,
    start_child,
    wait_for_line,
)

BUSY = "The database is busy with another task"


def test_login_and_save_beside_a_long_write_in_another_process_say_busy(paths, tmp_path: Path):
    make_vault(paths)
    stop = tmp_path / "stop"
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with reaped(start_child("hold", str(paths.data_dir), str(stop))) as child:
            wait_for_line(child, "holding")
            proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
            with pytest.raises(StorageError, match=BUSY), ctx.transaction() as s:
                s.add(Branch(code="MINE", name="saved while the import runs"))
            stop.touch()
            wait_for_line(child, "committed")
        assert_one_line_error(proc, 1, BUSY)
        # Once the long task is done, the same save works; the refused one left nothing.
        with ctx.transaction() as s:
            assert s.scalar(select(func.count()).where(Branch.code == "MINE")) == 0
            assert s.scalar(select(func.count()).where(Branch.code == "HOLD")) == 1
            s.add(Branch(code="MINE", name="saved after the import"))
    finally:
        ctx.close()


def test_rotation_refused_while_this_window_has_a_transaction_open(paths):
    """The open transaction's connection would go on writing to the replaced file."""
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with ctx.transaction() as s:
            s.add(Branch(code="OPEN", name="written while rotating"))
            s.flush()
            with pytest.raises(VaultInUse, match=BUSY):
                accounts.rotate_key(ctx)
        ctx.close()
        ctx = login(paths, "admin", ADMIN_PASSWORD, check="full")
        with ctx.transaction() as s:
            assert s.scalar(select(func.count()).where(Branch.code == "OPEN")) == 1
    finally:
        ctx.close()


def test_a_context_left_on_the_old_key_after_a_rotation_says_the_key_changed(paths):
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        other_page = ctx.as_actor(ctx.actor)  # e.g. a page that kept its own context
        accounts.rotate_key(ctx)
        with (
            pytest.raises(StorageError, match="The vault's key changed"),
            other_page.transaction() as s,
        ):
            s.scalar(select(func.count()).select_from(Branch))
        with ctx.transaction() as s:  # the context that rotated carries on
            assert s.scalar(select(func.count()).select_from(Branch)) == 2
    finally:
        ctx.close()
