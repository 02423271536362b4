"""Building a case's handover list from live data: one item per customer, contract, open
receivable, open order and app account of the leaver, plus their position's checklist lines.

Separate because it is the one place that decides what a handover contains; generating again
adds only what is new (each item's ``ref`` is unique per case).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, insert, or_, select, text, union
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.customers import Contract, ContractStatus, CustomerAssignment
from desktop.models.departures import (
    ChecklistTemplate,
    ChecklistTemplateItem,
    DepartureCase,
    HandoverItem,
    ItemCategory,
    ItemKind,
    ItemStatus,
)
from desktop.models.orders import OPEN_ORDER, Order, OrderStatus, Receivable
from desktop.models.staff import Employee, Position, PositionCategory
from desktop.services import scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover import generation_sql as sql
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


def leaver_open_receivables(employee_id: int, day: date) -> Any:
    """The condition "open today and left behind by the employee" (sold by them, or of a
    customer they own on ``day``): one pass over the open receivables (the partial index
    ``ix_receivable_open``) instead of every invoice they ever had, then the outstanding."""
    return and_(
        Receivable.amount > Receivable.paid + Receivable.written_off,
        or_(
            Receivable.salesperson_id == employee_id,
            Receivable.customer_id.in_(owned_customers(employee_id, day)),
        ),
    )


def open_orders_of(employee_id: int) -> Any:
    """The condition "an open waybill of the employee", worded as the partial index
    ``ix_waybill_open_salesperson`` is, so the database reads that index."""
    return and_(Order.salesperson_id == employee_id, text(f"waybill.{OPEN_ORDER}"))


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
    # Refs the case holds of the kinds added row by row (the set-based kinds skip theirs in SQL).
    known = set(
        s.scalars(
            select(HandoverItem.ref).where(
                HandoverItem.case_id == case.id,
                HandoverItem.kind.in_(
                    (ItemKind.CONTRACT.value, ItemKind.ACCOUNT.value, ItemKind.CHECKLIST.value)
                ),
            )
        )
    )
    owned = owned_customers(employee.id, today)
    rows: list[dict[str, Any]] = []
    # Every row names every column (one executemany needs the same keys in each).
    blank = dict.fromkeys(
        ("customer_id", "receivable_id", "order_id", "contract_id", "user_id"),
        None,
    ) | dict.fromkeys(("template_item_id", "responsible_role", "successor_id", "amount"), None)

    def flush() -> None:
        """Write the rows added so far (Core executemany), keeping their refs."""
        if rows:
            s.connection().execute(insert(HandoverItem.__table__), rows)
            added_refs.extend(r["ref"] for r in rows)
            added.update(r["kind"] for r in rows)
            rows.clear()

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

    # The bulk (customers, open invoices, open waybills) in set-based statements; the few
    # contracts, accounts and checklist lines row by row, in between, so that items keep
    # the order they always had: customers, contracts, invoices, waybills, the rest.
    added_refs: list[str] = []
    added: Counter[str] = Counter()

    def bulk(kind: str, refs: list[str]) -> None:
        added_refs.extend(refs)
        if refs:
            added[kind] += len(refs)

    bulk(ItemKind.CUSTOMER.value, sql.insert_customers(s, case, employee.id, now, owned))
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
    flush()
    bulk(
        ItemKind.RECEIVABLE.value,
        sql.insert_receivables(
            s, case, employee.id, now, leaver_open_receivables(employee.id, today)
        ),
    )
    bulk(
        ItemKind.ORDER.value,
        sql.insert_orders(s, case, employee.id, now, open_orders_of(employee.id)),
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
    flush()
    audit.record(
        s,
        "handover.generated",
        "departure_case",
        case.id,
        {
            "added": dict(added),
            "refs_sha256": hashlib.sha256("\n".join(sorted(added_refs)).encode()).hexdigest(),
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
