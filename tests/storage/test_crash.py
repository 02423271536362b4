"""``kill -9`` of a Baton process at the worst moments (RELIABILITY 1, 2 and 7).

The child (tests/storage/child.py) says on stdout where it is; the parent sends SIGKILL then
reopens the vault and checks it: all or nothing, every page intact, the audit chain whole.
"""

from __future__ import annotations

import contextlib
import random
import signal
import sys
import time

import pytest
from sqlalchemy import func, select

from desktop.config import Paths
from desktop.errors import CredentialsError
from desktop.models.audit import verify_chain
from desktop.models.organisation import Branch
from desktop.services import accounts
from desktop.services.login import login
from desktop.storage.database import connect, key_opens
from desktop.storage.vault import KeyFile, Vault
from tests.support import ADMIN_PASSWORD, make_vault, reaped, start_child, wait_for_line

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROWS = 10_000


def kill9(proc) -> None:
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def reopen_and_check(paths: Paths, prefix: str) -> int:
    """Open as a user would, run every check, return the rows with ``prefix``."""
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="full")
    try:
        key = ctx.store.key.data_key
        with ctx.transaction() as s:
            rows = s.scalar(
                select(func.count()).select_from(Branch).where(Branch.code.like(f"{prefix}%"))
            )
            chain = verify_chain(s)
        assert chain.ok, chain.reason
    finally:
        ctx.close()
    with contextlib.closing(connect(paths.database, key)) as conn:
        assert list(conn.execute("PRAGMA cipher_integrity_check")) == []
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
    return rows


def test_kill_9_inside_a_10000_row_transaction_leaves_0_or_10000_rows(paths):
    make_vault(paths)
    rng = random.Random(20260301)
    outcomes = []
    for attempt in range(8):
        prefix = f"K{attempt}-"
        if attempt % 2 == 0:
            # Thousands of rows still to go: the kill lands inside the transaction.
            signal_at, delay = rng.randrange(250, ROWS // 2), 0.0
        else:
            # Anywhere after the signal, the commit itself included.
            signal_at, delay = rng.randrange(250, ROWS), rng.random()
        args = ("insert", str(paths.data_dir), str(ROWS), str(signal_at), prefix)
        with reaped(start_child(*args)) as child:
            wait_for_line(child, "mid")
            time.sleep(delay)
            kill9(child)
        rows = reopen_and_check(paths, prefix)
        assert rows in (0, ROWS), f"attempt {attempt}: {rows} rows after kill -9 (0 or {ROWS})"
        outcomes.append(rows)
    assert 0 in outcomes, "no kill landed inside the transaction; the test proved nothing"


def test_kill_9_right_after_commit_returned_keeps_the_rows_every_time(paths):
    make_vault(paths)
    for attempt in range(4):
        prefix = f"C{attempt}-"
        with reaped(start_child("commit", str(paths.data_dir), "2000", prefix)) as child:
            wait_for_line(child, "committed")
            kill9(child)
        assert reopen_and_check(paths, prefix) == 2000, f"attempt {attempt}: committed rows lost"


def test_kill_9_during_password_change_old_or_new_password_works_never_neither(paths):
    make_vault(paths)
    first, second = ADMIN_PASSWORD, "admin-pass-2"
    rng = random.Random(7)
    seen = set()
    for attempt in range(8):
        with reaped(start_child("passwd", str(paths.data_dir), first, second)) as child:
            wait_for_line(child, "ready")
            time.sleep(rng.random() * 0.3)
            kill9(child)
        working = []
        for candidate in (first, second):
            with contextlib.suppress(CredentialsError):
                Vault(paths).unlock("admin", candidate)
                working.append(candidate)
        assert len(working) == 1, f"attempt {attempt}: passwords that work: {working}"
        seen.add(working[0])
        # A full login opens the database too, and leaves both copies repaired and equal.
        login(paths, "admin", working[0], check="full").close()
        a, b = (KeyFile.from_bytes(p.read_bytes()) for p in paths.keyslots)
        assert a.seq == b.seq
        first, second = working[0], second if working[0] == first else first
    assert seen, "no attempt ran"


def test_kill_9_during_key_rotation_old_or_new_key_opens_and_every_slot_still_unlocks(paths):
    recovery = make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    accounts.add_user(ctx, "carol", "Carol", "finance", "carol-pass-1")
    with ctx.transaction() as s:
        s.add_all(Branch(code=f"R{i:04d}", name=f"轮换 {i} " + "z" * 100) for i in range(2000))
    ctx.close()
    rng = random.Random(5)
    for attempt in range(6):
        with reaped(start_child("rotate", str(paths.data_dir))) as child:
            wait_for_line(child, "ready")
            time.sleep(rng.random() * 0.6)
            kill9(child)
        assert reopen_and_check(paths, "R") == 2000, f"attempt {attempt}: rows lost"
        kf = Vault(paths).keyfile()
        assert kf.pending_key_id is None, "opening did not settle the interrupted rotation"
        assert not paths.database.with_name("baton.db.rotating").exists()
        for name, password in (("admin", ADMIN_PASSWORD), ("carol", "carol-pass-1")):
            _, slot, private = Vault(paths).unlock(name, password)
            assert key_opens(paths.database, Vault.candidate_keys(kf, slot, private)[0]), name
        _, slot, private = Vault(paths).unlock_recovery(recovery)
        assert key_opens(paths.database, Vault.candidate_keys(kf, slot, private)[0])
