"""Customers: ownership history, owner_on, reassignment, scope, the public pool, search."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from desktop.errors import NotFound, PermissionDenied, ValidationError, ValidationErrors
from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent
from desktop.models.customers import CustomerAssignment
from desktop.services import customers, organisation, staff
from desktop.services.customers import ContactInput, CustomerInput
from desktop.services.staff import EmployeeInput

D = date


def new_id(changes) -> int:
    (ident,) = changes.ids
    return ident


@pytest.fixture
def people(admin):
    """Employees by nickname: zhang, li, zhou (manager) in 上海; wang in 广州; one leaving
    (notice) and one departed."""
    branch = {b.name: b.id for b in organisation.list_branches(admin)}
    spec = {
        "zhou": ("M001", "周经理", "上海", "active"),
        "zhang": ("S001", "张伟", "上海", "active"),
        "li": ("S002", "李娜", "上海", "active"),
        "wang": ("S003", "王芳", "广州", "active"),
        "leaving": ("S004", "陈静", "上海", "notice"),
    }
    ids = {
        key: new_id(
            staff.create_employee(
                admin, EmployeeInput(no, name, branch_id=branch[b], status=status, is_sales=True)
            )
        )
        for key, (no, name, b, status) in spec.items()
    }
    ids["gone"] = new_id(
        staff.create_employee(
            admin,
            EmployeeInput("S005", "赵磊", status="departed", departed_on=D(2024, 1, 31)),
        )
    )
    return ids


@pytest.fixture
def sales(admin, people, login_as):
    """The sales account, linked to 张伟."""
    staff.link_user(admin, "sales", people["zhang"])
    return login_as(Role.SALES)


@pytest.fixture
def manager(admin, people, login_as):
    """The manager account, linked to 周经理 (branch 上海)."""
    staff.link_user(admin, "manager", people["zhou"])
    return login_as(Role.MANAGER)


SINCE = D(2023, 1, 1)


def make(admin, code, name, owner=None, since=SINCE, **kw) -> int:
    return new_id(customers.create_customer(admin, CustomerInput(code, name, **kw), owner, since))


# --------------------------------------------------------------------------- ownership


def test_owner_on_before_between_and_after_two_reassignments(admin, people):
    c = make(admin, "C001", "上海迅达物流有限公司", people["zhang"], D(2023, 1, 1))
    customers.reassign(admin, c, people["li"], D(2024, 3, 1), "rebalance", "区域调整")
    customers.reassign(admin, c, people["wang"], D(2025, 7, 15), "handover", "交接")

    def owner(day):
        found = customers.owner_on(admin, c, day)
        return found and found.name

    assert owner(D(2022, 12, 31)) is None  # before the first owner
    assert owner(D(2023, 1, 1)) == "张伟"  # valid_from is inclusive
    assert owner(D(2024, 2, 29)) == "张伟"  # the last day before the change
    assert owner(D(2024, 3, 1)) == "李娜"  # valid_to is exclusive: the new owner's first day
    assert owner(D(2025, 1, 1)) == "李娜"
    assert owner(D(2025, 7, 14)) == "李娜"
    assert owner(D(2025, 7, 15)) == "王芳"
    assert owner(D(2099, 1, 1)) == "王芳"  # open-ended
    history = customers.get_customer(admin, c).ownership
    assert [(h.employee_name, h.valid_from, h.valid_to, h.reason) for h in history] == [
        ("张伟", D(2023, 1, 1), D(2024, 3, 1), "initial"),
        ("李娜", D(2024, 3, 1), D(2025, 7, 15), "rebalance"),
        ("王芳", D(2025, 7, 15), None, "handover"),
    ]
    assert [h.note for h in history] == [None, "区域调整", "交接"]
    assert {h.approved_by for h in history} == {"管理员"}, "people by name, not login"
    current = customers.owner_on(admin, c, D(2025, 7, 15))
    assert current is not None
    assert (current.employee_no, current.valid_from, current.valid_to, current.reason) == (
        "S003",
        D(2025, 7, 15),
        None,
        "handover",
    )


def test_reassignment_refusals_change_nothing(admin, people):
    c = make(admin, "C001", "甲公司", people["zhang"], D(2024, 1, 1))
    cases = [
        (people["li"], D(2023, 12, 31), "began on 2024-01-01"),
        (people["li"], D(2024, 1, 1), "began on 2024-01-01"),
        (people["zhang"], D(2024, 6, 1), "owned by this employee already"),
        (people["gone"], D(2024, 6, 1), "has left the firm"),
        (people["leaving"], D(2024, 6, 1), "is leaving (status: notice)"),
    ]
    for employee, day, fragment in cases:
        with pytest.raises(ValidationError) as err:
            customers.reassign(admin, c, employee, day)
        assert fragment in err.value.message()
    with pytest.raises(ValidationError, match="not a reason"):
        customers.reassign(admin, c, people["li"], D(2024, 6, 1), "pool_claim")
    with pytest.raises(NotFound):
        customers.reassign(admin, c, 9999, D(2024, 6, 1))
    assert len(customers.get_customer(admin, c).ownership) == 1


def test_the_database_itself_refuses_two_owners_on_one_day(admin, people):
    c = make(admin, "C001", "甲公司", people["zhang"], D(2024, 1, 1))
    customers.reassign(admin, c, people["li"], D(2024, 6, 1))
    now = datetime.now(UTC)
    overlapping = [
        (D(2024, 5, 1), D(2024, 7, 1)),  # straddles the change
        (D(2023, 1, 1), D(2024, 1, 2)),  # one day of overlap at the start
        (D(2030, 1, 1), None),  # a second open period
    ]
    for start, end in overlapping:
        with pytest.raises(DBAPIError), admin.transaction() as s:
            s.add(
                CustomerAssignment(
                    customer_id=c,
                    employee_id=people["wang"],
                    valid_from=start,
                    valid_to=end,
                    reason="rebalance",
                    created_at=now,
                )
            )
    # Moving an existing period onto another is refused too.
    with pytest.raises(DBAPIError), admin.transaction() as s:
        first = s.scalar(select(CustomerAssignment).where(CustomerAssignment.valid_to.is_not(None)))
        assert first is not None
        first.valid_to = D(2024, 6, 2)
    # Adjacent periods (end == next start) are fine: that is how a handover looks.
    with admin.transaction() as s:
        s.add(
            CustomerAssignment(
                customer_id=c,
                employee_id=people["wang"],
                valid_from=D(2023, 1, 1),
                valid_to=D(2024, 1, 1),
                reason="initial",
                created_at=now,
            )
        )
    assert customers.owner_on(admin, c, D(2023, 12, 31)).name == "王芳"


_codes = itertools.count(1)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["zhang", "li", "wang"]), st.integers(-30, 400)),
        min_size=1,
        max_size=6,
    )
)
def test_owner_on_agrees_with_a_model_of_random_reassignments(admin, people, steps):
    start = D(2020, 1, 1)
    c = make(admin, f"H{next(_codes):05d}", "随机公司", people["zhang"], start)
    periods: list[list] = [["zhang", start, None]]
    for who, delta in steps:
        effective = periods[-1][1] + timedelta(days=delta)
        refused = who == periods[-1][0] or effective <= periods[-1][1]
        try:
            customers.reassign(admin, c, people[who], effective)
        except ValidationError:
            assert refused
            continue
        assert not refused
        periods[-1][2] = effective
        periods.append([who, effective, None])

    def expected(day):
        for who, begin, end in periods:
            if begin <= day and (end is None or day < end):
                return who
        return None

    probes = {start - timedelta(days=1), D(2040, 1, 1)}
    for _, begin, _ in periods:
        probes |= {begin - timedelta(days=1), begin, begin + timedelta(days=1)}
    names = {people[k]: k for k in ("zhang", "li", "wang")}
    with admin.transaction() as s:
        for day in sorted(probes):
            found = customers.owner_on_in(s, c, day)
            assert (names[found.employee_id] if found else None) == expected(day), day
        rows = s.scalars(
            select(CustomerAssignment)
            .where(CustomerAssignment.customer_id == c)
            .order_by(CustomerAssignment.valid_from)
        ).all()
    # Never two owners on one day: each period ends where the next begins, or before.
    for before, after in itertools.pairwise(rows):
        assert before.valid_to is not None and before.valid_to <= after.valid_from
    assert len(rows) == len(periods)


def test_reassign_many_is_all_or_nothing(admin, people):
    a = make(admin, "C001", "甲", people["zhang"], D(2024, 1, 1))
    b = make(admin, "C002", "乙", people["zhang"], D(2024, 9, 1))
    with pytest.raises(ValidationError, match="began on 2024-09-01"):
        customers.reassign_many(admin, [a, b], people["li"], D(2024, 6, 1))
    assert customers.owner_on(admin, a, D(2024, 7, 1)).name == "张伟"
    customers.reassign_many(admin, [a, b], people["li"], D(2024, 10, 1), note="离职交接")
    assert {customers.owner_on(admin, x, D(2024, 10, 1)).name for x in (a, b)} == {"李娜"}


# --------------------------------------------------------------------------- scope


@pytest.fixture
def book(admin, people):
    """Customers: three of 张伟's, two of 李娜's (上海), one of 王芳's (广州), one in the pool."""
    ids = {}
    for code, name, owner in (
        ("C001", "上海迅达物流有限公司", "zhang"),
        ("C002", "苏州迅达电子有限公司", "zhang"),
        ("C003", "杭州恒通贸易有限公司", "zhang"),
        ("C004", "上海迅达供应链有限公司", "li"),
        ("C005", "宁波华宇化工有限公司", "li"),
        ("C006", "广州迅达食品有限公司", "wang"),
    ):
        ids[code] = make(admin, code, name, people[owner], D(2023, 1, 1))
    ids["C007"] = make(admin, "C007", "深圳迅达公海客户有限公司")
    return ids


def test_sales_list_search_count_and_export_hold_only_their_customers(sales, book, admin):
    rows = customers.list_customers(sales, 0, 50)
    assert [r.code for r in rows] == ["C001", "C002", "C003"]
    assert {r.owner_name for r in rows} == {"张伟"}
    assert customers.count_customers(sales) == 3
    found = customers.list_customers(sales, 0, 50, search="迅达")
    assert [r.code for r in found] == ["C001", "C002"]
    assert customers.count_customers(sales, search="迅达") == 2
    # Everyone else's 迅达 (李娜's, 王芳's, the pool's) exists:
    assert customers.count_customers(admin, search="迅达") == 5
    exported = customers.export_customers(sales, search="迅达")
    assert [r.code for r in exported] == ["C001", "C002"]
    assert [r.code for r in customers.export_customers(sales, filters={"in_pool": True})] == []
    with pytest.raises(NotFound):
        customers.get_customer(sales, book["C004"])
    with pytest.raises(NotFound):
        customers.owner_on(sales, book["C006"], D(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        customers.reassign(sales, book["C001"], 1, D(2025, 1, 1))


def test_export_is_audited(admin, book, sales):
    customers.export_customers(sales, search="迅达")
    with admin.transaction() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
    assert event is not None and event.actor == "sales" and event.entity == "customer"
    assert '"rows":2' in (event.after or "")


def test_the_pool_is_visible_when_asked_for(sales, book):
    pool = customers.list_customers(sales, 0, 50, filters={"in_pool": True})
    assert [(r.code, r.owner_name, r.in_pool) for r in pool] == [("C007", None, True)]
    assert customers.count_customers(sales, filters={"in_pool": True}) == 1
    with pytest.raises(NotFound):
        customers.get_customer(sales, book["C007"])


def test_manager_sees_the_branch(manager, book, admin):
    assert [r.code for r in customers.list_customers(manager, 0, 50)] == [
        "C001",
        "C002",
        "C003",
        "C004",
        "C005",
    ]
    assert customers.count_customers(manager, search="迅达") == 3
    with pytest.raises(NotFound):
        customers.get_customer(manager, book["C006"])
    # A manager may open the pool's customers (to assign them) but not give one to 王芳.
    assert customers.get_customer(manager, book["C007"]).in_pool
    wang = customers.owner_on(admin, book["C006"], D(2024, 1, 1)).employee_id
    with pytest.raises(ValidationError, match="outside your scope"):
        customers.reassign(manager, book["C001"], wang, D(2025, 1, 1))


@pytest.mark.parametrize("role", [Role.HR, Role.FINANCE, Role.AUDITOR])
def test_other_roles_see_every_customer_but_only_some_change_them(login_as, book, role):
    ctx = login_as(role)
    assert customers.count_customers(ctx) == 7
    with pytest.raises(PermissionDenied):
        customers.create_customer(ctx, CustomerInput("X1", "某"))


def test_list_sorts_filters_and_owner_columns(admin, book, people):
    by_name = customers.list_customers(admin, 0, 3, sort="name")
    assert [r.name for r in by_name] == sorted(
        r.name for r in customers.list_customers(admin, 0, 50)
    )[:3]
    by_owner = customers.list_customers(admin, 0, 50, sort="owner", descending=True)
    assert (
        by_owner[-1].owner_name is None
    )  # the pool customer sorts last descending (NULL first asc)
    assert customers.count_customers(admin, filters={"owner_id": people["li"]}) == 2
    branch = {b.name: b.id for b in organisation.list_branches(admin)}
    assert customers.count_customers(admin, filters={"branch_id": branch["广州"]}) == 1
    assert customers.count_customers(admin, filters={"unowned": True}) == 1
    assert [r.code for r in customers.list_customers(admin, 2, 2)] == ["C003", "C004"]
    assert customers.list_customers(admin, 0, 50, search="C00")[0].code == "C001"
    with pytest.raises(ValidationError):
        customers.list_customers(admin, 0, 0)


def test_search_by_credit_code_and_with_wildcards(admin, people):
    make(admin, "C100", "百分之百_物流", credit_code="91350100M000100Y43")
    make(admin, "C101", "百分之九十物流")
    assert [r.code for r in customers.list_customers(admin, 0, 9, search="9135")] == ["C100"]
    assert [r.code for r in customers.list_customers(admin, 0, 9, search="之百_")] == ["C100"]
    assert customers.count_customers(admin, search="%") == 0
    assert customers.count_customers(admin, search="c10") == 2


def test_sales_creating_a_customer_owns_it(sales, people):
    c = new_id(
        customers.create_customer(sales, CustomerInput("N001", "新客户"), owned_from=D(2025, 1, 1))
    )
    detail = customers.get_customer(sales, c)
    assert detail.owner is not None and detail.owner.employee_id == people["zhang"]
    assert [h.reason for h in detail.ownership] == ["initial"]


# --------------------------------------------------------------------------- records


def test_create_and_update_validate_and_keep_contacts_in_step(admin):
    c = make(
        admin,
        "c001",
        "上海迅达物流有限公司",
        credit_code="91350100m000100y43",
        credit_limit=Decimal("50000.005"),
        contacts=(
            ContactInput("王经理", phone="13800138000", is_primary=True),
            ContactInput("刘会计", email="liu@example.cn"),
        ),
    )
    detail = customers.get_customer(admin, c)
    assert (detail.code, detail.credit_code, detail.credit_limit) == (
        "C001",
        "91350100M000100Y43",
        Decimal("50000.01"),
    )
    assert detail.in_pool and detail.owner is None
    wang, liu = detail.contacts
    assert (wang.name, wang.is_primary, liu.name) == ("王经理", True, "刘会计")
    data = CustomerInput(
        "C001",
        "上海迅达物流有限公司",
        credit_code="91350100M000100Y43",
        contacts=(replace(ContactInput("王总"), id=wang.id, is_primary=True), ContactInput("新人")),
    )
    customers.update_customer(admin, c, data, expected_version=detail.version)
    after = customers.get_customer(admin, c)
    assert [(x.id == wang.id, x.name) for x in after.contacts] == [(True, "王总"), (False, "新人")]
    with pytest.raises(ValidationError, match="belongs to customer C001"):
        make(admin, "C002", "另一家", credit_code="91350100M000100Y43")
    with pytest.raises(ValidationErrors) as err:
        make(
            admin,
            "C001",
            "",
            credit_code="91350100M000100Y44",
            payment_terms_days=400,
            contacts=(ContactInput("甲", is_primary=True), ContactInput("乙", is_primary=True)),
        )
    assert {e.field for e in err.value.errors} == {
        "code",
        "name",
        "credit_code",
        "payment_terms_days",
        "contacts",
    }


# --------------------------------------------------------------------------- the pool


def test_release_claim_and_approve(admin, people, sales, manager, book):
    c = book["C003"]
    customers.release_to_pool(sales, c, D(2025, 3, 1), note="客户不再合作")
    assert customers.owner_on(admin, c, D(2025, 3, 1)) is None
    assert customers.owner_on(admin, c, D(2025, 2, 28)).name == "张伟"
    assert customers.count_customers(sales) == 2
    assert customers.get_customer(admin, c).in_pool
    with pytest.raises(ValidationError, match="not in the public pool"):
        customers.request_claim(sales, book["C004"])
    claim = new_id(customers.request_claim(sales, c, "老客户回来了"))
    with pytest.raises(ValidationError, match="waiting for approval"):
        customers.request_claim(sales, c)
    with pytest.raises(ValidationError, match="only for yourself"):
        customers.request_claim(sales, c, employee_id=people["li"])
    rival = new_id(customers.request_claim(manager, c, employee_id=people["li"]))
    with pytest.raises(PermissionDenied):
        customers.decide_claim(sales, claim, approve=True)
    with pytest.raises(ValidationError, match="another manager must decide"):
        customers.decide_claim(manager, rival, approve=True)
    assert [x.id for x in customers.list_claims(sales)] == [claim]
    assert {x.id for x in customers.list_claims(manager)} == {claim, rival}
    customers.decide_claim(manager, claim, approve=True, note="同意", effective=D(2025, 4, 1))
    owner = customers.owner_on(admin, c, D(2025, 4, 1))
    assert owner is not None and (owner.name, owner.reason) == ("张伟", "pool_claim")
    assert customers.owner_on(admin, c, D(2025, 3, 15)) is None
    assert not customers.get_customer(admin, c).in_pool
    statuses = {x.id: x.status for x in customers.list_claims(admin, status=None)}
    assert statuses == {claim: "approved", rival: "rejected"}
    assert customers.count_customers(sales) == 3
    history = customers.get_customer(admin, c).ownership
    assert [(h.reason, h.valid_from, h.valid_to) for h in history] == [
        ("initial", D(2023, 1, 1), D(2025, 3, 1)),
        ("pool_claim", D(2025, 4, 1), None),
    ]
    assert history[-1].approved_by == "manager user"


def test_claim_approval_cannot_backdate_into_the_previous_owner(admin, people, manager, book):
    c = book["C005"]
    customers.release_to_pool(admin, c, D(2025, 3, 1), note="不再合作")
    claim = new_id(customers.request_claim(admin, c, employee_id=people["zhang"]))
    with pytest.raises(ValidationError, match="owned until 2025-03-01"):
        customers.decide_claim(manager, claim, approve=True, effective=D(2025, 2, 1))
    customers.decide_claim(manager, claim, approve=False, note="先观察")
    with pytest.raises(ValidationError, match="decided already"):
        customers.decide_claim(manager, claim, approve=True)
    assert customers.get_customer(admin, c).in_pool


def test_customer_detail_bundles_timeline_contacts_and_money_by_role(admin, book, login_as):
    detail = customers.get_customer(admin, book["C001"])
    assert detail.owner is not None and detail.owner.name == "张伟"
    assert detail.money_visible and detail.followups_visible and detail.aging is not None
    hr = customers.get_customer(login_as(Role.HR), book["C001"])
    assert not hr.money_visible and hr.aging is None and hr.recent_orders == ()
    assert not hr.followups_visible and hr.followups == ()
