"""Issue 14, "Close the leaks": back-dating, the wider order lock, notice-period access.

Every test runs on a real vault (SQLCipher, or PostgreSQL with --db=postgresql) built by
:func:`tests.services.departure_support.build_firm`: 张伟 (zhang) owns 甲电子 (jia, last order
WB-1 of 2030-02-25), 乙化工 (yi) and 丙电子 (bing, WB-3 of 2030-02-27).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.errors import PermissionDenied, ValidationError
from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent
from desktop.models.departures import LockAttempt
from desktop.services import business_settings as bs
from desktop.services import customers, exports, handover, notice_access
from desktop.services import departures as dp
from desktop.services import money as rv
from desktop.services.imports import run_import
from desktop.services.money import OrderInput
from tests.services.departure_support import LEAVER_PASSWORD, START, M, at, build_firm, new_id
from tests.support import move_case, submitted_by_baton

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
    # Even with the notice-period restrictions (step 3) switched off, the case guard holds.
    bs.set(admin, bs.NOTICE_RESTRICTIONS, False)
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    move_case(admin, case_id, "submit", "approve", "start_handover")
    leaver = at(relogin("zhangwei", LEAVER_PASSWORD), START)
    try:
        with pytest.raises(ValidationError, match="through that case's handover"):
            customers.release_to_pool(leaver, firm["bing"], D(2030, 1, 1), note="不做了")
    finally:
        leaver.close()
    assert owner(admin, firm["bing"]) == "张伟"


# --------------------------------------------------------------------------- 2. wider order lock


def order(ctx, firm, number, day, salesperson="zhang", customer="jia", late_reason=""):
    return rv.create_order(
        ctx,
        OrderInput(
            number,
            firm[customer],
            day,
            M("100.00"),
            salesperson_id=firm[salesperson] if salesperson else None,
            late_reason=late_reason,
        ),
    )


def approved_case(admin, firm) -> int:
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    dp.submit(submitted_by_baton(admin), case_id)
    dp.approve(admin, case_id)
    return case_id


def flags(admin):
    with admin.read() as s:
        return [
            (a.source, a.order_number)
            for a in s.scalars(select(LockAttempt).order_by(LockAttempt.id))
            if a.source in ("no_salesperson", "not_successor")
        ]


def test_by_default_the_lock_starts_at_the_notice_date(admin, firm):
    case_id = new_id(
        dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST, notice_on=D(2030, 3, 2)))
    )
    dp.submit(
        submitted_by_baton(admin), case_id
    )  # submitted, not approved: the notice date already locks
    with pytest.raises(ValidationError, match="from 2030-03-02 on no new order"):
        order(admin, firm, "WB-60", D(2030, 3, 3))


def test_a_past_order_entered_after_the_lock_needs_a_managers_reason(admin, firm, login_as):
    approved_case(admin, firm)
    with pytest.raises(ValidationError, match="whatever its date"):
        order(admin, firm, "WB-61", D(2030, 3, 1))
    finance = at(login_as(Role.FINANCE), START)
    with pytest.raises(PermissionDenied):
        order(finance, firm, "WB-61", D(2030, 3, 1), late_reason="补录")
    # A reason does not open the lock for orders dated inside it.
    with pytest.raises(ValidationError, match="from 2030-03-04 on"):
        order(admin, firm, "WB-62", START, late_reason="补录")
    manager = at(login_as(Role.MANAGER), START)
    order(manager, firm, "WB-61", D(2030, 3, 1), late_reason="3 月 1 日纸质运单，今日补录")
    with admin.read() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "order_lock.late_entry"))
        assert event is not None and "今日补录" in (event.after or "")
    assert [o.number for o in rv.list_orders(admin, 0, 10, search="WB-61")] == ["WB-61"]


def test_an_order_naming_someone_other_than_the_successor_is_flagged(admin, firm):
    case_id = approved_case(admin, firm)
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]])
    order(admin, firm, "WB-63", START, salesperson="li")  # the successor: fine
    order(admin, firm, "WB-64", START, salesperson="zhao")  # accepted, flagged
    order(admin, firm, "WB-65", START, salesperson="zhao", customer="wu")  # not in a handover
    assert flags(admin) == [("not_successor", "WB-64")]
    assert dp.get_case(admin, case_id).risks.order_flags == 1
    assert dp.get_case(admin, case_id).risks.lock_attempts == 0


def test_an_imported_order_naming_nobody_for_a_customer_in_handover_is_flagged(
    admin, firm, tmp_path
):
    case_id = approved_case(admin, firm)
    file = tmp_path / "orders.csv"
    file.write_text(
        "运单号,客户,发货日期,业务员,运费\n"
        "YD-70,C001,2030-03-04,,100\n"
        "YD-71,C010,2030-03-04,,100\n",
        encoding="utf-8",
    )
    run_import(admin, "orders", file)
    assert flags(admin) == [("no_salesperson", "YD-70")]
    assert dp.get_case(admin, case_id).risks.order_flags == 1


# --------------------------------------------------------------------------- 3. notice period


@pytest.fixture
def leaving(admin, firm, relogin):
    """张伟's case submitted with notice on 2030-03-02; his own account, logged in on START."""
    case_id = new_id(
        dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST, notice_on=D(2030, 3, 2)))
    )
    customers.release_to_pool(admin, firm["wu"], START, note="客户要求更换")
    dp.submit(submitted_by_baton(admin), case_id)
    leaver = at(relogin("zhangwei", LEAVER_PASSWORD), START)
    yield leaver, dp.get_case(admin, case_id).case.number
    leaver.close()


def test_the_leaver_cannot_export_claim_or_release_in_the_notice_period(
    admin, firm, leaving, tmp_path
):
    leaver, number = leaving
    expected = f"departure case {number}\\): from your notice date 2030-03-02"
    with pytest.raises(PermissionDenied, match=expected + ".*export or print customer lists"):
        exports.export_list(leaver, "customers", tmp_path / "book.xlsx")
    assert not (tmp_path / "book.xlsx").exists()
    with pytest.raises(PermissionDenied, match="claim customers from the public pool"):
        customers.request_claim(leaver, firm["wu"], "老客户")
    with pytest.raises(PermissionDenied, match="release customers to the public pool"):
        customers.release_to_pool(leaver, firm["jia"], START, note="不做了")
    assert customers.list_claims(admin) == []
    assert owner(admin, firm["jia"]) == "张伟"


def test_a_colleague_is_not_restricted(admin, firm, leaving, login_as, tmp_path):
    li = at(login_as(Role.SALES), START)  # 李娜: not leaving
    exports.export_list(li, "customers", tmp_path / "li.xlsx")
    assert (tmp_path / "li.xlsx").exists()
    assert notice_access.banner(li) is None


def test_each_customer_the_leaver_opens_is_audited(admin, firm, leaving):
    leaver, number = leaving
    customers.get_customer(leaver, firm["jia"])
    customers.get_customer(leaver, firm["yi"])
    with admin.read() as s:
        opened = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "customer.viewed_in_notice")
        ).all()
        assert sorted(e.entity_id for e in opened) == sorted([str(firm["jia"]), str(firm["yi"])])
        assert all(number in (e.after or "") for e in opened)


def test_the_login_banner_tells_the_leaver_why(admin, firm, leaving, tmp_path):
    leaver, number = leaving
    text = notice_access.banner(leaver)
    assert text is not None and number in text and "2030-03-02" in text
    assert "can no longer export" in text
    bs.set(admin, bs.NOTICE_RESTRICTIONS, False)
    assert notice_access.banner(leaver) is None
    exports.export_list(leaver, "customers", tmp_path / "book.xlsx")
    assert (tmp_path / "book.xlsx").exists()


def test_the_restriction_starts_on_the_notice_date_not_before(admin, firm, relogin):
    case_id = new_id(
        dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST, notice_on=D(2030, 3, 10)))
    )
    dp.submit(submitted_by_baton(admin), case_id)
    leaver = at(relogin("zhangwei", LEAVER_PASSWORD), START)
    try:
        assert notice_access.banner(leaver) is None
        at(leaver, D(2030, 3, 10))
        assert notice_access.banner(leaver) is not None
    finally:
        leaver.close()


# --------------------------------------------------------------------------- 4. exports add up


@pytest.fixture
def small_limit(admin, firm):
    """A limit of 4 rows per 7 days (the firm has 6 customers)."""
    bs.set(admin, bs.EXPORT_APPROVAL_THRESHOLD, 4)
    return 4


def test_a_split_export_is_refused_once_the_window_total_passes_the_limit(
    admin, firm, small_limit, login_as, tmp_path
):
    hr = at(login_as(Role.HR), START)  # HR sees every customer
    assert exports.export_list(hr, "customers", tmp_path / "a.csv", search="电子").rows == 3
    with pytest.raises(exports.ExportNeedsApproval, match="with the 3 rows you exported"):
        exports.export_list(hr, "customers", tmp_path / "b.csv", search="化工")
    assert not (tmp_path / "b.csv").exists()
    # Another person has their own budget.
    assert exports.export_list(admin, "customers", tmp_path / "c.csv").rows == 6


def test_an_export_request_needs_two_different_approvers_and_is_used_once(
    admin, firm, small_limit, login_as, relogin, tmp_path
):
    from desktop.services import accounts, export_approvals
    from tests.conftest import ROLE_PASSWORD

    hr = at(login_as(Role.HR), START)
    manager = at(login_as(Role.MANAGER), START)
    with pytest.raises(exports.ExportNeedsApproval):
        exports.export_list(hr, "customers", tmp_path / "all.csv")
    with pytest.raises(ValidationError, match="reason for the export request"):
        exports.request_export(hr, "customers", "  ")
    ident = exports.request_export(hr, "customers", "年度客户盘点")
    (info,) = export_approvals.list_requests(admin)
    assert (info.id, info.kind, info.rows, info.reason, info.status, info.requested_by) == (
        ident,
        "customers",
        6,
        "年度客户盘点",
        "pending",
        "hr",
    )
    # Not approved yet: the export stays refused and the request cannot be used.
    with pytest.raises(ValidationError, match="it is pending, not approved"):
        exports.export_list(hr, "customers", tmp_path / "all.csv", approved=ident)
    # The requester never approves; the second approval needs another person.
    with pytest.raises(PermissionDenied, match="separation of duties"):
        export_approvals.approve(hr, ident)
    with pytest.raises(PermissionDenied):
        export_approvals.approve(admin, ident)  # an administrator gives the second approval
    export_approvals.approve(manager, ident)
    with pytest.raises(PermissionDenied):
        export_approvals.approve(manager, ident)  # a manager cannot give the second
    accounts.add_user(admin, "manager2", "经理二", "manager", ROLE_PASSWORD)
    with pytest.raises(PermissionDenied):
        export_approvals.approve(at(relogin("manager2", ROLE_PASSWORD), START), ident)
    with pytest.raises(ValidationError, match="is first_approved, not approved"):
        exports.export_list(hr, "customers", tmp_path / "all.csv", approved=ident)
    export_approvals.approve(admin, ident)
    # Only for the list it was asked for, only by its requester, only once.
    with pytest.raises(ValidationError, match="not for this export"):
        exports.export_list(hr, "customers", tmp_path / "x.csv", search="电子", approved=ident)
    with pytest.raises(ValidationError, match="not for this export"):
        exports.export_list(manager, "customers", tmp_path / "x.csv", approved=ident)
    assert exports.export_list(hr, "customers", tmp_path / "all.csv", approved=ident).rows == 6
    with pytest.raises(ValidationError, match="it is used, not approved"):
        exports.export_list(hr, "customers", tmp_path / "again.csv", approved=ident)
    assert not (tmp_path / "again.csv").exists()


def test_a_rejected_request_exports_nothing_and_an_approval_expires(
    admin, firm, small_limit, login_as, tmp_path
):
    from desktop.services import export_approvals

    hr = at(login_as(Role.HR), START)
    manager = at(login_as(Role.MANAGER), START)
    first = exports.request_export(hr, "customers", "盘点")
    with pytest.raises(ValidationError, match="reason for rejecting"):
        export_approvals.reject(manager, first, " ")
    export_approvals.reject(manager, first, "范围太大")
    with pytest.raises(ValidationError, match="it is rejected"):
        exports.export_list(hr, "customers", tmp_path / "r.csv", approved=first)
    assert not (tmp_path / "r.csv").exists()
    second = exports.request_export(hr, "customers", "盘点")
    export_approvals.approve(manager, second)
    export_approvals.approve(admin, second)
    at(hr, D(2030, 3, 6))  # two days later: the approval is older than 24 hours
    with pytest.raises(ValidationError, match="it is expired"):
        exports.export_list(hr, "customers", tmp_path / "late.csv", approved=second)
    with admin.read() as s:
        from desktop.models.exports import ExportRequest

        assert s.scalar(
            select(AuditEvent.seq).where(AuditEvent.entity == ExportRequest.__tablename__)
        )


# --------------------------------------------------------------------------- 5. successors


def test_a_successor_outside_sales_needs_a_recorded_reason_shown_on_the_form(admin, firm):
    from desktop.services import document_content, organisation, staff
    from desktop.services.staff import EmployeeInput

    shanghai = next(b.id for b in organisation.list_branches(admin) if b.name == "上海")
    warehouse = new_id(staff.create_position(admin, "仓库主管", "warehouse"))
    supervisor = new_id(
        staff.create_employee(
            admin, EmployeeInput("W001", "钱仓", branch_id=shanghai, position_id=warehouse)
        )
    )
    case_id = approved_case(admin, firm)
    with pytest.raises(ValidationError, match="钱仓 is not in a sales position"):
        handover.assign_successor(admin, case_id, supervisor, [firm["jia"]])
    jia = next(i for i in handover.list_items(admin, case_id) if i.customer_id == firm["jia"])
    assert jia.successor_id is None
    handover.assign_successor(admin, case_id, supervisor, [firm["jia"]], reason="客户只发仓储业务")
    jia = next(
        i
        for i in handover.list_items(admin, case_id)
        if i.customer_id == firm["jia"] and i.kind == "customer"
    )
    assert (jia.successor_name, jia.successor_reason) == ("钱仓", "客户只发仓储业务")
    form = document_content.handover_form_data(admin, case_id)
    (row,) = [c for c in form.customers if c.code == "C001"]
    assert row.successor == "钱仓（客户只发仓储业务）"


def test_a_leaving_colleague_cannot_be_a_successor_even_with_a_reason(admin, firm):
    case_id = approved_case(admin, firm)
    other = new_id(dp.start_case(admin, dp.CaseInput(firm["li"], LAST)))
    dp.submit(submitted_by_baton(admin), other)
    with pytest.raises(ValidationError, match="李娜 is"):
        handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]], reason="熟悉客户")


def test_suggestions_keep_successors_under_the_median_book_plus_the_margin(admin, firm):
    bs.set(admin, bs.SUCCESSOR_LOAD_MARGIN, 0)
    case_id = approved_case(admin, firm)
    found = {s.customer_code: s for s in handover.suggest_successors(admin, case_id)}
    # With the default margin 李娜 gets C001 (same region and industry); at margin 0 she is
    # at the firm's median book already, so the lightest colleague takes it.
    assert found["C001"].employee_name == "王强"
    assert any("median book" in s.explanation for s in found.values())
    for s in found.values():
        assert s.explanation


# --------------------------------------------------------------------------- 6. linked accounts


def test_sales_and_manager_accounts_must_be_linked(admin, firm):
    from desktop.services import account_links, accounts

    for role in ("sales", "manager"):
        with pytest.raises(ValidationError, match=f"A {role} account must be linked"):
            account_links.add_linked_user(admin, f"new_{role}", "新人", role, "new-pass-123")
    assert "new_sales" not in {u.username for u in accounts.list_users(admin)}
    account_links.add_linked_user(admin, "hr2", "人事二", "hr", "new-pass-123")  # no book
    with pytest.raises(ValidationError, match="already linked to the account zhangwei"):
        account_links.add_linked_user(
            admin, "zhang2", "张伟", "sales", "new-pass-123", firm["zhang"]
        )
    assert "zhang2" not in {u.username for u in accounts.list_users(admin)}
    account_links.add_linked_user(admin, "zhao_s", "赵敏", "sales", "new-pass-123", firm["zhao"])
    assert account_links.linked_employees(admin)["zhao_s"] == "S003 赵敏"


def test_a_new_linked_salesperson_sees_exactly_their_customers(admin, firm, relogin):
    from desktop.services import account_links

    account_links.add_linked_user(admin, "zhao_s", "赵敏", "sales", "new-pass-123", firm["zhao"])
    zhao = at(relogin("zhao_s", "new-pass-123"), START)
    try:
        assert {c.code for c in customers.list_customers(zhao, 0, 50)} == {"C011", "C012"}
    finally:
        zhao.close()


def test_an_unlinked_manager_sees_nothing_not_everything(admin, firm, relogin):
    from desktop.services import accounts

    accounts.add_user(admin, "loose_mgr", "未关联经理", "manager", "new-pass-123")
    loose = at(relogin("loose_mgr", "new-pass-123"), START)
    try:
        assert customers.list_customers(loose, 0, 50) == []
        assert customers.count_customers(loose) == 0
    finally:
        loose.close()
