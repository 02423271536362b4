"""Reading a period's lines within the actor's scope: filtered and paged lists, one line with
its explanation and the line it corrects, and the period's summary.

Separate because reviewing lines only reads; the screens page through them here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound
from desktop.models.commissions import (
    CommissionLine,
    CommissionPeriod,
    CommissionPlan,
    LineSource,
    LineStatus,
    PeriodState,
)
from desktop.models.departures import DepartureCase
from desktop.models.orders import Order, Receivable
from desktop.models.staff import Employee
from desktop.models.types import fen_of
from desktop.services import listing, scope
from desktop.services.commissions.facts import _prior_lines
from desktop.services.commissions.periods import (
    PeriodRow,
    _period,
    _period_row,
    _totals,
    _watermarks,
    _yuan,
    parse_month,
)
from desktop.services.commissions.plans import PolicyWarning, policy_warnings
from desktop.services.commissions.rules import PAYABLE, Part, PriorLine
from desktop.services.commissions.wage_cap import CapWarning, cap_warnings_in
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action

MSG_LINE_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Commission line {id} does not exist or is outside what you may see."
)


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


_person = aliased(Employee, name="line_employee")


def _line_select() -> Any:
    L = CommissionLine
    return (
        select(
            L.id,
            CommissionPeriod.month,
            L.employee_id,
            _person.employee_no,
            _person.name,
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
        .outerjoin(_person, _person.id == L.employee_id)
        .outerjoin(Order, Order.id == L.order_id)
        .outerjoin(Receivable, Receivable.id == L.receivable_id)
    )


def _line_row(r: Any) -> LineRow:
    (lid, month, emp, no, name, source, day, order_no, invoice_no, *rest) = r
    reference = order_no or invoice_no or ""
    if source != LineSource.ORDER.value and order_no and invoice_no:
        reference = f"{invoice_no} / {order_no}"
    elif source != LineSource.ORDER.value and invoice_no:
        reference = invoice_no
    return LineRow(lid, month, emp, no, name, source, day, reference, *rest)


def _month(name: str, value: Any) -> str:
    value = listing.check_text(name, value)
    parse_month(value)
    return value


#: A period's lines (every period's without a month); sales see only their own lines, a
#: manager their branch's.
LINES: listing.ListingSpec[LineRow] = listing.ListingSpec(
    entity="commission_line",
    table=CommissionLine,
    key=CommissionLine.id,
    view=Action.COMMISSIONS_VIEW,
    query=lambda env: _line_select(),
    row=lambda env, r: _line_row(r),
    scope=lambda env: _line_scope(env.ctx, env.s),
    sorts={
        "id": CommissionLine.id,
        "employee": _person.employee_no,
        "source_date": CommissionLine.source_date,
        "source": CommissionLine.source,
        "amount": fen_of(CommissionLine.amount),
        "base": fen_of(CommissionLine.base),
        "status": CommissionLine.status,
    },
    default_sort="id",
    filters={
        "month": listing.Filter(
            _month,
            lambda env, v: CommissionLine.period_id.in_(
                select(CommissionPeriod.id).where(CommissionPeriod.month == v)
            ),
        ),
        "employee_id": listing.equals(CommissionLine.employee_id),
        "status": listing.equals(CommissionLine.status, listing.one_of(tuple(LineStatus))),
        "source": listing.equals(CommissionLine.source, listing.one_of(tuple(LineSource))),
        "clause": listing.equals(CommissionLine.clause, listing.check_text),
        "case_id": listing.equals(CommissionLine.case_id),
        "since": listing.since(CommissionLine.source_date),
        "until": listing.until(CommissionLine.source_date),
    },
    totals={"amount": fen_of(CommissionLine.amount), "base": fen_of(CommissionLine.base)},
    search=listing.Search(
        (
            listing.Via(
                CommissionLine.employee_id,
                Employee.id,
                (listing.Match(Employee.name), listing.Match(Employee.employee_no, prefix=True)),
            ),
            listing.Via(
                CommissionLine.order_id, Order.id, (listing.Match(Order.number, prefix=True),)
            ),
            listing.Via(
                CommissionLine.receivable_id,
                Receivable.id,
                (listing.Match(Receivable.number, prefix=True),),
            ),
        )
    ),
)
LINE_FILTERS = tuple(name for name in LINES.filters if name != "month")
LINE_SORTS = tuple(LINES.sorts)


def _with_month(month: str | None, filters: dict[str, Any] | None) -> dict[str, Any]:
    return {**(filters or {}), "month": month}


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
    status, source, clause, case_id, since, until (source dates, inclusive). Search: employee name or number, waybill or invoice
    number. Sales see only their own lines; a manager their branch's."""
    return listing.list_rows(
        ctx, LINES, offset, limit, search, sort, descending, _with_month(month, filters)
    )


def count_lines(
    ctx: ServiceContext,
    month: str | None,
    search: str = "",
    filters: dict[str, Any] | None = None,
) -> int:
    return listing.count_rows(ctx, LINES, search, _with_month(month, filters))


def total_lines(
    ctx: ServiceContext,
    month: str | None,
    search: str = "",
    filters: dict[str, Any] | None = None,
) -> dict[str, Decimal]:
    """Commission amounts (and their bases) summed over every line of the list (search and
    filters as :func:`list_lines`), not only the page loaded."""
    return listing.total_rows(ctx, LINES, search, _with_month(month, filters))


def get_line(ctx: ServiceContext, line_id: int) -> LineDetail:
    """One line with its explanation, plan, credited employee and the line it corrects."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.read() as s:
        query = _line_select()
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
    with ctx.read() as s:
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
