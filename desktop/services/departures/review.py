"""The manager's review list: the cases waiting for a manager's approval or completion."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select

from desktop.errors import NotFound, ValidationError
from desktop.models.departures import DepartureCase, ItemKind, ItemStatus
from desktop.models.staff import Employee
from desktop.services import handover, scope
from desktop.services.context import ServiceContext
from desktop.services.departures.cases import CaseRow, _case_rows
from desktop.services.departures.detail import SectionProgress, _money_risks, sections_of
from desktop.services.departures.states import S
from desktop.services.departures.workflow import TRANSITIONS, _Facts, _failures
from desktop.services.permissions import Action

# --------------------------------------------------------------------------- manager review


@dataclass(frozen=True)
class ReviewRow:
    """A case waiting for a manager: ``awaiting`` is the move expected of them ("approve" or
    "complete"), with the progress and risks the review list shows."""

    case: CaseRow
    awaiting: str
    sections: tuple[SectionProgress, ...]
    customers_without_successor: int
    overdue_receivables: int
    overdue_amount: Decimal
    failures: tuple[ValidationError, ...]


AWAITING = {S.SUBMITTED.value: "approve", S.AWAITING_CONFIRMATION.value: "complete"}


def cases_awaiting(ctx: ServiceContext, manager_employee_id: int | None = None) -> list[ReviewRow]:
    """Cases waiting for a manager's approval or completion: those of the employees they
    manage directly or of their branch (a manager acting sees their own; an administrator
    names the manager, or sees every waiting case; an auditor reads the list)."""
    ctx.require(Action.REVIEW_VIEW)
    today = ctx.today()
    with ctx.read() as s:
        query = select(DepartureCase).where(DepartureCase.state.in_(list(AWAITING)))
        own = handover.case_filter(ctx, s)
        if own is not None:
            query = query.where(own)
        manager = manager_employee_id
        if manager is None and ctx.can(Action.SCOPE_BRANCH):
            manager = ctx.actor.employee_id
        if manager is not None:
            boss = s.get(Employee, manager)
            if boss is None:
                raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=manager)
            branch = ctx.actor.branch_id or boss.branch_id
            mine = select(Employee.id).where(
                or_(Employee.manager_id == boss.id, Employee.branch_id == branch)
                if branch is not None
                else Employee.manager_id == boss.id
            )
            query = query.where(
                DepartureCase.employee_id.in_(mine), DepartureCase.employee_id != boss.id
            )
        rows = _case_rows(s, query.order_by(DepartureCase.last_day, DepartureCase.id), today)
        out = []
        for row in rows:
            case = s.get(DepartureCase, row.id)
            assert case is not None
            items = handover.items_in(s, case.id, today)
            _, _, n_overdue, overdue = _money_risks(s, case.employee_id, today)
            facts = _Facts(ctx, s, case)
            awaiting = AWAITING[case.state]
            out.append(
                ReviewRow(
                    case=row,
                    awaiting=awaiting,
                    sections=tuple(sections_of(items)),
                    customers_without_successor=sum(
                        1
                        for i in items
                        if i.kind == ItemKind.CUSTOMER.value
                        and i.successor_id is None
                        and i.status == ItemStatus.OPEN.value
                    ),
                    overdue_receivables=n_overdue,
                    overdue_amount=overdue,
                    failures=tuple(_failures(facts, TRANSITIONS[awaiting], None)),
                )
            )
        return out
