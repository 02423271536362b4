"""The handover list's generation as it was before issue 17 (row by row in Python), kept
verbatim as the oracle of tests/services/test_speed_handover.py.

Building a case's handover list from live data: one item per customer, contract, open
receivable, open order and app account of the leaver, plus their position's checklist lines.

Separate because it is the one place that decides what a handover contains; generating again
adds only what is new (each item's ``ref`` is unique per case).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select, union
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.customers import Contract, ContractStatus, Customer, CustomerAssignment
from desktop.models.departures import (
    ChecklistTemplate,
    ChecklistTemplateItem,
    DepartureCase,
    HandoverItem,
    ItemCategory,
    ItemKind,
    ItemStatus,
)
from desktop.models.orders import Order, OrderStatus, Receivable
from desktop.models.staff import Employee, Position, PositionCategory
from desktop.models.types import from_fen
from desktop.services import money, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.cases import _editable, add_event, case_in_scope
from desktop.services.permissions import Action

OPEN_ORDER_STATUSES = (OrderStatus.OPEN.value, OrderStatus.DELIVERED.value)


KIND_CATEGORY = {
    ItemKind.CUSTOMER.value: ItemCategory.CUSTOMERS.value,
    ItemKind.CONTRACT.value: ItemCategory.CONTRACTS.value,
    ItemKind.RECEIVABLE.value: ItemCategory.RECEIVABLES.value,
    ItemKind.ORDER.value: ItemCategory.OPEN_ORDERS.value,
    ItemKind.ACCOUNT.value: ItemCategory.ACCOUNTS.value,
}


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
            select(Receivable.customer_id, func.sum(money.outstanding_fen()))
            .where(Receivable.customer_id.in_(owned), money.outstanding_fen() > 0)
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
            money.outstanding_fen(),
        )
        .where(
            money.outstanding_fen() > 0,
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
    return Changes.of(Kind.DEPARTURES, Kind.HANDOVER, ids=frozenset({case_id}))
