"""Invoices (receivables): issuing them against orders, their lists and export, and writing
off bad debt; :func:`outstanding_fen` is the exact SQL for what is left to collect.

Separate from payments and aging, which read the outstanding amount this module defines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models import audit
from desktop.models.customers import Customer
from desktop.models.orders import (
    Order,
    OrderStatus,
    Receivable,
)
from desktop.models.staff import Employee
from desktop.models.types import fen_of
from desktop.services import listing, paging, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.money.common import (
    ZERO,
    _check_person,
    _customer_for_money,
    _money_scope,
    _not_found,
    number_or_customer,
)
from desktop.services.permissions import Action
from desktop.services.validation import (
    Problems,
    money,
    plausible_date,
    required_text,
)

MSG_RECEIVABLE_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Invoice {id} does not exist or is outside what you may see."
)


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class ReceivableInput:
    """An invoice. ``due_on`` None: issued_on plus the customer's payment terms;
    ``salesperson_id`` None: the customer's owner on the issue date; ``order_ids``: the
    waybills it bills (marked invoiced)."""

    number: str
    customer_id: int
    issued_on: date
    amount: Decimal
    due_on: date | None = None
    salesperson_id: int | None = None
    collector_id: int | None = None
    order_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ReceivableRow:
    """One invoice; ``days_overdue`` counted at the list's ``as_of`` (0 when settled or not due)."""

    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    salesperson_id: int | None
    salesperson_name: str | None
    issued_on: date
    due_on: date
    amount: Decimal
    paid: Decimal
    written_off: Decimal
    outstanding: Decimal
    days_overdue: int
    written_off_on: date | None
    version: int
    salesperson_no: str | None = None


# --------------------------------------------------------------------------- receivables


def create_receivable(ctx: ServiceContext, data: ReceivableInput) -> Changes:
    """Issue an invoice (finance), optionally billing waybills of the same customer.
    ``Changes.ids`` holds the new id."""
    ctx.require(Action.RECEIVABLES_EDIT)
    with ctx.transaction() as s:
        customer = _customer_for_money(ctx, s, data.customer_id)
        plausible_date(data.issued_on, "issued_on", ctx.today())
        if data.due_on is not None:
            plausible_date(data.due_on, "due_on", ctx.today())
        p = Problems()
        number = p.check(
            required_text,
            data.number,
            "number",
            40,
            QT_TRANSLATE_NOOP("Errors", "Enter the invoice number."),
        )
        if number is not None and s.scalar(
            select(Receivable.id).where(Receivable.number == number)
        ):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "The invoice number {value} exists already."),
                    field="number",
                    value=number,
                )
            )
        amount = p.check(money, data.amount, "amount", positive=True)
        due_on = data.due_on or data.issued_on + timedelta(days=customer.payment_terms_days)
        if due_on < data.issued_on:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "The due date ({due}) cannot be before the invoice date ({issued}).",
                    ),
                    field="due_on",
                    due=due_on.isoformat(),
                    issued=data.issued_on.isoformat(),
                )
            )
        salesperson = data.salesperson_id
        if salesperson is None:
            salesperson = scope.current_owner_id(s, customer.id, data.issued_on)
        else:
            _check_person(s, p, salesperson, "salesperson_id", data.issued_on)
        _check_person(s, p, data.collector_id, "collector_id", data.issued_on)
        orders = [s.get(Order, oid) for oid in dict.fromkeys(data.order_ids)]
        for oid, order in zip(dict.fromkeys(data.order_ids), orders, strict=True):
            if order is None or order.customer_id != customer.id:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP("Errors", "Waybill {id} is not one of this customer's."),
                        field="order_ids",
                        id=oid,
                    )
                )
            elif order.receivable_id is not None or order.status == OrderStatus.CANCELLED.value:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "The waybill {number} is invoiced already or cancelled."
                        ),
                        field="order_ids",
                        number=order.number,
                    )
                )
        p.raise_if_any()
        receivable = Receivable(
            number=number,
            customer_id=customer.id,
            salesperson_id=salesperson,
            issued_on=data.issued_on,
            due_on=due_on,
            amount=amount,
            paid=ZERO,
            written_off=ZERO,
            collector_id=data.collector_id,
        )
        s.add(receivable)
        s.flush()
        for order in orders:
            assert order is not None
            order.receivable_id = receivable.id
            order.status = OrderStatus.INVOICED.value
        return Changes.of(Kind.RECEIVABLES, Kind.ORDERS, ids=frozenset({receivable.id}))


def outstanding_fen() -> Any:
    """A receivable's outstanding amount in integer fen (exact arithmetic in SQL)."""
    return fen_of(Receivable.amount) - fen_of(Receivable.paid) - fen_of(Receivable.written_off)


_salesperson = aliased(Employee, name="salesperson")


def _owner_is(env: listing.Env, employee_id: int) -> Any:
    owned = scope.owned_customer_ids(scope.Scope(False, employee_id=employee_id), env.day)
    assert owned is not None
    return Receivable.customer_id.in_(owned)


def _receivable_row(
    r: Receivable, code: str, name: str, person: str | None, person_no: str | None, as_of: date
) -> ReceivableRow:
    outstanding = r.amount - r.paid - r.written_off
    overdue = max((as_of - r.due_on).days, 0) if outstanding > 0 else 0
    return ReceivableRow(
        r.id,
        r.number,
        r.customer_id,
        code,
        name,
        r.salesperson_id,
        person,
        r.issued_on,
        r.due_on,
        r.amount,
        r.paid,
        r.written_off,
        outstanding,
        overdue,
        r.written_off_on,
        r.version,
        person_no,
    )


#: The invoice list with what is paid and outstanding on the list's day, oldest due first.
RECEIVABLES: listing.ListingSpec[ReceivableRow] = listing.ListingSpec(
    entity="receivable",
    table=Receivable,
    key=Receivable.id,
    view=Action.RECEIVABLES_VIEW,
    query=lambda env: (
        select(
            Receivable, Customer.code, Customer.name, _salesperson.name, _salesperson.employee_no
        )
        .join(Customer, Customer.id == Receivable.customer_id)
        .outerjoin(_salesperson, _salesperson.id == Receivable.salesperson_id)
    ),
    row=lambda env, r: _receivable_row(*r, env.day),
    scope=lambda env: _money_scope(
        env.ctx, env.s, Receivable.customer_id, Receivable.salesperson_id
    ),
    sorts={
        "number": Receivable.number,
        "issued_on": Receivable.issued_on,
        "due_on": Receivable.due_on,
        "customer": Customer.name,
        "salesperson": _salesperson.name,
        "amount": Receivable.amount,
        "outstanding": outstanding_fen(),
    },
    default_sort="due_on",
    filters={
        "id": listing.equals(Receivable.id),
        "customer_id": listing.equals(Receivable.customer_id),
        "salesperson_id": listing.equals(Receivable.salesperson_id),
        "branch_id": listing.in_branch(Receivable.salesperson_id),
        "owner_id": listing.Filter(listing.check_id, _owner_is),
        "overdue_only": listing.only(
            lambda env: (outstanding_fen() > 0) & (Receivable.due_on < env.day)
        ),
        "open_only": listing.only(lambda env: outstanding_fen() > 0),
        "since": listing.since(Receivable.issued_on),
        "until": listing.until(Receivable.issued_on),
    },
    search=number_or_customer(Receivable.number, Receivable.customer_id),
    dated=True,
    totals={
        "amount": fen_of(Receivable.amount),
        "paid": fen_of(Receivable.paid),
        "written_off": fen_of(Receivable.written_off),
        "outstanding": outstanding_fen(),
    },
)
RECEIVABLE_FILTERS = tuple(RECEIVABLES.filters)
RECEIVABLE_SORTS = tuple(RECEIVABLES.sorts)


def list_receivables(
    ctx: ServiceContext,
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
    as_of: date | None = None,
) -> list[ReceivableRow]:
    """A page of invoices with what is paid and outstanding now; oldest due first by default.
    Filters: customer_id, salesperson_id, branch_id (salesperson's), owner_id (customer's
    owner on ``as_of``), open_only, overdue_only (outstanding and past due on ``as_of``),
    since, until (issue dates, inclusive)."""
    return listing.list_rows(
        ctx, RECEIVABLES, offset, limit, search, sort, descending, filters, as_of=as_of
    )


def receivables_in(
    ctx: ServiceContext,
    s: Session,
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
    as_of: date | None = None,
) -> list[ReceivableRow]:
    """:func:`list_receivables` inside an open unit of work."""
    return listing.rows_in(
        ctx, s, RECEIVABLES, offset, limit, search, sort, descending, filters, as_of=as_of
    )


def export_receivables(
    ctx: ServiceContext,
    search: str = "",
    filters: dict[str, Any] | None = None,
    sort: str | None = None,
    sink: paging.RowSink | None = None,
    as_of: date | None = None,
) -> list[ReceivableRow]:
    """Every invoice of the list the actor may export (as :func:`list_receivables`, oldest
    due first), recording the export in the audit log in the same unit of work; with a
    ``sink`` the rows stream to it and the list returned is empty."""
    return listing.export_rows(ctx, RECEIVABLES, search, filters, sort, sink, as_of=as_of)


def count_receivables(
    ctx: ServiceContext,
    search: str = "",
    filters: dict[str, Any] | None = None,
    as_of: date | None = None,
) -> int:
    return listing.count_rows(ctx, RECEIVABLES, search, filters, as_of=as_of)


def total_receivables(
    ctx: ServiceContext,
    search: str = "",
    filters: dict[str, Any] | None = None,
    as_of: date | None = None,
) -> dict[str, Decimal]:
    """Amount, paid, written off and outstanding summed over every invoice of the list
    (search and filters as :func:`list_receivables`), not only the page loaded."""
    return listing.total_rows(ctx, RECEIVABLES, search, filters, as_of=as_of)


def write_off(
    ctx: ServiceContext, receivable_id: int, on: date, reason: str, amount: Decimal | None = None
) -> Changes:
    """Record a bad-debt loss on an invoice (all that is outstanding unless ``amount``).

    Why a reason: under the small-enterprise standard a loss is recognised when it happens and
    must be evidenced (bankruptcy, court ruling…); the reason goes into the audit log.
    """
    ctx.require(Action.RECEIVABLES_WRITE_OFF)
    clean_reason = required_text(
        reason, "reason", 256, QT_TRANSLATE_NOOP("Errors", "Give the reason for the write-off.")
    )
    with ctx.transaction() as s:
        receivable = s.get(Receivable, receivable_id)
        if receivable is None:
            raise _not_found(MSG_RECEIVABLE_NOT_FOUND, receivable_id)
        outstanding = receivable.outstanding
        value = outstanding if amount is None else money(amount, "amount", positive=True)
        if outstanding <= 0 or value > outstanding or value <= 0:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Only {outstanding} is outstanding on invoice {number}; cannot write off {amount}.",
                ),
                field="amount",
                outstanding=str(outstanding),
                number=receivable.number,
                amount=str(value),
            )
        if on < receivable.issued_on:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "A write-off cannot be dated before the invoice ({day})."
                ),
                field="on",
                day=receivable.issued_on.isoformat(),
            )
        receivable.written_off = receivable.written_off + value
        receivable.written_off_on = on
        audit.record(
            s,
            "write_off",
            "receivable",
            receivable_id,
            {"amount": str(value), "on": on.isoformat(), "reason": clean_reason},
        )
    return Changes.of(Kind.RECEIVABLES, ids=frozenset({receivable_id}))
