"""Which rows the acting user may see: the row-level half of the permission rules.

Why one module: "sales see only their own customers; a manager sees their branch" must hold the
same way in every list, search, detail, export and report, so every service builds its WHERE
clause here instead of repeating the rule.

- sales: customers they own today (an assignment covering today), and the orders, receivables
  and follow-ups of those customers or attributed to themselves; a sales account not linked to an
  employee sees nothing;
- manager: the same for every employee of their branch (the account's branch, else the linked
  employee's branch); a manager with no branch at all (a general manager, 总经理) sees the firm;
- hr, finance, admin, auditor: everything their actions allow.

Which of the three an actor gets is itself in the permission table
(``Action.SCOPE_ALL_BRANCHES``, ``Action.SCOPE_BRANCH``, else own records only): this module
never compares role names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, false, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound
from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.staff import Employee
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action

MSG_CUSTOMER_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Customer {id} does not exist or is outside what you may see."
)
MSG_EMPLOYEE_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Employee {id} does not exist or is outside what you may see."
)


@dataclass(frozen=True)
class Scope:
    """Whose records the actor sees: everyone (``everyone``), one branch, or one employee.

    ``employee_id`` is set for sales (None when the account is not linked: they see nothing);
    ``branch_id`` for managers with a branch.
    """

    everyone: bool
    branch_id: int | None = None
    employee_id: int | None = None


def scope_of(ctx: ServiceContext, session: Session) -> Scope:
    """The acting user's scope, resolving a manager's branch through their employee record.

    A role holding neither scope action sees only its own records: the narrowest reach is
    the default, so a role added without a scope row cannot see the firm by accident."""
    if ctx.can(Action.SCOPE_ALL_BRANCHES):
        return Scope(True)
    if not ctx.can(Action.SCOPE_BRANCH):
        return Scope(False, employee_id=ctx.actor.employee_id)
    branch = ctx.actor.branch_id
    if branch is None and ctx.actor.employee_id is not None:
        branch = session.scalar(
            select(Employee.branch_id).where(Employee.id == ctx.actor.employee_id)
        )
    if branch is not None:
        return Scope(False, branch_id=branch)
    # A manager with no branch sees their own book; one linked to no employee (and no
    # branch on the account) sees nothing, not everything.
    return Scope(False, employee_id=ctx.actor.employee_id)


def covers(
    day: date, assignment: type[CustomerAssignment] = CustomerAssignment
) -> ColumnElement[bool]:
    """An assignment in force on ``day`` (valid_from inclusive, valid_to exclusive)."""
    return (assignment.valid_from <= day) & (
        assignment.valid_to.is_(None) | (assignment.valid_to > day)
    )


def staff_ids(scope: Scope) -> Select[tuple[int]] | None:
    """The employees whose records the scope covers; None means every employee."""
    if scope.everyone:
        return None
    if scope.branch_id is not None:
        return select(Employee.id).where(Employee.branch_id == scope.branch_id)
    return select(Employee.id).where(Employee.id == scope.employee_id)


def owned_customer_ids(scope: Scope, day: date) -> Select[tuple[int]] | None:
    """Customers owned on ``day`` by someone in the scope; None means every customer."""
    if scope.everyone:
        return None
    a = aliased(CustomerAssignment)
    query = select(a.customer_id).where(covers(day, a))
    if scope.branch_id is not None:
        return query.join(Employee, Employee.id == a.employee_id).where(
            Employee.branch_id == scope.branch_id
        )
    if scope.employee_id is None:
        return query.where(false())
    return query.where(a.employee_id == scope.employee_id)


def owned_by_scope(scope: Scope, day: date, customer_col: Any) -> ColumnElement[bool] | None:
    """``customer_col`` names a customer owned on ``day`` within the scope (None: no filter).

    Why two shapes: a salesperson owns a few hundred customers, so ``IN (their list)`` is
    fastest; a branch may own tens of thousands, where building that list costs ≈50 ms on
    50,000 customers but a correlated EXISTS probing the (customer_id, valid_from) index costs
    a few ms, and stops early when only one page is wanted.
    """
    if scope.everyone:
        return None
    if scope.branch_id is None:
        owned = owned_customer_ids(scope, day)
        assert owned is not None
        return customer_col.in_(owned)
    a = aliased(CustomerAssignment)
    branch_staff = select(Employee.id).where(Employee.branch_id == scope.branch_id)
    return exists(
        select(a.id).where(
            a.customer_id == customer_col, covers(day, a), a.employee_id.in_(branch_staff)
        )
    )


def customer_filter(scope: Scope, day: date) -> ColumnElement[bool] | None:
    """WHERE clause on :class:`Customer` for the scope; None when nothing is filtered."""
    return owned_by_scope(scope, day, Customer.id)


def money_filter(
    scope: Scope, day: date, customer_col: Any, person_col: Any
) -> ColumnElement[bool] | None:
    """WHERE clause for orders, receivables and follow-ups: the customer is owned within the
    scope, or the record is attributed to someone in the scope."""
    if scope.everyone:
        return None
    if scope.branch_id is None and scope.employee_id is None:
        return false()
    owned = owned_by_scope(scope, day, customer_col)
    people = staff_ids(scope)
    assert owned is not None and people is not None
    return or_(owned, person_col.in_(people))


def customer_in_scope(ctx: ServiceContext, session: Session, customer_id: int) -> Customer:
    """Load a customer the actor may see, or raise :class:`NotFound` (same message either way,
    so scope does not leak which ids exist)."""
    customer = session.get(Customer, customer_id)
    if customer is None or customer_id not in customers_in_scope(ctx, session, [customer_id]):
        raise NotFound(MSG_CUSTOMER_NOT_FOUND, id=customer_id)
    return customer


def employee_in_scope(ctx: ServiceContext, session: Session, employee_id: int) -> Employee:
    """Load an employee whose records the actor may see, or raise :class:`NotFound`."""
    employee = session.get(Employee, employee_id)
    if employee is None:
        raise NotFound(MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
    scope = scope_of(ctx, session)
    if not scope.everyone and (
        (scope.branch_id is not None and employee.branch_id != scope.branch_id)
        or (scope.branch_id is None and employee.id != scope.employee_id)
    ):
        raise NotFound(MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
    return employee


def current_owner_id(session: Session, customer_id: int, day: date) -> int | None:
    """The employee who owns the customer on ``day``, if any."""
    return session.scalar(
        select(CustomerAssignment.employee_id).where(
            CustomerAssignment.customer_id == customer_id, covers(day)
        )
    )


#: Ids per ``IN (…)`` when many records are checked at once (SQLite's historic 999 limit).
_CHUNK = 900


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), _CHUNK):
        yield wanted[start : start + _CHUNK]


def customers_in_scope(ctx: ServiceContext, session: Session, ids: Iterable[int]) -> set[int]:
    """Of ``ids`` (of existing customers), those the actor may act on today: the rule of
    :func:`customer_in_scope`, for a whole file at once (an import checks every row with it)."""
    where = customer_filter(scope_of(ctx, session), ctx.today())
    if where is None:
        return set(ids)
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(session.scalars(select(Customer.id).where(Customer.id.in_(chunk), where)))
    return found


def employees_in_scope(ctx: ServiceContext, session: Session, ids: Iterable[int]) -> set[int]:
    """Of ``ids``, the employees the actor may give records to (a customer, a waybill): one
    check for the typed forms (customers, receivables) and the imports, built on
    :func:`staff_ids`. Whether an id exists is the caller's check, as before."""
    people = staff_ids(scope_of(ctx, session))
    if people is None:
        return set(ids)
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(
            session.scalars(
                select(Employee.id).where(Employee.id.in_(chunk), Employee.id.in_(people))
            )
        )
    return found
