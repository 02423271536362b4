"""The legal duties and deadlines of a departure (SPEC §3), recording them, and the non-compete.

Separate from the state machine because the duties follow the calendar, not the handover: the
termination certificate and the final wages are due on the termination date whatever the state
of the handover; only severance may wait for the handover to finish.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.departures import CaseDuty, CaseType, DepartureCase, NonCompetePayment
from desktop.models.staff import Employee
from desktop.services import business_settings as settings
from desktop.services import handover
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.dates import add_months
from desktop.services.departures.states import CLOSED_VALUES
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action
from desktop.services.validation import Problems, money, optional_text

# --------------------------------------------------------------------------- deadlines


DUTY_NOTICE = "notice"
DUTY_CERTIFICATE = "termination_certificate"
DUTY_WAGES = "final_wages"
DUTY_FILE = "personnel_file"
DUTY_INSURANCE = "social_insurance"
DUTY_SEVERANCE = "severance"
DUTY_NON_COMPETE = "non_compete_decision"
DUTY_NON_COMPETE_PAY = "non_compete_pay"
DUTY_NON_COMPETE_RELEASE = "non_compete_release"
DUTY_RETENTION = "retention"
DUTY_PROTECTION = "protection"
DUTY_PAY_IN_LIEU = "pay_in_lieu"
#: Duties recorded with :func:`record_duty` (the others are computed or recorded elsewhere).
RECORDABLE_DUTIES = (
    DUTY_CERTIFICATE,
    DUTY_WAGES,
    DUTY_FILE,
    DUTY_INSURANCE,
    DUTY_SEVERANCE,
    DUTY_PAY_IN_LIEU,
)
#: Duties that must be done before a case is archived.
ARCHIVE_DUTIES = (*RECORDABLE_DUTIES, DUTY_NON_COMPETE)

DUTY_TITLES = {
    DUTY_NOTICE: QT_TRANSLATE_NOOP("Departures", "Notice period ends"),
    DUTY_CERTIFICATE: QT_TRANSLATE_NOOP("Departures", "Termination certificate"),
    DUTY_WAGES: QT_TRANSLATE_NOOP("Departures", "Final wages and earned commission"),
    DUTY_FILE: QT_TRANSLATE_NOOP("Departures", "Personnel file transferred"),
    DUTY_INSURANCE: QT_TRANSLATE_NOOP("Departures", "Social insurance transferred"),
    DUTY_SEVERANCE: QT_TRANSLATE_NOOP("Departures", "Severance (经济补偿)"),
    DUTY_NON_COMPETE: QT_TRANSLATE_NOOP("Departures", "Non-compete decision"),
    DUTY_NON_COMPETE_PAY: QT_TRANSLATE_NOOP(
        "Departures", "Non-compete compensation, month {month}"
    ),
    DUTY_NON_COMPETE_RELEASE: QT_TRANSLATE_NOOP(
        "Departures", "Early release: 3 months' extra compensation"
    ),
    DUTY_RETENTION: QT_TRANSLATE_NOOP("Departures", "Keep the contract and handover records until"),
    DUTY_PROTECTION: QT_TRANSLATE_NOOP("Departures", "Customer protection period ends"),
    DUTY_PAY_IN_LIEU: QT_TRANSLATE_NOOP("Departures", "Pay in lieu of notice (代通知金)"),
}
DUTY_BASIS = {
    DUTY_NOTICE: QT_TRANSLATE_NOOP(
        "Departures",
        "{days} days' written notice ({kind}); an earlier last day needs both sides' agreement.",
    ),
    DUTY_CERTIFICATE: QT_TRANSLATE_NOOP(
        "Departures",
        "Due on the termination date, stating the contract term, termination date, position "
        "and years of service, without negative remarks; never held back for an unfinished "
        "handover.",
    ),
    DUTY_WAGES: QT_TRANSLATE_NOOP(
        "Departures", "Settled at termination, including commission already earned."
    ),
    DUTY_FILE: QT_TRANSLATE_NOOP("Departures", "Within {days} days of the termination date."),
    DUTY_INSURANCE: QT_TRANSLATE_NOOP("Departures", "Within {days} days of the termination date."),
    DUTY_SEVERANCE: QT_TRANSLATE_NOOP(
        "Departures", "The only payment that may wait until the handover is complete."
    ),
    DUTY_NON_COMPETE: QT_TRANSLATE_NOOP(
        "Departures",
        "None, or at most {months} months with monthly compensation of at least {percent}% "
        "of the last 12 months' average wage and at least the local minimum wage.",
    ),
    DUTY_NON_COMPETE_PAY: QT_TRANSLATE_NOOP(
        "Departures",
        "After {unpaid} unpaid months the employee may end the restriction.",
    ),
    DUTY_NON_COMPETE_RELEASE: QT_TRANSLATE_NOOP(
        "Departures", "Releasing the employee early costs 3 months' compensation in addition."
    ),
    DUTY_RETENTION: QT_TRANSLATE_NOOP("Departures", "Kept at least {years} years."),
    DUTY_PROTECTION: QT_TRANSLATE_NOOP(
        "Departures",
        "A business setting ({months} months), not a legal period: former customers' orders "
        "are watched until then.",
    ),
}
DUTY_BASIS[DUTY_PAY_IN_LIEU] = QT_TRANSLATE_NOOP(
    "Departures",
    "Art. 40: one month's wage instead of 30 days' written notice, paid with the final wages.",
)
NOTICE_PROBATION = QT_TRANSLATE_NOOP("Departures", "in probation")
NOTICE_REGULAR = QT_TRANSLATE_NOOP("Departures", "after probation")
WARN_SHORT_NOTICE = QT_TRANSLATE_NOOP(
    "Departures",
    "The last working day is before the notice period ends: record the agreement to end earlier.",
)


@dataclass(frozen=True)
class Deadline:
    """One legal or business date of a case.

    ``title`` and ``basis`` are translatable (context "Departures"), filled with ``params``.
    ``due_on`` None: not yet known (severance is due when the handover completes).
    ``recordable``: done with :func:`record_duty` (the non-compete ones with their own
    functions; notice, retention and protection are informational). ``overdue``: due before
    today and not done. ``warning``: a translatable remark (context "Departures") or None.
    """

    key: str
    title: str
    basis: str
    params: dict[str, Any]
    due_on: date | None
    done_on: date | None
    applies: bool
    recordable: bool
    overdue: bool
    amount: Decimal | None = None
    warning: str | None = None


def in_probation(employee: Employee, on: date) -> bool:
    """Whether ``on`` falls within the employee's probation (``probation_end`` inclusive)."""
    return employee.probation_end is not None and on <= employee.probation_end


#: Case types with severance by default (art. 46): a dismissal under art. 40, a mutual
#: agreement (when the firm proposed it), a fixed term that expires.
SEVERANCE_TYPES = (CaseType.DISMISSAL.value, CaseType.CONTRACT_END.value, CaseType.MUTUAL.value)
#: Case types with a notice period: a resignation (art. 37) and an art. 40 dismissal unless a
#: month's wage is paid in lieu. Art. 39 (misconduct) has neither notice nor severance.
NOTICE_TYPES = (CaseType.RESIGNATION.value, CaseType.DISMISSAL.value)


@dataclass(frozen=True)
class NoticePeriod:
    """The written notice a resignation or dismissal needs: ``days`` (the probation ones when
    notice is given in probation) from the notice day to ``ends_on``. ``applies`` is False for a
    contract end or retirement."""

    applies: bool
    days: int
    probation: bool
    ends_on: date

    def short(self, last_day: date) -> bool:
        """Whether ``last_day`` comes before the notice ends (an agreement must be recorded)."""
        return self.applies and last_day < self.ends_on


def notice_period(
    case_type: str,
    notice_on: date,
    probation_end: date | None,
    notice_days: int,
    probation_days: int,
    pay_in_lieu: bool = False,
) -> NoticePeriod:
    """The one rule of the notice period, for the case's deadlines and the case dialog's hint
    alike (the day counts come from the business settings). An art. 40 dismissal paid in lieu
    (代通知金) has no notice period."""
    probation = probation_end is not None and notice_on <= probation_end
    days = probation_days if probation else notice_days
    return NoticePeriod(
        applies=case_type in NOTICE_TYPES
        and not (case_type == CaseType.DISMISSAL.value and pay_in_lieu),
        days=days,
        probation=probation,
        ends_on=notice_on + timedelta(days=days),
    )


def non_compete_floor(average: Decimal, percent: int) -> Decimal:
    """The least monthly non-compete compensation by the wage rule: ``percent`` of the last 12
    months' average wage, to the fen."""
    return (average * percent / 100).quantize(Decimal("0.01"))


def non_compete_least(average: Decimal, minimum: Decimal | None, percent: int) -> Decimal:
    """The least monthly compensation that :func:`decide_non_compete` accepts: the wage floor
    and at least the local minimum wage."""
    return max(non_compete_floor(average, percent), minimum or Decimal(0))


def severance_applies(case: DepartureCase) -> bool:
    """Severance by default for an art. 40 dismissal, a mutual agreement or a contract that
    ends; never for a dismissal for misconduct (art. 39); HR may decide otherwise for the rest
    (e.g. a resignation for the firm's fault, art. 38)."""
    if case.case_type == CaseType.MISCONDUCT.value:
        return False
    if case.severance_applies is not None:
        return case.severance_applies
    return case.case_type in SEVERANCE_TYPES


def notice_applies(case: DepartureCase) -> bool:
    """Whether a notice period runs: art. 37 and art. 40 (unless paid in lieu)."""
    if case.case_type == CaseType.DISMISSAL.value and case.pay_in_lieu:
        return False
    return case.case_type in NOTICE_TYPES


def non_compete_possible(employee: Employee) -> bool:
    """Non-compete only for roles with a confidentiality duty."""
    return bool(employee.confidentiality)


def deadlines_in(
    s: Session, case: DepartureCase, employee: Employee, today: date
) -> list[Deadline]:
    """Every deadline of a case, computed from its dates and the business settings."""

    def get(key: str) -> Any:
        return settings.value_in(s, key)

    done = {
        d.duty: d.done_on for d in s.scalars(select(CaseDuty).where(CaseDuty.case_id == case.id))
    }
    end = case.last_day
    out: list[Deadline] = []

    def add(
        key: str,
        due: date | None,
        *,
        applies: bool = True,
        recordable: bool = True,
        params: dict[str, Any] | None = None,
        done_on: date | None = None,
        amount: Decimal | None = None,
        warning: str | None = None,
        title_key: str | None = None,
    ) -> None:
        finished = done_on if done_on is not None else done.get(key)
        overdue = applies and recordable and due is not None and finished is None and due < today
        out.append(
            Deadline(
                key=key,
                title=DUTY_TITLES[title_key or key],
                basis=DUTY_BASIS[title_key or key],
                params=params or {},
                due_on=due,
                done_on=finished,
                applies=applies,
                recordable=recordable,
                overdue=overdue,
                amount=amount,
                warning=warning,
            )
        )

    notice = notice_period(
        case.case_type,
        case.notice_on or case.submitted_on,
        employee.probation_end,
        get(settings.NOTICE_DAYS),
        get(settings.PROBATION_NOTICE_DAYS),
        bool(case.pay_in_lieu),
    )
    add(
        DUTY_NOTICE,
        notice.ends_on,
        applies=notice.applies,
        recordable=False,
        params={
            "days": notice.days,
            "kind": NOTICE_PROBATION if notice.probation else NOTICE_REGULAR,
        },
        warning=WARN_SHORT_NOTICE if notice.short(end) else None,
    )
    add(DUTY_CERTIFICATE, end)
    add(DUTY_WAGES, end)
    add(
        DUTY_PAY_IN_LIEU,
        end,
        applies=case.case_type == CaseType.DISMISSAL.value and bool(case.pay_in_lieu),
    )
    file_days = get(settings.PERSONNEL_FILE_DAYS)
    add(DUTY_FILE, end + timedelta(days=file_days), params={"days": file_days})
    insurance_days = get(settings.SOCIAL_INSURANCE_DAYS)
    add(DUTY_INSURANCE, end + timedelta(days=insurance_days), params={"days": insurance_days})
    add(DUTY_SEVERANCE, case.completed_on, applies=severance_applies(case))
    percent = get(settings.NON_COMPETE_MIN_PERCENT)
    add(
        DUTY_NON_COMPETE,
        end,
        applies=non_compete_possible(employee),
        params={"months": get(settings.NON_COMPETE_MAX_MONTHS), "percent": percent},
    )
    months = case.non_compete_months or 0
    if months and case.non_compete_monthly is not None:
        paid = {
            p.month: p.paid_on
            for p in s.scalars(
                select(NonCompetePayment).where(NonCompetePayment.case_id == case.id)
            )
        }
        start = end + timedelta(days=1)
        released = case.non_compete_released_on
        unpaid = get(settings.NON_COMPETE_UNPAID_MONTHS)
        for k in range(1, months + 1):
            begins = add_months(start, k - 1)
            if released is not None and begins >= released:
                break
            add(
                f"{DUTY_NON_COMPETE_PAY}:{k}",
                add_months(start, k) - timedelta(days=1),
                params={"month": k, "unpaid": unpaid},
                done_on=paid.get(k),
                amount=case.non_compete_monthly,
                title_key=DUTY_NON_COMPETE_PAY,
            )
        if released is not None:
            add(
                DUTY_NON_COMPETE_RELEASE,
                released,
                amount=case.non_compete_monthly * 3,
            )
    years = get(settings.RECORD_RETENTION_YEARS)
    add(DUTY_RETENTION, add_months(end, 12 * years), recordable=False, params={"years": years})
    protection = get(settings.PROTECTION_MONTHS)
    add(
        DUTY_PROTECTION,
        add_months(end, protection),
        recordable=False,
        params={"months": protection},
    )
    return out


def case_deadlines(ctx: ServiceContext, case_id: int, today: date | None = None) -> list[Deadline]:
    """The case's deadline list with overdue flags on ``today``."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        return deadlines_in(s, case, employee, today or ctx.today())


def record_duty(
    ctx: ServiceContext, case_id: int, duty: str, done_on: date | None = None, note: str = ""
) -> Changes:
    """Record a duty done (termination certificate issued, file transferred …). Recording
    again corrects the date."""
    ctx.require(Action.DEPARTURES_EDIT)
    if duty not in RECORDABLE_DUTIES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{value} is not a duty to record (use: {known})."),
            field="duty",
            value=duty,
            known=", ".join(RECORDABLE_DUTIES),
        )
    clean = optional_text(note, "note", 256)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        if case.state in CLOSED_VALUES:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Departure case {case} is {state} and can no longer change."
                ),
                case=case.number,
                state=case.state,
            )
        _record(ctx, s, case, duty, done_on or ctx.today(), clean)
        return Changes.of(Kind.DEPARTURES, ids=frozenset({case_id}))


def _record(
    ctx: ServiceContext, s: Session, case: DepartureCase, duty: str, on: date, note: str | None
) -> None:
    row = s.scalar(select(CaseDuty).where(CaseDuty.case_id == case.id, CaseDuty.duty == duty))
    if row is None:
        s.add(
            CaseDuty(case_id=case.id, duty=duty, done_on=on, done_by=ctx.actor.user_id, note=note)
        )
    else:
        row.done_on, row.done_by, row.note = on, ctx.actor.user_id, note


@dataclass(frozen=True)
class NonCompeteInput:
    """The firm's non-compete decision: ``months`` 0 for none; otherwise the monthly
    compensation and the figures it is checked against (the average monthly wage of the last
    12 months; the local minimum wage, default from the business setting)."""

    months: int
    monthly: Decimal | None = None
    average_monthly_wage: Decimal | None = None
    local_minimum_wage: Decimal | None = None


def decide_non_compete(ctx: ServiceContext, case_id: int, data: NonCompeteInput) -> Changes:
    """Record the non-compete decision, checked against the law's floor and ceiling."""
    ctx.require(Action.DEPARTURES_EDIT)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        p = Problems()
        longest = settings.value_in(s, settings.NON_COMPETE_MAX_MONTHS)
        if not 0 <= data.months <= longest:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "A non-compete lasts 0 to {max} months (not {value})."
                    ),
                    field="months",
                    max=longest,
                    value=data.months,
                )
            )
        monthly = average = minimum = None
        if data.months > 0:
            if not non_compete_possible(employee):
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "{name} has no confidentiality duty: a non-compete cannot apply.",
                        ),
                        field="months",
                        name=employee.name,
                    )
                )
            monthly = p.check(money, data.monthly, "monthly", positive=True)
            average = p.check(
                money, data.average_monthly_wage, "average_monthly_wage", positive=True
            )
            minimum = data.local_minimum_wage
            if minimum is None:
                minimum = Decimal(settings.value_in(s, settings.LOCAL_MINIMUM_WAGE))
            if not minimum:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "Enter the local minimum wage (or set it in the business settings).",
                        ),
                        field="local_minimum_wage",
                    )
                )
            percent = settings.value_in(s, settings.NON_COMPETE_MIN_PERCENT)
            if monthly is not None and average is not None:
                floor = non_compete_floor(average, percent)
                if monthly < floor:
                    p.add(
                        ValidationError(
                            QT_TRANSLATE_NOOP(
                                "Errors",
                                "The monthly compensation {amount} is below {percent}% of the "
                                "average wage ({floor}).",
                            ),
                            field="monthly",
                            amount=str(monthly),
                            percent=percent,
                            floor=str(floor),
                        )
                    )
            if monthly is not None and minimum and monthly < minimum:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "The monthly compensation {amount} is below the local minimum wage "
                            "({minimum}).",
                        ),
                        field="monthly",
                        amount=str(monthly),
                        minimum=str(minimum),
                    )
                )
        p.raise_if_any()
        case.non_compete_months = data.months
        case.non_compete_monthly = monthly
        case.average_monthly_wage = average
        case.local_minimum_wage = minimum if data.months else None
        _record(ctx, s, case, DUTY_NON_COMPETE, ctx.today(), None)
        handover.add_event(ctx, s, case, "non_compete", f"{data.months} months")
        return Changes.of(Kind.DEPARTURES, ids=frozenset({case_id}))


def record_non_compete_payment(
    ctx: ServiceContext, case_id: int, month: int, amount: Decimal, paid_on: date | None = None
) -> Changes:
    """Record the compensation paid for month ``month`` (1 … the decided months)."""
    ctx.require(Action.DEPARTURES_EDIT)
    value = money(amount, "amount", positive=True)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        if not 1 <= month <= (case.non_compete_months or 0):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Month {value} is not within the non-compete period."),
                field="month",
                value=month,
            )
        row = s.scalar(
            select(NonCompetePayment).where(
                NonCompetePayment.case_id == case.id, NonCompetePayment.month == month
            )
        )
        if row is None:
            s.add(
                NonCompetePayment(
                    case_id=case.id,
                    month=month,
                    amount=value,
                    paid_on=paid_on or ctx.today(),
                    recorded_by=ctx.actor.user_id,
                )
            )
        else:
            row.amount, row.paid_on = value, paid_on or ctx.today()
        return Changes.of(Kind.DEPARTURES, ids=frozenset({case_id}))


def release_non_compete(ctx: ServiceContext, case_id: int, on: date | None = None) -> Changes:
    """The firm releases the employee early: later months are no longer due, and 3 months'
    compensation is due in addition (shown in the deadlines)."""
    ctx.require(Action.DEPARTURES_EDIT)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        if not case.non_compete_months:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Departure case {case} has no non-compete to release."),
                case=case.number,
            )
        case.non_compete_released_on = on or ctx.today()
        handover.add_event(
            ctx, s, case, "non_compete_release", case.non_compete_released_on.isoformat()
        )
        return Changes.of(Kind.DEPARTURES, ids=frozenset({case_id}))


def unpaid_non_compete_months(deadlines: Iterable[Deadline]) -> int:
    """How many months of non-compete compensation are overdue."""
    return sum(1 for d in deadlines if d.key.startswith(DUTY_NON_COMPETE_PAY + ":") and d.overdue)
