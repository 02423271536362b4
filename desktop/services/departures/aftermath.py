"""After a departure: did the customers stay, and was the money collected?

For the customer protection period (business setting ``protection_months``) after the last
working day, each former customer's orders and revenue since are compared with the same
customer's in the months before (as a daily rate, so a period only partly elapsed compares
fairly), and the receivables outstanding at departure with what was collected since.

A customer that stopped ordering is a **risk signal, not proof**: a customer may lawfully
follow a person it trusts, or simply ship less. The report says what changed; people decide
what it means.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.customers import Customer
from desktop.models.departures import DepartureCase, HandoverItem, ItemKind
from desktop.models.orders import Order, OrderStatus, Payment, PaymentAllocation, Receivable
from desktop.models.staff import Employee
from desktop.models.types import fen_of, from_fen
from desktop.services import business_settings as settings
from desktop.services import customers as customer_service
from desktop.services import terms
from desktop.services.context import ServiceContext
from desktop.services.dates import add_months
from desktop.services.departures.states import DEPARTED_STATES
from desktop.services.handover import case_filter, case_in_scope
from desktop.services.permissions import Action

ZERO = Decimal("0.00")
PERCENT = Decimal("0.1")


@dataclass(frozen=True)
class CustomerOutcome:
    """One former customer of the leaver, before and since the departure.

    ``churn_percent``: how much the daily revenue rate fell since the departure, in percent
    (negative: it grew; None: no revenue before, or no day elapsed yet). ``stopped``: it
    ordered before and not since. Neither is proof of anything: a customer may lawfully
    follow a person it trusts — a risk signal to look into, not a finding.
    ``recovery_rate``: collected since ÷ outstanding at departure (None when nothing was
    outstanding).
    """

    customer_id: int
    code: str
    name: str
    owner_now_name: str | None
    orders_before: int
    revenue_before: Decimal
    orders_since: int
    revenue_since: Decimal
    churn_percent: Decimal | None
    stopped: bool
    outstanding_at_departure: Decimal
    collected_since: Decimal
    recovery_rate: Decimal | None


@dataclass(frozen=True)
class PostDepartureReport:
    """A completed case's former customers over the protection period (see
    :class:`CustomerOutcome`: a diverted customer is a risk signal, not proof).

    Windows: before = the ``months_before`` months up to the last working day; since = from
    the day after it to ``as_of`` (or the end of the protection period, if earlier).
    """

    case_id: int
    case_number: str
    employee_id: int
    employee_name: str
    last_day: date
    as_of: date
    before_from: date
    since_until: date
    protection_ends: date
    in_protection: bool
    months_before: int
    orders_before: int
    revenue_before: Decimal
    orders_since: int
    revenue_since: Decimal
    churn_percent: Decimal | None
    stopped_customers: int
    outstanding_at_departure: Decimal
    collected_since: Decimal
    recovery_rate: Decimal | None
    customers: tuple[CustomerOutcome, ...]


def churn(before: Decimal, before_days: int, since: Decimal, since_days: int) -> Decimal | None:
    """Percent fall of the daily revenue rate (None when there is no base to compare)."""
    if before <= 0 or before_days <= 0 or since_days <= 0:
        return None
    rate_before = before / before_days
    rate_since = since / since_days
    return ((1 - rate_since / rate_before) * 100).quantize(PERCENT, rounding=ROUND_HALF_UP)


def _ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= 0:
        return None
    return (part / whole).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _report(
    ctx: ServiceContext, s: Session, case: DepartureCase, as_of: date, months_before: int | None
) -> PostDepartureReport:
    protection = settings.value_in(s, settings.PROTECTION_MONTHS)
    months = months_before if months_before is not None else max(protection, 1)
    end = case.last_day
    before_from = add_months(end + timedelta(days=1), -months)
    protection_ends = add_months(end, protection)
    # Issued before the last day, the "since" window has not begun: it is empty (ends on the
    # last day), never inverted.
    since_until = max(min(as_of, protection_ends), end)
    before_days = (end - before_from).days + 1
    since_days = max((since_until - end).days, 0)
    employee = s.get(Employee, case.employee_id)
    assert employee is not None
    former = dict(
        s.execute(
            select(HandoverItem.customer_id, HandoverItem.id).where(
                HandoverItem.case_id == case.id, HandoverItem.kind == ItemKind.CUSTOMER.value
            )
        ).all()
    )
    ids = list(former)
    before: dict[int, tuple[int, int]] = {}
    since: dict[int, tuple[int, int]] = {}
    fen = func.sum(fen_of(Order.revenue))
    for window, lo, hi in (
        (before, before_from, end),
        (since, end + timedelta(days=1), since_until),
    ):
        if hi < lo:
            continue
        for cid, n, total in s.execute(
            select(Order.customer_id, func.count(), fen)
            .where(
                Order.customer_id.in_(ids),
                Order.order_date >= lo,
                Order.order_date <= hi,
                Order.status != OrderStatus.CANCELLED.value,
            )
            .group_by(Order.customer_id)
        ):
            window[cid] = (int(n), int(total or 0))
    outstanding, collected = _money(s, case, end, since_until)
    rows = []
    for cid, code, name in s.execute(
        select(Customer.id, Customer.code, Customer.name)
        .where(Customer.id.in_(ids))
        .order_by(Customer.code)
    ):
        owner = customer_service.owner_on_in(s, cid, since_until)
        n_before, f_before = before.get(cid, (0, 0))
        n_since, f_since = since.get(cid, (0, 0))
        rev_before, rev_since = from_fen(f_before), from_fen(f_since)
        owed, got = from_fen(outstanding.get(cid, 0)), from_fen(collected.get(cid, 0))
        rows.append(
            CustomerOutcome(
                customer_id=cid,
                code=code,
                name=name,
                owner_now_name=owner.name if owner else None,
                orders_before=n_before,
                revenue_before=rev_before,
                orders_since=n_since,
                revenue_since=rev_since,
                churn_percent=churn(rev_before, before_days, rev_since, since_days),
                stopped=n_before > 0 and n_since == 0 and since_days > 0,
                outstanding_at_departure=owed,
                collected_since=got,
                recovery_rate=_ratio(got, owed),
            )
        )
    total_before = sum((r.revenue_before for r in rows), ZERO)
    total_since = sum((r.revenue_since for r in rows), ZERO)
    # Totals cover every receivable of the case, also those the leaver sold to customers
    # owned by others (they have no line of their own).
    owed_total = from_fen(sum(outstanding.values()))
    got_total = from_fen(sum(collected.values()))
    return PostDepartureReport(
        case_id=case.id,
        case_number=case.number,
        employee_id=employee.id,
        employee_name=employee.name,
        last_day=end,
        as_of=as_of,
        before_from=before_from,
        since_until=since_until,
        protection_ends=protection_ends,
        in_protection=end < as_of <= protection_ends,
        months_before=months,
        orders_before=sum(r.orders_before for r in rows),
        revenue_before=total_before,
        orders_since=sum(r.orders_since for r in rows),
        revenue_since=total_since,
        churn_percent=churn(total_before, before_days, total_since, since_days),
        stopped_customers=sum(1 for r in rows if r.stopped),
        outstanding_at_departure=owed_total,
        collected_since=got_total,
        recovery_rate=_ratio(got_total, owed_total),
        customers=tuple(rows),
    )


def _money(
    s: Session, case: DepartureCase, end: date, until: date
) -> tuple[dict[int, int], dict[int, int]]:
    """Per customer, in fen: what the case's receivables had outstanding at the end of the
    last working day, and what was collected on them after it (up to ``until``)."""
    items = select(HandoverItem.receivable_id).where(
        HandoverItem.case_id == case.id, HandoverItem.kind == ItemKind.RECEIVABLE.value
    )
    paid_by: dict[int, int] = {}
    since_by: dict[int, int] = {}
    for rid, received, amount in s.execute(
        select(PaymentAllocation.receivable_id, Payment.received_on, PaymentAllocation.amount)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .where(PaymentAllocation.receivable_id.in_(items), Payment.received_on <= until)
    ):
        fen = int(amount * 100)
        if received <= end:
            paid_by[rid] = paid_by.get(rid, 0) + fen
        else:
            since_by[rid] = since_by.get(rid, 0) + fen
    outstanding: dict[int, int] = {}
    collected: dict[int, int] = {}
    for rid, cid, amount, written, written_on in s.execute(
        select(
            Receivable.id,
            Receivable.customer_id,
            Receivable.amount,
            Receivable.written_off,
            Receivable.written_off_on,
        ).where(Receivable.id.in_(items))
    ):
        off = int(written * 100) if written_on is not None and written_on <= end else 0
        left = int(amount * 100) - paid_by.get(rid, 0) - off
        outstanding[cid] = outstanding.get(cid, 0) + max(left, 0)
        collected[cid] = collected.get(cid, 0) + since_by.get(rid, 0)
    return outstanding, collected


def _check_done(case: DepartureCase) -> None:
    if case.state not in DEPARTED_STATES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Departure case {case} is {state}: the after-departure view needs a completed case.",
            ),
            case=case.number,
            state=terms.case_state(case.state),
        )


def post_departure_report(
    ctx: ServiceContext, case_id: int, as_of: date | None = None, months_before: int | None = None
) -> PostDepartureReport:
    """A completed case's former customers: orders and revenue before and since, churn,
    receivables outstanding at departure and collected since (recovery rate). ``months_before``
    defaults to the protection period's length."""
    ctx.require(Action.DEPARTURES_VIEW)
    ctx.require(Action.REPORTS_VIEW)
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        _check_done(case)
        return _report(ctx, s, case, as_of or ctx.today(), months_before)


def post_departure_overview(
    ctx: ServiceContext, as_of: date | None = None, months_before: int | None = None
) -> list[PostDepartureReport]:
    """Every completed case still within its protection period on ``as_of``, worst churn
    first (the per-customer lines are included; the list view shows the totals)."""
    ctx.require(Action.DEPARTURES_VIEW)
    ctx.require(Action.REPORTS_VIEW)
    day = as_of or ctx.today()
    with ctx.read() as s:
        protection = settings.value_in(s, settings.PROTECTION_MONTHS)
        query = select(DepartureCase).where(
            DepartureCase.state.in_(DEPARTED_STATES),
            DepartureCase.last_day < day,
            DepartureCase.last_day >= add_months(day, -protection),
        )
        own = case_filter(ctx, s)
        if own is not None:
            query = query.where(own)
        reports = [_report(ctx, s, c, day, months_before) for c in s.scalars(query)]
    return sorted(
        (r for r in reports if r.in_protection),
        key=lambda r: (-(r.churn_percent or Decimal(-1000)), r.case_number),
    )
