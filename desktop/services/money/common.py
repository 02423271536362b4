"""What orders, invoices and payments all need: the zero amount, the not-found error, and
the checks that a customer's money and a named employee are within the actor's reach.

Separate so that each step of the money trail (:mod:`.orders`, :mod:`.receivables`,
:mod:`.payments`, :mod:`.aging`) applies the same scope and the same person checks.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.customers import Customer
from desktop.models.staff import Employee, EmployeeStatus
from desktop.services import listing, scope
from desktop.services.context import ServiceContext
from desktop.services.validation import (
    Problems,
)

ZERO = Decimal("0.00")


# --------------------------------------------------------------------------- helpers


def _not_found(template: str, ident: int) -> NotFound:
    return NotFound(template, id=ident)


def _money_scope(
    ctx: ServiceContext, s: Session, customer_col: Any, person_col: Any
) -> ColumnElement[bool] | None:
    return scope.money_filter(scope.scope_of(ctx, s), ctx.today(), customer_col, person_col)


def number_or_customer(number: Any, customer_id: Any) -> listing.Search:
    """The search of the waybill and invoice lists: the number from its start, or the
    customer's name anywhere or code from its start."""
    return listing.Search(
        (
            listing.Match(number, prefix=True),
            listing.Via(
                customer_id,
                Customer.id,
                (listing.Match(Customer.name), listing.Match(Customer.code, prefix=True)),
            ),
        )
    )


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
