"""Importing payments, allocated to the customer's open invoices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.orders import Payment, PaymentAllocation, Receivable
from desktop.services.imports.plan import BATCH, Plan, _cells, _duplicate, _present, _resolve
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import parse_date, parse_money


def plan_payments(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    existing_refs = _present(session, Payment.reference, Payment.id, _cells(readers, "reference"))
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
    for r in readers:
        customer = _resolve(r, "customer", look.customer, True)
        day = r.parsed("received_on", parse_date, required=True)
        amount = r.parsed("amount", parse_money, required=True)
        if amount is not None and amount <= 0:
            r.fail("amount", QT_TRANSLATE_NOOP("Errors", "must be more than zero"))
            amount = None
        reference = r.text("reference", max_len=64)
        if reference is not None:
            _duplicate(r, "reference", seen, reference, reference in existing_refs)
        collector = _resolve(r, "collector", look.employee, False)
        invoice = r.text("invoice", max_len=40)
        allocations: list[tuple[int, Decimal]] = []
        if customer is not None and amount is not None and not r.errors:
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
                        QT_TRANSLATE_NOOP(
                            "Errors", "{left} more than the customer's open invoices"
                        ),
                        left=str(left),
                    )
            if not r.errors:
                for rid, take in allocations:
                    outstanding[rid] -= take
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "customer_id": customer,
                    "received_on": day,
                    "amount": amount,
                    "reference": reference,
                    "method": r.text("method", max_len=32),
                    "collector_id": collector,
                    "allocations": allocations,
                }
            )
    return plan


def insert_payments(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    conn = session.connection()
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
