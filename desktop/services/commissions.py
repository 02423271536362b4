"""Commissions: computing a month, reviewing its lines, approving, locking and paying it;
statements per employee and period; a departing employee's final settlement.

The rules themselves (tiers, attribution under the handover policy, rounding, explanations) are
pure functions in :mod:`desktop.services.commission_rules`; plans live in
:mod:`desktop.services.commission_plans`. This module reads the facts of a month with
set-based Core selects, hands them to the rules, and writes the lines in bulk — one audit event
per computation, not one per line.

What a period holds (month ``M``):

- **regular lines**: waybills dated in M (plans earned on the order date), allocations of
  payments received in M (plans earned on payment — 回款提成: each partial payment earns its
  proportion, dated by the payment, never by the invoice), and clawbacks of invoices written off
  in M;
- **late lines and corrections** of the locked months just before M (only when M is the first
  period after them that is not locked): a payment, waybill or write-off dated in a locked month
  but recorded after it was computed is priced now, and a waybill, invoice or payment changed
  after the lock is corrected by a line for the difference at the original line's rate — both
  pointing at the month (and, for a correction, the line) they belong to. A locked period is
  never touched again; what changed is found from the watermarks of the last locked period
  (the highest waybill and allocation ids and the last audit event when it was computed), so
  the look-back reads only what came after them. Attribution (ownership, departures) is final
  once a period is locked.

States: open → computed → approved (a manager) → locked (finance) → paid (finance). Computing
again an open or computed period gives the same lines (same facts, same order, same rounding);
lines that did not change are not even rewritten. Editing a plan never touches a locked period
or an issued statement: statements are snapshots, and corrections re-rate only a change of base,
at the rate the original line used.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    and_,
    bindparam,
    case,
    column,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.audit import AuditEvent
from desktop.models.commissions import (
    CommissionLine,
    CommissionPeriod,
    CommissionPlan,
    CommissionStatement,
    LineSource,
    LineStatus,
    PeriodState,
    PlanTrigger,
)
from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.departures import CaseState, DepartureCase, HandoverItem, ItemKind
from desktop.models.orders import Order, OrderStatus, Payment, PaymentAllocation, Receivable
from desktop.models.organisation import Branch, Company
from desktop.models.staff import Employee, Position
from desktop.models.types import fen_of
from desktop.services import business_settings as settings
from desktop.services import commission_plans, paging, scope
from desktop.services.commission_plans import PolicyWarning, policy_warnings
from desktop.services.commission_rules import (
    CLAUSE_CORRECTION,
    CLAUSE_LATE,
    CLAUSE_REVERSAL,
    EARNED,
    PAYABLE,
    ZERO,
    AllocationFact,
    Departure,
    LineDraft,
    MonthFacts,
    OrderFact,
    Part,
    PlanRule,
    PriorLine,
    Rules,
    WriteOffFact,
    bucket,
    clawback_lines,
    compute_lines,
    fen,
    month_of,
    percent_text,
    round_half_up,
)
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action, can
from desktop.services.validation import EARLIEST_DATE

Progress = Callable[[int, int, str], None]
CENT = Decimal("0.01")
FROZEN = (PeriodState.LOCKED.value, PeriodState.PAID.value)
RECOMPUTABLE = (PeriodState.OPEN.value, PeriodState.COMPUTED.value)
#: Departure cases whose dates count: submitted or further, not withdrawn or cancelled.
DEPARTURE_STATES = (
    CaseState.SUBMITTED.value,
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
    CaseState.COMPLETED.value,
    CaseState.ARCHIVED.value,
)
#: Records whose change after a lock may need a correction (audit entity names).
WATCHED = ("waybill", "receivable", "payment", "payment_allocation")
LINE_FILTERS = ("employee_id", "status", "source", "clause", "case_id")
LINE_SORTS = ("id", "employee", "source_date", "source", "amount", "base", "status")
DEDUCTION_CAP = Decimal("0.20")

STAGE_READ = QT_TRANSLATE_NOOP("Commissions", "Reading orders and payments")
STAGE_COMPUTE = QT_TRANSLATE_NOOP("Commissions", "Computing lines")
STAGE_LATE = QT_TRANSLATE_NOOP("Commissions", "Looking for late payments and corrections")
STAGE_WRITE = QT_TRANSLATE_NOOP("Commissions", "Saving lines")

#: The last month a period may be computed for: a fixed bound (a period is a selector, not a
#: stored fact), far enough for any plan, near enough that 9999-12 has a month after it.
LATEST_MONTH = date(2099, 12, 1)
MSG_BAD_MONTH = QT_TRANSLATE_NOOP("Errors", "{value} is not a month (write it as 2026-03).")
MSG_PERIOD_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "The commission period {month} has not been computed yet."
)
MSG_LINE_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Commission line {id} does not exist or is outside what you may see."
)


# --------------------------------------------------------------------------- months


def parse_month(text: str) -> tuple[date, date]:
    """First and last day of ``"YYYY-MM"``."""
    try:
        year, month = (int(p) for p in str(text).strip().split("-"))
        first = date(year, month, 1)
    except (ValueError, TypeError):
        raise ValidationError(MSG_BAD_MONTH, field="month", value=str(text)) from None
    if len(str(text).strip()) != 7:
        raise ValidationError(MSG_BAD_MONTH, field="month", value=str(text))
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
    return first, date(year, month, calendar.monthrange(year, month)[1])


def previous_month(month: str) -> str:
    first, _ = parse_month(month)
    return month_of(first - timedelta(days=1))


def next_month(month: str) -> str:
    _, last = parse_month(month)
    return month_of(last + timedelta(days=1))


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(CENT)


def _fen(value: Decimal) -> int:
    return int((value * 100).to_integral_value(ROUND_HALF_UP))


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


@dataclass(frozen=True)
class CapWarning:
    """A clawback that would take more than the law allows from one month's wage (at most 20%
    of it, never leaving less than the local minimum wage), or that cannot be checked because
    no wage figure is known (``wage`` None)."""

    employee_id: int
    employee_name: str
    month: str
    clawback: Decimal
    wage: Decimal | None
    cap: Decimal | None
    minimum_wage: Decimal | None


@dataclass(frozen=True)
class ComputeResult:
    month: str
    lines: int
    payable: Decimal
    totals: dict[str, Decimal]
    late_lines: int
    written: int
    seconds: float
    cap_warnings: tuple[CapWarning, ...] = ()


@dataclass(frozen=True)
class LineRow:
    id: int
    month: str
    employee_id: int | None
    employee_no: str | None
    employee_name: str | None
    source: str
    source_date: date
    reference: str
    base: Decimal
    rate: Decimal | None
    tier: str | None
    amount: Decimal
    status: str
    clause: str
    ref_line_id: int | None
    origin_month: str | None
    case_id: int | None
    plan_id: int | None


@dataclass(frozen=True)
class LineDetail:
    row: LineRow
    parts: tuple[Part, ...]
    plan_name: str | None
    credited_name: str | None
    case_number: str | None
    ref: LineRow | None


@dataclass(frozen=True)
class PeriodSummary:
    period: PeriodRow
    totals: dict[str, Decimal]
    payable: Decimal
    employees: int
    cap_warnings: tuple[CapWarning, ...]
    policy_warnings: tuple[tuple[str, PolicyWarning], ...]


# --------------------------------------------------------------------------- reading facts


class Owners:
    """Who owned a customer on a day, looked up only where attribution needs it: a waybill
    with no salesperson, a salesperson in their handover window or gone by then, or a
    customer owned by a leaver during their handover window. Everything else is credited to
    its salesperson, so a month of waybills needs no join on the ownership history."""

    def __init__(self, s: Session, departures: dict[int, list[Departure]]) -> None:
        self.s = s
        self.departures = departures
        windows = [d for ds in departures.values() for d in ds if d.notice_on is not None]
        self.watched: frozenset[int] = frozenset()
        if windows:
            a = CustomerAssignment
            self.watched = frozenset(
                s.connection().scalars(
                    select(a.customer_id)
                    .where(
                        or_(
                            *(
                                and_(
                                    a.employee_id == d.employee_id,
                                    a.valid_from <= d.last_day,
                                    or_(a.valid_to.is_(None), a.valid_to > d.notice_on),
                                )
                                for d in windows
                            )
                        )
                    )
                    .distinct()
                )
            )
        self.history: dict[int, list[tuple[date, date | None, int]]] = {}

    def needs(self, customer_id: int, salesperson_id: int | None, first: date, last: date) -> bool:
        """Whether waybills dated ``first`` … ``last`` need their customer's owner."""
        if salesperson_id is None or customer_id in self.watched:
            return True
        for d in self.departures.get(salesperson_id, ()):
            if d.last_day < last:
                return True
            if d.notice_on is not None and d.notice_on <= last and first <= d.last_day:
                return True
        return False

    def load(self, customers: Iterable[int]) -> None:
        wanted = sorted(c for c in set(customers) if c not in self.history)
        for c in wanted:
            self.history[c] = []
        conn = self.s.connection()
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            for cid, valid_from, valid_to, emp in conn.execute(
                select(
                    CustomerAssignment.customer_id,
                    CustomerAssignment.valid_from,
                    CustomerAssignment.valid_to,
                    CustomerAssignment.employee_id,
                ).where(CustomerAssignment.customer_id.in_(chunk))
            ):
                self.history[cid].append((valid_from, valid_to, emp))

    def owner(self, customer_id: int, day: date) -> int | None:
        for valid_from, valid_to, emp in self.history.get(customer_id, ()):
            if valid_from <= day and (valid_to is None or valid_to > day):
                return emp
        return None

    def fill(self, orders: list[OrderFact]) -> list[OrderFact]:
        """The orders with ``owner_id`` set where attribution needs it."""
        need = [
            i
            for i, o in enumerate(orders)
            if self.needs(o.customer_id, o.salesperson_id, o.order_date, o.order_date)
        ]
        if not need:
            return orders
        self.load(orders[i].customer_id for i in need)
        out = list(orders)
        for i in need:
            o = out[i]
            out[i] = o._replace(owner_id=self.owner(o.customer_id, o.order_date))
        return out


def owners_in(s: Session, rules: Rules) -> Owners:
    return Owners(s, rules.departures)


_ORDER_COLUMNS = (
    Order.id,
    Order.number,
    Order.customer_id,
    Order.order_date,
    Order.salesperson_id,
    fen_of(Order.revenue),
    fen_of(Order.cost),
)


def order_facts(s: Session, owners: Owners, where: Sequence[Any]) -> list[OrderFact]:
    """Waybills (not cancelled), with their customer's owner on the order date where the
    attribution needs it."""
    query = (
        select(Customer.name, *_ORDER_COLUMNS)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Order.status != OrderStatus.CANCELLED.value, *where)
        .order_by(Order.id)
    )
    orders = [
        OrderFact(oid, number, cid, name, day, sp, None, revenue, cost)
        for name, oid, number, cid, day, sp, revenue, cost in s.connection().execute(query).all()
    ]
    return owners.fill(orders)


def _orders_by_receivable(
    s: Session, owners: Owners, receivables: Any, book: Any = None
) -> dict[int, list[OrderFact]]:
    """The waybills of invoices, per invoice. With ``book`` (a :class:`PlanBook`), waybills of
    one invoice that share salesperson and customer, fall under one plan and involve nobody
    leaving come summed in SQL as one fact: a month of payments reads a third of the rows."""
    conn = s.connection()
    out: dict[int, list[OrderFact]] = defaultdict(list)
    detailed: Any = receivables
    if book is not None:
        margin = case(
            (Order.revenue > Order.cost, fen_of(Order.revenue) - fen_of(Order.cost)), else_=0
        )
        groups = conn.execute(
            select(
                Order.receivable_id,
                Order.salesperson_id,
                Order.customer_id,
                func.min(Order.order_date),
                func.max(Order.order_date),
                func.count(),
                func.min(Order.number),
                func.min(Order.id),
                func.sum(fen_of(Order.revenue)),
                func.sum(margin),
            )
            .where(
                Order.status != OrderStatus.CANCELLED.value, Order.receivable_id.in_(receivables)
            )
            .group_by(Order.receivable_id, Order.salesperson_id, Order.customer_id)
            .order_by(Order.receivable_id, func.min(Order.id))
        ).all()
        detailed = set()
        for rid, sp, cid, first, last, count, number, oid, revenue, margins in groups:
            if (
                count > 1
                and not owners.needs(cid, sp, first, last)
                and book.same_plan(sp, first, last)
            ):
                revenue = int(revenue)
                out[rid].append(
                    OrderFact(
                        oid, number, cid, "", last, sp, None, revenue, revenue - int(margins), count
                    )
                )
            elif count == 1 and not owners.needs(cid, sp, first, first):
                revenue = int(revenue)
                out[rid].append(
                    OrderFact(
                        oid, number, cid, "", first, sp, None, revenue, revenue - int(margins)
                    )
                )
            else:
                detailed.add(rid)
        if not detailed:
            return out
        detailed = sorted(detailed)
    for start in range(0, len(detailed) if isinstance(detailed, list) else 1, 900):
        where = (
            Order.receivable_id.in_(detailed[start : start + 900])
            if isinstance(detailed, list)
            else Order.receivable_id.in_(detailed)
        )
        rows = conn.execute(
            select(Order.receivable_id, *_ORDER_COLUMNS)
            .where(Order.status != OrderStatus.CANCELLED.value, where)
            .order_by(Order.id)
        ).all()
        flat = owners.fill(
            [
                OrderFact(oid, number, cid, "", day, sp, None, revenue, cost)
                for _, oid, number, cid, day, sp, revenue, cost in rows
            ]
        )
        for row, order in zip(rows, flat, strict=True):
            out[row[0]].append(order)
    return out


def allocation_facts(
    s: Session, owners: Owners, where: Sequence[Any], book: Any = None
) -> list[AllocationFact]:
    """Allocations of payments (``where`` on Payment/PaymentAllocation/Receivable) with the
    waybills their invoices bill."""
    query = (
        select(
            PaymentAllocation.id,
            PaymentAllocation.payment_id,
            Payment.received_on,
            fen_of(PaymentAllocation.amount).label("allocated_fen"),
            Receivable.id,
            Receivable.number,
            fen_of(Receivable.amount).label("invoice_fen"),
            Receivable.issued_on,
            Receivable.salesperson_id,
            Receivable.customer_id,
            Customer.name,
            Payment.collector_id,
            Receivable.collector_id,
        )
        .select_from(PaymentAllocation)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(Receivable, Receivable.id == PaymentAllocation.receivable_id)
        .join(Customer, Customer.id == Receivable.customer_id)
        .where(*where)
        .order_by(Payment.received_on, PaymentAllocation.id)
    )
    rows = s.connection().execute(query).all()
    if not rows:
        return []
    receivables = (
        select(PaymentAllocation.receivable_id)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(Receivable, Receivable.id == PaymentAllocation.receivable_id)
        .where(*where)
    )
    orders = _orders_by_receivable(s, owners, receivables, book)
    bare = [r for r in rows if not orders.get(r[4])]
    if bare:
        owners.load(r[9] for r in bare)
    out = []
    for aid, pid, day, paid, rid, number, amount, issued, sp, cid, name, pc, rc in rows:
        billed = orders.get(rid, ())
        owner = owners.owner(cid, issued) if not billed else None
        out.append(
            AllocationFact(
                aid,
                pid,
                day,
                paid,
                rid,
                number,
                amount,
                issued,
                sp,
                owner,
                cid,
                name,
                pc,
                rc,
                tuple(billed),
            )
        )
    return out


def _prior_lines(s: Session, where: Sequence[Any]) -> list[PriorLine]:
    L = CommissionLine
    query = (
        select(
            L.id,
            L.employee_id,
            L.credited_id,
            L.plan_id,
            L.case_id,
            L.source,
            L.source_date,
            L.order_id,
            L.receivable_id,
            L.payment_id,
            L.allocation_id,
            fen_of(L.base),
            L.rate,
            fen_of(L.amount),
            L.status,
            L.clause,
            L.key,
            CommissionPeriod.month,
        )
        .join(CommissionPeriod, CommissionPeriod.id == L.period_id)
        .where(*where)
        .order_by(L.id)
    )
    return [PriorLine(*row) for row in s.execute(query)]


def writeoff_facts(
    s: Session,
    where: Sequence[Any],
    exclude_period: int | None,
    drafts: Sequence[tuple[int, LineDraft]] = (),
    month: str = "",
) -> list[WriteOffFact]:
    """Invoices written off (``where`` on Receivable) with the order-date commission lines of
    their waybills: stored ones (not of ``exclude_period``) and this computation's drafts."""
    rows = list(
        s.execute(
            select(
                Receivable.id,
                Receivable.number,
                fen_of(Receivable.amount),
                fen_of(Receivable.written_off),
                Receivable.written_off_on,
            ).where(
                Receivable.written_off_on.is_not(None), fen_of(Receivable.written_off) > 0, *where
            )
        )
    )
    if not rows:
        return []
    ids = [r[0] for r in rows]
    orders_of = select(Order.id).where(Order.receivable_id.in_(ids))
    receivable_of = dict(
        s.execute(select(Order.id, Order.receivable_id).where(Order.receivable_id.in_(ids))).all()
    )
    conditions = [
        CommissionLine.source == LineSource.ORDER.value,
        CommissionLine.order_id.in_(orders_of),
        CommissionLine.status.in_(EARNED),
    ]
    if exclude_period is not None:
        conditions.append(CommissionLine.period_id != exclude_period)
    prior: dict[int, list[PriorLine]] = defaultdict(list)
    for line in _prior_lines(s, conditions):
        prior[receivable_of[line.order_id]].append(line)  # type: ignore[index]
    for line_id, d in drafts:
        if d.source == LineSource.ORDER.value and d.order_id in receivable_of:
            prior[receivable_of[d.order_id]].append(_as_prior(line_id, d, month))
    return [WriteOffFact(*r, prior=tuple(prior.get(r[0], ()))) for r in rows]


def _as_prior(line_id: int, d: LineDraft, month: str) -> PriorLine:
    return PriorLine(
        line_id,
        d.employee_id,
        d.credited_id,
        d.plan_id,
        d.case_id,
        d.source,
        d.source_date,
        d.order_id,
        d.receivable_id,
        d.payment_id,
        d.allocation_id,
        d.base,
        d.rate,
        d.amount,
        d.status,
        d.clause,
        d.key,
        month,
    )


def departures_in(s: Session) -> list[Departure]:
    """Departure cases that count (submitted or further, not withdrawn or cancelled), with the
    successors named per customer; employees departed without such a case count from their
    departure day (no handover window)."""
    cases = list(
        s.execute(
            select(
                DepartureCase.id,
                DepartureCase.number,
                DepartureCase.employee_id,
                DepartureCase.notice_on,
                DepartureCase.submitted_on,
                DepartureCase.last_day,
            ).where(DepartureCase.state.in_(DEPARTURE_STATES))
        )
    )
    successors: dict[int, dict[int, int]] = defaultdict(dict)
    if cases:
        for case_id, customer_id, successor_id in s.execute(
            select(HandoverItem.case_id, HandoverItem.customer_id, HandoverItem.successor_id).where(
                HandoverItem.kind == ItemKind.CUSTOMER.value,
                HandoverItem.successor_id.is_not(None),
                HandoverItem.case_id.in_([c[0] for c in cases]),
            )
        ):
            successors[case_id][customer_id] = successor_id
    out = [
        Departure(emp, last, notice or submitted, cid, number, successors.get(cid, {}))
        for cid, number, emp, notice, submitted, last in cases
    ]
    with_case = {d.employee_id for d in out}
    for emp, departed_on in s.execute(
        select(Employee.id, Employee.departed_on).where(Employee.departed_on.is_not(None))
    ):
        if emp not in with_case:
            out.append(Departure(emp, departed_on - timedelta(days=1)))
    return out


def rules_in(s: Session) -> Rules:
    names = dict(s.execute(select(Employee.id, Employee.name)).all())
    return Rules(commission_plans.plan_book_in(s), departures_in(s), names)


def _triggers(rules: Rules) -> set[str]:
    return {p.trigger for p in rules.book.plans.values()}


def month_facts(
    s: Session,
    rules: Rules,
    first: date,
    last: date,
    restrict_to: int | None = None,
) -> MonthFacts:
    """The waybills, allocations and nothing else of a month (write-offs need the lines of
    this computation, see :func:`writeoff_facts`); ``restrict_to`` an employee: only what can
    be credited to them (their sales and their customers')."""
    triggers = _triggers(rules)
    order_where: list[Any] = []
    alloc_where: list[Any] = [Payment.received_on.between(first, last)]
    if restrict_to is not None:
        theirs = or_(
            Order.salesperson_id == restrict_to,
            Order.customer_id.in_(
                select(CustomerAssignment.customer_id).where(
                    CustomerAssignment.employee_id == restrict_to
                )
            ),
        )
        order_where.append(theirs)
        alloc_where.append(
            or_(
                Receivable.salesperson_id == restrict_to,
                Receivable.id.in_(
                    select(Order.receivable_id).where(theirs, Order.receivable_id.is_not(None))
                ),
            )
        )
    owners = owners_in(s, rules)
    orders: list[OrderFact] = []
    if PlanTrigger.ORDER.value in triggers:
        orders = order_facts(s, owners, [Order.order_date.between(first, last), *order_where])
    allocations: list[AllocationFact] = []
    if PlanTrigger.PAYMENT.value in triggers:
        allocations = allocation_facts(s, owners, alloc_where, rules.book)
    return MonthFacts(orders, allocations)


# --------------------------------------------------------------------------- late lines


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


# --------------------------------------------------------------------------- writing lines

_COLUMNS = (
    "employee_id",
    "credited_id",
    "plan_id",
    "case_id",
    "source",
    "source_date",
    "order_id",
    "receivable_id",
    "payment_id",
    "allocation_id",
    "base",
    "rate",
    "tier",
    "amount",
    "status",
    "clause",
    "explanation",
    "key",
    "ref_line_id",
    "origin_month",
)


#: The line table as plain columns: money as integer fen and rates as integer millionths go
#: in and come out as they are (no Decimal per value for tens of thousands of rows).
_LINES = table(
    "commission_line",
    column("id", Integer),
    column("period_id", Integer),
    *(column(c, Date() if c == "source_date" else None) for c in _COLUMNS),
)


def _values(d: LineDraft) -> tuple[Any, ...]:
    return (
        d.employee_id,
        d.credited_id,
        d.plan_id,
        d.case_id,
        d.source,
        d.source_date,
        d.order_id,
        d.receivable_id,
        d.payment_id,
        d.allocation_id,
        d.base,
        None if d.rate is None else int(d.rate * 1_000_000),
        d.tier,
        d.amount,
        d.status,
        d.clause,
        json.dumps(d.parts, ensure_ascii=False, separators=(",", ":")),
        d.key,
        d.ref_line_id,
        d.origin_month,
    )


def _assign_ids(
    drafts: Sequence[LineDraft], reuse: dict[str, list[int]], next_id: list[int]
) -> list[tuple[int, LineDraft]]:
    """Lines keep the id of the stored line with the same key (so references to them and
    unchanged rows survive a recomputation); new ones get fresh ids."""
    out = []
    for d in drafts:
        ids = reuse.get(d.key)
        if ids:
            out.append((ids.pop(0), d))
        else:
            out.append((next_id[0], d))
            next_id[0] += 1
    return out


def _write_lines(
    s: Session, period_id: int, rows: list[tuple[int, tuple[Any, ...]]], old: dict[int, tuple]
) -> tuple[int, list[int]]:
    """Insert new lines, update changed ones, delete vanished ones (unchanged rows are not
    written); return (rows written, ids removed)."""
    inserts, updates = [], []
    for line_id, values in rows:
        if old.get(line_id) == values:
            continue
        row = dict(zip(_COLUMNS, values, strict=True))
        if line_id in old:
            row["line_id"] = line_id
            updates.append(row)
        else:
            row["id"] = line_id
            row["period_id"] = period_id
            inserts.append(row)
    keep = {line_id for line_id, _ in rows}
    removed = [i for i in old if i not in keep]
    conn = s.connection()
    for start in range(0, len(removed), 900):
        conn.execute(delete(_LINES).where(_LINES.c.id.in_(removed[start : start + 900])))
    if updates:
        conn.execute(
            update(_LINES)
            .where(_LINES.c.id == bindparam("line_id"))
            .values({c: bindparam(c) for c in _COLUMNS}),
            updates,
        )
    if inserts:
        conn.execute(insert(_LINES), inserts)
    return len(inserts) + len(updates) + len(removed), removed


def _stored(s: Session, period_id: int) -> tuple[dict[int, tuple], dict[str, list[int]]]:
    rows = s.connection().execute(
        select(_LINES.c.id, *(_LINES.c[c] for c in _COLUMNS))
        .where(_LINES.c.period_id == period_id)
        .order_by(_LINES.c.id)
    )
    old: dict[int, tuple] = {}
    by_key: dict[str, list[int]] = defaultdict(list)
    key_at = _COLUMNS.index("key") + 1
    for row in rows:
        old[row[0]] = tuple(row[1:])
        by_key[row[key_at]].append(row[0])
    return old, by_key


# --------------------------------------------------------------------------- periods


def _period(s: Session, month: str) -> CommissionPeriod | None:
    return s.scalar(select(CommissionPeriod).where(CommissionPeriod.month == month))


def _refuse_frozen(period: CommissionPeriod) -> None:
    if period.state not in RECOMPUTABLE:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The commission period {month} is {state} and cannot be computed again. A "
                "locked period never changes: late payments and corrections go to the next "
                "open period. An approved period must be reopened first.",
            ),
            month=period.month,
            state=period.state,
        )


def _watermarks(s: Session) -> dict[str, int]:
    return {
        "watermark_order": s.scalar(select(func.max(Order.id))) or 0,
        "watermark_allocation": s.scalar(select(func.max(PaymentAllocation.id))) or 0,
        "watermark_audit": s.scalar(select(func.max(AuditEvent.seq))) or 0,
    }


def compute_period(
    ctx: ServiceContext, month: str, progress: Progress | None = None
) -> ComputeResult:
    """Compute (or compute again) an open month: every line, in one unit of work.

    Refused for an approved, locked or paid period. The same facts give the same lines; lines
    that did not change are not rewritten. One audit event records the computation.
    """
    ctx.require(Action.COMMISSIONS_COMPUTE)
    first, last = parse_month(month)
    started = time.perf_counter()
    with ctx.transaction() as s:
        period = _period(s, month)
        if period is None:
            period = CommissionPeriod(month=month, state=PeriodState.OPEN.value)
            s.add(period)
            s.flush()
        _refuse_frozen(period)
        if progress is not None:
            progress(0, 5, STAGE_READ)
        rules = rules_in(s)
        marks = _watermarks(s)
        facts = month_facts(s, rules, first, last)
        if progress is not None:
            progress(1, 5, STAGE_COMPUTE)
        drafts = compute_lines(rules, facts)
        old, reuse = _stored(s, period.id)
        next_id = [(s.scalar(select(func.max(CommissionLine.id))) or 0) + 1]
        numbered = _assign_ids(drafts, reuse, next_id)
        writeoffs = writeoff_facts(
            s, [Receivable.written_off_on.between(first, last)], period.id, numbered, month
        )
        claws = [
            line
            for w in sorted(writeoffs, key=lambda w: (w.written_off_on, w.receivable_id))
            for line in clawback_lines(w, rules.book.plans, rules.names)
        ]
        numbered += _assign_ids(claws, reuse, next_id)
        late = _late_lines(s, rules, period.id, month, progress)
        numbered += _assign_ids(late, reuse, next_id)
        if progress is not None:
            progress(3, 5, STAGE_WRITE)
        rows = [(line_id, _values(d)) for line_id, d in numbered]
        written, removed = _write_lines(s, period.id, rows, old)
        if removed:
            _mark_referrers_stale(s, period.id, removed)
        lines = [d for _, d in numbered]
        totals = _totals(lines)
        payable = sum((d.amount for d in lines if d.status in PAYABLE), 0)
        now = ctx.now()
        s.execute(
            update(CommissionPeriod)
            .where(CommissionPeriod.id == period.id)
            .values(
                state=PeriodState.COMPUTED.value,
                computed_at=now,
                computed_by=ctx.actor.username,
                lines=len(lines),
                payable=_yuan(payable),
                updated_at=now,
                version=CommissionPeriod.version + 1,
                **marks,
            )
            .execution_options(synchronize_session=False)
        )
        digest = hashlib.sha256()
        for row in rows:
            digest.update(repr(row).encode())
        audit.record(
            s,
            "commissions.computed",
            "commission_period",
            period.id,
            {
                "month": month,
                "lines": len(lines),
                "late_lines": len(late),
                "rows_written": written,
                "payable": str(_yuan(payable)),
                "lines_sha256": digest.hexdigest(),
            },
        )
        warnings = cap_warnings_in(s, month, lines)
        if progress is not None:
            progress(5, 5, STAGE_WRITE)
    return ComputeResult(
        month,
        len(lines),
        _yuan(payable),
        {k: _yuan(v) for k, v in totals.items()},
        len(late),
        written,
        time.perf_counter() - started,
        tuple(warnings),
    )


def _totals(lines: Iterable[LineDraft | PriorLine]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for d in lines:
        out[d.status] += d.amount
    return dict(out)


def _mark_referrers_stale(s: Session, period_id: int, removed: list[int]) -> None:
    """Another open period's lines pointed at lines that are gone: it must be computed again."""
    referrers = select(CommissionLine.period_id).where(
        CommissionLine.ref_line_id.in_(removed), CommissionLine.period_id != period_id
    )
    s.execute(
        update(CommissionPeriod)
        .where(
            CommissionPeriod.id.in_(referrers),
            CommissionPeriod.state.in_((PeriodState.COMPUTED.value, PeriodState.APPROVED.value)),
        )
        .values(state=PeriodState.OPEN.value)
        .execution_options(synchronize_session=False)
    )


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


def approve_period(ctx: ServiceContext, month: str) -> Changes:
    """A manager approves a computed period: its accrued lines become approved."""
    ctx.require(Action.COMMISSIONS_APPROVE)
    with ctx.transaction() as s:
        period = _existing(s, month)
        _refuse_state(period, PeriodState.COMPUTED.value)
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
    return Changes.of("commissions", ids=frozenset({period.id}))


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
    return Changes.of("commissions", ids=frozenset({period.id}))


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
    return Changes.of("commissions", ids=frozenset({period.id}))


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
    return Changes.of("commissions", ids=frozenset({period.id}))


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
    with ctx.transaction() as s:
        marks = _watermarks(s)
        stored = {p.month: p for p in s.scalars(select(CommissionPeriod))}
        keys = sorted(set(wanted) | set(stored), reverse=True)
        return [
            _period_row(s, stored[k], marks)
            if k in stored
            else PeriodRow(None, k, PeriodState.OPEN.value, 0, Decimal("0.00"))
            for k in keys
        ]


def get_period(ctx: ServiceContext, month: str) -> PeriodRow:
    ctx.require(Action.COMMISSIONS_VIEW)
    parse_month(month)
    with ctx.transaction() as s:
        p = _period(s, month)
        if p is None:
            return PeriodRow(None, month, PeriodState.OPEN.value, 0, Decimal("0.00"))
        return _period_row(s, p, _watermarks(s))


# --------------------------------------------------------------------------- wage cap


def _wage_figures(
    s: Session, employee_ids: Iterable[int]
) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """(monthly wage before commission, local minimum wage) per employee: a departure case's
    figures first, then the business settings (None when unknown)."""
    ids = list(employee_ids)
    reference = settings.value_in(s, settings.COMMISSION_REFERENCE_WAGE)
    minimum = settings.value_in(s, settings.LOCAL_MINIMUM_WAGE)
    out: dict[int, tuple[Decimal | None, Decimal | None]] = {
        e: (Decimal(reference) if reference else None, Decimal(minimum) if minimum else None)
        for e in ids
    }
    if ids:
        for emp, wage, local in s.execute(
            select(
                DepartureCase.employee_id,
                DepartureCase.average_monthly_wage,
                DepartureCase.local_minimum_wage,
            )
            .where(DepartureCase.employee_id.in_(ids))
            .order_by(DepartureCase.id)
        ):
            base, floor = out[emp]
            out[emp] = (wage if wage else base, local if local else floor)
    return out


def deduction_cap(wage: Decimal, minimum: Decimal | None) -> Decimal:
    """What a month's deductions for losses may take: at most 20% of the wage, and never so
    much that less than the local minimum wage is left (《工资支付暂行规定》第十六条)."""
    cap = (wage * DEDUCTION_CAP).quantize(CENT, ROUND_HALF_UP)
    if minimum is not None:
        cap = min(cap, wage - minimum)
    return max(cap, Decimal("0.00"))


def cap_warnings_in(
    s: Session, month: str, lines: Iterable[LineDraft | PriorLine]
) -> list[CapWarning]:
    """A warning per employee whose clawbacks in the month exceed the deduction cap (the wage
    is the reference wage plus the month's earned commission), or cannot be checked."""
    clawed: dict[int, int] = defaultdict(int)
    earned: dict[int, int] = defaultdict(int)
    for d in lines:
        if d.employee_id is None:
            continue
        if d.status == LineStatus.CLAWED_BACK.value:
            clawed[d.employee_id] += -d.amount
        elif d.status in EARNED and d.amount > 0:
            earned[d.employee_id] += d.amount
    clawed = {e: v for e, v in clawed.items() if v > 0}
    if not clawed:
        return []
    figures = _wage_figures(s, clawed)
    names = dict(s.execute(select(Employee.id, Employee.name).where(Employee.id.in_(clawed))).all())
    out = []
    for emp in sorted(clawed):
        reference, minimum = figures[emp]
        amount = _yuan(clawed[emp])
        if reference is None:
            out.append(CapWarning(emp, names.get(emp, ""), month, amount, None, None, minimum))
            continue
        wage = reference + _yuan(earned[emp])
        cap = deduction_cap(wage, minimum)
        if amount > cap:
            out.append(CapWarning(emp, names.get(emp, ""), month, amount, wage, cap, minimum))
    return out


# --------------------------------------------------------------------------- reading lines


def _line_scope(ctx: ServiceContext, s: Session) -> Any:
    """Sales see only their own lines; a manager those of their branch's staff."""
    sc = scope.scope_of(ctx, s)
    if sc.everyone:
        return None
    people = scope.staff_ids(sc)
    assert people is not None
    if sc.branch_id is None:
        if sc.employee_id is None:
            return false()
        return CommissionLine.employee_id == sc.employee_id
    return or_(CommissionLine.employee_id.in_(people), CommissionLine.credited_id.in_(people))


def _line_select() -> tuple[Any, dict[str, Any]]:
    person = aliased(Employee)
    L = CommissionLine
    query = (
        select(
            L.id,
            CommissionPeriod.month,
            L.employee_id,
            person.employee_no,
            person.name,
            L.source,
            L.source_date,
            Order.number,
            Receivable.number,
            L.base,
            L.rate,
            L.tier,
            L.amount,
            L.status,
            L.clause,
            L.ref_line_id,
            L.origin_month,
            L.case_id,
            L.plan_id,
        )
        .join(CommissionPeriod, CommissionPeriod.id == L.period_id)
        .outerjoin(person, person.id == L.employee_id)
        .outerjoin(Order, Order.id == L.order_id)
        .outerjoin(Receivable, Receivable.id == L.receivable_id)
    )
    sorts = {
        "id": L.id,
        "employee": person.employee_no,
        "source_date": L.source_date,
        "source": L.source,
        "amount": fen_of(L.amount),
        "base": fen_of(L.base),
        "status": L.status,
    }
    return query, sorts


def _line_row(r: Any) -> LineRow:
    (lid, month, emp, no, name, source, day, order_no, invoice_no, *rest) = r
    reference = order_no or invoice_no or ""
    if source != LineSource.ORDER.value and order_no and invoice_no:
        reference = f"{invoice_no} / {order_no}"
    elif source != LineSource.ORDER.value and invoice_no:
        reference = invoice_no
    return LineRow(lid, month, emp, no, name, source, day, reference, *rest)


def _line_where(
    ctx: ServiceContext, s: Session, month: str | None, search: str, filters: dict[str, Any] | None
) -> list[Any]:
    clean = paging.check_filters(filters, LINE_FILTERS)
    where: list[Any] = []
    if month is not None:
        parse_month(month)
        where.append(CommissionPeriod.month == month)
    sc = _line_scope(ctx, s)
    if sc is not None:
        where.append(sc)
    for key in ("employee_id", "status", "source", "clause", "case_id"):
        if key in clean:
            where.append(getattr(CommissionLine, key) == clean[key])
    text = search.strip()
    if text:
        where.append(
            or_(
                CommissionLine.employee_id.in_(
                    select(Employee.id).where(
                        or_(
                            paging.contains(s, Employee.name, text),
                            paging.starts_with(s, Employee.employee_no, text),
                        )
                    )
                ),
                CommissionLine.order_id.in_(
                    select(Order.id).where(paging.starts_with(s, Order.number, text))
                ),
                CommissionLine.receivable_id.in_(
                    select(Receivable.id).where(paging.starts_with(s, Receivable.number, text))
                ),
            )
        )
    return where


def list_lines(
    ctx: ServiceContext,
    month: str | None,
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[LineRow]:
    """A page of a period's lines (every period with ``month`` None). Filters: employee_id,
    status, source, clause, case_id. Search: employee name or number, waybill or invoice
    number. Sales see only their own lines; a manager their branch's."""
    ctx.require(Action.COMMISSIONS_VIEW)
    paging.check_page(offset, limit)
    with ctx.transaction() as s:
        query, sorts = _line_select()
        column = sorts[paging.sort_key(sort, sorts, "id")]
        query = query.where(*_line_where(ctx, s, month, search, filters)).order_by(
            paging.direction(s, column, descending),
            CommissionLine.id.desc() if descending else CommissionLine.id,
        )
        return [_line_row(r) for r in s.execute(query.offset(offset).limit(limit))]


def count_lines(
    ctx: ServiceContext,
    month: str | None,
    search: str = "",
    filters: dict[str, Any] | None = None,
) -> int:
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.transaction() as s:
        where = _line_where(ctx, s, month, search, filters)
        return (
            s.scalar(
                select(func.count())
                .select_from(CommissionLine)
                .join(CommissionPeriod, CommissionPeriod.id == CommissionLine.period_id)
                .where(*where)
            )
            or 0
        )


def get_line(ctx: ServiceContext, line_id: int) -> LineDetail:
    """One line with its explanation, plan, credited employee and the line it corrects."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.transaction() as s:
        query, _ = _line_select()
        where = _line_scope(ctx, s)
        conditions = [CommissionLine.id == line_id] + ([where] if where is not None else [])
        found = s.execute(query.where(*conditions)).first()
        if found is None:
            raise NotFound(MSG_LINE_NOT_FOUND, id=line_id)
        row = _line_row(found)
        line = s.get(CommissionLine, line_id)
        assert line is not None
        parts = tuple((t, p) for t, p in json.loads(line.explanation))
        plan = s.get(CommissionPlan, line.plan_id) if line.plan_id else None
        credited = s.get(Employee, line.credited_id) if line.credited_id else None
        case = s.get(DepartureCase, line.case_id) if line.case_id else None
        ref = None
        if line.ref_line_id is not None:
            ref_found = s.execute(query.where(CommissionLine.id == line.ref_line_id)).first()
            ref = _line_row(ref_found) if ref_found else None
        return LineDetail(
            row,
            parts,
            plan.name if plan else None,
            credited.name if credited else None,
            case.number if case else None,
            ref,
        )


def _stored_lines(s: Session, where: Sequence[Any]) -> list[PriorLine]:
    return _prior_lines(s, where)


def period_summary(ctx: ServiceContext, month: str) -> PeriodSummary:
    """Totals by status, what is payable, the deduction-cap warnings and the forfeiting
    clauses that produced lines in the period (within the actor's scope)."""
    ctx.require(Action.COMMISSIONS_VIEW)
    parse_month(month)
    with ctx.transaction() as s:
        p = _period(s, month)
        row = (
            _period_row(s, p, _watermarks(s))
            if p is not None
            else PeriodRow(None, month, PeriodState.OPEN.value, 0, Decimal("0.00"))
        )
        if p is None:
            return PeriodSummary(row, {}, Decimal("0.00"), 0, (), ())
        where: list[Any] = [CommissionLine.period_id == p.id]
        sc = _line_scope(ctx, s)
        if sc is not None:
            where.append(sc)
        lines = _stored_lines(s, where)
        totals = _totals(lines)
        payable = sum((d.amount for d in lines if d.status in PAYABLE), 0)
        employees = len({d.employee_id for d in lines if d.employee_id is not None})
        warnings = cap_warnings_in(s, month, lines)
        plan_ids = {
            d.plan_id
            for d in lines
            if d.plan_id is not None and d.status == LineStatus.FORFEITED.value
        }
        policies = []
        for plan in s.scalars(select(CommissionPlan).where(CommissionPlan.id.in_(plan_ids))):
            for w in policy_warnings(
                plan.window_rule, plan.after_rule, plan.after_days, plan.clawback_days
            ):
                if w.forfeits:
                    policies.append((plan.name, w))
        return PeriodSummary(
            row,
            {k: _yuan(v) for k, v in totals.items()},
            _yuan(payable),
            employees,
            tuple(warnings),
            tuple(policies),
        )


# --------------------------------------------------------------------------- employees


@dataclass(frozen=True)
class EmployeeMonth:
    month: str
    state: str
    earned: Decimal
    withheld: Decimal
    forfeited: Decimal
    clawed_back: Decimal
    payable: Decimal
    lines: int


@dataclass(frozen=True)
class EmployeeCommissions:
    employee_id: int
    name: str
    plan_today: str | None
    months: tuple[EmployeeMonth, ...]


def _may_see_employee(ctx: ServiceContext, s: Session, employee_id: int) -> None:
    sc = scope.scope_of(ctx, s)
    if sc.everyone:
        if s.get(Employee, employee_id) is None:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
        return
    scope.employee_in_scope(ctx, s, employee_id)


def employee_commissions(
    ctx: ServiceContext, employee_id: int, months: int = 12
) -> EmployeeCommissions:
    """One employee's computed months (newest first) and the plan in force for them today."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.transaction() as s:
        _may_see_employee(ctx, s, employee_id)
        employee = s.get(Employee, employee_id)
        assert employee is not None
        book = commission_plans.plan_book_in(s)
        plan = book.plan_for(employee_id, ctx.today())
        rows = s.execute(
            select(
                CommissionPeriod.month,
                CommissionPeriod.state,
                CommissionLine.status,
                func.sum(fen_of(CommissionLine.amount)),
                func.count(),
            )
            .join(CommissionPeriod, CommissionPeriod.id == CommissionLine.period_id)
            .where(CommissionLine.employee_id == employee_id)
            .group_by(CommissionPeriod.month, CommissionPeriod.state, CommissionLine.status)
        ).all()
        acc: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for month, state, status, amount, count in rows:
            acc[(month, state)][status] += int(amount or 0)
            acc[(month, state)]["_lines"] += int(count)
        out = []
        for (month, state), v in sorted(acc.items(), reverse=True)[:months]:
            out.append(
                EmployeeMonth(
                    month,
                    state,
                    _yuan(sum(v[k] for k in EARNED)),
                    _yuan(v[LineStatus.WITHHELD.value]),
                    _yuan(v[LineStatus.FORFEITED.value]),
                    _yuan(v[LineStatus.CLAWED_BACK.value]),
                    _yuan(sum(v[k] for k in PAYABLE)),
                    v["_lines"],
                )
            )
        return EmployeeCommissions(
            employee_id, employee.name, plan.name if plan else None, tuple(out)
        )


# --------------------------------------------------------------------------- statements


@dataclass(frozen=True)
class StatementLine:
    id: int
    source: str
    source_date: date
    reference: str
    base: Decimal
    rate: Decimal | None
    tier: str | None
    amount: Decimal
    status: str
    clause: str
    parts: tuple[Part, ...]
    ref_line_id: int | None
    origin_month: str | None


@dataclass(frozen=True)
class Statement:
    """What an employee's statement for a period shows; ``number`` once issued."""

    company: str
    month: str
    period_state: str
    employee_id: int
    employee_no: str
    employee_name: str
    branch: str | None
    position: str | None
    lines: tuple[StatementLine, ...]
    totals: dict[str, Decimal]
    payable: Decimal
    cap_warnings: tuple[CapWarning, ...]
    policy_warnings: tuple[tuple[str, PolicyWarning], ...]
    number: str = ""
    issued_at: datetime | None = None
    issued_by: str = ""
    snapshot_sha256: str = ""


def _company(s: Session) -> str:
    return s.scalar(select(Company.name).limit(1)) or ""


def _employee_labels(s: Session, employee_id: int) -> tuple[Employee, str | None, str | None]:
    employee = s.get(Employee, employee_id)
    if employee is None:
        raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
    branch = s.scalar(select(Branch.name).where(Branch.id == employee.branch_id))
    position = s.scalar(select(Position.name).where(Position.id == employee.position_id))
    return employee, branch, position


def _statement_in(ctx: ServiceContext, s: Session, employee_id: int, month: str) -> Statement:
    _may_see_employee(ctx, s, employee_id)
    if ctx.actor.role.value == "sales" and ctx.actor.employee_id != employee_id:
        raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
    period = _existing(s, month)
    employee, branch, position = _employee_labels(s, employee_id)
    query, _ = _line_select()
    rows = [
        _line_row(r)
        for r in s.execute(
            query.where(
                CommissionLine.period_id == period.id, CommissionLine.employee_id == employee_id
            ).order_by(CommissionLine.source_date, CommissionLine.id)
        )
    ]
    explanations = dict(
        s.execute(
            select(CommissionLine.id, CommissionLine.explanation).where(
                CommissionLine.period_id == period.id, CommissionLine.employee_id == employee_id
            )
        ).all()
    )
    lines = tuple(
        StatementLine(
            r.id,
            r.source,
            r.source_date,
            r.reference,
            r.base,
            r.rate,
            r.tier,
            r.amount,
            r.status,
            r.clause,
            tuple((t, p) for t, p in json.loads(explanations[r.id])),
            r.ref_line_id,
            r.origin_month,
        )
        for r in rows
    )
    stored = _stored_lines(
        s, [CommissionLine.period_id == period.id, CommissionLine.employee_id == employee_id]
    )
    totals = _totals(stored)
    plan_ids = {d.plan_id for d in stored if d.plan_id is not None}
    policies = []
    for plan in s.scalars(
        select(CommissionPlan).where(CommissionPlan.id.in_(plan_ids)).order_by(CommissionPlan.id)
    ):
        for w in policy_warnings(
            plan.window_rule, plan.after_rule, plan.after_days, plan.clawback_days
        ):
            if w.forfeits and any(
                d.plan_id == plan.id and d.status == LineStatus.FORFEITED.value for d in stored
            ):
                policies.append((plan.name, w))
    return Statement(
        _company(s),
        month,
        period.state,
        employee.id,
        employee.employee_no,
        employee.name,
        branch,
        position,
        lines,
        {k: _yuan(v) for k, v in totals.items()},
        _yuan(sum(d.amount for d in stored if d.status in PAYABLE)),
        tuple(cap_warnings_in(s, month, stored)),
        tuple(policies),
    )


def statement(ctx: ServiceContext, employee_id: int, month: str) -> Statement:
    """An employee's lines of a period as the statement shows them (not issued)."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.transaction() as s:
        return _statement_in(ctx, s, employee_id, month)


def _snapshot(data: Statement) -> str:
    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, date | datetime):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    body = asdict(data)
    for key in ("number", "issued_at", "issued_by", "snapshot_sha256"):
        body.pop(key, None)
    return json.dumps(body, default=default, ensure_ascii=False, sort_keys=True)


def _from_snapshot(text: str) -> Statement:
    raw = json.loads(text)

    def money(v: Any) -> Decimal | None:
        return None if v is None else Decimal(v)

    lines = tuple(
        StatementLine(
            line["id"],
            line["source"],
            date.fromisoformat(line["source_date"]),
            line["reference"],
            Decimal(line["base"]),
            money(line["rate"]),
            line["tier"],
            Decimal(line["amount"]),
            line["status"],
            line["clause"],
            tuple((t, p) for t, p in line["parts"]),
            line["ref_line_id"],
            line["origin_month"],
        )
        for line in raw["lines"]
    )
    caps = tuple(
        CapWarning(
            c["employee_id"],
            c["employee_name"],
            c["month"],
            Decimal(c["clawback"]),
            money(c["wage"]),
            money(c["cap"]),
            money(c["minimum_wage"]),
        )
        for c in raw["cap_warnings"]
    )
    policies = tuple((name, PolicyWarning(**w)) for name, w in raw["policy_warnings"])
    return Statement(
        raw["company"],
        raw["month"],
        raw["period_state"],
        raw["employee_id"],
        raw["employee_no"],
        raw["employee_name"],
        raw["branch"],
        raw["position"],
        lines,
        {k: Decimal(v) for k, v in raw["totals"].items()},
        Decimal(raw["payable"]),
        caps,
        policies,
    )


def issue_statement(ctx: ServiceContext, employee_id: int, month: str) -> Statement:
    """Issue an employee's statement for a period: its lines are frozen in a snapshot with a
    number and a hash. Issuing again while nothing changed returns the same statement; after
    a recomputation a new one is issued and the old keeps what it said."""
    ctx.require(Action.COMMISSIONS_VIEW)
    ctx.require(Action.EXPORT)
    with ctx.transaction() as s:
        data = _statement_in(ctx, s, employee_id, month)
        period = _existing(s, month)
        text = _snapshot(data)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        existing = s.scalar(
            select(CommissionStatement)
            .where(
                CommissionStatement.period_id == period.id,
                CommissionStatement.employee_id == employee_id,
                CommissionStatement.sha256 == digest,
            )
            .order_by(CommissionStatement.id.desc())
            .limit(1)
        )
        if existing is None:
            count = s.scalar(
                select(func.count())
                .select_from(CommissionStatement)
                .where(CommissionStatement.period_id == period.id)
            )
            existing = CommissionStatement(
                period_id=period.id,
                employee_id=employee_id,
                number=f"CS{month.replace('-', '')}-{data.employee_no}-{(count or 0) + 1:03d}",
                issued_at=ctx.now(),
                issued_by=ctx.actor.username,
                period_state=period.state,
                total=data.payable,
                snapshot=text,
                sha256=digest,
                final=period.state in FROZEN,
            )
            s.add(existing)
            s.flush()
        else:
            audit.record(
                s, "commissions.statement.reprinted", "commission_statement", existing.id, {}
            )
        return replace(
            _from_snapshot(existing.snapshot),
            number=existing.number,
            issued_at=existing.issued_at,
            issued_by=existing.issued_by,
            snapshot_sha256=existing.sha256,
        )


def issued_statement(ctx: ServiceContext, number: str) -> Statement:
    """An issued statement exactly as it was issued (whatever happened since)."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.transaction() as s:
        found = s.scalar(select(CommissionStatement).where(CommissionStatement.number == number))
        if found is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "There is no commission statement {number}."),
                number=number,
            )
        _may_see_employee(ctx, s, found.employee_id)
        if ctx.actor.role.value == "sales" and ctx.actor.employee_id != found.employee_id:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=found.employee_id)
        return replace(
            _from_snapshot(found.snapshot),
            number=found.number,
            issued_at=found.issued_at,
            issued_by=found.issued_by,
            snapshot_sha256=found.sha256,
        )


def employee_by_no(ctx: ServiceContext, employee_no: str) -> int:
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.transaction() as s:
        found = s.scalar(select(Employee.id).where(Employee.employee_no == employee_no.strip()))
        if found is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "There is no employee number {value}."),
                value=employee_no,
            )
        _may_see_employee(ctx, s, found)
        return found


# --------------------------------------------------------------------------- settlement


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

    def group(self, name: str) -> list[SettlementItem]:
        return [i for i in self.items if i.group == name]

    @property
    def to_pay(self) -> Decimal:
        """What to settle with the final wages: earned, less what is clawed back (stored
        negative)."""
        return self.totals["earned"] + self.totals["clawed_back"]


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
        months = []
        m = first_month
        while m <= month_of(day):
            months.append(m)
            m = next_month(m)
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
        )


def may(ctx: ServiceContext, action: Action) -> bool:
    return can(ctx.actor.role, action)
