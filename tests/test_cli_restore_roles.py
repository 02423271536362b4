"""Only a role with the restore permission may restore a backup, also when the database is
damaged (the users table unreadable): the role then comes from the key slot, where it is bound
into the sealed database key. CLI and lock screen."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

import pytest

import desktop.storage.vault as vault_module
from desktop.config import Paths
from desktop.services import accounts
from desktop.services.login import login
from desktop.storage.backup import list_backups
from tests.support import (
    ADMIN_PASSWORD,
    assert_one_line_error,
    flip_pages,
    make_vault,
    run_baton,
    vault_hashes,
)

ROLE_PASSWORD = "role-pass-123"


#: The damaged vault, made once per test process (two CLI runs) and copied for each test.
_DAMAGED: list[Path] = []


def damaged_vault_with_roles(paths: Paths) -> None:
    """A vault with a sales and an auditor account, a backup, then a damaged database: a copy
    of the one made once per test process (its files and backups folder)."""
    if not _DAMAGED:
        made = Paths(Path(tempfile.mkdtemp(prefix="baton-damaged-")) / "vault")
        atexit.register(shutil.rmtree, made.data_dir.parent, True)
        _make_damaged_vault_with_roles(made)
        _DAMAGED.append(made.data_dir)
    shutil.copytree(
        _DAMAGED[0],
        paths.data_dir,
        ignore=shutil.ignore_patterns(paths.settings_file.name),
        dirs_exist_ok=True,  # the window's settings may be there already
    )


def _make_damaged_vault_with_roles(paths: Paths) -> None:
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    for role in ("sales", "auditor"):
        accounts.add_user(ctx, role, f"{role} user", role, ROLE_PASSWORD)
    ctx.close()
    proc = run_baton(paths.data_dir, "backup", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    flip_pages(paths.database, [2, 4])
    proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 1, "damaged")


def the_backup(paths: Paths):
    (backup,) = list_backups(paths.backups)
    return backup.path


@pytest.mark.parametrize("role", ["sales", "auditor"])
def test_cli_restore_of_a_damaged_vault_refuses_roles_without_the_permission(paths, role):
    damaged_vault_with_roles(paths)
    before = vault_hashes(paths)
    proc = run_baton(
        paths.data_dir,
        "restore",
        str(the_backup(paths)),
        "--yes",
        user=role,
        password=ROLE_PASSWORD,
    )
    assert_one_line_error(proc, 2, f"Your role ({role}) does not allow this: backup.restore")
    assert vault_hashes(paths) == before


def test_cli_restore_of_a_damaged_vault_by_the_admin_still_works(paths):
    damaged_vault_with_roles(paths)
    proc = run_baton(
        paths.data_dir, "restore", str(the_backup(paths)), "--yes", password=ADMIN_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr
    assert run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD).returncode == 0


def test_a_role_edited_in_the_key_file_does_not_authorise_a_restore(paths):
    """Writing "admin" into the sales slot (checksums recomputed) breaks the sealed key."""
    damaged_vault_with_roles(paths)
    for path in paths.keyslots:
        data = json.loads(path.read_bytes())
        data.pop("checksum")
        slot = next(s for s in data["slots"] if s["name"] == "sales")
        slot["role"] = "admin"
        slot.pop("slot_checksum")
        slot["slot_checksum"] = vault_module._checksum(slot)
        data["checksum"] = vault_module._checksum(data)
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    before = vault_hashes(paths)
    proc = run_baton(
        paths.data_dir,
        "restore",
        str(the_backup(paths)),
        "--yes",
        user="sales",
        password=ROLE_PASSWORD,
    )
    assert proc.returncode != 0
    assert "altered" in proc.stderr or "does not allow" in proc.stderr, proc.stderr
    assert vault_hashes(paths) == before


def test_slots_of_an_older_vault_without_a_role_fall_back_to_the_readable_row(paths):
    """Slots written before slots recorded roles: the role is read (read-only) from the
    damaged database's users table; sales is still refused, the administrator restores."""
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    accounts.add_user(ctx, "sales", "sales user", "sales", ROLE_PASSWORD)
    store = ctx.vault_store("test")
    for name, password in (("admin", ADMIN_PASSWORD), ("sales", ROLE_PASSWORD)):
        store.vault.set_user_password(store.key, name, password)  # no role: an older slot
    ctx.close()
    assert all(s.role is None for s in store.vault.keyfile().slots)
    assert run_baton(paths.data_dir, "backup", password=ADMIN_PASSWORD).returncode == 0
    flip_pages(paths.database, [2, 4])
    before = vault_hashes(paths)
    proc = run_baton(
        paths.data_dir,
        "restore",
        str(the_backup(paths)),
        "--yes",
        user="sales",
        password=ROLE_PASSWORD,
    )
    assert_one_line_error(proc, 2, "Your role (sales) does not allow this")
    assert vault_hashes(paths) == before
    proc = run_baton(
        paths.data_dir, "restore", str(the_backup(paths)), "--yes", password=ADMIN_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr


def test_role_changes_and_disabling_are_recorded_in_the_slot(paths):
    """A demoted or disabled administrator's slot no longer claims the right to restore."""
    from desktop.services.login import require_restore_while_damaged
    from desktop.storage.vault import Vault

    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    accounts.add_user(ctx, "boss", "Boss", "admin", ROLE_PASSWORD)
    accounts.change_role(ctx, "boss", "sales")
    slot = Vault(paths).keyfile().find("user", "boss")
    assert slot is not None and (slot.role, slot.disabled) == ("sales", False)
    accounts.change_role(ctx, "boss", "admin")
    accounts.set_disabled(ctx, "boss", True)
    ctx.close()
    kf, slot, private = Vault(paths).unlock("boss", ROLE_PASSWORD)
    assert (slot.role, slot.disabled) == ("admin", True)
    key = Vault.candidate_keys(kf, slot, private)[0]  # the grant is authenticated here
    with pytest.raises(Exception, match="disabled"):
        require_restore_while_damaged(paths, slot, key)


@pytest.mark.parametrize("role", ["sales", "auditor"])
def test_with_the_key_file_lost_too_the_backups_slot_decides(paths, role):
    """Both live key-file copies damaged as well: the lock screen's restore asks the slot in
    the backup's own key file, which records the role just as well."""
    from desktop.errors import PermissionDenied
    from desktop.services.maintenance import restore_with_password

    damaged_vault_with_roles(paths)
    for path in paths.keyslots:
        path.write_bytes(b"{ damaged")
    before = vault_hashes(paths)
    with pytest.raises(PermissionDenied, match=f"Your role \\({role}\\) does not allow this"):
        restore_with_password(paths, the_backup(paths), role, ROLE_PASSWORD, lambda _m: True)
    assert vault_hashes(paths) == before
    restore_with_password(paths, the_backup(paths), "admin", ADMIN_PASSWORD, lambda _m: True)
    login(paths, "admin", ADMIN_PASSWORD).close()
