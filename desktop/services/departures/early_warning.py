"""Early warning for every salesperson, not only those with a departure case (SPEC §6).

The score explains itself: each factor has its measured ``value``, the ``threshold`` at which
it counts in full, its ``weight`` (the weights sum to 100) and its ``contribution`` = score ×
weight ÷ 100 where score = min(value ÷ threshold, 1) × 100; the contributions sum to the
score. Visible to HR, managers (their branch) and administrators only — it is a reason to look
closer, never a finding about a person: a customer may lawfully follow someone it trusts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select

from desktop.models.alerts import Alert, AlertStatus
from desktop.models.customers import CustomerAssignment
from desktop.models.orders import Order, OrderStatus
from desktop.models.staff import Employee
from desktop.models.types import fen_of, from_fen, utcnow
from desktop.services import money, scope
from desktop.services.alerts import definitions as d
from desktop.services.context import ServiceContext
from desktop.services.departures.risk import RiskAssessment, level_of
from desktop.services.permissions import Action

ONE = Decimal("0.1")
HUNDRED = Decimal(100)
REVENUE_DAYS = 365
TREND_DAYS = 90
#: Which rules feed which signal factor (alerts raised in the last REVENUE_DAYS, not dismissed).
SIGNALS = {
    "followup_signals": (d.FOLLOWUP_OUTSIDE_BOOK, d.FOLLOWUP_KEYWORD, d.CLOSE_RATE_PATTERN),
    "order_signals": (
        d.ORDER_OUTLIER,
        d.LEAVER_ORDER_AFTER_LOCK,
        d.INCOMPLETE_CUSTOMER,
        d.BULK_EXPORT,
    ),
    "customer_signals": (
        d.HANDOVER_CUSTOMER_ORDERING,
        d.SILENT_CUSTOMER,
        d.FORMER_CUSTOMER_DROP,
        d.OVERDUE_LEAVER_RECEIVABLE,
        d.BACKDATED_OWNERSHIP,
    ),
}
#: name: (weight, threshold, unit). Weights sum to 100.
FACTORS: dict[str, tuple[int, Decimal, str]] = {
    "revenue_share": (15, Decimal(10), "percent of the firm's revenue (365 days)"),
    "concentration": (10, Decimal(100), "percent of their revenue from their top 5 customers"),
    "overdue": (15, Decimal(100), "percent of their receivables overdue"),
    "order_trend": (15, Decimal(100), "percent fall of orders, last 90 days vs the 90 before"),
    "followup_signals": (
        15,
        Decimal(3),
        "alerts on follow-ups (outside book, keywords, close rate)",
    ),
    "order_signals": (15, Decimal(3), "alerts on orders and exports"),
    "customer_signals": (15, Decimal(3), "alerts on customers (silent, dropping, back-dated)"),
}


@dataclass(frozen=True)
class WarningFactor:
    name: str
    value: Decimal
    threshold: Decimal
    weight: int
    contribution: Decimal
    explanation: str

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": str(self.value),
            "threshold": str(self.threshold),
            "weight": self.weight,
            "contribution": str(self.contribution),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class EarlyWarning:
    employee_id: int
    employee_no: str
    employee_name: str
    as_of: date
    score: Decimal
    level: str
    factors: tuple[WarningFactor, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "employee_no": self.employee_no,
            "employee": self.employee_name,
            "as_of": self.as_of.isoformat(),
            "score": str(self.score),
            "level": self.level,
            "factors": [f.as_json() for f in self.factors],
        }


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0:
        return Decimal(0).quantize(ONE)
    return (part * HUNDRED / whole).quantize(ONE, rounding=ROUND_HALF_UP)


def _factor(name: str, value: Decimal, detail: str) -> WarningFactor:
    weight, threshold, unit = FACTORS[name]
    value = max(value, Decimal(0))
    score = min(value / threshold, Decimal(1)) * HUNDRED
    contribution = (score * weight / HUNDRED).quantize(ONE, rounding=ROUND_HALF_UP)
    return WarningFactor(
        name, value, threshold, weight, contribution, f"{value} {unit}; {detail}".strip("; ")
    )


def employee_warning(ctx: ServiceContext, employee_id: int) -> EarlyWarning:
    """The early-warning score of one employee from today's data (HR, managers, admin)."""
    ctx.require(Action.ALERTS_VIEW)
    today = ctx.today()
    since = today - timedelta(days=REVENUE_DAYS)
    fen = func.sum(fen_of(Order.revenue))
    live = Order.status != OrderStatus.CANCELLED.value
    with ctx.read() as s:
        scope.employee_in_scope(ctx, s, employee_id)
        emp = s.get(Employee, employee_id)
        assert emp is not None
        firm = from_fen(s.scalar(select(fen).where(Order.order_date > since, live)))
        owned = select(CustomerAssignment.customer_id).where(
            CustomerAssignment.employee_id == employee_id, scope.covers(today)
        )
        per_customer = [
            from_fen(v)
            for (v,) in s.execute(
                select(fen)
                .where(Order.customer_id.in_(owned), Order.order_date > since, live)
                .group_by(Order.customer_id)
                .order_by(fen.desc())
            )
        ]
        trend: dict[str, Decimal] = {}
        recent_from = today - timedelta(days=TREND_DAYS)
        for name, lo, hi in (
            ("recent", recent_from, today),
            ("before", recent_from - timedelta(days=TREND_DAYS), recent_from),
        ):
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
        aging = money.aging_in(ctx, s, today, {"responsible_id": employee_id})
        counts: dict[str, int] = dict(
            s.execute(
                select(Alert.rule_id, func.count())
                .where(
                    Alert.employee_id == employee_id,
                    Alert.status != AlertStatus.DISMISSED.value,
                    # raised_at is stamped by the real clock (as the audit log is).
                    Alert.raised_at >= utcnow() - timedelta(days=REVENUE_DAYS),
                )
                .group_by(Alert.rule_id)
            ).all()
        )
    mine = sum(per_customer, Decimal("0.00"))
    top5 = sum(per_customer[:5], Decimal("0.00"))
    fall = (
        (1 - trend["recent"] / trend["before"]) * HUNDRED if trend["before"] > 0 else Decimal(0)
    ).quantize(ONE, rounding=ROUND_HALF_UP)
    factors = [
        _factor("revenue_share", _pct(mine, firm), f"{mine} of {firm}"),
        _factor("concentration", _pct(top5, mine), f"top 5: {top5} of {mine}"),
        _factor(
            "overdue",
            _pct(aging.overdue, aging.outstanding),
            f"{aging.overdue} overdue of {aging.outstanding}",
        ),
        _factor("order_trend", fall, f"{trend['recent']} vs {trend['before']}"),
    ]
    for name, rules in SIGNALS.items():
        n = sum(counts.get(r, 0) for r in rules)
        detail = ", ".join(f"{r}={counts[r]}" for r in rules if counts.get(r))
        factors.append(_factor(name, Decimal(n), detail))
    score = sum((f.contribution for f in factors), Decimal(0)).quantize(ONE)
    return EarlyWarning(
        employee_id, emp.employee_no, emp.name, today, score, level_of(score), tuple(factors)
    )


def case_risk_json(risk: RiskAssessment) -> dict[str, Any]:
    """A case's risk assessment in the shape of the early warning: each factor's score is its
    value against a threshold of 100."""
    return {
        "case": risk.case_number,
        "employee_no": risk.employee_no,
        "employee": risk.employee_name,
        "as_of": risk.as_of.isoformat(),
        "score": str(risk.total),
        "level": risk.level,
        "customers": risk.customers,
        "factors": [
            {
                "name": f.key,
                "value": str(f.score),
                "threshold": "100",
                "weight": f.weight,
                "contribution": str(f.contribution),
                "explanation": ", ".join(f"{k}={v}" for k, v in f.measures.items()),
            }
            for f in risk.factors
        ],
    }
