"""The audit log is append-only and hash-chained: tampering is found and named (SPEC §6).

The attacker here has the data key (an insider with a password): they open the file with
``database.connect``, drop the append-only triggers, and edit or delete one row.
"""

from __future__ import annotations

import contextlib
import json

import pytest
from sqlalchemy import func, select

from desktop.models.audit import AuditEvent, verify_chain
from desktop.models.organisation import Branch
from desktop.services import maintenance
from desktop.services.login import login
from desktop.storage.database import connect
from tests.support import ADMIN_PASSWORD, run_baton

pytestmark = pytest.mark.sqlcipher("tampers with the SQLCipher file directly")


@pytest.fixture
def history(paths, admin):
    """A vault with a few dozen audited changes; returns (paths, data key, number of events)."""
    with admin.transaction() as s:
        for i in range(10):
            s.add(Branch(code=f"A{i}", name=f"网点 {i}"))
    with admin.transaction() as s:
        branch = s.scalar(select(Branch).where(Branch.code == "A3"))
        branch.name = "改名的网点"
    with admin.transaction() as s:
        s.delete(s.scalar(select(Branch).where(Branch.code == "A4")))
    with admin.transaction() as s:
        total = s.scalar(select(func.max(AuditEvent.seq)))
        assert verify_chain(s).ok
    key = admin.store.key.data_key
    admin.close()
    return paths, key, total


@contextlib.contextmanager
def attacker(paths, key):
    conn = connect(paths.database, key)
    try:
        conn.execute("DROP TRIGGER audit_event_no_update")
        conn.execute("DROP TRIGGER audit_event_no_delete")
        yield conn
    finally:
        conn.close()


def chain_report(paths):
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with ctx.transaction() as s:
            return verify_chain(s)
    finally:
        ctx.close()


def test_every_change_is_one_chained_event_with_before_and_after(history):
    paths, key, _ = history
    with contextlib.closing(connect(paths.database, key)) as conn:
        rows = conn.execute(
            "SELECT action, entity, before, after FROM audit_event WHERE entity = 'branch' "
            "ORDER BY seq"
        ).fetchall()
    inserts = [r for r in rows if r[0] == "insert"]
    updates = [r for r in rows if r[0] == "update"]
    deletes = [r for r in rows if r[0] == "delete"]
    assert len(inserts) >= 12 and len(updates) == 1 and len(deletes) == 1
    assert json.loads(updates[0][2])["name"] == "网点 3"
    assert json.loads(updates[0][3])["name"] == "改名的网点"
    assert json.loads(deletes[0][2])["code"] == "A4" and deletes[0][3] is None


def test_append_only_triggers_refuse_update_and_delete(history):
    paths, key, _ = history
    with contextlib.closing(connect(paths.database, key)) as conn:
        for sql in ("UPDATE audit_event SET actor = 'x' WHERE seq = 2", "DELETE FROM audit_event"):
            with pytest.raises(Exception, match="append-only"):
                conn.execute(sql)


def test_edited_event_is_named_by_verify_chain(history):
    paths, key, total = history
    target = total - 3
    with attacker(paths, key) as conn:
        conn.execute(
            "UPDATE audit_event SET after = replace(after, '网点', '别的') WHERE seq = ?", (target,)
        )
        assert conn.total_changes == 1
    report = chain_report(paths)
    assert not report.ok
    assert report.first_broken == target
    assert f"event {target} was altered" in report.reason


def test_deleted_event_is_named_by_verify_chain(history):
    paths, key, _ = history
    target = 5
    with attacker(paths, key) as conn:
        conn.execute("DELETE FROM audit_event WHERE seq = ?", (target,))
    report = chain_report(paths)
    assert report.first_broken == target
    assert f"event {target} is missing" in report.reason


def test_event_re_hashed_by_the_attacker_breaks_the_link_to_the_next(history):
    """Recomputing the edited row's own hash does not help: the next row points elsewhere."""
    from desktop.models.audit import event_hash

    paths, key, _ = history
    target = 4
    with attacker(paths, key) as conn:
        row = conn.execute(
            "SELECT seq, at, actor, action, entity, entity_id, before, after, prev_hash "
            "FROM audit_event WHERE seq = ?",
            (target,),
        ).fetchone()
        seq, at, actor, action, entity, entity_id, before, after, prev = row
        actor = "someone-else"
        digest = event_hash(prev, seq, at, actor, action, entity, entity_id, before, after)
        conn.execute(
            "UPDATE audit_event SET actor = ?, hash = ? WHERE seq = ?", (actor, digest, target)
        )
    report = chain_report(paths)
    assert report.first_broken == target + 1
    assert f"does not follow event {target}" in report.reason


@pytest.mark.parametrize("tamper", ["edit", "delete"])
def test_baton_verify_exit_1_names_the_tampered_event(history, tamper):
    paths, key, _ = history
    target = 6
    with attacker(paths, key) as conn:
        if tamper == "edit":
            conn.execute("UPDATE audit_event SET actor = 'nobody' WHERE seq = ?", (target,))
        else:
            conn.execute("DELETE FROM audit_event WHERE seq = ?", (target,))
    proc = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"audit chain: BROKEN at event {target}" in proc.stdout
    assert "database: ok" in proc.stdout  # the file itself is fine; the history is not


def test_check_health_reports_the_broken_chain(history):
    paths, key, _ = history
    with attacker(paths, key) as conn:
        conn.execute("UPDATE audit_event SET entity_id = '999' WHERE seq = 3")
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        report = maintenance.check_health(ctx)
    finally:
        ctx.close()
    assert report.integrity_problems == []
    assert not report.ok and report.chain.first_broken == 3
