"""Departure cases as records: opening and editing a case, finding it, and the filtered list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.departures import (
    CaseState,
    CaseType,
    DepartureCase,
    HandoverItem,
    ItemKind,
    ItemStatus,
)
from desktop.models.organisation import Branch
from desktop.models.staff import Employee, EmployeeStatus, Position
from desktop.services import handover, listing, scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext, check_version
from desktop.services.departures.duties import deadlines_in
from desktop.services.departures.states import OPEN_VALUES, S
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action
from desktop.services.validation import Problems, optional_text, plausible_date

# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class CaseInput:
    """What HR records when a departure starts (or corrects later). ``notice_on`` and
    ``submitted_on`` default to today."""

    employee_id: int
    last_day: date
    case_type: str = CaseType.RESIGNATION.value
    notice_on: date | None = None
    submitted_on: date | None = None
    reason: str | None = None
    destination: str | None = None
    #: Art. 40 dismissal only: a month's wage in lieu of the notice (代通知金).
    pay_in_lieu: bool = False


@dataclass(frozen=True)
class CaseRow:
    """One line of the departures list. ``customers`` counts customer items; ``open_items``
    the items still open."""

    id: int
    number: str
    employee_id: int
    employee_no: str
    employee_name: str
    branch_id: int | None
    branch_name: str | None
    position_name: str | None
    position_category: str | None
    manager_id: int | None
    manager_name: str | None
    case_type: str
    state: str
    submitted_on: date
    notice_on: date | None
    last_day: date
    approved_on: date | None
    completed_on: date | None
    customers: int
    open_items: int
    version: int
    #: Every item of the case (progress = items not open ÷ this).
    total_items: int = 0
    #: Deadlines overdue on the day the list was read (filled by :func:`list_cases`).
    overdue_deadlines: int = 0


def _validated_case(s: Session, data: CaseInput, today: date, own_id: int | None) -> dict[str, Any]:
    p = Problems()
    if data.case_type not in {t.value for t in CaseType}:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not a kind of departure (use: {known})."),
                field="case_type",
                value=data.case_type,
                known=", ".join(t.value for t in CaseType),
            )
        )
    submitted = data.submitted_on or today
    notice = data.notice_on or submitted
    for name, day in (
        ("submitted_on", submitted),
        ("notice_on", notice),
        ("last_day", data.last_day),
    ):
        p.check(plausible_date, day, name, today)
    if data.last_day < notice:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The last working day ({last}) cannot be before the notice date ({notice}).",
                ),
                field="last_day",
                last=data.last_day.isoformat(),
                notice=notice.isoformat(),
            )
        )
    employee = s.get(Employee, data.employee_id)
    if employee is None:
        p.add(
            ValidationError(scope.MSG_EMPLOYEE_NOT_FOUND, field="employee_id", id=data.employee_id)
        )
    elif employee.status == EmployeeStatus.DEPARTED.value:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{name} is recorded as departed already."),
                field="employee_id",
                name=employee.name,
            )
        )
    else:
        other = s.scalar(
            select(DepartureCase.number).where(
                DepartureCase.employee_id == employee.id,
                DepartureCase.state.in_(OPEN_VALUES),
                DepartureCase.id != (own_id or 0),
            )
        )
        if other is not None:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "{name} has an open departure case already ({case})."
                    ),
                    field="employee_id",
                    name=employee.name,
                    case=other,
                )
            )
    values = {
        "employee_id": data.employee_id,
        "case_type": data.case_type,
        "submitted_on": submitted,
        "notice_on": notice,
        "last_day": data.last_day,
        "reason": p.check(optional_text, data.reason, "reason", 4000),
        "destination": p.check(optional_text, data.destination, "destination", 200),
        "pay_in_lieu": bool(data.pay_in_lieu),
    }
    if data.pay_in_lieu and data.case_type != CaseType.DISMISSAL.value:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Pay in lieu of notice (代通知金) is for a dismissal under art. 40 only.",
                ),
                field="pay_in_lieu",
            )
        )
    p.raise_if_any()
    return values


def _next_number(s: Session, year: int) -> str:
    prefix = f"D{year}-"
    last = s.scalar(
        select(func.max(DepartureCase.number)).where(DepartureCase.number.like(f"{prefix}%"))
    )
    n = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{n:04d}"


def start_case(ctx: ServiceContext, data: CaseInput) -> Changes:
    """Open a departure case in draft (HR, admin). ``Changes.ids`` holds the new case's id."""
    ctx.require(Action.DEPARTURES_EDIT)
    today = ctx.today()
    with ctx.transaction() as s:
        scope.employee_in_scope(ctx, s, data.employee_id)
        values = _validated_case(s, data, today, None)
        handover.ensure_templates(ctx, s)
        case = DepartureCase(
            number=_next_number(s, today.year),
            state=S.DRAFT.value,
            created_by=ctx.actor.user_id,
            **values,
        )
        s.add(case)
        s.flush()
        handover.add_event(ctx, s, case, "create", None, None, S.DRAFT.value)
        return Changes.of(Kind.DEPARTURES, ids=frozenset({case.id}))


def update_case(
    ctx: ServiceContext, case_id: int, data: CaseInput, expected_version: int | None = None
) -> Changes:
    """Correct a case's type, dates, reason or destination while it is open (the employee
    cannot change). Dates of items already generated stay as they are."""
    ctx.require(Action.DEPARTURES_EDIT)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        check_version(s, case, expected_version)
        if case.state not in OPEN_VALUES:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Departure case {case} is {state} and can no longer change."
                ),
                case=case.number,
                state=case.state,
            )
        if data.employee_id != case.employee_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "A case stays with its employee; cancel it and open another."
                ),
                field="employee_id",
            )
        kept = replace(data, submitted_on=data.submitted_on or case.submitted_on)
        values = _validated_case(s, kept, ctx.today(), case.id)
        for key, value in values.items():
            if getattr(case, key) != value:
                setattr(case, key, value)
        return Changes.of(Kind.DEPARTURES, ids=frozenset({case_id}))


def find_case(ctx: ServiceContext, ref: str) -> int:
    """A case's id from its number (D2026-0001) or its id as text."""
    if not ctx.can(Action.DEPARTURES_VIEW):
        ctx.require(Action.HANDOVER_CONFIRM)
    text = ref.strip()
    with ctx.read() as s:
        found = s.scalar(select(DepartureCase.id).where(DepartureCase.number == text.upper()))
        if found is None and text.isdigit():
            found = s.scalar(select(DepartureCase.id).where(DepartureCase.id == int(text)))
        if found is None:
            raise NotFound(handover.MSG_CASE_NOT_FOUND, id=text)
        return found


def _case_rows(s: Session, query: Any, deadlines_on: date | None = None) -> list[CaseRow]:
    manager = aliased(Employee)
    full = (
        query.add_columns(
            Employee.employee_no,
            Employee.name,
            Employee.branch_id,
            Branch.name,
            Position.name,
            Position.category,
            Employee.manager_id,
            manager.name,
        )
        .join(Employee, Employee.id == DepartureCase.employee_id)
        .outerjoin(Branch, Branch.id == Employee.branch_id)
        .outerjoin(Position, Position.id == Employee.position_id)
        .outerjoin(manager, manager.id == Employee.manager_id)
    )
    found = s.execute(full).all()
    ids = [r[0].id for r in found]
    customers: dict[int, int] = {}
    open_items: dict[int, int] = {}
    total_items: Counter[int] = Counter()
    overdue: dict[int, int] = {}
    if ids:
        for case_id, kind, status, n in s.execute(
            select(HandoverItem.case_id, HandoverItem.kind, HandoverItem.status, func.count())
            .where(HandoverItem.case_id.in_(ids))
            .group_by(HandoverItem.case_id, HandoverItem.kind, HandoverItem.status)
        ):
            total_items[case_id] += n
            if kind == ItemKind.CUSTOMER.value:
                customers[case_id] = customers.get(case_id, 0) + n
            if status == ItemStatus.OPEN.value:
                open_items[case_id] = open_items.get(case_id, 0) + n
    if deadlines_on is not None and found:
        people = {
            e.id: e
            for e in s.scalars(
                select(Employee).where(Employee.id.in_({r[0].employee_id for r in found}))
            )
        }
        for r in found:
            employee = people[r[0].employee_id]
            overdue[r[0].id] = sum(
                1 for d in deadlines_in(s, r[0], employee, deadlines_on) if d.overdue
            )
    return [
        CaseRow(
            id=c.id,
            number=c.number,
            employee_id=c.employee_id,
            employee_no=no,
            employee_name=name,
            branch_id=branch_id,
            branch_name=branch,
            position_name=position,
            position_category=category,
            manager_id=manager_id,
            manager_name=manager_name,
            case_type=c.case_type,
            state=c.state,
            submitted_on=c.submitted_on,
            notice_on=c.notice_on,
            last_day=c.last_day,
            approved_on=c.approved_on,
            completed_on=c.completed_on,
            customers=customers.get(c.id, 0),
            open_items=open_items.get(c.id, 0),
            version=c.version,
            total_items=total_items[c.id],
            overdue_deadlines=overdue.get(c.id, 0),
        )
        for c, no, name, branch_id, branch, position, category, manager_id, manager_name in found
    ]


def _cases_by_id(env: listing.Env, ids: list[int]) -> list[CaseRow]:
    """The rows of a page of case ids, in the page's order, with their item counts."""
    if not ids:
        return []
    found = {
        r.id: r
        for r in _case_rows(env.s, select(DepartureCase).where(DepartureCase.id.in_(ids)), env.day)
    }
    return [found[i] for i in ids]


#: The departures list, most recent first; HR sees every case, a manager their branch's.
CASES: listing.ListingSpec[CaseRow] = listing.ListingSpec(
    entity="departure_case",
    table=DepartureCase,
    key=DepartureCase.id,
    view=Action.DEPARTURES_VIEW,
    rows_by_key=_cases_by_id,
    scope=lambda env: handover.case_filter(env.ctx, env.s),
    sorts={
        "submitted_on": DepartureCase.submitted_on,
        "number": DepartureCase.number,
        "last_day": DepartureCase.last_day,
        "state": DepartureCase.state,
    },
    default_sort="submitted_on",
    newest_first=True,
    filters={
        "state": listing.among(DepartureCase.state, tuple(CaseState)),
        "open_only": listing.only(lambda env: DepartureCase.state.in_(OPEN_VALUES)),
        "employee_id": listing.equals(DepartureCase.employee_id),
        "branch_id": listing.in_branch(DepartureCase.employee_id),
        "case_type": listing.equals(DepartureCase.case_type, listing.one_of(tuple(CaseType))),
    },
    search=listing.Search(
        (
            listing.Match(DepartureCase.number, prefix=True, upper=True),
            listing.Via(
                DepartureCase.employee_id,
                Employee.id,
                (listing.Match(Employee.name), listing.Match(Employee.employee_no, prefix=True)),
            ),
        )
    ),
)
CASE_FILTERS = tuple(CASES.filters)


def list_cases(
    ctx: ServiceContext,
    offset: int = 0,
    limit: int = 100,
    search: str = "",
    filters: dict[str, Any] | None = None,
) -> list[CaseRow]:
    """A page of cases in scope, most recent first. Search: case number or employee name or
    number. Filters: state (a value or a list), open_only, employee_id, branch_id, case_type."""
    return listing.list_rows(ctx, CASES, offset, limit, search, filters=filters)


def count_cases(
    ctx: ServiceContext, search: str = "", filters: dict[str, Any] | None = None
) -> int:
    return listing.count_rows(ctx, CASES, search, filters)
