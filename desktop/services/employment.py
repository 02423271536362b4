"""The terms of an employee's employment that paperwork needs: the labour contract's term
(printed on the termination certificate) and the agreed monthly wage (the base of the 20%
deduction cap and of severance). Wages are personal data: only who may edit staff and see
personal data (HR, the administrator) reads or sets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.staff import Employee
from desktop.services.changes import Changes, Kind
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action
from desktop.services.scope import employee_in_scope
from desktop.services.validation import money, optional_date


@dataclass(frozen=True)
class EmploymentTerms:
    employee_id: int
    employee_no: str
    name: str
    hire_date: date | None
    contract_start: date | None
    contract_end: date | None
    monthly_wage: Decimal | None


#: "Leave as it is" for :func:`set_employment_terms` (None means: clear it).
KEEP: object = object()


def employee_id_of(ctx: ServiceContext, employee_no: str) -> int:
    """The employee with this number, within the actor's scope."""
    ctx.require(Action.STAFF_VIEW)
    with ctx.read() as s:
        found = s.scalar(select(Employee.id).where(Employee.employee_no == employee_no.strip()))
        if found is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "There is no employee number {value}."),
                value=employee_no,
            )
        employee_in_scope(ctx, s, found)
        return found


def _terms(e: Employee) -> EmploymentTerms:
    return EmploymentTerms(
        e.id, e.employee_no, e.name, e.hire_date, e.contract_start, e.contract_end, e.monthly_wage
    )


def employment_terms(ctx: ServiceContext, employee_id: int) -> EmploymentTerms:
    """The contract term and wage of one employee (HR and the administrator)."""
    ctx.require(Action.PERSONAL_DATA_VIEW)
    with ctx.read() as s:
        return _terms(employee_in_scope(ctx, s, employee_id))


def set_employment_terms(
    ctx: ServiceContext,
    employee_id: int,
    *,
    contract_start: date | object | None = KEEP,
    contract_end: date | object | None = KEEP,
    monthly_wage: Decimal | str | object | None = KEEP,
) -> Changes:
    """Record the contract term and/or the monthly wage (one audited unit of work); a bad
    value changes nothing."""
    ctx.require(Action.STAFF_EDIT)
    ctx.require(Action.PERSONAL_DATA_VIEW)
    with ctx.transaction() as s:
        e = employee_in_scope(ctx, s, employee_id)
        start = e.contract_start if contract_start is KEEP else contract_start
        end = e.contract_end if contract_end is KEEP else contract_end
        start = optional_date(start, "contract_start", ctx.today())  # type: ignore[arg-type]
        end = optional_date(end, "contract_end", ctx.today())  # type: ignore[arg-type]
        if start is not None and end is not None and end < start:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The contract cannot end ({end}) before it starts ({start})."
                ),
                field="contract_end",
                end=end.isoformat(),
                start=start.isoformat(),
            )
        if end is not None and start is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Set the contract's start date with its end date."),
                field="contract_start",
            )
        wage = e.monthly_wage
        if monthly_wage is not KEEP:
            wage = None if monthly_wage is None else money(monthly_wage, "monthly_wage")  # type: ignore[arg-type]
        e.contract_start, e.contract_end, e.monthly_wage = start, end, wage  # type: ignore[assignment]
        return Changes.of(Kind.EMPLOYEES, ids={employee_id})
