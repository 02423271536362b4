"""Importing orders (waybills); a departing salesperson's order lock applies to each row."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.customers import Customer
from desktop.models.orders import Order, OrderStatus, Receivable, ServiceType
from desktop.models.staff import EmployeeStatus
from desktop.services import alerts, order_flags, order_lock
from desktop.services.imports.plan import (
    LOOKUP_CHUNK,
    Plan,
    _bulk,
    _cells,
    _choice,
    _differs,
    _duplicate,
    _mapped,
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


#: The number of the receivable raised for a waybill (``--receivables``).
RECEIVABLE_PREFIX = "AR-"


def plan_orders(
    session: Session,
    readers: Iterable[RowReader],
    look: Lookups,
    today: date,
    options: dict[str, Any] | None = None,
) -> Plan:
    """Check waybills; with ``options["receivables"]`` each (not cancelled, with revenue) also
    gets a receivable of its revenue, due after its customer's payment terms."""
    plan = Plan()
    mapped = {_COLUMN_OF.get(f, f) for f in _mapped(readers)} - {"number"}
    current = _current_orders(session, _cells(readers, "number"))
    raise_receivables = bool((options or {}).get("receivables"))
    taken: dict[str, Any] = {}
    terms: dict[int, int] = {}
    if raise_receivables:
        taken = _present(
            session,
            Receivable.number,
            Receivable.id,
            (RECEIVABLE_PREFIX + n for n in _cells(readers, "number")),
        )
        terms = dict(session.execute(select(Customer.id, Customer.payment_terms_days)).all())
    seen: dict[str, int] = {}
    for r in readers:
        number = r.text("number", required=True, max_len=40)
        if number is not None:
            # One already in the vault is updated by its number, never added twice.
            _duplicate(r, "number", seen, number, False)
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
        known = current.get(number) if number is not None else None
        if (
            salesperson is not None
            and day is not None
            # A waybill already in the vault keeps its salesperson without these checks.
            and (known is None or known["salesperson_id"] != salesperson)
        ):
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
        receivable = None
        if (
            raise_receivables
            and number is not None
            and number not in current
            and customer is not None
            and day is not None
            and revenue
            and status != OrderStatus.CANCELLED
        ):
            receivable_no = RECEIVABLE_PREFIX + number
            if receivable_no in taken:
                r.fail(
                    "number",
                    QT_TRANSLATE_NOOP(
                        "Errors", "the receivable {receivable} for this waybill already exists"
                    ),
                    receivable=receivable_no,
                )
            receivable = {
                "number": receivable_no,
                "due_on": day + timedelta(days=int(terms.get(customer) or 30)),
            }
            plan.will_create["receivables"] += 1
        if number in current and not r.errors:
            given = {
                "customer_id": customer,
                "order_date": day,
                "salesperson_id": salesperson,
                "service_type": service.value if service else None,
                "origin": r.text("origin", max_len=64),
                "destination": r.text("destination", max_len=64),
                "revenue": revenue,
                "cost": cost,
                "status": status.value if status else None,
            }
            was = current[number]
            changed = _differs(was, given, mapped)
            if was["receivable"] and {"customer_id", "revenue"} & set(changed):
                r.fail(
                    "revenue" if "revenue" in changed else "customer",
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "this waybill is already invoiced ({receivable}): its customer and "
                        "amount change with the invoice, not by importing it again",
                    ),
                    receivable=was["receivable"],
                )
            if not r.errors:
                if changed:
                    plan.rows.append({"number": number, "update": {k: given[k] for k in changed}})
                    plan.extra["updated"] = plan.extra.get("updated", 0) + 1
                else:
                    plan.extra["unchanged"] = plan.extra.get("unchanged", 0) + 1
            plan.errors += r.errors
            continue
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "receivable": receivable,
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


#: The file's field names that differ from the order's columns.
_COLUMN_OF = {"customer": "customer_id", "salesperson": "salesperson_id"}


def _current_orders(session: Session, numbers: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The waybills of these numbers already in the vault, as a file would show them."""
    wanted = list(dict.fromkeys(numbers))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        rows = session.execute(
            select(Order, Receivable.number)
            .outerjoin(Receivable, Receivable.id == Order.receivable_id)
            .where(Order.number.in_(chunk))
        )
        for order, receivable in rows:
            out[order.number] = {
                "customer_id": order.customer_id,
                "order_date": order.order_date,
                "salesperson_id": order.salesperson_id,
                "service_type": order.service_type,
                "origin": order.origin,
                "destination": order.destination,
                "revenue": order.revenue,
                "cost": order.cost,
                "status": order.status,
                "receivable": receivable,
            }
    return out


def insert_orders(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    before = alerts.last_order_id(session)
    counts = _write_orders(session, plan, stamp)
    new_rows = [row for row in plan.rows if "update" not in row]
    order_flags.flag_rows(session, new_rows, str(session.info.get("actor") or "import"))
    # The order rules over the imported rows, in the import's unit of work (set-wise).
    alerts.on_orders_imported(session, today, before)
    return counts


def _write_orders(session: Session, plan: Plan, stamp: dict[str, Any]) -> dict[str, int]:
    """Update the waybills already in the vault, insert the new ones, raise their receivables."""
    now = stamp["updated_at"]
    updates = [row for row in plan.rows if "update" in row]
    if updates:
        for row in updates:
            session.connection().execute(
                update(Order)
                .where(Order.number == row["number"])
                .values(**row["update"], updated_at=now, version=Order.version + 1)
            )
        rest = Plan(rows=[row for row in plan.rows if "update" not in row])
        return {**_write_orders(session, rest, stamp), "updated": len(updates)}
    _bulk(
        session,
        Order,
        (
            {k: v for k, v in row.items() if k != "receivable"}
            | stamp
            | ({"status": OrderStatus.INVOICED.value} if row["receivable"] else {})
            for row in plan.rows
        ),
    )
    raised = [row for row in plan.rows if row["receivable"]]
    if not raised:
        return {"orders": len(plan.rows)}
    _bulk(
        session,
        Receivable,
        (
            {
                "number": row["receivable"]["number"],
                "customer_id": row["customer_id"],
                "salesperson_id": row["salesperson_id"],
                "issued_on": row["order_date"],
                "due_on": row["receivable"]["due_on"],
                "amount": row["revenue"],
                "paid": Decimal("0"),
                "written_off": Decimal("0"),
                "written_off_on": None,
                "collector_id": None,
                **stamp,
            }
            for row in raised
        ),
    )
    ids = _present(
        session, Receivable.number, Receivable.id, (r["receivable"]["number"] for r in raised)
    )
    orders = _present(session, Order.number, Order.id, (r["number"] for r in raised))
    session.connection().execute(
        update(Order).where(Order.id == bindparam("oid")).values(receivable_id=bindparam("rid")),
        [{"oid": orders[r["number"]], "rid": ids[r["receivable"]["number"]]} for r in raised],
    )
    return {"orders": len(plan.rows), "receivables": len(raised)}
