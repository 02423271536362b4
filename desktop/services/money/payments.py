"""Payments and their allocation to invoices, and the payment list and export.

Separate because a payment is the one step that moves ``Receivable.paid``: the allocation
checks (same customer, never more than is outstanding or left of the payment) live here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.customers import Customer
from desktop.models.orders import (
    Payment,
    PaymentAllocation,
    Receivable,
)
from desktop.models.staff import Employee
from desktop.models.types import fen_of, from_fen, to_money
from desktop.services import listing, paging
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.money.common import (
    ZERO,
    _check_person,
    _customer_for_money,
    _money_scope,
)
from desktop.services.money.receivables import outstanding_fen
from desktop.services.permissions import Action
from desktop.services.validation import (
    Problems,
    money,
    optional_text,
    plausible_date,
)

# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class Allocation:
    """How much of a payment settles one invoice."""

    receivable_id: int
    amount: Decimal


@dataclass(frozen=True)
class PaymentInput:
    customer_id: int
    received_on: date
    amount: Decimal
    method: str | None = None
    reference: str | None = None
    collector_id: int | None = None
    allocations: tuple[Allocation, ...] = ()


@dataclass(frozen=True)
class PaymentRow:
    id: int
    customer_id: int
    customer_name: str
    received_on: date
    amount: Decimal
    allocated: Decimal
    unallocated: Decimal
    method: str | None
    reference: str | None
    collector_id: int | None
    collector_name: str | None
    customer_code: str = ""
    collector_no: str | None = None


# --------------------------------------------------------------------------- payments


def _allocate(
    s: Session, payment: Payment, allocations: tuple[Allocation, ...], already: Decimal
) -> None:
    """Check and apply allocations: same customer, never more than an invoice's outstanding
    amount nor than the payment's unallocated rest; ``Receivable.paid`` moves with them."""
    p = Problems()
    per_invoice: dict[int, Decimal] = defaultdict(lambda: ZERO)
    total = ZERO
    for item in allocations:
        value = p.check(money, item.amount, "allocations", positive=True)
        if value is None:
            continue
        per_invoice[item.receivable_id] += value
        total += value
    receivables: dict[int, Receivable] = {}
    for rid, value in per_invoice.items():
        receivable = s.get(Receivable, rid)
        if receivable is None or receivable.customer_id != payment.customer_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "Invoice {id} is not one of this customer's."),
                    field="allocations",
                    id=rid,
                )
            )
            continue
        receivables[rid] = receivable
        if value > receivable.outstanding:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Invoice {number} has only {outstanding} outstanding; {amount} cannot be allocated to it.",
                    ),
                    field="allocations",
                    number=receivable.number,
                    outstanding=str(receivable.outstanding),
                    amount=str(value),
                )
            )
    if already + total > payment.amount:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The allocations ({allocated}) exceed what is left of the payment ({left}).",
                ),
                field="allocations",
                allocated=str(total),
                left=str(payment.amount - already),
            )
        )
    p.raise_if_any()
    for rid, value in per_invoice.items():
        s.add(PaymentAllocation(payment_id=payment.id, receivable_id=rid, amount=value))
        receivables[rid].paid = receivables[rid].paid + value


def record_payment(ctx: ServiceContext, data: PaymentInput) -> Changes:
    """Record money received and allocate it to invoices (partial payments are the norm; an
    unallocated rest stays on the payment for :func:`allocate_payment`). ``Changes.ids``
    holds the new payment id."""
    ctx.require(Action.PAYMENTS_EDIT)
    with ctx.transaction() as s:
        _customer_for_money(ctx, s, data.customer_id)
        p = Problems()
        p.check(plausible_date, data.received_on, "received_on", ctx.today())
        amount = p.check(money, data.amount, "amount", positive=True)
        method = p.check(optional_text, data.method, "method", 32)
        reference = p.check(optional_text, data.reference, "reference", 64)
        if reference and s.scalar(select(Payment.id).where(Payment.reference == reference)):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "A payment with the reference {value} exists already."
                    ),
                    field="reference",
                    value=reference,
                )
            )
        _check_person(s, p, data.collector_id, "collector_id", data.received_on)
        p.raise_if_any()
        payment = Payment(
            customer_id=data.customer_id,
            received_on=data.received_on,
            amount=amount,
            method=method,
            reference=reference,
            collector_id=data.collector_id,
        )
        s.add(payment)
        s.flush()
        _allocate(s, payment, data.allocations, ZERO)
        return Changes.of(Kind.PAYMENTS, Kind.RECEIVABLES, ids=frozenset({payment.id}))


def _allocated(s: Session, payment_id: int) -> Decimal:
    return (
        s.scalar(
            select(func.coalesce(func.sum(PaymentAllocation.amount), 0)).where(
                PaymentAllocation.payment_id == payment_id
            )
        )
        or ZERO
    )


def allocate_payment(
    ctx: ServiceContext, payment_id: int, allocations: tuple[Allocation, ...]
) -> Changes:
    """Allocate the unallocated rest of a payment to invoices of the same customer."""
    ctx.require(Action.PAYMENTS_EDIT)
    with ctx.transaction() as s:
        payment = s.get(Payment, payment_id)
        if payment is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Payment {id} does not exist."), id=payment_id
            )
        _allocate(s, payment, allocations, to_money(_allocated(s, payment_id)))
    return Changes.of(Kind.PAYMENTS, Kind.RECEIVABLES, ids=frozenset({payment_id}))


def suggest_allocation(ctx: ServiceContext, customer_id: int, amount: Decimal) -> list[Allocation]:
    """Spread ``amount`` over the customer's open invoices, oldest due first (for the form to
    show and the user to confirm or change)."""
    ctx.require(Action.PAYMENTS_EDIT)
    left = money(amount, "amount", positive=True)
    with ctx.read() as s:
        _customer_for_money(ctx, s, customer_id)
        out: list[Allocation] = []
        query = (
            select(Receivable)
            .where(Receivable.customer_id == customer_id, outstanding_fen() > 0)
            .order_by(Receivable.due_on, Receivable.id)
        )
        for receivable in s.scalars(query):
            if left <= 0:
                break
            take = min(left, receivable.outstanding)
            out.append(Allocation(receivable.id, take))
            left -= take
        return out


_collector = aliased(Employee, name="collector")


def _allocated_fen() -> Any:
    """The part of each payment allocated to invoices, in integer fen."""
    return (
        select(func.coalesce(func.sum(fen_of(PaymentAllocation.amount)), 0))
        .where(PaymentAllocation.payment_id == Payment.id)
        .correlate(Payment)
        .scalar_subquery()
    )


def _payment_row(
    pay: Payment,
    customer: str,
    collector: str | None,
    fen: int | None,
    code: str,
    collector_no: str | None,
) -> PaymentRow:
    done = from_fen(fen)
    return PaymentRow(
        pay.id,
        pay.customer_id,
        customer,
        pay.received_on,
        pay.amount,
        done,
        pay.amount - done,
        pay.method,
        pay.reference,
        pay.collector_id,
        collector,
        code,
        collector_no,
    )


#: The payment list, newest first; it has no search.
PAYMENTS: listing.ListingSpec[PaymentRow] = listing.ListingSpec(
    entity="payment",
    table=Payment,
    key=Payment.id,
    view=Action.RECEIVABLES_VIEW,
    query=lambda env: (
        select(
            Payment,
            Customer.name,
            _collector.name,
            _allocated_fen(),
            Customer.code,
            _collector.employee_no,
        )
        .join(Customer, Customer.id == Payment.customer_id)
        .outerjoin(_collector, _collector.id == Payment.collector_id)
    ),
    row=lambda env, r: _payment_row(*r),
    scope=lambda env: _money_scope(env.ctx, env.s, Payment.customer_id, Payment.collector_id),
    sorts={"received_on": Payment.received_on},
    default_sort="received_on",
    newest_first=True,
    filters={
        "customer_id": listing.equals(Payment.customer_id),
        "since": listing.since(Payment.received_on),
        "until": listing.until(Payment.received_on),
        "unallocated_only": listing.only(lambda env: fen_of(Payment.amount) > _allocated_fen()),
    },
    totals={
        "amount": fen_of(Payment.amount),
        "allocated": _allocated_fen(),
        "unallocated": fen_of(Payment.amount) - _allocated_fen(),
    },
)
PAYMENT_FILTERS = tuple(PAYMENTS.filters)


def list_payments(
    ctx: ServiceContext, offset: int, limit: int, filters: dict[str, Any] | None = None
) -> list[PaymentRow]:
    """A page of payments, newest first. Filters: customer_id, since, until, unallocated_only."""
    return listing.list_rows(ctx, PAYMENTS, offset, limit, filters=filters)


def export_payments(
    ctx: ServiceContext,
    filters: dict[str, Any] | None = None,
    sink: paging.RowSink | None = None,
) -> list[PaymentRow]:
    """Every payment of the list the actor may export, newest first, recording the export in
    the audit log in the same unit of work; with a ``sink`` the rows stream to it and the
    list returned is empty."""
    return listing.export_rows(ctx, PAYMENTS, filters=filters, sink=sink)


def count_payments(ctx: ServiceContext, filters: dict[str, Any] | None = None) -> int:
    return listing.count_rows(ctx, PAYMENTS, filters=filters)


def total_payments(
    ctx: ServiceContext, filters: dict[str, Any] | None = None
) -> dict[str, Decimal]:
    """Amount received, applied to invoices and not yet applied, summed over every payment
    of the list (filters as :func:`list_payments`), not only the page loaded."""
    return listing.total_rows(ctx, PAYMENTS, filters=filters)
