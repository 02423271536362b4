"""The early warning of an employee without a case, computed by hand on the departure firm,
and a case's risk measured on the book as it stood at notice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.errors import PermissionDenied
from desktop.models.accounts import Role
from desktop.services import alerts, followups, handover
from desktop.services import departures as dp
from tests.services.departure_support import build_firm, new_id
from tests.support import move_case

D = date


@pytest.fixture
def firm(admin):
    # Orders for customers without a credit code would add order signals: off for this firm.
    alerts.update_rule(admin, "incomplete_customer", enabled=False)
    return build_firm(admin)


def test_early_warning_of_an_employee_without_a_case_by_hand(admin, firm):
    followups.add_followup(
        admin, firm["jia"], D(2030, 3, 1), "wechat", "客户要求返点", employee_id=firm["zhang"]
    )
    w = dp.employee_warning(admin, firm["zhang"])
    got = {
        f.name: (str(f.value), str(f.threshold), f.weight, str(f.contribution)) for f in w.factors
    }
    # 365 days to START: live orders WB-1, WB-2, WB-3 (张伟's customers, 1000.00 each) and
    # WB-4 (李娜's 丁电子): 3000 of 4000 = 75.0% of the firm, over the 10% threshold: 15.
    # His top 5 customers are all of his revenue: 100%: 10.
    # Receivables sold by him or of his customers: INV-1 1000 (due 02-09), INV-2 300 left
    # (due 03-22), INV-3 300 (due 03-03): 1300 of 1600 overdue = 81.3% → 81.3 × 15 / 100 = 12.2.
    # Orders in the last 90 days 3000, the 90 before 0: no fall: 0.
    # One keyword alert (返点) of 3: 33.3… × 15 / 100 = 5.0.
    assert got == {
        "revenue_share": ("75.0", "10", 15, "15.0"),
        "concentration": ("100.0", "100", 10, "10.0"),
        "overdue": ("81.3", "100", 15, "12.2"),
        "order_trend": ("0.0", "100", 15, "0.0"),
        "followup_signals": ("1", "3", 15, "5.0"),
        "order_signals": ("0", "3", 15, "0.0"),
        "customer_signals": ("0", "3", 15, "0.0"),
    }
    assert w.score == Decimal("42.2") == sum(f.contribution for f in w.factors)
    assert w.level == "medium"
    assert "followup_keyword=1" in next(
        f.explanation for f in w.factors if f.name == "followup_signals"
    )


def test_early_warning_is_for_hr_managers_and_admins(admin, firm, role_users, login_as):
    for role in (Role.SALES, Role.FINANCE, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            dp.employee_warning(login_as(role), firm["zhang"])
    assert dp.employee_warning(login_as(Role.HR), firm["zhang"]).employee_no == "S001"


def test_a_cases_risk_counts_the_book_at_notice_not_what_is_left(admin, firm):
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], D(2030, 4, 3))))
    move_case(admin, case_id, "submit", "approve", "start_handover")
    before = dp.risk_assessment(admin, case_id)
    assert before.customers == 3
    # Two customers handed over and confirmed (a customer in an open case moves only so).
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"], firm["yi"]])
    handover.confirm_items(admin, case_id, customer_ids=[firm["jia"], firm["yi"]])
    after = dp.risk_assessment(admin, case_id)
    assert after.customers == 3
    share = {f.key: f for f in after.factors}["revenue_share"]
    assert share.measures["revenue"] == "3000.00"
    assert "handover_progress" in {f.key for f in after.factors}
    assert after.total == sum(f.contribution for f in after.factors)
