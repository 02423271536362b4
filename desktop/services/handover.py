"""Handover items (交接事项): generated from live data at approval, worked through, confirmed.

Why from live data: a handover list typed by hand forgets exactly the customers and invoices
that matter. At approval the case gets one item per customer the employee owns that day, per
open receivable they sold or that belongs to those customers (who collects it), per open order
they sold, per open contract, per app account of theirs, and the lines of the checklist template
of their position. Generating again adds only what is new (each item's ``ref`` is unique per
case), so it is complete and idempotent.

Ownership moves only when the successor confirms receipt (or a manager confirms for them):
:func:`confirm_items` reassigns the customer with reason "handover", effective on the later of
the confirmation day and the planned transfer date — never before.

Who may do what: HR, managers and administrators edit items (``handover.edit``); a salesperson
confirms the items of which they are the successor, a manager or administrator may confirm on a
successor's behalf (``handover.confirm``; the confirmation records who pressed the button).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, insert, or_, select, union
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.accounts import Role, User
from desktop.models.customers import Contract, ContractStatus, Customer, CustomerAssignment
from desktop.models.departures import (
    CaseEvent,
    CaseState,
    ChecklistTemplate,
    ChecklistTemplateItem,
    DepartureCase,
    HandoverEvidence,
    HandoverItem,
    ItemCategory,
    ItemKind,
    ItemStatus,
)
from desktop.models.orders import Order, OrderStatus, Receivable
from desktop.models.staff import Employee, EmployeeStatus, Position, PositionCategory
from desktop.models.types import from_fen
from desktop.services import customers, departure_templates, receivables, scope
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, can
from desktop.services.validation import Problems, optional_text, required_text

#: States in which the items can still change.
HANDOVER_STATES = (
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
)
#: States in which successors confirm receipt.
CONFIRM_STATES = (CaseState.IN_HANDOVER.value, CaseState.AWAITING_CONFIRMATION.value)
#: Items generated from records, each needing a successor (receivables: a collector).
TRANSFER_KINDS = (
    ItemKind.CUSTOMER.value,
    ItemKind.CONTRACT.value,
    ItemKind.RECEIVABLE.value,
    ItemKind.ORDER.value,
)
OPEN_ORDER_STATUSES = (OrderStatus.OPEN.value, OrderStatus.DELIVERED.value)
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024

KIND_CATEGORY = {
    ItemKind.CUSTOMER.value: ItemCategory.CUSTOMERS.value,
    ItemKind.CONTRACT.value: ItemCategory.CONTRACTS.value,
    ItemKind.RECEIVABLE.value: ItemCategory.RECEIVABLES.value,
    ItemKind.ORDER.value: ItemCategory.OPEN_ORDERS.value,
    ItemKind.ACCOUNT.value: ItemCategory.ACCOUNTS.value,
}

MSG_CASE_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Departure case {id} does not exist or is outside what you may see."
)
MSG_ITEM_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Handover item {id} does not exist or is outside what you may see."
)
MSG_CASE_FROZEN = QT_TRANSLATE_NOOP(
    "Errors", "Departure case {case} is {state}: its handover items can no longer change."
)


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


@dataclass(frozen=True)
class ItemUpdate:
    """Details of an item to change; a field left None stays as it is."""

    planned_on: date | None = None
    customer_informed: bool | None = None
    informed_on: date | None = None
    informed_how: str | None = None
    note: str | None = None
    responsible_id: int | None = None


@dataclass(frozen=True)
class SuccessorSuggestion:
    """A suggested successor for one customer, and why (region, industry, workload).

    ``explanation_template`` is translatable (context "Errors"); ``explanation`` is it filled
    in, untranslated. ``load_after`` counts the customers the candidate would own once every
    suggestion of the same run is applied.
    """

    customer_id: int
    customer_code: str
    customer_name: str
    employee_id: int
    employee_no: str
    employee_name: str
    score: float
    region_match: bool
    industry_match: bool
    load_after: int
    explanation_template: str
    explanation_params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def explanation(self) -> str:
        return self.explanation_template.format(**self.explanation_params)


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    item_id: int
    file_name: str
    sha256: str
    size: int
    uploaded_by: str | None
    uploaded_at: datetime


@dataclass(frozen=True)
class EvidenceFile:
    """An attachment's bytes, as stored (the hash lets the caller check them)."""

    id: int
    file_name: str
    sha256: str
    data: bytes


@dataclass(frozen=True)
class TemplateItemInput:
    """A checklist line; ``id`` keeps an existing line (None: a new one)."""

    title: str
    category: str
    responsible_role: str
    due_offset_days: int = 0
    required: bool = True
    evidence_required: bool = False
    id: int | None = None


@dataclass(frozen=True)
class TemplateInput:
    """A checklist template; ``id`` None creates one. Lines left out are taken out of use."""

    name: str
    position_category: str
    items: tuple[TemplateItemInput, ...]
    id: int | None = None


@dataclass(frozen=True)
class TemplateItemInfo:
    id: int
    position: int
    title: str
    category: str
    responsible_role: str
    due_offset_days: int
    required: bool
    evidence_required: bool


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    name: str
    position_category: str
    active: bool
    version: int
    items: tuple[TemplateItemInfo, ...]


# --------------------------------------------------------------------------- access


def case_filter(ctx: ServiceContext, s: Session) -> ColumnElement[bool] | None:
    """Cases the actor may see: all for HR, finance, admin and auditors; a manager those of
    their branch's staff and of the employees they manage; None means no filter."""
    sc = scope.scope_of(ctx, s)
    if sc.everyone:
        return None
    people = scope.staff_ids(sc)
    assert people is not None
    if ctx.actor.role is Role.MANAGER and ctx.actor.employee_id is not None:
        managed = select(Employee.id).where(Employee.manager_id == ctx.actor.employee_id)
        return or_(DepartureCase.employee_id.in_(people), DepartureCase.employee_id.in_(managed))
    return DepartureCase.employee_id.in_(people)


def case_in_scope(ctx: ServiceContext, s: Session, case_id: int) -> DepartureCase:
    """Load a case the actor may see, or raise :class:`NotFound`."""
    case = s.get(DepartureCase, case_id)
    if case is None:
        raise NotFound(MSG_CASE_NOT_FOUND, id=case_id)
    where = case_filter(ctx, s)
    if where is not None and not s.scalar(
        select(DepartureCase.id).where(DepartureCase.id == case_id, where)
    ):
        raise NotFound(MSG_CASE_NOT_FOUND, id=case_id)
    return case


def add_event(
    ctx: ServiceContext,
    s: Session,
    case: DepartureCase,
    action: str,
    comment: str | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
) -> None:
    """One line of the case's history: who, when, what, and their comment."""
    s.add(
        CaseEvent(
            case_id=case.id,
            at=ctx.now(),
            user_id=ctx.actor.user_id,
            actor=ctx.actor.username,
            action=action,
            from_state=from_state,
            to_state=to_state,
            comment=comment,
        )
    )


def _editable(case: DepartureCase) -> None:
    if case.state not in HANDOVER_STATES:
        raise ValidationError(MSG_CASE_FROZEN, case=case.number, state=case.state)


def _item_for_edit(
    ctx: ServiceContext, s: Session, item_id: int
) -> tuple[HandoverItem, DepartureCase]:
    item = s.get(HandoverItem, item_id)
    if item is None:
        raise NotFound(MSG_ITEM_NOT_FOUND, id=item_id)
    case = case_in_scope(ctx, s, item.case_id)
    _editable(case)
    return item, case


# --------------------------------------------------------------------------- generation


def owned_customers(employee_id: int, day: date) -> Any:
    """Customers the employee owns on ``day`` (a subquery of ids)."""
    return select(CustomerAssignment.customer_id).where(
        CustomerAssignment.employee_id == employee_id, scope.covers(day)
    )


def leaver_receivables(employee_id: int, day: date) -> Any:
    """Ids of the receivables an employee leaves behind: sold by them, or of customers they
    own on ``day`` (a UNION, so each half uses its index instead of scanning the table)."""
    return union(
        select(Receivable.id).where(Receivable.salesperson_id == employee_id),
        select(Receivable.id).where(Receivable.customer_id.in_(owned_customers(employee_id, day))),
    )


def template_for(s: Session, category: str | None) -> ChecklistTemplate | None:
    """The active checklist template of a position category, else the generic one."""
    for wanted in (category or PositionCategory.OTHER.value, PositionCategory.OTHER.value):
        found = s.scalar(
            select(ChecklistTemplate)
            .where(
                ChecklistTemplate.position_category == wanted,
                ChecklistTemplate.active.is_(True),
            )
            .order_by(ChecklistTemplate.id.desc())
            .limit(1)
        )
        if found is not None:
            return found
    return None


def generate_in(ctx: ServiceContext, s: Session, case: DepartureCase) -> dict[str, int]:
    """Add the items the case lacks, from live data on ``ctx.today()``; return the counts
    added per kind. Items already there are never touched, so this can run again."""
    today = ctx.today()
    now = ctx.now()
    employee = s.get(Employee, case.employee_id)
    assert employee is not None
    known = set(s.scalars(select(HandoverItem.ref).where(HandoverItem.case_id == case.id)))
    owned = owned_customers(employee.id, today)
    rows: list[dict[str, Any]] = []
    # Every row names every column (one executemany needs the same keys in each).
    blank = dict.fromkeys(
        ("customer_id", "receivable_id", "order_id", "contract_id", "user_id"),
        None,
    ) | dict.fromkeys(("template_item_id", "responsible_role", "successor_id", "amount"), None)

    def add(ref: str, kind: str, title: str, **values: Any) -> None:
        if ref in known:
            return
        known.add(ref)
        rows.append(
            blank
            | {
                "case_id": case.id,
                "ref": ref,
                "kind": kind,
                "category": values.pop("category", KIND_CATEGORY.get(kind)),
                "title": title[:200],
                "status": ItemStatus.OPEN.value,
                "required": values.pop("required", True),
                "evidence_required": values.pop("evidence_required", False),
                "due_on": values.pop("due_on", case.last_day),
                "responsible_id": values.pop("responsible_id", employee.id),
                "created_at": now,
                "updated_at": now,
                "version": 1,
                **values,
            }
        )

    open_by_customer = dict(
        s.execute(
            select(Receivable.customer_id, func.sum(receivables.outstanding_fen()))
            .where(Receivable.customer_id.in_(owned), receivables.outstanding_fen() > 0)
            .group_by(Receivable.customer_id)
        ).all()
    )
    for cid, code, name in s.execute(
        select(Customer.id, Customer.code, Customer.name)
        .where(Customer.id.in_(owned))
        .order_by(Customer.code)
    ):
        add(
            f"customer:{cid}",
            ItemKind.CUSTOMER.value,
            f"{code} {name}",
            customer_id=cid,
            amount=from_fen(open_by_customer.get(cid)),
        )
    for kid, number, title, cust in s.execute(
        select(Contract.id, Contract.number, Contract.title, Contract.customer_id)
        .where(
            Contract.status == ContractStatus.ACTIVE.value,
            or_(Contract.employee_id == employee.id, Contract.customer_id.in_(owned)),
        )
        .order_by(Contract.number)
    ):
        add(
            f"contract:{kid}",
            ItemKind.CONTRACT.value,
            f"{number} {title or ''}".strip(),
            contract_id=kid,
            customer_id=cust,
        )
    for rid, number, cust, collector, fen in s.execute(
        select(
            Receivable.id,
            Receivable.number,
            Receivable.customer_id,
            Receivable.collector_id,
            receivables.outstanding_fen(),
        )
        .where(
            receivables.outstanding_fen() > 0,
            Receivable.id.in_(leaver_receivables(employee.id, today)),
        )
        .order_by(Receivable.due_on, Receivable.id)
    ):
        add(
            f"receivable:{rid}",
            ItemKind.RECEIVABLE.value,
            number,
            receivable_id=rid,
            customer_id=cust,
            amount=from_fen(fen),
            successor_id=collector if collector not in (None, employee.id) else None,
        )
    for oid, number, cust, revenue in s.execute(
        select(Order.id, Order.number, Order.customer_id, Order.revenue)
        .where(Order.salesperson_id == employee.id, Order.status.in_(OPEN_ORDER_STATUSES))
        .order_by(Order.order_date, Order.id)
    ):
        add(
            f"order:{oid}",
            ItemKind.ORDER.value,
            number,
            order_id=oid,
            customer_id=cust,
            amount=revenue,
        )
    for uid, username in s.execute(
        select(User.id, User.username).where(
            User.employee_id == employee.id, User.removed.is_(False)
        )
    ):
        add(f"account:{uid}", ItemKind.ACCOUNT.value, username, user_id=uid, responsible_id=None)
    category = s.scalar(select(Position.category).where(Position.id == employee.position_id))
    template = template_for(s, category)
    if template is not None:
        for t in s.scalars(
            select(ChecklistTemplateItem)
            .where(
                ChecklistTemplateItem.template_id == template.id,
                ChecklistTemplateItem.active.is_(True),
            )
            .order_by(ChecklistTemplateItem.position, ChecklistTemplateItem.id)
        ):
            who = {"employee": employee.id, "manager": employee.manager_id}.get(t.responsible_role)
            add(
                f"template:{t.id}",
                ItemKind.CHECKLIST.value,
                t.title,
                category=t.category,
                template_item_id=t.id,
                responsible_role=t.responsible_role,
                responsible_id=who,
                required=t.required,
                evidence_required=t.evidence_required,
                due_on=case.last_day + timedelta(days=t.due_offset_days),
            )
    if rows:
        # Core executemany: thousands of items in one statement instead of one ORM flush per
        # row; the audit log gets one event listing what was generated.
        s.connection().execute(insert(HandoverItem.__table__), rows)
    added = Counter(r["kind"] for r in rows)
    audit.record(
        s,
        "handover.generated",
        "departure_case",
        case.id,
        {
            "added": dict(added),
            "refs_sha256": hashlib.sha256(
                "\n".join(sorted(r["ref"] for r in rows)).encode()
            ).hexdigest(),
        },
    )
    case.generated_at = now
    return dict(added)


def refresh_items(ctx: ServiceContext, case_id: int) -> Changes:
    """Generate again during the handover: customers, invoices and orders that appeared since
    approval are added; nothing present is changed. ``Changes.ids`` holds the case id."""
    ctx.require(Action.HANDOVER_EDIT)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        _editable(case)
        added = generate_in(ctx, s, case)
        if added:
            add_event(
                ctx,
                s,
                case,
                "refresh",
                ", ".join(f"{k} +{n}" for k, n in sorted(added.items())),
            )
    return Changes.of("departures", "handover", ids=frozenset({case_id}))


# --------------------------------------------------------------------------- reading items


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
            receivables.outstanding_fen(),
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
    users = dict(s.execute(select(User.id, User.username)).all())
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
    for r in s.execute(query):
        (
            ident, ref, kind, category, title, status, required, evidence_required,
            customer_id, code, cname, region, industry,
            receivable_id, rnumber, rdue, rfen,
            order_id, onumber, contract_id, knumber, user_id, username,
            role, responsible_id, rname, successor_id_, sno, sname,
            due_on, planned_on, effective_on, amount, informed, informed_on, informed_how,
            waived, completed_by, completed_at, confirmed_by, confirmed_at, note, version,
        ) = r  # fmt: skip
        rows.append(
            ItemRow(
                id=ident,
                case_id=case_id,
                ref=ref,
                kind=kind,
                category=category,
                title=title,
                status=status,
                required=required,
                evidence_required=evidence_required,
                evidence_count=evidence.get(ident, 0),
                customer_id=customer_id,
                customer_code=code,
                customer_name=cname,
                customer_region=region,
                customer_industry=industry,
                receivable_id=receivable_id,
                receivable_number=rnumber,
                due_date=rdue,
                outstanding_now=from_fen(rfen) if receivable_id is not None else None,
                order_id=order_id,
                order_number=onumber,
                contract_id=contract_id,
                contract_number=knumber,
                user_id=user_id,
                username=username,
                responsible_role=role,
                responsible_id=responsible_id,
                responsible_name=rname,
                successor_id=successor_id_,
                successor_no=sno,
                successor_name=sname,
                due_on=due_on,
                planned_on=planned_on,
                effective_on=effective_on,
                amount=amount,
                customer_informed=informed,
                informed_on=informed_on,
                informed_how=informed_how,
                waived_reason=waived,
                completed_by=users.get(completed_by),
                completed_at=completed_at,
                confirmed_by=users.get(confirmed_by),
                confirmed_at=confirmed_at,
                note=note,
                version=version,
            )
        )
    rows.sort(key=lambda r: (kind_order.get(r.kind, 99), r.title, r.id))
    return rows


def list_items(ctx: ServiceContext, case_id: int) -> list[ItemRow]:
    """Every item of a case the actor may see."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        case_in_scope(ctx, s, case_id)
        return items_in(s, case_id, ctx.today())


def pending_confirmations(ctx: ServiceContext) -> list[ItemRow]:
    """Items waiting for the acting successor's confirmation, in open handovers."""
    ctx.require(Action.HANDOVER_CONFIRM)
    if ctx.actor.employee_id is None:
        return []
    with ctx.transaction() as s:
        cases = s.scalars(
            select(HandoverItem.case_id)
            .join(DepartureCase, DepartureCase.id == HandoverItem.case_id)
            .where(
                HandoverItem.successor_id == ctx.actor.employee_id,
                HandoverItem.status == ItemStatus.OPEN.value,
                DepartureCase.state.in_(CONFIRM_STATES),
            )
            .distinct()
        ).all()
        out: list[ItemRow] = []
        for case_id in cases:
            out += items_in(
                s, case_id, ctx.today(), successor_id=ctx.actor.employee_id, open_only=True
            )
        return out


# --------------------------------------------------------------------------- successors


def customers_by_code(ctx: ServiceContext, case_id: int, codes: Iterable[str]) -> list[int]:
    """The ids of the case's customers with these codes; every unknown code is reported."""
    if not can(ctx.actor.role, Action.HANDOVER_EDIT):
        ctx.require(Action.HANDOVER_CONFIRM)
    wanted = [c.strip().upper() for c in codes]
    with ctx.transaction() as s:
        case = s.get(DepartureCase, case_id)
        if case is None:
            raise NotFound(MSG_CASE_NOT_FOUND, id=case_id)
        found = dict(
            s.execute(
                select(Customer.code, Customer.id)
                .join(HandoverItem, HandoverItem.customer_id == Customer.id)
                .where(
                    HandoverItem.case_id == case_id,
                    HandoverItem.kind == ItemKind.CUSTOMER.value,
                    Customer.code.in_(wanted),
                )
            ).all()
        )
        p = Problems()
        for code in wanted:
            if code not in found:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP("Errors", "{code} is not a customer of case {case}."),
                        field="customer_ids",
                        code=code,
                        case=case.number,
                    )
                )
        p.raise_if_any()
        return [found[c] for c in dict.fromkeys(wanted)]


def _successor(ctx: ServiceContext, s: Session, case: DepartureCase, employee_id: int) -> Employee:
    """An employee who may take items over: active, not the one leaving, in the actor's scope."""
    employee = s.get(Employee, employee_id)
    if employee is None:
        raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
    if employee.id == case.employee_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{name} is the one leaving and cannot be the successor."),
            field="successor_id",
            name=employee.name,
        )
    if employee.status != EmployeeStatus.ACTIVE.value:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{name} is not an active employee (status: {status}) and cannot take over a "
                "handover.",
            ),
            field="successor_id",
            name=employee.name,
            status=employee.status,
        )
    people = scope.staff_ids(scope.scope_of(ctx, s))
    if people is not None and s.scalar(people.where(Employee.id == employee_id)) is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "Employee {id} is outside your scope; you cannot give them customers."
            ),
            field="successor_id",
            id=employee_id,
        )
    return employee


def _check_planned(case: DepartureCase, planned_on: date | None, today: date) -> None:
    if planned_on is not None and planned_on < today:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "A transfer is planned for today or a later day (not {day})."
            ),
            field="planned_on",
            day=planned_on.isoformat(),
        )


def _set_successor(
    ctx: ServiceContext, items: Iterable[HandoverItem], employee_id: int, planned_on: date | None
) -> int:
    count = 0
    for item in items:
        if item.successor_id != employee_id:
            item.successor_id = employee_id
            item.successor_set_by = ctx.actor.user_id
        if planned_on is not None and item.planned_on != planned_on:
            item.planned_on = planned_on
        count += 1
    return count


def assign_successor(
    ctx: ServiceContext,
    case_id: int,
    employee_id: int,
    customer_ids: Iterable[int] | None = None,
    planned_on: date | None = None,
    everything: bool = False,
) -> Changes:
    """Name the successor of customers (all customers without one when ``customer_ids`` is
    None). The customers' open receivables, orders and contracts that have no successor (no
    collector) yet get the same one; with ``everything`` (and no ``customer_ids``) so do the
    other open items without one (invoices the leaver sold to other owners' customers …).
    Confirmed items keep theirs. Ownership does not move until the successor confirms.
    ``Changes.ids`` holds the item ids changed."""
    ctx.require(Action.HANDOVER_EDIT)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        _editable(case)
        _successor(ctx, s, case, employee_id)
        _check_planned(case, planned_on, ctx.today())
        query = select(HandoverItem).where(
            HandoverItem.case_id == case.id, HandoverItem.kind == ItemKind.CUSTOMER.value
        )
        if customer_ids is None:
            query = query.where(
                HandoverItem.successor_id.is_(None), HandoverItem.status == ItemStatus.OPEN.value
            )
        else:
            wanted = list(dict.fromkeys(customer_ids))
            query = query.where(HandoverItem.customer_id.in_(wanted))
        targets = list(s.scalars(query))
        if customer_ids is not None:
            _refuse_missing_or_closed(s, targets, wanted)
        ids = {t.id for t in targets}
        _set_successor(ctx, targets, employee_id, planned_on)
        related_query = select(HandoverItem).where(
            HandoverItem.case_id == case.id,
            HandoverItem.kind.in_(TRANSFER_KINDS[1:]),
            HandoverItem.successor_id.is_(None),
            HandoverItem.status == ItemStatus.OPEN.value,
        )
        if not (everything and customer_ids is None):
            related_query = related_query.where(
                HandoverItem.customer_id.in_([t.customer_id for t in targets])
            )
        related = s.scalars(related_query).all()
        ids |= {r.id for r in related}
        _set_successor(ctx, related, employee_id, None)
        return Changes.of("handover", ids=frozenset(ids))


def _refuse_missing_or_closed(
    s: Session, targets: list[HandoverItem], wanted_customers: list[int]
) -> None:
    p = Problems()
    found = {t.customer_id for t in targets}
    for cid in wanted_customers:
        if cid not in found:
            customer = s.get(Customer, cid)
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{customer} is not a customer of this handover."),
                    field="customer_ids",
                    customer=customer.name if customer else str(cid),
                )
            )
    for t in targets:
        if t.status != ItemStatus.OPEN.value:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "The handover of {title} is {status} already; it cannot change."
                    ),
                    field="customer_ids",
                    title=t.title,
                    status=t.status,
                )
            )
    p.raise_if_any()


def assign_items(
    ctx: ServiceContext,
    case_id: int,
    employee_id: int,
    item_ids: Iterable[int],
    planned_on: date | None = None,
) -> Changes:
    """Name the successor (a receivable's collector, an order's or contract's handler) of the
    given open items of any transferable kind."""
    ctx.require(Action.HANDOVER_EDIT)
    wanted = list(dict.fromkeys(item_ids))
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        _editable(case)
        _successor(ctx, s, case, employee_id)
        _check_planned(case, planned_on, ctx.today())
        items = {
            i.id: i
            for i in s.scalars(
                select(HandoverItem).where(
                    HandoverItem.case_id == case.id, HandoverItem.id.in_(wanted)
                )
            )
        }
        p = Problems()
        for ident in wanted:
            item = items.get(ident)
            if item is None:
                p.add(ValidationError(MSG_ITEM_NOT_FOUND, field="item_ids", id=ident))
            elif item.kind not in TRANSFER_KINDS or item.status != ItemStatus.OPEN.value:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "{title} is not an open item that a successor takes over."
                        ),
                        field="item_ids",
                        title=item.title,
                    )
                )
        p.raise_if_any()
        _set_successor(ctx, items.values(), employee_id, planned_on)
        return Changes.of("handover", ids=frozenset(items))


def _candidates(s: Session, departing: Employee) -> list[Employee]:
    base = select(Employee).where(
        Employee.is_sales.is_(True),
        Employee.status == EmployeeStatus.ACTIVE.value,
        Employee.id != departing.id,
    )
    if departing.branch_id is not None:
        same = list(s.scalars(base.where(Employee.branch_id == departing.branch_id)))
        if same:
            return same
    return list(s.scalars(base))


def suggest_successors(
    ctx: ServiceContext, case_id: int, customer_ids: Iterable[int] | None = None
) -> list[SuccessorSuggestion]:
    """Suggest a successor for each customer still without one (or for ``customer_ids``).

    Candidates are the active salespeople of the leaver's branch (else of the firm). Each
    customer goes to the candidate with the best score: +2 when the candidate already serves
    the customer's region, +1 for its industry, minus their workload relative to the average
    (counting the customers suggested to them in this same run, so the book is spread). Every
    suggestion says why. Nothing is saved: apply with :func:`apply_suggestions`.
    """
    ctx.require(Action.HANDOVER_EDIT)
    today = ctx.today()
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        departing = s.get(Employee, case.employee_id)
        assert departing is not None
        people = scope.staff_ids(scope.scope_of(ctx, s))
        allowed = set(s.scalars(people)) if people is not None else None
        pool = [c for c in _candidates(s, departing) if allowed is None or c.id in allowed]
        query = (
            select(Customer.id, Customer.code, Customer.name, Customer.region, Customer.industry)
            .join(HandoverItem, HandoverItem.customer_id == Customer.id)
            .where(
                HandoverItem.case_id == case.id,
                HandoverItem.kind == ItemKind.CUSTOMER.value,
                HandoverItem.status == ItemStatus.OPEN.value,
            )
            .order_by(Customer.code)
        )
        if customer_ids is None:
            query = query.where(HandoverItem.successor_id.is_(None))
        else:
            query = query.where(Customer.id.in_(list(customer_ids)))
        wanted = s.execute(query).all()
        if not pool or not wanted:
            return []
        ids = [c.id for c in pool]
        load: Counter[int] = Counter()
        regions: dict[int, Counter[str]] = defaultdict(Counter)
        industries: dict[int, Counter[str]] = defaultdict(Counter)
        for emp, region, industry, n in s.execute(
            select(CustomerAssignment.employee_id, Customer.region, Customer.industry, func.count())
            .join(Customer, Customer.id == CustomerAssignment.customer_id)
            .where(CustomerAssignment.employee_id.in_(ids), scope.covers(today))
            .group_by(CustomerAssignment.employee_id, Customer.region, Customer.industry)
        ):
            load[emp] += n
            if region:
                regions[emp][region] += n
            if industry:
                industries[emp][industry] += n
        average = max(1.0, sum(load[i] for i in ids) / len(ids))
        out = []
        for cid, code, name, region, industry in wanted:

            def score(
                c: Employee, region: str | None = region, industry: str | None = industry
            ) -> tuple[float, int, int]:
                points = 2.0 * bool(region and regions[c.id][region])
                points += 1.0 * bool(industry and industries[c.id][industry])
                points -= load[c.id] / average
                return (points, -load[c.id], -c.id)

            best = max(pool, key=score)
            in_region = regions[best.id][region] if region else 0
            in_industry = industries[best.id][industry] if industry else 0
            load[best.id] += 1
            template, params = _explain(region, industry, in_region, in_industry, load[best.id])
            out.append(
                SuccessorSuggestion(
                    customer_id=cid,
                    customer_code=code,
                    customer_name=name,
                    employee_id=best.id,
                    employee_no=best.employee_no,
                    employee_name=best.name,
                    score=round(score(best)[0], 3),
                    region_match=in_region > 0,
                    industry_match=in_industry > 0,
                    load_after=load[best.id],
                    explanation_template=template,
                    explanation_params=params,
                )
            )
        return out


def _explain(
    region: str | None, industry: str | None, in_region: int, in_industry: int, load: int
) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {
        "region": region or "",
        "industry": industry or "",
        "region_count": in_region,
        "industry_count": in_industry,
        "load": load,
    }
    if in_region and in_industry:
        template = QT_TRANSLATE_NOOP(
            "Errors",
            "Serves the same region ({region}: {region_count} customers) and industry "
            "({industry}: {industry_count}); {load} customers with this one.",
        )
    elif in_region:
        template = QT_TRANSLATE_NOOP(
            "Errors",
            "Serves the same region ({region}: {region_count} customers); {load} customers "
            "with this one.",
        )
    elif in_industry:
        template = QT_TRANSLATE_NOOP(
            "Errors",
            "Serves the same industry ({industry}: {industry_count} customers); {load} "
            "customers with this one.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "Errors",
            "Lightest workload: {load} customers with this one (no region or industry in common).",
        )
    return template, params


def apply_suggestions(
    ctx: ServiceContext,
    case_id: int,
    suggestions: Iterable[SuccessorSuggestion],
    planned_on: date | None = None,
) -> Changes:
    """Accept suggestions (as shown or edited): each customer gets its suggested successor."""
    by_employee: dict[int, list[int]] = defaultdict(list)
    for suggestion in suggestions:
        by_employee[suggestion.employee_id].append(suggestion.customer_id)
    ids: set[int] = set()
    for employee_id, customer_ids in by_employee.items():
        ids |= assign_successor(ctx, case_id, employee_id, customer_ids, planned_on).ids
    return Changes.of("handover", ids=frozenset(ids))


# --------------------------------------------------------------------------- item details


def update_item(ctx: ServiceContext, item_id: int, data: ItemUpdate) -> Changes:
    """Record transfer details: the planned date, whether and how the customer was told
    (客户告知), a note, who is responsible."""
    ctx.require(Action.HANDOVER_EDIT)
    with ctx.transaction() as s:
        item, case = _item_for_edit(ctx, s, item_id)
        if data.planned_on is not None:
            _check_planned(case, data.planned_on, ctx.today())
            item.planned_on = data.planned_on
        if data.customer_informed is not None:
            if item.kind != ItemKind.CUSTOMER.value:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Only a customer's handover records whether the customer was told.",
                    ),
                    field="customer_informed",
                )
            item.customer_informed = data.customer_informed
            item.informed_on = (data.informed_on or ctx.today()) if data.customer_informed else None
            item.informed_how = (
                optional_text(data.informed_how, "informed_how", 64)
                if data.customer_informed
                else None
            )
        if data.note is not None:
            item.note = optional_text(data.note, "note", 4000)
        if data.responsible_id is not None:
            if s.get(Employee, data.responsible_id) is None:
                raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=data.responsible_id)
            item.responsible_id = data.responsible_id
        return Changes.of("handover", ids=frozenset({item_id}))


def _disable_account(ctx: ServiceContext, s: Session, case: DepartureCase, user: User) -> bool:
    """Disable the leaver's app account (not the last enabled administrator); True if done."""
    if user.disabled:
        return True
    if user.role == Role.ADMIN.value:
        admins = s.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.ADMIN.value, User.disabled.is_(False), User.removed.is_(False))
        )
        if (admins or 0) <= 1:
            return False
    user.disabled = True
    user.disabled_reason = f"departure {case.number}: last working day {case.last_day.isoformat()}"
    return True


def close_account_items(ctx: ServiceContext, s: Session, case: DepartureCase) -> list[str]:
    """Disable every app account of the leaver and mark its item done; the usernames done."""
    done: list[str] = []
    for user in s.scalars(
        select(User).where(User.employee_id == case.employee_id, User.removed.is_(False))
    ):
        if not user.disabled and _disable_account(ctx, s, case, user):
            done.append(user.username)
        if user.disabled:
            for item in s.scalars(
                select(HandoverItem).where(
                    HandoverItem.case_id == case.id,
                    HandoverItem.user_id == user.id,
                    HandoverItem.status == ItemStatus.OPEN.value,
                )
            ):
                item.status = ItemStatus.DONE.value
                item.completed_by = ctx.actor.user_id
                item.completed_at = ctx.now()
    return done


def mark_done(ctx: ServiceContext, item_id: int, note: str = "") -> Changes:
    """The responsible person did a checklist item (its evidence attached first, when the
    template asks for it), or an account item: marking it done disables the account now."""
    ctx.require(Action.HANDOVER_EDIT)
    clean = optional_text(note, "note", 4000)
    with ctx.transaction() as s:
        item, case = _item_for_edit(ctx, s, item_id)
        if item.kind not in (ItemKind.CHECKLIST.value, ItemKind.ACCOUNT.value):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{title} is handed over when its successor confirms receipt, not marked done.",
                ),
                title=item.title,
            )
        if item.status != ItemStatus.OPEN.value:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{title} is {status} already."),
                title=item.title,
                status=item.status,
            )
        if item.evidence_required and not s.scalar(
            select(HandoverEvidence.id).where(HandoverEvidence.item_id == item.id).limit(1)
        ):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{title} needs its evidence attached first."),
                title=item.title,
            )
        if item.kind == ItemKind.ACCOUNT.value:
            user = s.get(User, item.user_id)
            assert user is not None
            if not _disable_account(ctx, s, case, user):
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "{username} is the last enabled administrator and must stay enabled.",
                    ),
                    username=user.username,
                )
        item.status = ItemStatus.DONE.value
        item.completed_by = ctx.actor.user_id
        item.completed_at = ctx.now()
        if clean:
            item.note = clean
        return Changes.of("handover", ids=frozenset({item_id}))


def waive_item(ctx: ServiceContext, item_id: int, reason: str) -> Changes:
    """Set an item aside with a reason (an invoice paid meanwhile, an asset never issued). A
    customer the leaver still owns cannot be waived: it needs a successor."""
    ctx.require(Action.HANDOVER_EDIT)
    clean = required_text(
        reason, "reason", 256, QT_TRANSLATE_NOOP("Errors", "Give the reason for waiving the item.")
    )
    with ctx.transaction() as s:
        item, case = _item_for_edit(ctx, s, item_id)
        if item.status in (ItemStatus.CONFIRMED.value, ItemStatus.WAIVED.value):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{title} is {status} already."),
                title=item.title,
                status=item.status,
            )
        if (
            item.kind == ItemKind.CUSTOMER.value
            and item.customer_id is not None
            and scope.current_owner_id(s, item.customer_id, ctx.today()) == case.employee_id
        ):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{title} is still owned by the leaver: name a successor (or release it to "
                    "the pool) instead of waiving it.",
                ),
                title=item.title,
            )
        item.status = ItemStatus.WAIVED.value
        item.waived_reason = clean
        item.completed_by = ctx.actor.user_id
        item.completed_at = ctx.now()
        return Changes.of("handover", ids=frozenset({item_id}))


# --------------------------------------------------------------------------- confirmation


def may_confirm_all(ctx: ServiceContext) -> bool:
    """Whether the actor confirms receipt on any successor's behalf (managers, admin)."""
    return ctx.actor.role in (Role.ADMIN, Role.MANAGER)


def may_confirm(ctx: ServiceContext, item: ItemRow) -> bool:
    """Whether :func:`confirm_items` would accept ``item`` from the actor: open, with a
    successor, and the actor is that successor or confirms on their behalf."""
    return (
        item.status == ItemStatus.OPEN.value
        and item.successor_id is not None
        and (may_confirm_all(ctx) or item.successor_id == ctx.actor.employee_id)
    )


def confirm_items(
    ctx: ServiceContext,
    case_id: int,
    item_ids: Iterable[int] | None = None,
    customer_ids: Iterable[int] | None = None,
    comment: str = "",
) -> Changes:
    """The successor confirms receipt; ownership moves now.

    A salesperson confirms only items of which they are the successor; a manager who may see
    the case (the leaver's branch or manager) or an administrator may confirm on the
    successor's behalf — the record shows who confirmed. Without ``item_ids`` or
    ``customer_ids``: every open transferable item the actor may confirm that has a successor.
    All or nothing: every problem is reported at once.

    Effects, in one transaction: customers move to the successor with reason "handover",
    effective on the later of today and the planned date; a receivable's collector becomes the
    successor; a contract's keeper likewise. Orders keep their salesperson (commission follows
    the handover policy, not the item).
    """
    ctx.require(Action.HANDOVER_CONFIRM)
    today = ctx.today()
    item_ids = list(dict.fromkeys(item_ids)) if item_ids is not None else None
    customer_ids = list(dict.fromkeys(customer_ids)) if customer_ids is not None else None
    with ctx.transaction() as s:
        if may_confirm_all(ctx):
            case = case_in_scope(ctx, s, case_id)
        else:
            found = s.get(DepartureCase, case_id)
            if found is None:
                raise NotFound(MSG_CASE_NOT_FOUND, id=case_id)
            case = found
        if case.state not in CONFIRM_STATES:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Departure case {case} is {state}: receipt is confirmed while the handover "
                    "is in progress.",
                ),
                case=case.number,
                state=case.state,
            )
        query = select(HandoverItem).where(
            HandoverItem.case_id == case.id, HandoverItem.kind.in_(TRANSFER_KINDS)
        )
        explicit = item_ids is not None or customer_ids is not None
        if item_ids is not None:
            query = query.where(HandoverItem.id.in_(list(item_ids)))
        if customer_ids is not None:
            query = query.where(
                HandoverItem.kind == ItemKind.CUSTOMER.value,
                HandoverItem.customer_id.in_(list(customer_ids)),
            )
        if not explicit:
            query = query.where(
                HandoverItem.status == ItemStatus.OPEN.value,
                HandoverItem.successor_id.is_not(None),
            )
            if not may_confirm_all(ctx):
                query = query.where(HandoverItem.successor_id == ctx.actor.employee_id)
        items = list(s.scalars(query.order_by(HandoverItem.id)))
        _refuse_unconfirmable(ctx, s, case, items, explicit, item_ids, customer_ids, today)
        note = f"departure {case.number}: successor confirmed receipt"
        moves: dict[tuple[int, date], list[int]] = defaultdict(list)
        now = ctx.now()
        for item in items:
            assert item.successor_id is not None
            effective = max(today, item.planned_on or today)
            item.status = ItemStatus.CONFIRMED.value
            item.confirmed_by = ctx.actor.user_id
            item.confirmed_at = now
            item.effective_on = effective
            if item.completed_at is None:
                item.completed_by = ctx.actor.user_id
                item.completed_at = now
            if item.kind == ItemKind.CUSTOMER.value and item.customer_id is not None:
                owner = scope.current_owner_id(s, item.customer_id, effective)
                if owner != item.successor_id:
                    moves[(item.successor_id, effective)].append(item.customer_id)
            elif item.kind == ItemKind.RECEIVABLE.value:
                receivable = s.get(Receivable, item.receivable_id)
                if receivable is not None and receivable.collector_id != item.successor_id:
                    receivable.collector_id = item.successor_id
            elif item.kind == ItemKind.CONTRACT.value:
                contract = s.get(Contract, item.contract_id)
                if contract is not None and contract.employee_id != item.successor_id:
                    contract.employee_id = item.successor_id
        for (successor, effective), ids in moves.items():
            customers.reassign_in(
                ctx, s, ids, successor, effective, customers.AssignmentReason.HANDOVER.value, note
            )
        if items:
            counts = Counter(i.kind for i in items)
            add_event(
                ctx,
                s,
                case,
                "confirm",
                "; ".join(
                    filter(
                        None,
                        [", ".join(f"{k} {n}" for k, n in sorted(counts.items())), comment.strip()],
                    )
                ),
            )
        return Changes.of("handover", "customers", "ownership", ids=frozenset(i.id for i in items))


def _refuse_unconfirmable(
    ctx: ServiceContext,
    s: Session,
    case: DepartureCase,
    items: list[HandoverItem],
    explicit: bool,
    item_ids: list[int] | None,
    customer_ids: list[int] | None,
    today: date,
) -> None:
    p = Problems()
    if item_ids is not None:
        found_ids = {i.id for i in items}
        for ident in item_ids:
            if ident in found_ids:
                continue
            other = s.get(HandoverItem, ident)
            if other is None or other.case_id != case.id:
                p.add(ValidationError(MSG_ITEM_NOT_FOUND, field="item_ids", id=ident))
            else:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "{title} is not an open item that a successor takes over."
                        ),
                        field="item_ids",
                        title=other.title,
                    )
                )
    if customer_ids is not None:
        found = {i.customer_id for i in items}
        for cid in customer_ids:
            if cid not in found:
                customer = s.get(Customer, cid)
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "{customer} is not a customer of this handover."
                        ),
                        field="customer_ids",
                        customer=customer.name if customer else str(cid),
                    )
                )
    if not items and not explicit:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Nothing in case {case} is waiting for your confirmation."
                ),
                case=case.number,
            )
        )
    for item in items:
        if item.status != ItemStatus.OPEN.value:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{title} is {status} already."),
                    title=item.title,
                    status=item.status,
                )
            )
        elif item.successor_id is None:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{title} has no successor to confirm it."),
                    title=item.title,
                )
            )
        elif not may_confirm_all(ctx) and item.successor_id != ctx.actor.employee_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "You are not the successor of {title}; the successor or their manager "
                        "confirms it.",
                    ),
                    title=item.title,
                )
            )
        elif item.kind == ItemKind.CUSTOMER.value and item.customer_id is not None:
            effective = max(today, item.planned_on or today)
            owner = scope.current_owner_id(s, item.customer_id, effective)
            if owner not in (case.employee_id, item.successor_id):
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "{title} has meanwhile been given to someone else; waive its "
                            "handover item instead.",
                        ),
                        title=item.title,
                    )
                )
    p.raise_if_any()


# --------------------------------------------------------------------------- evidence


def attach_evidence(ctx: ServiceContext, item_id: int, file_name: str, data: bytes) -> Changes:
    """Attach a file to an item (kept encrypted in the vault with its SHA-256; the audit log
    records the hash, not the bytes). ``Changes.ids`` holds the attachment's id."""
    ctx.require(Action.HANDOVER_EDIT)
    name = required_text(
        file_name, "file_name", 200, QT_TRANSLATE_NOOP("Errors", "Name the attached file.")
    )
    if not data:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The file {file} is empty."), field="data", file=name
        )
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The file {file} is larger than {mb} MB."),
            field="data",
            file=name,
            mb=MAX_EVIDENCE_BYTES // (1024 * 1024),
        )
    with ctx.transaction() as s:
        item, _case = _item_for_edit(ctx, s, item_id)
        evidence = HandoverEvidence(
            item_id=item.id,
            file_name=name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            content=data,
            uploaded_by=ctx.actor.user_id,
            uploaded_at=ctx.now(),
        )
        s.add(evidence)
        s.flush()
        return Changes.of("handover", ids=frozenset({evidence.id}))


def list_evidence(ctx: ServiceContext, item_id: int) -> list[EvidenceInfo]:
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        item = s.get(HandoverItem, item_id)
        if item is None:
            raise NotFound(MSG_ITEM_NOT_FOUND, id=item_id)
        case_in_scope(ctx, s, item.case_id)
        return [
            EvidenceInfo(e.id, e.item_id, e.file_name, e.sha256, e.size, who, e.uploaded_at)
            for e, who in s.execute(
                select(HandoverEvidence, User.username)
                .outerjoin(User, User.id == HandoverEvidence.uploaded_by)
                .where(HandoverEvidence.item_id == item_id)
                .order_by(HandoverEvidence.id)
            )
        ]


def read_evidence(ctx: ServiceContext, evidence_id: int) -> EvidenceFile:
    """An attachment's bytes; the read is audited (it may hold personal data)."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        evidence = s.get(HandoverEvidence, evidence_id)
        if evidence is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Attachment {id} does not exist."), id=evidence_id
            )
        item = s.get(HandoverItem, evidence.item_id)
        assert item is not None
        case_in_scope(ctx, s, item.case_id)
        audit.record(
            s, "evidence.read", "handover_evidence", evidence_id, {"sha256": evidence.sha256}
        )
        return EvidenceFile(evidence.id, evidence.file_name, evidence.sha256, evidence.content)


# --------------------------------------------------------------------------- templates


def ensure_templates(ctx: ServiceContext, s: Session) -> None:
    """Seed the default checklists and clauses at first use."""
    departure_templates.seed_defaults(s, ctx.now())


def _template_info(s: Session, t: ChecklistTemplate) -> TemplateInfo:
    items = tuple(
        TemplateItemInfo(
            i.id,
            i.position,
            i.title,
            i.category,
            i.responsible_role,
            i.due_offset_days,
            i.required,
            i.evidence_required,
        )
        for i in s.scalars(
            select(ChecklistTemplateItem)
            .where(
                ChecklistTemplateItem.template_id == t.id,
                ChecklistTemplateItem.active.is_(True),
            )
            .order_by(ChecklistTemplateItem.position, ChecklistTemplateItem.id)
        )
    )
    return TemplateInfo(t.id, t.name, t.position_category, t.active, t.version, items)


def list_templates(ctx: ServiceContext, include_inactive: bool = False) -> list[TemplateInfo]:
    """The checklist templates with their active lines, by position category."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        ensure_templates(ctx, s)
        query = select(ChecklistTemplate).order_by(
            ChecklistTemplate.position_category, ChecklistTemplate.id
        )
        if not include_inactive:
            query = query.where(ChecklistTemplate.active.is_(True))
        return [_template_info(s, t) for t in s.scalars(query)]


def _template_values(data: TemplateInput) -> tuple[str, list[dict[str, Any]]]:
    p = Problems()
    name = p.check(
        required_text,
        data.name,
        "name",
        100,
        QT_TRANSLATE_NOOP("Errors", "Name the checklist template."),
    )
    if data.position_category not in {c.value for c in PositionCategory}:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not a position category."),
                field="position_category",
                value=data.position_category,
            )
        )
    lines = []
    for index, item in enumerate(data.items):
        title = p.check(
            required_text,
            item.title,
            "items",
            200,
            QT_TRANSLATE_NOOP("Errors", "Every checklist line needs a title."),
        )
        if item.category not in {c.value for c in ItemCategory}:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{value} is not a checklist category."),
                    field="items",
                    value=item.category,
                )
            )
        if item.responsible_role not in departure_templates.RESPONSIBLE_ROLES:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{value} cannot be responsible (use: {known})."),
                    field="items",
                    value=item.responsible_role,
                    known=", ".join(departure_templates.RESPONSIBLE_ROLES),
                )
            )
        if not -365 <= item.due_offset_days <= 365:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "A due offset is -365 to 365 days (not {value})."),
                    field="items",
                    value=item.due_offset_days,
                )
            )
        lines.append(
            {
                "id": item.id,
                "position": index,
                "title": title,
                "category": item.category,
                "responsible_role": item.responsible_role,
                "due_offset_days": item.due_offset_days,
                "required": bool(item.required),
                "evidence_required": bool(item.evidence_required),
            }
        )
    p.raise_if_any()
    assert name is not None
    return name, lines


def save_template(ctx: ServiceContext, data: TemplateInput) -> Changes:
    """Create or change a checklist template (HR, administrators). Lines are matched by id;
    lines left out are taken out of use (cases that used them keep their copy). A new active
    template of a category replaces the previous one. ``Changes.ids`` holds the template id."""
    ctx.require(Action.CHECKLIST_TEMPLATES_EDIT)
    name, lines = _template_values(data)
    with ctx.transaction() as s:
        ensure_templates(ctx, s)
        if data.id is None:
            template = ChecklistTemplate(
                name=name, position_category=data.position_category, active=True
            )
            s.add(template)
            s.flush()
        else:
            found = s.get(ChecklistTemplate, data.id)
            if found is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("Errors", "Checklist template {id} does not exist."),
                    id=data.id,
                )
            template = found
            template.name = name
            template.position_category = data.position_category
        for other in s.scalars(
            select(ChecklistTemplate).where(
                ChecklistTemplate.position_category == data.position_category,
                ChecklistTemplate.active.is_(True),
                ChecklistTemplate.id != template.id,
            )
        ):
            other.active = False
        existing = {
            i.id: i
            for i in s.scalars(
                select(ChecklistTemplateItem).where(
                    ChecklistTemplateItem.template_id == template.id,
                    ChecklistTemplateItem.active.is_(True),
                )
            )
        }
        keep: set[int] = set()
        for line in lines:
            ident = line.pop("id")
            if ident is None:
                s.add(ChecklistTemplateItem(template_id=template.id, active=True, **line))
                continue
            current = existing.get(ident)
            if current is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP(
                        "Errors", "Checklist line {id} is not one of this template's."
                    ),
                    id=ident,
                )
            keep.add(ident)
            for key, value in line.items():
                if getattr(current, key) != value:
                    setattr(current, key, value)
        for ident, current in existing.items():
            if ident not in keep:
                current.active = False
        return Changes.of("checklist_templates", ids=frozenset({template.id}))


def set_template_active(ctx: ServiceContext, template_id: int, active: bool) -> Changes:
    """Take a template out of use, or back in (replacing the category's active one)."""
    ctx.require(Action.CHECKLIST_TEMPLATES_EDIT)
    with ctx.transaction() as s:
        template = s.get(ChecklistTemplate, template_id)
        if template is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Checklist template {id} does not exist."),
                id=template_id,
            )
        if active:
            for other in s.scalars(
                select(ChecklistTemplate).where(
                    ChecklistTemplate.position_category == template.position_category,
                    ChecklistTemplate.active.is_(True),
                )
            ):
                other.active = False
        template.active = active
        return Changes.of("checklist_templates", ids=frozenset({template_id}))


__all__ = [
    "EvidenceFile",
    "EvidenceInfo",
    "ItemRow",
    "ItemUpdate",
    "SuccessorSuggestion",
    "TemplateInfo",
    "TemplateInput",
    "TemplateItemInfo",
    "TemplateItemInput",
    "apply_suggestions",
    "assign_items",
    "assign_successor",
    "attach_evidence",
    "confirm_items",
    "customers_by_code",
    "list_evidence",
    "list_items",
    "list_templates",
    "mark_done",
    "pending_confirmations",
    "read_evidence",
    "refresh_items",
    "save_template",
    "set_template_active",
    "suggest_successors",
    "update_item",
    "waive_item",
]
