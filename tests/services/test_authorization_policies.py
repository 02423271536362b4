"""The decisions that were role comparisons, now each one rule from the permission table:
who confirms a handover receipt (the list, the refusal and the buttons agree), the last
administrator, the one employee lookup by number, and the three reaches of scope."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.errors import NotFound, PermissionDenied, ValidationError, ValidationErrors
from desktop.models.accounts import Role, User
from desktop.models.audit import AuditEvent
from desktop.models.departures import HandoverItem
from desktop.services import accounts, customers, handover, organisation, scope, staff
from desktop.services import departures as dp
from desktop.services.customers import CustomerInput
from desktop.services.permissions import PERMISSIONS, Action, can
from desktop.services.staff import EmployeeInput
from desktop.services.validation import hidden_character
from tests.services.departure_support import (
    LEAVER_PASSWORD,
    OWNED_FROM,
    START,
    at,
    build_firm,
    new_id,
)
from tests.support import move_case

LAST = date(2030, 4, 3)


@pytest.fixture
def firm(admin, role_users):
    return build_firm(admin, role_users)


def _guangzhou_leaver(admin) -> int:
    """周杰 (G001) of the 广州 branch, managed by nobody: outside the 上海 manager's scope."""
    branch = {b.name: b.id for b in organisation.list_branches(admin)}
    position = staff.list_positions(admin)[0].id
    return new_id(
        staff.create_employee(
            admin,
            EmployeeInput(
                "G001", "周杰", branch_id=branch["广州"], position_id=position, is_sales=True
            ),
        )
    )


def _in_handover(admin, employee_id: int) -> int:
    ident = new_id(dp.start_case(admin, dp.CaseInput(employee_id, LAST)))
    move_case(admin, ident, "submit", "approve", "start_handover")
    return ident


# --------------------------------------------------------------------------- scope levels


def test_every_role_has_exactly_one_reach():
    """All branches, one branch, or (holding neither action) only one's own records."""
    for role in Role:
        levels = [can(role, Action.SCOPE_ALL_BRANCHES), can(role, Action.SCOPE_BRANCH)]
        assert sum(levels) <= 1, role
    assert not PERMISSIONS[Action.SCOPE_ALL_BRANCHES] & PERMISSIONS[Action.SCOPE_BRANCH]
    # Confirming for others is a kind of confirming.
    assert PERMISSIONS[Action.HANDOVER_CONFIRM_FOR_OTHERS] <= PERMISSIONS[Action.HANDOVER_CONFIRM]


def test_scope_reaches_are_what_each_role_saw_before(admin, firm, login_as):
    """The table gives every role the scope that the role comparisons gave it."""
    seen = {}
    for role in Role:
        ctx = admin if role is Role.ADMIN else login_as(role)
        with ctx.read() as s:
            seen[role] = scope.scope_of(ctx, s)
    for role in (Role.ADMIN, Role.HR, Role.FINANCE, Role.AUDITOR):
        assert seen[role] == scope.Scope(True)
    assert seen[Role.MANAGER].everyone is False and seen[Role.MANAGER].branch_id is not None
    assert seen[Role.SALES] == scope.Scope(False, employee_id=firm["li"])


# --------------------------------------------------------------------------- confirmation


def _confirmable_ids(admin, ctx, case_id: int, mine_only: bool = False) -> set[int]:
    clause = handover.confirmable_by(ctx, mine_only)
    with admin.read() as s:
        query = select(HandoverItem.id).where(
            HandoverItem.case_id == case_id,
            HandoverItem.successor_id.is_not(None),
            HandoverItem.kind.in_(handover.TRANSFER_KINDS),
        )
        return set(s.scalars(query if clause is None else query.where(clause)))


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_the_query_the_refusal_and_the_screen_ask_one_confirmation_rule(
    admin, firm, login_as, role
):
    case_id = _in_handover(admin, firm["zhang"])
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]])
    handover.assign_successor(admin, case_id, firm["zhao"], [firm["yi"]])
    ctx = admin if role is Role.ADMIN else at(login_as(role), START)
    rows = [
        i
        for i in handover.list_items(admin, case_id)
        if i.kind in handover.TRANSFER_KINDS and i.successor_id is not None
    ]
    assert {i.successor_id for i in rows} == {firm["li"], firm["zhao"]}
    by_policy = {i.id for i in rows if handover.may_confirm_for(ctx, i.successor_id)}
    # The screen's per-item check and the query are the policy, item by item.
    assert {i.id for i in rows if handover.may_confirm(ctx, i)} == by_policy
    assert _confirmable_ids(admin, ctx, case_id) == by_policy
    expected = {
        Role.ADMIN: {i.id for i in rows},
        Role.MANAGER: {i.id for i in rows},
        Role.SALES: {i.id for i in rows if i.successor_id == firm["li"]},
    }.get(role, set())
    assert by_policy == expected
    # What waits for the actor: their own items only, each one the policy accepts.
    if can(role, Action.HANDOVER_CONFIRM):
        pending = {i.id for i in handover.pending_confirmations(ctx)}
        assert pending == {i.id for i in rows if i.successor_id == ctx.actor.employee_id}
        assert pending <= by_policy
    else:
        with pytest.raises(PermissionDenied):
            handover.pending_confirmations(ctx)
    # The refusal: an item outside the policy is refused, one inside is confirmed.
    zhao_items = [i.id for i in rows if i.successor_id == firm["zhao"]]
    if not can(role, Action.HANDOVER_CONFIRM):
        with pytest.raises(PermissionDenied):
            handover.confirm_items(ctx, case_id, item_ids=zhao_items)
    elif set(zhao_items) <= by_policy:
        assert handover.confirm_items(ctx, case_id, item_ids=zhao_items).ids == set(zhao_items)
    else:
        with pytest.raises((ValidationError, ValidationErrors), match="You are not the successor"):
            handover.confirm_items(ctx, case_id, item_ids=zhao_items)


def test_a_manager_confirms_their_own_receipt_in_a_case_outside_their_branch(admin, firm, login_as):
    """The receipt list shows a manager what they take over from another branch's leaver; the
    confirmation must accept it (it answered "does not exist or is outside what you may see"),
    while confirming *for others* stays limited to the manager's scope."""
    leaver = _guangzhou_leaver(admin)
    far_customer = new_id(
        customers.create_customer(
            admin, CustomerInput("C020", "庚物流", region="广东省广州市"), leaver, OWNED_FROM
        )
    )
    colleague_customer = new_id(
        customers.create_customer(
            admin, CustomerInput("C022", "壬物流", region="广东省广州市"), leaver, OWNED_FROM
        )
    )
    case_id = _in_handover(admin, leaver)
    handover.assign_successor(admin, case_id, firm["wang"], [far_customer])
    handover.assign_successor(admin, case_id, firm["li"], [colleague_customer])
    manager = at(login_as(Role.MANAGER), START)
    with pytest.raises(NotFound):
        dp.get_case(manager, case_id)  # 周杰 works in 广州: outside the manager's scope
    waiting = handover.pending_confirmations(manager)
    assert {i.customer_id for i in waiting if i.kind == "customer"} == {far_customer}
    (theirs,) = [
        i for i in handover.list_items(admin, case_id) if i.customer_id == colleague_customer
    ]
    with pytest.raises((ValidationError, ValidationErrors), match="You are not the successor"):
        handover.confirm_items(manager, case_id, item_ids=[theirs.id])
    # Without a list: everything the manager may confirm here, i.e. only their own items.
    done = handover.confirm_items(manager, case_id)
    assert done.ids == {i.id for i in waiting}
    assert customers.owner_on(admin, far_customer, START).name == "王强"
    assert customers.owner_on(admin, colleague_customer, START).name == "周杰"


def test_a_manager_cannot_confirm_for_others_outside_their_branch(admin, firm, login_as):
    leaver = _guangzhou_leaver(admin)
    far_customer = new_id(
        customers.create_customer(
            admin, CustomerInput("C021", "辛物流", region="广东省广州市"), leaver, OWNED_FROM
        )
    )
    case_id = _in_handover(admin, leaver)
    handover.assign_successor(admin, case_id, firm["li"], [far_customer])
    manager = at(login_as(Role.MANAGER), START)
    (item,) = [i for i in handover.list_items(admin, case_id) if i.customer_id == far_customer]
    for attempt in (
        lambda: handover.confirm_items(manager, case_id, item_ids=[item.id]),
        lambda: handover.confirm_items(manager, case_id),
    ):
        with pytest.raises(NotFound, match="does not exist or is outside what you may see"):
            attempt()
    assert customers.owner_on(admin, far_customer, START).name == "周杰"


# --------------------------------------------------------------------------- last administrator


def test_one_last_administrator_rule_for_accounts_and_the_departure_checklist(admin, firm, relogin):
    """Disabling, demoting and removing an account and marking a leaver's account item done
    all ask :func:`accounts.is_last_admin` and refuse with the same message."""
    case_id = _in_handover(admin, firm["zhang"])
    accounts.change_role(admin, "zhangwei", "admin")
    leaver = relogin("zhangwei", LEAVER_PASSWORD)
    accounts.set_disabled(leaver, "admin", True)  # zhangwei is now the last enabled admin
    with admin.read() as s:
        zhangwei = s.scalar(select(User).where(User.username == "zhangwei"))
        assert accounts.is_last_admin(s, zhangwei)
    message = "zhangwei is the last enabled administrator and must stay enabled."
    attempts = [
        lambda: accounts.set_disabled(admin, "zhangwei", True),
        lambda: accounts.change_role(admin, "zhangwei", "hr"),
        lambda: accounts.remove_user(admin, "zhangwei"),
    ]
    (account,) = [i for i in handover.list_items(admin, case_id) if i.kind == "account"]
    attempts.append(lambda: handover.mark_done(admin, account.id))
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.message() == message
    with admin.read() as s:
        zhangwei = s.scalar(select(User).where(User.username == "zhangwei"))
        assert (zhangwei.role, zhangwei.disabled, zhangwei.removed) == ("admin", False, False)
    # Another enabled account that manages users lifts the guard.
    accounts.set_disabled(leaver, "admin", False)
    handover.mark_done(admin, account.id)
    with admin.read() as s:
        assert s.scalar(select(User.disabled).where(User.username == "zhangwei"))


# --------------------------------------------------------------------------- employee by number


def test_one_employee_lookup_by_number_within_scope(admin, firm, login_as):
    sales = login_as(Role.SALES)  # 李娜 (S002), 上海
    manager = login_as(Role.MANAGER)  # 王强 (M001), 上海
    finance = login_as(Role.FINANCE)
    assert staff.employee_by_no(sales, "S002") == firm["li"]
    assert staff.employee_by_no(manager, " S003 ") == firm["zhao"]
    assert staff.employee_by_no(finance, "S009") == firm["sun"]
    outside = "Employee {no} does not exist or is outside what you may see."
    for ctx, number in ((sales, "S003"), (manager, "S009"), (finance, "NOBODY")):
        with pytest.raises(NotFound) as refused:
            staff.employee_by_no(ctx, number)
        assert refused.value.message() == outside.format(no=number)
    # The right of the use case the number is for is asked first.
    with pytest.raises(PermissionDenied, match=r"departures\.edit"):
        staff.employee_by_no(sales, "S002", Action.DEPARTURES_EDIT)


BAD_NUMBERS = [
    "",
    "   ",
    "S002' OR '1'='1",
    "S%",
    "s002",
    "Ｓ００２",
    "S002\x00",
    "\u202eS002",
    "S" * 10_000,
]


@pytest.mark.parametrize("number", BAD_NUMBERS, ids=range(len(BAD_NUMBERS)))
def test_a_bad_employee_number_is_not_found_and_changes_nothing(admin, firm, number):
    with admin.read() as s:
        before = s.scalar(select(func.max(AuditEvent.seq)))
    with pytest.raises(NotFound) as refused:
        staff.employee_by_no(admin, number)
    message = refused.value.message()
    assert "does not exist or is outside what you may see" in message
    # Repeated harmlessly: no control or bidi character reaches a terminal, no page-long line.
    assert hidden_character(message) is None and len(message) < 200
    with admin.read() as s:
        assert s.scalar(select(func.max(AuditEvent.seq))) == before


# --------------------------------------------------------------------------- own work


def test_one_rule_of_who_acknowledges_a_leavers_clauses(admin, firm, relogin, login_as):
    """The case screen's button and the service ask may_acknowledge_clauses: the leaver from
    their own account (whatever their role), or HR; a colleague is refused."""
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    zh = [v.clause.id for v in dp.get_case(admin, case_id).clauses if v.clause.language == "zh"]
    leaver = at(relogin("zhangwei", LEAVER_PASSWORD), START)
    colleague = at(login_as(Role.SALES), START)  # 李娜
    hr = at(login_as(Role.HR), START)
    assert dp.may_acknowledge_clauses(leaver, firm["zhang"])
    assert dp.may_acknowledge_clauses(hr, firm["zhang"])
    assert not dp.may_acknowledge_clauses(colleague, firm["zhang"])
    assert not dp.may_acknowledge_clauses(leaver, firm["li"])
    with pytest.raises(PermissionDenied, match=r"departures\.edit"):
        dp.acknowledge_clauses(colleague, case_id, zh)
    dp.acknowledge_clauses(leaver, case_id, zh)
    recorded = {v.recorded_by for v in dp.get_case(admin, case_id).clauses if v.acknowledged}
    assert recorded == {"张伟"}  # people by name, not login


def test_nobody_approves_their_own_departure_nor_decides_their_own_claim():
    """Both rules are rows of the table that no role holds."""
    for action in (Action.DEPARTURES_APPROVE_OWN, Action.POOL_DECIDE_OWN_CLAIM):
        assert PERMISSIONS[action] == frozenset()
