"""The aging report as computed before issue 17 (a sum over every allocation, one Decimal
per receivable), kept verbatim as the oracle of tests/services/test_speed_aging.py: the
indexed, integer-only report must give exactly what this gave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.models.customers import Customer
from desktop.models.orders import Payment, PaymentAllocation, Receivable
from desktop.models.staff import Employee
from desktop.models.types import fen_of, from_fen
from desktop.services import business_settings as settings
from desktop.services import paging, scope
from desktop.services.context import ServiceContext
from desktop.services.money.aging import (
    AGING_FILTERS,
    RATE,
    AgingBucket,
    AgingGroup,
    AgingReport,
    bucket_index,
    provision_for,
    provision_rate,
)
from desktop.services.money.common import _money_scope


def _aging_query(
    ctx: ServiceContext, s: Session, as_of: date, filters: dict[str, Any] | None
) -> Select[Any]:
    clean = paging.check_filters(filters, AGING_FILTERS)
    paid = (
        select(
            PaymentAllocation.receivable_id.label("rid"),
            func.sum(fen_of(PaymentAllocation.amount)).label("fen"),
        )
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .where(Payment.received_on <= as_of)
        .group_by(PaymentAllocation.receivable_id)
        .subquery()
    )
    written = case((Receivable.written_off_on <= as_of, fen_of(Receivable.written_off)), else_=0)
    left = fen_of(Receivable.amount) - func.coalesce(paid.c.fen, 0) - written
    person = aliased(Employee)
    query = (
        select(
            Receivable.id,
            Receivable.customer_id,
            Customer.name,
            Receivable.salesperson_id,
            person.name,
            Receivable.issued_on,
            Receivable.due_on,
            left,
        )
        .join(Customer, Customer.id == Receivable.customer_id)
        .outerjoin(person, person.id == Receivable.salesperson_id)
        .outerjoin(paid, paid.c.rid == Receivable.id)
        .where(Receivable.issued_on <= as_of, left > 0)
    )
    sc = _money_scope(ctx, s, Receivable.customer_id, Receivable.salesperson_id)
    if sc is not None:
        query = query.where(sc)
    for key in ("customer_id", "salesperson_id"):
        if key in clean:
            query = query.where(getattr(Receivable, key) == clean[key])
    if "branch_id" in clean:
        query = query.where(
            Receivable.salesperson_id.in_(
                select(Employee.id).where(Employee.branch_id == clean["branch_id"])
            )
        )
    if "owner_id" in clean:
        owned = scope.owned_customer_ids(
            scope.Scope(False, employee_id=clean["owner_id"]), ctx.today()
        )
        assert owned is not None
        query = query.where(Receivable.customer_id.in_(owned))
    if "responsible_id" in clean:
        who = clean["responsible_id"]
        owned = scope.owned_customer_ids(scope.Scope(False, employee_id=who), ctx.today())
        assert owned is not None
        query = query.where(
            or_(Receivable.salesperson_id == who, Receivable.customer_id.in_(owned))
        )
    return query


@dataclass
class _Acc:
    """Running totals in integer fen (exact) for one group."""

    name: str
    buckets: list[int]
    not_due: int = 0
    overdue: int = 0
    provision: int = 0
    count: int = 0

    def group(self, ident: int | None) -> AgingGroup:
        return AgingGroup(
            ident,
            self.name,
            from_fen(sum(self.buckets) + self.not_due),
            from_fen(self.not_due),
            from_fen(self.overdue),
            tuple(from_fen(b) for b in self.buckets),
            from_fen(self.provision),
            self.count,
        )


def aging_in(
    ctx: ServiceContext, s: Session, as_of: date, filters: dict[str, Any] | None = None
) -> AgingReport:
    """:func:`age_receivables` inside an open unit of work (for other services)."""
    bounds: tuple[int, ...] = settings.value_in(s, settings.AGING_BUCKETS)
    basis: str = settings.value_in(s, settings.AGING_BASIS)
    policy = settings.policy_in(s)
    n = len(bounds) + 1
    total = _Acc("", [0] * n)
    bucket_provision = [0] * n
    bucket_count = [0] * n
    people: dict[int | None, _Acc] = {}
    customers: dict[int, _Acc] = {}
    for _rid, cid, cname, pid, pname, issued, due, fen in s.execute(
        _aging_query(ctx, s, as_of, filters)
    ):
        fen = int(fen)
        since = due if basis == settings.BASIS_DUE else issued
        days = (as_of - since).days
        not_due = basis == settings.BASIS_DUE and days <= 0
        index = None if not_due else bucket_index(bounds, days)
        rate = provision_rate(policy, since, as_of)
        prov = int(provision_for(Decimal(fen) / 100, rate) * 100)
        overdue = due < as_of
        targets = (
            total,
            people.setdefault(pid, _Acc(pname or "", [0] * n)),
            customers.setdefault(cid, _Acc(cname, [0] * n)),
        )
        for acc in targets:
            if index is None:
                acc.not_due += fen
            else:
                acc.buckets[index] += fen
            if overdue:
                acc.overdue += fen
            acc.provision += prov
            acc.count += 1
        if index is not None:
            bucket_provision[index] += prov
            bucket_count[index] += 1
    lows = (0, *(b + 1 for b in bounds))
    highs = (*bounds, None)
    buckets = tuple(
        AgingBucket(
            i,
            lows[i],
            highs[i],
            from_fen(total.buckets[i]),
            from_fen(bucket_provision[i]),
            bucket_count[i],
        )
        for i in range(n)
    )
    outstanding = sum(total.buckets) + total.not_due

    def ordered(groups: dict[Any, _Acc]) -> tuple[AgingGroup, ...]:
        made = [acc.group(ident) for ident, acc in groups.items()]
        return tuple(sorted(made, key=lambda g: (-g.outstanding, g.name, g.id or 0)))

    coefficient = (
        (Decimal(total.provision) / Decimal(outstanding)).quantize(RATE, rounding=ROUND_HALF_UP)
        if outstanding
        else Decimal(0).quantize(RATE)
    )
    return AgingReport(
        as_of=as_of,
        basis=basis,
        mode=policy.mode,
        bounds=bounds,
        not_due=from_fen(total.not_due),
        buckets=buckets,
        outstanding=from_fen(outstanding),
        overdue=from_fen(total.overdue),
        provision=from_fen(total.provision),
        risk_coefficient=coefficient,
        receivables=total.count,
        by_salesperson=ordered(people),
        by_customer=ordered(customers),
    )
