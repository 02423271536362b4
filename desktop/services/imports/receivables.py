"""Importing receivables (invoices), linked to the waybills they bill.

Re-importing a file updates the invoices already in the vault by their key, the invoice
number (unique in the vault): the issue and due dates, the amount and the salesperson the
file's columns give are written where they differ; a blank cell changes nothing. An invoice's
customer and its waybills are not changed by importing it again (payments and commission
lines hang on them), and its amount never falls below what is paid and written off: such rows
are refused with the reason."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.customers import Customer
from desktop.models.orders import Order, OrderStatus, Receivable
from desktop.services.imports.plan import (
    LOOKUP_CHUNK,
    Plan,
    _bulk,
    _cells,
    _differs,
    _duplicate,
    _mapped,
    _present,
    _resolve,
    _will_update,
)
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import parse_date, parse_money


def _waybill_numbers(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").replace(";", ",").split(",") if p.strip()]


def plan_receivables(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    mapped = {_COLUMN_OF.get(f, f) for f in _mapped(readers)} - {"number"}
    current = _current_receivables(session, _cells(readers, "number"))
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
            # One already in the vault is updated by its number, never added twice.
            _duplicate(r, "number", seen, number, False)
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
        if number in current and not r.errors:
            given = {
                "customer_id": customer,
                "issued_on": issued,
                "due_on": due,
                "amount": amount,
                "salesperson_id": salesperson,
            }
            _plan_update(r, plan, number, current[number], mapped, linked, given)
            plan.errors += r.errors
            continue
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


#: The file's field names that differ from the invoice's columns.
_COLUMN_OF = {"customer": "customer_id", "salesperson": "salesperson_id"}


def _current_receivables(session: Session, numbers: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The invoices of these numbers already in the vault, as a file would show them."""
    wanted = list(dict.fromkeys(numbers))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        for rec in session.scalars(select(Receivable).where(Receivable.number.in_(chunk))):
            out[rec.number] = {
                "id": rec.id,
                "customer_id": rec.customer_id,
                "issued_on": rec.issued_on,
                "due_on": rec.due_on,
                "amount": rec.amount,
                "salesperson_id": rec.salesperson_id,
                "settled": rec.paid + rec.written_off,
                "orders": set(),
            }
        linked = session.execute(
            select(Order.id, Receivable.number)
            .join(Receivable, Receivable.id == Order.receivable_id)
            .where(Receivable.number.in_(chunk))
        )
        for order_id, number in linked:
            out[number]["orders"].add(order_id)
    return out


def _plan_update(
    r: RowReader,
    plan: Plan,
    number: str,
    was: dict[str, Any],
    mapped: set[str],
    linked: list[int],
    given: dict[str, Any],
) -> None:
    """A row whose invoice is in the vault: the fields that differ, or the reason it cannot."""
    changed = _differs(was, given, mapped)
    if "customer_id" in changed:
        r.fail(
            "customer",
            QT_TRANSLATE_NOOP(
                "Errors",
                "invoice {number} is already in the vault for another customer; its customer "
                "is not changed by importing it again",
            ),
            number=number,
        )
    if "orders" in mapped and linked and set(linked) != was["orders"]:
        r.fail(
            "orders",
            QT_TRANSLATE_NOOP(
                "Errors",
                "invoice {number} is already in the vault with other waybills; its waybills "
                "are not changed by importing it again",
            ),
            number=number,
        )
    amount = given["amount"]
    if "amount" in changed and amount is not None and amount < was["settled"]:
        r.fail(
            "amount",
            QT_TRANSLATE_NOOP(
                "Errors", "less than the {settled} already paid or written off on invoice {number}"
            ),
            settled=str(was["settled"]),
            number=number,
        )
    issued = given["issued_on"] or was["issued_on"]
    due_on = given["due_on"] if "due_on" in changed else was["due_on"]
    if due_on is not None and issued is not None and due_on < issued:
        r.fail("due_on", QT_TRANSLATE_NOOP("Errors", "due before it was issued"))
    if r.errors:
        return
    if changed:
        plan.rows.append({"number": number, "update": {k: given[k] for k in changed}})
        _will_update(plan, r.row, number, changed)
    else:
        plan.extra["unchanged"] = plan.extra.get("unchanged", 0) + 1


def insert_receivables(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    updates = [row for row in plan.rows if "update" in row]
    for row in updates:
        session.connection().execute(
            update(Receivable)
            .where(Receivable.number == row["number"])
            .values(**row["update"], updated_at=now, version=Receivable.version + 1)
        )
    if updates:
        rest = Plan(rows=[row for row in plan.rows if "update" not in row])
        return {**insert_receivables(session, rest, now, today), "updated": len(updates)}
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
