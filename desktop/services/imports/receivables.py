"""Importing receivables (invoices), linked to the waybills they bill."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.customers import Customer
from desktop.models.orders import Order, OrderStatus, Receivable
from desktop.services.imports.plan import Plan, _bulk, _cells, _duplicate, _present, _resolve
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import parse_date, parse_money


def _waybill_numbers(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").replace(";", ",").split(",") if p.strip()]


def plan_receivables(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    existing = _present(session, Receivable.number, Receivable.id, _cells(readers, "number"))
    terms = dict(session.execute(select(Customer.id, Customer.payment_terms_days)).all())
    order_ids = _present(
        session,
        Order.number,
        Order.id,
        (n for text in _cells(readers, "orders") for n in _waybill_numbers(text)),
    )
    seen: dict[str, int] = {}
    for r in readers:
        number = r.text("number", required=True, max_len=40)
        if number is not None:
            _duplicate(r, "number", seen, number, number in existing)
        customer = _resolve(r, "customer", look.customer, True)
        issued = r.parsed("issued_on", parse_date, required=True)
        due = r.parsed("due_on", parse_date)
        amount = r.parsed("amount", parse_money, required=True)
        if amount is not None and amount <= 0:
            r.fail("amount", QT_TRANSLATE_NOOP("Errors", "must be more than zero"))
        if issued and due and due < issued:
            r.fail("due_on", QT_TRANSLATE_NOOP("Errors", "due before it was issued"))
        salesperson = _resolve(r, "salesperson", look.employee, False)
        linked: list[int] = []
        orders_text = r.text("orders", max_len=10000)
        if orders_text:
            for part in _waybill_numbers(orders_text):
                if part not in order_ids:
                    r.fail(
                        "orders",
                        QT_TRANSLATE_NOOP("Errors", "no waybill numbered {number}"),
                        number=part,
                    )
                else:
                    linked.append(order_ids[part])
        if due is None and issued is not None and customer is not None:
            due = issued + timedelta(days=int(terms.get(customer) or 30))
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "number": number,
                    "customer_id": customer,
                    "issued_on": issued,
                    "due_on": due,
                    "amount": amount,
                    "salesperson_id": salesperson,
                    "orders": linked,
                }
            )
    return plan


def insert_receivables(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    _bulk(
        session,
        Receivable,
        (
            {k: v for k, v in row.items() if k != "orders"}
            | {
                "paid": Decimal("0"),
                "written_off": Decimal("0"),
                "written_off_on": None,
                "collector_id": None,
                **stamp,
            }
            for row in plan.rows
        ),
    )
    ids = _present(
        session,
        Receivable.number,
        Receivable.id,
        (row["number"] for row in plan.rows if row["orders"]),
    )
    conn = session.connection()
    linked = 0
    for row in plan.rows:
        if row["orders"]:
            conn.execute(
                update(Order)
                .where(Order.id.in_(row["orders"]))
                .values(receivable_id=ids[row["number"]], status=OrderStatus.INVOICED.value)
            )
            linked += len(row["orders"])
    return {"receivables": len(plan.rows), "orders_linked": linked}
