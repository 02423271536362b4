"""Accounts tied to their employee record.

Why: a salesperson's scope is the customers their employee record owns, and a manager's is
their branch, so an account that is not linked saw nothing (a new salesperson could never
confirm the customers handed to them) or, for a manager, everything. An account whose role
works a book (:data:`Action.OWN_BOOK`: by default sales and managers) is created linked, and
an unlinked manager's scope is empty (:func:`desktop.services.scope.scope_of`).
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.accounts import User
from desktop.models.staff import Employee
from desktop.services import accounts, scope, staff
from desktop.services.accounts import UserInfo
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, can

MSG_LINK_REQUIRED = QT_TRANSLATE_NOOP(
    "Errors",
    "A {role} account must be linked to its employee record (their customers and branch come "
    "from it): choose the employee.",
)


def needs_link(role: str) -> bool:
    """Whether accounts of ``role`` must be linked to an employee."""
    return can(accounts.validate_role(role), Action.OWN_BOOK)


def add_linked_user(
    ctx: ServiceContext,
    username: str,
    display_name: str,
    role: str,
    password: str,
    employee_id: int | None = None,
) -> UserInfo:
    """Create an account tied to ``employee_id`` (required for sales and manager accounts).

    The employee is checked before the account is created (exists, not linked to another
    account), so a refusal changes nothing."""
    ctx.require(Action.USERS_MANAGE)
    accounts.validate_username(username)
    if employee_id is None and needs_link(role):
        raise ValidationError(
            MSG_LINK_REQUIRED, field="employee_id", role=accounts.validate_role(role).value
        )
    if employee_id is not None:
        with ctx.read() as s:
            employee = s.get(Employee, employee_id)
            if employee is None:
                raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
            other = s.scalar(select(User.username).where(User.employee_id == employee_id))
            if other is not None:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "{name} is already linked to the account {username}."
                    ),
                    field="employee_id",
                    name=employee.name,
                    username=other,
                )
    user = accounts.add_user(ctx, username, display_name, role, password)
    if employee_id is not None:
        staff.link_user(ctx, user.username, employee_id)
    return user


def linked_employees(ctx: ServiceContext) -> dict[str, str]:
    """Account name -> "employee_no name" of the employee it is linked to (the Users page)."""
    ctx.require(Action.USERS_VIEW)
    with ctx.read() as s:
        rows = s.execute(
            select(User.username, Employee.employee_no, Employee.name).join(
                Employee, Employee.id == User.employee_id
            )
        )
        return {u: f"{no} {name}" for u, no, name in rows}


def _employee_id(ctx: ServiceContext, employee_no: str) -> int:
    wanted = employee_no.strip()
    with ctx.read() as s:
        found = s.scalar(select(Employee.id).where(Employee.employee_no == wanted))
    if found is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "There is no employee with the number {value}."),
            field="employee_id",
            value=wanted,
        )
    return found


def add_user_by_no(
    ctx: ServiceContext,
    username: str,
    display_name: str,
    role: str,
    password: str,
    employee_no: str = "",
) -> UserInfo:
    """:func:`add_linked_user` with the employee given by number (the Users page's form)."""
    ctx.require(Action.USERS_MANAGE)
    employee_id = _employee_id(ctx, employee_no) if employee_no.strip() else None
    return add_linked_user(ctx, username, display_name, role, password, employee_id)


def link_by_no(ctx: ServiceContext, username: str, employee_no: str) -> Changes:
    """Link an account to the employee with ``employee_no`` (blank: untie it)."""
    ctx.require(Action.USERS_MANAGE)
    employee_id = _employee_id(ctx, employee_no) if employee_no.strip() else None
    return staff.link_user(ctx, username, employee_id)
