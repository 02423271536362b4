"""``baton departure`` on a small demo vault, as HR, a manager and a successor run it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from desktop import cli
from desktop.config import Paths
from desktop.models.accounts import User
from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.departures import HandoverItem
from desktop.models.staff import Employee
from desktop.services import demo, departures, handover, scope
from desktop.services.customers import owner_on
from desktop.services.demo import DEMO_PASSWORD
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton


def admin_ctx(paths: Paths):
    return login(paths, "admin", ADMIN_PASSWORD)


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory) -> Iterator[tuple[Paths, dict[str, str]]]:
    """A small demo firm; the leaver is a salesperson of the top salesperson's branch without
    an app account (in the seeded data: one already on notice), and the successor is the top
    salesperson (demo user ``sales``)."""
    paths = Paths(tmp_path_factory.mktemp("cli-departures") / "vault")
    make_vault(paths)
    ctx = admin_ctx(paths)
    try:
        summary = demo.generate_demo(ctx, "small")
        today = ctx.today()
        with ctx.transaction() as s:
            top = s.get(Employee, summary.top_salesperson_id)
            owned = (
                select(CustomerAssignment.employee_id, func.count().label("n"))
                .where(scope.covers(today))
                .group_by(CustomerAssignment.employee_id)
                .subquery()
            )
            leaver = s.execute(
                select(Employee.employee_no, Employee.id)
                .join(owned, owned.c.employee_id == Employee.id)
                .where(
                    Employee.branch_id == top.branch_id,
                    Employee.status != "departed",
                    Employee.is_sales.is_(True),
                    Employee.id != top.id,
                    Employee.id.not_in(
                        select(User.employee_id).where(User.employee_id.is_not(None))
                    ),
                )
                .order_by(owned.c.n.desc())
                .limit(1)
            ).one()
            other = s.scalar(
                select(Employee.employee_no)
                .where(
                    Employee.status == "active",
                    Employee.is_sales.is_(True),
                    Employee.id.not_in([top.id, leaver[1]]),
                )
                .order_by(Employee.employee_no)
                .limit(1)
            )
            customer = s.scalar(select(Customer.code).order_by(Customer.code).limit(1))
        names = {
            "other": other,
            "customer": customer,
            "leaver": leaver[0],
            "leaver_id": str(leaver[1]),
            "successor": top.employee_no,
            "last_day": today.isoformat(),
        }
    finally:
        ctx.close()
    yield paths, names


def baton(paths: Paths, *args: str, user: str = "admin", password: str = ADMIN_PASSWORD):
    return run_baton(paths.data_dir, "departure", *args, user=user, password=password)


def test_start_assign_advance_confirm_complete(demo_vault):
    paths, names = demo_vault
    proc = baton(paths, "start", names["leaver"], "--last-day", names["last_day"])
    assert proc.returncode == 0, proc.stderr
    case_id = proc.stdout.split()[-1]
    assert case_id.isdigit()
    case = proc.stdout.split()[2]
    assert case.startswith("D")

    # HR submits; the administrator may not approve what they submitted, but may what HR did.
    proc = baton(paths, "advance", case_id, "--comment", "ok", user="hr", password=DEMO_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert "draft → submitted" in proc.stdout
    for expected in ("submitted → approved", "approved → in_handover"):
        proc = baton(paths, "advance", case_id, "--comment", "ok")
        assert proc.returncode == 0, proc.stderr
        assert expected in proc.stdout

    # Nobody named yet, checklist open: refused, every reason on the one error line.
    proc = baton(paths, "advance", case)
    err = assert_one_line_error(proc, 2, f"Case {case} cannot request_confirmation:")
    assert "customers have no successor" in err and "required item '" in err

    ctx = admin_ctx(paths)
    try:
        customer_ids = [
            i.customer_id for i in handover.list_items(ctx, int(case_id)) if i.kind == "customer"
        ]
        first = customer_ids[0]
        code = next(
            i.customer_code
            for i in handover.list_items(ctx, int(case_id))
            if i.customer_id == first and i.kind == "customer"
        )
    finally:
        ctx.close()

    proc = baton(paths, "assign", case, "--to", names["successor"], "--customer", code)
    assert proc.returncode == 0, proc.stderr
    proc = baton(paths, "assign", case, "--to", names["successor"])
    assert proc.returncode == 0, proc.stderr

    # HR works the checklist in the application; here through the service.
    ctx = admin_ctx(paths)
    try:
        for item in handover.list_items(ctx, int(case_id)):
            if item.kind == "checklist" and item.status == "open":
                handover.waive_item(ctx, item.id, "done on paper")
    finally:
        ctx.close()

    proc = baton(paths, "advance", case_id)
    assert proc.returncode == 0, proc.stderr
    assert "in_handover → awaiting_confirmation" in proc.stdout

    # The successor confirms their first customer, then the rest.
    ctx = admin_ctx(paths)
    try:
        assert owner_on(ctx, first, ctx.today()).employee_no == names["leaver"]
    finally:
        ctx.close()
    proc = baton(
        paths, "confirm", case, "--customer", code, user="sales", password=demo.DEMO_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr
    assert "Confirmed 1 item(s)" in proc.stdout and "as sales" in proc.stdout
    ctx = admin_ctx(paths)
    try:
        assert owner_on(ctx, first, ctx.today()).employee_no == names["successor"]
        assert owner_on(ctx, customer_ids[-1], ctx.today()).employee_no == names["leaver"]
    finally:
        ctx.close()
    proc = baton(paths, "confirm", case, user="sales", password=demo.DEMO_PASSWORD)
    assert proc.returncode == 0, proc.stderr

    # Invoices already collected by someone else (finance) keep that collector; their
    # manager confirms for them.
    proc = baton(paths, "advance", case, user="manager", password=demo.DEMO_PASSWORD)
    assert_one_line_error(proc, 2, "not confirmed by their successors")
    proc = baton(paths, "confirm", case, user="manager", password=demo.DEMO_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    # Nobody recorded the customers as told yet (客户告知): refused, then recorded.
    proc = baton(paths, "advance", case, user="manager", password=demo.DEMO_PASSWORD)
    assert_one_line_error(proc, 2, "not recorded as told of the handover")
    proc = baton(paths, "informed", case, "--how", "phone")
    assert proc.returncode == 0, proc.stderr
    assert "recorded as told" in proc.stdout and "Customers not told yet: 0" in proc.stdout
    proc = baton(
        paths, "advance", case, "--comment", "交接完成", user="manager", password=demo.DEMO_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr
    assert "awaiting_confirmation → completed (by manager)" in proc.stdout

    proc = baton(paths, "show", case)
    assert proc.returncode == 0, proc.stderr
    assert "state completed" in proc.stdout and "Open items: 0" in proc.stdout
    retention = next(line for line in proc.stdout.splitlines() if "Keep the contract" in line)
    assert re.match(r"\s+\d{4}-\d{2}-\d{2} ", retention), "each deadline shows its date"
    ctx = admin_ctx(paths)
    try:
        detail = departures.get_case(ctx, int(case_id))
        with ctx.transaction() as s:
            open_left = s.scalar(
                select(func.count())
                .select_from(HandoverItem)
                .where(HandoverItem.case_id == int(case_id), HandoverItem.status == "open")
            )
        assert open_left == 0
        assert all(
            owner_on(ctx, c, ctx.today()).employee_no == names["successor"] for c in customer_ids
        )
        assert detail.case.state == "completed"
    finally:
        ctx.close()


def test_refusals_are_one_line_with_exit_2(demo_vault):
    paths, names = demo_vault
    proc = baton(paths, "show", "D1999-0001")
    assert_one_line_error(proc, 2, "does not exist")
    proc = baton(paths, "start", "NOBODY", "--last-day", names["last_day"])
    assert_one_line_error(proc, 2, "NOBODY")
    proc = baton(
        paths, "start", names["successor"], "--last-day", "2020-01-01", "--notice-day", "2020-02-01"
    )
    assert_one_line_error(proc, 2, "cannot be before the notice date")
    proc = baton(
        paths,
        "start",
        names["successor"],
        "--last-day",
        names["last_day"],
        user="sales",
        password=demo.DEMO_PASSWORD,
    )
    assert_one_line_error(proc, 2, "Your role (sales) does not allow this")


@pytest.mark.skipif(
    not hasattr(cli, "cmd_import"), reason="needs the `baton import` command (issue: imports CLI)"
)
def test_an_import_naming_a_locked_employee_is_rejected_with_the_row(demo_vault, tmp_path):
    paths, names = demo_vault
    proc = baton(paths, "start", names["other"], "--last-day", names["last_day"])
    assert proc.returncode == 0, proc.stderr
    case = proc.stdout.split()[2]
    # submitted (by HR), then approved: the lock starts today
    assert baton(paths, "advance", case, user="hr", password=DEMO_PASSWORD).returncode == 0
    assert baton(paths, "advance", case).returncode == 0
    file = tmp_path / "orders.csv"
    file.write_text(
        "运单号,客户,发货日期,业务员,运费\n"
        f"LOCK-1,{names['customer']},{names['last_day']},{names['successor']},100\n"
        f"LOCK-2,{names['customer']},{names['last_day']},{names['other']},100\n",
        encoding="utf-8",
    )
    proc = run_baton(paths.data_dir, "import", "orders", str(file), password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 2, "1 row(s) have errors", "nothing was imported")
    assert f"row 3, column 业务员, value {names['other']}:" in proc.stdout
    assert f"(departure case {case}): orders dated {names['last_day']} or later" in proc.stdout
