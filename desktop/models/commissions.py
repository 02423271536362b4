"""Commission plans (with their tiers, assignments and handover policy), monthly periods, the
lines a period's computation produces, and the statements issued from them.

The rules live in :mod:`desktop.services.commissions`; these tables hold plans as the firm set
them and what each computation produced. A line, once its period is locked, is never changed
again: a later correction is a new line in an open period that points at it (``ref_line_id``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from desktop.commission_enums import (
    AfterRule,
    LineSource,
    LineStatus,
    PeriodState,
    PlanBase,
    PlanTrigger,
    RateMode,
    TierMode,
    WindowRule,
)
from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.staff import _in
from desktop.models.types import Money, UTCDateTime

#: Rates are stored as integer millionths (3.25 % = 0.0325 = 32,500): exact on every backend.
RATE_SCALE = 1_000_000


class Rate(TypeDecorator[Decimal]):
    """A commission rate (0.0325 for 3.25 %) as integer millionths; floats are refused."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("rates must never be floats")
        scaled = Decimal(value) * RATE_SCALE
        if scaled != scaled.to_integral_value():
            raise ValueError("a rate has at most six decimals (0.0001 %)")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / RATE_SCALE).normalize()


class CommissionPlan(IdMixin, TimestampMixin, VersionMixin, Base):
    """A commission plan and its handover policy. ``effective_until`` is inclusive (None: open).

    ``split_departing``:``split_successor`` is the X:Y of the split rule; ``after_days`` the N
    of "pay only if collected within N days"; ``clawback_days`` None means no clawback.
    """

    __tablename__ = "commission_plan"
    __table_args__ = (
        CheckConstraint(_in("base", PlanBase), name="base_known"),
        CheckConstraint(_in("trigger", PlanTrigger), name="trigger_known"),
        CheckConstraint(_in("rate_mode", RateMode), name="rate_mode_known"),
        CheckConstraint(_in("tier_mode", TierMode), name="tier_mode_known"),
        CheckConstraint(_in("window_rule", WindowRule), name="window_rule_known"),
        CheckConstraint(_in("after_rule", AfterRule), name="after_rule_known"),
        CheckConstraint(
            "effective_until IS NULL OR effective_until >= effective_from", name="dates_ordered"
        ),
        CheckConstraint("flat_rate >= 0", name="flat_rate_positive"),
        CheckConstraint("split_departing >= 0 AND split_successor >= 0", name="split_positive"),
    )

    name: Mapped[str] = mapped_column(String(100), unique=True)
    base: Mapped[str] = mapped_column(String(16))
    trigger: Mapped[str] = mapped_column(String(16))
    rate_mode: Mapped[str] = mapped_column(String(16))
    tier_mode: Mapped[str] = mapped_column(String(16), default=TierMode.MARGINAL.value)
    flat_rate: Mapped[Decimal] = mapped_column(Rate, default=Decimal("0"))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_until: Mapped[date | None] = mapped_column(Date)
    window_rule: Mapped[str] = mapped_column(String(16), default=WindowRule.DEPARTING.value)
    split_departing: Mapped[int] = mapped_column(Integer, default=50)
    split_successor: Mapped[int] = mapped_column(Integer, default=50)
    after_rule: Mapped[str] = mapped_column(String(16), default=AfterRule.PAY.value)
    after_days: Mapped[int] = mapped_column(Integer, default=0)
    clawback_days: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class CommissionTier(IdMixin, Base):
    """One tier of a tiered plan: monthly base from ``lower`` (inclusive) to ``upper``
    (exclusive; None for the last tier) earns ``rate``."""

    __tablename__ = "commission_tier"
    __table_args__ = (
        CheckConstraint("rate >= 0", name="rate_positive"),
        CheckConstraint("upper IS NULL OR upper > lower", name="bounds_ordered"),
        Index("ix_commission_tier_plan", "plan_id", "position"),
    )

    plan_id: Mapped[int] = mapped_column(ForeignKey("commission_plan.id"))
    position: Mapped[int] = mapped_column(Integer)
    lower: Mapped[Decimal] = mapped_column(Money)
    upper: Mapped[Decimal | None] = mapped_column(Money)
    rate: Mapped[Decimal] = mapped_column(Rate)


class CommissionPlanAssignment(IdMixin, Base):
    """A plan applies to one employee or to everyone holding one position."""

    __tablename__ = "commission_plan_assignment"
    __table_args__ = (
        CheckConstraint(
            "(employee_id IS NULL) <> (position_id IS NULL)", name="employee_or_position"
        ),
        Index("ix_commission_plan_assignment_plan", "plan_id"),
    )

    plan_id: Mapped[int] = mapped_column(ForeignKey("commission_plan.id"))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    position_id: Mapped[int | None] = mapped_column(ForeignKey("position.id"), index=True)


class CommissionPeriod(IdMixin, TimestampMixin, VersionMixin, Base):
    """One month (``month`` "2026-03"): open → computed → approved → locked → paid.

    The watermarks record how far the data went when the period was last computed (highest
    waybill and allocation id, last audit event): the next period looks only at what came
    after them for late payments and corrections of a locked period.
    """

    __tablename__ = "commission_period"
    __table_args__ = (CheckConstraint(_in("state", PeriodState), name="state_known"),)

    month: Mapped[str] = mapped_column(String(7), unique=True)
    state: Mapped[str] = mapped_column(String(16), default=PeriodState.OPEN.value)
    computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    computed_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(64))
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_by: Mapped[str | None] = mapped_column(String(64))
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_by: Mapped[str | None] = mapped_column(String(64))
    watermark_order: Mapped[int] = mapped_column(Integer, default=0)
    watermark_allocation: Mapped[int] = mapped_column(Integer, default=0)
    watermark_audit: Mapped[int] = mapped_column(Integer, default=0)
    lines: Mapped[int] = mapped_column(Integer, default=0)
    payable: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))


class CommissionLine(IdMixin, Base):
    """One computed amount for one person (``employee_id`` None: a share still waiting for
    a successor to be named). ``credited_id`` is whose plan produced it; ``key`` identifies
    its source and outcome across periods (corrections are matched by it); the explanation is
    a list of (template id, parameters) in ``explanation`` (JSON), translated when shown."""

    __tablename__ = "commission_line"
    __table_args__ = (
        CheckConstraint(_in("source", LineSource), name="source_known"),
        CheckConstraint(_in("status", LineStatus), name="status_known"),
        Index("ix_commission_line_period_employee", "period_id", "employee_id"),
        Index("ix_commission_line_employee_date", "employee_id", "source_date"),
        Index("ix_commission_line_credited_date", "credited_id", "source_date"),
        Index("ix_commission_line_order", "order_id"),
        Index("ix_commission_line_allocation", "allocation_id"),
        Index("ix_commission_line_receivable", "receivable_id"),
    )

    period_id: Mapped[int] = mapped_column(ForeignKey("commission_period.id"))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    credited_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("commission_plan.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("departure_case.id"))
    source: Mapped[str] = mapped_column(String(16))
    source_date: Mapped[date] = mapped_column(Date)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("waybill.id"))
    receivable_id: Mapped[int | None] = mapped_column(ForeignKey("receivable.id"))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    allocation_id: Mapped[int | None] = mapped_column(ForeignKey("payment_allocation.id"))
    base: Mapped[Decimal] = mapped_column(Money)
    rate: Mapped[Decimal | None] = mapped_column(Rate)
    tier: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(16))
    clause: Mapped[str] = mapped_column(String(32))
    explanation: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(96))
    # No foreign key: recomputing an open period may replace the line another open period's
    # clawback points at; that period is then marked for recomputation instead.
    ref_line_id: Mapped[int | None] = mapped_column(Integer)
    origin_month: Mapped[str | None] = mapped_column(String(7))


class CommissionStatement(IdMixin, Base):
    """A statement issued to one employee for one period: the lines as they stood (JSON
    snapshot), its hash, and who issued it. Re-printing uses the snapshot, so editing a plan
    or recomputing never changes a statement already issued."""

    __tablename__ = "commission_statement"
    __table_args__ = (Index("ix_commission_statement_employee_period", "employee_id", "period_id"),)

    period_id: Mapped[int] = mapped_column(ForeignKey("commission_period.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    number: Mapped[str] = mapped_column(String(40), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(64))
    period_state: Mapped[str] = mapped_column(String(16))
    total: Mapped[Decimal] = mapped_column(Money)
    snapshot: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    final: Mapped[bool] = mapped_column(Boolean, default=False)
