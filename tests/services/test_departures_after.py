"""After the departure: each former customer's orders and revenue before and since (churn), and
the receivables outstanding at departure against what was collected since (recovery)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.errors import ValidationError
from desktop.services import departures as dp
from desktop.services import handover
from desktop.services import money as rv
from desktop.services.departures import aftermath as post_departure
from desktop.services.money import Allocation, OrderInput, PaymentInput
from tests.services.departure_support import START, M, at, build_firm, new_id
from tests.support import move_case

D = date
LAST = D(2030, 3, 10)
AS_OF = D(2030, 4, 9)


@pytest.fixture
def firm(admin):
    return build_firm(admin)


@pytest.fixture
def completed(admin, firm) -> int:
    """张伟's case, handed over to 李娜 (赵敏 collects INV-3) and completed on 2030-03-04."""
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    move_case(admin, case_id, "submit", "approve", "start_handover")
    handover.assign_successor(admin, case_id, firm["li"])
    items = handover.list_items(admin, case_id)
    handover.assign_items(
        admin,
        case_id,
        firm["zhao"],
        [i.id for i in items if i.kind in handover.TRANSFER_KINDS and i.successor_id is None],
    )
    for item in items:
        if item.kind in ("checklist", "account"):
            handover.waive_item(admin, item.id, "not needed in this test")
    dp.request_confirmation(admin, case_id)
    handover.confirm_items(admin, case_id)
    handover.update_items(
        admin,
        case_id,
        [i.id for i in handover.list_items(admin, case_id) if i.kind == "customer"],
        handover.ItemUpdate(customer_informed=True),
    )
    dp.complete(admin, case_id)
    return case_id


def test_churn_and_recovery_computed_by_hand(admin, firm, completed):
    at(admin, D(2030, 3, 20))
    rv.create_order(admin, OrderInput("WB-30", firm["jia"], D(2030, 3, 20), M("250.00")))
    for customer, day, amount, invoice in (
        ("jia", D(2030, 3, 25), "600.00", "r1"),
        ("ding", D(2030, 3, 15), "100.00", "r3"),
        ("yi", D(2030, 4, 20), "300.00", "r2"),  # after AS_OF: not counted
    ):
        rv.record_payment(
            admin,
            PaymentInput(
                firm[customer], day, M(amount), allocations=(Allocation(firm[invoice], M(amount)),)
            ),
        )
    report = post_departure.post_departure_report(admin, completed, AS_OF, months_before=2)
    # Before: 2030-01-11 … 2030-03-10 (59 days); since: 2030-03-11 … 2030-04-09 (30 days).
    assert (report.before_from, report.since_until) == (D(2030, 1, 11), AS_OF)
    assert report.in_protection and report.protection_ends == D(2031, 3, 10)
    lines = {c.code: c for c in report.customers}
    jia, yi, bing = lines["C001"], lines["C002"], lines["C003"]
    assert (jia.orders_before, jia.revenue_before) == (1, Decimal("1000.00"))  # WB-1
    assert (jia.orders_since, jia.revenue_since) == (1, Decimal("250.00"))  # WB-30
    # 1 − (250/30) / (1000/59) = 1 − 0.49167 → 50.8 %
    assert jia.churn_percent == Decimal("50.8") and not jia.stopped
    assert jia.owner_now_name == "李娜"
    assert (bing.orders_before, bing.orders_since, bing.churn_percent, bing.stopped) == (
        1,
        0,
        Decimal("100.0"),
        True,
    )
    assert (yi.orders_before, yi.churn_percent, yi.stopped) == (0, None, False)  # WB-2 earlier
    # Totals: 1 − (250/30) / (2000/59) = 1 − 0.24583 → 75.4 %
    assert report.churn_percent == Decimal("75.4") and report.stopped_customers == 1
    # At departure: INV-1 1000, INV-2 300 (200 paid on 2030-03-01), INV-3 300 (his sale to
    # 李娜's customer counts in the totals); collected since: 600 + 100.
    assert (jia.outstanding_at_departure, jia.collected_since) == (M("1000.00"), M("600.00"))
    assert jia.recovery_rate == Decimal("0.6000")
    assert (yi.outstanding_at_departure, yi.collected_since, yi.recovery_rate) == (
        M("300.00"),
        M("0.00"),
        Decimal("0.0000"),
    )
    assert bing.recovery_rate is None
    assert (report.outstanding_at_departure, report.collected_since) == (M("1600.00"), M("700.00"))
    assert report.recovery_rate == Decimal("0.4375")
    (listed,) = post_departure.post_departure_overview(admin, AS_OF, months_before=2)
    assert listed.case_id == completed and listed.churn_percent == Decimal("75.4")


def test_only_completed_cases_have_an_after_departure_view(admin, firm):
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    with pytest.raises(ValidationError, match="needs a completed case"):
        post_departure.post_departure_report(admin, case_id, AS_OF)
    assert post_departure.post_departure_overview(admin, AS_OF) == []


def test_the_protection_period_bounds_the_overview(admin, firm, completed):
    assert post_departure.post_departure_overview(admin, D(2031, 3, 10))
    assert post_departure.post_departure_overview(admin, D(2031, 3, 11)) == []
    assert START < LAST


def test_a_report_before_the_last_day_has_an_empty_window_not_an_inverted_one(
    admin, firm, completed
):
    """Completed on 2030-03-04, last day 2030-03-10: a report on 2030-03-05 has not begun its
    "since" window (it used to print 2030-03-10 – 2030-03-05)."""
    import io

    from pypdf import PdfReader

    from desktop.reports import issue

    early = D(2030, 3, 5)
    report = post_departure.post_departure_report(admin, completed, early)
    assert report.since_until == LAST and report.since_until >= report.last_day
    assert report.churn_percent is None and not report.in_protection
    at(admin, early)
    pdf = issue.issue_post_departure(admin, completed, "zh").data
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "尚未开始" in text and "2030-03-10–2030-03-05" not in text
    later = post_departure.post_departure_report(admin, completed, AS_OF)
    assert (later.since_until, later.last_day) == (AS_OF, LAST)


def test_the_handover_form_waits_for_the_list(admin, firm):
    """Before approval generates the list, the form is refused with when it can be issued
    (it used to list "0 customers" above the leaver's confirmation)."""
    from desktop.reports import issue
    from desktop.services import documents

    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    move_case(admin, case_id, "submit")
    with pytest.raises(ValidationError, match="once the case is approved"):
        issue.issue_handover_form(admin, case_id, "zh")
    assert documents.list_documents(admin, case_id) == []
    dp.transition(admin, case_id, "approve")
    issued = issue.issue_handover_form(admin, case_id, "zh")
    assert issued.info.pages >= 1
