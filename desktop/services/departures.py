"""Departure cases (离职): the state machine, the legal deadlines, clauses, the manager's review.

The states and transitions are data (:data:`TRANSITIONS`); one function,
:func:`check_transition`, returns *every* failed precondition of a move, and :func:`transition`
is the only code that changes a case's state. Each move records who, when and their comment
(a :class:`CaseEvent`), in the unit of work that makes it.

    draft → submitted → approved → in_handover → awaiting_confirmation → completed → archived
    submitted → draft, awaiting_confirmation → in_handover        (send back, with a comment)
    any open state → withdrawn | cancelled                          (items and history kept)

Side effects: submitting puts the employee on notice; approval generates the handover items
(:mod:`desktop.services.handover`) and, with the order lock from approval, starts the lock
(:mod:`desktop.services.order_lock`); starting the handover marks the employee "handover"; at
the end of the last working day :func:`apply_due_account_disablements` disables their app
account and marks them departed. Withdrawing or cancelling puts them back to active.

Legal duties follow SPEC §3 (PRC Labor Contract Law) with the defaults in business settings:
the termination certificate and the final wages are due on the termination date whatever the
state of the handover; only severance may wait for the handover to finish.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.errors import (
    MSG_PERMISSION,
    QT_TRANSLATE_NOOP,
    BatonError,
    NotFound,
    Translate,
    ValidationError,
)
from desktop.models.accounts import Role, User
from desktop.models.departures import (
    CaseDuty,
    CaseEvent,
    CaseState,
    CaseType,
    ClauseAcknowledgement,
    ClauseTemplate,
    DepartureCase,
    HandoverItem,
    ItemKind,
    ItemStatus,
    LockAttempt,
    NonCompetePayment,
)
from desktop.models.orders import Receivable
from desktop.models.organisation import Branch
from desktop.models.staff import Employee, EmployeeStatus, Position
from desktop.models.types import from_fen
from desktop.services import business_settings as settings
from desktop.services import (
    departure_templates,
    handover,
    imports,
    order_lock,
    paging,
    receivables,
    scope,
)
from desktop.services.context import Changes, ServiceContext, check_version
from desktop.services.handover import ItemRow, case_in_scope
from desktop.services.order_lock import OrderLock
from desktop.services.permissions import Action, can
from desktop.services.validation import (
    Problems,
    money,
    optional_text,
    plausible_date,
    required_text,
)

# Typed and imported orders both meet the lock: register the import row check once.
if order_lock.check_import_row not in imports.ORDER_ROW_CHECKS:
    imports.ORDER_ROW_CHECKS.append(order_lock.check_import_row)

S = CaseState
OPEN_STATES = (S.DRAFT, S.SUBMITTED, S.APPROVED, S.IN_HANDOVER, S.AWAITING_CONFIRMATION)
OPEN_VALUES = tuple(s.value for s in OPEN_STATES)
CASE_FILTERS = ("state", "open_only", "employee_id", "branch_id", "case_type")


# --------------------------------------------------------------------------- the state machine


@dataclass(frozen=True)
class Transition:
    """A named move: from each source state to its target, by a role that may ``action``."""

    name: str
    moves: tuple[tuple[CaseState, CaseState], ...]
    action: Action
    label: str
    comment_required: bool = False

    def target(self, state: str) -> CaseState | None:
        return next((t for s, t in self.moves if s.value == state), None)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit",
            ((S.DRAFT, S.SUBMITTED),),
            Action.DEPARTURES_EDIT,
            QT_TRANSLATE_NOOP("Departures", "Submit for approval"),
        ),
        Transition(
            "approve",
            ((S.SUBMITTED, S.APPROVED),),
            Action.DEPARTURES_APPROVE,
            QT_TRANSLATE_NOOP("Departures", "Approve"),
        ),
        Transition(
            "send_back",
            ((S.SUBMITTED, S.DRAFT), (S.AWAITING_CONFIRMATION, S.IN_HANDOVER)),
            Action.DEPARTURES_APPROVE,
            QT_TRANSLATE_NOOP("Departures", "Send back"),
            comment_required=True,
        ),
        Transition(
            "start_handover",
            ((S.APPROVED, S.IN_HANDOVER),),
            Action.DEPARTURES_EDIT,
            QT_TRANSLATE_NOOP("Departures", "Start the handover"),
        ),
        Transition(
            "request_confirmation",
            ((S.IN_HANDOVER, S.AWAITING_CONFIRMATION),),
            Action.HANDOVER_EDIT,
            QT_TRANSLATE_NOOP("Departures", "Ask for confirmation"),
        ),
        Transition(
            "complete",
            ((S.AWAITING_CONFIRMATION, S.COMPLETED),),
            Action.DEPARTURES_APPROVE,
            QT_TRANSLATE_NOOP("Departures", "Complete"),
        ),
        Transition(
            "archive",
            ((S.COMPLETED, S.ARCHIVED),),
            Action.DEPARTURES_EDIT,
            QT_TRANSLATE_NOOP("Departures", "Archive"),
        ),
        Transition(
            "withdraw",
            tuple((s, S.WITHDRAWN) for s in OPEN_STATES),
            Action.DEPARTURES_EDIT,
            QT_TRANSLATE_NOOP("Departures", "Withdraw"),
            comment_required=True,
        ),
        Transition(
            "cancel",
            tuple((s, S.CANCELLED) for s in OPEN_STATES),
            Action.DEPARTURES_EDIT,
            QT_TRANSLATE_NOOP("Departures", "Cancel"),
            comment_required=True,
        ),
    )
}

#: The forward move from each state (what ``baton departure advance`` does).
NEXT: dict[str, str] = {
    S.DRAFT.value: "submit",
    S.SUBMITTED.value: "approve",
    S.APPROVED.value: "start_handover",
    S.IN_HANDOVER.value: "request_confirmation",
    S.AWAITING_CONFIRMATION.value: "complete",
    S.COMPLETED.value: "archive",
}

MSG_REFUSED = QT_TRANSLATE_NOOP("Errors", "Case {case} cannot {move}:")
MSG_NO_NEXT = QT_TRANSLATE_NOOP(
    "Errors", "Departure case {case} is {state}: there is no next step."
)


class TransitionRefused(BatonError):
    """A move's preconditions failed; ``failures`` lists every one (the GUI lists them)."""

    def __init__(self, case_number: str, move: str, failures: list[ValidationError]) -> None:
        self.case_number = case_number
        self.move = move
        self.failures = failures
        super().__init__(MSG_REFUSED, case=case_number, move=move)

    def message(self, translate: Translate | None = None) -> str:
        head = super().message(translate)
        return head + " " + "; ".join(f.message(translate) for f in self.failures)


@dataclass(frozen=True)
class TransitionOption:
    """A move offered on a case: ``allowed`` when ``failures`` is empty."""

    name: str
    label: str
    target: str
    comment_required: bool
    failures: tuple[ValidationError, ...]

    @property
    def allowed(self) -> bool:
        return not self.failures


def _plural(count: int, one: str, many: str, **params: Any) -> ValidationError:
    return ValidationError(one if count == 1 else many, count=count, **params)


class _Facts:
    """What the preconditions of one case look at, read once."""

    def __init__(self, ctx: ServiceContext, s: Session, case: DepartureCase) -> None:
        self.ctx = ctx
        self.s = s
        self.case = case
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        self.employee = employee
        self.today = ctx.today()
        self._counts: Counter[tuple[str, str, bool]] | None = None

    def counts(self) -> Counter[tuple[str, str, bool]]:
        """Items by (kind, status, has a successor)."""
        if self._counts is None:
            self._counts = Counter()
            for kind, status, has, n in self.s.execute(
                select(
                    HandoverItem.kind,
                    HandoverItem.status,
                    HandoverItem.successor_id.is_not(None),
                    func.count(),
                )
                .where(HandoverItem.case_id == self.case.id)
                .group_by(
                    HandoverItem.kind, HandoverItem.status, HandoverItem.successor_id.is_not(None)
                )
            ):
                self._counts[(kind, status, bool(has))] += n
        return self._counts

    def count(self, kind: str, statuses: Iterable[str], has_successor: bool | None = None) -> int:
        wanted = set(statuses)
        return sum(
            n
            for (k, st, has), n in self.counts().items()
            if k == kind and st in wanted and (has_successor is None or has == has_successor)
        )

    def open_required(self, kinds: Iterable[str]) -> list[HandoverItem]:
        return list(
            self.s.scalars(
                select(HandoverItem)
                .where(
                    HandoverItem.case_id == self.case.id,
                    HandoverItem.kind.in_(list(kinds)),
                    HandoverItem.required.is_(True),
                    HandoverItem.status == ItemStatus.OPEN.value,
                )
                .order_by(HandoverItem.due_on, HandoverItem.id)
            )
        )


Check = Callable[[_Facts], list[ValidationError]]


def _employee_present(f: _Facts) -> list[ValidationError]:
    if f.employee.status == EmployeeStatus.DEPARTED.value and f.case.state in (
        S.DRAFT.value,
        S.SUBMITTED.value,
    ):
        return [
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{name} is recorded as departed already."),
                name=f.employee.name,
            )
        ]
    return []


def _reason_for_dismissal(f: _Facts) -> list[ValidationError]:
    if f.case.case_type == CaseType.DISMISSAL.value and not (f.case.reason or "").strip():
        return [
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A dismissal needs its reason recorded."),
                field="reason",
            )
        ]
    return []


def _not_own_case(f: _Facts) -> list[ValidationError]:
    if f.ctx.actor.employee_id is not None and f.ctx.actor.employee_id == f.case.employee_id:
        return [
            ValidationError(QT_TRANSLATE_NOOP("Errors", "Nobody approves their own departure."))
        ]
    return []


def _generated(f: _Facts) -> list[ValidationError]:
    if f.case.generated_at is None:
        return [
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The handover items have not been generated.")
            )
        ]
    return []


#: Items left without a successor, per kind: (kind, message for one, message for several).
_WITHOUT_SUCCESSOR = (
    (
        ItemKind.CUSTOMER.value,
        QT_TRANSLATE_NOOP("Errors", "{count} customer has no successor"),
        QT_TRANSLATE_NOOP("Errors", "{count} customers have no successor"),
    ),
    (
        ItemKind.RECEIVABLE.value,
        QT_TRANSLATE_NOOP("Errors", "{count} open receivable has nobody to collect it"),
        QT_TRANSLATE_NOOP("Errors", "{count} open receivables have nobody to collect them"),
    ),
    (
        ItemKind.ORDER.value,
        QT_TRANSLATE_NOOP("Errors", "{count} open order has no successor"),
        QT_TRANSLATE_NOOP("Errors", "{count} open orders have no successor"),
    ),
    (
        ItemKind.CONTRACT.value,
        QT_TRANSLATE_NOOP("Errors", "{count} open contract has no successor"),
        QT_TRANSLATE_NOOP("Errors", "{count} open contracts have no successor"),
    ),
)


def _successors_named(f: _Facts) -> list[ValidationError]:
    out = []
    for kind, one, many in _WITHOUT_SUCCESSOR:
        n = f.count(kind, (ItemStatus.OPEN.value,), False)
        if n:
            out.append(_plural(n, one, many))
    return out


def _required_open(f: _Facts, kinds: Iterable[str]) -> list[ValidationError]:
    return [
        ValidationError(
            QT_TRANSLATE_NOOP("Errors", "required item '{title}' is open"), title=item.title
        )
        for item in f.open_required(kinds)
    ]


def _checklist_done(f: _Facts) -> list[ValidationError]:
    return _required_open(f, (ItemKind.CHECKLIST.value,))


def _all_confirmed(f: _Facts) -> list[ValidationError]:
    out = []
    waiting = f.count(ItemKind.CUSTOMER.value, (ItemStatus.OPEN.value,), True)
    if waiting:
        out.append(
            _plural(
                waiting,
                QT_TRANSLATE_NOOP(
                    "Errors", "{count} customer's successor has not confirmed receipt"
                ),
                QT_TRANSLATE_NOOP(
                    "Errors", "{count} customers' successors have not confirmed receipt"
                ),
            )
        )
    others = sum(
        f.count(kind, (ItemStatus.OPEN.value,), True)
        for kind in (ItemKind.RECEIVABLE.value, ItemKind.ORDER.value, ItemKind.CONTRACT.value)
    )
    if others:
        out.append(
            _plural(
                others,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{count} receivable, order or contract is not confirmed by its successor",
                ),
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{count} receivables, orders or contracts are not confirmed by their successors",
                ),
            )
        )
    return out + _required_open(f, (ItemKind.ACCOUNT.value, ItemKind.CHECKLIST.value))


def _duties_done(f: _Facts) -> list[ValidationError]:
    out = []
    for d in deadlines_in(f.s, f.case, f.employee, f.today):
        if d.recordable and d.applies and d.done_on is None and d.key in ARCHIVE_DUTIES:
            out.append(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "duty '{duty}' is not recorded as done"),
                    duty=d.title,
                )
            )
    return out


PRECONDITIONS: dict[str, tuple[Check, ...]] = {
    "submit": (_employee_present, _reason_for_dismissal),
    "approve": (_not_own_case, _employee_present, _reason_for_dismissal),
    "send_back": (),
    "start_handover": (_generated,),
    "request_confirmation": (_successors_named, _checklist_done),
    "complete": (_not_own_case, _successors_named, _all_confirmed),
    "archive": (_duties_done,),
    "withdraw": (),
    "cancel": (),
}


def _failures(f: _Facts, t: Transition, comment: str | None) -> list[ValidationError]:
    out: list[ValidationError] = []
    if not can(f.ctx.actor.role, t.action):
        out.append(
            ValidationError(MSG_PERMISSION, role=f.ctx.actor.role.value, action=t.action.value)
        )
    if t.target(f.case.state) is None:
        out.append(
            ValidationError(QT_TRANSLATE_NOOP("Errors", "the case is {state}"), state=f.case.state)
        )
        return out
    if t.comment_required and comment is not None and not comment.strip():
        out.append(
            ValidationError(QT_TRANSLATE_NOOP("Errors", "a comment is required"), field="comment")
        )
    for check in PRECONDITIONS[t.name]:
        out += check(f)
    return out


def _transition(name: str) -> Transition:
    t = TRANSITIONS.get(name)
    if t is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "{value} is not a step of a departure case (use: {known})."
            ),
            field="transition",
            value=name,
            known=", ".join(TRANSITIONS),
        )
    return t


def check_transition(
    ctx: ServiceContext, case_id: int, name: str, comment: str | None = None
) -> list[ValidationError]:
    """Every reason the move ``name`` is refused now (empty: it would go through)."""
    t = _transition(name)
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        return _failures(_Facts(ctx, s, case), t, comment)


def transition(
    ctx: ServiceContext,
    case_id: int,
    name: str,
    comment: str = "",
    expected_version: int | None = None,
) -> Changes:
    """Make the move ``name``, or raise :class:`TransitionRefused` listing every failed
    precondition. Records who, when and the comment; ``Changes.ids`` holds the case id."""
    t = _transition(name)
    ctx.require(t.action)
    clean = optional_text(comment, "comment", 4000)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        check_version(s, case, expected_version)
        facts = _Facts(ctx, s, case)
        failures = _failures(facts, t, clean or "")
        if failures:
            raise TransitionRefused(case.number, name, failures)
        source = case.state
        target = t.target(source)
        assert target is not None
        _enter(facts, target.value)
        case.state = target.value
        handover.add_event(ctx, s, case, name, clean, source, target.value)
    return Changes.of("departures", "handover", "staff", ids=frozenset({case_id}))


def advance(ctx: ServiceContext, case_id: int, comment: str = "") -> Changes:
    """The forward move from the case's state (submit, approve, start the handover …)."""
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        name = NEXT.get(case.state)
        number, state = case.number, case.state
    if name is None:
        raise ValidationError(MSG_NO_NEXT, case=number, state=state)
    return transition(ctx, case_id, name, comment)


def _set_status(employee: Employee, status: EmployeeStatus) -> None:
    if employee.status != EmployeeStatus.DEPARTED.value and employee.status != status.value:
        employee.status = status.value


def _enter(f: _Facts, target: str) -> None:
    """The side effects of entering ``target``."""
    case, employee, ctx, s = f.case, f.employee, f.ctx, f.s
    if target == S.SUBMITTED.value and employee.status == EmployeeStatus.ACTIVE.value:
        _set_status(employee, EmployeeStatus.NOTICE)
    elif target == S.APPROVED.value:
        case.approved_on = f.today
        case.approved_by = ctx.actor.user_id
        handover.ensure_templates(ctx, s)
        handover.generate_in(ctx, s, case)
    elif target == S.IN_HANDOVER.value:
        _set_status(employee, EmployeeStatus.HANDOVER)
    elif target == S.COMPLETED.value:
        case.completed_on = f.today
        if case.last_day < f.today:
            _leave(ctx, s, case, employee)
    elif target in (S.WITHDRAWN.value, S.CANCELLED.value):
        others = s.scalar(
            select(func.count())
            .select_from(DepartureCase)
            .where(
                DepartureCase.employee_id == employee.id,
                DepartureCase.id != case.id,
                DepartureCase.state.in_(OPEN_VALUES),
            )
        )
        if not others and employee.status in (
            EmployeeStatus.NOTICE.value,
            EmployeeStatus.HANDOVER.value,
        ):
            employee.status = EmployeeStatus.ACTIVE.value


def _leave(ctx: ServiceContext, s: Session, case: DepartureCase, employee: Employee) -> list[str]:
    """The end of the last working day: accounts disabled, the employee departed."""
    disabled = handover.close_account_items(ctx, s, case)
    if disabled:
        handover.add_event(ctx, s, case, "accounts_disabled", ", ".join(disabled))
    if employee.status != EmployeeStatus.DEPARTED.value:
        employee.status = EmployeeStatus.DEPARTED.value
        employee.departed_on = case.last_day + timedelta(days=1)
        handover.add_event(ctx, s, case, "departed", case.last_day.isoformat())
    return disabled


# Convenience wrappers, one per move (the GUI's buttons).
def submit(ctx: ServiceContext, case_id: int, comment: str = "") -> Changes:
    return transition(ctx, case_id, "submit", comment)


def approve(ctx: ServiceContext, case_id: int, comment: str = "") -> Changes:
    """Approve (managers, admin): generates the handover items; may start the order lock."""
    return transition(ctx, case_id, "approve", comment)


def send_back(ctx: ServiceContext, case_id: int, comment: str) -> Changes:
    """Return a submitted case to draft, or a case awaiting confirmation to the handover."""
    return transition(ctx, case_id, "send_back", comment)


def start_handover(ctx: ServiceContext, case_id: int, comment: str = "") -> Changes:
    return transition(ctx, case_id, "start_handover", comment)


def request_confirmation(ctx: ServiceContext, case_id: int, comment: str = "") -> Changes:
    return transition(ctx, case_id, "request_confirmation", comment)


def complete(ctx: ServiceContext, case_id: int, comment: str = "") -> Changes:
    return transition(ctx, case_id, "complete", comment)


def archive(ctx: ServiceContext, case_id: int, comment: str = "") -> Changes:
    return transition(ctx, case_id, "archive", comment)


def withdraw(ctx: ServiceContext, case_id: int, comment: str) -> Changes:
    return transition(ctx, case_id, "withdraw", comment)


def cancel(ctx: ServiceContext, case_id: int, comment: str) -> Changes:
    """Cancel an open case: its items and history stay; the employee is active again."""
    return transition(ctx, case_id, "cancel", comment)


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
    }
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
        return Changes.of("departures", ids=frozenset({case.id}))


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
        return Changes.of("departures", ids=frozenset({case_id}))


def find_case(ctx: ServiceContext, ref: str) -> int:
    """A case's id from its number (D2026-0001) or its id as text."""
    if not can(ctx.actor.role, Action.DEPARTURES_VIEW):
        ctx.require(Action.HANDOVER_CONFIRM)
    text = ref.strip()
    with ctx.read() as s:
        found = s.scalar(select(DepartureCase.id).where(DepartureCase.number == text.upper()))
        if found is None and text.isdigit():
            found = s.scalar(select(DepartureCase.id).where(DepartureCase.id == int(text)))
        if found is None:
            raise NotFound(handover.MSG_CASE_NOT_FOUND, id=text)
        return found


def employee_by_no(ctx: ServiceContext, employee_no: str) -> int:
    """An employee's id from their employee number (within the actor's scope)."""
    if not can(ctx.actor.role, Action.HANDOVER_EDIT):
        ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        found = s.scalar(select(Employee.id).where(Employee.employee_no == employee_no.strip()))
        if found is None:
            raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_no)
        scope.employee_in_scope(ctx, s, found)
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


def _case_where(
    ctx: ServiceContext, s: Session, search: str, filters: dict[str, Any] | None
) -> list[Any]:
    clean = paging.check_filters(filters, CASE_FILTERS)
    where: list[Any] = []
    own = handover.case_filter(ctx, s)
    if own is not None:
        where.append(own)
    if "state" in clean:
        states = clean["state"]
        where.append(DepartureCase.state.in_([states] if isinstance(states, str) else list(states)))
    if clean.get("open_only"):
        where.append(DepartureCase.state.in_(OPEN_VALUES))
    for key in ("employee_id", "case_type"):
        if key in clean:
            where.append(getattr(DepartureCase, key) == clean[key])
    if "branch_id" in clean:
        where.append(
            DepartureCase.employee_id.in_(
                select(Employee.id).where(Employee.branch_id == clean["branch_id"])
            )
        )
    text = search.strip()
    if text:
        where.append(
            or_(
                paging.starts_with(s, DepartureCase.number, text.upper()),
                DepartureCase.employee_id.in_(
                    select(Employee.id).where(
                        or_(
                            paging.contains(s, Employee.name, text),
                            paging.starts_with(s, Employee.employee_no, text),
                        )
                    )
                ),
            )
        )
    return where


def list_cases(
    ctx: ServiceContext,
    offset: int = 0,
    limit: int = 100,
    search: str = "",
    filters: dict[str, Any] | None = None,
) -> list[CaseRow]:
    """A page of cases in scope, most recent first. Search: case number or employee name or
    number. Filters: state (a value or a list), open_only, employee_id, branch_id, case_type."""
    ctx.require(Action.DEPARTURES_VIEW)
    paging.check_page(offset, limit)
    with ctx.read() as s:
        query = (
            select(DepartureCase)
            .where(*_case_where(ctx, s, search, filters))
            .order_by(DepartureCase.submitted_on.desc(), DepartureCase.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return _case_rows(s, query, ctx.today())


def count_cases(
    ctx: ServiceContext, search: str = "", filters: dict[str, Any] | None = None
) -> int:
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(DepartureCase)
                .where(*_case_where(ctx, s, search, filters))
            )
            or 0
        )


# --------------------------------------------------------------------------- deadlines


DUTY_NOTICE = "notice"
DUTY_CERTIFICATE = "termination_certificate"
DUTY_WAGES = "final_wages"
DUTY_FILE = "personnel_file"
DUTY_INSURANCE = "social_insurance"
DUTY_SEVERANCE = "severance"
DUTY_NON_COMPETE = "non_compete_decision"
DUTY_NON_COMPETE_PAY = "non_compete_pay"
DUTY_NON_COMPETE_RELEASE = "non_compete_release"
DUTY_RETENTION = "retention"
DUTY_PROTECTION = "protection"
#: Duties recorded with :func:`record_duty` (the others are computed or recorded elsewhere).
RECORDABLE_DUTIES = (DUTY_CERTIFICATE, DUTY_WAGES, DUTY_FILE, DUTY_INSURANCE, DUTY_SEVERANCE)
#: Duties that must be done before a case is archived.
ARCHIVE_DUTIES = (*RECORDABLE_DUTIES, DUTY_NON_COMPETE)

DUTY_TITLES = {
    DUTY_NOTICE: QT_TRANSLATE_NOOP("Departures", "Notice period ends"),
    DUTY_CERTIFICATE: QT_TRANSLATE_NOOP("Departures", "Termination certificate"),
    DUTY_WAGES: QT_TRANSLATE_NOOP("Departures", "Final wages and earned commission"),
    DUTY_FILE: QT_TRANSLATE_NOOP("Departures", "Personnel file transferred"),
    DUTY_INSURANCE: QT_TRANSLATE_NOOP("Departures", "Social insurance transferred"),
    DUTY_SEVERANCE: QT_TRANSLATE_NOOP("Departures", "Severance (经济补偿)"),
    DUTY_NON_COMPETE: QT_TRANSLATE_NOOP("Departures", "Non-compete decision"),
    DUTY_NON_COMPETE_PAY: QT_TRANSLATE_NOOP(
        "Departures", "Non-compete compensation, month {month}"
    ),
    DUTY_NON_COMPETE_RELEASE: QT_TRANSLATE_NOOP(
        "Departures", "Early release: 3 months' extra compensation"
    ),
    DUTY_RETENTION: QT_TRANSLATE_NOOP("Departures", "Keep the contract and handover records until"),
    DUTY_PROTECTION: QT_TRANSLATE_NOOP("Departures", "Customer protection period ends"),
}
DUTY_BASIS = {
    DUTY_NOTICE: QT_TRANSLATE_NOOP(
        "Departures",
        "{days} days' written notice ({kind}); an earlier last day needs both sides' agreement.",
    ),
    DUTY_CERTIFICATE: QT_TRANSLATE_NOOP(
        "Departures",
        "Due on the termination date, stating the contract term, termination date, position "
        "and years of service, without negative remarks; never held back for an unfinished "
        "handover.",
    ),
    DUTY_WAGES: QT_TRANSLATE_NOOP(
        "Departures", "Settled at termination, including commission already earned."
    ),
    DUTY_FILE: QT_TRANSLATE_NOOP("Departures", "Within {days} days of the termination date."),
    DUTY_INSURANCE: QT_TRANSLATE_NOOP("Departures", "Within {days} days of the termination date."),
    DUTY_SEVERANCE: QT_TRANSLATE_NOOP(
        "Departures", "The only payment that may wait until the handover is complete."
    ),
    DUTY_NON_COMPETE: QT_TRANSLATE_NOOP(
        "Departures",
        "None, or at most {months} months with monthly compensation of at least {percent}% "
        "of the last 12 months' average wage and at least the local minimum wage.",
    ),
    DUTY_NON_COMPETE_PAY: QT_TRANSLATE_NOOP(
        "Departures",
        "After {unpaid} unpaid months the employee may end the restriction.",
    ),
    DUTY_NON_COMPETE_RELEASE: QT_TRANSLATE_NOOP(
        "Departures", "Releasing the employee early costs 3 months' compensation in addition."
    ),
    DUTY_RETENTION: QT_TRANSLATE_NOOP("Departures", "Kept at least {years} years."),
    DUTY_PROTECTION: QT_TRANSLATE_NOOP(
        "Departures",
        "A business setting ({months} months), not a legal period: former customers' orders "
        "are watched until then.",
    ),
}
NOTICE_PROBATION = QT_TRANSLATE_NOOP("Departures", "in probation")
NOTICE_REGULAR = QT_TRANSLATE_NOOP("Departures", "after probation")
WARN_SHORT_NOTICE = QT_TRANSLATE_NOOP(
    "Departures",
    "The last working day is before the notice period ends: record the agreement to end earlier.",
)


@dataclass(frozen=True)
class Deadline:
    """One legal or business date of a case.

    ``title`` and ``basis`` are translatable (context "Departures"), filled with ``params``.
    ``due_on`` None: not yet known (severance is due when the handover completes).
    ``recordable``: done with :func:`record_duty` (the non-compete ones with their own
    functions; notice, retention and protection are informational). ``overdue``: due before
    today and not done. ``warning``: a translatable remark (context "Departures") or None.
    """

    key: str
    title: str
    basis: str
    params: dict[str, Any]
    due_on: date | None
    done_on: date | None
    applies: bool
    recordable: bool
    overdue: bool
    amount: Decimal | None = None
    warning: str | None = None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def in_probation(employee: Employee, on: date) -> bool:
    """Whether ``on`` falls within the employee's probation (``probation_end`` inclusive)."""
    return employee.probation_end is not None and on <= employee.probation_end


def severance_applies(case: DepartureCase) -> bool:
    """Severance by default for a dismissal or a contract that ends (HR may decide otherwise:
    e.g. a resignation for the firm's fault, Art. 38)."""
    if case.severance_applies is not None:
        return case.severance_applies
    return case.case_type in (CaseType.DISMISSAL.value, CaseType.CONTRACT_END.value)


def non_compete_possible(employee: Employee) -> bool:
    """Non-compete only for roles with a confidentiality duty."""
    return bool(employee.confidentiality)


def deadlines_in(
    s: Session, case: DepartureCase, employee: Employee, today: date
) -> list[Deadline]:
    """Every deadline of a case, computed from its dates and the business settings."""

    def get(key: str) -> Any:
        return settings.value_in(s, key)

    done = {
        d.duty: d.done_on for d in s.scalars(select(CaseDuty).where(CaseDuty.case_id == case.id))
    }
    end = case.last_day
    out: list[Deadline] = []

    def add(
        key: str,
        due: date | None,
        *,
        applies: bool = True,
        recordable: bool = True,
        params: dict[str, Any] | None = None,
        done_on: date | None = None,
        amount: Decimal | None = None,
        warning: str | None = None,
        title_key: str | None = None,
    ) -> None:
        finished = done_on if done_on is not None else done.get(key)
        overdue = applies and recordable and due is not None and finished is None and due < today
        out.append(
            Deadline(
                key=key,
                title=DUTY_TITLES[title_key or key],
                basis=DUTY_BASIS[title_key or key],
                params=params or {},
                due_on=due,
                done_on=finished,
                applies=applies,
                recordable=recordable,
                overdue=overdue,
                amount=amount,
                warning=warning,
            )
        )

    notice = case.notice_on or case.submitted_on
    probation = in_probation(employee, notice)
    days = get(settings.PROBATION_NOTICE_DAYS if probation else settings.NOTICE_DAYS)
    notice_end = notice + timedelta(days=days)
    with_notice = case.case_type in (CaseType.RESIGNATION.value, CaseType.DISMISSAL.value)
    add(
        DUTY_NOTICE,
        notice_end,
        applies=with_notice,
        recordable=False,
        params={"days": days, "kind": NOTICE_PROBATION if probation else NOTICE_REGULAR},
        warning=WARN_SHORT_NOTICE if with_notice and end < notice_end else None,
    )
    add(DUTY_CERTIFICATE, end)
    add(DUTY_WAGES, end)
    file_days = get(settings.PERSONNEL_FILE_DAYS)
    add(DUTY_FILE, end + timedelta(days=file_days), params={"days": file_days})
    insurance_days = get(settings.SOCIAL_INSURANCE_DAYS)
    add(DUTY_INSURANCE, end + timedelta(days=insurance_days), params={"days": insurance_days})
    add(DUTY_SEVERANCE, case.completed_on, applies=severance_applies(case))
    percent = get(settings.NON_COMPETE_MIN_PERCENT)
    add(
        DUTY_NON_COMPETE,
        end,
        applies=non_compete_possible(employee),
        params={"months": get(settings.NON_COMPETE_MAX_MONTHS), "percent": percent},
    )
    months = case.non_compete_months or 0
    if months and case.non_compete_monthly is not None:
        paid = {
            p.month: p.paid_on
            for p in s.scalars(
                select(NonCompetePayment).where(NonCompetePayment.case_id == case.id)
            )
        }
        start = end + timedelta(days=1)
        released = case.non_compete_released_on
        unpaid = get(settings.NON_COMPETE_UNPAID_MONTHS)
        for k in range(1, months + 1):
            begins = add_months(start, k - 1)
            if released is not None and begins >= released:
                break
            add(
                f"{DUTY_NON_COMPETE_PAY}:{k}",
                add_months(start, k) - timedelta(days=1),
                params={"month": k, "unpaid": unpaid},
                done_on=paid.get(k),
                amount=case.non_compete_monthly,
                title_key=DUTY_NON_COMPETE_PAY,
            )
        if released is not None:
            add(
                DUTY_NON_COMPETE_RELEASE,
                released,
                amount=case.non_compete_monthly * 3,
            )
    years = get(settings.RECORD_RETENTION_YEARS)
    add(DUTY_RETENTION, add_months(end, 12 * years), recordable=False, params={"years": years})
    protection = get(settings.PROTECTION_MONTHS)
    add(
        DUTY_PROTECTION,
        add_months(end, protection),
        recordable=False,
        params={"months": protection},
    )
    return out


def case_deadlines(ctx: ServiceContext, case_id: int, today: date | None = None) -> list[Deadline]:
    """The case's deadline list with overdue flags on ``today``."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        return deadlines_in(s, case, employee, today or ctx.today())


def record_duty(
    ctx: ServiceContext, case_id: int, duty: str, done_on: date | None = None, note: str = ""
) -> Changes:
    """Record a duty done (termination certificate issued, file transferred …). Recording
    again corrects the date."""
    ctx.require(Action.DEPARTURES_EDIT)
    if duty not in RECORDABLE_DUTIES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{value} is not a duty to record (use: {known})."),
            field="duty",
            value=duty,
            known=", ".join(RECORDABLE_DUTIES),
        )
    clean = optional_text(note, "note", 256)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        if case.state in (S.WITHDRAWN.value, S.CANCELLED.value):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Departure case {case} is {state} and can no longer change."
                ),
                case=case.number,
                state=case.state,
            )
        _record(ctx, s, case, duty, done_on or ctx.today(), clean)
        return Changes.of("departures", ids=frozenset({case_id}))


def _record(
    ctx: ServiceContext, s: Session, case: DepartureCase, duty: str, on: date, note: str | None
) -> None:
    row = s.scalar(select(CaseDuty).where(CaseDuty.case_id == case.id, CaseDuty.duty == duty))
    if row is None:
        s.add(
            CaseDuty(case_id=case.id, duty=duty, done_on=on, done_by=ctx.actor.user_id, note=note)
        )
    else:
        row.done_on, row.done_by, row.note = on, ctx.actor.user_id, note


@dataclass(frozen=True)
class NonCompeteInput:
    """The firm's non-compete decision: ``months`` 0 for none; otherwise the monthly
    compensation and the figures it is checked against (the average monthly wage of the last
    12 months; the local minimum wage, default from the business setting)."""

    months: int
    monthly: Decimal | None = None
    average_monthly_wage: Decimal | None = None
    local_minimum_wage: Decimal | None = None


def decide_non_compete(ctx: ServiceContext, case_id: int, data: NonCompeteInput) -> Changes:
    """Record the non-compete decision, checked against the law's floor and ceiling."""
    ctx.require(Action.DEPARTURES_EDIT)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        p = Problems()
        longest = settings.value_in(s, settings.NON_COMPETE_MAX_MONTHS)
        if not 0 <= data.months <= longest:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "A non-compete lasts 0 to {max} months (not {value})."
                    ),
                    field="months",
                    max=longest,
                    value=data.months,
                )
            )
        monthly = average = minimum = None
        if data.months > 0:
            if not non_compete_possible(employee):
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "{name} has no confidentiality duty: a non-compete cannot apply.",
                        ),
                        field="months",
                        name=employee.name,
                    )
                )
            monthly = p.check(money, data.monthly, "monthly", positive=True)
            average = p.check(
                money, data.average_monthly_wage, "average_monthly_wage", positive=True
            )
            minimum = data.local_minimum_wage
            if minimum is None:
                minimum = Decimal(settings.value_in(s, settings.LOCAL_MINIMUM_WAGE))
            if not minimum:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "Enter the local minimum wage (or set it in the business settings).",
                        ),
                        field="local_minimum_wage",
                    )
                )
            percent = settings.value_in(s, settings.NON_COMPETE_MIN_PERCENT)
            if monthly is not None and average is not None:
                floor = (average * percent / 100).quantize(Decimal("0.01"))
                if monthly < floor:
                    p.add(
                        ValidationError(
                            QT_TRANSLATE_NOOP(
                                "Errors",
                                "The monthly compensation {amount} is below {percent}% of the "
                                "average wage ({floor}).",
                            ),
                            field="monthly",
                            amount=str(monthly),
                            percent=percent,
                            floor=str(floor),
                        )
                    )
            if monthly is not None and minimum and monthly < minimum:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "The monthly compensation {amount} is below the local minimum wage "
                            "({minimum}).",
                        ),
                        field="monthly",
                        amount=str(monthly),
                        minimum=str(minimum),
                    )
                )
        p.raise_if_any()
        case.non_compete_months = data.months
        case.non_compete_monthly = monthly
        case.average_monthly_wage = average
        case.local_minimum_wage = minimum if data.months else None
        _record(ctx, s, case, DUTY_NON_COMPETE, ctx.today(), None)
        handover.add_event(ctx, s, case, "non_compete", f"{data.months} months")
        return Changes.of("departures", ids=frozenset({case_id}))


def record_non_compete_payment(
    ctx: ServiceContext, case_id: int, month: int, amount: Decimal, paid_on: date | None = None
) -> Changes:
    """Record the compensation paid for month ``month`` (1 … the decided months)."""
    ctx.require(Action.DEPARTURES_EDIT)
    value = money(amount, "amount", positive=True)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        if not 1 <= month <= (case.non_compete_months or 0):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Month {value} is not within the non-compete period."),
                field="month",
                value=month,
            )
        row = s.scalar(
            select(NonCompetePayment).where(
                NonCompetePayment.case_id == case.id, NonCompetePayment.month == month
            )
        )
        if row is None:
            s.add(
                NonCompetePayment(
                    case_id=case.id,
                    month=month,
                    amount=value,
                    paid_on=paid_on or ctx.today(),
                    recorded_by=ctx.actor.user_id,
                )
            )
        else:
            row.amount, row.paid_on = value, paid_on or ctx.today()
        return Changes.of("departures", ids=frozenset({case_id}))


def release_non_compete(ctx: ServiceContext, case_id: int, on: date | None = None) -> Changes:
    """The firm releases the employee early: later months are no longer due, and 3 months'
    compensation is due in addition (shown in the deadlines)."""
    ctx.require(Action.DEPARTURES_EDIT)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        if not case.non_compete_months:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Departure case {case} has no non-compete to release."),
                case=case.number,
            )
        case.non_compete_released_on = on or ctx.today()
        handover.add_event(
            ctx, s, case, "non_compete_release", case.non_compete_released_on.isoformat()
        )
        return Changes.of("departures", ids=frozenset({case_id}))


def unpaid_non_compete_months(deadlines: Iterable[Deadline]) -> int:
    """How many months of non-compete compensation are overdue."""
    return sum(1 for d in deadlines if d.key.startswith(DUTY_NON_COMPETE_PAY + ":") and d.overdue)


# --------------------------------------------------------------------------- clauses


@dataclass(frozen=True)
class ClauseInfo:
    """One version of a clause template."""

    id: int
    key: str
    language: str
    version: int
    title: str
    body: str
    sha256: str
    current: bool


@dataclass(frozen=True)
class ClauseView:
    """A clause as a case shows it: the current text, and whether (and which version) the
    employee acknowledged. ``outdated``: they acknowledged an older version."""

    clause: ClauseInfo
    acknowledged_at: datetime | None
    acknowledged_version: int | None
    acknowledged_sha256: str | None
    recorded_by: str | None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def outdated(self) -> bool:
        return (
            self.acknowledged_version is not None
            and self.acknowledged_version != self.clause.version
        )


def _clause_info(c: ClauseTemplate) -> ClauseInfo:
    return ClauseInfo(c.id, c.key, c.language, c.version, c.title, c.body, c.sha256, c.current)


def list_clauses(ctx: ServiceContext, include_old: bool = False) -> list[ClauseInfo]:
    """The clause templates (current versions, or every version), by key and language."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        handover.ensure_templates(ctx, s)
        query = select(ClauseTemplate).order_by(
            ClauseTemplate.key, ClauseTemplate.language, ClauseTemplate.version
        )
        if not include_old:
            query = query.where(ClauseTemplate.current.is_(True))
        return [_clause_info(c) for c in s.scalars(query)]


def save_clause(ctx: ServiceContext, key: str, language: str, title: str, body: str) -> Changes:
    """Edit a clause: a new version becomes current; acknowledgements keep pointing at the
    version they saw. ``Changes.ids`` holds the new version's id."""
    ctx.require(Action.CLAUSE_TEMPLATES_EDIT)
    p = Problems()
    clean_key = p.check(
        required_text, key, "key", 32, QT_TRANSLATE_NOOP("Errors", "Name the clause.")
    )
    clean_title = p.check(
        required_text, title, "title", 200, QT_TRANSLATE_NOOP("Errors", "Give the clause a title.")
    )
    clean_body = p.check(
        required_text, body, "body", 20000, QT_TRANSLATE_NOOP("Errors", "Write the clause's text.")
    )
    if language not in ("zh", "en"):
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A clause is written in zh or en (not {value})."),
                field="language",
                value=language,
            )
        )
    p.raise_if_any()
    assert clean_key and clean_title and clean_body
    with ctx.transaction() as s:
        handover.ensure_templates(ctx, s)
        previous = s.scalars(
            select(ClauseTemplate).where(
                ClauseTemplate.key == clean_key, ClauseTemplate.language == language
            )
        ).all()
        for old in previous:
            if old.current:
                old.current = False
        clause = ClauseTemplate(
            key=clean_key,
            language=language,
            version=max((c.version for c in previous), default=0) + 1,
            title=clean_title,
            body=clean_body,
            sha256=departure_templates.clause_hash(clean_title, clean_body),
            current=True,
            created_by=ctx.actor.user_id,
        )
        s.add(clause)
        s.flush()
        return Changes.of("clauses", ids=frozenset({clause.id}))


CASE_CLAUSES = ("handover", "customer_ownership", "confidentiality", "non_compete")


def _case_clause_keys(case: DepartureCase, employee: Employee) -> list[str]:
    keys = ["handover", "customer_ownership"]
    if employee.confidentiality:
        keys.append("confidentiality")
    if case.non_compete_months or employee.non_compete:
        keys.append("non_compete")
    return keys


def _clauses_in(s: Session, case: DepartureCase, employee: Employee) -> list[ClauseView]:
    keys = _case_clause_keys(case, employee)
    current = s.scalars(
        select(ClauseTemplate)
        .where(ClauseTemplate.key.in_(keys), ClauseTemplate.current.is_(True))
        .order_by(ClauseTemplate.key, ClauseTemplate.language)
    ).all()
    acks: dict[tuple[str, str], tuple[ClauseAcknowledgement, ClauseTemplate, str | None]] = {}
    for ack, clause, who in s.execute(
        select(ClauseAcknowledgement, ClauseTemplate, User.username)
        .join(ClauseTemplate, ClauseTemplate.id == ClauseAcknowledgement.clause_id)
        .outerjoin(User, User.id == ClauseAcknowledgement.recorded_by)
        .where(ClauseAcknowledgement.case_id == case.id)
        .order_by(ClauseAcknowledgement.acknowledged_at)
    ):
        acks[(clause.key, clause.language)] = (ack, clause, who)
    order = {k: i for i, k in enumerate(keys)}
    out = []
    for c in sorted(current, key=lambda c: (order[c.key], c.language)):
        found = acks.get((c.key, c.language))
        out.append(
            ClauseView(
                _clause_info(c),
                found[0].acknowledged_at if found else None,
                found[1].version if found else None,
                found[0].sha256 if found else None,
                found[2] if found else None,
            )
        )
    return out


def acknowledge_clauses(ctx: ServiceContext, case_id: int, clause_ids: Iterable[int]) -> Changes:
    """Record that the departing employee acknowledged these clause versions (who — the
    employee, recorded by the acting user —, when, and the SHA-256 of the text they saw). HR
    records it, or the employee from their own account."""
    with ctx.transaction() as s:
        case = s.get(DepartureCase, case_id)
        own = case is not None and ctx.actor.employee_id == case.employee_id
        if not own:
            ctx.require(Action.DEPARTURES_EDIT)
            case = case_in_scope(ctx, s, case_id)
        assert case is not None
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        allowed = set(_case_clause_keys(case, employee))
        ids = list(dict.fromkeys(clause_ids))
        for clause_id in ids:
            clause = s.get(ClauseTemplate, clause_id)
            if clause is None or clause.key not in allowed:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "Clause {id} is not one of this case's."),
                    field="clause_ids",
                    id=clause_id,
                )
            previous = s.scalars(
                select(ClauseAcknowledgement)
                .join(ClauseTemplate, ClauseTemplate.id == ClauseAcknowledgement.clause_id)
                .where(
                    ClauseAcknowledgement.case_id == case.id,
                    ClauseTemplate.key == clause.key,
                    ClauseTemplate.language == clause.language,
                )
            ).all()
            if any(p.clause_id == clause.id for p in previous):
                continue
            s.add(
                ClauseAcknowledgement(
                    case_id=case.id,
                    clause_id=clause.id,
                    employee_id=case.employee_id,
                    sha256=clause.sha256,
                    acknowledged_at=ctx.now(),
                    recorded_by=ctx.actor.user_id,
                )
            )
        handover.add_event(ctx, s, case, "clauses_acknowledged", ", ".join(str(i) for i in ids))
        return Changes.of("departures", ids=frozenset({case.id}))


# --------------------------------------------------------------------------- the case screen


@dataclass(frozen=True)
class CaseEventInfo:
    at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str | None
    comment: str | None


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
    customers_unconfirmed: int
    customers_not_informed: int
    open_receivables: int
    outstanding: Decimal
    overdue_receivables: int
    overdue_amount: Decimal
    lock_attempts: int
    overdue_deadlines: int
    non_compete_unpaid_months: int
    non_compete_alert: bool
    days_to_last_day: int


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
    non_compete_flag: bool
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


def sections_of(items: Iterable[ItemRow]) -> list[SectionProgress]:
    """Progress per section: generated kinds first, then checklist lines by category."""
    groups: dict[str, list[ItemRow]] = {}
    for item in items:
        key = item.kind if item.kind != ItemKind.CHECKLIST.value else f"checklist:{item.category}"
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
                required_open=sum(
                    1 for r in rows if r.required and r.status == ItemStatus.OPEN.value
                ),
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
    left = receivables.outstanding_fen()
    total_n = total = overdue_n = overdue_sum = 0
    for due, fen in s.execute(
        select(Receivable.due_on, left).where(
            left > 0, Receivable.id.in_(handover.leaver_receivables(employee_id, today))
        )
    ):
        total_n += 1
        total += int(fen)
        if due < today:
            overdue_n += 1
            overdue_sum += int(fen)
    return total_n, from_fen(total), overdue_n, from_fen(overdue_sum)


def _risks(
    s: Session,
    case: DepartureCase,
    items: list[ItemRow],
    deadlines: list[Deadline],
    today: date,
) -> CaseRisks:
    customers = [i for i in items if i.kind == ItemKind.CUSTOMER.value]
    n_open, outstanding, n_overdue, overdue = _money_risks(s, case.employee_id, today)
    attempts = s.scalar(
        select(func.coalesce(func.sum(LockAttempt.rows), 0)).where(LockAttempt.case_id == case.id)
    )
    unpaid = unpaid_non_compete_months(deadlines)
    limit = settings.value_in(s, settings.NON_COMPETE_UNPAID_MONTHS)
    return CaseRisks(
        customers_without_successor=sum(
            1 for c in customers if c.successor_id is None and c.status == ItemStatus.OPEN.value
        ),
        customers_unconfirmed=sum(1 for c in customers if c.status == ItemStatus.OPEN.value),
        customers_not_informed=sum(
            1 for c in customers if not c.customer_informed and c.status != ItemStatus.WAIVED.value
        ),
        open_receivables=n_open,
        outstanding=outstanding,
        overdue_receivables=n_overdue,
        overdue_amount=overdue,
        lock_attempts=int(attempts or 0),
        overdue_deadlines=sum(1 for d in deadlines if d.overdue),
        non_compete_unpaid_months=unpaid,
        non_compete_alert=unpaid >= limit,
        days_to_last_day=(case.last_day - today).days,
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
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        (row,) = _case_rows(s, select(DepartureCase).where(DepartureCase.id == case_id))
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        users = dict(s.execute(select(User.id, User.username)).all())
        items = handover.items_in(s, case.id, today)
        deadlines = deadlines_in(s, case, employee, today)
        row = replace(row, overdue_deadlines=sum(1 for d in deadlines if d.overdue))
        facts = _Facts(ctx, s, case)
        events = tuple(
            CaseEventInfo(e.at, e.actor, e.action, e.from_state, e.to_state, e.comment)
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
            non_compete_flag=employee.non_compete,
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
        if manager is None and ctx.actor.role is Role.MANAGER:
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


# --------------------------------------------------------------------------- daily duties


@dataclass(frozen=True)
class DisablementReport:
    """What :func:`apply_due_account_disablements` did."""

    disabled_users: tuple[str, ...]
    departed_employees: tuple[int, ...]
    cases: tuple[str, ...]


def apply_due_account_disablements(
    ctx: ServiceContext, today: date | None = None
) -> DisablementReport:
    """At the end of a leaver's last working day: disable their app accounts and mark them
    departed (departed_on = the day after the last working day). Runs at every login and may
    run daily; doing it twice changes nothing. Any context may run it: it is the system's
    duty, recorded under the acting user's name.

    Disabling keeps the user's key slot; to revoke it for good an administrator removes the
    user (:func:`desktop.services.accounts.remove_user`), which rotates the database key.
    """
    day = today or ctx.today()
    disabled: list[str] = []
    departed: list[int] = []
    numbers: list[str] = []
    with ctx.transaction() as s:
        due = s.scalars(
            select(DepartureCase).where(
                DepartureCase.state.in_(order_lock.APPROVED_STATES),
                DepartureCase.last_day < day,
            )
        ).all()
        for case in due:
            employee = s.get(Employee, case.employee_id)
            assert employee is not None
            pending = s.scalar(
                select(func.count())
                .select_from(User)
                .where(
                    User.employee_id == employee.id,
                    User.removed.is_(False),
                    User.disabled.is_(False),
                )
            )
            if not pending and employee.status == EmployeeStatus.DEPARTED.value:
                continue
            was_departed = employee.status == EmployeeStatus.DEPARTED.value
            disabled += _leave(ctx, s, case, employee)
            if not was_departed:
                departed.append(employee.id)
            numbers.append(case.number)
    return DisablementReport(tuple(disabled), tuple(departed), tuple(numbers))


def revoke_account_keys(ctx: ServiceContext, case_id: int) -> Changes:
    """Remove the leaver's app accounts for good: their key slots are dropped and the
    database key rotated (administrators; see :func:`desktop.services.accounts.remove_user`)."""
    from desktop.services import accounts

    ctx.require(Action.USERS_MANAGE)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        names = list(
            s.scalars(
                select(User.username).where(
                    User.employee_id == case.employee_id, User.removed.is_(False)
                )
            )
        )
    for name in names:
        accounts.remove_user(ctx, name)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        handover.add_event(ctx, s, case, "keys_revoked", ", ".join(names))
    return Changes.of("users", "keys", "departures", ids=frozenset({case_id}))
