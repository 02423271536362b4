"""Issue 14, "Close the leaks": back-dating, the wider order lock, notice-period access.

Every test runs on a real vault (SQLCipher, or PostgreSQL with --db=postgresql) built by
:func:`tests.services.departure_support.build_firm`: 张伟 (zhang) owns 甲电子 (jia, last order
WB-1 of 2030-02-25), 乙化工 (yi) and 丙电子 (bing, WB-3 of 2030-02-27).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.errors import ValidationError
from desktop.models.audit import AuditEvent
from desktop.services import customers
from desktop.services import departures as dp
from tests.services.departure_support import START, at, build_firm, new_id

D = date
LAST = D(2030, 4, 3)


@pytest.fixture
def firm(admin, role_users):
    return build_firm(admin, role_users)


def owner(admin, customer_id, day=START):
    info = customers.owner_on(admin, customer_id, day)
    return info.name if info else None


# --------------------------------------------------------------------------- 1. no back-dating


def test_a_release_dated_before_the_owners_last_order_is_refused(admin, firm):
    with pytest.raises(ValidationError, match="order WB-1 of 2030-02-25 names 张伟") as refused:
        customers.release_to_pool(admin, firm["jia"], D(2030, 2, 1), note="客户不再合作")
    assert "Choose 2030-02-25 or later" in str(refused.value)
    assert owner(admin, firm["jia"], D(2030, 2, 10)) == "张伟"
    assert not customers.get_customer(admin, firm["jia"]).in_pool
    customers.release_to_pool(admin, firm["jia"], D(2030, 2, 25), note="客户不再合作")
    assert customers.get_customer(admin, firm["jia"]).in_pool
    assert owner(admin, firm["jia"], D(2030, 2, 24)) == "张伟"


def test_a_reassignment_dated_before_the_owners_last_order_is_refused(admin, firm):
    with pytest.raises(ValidationError, match="order WB-3 of 2030-02-27 names 张伟"):
        customers.reassign(admin, firm["bing"], firm["li"], D(2030, 2, 10))
    assert owner(admin, firm["bing"], D(2030, 2, 11)) == "张伟"
    customers.reassign(admin, firm["bing"], firm["li"], D(2030, 2, 28))
    assert owner(admin, firm["bing"], D(2030, 2, 28)) == "李娜"


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_every_release_needs_a_reason(admin, firm, reason):
    with pytest.raises(ValidationError, match="reason for releasing"):
        customers.release_to_pool(admin, firm["yi"], START, note=reason)
    assert owner(admin, firm["yi"]) == "张伟"
    assert not customers.get_customer(admin, firm["yi"]).in_pool


def test_the_release_reason_is_audited(admin, firm):
    customers.release_to_pool(admin, firm["yi"], START, note="客户停业")
    with admin.read() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "release_to_pool"))
        assert event is not None and "客户停业" in (event.after or "")


def test_a_customer_in_an_open_case_moves_only_through_the_case(admin, firm):
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    number = dp.get_case(admin, case_id).case.number
    with pytest.raises(ValidationError, match=f"part of departure case {number}"):
        customers.release_to_pool(admin, firm["jia"], START, note="客户不再合作")
    with pytest.raises(ValidationError, match=f"part of departure case {number}"):
        customers.reassign(admin, firm["yi"], firm["li"], START)
    assert owner(admin, firm["jia"]) == owner(admin, firm["yi"]) == "张伟"
    dp.withdraw(admin, case_id, "留任")
    customers.reassign(admin, firm["yi"], firm["li"], START)
    assert owner(admin, firm["yi"]) == "李娜"


def test_the_leaver_cannot_empty_their_book_mid_handover(admin, firm, relogin):
    from tests.services.departure_support import LEAVER_PASSWORD

    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    for move in ("submit", "approve", "start_handover"):
        dp.transition(admin, case_id, move)
    leaver = at(relogin("zhangwei", LEAVER_PASSWORD), START)
    try:
        with pytest.raises(ValidationError, match="through that case's handover"):
            customers.release_to_pool(leaver, firm["bing"], D(2030, 1, 1), note="不做了")
    finally:
        leaver.close()
    assert owner(admin, firm["bing"]) == "张伟"
