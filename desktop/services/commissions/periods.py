"""Months and a period's life: parsing ``YYYY-MM``, fen to yuan, the period DTO, and the
moves between states (approve, reopen, lock, mark paid) with the listing of periods.

Separate from :mod:`.compute` because moving a period along never computes a line; every other
commission module builds on the helpers here.

States: open → computed → approved (a manager) → locked (finance) → paid (finance).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, PermissionDenied, ValidationError
from desktop.models.audit import AuditEvent
from desktop.models.commissions import (
    CommissionLine,
    CommissionPeriod,
    CommissionPlan,
    LineStatus,
    PeriodState,
)
from desktop.models.orders import Order, PaymentAllocation
from desktop.services import dates
from desktop.services.changes import Kind
from desktop.services.commissions.rules import LineDraft, PriorLine
from desktop.services.context import Changes, ServiceContext
from desktop.services.dates import month_of
from desktop.services.permissions import Action
from desktop.services.validation import EARLIEST_DATE

Progress = Callable[[int, int, str], None]
CENT = Decimal("0.01")
FROZEN = (PeriodState.LOCKED.value, PeriodState.PAID.value)
RECOMPUTABLE = (PeriodState.OPEN.value, PeriodState.COMPUTED.value)


# --------------------------------------------------------------------------- months


#: The last month a period may be computed for: a fixed bound (a period is a selector, not a
#: stored fact), far enough for any plan, near enough that 9999-12 has a month after it.
LATEST_MONTH = date(2099, 12, 1)
MSG_BAD_MONTH = QT_TRANSLATE_NOOP("Errors", "{value} is not a month (write it as 2026-03).")
MSG_PERIOD_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "The commission period {month} has not been computed yet."
)


def parse_month(text: str) -> tuple[date, date]:
    """First and last day of ``"YYYY-MM"``."""
    try:
        first = dates.first_day(str(text))
    except ValueError:
        raise ValidationError(MSG_BAD_MONTH, field="month", value=str(text)) from None
    if not EARLIEST_DATE <= first <= LATEST_MONTH:
        # 0001-01 has no month before it to look back on; 9999-12 none after.
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "The month {value} is not plausible: months from {earliest} to {latest}."
            ),
            field="month",
            value=str(text).strip(),
            earliest=month_of(EARLIEST_DATE),
            latest=month_of(LATEST_MONTH),
        )
    return first, dates.last_of_month(first)


def previous_month(month: str) -> str:
    parse_month(month)
    return dates.shift_month(month, -1)


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(CENT)


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class PeriodRow:
    """One month. ``id`` None: never computed. ``stale``: a plan or the data changed after the
    computation (compute again before approving)."""

    id: int | None
    month: str
    state: str
    lines: int
    payable: Decimal
    computed_at: datetime | None = None
    computed_by: str | None = None
    approved_at: datetime | None = None
    approved_by: str | None = None
    locked_at: datetime | None = None
    locked_by: str | None = None
    paid_at: datetime | None = None
    paid_by: str | None = None
    plans_changed: bool = False
    data_changed: bool = False
    version: int = 0

    @property
    def frozen(self) -> bool:
        return self.state in FROZEN


# --------------------------------------------------------------------------- periods


def _period(s: Session, month: str) -> CommissionPeriod | None:
    return s.scalar(select(CommissionPeriod).where(CommissionPeriod.month == month))


def _watermarks(s: Session) -> dict[str, int]:
    return {
        "watermark_order": s.scalar(select(func.max(Order.id))) or 0,
        "watermark_allocation": s.scalar(select(func.max(PaymentAllocation.id))) or 0,
        "watermark_audit": s.scalar(select(func.max(AuditEvent.seq))) or 0,
    }


def _totals(lines: Iterable[LineDraft | PriorLine]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for d in lines:
        out[d.status] += d.amount
    return dict(out)


def _set_line_status(s: Session, period_id: int, old: str, new: str) -> None:
    s.execute(
        update(CommissionLine)
        .where(CommissionLine.period_id == period_id, CommissionLine.status == old)
        .values(status=new)
        .execution_options(synchronize_session=False)
    )


def _existing(s: Session, month: str) -> CommissionPeriod:
    parse_month(month)
    period = _period(s, month)
    if period is None:
        raise NotFound(MSG_PERIOD_NOT_FOUND, month=month)
    return period


def _refuse_state(period: CommissionPeriod, wanted: str) -> None:
    if period.state != wanted:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The commission period {month} is {state}; this step needs it to be {wanted}.",
            ),
            month=period.month,
            state=period.state,
            wanted=wanted,
        )


def _plans_changed(s: Session, period: CommissionPeriod) -> bool:
    if period.computed_at is None:
        return False
    latest = s.scalar(select(func.max(CommissionPlan.updated_at)))
    return latest is not None and latest > period.computed_at


MSG_OWN_PERIOD = QT_TRANSLATE_NOOP(
    "Errors",
    "You earn commission in {month} (commission lines: {lines}): a manager who earns nothing "
    "in it must approve it (separation of duties).",
)


def own_lines(s: Session, period_id: int, employee_id: int | None) -> int:
    """Lines of the period that pay ``employee_id`` or were produced by their plan."""
    if employee_id is None:
        return 0
    return int(
        s.scalar(
            select(func.count())
            .select_from(CommissionLine)
            .where(
                CommissionLine.period_id == period_id,
                or_(
                    CommissionLine.employee_id == employee_id,
                    CommissionLine.credited_id == employee_id,
                ),
            )
        )
        or 0
    )


def refuse_own_period(ctx: ServiceContext, s: Session, period: CommissionPeriod) -> None:
    """Separation of duties: nobody approves a period in which they earn (the one check the
    window and ``baton commissions approve`` both meet)."""
    lines = own_lines(s, period.id, ctx.actor.employee_id)
    if lines:
        raise PermissionDenied(MSG_OWN_PERIOD, month=period.month, lines=lines)


def approve_period(ctx: ServiceContext, month: str) -> Changes:
    """A manager approves a computed period: its accrued lines become approved — unless the
    manager earns in it."""
    ctx.require(Action.COMMISSIONS_APPROVE)
    with ctx.transaction() as s:
        period = _existing(s, month)
        _refuse_state(period, PeriodState.COMPUTED.value)
        refuse_own_period(ctx, s, period)
        if _plans_changed(s, period):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "A commission plan changed after {month} was computed: compute it again "
                    "before approving.",
                ),
                month=month,
            )
        _set_line_status(s, period.id, LineStatus.ACCRUED.value, LineStatus.APPROVED.value)
        period.state = PeriodState.APPROVED.value
        period.approved_at = ctx.now()
        period.approved_by = ctx.actor.username
    return Changes.of(Kind.COMMISSIONS, ids=frozenset({period.id}))


def _withdraw_approval(s: Session, period: CommissionPeriod, state: str) -> None:
    """Approved lines back to accrued, the approval forgotten, the period put in ``state``."""
    _set_line_status(s, period.id, LineStatus.APPROVED.value, LineStatus.ACCRUED.value)
    period.state = state
    period.approved_at = None
    period.approved_by = None


def reopen_period(ctx: ServiceContext, month: str) -> Changes:
    """Take back an approval (before the lock), so the period can be computed again."""
    ctx.require(Action.COMMISSIONS_APPROVE)
    with ctx.transaction() as s:
        period = _existing(s, month)
        _refuse_state(period, PeriodState.APPROVED.value)
        _withdraw_approval(s, period, PeriodState.COMPUTED.value)
    return Changes.of(Kind.COMMISSIONS, ids=frozenset({period.id}))


def lock_period(ctx: ServiceContext, month: str) -> Changes:
    """Finance locks an approved period: from now on it never changes. Earlier periods must be
    locked first; later periods already computed must be computed again (they may now owe
    corrections to this one)."""
    ctx.require(Action.COMMISSIONS_LOCK)
    with ctx.transaction() as s:
        period = _existing(s, month)
        _refuse_state(period, PeriodState.APPROVED.value)
        earlier = list(
            s.scalars(
                select(CommissionPeriod.month).where(
                    CommissionPeriod.month < month, CommissionPeriod.state.not_in(FROZEN)
                )
            )
        )
        if earlier:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Lock the earlier commission periods first: {months}."),
                months=", ".join(earlier),
            )
        later = list(
            s.scalars(
                select(CommissionPeriod).where(
                    CommissionPeriod.month > month,
                    CommissionPeriod.state.in_(
                        (PeriodState.COMPUTED.value, PeriodState.APPROVED.value)
                    ),
                )
            )
        )
        for p in later:
            _withdraw_approval(s, p, PeriodState.OPEN.value)
        period.state = PeriodState.LOCKED.value
        period.locked_at = ctx.now()
        period.locked_by = ctx.actor.username
    return Changes.of(Kind.COMMISSIONS, ids=frozenset({period.id}))


def mark_paid(ctx: ServiceContext, month: str) -> Changes:
    """Finance records that a locked period was paid with the wages: approved lines → paid."""
    ctx.require(Action.COMMISSIONS_PAY)
    with ctx.transaction() as s:
        period = _existing(s, month)
        _refuse_state(period, PeriodState.LOCKED.value)
        _set_line_status(s, period.id, LineStatus.APPROVED.value, LineStatus.PAID.value)
        period.state = PeriodState.PAID.value
        period.paid_at = ctx.now()
        period.paid_by = ctx.actor.username
    return Changes.of(Kind.COMMISSIONS, ids=frozenset({period.id}))


def _period_row(s: Session, p: CommissionPeriod, marks: dict[str, int] | None = None) -> PeriodRow:
    data_changed = False
    if marks is not None and p.state in (PeriodState.COMPUTED.value, PeriodState.APPROVED.value):
        data_changed = (
            marks["watermark_order"] > p.watermark_order
            or marks["watermark_allocation"] > p.watermark_allocation
        )
    return PeriodRow(
        p.id,
        p.month,
        p.state,
        p.lines,
        p.payable,
        p.computed_at,
        p.computed_by,
        p.approved_at,
        p.approved_by,
        p.locked_at,
        p.locked_by,
        p.paid_at,
        p.paid_by,
        p.state in (PeriodState.COMPUTED.value, PeriodState.APPROVED.value)
        and _plans_changed(s, p),
        data_changed,
        p.version,
    )


def list_periods(ctx: ServiceContext, months: int = 24) -> list[PeriodRow]:
    """The last ``months`` months up to this one, newest first, with any older period
    computed; a month never computed shows as open with no id."""
    ctx.require(Action.COMMISSIONS_VIEW)
    today = ctx.today()
    wanted = []
    m = month_of(today)
    for _ in range(months):
        wanted.append(m)
        m = previous_month(m)
    with ctx.read() as s:
        marks = _watermarks(s)
        stored = {p.month: p for p in s.scalars(select(CommissionPeriod))}
        keys = sorted(set(wanted) | set(stored), reverse=True)
        return [
            _period_row(s, stored[k], marks)
            if k in stored
            else PeriodRow(None, k, PeriodState.OPEN.value, 0, Decimal("0.00"))
            for k in keys
        ]


def may(ctx: ServiceContext, action: Action) -> bool:
    return ctx.can(action)
