"""Everything the case screen shows, read in one call: :func:`get_case` and its DTOs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop.models.accounts import User
from desktop.models.audit import SYSTEM_ACTOR
from desktop.models.departures import CaseEvent, DepartureCase, ItemKind, ItemStatus, LockAttempt
from desktop.models.orders import Receivable
from desktop.models.staff import Employee
from desktop.models.types import from_fen
from desktop.services import business_settings as settings
from desktop.services import handover, order_flags, order_lock, terms
from desktop.services.bulk import no_full_collection
from desktop.services.context import ServiceContext
from desktop.services.departures.cases import CaseRow, _case_rows
from desktop.services.departures.clauses import ClauseView, _clauses_in
from desktop.services.departures.duties import (
    Deadline,
    deadlines_in,
    in_probation,
    non_compete_possible,
    severance_applies,
    unpaid_non_compete_months,
)
from desktop.services.departures.workflow import (
    NEXT,
    TRANSITIONS,
    TransitionOption,
    _Facts,
    _failures,
)
from desktop.services.handover import ItemRow, case_in_scope
from desktop.services.money import outstanding_fen
from desktop.services.order_lock import OrderLock
from desktop.services.permissions import Action

# --------------------------------------------------------------------------- the case screen


@dataclass(frozen=True)
class CaseEventInfo:
    at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str | None
    comment: str | None
    #: The person by name (``actor`` is the login).
    actor_name: str = ""


@dataclass(frozen=True)
class SectionProgress:
    """Progress of one section of the handover.

    ``key``: "customer", "contract", "receivable", "order", "account" (items generated from
    records), or "checklist:<category>" (template lines by category). ``with_successor``
    counts items that have a successor (None for sections without successors).
    """

    key: str
    total: int
    open: int
    done: int
    confirmed: int
    waived: int
    required_open: int
    with_successor: int | None

    @property
    def finished(self) -> int:
        return self.done + self.confirmed + self.waived


@dataclass(frozen=True)
class CaseRisks:
    """What the manager should worry about. Amounts are today's, of the leaver's open
    receivables (sold by them or of customers they own today)."""

    customers_without_successor: int
    customers_not_informed: int
    open_receivables: int
    outstanding: Decimal
    overdue_receivables: int
    overdue_amount: Decimal
    lock_attempts: int
    overdue_deadlines: int
    non_compete_unpaid_months: int
    non_compete_alert: bool
    #: Orders for the leaver's customers that named nobody or not the successor (accepted).
    order_flags: int = 0


@dataclass(frozen=True)
class NonCompeteInfo:
    possible: bool
    decided: bool
    months: int | None
    monthly: Decimal | None
    average_monthly_wage: Decimal | None
    local_minimum_wage: Decimal | None
    released_on: date | None


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case screen shows, read in one unit of work.

    ``transitions``: each move possible from the state, with its failed preconditions;
    ``next_transition``: the forward move's name (None once archived or closed).
    """

    case: CaseRow
    reason: str | None
    destination: str | None
    employee_status: str
    hire_date: date | None
    probation_end: date | None
    in_probation: bool
    confidentiality: bool
    created_by: str | None
    approved_by: str | None
    severance_applies: bool
    non_compete: NonCompeteInfo
    lock: OrderLock | None
    events: tuple[CaseEventInfo, ...]
    items: tuple[ItemRow, ...]
    sections: tuple[SectionProgress, ...]
    deadlines: tuple[Deadline, ...]
    risks: CaseRisks
    clauses: tuple[ClauseView, ...]
    transitions: tuple[TransitionOption, ...]
    next_transition: str | None


#: Enum values read once: the loops below run over every item of a case (5,000 on a large one).
_OPEN, _WAIVED = ItemStatus.OPEN.value, ItemStatus.WAIVED.value
_CHECKLIST, _CUSTOMER = ItemKind.CHECKLIST.value, ItemKind.CUSTOMER.value


def sections_of(items: Iterable[ItemRow]) -> list[SectionProgress]:
    """Progress per section: generated kinds first, then checklist lines by category."""
    groups: dict[str, list[ItemRow]] = {}
    for item in items:
        key = item.kind if item.kind != _CHECKLIST else f"checklist:{item.category}"
        groups.setdefault(key, []).append(item)
    order = [k.value for k in ItemKind if k is not ItemKind.CHECKLIST]
    keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    out = []
    for key in keys:
        rows = groups[key]
        status = Counter(r.status for r in rows)
        out.append(
            SectionProgress(
                key=key,
                total=len(rows),
                open=status[ItemStatus.OPEN.value],
                done=status[ItemStatus.DONE.value],
                confirmed=status[ItemStatus.CONFIRMED.value],
                waived=status[ItemStatus.WAIVED.value],
                required_open=sum(1 for r in rows if r.required and r.status == _OPEN),
                with_successor=(
                    sum(1 for r in rows if r.successor_id is not None)
                    if key in handover.TRANSFER_KINDS
                    else None
                ),
            )
        )
    return out


def _money_risks(s: Session, employee_id: int, today: date) -> tuple[int, Decimal, int, Decimal]:
    """The leaver's open receivables today (sold by them or of customers they own): count,
    outstanding, overdue count, overdue amount."""
    left = outstanding_fen()
    overdue = Receivable.due_on < today
    # one summed row, not a row per receivable (a top salesperson leaves thousands open)
    total_n, total, overdue_n, overdue_sum = s.execute(
        select(
            func.count(),
            func.coalesce(func.sum(left), 0),
            func.coalesce(func.sum(case((overdue, 1), else_=0)), 0),
            func.coalesce(func.sum(case((overdue, left), else_=0)), 0),
        ).where(handover.leaver_open_receivables(employee_id, today))
    ).one()
    return int(total_n), from_fen(int(total)), int(overdue_n), from_fen(int(overdue_sum))


def _risks(
    s: Session,
    case: DepartureCase,
    items: list[ItemRow],
    deadlines: list[Deadline],
    today: date,
) -> CaseRisks:
    customers = [i for i in items if i.kind == _CUSTOMER]
    n_open, outstanding, n_overdue, overdue = _money_risks(s, case.employee_id, today)
    attempts = s.scalar(
        select(func.coalesce(func.sum(LockAttempt.rows), 0)).where(
            LockAttempt.case_id == case.id, LockAttempt.source.not_in(order_flags.FLAG_SOURCES)
        )
    )
    unpaid = unpaid_non_compete_months(deadlines)
    limit = settings.value_in(s, settings.NON_COMPETE_UNPAID_MONTHS)
    return CaseRisks(
        customers_without_successor=sum(
            1 for c in customers if c.successor_id is None and c.status == _OPEN
        ),
        customers_not_informed=sum(
            1
            for c in customers
            if not c.customer_informed
            and not c.informed_waived_reason  # waived with a reason: nobody is to tell it
            and c.status != _WAIVED
        ),
        open_receivables=n_open,
        outstanding=outstanding,
        overdue_receivables=n_overdue,
        overdue_amount=overdue,
        lock_attempts=int(attempts or 0),
        overdue_deadlines=sum(1 for d in deadlines if d.overdue),
        non_compete_unpaid_months=unpaid,
        non_compete_alert=unpaid >= limit,
        order_flags=order_flags.flags_of_case(s, case.id),
    )


def _options(f: _Facts) -> list[TransitionOption]:
    out = []
    for t in TRANSITIONS.values():
        target = t.target(f.case.state)
        if target is None:
            continue
        out.append(
            TransitionOption(
                t.name, t.label, target.value, t.comment_required, tuple(_failures(f, t, None))
            )
        )
    return out


def get_case(ctx: ServiceContext, case_id: int) -> CaseDetail:
    """The case screen: header, items with names, progress per section, deadlines, risks,
    clauses with acknowledgements, history, and the moves with their failed preconditions."""
    ctx.require(Action.DEPARTURES_VIEW)
    today = ctx.today()
    with no_full_collection(), ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        (row,) = _case_rows(s, select(DepartureCase).where(DepartureCase.id == case_id))
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        users = dict(s.execute(select(User.id, User.display_name)).all())  # people by name
        items = handover.items_in(s, case.id, today)
        deadlines = deadlines_in(s, case, employee, today)
        row = replace(row, overdue_deadlines=sum(1 for d in deadlines if d.overdue))
        facts = _Facts(ctx, s, case)
        names = dict(s.execute(select(User.username, User.display_name)).all())
        events = tuple(
            CaseEventInfo(
                e.at,
                e.actor,
                e.action,
                e.from_state,
                e.to_state,
                e.comment,
                actor_name=terms.SYSTEM_NAME
                if e.actor == SYSTEM_ACTOR
                else names.get(e.actor, e.actor),
            )
            for e in s.scalars(
                select(CaseEvent)
                .where(CaseEvent.case_id == case.id)
                .order_by(CaseEvent.at, CaseEvent.id)
            )
        )
        lock = order_lock.lock_of_case(s, case)
        return CaseDetail(
            case=row,
            reason=case.reason,
            destination=case.destination,
            employee_status=employee.status,
            hire_date=employee.hire_date,
            probation_end=employee.probation_end,
            in_probation=in_probation(employee, case.notice_on or case.submitted_on),
            confidentiality=employee.confidentiality,
            created_by=users.get(case.created_by),
            approved_by=users.get(case.approved_by),
            severance_applies=severance_applies(case),
            non_compete=NonCompeteInfo(
                possible=non_compete_possible(employee),
                decided=case.non_compete_months is not None,
                months=case.non_compete_months,
                monthly=case.non_compete_monthly,
                average_monthly_wage=case.average_monthly_wage,
                local_minimum_wage=case.local_minimum_wage,
                released_on=case.non_compete_released_on,
            ),
            lock=lock,
            events=events,
            items=tuple(items),
            sections=tuple(sections_of(items)),
            deadlines=tuple(deadlines),
            risks=_risks(s, case, items, deadlines, today),
            clauses=tuple(_clauses_in(s, case, employee)),
            transitions=tuple(_options(facts)),
            next_transition=NEXT.get(case.state),
        )
