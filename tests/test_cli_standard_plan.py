"""The standard commission plan offered when a firm is set up (``baton init --standard-plan``):
it covers the sales positions the staff import creates later, so computing a month earns
the salespeople their commission instead of "0 lines"; without it, the salespeople no plan
covers are named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop.config import Paths
from desktop.services import business_settings, commissions, money
from desktop.services.commissions.standard import STANDARD_PLAN_NAME, set_up_standard_plan
from desktop.services.imports import run_import
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, run_baton

STAFF = "工号,姓名,岗位,是否销售\nE001,张伟,销售经理,是\nE002,李娜,调度员,否\n"
CUSTOMERS = "客户编码,客户名称,业务员\nC001,恒达,E001\n"


def _init(data: Path, *flags: str):
    return run_baton(
        data,
        "init",
        "--company",
        "示例物流",
        "--admin",
        "boss",
        "--branch",
        "上海",
        *flags,
        password=ADMIN_PASSWORD,
        user=None,
    )


def _first_month(paths: Paths, tmp_path: Path) -> commissions.ComputeResult:
    """Import the staff list and a customer after setup, a paid waybill in 2026-10, compute."""
    ctx = login(paths, "boss", ADMIN_PASSWORD)
    try:
        (tmp_path / "staff.csv").write_text(STAFF, encoding="utf-8")
        (tmp_path / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
        run_import(ctx, "staff", tmp_path / "staff.csv")
        run_import(
            ctx, "customers", tmp_path / "customers.csv", options={"owner_since": date(2026, 1, 1)}
        )
        from desktop.services import customers as customer_service

        (c,) = customer_service.list_customers(ctx, 0, 5)
        people = {e.employee_no: e.id for e in _staff(ctx)}
        made = money.create_order(
            ctx,
            money.OrderInput(
                number="WB-1",
                customer_id=c.id,
                order_date=date(2026, 10, 3),
                revenue=Decimal("10000.00"),
                cost=Decimal("6000.00"),
                salesperson_id=people["E001"],
                status="delivered",
            ),
        )
        (order_id,) = made.ids
        invoice = money.create_receivable(
            ctx,
            money.ReceivableInput(
                number="INV-1",
                customer_id=c.id,
                issued_on=date(2026, 10, 4),
                due_on=date(2026, 11, 3),
                amount=Decimal("10000.00"),
                salesperson_id=people["E001"],
                order_ids=(order_id,),
            ),
        )
        (invoice_id,) = invoice.ids
        money.record_payment(
            ctx,
            money.PaymentInput(
                customer_id=c.id,
                received_on=date(2026, 10, 20),
                amount=Decimal("10000.00"),
                allocations=(money.Allocation(invoice_id, Decimal("10000.00")),),
            ),
        )
        return commissions.compute_period(ctx, "2026-10")
    finally:
        ctx.close()


def _staff(ctx):
    from desktop.services import staff

    return staff.list_employees(ctx, 0, 50)


def test_init_with_the_standard_plan_covers_the_salespeople_imported_later(tmp_path):
    data = tmp_path / "v"
    proc = _init(data, "--standard-plan")
    assert proc.returncode == 0, proc.stderr
    assert STANDARD_PLAN_NAME in proc.stdout and "imported later" in proc.stdout
    paths = Paths(data)
    listed = run_baton(data, "commissions", "plan", "list", password=ADMIN_PASSWORD, user="boss")
    assert STANDARD_PLAN_NAME in listed.stdout
    result = _first_month(paths, tmp_path)
    assert result.uncovered == ()
    ctx = login(paths, "boss", ADMIN_PASSWORD)
    try:
        lines = commissions.list_lines(ctx, "2026-10", 0, 50)
        assert lines and {line.employee_no for line in lines} == {"E001"}
        # Margin 4,000 at 3% (the first tier): 120.00.
        assert sum((line.amount for line in lines), Decimal(0)) == Decimal("120.00")
        assert business_settings.get(ctx, business_settings.DEFAULT_SALES_PLAN) > 0
        # Offered twice (the wizard after init, say): still one plan.
        set_up_standard_plan(ctx)
        assert [p.name for p in commissions.plans.list_plans(ctx)].count(STANDARD_PLAN_NAME) == 1
    finally:
        ctx.close()


def test_init_without_it_names_the_salespeople_no_plan_covers(tmp_path):
    data = tmp_path / "v"
    proc = _init(data, "--no-standard-plan")
    assert proc.returncode == 0, proc.stderr
    assert STANDARD_PLAN_NAME not in proc.stdout
    # Not a terminal and no flag: no plan either (a script is never asked).
    other = _init(tmp_path / "w")
    assert other.returncode == 0 and STANDARD_PLAN_NAME not in other.stdout
    result = _first_month(Paths(data), tmp_path)
    assert result.uncovered == ("张伟 (E001)",)
    proc = run_baton(
        data, "commissions", "compute", "2026-10", password=ADMIN_PASSWORD, user="boss"
    )
    assert "no commission plan covers 1 salespeople" in proc.stdout and "张伟 (E001)" in proc.stdout
