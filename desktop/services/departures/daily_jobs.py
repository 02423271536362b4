"""Jobs that run on the calendar, not on a click: disabling the accounts of employees whose last
working day has ended, and removing a leaver's account keys for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from desktop.models.accounts import User
from desktop.models.departures import DepartureCase
from desktop.models.staff import Employee, EmployeeStatus
from desktop.services import handover, order_lock
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.departures.workflow import _leave
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action

# --------------------------------------------------------------------------- daily duties


@dataclass(frozen=True)
class DisablementReport:
    """What :func:`apply_due_account_disablements` did."""

    disabled_users: tuple[str, ...]
    departed_employees: tuple[int, ...]
    cases: tuple[str, ...]


def apply_due_account_disablements(
    ctx: ServiceContext, today: date | None = None
) -> DisablementReport:
    """At the end of a leaver's last working day: disable their app accounts and mark them
    departed (departed_on = the day after the last working day). Runs at every login and may
    run daily; doing it twice changes nothing. Any context may run it: it is the system's
    duty, recorded under the acting user's name.

    Disabling keeps the user's key slot; to revoke it for good an administrator removes the
    user (:func:`desktop.services.accounts.remove_user`), which rotates the database key.
    """
    day = today or ctx.today()
    disabled: list[str] = []
    departed: list[int] = []
    numbers: list[str] = []
    with ctx.transaction() as s:
        due = s.scalars(
            select(DepartureCase).where(
                DepartureCase.state.in_(order_lock.APPROVED_STATES),
                DepartureCase.last_day < day,
            )
        ).all()
        for case in due:
            employee = s.get(Employee, case.employee_id)
            assert employee is not None
            pending = s.scalar(
                select(func.count())
                .select_from(User)
                .where(
                    User.employee_id == employee.id,
                    User.removed.is_(False),
                    User.disabled.is_(False),
                )
            )
            if not pending and employee.status == EmployeeStatus.DEPARTED.value:
                continue
            was_departed = employee.status == EmployeeStatus.DEPARTED.value
            disabled += _leave(ctx, s, case, employee)
            if not was_departed:
                departed.append(employee.id)
            numbers.append(case.number)
    return DisablementReport(tuple(disabled), tuple(departed), tuple(numbers))


def revoke_account_keys(ctx: ServiceContext, case_id: int) -> Changes:
    """Remove the leaver's app accounts for good: their key slots are dropped and the
    database key rotated (administrators; see :func:`desktop.services.accounts.remove_user`)."""
    from desktop.services import accounts

    ctx.require(Action.USERS_MANAGE)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        names = list(
            s.scalars(
                select(User.username).where(
                    User.employee_id == case.employee_id, User.removed.is_(False)
                )
            )
        )
    for name in names:
        accounts.remove_user(ctx, name)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        handover.add_event(ctx, s, case, "keys_revoked", ", ".join(names))
    return Changes.of(Kind.USERS, Kind.KEYS, Kind.DEPARTURES, ids=frozenset({case_id}))
