"""Follow-ups: recorded in scope, found by keyword, never outside the searcher's scope."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.errors import NotFound, PermissionDenied, ValidationError, ValidationErrors
from desktop.models.accounts import Role
from desktop.services import customers, followups, organisation, staff
from desktop.services.customers import CustomerInput
from desktop.services.staff import EmployeeInput

D = date


def new_id(changes) -> int:
    (ident,) = changes.ids
    return ident


@pytest.fixture
def world(admin, login_as):
    branch = {b.name: b.id for b in organisation.list_branches(admin)}
    zhang = new_id(
        staff.create_employee(admin, EmployeeInput("S001", "张伟", branch_id=branch["上海"]))
    )
    wang = new_id(
        staff.create_employee(admin, EmployeeInput("S002", "王芳", branch_id=branch["广州"]))
    )
    mine = new_id(
        customers.create_customer(admin, CustomerInput("C1", "甲物流"), zhang, D(2024, 1, 1))
    )
    theirs = new_id(
        customers.create_customer(admin, CustomerInput("C2", "乙贸易"), wang, D(2024, 1, 1))
    )
    staff.link_user(admin, "sales", zhang)
    sales = login_as(Role.SALES)
    followups.add_followup(
        sales, mine, D(2025, 3, 1), "phone", "客户问能否返点到个人账户", "请示经理"
    )
    followups.add_followup(sales, mine, D(2025, 3, 8), "visit", "上门拜访，确认下月运量", None)
    followups.add_followup(admin, theirs, D(2025, 3, 2), "wechat", "客户要求返点", "报价", wang)
    followups.add_followup(admin, theirs, D(2025, 3, 3), "email", "100%准时_到达", None, wang)
    return {"sales": sales, "mine": mine, "theirs": theirs, "zhang": zhang, "wang": wang}


def test_keyword_search_over_content_and_next_step(admin, world):
    found = followups.search_followups(admin, "返点")
    assert [(f.customer_name, f.followed_on) for f in found] == [
        ("乙贸易", D(2025, 3, 2)),
        ("甲物流", D(2025, 3, 1)),
    ]
    assert [f.content for f in followups.search_followups(admin, "经理")] == [
        "客户问能否返点到个人账户"
    ]
    # Every word must occur (in content or next step).
    assert followups.count_followups(admin, "返点 个人账户") == 1
    assert followups.count_followups(admin, "返点 请示") == 1
    assert followups.count_followups(admin, "返点 拼多多") == 0
    # LIKE wildcards are plain characters.
    assert followups.count_followups(admin, "%") == 1
    assert followups.count_followups(admin, "准时_") == 1
    assert followups.count_followups(admin, "准_") == 0
    assert followups.count_followups(admin, "") == 4
    assert followups.count_followups(admin, filters={"channel": "visit"}) == 1
    since = {"since": D(2025, 3, 2), "until": D(2025, 3, 3)}
    assert followups.count_followups(admin, filters=since) == 2
    assert [f.employee_name for f in followups.search_followups(admin, "", 0, 1)] == ["张伟"]


def test_sales_find_only_follow_ups_in_their_scope(world, login_as):
    sales = world["sales"]
    assert [f.customer_name for f in followups.search_followups(sales, "返点")] == ["甲物流"]
    assert followups.count_followups(sales) == 2
    with pytest.raises(NotFound):
        followups.add_followup(sales, world["theirs"], D(2025, 4, 1), "phone", "打个招呼")
    with pytest.raises(ValidationError, match="only your own"):
        followups.add_followup(
            sales, world["mine"], D(2025, 4, 1), "phone", "代记", None, world["wang"]
        )
    with pytest.raises(PermissionDenied):
        followups.search_followups(login_as(Role.FINANCE), "返点")
    assert followups.count_followups(login_as(Role.AUDITOR), "返点") == 2


def test_follow_up_input_is_checked(world, admin):
    with pytest.raises(ValidationErrors) as err:
        followups.add_followup(
            admin, world["mine"], date.today() + timedelta(days=2), "pigeon", " "
        )
    assert {e.field for e in err.value.errors} == {"content", "channel", "followed_on"}
    assert followups.count_followups(admin) == 4
