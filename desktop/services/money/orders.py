"""Orders (运单, waybills): recording and correcting them, and their lists and export.

Separate from invoices because an order is where revenue and the salesperson are fixed (and
where a departing employee's order lock, :mod:`desktop.services.order_lock`, applies).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
    ServiceType,
)
from desktop.models.staff import Employee
from desktop.models.types import fen_of
from desktop.services import alerts, listing, order_flags, order_lock, paging, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext, check_version
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
    optional_text,
    plausible_date,
    required_text,
)

MSG_ORDER_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Order {id} does not exist or is outside what you may see."
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
    #: Why a leaver's past order is entered after their order lock began (managers only).
    late_reason: str = ""


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


# --------------------------------------------------------------------------- helpers


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
    if not ctx.can(Action.RECORDS_FOR_OTHERS):
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
        late_reason = data.late_reason.strip()
        if late_reason:
            ctx.require(Action.ORDERS_LATE_ENTRY)
        locked = order_lock.check_order(
            s,
            salesperson,
            data.order_date,
            number,
            ctx.actor.username,
            ctx.today(),
            late_reason,
        )
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
        _after_entry(ctx, s, order, data)
        raised = alerts.on_orders_written(
            s, ctx.today(), [order.id], [order.customer_id], [order.salesperson_id]
        )
        return Changes.of(Kind.ORDERS, ids=frozenset({order.id})) | _alerted(raised)


def _after_entry(ctx: ServiceContext, s: Session, order: Order, data: OrderInput) -> None:
    """Audit a leaver's past order entered late with its reason; flag an order for a customer
    under handover that names nobody or not the successor (:mod:`desktop.services.order_flags`)."""
    late = order_lock.entered_late(s, order.salesperson_id, order.order_date, ctx.today())
    if late is not None:
        audit.record(
            s,
            "order_lock.late_entry",
            "waybill",
            order.id,
            {"case": late.case_number, "reason": data.late_reason.strip()[:256]},
        )
    order_flags.flag_order(
        s,
        order.customer_id,
        order.salesperson_id,
        order.number,
        order.order_date,
        ctx.actor.username,
    )


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
        s.flush()
        raised = alerts.on_orders_written(
            s, ctx.today(), [order.id], [order.customer_id], [order.salesperson_id]
        )
    return Changes.of(Kind.ORDERS, ids=frozenset({order_id})) | _alerted(raised)


def _alerted(ids: list[int]) -> Changes:
    """The alerts a write raised, for the pages that show them (none: no change)."""
    return Changes.of(Kind.ALERTS) if ids else Changes()


def _order_in_scope(ctx: ServiceContext, s: Session, order_id: int) -> Order:
    order = s.get(Order, order_id)
    if order is None:
        raise _not_found(MSG_ORDER_NOT_FOUND, order_id)
    where = _money_scope(ctx, s, Order.customer_id, Order.salesperson_id)
    if where is not None and s.scalar(select(Order.id).where(Order.id == order_id, where)) is None:
        raise _not_found(MSG_ORDER_NOT_FOUND, order_id)
    return order


_salesperson = aliased(Employee, name="salesperson")


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


#: The waybill list, newest first unless sorted otherwise.
ORDERS: listing.ListingSpec[OrderRow] = listing.ListingSpec(
    entity="order",
    table=Order,
    key=Order.id,
    view=Action.ORDERS_VIEW,
    query=lambda env: (
        select(Order, Customer.code, Customer.name, _salesperson.name, _salesperson.employee_no)
        .join(Customer, Customer.id == Order.customer_id)
        .outerjoin(_salesperson, _salesperson.id == Order.salesperson_id)
    ),
    row=lambda env, r: _order_row(*r),
    scope=lambda env: _money_scope(env.ctx, env.s, Order.customer_id, Order.salesperson_id),
    sorts={
        "number": Order.number,
        "order_date": Order.order_date,
        "customer": Customer.name,
        "salesperson": _salesperson.name,
        "revenue": Order.revenue,
        "cost": Order.cost,
        "margin": fen_of(Order.revenue) - fen_of(Order.cost),
        "status": Order.status,
    },
    default_sort="order_date",
    newest_first=True,
    filters={
        "id": listing.equals(Order.id),
        "customer_id": listing.equals(Order.customer_id),
        "salesperson_id": listing.equals(Order.salesperson_id),
        "branch_id": listing.in_branch(Order.salesperson_id),
        "status": listing.equals(Order.status, listing.one_of(tuple(OrderStatus))),
        "service_type": listing.equals(Order.service_type, listing.one_of(tuple(ServiceType))),
        "since": listing.since(Order.order_date),
        "until": listing.until(Order.order_date),
    },
    search=number_or_customer(Order.number, Order.customer_id),
    totals={
        "revenue": fen_of(Order.revenue),
        "cost": fen_of(Order.cost),
        "margin": fen_of(Order.revenue) - fen_of(Order.cost),
    },
)
ORDER_FILTERS = tuple(ORDERS.filters)
ORDER_SORTS = tuple(ORDERS.sorts)


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
    return listing.list_rows(ctx, ORDERS, offset, limit, search, sort, descending, filters)


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
    return listing.rows_in(ctx, s, ORDERS, offset, limit, search, sort, descending, filters)


def export_orders(
    ctx: ServiceContext,
    search: str = "",
    filters: dict[str, Any] | None = None,
    sort: str | None = None,
    sink: paging.RowSink | None = None,
) -> list[OrderRow]:
    """Every waybill of the list the actor may export (same scope, search, filters and order
    as :func:`list_orders`), recording the export in the audit log in the same unit of work;
    with a ``sink`` the rows stream to it and the list returned is empty."""
    return listing.export_rows(ctx, ORDERS, search, filters, sort, sink)


def count_orders(
    ctx: ServiceContext, search: str = "", filters: dict[str, Any] | None = None
) -> int:
    return listing.count_rows(ctx, ORDERS, search, filters)


def total_orders(
    ctx: ServiceContext, search: str = "", filters: dict[str, Any] | None = None
) -> dict[str, Decimal]:
    """Revenue, cost and margin summed over every waybill of the list (search and filters as
    :func:`list_orders`), not only the page loaded."""
    return listing.total_rows(ctx, ORDERS, search, filters)
