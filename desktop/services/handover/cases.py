"""The departure case behind the handover items: which cases the actor may see, in which states
the items may change, and the case's history — shared by every handover module.

Separate because generation, item edits, successors, confirmation and evidence all load the case
through the same scope and freeze rules; one place keeps them alike.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.departures import CaseEvent, CaseState, DepartureCase, ItemKind
from desktop.models.staff import Employee
from desktop.services import scope, terms
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action

#: States in which the items can still change.
HANDOVER_STATES = (
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
)
#: States in which successors confirm receipt.
CONFIRM_STATES = (CaseState.IN_HANDOVER.value, CaseState.AWAITING_CONFIRMATION.value)
#: Items generated from records, each needing a successor (receivables: a collector).
TRANSFER_KINDS = (
    ItemKind.CUSTOMER.value,
    ItemKind.CONTRACT.value,
    ItemKind.RECEIVABLE.value,
    ItemKind.ORDER.value,
)


MSG_CASE_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Departure case {id} does not exist or is outside what you may see."
)
MSG_ITEM_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Handover item {id} does not exist or is outside what you may see."
)
MSG_CASE_FROZEN = QT_TRANSLATE_NOOP(
    "Errors", "Departure case {case} is {state}: its handover items can no longer change."
)


# --------------------------------------------------------------------------- access


def case_filter(ctx: ServiceContext, s: Session) -> ColumnElement[bool] | None:
    """Cases the actor may see: all for HR, finance, admin and auditors; a manager those of
    their branch's staff and of the employees they manage; None means no filter."""
    sc = scope.scope_of(ctx, s)
    if sc.everyone:
        return None
    people = scope.staff_ids(sc)
    assert people is not None
    if ctx.can(Action.SCOPE_BRANCH) and ctx.actor.employee_id is not None:
        managed = select(Employee.id).where(Employee.manager_id == ctx.actor.employee_id)
        return or_(DepartureCase.employee_id.in_(people), DepartureCase.employee_id.in_(managed))
    return DepartureCase.employee_id.in_(people)


def case_in_scope(ctx: ServiceContext, s: Session, case_id: int) -> DepartureCase:
    """Load a case the actor may see, or raise :class:`NotFound`."""
    case = s.get(DepartureCase, case_id)
    if case is None:
        raise NotFound(MSG_CASE_NOT_FOUND, id=case_id)
    where = case_filter(ctx, s)
    if where is not None and not s.scalar(
        select(DepartureCase.id).where(DepartureCase.id == case_id, where)
    ):
        raise NotFound(MSG_CASE_NOT_FOUND, id=case_id)
    return case


def add_event(
    ctx: ServiceContext,
    s: Session,
    case: DepartureCase,
    action: str,
    comment: str | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
) -> None:
    """One line of the case's history: who, when, what, and their comment."""
    s.add(
        CaseEvent(
            case_id=case.id,
            at=ctx.now(),
            user_id=ctx.actor.user_id,
            actor=ctx.actor.username,
            action=action,
            from_state=from_state,
            to_state=to_state,
            comment=comment,
        )
    )


def _editable(case: DepartureCase) -> None:
    if case.state not in HANDOVER_STATES:
        raise ValidationError(MSG_CASE_FROZEN, case=case.number, state=terms.case_state(case.state))


def _check_planned(case: DepartureCase, planned_on: date | None, today: date) -> None:
    if planned_on is not None and planned_on < today:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "A transfer is planned for today or a later day (not {day})."
            ),
            field="planned_on",
            day=planned_on.isoformat(),
        )
