"""Severance (经济补偿, Labour Contract Law art. 47) with the basis of every figure, so a
settlement can be paid from it and defended:

* N: one month's wage per full year of service; six months or more count as a year, less than
  six months as half a month (the half-year rule);
* the cap: a monthly wage above three times the local average monthly wage is counted at three
  times that average, and then for at most twelve years;
* N+1: an art. 40 dismissal with a month's wage in lieu of notice (代通知金, implementation
  regulations art. 20: the previous month's wage);
* 2N: the compensation for an unlawful termination (art. 87), twice the severance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.departures import CaseType
from desktop.models.staff import Employee
from desktop.services.context import ServiceContext
from desktop.services.departures.duties import add_months, severance_applies
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action
from desktop.services.validation import money

CENT = Decimal("0.01")
KINDS = ("N", "N+1", "2N")
CAP_TIMES = 3
CAP_YEARS = Decimal(12)


@dataclass(frozen=True)
class Severance:
    """The figures and, in ``basis``, one printed line (zh / en) per step."""

    kind: str
    years: int
    months: int
    days: int
    months_counted: Decimal
    monthly_wage: Decimal
    base_wage: Decimal
    capped: bool
    severance: Decimal
    in_lieu: Decimal
    total: Decimal
    basis: tuple[tuple[str, str], ...]


def _service(start: date, last_day: date) -> tuple[int, int, int]:
    """Full years, months and the days left of service from ``start`` to ``last_day``."""
    end = last_day + timedelta(days=1)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    days = (end - add_months(start, months)).days
    return months // 12, months % 12, days


def severance(
    hire_date: date,
    last_day: date,
    monthly_wage: Decimal | str,
    local_average_wage: Decimal | str,
    kind: str = "N",
    in_lieu_wage: Decimal | str | None = None,
) -> Severance:
    """Compute severance of ``kind`` (N, N+1, 2N) from the average monthly wage of the last 12
    months and the local average monthly wage of the previous year."""
    if kind not in KINDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{value} is not a kind of severance (use: {known})."),
            field="kind",
            value=kind,
            known=", ".join(KINDS),
        )
    wage = money(monthly_wage, "monthly_wage")
    local = money(local_average_wage, "local_average_wage", positive=True)
    if last_day < hire_date:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The last day {end} is before the hire date {start}."),
            field="last_day",
            end=last_day.isoformat(),
            start=hire_date.isoformat(),
        )
    years, months, days = _service(hire_date, last_day)
    if months >= 6:
        extra, rule = Decimal(1), ("满六个月不满一年按一年计", "6 months or more count as a year")
    elif months or days:
        extra, rule = Decimal("0.5"), ("不满六个月按半个月计", "less than 6 months: half a month")
    else:
        extra, rule = Decimal(0), ("无零头", "no part year")
    counted = Decimal(years) + extra
    ceiling = local * CAP_TIMES
    capped = wage > ceiling
    base = ceiling if capped else wage
    basis: list[tuple[str, str]] = [
        (
            f"工作年限 {hire_date.isoformat()} 至 {last_day.isoformat()}：{years} 年 {months} 个月 "
            f"{days} 天；{rule[0]}，计 {counted} 个月工资（《劳动合同法》第四十七条）",
            f"Service {hire_date.isoformat()} to {last_day.isoformat()}: {years} y {months} m "
            f"{days} d; {rule[1]}: {counted} months' wages (Labour Contract Law art. 47)",
        )
    ]
    if capped:
        if counted > CAP_YEARS:
            counted = CAP_YEARS
        basis.append(
            (
                f"月工资 {wage} 元高于当地职工月平均工资 {local} 元的三倍 {ceiling} 元：按 {ceiling} "
                f"元计，年限最高 12 年，计 {counted} 个月",
                f"Monthly wage {wage} exceeds 3 x the local average {local} = {ceiling}: counted "
                f"at {ceiling}, for at most 12 years: {counted} months",
            )
        )
    else:
        basis.append(
            (
                f"月工资 {wage} 元（不高于当地职工月平均工资 {local} 元的三倍 {ceiling} 元）",
                f"Monthly wage {wage} (not above 3 x the local average {local} = {ceiling})",
            )
        )
    amount = (base * counted).quantize(CENT, ROUND_HALF_UP)
    basis.append(
        (
            f"经济补偿 N = {base} × {counted} = {amount} 元",
            f"Severance N = {base} x {counted} = {amount}",
        )
    )
    in_lieu = Decimal("0.00")
    total = amount
    if kind == "N+1":
        in_lieu = money(in_lieu_wage if in_lieu_wage is not None else wage, "in_lieu_wage")
        total = amount + in_lieu
        basis.append(
            (
                f"代通知金（上月工资）{in_lieu} 元（《劳动合同法》第四十条、实施条例第二十条）："
                f"N+1 = {total} 元",
                f"Pay in lieu of notice (last month's wage) {in_lieu} (art. 40; regulations art. "
                f"20): N+1 = {total}",
            )
        )
    elif kind == "2N":
        total = amount * 2
        basis.append(
            (
                f"违法解除或终止的赔偿金（《劳动合同法》第八十七条）：2N = {total} 元",
                f"Compensation for an unlawful termination (art. 87): 2N = {total}",
            )
        )
    return Severance(
        kind,
        years,
        months,
        days,
        counted,
        wage,
        base,
        capped,
        amount,
        in_lieu,
        total,
        tuple(basis),
    )


MSG_NO_SEVERANCE = QT_TRANSLATE_NOOP("Errors", "Case {case} ({type}) carries no severance: {why}")
MSG_NO_WAGE = QT_TRANSLATE_NOOP(
    "Errors",
    "No monthly wage is known for {employee}: give the average wage of the last 12 months, "
    "or record the wage on the employee.",
)


def case_severance(
    ctx: ServiceContext,
    case_id: int,
    local_average_wage: Decimal | str,
    monthly_wage: Decimal | str | None = None,
    kind: str | None = None,
) -> Severance:
    """Severance of a case: from the employee's hire date to the case's last day, at the
    given average wage (default: the case's 12-month average, else the employee's wage); the
    kind follows the case (N+1 for an art. 40 dismissal paid in lieu) unless given."""
    ctx.require(Action.DEPARTURES_VIEW)
    ctx.require(Action.PERSONAL_DATA_VIEW)
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        if kind != "2N" and not severance_applies(case):
            why = (
                "a dismissal for misconduct (art. 39) has none"
                if case.case_type == CaseType.MISCONDUCT.value
                else "not due for this case type unless HR decides otherwise"
            )
            raise ValidationError(MSG_NO_SEVERANCE, case=case.number, type=case.case_type, why=why)
        wage = (
            monthly_wage
            if monthly_wage is not None
            else (case.average_monthly_wage or employee.monthly_wage)
        )
        if wage is None:
            raise ValidationError(MSG_NO_WAGE, field="monthly_wage", employee=employee.name)
        if employee.hire_date is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The hire date of {employee} is not recorded."),
                field="hire_date",
                employee=employee.name,
            )
        chosen = kind or (
            "N+1" if case.case_type == CaseType.DISMISSAL.value and case.pay_in_lieu else "N"
        )
        return severance(
            employee.hire_date,
            case.last_day,
            wage,
            local_average_wage,
            chosen,
            employee.monthly_wage if chosen == "N+1" and monthly_wage is None else None,
        )
