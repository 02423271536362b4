"""The bulk of a handover list in set-based statements: a leaver's customers, open invoices
and open waybills go from their tables into ``handover_item`` by ``INSERT … SELECT``, thousands
of items without a row in Python. (Contracts, accounts and checklist lines, a handful each,
stay with :mod:`.generation`.)

Each statement skips what the case holds already (the ``ref`` is unique per case) and returns
the refs it added, for the audit event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Date, String, case, cast, exists, func, insert, literal, select
from sqlalchemy.orm import Session

from desktop.models.customers import Customer
from desktop.models.departures import (
    DepartureCase,
    HandoverItem,
    ItemCategory,
    ItemKind,
    ItemStatus,
)
from desktop.models.orders import Order, Receivable
from desktop.models.types import UTCDateTime, fen_of

H = HandoverItem


def _common(case_: DepartureCase, employee_id: int, now: datetime, kind: str) -> dict[str, Any]:
    """The columns every generated item of ``kind`` shares, as SQL literals."""
    category = {
        ItemKind.CUSTOMER.value: ItemCategory.CUSTOMERS.value,
        ItemKind.RECEIVABLE.value: ItemCategory.RECEIVABLES.value,
        ItemKind.ORDER.value: ItemCategory.OPEN_ORDERS.value,
    }[kind]
    return {
        "case_id": literal(case_.id),
        "kind": literal(kind),
        "category": literal(category),
        "status": literal(ItemStatus.OPEN.value),
        "required": literal(True, Boolean()),
        "evidence_required": literal(False, Boolean()),
        "due_on": literal(case_.last_day, Date()),
        "responsible_id": literal(employee_id),
        "created_at": literal(now, UTCDateTime()),
        "updated_at": literal(now, UTCDateTime()),
        "version": literal(1),
    }


def _ref(prefix: str, ident: Any) -> Any:
    return literal(f"{prefix}:") + cast(ident, String)


def _insert(s: Session, case_id: int, columns: dict[str, Any], query: Any, ref: Any) -> list[str]:
    """INSERT the rows of ``query`` (``columns`` in order) the case lacks; their refs."""
    fresh = ~exists().where(H.case_id == case_id, H.ref == ref)
    stmt = (
        insert(H)
        .from_select(list(columns), query.add_columns(*columns.values()).where(fresh))
        .returning(H.ref)
    )
    return list(s.connection().execute(stmt).scalars())


def insert_customers(
    s: Session, case_: DepartureCase, employee_id: int, now: datetime, owned: Any
) -> list[str]:
    """One item per customer the leaver owns, worth its open invoices (by customer code)."""
    left = fen_of(Receivable.amount) - fen_of(Receivable.paid) - fen_of(Receivable.written_off)
    open_fen = (
        select(Receivable.customer_id.label("cid"), func.sum(left).label("fen"))
        .where(
            Receivable.customer_id.in_(owned),
            Receivable.amount > Receivable.paid + Receivable.written_off,
        )
        .group_by(Receivable.customer_id)
        .subquery()
    )
    ref = _ref("customer", Customer.id)
    columns = _common(case_, employee_id, now, ItemKind.CUSTOMER.value) | {
        "ref": ref,
        "title": func.substr(Customer.code + literal(" ") + Customer.name, 1, 200),
        "customer_id": Customer.id,
        "amount": func.coalesce(open_fen.c.fen, 0),
    }
    query = (
        select()
        .select_from(Customer)
        .outerjoin(open_fen, open_fen.c.cid == Customer.id)
        .where(Customer.id.in_(owned))
        .order_by(Customer.code)
    )
    return _insert(s, case_.id, columns, query, ref)


def insert_receivables(
    s: Session, case_: DepartureCase, employee_id: int, now: datetime, condition: Any
) -> list[str]:
    """One item per open invoice the leaver leaves (``condition``), by due date; its
    collector, when someone else, is the proposed successor."""
    left = fen_of(Receivable.amount) - fen_of(Receivable.paid) - fen_of(Receivable.written_off)
    ref = _ref("receivable", Receivable.id)
    columns = _common(case_, employee_id, now, ItemKind.RECEIVABLE.value) | {
        "ref": ref,
        "title": func.substr(Receivable.number, 1, 200),
        "receivable_id": Receivable.id,
        "customer_id": Receivable.customer_id,
        "amount": left,
        "successor_id": case(
            (Receivable.collector_id != employee_id, Receivable.collector_id), else_=None
        ),
    }
    query = (
        select().select_from(Receivable).where(condition).order_by(Receivable.due_on, Receivable.id)
    )
    return _insert(s, case_.id, columns, query, ref)


def insert_orders(
    s: Session, case_: DepartureCase, employee_id: int, now: datetime, condition: Any
) -> list[str]:
    """One item per open waybill of the leaver (``condition``), by order date."""
    ref = _ref("order", Order.id)
    columns = _common(case_, employee_id, now, ItemKind.ORDER.value) | {
        "ref": ref,
        "title": func.substr(Order.number, 1, 200),
        "order_id": Order.id,
        "customer_id": Order.customer_id,
        "amount": fen_of(Order.revenue),
    }
    query = select().select_from(Order).where(condition).order_by(Order.order_date, Order.id)
    return _insert(s, case_.id, columns, query, ref)
