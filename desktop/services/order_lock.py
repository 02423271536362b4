"""The order lock: a departing employee stops being the salesperson of new orders.

From the approval of their departure case (business setting ``order_lock_from`` = "approval")
or from their notice date ("notice", once the case is submitted), no order dated on or after
that day may name them as its salesperson — typed (:mod:`desktop.services.money`) or
imported (:mod:`desktop.services.imports.orders`). Once the lock has begun, no order naming
them is entered at all, whatever its date (a back-dated order was the way round the lock):
a real past order entered late goes in only when a manager records why (``late_reason``,
:data:`Action.ORDERS_LATE_ENTRY`), audited. A withdrawn or cancelled case lifts the lock.

Every refused order is kept as a :class:`LockAttempt` for the alerts. The refusal rolls back the
unit of work that tried, so the attempt is written just after, in a unit of work of its own
(see :func:`_queue`): a refused order leaves its trace, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.logs import get_logger
from desktop.models.audit import install_audit_hook
from desktop.models.departures import CaseState, DepartureCase, LockAttempt
from desktop.models.staff import Employee
from desktop.models.types import utcnow
from desktop.services import business_settings as settings

log = get_logger("order_lock")

LOCK_FROM_APPROVAL = "approval"
LOCK_FROM_NOTICE = "notice"
#: States in which an approved case locks its employee's orders.
APPROVED_STATES = (
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
    CaseState.COMPLETED.value,
    CaseState.ARCHIVED.value,
)
#: With the lock from the notice date, a submitted case locks too.
NOTICE_STATES = (CaseState.SUBMITTED.value, *APPROVED_STATES)

SOURCE_MANUAL = "manual"
SOURCE_IMPORT = "import"

MSG_LOCKED = QT_TRANSLATE_NOOP(
    "Errors",
    "{employee} is leaving the firm (departure case {case}): from {day} on no new order can "
    "name them as its salesperson. Name the successor or another salesperson.",
)
MSG_LOCKED_LATE = QT_TRANSLATE_NOOP(
    "Errors",
    "{employee} is leaving the firm (departure case {case}): since {day} no order naming them "
    "can be entered, whatever its date. A manager may enter a real past order with the reason "
    "it comes late.",
)
MSG_LOCKED_LATE_ROW = QT_TRANSLATE_NOOP(
    "Errors",
    "{employee} is leaving the firm (departure case {case}): since {day} no order naming them "
    "can be imported, whatever its date",
)
MSG_LOCKED_ROW = QT_TRANSLATE_NOOP(
    "Errors",
    "{employee} is leaving the firm (departure case {case}): orders dated {day} or later "
    "cannot name them as salesperson",
)

_CACHE = "order_lock.locks"
_PENDING = "order_lock.pending"
_LISTENING = "order_lock.listening"


@dataclass(frozen=True)
class OrderLock:
    """The departing employee cannot be the salesperson of orders dated ``locked_from`` or
    later, because of case ``case_number``."""

    case_id: int
    case_number: str
    employee_id: int
    employee_name: str
    locked_from: date


def lock_start(case: DepartureCase, mode: str) -> date | None:
    """The first locked day of a case under the lock ``mode`` (None: it does not lock)."""
    if mode == LOCK_FROM_NOTICE:
        if case.state in NOTICE_STATES:
            return case.notice_on or case.submitted_on
        return None
    if case.state in APPROVED_STATES:
        return case.approved_on
    return None


def _locks(s: Session, employee_id: int | None = None) -> dict[int, OrderLock]:
    mode = settings.value_in(s, settings.ORDER_LOCK_FROM)
    states = NOTICE_STATES if mode == LOCK_FROM_NOTICE else APPROVED_STATES
    query = (
        select(DepartureCase, Employee.name)
        .join(Employee, Employee.id == DepartureCase.employee_id)
        .where(DepartureCase.state.in_(states))
    )
    if employee_id is not None:
        query = query.where(DepartureCase.employee_id == employee_id)
    found: dict[int, OrderLock] = {}
    for case, name in s.execute(query):
        start = lock_start(case, mode)
        if start is None:
            continue
        known = found.get(case.employee_id)
        if known is None or start < known.locked_from:
            found[case.employee_id] = OrderLock(case.id, case.number, case.employee_id, name, start)
    return found


def lock_of_case(s: Session, case: DepartureCase) -> OrderLock | None:
    """The lock a case puts on its employee's orders now (None: none yet, or lifted)."""
    start = lock_start(case, settings.value_in(s, settings.ORDER_LOCK_FROM))
    if start is None:
        return None
    name = s.scalar(select(Employee.name).where(Employee.id == case.employee_id)) or ""
    return OrderLock(case.id, case.number, case.employee_id, name, start)


def locks_in(s: Session) -> dict[int, OrderLock]:
    """Every employee whose orders are locked, with the case that locks them (one query)."""
    return _locks(s)


def lock_for(
    s: Session, employee_id: int, day: date, entered: date | None = None
) -> OrderLock | None:
    """The lock that forbids ``employee_id`` as salesperson of an order dated ``day`` (and,
    with ``entered``, of one entered that day, whatever its date)."""
    lock = _locks(s, employee_id).get(employee_id)
    if lock is None:
        return None
    if day >= lock.locked_from or (entered is not None and entered >= lock.locked_from):
        return lock
    return None


def entered_late(s: Session, employee_id: int | None, day: date, entered: date) -> OrderLock | None:
    """The lock an order dated before it but entered after it meets (None: it meets none)."""
    if employee_id is None:
        return None
    lock = lock_for(s, employee_id, day, entered)
    return lock if lock is not None and day < lock.locked_from else None


def check_order(
    s: Session,
    employee_id: int | None,
    day: date,
    number: str | None,
    actor: str,
    entered: date | None = None,
    late_reason: str = "",
) -> ValidationError | None:
    """The refusal for a typed order naming a locked employee (None: not locked). An order
    dated before the lock but ``entered`` after it passes only with a ``late_reason`` (the
    caller checks who may give one and audits it). The attempt is recorded when the refused
    unit of work ends."""
    if employee_id is None:
        return None
    lock = lock_for(s, employee_id, day, entered)
    if lock is None:
        return None
    late = day < lock.locked_from
    if late and late_reason.strip():
        return None
    _queue(s, lock, SOURCE_MANUAL, actor, number, day)
    return ValidationError(
        MSG_LOCKED_LATE if late else MSG_LOCKED,
        field="salesperson_id",
        employee=lock.employee_name,
        case=lock.case_number,
        day=lock.locked_from.isoformat(),
    )


def check_import_row(
    s: Session, salesperson_id: int, day: date, entered: date | None = None
) -> tuple[str, dict[str, Any]] | None:
    """The import hook: the row's reason when its salesperson is locked on ``day``.

    The locks are read once per import (cached on the session), so a 100,000-row file costs
    one query and a dictionary look-up per row. One attempt per case is recorded per checked
    file, with the number of rows and the earliest order date.
    """
    locks = s.info.get(_CACHE)
    if locks is None:
        locks = s.info[_CACHE] = _locks(s)
    lock = locks.get(salesperson_id)
    if lock is None:
        return None
    late = entered is not None and entered >= lock.locked_from and day < lock.locked_from
    if day < lock.locked_from and not late:
        return None
    _queue(s, lock, SOURCE_IMPORT, str(s.info.get("actor") or "system"), None, day)
    return MSG_LOCKED_LATE_ROW if late else MSG_LOCKED_ROW, {
        "employee": lock.employee_name,
        "case": lock.case_number,
        "day": lock.locked_from.isoformat(),
    }


# --------------------------------------------------------------------------- attempts


def _queue(
    s: Session, lock: OrderLock, source: str, actor: str, number: str | None, day: date
) -> None:
    """Remember an attempt on the session; it is written when the session's transaction ends."""
    if not s.info.get(_LISTENING):
        # The session lives for one unit of work; the listener goes with it.
        s.info[_LISTENING] = True
        event.listen(s, "after_transaction_end", _write_pending)
    pending: dict[tuple[int, str, str | None], dict[str, Any]] = s.info.setdefault(_PENDING, {})
    key = (lock.case_id, source, number if source == SOURCE_MANUAL else None)
    row = pending.get(key)
    if row is None:
        pending[key] = {
            "case_id": lock.case_id,
            "employee_id": lock.employee_id,
            "source": source,
            "actor": actor[:64],
            "order_number": (number or "")[:40] or None,
            "order_date": day,
            "rows": 1,
        }
    else:
        row["rows"] += 1
        row["order_date"] = min(row["order_date"], day)


def _write_pending(session: Session, transaction: SessionTransaction) -> None:
    """After the outermost transaction ends (its connection is back in the pool, its lock
    released), write the queued attempts in a unit of work of their own, audited."""
    if transaction.parent is not None:
        return
    pending = session.info.pop(_PENDING, None)
    session.info.pop(_CACHE, None)
    if not pending:
        return
    now = utcnow()
    try:
        with Session(session.get_bind()) as other:
            install_audit_hook(other)
            other.info["actor"] = session.info.get("actor") or "system"
            with other.begin():
                other.add_all(LockAttempt(at=now, **row) for row in pending.values())
                other.flush()
                # The refusal rolled the order back; its alert commits with the attempt.
                from desktop.services import alerts

                alerts.on_lock_refused(
                    other,
                    session.info.get("today") or now.date(),
                    {row["employee_id"] for row in pending.values()},
                )
    except SQLAlchemyError:
        # Best effort: the refusal itself has been reported to the user already.
        log.warning("could not record %d refused order attempt(s)", len(pending), exc_info=True)
