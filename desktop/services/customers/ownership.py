"""Who owns a customer on a day and since when, and changing owners (reassign, release to the
pool): one period closes as the next opens.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, Conflict, NotFound, ValidationError
from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.customers import (
    AssignmentReason,
    ClaimStatus,
    Customer,
    CustomerAssignment,
    PoolClaim,
)
from desktop.models.staff import Employee
from desktop.services import alerts, notice_access, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.customers.checks import _active_employee, _employee_allowed, _with_pool
from desktop.services.customers.dtos import AssignmentInfo, OwnerInfo
from desktop.services.customers.guards import check_after_last_order, check_not_in_case
from desktop.services.permissions import Action
from desktop.services.validation import optional_text, required_text

#: Reasons a manager may give when moving a customer (initial and pool_claim have their own
#: use cases: creation and :func:`decide_claim`).
REASSIGN_REASONS = (AssignmentReason.REBALANCE.value, AssignmentReason.HANDOVER.value)


def _owner_info(a: CustomerAssignment, e: Employee) -> OwnerInfo:
    return OwnerInfo(e.id, e.employee_no, e.name, a.valid_from, a.valid_to, a.reason)


def owner_on(ctx: ServiceContext, customer_id: int, day: date) -> OwnerInfo | None:
    """Who owned the customer on ``day`` (None: nobody — before its first owner or while in
    the pool). Periods include their first day and exclude their ``valid_to``."""
    ctx.require(Action.CUSTOMERS_VIEW)
    with ctx.read() as s:
        _with_pool(ctx, s, customer_id)
        return owner_on_in(s, customer_id, day)


def owner_on_in(s: Session, customer_id: int, day: date) -> OwnerInfo | None:
    """:func:`owner_on` inside an open unit of work, without a scope check (for services)."""
    found = s.execute(
        select(CustomerAssignment, Employee)
        .join(Employee, Employee.id == CustomerAssignment.employee_id)
        .where(CustomerAssignment.customer_id == customer_id, scope.covers(day))
    ).first()
    return _owner_info(*found) if found else None


def _history(s: Session, customer_id: int) -> list[AssignmentInfo]:
    query = (
        select(CustomerAssignment, Employee, User.display_name)
        .join(Employee, Employee.id == CustomerAssignment.employee_id)
        .outerjoin(User, User.id == CustomerAssignment.approved_by)
        .where(CustomerAssignment.customer_id == customer_id)
        .order_by(CustomerAssignment.valid_from)
    )
    return [
        AssignmentInfo(
            a.id, e.id, e.employee_no, e.name, a.valid_from, a.valid_to, a.reason, who, a.note
        )
        for a, e, who in s.execute(query)
    ]


def _latest(s: Session, customer_id: int) -> CustomerAssignment | None:
    return s.scalar(
        select(CustomerAssignment)
        .where(CustomerAssignment.customer_id == customer_id)
        .order_by(CustomerAssignment.valid_from.desc())
        .limit(1)
    )


def _check_start(customer: Customer, latest: CustomerAssignment | None, effective: date) -> None:
    """A new period may start only after the last one began (open) or ended (closed)."""
    if latest is None:
        return
    if latest.valid_to is None and effective <= latest.valid_from:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The change for {customer} cannot take effect on {day}: the current owner's "
                "period began on {start}. Choose a later date.",
            ),
            field="effective",
            customer=customer.name,
            day=effective.isoformat(),
            start=latest.valid_from.isoformat(),
        )
    if latest.valid_to is not None and effective < latest.valid_to:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The change for {customer} cannot take effect on {day}: it was owned until "
                "{end}. Choose {end} or later.",
            ),
            field="effective",
            customer=customer.name,
            day=effective.isoformat(),
            end=latest.valid_to.isoformat(),
        )


def _flush_ownership(s: Session) -> None:
    """Flush, turning the database's own overlap refusal (a concurrent change) into a
    message; the checks above make it unreachable in a single session."""
    try:
        s.flush()
    except DBAPIError as exc:
        if "overlap" in str(exc.orig) or "uq_customer_assignment_one_open" in str(exc.orig):
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Someone else changed this customer's owner at the same time. Reload and "
                    "try again.",
                )
            ) from exc
        raise


def _assign(
    ctx: ServiceContext,
    s: Session,
    customer: Customer,
    employee_id: int,
    effective: date,
    reason: str,
    note: str | None,
) -> None:
    """Close the open period at ``effective`` and open the new owner's, in the caller's
    transaction; pending pool claims on the customer lapse."""
    latest = _latest(s, customer.id)
    if latest is not None and latest.valid_to is None and latest.employee_id == employee_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{customer} is owned by this employee already."),
            field="employee_id",
            customer=customer.name,
        )
    _check_start(customer, latest, effective)
    if latest is not None and latest.valid_to is None:
        check_after_last_order(s, customer, latest.employee_id, effective)
        latest.valid_to = effective
        _flush_ownership(s)
    s.add(
        CustomerAssignment(
            customer_id=customer.id,
            employee_id=employee_id,
            valid_from=effective,
            reason=reason,
            approved_by=ctx.actor.user_id,
            note=note,
            created_at=ctx.now(),
        )
    )
    if customer.in_pool:
        customer.in_pool = False
    _flush_ownership(s)
    alerts.on_ownership_changed(s, ctx.today(), [customer.id])


def _lapse_claims(ctx: ServiceContext, s: Session, customer_id: int, note: str) -> None:
    for claim in s.scalars(
        select(PoolClaim).where(
            PoolClaim.customer_id == customer_id, PoolClaim.status == ClaimStatus.PENDING.value
        )
    ):
        claim.status = ClaimStatus.REJECTED.value
        claim.decided_by = ctx.actor.user_id
        claim.decided_at = ctx.now()
        claim.decision_note = note


def _reason(reason: str) -> str:
    if reason not in REASSIGN_REASONS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "{value} is not a reason for moving a customer (use: {known})."
            ),
            field="reason",
            value=reason,
            known=", ".join(REASSIGN_REASONS),
        )
    return reason


def reassign(
    ctx: ServiceContext,
    customer_id: int,
    employee_id: int,
    effective: date,
    reason: str = AssignmentReason.REBALANCE.value,
    note: str = "",
) -> Changes:
    """Move a customer to another employee from ``effective`` on: the open period closes that
    day and the new one opens, in one transaction. Refused: a date on or before the current
    period's start, the same owner, an employee who has left or is leaving."""
    return reassign_many(ctx, [customer_id], employee_id, effective, reason, note)


def reassign_many(
    ctx: ServiceContext,
    customer_ids: list[int],
    employee_id: int,
    effective: date,
    reason: str = AssignmentReason.HANDOVER.value,
    note: str = "",
) -> Changes:
    """:func:`reassign` for many customers in one transaction (a handover): all or none."""
    ctx.require(Action.CUSTOMERS_REASSIGN)
    clean_reason = _reason(reason)
    clean_note = optional_text(note, "note", 256)
    with ctx.transaction() as s:
        notice_access.refuse_in(ctx, s, notice_access.OWNERSHIP)
        _active_employee(s, employee_id)
        _employee_allowed(ctx, s, employee_id)
        for customer_id in dict.fromkeys(customer_ids):
            check_not_in_case(s, _with_pool(ctx, s, customer_id))
        _move(ctx, s, customer_ids, employee_id, effective, clean_reason, clean_note)
    return Changes.of(Kind.CUSTOMERS, Kind.OWNERSHIP, ids=frozenset(customer_ids))


def reassign_in(
    ctx: ServiceContext,
    s: Session,
    customer_ids: list[int],
    employee_id: int,
    effective: date,
    reason: str = AssignmentReason.HANDOVER.value,
    note: str = "",
) -> None:
    """:func:`reassign_many` inside an open unit of work, for a use case that authorised the
    move itself (a successor confirming a handover): no permission or scope check here, the
    same rules on dates and on who may take customers on."""
    _active_employee(s, employee_id)
    _move(
        ctx,
        s,
        customer_ids,
        employee_id,
        effective,
        _reason(reason),
        optional_text(note, "note", 256),
    )


def _move(
    ctx: ServiceContext,
    s: Session,
    customer_ids: list[int],
    employee_id: int,
    effective: date,
    reason: str,
    note: str | None,
) -> None:
    for customer_id in dict.fromkeys(customer_ids):
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(scope.MSG_CUSTOMER_NOT_FOUND, id=customer_id)
        _assign(ctx, s, customer, employee_id, effective, reason, note)
        _lapse_claims(ctx, s, customer_id, "assigned directly")


MSG_RELEASE_REASON = QT_TRANSLATE_NOOP(
    "Errors", "Give the reason for releasing the customer to the public pool."
)


def release_to_pool(
    ctx: ServiceContext, customer_id: int, effective: date | None = None, note: str = ""
) -> Changes:
    """Put a customer into the public pool: the open ownership period ends on ``effective``
    (default today). A salesperson may release their own customers. Every release gives its
    reason (``note``); a customer in an open departure case goes through the case."""
    ctx.require(Action.POOL_RELEASE)
    day = effective or ctx.today()
    clean_note = required_text(note, "note", 256, MSG_RELEASE_REASON)
    with ctx.transaction() as s:
        notice_access.refuse_in(ctx, s, notice_access.RELEASE)
        customer = scope.customer_in_scope(ctx, s, customer_id)
        check_not_in_case(s, customer)
        release_in(ctx, s, customer, day, clean_note)
    return Changes.of(Kind.CUSTOMERS, Kind.OWNERSHIP, Kind.POOL, ids=frozenset({customer_id}))


def release_in(ctx: ServiceContext, s: Session, customer: Customer, day: date, reason: str) -> None:
    """:func:`release_to_pool` inside an open unit of work, for a use case that authorised it
    (a departure case's handover): the same rules on dates, no scope or case check."""
    latest = _latest(s, customer.id)
    if latest is None or latest.valid_to is not None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{customer} has no owner to release it."),
            customer=customer.name,
        )
    if day > ctx.today():
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "A customer is released today or on a past date."),
            field="effective",
        )
    _check_start(customer, latest, day)
    check_after_last_order(s, customer, latest.employee_id, day)
    latest.valid_to = day
    customer.in_pool = True
    _flush_ownership(s)
    alerts.on_ownership_changed(s, ctx.today(), [customer.id])
    audit.record(
        s,
        "release_to_pool",
        "customer",
        customer.id,
        {"effective": day.isoformat(), "note": reason},
    )
