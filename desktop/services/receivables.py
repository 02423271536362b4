"""Orders (运单), invoices (receivables), payments and their aging, exact to the fen.

Why together: an order is invoiced, an invoice is paid in parts, and what is left is aged and
provided for; each step keeps the next one's numbers right in the same transaction (a payment
allocation raises ``Receivable.paid`` in the unit of work that records it). Amounts are
``Decimal`` end to end; the database holds integer fen, and the aging sums those integers, so
every total is exact.

Scope (see :mod:`desktop.services.scope`): sales see the orders and receivables of customers
they own today or attributed to themselves; managers those of their branch; finance, admin and
auditors everything.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.accounts import Role
from desktop.models.customers import Customer
from desktop.models.orders import (
    Order,
    OrderStatus,
    Payment,
    PaymentAllocation,
    Receivable,
    ServiceType,
)
from desktop.models.staff import Employee, EmployeeStatus
from desktop.models.types import fen_of, from_fen, to_money
from desktop.services import business_settings as settings
from desktop.services import order_lock, paging, scope
from desktop.services.context import Changes, ServiceContext, check_version
from desktop.services.permissions import Action, can
from desktop.services.validation import (
    Problems,
    money,
    optional_text,
    plausible_date,
    required_text,
)

ZERO = Decimal("0.00")
RATE = Decimal("0.0001")

ORDER_FILTERS = (
    "customer_id",
    "salesperson_id",
    "branch_id",
    "status",
    "service_type",
    "since",
    "until",
)
ORDER_SORTS = (
    "number",
    "order_date",
    "customer",
    "salesperson",
    "revenue",
    "cost",
    "margin",
    "status",
)
RECEIVABLE_FILTERS = (
    "customer_id",
    "salesperson_id",
    "branch_id",
    "owner_id",
    "overdue_only",
    "open_only",
)
RECEIVABLE_SORTS = (
    "number",
    "issued_on",
    "due_on",
    "customer",
    "salesperson",
    "amount",
    "outstanding",
)
PAYMENT_FILTERS = ("customer_id", "since", "until", "unallocated_only")
AGING_FILTERS = ("customer_id", "salesperson_id", "branch_id", "owner_id", "responsible_id")

MSG_ORDER_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Order {id} does not exist or is outside what you may see."
)
MSG_RECEIVABLE_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Invoice {id} does not exist or is outside what you may see."
)


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class OrderInput:
    """A waybill as a form or an import row gives it. ``salesperson_id`` None: the customer's
    owner on the order date (a salesperson entering an order is always its salesperson)."""

    number: str
    customer_id: int
    order_date: date
    revenue: Decimal
    cost: Decimal = ZERO
    salesperson_id: int | None = None
    service_type: str = ServiceType.LTL.value
    origin: str | None = None
    destination: str | None = None
    status: str = OrderStatus.OPEN.value


@dataclass(frozen=True)
class OrderRow:
    """One waybill; ``margin`` is freight revenue minus carrier cost."""

    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    order_date: date
    salesperson_id: int | None
    salesperson_name: str | None
    service_type: str
    origin: str | None
    destination: str | None
    revenue: Decimal
    cost: Decimal
    margin: Decimal
    status: str
    receivable_id: int | None
    version: int
    salesperson_no: str | None = None


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


@dataclass(frozen=True)
class AgingBucket:
    """Outstanding amounts aged ``low_days``..``high_days`` (None: no upper limit)."""

    index: int
    low_days: int
    high_days: int | None
    outstanding: Decimal
    provision: Decimal
    count: int

    @property
    def label(self) -> str:
        """ "0–30", "31–60" … ">365" (digits and signs only: the same in every language)."""
        if self.high_days is None:
            return f">{self.low_days - 1}"
        return f"{self.low_days}–{self.high_days}"


@dataclass(frozen=True)
class AgingGroup:
    """One salesperson's or customer's line of the aging report (``buckets`` align with
    :attr:`AgingReport.buckets`)."""

    id: int | None
    name: str
    outstanding: Decimal
    not_due: Decimal
    overdue: Decimal
    buckets: tuple[Decimal, ...]
    provision: Decimal
    count: int


@dataclass(frozen=True)
class AgingReport:
    """Receivables outstanding on ``as_of``, by age bucket, with the bad-debt provision.

    ``basis`` "due": age = days past the due date, amounts not yet due are in ``not_due`` and in
    no bucket; "issued": age = days since the invoice date, every amount is in a bucket.
    ``overdue`` is always what is past its due date. ``risk_coefficient`` = provision ÷
    outstanding (0 with provision mode "none", which still reports what is overdue).
    """

    as_of: date
    basis: str
    mode: str
    bounds: tuple[int, ...]
    not_due: Decimal
    buckets: tuple[AgingBucket, ...]
    outstanding: Decimal
    overdue: Decimal
    provision: Decimal
    risk_coefficient: Decimal
    receivables: int
    by_salesperson: tuple[AgingGroup, ...]
    by_customer: tuple[AgingGroup, ...]


@dataclass(frozen=True)
class EmployeeReceivables:
    """What an employee leaves open: invoices they sold or of customers they own today."""

    employee_id: int
    name: str
    as_of: date
    customers_owned: int
    open_receivables: int
    outstanding: Decimal
    overdue_receivables: int
    overdue: Decimal
    oldest_due_on: date | None
    provision: Decimal
    by_customer: tuple[AgingGroup, ...]


# --------------------------------------------------------------------------- helpers


def _not_found(template: str, ident: int) -> NotFound:
    return NotFound(template, id=ident)


def _money_scope(
    ctx: ServiceContext, s: Session, customer_col: Any, person_col: Any
) -> ColumnElement[bool] | None:
    return scope.money_filter(scope.scope_of(ctx, s), ctx.today(), customer_col, person_col)


def _customer_for_money(ctx: ServiceContext, s: Session, customer_id: int) -> Customer:
    """A customer whose money the actor may handle (owned within their scope)."""
    customer = s.get(Customer, customer_id)
    if customer is None:
        raise NotFound(scope.MSG_CUSTOMER_NOT_FOUND, id=customer_id)
    where = scope.customer_filter(scope.scope_of(ctx, s), ctx.today())
    if (
        where is not None
        and s.scalar(select(Customer.id).where(Customer.id == customer_id, where)) is None
    ):
        raise NotFound(scope.MSG_CUSTOMER_NOT_FOUND, id=customer_id)
    return customer


def _check_person(
    s: Session, p: Problems, employee_id: int | None, field: str, on: date
) -> Employee | None:
    """The employee exists and had not left by ``on``."""
    if employee_id is None:
        return None
    employee = s.get(Employee, employee_id)
    if employee is None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Employee {id} does not exist."),
                field=field,
                id=employee_id,
            )
        )
        return None
    if employee.status == EmployeeStatus.DEPARTED.value and (
        employee.departed_on is None or on >= employee.departed_on
    ):
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "{name} had left the firm by {day} and cannot be named here."
                ),
                field=field,
                name=employee.name,
                day=on.isoformat(),
            )
        )
    return employee


def _salesperson_allowed(
    ctx: ServiceContext, s: Session, p: Problems, employee_id: int | None
) -> None:
    """Sales attribute orders only to themselves; managers only within their branch."""
    if employee_id is None:
        return
    if employee_id not in scope.employees_in_scope(ctx, s, [employee_id]):
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "You may not attribute records to employee {id} (outside your scope)."
                ),
                field="salesperson_id",
                id=employee_id,
            )
        )


def _is_sales(ctx: ServiceContext) -> bool:
    return ctx.actor.role is Role.SALES


# --------------------------------------------------------------------------- orders


def _order_values(
    ctx: ServiceContext,
    s: Session,
    data: OrderInput,
    own_id: int | None,
    previous: Order | None = None,
) -> dict[str, Any]:
    """Every problem of the input at once, or the clean values. A departing employee whose
    orders are locked (:mod:`desktop.services.order_lock`) is refused as salesperson of a new
    order, or when an edit makes them its salesperson or moves its date into the lock."""
    plausible_date(data.order_date, "order_date", ctx.today())
    p = Problems()
    number = p.check(
        required_text,
        data.number,
        "number",
        40,
        QT_TRANSLATE_NOOP("Errors", "Enter the waybill number."),
    )
    if number is not None:
        other = s.scalar(select(Order.id).where(Order.number == number))
        if other is not None and other != own_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "The waybill number {value} exists already."),
                    field="number",
                    value=number,
                )
            )
    revenue = p.check(money, data.revenue, "revenue")
    cost = p.check(money, data.cost, "cost")
    if data.service_type not in {v.value for v in ServiceType}:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not a known service type."),
                field="service_type",
                value=data.service_type,
            )
        )
    if data.status not in {v.value for v in OrderStatus}:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not a known order status."),
                field="status",
                value=data.status,
            )
        )
    origin = p.check(optional_text, data.origin, "origin", 64)
    destination = p.check(optional_text, data.destination, "destination", 64)
    salesperson = data.salesperson_id
    if _is_sales(ctx):
        if salesperson not in (None, ctx.actor.employee_id):
            _salesperson_allowed(ctx, s, p, salesperson)
        salesperson = ctx.actor.employee_id
    elif salesperson is None:
        salesperson = scope.current_owner_id(s, data.customer_id, data.order_date)
    else:
        _salesperson_allowed(ctx, s, p, salesperson)
    _check_person(s, p, salesperson, "salesperson_id", data.order_date)
    if previous is None or (salesperson, data.order_date) != (
        previous.salesperson_id,
        previous.order_date,
    ):
        locked = order_lock.check_order(s, salesperson, data.order_date, number, ctx.actor.username)
        if locked is not None:
            p.add(locked)
    p.raise_if_any()
    return {
        "number": number,
        "customer_id": data.customer_id,
        "order_date": data.order_date,
        "salesperson_id": salesperson,
        "service_type": data.service_type,
        "origin": origin,
        "destination": destination,
        "revenue": revenue,
        "cost": cost,
        "status": data.status,
    }


def create_order(ctx: ServiceContext, data: OrderInput) -> Changes:
    """Record a waybill for a customer in scope. ``Changes.ids`` holds the new id."""
    ctx.require(Action.ORDERS_EDIT)
    with ctx.transaction() as s:
        _customer_for_money(ctx, s, data.customer_id)
        order = Order(**_order_values(ctx, s, data, None))
        s.add(order)
        s.flush()
        return Changes.of("orders", ids=frozenset({order.id}))


def update_order(
    ctx: ServiceContext, order_id: int, data: OrderInput, expected_version: int | None = None
) -> Changes:
    """Correct a waybill. Once invoiced, its customer and revenue are fixed (change the
    invoice instead)."""
    ctx.require(Action.ORDERS_EDIT)
    with ctx.transaction() as s:
        order = _order_in_scope(ctx, s, order_id)
        check_version(s, order, expected_version)
        _customer_for_money(ctx, s, data.customer_id)
        values = _order_values(ctx, s, data, order_id, order)
        if order.receivable_id is not None and (
            values["customer_id"] != order.customer_id or values["revenue"] != order.revenue
        ):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The waybill {number} is invoiced: its customer and revenue can no longer "
                    "change.",
                ),
                field="revenue",
                number=order.number,
            )
        for key, value in values.items():
            if getattr(order, key) != value:
                setattr(order, key, value)
    return Changes.of("orders", ids=frozenset({order_id}))


def _order_in_scope(ctx: ServiceContext, s: Session, order_id: int) -> Order:
    order = s.get(Order, order_id)
    if order is None:
        raise _not_found(MSG_ORDER_NOT_FOUND, order_id)
    where = _money_scope(ctx, s, Order.customer_id, Order.salesperson_id)
    if where is not None and s.scalar(select(Order.id).where(Order.id == order_id, where)) is None:
        raise _not_found(MSG_ORDER_NOT_FOUND, order_id)
    return order


def _order_select() -> tuple[Select[Any], dict[str, Any]]:
    person = aliased(Employee)
    query = (
        select(Order, Customer.code, Customer.name, person.name, person.employee_no)
        .join(Customer, Customer.id == Order.customer_id)
        .outerjoin(person, person.id == Order.salesperson_id)
    )
    sorts = {
        "number": Order.number,
        "order_date": Order.order_date,
        "customer": Customer.name,
        "salesperson": person.name,
        "revenue": Order.revenue,
        "cost": Order.cost,
        "margin": fen_of(Order.revenue) - fen_of(Order.cost),
        "status": Order.status,
    }
    return query, sorts


def _order_where(
    ctx: ServiceContext, s: Session, search: str, filters: dict[str, Any] | None
) -> list[Any]:
    clean = paging.check_filters(filters, ORDER_FILTERS)
    where: list[Any] = []
    sc = _money_scope(ctx, s, Order.customer_id, Order.salesperson_id)
    if sc is not None:
        where.append(sc)
    for key in ("customer_id", "salesperson_id", "status", "service_type"):
        if key in clean:
            where.append(getattr(Order, key) == clean[key])
    if "branch_id" in clean:
        where.append(
            Order.salesperson_id.in_(
                select(Employee.id).where(Employee.branch_id == clean["branch_id"])
            )
        )
    if "since" in clean:
        where.append(Order.order_date >= clean["since"])
    if "until" in clean:
        where.append(Order.order_date <= clean["until"])
    text = search.strip()
    if text:
        where.append(
            or_(
                paging.starts_with(s, Order.number, text),
                Order.customer_id.in_(
                    select(Customer.id).where(
                        or_(
                            paging.contains(s, Customer.name, text),
                            paging.starts_with(s, Customer.code, text),
                        )
                    )
                ),
            )
        )
    return where


def _order_row(
    o: Order, code: str, name: str, person: str | None, person_no: str | None
) -> OrderRow:
    return OrderRow(
        o.id,
        o.number,
        o.customer_id,
        code,
        name,
        o.order_date,
        o.salesperson_id,
        person,
        o.service_type,
        o.origin,
        o.destination,
        o.revenue,
        o.cost,
        o.revenue - o.cost,
        o.status,
        o.receivable_id,
        o.version,
        person_no,
    )


def list_orders(
    ctx: ServiceContext,
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[OrderRow]:
    """A page of waybills: search by number prefix or customer; newest first by default.
    Filters: customer_id, salesperson_id, branch_id (salesperson's), status, service_type,
    since, until (order dates, inclusive)."""
    ctx.require(Action.ORDERS_VIEW)
    paging.check_page(offset, limit)
    with ctx.read() as s:
        return orders_in(ctx, s, offset, limit, search, sort, descending, filters)


def orders_in(
    ctx: ServiceContext,
    s: Session,
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[OrderRow]:
    """:func:`list_orders` inside an open unit of work (for other services' detail views)."""
    query, sorts = _order_select()
    if sort is None:
        key, descending = "order_date", not descending
    else:
        key = paging.sort_key(sort, sorts, "order_date")
    column = sorts[key]
    query = query.where(*_order_where(ctx, s, search, filters)).order_by(
        paging.direction(s, column, descending), Order.id.desc() if descending else Order.id
    )
    return [_order_row(*r) for r in s.execute(query.offset(offset).limit(limit))]


def export_orders(
    ctx: ServiceContext,
    search: str = "",
    filters: dict[str, Any] | None = None,
    sort: str | None = None,
    sink: paging.RowSink | None = None,
) -> list[OrderRow]:
    """Every waybill of the list the actor may export (same scope, search and filters as
    :func:`list_orders`), recording the export in the audit log in the same unit of work;
    with a ``sink`` the rows stream to it and the list returned is empty."""
    ctx.require(Action.ORDERS_VIEW)
    ctx.require(Action.EXPORT)
    with ctx.transaction() as s:
        where = _order_where(ctx, s, search, filters)
        total = s.scalar(select(func.count()).select_from(Order).where(*where)) or 0
        query, sorts = _order_select()
        if sort is None:
            column = Order.order_date.desc()
            tie = Order.id.desc()
        else:
            column = sorts[paging.sort_key(sort, sorts, "order_date")]
            tie = Order.id
        query = query.where(*where).order_by(column, tie)
        return paging.export_rows(
            s,
            "order",
            total,
            paging.stream(s, query, _order_row),
            sink,
            search=search,
            filters=filters,
        )


def count_orders(
    ctx: ServiceContext, search: str = "", filters: dict[str, Any] | None = None
) -> int:
    ctx.require(Action.ORDERS_VIEW)
    with ctx.read() as s:
        where = _order_where(ctx, s, search, filters)
        return s.scalar(select(func.count()).select_from(Order).where(*where)) or 0


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
        return Changes.of("receivables", "orders", ids=frozenset({receivable.id}))


def outstanding_fen() -> Any:
    """A receivable's outstanding amount in integer fen (exact arithmetic in SQL)."""
    return fen_of(Receivable.amount) - fen_of(Receivable.paid) - fen_of(Receivable.written_off)


def _receivable_select() -> tuple[Select[Any], dict[str, Any]]:
    person = aliased(Employee)
    query = (
        select(Receivable, Customer.code, Customer.name, person.name, person.employee_no)
        .join(Customer, Customer.id == Receivable.customer_id)
        .outerjoin(person, person.id == Receivable.salesperson_id)
    )
    sorts = {
        "number": Receivable.number,
        "issued_on": Receivable.issued_on,
        "due_on": Receivable.due_on,
        "customer": Customer.name,
        "salesperson": person.name,
        "amount": Receivable.amount,
        "outstanding": outstanding_fen(),
    }
    return query, sorts


def _receivable_where(
    ctx: ServiceContext, s: Session, search: str, filters: dict[str, Any] | None, as_of: date
) -> list[Any]:
    clean = paging.check_filters(filters, RECEIVABLE_FILTERS)
    where: list[Any] = []
    sc = _money_scope(ctx, s, Receivable.customer_id, Receivable.salesperson_id)
    if sc is not None:
        where.append(sc)
    for key in ("customer_id", "salesperson_id"):
        if key in clean:
            where.append(getattr(Receivable, key) == clean[key])
    if "branch_id" in clean:
        where.append(
            Receivable.salesperson_id.in_(
                select(Employee.id).where(Employee.branch_id == clean["branch_id"])
            )
        )
    if "owner_id" in clean:
        owned = scope.owned_customer_ids(scope.Scope(False, employee_id=clean["owner_id"]), as_of)
        assert owned is not None
        where.append(Receivable.customer_id.in_(owned))
    if clean.get("open_only") or clean.get("overdue_only"):
        where.append(outstanding_fen() > 0)
    if clean.get("overdue_only"):
        where.append(Receivable.due_on < as_of)
    text = search.strip()
    if text:
        where.append(
            or_(
                paging.starts_with(s, Receivable.number, text),
                Receivable.customer_id.in_(
                    select(Customer.id).where(
                        or_(
                            paging.contains(s, Customer.name, text),
                            paging.starts_with(s, Customer.code, text),
                        )
                    )
                ),
            )
        )
    return where


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
    owner on ``as_of``), open_only, overdue_only (outstanding and past due on ``as_of``)."""
    ctx.require(Action.RECEIVABLES_VIEW)
    paging.check_page(offset, limit)
    with ctx.read() as s:
        return receivables_in(ctx, s, offset, limit, search, sort, descending, filters, as_of)


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
    day = as_of or ctx.today()
    query, sorts = _receivable_select()
    key = paging.sort_key(sort, sorts, "due_on")
    column = sorts[key]
    query = query.where(*_receivable_where(ctx, s, search, filters, day)).order_by(
        paging.direction(s, column, descending),
        Receivable.id.desc() if descending else Receivable.id,
    )
    return [_receivable_row(*r, day) for r in s.execute(query.offset(offset).limit(limit))]


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
    ctx.require(Action.RECEIVABLES_VIEW)
    ctx.require(Action.EXPORT)
    day = as_of or ctx.today()
    with ctx.transaction() as s:
        where = _receivable_where(ctx, s, search, filters, day)
        total = s.scalar(select(func.count()).select_from(Receivable).where(*where)) or 0
        query, sorts = _receivable_select()
        column = sorts[paging.sort_key(sort, sorts, "due_on")]
        query = query.where(*where).order_by(column, Receivable.id)
        return paging.export_rows(
            s,
            "receivable",
            total,
            paging.stream(s, query, lambda *r: _receivable_row(*r, day)),
            sink,
            search=search,
            filters={**(filters or {}), "as_of": day},
        )


def count_receivables(
    ctx: ServiceContext,
    search: str = "",
    filters: dict[str, Any] | None = None,
    as_of: date | None = None,
) -> int:
    ctx.require(Action.RECEIVABLES_VIEW)
    with ctx.read() as s:
        where = _receivable_where(ctx, s, search, filters, as_of or ctx.today())
        return s.scalar(select(func.count()).select_from(Receivable).where(*where)) or 0


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
    return Changes.of("receivables", ids=frozenset({receivable_id}))


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
        return Changes.of("payments", "receivables", ids=frozenset({payment.id}))


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
    return Changes.of("payments", "receivables", ids=frozenset({payment_id}))


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


def _payment_where(ctx: ServiceContext, s: Session, filters: dict[str, Any] | None) -> list[Any]:
    clean = paging.check_filters(filters, PAYMENT_FILTERS)
    where: list[Any] = []
    sc = _money_scope(ctx, s, Payment.customer_id, Payment.collector_id)
    if sc is not None:
        where.append(sc)
    if "customer_id" in clean:
        where.append(Payment.customer_id == clean["customer_id"])
    if "since" in clean:
        where.append(Payment.received_on >= clean["since"])
    if "until" in clean:
        where.append(Payment.received_on <= clean["until"])
    if clean.get("unallocated_only"):
        allocated = (
            select(func.coalesce(func.sum(fen_of(PaymentAllocation.amount)), 0))
            .where(PaymentAllocation.payment_id == Payment.id)
            .correlate(Payment)
            .scalar_subquery()
        )
        where.append(fen_of(Payment.amount) > allocated)
    return where


def _payment_select(where: list[Any]) -> Select[Any]:
    person = aliased(Employee)
    allocated = (
        select(func.coalesce(func.sum(fen_of(PaymentAllocation.amount)), 0))
        .where(PaymentAllocation.payment_id == Payment.id)
        .correlate(Payment)
        .scalar_subquery()
    )
    return (
        select(Payment, Customer.name, person.name, allocated, Customer.code, person.employee_no)
        .join(Customer, Customer.id == Payment.customer_id)
        .outerjoin(person, person.id == Payment.collector_id)
        .where(*where)
        .order_by(Payment.received_on.desc(), Payment.id.desc())
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


def list_payments(
    ctx: ServiceContext, offset: int, limit: int, filters: dict[str, Any] | None = None
) -> list[PaymentRow]:
    """A page of payments, newest first. Filters: customer_id, since, until, unallocated_only."""
    ctx.require(Action.RECEIVABLES_VIEW)
    paging.check_page(offset, limit)
    with ctx.read() as s:
        query = _payment_select(_payment_where(ctx, s, filters))
        return [_payment_row(*r) for r in s.execute(query.offset(offset).limit(limit))]


def export_payments(
    ctx: ServiceContext,
    filters: dict[str, Any] | None = None,
    sink: paging.RowSink | None = None,
) -> list[PaymentRow]:
    """Every payment of the list the actor may export, newest first, recording the export in
    the audit log in the same unit of work; with a ``sink`` the rows stream to it and the
    list returned is empty."""
    ctx.require(Action.RECEIVABLES_VIEW)
    ctx.require(Action.EXPORT)
    with ctx.transaction() as s:
        where = _payment_where(ctx, s, filters)
        total = s.scalar(select(func.count()).select_from(Payment).where(*where)) or 0
        return paging.export_rows(
            s,
            "payment",
            total,
            paging.stream(s, _payment_select(where), _payment_row),
            sink,
            filters=filters,
        )


def count_payments(ctx: ServiceContext, filters: dict[str, Any] | None = None) -> int:
    ctx.require(Action.RECEIVABLES_VIEW)
    with ctx.read() as s:
        return (
            s.scalar(
                select(func.count()).select_from(Payment).where(*_payment_where(ctx, s, filters))
            )
            or 0
        )


# --------------------------------------------------------------------------- aging and provision


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def provision_rate(policy: settings.ProvisionPolicy, since: date, as_of: date) -> Decimal:
    """The provision rate for a receivable aged from ``since`` (its due date or invoice date)
    on ``as_of``: the rate of the first ladder step it has not outgrown; 0 with mode "none"
    or before ``since``."""
    if policy.mode != settings.MODE_LADDER or as_of <= since:
        return Decimal(0)
    for step in policy.ladder:
        if step.below_years is None or as_of < add_years(since, step.below_years):
            return step.rate
    return policy.ladder[-1].rate


def provision_for(outstanding: Decimal, rate: Decimal) -> Decimal:
    """Provision on one receivable, rounded half up to the fen (so groups sum exactly)."""
    return to_money(outstanding * rate)


def bucket_index(bounds: tuple[int, ...], days: int) -> int:
    """Which bucket ``days`` falls in: bounds (30, 60) → 0 for ≤30, 1 for 31-60, 2 above."""
    for i, bound in enumerate(bounds):
        if days <= bound:
            return i
    return len(bounds)


def _aging_query(
    ctx: ServiceContext, s: Session, as_of: date, filters: dict[str, Any] | None
) -> Select[Any]:
    clean = paging.check_filters(filters, AGING_FILTERS)
    paid = (
        select(
            PaymentAllocation.receivable_id.label("rid"),
            func.sum(fen_of(PaymentAllocation.amount)).label("fen"),
        )
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .where(Payment.received_on <= as_of)
        .group_by(PaymentAllocation.receivable_id)
        .subquery()
    )
    written = case((Receivable.written_off_on <= as_of, fen_of(Receivable.written_off)), else_=0)
    left = fen_of(Receivable.amount) - func.coalesce(paid.c.fen, 0) - written
    person = aliased(Employee)
    query = (
        select(
            Receivable.id,
            Receivable.customer_id,
            Customer.name,
            Receivable.salesperson_id,
            person.name,
            Receivable.issued_on,
            Receivable.due_on,
            left,
        )
        .join(Customer, Customer.id == Receivable.customer_id)
        .outerjoin(person, person.id == Receivable.salesperson_id)
        .outerjoin(paid, paid.c.rid == Receivable.id)
        .where(Receivable.issued_on <= as_of, left > 0)
    )
    sc = _money_scope(ctx, s, Receivable.customer_id, Receivable.salesperson_id)
    if sc is not None:
        query = query.where(sc)
    for key in ("customer_id", "salesperson_id"):
        if key in clean:
            query = query.where(getattr(Receivable, key) == clean[key])
    if "branch_id" in clean:
        query = query.where(
            Receivable.salesperson_id.in_(
                select(Employee.id).where(Employee.branch_id == clean["branch_id"])
            )
        )
    if "owner_id" in clean:
        owned = scope.owned_customer_ids(
            scope.Scope(False, employee_id=clean["owner_id"]), ctx.today()
        )
        assert owned is not None
        query = query.where(Receivable.customer_id.in_(owned))
    if "responsible_id" in clean:
        who = clean["responsible_id"]
        owned = scope.owned_customer_ids(scope.Scope(False, employee_id=who), ctx.today())
        assert owned is not None
        query = query.where(
            or_(Receivable.salesperson_id == who, Receivable.customer_id.in_(owned))
        )
    return query


@dataclass
class _Acc:
    """Running totals in integer fen (exact) for one group."""

    name: str
    buckets: list[int]
    not_due: int = 0
    overdue: int = 0
    provision: int = 0
    count: int = 0

    def group(self, ident: int | None) -> AgingGroup:
        return AgingGroup(
            ident,
            self.name,
            from_fen(sum(self.buckets) + self.not_due),
            from_fen(self.not_due),
            from_fen(self.overdue),
            tuple(from_fen(b) for b in self.buckets),
            from_fen(self.provision),
            self.count,
        )


def aging_in(
    ctx: ServiceContext, s: Session, as_of: date, filters: dict[str, Any] | None = None
) -> AgingReport:
    """:func:`age_receivables` inside an open unit of work (for other services)."""
    bounds: tuple[int, ...] = settings.value_in(s, settings.AGING_BUCKETS)
    basis: str = settings.value_in(s, settings.AGING_BASIS)
    policy = settings.policy_in(s)
    n = len(bounds) + 1
    total = _Acc("", [0] * n)
    bucket_provision = [0] * n
    bucket_count = [0] * n
    people: dict[int | None, _Acc] = {}
    customers: dict[int, _Acc] = {}
    for _rid, cid, cname, pid, pname, issued, due, fen in s.execute(
        _aging_query(ctx, s, as_of, filters)
    ):
        fen = int(fen)
        since = due if basis == settings.BASIS_DUE else issued
        days = (as_of - since).days
        not_due = basis == settings.BASIS_DUE and days <= 0
        index = None if not_due else bucket_index(bounds, days)
        rate = provision_rate(policy, since, as_of)
        prov = int(provision_for(Decimal(fen) / 100, rate) * 100)
        overdue = due < as_of
        targets = (
            total,
            people.setdefault(pid, _Acc(pname or "", [0] * n)),
            customers.setdefault(cid, _Acc(cname, [0] * n)),
        )
        for acc in targets:
            if index is None:
                acc.not_due += fen
            else:
                acc.buckets[index] += fen
            if overdue:
                acc.overdue += fen
            acc.provision += prov
            acc.count += 1
        if index is not None:
            bucket_provision[index] += prov
            bucket_count[index] += 1
    lows = (0, *(b + 1 for b in bounds))
    highs = (*bounds, None)
    buckets = tuple(
        AgingBucket(
            i,
            lows[i],
            highs[i],
            from_fen(total.buckets[i]),
            from_fen(bucket_provision[i]),
            bucket_count[i],
        )
        for i in range(n)
    )
    outstanding = sum(total.buckets) + total.not_due

    def ordered(groups: dict[Any, _Acc]) -> tuple[AgingGroup, ...]:
        made = [acc.group(ident) for ident, acc in groups.items()]
        return tuple(sorted(made, key=lambda g: (-g.outstanding, g.name, g.id or 0)))

    coefficient = (
        (Decimal(total.provision) / Decimal(outstanding)).quantize(RATE, rounding=ROUND_HALF_UP)
        if outstanding
        else Decimal(0).quantize(RATE)
    )
    return AgingReport(
        as_of=as_of,
        basis=basis,
        mode=policy.mode,
        bounds=bounds,
        not_due=from_fen(total.not_due),
        buckets=buckets,
        outstanding=from_fen(outstanding),
        overdue=from_fen(total.overdue),
        provision=from_fen(total.provision),
        risk_coefficient=coefficient,
        receivables=total.count,
        by_salesperson=ordered(people),
        by_customer=ordered(customers),
    )


def age_receivables(
    ctx: ServiceContext, as_of: date | None = None, filters: dict[str, Any] | None = None
) -> AgingReport:
    """Age what was outstanding on ``as_of`` (payments received and write-offs dated after it
    do not count), in the configured buckets, with the configured provision, in scope.
    Filters: customer_id, salesperson_id, branch_id (salesperson's), owner_id (customer's
    owner today), responsible_id (sold by, or customer owned today by, that employee)."""
    ctx.require(Action.RECEIVABLES_VIEW)
    with ctx.read() as s:
        return aging_in(ctx, s, as_of or ctx.today(), filters)


def export_aging(
    ctx: ServiceContext,
    as_of: date | None = None,
    filters: dict[str, Any] | None = None,
    sink: paging.RowSink | None = None,
) -> AgingReport:
    """The aging report (:func:`age_receivables`) as the actor may export it, recording the
    export in the audit log in the same unit of work; a ``sink`` receives the report as its
    one item, and the rows counted are its salesperson and customer lines."""
    ctx.require(Action.RECEIVABLES_VIEW)
    ctx.require(Action.EXPORT)
    day = as_of or ctx.today()
    with ctx.transaction() as s:
        report = aging_in(ctx, s, day, filters)
        lines = len(report.by_salesperson) + len(report.by_customer)
        paging.export_rows(
            s,
            "aging",
            lines,
            [[report]],
            sink,
            filters={**(filters or {}), "as_of": day},
            rows=lines,
        )
        return report


def risk_coefficient(
    ctx: ServiceContext, as_of: date | None = None, filters: dict[str, Any] | None = None
) -> Decimal:
    """Bad-debt risk coefficient: provision ÷ outstanding on ``as_of`` (0.0000 to 1.0000)."""
    return age_receivables(ctx, as_of, filters).risk_coefficient


def employee_receivables(
    ctx: ServiceContext, employee_id: int, as_of: date | None = None
) -> EmployeeReceivables:
    """What a (departing) employee leaves open: invoices they sold or of customers they own
    today — open and overdue counts and sums, oldest due date, provision, per customer."""
    if not can(ctx.actor.role, Action.DEPARTURES_VIEW):
        ctx.require(Action.RECEIVABLES_VIEW)
    day = as_of or ctx.today()
    with ctx.read() as s:
        employee = s.get(Employee, employee_id)
        if employee is None:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
        sc = scope.scope_of(ctx, s)
        people = scope.staff_ids(sc)
        if people is not None and s.scalar(people.where(Employee.id == employee_id)) is None:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
        report = aging_in(ctx, s, day, {"responsible_id": employee_id})
        overdue_count = 0
        oldest: date | None = None
        query = _aging_query(ctx, s, day, {"responsible_id": employee_id})
        for row in s.execute(query):
            due = row[6]
            if due < day:
                overdue_count += 1
            oldest = due if oldest is None or due < oldest else oldest
        owned = scope.owned_customer_ids(scope.Scope(False, employee_id=employee_id), ctx.today())
        assert owned is not None
        customers = s.scalar(select(func.count()).select_from(owned.subquery())) or 0
        return EmployeeReceivables(
            employee_id=employee_id,
            name=employee.name,
            as_of=day,
            customers_owned=customers,
            open_receivables=report.receivables,
            outstanding=report.outstanding,
            overdue_receivables=overdue_count,
            overdue=report.overdue,
            oldest_due_on=oldest,
            provision=report.provision,
            by_customer=report.by_customer,
        )
