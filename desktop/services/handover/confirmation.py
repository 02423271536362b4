"""Confirming receipt of handover items, and the one rule of who may confirm it.

Separate because confirmation is where ownership moves (customers reassigned with reason
"handover", collectors and contract keepers changed), and because the rule of who may confirm —
the successor, or a manager or administrator on their behalf — must be decided in one place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, false, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.customers import Contract, Customer
from desktop.models.departures import DepartureCase, HandoverItem, ItemKind, ItemStatus
from desktop.models.orders import Receivable
from desktop.services import customers, scope, terms
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.cases import (
    CONFIRM_STATES,
    MSG_CASE_NOT_FOUND,
    MSG_ITEM_NOT_FOUND,
    TRANSFER_KINDS,
    add_event,
    case_in_scope,
)
from desktop.services.handover.items import MSG_NO_ITEMS, ItemRow, items_in
from desktop.services.permissions import Action
from desktop.services.validation import Problems

# --------------------------------------------------------------------------- who may confirm


def may_confirm_all(ctx: ServiceContext) -> bool:
    """Whether the actor confirms receipt on any successor's behalf
    (``Action.HANDOVER_CONFIRM_FOR_OTHERS`` in the permission table: managers, admin)."""
    return ctx.can(Action.HANDOVER_CONFIRM) and ctx.can(Action.HANDOVER_CONFIRM_FOR_OTHERS)


def may_confirm_for(
    ctx: ServiceContext, successor_id: int | None, case_in_scope: bool = True
) -> bool:
    """The one rule of who may confirm receipt for a successor: that successor themselves, or
    a manager or administrator on their behalf (:func:`may_confirm_all`) in a case within
    their scope (``case_in_scope``: the screens show only such cases); never a role without
    ``Action.HANDOVER_CONFIRM``. Every check asks this — the list of what waits for the actor
    (:func:`confirmable_by`, its form as a query), the refusal in :func:`confirm_items` and
    the buttons of the screens — so they cannot disagree."""
    if not ctx.can(Action.HANDOVER_CONFIRM):
        return False
    own = successor_id is not None and successor_id == ctx.actor.employee_id
    return own or (case_in_scope and may_confirm_all(ctx))


def confirmable_by(ctx: ServiceContext, mine_only: bool = False) -> ColumnElement[bool] | None:
    """:func:`may_confirm_for` as a WHERE clause on :class:`HandoverItem` (None: no filter).

    ``mine_only``: the items whose successor is the actor — what waits for *their* receipt,
    even when they may also confirm for others, and all they may confirm in a case outside
    their scope. A test asserts that the clause and the function agree item by item."""
    if not ctx.can(Action.HANDOVER_CONFIRM):
        return false()
    if may_confirm_all(ctx) and not mine_only:
        return None
    if ctx.actor.employee_id is None:
        return false()
    return HandoverItem.successor_id == ctx.actor.employee_id


def may_confirm(ctx: ServiceContext, item: ItemRow) -> bool:
    """Whether :func:`confirm_items` would accept ``item`` from the actor: open, with a
    successor, and the actor is that successor or confirms on their behalf."""
    return (
        item.status == ItemStatus.OPEN.value
        and item.successor_id is not None
        and may_confirm_for(ctx, item.successor_id)
    )


# --------------------------------------------------------------------------- confirmation


def pending_confirmations(ctx: ServiceContext) -> list[ItemRow]:
    """Items waiting for the acting successor's confirmation, in open handovers: the items
    of which they are the successor (:func:`confirmable_by` with ``mine_only``), each one that
    :func:`may_confirm` accepts."""
    ctx.require(Action.HANDOVER_CONFIRM)
    if ctx.actor.employee_id is None:
        return []
    query = (
        select(HandoverItem.case_id)
        .join(DepartureCase, DepartureCase.id == HandoverItem.case_id)
        .where(
            HandoverItem.status == ItemStatus.OPEN.value,
            DepartureCase.state.in_(CONFIRM_STATES),
        )
        .distinct()
    )
    mine = confirmable_by(ctx, mine_only=True)
    if mine is not None:
        query = query.where(mine)
    with ctx.read() as s:
        cases = s.scalars(query).all()
        out: list[ItemRow] = []
        for case_id in cases:
            out += items_in(
                s, case_id, ctx.today(), successor_id=ctx.actor.employee_id, open_only=True
            )
        return [row for row in out if may_confirm(ctx, row)]


def confirm_items(
    ctx: ServiceContext,
    case_id: int,
    item_ids: Iterable[int] | None = None,
    customer_ids: Iterable[int] | None = None,
    comment: str = "",
) -> Changes:
    """The successor confirms receipt; ownership moves now.

    A salesperson confirms only items of which they are the successor; a manager who may see
    the case (the leaver's branch or manager) or an administrator may confirm on the
    successor's behalf — the record shows who confirmed. Without ``item_ids`` or
    ``customer_ids``: every open transferable item the actor may confirm that has a successor.
    All or nothing: every problem is reported at once.

    Effects, in one transaction: customers move to the successor with reason "handover",
    effective on the later of today and the planned date; a receivable's collector becomes the
    successor; a contract's keeper likewise. Orders keep their salesperson (commission follows
    the handover policy, not the item).
    """
    ctx.require(Action.HANDOVER_CONFIRM)
    item_ids = list(dict.fromkeys(item_ids)) if item_ids is not None else None
    customer_ids = list(dict.fromkeys(customer_ids)) if customer_ids is not None else None
    with ctx.transaction() as s:
        p = Problems()
        case, items = _confirmable(ctx, s, case_id, item_ids, customer_ids, p)
        p.raise_if_any()
        _confirm_in(ctx, s, case, items, comment)
        return _confirmed(items)


def confirm_pending(
    ctx: ServiceContext,
    case_id: int | None = None,
    item_ids: Iterable[int] | None = None,
    comment: str = "",
) -> Changes:
    """Confirm receipt of what waits for the actor, across cases, in one transaction.

    ``item_ids`` None: with ``case_id``, everything in that case the actor may confirm (as
    :func:`confirm_items`); without, every item of :func:`pending_confirmations` — the actor's
    own receipts in every open handover. Given ``item_ids`` (of ``case_id`` when named, else of
    any case): exactly those. Why one transaction: a receipt list spanning two cases that
    failed in the second used to leave the first confirmed; now every refusal of every case is
    reported at once, naming the item, and nothing moves.
    """
    ctx.require(Action.HANDOVER_CONFIRM)
    wanted = list(dict.fromkeys(item_ids)) if item_ids is not None else None
    if wanted is not None and not wanted:
        raise ValidationError(MSG_NO_ITEMS, field="item_ids")
    with ctx.transaction() as s:
        if case_id is not None:
            by_case: dict[int, list[int] | None] = {case_id: wanted}
        elif wanted is None:
            by_case = {
                c: list(ids)
                for c, ids in _group(
                    s.execute(
                        select(HandoverItem.case_id, HandoverItem.id)
                        .join(DepartureCase, DepartureCase.id == HandoverItem.case_id)
                        .where(
                            HandoverItem.successor_id == ctx.actor.employee_id,
                            HandoverItem.status == ItemStatus.OPEN.value,
                            HandoverItem.kind.in_(TRANSFER_KINDS),
                            DepartureCase.state.in_(CONFIRM_STATES),
                        )
                        .order_by(HandoverItem.case_id, HandoverItem.id)
                    ).all()
                ).items()
            }
            if not by_case:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "Nothing is waiting for your confirmation.")
                )
        else:
            found = dict(
                s.execute(
                    select(HandoverItem.id, HandoverItem.case_id).where(HandoverItem.id.in_(wanted))
                ).all()
            )
            unknown = Problems()
            for ident in wanted:
                if ident not in found:
                    unknown.add(ValidationError(MSG_ITEM_NOT_FOUND, field="item_ids", id=ident))
            unknown.raise_if_any()
            by_case = {c: list(ids) for c, ids in _group((found[i], i) for i in wanted).items()}
        p = Problems()
        batches = [_confirmable(ctx, s, c, ids, None, p) for c, ids in sorted(by_case.items())]
        p.raise_if_any()
        every: list[HandoverItem] = []
        for case, items in batches:
            _confirm_in(ctx, s, case, items, comment)
            every += items
        return _confirmed(every)


def _group(pairs: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for key, value in pairs:
        out[key].append(value)
    return out


def _confirmed(items: list[HandoverItem]) -> Changes:
    return Changes.of(
        Kind.HANDOVER, Kind.CUSTOMERS, Kind.OWNERSHIP, ids=frozenset(i.id for i in items)
    )


def _confirmable(
    ctx: ServiceContext,
    s: Session,
    case_id: int,
    item_ids: list[int] | None,
    customer_ids: list[int] | None,
    p: Problems,
) -> tuple[DepartureCase, list[HandoverItem]]:
    """Load the case and the items to confirm; every refusal goes into ``p``."""
    found = s.get(DepartureCase, case_id)
    if found is None:
        raise NotFound(MSG_CASE_NOT_FOUND, id=case_id)
    case = found
    # A successor confirms their own items wherever the case is; confirming for others
    # needs the case within the actor's scope.
    in_scope = may_confirm_all(ctx)
    if in_scope:
        try:
            case_in_scope(ctx, s, case_id)
        except NotFound:
            in_scope = False
            if not _succeeds_in(ctx, s, case_id):
                raise  # neither theirs nor in their scope: as if it did not exist
    if case.state not in CONFIRM_STATES:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Departure case {case} is {state}: receipt is confirmed while the handover "
                    "is in progress.",
                ),
                case=case.number,
                state=terms.case_state(case.state),
            )
        )
        return case, []
    query = select(HandoverItem).where(
        HandoverItem.case_id == case.id, HandoverItem.kind.in_(TRANSFER_KINDS)
    )
    explicit = item_ids is not None or customer_ids is not None
    if item_ids is not None:
        query = query.where(HandoverItem.id.in_(list(item_ids)))
    if customer_ids is not None:
        query = query.where(
            HandoverItem.kind == ItemKind.CUSTOMER.value,
            HandoverItem.customer_id.in_(list(customer_ids)),
        )
    if not explicit:
        query = query.where(
            HandoverItem.status == ItemStatus.OPEN.value,
            HandoverItem.successor_id.is_not(None),
        )
        confirmable = confirmable_by(ctx, mine_only=not in_scope)
        if confirmable is not None:
            query = query.where(confirmable)
    items = list(s.scalars(query.order_by(HandoverItem.id)))
    _refuse_unconfirmable(
        ctx, s, case, items, explicit, item_ids, customer_ids, ctx.today(), p, in_scope
    )
    return case, items


def _confirm_in(
    ctx: ServiceContext,
    s: Session,
    case: DepartureCase,
    items: list[HandoverItem],
    comment: str,
) -> None:
    """Move ownership for checked items (:func:`_confirmable` first) and note it in the case."""
    today = ctx.today()
    note = f"departure {case.number}: successor confirmed receipt"
    moves: dict[tuple[int, date], list[int]] = defaultdict(list)
    now = ctx.now()
    for item in items:
        assert item.successor_id is not None
        effective = max(today, item.planned_on or today)
        item.status = ItemStatus.CONFIRMED.value
        item.confirmed_by = ctx.actor.user_id
        item.confirmed_at = now
        item.effective_on = effective
        if item.completed_at is None:
            item.completed_by = ctx.actor.user_id
            item.completed_at = now
        if item.kind == ItemKind.CUSTOMER.value and item.customer_id is not None:
            owner = scope.current_owner_id(s, item.customer_id, effective)
            if owner != item.successor_id:
                moves[(item.successor_id, effective)].append(item.customer_id)
        elif item.kind == ItemKind.RECEIVABLE.value:
            receivable = s.get(Receivable, item.receivable_id)
            if receivable is not None and receivable.collector_id != item.successor_id:
                receivable.collector_id = item.successor_id
        elif item.kind == ItemKind.CONTRACT.value:
            contract = s.get(Contract, item.contract_id)
            if contract is not None and contract.employee_id != item.successor_id:
                contract.employee_id = item.successor_id
    for (successor, effective), ids in moves.items():
        customers.reassign_in(
            ctx, s, ids, successor, effective, customers.AssignmentReason.HANDOVER.value, note
        )
    if items:
        counts = Counter(i.kind for i in items)
        add_event(
            ctx,
            s,
            case,
            "confirm",
            "; ".join(
                filter(
                    None,
                    [", ".join(f"{k} {n}" for k, n in sorted(counts.items())), comment.strip()],
                )
            ),
        )


def _refuse_unconfirmable(
    ctx: ServiceContext,
    s: Session,
    case: DepartureCase,
    items: list[HandoverItem],
    explicit: bool,
    item_ids: list[int] | None,
    customer_ids: list[int] | None,
    today: date,
    p: Problems,
    in_scope: bool,
) -> None:
    if item_ids is not None:
        found_ids = {i.id for i in items}
        for ident in item_ids:
            if ident in found_ids:
                continue
            other = s.get(HandoverItem, ident)
            if other is None or other.case_id != case.id:
                p.add(ValidationError(MSG_ITEM_NOT_FOUND, field="item_ids", id=ident))
            else:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "{title} is not an open item that a successor takes over."
                        ),
                        field="item_ids",
                        title=other.title,
                    )
                )
    if customer_ids is not None:
        found = {i.customer_id for i in items}
        for cid in customer_ids:
            if cid not in found:
                customer = s.get(Customer, cid)
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "{customer} is not a customer of this handover."
                        ),
                        field="customer_ids",
                        customer=customer.name if customer else str(cid),
                    )
                )
    if not items and not explicit:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Nothing in case {case} is waiting for your confirmation."
                ),
                case=case.number,
            )
        )
    for item in items:
        if item.status != ItemStatus.OPEN.value:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{title} is {status} already."),
                    title=item.title,
                    status=item.status,
                )
            )
        elif item.successor_id is None:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{title} has no successor to confirm it."),
                    title=item.title,
                )
            )
        elif not may_confirm_for(ctx, item.successor_id, in_scope):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "You are not the successor of {title}; the successor or their manager "
                        "confirms it.",
                    ),
                    title=item.title,
                )
            )
        elif item.kind == ItemKind.CUSTOMER.value and item.customer_id is not None:
            effective = max(today, item.planned_on or today)
            owner = scope.current_owner_id(s, item.customer_id, effective)
            if owner not in (case.employee_id, item.successor_id):
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "{title} has meanwhile been given to someone else; waive its "
                            "handover item instead.",
                        ),
                        title=item.title,
                    )
                )


def _succeeds_in(ctx: ServiceContext, s: Session, case_id: int) -> bool:
    """Whether the actor is the successor of some item of the case."""
    mine = confirmable_by(ctx, mine_only=True)
    query = select(HandoverItem.id).where(HandoverItem.case_id == case_id).limit(1)
    return s.scalar(query if mine is None else query.where(mine)) is not None
