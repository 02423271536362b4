"""Issue 14, separation of duties: nobody approves a commission period in which they earn,
their own departure case, or their own export request; each refusal names the rule and
changes nothing. Real vaults (SQLCipher, or PostgreSQL with --db=postgresql)."""

from __future__ import annotations

import pytest

from desktop.errors import PermissionDenied
from desktop.models.accounts import Role
from desktop.services import account_links, exports
from desktop.services import business_settings as bs
from desktop.services import commissions as cm
from desktop.services import departures as dp
from desktop.services import export_approvals as ea
from desktop.services.departures import TransitionRefused
from tests.conftest import ROLE_PASSWORD
from tests.services.commission_support import D, build_firm
from tests.support import submitted_by_baton

MONTH = "2030-03"


@pytest.fixture
def firm(admin, role_users):
    """王强 (manager account "manager") earns nothing; 赵敏 (S003) sells and is given a
    manager account "zhao.m" too; the month 2030-03 is computed with a line for each seller."""
    firm = build_firm(admin, role_users)
    account_links.add_linked_user(
        admin, "zhao.m", "赵敏", Role.MANAGER.value, ROLE_PASSWORD, firm["zhao"]
    )
    firm.plan()
    firm.order("z", "WB-Z", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.order("b", "WB-B", "bing", D(2030, 3, 6), "500.00", salesperson="zhao")
    cm.compute_period(admin, MONTH)
    return firm


def _state(ctx) -> str:
    return next(p for p in cm.list_periods(ctx) if p.month == MONTH).state


def test_a_manager_who_earns_in_the_month_cannot_approve_it(firm, admin, relogin, login_as):
    earner = relogin("zhao.m", ROLE_PASSWORD)
    with pytest.raises(PermissionDenied, match="separation of duties") as refused:
        cm.approve_period(earner, MONTH)
    assert "You earn commission in 2030-03 (commission lines: 1)" in str(refused.value)
    assert _state(admin) == "computed"
    assert {r.status for r in cm.list_lines(admin, MONTH, 0, 10)} == {"accrued"}
    cm.approve_period(login_as(Role.MANAGER), MONTH)  # 王强 earns nothing in it
    assert _state(admin) == "approved"


def test_nobody_approves_their_own_departure_case(firm, admin, relogin, login_as):
    hr = login_as(Role.HR)
    case = dp.start_case(hr, dp.CaseInput(firm["zhao"], D(2030, 4, 30)))
    (case_id,) = case.ids
    dp.submit(submitted_by_baton(hr), case_id)
    with pytest.raises(TransitionRefused, match="Nobody approves their own departure"):
        dp.approve(relogin("zhao.m", ROLE_PASSWORD), case_id)
    assert dp.get_case(admin, case_id).case.state == "submitted"
    dp.approve(login_as(Role.MANAGER), case_id)
    assert dp.get_case(admin, case_id).case.state == "approved"


def test_nobody_approves_their_own_export_request(firm, admin, relogin, login_as):
    bs.set(admin, bs.EXPORT_APPROVAL_THRESHOLD, 1)
    manager = login_as(Role.MANAGER)
    request_id = exports.request_export(manager, "customers", "为审计", "")
    with pytest.raises(PermissionDenied, match="separation of duties"):
        ea.approve(manager, request_id)
    with pytest.raises(PermissionDenied, match="separation of duties"):
        ea.reject(manager, request_id, "不需要")
    (mine,) = ea.list_requests(admin)
    assert mine.status == "pending" and mine.first_by is None
