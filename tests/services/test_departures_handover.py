"""Handover items: generated complete and once, successors suggested and named, ownership moved
only by a confirmation, evidence kept with its hash, checklist templates edited by HR."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.errors import PermissionDenied, ValidationError, ValidationErrors
from desktop.models.accounts import Role, User
from desktop.models.audit import AuditEvent
from desktop.models.customers import Contract
from desktop.models.orders import Receivable
from desktop.services import customers, handover
from desktop.services import departures as dp
from desktop.services import money as rv
from desktop.services.handover import ItemUpdate, TemplateInput, TemplateItemInput
from desktop.services.money import ReceivableInput
from tests.services.departure_support import START, M, at, build_firm, new_id
from tests.support import move_case, submitted_by_baton

D = date
LAST = D(2030, 4, 3)


@pytest.fixture
def firm(admin, role_users):
    return build_firm(admin, role_users)


@pytest.fixture
def case_id(admin, firm) -> int:
    """张伟's case, approved and in handover."""
    ident = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    move_case(admin, ident, "submit", "approve", "start_handover")
    return ident


def items(ctx, case_id, kind=None):
    return [i for i in handover.list_items(ctx, case_id) if kind is None or i.kind == kind]


# --------------------------------------------------------------------------- generation


def test_generation_has_every_owned_customer_open_receivable_and_order_exactly_once(
    admin, firm, case_id
):
    generated = items(admin, case_id)
    refs = Counter(i.ref for i in generated)
    assert max(refs.values()) == 1
    by_kind = Counter(i.kind for i in generated)
    assert {i.customer_id for i in generated if i.kind == "customer"} == {
        firm["jia"],
        firm["yi"],
        firm["bing"],
    }
    # INV-1 and INV-2 (his customers), INV-3 (sold by him); INV-4 is paid, INV-5 not his.
    assert {i.receivable_id for i in generated if i.kind == "receivable"} == {
        firm["r1"],
        firm["r2"],
        firm["r3"],
    }
    # WB-1 open and WB-3 delivered (not invoiced); WB-2 is invoiced, WB-5 cancelled.
    assert {i.order_id for i in generated if i.kind == "order"} == {firm["o1"], firm["o3"]}
    assert {i.contract_id for i in generated if i.kind == "contract"} == {firm["k1"]}
    assert [i.username for i in generated if i.kind == "account"] == ["zhangwei"]
    assert by_kind["checklist"] == 12  # the seeded sales checklist
    r2 = next(i for i in generated if i.receivable_id == firm["r2"])
    assert (r2.amount, r2.outstanding_now) == (Decimal("300.00"), Decimal("300.00"))
    jia = next(i for i in generated if i.customer_id == firm["jia"])
    assert jia.amount == Decimal("1000.00") and jia.due_on == LAST
    laptop = next(i for i in generated if i.title == "归还公司电脑及配件")
    assert (laptop.evidence_required, laptop.responsible_id) == (True, firm["zhang"])
    assert laptop.due_on == LAST
    letters = next(i for i in generated if i.title == "向客户发出应收账款对账函")
    assert letters.due_on == LAST - timedelta(days=5) and letters.responsible_role == "finance"


def test_generating_again_adds_only_what_is_new(admin, firm, case_id):
    before = {i.ref for i in items(admin, case_id)}
    handover.refresh_items(admin, case_id)
    assert {i.ref for i in items(admin, case_id)} == before
    new = new_id(
        rv.create_receivable(
            admin, ReceivableInput("INV-9", firm["yi"], START, M("45.00"), START + timedelta(30))
        )
    )
    handover.refresh_items(admin, case_id)
    after = items(admin, case_id)
    assert {i.ref for i in after} == before | {f"receivable:{new}"}
    assert Counter(i.ref for i in after).most_common(1)[0][1] == 1
    refresh = [e for e in dp.get_case(admin, case_id).events if e.action == "refresh"]
    assert [e.comment for e in refresh] == ["receivable +1"]


def test_generation_is_audited_by_one_summary_event(admin, case_id):
    with admin.transaction() as s:
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "handover.generated"))
    assert '"customer":3' in event.after and '"checklist":12' in event.after


# --------------------------------------------------------------------------- successors


def test_suggestions_match_region_and_industry_and_explain_themselves(admin, firm, case_id):
    found = {s.customer_code: s for s in handover.suggest_successors(admin, case_id)}
    assert set(found) == {"C001", "C002", "C003"}
    # 李娜 serves 上海 electronics (C010); 赵敏 上海 chemicals (C011, C012).
    assert found["C001"].employee_name == "李娜"
    assert found["C001"].region_match and found["C001"].industry_match
    assert found["C001"].explanation == (
        "Serves the same region (上海市: 1 customers) and industry (电子: 1); "
        "2 customers with this one."
    )
    assert found["C002"].employee_name == "赵敏"
    assert found["C002"].explanation.startswith("Serves the same region (上海市: 2 customers)")
    # Nobody serves 苏州; 李娜's electronics do not outweigh her load (counted with this
    # run's suggestions): 王强, with no customers, takes it.
    assert found["C003"].employee_name == "王强" and not found["C003"].region_match
    assert found["C003"].load_after == 1
    assert found["C003"].explanation == (
        "Lightest workload: 1 customers with this one (no region or industry in common)."
    )
    handover.apply_suggestions(admin, case_id, found.values())
    successors = {i.customer_code: i.successor_name for i in items(admin, case_id, "customer")}
    assert successors == {"C001": "李娜", "C002": "赵敏", "C003": "王强"}
    assert handover.suggest_successors(admin, case_id) == []


def test_bulk_assignment_covers_the_customers_related_items(admin, firm, case_id):
    handover.assign_successor(admin, case_id, firm["zhao"], [firm["jia"]], D(2030, 3, 10))
    jia = [i for i in items(admin, case_id) if i.customer_id == firm["jia"]]
    assert {i.kind for i in jia} == {"customer", "receivable", "order", "contract"}
    assert {i.successor_name for i in jia} == {"赵敏"}
    assert next(i for i in jia if i.kind == "customer").planned_on == D(2030, 3, 10)
    handover.assign_successor(admin, case_id, firm["li"])  # the rest
    names = {i.customer_code: i.successor_name for i in items(admin, case_id, "customer")}
    assert names == {"C001": "赵敏", "C002": "李娜", "C003": "李娜"}


def test_successors_must_be_active_colleagues(admin, firm, case_id):
    with pytest.raises(ValidationError, match="is the one leaving"):
        handover.assign_successor(admin, case_id, firm["zhang"])
    other = new_id(dp.start_case(admin, dp.CaseInput(firm["zhao"], LAST)))
    dp.submit(submitted_by_baton(admin), other)
    with pytest.raises(ValidationError, match=r"not an active employee \(status: notice\)"):
        handover.assign_successor(admin, case_id, firm["zhao"])
    with pytest.raises(ValidationError, match="C999 is not a customer of case D2030-0001"):
        handover.customers_by_code(admin, case_id, ["C999"])
    with pytest.raises(ValidationError, match="planned for today or a later day"):
        handover.assign_successor(admin, case_id, firm["li"], planned_on=START - timedelta(1))


# --------------------------------------------------------------------------- confirmation


def owner(ctx, customer_id, day):
    found = customers.owner_on(ctx, customer_id, day)
    return found.name if found else None


def test_ownership_moves_only_when_the_successor_confirms(admin, firm, case_id, login_as):
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]])
    assert owner(admin, firm["jia"], START) == "张伟"
    li = at(login_as(Role.SALES), D(2030, 3, 6))
    handover.confirm_items(li, case_id, customer_ids=[firm["jia"]])
    assert owner(admin, firm["jia"], D(2030, 3, 5)) == "张伟"
    assert owner(admin, firm["jia"], D(2030, 3, 6)) == "李娜"
    history = customers.get_customer(admin, firm["jia"]).ownership
    assert [(h.employee_name, h.valid_from, h.valid_to, h.reason) for h in history] == [
        ("张伟", D(2029, 1, 1), D(2030, 3, 6), "initial"),
        ("李娜", D(2030, 3, 6), None, "handover"),
    ]
    (item,) = [i for i in items(admin, case_id, "customer") if i.customer_id == firm["jia"]]
    assert (item.status, item.confirmed_by, item.effective_on) == (
        "confirmed",
        "sales user",  # the person by name, not the login
        D(2030, 3, 6),
    )
    # The customer's invoice, order and contract wait for their own confirmation.
    li_items = handover.pending_confirmations(li)
    assert {i.kind for i in li_items} == {"receivable", "order", "contract"}
    handover.confirm_items(li, case_id)
    with admin.transaction() as s:
        assert s.get(Receivable, firm["r1"]).collector_id == firm["li"]
        assert s.get(Contract, firm["k1"]).employee_id == firm["li"]


def test_a_planned_date_is_never_brought_forward(admin, firm, case_id):
    handover.assign_successor(admin, case_id, firm["li"], [firm["yi"]], D(2030, 4, 4))
    handover.confirm_items(admin, case_id, customer_ids=[firm["yi"]])
    assert owner(admin, firm["yi"], D(2030, 4, 3)) == "张伟"
    assert owner(admin, firm["yi"], D(2030, 4, 4)) == "李娜"


def test_a_salesperson_confirms_only_their_own_items(admin, firm, case_id, login_as):
    handover.assign_successor(admin, case_id, firm["zhao"], [firm["yi"]])
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]])
    li = at(login_as(Role.SALES), START)
    by_customer = {i.customer_id: i for i in items(admin, case_id, "customer")}
    # What the case screen offers to confirm is what confirm_items accepts.
    assert handover.may_confirm(li, by_customer[firm["jia"]])
    assert not handover.may_confirm(li, by_customer[firm["yi"]])
    assert not handover.may_confirm(admin, by_customer[firm["bing"]])
    with pytest.raises(ValidationError, match="You are not the successor of C002 乙化工"):
        handover.confirm_items(li, case_id, customer_ids=[firm["yi"]])
    with pytest.raises(ValidationError, match="no successor to confirm it"):
        handover.confirm_items(admin, case_id, customer_ids=[firm["bing"]])
    assert owner(admin, firm["yi"], START) == "张伟"
    manager = at(login_as(Role.MANAGER), START)
    assert handover.may_confirm(manager, by_customer[firm["yi"]])
    handover.confirm_items(manager, case_id, customer_ids=[firm["yi"]])
    (item,) = [i for i in items(admin, case_id, "customer") if i.customer_id == firm["yi"]]
    assert (item.confirmed_by, owner(admin, firm["yi"], START)) == ("manager user", "赵敏")
    with pytest.raises(ValidationError, match="is confirmed already"):
        handover.confirm_items(manager, case_id, customer_ids=[firm["yi"]])
    hr = login_as(Role.HR)
    with pytest.raises(PermissionDenied, match=r"handover\.confirm"):
        handover.confirm_items(hr, case_id)
    laptop = next(i for i in items(admin, case_id) if i.title == "归还公司电脑及配件")
    with pytest.raises(ValidationErrors) as wrong:
        handover.confirm_items(manager, case_id, item_ids=[laptop.id, 99999])
    assert [e.message() for e in wrong.value.errors] == [
        "归还公司电脑及配件 is not an open item that a successor takes over.",
        "Handover item 99999 does not exist or is outside what you may see.",
    ]


def test_confirmation_waits_for_the_handover_to_start(admin, firm):
    ident = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    dp.submit(submitted_by_baton(admin), ident)
    dp.approve(admin, ident)
    handover.assign_successor(admin, ident, firm["li"])
    with pytest.raises(ValidationError, match="while the handover is in progress"):
        handover.confirm_items(admin, ident)


# --------------------------------------------------------------------------- item work


def test_checklist_items_need_their_evidence_and_keep_its_hash(admin, firm, case_id):
    laptop = next(i for i in items(admin, case_id) if i.title == "归还公司电脑及配件")
    with pytest.raises(ValidationError, match="needs its evidence attached first"):
        handover.mark_done(admin, laptop.id)
    photo = b"\x89PNG laptop returned"
    handover.attach_evidence(admin, laptop.id, "laptop.png", photo)
    handover.mark_done(admin, laptop.id, "已归还，编号 NB-17")
    (info,) = handover.list_evidence(admin, laptop.id)
    assert info.sha256 == hashlib.sha256(photo).hexdigest() and info.size == len(photo)
    assert handover.read_evidence(admin, info.id).data == photo
    with admin.transaction() as s:
        stored = s.scalar(select(AuditEvent).where(AuditEvent.entity == "handover_evidence"))
        assert "laptop returned" not in (stored.after or "")
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "evidence.read"))
    done = next(i for i in items(admin, case_id) if i.id == laptop.id)
    assert (done.status, done.completed_by, done.note, done.evidence_count) == (
        "done",
        "管理员",
        "已归还，编号 NB-17",
        1,
    )


def test_customers_are_told_and_waived_only_when_no_longer_owned(admin, firm, case_id):
    jia = next(i for i in items(admin, case_id, "customer") if i.customer_id == firm["jia"])
    handover.update_item(admin, jia.id, ItemUpdate(customer_informed=True, informed_how="电话"))
    jia = next(i for i in items(admin, case_id, "customer") if i.customer_id == firm["jia"])
    assert (jia.customer_informed, jia.informed_on, jia.informed_how) == (True, START, "电话")
    with pytest.raises(ValidationError, match="still owned by the leaver"):
        handover.waive_item(admin, jia.id, "客户已停业")
    with pytest.raises(ValidationError, match="through that case's handover"):
        customers.release_to_pool(admin, firm["jia"], START, note="客户已停业")
    handover.release_item_to_pool(admin, jia.id, "客户已停业，放入公海", START)
    assert customers.get_customer(admin, firm["jia"]).in_pool
    jia = next(i for i in items(admin, case_id, "customer") if i.customer_id == firm["jia"])
    assert (jia.status, jia.waived_reason) == ("waived", "客户已停业，放入公海")
    with pytest.raises(ValidationError, match="reason"):
        handover.waive_item(admin, jia.id, " ")


def test_marking_the_account_item_done_disables_the_account(admin, firm, case_id):
    (account,) = items(admin, case_id, "account")
    handover.mark_done(admin, account.id)
    with admin.transaction() as s:
        assert s.scalar(select(User.disabled).where(User.username == "zhangwei"))


def test_items_of_a_closed_case_cannot_change(admin, firm, case_id):
    dp.cancel(admin, case_id, "留任")
    with pytest.raises(
        ValidationError, match="is cancelled: its handover items can no longer change"
    ):
        handover.assign_successor(admin, case_id, firm["li"])


# --------------------------------------------------------------------------- templates


def test_hr_edits_checklist_templates_and_new_cases_use_them(admin, firm, login_as):
    hr = at(login_as(Role.HR), START)
    seeded = {t.position_category: t for t in handover.list_templates(hr)}
    assert set(seeded) == {"sales", "dispatcher", "finance", "warehouse", "other"}
    sales = seeded["sales"]
    kept = sales.items[0]
    handover.save_template(
        hr,
        TemplateInput(
            "销售交接（精简）",
            "sales",
            (
                TemplateItemInput(
                    kept.title, kept.category, kept.responsible_role, -1, True, False, kept.id
                ),
                TemplateItemInput("归还样品", "assets", "employee", 0, True, True),
            ),
            id=sales.id,
        ),
    )
    (edited,) = [t for t in handover.list_templates(hr) if t.position_category == "sales"]
    assert [(i.title, i.due_offset_days) for i in edited.items] == [
        (kept.title, -1),
        ("归还样品", 0),
    ]
    with pytest.raises(ValidationErrors) as bad:
        handover.save_template(
            hr, TemplateInput("", "pilots", (TemplateItemInput("x", "toys", "cat", 999),))
        )
    assert {e.field for e in bad.value.errors} == {"name", "position_category", "items"}
    manager = login_as(Role.MANAGER)
    with pytest.raises(PermissionDenied, match=r"checklist_templates\.edit"):
        handover.save_template(manager, TemplateInput("x", "sales", ()))
    ident = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    dp.submit(submitted_by_baton(admin), ident)
    dp.approve(admin, ident)
    assert sorted(i.title for i in items(admin, ident, "checklist")) == sorted(
        [kept.title, "归还样品"]
    )
