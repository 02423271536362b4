"""The wage cap on clawbacks: what a month's deductions may take from a wage by law, and a
warning per employee whose clawbacks exceed it.

Separate because computing a period, its summary, statements and the final settlement all warn
with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.commissions import LineStatus
from desktop.models.departures import DepartureCase
from desktop.models.staff import Employee
from desktop.services import business_settings as settings
from desktop.services.commissions.periods import CENT, _yuan
from desktop.services.commissions.rules import EARNED, LineDraft, PriorLine

DEDUCTION_CAP = Decimal("0.20")


@dataclass(frozen=True)
class CapWarning:
    """A clawback that would take more than the law allows from one month's wage (at most 20%
    of it, never leaving less than the local minimum wage), or that cannot be checked because
    no wage figure is known (``wage`` None)."""

    employee_id: int
    employee_name: str
    month: str
    clawback: Decimal
    wage: Decimal | None
    cap: Decimal | None
    minimum_wage: Decimal | None


def _wage_figures(
    s: Session, employee_ids: Iterable[int]
) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """(monthly wage before commission, local minimum wage) per employee: a departure case's
    figures first, then the business settings (None when unknown)."""
    ids = list(employee_ids)
    reference = settings.value_in(s, settings.COMMISSION_REFERENCE_WAGE)
    minimum = settings.value_in(s, settings.LOCAL_MINIMUM_WAGE)
    out: dict[int, tuple[Decimal | None, Decimal | None]] = {
        e: (Decimal(reference) if reference else None, Decimal(minimum) if minimum else None)
        for e in ids
    }
    if ids:
        for emp, wage, local in s.execute(
            select(
                DepartureCase.employee_id,
                DepartureCase.average_monthly_wage,
                DepartureCase.local_minimum_wage,
            )
            .where(DepartureCase.employee_id.in_(ids))
            .order_by(DepartureCase.id)
        ):
            base, floor = out[emp]
            out[emp] = (wage if wage else base, local if local else floor)
    return out


def deduction_cap(wage: Decimal, minimum: Decimal | None) -> Decimal:
    """What a month's deductions for losses may take: at most 20% of the wage, and never so
    much that less than the local minimum wage is left (《工资支付暂行规定》第十六条)."""
    cap = (wage * DEDUCTION_CAP).quantize(CENT, ROUND_HALF_UP)
    if minimum is not None:
        cap = min(cap, wage - minimum)
    return max(cap, Decimal("0.00"))


def cap_warnings_in(
    s: Session, month: str, lines: Iterable[LineDraft | PriorLine]
) -> list[CapWarning]:
    """A warning per employee whose clawbacks in the month exceed the deduction cap (the wage
    is the reference wage plus the month's earned commission), or cannot be checked."""
    clawed: dict[int, int] = defaultdict(int)
    earned: dict[int, int] = defaultdict(int)
    for d in lines:
        if d.employee_id is None:
            continue
        if d.status == LineStatus.CLAWED_BACK.value:
            clawed[d.employee_id] += -d.amount
        elif d.status in EARNED and d.amount > 0:
            earned[d.employee_id] += d.amount
    clawed = {e: v for e, v in clawed.items() if v > 0}
    if not clawed:
        return []
    figures = _wage_figures(s, clawed)
    names = dict(s.execute(select(Employee.id, Employee.name).where(Employee.id.in_(clawed))).all())
    out = []
    for emp in sorted(clawed):
        reference, minimum = figures[emp]
        amount = _yuan(clawed[emp])
        if reference is None:
            out.append(CapWarning(emp, names.get(emp, ""), month, amount, None, None, minimum))
            continue
        wage = reference + _yuan(earned[emp])
        cap = deduction_cap(wage, minimum)
        if amount > cap:
            out.append(CapWarning(emp, names.get(emp, ""), month, amount, wage, cap, minimum))
    return out
