"""A departing employee's final settlement: their commission at the end of employment grouped
by what happens to it (earned, paid, withheld, forfeited, clawed back), with months not yet
computed previewed and invoices still to collect estimated.

Separate because it reads across periods and departure cases for one leaver.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.commissions import (
    CommissionLine,
    CommissionPeriod,
    LineSource,
    LineStatus,
    PeriodState,
    PlanTrigger,
)
from desktop.models.customers import CustomerAssignment
from desktop.models.orders import Order, Receivable
from desktop.models.types import fen_of
from desktop.services import dates
from desktop.services.commissions.facts import (
    _orders_by_receivable,
    month_facts,
    owners_in,
    rules_in,
    writeoff_facts,
)
from desktop.services.commissions.lines import _stored_lines
from desktop.services.commissions.periods import _yuan, parse_month
from desktop.services.commissions.plans import PolicyWarning, policy_warnings
from desktop.services.commissions.rules import (
    ZERO,
    LineDraft,
    Part,
    PlanRule,
    PriorLine,
    Rules,
    clawback_lines,
    compute_lines,
    fen,
    percent_text,
    round_half_up,
)
from desktop.services.commissions.statements import _company, _employee_labels
from desktop.services.commissions.wage_cap import (
    CapWarning,
    MonthDeduction,
    apply_cap_by_month,
    cap_warnings_in,
)
from desktop.services.context import ServiceContext
from desktop.services.dates import month_of
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action


@dataclass(frozen=True)
class SettlementItem:
    """One line of a final settlement: a stored or previewed line, or an open invoice whose
    commission waits for collection (``line_id`` None, ``estimated``)."""

    group: str
    month: str
    source_date: date
    reference: str
    employee_id: int | None
    amount: Decimal
    status: str
    clause: str
    parts: tuple[Part, ...]
    line_id: int | None = None
    preview: bool = False
    estimated: bool = False


@dataclass(frozen=True)
class Settlement:
    """A departing employee's commission at the end of employment, by what happens to it.

    Groups: ``earned`` (owed, not yet paid: to settle with the final wages), ``paid``,
    ``withheld`` (waiting: a successor share with no successor yet, or commission on invoices
    still to be collected, estimated), ``forfeited`` and ``clawed_back``. Lines of months not
    yet computed are previewed (``preview``), never stored.
    """

    company: str
    case_id: int
    case_number: str
    employee_id: int
    employee_no: str
    employee_name: str
    notice_on: date | None
    last_day: date
    as_of: date
    plans: tuple[str, ...]
    items: tuple[SettlementItem, ...]
    totals: dict[str, Decimal]
    policy_warnings: tuple[tuple[str, PolicyWarning], ...]
    cap_warnings: tuple[CapWarning, ...]
    #: Months of the window not computed yet (their lines are previews): not final while any.
    uncomputed: tuple[str, ...] = ()
    #: The 20% cap applied month by month to the clawbacks, the remainder carried.
    deductions: tuple[MonthDeduction, ...] = ()

    def group(self, name: str) -> list[SettlementItem]:
        return [i for i in self.items if i.group == name]

    @property
    def final(self) -> bool:
        """Whether every month of the window is computed (else the figures are a draft)."""
        return not self.uncomputed

    @property
    def deducted(self) -> Decimal:
        """What the cap lets the final wages recover of the clawbacks."""
        return sum((d.deducted for d in self.deductions), Decimal("0.00"))

    @property
    def carried_beyond(self) -> Decimal:
        """Clawbacks the cap left unrecovered after the last month (a claim, not a deduction)."""
        return self.deductions[-1].carried_out if self.deductions else Decimal("0.00")

    @property
    def to_pay(self) -> Decimal:
        """What to settle with the final wages: earned, less the clawbacks the monthly 20% cap
        lets the firm deduct (without deductions computed: less every clawback)."""
        if self.deductions:
            return self.totals["earned"] - self.deducted
        return self.totals["earned"] + self.totals["clawed_back"]


NO_MONEY = Decimal("0.00")

GROUP_OF = {
    LineStatus.ACCRUED.value: "earned",
    LineStatus.APPROVED.value: "earned",
    LineStatus.PAID.value: "paid",
    LineStatus.WITHHELD.value: "withheld",
    LineStatus.FORFEITED.value: "forfeited",
    LineStatus.CLAWED_BACK.value: "clawed_back",
}
SETTLEMENT_GROUPS = ("earned", "paid", "withheld", "forfeited", "clawed_back")


def _settlement_lines(
    s: Session, rules: Rules, employee_id: int, case_id: int, months: list[str]
) -> list[tuple[PriorLine | LineDraft, str, bool, str]]:
    """(line, month, preview?, reference) for the employee's lines in ``months`` and the
    lines the case produced for others' shares still waiting."""
    stored = {
        p.month: p
        for p in s.scalars(select(CommissionPeriod).where(CommissionPeriod.month.in_(months)))
    }
    out: list[tuple[PriorLine | LineDraft, str, bool, str]] = []
    L = CommissionLine
    computed_ids = [p.id for p in stored.values() if p.state != PeriodState.OPEN.value]
    if computed_ids:
        for line in _stored_lines(
            s,
            [
                L.period_id.in_(computed_ids),
                or_(
                    L.employee_id == employee_id,
                    and_(L.case_id == case_id, L.employee_id.is_(None)),
                ),
            ],
        ):
            out.append((line, line.month, False, ""))
    for month in months:
        p = stored.get(month)
        if p is not None and p.state != PeriodState.OPEN.value:
            continue
        first, last = parse_month(month)
        facts = month_facts(s, rules, first, last, restrict_to=employee_id)
        drafts = compute_lines(rules, facts)
        writeoffs = writeoff_facts(
            s,
            [Receivable.written_off_on.between(first, last)],
            p.id if p is not None else None,
            [(-(i + 1), d) for i, d in enumerate(drafts)],
            month,
        )
        for w in writeoffs:
            drafts.extend(clawback_lines(w, rules.book.plans, rules.names))
        for d in drafts:
            if d.employee_id == employee_id or (d.case_id == case_id and d.employee_id is None):
                out.append((d, month, True, ""))
    return out


def _references(s: Session, lines: Sequence[PriorLine | LineDraft]) -> dict[tuple[str, int], str]:
    orders = {d.order_id for d in lines if d.order_id}
    invoices = {d.receivable_id for d in lines if d.receivable_id}
    out: dict[tuple[str, int], str] = {}
    if orders:
        for oid, number in s.execute(select(Order.id, Order.number).where(Order.id.in_(orders))):
            out[("o", oid)] = number
    if invoices:
        for rid, number in s.execute(
            select(Receivable.id, Receivable.number).where(Receivable.id.in_(invoices))
        ):
            out[("r", rid)] = number
    return out


def _pending(
    s: Session, rules: Rules, employee_id: int, last_day: date, as_of: date
) -> list[SettlementItem]:
    """Commission that waits for collection: open invoices billing waybills credited to the
    employee under a payment plan, estimated at the plan's rate (tiered: the first tier's)."""
    outstanding = (
        fen_of(Receivable.amount) - fen_of(Receivable.paid) - fen_of(Receivable.written_off)
    )
    theirs = or_(
        Order.salesperson_id == employee_id,
        Order.customer_id.in_(
            select(CustomerAssignment.customer_id).where(
                CustomerAssignment.employee_id == employee_id
            )
        ),
    )
    open_invoices = list(
        s.execute(
            select(
                Receivable.id,
                Receivable.number,
                fen_of(Receivable.amount),
                outstanding,
                Receivable.collector_id,
            )
            .where(
                outstanding > 0,
                Receivable.id.in_(
                    select(Order.receivable_id).where(
                        theirs, Order.order_date <= last_day, Order.receivable_id.is_not(None)
                    )
                ),
            )
            .order_by(Receivable.due_on, Receivable.id)
        )
    )
    if not open_invoices:
        return []
    orders = _orders_by_receivable(s, owners_in(s, rules), [r[0] for r in open_invoices])
    out = []
    for rid, number, amount, left, collector in open_invoices:
        if amount <= 0:
            continue
        mine: dict[int, tuple[PlanRule, Fraction, Fraction, list[str]]] = {}
        for order in orders.get(rid, ()):
            a = rules.attribute(order)
            if a is None or a.plan.trigger != PlanTrigger.PAYMENT.value:
                continue
            weight = sum(
                (
                    sh.weight
                    for sh in a.shares
                    if sh.employee_id == employee_id and sh.status == LineStatus.ACCRUED.value
                ),
                ZERO,
            )
            if weight == 0:
                continue
            plan, base, full, names = mine.get(a.plan.id, (a.plan, ZERO, ZERO, []))
            share = order.base(plan.base) * Fraction(left, amount)
            mine[a.plan.id] = (plan, base + share * weight, full + share, [*names, order.number])
        for plan, base, full, names in mine.values():
            rate = (
                plan.flat_rate if plan.rate_mode == "flat" or not plan.tiers else plan.tiers[0].rate
            )
            estimate = round_half_up(base * Fraction(rate))
            deadline = last_day + timedelta(days=plan.after_days)
            rule = plan.after_rule
            if rule == "pay_within" and as_of > deadline:
                rule = "expired"
            params = {
                "invoice": number,
                "outstanding": fen(left),
                "orders": ", ".join(names[:3]) + (" …" if len(names) > 3 else ""),
                "portion": percent_text(base / full) if full else "100.00%",
                "estimate": fen(estimate),
                "rate": percent_text(rate),
                "deadline": deadline.isoformat(),
                "limit": str(plan.after_days),
                "collector": rules.name(collector) if collector not in (None, employee_id) else "—",
            }
            lost = rule in ("forfeit", "expired", "collector")
            out.append(
                SettlementItem(
                    "forfeited" if lost else "withheld",
                    month_of(as_of),
                    as_of,
                    number,
                    employee_id,
                    _yuan(estimate),
                    LineStatus.FORFEITED.value if lost else LineStatus.WITHHELD.value,
                    f"pending.{rule}",
                    ((f"pending.{rule}", params),),
                    estimated=True,
                )
            )
    return out


def settlement(ctx: ServiceContext, case_id: int, as_of: date | None = None) -> Settlement:
    """A departing employee's final settlement: what is earned (to pay with the final wages),
    withheld pending collection, forfeited, clawed back, each under the clause that decided
    it. Months from the notice (or the oldest unpaid line) to ``as_of`` (default: today, at
    least the last working day); months not computed yet are previewed, not stored."""
    ctx.require(Action.COMMISSION_SETTLEMENT_VIEW)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        employee, _, _ = _employee_labels(s, case.employee_id)
        day = max(as_of or ctx.today(), case.last_day)
        start = case.notice_on or case.submitted_on
        unpaid = s.scalar(
            select(func.min(CommissionPeriod.month))
            .join(CommissionLine, CommissionLine.period_id == CommissionPeriod.id)
            .where(
                CommissionLine.employee_id == employee.id,
                CommissionLine.status.in_(
                    (LineStatus.ACCRUED.value, LineStatus.APPROVED.value, LineStatus.WITHHELD.value)
                ),
            )
        )
        first_month = min(month_of(start), unpaid) if unpaid else month_of(start)
        months = dates.months_between(first_month, month_of(day))
        rules = rules_in(s)
        found = _settlement_lines(s, rules, employee.id, case.id, months)
        refs = _references(s, [f[0] for f in found])
        items: list[SettlementItem] = []
        for line, month, preview, _ in found:
            if line.status == LineStatus.PAID.value and line.source_date < start:
                continue
            invoice = refs.get(("r", line.receivable_id or 0), "")
            order = refs.get(("o", line.order_id or 0), "")
            reference = (
                " / ".join(x for x in (invoice, order) if x)
                if line.source != (LineSource.ORDER.value)
                else order
            )
            if isinstance(line, PriorLine):
                parts = tuple(
                    (t, p)
                    for t, p in json.loads(
                        s.scalar(
                            select(CommissionLine.explanation).where(CommissionLine.id == line.id)
                        )
                        or "[]"
                    )
                )
                line_id: int | None = line.id
            else:
                parts = tuple(line.parts)
                line_id = None
            items.append(
                SettlementItem(
                    GROUP_OF[line.status],
                    month,
                    line.source_date,
                    reference,
                    line.employee_id,
                    _yuan(line.amount),
                    line.status,
                    line.clause,
                    parts,
                    line_id,
                    preview,
                )
            )
        items.extend(_pending(s, rules, employee.id, case.last_day, day))
        items.sort(key=lambda i: (SETTLEMENT_GROUPS.index(i.group), i.source_date, i.line_id or 0))
        totals = {
            g: sum((i.amount for i in items if i.group == g), Decimal("0.00"))
            for g in SETTLEMENT_GROUPS
        }
        plan_names = []
        policies = []
        seen: set[int] = set()
        for m in months:
            plan = rules.book.plan_for(employee.id, parse_month(m)[1])
            if plan is not None and plan.id not in seen:
                seen.add(plan.id)
                plan_names.append(plan.name)
                for w in policy_warnings(
                    plan.window_rule, plan.after_rule, plan.after_days, plan.clawback_days
                ):
                    policies.append((plan.name, w))
        caps: list[CapWarning] = []
        for m in months:
            of_month = [f[0] for f in found if f[1] == m and f[0].employee_id == employee.id]
            caps.extend(cap_warnings_in(s, m, of_month))
        mine = [i for i in items if i.employee_id == employee.id]
        clawed = {
            m: -sum((i.amount for i in mine if i.month == m and i.group == "clawed_back"), NO_MONEY)
            for m in months
        }
        earned = {
            m: sum(
                (i.amount for i in mine if i.month == m and i.group in ("earned", "paid")), NO_MONEY
            )
            for m in months
        }
        deductions = apply_cap_by_month(s, employee.id, months, clawed, earned)
        computed = set(
            s.scalars(
                select(CommissionPeriod.month).where(
                    CommissionPeriod.month.in_(months),
                    CommissionPeriod.state != PeriodState.OPEN.value,
                )
            )
        )
        uncomputed = tuple(m for m in months if m not in computed)
        audit.record(
            s,
            "commissions.settlement.viewed",
            "departure_case",
            case.id,
            {"as_of": day.isoformat(), "items": len(items)},
        )
        return Settlement(
            _company(s),
            case.id,
            case.number,
            employee.id,
            employee.employee_no,
            employee.name,
            case.notice_on,
            case.last_day,
            day,
            tuple(plan_names),
            tuple(items),
            totals,
            tuple(policies),
            tuple(caps),
            uncomputed,
            tuple(deductions),
        )
