"""Issue 14 through the real CLI, 客户告知: ``baton departure advance`` refuses to complete a
case while customers are not recorded as told, naming how many and how to fix it;
``baton departure informed`` records them as told or, with --waive REASON, as not to be told;
``baton departure waive`` sets items aside with a reason (refusing, by name, what cannot be)."""

from __future__ import annotations

import pytest

from desktop.config import Paths
from desktop.services import departures as dp
from desktop.services import handover
from desktop.services.login import login
from tests.services.departure_support import build_firm
from tests.services.test_leaks_informed import ready_to_complete
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton


@pytest.fixture
def case(paths: Paths) -> str:
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        case_id = ready_to_complete(ctx, build_firm(ctx))
        return dp.get_case(ctx, case_id).case.number
    finally:
        ctx.close()


def baton(paths: Paths, *args: str):
    return run_baton(paths.data_dir, "departure", *args, password=ADMIN_PASSWORD, user="admin")


def _items(paths: Paths, number: str) -> dict[str, handover.ItemRow]:
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        case_id = dp.find_case(ctx, number)
        return {
            i.customer_code: i for i in handover.list_items(ctx, case_id) if i.kind == "customer"
        }
    finally:
        ctx.close()


def test_completion_waits_for_the_customers_to_be_told(paths: Paths, case: str):
    refused = baton(paths, "advance", case)
    assert_one_line_error(
        refused, 2, "3 customers are not recorded as told of the handover", "Waive informing…"
    )
    empty = baton(paths, "informed", case, "--customer", "C002", "--waive", " ")
    assert_one_line_error(empty, 2, "reason the customer is not to be told")
    unknown = baton(paths, "informed", case, "--customer", "C999", "--waive", "停业")
    assert_one_line_error(unknown, 2, "C999 is not a customer of case")
    waived = baton(paths, "informed", case, "--customer", "C002", "--waive", "客户已停业")
    assert waived.returncode == 0, waived.stderr
    assert "1 customer(s) not to be told: 客户已停业" in waived.stdout
    assert "Customers not told yet: 2" in waived.stdout
    confirmed = baton(paths, "waive", case, "--customer", "C003", "--reason", "不需要")
    assert_one_line_error(confirmed, 2, "丙电子 is confirmed already")
    nothing = baton(paths, "waive", case, "--reason", "不需要")
    assert_one_line_error(nothing, 2, "--customer CODE or --item ID")

    told = baton(paths, "informed", case, "--how", "phone")
    assert told.returncode == 0, told.stderr
    assert "2 customer(s) recorded as told" in told.stdout
    assert "Customers not told yet: 0" in told.stdout
    items = _items(paths, case)
    assert items["C002"].informed_waived_reason == "客户已停业"
    assert items["C001"].customer_informed and items["C001"].informed_how == "phone"

    done = baton(paths, "advance", case, "--comment", "交接完成")
    assert done.returncode == 0, done.stderr
    assert "awaiting_confirmation → completed" in done.stdout
