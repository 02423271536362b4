"""Removing a user rotates the database key (RELIABILITY 8).

After the removal, the removed user's password opens nothing current even with a copy of the
old key file; the old data key fails on the new file; the new file passes every check; the
other users and the recovery key unlock without anyone typing anything new.
"""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import select

from desktop.errors import CredentialsError, VaultDamaged
from desktop.models.audit import AuditEvent, verify_chain
from desktop.models.organisation import Branch
from desktop.services import accounts
from desktop.services.login import login
from desktop.storage.backup import list_backups
from desktop.storage.database import connect, integrity_report, key_opens
from desktop.storage.vault import KeyFile, Vault
from tests.support import ADMIN_PASSWORD

BOB_PASSWORD = "bob-pass-123"


@pytest.fixture
def removed_bob(paths, vault):
    """Admin A and sales user B; B removed after a copy of the key file was taken."""
    ctx, recovery = vault
    accounts.add_user(ctx, "bob", "Bob", "sales", BOB_PASSWORD)
    with ctx.transaction() as s:
        s.add(Branch(code="R1", name="before rotation"))
    old_keyfile = paths.keyslots[0].read_bytes()
    old_key = ctx.store.key.data_key
    accounts.remove_user(ctx, "bob")
    return ctx, recovery, KeyFile.from_bytes(old_keyfile), old_key


def test_removed_users_password_with_old_key_file_copy_does_not_open_the_current_db(
    paths, removed_bob
):
    _, _, old_kf, old_key = removed_bob
    kf, slot, private = Vault.unlock_keyfile(old_kf, "bob", BOB_PASSWORD)
    bob_key = Vault.candidate_keys(kf, slot, private)[0]
    assert bob_key == old_key  # the old copy does yield a key…
    assert not key_opens(paths.database, bob_key)  # …which opens nothing current


def test_removed_user_has_no_slot_and_cannot_log_in(paths, removed_bob):
    assert "bob" not in Vault(paths).keyfile().user_names()
    with pytest.raises(CredentialsError, match="Wrong user name or password"):
        login(paths, "bob", BOB_PASSWORD)


def test_old_key_file_put_back_in_place_still_opens_nothing(paths, removed_bob):
    ctx, _, old_kf, _ = removed_bob
    ctx.close()
    for path in paths.keyslots:
        path.write_bytes(old_kf.to_bytes())
    with pytest.raises(VaultDamaged, match="cannot be read with this vault's key"):
        login(paths, "bob", BOB_PASSWORD)


def test_old_data_key_fails_on_new_file_which_passes_every_check(paths, removed_bob):
    ctx, _, _, old_key = removed_bob
    new_key = ctx.store.key.data_key
    assert new_key != old_key
    assert not key_opens(paths.database, old_key)
    with contextlib.closing(connect(paths.database, new_key)) as conn:
        assert integrity_report(conn) == []
        assert list(conn.execute("PRAGMA cipher_integrity_check")) == []
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert conn.execute("SELECT name FROM branch WHERE code = 'R1'").fetchone() == (
            "before rotation",
        )


def test_admin_and_recovery_key_unlock_after_rotation_without_new_input(paths, removed_bob):
    ctx, recovery, _, _ = removed_bob
    new_key = ctx.store.key.data_key
    # The session that rotated carries on with the new key.
    with ctx.transaction() as s:
        s.add(Branch(code="R2", name="after rotation"))
    ctx.close()
    again = login(paths, "admin", ADMIN_PASSWORD, check="full")
    try:
        assert again.store.key.data_key == new_key
        with again.transaction() as s:
            codes = set(s.scalars(select(Branch.code)))
        assert {"R1", "R2"} <= codes
    finally:
        again.close()
    kf, slot, private = Vault(paths).unlock_recovery(recovery)
    assert Vault.candidate_keys(kf, slot, private)[0] == new_key


def test_rotation_is_audited_and_the_chain_verifies(paths, removed_bob):
    ctx, _, _, _ = removed_bob
    with ctx.transaction() as s:
        report = verify_chain(s)
        rotated = s.scalars(select(AuditEvent).where(AuditEvent.action == "key.rotated")).all()
    assert report.ok, report.reason
    assert len(rotated) == 1 and '"removed":["bob"]' in (rotated[0].after or "")


def test_pre_rotation_backup_needs_a_password_valid_then(paths, removed_bob):
    """The safety backup is under the old key: the current key cannot read it."""
    ctx, _, _, old_key = removed_bob
    (pre,) = [b for b in list_backups(paths.backups) if b.kind == "pre-rotation"]
    assert pre.key_id != ctx.store.key.key_id
    from desktop.storage.store import unlock_backup

    assert unlock_backup(pre.path, "admin", ADMIN_PASSWORD) == old_key
