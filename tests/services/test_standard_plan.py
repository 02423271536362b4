"""The standard plan set up with a new firm is its default sales plan: it covers the sales
positions made after it (no position existed when the firm was set up), positions another
plan names keep theirs, and a firm without it names the salespeople a month leaves out.
Runs on SQLCipher and on PostgreSQL (``--db=postgresql``)."""

from __future__ import annotations

from decimal import Decimal

from desktop.services import business_settings, commissions, staff
from desktop.services.commissions.standard import STANDARD_PLAN_NAME, set_up_standard_plan
from tests.services.commission_support import D, build_firm


def _month(firm) -> None:
    """A waybill of zhang's in 2030-03 with a margin of 4,000, invoiced and paid that month."""
    firm.order("o1", "WB-1", "jia", D(2030, 3, 3), "10000.00", cost="6000.00", salesperson="zhang")
    firm.invoice("r1", "INV-1", "jia", D(2030, 3, 4), "10000.00", orders=("o1",))
    firm.pay("p1", "jia", D(2030, 3, 20), ("r1", "10000.00"))


def test_the_default_plan_covers_positions_made_after_it(admin, role_users):
    changes = set_up_standard_plan(admin, start=D(2020, 1, 1))
    (plan_id,) = changes.ids
    assert business_settings.get(admin, business_settings.DEFAULT_SALES_PLAN) == plan_id
    assert [p.name for p in commissions.plans.list_plans(admin)] == [STANDARD_PLAN_NAME]
    firm = build_firm(admin, role_users)  # the sales position is made now
    _month(firm)
    result = commissions.compute_period(admin, "2030-03")
    assert result.uncovered == ()
    lines = commissions.list_lines(admin, "2030-03", 0, 50)
    assert {(line.employee_name, line.amount) for line in lines} == {("张伟", Decimal("120.00"))}
    assert {line.plan_id for line in lines} == {plan_id}


def test_a_position_another_plan_names_keeps_that_plan(admin, role_users):
    set_up_standard_plan(admin, start=D(2020, 1, 1))
    firm = build_firm(admin, role_users)
    own = firm.plan(name="销售代表提成")  # 10% of revenue on the order, for 销售代表
    _month(firm)
    assert commissions.compute_period(admin, "2030-03").uncovered == ()
    lines = commissions.list_lines(admin, "2030-03", 0, 50)
    assert {(line.plan_id, line.amount) for line in lines} == {(own, Decimal("1000.00"))}
    # A sales position no plan names is the standard plan's.
    staff.create_position(admin, "大客户经理", "sales")
    commissions.compute_period(admin, "2030-03")
    assert {line.plan_id for line in commissions.list_lines(admin, "2030-03", 0, 50)} == {own}


def test_without_it_the_salespeople_left_out_are_named(admin, role_users):
    firm = build_firm(admin, role_users)
    _month(firm)
    result = commissions.compute_period(admin, "2030-03")
    assert "张伟 (S001)" in result.uncovered or any("张伟" in u for u in result.uncovered)
    assert result.lines == 0
