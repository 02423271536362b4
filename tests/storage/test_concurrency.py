"""Several Baton processes writing at once (RELIABILITY 13).

Every write is a ``BEGIN IMMEDIATE`` transaction with an 8 s busy timeout: writers queue, none
fails with "database is locked", none is lost, and the audit chain stays one chain.
"""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.models.audit import verify_chain
from desktop.models.organisation import Branch
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, make_vault, reaped, start_child

PROCESSES = 3
WRITES = 500


def test_3_processes_x_500_writes_lose_nothing_and_never_report_locked(paths):
    make_vault(paths)
    tags = [f"P{i}" for i in range(PROCESSES)]
    children = [start_child("writer", str(paths.data_dir), tag, str(WRITES)) for tag in tags]
    results = []
    for child in children:
        with reaped(child):
            out, err = child.communicate(timeout=300)
            results.append((child.returncode, out, err))
    for tag, (code, out, err) in zip(tags, results, strict=True):
        assert "locked" not in err.lower() and "locked" not in out.lower(), err
        assert code == 0, f"writer {tag} failed: {err}"
        assert f"done {WRITES}" in out
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="full")
    try:
        with ctx.transaction() as s:
            for tag in tags:
                codes = set(s.scalars(select(Branch.code).where(Branch.code.like(f"{tag}-%"))))
                assert codes == {f"{tag}-{i:04d}" for i in range(WRITES)}, tag
            total = s.scalar(select(func.count()).select_from(Branch))
            chain = verify_chain(s)
    finally:
        ctx.close()
    assert total == PROCESSES * WRITES + 2
    assert chain.ok, chain.reason
