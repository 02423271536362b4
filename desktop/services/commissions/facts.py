"""Reading a month's facts from the database with set-based Core selects: waybills, payment
allocations, write-offs with the lines they touch, departures, and the customers' owners.

Separate so that the queries that feed the pure rules (:mod:`.rules`) stand apart from what is
done with the lines they produce.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.util import find_tables

from desktop.models.commissions import CommissionLine, CommissionPeriod, LineSource, PlanTrigger
from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.departures import CaseState, DepartureCase, HandoverItem, ItemKind
from desktop.models.orders import Order, OrderStatus, Payment, PaymentAllocation, Receivable
from desktop.models.staff import Employee
from desktop.models.types import fen_of
from desktop.services.commissions import plans as commission_plans
from desktop.services.commissions.rules import (
    EARNED,
    AllocationFact,
    Departure,
    LineDraft,
    MonthFacts,
    OrderFact,
    PriorLine,
    Rules,
    WriteOffFact,
)
from desktop.services.names import names_by_id

#: Departure cases whose dates count: submitted or further, not withdrawn or cancelled.
DEPARTURE_STATES = (
    CaseState.SUBMITTED.value,
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
    CaseState.COMPLETED.value,
    CaseState.ARCHIVED.value,
)


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
        needs, same_plan = owners.needs, book.same_plan
        for rid, sp, cid, first, last, count, number, oid, revenue, margins in groups:
            if needs(cid, sp, first, last) or (count > 1 and not same_plan(sp, first, last)):
                detailed.add(rid)
                continue
            revenue = int(revenue)
            fact = OrderFact(
                oid, number, cid, "", last, sp, None, revenue, revenue - int(margins), count
            )
            group = out.get(rid)
            if group is None:
                out[rid] = [fact]
            else:
                group.append(fact)
        if not detailed:
            return out
        for rid in detailed:
            # every waybill of such an invoice is read one by one below: none stays summed
            out.pop(rid, None)
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
            Payment.collector_id,
            Receivable.collector_id,
        )
        .select_from(PaymentAllocation)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(Receivable, Receivable.id == PaymentAllocation.receivable_id)
        .where(*where)
        .order_by(Payment.received_on, PaymentAllocation.id)
    )
    rows = s.connection().execute(query).all()
    if not rows:
        return []
    receivables = select(PaymentAllocation.receivable_id).join(
        Payment, Payment.id == PaymentAllocation.payment_id
    )
    if any(t is Receivable.__table__ for w in where for t in find_tables(w, check_columns=True)):
        # only a condition on the invoice needs it: a month's payments alone do not (saves a
        # lookup of every invoice paid in the month)
        receivables = receivables.join(Receivable, Receivable.id == PaymentAllocation.receivable_id)
    receivables = receivables.where(*where)
    orders = _orders_by_receivable(s, owners, receivables, book)
    # The customer's name and owner matter only for an invoice without waybills (its
    # explanation names the customer; its owner may be credited): read for those alone.
    bare = sorted({r[9] for r in rows if not orders.get(r[4])})
    names: dict[int, str] = {}
    if bare:
        owners.load(bare)
        names = names_by_id(s, Customer, bare)
    out = []
    for aid, pid, day, paid, rid, number, amount, issued, sp, cid, pc, rc in rows:
        billed = orders.get(rid)
        # an invoice with waybills is credited through them; one without, through its
        # customer's owner on the invoice date (and its explanation names the customer)
        owner, name = (None, "") if billed else (owners.owner(cid, issued), names[cid])
        out.append(
            AllocationFact(
                aid, pid, day, paid, rid, number, amount, issued, sp, owner, cid, name, pc, rc,
                tuple(billed) if billed else (),
            )
        )  # fmt: skip
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
