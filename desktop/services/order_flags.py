"""Orders for a customer under handover that name nobody, or someone other than its successor.

Why: the leaver's customer keeps ordering during the handover; an order entered with no
salesperson, or with a colleague who is not the named successor, goes in (the business must go
on) but the case shows it, because that is how a book drifts away from the handover. A flag is
a :class:`LockAttempt` row with a flag source, written in the order's own unit of work (the
order is accepted, so nothing rolls back), and audited with it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.departures import (
    CaseState,
    DepartureCase,
    HandoverItem,
    ItemKind,
    ItemStatus,
    LockAttempt,
)
from desktop.models.types import utcnow

#: A flagged order named no salesperson.
FLAG_NO_SALESPERSON = "no_salesperson"
#: A flagged order named someone other than the customer's successor.
FLAG_NOT_SUCCESSOR = "not_successor"
FLAG_SOURCES = (FLAG_NO_SALESPERSON, FLAG_NOT_SUCCESSOR)

#: Cases whose handover items can still change (``departures.states.HANDOVER_STATES``; that
#: package imports money, which imports this module).
_UNDER_HANDOVER = (
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
)


def _held(s: Session, customer_id: int | None = None) -> dict[int, tuple[int, int, int | None]]:
    """Customers held by a handover: customer id -> (case id, leaver id, successor id)."""
    query = (
        select(
            HandoverItem.customer_id,
            DepartureCase.id,
            DepartureCase.employee_id,
            HandoverItem.successor_id,
        )
        .join(HandoverItem, HandoverItem.case_id == DepartureCase.id)
        .where(
            HandoverItem.customer_id.is_not(None),
            HandoverItem.kind == ItemKind.CUSTOMER.value,
            HandoverItem.status != ItemStatus.WAIVED.value,
            DepartureCase.state.in_(_UNDER_HANDOVER),
        )
        .order_by(DepartureCase.id)
    )
    if customer_id is not None:
        query = query.where(HandoverItem.customer_id == customer_id)
    return {int(c): (case, leaver, successor) for c, case, leaver, successor in s.execute(query)}


def _flag(
    held: dict[int, tuple[int, int, int | None]],
    customer_id: int,
    salesperson_id: int | None,
    number: str,
    day: date,
    actor: str,
) -> LockAttempt | None:
    found = held.get(customer_id)
    if found is None:
        return None
    case_id, leaver, successor = found
    if salesperson_id is None:
        source = FLAG_NO_SALESPERSON
    elif salesperson_id not in (successor, leaver):
        source = FLAG_NOT_SUCCESSOR
    else:
        return None
    return LockAttempt(
        at=utcnow(),
        case_id=case_id,
        employee_id=leaver,
        source=source,
        actor=actor[:64],
        order_number=number[:40],
        order_date=day,
        rows=1,
    )


def flag_order(
    s: Session,
    customer_id: int,
    salesperson_id: int | None,
    number: str,
    day: date,
    actor: str,
) -> str | None:
    """Flag an accepted order on the case handing its customer over when it names nobody or
    someone other than the successor; returns the flag's source (None: nothing to flag)."""
    flag = _flag(_held(s, customer_id), customer_id, salesperson_id, number, day, actor)
    if flag is None:
        return None
    s.add(flag)
    return flag.source


def flag_rows(s: Session, rows: list[dict[str, Any]], actor: str) -> int:
    """:func:`flag_order` for imported order rows (one query for the whole file)."""
    held = _held(s)
    if not held:
        return 0
    flags = [
        f
        for r in rows
        if (
            f := _flag(
                held, r["customer_id"], r.get("salesperson_id"), r["number"], r["order_date"], actor
            )
        )
        is not None
    ]
    s.add_all(flags)
    return len(flags)


def flags_of_case(s: Session, case_id: int) -> int:
    """How many orders were flagged on the case."""
    return int(
        s.scalar(
            select(func.coalesce(func.sum(LockAttempt.rows), 0)).where(
                LockAttempt.case_id == case_id, LockAttempt.source.in_(FLAG_SOURCES)
            )
        )
        or 0
    )
