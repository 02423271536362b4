"""``baton`` as a user runs it: a subprocess, secrets from the environment, a temp data folder.

Exit codes: 0 ok, 1 problem or damage, 2 usage or bad input, 3 wrong credentials. Every error
is one line on stderr with no traceback, and a refused command changes nothing on disk.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.config import Paths
from desktop.models.organisation import Branch
from desktop.services.login import login
from desktop.storage.backup import list_backups
from desktop.storage.database import connect
from desktop.storage.vault import KeyFile, Vault
from tests.support import (
    ADMIN_PASSWORD,
    REPO,
    assert_one_line_error,
    child_env,
    flip_pages,
    make_vault,
    run_baton,
    truncate_to,
    vault_hashes,
)

NEW_PASSWORD = "brand-new-pass-9"


def branch_codes(paths: Paths) -> set[str]:
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with ctx.transaction() as s:
            return set(s.scalars(select(Branch.code)))
    finally:
        ctx.close()


@pytest.fixture
def vault_dir(paths: Paths) -> tuple[Paths, str]:
    """A closed vault with a manual backup; returns (paths, recovery key)."""
    recovery = make_vault(paths)
    proc = run_baton(paths.data_dir, "backup", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    return paths, recovery


def the_backup(paths: Paths) -> Path:
    found = list_backups(paths.backups)
    assert len(found) == 1
    return found[0].path


# --------------------------------------------------------------------------- happy paths


def test_init_then_unlock_check_exit_0(tmp_path):
    data = tmp_path / "v"
    proc = run_baton(
        data,
        "init",
        "--company",
        "示例物流",
        "--admin",
        "boss",
        "--branch",
        "上海",
        "--recovery-out",
        str(tmp_path / "sheet.pdf"),
        password=ADMIN_PASSWORD,
        user=None,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Recovery key" in proc.stdout
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    # The last user is remembered: no --user needed now.
    proc = run_baton(data, "unlock-check", password=ADMIN_PASSWORD, user=None)
    assert proc.returncode == 0, proc.stderr
    assert "unlocked as boss (admin)" in proc.stdout


def test_verify_healthy_vault_exit_0(vault_dir):
    paths, _ = vault_dir
    proc = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert "database: ok" in proc.stdout and "audit chain: ok" in proc.stdout


# --------------------------------------------------------------------------- usage and input


def test_no_password_anywhere_is_usage_error_exit_2(vault_dir):
    paths, _ = vault_dir
    before = vault_hashes(paths)
    proc = run_baton(paths.data_dir, "unlock-check", password=None)
    assert_one_line_error(proc, 2, "no password given")
    assert vault_hashes(paths) == before


def test_folder_without_a_vault_says_so_exit_2(tmp_path):
    proc = run_baton(tmp_path / "empty", "unlock-check", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 2, "No Baton vault in this folder")


def test_restore_of_a_file_that_is_not_a_backup_exit_2_nothing_changed(vault_dir, tmp_path):
    paths, _ = vault_dir
    junk = tmp_path / "junk.batonbak"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    before = vault_hashes(paths)
    proc = run_baton(paths.data_dir, "restore", str(junk), "--yes", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 2, "not a Baton backup")
    assert vault_hashes(paths) == before


def test_weak_new_password_is_bad_input_exit_2(vault_dir):
    paths, _ = vault_dir
    proc = run_baton(
        paths.data_dir,
        "user",
        "add",
        "li.lei",
        "--role",
        "hr",  # a sales account would first need --employee (issue 14)
        password=ADMIN_PASSWORD,
        new_password="short",
    )
    assert_one_line_error(proc, 2, "at least 8 characters")
    assert "li.lei" not in Vault(paths).keyfile().user_names()


# --------------------------------------------------------------------------- credentials


def test_wrong_password_exit_3_one_line_and_files_unchanged(vault_dir):
    paths, _ = vault_dir
    before = vault_hashes(paths)
    for command in ("unlock-check", "verify", "backup"):
        proc = run_baton(paths.data_dir, command, password="wrong-password-1")
        assert_one_line_error(proc, 3, "Wrong user name or password")
    assert vault_hashes(paths) == before
    assert len(list_backups(paths.backups)) == 1


def test_recover_sets_new_admin_password_old_fails_new_works(vault_dir):
    paths, recovery = vault_dir
    proc = run_baton(
        paths.data_dir,
        "recover",
        "--admin",
        "admin",
        recovery_key=recovery,
        new_password=NEW_PASSWORD,
    )
    assert proc.returncode == 0, proc.stderr
    assert_one_line_error(
        run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD), 3, "Wrong"
    )
    assert run_baton(paths.data_dir, "unlock-check", password=NEW_PASSWORD).returncode == 0


def test_recover_with_another_vaults_key_exit_3(vault_dir, tmp_path):
    paths, _ = vault_dir
    other = make_vault(Paths(tmp_path / "other"))
    before = vault_hashes(paths)
    proc = run_baton(
        paths.data_dir, "recover", "--admin", "admin", recovery_key=other, new_password=NEW_PASSWORD
    )
    assert_one_line_error(proc, 3, "does not belong to this vault")
    assert vault_hashes(paths) == before


def test_recover_with_one_wrong_character_exit_3_typo_message(vault_dir):
    paths, recovery = vault_dir
    typo = recovery[:5] + ("A" if recovery[5] != "A" else "B") + recovery[6:]
    before = vault_hashes(paths)
    proc = run_baton(
        paths.data_dir, "recover", "--admin", "admin", recovery_key=typo, new_password=NEW_PASSWORD
    )
    assert_one_line_error(proc, 3, "typing mistake")
    assert vault_hashes(paths) == before


def test_disabled_account_cannot_log_in_exit_3(vault_dir):
    paths, _ = vault_dir
    add = run_baton(
        paths.data_dir,
        "user",
        "add",
        "wang.fang",
        "--role",
        "hr",
        password=ADMIN_PASSWORD,
        new_password=NEW_PASSWORD,
    )
    assert add.returncode == 0, add.stderr
    disable = run_baton(paths.data_dir, "user", "disable", "wang.fang", password=ADMIN_PASSWORD)
    assert disable.returncode == 0, disable.stderr
    proc = run_baton(paths.data_dir, "unlock-check", password=NEW_PASSWORD, user="wang.fang")
    assert_one_line_error(proc, 3, "disabled")
    enable = run_baton(paths.data_dir, "user", "enable", "wang.fang", password=ADMIN_PASSWORD)
    assert enable.returncode == 0, enable.stderr
    proc = run_baton(paths.data_dir, "unlock-check", password=NEW_PASSWORD, user="wang.fang")
    assert proc.returncode == 0, proc.stderr


# --------------------------------------------------------------------------- key file damage


def test_one_key_file_copy_damaged_still_unlocks_exit_0(vault_dir):
    paths, _ = vault_dir
    truncate_to(paths.keyslots[0], 100)
    proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    KeyFile.from_bytes(paths.keyslots[0].read_bytes())  # repaired from the other copy


def test_both_key_file_copies_damaged_exit_1_then_keys_only_restore_unlocks(vault_dir):
    paths, _ = vault_dir
    backup = the_backup(paths)
    for path in paths.keyslots:
        truncate_to(path, 100)
    before = vault_hashes(paths)
    proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 1, "baton restore BACKUP --keys-only")
    assert vault_hashes(paths) == before
    proc = run_baton(
        paths.data_dir, "restore", str(backup), "--keys-only", "--yes", password=ADMIN_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr
    proc = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --------------------------------------------------------------------------- database damage


def test_flipped_pages_verify_exit_1_names_the_pages_and_writes_nothing(vault_dir):
    paths, _ = vault_dir
    pages = [2, 4, 6]
    assert paths.database.stat().st_size // 4096 > 6
    flip_pages(paths.database, pages)
    before = vault_hashes(paths)
    proc = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 1, "damaged")
    for page in pages:
        assert f"HMAC verification failed for page {page}" in proc.stdout
    proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 1, "damaged", "Restore a backup")
    assert vault_hashes(paths) == before


def test_flipped_pages_then_restore_from_backup_verifies_again(vault_dir):
    paths, _ = vault_dir
    flip_pages(paths.database, [2, 4])
    proc = run_baton(
        paths.data_dir, "restore", str(the_backup(paths)), "--yes", password=ADMIN_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr
    proc = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_restore_of_a_healthy_vault_keeps_a_pre_restore_copy_of_what_it_replaced(vault_dir):
    paths, _ = vault_dir
    backup = the_backup(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    with ctx.transaction() as s:
        s.add(Branch(code="LATE", name="made after the backup"))
    ctx.close()
    proc = run_baton(paths.data_dir, "restore", str(backup), "--yes", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert "LATE" not in branch_codes(paths)
    (pre,) = [b for b in list_backups(paths.backups) if b.kind == "pre-restore"]
    proc = run_baton(paths.data_dir, "restore", str(pre.path), "--yes", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert "LATE" in branch_codes(paths)


def test_restore_of_another_vaults_backup_exit_2_nothing_replaced(vault_dir, tmp_path):
    paths, _ = vault_dir
    other = Paths(tmp_path / "other")
    make_vault(other, company="别家公司")  # same admin name and password, on purpose
    assert run_baton(other.data_dir, "backup", password=ADMIN_PASSWORD).returncode == 0
    (foreign,) = list_backups(other.backups)
    before = branch_codes(paths)
    proc = run_baton(paths.data_dir, "restore", str(foreign.path), "--yes", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 2, "belongs to another vault")
    assert branch_codes(paths) == before
    assert [b.kind for b in list_backups(paths.backups)] == ["manual"]


@pytest.mark.parametrize(
    ("damage", "needle"),
    [
        ("truncate-2", "damaged"),
        ("truncate-0", "empty (0 bytes)"),
        ("plain-sqlite", "plain, unencrypted SQLite"),
    ],
)
@pytest.mark.parametrize("command", ["unlock-check", "verify", "backup"])
def test_damaged_database_file_exit_1_clear_message_nothing_written(
    vault_dir, damage, needle, command
):
    paths, _ = vault_dir
    db = paths.database
    if damage == "truncate-2":
        truncate_to(db, db.stat().st_size - 2)
    elif damage == "truncate-0":
        truncate_to(db, 0)
    else:
        db.unlink()
        with contextlib.closing(sqlite3.connect(db)) as conn:
            conn.execute("CREATE TABLE t (a)")
            conn.commit()
    before = vault_hashes(paths)
    proc = run_baton(paths.data_dir, command, password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 1, needle)
    assert vault_hashes(paths) == before
    assert len(list_backups(paths.backups)) == 1


def test_newer_schema_is_refused_exit_1_without_backup_or_write(vault_dir):
    paths, _ = vault_dir
    kf, slot, private = Vault(paths).unlock("admin", ADMIN_PASSWORD)
    key = Vault.candidate_keys(kf, slot, private)[0]
    with contextlib.closing(connect(paths.database, key)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = vault_hashes(paths)
    proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 1, "newer version of Baton", "9999_from_the_future")
    assert vault_hashes(paths) == before
    assert len(list_backups(paths.backups)) == 1


# --------------------------------------------------------------------------- bench, self-test


def test_bench_prints_one_json_object_of_figures(tmp_path):
    # 2,000 rows for the import bench (its target scales with them): the figures are the
    # same set, in a fraction of the time of 100,000 rows
    proc = run_baton(
        tmp_path / "data",
        "bench",
        "--work-dir",
        str(tmp_path / "bench"),
        "--import-rows",
        "2000",
        user=None,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert figures["import_orders_s"]["target"] == pytest.approx(30 * 2000 / 100_000)
    assert isinstance(figures, dict)
    for name in ("unlock_s", "kdf_s", "connection_open_ms", "connection_open_passphrase_ms"):
        assert name in figures, name
    # Qt is installed here: the CLI hands the GUI bench to run_bench (offscreen).
    assert figures["gui_worst_gap_ms"]["target"] == 100
    assert figures["read_while_writing_ms"]["target"] == 100
    for name, fig in figures.items():
        assert set(fig) == {"value", "unit", "target"}, name
        assert fig["unit"] in {"s", "ms", "MB", "rows/s", "ratio"}, name
        assert isinstance(fig["value"], int | float) and fig["value"] >= 0, name
        assert fig["target"] is None or isinstance(fig["target"], int | float), name
    # The figures a raw key exists for: a later connection opens without the KDF.
    assert (
        figures["connection_open_ms"]["value"] < figures["connection_open_passphrase_ms"]["value"]
    )


def test_self_test_exits_0(tmp_path):
    proc = run_baton(
        tmp_path / "data",
        "--self-test",
        user=None,
        timeout=300,
        extra_env={"TMPDIR": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "self-test passed" in proc.stdout


def test_output_cut_short_by_its_reader_is_no_error(vault_dir):
    """`baton person notice | head -1`: the reader is gone before Baton writes; Baton stops
    quietly (exit 141, as a shell reports SIGPIPE) instead of an 'unexpected error'."""
    import subprocess
    import sys

    paths, _ = vault_dir
    cmd = [sys.executable, "-m", "desktop", "--data-dir", str(paths.data_dir), "--user", "admin"]
    proc = subprocess.Popen(
        [*cmd, "person", "notice"],
        cwd=REPO,
        env=child_env(BATON_PASSWORD=ADMIN_PASSWORD),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # long before the child has imported anything
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    assert "unexpected error" not in err and "Traceback" not in err and "Exception" not in err
