"""Who may do what with commissions, enforced in the services: sales see only their own
lines, only managers approve, only finance locks and marks paid."""

from __future__ import annotations

import pytest

from desktop.errors import NotFound, PermissionDenied
from desktop.models.accounts import Role
from desktop.services import commissions as cm
from desktop.services.commissions import plans as cp
from tests.services.commission_support import D, M, build_firm


@pytest.fixture
def firm(admin, role_users):
    """The sales account is 张伟's, the manager's 王强's (上海)."""
    firm = build_firm(admin, role_users)
    firm.plan()
    firm.order("z", "WB-Z", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.order("l", "WB-L", "bing", D(2030, 3, 6), "500.00", salesperson="zhao")
    firm.order("s", "WB-S", "ding", D(2030, 3, 7), "300.00", salesperson="sun")
    cm.compute_period(admin, "2030-03")
    return firm


def test_sales_see_only_their_own_lines(firm, login_as, admin):
    sales = login_as(Role.SALES)
    mine = cm.list_lines(sales, "2030-03", 0, 100)
    assert [(r.employee_no, r.amount) for r in mine] == [("S001", M("100.00"))]
    assert cm.count_lines(sales, "2030-03") == 1
    others = [r for r in cm.list_lines(admin, "2030-03", 0, 100) if r.employee_no != "S001"]
    for row in others:
        with pytest.raises(NotFound):
            cm.get_line(sales, row.id)
    with pytest.raises(NotFound):
        cm.statement(sales, firm["zhao"], "2030-03")
    assert cm.statement(sales, firm["zhang"], "2030-03").payable == M("100.00")
    assert cm.period_summary(sales, "2030-03").payable == M("100.00")


def test_a_manager_sees_their_branch(firm, login_as):
    manager = login_as(Role.MANAGER)
    seen = {r.employee_no for r in cm.list_lines(manager, "2030-03", 0, 100)}
    assert seen == {"S001", "S003"}  # 孙丽 works in 广州


@pytest.mark.parametrize("role", [Role.ADMIN, Role.FINANCE, Role.SALES, Role.HR, Role.AUDITOR])
def test_only_managers_approve(firm, login_as, role):
    with pytest.raises(PermissionDenied, match=r"commissions\.approve"):
        cm.approve_period(login_as(role), "2030-03")
    manager = login_as(Role.MANAGER)
    assert next(p for p in cm.list_periods(manager) if p.month == "2030-03").state == "computed"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MANAGER, Role.SALES, Role.HR, Role.AUDITOR])
def test_only_finance_locks_and_marks_paid(firm, login_as, role):
    cm.approve_period(login_as(Role.MANAGER), "2030-03")
    ctx = login_as(role)
    with pytest.raises(PermissionDenied, match=r"commissions\.lock"):
        cm.lock_period(ctx, "2030-03")
    finance = login_as(Role.FINANCE)
    cm.lock_period(finance, "2030-03")
    with pytest.raises(PermissionDenied, match=r"commissions\.pay"):
        cm.mark_paid(ctx, "2030-03")
    cm.mark_paid(finance, "2030-03")


@pytest.mark.parametrize("role", [Role.SALES, Role.HR, Role.AUDITOR])
def test_who_cannot_compute_or_edit_plans(firm, login_as, role):
    ctx = login_as(role)
    with pytest.raises(PermissionDenied):
        cm.compute_period(ctx, "2030-03")
    with pytest.raises(PermissionDenied):
        cp.save_plan(ctx, cp.PlanInput("X", position_ids=(firm.position,)))


def test_hr_reads_a_leavers_settlement_and_sales_cannot(firm, login_as):
    case = firm.depart()
    assert cm.settlement(login_as(Role.HR), case).employee_no == "S001"
    with pytest.raises(PermissionDenied):
        cm.settlement(login_as(Role.SALES), case)


def test_an_issued_statement_keeps_what_it_said(firm, admin, login_as):
    issued = cm.issue_statement(admin, firm["zhang"], "2030-03")
    assert issued.number and issued.payable == M("100.00")
    assert cm.issue_statement(admin, firm["zhang"], "2030-03").number == issued.number
    plan = cp.list_plans(admin)[0]
    cp.save_plan(
        admin, cp.PlanInput(**{**plan.as_input().__dict__, "flat_rate": M("0.5")}), plan.id
    )
    cm.compute_period(admin, "2030-03")
    assert cm.issued_statement(admin, issued.number).payable == M("100.00")
    reissued = cm.issue_statement(admin, firm["zhang"], "2030-03")
    assert reissued.number != issued.number and reissued.payable == M("500.00")
