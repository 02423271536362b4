"""One employee's commission month by month (the staff page), and who may see it.

Separate because it reads across periods for one person rather than one period for all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.errors import NotFound
from desktop.models.commissions import CommissionLine, CommissionPeriod, LineStatus
from desktop.models.staff import Employee
from desktop.models.types import fen_of
from desktop.services import scope
from desktop.services.commissions import plans as commission_plans
from desktop.services.commissions.periods import _yuan
from desktop.services.commissions.rules import EARNED, PAYABLE
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action


@dataclass(frozen=True)
class EmployeeMonth:
    month: str
    state: str
    earned: Decimal
    withheld: Decimal
    forfeited: Decimal
    clawed_back: Decimal
    payable: Decimal
    lines: int


@dataclass(frozen=True)
class EmployeeCommissions:
    employee_id: int
    name: str
    plan_today: str | None
    months: tuple[EmployeeMonth, ...]


def _may_see_employee(ctx: ServiceContext, s: Session, employee_id: int) -> None:
    sc = scope.scope_of(ctx, s)
    if sc.everyone:
        if s.get(Employee, employee_id) is None:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
        return
    scope.employee_in_scope(ctx, s, employee_id)


def employee_commissions(
    ctx: ServiceContext, employee_id: int, months: int = 12
) -> EmployeeCommissions:
    """One employee's computed months (newest first) and the plan in force for them today."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.read() as s:
        _may_see_employee(ctx, s, employee_id)
        employee = s.get(Employee, employee_id)
        assert employee is not None
        book = commission_plans.plan_book_in(s)
        plan = book.plan_for(employee_id, ctx.today())
        rows = s.execute(
            select(
                CommissionPeriod.month,
                CommissionPeriod.state,
                CommissionLine.status,
                func.sum(fen_of(CommissionLine.amount)),
                func.count(),
            )
            .join(CommissionPeriod, CommissionPeriod.id == CommissionLine.period_id)
            .where(CommissionLine.employee_id == employee_id)
            .group_by(CommissionPeriod.month, CommissionPeriod.state, CommissionLine.status)
        ).all()
        acc: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for month, state, status, amount, count in rows:
            acc[(month, state)][status] += int(amount or 0)
            acc[(month, state)]["_lines"] += int(count)
        out = []
        for (month, state), v in sorted(acc.items(), reverse=True)[:months]:
            out.append(
                EmployeeMonth(
                    month,
                    state,
                    _yuan(sum(v[k] for k in EARNED)),
                    _yuan(v[LineStatus.WITHHELD.value]),
                    _yuan(v[LineStatus.FORFEITED.value]),
                    _yuan(v[LineStatus.CLAWED_BACK.value]),
                    _yuan(sum(v[k] for k in PAYABLE)),
                    v["_lines"],
                )
            )
        return EmployeeCommissions(
            employee_id, employee.name, plan.name if plan else None, tuple(out)
        )
