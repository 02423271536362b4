"""What a crash leaves beside the vault is cleaned at the next open (issue 11 item 17).

Half-made restore and rotation copies, their journals and stale key-file temp files are
deleted when a login finds them while it can hold the vault alone; never while another
process has the vault open, and a key-file temp file young enough to be a live write stays.
Output PDFs are written whole or not at all.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop.config import Paths
from desktop.errors import VaultDamaged
from desktop.services.login import login
from desktop.storage.vault import UnlockedKey, Vault, key_id_of, new_data_key
from tests.storage.test_disk_full import small_disk  # noqa: F401 - the fixture
from tests.support import (
    ADMIN_PASSWORD,
    assert_one_line_error,
    flip_pages,
    make_vault,
    reaped,
    run_baton,
    start_child,
    truncate_to,
    wait_for_line,
)

AN_HOUR_AGO = time.time() - 3600


def _plant(paths: Paths, name: str, *, old: bool = True) -> Path:
    path = paths.data_dir / name
    path.write_bytes(b"left by a crash" * 100)
    if old:
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path


LEFTOVERS = [
    "baton.db.restoring",
    "baton.db.restoring2",
    "baton.db.restoring-journal",
    "baton.db.restoring2-journal",
    "baton.db.rotating",
    "baton.db.rotating-journal",
    ".baton.keys.k2x9ab1c.tmp",
    ".baton.keys.2.q8r7zz0p.tmp",
    ".settings.json.m3n4p5q6.tmp",
]


@pytest.mark.parametrize("name", LEFTOVERS)
def test_each_kind_of_leftover_is_removed_at_the_next_login(paths, name):
    make_vault(paths)
    planted = _plant(paths, name)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    ctx.close()
    assert not planted.exists()
    assert (paths.data_dir / "baton.db").exists() and paths.keyslots[0].exists()


def test_an_interrupted_rotation_with_its_journal_is_undone_and_cleaned(paths):
    make_vault(paths)
    vault = Vault(paths)
    kf, slot, private = vault.unlock("admin", ADMIN_PASSWORD)
    current = Vault.candidate_keys(kf, slot, private)[0]
    unlocked = UnlockedKey(current, key_id_of(current), kf.db_id, "admin", "user")
    vault.begin_rotation(unlocked, new_data_key(), [])  # crashed mid-copy:
    _plant(paths, "baton.db.rotating", old=False)
    _plant(paths, "baton.db.rotating-journal", old=False)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    ctx.close()
    assert vault.keyfile().pending_key_id is None
    assert not list(paths.data_dir.glob("baton.db.rotating*"))


def test_the_new_copy_is_kept_when_neither_key_opens_the_live_file(paths):
    """A damaged live file with a rotation pending: the half-rotated copy may be all there is."""
    make_vault(paths)
    vault = Vault(paths)
    kf, slot, private = vault.unlock("admin", ADMIN_PASSWORD)
    current = Vault.candidate_keys(kf, slot, private)[0]
    unlocked = UnlockedKey(current, key_id_of(current), kf.db_id, "admin", "user")
    vault.begin_rotation(unlocked, new_data_key(), [])
    copy = _plant(paths, "baton.db.rotating")
    truncate_to(paths.database, 8192)
    flip_pages(paths.database, [1])
    with pytest.raises(VaultDamaged):
        login(paths, "admin", ADMIN_PASSWORD)
    assert copy.exists()
    assert vault.keyfile().pending_key_id is not None


def test_a_young_key_file_temp_may_be_a_live_write_and_stays(paths):
    make_vault(paths)
    young = _plant(paths, ".baton.keys.live0001.tmp", old=False)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    ctx.close()
    assert young.exists()


def test_nothing_is_deleted_while_another_process_has_the_vault_open(paths):
    make_vault(paths)
    with reaped(start_child("open", str(paths.data_dir))) as child:
        wait_for_line(child, "open")
        planted = [_plant(paths, name) for name in LEFTOVERS]
        ctx = login(paths, "admin", ADMIN_PASSWORD)  # not alone: opens, cleans nothing
        ctx.close()
        assert all(p.exists() for p in planted)
    ctx = login(paths, "admin", ADMIN_PASSWORD)  # alone now
    ctx.close()
    assert not any(p.exists() for p in planted)


def test_a_pdf_that_does_not_fit_leaves_no_empty_file_under_its_name(small_disk, tmp_path):  # noqa: F811
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    sheet = small_disk / "recovery-sheet.pdf"
    proc = run_baton(
        tmp_path / "vault",
        "init",
        "--company",
        "测试物流",
        "--admin",
        "admin",
        "--recovery-out",
        str(sheet),
        password=ADMIN_PASSWORD,
        user=None,
    )
    assert_one_line_error(proc, 1, "is full")
    assert not sheet.exists()
    assert not [p for p in small_disk.iterdir() if p.name.startswith(".recovery-sheet")]
