"""Late lines and corrections for the locked months just before a period.

A payment, waybill or write-off dated in a locked month but recorded after it was computed is
priced in the first period after them that is not locked, and a waybill, invoice or payment
changed after the lock is corrected by a line for the difference at the original line's rate.
What changed is found from the watermarks of the last locked period (the highest waybill and
allocation ids and the last audit event when it was computed), so the look-back reads only
what came after them. Separate because a locked period is never touched again: this is the
only way its changes reach the books.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.audit import AuditEvent
from desktop.models.commissions import CommissionLine, CommissionPeriod, LineSource, PlanTrigger
from desktop.models.orders import Order, Payment, PaymentAllocation, Receivable
from desktop.models.types import fen_of
from desktop.services.commissions.facts import (
    _prior_lines,
    _triggers,
    allocation_facts,
    order_facts,
    owners_in,
    writeoff_facts,
)
from desktop.services.commissions.periods import FROZEN, Progress, parse_month, previous_month
from desktop.services.commissions.rules import (
    CLAUSE_CORRECTION,
    CLAUSE_LATE,
    CLAUSE_REVERSAL,
    LineDraft,
    MonthFacts,
    Part,
    PriorLine,
    Rules,
    bucket,
    compute_lines,
    fen,
    percent_text,
    round_half_up,
)
from desktop.services.dates import month_of

#: Records whose change after a lock may need a correction (audit entity names).
WATCHED = ("waybill", "receivable", "payment", "payment_allocation")


STAGE_LATE = QT_TRANSLATE_NOOP("Commissions", "Looking for late payments and corrections")


def _frozen_run(s: Session, month: str) -> list[Any]:
    """The locked periods just before ``month``, newest first (empty when the month before is
    not locked: its own corrections wait for it)."""
    rows = s.execute(
        select(
            CommissionPeriod.month,
            CommissionPeriod.state,
            CommissionPeriod.watermark_order,
            CommissionPeriod.watermark_allocation,
            CommissionPeriod.watermark_audit,
        )
        .where(CommissionPeriod.month < month)
        .order_by(CommissionPeriod.month.desc())
    ).all()
    run = []
    expected = previous_month(month)
    for row in rows:
        if row.month != expected or row.state not in FROZEN:
            break
        run.append(row)
        expected = previous_month(expected)
    return run


@dataclass
class _Candidates:
    orders: set[int] = field(default_factory=set)
    allocations: set[int] = field(default_factory=set)
    receivables: set[int] = field(default_factory=set)


def _candidates(s: Session, run: list[Any], low: date, high: date) -> _Candidates:
    """What was recorded or changed after the last locked period was computed."""
    mark = run[0]
    c = _Candidates()
    c.orders.update(
        s.scalars(
            select(Order.id).where(
                Order.id > mark.watermark_order, Order.order_date.between(low, high)
            )
        )
    )
    c.allocations.update(
        s.scalars(
            select(PaymentAllocation.id)
            .join(Payment, Payment.id == PaymentAllocation.payment_id)
            .where(
                PaymentAllocation.id > mark.watermark_allocation,
                Payment.received_on.between(low, high),
            )
        )
    )
    touched: dict[str, set[int]] = defaultdict(set)
    for entity, entity_id in s.execute(
        select(AuditEvent.entity, AuditEvent.entity_id).where(
            AuditEvent.seq > mark.watermark_audit, AuditEvent.entity.in_(WATCHED)
        )
    ):
        if entity_id and entity_id.isdigit():
            touched[entity].add(int(entity_id))
    c.orders |= touched["waybill"]
    c.receivables |= touched["receivable"]
    if touched["waybill"]:
        c.receivables.update(
            r
            for r in s.scalars(select(Order.receivable_id).where(Order.id.in_(touched["waybill"])))
            if r is not None
        )
    c.allocations |= touched["payment_allocation"]
    if touched["payment"] or c.receivables:
        c.allocations.update(
            s.scalars(
                select(PaymentAllocation.id).where(
                    or_(
                        PaymentAllocation.payment_id.in_(touched["payment"]),
                        PaymentAllocation.receivable_id.in_(c.receivables),
                    )
                )
            )
        )
    return c


def _late_lines(
    s: Session, rules: Rules, period_id: int, month: str, progress: Progress | None
) -> list[LineDraft]:
    """Late lines and corrections for the locked months just before ``month``."""
    run = _frozen_run(s, month)
    if not run:
        return []
    if progress is not None:
        progress(2, 5, STAGE_LATE)
    low, _ = parse_month(run[-1].month)
    high = parse_month(month)[0] - timedelta(days=1)
    c = _candidates(s, run, low, high)
    if not (c.orders or c.allocations or c.receivables):
        return []
    triggers = _triggers(rules)
    owners = owners_in(s, rules)
    orders = (
        order_facts(s, owners, [Order.id.in_(c.orders), Order.order_date.between(low, high)])
        if c.orders and PlanTrigger.ORDER.value in triggers
        else []
    )
    allocations = (
        allocation_facts(
            s,
            owners,
            [PaymentAllocation.id.in_(c.allocations), Payment.received_on.between(low, high)],
        )
        if c.allocations and PlanTrigger.PAYMENT.value in triggers
        else []
    )
    writeoffs = (
        writeoff_facts(
            s,
            [Receivable.id.in_(c.receivables), Receivable.written_off_on.between(low, high)],
            period_id,
        )
        if c.receivables
        else []
    )
    frozen_periods = select(CommissionPeriod.id).where(CommissionPeriod.state.in_(FROZEN))
    L = CommissionLine
    frozen = _prior_lines(
        s,
        [
            L.period_id.in_(frozen_periods),
            L.source_date.between(low, high),
            or_(
                and_(L.source == LineSource.ORDER.value, L.order_id.in_(c.orders)),
                and_(L.source == LineSource.PAYMENT.value, L.allocation_id.in_(c.allocations)),
                and_(L.source == LineSource.WRITE_OFF.value, L.receivable_id.in_(c.receivables)),
            ),
        ],
    )
    starts: dict[tuple[int, int, str], int] = {}

    def start(credited: int, plan_id: int, m: str) -> int:
        key = (credited, plan_id, m)
        if key not in starts:
            first, last = parse_month(m)
            total = s.scalar(
                select(func.coalesce(func.sum(fen_of(L.base)), 0)).where(
                    L.credited_id == credited,
                    L.plan_id == plan_id,
                    L.source_date.between(first, last),
                    L.source != LineSource.WRITE_OFF.value,
                    L.period_id.in_(frozen_periods),
                )
            )
            starts[key] = int(total or 0)
        return starts[key]

    expected = compute_lines(rules, MonthFacts(orders, allocations, writeoffs), start)
    return differences(expected, frozen)


def _source_of(key: str) -> str:
    return key.split(":", 1)[0]


def differences(expected: Sequence[LineDraft], frozen: Sequence[PriorLine]) -> list[LineDraft]:
    """Lines that bring locked lines to what their sources now give: a late line for an
    outcome new to a source, a correction (change of base at the original rate) for one that
    changed, a reversal for one that no longer applies. Keys match outcomes across periods."""
    exp: dict[str, list[LineDraft]] = defaultdict(list)
    for d in expected:
        exp[d.key].append(d)
    old: dict[str, list[PriorLine]] = defaultdict(list)
    first_of_source: dict[str, PriorLine] = {}
    for line in frozen:
        old[line.key].append(line)
        first_of_source.setdefault(_source_of(line.key), line)
    out: list[LineDraft] = []
    for key in sorted(set(exp) | set(old), key=lambda k: (k not in old, k)):
        new, was = exp.get(key, []), old.get(key, [])
        if new and not was:
            for d in new:
                origin = month_of(d.source_date)
                ref = first_of_source.get(_source_of(key))
                parts = [
                    *d.parts,
                    (CLAUSE_LATE, {"date": d.source_date.isoformat(), "origin": origin}),
                ]
                out.append(
                    replace(
                        d,
                        parts=parts,
                        origin_month=origin,
                        ref_line_id=ref.id if ref else d.ref_line_id,
                    )
                )
            continue
        head = was[0]
        old_base, old_amount = sum(w.base for w in was), sum(w.amount for w in was)
        common = {
            "employee_id": head.employee_id,
            "credited_id": head.credited_id,
            "plan_id": head.plan_id,
            "case_id": head.case_id,
            "source": head.source,
            "source_date": head.source_date,
            "tier": None,
            "status": bucket(head.status),
            "key": key,
            "order_id": head.order_id,
            "receivable_id": head.receivable_id,
            "payment_id": head.payment_id,
            "allocation_id": head.allocation_id,
            "ref_line_id": head.id,
            "origin_month": head.month,
        }
        if not new:
            if old_amount == 0 and old_base == 0:
                continue
            params = {"line": str(head.id), "origin": head.month, "amount": fen(-old_amount)}
            out.append(
                LineDraft(
                    base=-old_base,
                    rate=head.rate,
                    amount=-old_amount,
                    clause=CLAUSE_REVERSAL,
                    parts=[(CLAUSE_REVERSAL, params)],
                    **common,
                )
            )
            continue
        new_base = sum(d.base for d in new)
        new_amount = sum(d.amount for d in new)
        if head.rate is not None:
            delta = new_base - old_base
            if delta == 0:
                continue
            amount = round_half_up(delta * Fraction(head.rate))
            parts: list[Part] = [
                (
                    CLAUSE_CORRECTION,
                    {
                        "line": str(head.id),
                        "origin": head.month,
                        "old_base": fen(old_base),
                        "new_base": fen(new_base),
                        "delta": fen(delta),
                        "rate": percent_text(head.rate),
                        "amount": fen(amount),
                    },
                )
            ]
            base = delta
        else:
            if new_amount == old_amount:
                continue
            amount = new_amount - old_amount
            base = new_base - old_base
            parts = [
                (
                    "correction_amount",
                    {
                        "line": str(head.id),
                        "origin": head.month,
                        "new_amount": fen(new_amount),
                        "old_amount": fen(old_amount),
                        "amount": fen(amount),
                    },
                )
            ]
        out.append(
            LineDraft(
                base=base,
                rate=head.rate,
                amount=amount,
                clause=CLAUSE_CORRECTION,
                parts=parts,
                **common,
            )
        )
    return out
