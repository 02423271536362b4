"""The state machine of a departure case: the transitions as data, their preconditions, and the
one function that moves a case (with its side effects on the employee and the order lock).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.errors import MSG_PERMISSION, QT_TRANSLATE_NOOP, BatonError, Translate, ValidationError
from desktop.models.departures import (
    CaseEvent,
    CaseState,
    CaseType,
    DepartureCase,
    HandoverItem,
    ItemKind,
    ItemStatus,
)
from desktop.models.staff import Employee, EmployeeStatus
from desktop.services import handover, terms
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext, check_version
from desktop.services.departures.duties import ARCHIVE_DUTIES, deadlines_in
from desktop.services.departures.states import CLOSED_VALUES, OPEN_STATES, OPEN_VALUES, S
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action
from desktop.services.validation import optional_text

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
    dismissals = (CaseType.DISMISSAL.value, CaseType.MISCONDUCT.value)
    if f.case.case_type in dismissals and not (f.case.reason or "").strip():
        return [
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A dismissal needs its reason recorded."),
                field="reason",
            )
        ]
    return []


def _not_own_case(f: _Facts) -> list[ValidationError]:
    own = f.ctx.actor.employee_id is not None and f.ctx.actor.employee_id == f.case.employee_id
    if own and not f.ctx.can(Action.DEPARTURES_APPROVE_OWN):
        return [
            ValidationError(QT_TRANSLATE_NOOP("Errors", "Nobody approves their own departure."))
        ]
    return []


def _not_submitted_by_approver(f: _Facts) -> list[ValidationError]:
    """Four eyes: whoever submitted the case (its last submission) does not approve it, not even
    an administrator; another person with the right to approve must."""
    user_id = f.ctx.actor.user_id
    if user_id is None:
        return []
    submitter = f.s.scalar(
        select(CaseEvent.user_id)
        .where(CaseEvent.case_id == f.case.id, CaseEvent.to_state == S.SUBMITTED.value)
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
        .limit(1)
    )
    if submitter == user_id:
        return [
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "You submitted case {case}: another person approves it (separation of duties).",
                ),
                case=f.case.number,
            )
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


def _customers_told(f: _Facts) -> list[ValidationError]:
    """客户告知: every customer still in the handover is recorded as told, or waived with a
    reason; the message names the controls that fix it."""
    untold = handover.not_informed(f.s, f.case.id)
    if not untold:
        return []
    return [
        _plural(
            untold,
            QT_TRANSLATE_NOOP(
                "Errors",
                "{count} customer is not recorded as told of the handover: on the Customers "
                "tab select it and use Mark customer informed…, or Waive informing… with a "
                "reason (baton departure informed)",
            ),
            QT_TRANSLATE_NOOP(
                "Errors",
                "{count} customers are not recorded as told of the handover: on the Customers "
                "tab select them and use Mark customer informed…, or Waive informing… with a "
                "reason (baton departure informed)",
            ),
        )
    ]


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
    "approve": (
        _not_own_case,
        _not_submitted_by_approver,
        _employee_present,
        _reason_for_dismissal,
    ),
    "send_back": (),
    "start_handover": (_generated,),
    "request_confirmation": (_successors_named, _checklist_done),
    "complete": (_not_own_case, _successors_named, _all_confirmed, _customers_told),
    "archive": (_duties_done,),
    "withdraw": (),
    "cancel": (),
}


def _failures(f: _Facts, t: Transition, comment: str | None) -> list[ValidationError]:
    out: list[ValidationError] = []
    if not f.ctx.can(t.action):
        out.append(
            ValidationError(MSG_PERMISSION, role=f.ctx.actor.role.value, action=t.action.value)
        )
    if t.target(f.case.state) is None:
        out.append(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "the case is {state}"),
                state=terms.case_state(f.case.state),
            )
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
    return Changes.of(Kind.DEPARTURES, Kind.HANDOVER, Kind.EMPLOYEES, ids=frozenset({case_id}))


def advance(ctx: ServiceContext, case_id: int, comment: str = "") -> Changes:
    """The forward move from the case's state (submit, approve, start the handover …)."""
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        name = NEXT.get(case.state)
        number, state = case.number, case.state
    if name is None:
        raise ValidationError(MSG_NO_NEXT, case=number, state=terms.case_state(state))
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
    elif target in CLOSED_VALUES:
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
