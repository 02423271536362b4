"""The departure risk assessment of a case: each factor measured from current data, scored 0–100,
weighted, and shown with its contribution to the total — so the number explains itself.

Factors (weights sum to 100): the leaver's share of the firm's revenue, the concentration of
their top 5 customers, overdue receivables, bad-debt risk, the recent order trend, handover
progress, and orders refused by the lock. A high score is a reason to look closer, not a
finding about the person: a customer may lawfully follow someone it trusts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.departures import ItemStatus
from desktop.models.orders import Order, OrderStatus
from desktop.models.types import fen_of, from_fen
from desktop.services import business_settings as settings
from desktop.services import departures, document_content, money
from desktop.services.context import ServiceContext
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action

ZERO = Decimal("0.00")
ONE = Decimal("0.1")
HUNDRED = Decimal(100)
#: Window of the revenue share and concentration; the trend compares two of TREND_DAYS.
REVENUE_DAYS = 365
TREND_DAYS = 90
WEIGHTS = {
    "revenue_share": 15,
    "concentration": 10,
    "overdue": 15,
    "bad_debt": 15,
    "order_trend": 15,
    "handover_progress": 20,
    "lock_attempts": 10,
}
LEVELS = ((Decimal(30), "low"), (Decimal(60), "medium"))


@dataclass(frozen=True)
class RiskFactor:
    """One factor: ``score`` 0–100, ``weight`` (of 100), ``contribution`` = score × weight ÷
    100. ``measures``: the figures behind the score (names are keys the report labels)."""

    key: str
    score: Decimal
    weight: int
    contribution: Decimal
    measures: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TopCustomer:
    code: str
    name: str
    revenue: Decimal
    share: Decimal


@dataclass(frozen=True)
class RiskAssessment:
    company: str
    case_id: int
    case_number: str
    employee_no: str
    employee_name: str
    branch: str | None
    position: str | None
    last_day: date
    state: str
    as_of: date
    total: Decimal
    level: str
    factors: tuple[RiskFactor, ...]
    top_customers: tuple[TopCustomer, ...]
    customers: int


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0:
        return Decimal(0).quantize(ONE)
    return (part * HUNDRED / whole).quantize(ONE, rounding=ROUND_HALF_UP)


def _score(value: Decimal) -> Decimal:
    return min(max(value, Decimal(0)), HUNDRED).quantize(ONE, rounding=ROUND_HALF_UP)


def _factor(key: str, score: Decimal, **measures: str) -> RiskFactor:
    weight = WEIGHTS[key]
    score = _score(score)
    contribution = (score * weight / HUNDRED).quantize(ONE, rounding=ROUND_HALF_UP)
    return RiskFactor(key, score, weight, contribution, dict(measures))


def level_of(total: Decimal) -> str:
    for bound, name in LEVELS:
        if total < bound:
            return name
    return "high"


def risk_assessment(ctx: ServiceContext, case_id: int) -> RiskAssessment:
    """Assess the case's risk from today's data (HR, managers, administrators, auditors)."""
    ctx.require(Action.DEPARTURES_VIEW)
    detail = departures.get_case(ctx, case_id)
    row = detail.case
    today = ctx.today()
    fen = func.sum(fen_of(Order.revenue))
    live = Order.status != OrderStatus.CANCELLED.value
    with ctx.read() as s:
        case_in_scope(ctx, s, case_id)
        company = document_content.company_name_in(s)
        # The book as it stood on the notice date (a customer handed over that very day
        # included), so handing customers over does not make the risk look smaller;
        # handover progress is its own factor.
        book_day = min(row.notice_on or row.submitted_on or today, today)
        owned = select(CustomerAssignment.customer_id).where(
            CustomerAssignment.employee_id == row.employee_id,
            CustomerAssignment.valid_from <= book_day,
            CustomerAssignment.valid_to.is_(None) | (CustomerAssignment.valid_to >= book_day),
        )
        since = today - timedelta(days=REVENUE_DAYS)
        firm = from_fen(
            s.scalar(select(fen).where(Order.order_date > since, Order.order_date <= today, live))
        )
        per_customer = s.execute(
            select(Customer.code, Customer.name, fen)
            .join(Customer, Customer.id == Order.customer_id)
            .where(
                Order.customer_id.in_(owned),
                Order.order_date > since,
                Order.order_date <= today,
                live,
            )
            .group_by(Customer.id)
            .order_by(fen.desc(), Customer.code)
        ).all()
        n_customers = s.scalar(select(func.count()).select_from(owned.subquery())) or 0
        recent_from = today - timedelta(days=TREND_DAYS)
        before_from = recent_from - timedelta(days=TREND_DAYS)
        trend = {}
        for name, lo, hi in (("recent", recent_from, today), ("before", before_from, recent_from)):
            trend[name] = from_fen(
                s.scalar(
                    select(fen).where(
                        Order.customer_id.in_(owned),
                        Order.order_date > lo,
                        Order.order_date <= hi,
                        live,
                    )
                )
            )
        aging = money.aging_in(ctx, s, today, {"responsible_id": row.employee_id})
        mode = settings.value_in(s, settings.PROVISION_MODE)
    mine = sum((from_fen(v) for _c, _n, v in per_customer), ZERO)
    top = [
        TopCustomer(code, name, from_fen(v), _pct(from_fen(v), mine))
        for code, name, v in per_customer[:5]
    ]
    top5 = sum((t.revenue for t in top), ZERO)
    share = _pct(mine, firm)
    concentration = _pct(top5, mine)
    overdue_pct = _pct(aging.overdue, aging.outstanding)
    long_overdue = (
        sum((b.outstanding for b in aging.buckets if b.low_days > 90), ZERO)
        if aging.basis == settings.BASIS_DUE
        else ZERO
    )
    if mode == settings.MODE_LADDER:
        bad_debt_score = aging.risk_coefficient * HUNDRED
    else:
        bad_debt_score = _pct(long_overdue, aging.outstanding)
    fall = (
        (1 - trend["recent"] / trend["before"]) * HUNDRED if trend["before"] > 0 else Decimal(0)
    ).quantize(ONE, rounding=ROUND_HALF_UP)
    items = [i for i in detail.items if i.status != ItemStatus.WAIVED.value]
    finished = sum(
        1 for i in items if i.status in (ItemStatus.DONE.value, ItemStatus.CONFIRMED.value)
    )
    unfinished_pct = _pct(Decimal(len(items) - finished), Decimal(len(items)))
    risks = detail.risks
    factors = (
        _factor(
            "revenue_share",
            share * 10,
            revenue=str(mine),
            firm_revenue=str(firm),
            share_percent=str(share),
            customers=str(n_customers),
        ),
        _factor(
            "concentration",
            concentration,
            top5_revenue=str(top5),
            top5_percent=str(concentration),
        ),
        _factor(
            "overdue",
            overdue_pct,
            outstanding=str(aging.outstanding),
            overdue=str(aging.overdue),
            overdue_percent=str(overdue_pct),
            receivables=str(aging.receivables),
        ),
        _factor(
            "bad_debt",
            bad_debt_score,
            provision=str(aging.provision),
            coefficient=str(aging.risk_coefficient),
            over_90_days=str(long_overdue),
            mode=mode,
        ),
        _factor(
            "order_trend",
            fall,
            recent=str(trend["recent"]),
            before=str(trend["before"]),
            change_percent=str(-fall),
            days=str(TREND_DAYS),
        ),
        _factor(
            "handover_progress",
            unfinished_pct,
            items=str(len(items)),
            finished=str(finished),
            without_successor=str(risks.customers_without_successor),
            not_informed=str(risks.customers_not_informed),
        ),
        _factor(
            "lock_attempts",
            Decimal(min(risks.lock_attempts, 4) * 25),
            attempts=str(risks.lock_attempts),
        ),
    )
    total = sum((f.contribution for f in factors), Decimal(0)).quantize(ONE)
    return RiskAssessment(
        company=company,
        case_id=row.id,
        case_number=row.number,
        employee_no=row.employee_no,
        employee_name=row.employee_name,
        branch=row.branch_name,
        position=row.position_name,
        last_day=row.last_day,
        state=row.state,
        as_of=today,
        total=total,
        level=level_of(total),
        factors=factors,
        top_customers=tuple(top),
        customers=n_customers,
    )
