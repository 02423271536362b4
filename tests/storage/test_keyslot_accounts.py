"""The key file and the user table agree, even when ``user add`` / ``user remove`` / the demo's
account step are killed (SIGKILL, a real child process) at the key-slot write.

What a user would notice: ``baton verify`` names any slot without an account, ``user list
--all`` shows exactly the slots the key file holds, ``rotate-key`` removes such a slot, its
password then opens nothing (not even with a copy of the key file taken at the crash), and an
interrupted removal can be finished by removing again.
"""

from __future__ import annotations

import signal

import pytest
from sqlalchemy import select

from desktop.config import Paths
from desktop.errors import CredentialsError
from desktop.models.accounts import User
from desktop.services import accounts
from desktop.services.demo import DEMO_PASSWORD
from desktop.services.login import login
from desktop.storage.database import key_opens
from desktop.storage.vault import KeyFile, Vault
from tests.support import ADMIN_PASSWORD, make_vault, reaped, run_baton, start_child, wait_for_line

USER_PASSWORD = "eve-pass-1234"


def kill_at_slot(*args: str) -> None:
    with reaped(start_child(*args)) as child:
        wait_for_line(child, "at-slot")
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL


def listing(paths: Paths) -> dict[str, str]:
    proc = run_baton(paths.data_dir, "user", "list", "--all", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    return {line.split()[0]: line for line in proc.stdout.splitlines() if line.strip()}


def assert_listing_agrees(paths: Paths) -> dict[str, str]:
    """Every slot of the key file is listed as holding one, and nothing else is."""
    rows = listing(paths)
    with_slot = {n for n, line in rows.items() if " key slot" in line and "no key slot" not in line}
    assert with_slot == set(Vault(paths).keyfile().user_names()), rows
    return rows


def verify(paths: Paths) -> tuple[int, str]:
    proc = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout


def assert_opens_nothing(paths: Paths, name: str, password: str, saved: KeyFile) -> None:
    """Neither the live key file nor the copy taken at the crash opens the database."""
    with pytest.raises(CredentialsError):
        Vault(paths).unlock(name, password)
    if saved.find("user", name) is not None:
        kf, slot, private = Vault.unlock_keyfile(saved, name, password)
        for key in Vault.candidate_keys(kf, slot, private):
            assert not key_opens(paths.database, key)


def active_row(paths: Paths, name: str) -> bool:
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with ctx.transaction() as s:
            user = s.scalar(select(User).where(User.username == name))
            return user is not None and not user.removed
    finally:
        ctx.close()


@pytest.mark.parametrize("stage", ["before", "between-copies", "after"])
@pytest.mark.parametrize("mode", ["add-user", "demo-user"])
def test_killed_add_leaves_no_hidden_slot(paths: Paths, mode: str, stage: str) -> None:
    make_vault(paths)
    name = "sales" if mode == "demo-user" else "eve"
    password = DEMO_PASSWORD if mode == "demo-user" else USER_PASSWORD
    kill_at_slot(mode, str(paths.data_dir), name, password, stage)
    saved = Vault(paths).keyfile()

    # Right after the crash there is no slot without an account: verify agrees, the list too.
    code, report = verify(paths)
    assert code == 0, report
    assert "key file: ok" in report or "has no key slot" in report, report
    rows = assert_listing_agrees(paths)
    if name in saved.user_names():
        assert active_row(paths, name), "a slot was left with no account"
    else:
        # The row came first: the account is listed, visibly without a way to log in.
        assert name not in rows or "no key slot" in rows[name], rows

    proc = run_baton(paths.data_dir, "rotate-key", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert_listing_agrees(paths)
    if not active_row(paths, name):
        assert_opens_nothing(paths, name, password, saved)
    assert verify(paths)[0] == 0


def test_orphan_slot_is_reported_and_dropped_by_rotation(paths: Paths) -> None:
    """A slot with no account (what a killed ``user add`` of an older Baton left): verify names
    it, ``user list --all`` shows it, rotate-key drops it and its password opens nothing."""
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    store = ctx.vault_store("test")
    store.vault.set_user_password(store.key, "ghost", DEMO_PASSWORD)  # slot only, no row
    ctx.close()
    saved = Vault(paths).keyfile()

    code, report = verify(paths)
    assert code == 1
    assert "slot ghost opens the database but no such account" in report, report
    rows = assert_listing_agrees(paths)
    assert "orphan" in rows["ghost"]

    proc = run_baton(paths.data_dir, "rotate-key", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert "ghost" not in Vault(paths).keyfile().user_names()
    assert_opens_nothing(paths, "ghost", DEMO_PASSWORD, saved)
    assert verify(paths)[0] == 0
    assert "ghost" not in assert_listing_agrees(paths)


def add_bob(paths: Paths) -> None:
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    accounts.add_user(ctx, "bob", "Bob", "sales", USER_PASSWORD)
    ctx.close()


@pytest.mark.parametrize("stage", ["before", "between-copies", "after-rotation"])
def test_killed_remove_can_be_finished(paths: Paths, stage: str) -> None:
    make_vault(paths)
    add_bob(paths)
    saved = Vault(paths).keyfile()
    kill_at_slot("remove-user", str(paths.data_dir), "bob", stage)

    rows = assert_listing_agrees(paths)
    code, report = verify(paths)
    assert code == 0, report  # never a slot without an active account
    if "removed" not in rows["bob"] or "no key slot" not in rows["bob"]:
        proc = run_baton(paths.data_dir, "user", "remove", "bob", "--yes", password=ADMIN_PASSWORD)
        assert proc.returncode == 0, proc.stderr
    rows = assert_listing_agrees(paths)
    assert "removed" in rows["bob"] and "no key slot" in rows["bob"], rows
    assert_opens_nothing(paths, "bob", USER_PASSWORD, saved)
    assert verify(paths)[0] == 0


def mark_removed_only(paths: Paths, name: str) -> None:
    """What an older Baton left when its rotation failed: the row removed, the slot kept."""
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    with ctx.transaction() as s:
        user = s.scalar(select(User).where(User.username == name))
        assert user is not None
        user.removed = True
        user.disabled = True
    ctx.close()


@pytest.mark.parametrize("how", [("user", "remove", "bob", "--yes"), ("rotate-key",)])
def test_removed_but_not_rotated_is_finished(paths: Paths, how: tuple[str, ...]) -> None:
    make_vault(paths)
    add_bob(paths)
    mark_removed_only(paths, "bob")
    saved = Vault(paths).keyfile()
    code, report = verify(paths)
    assert code == 1 and "slot bob opens the database but its account was removed" in report

    proc = run_baton(paths.data_dir, *how, password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert "bob" not in Vault(paths).keyfile().user_names()
    assert_opens_nothing(paths, "bob", USER_PASSWORD, saved)
    assert verify(paths)[0] == 0


def test_remove_refused_while_another_window_is_open_changes_nothing(paths: Paths) -> None:
    make_vault(paths)
    add_bob(paths)
    other = login(paths, "admin", ADMIN_PASSWORD)  # another window holds the vault open
    try:
        proc = run_baton(paths.data_dir, "user", "remove", "bob", "--yes", password=ADMIN_PASSWORD)
        assert proc.returncode != 0
        assert "Another Baton window" in proc.stderr, proc.stderr
    finally:
        other.close()
    rows = assert_listing_agrees(paths)
    assert "active" in rows["bob"] and "bob" in Vault(paths).keyfile().user_names()
    proc = run_baton(paths.data_dir, "user", "remove", "bob", "--yes", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert "removed" in assert_listing_agrees(paths)["bob"]


@pytest.mark.parametrize("blocked", [0, 1], ids=["first-copy", "second-copy"])
def test_add_user_whose_slot_cannot_be_written_leaves_both_or_neither(paths: Paths, blocked):
    """A key-file copy that cannot be replaced (here a folder in its place): the command
    fails with a clear error, and the account exists exactly when its slot does."""
    from desktop.errors import StorageError

    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    target = paths.keyslots[blocked]
    target.unlink()
    target.mkdir()
    try:
        with pytest.raises(StorageError, match="Could not write the key file"):
            accounts.add_user(ctx, "eve", "Eve", "sales", USER_PASSWORD)
        with ctx.transaction() as s:
            row = s.scalar(select(User).where(User.username == "eve"))
        has_slot = "eve" in Vault(paths).keyfile().user_names()
        assert (row is not None) == has_slot
        assert accounts.key_file_disagreements(ctx).ok
    finally:
        ctx.close()
    target.rmdir()
    Vault(paths).repair_copies()


def test_adding_over_an_orphan_slot_is_refused_until_rotation(paths: Paths) -> None:
    """An account must not inherit a slot someone else's password opens."""
    from desktop.errors import ValidationError

    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        store = ctx.vault_store("test")
        store.vault.set_user_password(store.key, "ghost", DEMO_PASSWORD)
        with pytest.raises(ValidationError, match="already holds a slot for ghost"):
            accounts.add_user(ctx, "ghost", "Ghost", "sales", USER_PASSWORD)
        with pytest.raises(ValidationError, match="The user name admin is taken"):
            accounts.add_user(ctx, "admin", "Admin", "sales", USER_PASSWORD)
        accounts.rotate_key(ctx)
        accounts.add_user(ctx, "ghost", "Ghost", "sales", USER_PASSWORD)
        assert accounts.key_file_disagreements(ctx).ok
    finally:
        ctx.close()
    with pytest.raises(CredentialsError):
        Vault(paths).unlock("ghost", DEMO_PASSWORD)
    login(paths, "ghost", USER_PASSWORD).close()
