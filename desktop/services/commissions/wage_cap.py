"""The wage cap on clawbacks: what a month's deductions may take from a wage by law, and a
warning per employee whose clawbacks exceed it.

Separate because computing a period, its summary, statements and the final settlement all warn
with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
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
    """(monthly wage before commission, local minimum wage) per employee: the wage recorded on
    the employee (HR), else a departure case's figures, then the business settings (None when
    unknown)."""
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
        for emp, recorded in s.execute(
            select(Employee.id, Employee.monthly_wage).where(
                Employee.id.in_(ids), Employee.monthly_wage.is_not(None)
            )
        ):
            out[emp] = (recorded, out[emp][1])
    return out


@dataclass(frozen=True)
class MonthDeduction:
    """One month of recovering clawbacks from wages: what was due (this month's clawbacks and
    what the previous month could not take), the month's wage and cap, what is deducted, and
    what is carried to the next month (《工资支付暂行规定》第十六条: at most 20% of the month's
    wage, never below the local minimum wage; the rest waits for the next month)."""

    month: str
    clawback: Decimal
    carried_in: Decimal
    wage: Decimal | None
    cap: Decimal | None
    deducted: Decimal
    carried_out: Decimal


CAP_RULE = (
    "《工资支付暂行规定》第十六条：因劳动者本人原因给用人单位造成经济损失的，每月扣除部分不得超过"
    "当月工资的20%，扣除后的剩余工资部分不得低于当地月最低工资标准；未扣完部分顺延至下月。"
    " Interim Provisions on Wage Payment art. 16: a month's deduction for losses takes at most 20% "
    "of that month's wage and never leaves less than the local minimum wage; the rest is carried "
    "to the next month."
)


def apply_cap_by_month(
    s: Session,
    employee_id: int,
    months: Sequence[str],
    clawed: dict[str, Decimal],
    earned: dict[str, Decimal],
) -> list[MonthDeduction]:
    """The cap applied month by month over ``months`` with the remainder carried: ``clawed``
    (positive amounts) and ``earned`` commission by month. A month without a wage figure
    deducts nothing (the cap cannot be known) and carries everything."""
    base, minimum = _wage_figures(s, [employee_id])[employee_id]
    zero = Decimal("0.00")
    carry = zero
    out: list[MonthDeduction] = []
    for month in months:
        new = clawed.get(month, zero)
        due = carry + new
        if due <= 0:
            continue
        wage = None if base is None else base + earned.get(month, zero)
        cap = None if wage is None else deduction_cap(wage, minimum)
        deducted = zero if cap is None else min(due, cap)
        out.append(MonthDeduction(month, new, carry, wage, cap, deducted, due - deducted))
        carry = due - deducted
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
