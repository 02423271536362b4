"""Reading a case's handover items as rows, recording their transfer details, and waiving them.

Separate from generation and confirmation: these are the everyday edits HR and managers make
while the handover runs (planned date, customer told, note, responsible, waived with a reason).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.accounts import User
from desktop.models.customers import Contract, Customer
from desktop.models.departures import (
    DepartureCase,
    HandoverEvidence,
    HandoverItem,
    ItemKind,
    ItemStatus,
)
from desktop.models.orders import Order, Receivable
from desktop.models.staff import Employee
from desktop.models.types import from_fen
from desktop.services import money, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.cases import (
    MSG_ITEM_NOT_FOUND,
    _check_planned,
    _editable,
    add_event,
    case_in_scope,
)
from desktop.services.permissions import Action
from desktop.services.validation import Problems, optional_text, required_text

# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class ItemRow:
    """One handover item as the case screen shows it, with the names it refers to.

    ``amount`` is what the item was worth when generated (a customer: its open receivables; a
    receivable: its outstanding amount; an order: its revenue); ``outstanding_now`` is a
    receivable's outstanding amount today. ``successor`` is who takes the item over (for a
    receivable: who collects it); ``responsible`` who must do it (checklist items).
    """

    id: int
    case_id: int
    ref: str
    kind: str
    category: str
    title: str
    status: str
    required: bool
    evidence_required: bool
    evidence_count: int
    customer_id: int | None
    customer_code: str | None
    customer_name: str | None
    customer_region: str | None
    customer_industry: str | None
    receivable_id: int | None
    receivable_number: str | None
    due_date: date | None
    outstanding_now: Decimal | None
    order_id: int | None
    order_number: str | None
    contract_id: int | None
    contract_number: str | None
    user_id: int | None
    username: str | None
    responsible_role: str | None
    responsible_id: int | None
    responsible_name: str | None
    successor_id: int | None
    successor_no: str | None
    successor_name: str | None
    due_on: date | None
    planned_on: date | None
    effective_on: date | None
    amount: Decimal | None
    customer_informed: bool | None
    informed_on: date | None
    informed_how: str | None
    waived_reason: str | None
    completed_by: str | None
    completed_at: datetime | None
    confirmed_by: str | None
    confirmed_at: datetime | None
    note: str | None
    version: int
    #: Why a successor outside the rules was chosen (shown on the form).
    successor_reason: str | None = None
    #: Why the customer is not to be told (informing waived; shown on the form).
    informed_waived_reason: str | None = None


@dataclass(frozen=True)
class ItemUpdate:
    """Details of an item to change; a field left None stays as it is."""

    planned_on: date | None = None
    customer_informed: bool | None = None
    informed_on: date | None = None
    informed_how: str | None = None
    note: str | None = None
    responsible_id: int | None = None


# --------------------------------------------------------------------------- reading items

#: ItemRow's fields in order (what :func:`_item_row` is given).
_ITEM_FIELDS = tuple(f.name for f in fields(ItemRow))


def _item_row(values: tuple[Any, ...]) -> ItemRow:
    """An ItemRow from its values in field order, without the frozen dataclass's __init__
    (a setattr per field, 48 fields): a 2,000-customer case makes over 5,000 of them each
    time it is opened. Same object: equality, ``replace`` and attribute reads are as usual."""
    row = object.__new__(ItemRow)
    row.__dict__.update(zip(_ITEM_FIELDS, values, strict=True))
    return row


def items_in(
    s: Session,
    case_id: int,
    as_of: date,
    *,
    item_ids: Iterable[int] | None = None,
    successor_id: int | None = None,
    open_only: bool = False,
) -> list[ItemRow]:
    """The case's items with everything they refer to (kind, then title).

    Columns, not ORM objects: the case screen of a salesperson with 2,000 customers reads
    about 6,000 items, and building entities for them would cost more than the query.
    """
    successor = aliased(Employee)
    responsible = aliased(Employee)
    h = HandoverItem
    query = (
        select(
            h.id,
            h.ref,
            h.kind,
            h.category,
            h.title,
            h.status,
            h.required,
            h.evidence_required,
            h.customer_id,
            Customer.code,
            Customer.name,
            Customer.region,
            Customer.industry,
            h.receivable_id,
            Receivable.number,
            Receivable.due_on,
            money.outstanding_fen(),
            h.order_id,
            Order.number,
            h.contract_id,
            Contract.number,
            h.user_id,
            User.username,
            h.responsible_role,
            h.responsible_id,
            responsible.name,
            h.successor_id,
            successor.employee_no,
            successor.name,
            h.due_on,
            h.planned_on,
            h.effective_on,
            h.amount,
            h.customer_informed,
            h.informed_on,
            h.informed_how,
            h.waived_reason,
            h.completed_by,
            h.completed_at,
            h.confirmed_by,
            h.confirmed_at,
            h.note,
            h.version,
            h.successor_reason,
            h.informed_waived_reason,
        )
        .outerjoin(Customer, Customer.id == h.customer_id)
        .outerjoin(Receivable, Receivable.id == h.receivable_id)
        .outerjoin(Order, Order.id == h.order_id)
        .outerjoin(Contract, Contract.id == h.contract_id)
        .outerjoin(User, User.id == h.user_id)
        .outerjoin(responsible, responsible.id == h.responsible_id)
        .outerjoin(successor, successor.id == h.successor_id)
        .where(h.case_id == case_id)
    )
    if item_ids is not None:
        query = query.where(h.id.in_(list(item_ids)))
    if successor_id is not None:
        query = query.where(h.successor_id == successor_id)
    if open_only:
        query = query.where(h.status == ItemStatus.OPEN.value)
    users = dict(s.execute(select(User.id, User.display_name)).all())  # people by name
    evidence = dict(
        s.execute(
            select(HandoverEvidence.item_id, func.count())
            .join(h, h.id == HandoverEvidence.item_id)
            .where(h.case_id == case_id)
            .group_by(HandoverEvidence.item_id)
        ).all()
    )
    kind_order = {k.value: i for i, k in enumerate(ItemKind)}
    rows = []
    # Core rows (no ORM row processing) and rows made without the frozen dataclass's
    # per-field setattr: a 2,000-customer case has over 5,000 items to show.
    for r in s.connection().execute(query).all():
        (
            ident, ref, kind, category, title, status, required, evidence_required,
            customer_id, code, cname, region, industry,
            receivable_id, rnumber, rdue, rfen,
            order_id, onumber, contract_id, knumber, user_id, username,
            role, responsible_id, rname, successor_id_, sno, sname,
            due_on, planned_on, effective_on, amount, informed, informed_on, informed_how,
            waived, completed_by, completed_at, confirmed_by, confirmed_at, note, version,
            successor_reason, informed_waived,
        ) = r  # fmt: skip
        rows.append(
            _item_row(
                (
                    ident, case_id, ref, kind, category, title, status, required,
                    evidence_required, evidence.get(ident, 0),
                    customer_id, code, cname, region, industry,
                    receivable_id, rnumber, rdue,
                    from_fen(rfen) if receivable_id is not None else None,
                    order_id, onumber, contract_id, knumber, user_id, username,
                    role, responsible_id, rname, successor_id_, sno, sname,
                    due_on, planned_on, effective_on, amount, informed, informed_on,
                    informed_how, waived, users.get(completed_by), completed_at,
                    users.get(confirmed_by), confirmed_at, note, version,
                    successor_reason, informed_waived,
                )
            )
        )  # fmt: skip
    rows.sort(key=lambda r: (kind_order.get(r.kind, 99), r.title, r.id))
    return rows


def list_items(ctx: ServiceContext, case_id: int) -> list[ItemRow]:
    """Every item of a case the actor may see."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        case_in_scope(ctx, s, case_id)
        return items_in(s, case_id, ctx.today())


# --------------------------------------------------------------------------- item details

MSG_NO_ITEMS = QT_TRANSLATE_NOOP("Errors", "Choose at least one handover item.")


def items_for_edit(
    ctx: ServiceContext, s: Session, case_id: int, item_ids: Iterable[int]
) -> tuple[list[HandoverItem], DepartureCase]:
    """Load a batch of a case's items for a change: the case in scope and still open, every
    id one of its items (in the order given, repeats dropped). Any id that is not refuses the
    whole batch, naming it — before anything was written."""
    wanted = list(dict.fromkeys(item_ids))
    if not wanted:
        raise ValidationError(MSG_NO_ITEMS, field="item_ids")
    case = case_in_scope(ctx, s, case_id)
    _editable(case)
    found = {
        i.id: i
        for i in s.scalars(
            select(HandoverItem).where(HandoverItem.case_id == case.id, HandoverItem.id.in_(wanted))
        )
    }
    p = Problems()
    for ident in wanted:
        if ident not in found:
            p.add(ValidationError(MSG_ITEM_NOT_FOUND, field="item_ids", id=ident))
    p.raise_if_any()
    return [found[i] for i in wanted], case


def case_of_item(s: Session, item_id: int) -> int:
    """The case an item belongs to (NotFound names the item); the single-item use cases are
    the batch ones on the item's case."""
    case_id = s.scalar(select(HandoverItem.case_id).where(HandoverItem.id == item_id))
    if case_id is None:
        raise NotFound(MSG_ITEM_NOT_FOUND, id=item_id)
    return case_id


def _check_update(
    s: Session, case: DepartureCase, data: ItemUpdate, today: date
) -> tuple[str | None, str | None]:
    """Check what does not depend on the item: the date, the texts, the responsible person.
    Returns the cleaned note and informed-how."""
    _check_planned(case, data.planned_on, today)
    note = optional_text(data.note, "note", 4000) if data.note is not None else None
    how = optional_text(data.informed_how, "informed_how", 64) if data.customer_informed else None
    if data.responsible_id is not None and s.get(Employee, data.responsible_id) is None:
        raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=data.responsible_id)
    return note, how


def update_items(
    ctx: ServiceContext, case_id: int, item_ids: Iterable[int], data: ItemUpdate
) -> Changes:
    """Record the same transfer details on several items of a case — the planned date, whether
    and how the customer was told (客户告知), a note, who is responsible — in one transaction.

    All or nothing: every refusal (an item not of the case, "told" on an item that is not a
    customer) is reported at once, naming the item, and nothing changes."""
    ctx.require(Action.HANDOVER_EDIT)
    with ctx.transaction() as s:
        return _update_in(ctx, s, case_id, item_ids, data)


def _update_in(
    ctx: ServiceContext, s: Session, case_id: int, item_ids: Iterable[int], data: ItemUpdate
) -> Changes:
    items, case = items_for_edit(ctx, s, case_id, item_ids)
    today = ctx.today()
    note, how = _check_update(s, case, data, today)
    if data.customer_informed is not None:
        p = Problems()
        for item in items:
            if item.kind != ItemKind.CUSTOMER.value:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "{title}: only a customer's handover records whether the customer "
                            "was told.",
                        ),
                        field="customer_informed",
                        title=item.title,
                    )
                )
        p.raise_if_any()
    for item in items:
        if data.planned_on is not None:
            item.planned_on = data.planned_on
        if data.customer_informed is not None:
            item.customer_informed = data.customer_informed
            item.informed_on = (data.informed_on or today) if data.customer_informed else None
            item.informed_how = how
            item.informed_waived_reason = None  # told (or not) is recorded now
        if note is not None:
            item.note = note
        if data.responsible_id is not None:
            item.responsible_id = data.responsible_id
    return Changes.of(Kind.HANDOVER, ids=frozenset(i.id for i in items))


def update_item(ctx: ServiceContext, item_id: int, data: ItemUpdate) -> Changes:
    """:func:`update_items` for one item."""
    ctx.require(Action.HANDOVER_EDIT)
    with ctx.transaction() as s:
        return _update_in(ctx, s, case_of_item(s, item_id), [item_id], data)


def waive_items(ctx: ServiceContext, case_id: int, item_ids: Iterable[int], reason: str) -> Changes:
    """Set items aside with one reason (an invoice paid meanwhile, an asset never issued), in
    one transaction with one line in the case's history.

    A confirmed or waived item, or a customer the leaver still owns (it needs a successor),
    refuses the whole batch: every such item is named and nothing changes."""
    ctx.require(Action.HANDOVER_EDIT)
    clean = _waive_reason(reason)
    with ctx.transaction() as s:
        return _waive_in(ctx, s, case_id, item_ids, clean)


def waive_item(ctx: ServiceContext, item_id: int, reason: str) -> Changes:
    """:func:`waive_items` for one item."""
    ctx.require(Action.HANDOVER_EDIT)
    clean = _waive_reason(reason)
    with ctx.transaction() as s:
        return _waive_in(ctx, s, case_of_item(s, item_id), [item_id], clean)


def _waive_reason(reason: str) -> str:
    return required_text(
        reason, "reason", 256, QT_TRANSLATE_NOOP("Errors", "Give the reason for waiving the item.")
    )


def _waive_in(
    ctx: ServiceContext, s: Session, case_id: int, item_ids: Iterable[int], reason: str
) -> Changes:
    items, case = items_for_edit(ctx, s, case_id, item_ids)
    today = ctx.today()
    p = Problems()
    for item in items:
        if item.status in (ItemStatus.CONFIRMED.value, ItemStatus.WAIVED.value):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{title} is {status} already."),
                    title=item.title,
                    status=item.status,
                )
            )
        elif (
            item.kind == ItemKind.CUSTOMER.value
            and item.customer_id is not None
            and scope.current_owner_id(s, item.customer_id, today) == case.employee_id
        ):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "{title} is still owned by the leaver: name a successor (or release it "
                        "to the pool) instead of waiving it.",
                    ),
                    title=item.title,
                )
            )
    p.raise_if_any()
    now = ctx.now()
    for item in items:
        item.status = ItemStatus.WAIVED.value
        item.waived_reason = reason
        item.completed_by = ctx.actor.user_id
        item.completed_at = now
    add_event(ctx, s, case, "waive", f"{len(items)}: {reason}")
    return Changes.of(Kind.HANDOVER, ids=frozenset(i.id for i in items))
