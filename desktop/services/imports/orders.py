"""Importing orders (waybills); a departing salesperson's order lock applies to each row."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.orders import Order, OrderStatus, ServiceType
from desktop.models.staff import EmployeeStatus
from desktop.services import order_flags, order_lock
from desktop.services.imports.plan import (
    Plan,
    _bulk,
    _cells,
    _choice,
    _duplicate,
    _present,
    _resolve,
)
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import parse_date, parse_money

SERVICE_TYPES = {
    "整车": ServiceType.FTL,
    "ftl": ServiceType.FTL,
    "零担": ServiceType.LTL,
    "ltl": ServiceType.LTL,
    "快递": ServiceType.EXPRESS,
    "快运": ServiceType.EXPRESS,
    "express": ServiceType.EXPRESS,
    "仓储": ServiceType.WAREHOUSING,
    "仓储服务": ServiceType.WAREHOUSING,
    "warehousing": ServiceType.WAREHOUSING,
}
ORDER_STATUS = {
    "open": OrderStatus.OPEN,
    "未完成": OrderStatus.OPEN,
    "在途": OrderStatus.OPEN,
    "已下单": OrderStatus.OPEN,
    "delivered": OrderStatus.DELIVERED,
    "已签收": OrderStatus.DELIVERED,
    "已送达": OrderStatus.DELIVERED,
    "invoiced": OrderStatus.INVOICED,
    "已开票": OrderStatus.INVOICED,
    "cancelled": OrderStatus.CANCELLED,
    "已取消": OrderStatus.CANCELLED,
    "作废": OrderStatus.CANCELLED,
}


def plan_orders(session: Session, readers: Iterable[RowReader], look: Lookups, today: date) -> Plan:
    plan = Plan()
    existing = _present(session, Order.number, Order.id, _cells(readers, "number"))
    seen: dict[str, int] = {}
    for r in readers:
        number = r.text("number", required=True, max_len=40)
        if number is not None:
            _duplicate(r, "number", seen, number, number in existing)
        customer = _resolve(r, "customer", look.customer, True)
        salesperson = _resolve(r, "salesperson", look.employee, False)
        day = r.parsed("order_date", parse_date, required=True)
        revenue = r.parsed("revenue", parse_money, required=True)
        cost = r.parsed("cost", parse_money)
        if revenue is not None and revenue < 0:
            r.fail("revenue", QT_TRANSLATE_NOOP("Errors", "must not be negative"))
        if cost is not None and cost < 0:
            r.fail("cost", QT_TRANSLATE_NOOP("Errors", "must not be negative"))
        service = r.parsed(
            "service_type",
            _choice(
                SERVICE_TYPES,
                QT_TRANSLATE_NOOP("Errors", "unknown service type (整车/零担/快递/仓储)"),
            ),
        )
        status = r.parsed(
            "status", _choice(ORDER_STATUS, QT_TRANSLATE_NOOP("Errors", "unknown status"))
        )
        if salesperson is not None and day is not None:
            if look.employee_status.get(salesperson) == EmployeeStatus.DEPARTED.value:
                r.fail(
                    "salesperson",
                    QT_TRANSLATE_NOOP(
                        "Errors", "this employee has departed and cannot take orders"
                    ),
                )
            # The departure lock (called here, not registered from elsewhere, so it holds in
            # every process that imports orders, whatever else it has imported).
            locked = order_lock.check_import_row(session, salesperson, day, today)
            if locked:
                template, params = locked
                r.fail("salesperson", template, **params)
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "number": number,
                    "customer_id": customer,
                    "order_date": day,
                    "salesperson_id": salesperson,
                    "service_type": (service or ServiceType.LTL).value,
                    "origin": r.text("origin", max_len=64),
                    "destination": r.text("destination", max_len=64),
                    "revenue": revenue,
                    "cost": cost if cost is not None else Decimal("0"),
                    "status": (status or OrderStatus.OPEN).value,
                    "receivable_id": None,
                }
            )
    return plan


def insert_orders(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    _bulk(session, Order, (row | stamp for row in plan.rows))
    order_flags.flag_rows(session, plan.rows, str(session.info.get("actor") or "import"))
    return {"orders": len(plan.rows)}
