"""Backups: the restore drill, damaged backups, kills during a backup, live writers, rotation.

RELIABILITY 10 and 11: a backup taken while another process writes holds the committed rows
and passes the checks; kill -9 during a backup leaves earlier ones intact and no partial file
under a final name; restoring into a temp folder matches the manifest table by table.
"""

from __future__ import annotations

import contextlib
import random
import signal
import sys
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop.config import Paths
from desktop.errors import ValidationError, VaultDamaged
from desktop.models.organisation import Branch, Company
from desktop.services import maintenance
from desktop.services.login import login
from desktop.storage import backup as backups
from desktop.storage.backup import BackupHeader, backups_to_prune
from desktop.storage.database import connect
from desktop.storage.store import restore_backup
from tests.support import (
    ADMIN_PASSWORD,
    flip_bytes,
    make_vault,
    reaped,
    rezip_with,
    sha256_of,
    start_child,
    truncate_to,
    wait_for_line,
    zip_member_offset,
)


def branch_names(ctx) -> set[str]:
    with ctx.transaction() as s:
        return set(s.scalars(select(Branch.name)))


@pytest.fixture
def backed_up(paths, admin):
    """Admin with 200 branches and one manual backup; then the data changes."""
    with admin.transaction() as s:
        s.add_all(Branch(code=f"B{i:03d}", name=f"备份前 {i}") for i in range(200))
    names = branch_names(admin)
    header = maintenance.backup_now(admin)
    with admin.transaction() as s:
        s.add(Branch(code="LATE", name="after the backup"))
        s.scalar(select(Branch).where(Branch.code == "B007")).name = "renamed later"
        s.delete(s.scalar(select(Branch).where(Branch.code == "B008")))
        s.scalar(select(Company)).name = "Changed Co."
    return admin, header, names


# --------------------------------------------------------------------------- restore drill


def test_restore_drill_in_a_temp_folder_matches_the_manifest_table_by_table(backed_up, tmp_path):
    admin, header, _ = backed_up
    key = admin.store.key.data_key
    manifest = backups.read_manifest(header.path, key)
    copy = tmp_path / "drill.db"
    assert backups.extract_verified(header.path, key, copy) == manifest
    with contextlib.closing(connect(copy, key)) as conn:
        actual = backups.fingerprint(conn)
    assert actual.counts == manifest.counts
    assert actual.checksums == manifest.checksums
    assert manifest.counts["branch"] == 202


def test_restore_brings_back_exactly_the_backed_up_rows(backed_up, paths):
    admin, header, names = backed_up
    assert branch_names(admin) != names
    maintenance.restore(admin, header.path)
    assert branch_names(admin) == names
    with admin.transaction() as s:
        assert s.scalar(select(Company.name)) != "Changed Co."
    # A safety copy of what was replaced exists, and the checks pass after the swap.
    kinds = [b.kind for b in backups.list_backups(paths.backups)]
    assert "pre-restore" in kinds
    assert maintenance.check_health(admin).ok


def test_restored_file_is_byte_for_byte_the_manifest_before_anyone_logs_in(backed_up, paths):
    admin, header, _ = backed_up
    key = admin.store.key.data_key
    admin.close()
    restore_backup(paths, header.path, key)
    with contextlib.closing(connect(paths.database, key)) as conn:
        actual = backups.fingerprint(conn)
    manifest = backups.read_manifest(header.path, key)
    assert (actual.counts, actual.checksums) == (manifest.counts, manifest.checksums)


# --------------------------------------------------------------------------- damaged backups


def _flip_inside_db_member(path):
    offset, size = zip_member_offset(path, "baton.db")
    flip_bytes(path, [offset + size // 2])


def _tamper_db_member_keep_crc(path):
    import zipfile

    with zipfile.ZipFile(path) as z:
        data = bytearray(z.read("baton.db"))
    middle = len(data) // 2
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
    rezip_with(path, "baton.db", bytes(data))


def _truncate(path):
    truncate_to(path, path.stat().st_size - 100)


@pytest.mark.parametrize(
    ("damage", "error", "needle"),
    [
        (_flip_inside_db_member, VaultDamaged, "is damaged and was not used"),
        (_tamper_db_member_keep_crc, VaultDamaged, "HMAC verification failed"),
        (_truncate, ValidationError, "not a Baton backup, or it is damaged"),
    ],
    ids=["flipped-bytes", "tampered-valid-crc", "truncated"],
)
def test_damaged_backup_is_refused_before_anything_is_replaced(
    backed_up, paths, damage, error, needle
):
    admin, header, _ = backed_up
    damage(header.path)
    names_now = branch_names(admin)
    db_before = sha256_of(paths.database)
    with pytest.raises(error, match=needle):
        maintenance.restore(admin, header.path)
    assert sha256_of(paths.database) == db_before
    assert branch_names(admin) == names_now
    assert not any(p.name.endswith((".restoring", ".restoring2")) for p in paths.data_dir.iterdir())


def test_backup_of_another_vault_is_refused(backed_up, tmp_path):
    admin, _, _ = backed_up
    other_paths = Paths(tmp_path / "other")
    make_vault(other_paths)
    other = login(other_paths, "admin", ADMIN_PASSWORD)
    try:
        foreign = maintenance.backup_now(other).path
    finally:
        other.close()
    names = branch_names(admin)
    with pytest.raises(ValidationError, match="belongs to another vault"):
        maintenance.restore(admin, foreign)
    assert branch_names(admin) == names
    # The storage layer refuses it too, even without an open vault (the command line's path).
    paths = admin.store.paths
    admin.close()
    db_before = sha256_of(paths.database)
    with pytest.raises(ValidationError, match="belongs to another vault"):
        restore_backup(paths, foreign, b"\0" * 32)
    assert sha256_of(paths.database) == db_before


# --------------------------------------------------------------------------- processes


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_during_backups_leaves_earlier_backups_intact_and_no_partial_final_file(paths):
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    with ctx.transaction() as s:
        s.add_all(Branch(code=f"G{i:05d}", name=f"网点 {i} " + "y" * 200) for i in range(5000))
    first = ctx.store.backup("manual")
    key = ctx.store.key.data_key
    ctx.close()
    earlier = {first.path: sha256_of(first.path)}
    rng = random.Random(11)
    interrupted = 0
    for _ in range(5):
        with reaped(start_child("backup", str(paths.data_dir))) as child:
            wait_for_line(child, "backup-start")
            time.sleep(rng.random() * 0.4)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        interrupted += any(p.name.startswith(".tmp-") for p in paths.backups.iterdir())
        for path, digest in earlier.items():
            assert sha256_of(path) == digest, f"{path.name} changed"
        for found in paths.backups.glob("*" + backups.SUFFIX):
            # Whatever carries a final name is complete and verifies.
            backups.extract_verified(found, key, paths.data_dir / "check.db")
            (paths.data_dir / "check.db").unlink()
            earlier.setdefault(found, sha256_of(found))
    assert interrupted, "no kill landed inside a backup; the test proved nothing"
    # The next backup clears the leftovers of the killed ones.
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        ctx.store.backup("manual")
    finally:
        ctx.close()
    assert not [p for p in paths.backups.iterdir() if p.name.startswith(".tmp-")]


def test_backup_while_another_process_writes_holds_the_committed_rows(paths):
    make_vault(paths)
    with reaped(start_child("writer", str(paths.data_dir), "W", "5000")) as child:
        wait_for_line(child, "progress 100")
        ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
        try:
            with ctx.transaction() as s:
                before = s.scalar(select(func.count()).where(Branch.code.like("W-%")))
            header = ctx.store.backup("manual")
            with ctx.transaction() as s:
                after = s.scalar(select(func.count()).where(Branch.code.like("W-%")))
            key = ctx.store.key.data_key
        finally:
            ctx.close()
        assert child.poll() is None, "the writer stopped before the backup ended"
    assert before < after, "no row was committed while the backup ran"
    copy = paths.data_dir / "drill.db"
    manifest = backups.extract_verified(header.path, key, copy)
    with contextlib.closing(connect(copy, key)) as conn:
        codes = [
            r[0]
            for r in conn.execute("SELECT code FROM branch WHERE code LIKE 'W-%' ORDER BY code")
        ]
    assert before <= len(codes) <= after, (before, len(codes), after)
    # A consistent snapshot: the first n commits, no gaps.
    assert codes == [f"W-{i:04d}" for i in range(len(codes))]
    assert manifest.counts["branch"] == len(codes) + 2


# --------------------------------------------------------------------------- rotation


def _header(path_name: str, when: datetime, kind: str) -> BackupHeader:
    from pathlib import Path

    return BackupHeader(Path(path_name), when, kind, "0.1.0", "0001", "db", "key", 1)


def test_rotation_keeps_7_daily_and_4_weekly_and_never_prunes_manual_backups():
    # Local noon each day from Sun 1 March to Wed 15 April 2026, plus an earlier one on the
    # 15th; manual backups every week back to January; five safety copies.
    def local(day: datetime) -> datetime:
        return day.astimezone()

    start = datetime(2026, 3, 1, 12)
    daily = [
        _header(f"d-{(start + timedelta(days=i)):%m%d}", local(start + timedelta(days=i)), "daily")
        for i in range(46)
    ]
    early = _header("d-0415-early", local(datetime(2026, 4, 15, 6)), "daily")
    manual = [
        _header(f"m-{i}", local(datetime(2026, 1, 5, 9) + timedelta(weeks=i)), "manual")
        for i in range(15)
    ]
    special = [
        _header(f"p-{i}", local(datetime(2026, 4, 1, 8) + timedelta(days=i)), "pre-migration")
        for i in range(5)
    ]
    everything = [*daily, early, *manual, *special]
    pruned = {b.path.name for b in backups_to_prune(everything, keep_daily=7, keep_weekly=4)}
    kept = {b.path.name for b in everything} - pruned
    # 7 newest days: 9–15 April. ISO weeks: 13–19 Apr (15th), 6–12 Apr (12th), 30 Mar–5 Apr
    # (5th), 23–29 Mar (29th).
    expected_daily = {f"d-04{d:02d}" for d in range(9, 16)} | {"d-0405", "d-0329"}
    assert {k for k in kept if k.startswith("d-")} == expected_daily
    assert "d-0415-early" in pruned  # only the newest of a day counts
    assert {m.path.name for m in manual} <= kept
    assert {k for k in kept if k.startswith("p-")} == {"p-2", "p-3", "p-4"}
    assert len(pruned) == 46 - 9 + 1 + 2


def test_prune_deletes_old_daily_files_but_not_manual_ones(paths, admin):
    for _ in range(3):
        maintenance.backup_now(admin)  # manual
    for _ in range(3):
        admin.store.backup("daily")  # same day: only the newest daily stays
    kinds = sorted(b.kind for b in backups.list_backups(paths.backups))
    assert kinds == ["daily", "manual", "manual", "manual"]
