"""Naming and suggesting successors: who takes over each customer, receivable, order and contract.

Separate because naming a successor moves nothing yet (ownership moves when they confirm,
see :mod:`desktop.services.handover.confirmation`), and the suggestion scoring is its own rule.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.departures import (
    CaseState,
    DepartureCase,
    HandoverItem,
    ItemKind,
    ItemStatus,
)
from desktop.models.staff import Employee, EmployeeStatus, Position, PositionCategory
from desktop.services import business_settings as settings
from desktop.services import scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.cases import (
    MSG_CASE_NOT_FOUND,
    MSG_ITEM_NOT_FOUND,
    TRANSFER_KINDS,
    _check_planned,
    _editable,
    case_in_scope,
)
from desktop.services.permissions import Action
from desktop.services.validation import Problems, optional_text

#: A case in these states means its employee is leaving (``departures.states``; that package
#: imports this one).
_LEAVING = (
    CaseState.SUBMITTED.value,
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
)

# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class SuccessorSuggestion:
    """A suggested successor for one customer, and why (region, industry, workload).

    ``explanation_template`` is translatable (context "Errors"); ``explanation`` is it filled
    in, untranslated. ``load_after`` counts the customers the candidate would own once every
    suggestion of the same run is applied.
    """

    customer_id: int
    customer_code: str
    customer_name: str
    employee_id: int
    employee_no: str
    employee_name: str
    score: float
    region_match: bool
    industry_match: bool
    load_after: int
    explanation_template: str
    explanation_params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def explanation(self) -> str:
        return self.explanation_template.format(**self.explanation_params)


# --------------------------------------------------------------------------- successors


def customers_by_code(ctx: ServiceContext, case_id: int, codes: Iterable[str]) -> list[int]:
    """The ids of the case's customers with these codes; every unknown code is reported."""
    if not ctx.can(Action.HANDOVER_EDIT):
        ctx.require(Action.HANDOVER_CONFIRM)
    wanted = [c.strip().upper() for c in codes]
    with ctx.read() as s:
        case = s.get(DepartureCase, case_id)
        if case is None:
            raise NotFound(MSG_CASE_NOT_FOUND, id=case_id)
        found = dict(
            s.execute(
                select(Customer.code, Customer.id)
                .join(HandoverItem, HandoverItem.customer_id == Customer.id)
                .where(
                    HandoverItem.case_id == case_id,
                    HandoverItem.kind == ItemKind.CUSTOMER.value,
                    Customer.code.in_(wanted),
                )
            ).all()
        )
        p = Problems()
        for code in wanted:
            if code not in found:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP("Errors", "{code} is not a customer of case {case}."),
                        field="customer_ids",
                        code=code,
                        case=case.number,
                    )
                )
        p.raise_if_any()
        return [found[c] for c in dict.fromkeys(wanted)]


def _in_sales(s: Session, employee: Employee) -> bool:
    """Whether the employee holds a sales position (the flag, or a position of category sales)."""
    if employee.position_id is None:
        return bool(employee.is_sales)
    position = s.get(Position, employee.position_id)
    return position is not None and position.category == PositionCategory.SALES.value


def _successor(
    ctx: ServiceContext, s: Session, case: DepartureCase, employee_id: int, reason: str = ""
) -> Employee:
    """An employee who may take items over: active, not the one leaving, not leaving
    themselves, in the actor's scope, and in a sales position — or, outside sales, chosen with
    a recorded ``reason`` (a warehouse supervisor is not a salesperson by default)."""
    employee = s.get(Employee, employee_id)
    if employee is None:
        raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
    if employee.id == case.employee_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{name} is the one leaving and cannot be the successor."),
            field="successor_id",
            name=employee.name,
        )
    if employee.status != EmployeeStatus.ACTIVE.value:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{name} is not an active employee (status: {status}) and cannot take over a "
                "handover.",
            ),
            field="successor_id",
            name=employee.name,
            status=employee.status,
        )
    people = scope.staff_ids(scope.scope_of(ctx, s))
    if people is not None and s.scalar(people.where(Employee.id == employee_id)) is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "Employee {id} is outside your scope; you cannot give them customers."
            ),
            field="successor_id",
            id=employee_id,
        )
    leaving = s.scalar(
        select(DepartureCase.number).where(
            DepartureCase.employee_id == employee.id, DepartureCase.state.in_(_LEAVING)
        )
    )
    if leaving is not None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{name} is leaving the firm too (departure case {case}) and cannot be a successor.",
            ),
            field="successor_id",
            name=employee.name,
            case=leaving,
        )
    if not reason.strip() and not _in_sales(s, employee):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{name} is not in a sales position. Choose a salesperson, or give the reason "
                "for choosing {name} (it is recorded and shown on the handover form).",
            ),
            field="successor_reason",
            name=employee.name,
        )
    return employee


def _set_successor(
    ctx: ServiceContext,
    items: Iterable[HandoverItem],
    employee_id: int,
    planned_on: date | None,
    reason: str | None = None,
) -> int:
    count = 0
    for item in items:
        if item.successor_id != employee_id:
            item.successor_id = employee_id
            item.successor_set_by = ctx.actor.user_id
        if item.successor_reason != reason:
            item.successor_reason = reason
        if planned_on is not None and item.planned_on != planned_on:
            item.planned_on = planned_on
        count += 1
    return count


def assign_successor(
    ctx: ServiceContext,
    case_id: int,
    employee_id: int,
    customer_ids: Iterable[int] | None = None,
    planned_on: date | None = None,
    everything: bool = False,
    reason: str = "",
) -> Changes:
    """Name the successor of customers (all customers without one when ``customer_ids`` is
    None). The customers' open receivables, orders and contracts that have no successor (no
    collector) yet get the same one; with ``everything`` (and no ``customer_ids``) so do the
    other open items without one (invoices the leaver sold to other owners' customers …).
    Confirmed items keep theirs. Ownership does not move until the successor confirms.
    A successor outside sales needs a ``reason`` (recorded, shown on the form).
    ``Changes.ids`` holds the item ids changed."""
    ctx.require(Action.HANDOVER_EDIT)
    why = optional_text(reason, "successor_reason", 256)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        _editable(case)
        _successor(ctx, s, case, employee_id, why or "")
        _check_planned(case, planned_on, ctx.today())
        query = select(HandoverItem).where(
            HandoverItem.case_id == case.id, HandoverItem.kind == ItemKind.CUSTOMER.value
        )
        if customer_ids is None:
            query = query.where(
                HandoverItem.successor_id.is_(None), HandoverItem.status == ItemStatus.OPEN.value
            )
        else:
            wanted = list(dict.fromkeys(customer_ids))
            query = query.where(HandoverItem.customer_id.in_(wanted))
        targets = list(s.scalars(query))
        if customer_ids is not None:
            _refuse_missing_or_closed(s, targets, wanted)
        ids = {t.id for t in targets}
        _set_successor(ctx, targets, employee_id, planned_on, why)
        related_query = select(HandoverItem).where(
            HandoverItem.case_id == case.id,
            HandoverItem.kind.in_(TRANSFER_KINDS[1:]),
            HandoverItem.successor_id.is_(None),
            HandoverItem.status == ItemStatus.OPEN.value,
        )
        if not (everything and customer_ids is None):
            related_query = related_query.where(
                HandoverItem.customer_id.in_([t.customer_id for t in targets])
            )
        related = s.scalars(related_query).all()
        ids |= {r.id for r in related}
        _set_successor(ctx, related, employee_id, None, why)
        return Changes.of(Kind.HANDOVER, ids=frozenset(ids))


def _refuse_missing_or_closed(
    s: Session, targets: list[HandoverItem], wanted_customers: list[int]
) -> None:
    p = Problems()
    found = {t.customer_id for t in targets}
    for cid in wanted_customers:
        if cid not in found:
            customer = s.get(Customer, cid)
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{customer} is not a customer of this handover."),
                    field="customer_ids",
                    customer=customer.name if customer else str(cid),
                )
            )
    for t in targets:
        if t.status != ItemStatus.OPEN.value:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "The handover of {title} is {status} already; it cannot change."
                    ),
                    field="customer_ids",
                    title=t.title,
                    status=t.status,
                )
            )
    p.raise_if_any()


def assign_items(
    ctx: ServiceContext,
    case_id: int,
    employee_id: int,
    item_ids: Iterable[int],
    planned_on: date | None = None,
    reason: str = "",
) -> Changes:
    """Name the successor (a receivable's collector, an order's or contract's handler) of the
    given open items of any transferable kind (outside sales: with a ``reason``)."""
    ctx.require(Action.HANDOVER_EDIT)
    wanted = list(dict.fromkeys(item_ids))
    why = optional_text(reason, "successor_reason", 256)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        _editable(case)
        _successor(ctx, s, case, employee_id, why or "")
        _check_planned(case, planned_on, ctx.today())
        items = {
            i.id: i
            for i in s.scalars(
                select(HandoverItem).where(
                    HandoverItem.case_id == case.id, HandoverItem.id.in_(wanted)
                )
            )
        }
        p = Problems()
        for ident in wanted:
            item = items.get(ident)
            if item is None:
                p.add(ValidationError(MSG_ITEM_NOT_FOUND, field="item_ids", id=ident))
            elif item.kind not in TRANSFER_KINDS or item.status != ItemStatus.OPEN.value:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "{title} is not an open item that a successor takes over."
                        ),
                        field="item_ids",
                        title=item.title,
                    )
                )
        p.raise_if_any()
        _set_successor(ctx, items.values(), employee_id, planned_on, why)
        return Changes.of(Kind.HANDOVER, ids=frozenset(items))


def _candidates(s: Session, departing: Employee) -> list[Employee]:
    base = select(Employee).where(
        Employee.is_sales.is_(True),
        Employee.status == EmployeeStatus.ACTIVE.value,
        Employee.id != departing.id,
    )
    if departing.branch_id is not None:
        same = list(s.scalars(base.where(Employee.branch_id == departing.branch_id)))
        if same:
            return same
    return list(s.scalars(base))


def suggest_successors(
    ctx: ServiceContext, case_id: int, customer_ids: Iterable[int] | None = None
) -> list[SuccessorSuggestion]:
    """Suggest a successor for each customer still without one (or for ``customer_ids``).

    Candidates are the active salespeople of the leaver's branch (else of the firm). Each
    customer goes to the candidate with the best score: +2 when the candidate already serves
    the customer's region, +1 for its industry, minus their workload relative to the average
    (counting the customers suggested to them in this same run, so the book is spread). Every
    suggestion says why. Nothing is saved: apply with :func:`apply_suggestions`.
    """
    ctx.require(Action.HANDOVER_EDIT)
    today = ctx.today()
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        departing = s.get(Employee, case.employee_id)
        assert departing is not None
        people = scope.staff_ids(scope.scope_of(ctx, s))
        allowed = set(s.scalars(people)) if people is not None else None
        pool = [c for c in _candidates(s, departing) if allowed is None or c.id in allowed]
        query = (
            select(Customer.id, Customer.code, Customer.name, Customer.region, Customer.industry)
            .join(HandoverItem, HandoverItem.customer_id == Customer.id)
            .where(
                HandoverItem.case_id == case.id,
                HandoverItem.kind == ItemKind.CUSTOMER.value,
                HandoverItem.status == ItemStatus.OPEN.value,
            )
            .order_by(Customer.code)
        )
        if customer_ids is None:
            query = query.where(HandoverItem.successor_id.is_(None))
        else:
            query = query.where(Customer.id.in_(list(customer_ids)))
        wanted = s.execute(query).all()
        if not pool or not wanted:
            return []
        ids = [c.id for c in pool]
        load: Counter[int] = Counter()
        regions: dict[int, Counter[str]] = defaultdict(Counter)
        industries: dict[int, Counter[str]] = defaultdict(Counter)
        for emp, region, industry, n in s.execute(
            select(CustomerAssignment.employee_id, Customer.region, Customer.industry, func.count())
            .join(Customer, Customer.id == CustomerAssignment.customer_id)
            .where(CustomerAssignment.employee_id.in_(ids), scope.covers(today))
            .group_by(CustomerAssignment.employee_id, Customer.region, Customer.industry)
        ):
            load[emp] += n
            if region:
                regions[emp][region] += n
            if industry:
                industries[emp][industry] += n
        average = max(1.0, sum(load[i] for i in ids) / len(ids))
        median = _firm_median_book(s, today)
        margin = int(settings.value_in(s, settings.SUCCESSOR_LOAD_MARGIN))
        cap = median + margin
        out = []
        for cid, code, name, region, industry in wanted:

            def score(
                c: Employee, region: str | None = region, industry: str | None = industry
            ) -> tuple[float, int, int]:
                points = 2.0 * bool(region and regions[c.id][region])
                points += 1.0 * bool(industry and industries[c.id][industry])
                points -= load[c.id] / average
                return (points, -load[c.id], -c.id)

            # Nobody goes above the firm's median book plus the margin unless nobody else fits.
            fits = [c for c in pool if load[c.id] < cap]
            best = max(fits, key=score) if fits else min(pool, key=lambda c: (load[c.id], c.id))
            in_region = regions[best.id][region] if region else 0
            in_industry = industries[best.id][industry] if industry else 0
            load[best.id] += 1
            template, params = _explain(region, industry, in_region, in_industry, load[best.id])
            params = {**params, "median": median, "margin": margin}
            if not fits:
                template = MSG_ALL_ABOVE
            out.append(
                SuccessorSuggestion(
                    customer_id=cid,
                    customer_code=code,
                    customer_name=name,
                    employee_id=best.id,
                    employee_no=best.employee_no,
                    employee_name=best.name,
                    score=round(score(best)[0], 3),
                    region_match=in_region > 0,
                    industry_match=in_industry > 0,
                    load_after=load[best.id],
                    explanation_template=template,
                    explanation_params=params,
                )
            )
        return out


MSG_ALL_ABOVE = QT_TRANSLATE_NOOP(
    "Errors",
    "Everyone who could take this customer already has the firm's median book ({median}) plus "
    "{margin} or more; this is the lightest: {load} customers with this one.",
)


def _firm_median_book(s: Session, today: date) -> int:
    """The median number of customers owned today by the firm's active salespeople."""
    people = list(
        s.scalars(
            select(Employee.id).where(
                Employee.is_sales.is_(True), Employee.status == EmployeeStatus.ACTIVE.value
            )
        )
    )
    if not people:
        return 0
    counts = dict(
        s.execute(
            select(CustomerAssignment.employee_id, func.count())
            .where(CustomerAssignment.employee_id.in_(people), scope.covers(today))
            .group_by(CustomerAssignment.employee_id)
        ).all()
    )
    return int(statistics.median_low(sorted(counts.get(p, 0) for p in people)))


def _explain(
    region: str | None, industry: str | None, in_region: int, in_industry: int, load: int
) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {
        "region": region or "",
        "industry": industry or "",
        "region_count": in_region,
        "industry_count": in_industry,
        "load": load,
    }
    if in_region and in_industry:
        template = QT_TRANSLATE_NOOP(
            "Errors",
            "Serves the same region ({region}: {region_count} customers) and industry "
            "({industry}: {industry_count}); {load} customers with this one.",
        )
    elif in_region:
        template = QT_TRANSLATE_NOOP(
            "Errors",
            "Serves the same region ({region}: {region_count} customers); {load} customers "
            "with this one.",
        )
    elif in_industry:
        template = QT_TRANSLATE_NOOP(
            "Errors",
            "Serves the same industry ({industry}: {industry_count} customers); {load} "
            "customers with this one.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "Errors",
            "Lightest workload: {load} customers with this one (no region or industry in common).",
        )
    return template, params


def apply_suggestions(
    ctx: ServiceContext,
    case_id: int,
    suggestions: Iterable[SuccessorSuggestion],
    planned_on: date | None = None,
) -> Changes:
    """Accept suggestions (as shown or edited): each customer gets its suggested successor."""
    by_employee: dict[int, list[int]] = defaultdict(list)
    for suggestion in suggestions:
        by_employee[suggestion.employee_id].append(suggestion.customer_id)
    ids: set[int] = set()
    for employee_id, customer_ids in by_employee.items():
        ids |= assign_successor(ctx, case_id, employee_id, customer_ids, planned_on).ids
    return Changes.of(Kind.HANDOVER, ids=frozenset(ids))
