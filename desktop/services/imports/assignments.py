"""Importing customer assignments: who owned which customer from when."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.customers import AssignmentReason, Customer, CustomerAssignment
from desktop.services import alerts
from desktop.services.imports.plan import Plan, _choice, _resolve
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import parse_date

REASONS = {
    "initial": AssignmentReason.INITIAL,
    "初始": AssignmentReason.INITIAL,
    "新建": AssignmentReason.INITIAL,
    "rebalance": AssignmentReason.REBALANCE,
    "调整": AssignmentReason.REBALANCE,
    "调配": AssignmentReason.REBALANCE,
    "handover": AssignmentReason.HANDOVER,
    "交接": AssignmentReason.HANDOVER,
    "离职交接": AssignmentReason.HANDOVER,
    "pool_claim": AssignmentReason.POOL_CLAIM,
    "公海认领": AssignmentReason.POOL_CLAIM,
}


def plan_assignments(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    starts: dict[int, date] = {
        c: d
        for c, d in session.execute(
            select(
                CustomerAssignment.customer_id, func.max(CustomerAssignment.valid_from)
            ).group_by(CustomerAssignment.customer_id)
        )
    }
    seen: dict[tuple[int, date], int] = {}
    for r in readers:
        customer = _resolve(r, "customer", look.customer, True)
        owner = _resolve(r, "owner", look.employee, True)
        start = r.parsed("valid_from", parse_date, required=True)
        reason = r.parsed(
            "reason",
            _choice(
                REASONS, QT_TRANSLATE_NOOP("Errors", "unknown reason (初始/调整/交接/公海认领)")
            ),
        )
        if customer is not None and start is not None:
            if customer in starts and start <= starts[customer]:
                r.fail(
                    "valid_from",
                    QT_TRANSLATE_NOOP("Errors", "the customer already has an owner from {day} on"),
                    day=starts[customer].isoformat(),
                )
            elif (customer, start) in seen:
                r.fail(
                    "valid_from",
                    QT_TRANSLATE_NOOP("Errors", "duplicate of row {other} in this file"),
                    other=seen[(customer, start)],
                )
            else:
                seen[(customer, start)] = r.row
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "customer_id": customer,
                    "employee_id": owner,
                    "valid_from": start,
                    "reason": (reason or AssignmentReason.REBALANCE).value,
                    "note": r.text("note", max_len=256),
                }
            )
    return plan


def insert_assignments(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    conn = session.connection()
    by_customer: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in plan.rows:
        by_customer[row["customer_id"]].append(row)
    count = 0
    for customer, rows in by_customer.items():
        rows.sort(key=lambda x: x["valid_from"])
        first = rows[0]["valid_from"]
        conn.execute(
            update(CustomerAssignment)
            .where(
                CustomerAssignment.customer_id == customer, CustomerAssignment.valid_to.is_(None)
            )
            .values(valid_to=first)
        )
        for i, row in enumerate(rows):
            end = rows[i + 1]["valid_from"] if i + 1 < len(rows) else None
            conn.execute(
                insert(CustomerAssignment).values(
                    customer_id=customer,
                    employee_id=row["employee_id"],
                    valid_from=row["valid_from"],
                    valid_to=end,
                    reason=row["reason"],
                    approved_by=None,
                    note=row["note"],
                    created_at=now,
                )
            )
            count += 1
        conn.execute(update(Customer).where(Customer.id == customer).values(in_pool=False))
    # The ownership rule over the customers whose owner changed, in the import's unit of work:
    # an imported change dated before the last order naming the owner it ends is a signal.
    alerts.on_ownership_changed(session, today, by_customer)
    return {"assignments": count}
