"""Issue 14 through the real CLI: separation of duties. ``baton commissions approve`` and
``baton departure advance`` meet the same service checks as the window, so a manager who earns
in the month, or whose own departure it is, is refused with the rule named and nothing moves.
(The export request's requester is refused in tests/test_cli_leaks.py.)"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.config import Paths
from desktop.models.accounts import Role
from desktop.services import account_links
from desktop.services import commissions as cm
from desktop.services import departures as dp
from desktop.services.login import login
from tests.services.commission_support import D, build_firm
from tests.support import (
    ADMIN_PASSWORD,
    assert_one_line_error,
    make_vault,
    run_baton,
    submitted_by_baton,
)

PASSWORD = "cli-role-pass-1"
MONTH = "2030-03"


@pytest.fixture
def vault_dir(paths: Paths) -> Paths:
    """王强 has the account "boss" (earns nothing), 赵敏 "zhao.m" (sells in 2030-03); a case
    for 赵敏 is submitted."""
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        firm = build_firm(ctx)
        for name, key in (("boss", "wang"), ("zhao.m", "zhao")):
            account_links.add_linked_user(ctx, name, name, Role.MANAGER.value, PASSWORD, firm[key])
        firm.plan()
        firm.order("b", "WB-B", "bing", D(2030, 3, 6), "500.00", salesperson="zhao")
        cm.compute_period(ctx, MONTH)
        (case_id,) = dp.start_case(ctx, dp.CaseInput(firm["zhao"], date(2030, 4, 30))).ids
        dp.submit(submitted_by_baton(ctx), case_id)
    finally:
        ctx.close()
    return paths


def baton(paths: Paths, user: str, *args: str):
    password = ADMIN_PASSWORD if user == "admin" else PASSWORD
    return run_baton(paths.data_dir, *args, password=password, user=user)


def _period_state(paths: Paths) -> str:
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        return next(p for p in cm.list_periods(ctx) if p.month == MONTH).state
    finally:
        ctx.close()


def test_a_manager_who_earns_in_the_month_cannot_approve_it_from_the_cli(vault_dir: Paths):
    refused = baton(vault_dir, "zhao.m", "commissions", "approve", MONTH)
    assert_one_line_error(
        refused, refused.returncode, "You earn commission in 2030-03", "separation of duties"
    )
    assert refused.returncode != 0
    assert _period_state(vault_dir) == "computed"
    done = baton(vault_dir, "boss", "commissions", "approve", MONTH)
    assert done.returncode == 0, done.stderr
    assert f"Commissions {MONTH}: approved" in done.stdout
    assert _period_state(vault_dir) == "approved"


def test_nobody_approves_their_own_departure_from_the_cli(vault_dir: Paths):
    refused = baton(vault_dir, "zhao.m", "departure", "advance", "1")
    assert_one_line_error(refused, refused.returncode, "Nobody approves their own departure")
    shown = baton(vault_dir, "admin", "departure", "show", "1")
    assert "submitted" in shown.stdout
    done = baton(vault_dir, "boss", "departure", "advance", "1")
    assert done.returncode == 0, done.stderr
    assert "submitted → approved (by boss)" in done.stdout
