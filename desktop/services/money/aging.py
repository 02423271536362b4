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
from sqlalchemy.orm import Session

from desktop.errors import NotFound
from desktop.models.customers import Customer
from desktop.models.orders import (
    Payment,
    PaymentAllocation,
    Receivable,
)
from desktop.models.staff import Employee
from desktop.models.types import fen_of, to_money
from desktop.services import business_settings as settings
from desktop.services import paging, scope
from desktop.services.bulk import no_full_collection
from desktop.services.context import ServiceContext
from desktop.services.dates import add_years
from desktop.services.money.common import (
    _money_scope,
)
from desktop.services.names import names_by_id
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
    # What was paid by ``as_of`` = the maintained ``Receivable.paid`` less the allocations of
    # payments received after it: on a report of today that is a read of a few recent payments
    # (index on received_on), not a sum over every allocation ever made.
    later = (
        select(
            PaymentAllocation.receivable_id.label("rid"),
            func.sum(fen_of(PaymentAllocation.amount)).label("fen"),
        )
        .where(
            PaymentAllocation.payment_id.in_(select(Payment.id).where(Payment.received_on > as_of))
        )
        .group_by(PaymentAllocation.receivable_id)
        .subquery()
    )
    written = case((Receivable.written_off_on <= as_of, fen_of(Receivable.written_off)), else_=0)
    paid = fen_of(Receivable.paid) - func.coalesce(later.c.fen, 0)
    left = fen_of(Receivable.amount) - paid - written
    # No join for the names: they are read once per customer and salesperson afterwards
    # (:func:`names_by_id`), not once per receivable.
    query = (
        select(
            Receivable.id,
            Receivable.customer_id,
            Receivable.salesperson_id,
            Receivable.issued_on,
            Receivable.due_on,
            left,
        )
        .outerjoin(later, later.c.rid == Receivable.id)
        .where(
            Receivable.issued_on <= as_of,
            # Open on as_of means open today (the partial index ix_receivable_open), or paid
            # or written off after as_of; the exact test is left > 0.
            or_(
                Receivable.amount > Receivable.paid + Receivable.written_off,
                Receivable.id.in_(select(later.c.rid)),
                Receivable.written_off_on > as_of,
            ),
            left > 0,
        )
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


_NOTHING = Decimal("0.00")


def _yuan(fen: int) -> Decimal:
    """Integer fen to yuan with two places (what ``from_fen`` gives, without its quantize;
    most cells of a report are empty, hence the shared zero)."""
    return Decimal(fen).scaleb(-2) if fen else _NOTHING


def _group(ident: int | None, name: str, acc: list[int], n: int, outstanding: int) -> AgingGroup:
    """One report line from its running totals: ``acc`` holds the ``n`` buckets, then not
    due, overdue, provision and count, all integer fen (exact); ``outstanding`` is the sum of
    the buckets and not due (worked out once, for the sort too)."""
    return AgingGroup(
        ident,
        name,
        _yuan(outstanding),
        _yuan(acc[n]),
        _yuan(acc[n + 1]),
        tuple([_yuan(b) for b in acc[:n]]),
        _yuan(acc[n + 2]),
        acc[n + 3],
    )


def _first_three(key: tuple[Any, ...]) -> tuple[Any, ...]:
    return key[:3]


def _fraction(rate: Decimal) -> tuple[int, int]:
    num, den = rate.as_integer_ratio()
    return int(num), int(den)


def aging_in(
    ctx: ServiceContext, s: Session, as_of: date, filters: dict[str, Any] | None = None
) -> AgingReport:
    """:func:`age_receivables` inside an open unit of work (for other services).

    One pass over the open receivables in integer arithmetic: the bucket and provision rate
    depend only on the day a receivable ages from, so they are worked out once per day, and
    each provision is rounded half up to the fen in integers (``provision_for`` exactly)."""
    bounds: tuple[int, ...] = settings.value_in(s, settings.AGING_BUCKETS)
    basis: str = settings.value_in(s, settings.AGING_BASIS)
    policy = settings.policy_in(s)
    n = len(bounds) + 1
    width = n + 4  # buckets, not due, overdue, provision, count
    total = [0] * width
    bucket_provision = [0] * n
    bucket_count = [0] * n
    people: dict[int | None, list[int]] = {}
    customers: dict[int, list[int]] = {}
    by_due = basis == settings.BASIS_DUE
    per_day: dict[date, tuple[int, int, int]] = {}
    rows = s.connection().execute(_aging_query(ctx, s, as_of, filters)).all()
    for _rid, cid, pid, issued, due, fen in rows:
        fen = int(fen)
        since = due if by_due else issued
        known = per_day.get(since)
        if known is None:
            days = (as_of - since).days
            slot = n if by_due and days <= 0 else bucket_index(bounds, days)
            known = (slot, *_fraction(provision_rate(policy, since, as_of)))
            per_day[since] = known
        slot, num, den = known
        prov = (2 * fen * num + den) // (2 * den) if num else 0
        person = people.get(pid)
        if person is None:
            person = people[pid] = [0] * width
        customer = customers.get(cid)
        if customer is None:
            customer = customers[cid] = [0] * width
        overdue = due < as_of
        for acc in (total, person, customer):
            acc[slot] += fen
            if overdue:
                acc[n + 1] += fen
            acc[n + 2] += prov
            acc[n + 3] += 1
        if slot < n:
            bucket_provision[slot] += prov
            bucket_count[slot] += 1
    lows = (0, *(b + 1 for b in bounds))
    highs = (*bounds, None)
    buckets = tuple(
        AgingBucket(
            i,
            lows[i],
            highs[i],
            _yuan(total[i]),
            _yuan(bucket_provision[i]),
            bucket_count[i],
        )
        for i in range(n)
    )
    outstanding = sum(total[: n + 1])

    def ordered(groups: dict[Any, list[int]], named: dict[Any, str]) -> tuple[AgingGroup, ...]:
        # largest outstanding first, then by name and id (each sum worked out once)
        keyed = [
            (-sum(acc[: n + 1]), named.get(ident) or "", ident or 0, ident, acc)
            for ident, acc in groups.items()
        ]
        keyed.sort(key=_first_three)
        return tuple([_group(ident, name, acc, n, -neg) for neg, name, _, ident, acc in keyed])

    coefficient = (
        (Decimal(total[n + 2]) / Decimal(outstanding)).quantize(RATE, rounding=ROUND_HALF_UP)
        if outstanding
        else Decimal(0).quantize(RATE)
    )
    return AgingReport(
        as_of=as_of,
        basis=basis,
        mode=policy.mode,
        bounds=bounds,
        not_due=_yuan(total[n]),
        buckets=buckets,
        outstanding=_yuan(outstanding),
        overdue=_yuan(total[n + 1]),
        provision=_yuan(total[n + 2]),
        risk_coefficient=coefficient,
        receivables=total[n + 3],
        by_salesperson=ordered(people, names_by_id(s, Employee, people)),
        by_customer=ordered(customers, names_by_id(s, Customer, customers)),
    )


def age_receivables(
    ctx: ServiceContext, as_of: date | None = None, filters: dict[str, Any] | None = None
) -> AgingReport:
    """Age what was outstanding on ``as_of`` (payments received and write-offs dated after it
    do not count), in the configured buckets, with the configured provision, in scope.
    Filters: customer_id, salesperson_id, branch_id (salesperson's), owner_id (customer's
    owner today), responsible_id (sold by, or customer owned today by, that employee)."""
    ctx.require(Action.RECEIVABLES_VIEW)
    with no_full_collection(), ctx.read() as s:
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
            due = row[4]
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
