"""What the dashboard shows, in one call: counts, receivables at risk, departures and deadlines.

Each part is filled only when the actor's role may see it (and within their scope); the
others stay None so the screen can say so instead of showing zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from desktop.models.orders import Receivable
from desktop.services import customers, departures, money, organisation, staff
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action

UPCOMING_DAYS = 14


@dataclass(frozen=True)
class BucketTotal:
    label: str
    outstanding: Decimal


@dataclass(frozen=True)
class DeadlineLine:
    """A legal duty of an open case that is overdue or due within two weeks."""

    case_id: int
    case_number: str
    employee_name: str
    title: str
    params: dict[str, object]
    due_on: date
    overdue: bool


@dataclass(frozen=True)
class DashboardData:
    company: str
    staff_current: int | None
    customers_owned: int | None
    customers_in_pool: int | None
    outstanding: Decimal | None
    overdue: Decimal | None
    not_due: Decimal | None
    buckets: tuple[BucketTotal, ...] | None
    cases_by_state: dict[str, int] | None
    deadlines: tuple[DeadlineLine, ...] | None
    leaving: int | None
    #: True when the vault holds no receivable at all: ¥0 outstanding then means "nothing
    #: imported yet", and the dashboard says what to import.
    no_receivables: bool = False


def _cases(ctx: ServiceContext, today: date) -> tuple[dict[str, int], tuple[DeadlineLine, ...]]:
    open_cases = departures.list_cases(ctx, 0, 500, filters={"open_only": True})
    by_state: dict[str, int] = {}
    lines: list[DeadlineLine] = []
    horizon = today + timedelta(days=UPCOMING_DAYS)
    for case in open_cases:
        by_state[case.state] = by_state.get(case.state, 0) + 1
        for d in departures.case_deadlines(ctx, case.id, today):
            if not d.applies or d.done_on or d.due_on is None or not d.recordable:
                continue
            if d.overdue or d.due_on <= horizon:
                lines.append(
                    DeadlineLine(
                        case.id,
                        case.number,
                        case.employee_name,
                        d.title,
                        d.params,
                        d.due_on,
                        d.overdue,
                    )
                )
    lines.sort(key=lambda line: (not line.overdue, line.due_on))
    return by_state, tuple(lines[:12])


def summary(ctx: ServiceContext) -> DashboardData:
    """Everything the dashboard needs, read with the actor's permissions and scope."""
    ctx.require(Action.DASHBOARD_VIEW)
    today = ctx.today()
    staff_current = customers_owned = customers_in_pool = None
    if ctx.can(Action.STAFF_VIEW):
        staff_current = staff.count_employees(
            ctx, filters={"status": ["active", "notice", "handover"]}
        )
    leaving = (
        staff.count_employees(ctx, filters={"status": ["notice", "handover"]})
        if ctx.can(Action.STAFF_VIEW)
        else None
    )
    if ctx.can(Action.CUSTOMERS_VIEW):
        customers_owned = customers.count_customers(ctx)
        customers_in_pool = customers.count_customers(ctx, filters={"in_pool": True})
    outstanding = overdue = not_due = None
    buckets: tuple[BucketTotal, ...] | None = None
    no_receivables = False
    if ctx.can(Action.RECEIVABLES_VIEW):
        with ctx.read() as s:
            no_receivables = s.scalar(select(Receivable.id).limit(1)) is None
        report = money.age_receivables(ctx, today)
        outstanding, overdue, not_due = report.outstanding, report.overdue, report.not_due
        buckets = tuple(BucketTotal(b.label, b.outstanding) for b in report.buckets)
    cases_by_state = deadlines = None
    if ctx.can(Action.DEPARTURES_VIEW):
        cases_by_state, deadlines = _cases(ctx, today)
    return DashboardData(
        company=organisation.company_name(ctx),
        staff_current=staff_current,
        customers_owned=customers_owned,
        customers_in_pool=customers_in_pool,
        outstanding=outstanding,
        overdue=overdue,
        not_due=not_due,
        buckets=buckets,
        cases_by_state=cases_by_state,
        deadlines=deadlines,
        leaving=leaving,
        no_receivables=no_receivables,
    )
