"""Guards on moving a customer away from its owner (release to the pool, reassignment).

Why: a leaver could release their customers to the pool, dated before their own recent
waybills, in the middle of their handover — taking the book out of the case and the orders out
of their successor's history. So a change of owner cannot be dated before the last order that
names the current owner, and a customer in an open departure case moves only through the case
(:mod:`desktop.services.handover.release`, the successor's confirmation).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.departures import CaseState, DepartureCase, HandoverItem
from desktop.models.orders import Order
from desktop.models.staff import Employee

MSG_BEFORE_LAST_ORDER = QT_TRANSLATE_NOOP(
    "Errors",
    "The change for {customer} cannot take effect on {day}: order {number} of {last} names "
    "{owner} as its salesperson. Choose {last} or later.",
)
MSG_IN_CASE = QT_TRANSLATE_NOOP(
    "Errors",
    "{customer} is part of departure case {case}: release or reassign it through that case's "
    "handover.",
)

#: Open departure cases (as in ``departures.states.OPEN_VALUES``; that package imports this one).
_OPEN = (
    CaseState.DRAFT.value,
    CaseState.SUBMITTED.value,
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
)


def check_after_last_order(s: Session, customer: Customer, owner_id: int | None, day: date) -> None:
    """Refuse a change of owner dated before the last order naming the current owner."""
    if owner_id is None:
        return
    found = s.execute(
        select(Order.order_date, Order.number)
        .where(Order.customer_id == customer.id, Order.salesperson_id == owner_id)
        .order_by(Order.order_date.desc(), Order.id.desc())
        .limit(1)
    ).first()
    if found is None or day >= found[0]:
        return
    owner = s.scalar(select(Employee.name).where(Employee.id == owner_id)) or ""
    raise ValidationError(
        MSG_BEFORE_LAST_ORDER,
        field="effective",
        customer=customer.name,
        day=day.isoformat(),
        number=found[1],
        last=found[0].isoformat(),
        owner=owner,
    )


def open_case_of(s: Session, customer_id: int) -> str | None:
    """The number of the open departure case that holds the customer: its current owner is
    leaving, or one of the case's handover items names it (None: no open case)."""
    owner = select(CustomerAssignment.employee_id).where(
        CustomerAssignment.customer_id == customer_id, CustomerAssignment.valid_to.is_(None)
    )
    item = select(HandoverItem.case_id).where(HandoverItem.customer_id == customer_id)
    return s.scalar(
        select(DepartureCase.number)
        .where(
            DepartureCase.state.in_(_OPEN),
            or_(DepartureCase.employee_id.in_(owner), DepartureCase.id.in_(item)),
        )
        .order_by(DepartureCase.id)
        .limit(1)
    )


def check_not_in_case(s: Session, customer: Customer) -> None:
    """Refuse a direct release or reassignment of a customer held by an open case."""
    number = open_case_of(s, customer.id)
    if number is not None:
        raise ValidationError(MSG_IN_CASE, customer=customer.name, case=number)
