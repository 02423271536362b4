"""Wrong credentials and damaged files: each gets its own clear error and changes nothing.

RELIABILITY.md checks 3 (wrong password, files unchanged), 4 (flipped pages), 5 (truncated
file), 6 (key file copies) and 9 (recovery key typo). The CLI side (exit codes, one line on
stderr) is in tests/test_cli.py.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from desktop.config import Paths
from desktop.errors import CredentialsError, VaultDamaged
from desktop.models.organisation import Branch
from desktop.services.login import login, recover
from desktop.storage.database import connect, integrity_report, key_opens
from desktop.storage.store import restore_keyfile
from desktop.storage.vault import KeyFile, Vault, new_recovery_key
from tests.support import (
    ADMIN_PASSWORD,
    flip_bytes,
    flip_pages,
    make_vault,
    sha256_of,
    truncate_to,
    vault_hashes,
)


@pytest.fixture
def closed(paths: Paths) -> tuple[Paths, str]:
    """A vault with a few hundred rows (several pages), no connection open."""
    recovery = make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    with ctx.transaction() as s:
        s.add_all(Branch(code=f"P{i:04d}", name=f"分公司 {i} " + "x" * 80) for i in range(300))
    ctx.close()
    return paths, recovery


def data_key(paths: Paths) -> bytes:
    kf, slot, private = Vault(paths).unlock("admin", ADMIN_PASSWORD)
    return Vault.candidate_keys(kf, slot, private)[0]


# --------------------------------------------------------------------------- credentials


def test_wrong_password_says_so_and_leaves_db_wal_and_both_key_files_unchanged(closed):
    paths, _ = closed
    before = vault_hashes(paths)
    with pytest.raises(CredentialsError, match="Wrong user name or password"):
        login(paths, "admin", "not-the-password")
    with pytest.raises(CredentialsError, match="Wrong user name or password"):
        login(paths, "nobody", ADMIN_PASSWORD)
    assert vault_hashes(paths) == before
    # The right password still works afterwards (the failures did not damage anything).
    login(paths, "admin", ADMIN_PASSWORD).close()


def test_wrong_password_with_a_live_wal_leaves_the_wal_unchanged(closed):
    paths, _ = closed
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    try:
        with ctx.transaction() as s:
            s.add(Branch(code="WAL1", name="only in the WAL"))
        wal = paths.database.with_name("baton.db-wal")
        assert wal.exists() and wal.stat().st_size > 0
        before = vault_hashes(paths)
        with pytest.raises(CredentialsError):
            login(paths, "admin", "not-the-password")
        assert vault_hashes(paths) == before
    finally:
        ctx.close()


def test_recovery_key_of_another_vault_is_refused_as_not_this_vaults(closed, tmp_path):
    paths, _ = closed
    other = make_vault(Paths(tmp_path / "other"))
    before = vault_hashes(paths)
    with pytest.raises(CredentialsError, match="does not belong to this vault"):
        recover(paths, other, "admin", "new-pass-123")
    # A well-formed key that no vault ever issued is refused the same way.
    _, random_key = new_recovery_key()
    with pytest.raises(CredentialsError, match="does not belong to this vault"):
        Vault(paths).unlock_recovery(random_key)
    assert vault_hashes(paths) == before


def one_char_typo(key: str) -> str:
    """Change one letter of the recovery key (never into a look-alike the parser corrects)."""
    i = 5  # second group, second character
    replacement = "A" if key[i] != "A" else "B"
    return key[:i] + replacement + key[i + 1 :]


def test_recovery_key_with_one_wrong_character_gets_the_typo_message(closed, monkeypatch):
    paths, recovery = closed
    typo = one_char_typo(recovery)
    assert typo != recovery and len(typo) == len(recovery)
    calls = []
    import desktop.storage.vault as vault_module

    real = vault_module.derive_key
    monkeypatch.setattr(vault_module, "derive_key", lambda *a: calls.append(1) or real(*a))
    before = vault_hashes(paths)
    with pytest.raises(CredentialsError, match="typing mistake"):
        recover(paths, typo, "admin", "new-pass-123")
    assert calls == [], "a typo must be refused before the KDF runs"
    assert vault_hashes(paths) == before
    # Lower case, spaces instead of dashes: the same key, accepted.
    loose = recovery.lower().replace("-", " ")
    Vault(paths).unlock_recovery(loose)


def test_recovery_key_of_wrong_length_says_how_many_characters(closed):
    paths, recovery = closed
    with pytest.raises(CredentialsError, match="32 letters and digits in 8 groups of 4"):
        Vault(paths).unlock_recovery(recovery[:-5])


# --------------------------------------------------------------------------- key file copies


def _truncate_half(path: Path) -> None:
    truncate_to(path, path.stat().st_size // 2)


def _alter_one_byte(path: Path) -> None:
    raw = path.read_bytes()
    i = raw.index(b'"name"')  # inside a slot: valid JSON still, checksum no longer matches
    path.write_bytes(raw[: i + 9] + bytes([raw[i + 9] ^ 0x01]) + raw[i + 10 :])


@pytest.mark.parametrize("copy", [0, 1], ids=["baton.keys", "baton.keys.2"])
@pytest.mark.parametrize("damage", [_truncate_half, _alter_one_byte], ids=["truncated", "altered"])
def test_one_damaged_key_file_copy_the_other_unlocks_and_repairs_it(closed, copy, damage):
    paths, _ = closed
    damaged, intact = paths.keyslots[copy], paths.keyslots[1 - copy]
    damage(damaged)
    with pytest.raises(ValueError):
        KeyFile.from_bytes(damaged.read_bytes())
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    ctx.close()
    # Opening rewrote the damaged copy from the good one: both parse and agree again.
    a, b = (KeyFile.from_bytes(p.read_bytes()) for p in paths.keyslots)
    assert a.seq == b.seq and a.current_key_id == b.current_key_id
    assert intact.exists()


@pytest.mark.parametrize("damage", [_truncate_half, _alter_one_byte], ids=["truncated", "altered"])
def test_both_key_file_copies_damaged_clear_error_then_backup_key_file_unlocks(closed, damage):
    paths, _ = closed
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    header = ctx.store.backup("manual")
    ctx.close()
    for path in paths.keyslots:
        damage(path)
    before = vault_hashes(paths)
    with pytest.raises(VaultDamaged, match=r"Both copies of the key file.*--keys-only"):
        login(paths, "admin", ADMIN_PASSWORD)
    assert vault_hashes(paths) == before
    restore_keyfile(paths, header.path, "admin", ADMIN_PASSWORD)
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="full")
    try:
        with ctx.transaction() as s:
            assert s.query(Branch).count() == 302
    finally:
        ctx.close()


@pytest.mark.parametrize("how", ["emptied", "deleted"])
def test_both_key_file_copies_lost_says_restore_the_key_file_not_no_vault(closed, how):
    paths, _ = closed
    for path in paths.keyslots:
        if how == "deleted":
            path.unlink()
        else:
            path.write_bytes(b"")
    with pytest.raises(VaultDamaged, match=r"Both copies of the key file.*--keys-only"):
        login(paths, "admin", ADMIN_PASSWORD)


# --------------------------------------------------------------------------- database damage

DAMAGED_PAGES = [3, 7, 11]


def test_flipped_bytes_on_3_pages_are_listed_by_cipher_integrity_check(closed):
    paths, _ = closed
    key = data_key(paths)
    assert paths.database.stat().st_size // 4096 > max(DAMAGED_PAGES)
    flip_pages(paths.database, DAMAGED_PAGES)
    with contextlib.closing(connect(paths.database, key)) as conn:
        rows = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check")]
        report = integrity_report(conn)
    assert rows == [f"HMAC verification failed for page {p}" for p in DAMAGED_PAGES]
    assert report[: len(DAMAGED_PAGES)] == rows


def test_flipped_pages_login_refuses_with_vault_damaged_and_writes_nothing(closed):
    paths, _ = closed
    flip_pages(paths.database, DAMAGED_PAGES)
    before = vault_hashes(paths)
    with pytest.raises(VaultDamaged, match=r"(?s)damaged.*will not write to it.*Restore a backup"):
        login(paths, "admin", ADMIN_PASSWORD, check="quick")
    with pytest.raises(VaultDamaged, match="HMAC verification failed for page 3"):
        login(paths, "admin", ADMIN_PASSWORD, check="full")
    assert vault_hashes(paths) == before


def test_clean_file_cipher_integrity_check_is_empty_and_integrity_check_ok(closed):
    paths, _ = closed
    with contextlib.closing(connect(paths.database, data_key(paths))) as conn:
        assert list(conn.execute("PRAGMA cipher_integrity_check")) == []
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert integrity_report(conn) == []


@pytest.mark.parametrize("check", ["quick", "full", "none"])
def test_database_truncated_by_2_bytes_is_reported_damaged(closed, check):
    paths, _ = closed
    truncate_to(paths.database, paths.database.stat().st_size - 2)
    before = vault_hashes(paths)
    with pytest.raises(VaultDamaged, match="damaged"):
        login(paths, "admin", ADMIN_PASSWORD, check=check)
    assert vault_hashes(paths) == before


@pytest.mark.parametrize("check", ["quick", "none"])
def test_database_truncated_to_0_bytes_is_reported_empty(closed, check):
    paths, _ = closed
    truncate_to(paths.database, 0)
    before = vault_hashes(paths)
    with pytest.raises(VaultDamaged, match=r"empty \(0 bytes\)"):
        login(paths, "admin", ADMIN_PASSWORD, check=check)
    assert vault_hashes(paths) == before
    assert paths.database.stat().st_size == 0


def test_plain_sqlite_file_in_place_of_the_database_is_rejected(closed):
    paths, _ = closed
    paths.database.unlink()
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("CREATE TABLE company (name TEXT)")
        conn.execute("INSERT INTO company VALUES ('plain')")
        conn.commit()
    before = vault_hashes(paths)
    with pytest.raises(VaultDamaged, match="plain, unencrypted SQLite database"):
        login(paths, "admin", ADMIN_PASSWORD)
    assert vault_hashes(paths) == before


def test_another_vaults_database_is_refused_as_not_readable_with_this_key(closed, tmp_path):
    paths, _ = closed
    other = Paths(tmp_path / "other")
    make_vault(other)
    paths.database.write_bytes(other.database.read_bytes())
    before = vault_hashes(paths)
    with pytest.raises(VaultDamaged, match="cannot be read with this vault's key"):
        login(paths, "admin", ADMIN_PASSWORD)
    assert vault_hashes(paths) == before
    assert not key_opens(paths.database, data_key(paths))


def test_altered_header_page_is_refused_without_writing(closed):
    paths, _ = closed
    flip_bytes(paths.database, [200])
    before = sha256_of(paths.database)
    with pytest.raises(VaultDamaged, match="cannot be read"):
        login(paths, "admin", ADMIN_PASSWORD)
    assert sha256_of(paths.database) == before


def test_health_check_of_an_open_vault_whose_file_got_damaged_lists_pages_writes_nothing(closed):
    from desktop.services import maintenance

    paths, _ = closed
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    try:
        ctx.store.engine.dispose()  # no cached pages: read what is on disk now
        flip_pages(paths.database, DAMAGED_PAGES)
        before = vault_hashes(paths)
        report = maintenance.check_health(ctx)
        assert not report.ok
        for page in DAMAGED_PAGES:
            assert f"HMAC verification failed for page {page}" in report.integrity_problems
        assert vault_hashes(paths) == before
    finally:
        ctx.close()
