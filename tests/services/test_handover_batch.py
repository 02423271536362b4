"""Handover use cases on several items at once — update, waive, complete with evidence, confirm
what is pending — are one transaction each: a batch with one bad item is refused whole, the
refusal names the item, and nothing changes (not the good items before it either). Real
SQLCipher vault (or PostgreSQL with --db=postgresql) through the shared fixtures."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.errors import (
    BatonError,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from desktop.models.accounts import Role, User
from desktop.models.audit import AuditEvent
from desktop.models.departures import CaseEvent, HandoverEvidence
from desktop.services import accounts, customers, handover
from desktop.services import departures as dp
from desktop.services.changes import Kind
from desktop.services.handover import EvidenceUpload, ItemUpdate
from tests.services.departure_support import LEAVER_PASSWORD, START, at, build_firm, new_id
from tests.support import move_case

LAST = date(2030, 4, 3)


def given_away(admin, customer_id: int) -> None:
    """The customer released to the pool behind the case's back -- a state the screens no
    longer produce (a customer in an open case moves only through the case) but data from
    before that rule may hold."""
    from desktop.models.customers import Customer

    with admin.transaction() as s:
        customers.release_in(admin, s, s.get(Customer, customer_id), START, "停业")


@pytest.fixture
def firm(admin, role_users):
    return build_firm(admin, role_users)


def in_handover(admin, employee_id: int) -> int:
    ident = new_id(dp.start_case(admin, dp.CaseInput(employee_id, LAST)))
    move_case(admin, ident, "submit", "approve", "start_handover")
    return ident


@pytest.fixture
def case_id(admin, firm) -> int:
    """张伟's case, in handover."""
    return in_handover(admin, firm["zhang"])


def items(ctx, case_id, kind=None):
    return [i for i in handover.list_items(ctx, case_id) if kind is None or i.kind == kind]


def titled(ctx, case_id, title):
    return next(i for i in items(ctx, case_id) if i.title == title)


def everything(admin, *case_ids):
    """What a user could notice changed: every item, attachment, audit event, case event and
    account state."""
    with admin.read() as s:
        counts = tuple(
            s.scalar(select(func.count()).select_from(t))
            for t in (AuditEvent, HandoverEvidence, CaseEvent)
        )
        disabled = tuple(s.execute(select(User.username, User.disabled).order_by(User.id)))
    return (tuple(tuple(items(admin, c)) for c in case_ids), counts, disabled)


def case_events(admin, case_id, action):
    with admin.read() as s:
        return list(
            s.scalars(
                select(CaseEvent.comment).where(
                    CaseEvent.case_id == case_id, CaseEvent.action == action
                )
            )
        )


# --------------------------------------------------------------------------- update


def test_update_items_records_the_details_on_every_item(admin, firm, case_id):
    chosen = [i.id for i in items(admin, case_id, "customer")]
    assert len(chosen) == 3
    changes = handover.update_items(
        admin,
        case_id,
        chosen,
        ItemUpdate(customer_informed=True, informed_how="电话", note="已电话告知"),
    )
    assert changes.ids == frozenset(chosen)
    told = [i for i in items(admin, case_id) if i.id in chosen]
    assert {(i.customer_informed, i.informed_on, i.informed_how, i.note) for i in told} == {
        (True, START, "电话", "已电话告知")
    }


def test_update_items_with_one_item_that_is_no_customer_changes_nothing(admin, firm, case_id):
    chosen = [i.id for i in items(admin, case_id, "customer")]
    laptop = titled(admin, case_id, "归还公司电脑及配件")
    before = everything(admin, case_id)
    with pytest.raises(ValidationError) as refused:
        handover.update_items(
            admin, case_id, [*chosen, laptop.id], ItemUpdate(customer_informed=True)
        )
    assert refused.value.message() == (
        "归还公司电脑及配件: only a customer's handover records whether the customer was told."
    )
    assert everything(admin, case_id) == before


def test_update_items_refuses_items_of_another_case_and_unknown_ids_naming_each(
    admin, firm, case_id
):
    other_case = in_handover(admin, firm["zhao"])
    foreign = items(admin, other_case, "customer")[0]
    mine = items(admin, case_id, "customer")[0]
    before = everything(admin, case_id, other_case)
    with pytest.raises(ValidationErrors) as refused:
        handover.update_items(admin, case_id, [mine.id, foreign.id, 99999], ItemUpdate(note="x"))
    assert [e.message() for e in refused.value.errors] == [
        f"Handover item {foreign.id} does not exist or is outside what you may see.",
        "Handover item 99999 does not exist or is outside what you may see.",
    ]
    with pytest.raises(ValidationError, match="at least one handover item"):
        handover.update_items(admin, case_id, [], ItemUpdate(note="x"))
    with pytest.raises(ValidationError, match="planned for today or a later day"):
        handover.update_items(admin, case_id, [mine.id], ItemUpdate(planned_on=date(2030, 3, 1)))
    assert everything(admin, case_id, other_case) == before


# --------------------------------------------------------------------------- waive


def test_waive_items_sets_them_aside_with_one_line_of_history(admin, firm, case_id):
    chosen = [i for i in items(admin, case_id, "checklist") if not i.evidence_required][:3]
    handover.waive_items(admin, case_id, [i.id for i in chosen], "纸质交接单已签")
    after = {i.id: i for i in items(admin, case_id)}
    assert {(after[i.id].status, after[i.id].waived_reason) for i in chosen} == {
        ("waived", "纸质交接单已签")
    }
    assert case_events(admin, case_id, "waive") == ["3: 纸质交接单已签"]


def test_a_waive_batch_with_a_customer_still_owned_changes_nothing(admin, firm, case_id):
    """The old loop in the Checklist dialog waived the items before the refused one."""
    chosen = [i.id for i in items(admin, case_id, "checklist")[:2]]
    yi = next(i for i in items(admin, case_id, "customer") if i.customer_id == firm["yi"])
    given_away(admin, firm["jia"])  # meanwhile given away (as older data may hold)
    jia = next(i for i in items(admin, case_id, "customer") if i.customer_id == firm["jia"])
    before = everything(admin, case_id)
    with pytest.raises(ValidationError) as refused:
        handover.waive_items(admin, case_id, [*chosen, jia.id, yi.id], "客户已停业")
    assert refused.value.message() == (
        "C002 乙化工 is still owned by the leaver: name a successor (or release it to the "
        "pool) instead of waiving it."
    )
    assert everything(admin, case_id) == before
    with pytest.raises(ValidationError, match="reason"):
        handover.waive_items(admin, case_id, chosen, "  ")
    handover.waive_items(admin, case_id, [*chosen, jia.id], "客户已停业")
    with pytest.raises(ValidationErrors, match="is waived already"):
        handover.waive_items(admin, case_id, chosen, "again")


# --------------------------------------------------------------------------- complete


def test_complete_items_attaches_the_evidence_and_marks_every_item_done(admin, firm, case_id):
    laptop = titled(admin, case_id, "归还公司电脑及配件")
    plain = next(i for i in items(admin, case_id, "checklist") if not i.evidence_required)
    (account,) = items(admin, case_id, "account")
    scan = b"%PDF-1.4 laptop returned"
    changes = handover.complete_items(
        admin,
        case_id,
        [laptop.id, plain.id, account.id],
        {laptop.id: [EvidenceUpload("签收单.pdf", scan)]},
        "已归还",
    )
    assert changes.ids == {laptop.id, plain.id, account.id}
    assert changes.kinds == {Kind.HANDOVER, Kind.USERS}  # the Users page shows him disabled
    after = {i.id: i for i in items(admin, case_id)}
    assert {after[i].status for i in changes.ids} == {"done"}
    assert after[laptop.id].evidence_count == 1 and after[laptop.id].note == "已归还"
    (info,) = handover.list_evidence(admin, laptop.id)
    assert (info.file_name, info.sha256) == ("签收单.pdf", hashlib.sha256(scan).hexdigest())
    with admin.read() as s:
        assert s.scalar(select(User.disabled).where(User.username == "zhangwei"))


def test_complete_items_reads_a_chosen_file(admin, firm, case_id, tmp_path):
    laptop = titled(admin, case_id, "归还公司电脑及配件")
    scan = tmp_path / "签收单.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    handover.complete_items(admin, case_id, [laptop.id], {laptop.id: [scan]})
    (info,) = handover.list_evidence(admin, laptop.id)
    assert info.file_name == "签收单.pdf"
    missing = tmp_path / "gone.pdf"
    other = next(i for i in items(admin, case_id, "checklist") if i.status == "open")
    before = everything(admin, case_id)
    with pytest.raises(ValidationError, match=r"gone\.pdf cannot be read"):
        handover.complete_items(admin, case_id, [other.id], {other.id: [missing]})
    assert everything(admin, case_id) == before


def test_a_complete_batch_with_one_item_missing_its_evidence_changes_nothing(admin, firm, case_id):
    """The old Done dialog attached the file, then failed to mark done: the file stayed."""
    needing = [i for i in items(admin, case_id, "checklist") if i.evidence_required]
    assert len(needing) >= 2
    first, second = needing[:2]
    (account,) = items(admin, case_id, "account")
    jia = items(admin, case_id, "customer")[0]
    before = everything(admin, case_id)
    with pytest.raises(ValidationErrors) as refused:
        handover.complete_items(
            admin,
            case_id,
            [account.id, first.id, second.id, jia.id],
            {first.id: [EvidenceUpload("a.pdf", b"%PDF a")]},
        )
    assert [e.message() for e in refused.value.errors] == [
        f"{second.title} needs its evidence attached first.",
        f"{jia.title} is handed over when its successor confirms receipt, not marked done.",
    ]
    assert everything(admin, case_id) == before  # no file, no item done, account enabled
    with pytest.raises(ValidationError, match=r"The file empty\.pdf is empty"):
        handover.complete_items(
            admin, case_id, [first.id], {first.id: [EvidenceUpload("empty.pdf", b"")]}
        )
    with pytest.raises(ValidationError, match="item is not being done"):
        handover.complete_items(
            admin, case_id, [account.id], {first.id: [EvidenceUpload("a.pdf", b"%PDF a")]}
        )
    assert everything(admin, case_id) == before


def test_the_last_administrator_account_is_refused_with_the_whole_batch(
    admin, firm, case_id, login_as, relogin
):
    """张伟 made the only enabled administrator: completing his account item together with a
    checklist line is refused whole, naming him."""
    accounts.change_role(admin, "zhangwei", "admin")
    zhang = relogin("zhangwei", LEAVER_PASSWORD)
    accounts.set_disabled(zhang, "admin", True, "on leave")
    hr = at(login_as(Role.HR), START)
    (account,) = items(hr, case_id, "account")
    plain = next(i for i in items(hr, case_id, "checklist") if not i.evidence_required)
    before = everything(hr, case_id)
    with pytest.raises(ValidationError) as refused:
        handover.complete_items(hr, case_id, [plain.id, account.id])
    assert refused.value.message() == (
        "zhangwei is the last enabled administrator and must stay enabled."
    )
    assert everything(hr, case_id) == before
    handover.complete_items(hr, case_id, [plain.id])


# --------------------------------------------------------------------------- confirm


def test_confirm_pending_confirms_every_receipt_of_the_successor_across_cases(
    admin, firm, case_id, login_as
):
    second = in_handover(admin, firm["zhao"])
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]])
    handover.assign_successor(admin, second, firm["li"], [firm["wu"]])
    li = at(login_as(Role.SALES), START)
    waiting = handover.pending_confirmations(li)
    assert {i.case_id for i in waiting} == {case_id, second}
    changes = handover.confirm_pending(li)
    assert changes.ids == {i.id for i in waiting}
    assert handover.pending_confirmations(li) == []
    for customer in ("jia", "wu"):
        assert customers.owner_on(admin, firm[customer], START).name == "李娜"
    with pytest.raises(ValidationError, match="Nothing is waiting for your confirmation"):
        handover.confirm_pending(li)


def test_a_receipt_batch_refused_in_one_case_confirms_nothing_in_the_other(
    admin, firm, case_id, login_as
):
    """The Receipts page used to confirm case by case: the first case stayed confirmed when the
    second was refused."""
    second = in_handover(admin, firm["zhao"])
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]])
    handover.assign_successor(admin, second, firm["li"], [firm["wu"], firm["ji"]])
    given_away(admin, firm["ji"])  # meanwhile given away (as older data may hold)
    li = at(login_as(Role.SALES), START)
    before = everything(admin, case_id, second)
    with pytest.raises(ValidationError) as refused:
        handover.confirm_pending(li)
    assert refused.value.message() == (
        "C012 己化工 has meanwhile been given to someone else; waive its handover item instead."
    )
    assert everything(admin, case_id, second) == before
    assert customers.owner_on(admin, firm["jia"], START).name == "张伟"
    # The chosen items only, from any case; an unknown one is named.
    jia = next(i for i in items(admin, case_id, "customer") if i.customer_id == firm["jia"])
    with pytest.raises(ValidationError, match="Handover item 99999 does not exist"):
        handover.confirm_pending(li, None, [jia.id, 99999])
    assert everything(admin, case_id, second) == before
    assert handover.confirm_pending(li, None, [jia.id]).ids == {jia.id}
    assert customers.owner_on(admin, firm["jia"], START).name == "李娜"


def test_confirm_pending_in_one_case_names_what_the_actor_may_not_confirm(
    admin, firm, case_id, login_as
):
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]])
    handover.assign_successor(admin, case_id, firm["zhao"], [firm["yi"]])
    by_customer = {i.customer_id: i for i in items(admin, case_id, "customer")}
    li = at(login_as(Role.SALES), START)
    before = everything(admin, case_id)
    chosen = [by_customer[firm["jia"]].id, by_customer[firm["yi"]].id]
    with pytest.raises(ValidationError, match="You are not the successor of C002 乙化工"):
        handover.confirm_pending(li, case_id, chosen)
    assert everything(admin, case_id) == before
    manager = at(login_as(Role.MANAGER), START)
    assert handover.confirm_pending(manager, case_id, chosen).ids == set(chosen)


# --------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("role", [Role.SALES, Role.AUDITOR, Role.FINANCE])
def test_roles_without_handover_edit_are_refused_and_nothing_changes(
    admin, firm, case_id, login_as, role
):
    ctx = at(login_as(role), START)
    chosen = [i.id for i in items(admin, case_id, "checklist")[:2]]
    before = everything(admin, case_id)
    for call in (
        lambda: handover.update_items(ctx, case_id, chosen, ItemUpdate(note="x")),
        lambda: handover.waive_items(ctx, case_id, chosen, "x"),
        lambda: handover.complete_items(ctx, case_id, chosen),
    ):
        with pytest.raises(PermissionDenied, match=r"handover\.edit"):
            call()
    assert everything(admin, case_id) == before


def test_hr_may_not_confirm_and_an_unknown_case_is_not_found(admin, firm, case_id, login_as):
    handover.assign_successor(admin, case_id, firm["li"], [firm["jia"]])
    hr = at(login_as(Role.HR), START)
    with pytest.raises(PermissionDenied, match=r"handover\.confirm"):
        handover.confirm_pending(hr, case_id)
    with pytest.raises(NotFound):
        handover.update_items(admin, 99999, [1], ItemUpdate(note="x"))


# --------------------------------------------------------------------------- bad input


def _bad_batches(admin, firm, case_id, tmp_path):
    """Each: (use case, a call that must be refused with a plain error, changing nothing)."""
    rows = items(admin, case_id)
    customer = next(i for i in rows if i.kind == "customer")
    checklist = [i for i in rows if i.kind == "checklist"]
    laptop = next(i for i in checklist if i.evidence_required)
    plain = next(i for i in checklist if not i.evidence_required)
    other_case = in_handover(admin, firm["zhao"])
    foreign = items(admin, other_case)[0]
    up = EvidenceUpload
    note = ItemUpdate(note="x")
    return {
        "update: no items": lambda: handover.update_items(admin, case_id, [], note),
        "update: unknown id": lambda: handover.update_items(admin, case_id, [plain.id, -5], note),
        "update: another case's item": lambda: handover.update_items(
            admin, case_id, [plain.id, foreign.id], note
        ),
        "update: unknown case": lambda: handover.update_items(admin, 99999, [plain.id], note),
        "update: told on a checklist line": lambda: handover.update_items(
            admin, case_id, [customer.id, plain.id], ItemUpdate(customer_informed=True)
        ),
        "update: planned in the past": lambda: handover.update_items(
            admin, case_id, [customer.id], ItemUpdate(planned_on=date(2030, 3, 3))
        ),
        "update: unknown responsible": lambda: handover.update_items(
            admin, case_id, [plain.id], ItemUpdate(responsible_id=99999)
        ),
        "update: note too long": lambda: handover.update_items(
            admin, case_id, [plain.id], ItemUpdate(note="长" * 4001)
        ),
        "update: told how too long": lambda: handover.update_items(
            admin, case_id, [customer.id], ItemUpdate(customer_informed=True, informed_how="x" * 65)
        ),
        "waive: blank reason": lambda: handover.waive_items(admin, case_id, [plain.id], " \n"),
        "waive: reason too long": lambda: handover.waive_items(
            admin, case_id, [plain.id], "x" * 257
        ),
        "waive: customer still owned": lambda: handover.waive_items(
            admin, case_id, [plain.id, customer.id], "gone"
        ),
        "waive: unknown id": lambda: handover.waive_items(admin, case_id, [plain.id, 0], "gone"),
        "complete: evidence missing": lambda: handover.complete_items(
            admin, case_id, [plain.id, laptop.id]
        ),
        "complete: a transfer item": lambda: handover.complete_items(
            admin, case_id, [plain.id, customer.id]
        ),
        "complete: empty file": lambda: handover.complete_items(
            admin, case_id, [laptop.id], {laptop.id: [up("a.pdf", b"")]}
        ),
        "complete: file too large": lambda: handover.complete_items(
            admin, case_id, [laptop.id], {laptop.id: [up("a.pdf", b"x" * (20 * 2**20 + 1))]}
        ),
        "complete: nameless file": lambda: handover.complete_items(
            admin, case_id, [laptop.id], {laptop.id: [up(" ", b"%PDF")]}
        ),
        "complete: evidence for an item not done": lambda: handover.complete_items(
            admin, case_id, [plain.id], {laptop.id: [up("a.pdf", b"%PDF")]}
        ),
        "complete: unreadable file": lambda: handover.complete_items(
            admin, case_id, [laptop.id], {laptop.id: [tmp_path]}
        ),
        "complete: note too long": lambda: handover.complete_items(
            admin, case_id, [plain.id], None, "x" * 4001
        ),
        "confirm: a checklist line": lambda: handover.confirm_pending(admin, case_id, [plain.id]),
        "confirm: no successor": lambda: handover.confirm_pending(admin, case_id, [customer.id]),
        "confirm: unknown id": lambda: handover.confirm_pending(admin, None, [customer.id, -1]),
        "confirm: no items": lambda: handover.confirm_pending(admin, None, []),
        "confirm: no items of a case": lambda: handover.confirm_pending(admin, case_id, []),
        "confirm: nothing waiting": lambda: handover.confirm_pending(admin),
        "confirm: unknown case": lambda: handover.confirm_pending(admin, 99999),
    }, (case_id, other_case)


BAD = [
    "update: no items",
    "update: unknown id",
    "update: another case's item",
    "update: unknown case",
    "update: told on a checklist line",
    "update: planned in the past",
    "update: unknown responsible",
    "update: note too long",
    "update: told how too long",
    "waive: blank reason",
    "waive: reason too long",
    "waive: customer still owned",
    "waive: unknown id",
    "complete: evidence missing",
    "complete: a transfer item",
    "complete: empty file",
    "complete: file too large",
    "complete: nameless file",
    "complete: evidence for an item not done",
    "complete: unreadable file",
    "complete: note too long",
    "confirm: a checklist line",
    "confirm: no successor",
    "confirm: unknown id",
    "confirm: no items",
    "confirm: no items of a case",
    "confirm: nothing waiting",
    "confirm: unknown case",
]


@pytest.mark.parametrize("name", BAD)
def test_every_bad_batch_is_refused_plainly_and_changes_nothing(
    admin, firm, case_id, tmp_path, name
):
    calls, cases = _bad_batches(admin, firm, case_id, tmp_path)
    assert sorted(calls) == sorted(BAD)
    before = everything(admin, *cases)
    with pytest.raises(BatonError) as refused:
        calls[name]()
    assert refused.value.message() and "Traceback" not in refused.value.message()
    assert everything(admin, *cases) == before
