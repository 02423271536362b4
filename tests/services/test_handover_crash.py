"""A batch use case is one transaction also when its process dies or races another: kill -9
in the middle of completing items leaves nothing half done; two successors' devices confirming
the same receipts at once move ownership once. Real processes on a real SQLCipher vault."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent
from desktop.models.departures import CaseEvent
from desktop.services import customers, handover
from desktop.services import departures as dp
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD
from tests.services.departure_support import START, build_firm, new_id
from tests.services.test_handover_batch import everything, items
from tests.support import REPO, child_env, move_case, reaped, wait_for_line

CHILD = Path(__file__).resolve().parent / "handover_child.py"


@pytest.fixture(autouse=True)
def sqlcipher_only(server_db):
    if server_db is not None:
        pytest.skip("kills and races processes on the local vault file")


def child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


@pytest.fixture
def firm(admin, role_users):
    return build_firm(admin, role_users)


@pytest.fixture
def case_id(admin, firm):
    ident = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], START.replace(month=4))))
    move_case(admin, ident, "submit", "approve", "start_handover")
    return ident


def test_kill_9_while_completing_items_leaves_nothing_half_done(admin, paths, case_id):
    rows = items(admin, case_id)
    laptop = next(i for i in rows if i.title == "归还公司电脑及配件")
    plain = next(i for i in rows if i.kind == "checklist" and not i.evidence_required)
    (account,) = [i for i in rows if i.kind == "account"]
    before = everything(admin, case_id)
    with admin.read() as s:
        seq = s.scalar(select(func.max(AuditEvent.seq)))
    ids = [str(i.id) for i in (laptop, plain, account)]
    proc = child("complete-kill", str(paths.data_dir), "admin", ADMIN_PASSWORD, str(case_id), *ids)
    with reaped(proc):
        wait_for_line(proc, "mid", timeout=120)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    after = everything(admin, case_id)
    # No file, no item done, account enabled, no case event (audit: only the child's login).
    assert (after[0], after[1][1:], after[2]) == (before[0], before[1][1:], before[2])
    with admin.read() as s:
        logged = set(s.scalars(select(AuditEvent.entity).where(AuditEvent.seq > seq)))
    assert logged <= {"login_attempt", "app_user"}, logged  # the login, not the batch
    handover.complete_items(admin, case_id, [plain.id])  # the vault still writes


def test_two_devices_confirming_the_same_receipts_move_ownership_once(
    admin, paths, firm, case_id, role_users
):
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"], firm["yi"]])
    user = role_users[Role.SALES]
    args = (str(paths.data_dir), user, ROLE_PASSWORD, str(case_id))
    first = child("confirm-slow", *args)
    with reaped(first):
        wait_for_line(first, "mid", timeout=120)
        second = child("confirm", *args)
        with reaped(second):
            outcomes = []
            for proc in (first, second):
                out, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
                assert "Traceback" not in err, err
                outcomes.append(out.strip().splitlines()[-1])
    oks = [o for o in outcomes if o.startswith("ok ")]
    refused = [o for o in outcomes if o.startswith("refused ")]
    assert len(oks) == 1 and len(refused) == 1, outcomes
    assert any(
        text in refused[0]
        for text in ("another task is saving", "is confirmed already", "Nothing in case")
    ), refused
    for customer in ("jia", "yi"):
        history = customers.get_customer(admin, firm[customer]).ownership
        assert [h.reason for h in history].count("handover") == 1
    with admin.read() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(CaseEvent)
                .where(CaseEvent.case_id == case_id, CaseEvent.action == "confirm")
            )
            == 1
        )
