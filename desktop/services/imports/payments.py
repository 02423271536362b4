"""Importing payments, allocated to the customer's open invoices.

Re-importing a file never records a payment twice. A row is the payment already in the vault
with the same key: its reference (流水号, unique in a file) when the row has one; without one,
the same customer, day and amount — matched only when the vault holds exactly as many such
payments as the file has rows (a customer may well pay the same amount twice on one day), any
other count being refused as ambiguous. A matched row updates the day, method and collector
where they differ (a blank cell changes nothing); its customer and amount are applied to
invoices and are not changed by importing it again, nor are its allocations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.orders import Payment, PaymentAllocation, Receivable
from desktop.services.imports.plan import (
    BATCH,
    LOOKUP_CHUNK,
    Plan,
    _differs,
    _duplicate,
    _mapped,
    _resolve,
    _will_update,
)
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import parse_date, parse_money


def plan_payments(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    mapped = {_COLUMN_OF.get(f, f) for f in _mapped(readers)}
    open_rows = session.execute(
        select(
            Receivable.id,
            Receivable.number,
            Receivable.customer_id,
            Receivable.amount,
            Receivable.paid,
            Receivable.written_off,
            Receivable.due_on,
        )
        .where(Receivable.amount > Receivable.paid + Receivable.written_off)
        .order_by(Receivable.due_on, Receivable.id)
    ).all()
    outstanding: dict[int, Decimal] = {}
    by_number: dict[str, tuple[int, int]] = {}
    by_customer: dict[int, list[int]] = defaultdict(list)
    for rid, number, customer, amount, paid, written_off, _due in open_rows:
        outstanding[rid] = amount - paid - written_off
        by_number[number] = (rid, customer)
        by_customer[customer].append(rid)
    seen: dict[str, int] = {}
    checked: list[tuple[RowReader, dict[str, Any], str | None]] = []
    for r in readers:
        customer = _resolve(r, "customer", look.customer, True)
        day = r.parsed("received_on", parse_date, required=True)
        amount = r.parsed("amount", parse_money, required=True)
        if amount is not None and amount <= 0:
            r.fail("amount", QT_TRANSLATE_NOOP("Errors", "must be more than zero"))
            amount = None
        reference = r.text("reference", max_len=64)
        if reference is not None:
            _duplicate(r, "reference", seen, reference, False)
        given = {
            "customer_id": customer,
            "received_on": day,
            "amount": amount,
            "reference": reference,
            "method": r.text("method", max_len=32),
            "collector_id": _resolve(r, "collector", look.employee, False),
        }
        checked.append((r, given, r.text("invoice", max_len=40)))
    matches = _matches(session, [(r, g) for r, g, _ in checked])
    for r, given, invoice in checked:
        if r.errors:
            plan.errors += r.errors
            continue
        was = matches.get(r.row)
        if was is not None:
            _plan_update(r, plan, was, given, mapped)
            plan.errors += r.errors
            continue
        customer, amount = given["customer_id"], given["amount"]
        allocations: list[tuple[int, Decimal]] = []
        if invoice:
            target = by_number.get(invoice)
            if target is None:
                r.fail(
                    "invoice",
                    QT_TRANSLATE_NOOP("Errors", "no open invoice numbered {number}"),
                    number=invoice,
                )
            elif target[1] != customer:
                r.fail(
                    "invoice",
                    QT_TRANSLATE_NOOP("Errors", "invoice {number} belongs to another customer"),
                    number=invoice,
                )
            elif outstanding[target[0]] < amount:
                r.fail(
                    "amount",
                    QT_TRANSLATE_NOOP(
                        "Errors", "more than the {open} still open on invoice {number}"
                    ),
                    open=str(outstanding[target[0]]),
                    number=invoice,
                )
            else:
                allocations.append((target[0], amount))
        else:
            left = amount
            for rid in by_customer.get(customer, []):
                if left <= 0:
                    break
                take = min(left, outstanding[rid])
                if take > 0:
                    allocations.append((rid, take))
                    left -= take
            if left > 0:
                r.fail(
                    "amount",
                    QT_TRANSLATE_NOOP("Errors", "{left} more than the customer's open invoices"),
                    left=str(left),
                )
        if not r.errors:
            for rid, take in allocations:
                outstanding[rid] -= take
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append({**given, "allocations": allocations})
    return plan


#: The file's field names that differ from the payment's columns.
_COLUMN_OF = {"customer": "customer_id", "collector": "collector_id"}

MSG_AMBIGUOUS = QT_TRANSLATE_NOOP(
    "Errors",
    "matches {existing} payments already in the vault of this customer, day and amount, "
    "while the file has {rows}: give each its reference (流水号) to tell them apart",
)


def _known(p: Payment) -> dict[str, Any]:
    return {
        "id": p.id,
        "customer_id": p.customer_id,
        "received_on": p.received_on,
        "amount": p.amount,
        "reference": p.reference,
        "method": p.method,
        "collector_id": p.collector_id,
    }


def _matches(
    session: Session, rows: list[tuple[RowReader, dict[str, Any]]]
) -> dict[int, dict[str, Any]]:
    """The payment in the vault each file row is (by its row number), by the key: the
    reference (流水号) when the row has one; else the customer, day and amount — matched only
    when the vault holds exactly as many such payments as the file has rows (then in order);
    any other count is refused on those rows as ambiguous."""
    good = [(r, g) for r, g in rows if not r.errors]
    refs = [g["reference"] for _r, g in good if g["reference"]]
    customers = sorted({g["customer_id"] for _r, g in good if not g["reference"]})
    by_ref: dict[str, dict[str, Any]] = {}
    for start in range(0, len(refs), LOOKUP_CHUNK):
        chunk = refs[start : start + LOOKUP_CHUNK]
        for p in session.scalars(select(Payment).where(Payment.reference.in_(chunk))):
            by_ref[p.reference or ""] = _known(p)
    by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(customers), LOOKUP_CHUNK):
        chunk = customers[start : start + LOOKUP_CHUNK]
        for p in session.scalars(
            select(Payment).where(Payment.customer_id.in_(chunk)).order_by(Payment.id)
        ):
            by_key[(p.customer_id, p.received_on, p.amount)].append(_known(p))
    in_file: dict[tuple[Any, ...], list[RowReader]] = defaultdict(list)
    out: dict[int, dict[str, Any]] = {}
    for r, g in good:
        if g["reference"]:
            if g["reference"] in by_ref:
                out[r.row] = by_ref[g["reference"]]
        else:
            in_file[(g["customer_id"], g["received_on"], g["amount"])].append(r)
    for key, readers in in_file.items():
        existing = by_key.get(key, [])
        if not existing:
            continue
        if len(existing) != len(readers):
            for r in readers:
                r.fail("amount", MSG_AMBIGUOUS, existing=len(existing), rows=len(readers))
            continue
        for r, was in zip(readers, existing, strict=True):
            out[r.row] = was
    return out


def _plan_update(
    r: RowReader, plan: Plan, was: dict[str, Any], given: dict[str, Any], mapped: set[str]
) -> None:
    """A row whose payment is in the vault: the fields that differ (day, method, collector),
    or why not — its customer and amount are applied to invoices and change there."""
    changed = _differs(was, given, mapped - {"reference", "invoice"})
    reference = was["reference"] or was["received_on"].isoformat()
    if "customer_id" in changed:
        r.fail(
            "customer",
            QT_TRANSLATE_NOOP(
                "Errors",
                "payment {reference} is already in the vault for another customer; a payment "
                "applied to invoices is not changed by importing it again",
            ),
            reference=reference,
        )
    if "amount" in changed:
        r.fail(
            "amount",
            QT_TRANSLATE_NOOP(
                "Errors",
                "payment {reference} is already in the vault with another amount; a payment "
                "applied to invoices is not changed by importing it again",
            ),
            reference=reference,
        )
    if r.errors:
        return
    if changed:
        plan.rows.append({"id": was["id"], "update": {k: given[k] for k in changed}})
        key = was["reference"] or f"{was['received_on'].isoformat()} {was['amount']}"
        _will_update(plan, r.row, key, changed)
    else:
        plan.extra["unchanged"] = plan.extra.get("unchanged", 0) + 1


def insert_payments(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    conn = session.connection()
    updates = [row for row in plan.rows if "update" in row]
    for row in updates:
        conn.execute(
            update(Payment)
            .where(Payment.id == row["id"])
            .values(**row["update"], updated_at=now, version=Payment.version + 1)
        )
    if updates:
        rest = Plan(rows=[row for row in plan.rows if "update" not in row])
        return {**insert_payments(session, rest, now, today), "updated": len(updates)}
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    paid_delta: dict[int, Decimal] = defaultdict(Decimal)
    allocations = 0
    for start in range(0, len(plan.rows), BATCH):
        for row in plan.rows[start : start + BATCH]:
            result = conn.execute(
                insert(Payment).values(
                    **{k: v for k, v in row.items() if k != "allocations"}, **stamp
                )
            )
            payment_id = result.inserted_primary_key[0]
            for rid, amount in row["allocations"]:
                conn.execute(
                    insert(PaymentAllocation).values(
                        payment_id=payment_id, receivable_id=rid, amount=amount
                    )
                )
                paid_delta[rid] += amount
                allocations += 1
    for rid, delta in paid_delta.items():
        conn.execute(
            update(Receivable)
            .where(Receivable.id == rid)
            .values(paid=Receivable.paid + delta, updated_at=now, version=Receivable.version + 1)
        )
    return {"payments": len(plan.rows), "allocations": allocations}
