"""Aging and bad-debt provision: what was outstanding on a day, by age bucket, per
salesperson and customer, and what a (departing) employee leaves open.

Separate because it reports on invoices and payments as of a date rather than changing them;
its sums run over integer fen so every total is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import NotFound
from desktop.models.customers import Customer
from desktop.models.orders import (
    Payment,
    PaymentAllocation,
    Receivable,
)
from desktop.models.staff import Employee
from desktop.models.types import fen_of, from_fen, to_money
from desktop.services import business_settings as settings
from desktop.services import paging, scope
from desktop.services.context import ServiceContext
from desktop.services.dates import add_years
from desktop.services.money.common import (
    _money_scope,
)
from desktop.services.permissions import Action

RATE = Decimal("0.0001")


AGING_FILTERS = ("customer_id", "salesperson_id", "branch_id", "owner_id", "responsible_id")


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class AgingBucket:
    """Outstanding amounts aged ``low_days``..``high_days`` (None: no upper limit)."""

    index: int
    low_days: int
    high_days: int | None
    outstanding: Decimal
    provision: Decimal
    count: int

    @property
    def label(self) -> str:
        """ "0–30", "31–60" … ">365" (digits and signs only: the same in every language)."""
        if self.high_days is None:
            return f">{self.low_days - 1}"
        return f"{self.low_days}–{self.high_days}"


@dataclass(frozen=True)
class AgingGroup:
    """One salesperson's or customer's line of the aging report (``buckets`` align with
    :attr:`AgingReport.buckets`)."""

    id: int | None
    name: str
    outstanding: Decimal
    not_due: Decimal
    overdue: Decimal
    buckets: tuple[Decimal, ...]
    provision: Decimal
    count: int


@dataclass(frozen=True)
class AgingReport:
    """Receivables outstanding on ``as_of``, by age bucket, with the bad-debt provision.

    ``basis`` "due": age = days past the due date, amounts not yet due are in ``not_due`` and in
    no bucket; "issued": age = days since the invoice date, every amount is in a bucket.
    ``overdue`` is always what is past its due date. ``risk_coefficient`` = provision ÷
    outstanding (0 with provision mode "none", which still reports what is overdue).
    """

    as_of: date
    basis: str
    mode: str
    bounds: tuple[int, ...]
    not_due: Decimal
    buckets: tuple[AgingBucket, ...]
    outstanding: Decimal
    overdue: Decimal
    provision: Decimal
    risk_coefficient: Decimal
    receivables: int
    by_salesperson: tuple[AgingGroup, ...]
    by_customer: tuple[AgingGroup, ...]


@dataclass(frozen=True)
class EmployeeReceivables:
    """What an employee leaves open: invoices they sold or of customers they own today."""

    employee_id: int
    name: str
    as_of: date
    customers_owned: int
    open_receivables: int
    outstanding: Decimal
    overdue_receivables: int
    overdue: Decimal
    oldest_due_on: date | None
    provision: Decimal
    by_customer: tuple[AgingGroup, ...]


# --------------------------------------------------------------------------- aging and provision


def provision_rate(policy: settings.ProvisionPolicy, since: date, as_of: date) -> Decimal:
    """The provision rate for a receivable aged from ``since`` (its due date or invoice date)
    on ``as_of``: the rate of the first ladder step it has not outgrown; 0 with mode "none"
    or before ``since``."""
    if policy.mode != settings.MODE_LADDER or as_of <= since:
        return Decimal(0)
    for step in policy.ladder:
        if step.below_years is None or as_of < add_years(since, step.below_years):
            return step.rate
    return policy.ladder[-1].rate


def provision_for(outstanding: Decimal, rate: Decimal) -> Decimal:
    """Provision on one receivable, rounded half up to the fen (so groups sum exactly)."""
    return to_money(outstanding * rate)


def bucket_index(bounds: tuple[int, ...], days: int) -> int:
    """Which bucket ``days`` falls in: bounds (30, 60) → 0 for ≤30, 1 for 31-60, 2 above."""
    for i, bound in enumerate(bounds):
        if days <= bound:
            return i
    return len(bounds)


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


def age_receivables(
    ctx: ServiceContext, as_of: date | None = None, filters: dict[str, Any] | None = None
) -> AgingReport:
    """Age what was outstanding on ``as_of`` (payments received and write-offs dated after it
    do not count), in the configured buckets, with the configured provision, in scope.
    Filters: customer_id, salesperson_id, branch_id (salesperson's), owner_id (customer's
    owner today), responsible_id (sold by, or customer owned today by, that employee)."""
    ctx.require(Action.RECEIVABLES_VIEW)
    with ctx.read() as s:
        return aging_in(ctx, s, as_of or ctx.today(), filters)


def export_aging(
    ctx: ServiceContext,
    as_of: date | None = None,
    filters: dict[str, Any] | None = None,
    sink: paging.RowSink | None = None,
) -> AgingReport:
    """The aging report (:func:`age_receivables`) as the actor may export it, recording the
    export in the audit log in the same unit of work; a ``sink`` receives the report as its
    one item, and the rows counted are its salesperson and customer lines."""
    ctx.require(Action.RECEIVABLES_VIEW)
    ctx.require(Action.EXPORT)
    day = as_of or ctx.today()
    with ctx.transaction() as s:
        report = aging_in(ctx, s, day, filters)
        lines = len(report.by_salesperson) + len(report.by_customer)
        paging.export_rows(
            s,
            "aging",
            lines,
            [[report]],
            sink,
            filters={**(filters or {}), "as_of": day},
            rows=lines,
        )
        return report


def risk_coefficient(
    ctx: ServiceContext, as_of: date | None = None, filters: dict[str, Any] | None = None
) -> Decimal:
    """Bad-debt risk coefficient: provision ÷ outstanding on ``as_of`` (0.0000 to 1.0000)."""
    return age_receivables(ctx, as_of, filters).risk_coefficient


def employee_receivables(
    ctx: ServiceContext, employee_id: int, as_of: date | None = None
) -> EmployeeReceivables:
    """What a (departing) employee leaves open: invoices they sold or of customers they own
    today — open and overdue counts and sums, oldest due date, provision, per customer."""
    if not ctx.can(Action.DEPARTURES_VIEW):
        ctx.require(Action.RECEIVABLES_VIEW)
    day = as_of or ctx.today()
    with ctx.read() as s:
        employee = s.get(Employee, employee_id)
        if employee is None:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
        sc = scope.scope_of(ctx, s)
        people = scope.staff_ids(sc)
        if people is not None and s.scalar(people.where(Employee.id == employee_id)) is None:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
        report = aging_in(ctx, s, day, {"responsible_id": employee_id})
        overdue_count = 0
        oldest: date | None = None
        query = _aging_query(ctx, s, day, {"responsible_id": employee_id})
        for row in s.execute(query):
            due = row[6]
            if due < day:
                overdue_count += 1
            oldest = due if oldest is None or due < oldest else oldest
        owned = scope.owned_customer_ids(scope.Scope(False, employee_id=employee_id), ctx.today())
        assert owned is not None
        customers = s.scalar(select(func.count()).select_from(owned.subquery())) or 0
        return EmployeeReceivables(
            employee_id=employee_id,
            name=employee.name,
            as_of=day,
            customers_owned=customers,
            open_receivables=report.receivables,
            outstanding=report.outstanding,
            overdue_receivables=overdue_count,
            overdue=report.overdue,
            oldest_due_on=oldest,
            provision=report.provision,
            by_customer=report.by_customer,
        )
