"""Issue 14, 客户告知: a case cannot complete while customers are neither recorded as told
nor waived with a reason; the message counts them and names the controls that fix it; the
handover form's 已告知 column prints what the data says. Real vaults (SQLCipher, or
PostgreSQL with --db=postgresql); 张伟 owns 甲电子 (C001), 乙化工 (C002) and 丙电子 (C003)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.errors import ValidationError
from desktop.services import departures as dp
from desktop.services import document_content, handover
from desktop.services.departures import TransitionRefused
from desktop.services.handover import ItemUpdate
from tests.services.departure_support import build_firm, new_id
from tests.support import move_case

LAST = date(2030, 4, 3)


@pytest.fixture
def firm(admin):
    return build_firm(admin)


def ready_to_complete(admin, firm) -> int:
    """张伟's case with everything handed over and confirmed, nobody told yet."""
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    move_case(admin, case_id, "submit", "approve", "start_handover")
    handover.assign_successor(admin, case_id, firm["li"])
    rest = [
        i.id
        for i in handover.list_items(admin, case_id)
        if i.kind in handover.TRANSFER_KINDS and i.successor_id is None
    ]
    if rest:
        handover.assign_items(admin, case_id, firm["zhao"], rest)
    for item in handover.list_items(admin, case_id):
        if item.kind in ("checklist", "account") and item.status == "open":
            handover.waive_item(admin, item.id, "not needed in this test")
    dp.request_confirmation(admin, case_id)
    handover.confirm_items(admin, case_id)
    return case_id


def customer_items(admin, case_id) -> dict[str, int]:
    return {
        i.customer_code: i.id for i in handover.list_items(admin, case_id) if i.kind == "customer"
    }


def refusal(admin, case_id) -> list[str]:
    with pytest.raises(TransitionRefused) as refused:
        dp.complete(admin, case_id)
    return [f.message() for f in refused.value.failures]


def test_a_case_cannot_complete_while_customers_are_not_told(admin, firm):
    case_id = ready_to_complete(admin, firm)
    items = customer_items(admin, case_id)
    assert sorted(items) == ["C001", "C002", "C003"]
    assert refusal(admin, case_id) == [
        "3 customers are not recorded as told of the handover: on the Customers tab select "
        "them and use Mark customer informed…, or Waive informing… with a reason (baton "
        "departure informed)"
    ]
    assert dp.get_case(admin, case_id).case.state == "awaiting_confirmation"

    handover.update_items(
        admin, case_id, [items["C001"]], ItemUpdate(customer_informed=True, informed_how="phone")
    )
    for reason in ("", "  "):
        with pytest.raises(ValidationError, match="reason the customer is not to be told"):
            handover.waive_informing(admin, case_id, [items["C002"]], reason)
    account = next(i for i in handover.list_items(admin, case_id) if i.kind == "account")
    with pytest.raises(ValidationError, match="only a customer's handover"):
        handover.waive_informing(admin, case_id, [items["C002"], account.id], "已停止合作")
    c002 = next(i for i in handover.list_items(admin, case_id) if i.id == items["C002"])
    assert c002.informed_waived_reason is None and c002.customer_informed is None
    handover.waive_informing(admin, case_id, [items["C002"]], "客户已停止合作三年")
    assert dp.get_case(admin, case_id).risks.customers_not_informed == 1  # C003
    assert refusal(admin, case_id) == [
        "1 customer is not recorded as told of the handover: on the Customers tab select it "
        "and use Mark customer informed…, or Waive informing… with a reason (baton departure "
        "informed)"
    ]
    # "Not told" without a waiver still blocks.
    handover.update_items(admin, case_id, [items["C003"]], ItemUpdate(customer_informed=False))
    assert len(refusal(admin, case_id)) == 1
    handover.update_items(admin, case_id, [items["C003"]], ItemUpdate(customer_informed=True))
    dp.complete(admin, case_id)
    assert dp.get_case(admin, case_id).case.state == "completed"
    events = [e.action for e in dp.get_case(admin, case_id).events]
    assert "waive_informing" in events


def test_the_forms_told_column_comes_from_the_data(admin, firm):
    from desktop.reports.issue import issue_handover_form
    from tests.reports.documents_support import page_texts, plain

    case_id = ready_to_complete(admin, firm)
    items = customer_items(admin, case_id)
    handover.update_items(admin, case_id, [items["C001"]], ItemUpdate(customer_informed=True))
    handover.waive_informing(admin, case_id, [items["C002"]], "客户已停业")
    form = document_content.handover_form_data(admin, case_id)
    told = {c.code: (c.informed, c.informed_note) for c in form.customers}
    assert told == {"C001": (True, None), "C002": (False, "客户已停业"), "C003": (None, None)}
    text = plain("".join(page_texts(issue_handover_form(admin, case_id, "zh").data)))
    assert "否（客户已停业）" in text
    assert "□是□否" in text  # 丙电子: not recorded, left for a pen
