"""The order lock: from the approval (or the notice date) no new order names the leaver as its
salesperson — typed or imported — and every refused attempt is recorded."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.errors import ValidationError
from desktop.models.departures import LockAttempt
from desktop.models.orders import Order
from desktop.services import business_settings as bs
from desktop.services import departures as dp
from desktop.services import money as rv
from desktop.services.imports import ImportRejected, preview_import, run_import
from desktop.services.money import OrderInput
from tests.services.departure_support import LEAVER_PASSWORD, START, M, at, build_firm, new_id
from tests.support import ADMIN_PASSWORD, child_env, submitted_by_baton

D = date
LAST = D(2030, 4, 3)
LOCKED = (
    "张伟 is leaving the firm (departure case D2030-0001): from 2030-03-04 on no new order can "
    "name them as its salesperson. Name the successor or another salesperson."
)


@pytest.fixture
def firm(admin):
    return build_firm(admin)


def order(ctx, firm, number, day, salesperson="zhang", late_reason=""):
    return rv.create_order(
        ctx,
        OrderInput(
            number,
            firm["jia"],
            day,
            M("100.00"),
            salesperson_id=firm[salesperson] if salesperson else None,
            late_reason=late_reason,
        ),
    )


def attempts(ctx):
    with ctx.transaction() as s:
        return [
            (a.source, a.order_number, a.order_date, a.rows, a.actor)
            for a in s.scalars(select(LockAttempt).order_by(LockAttempt.id))
        ]


def approved_case(admin, firm) -> int:
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    dp.submit(submitted_by_baton(admin), case_id)
    dp.approve(admin, case_id)
    return case_id


def test_typed_orders_for_the_leaver_are_refused_from_the_approval_and_recorded(admin, firm):
    bs.set(admin, bs.ORDER_LOCK_FROM, "approval")
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    dp.submit(submitted_by_baton(admin), case_id)
    order(admin, firm, "WB-20", START)  # submitted, not yet approved: no lock
    dp.approve(admin, case_id)
    with pytest.raises(ValidationError) as refused:
        order(admin, firm, "WB-21", START)
    assert refused.value.message() == LOCKED and refused.value.field == "salesperson_id"
    # With no salesperson named, the customer's owner (still 张伟) is refused the same way.
    with pytest.raises(ValidationError, match="departure case D2030-0001"):
        order(admin, firm, "WB-22", D(2030, 3, 5), salesperson=None)
    # Dated before the lock but entered after it: refused unless a manager says why.
    with pytest.raises(ValidationError, match="whatever its date"):
        order(admin, firm, "WB-23", D(2030, 3, 3))
    order(admin, firm, "WB-23", D(2030, 3, 3), late_reason="纸质运单 3 月 3 日补录")
    order(admin, firm, "WB-24", START, salesperson="li")
    with admin.transaction() as s:
        numbers = set(s.scalars(select(Order.number).where(Order.number.like("WB-2_"))))
    assert numbers == {"WB-20", "WB-23", "WB-24"}
    assert attempts(admin) == [
        ("manual", "WB-21", START, 1, "admin"),
        ("manual", "WB-22", D(2030, 3, 5), 1, "admin"),
        ("manual", "WB-23", D(2030, 3, 3), 1, "admin"),
        # Accepted, but 甲电子 is in the handover and 李娜 is not its successor: flagged.
        ("not_successor", "WB-24", START, 1, "admin"),
    ]
    risks = dp.get_case(admin, case_id).risks
    assert (risks.lock_attempts, risks.order_flags) == (3, 1)


def test_the_leaver_cannot_type_an_order_for_themselves(admin, firm, relogin):
    approved_case(admin, firm)
    leaver = at(relogin("zhangwei", LEAVER_PASSWORD), START)
    try:
        with pytest.raises(ValidationError, match="departure case D2030-0001"):
            order(leaver, firm, "WB-30", START, salesperson=None)
    finally:
        leaver.close()
    assert attempts(admin) == [("manual", "WB-30", START, 1, "zhangwei")]


def test_an_edit_cannot_move_an_order_into_the_lock(admin, firm):
    approved_case(admin, firm)
    wb1 = rv.list_orders(admin, 0, 10, search="WB-1")[0]
    data = OrderInput(
        wb1.number, wb1.customer_id, D(2030, 3, 5), wb1.revenue, salesperson_id=firm["zhang"]
    )
    with pytest.raises(ValidationError, match="departure case D2030-0001"):
        rv.update_order(admin, wb1.id, data)
    # Other changes to his earlier orders stay possible.
    rv.update_order(
        admin,
        wb1.id,
        OrderInput(
            wb1.number,
            wb1.customer_id,
            wb1.order_date,
            wb1.revenue,
            salesperson_id=firm["zhang"],
            status="delivered",
        ),
    )


def write_orders(path, rows):
    lines = ["运单号,客户,发货日期,业务员,运费"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_naming_the_leaver_after_the_lock_is_rejected_row_by_row(admin, firm, tmp_path):
    approved_case(admin, firm)
    file = write_orders(
        tmp_path / "orders.csv",
        [
            ("YD-1", "C001", "2030-03-05", "S001", "100"),
            ("YD-2", "C001", "2030-03-01", "S001", "100"),
            ("YD-3", "C002", "2030/3/6", "张伟", "100"),
            ("YD-4", "C002", "2030-03-06", "S002", "100"),
        ],
    )
    with pytest.raises(ImportRejected) as rejected:
        run_import(admin, "orders", file)
    errors = rejected.value.preview.errors
    # YD-2 is dated before the lock but comes after it began: refused as well.
    assert [(e.row, e.column, e.value) for e in errors] == [
        (2, "业务员", "S001"),
        (3, "业务员", "S001"),
        (4, "业务员", "张伟"),
    ]
    assert "can be imported, whatever its date" in errors[1].reason()
    assert errors[0].reason() == (
        "张伟 is leaving the firm (departure case D2030-0001): orders dated 2030-03-04 or later "
        "cannot name them as salesperson"
    )
    with admin.transaction() as s:
        assert (
            s.scalar(select(func.count()).select_from(Order).where(Order.number.like("YD-%"))) == 0
        )
    assert attempts(admin) == [("import", None, D(2030, 3, 1), 3, "admin")]
    # The dry run reports the same rows (and records the attempt as well).
    assert [e.row for e in preview_import(admin, "orders", file).errors] == [2, 3, 4]
    assert len(attempts(admin)) == 2


def test_with_the_lock_from_the_notice_date_a_submitted_case_locks(admin, firm):
    bs.set(admin, bs.ORDER_LOCK_FROM, "notice")
    case_id = new_id(
        dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST, notice_on=D(2030, 3, 2)))
    )
    order(admin, firm, "WB-40", D(2030, 3, 3))  # a draft does not lock
    dp.submit(submitted_by_baton(admin), case_id)
    with pytest.raises(ValidationError, match="from 2030-03-02 on"):
        order(admin, firm, "WB-41", D(2030, 3, 3))
    with pytest.raises(ValidationError, match="since 2030-03-02 no order naming them"):
        order(admin, firm, "WB-42", D(2030, 3, 1))
    order(admin, firm, "WB-42", D(2030, 3, 1), late_reason="3 月 1 日的纸质运单")


def test_cancelling_the_case_lifts_the_lock(admin, firm):
    case_id = approved_case(admin, firm)
    with pytest.raises(ValidationError):
        order(admin, firm, "WB-50", START)
    dp.cancel(admin, case_id, "留任")
    order(admin, firm, "WB-50", START)


#: A process that imports the import service and not the departures (a script, a tool): it
#: unlocks the vault itself, as ``login`` does minus the login-time departure duties (which
#: import the departures and so would hide a lock that hung on that import).
IMPORT_ONLY = """
import json, sys
from datetime import UTC, datetime
from pathlib import Path

from desktop.config import Paths
from desktop.models.accounts import Role
from desktop.services import imports
from desktop.services.context import Actor, ServiceContext
from desktop.storage.store import open_store
from desktop.storage.vault import Vault
from tests.support import submitted_by_baton

paths = Paths(Path(sys.argv[1]))
store = open_store(paths, Vault(paths).unlock("admin", sys.argv[2]))
actor = Actor(int(sys.argv[3]), "admin", "admin", Role.ADMIN)
ctx = ServiceContext(store, actor, lambda: datetime(2030, 3, 4, 12, tzinfo=UTC))
try:
    imports.run_import(ctx, "orders", Path(sys.argv[4]))
    errors = []
except imports.ImportRejected as exc:
    errors = [[e.row, e.column, e.reason()] for e in exc.preview.errors]
finally:
    store.close()
print(json.dumps({"departures": "desktop.services.departures" in sys.modules, "errors": errors}))
"""


def test_the_lock_holds_in_a_process_that_never_imported_the_departures(
    admin, firm, paths, server_db, tmp_path
):
    if server_db is not None:
        pytest.skip("the child unlocks a local vault")
    approved_case(admin, firm)
    file = write_orders(tmp_path / "orders.csv", [("YD-9", "C001", "2030-03-05", "S001", "100")])
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            IMPORT_ONLY,
            str(paths.data_dir),
            ADMIN_PASSWORD,
            str(admin.actor.user_id),
            str(file),
        ],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    found = json.loads(child.stdout.strip().splitlines()[-1])
    assert found["departures"] is False
    assert found["errors"] == [
        [
            2,
            "业务员",
            "张伟 is leaving the firm (departure case D2030-0001): orders dated 2030-03-04 or "
            "later cannot name them as salesperson",
        ]
    ]
    with admin.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Order).where(Order.number == "YD-9")) == 0
    assert attempts(admin) == [("import", None, D(2030, 3, 5), 1, "admin")]
