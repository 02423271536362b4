"""Completing the items someone does rather than hands over: checklist lines and app accounts.

Separate because these are marked done (after their evidence, if the template asks for it) and
an account item disables the leaver's account, while transferable items are confirmed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.accounts import User
from desktop.models.departures import (
    DepartureCase,
    HandoverEvidence,
    HandoverItem,
    ItemKind,
    ItemStatus,
)
from desktop.services import accounts
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.items import case_of_item, items_for_edit
from desktop.services.permissions import Action
from desktop.services.validation import Problems, optional_text

# --------------------------------------------------------------------------- checklist and account items


def _disable_account(ctx: ServiceContext, s: Session, case: DepartureCase, user: User) -> bool:
    """Disable the leaver's app account (not the last enabled administrator); True if done."""
    if user.disabled:
        return True
    if accounts.is_last_admin(s, user):
        return False
    user.disabled = True
    user.disabled_reason = f"departure {case.number}: last working day {case.last_day.isoformat()}"
    return True


def close_account_items(ctx: ServiceContext, s: Session, case: DepartureCase) -> list[str]:
    """Disable every app account of the leaver and mark its item done; the usernames done."""
    done: list[str] = []
    for user in s.scalars(
        select(User).where(User.employee_id == case.employee_id, User.removed.is_(False))
    ):
        if not user.disabled and _disable_account(ctx, s, case, user):
            done.append(user.username)
        if user.disabled:
            for item in s.scalars(
                select(HandoverItem).where(
                    HandoverItem.case_id == case.id,
                    HandoverItem.user_id == user.id,
                    HandoverItem.status == ItemStatus.OPEN.value,
                )
            ):
                item.status = ItemStatus.DONE.value
                item.completed_by = ctx.actor.user_id
                item.completed_at = ctx.now()
    return done


def mark_done(ctx: ServiceContext, item_id: int, note: str = "") -> Changes:
    """The responsible person did a checklist item (its evidence attached first, when the
    template asks for it), or an account item: marking it done disables the account now.
    :func:`handover.complete_items` does the same for several items, with their evidence."""
    ctx.require(Action.HANDOVER_EDIT)
    clean = optional_text(note, "note", 4000)
    with ctx.transaction() as s:
        items, case = items_for_edit(ctx, s, case_of_item(s, item_id), [item_id])
        refuse_undoable(s, items, frozenset())
        finish(ctx, s, case, items, clean)
        return done_changes(items)


def refuse_undoable(
    s: Session, items: list[HandoverItem], with_new_evidence: frozenset[int]
) -> None:
    """Refuse, naming every item at fault, a batch that cannot be marked done: an item that is
    handed over rather than done, one not open, one whose required evidence is missing (and
    not in ``with_new_evidence``, the items getting a file in the same transaction). The last
    enabled administrator's account is refused by :func:`finish`, in the same transaction."""
    p = Problems()
    has_evidence = set(
        s.scalars(
            select(HandoverEvidence.item_id)
            .where(HandoverEvidence.item_id.in_([i.id for i in items]))
            .distinct()
        )
    )
    for item in items:
        if item.kind not in (ItemKind.CHECKLIST.value, ItemKind.ACCOUNT.value):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "{title} is handed over when its successor confirms receipt, not "
                        "marked done.",
                    ),
                    title=item.title,
                )
            )
        elif item.status != ItemStatus.OPEN.value:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{title} is {status} already."),
                    title=item.title,
                    status=item.status,
                )
            )
        elif (
            item.evidence_required
            and item.id not in has_evidence
            and item.id not in with_new_evidence
        ):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{title} needs its evidence attached first."),
                    title=item.title,
                )
            )
    p.raise_if_any()


def done_changes(items: list[HandoverItem]) -> Changes:
    """The items done; an account item disabled an account, so the users list changed too."""
    kinds = [Kind.HANDOVER]
    if any(i.kind == ItemKind.ACCOUNT.value for i in items):
        kinds.append(Kind.USERS)
    return Changes.of(*kinds, ids=frozenset(i.id for i in items))


def finish(
    ctx: ServiceContext, s: Session, case: DepartureCase, items: list[HandoverItem], note: str
) -> None:
    """Mark checked items done (:func:`refuse_undoable` first): accounts are disabled now; the
    last enabled administrator's is refused (the caller's transaction then writes nothing)."""
    now = ctx.now()
    for item in items:
        if item.kind == ItemKind.ACCOUNT.value:
            user = s.get(User, item.user_id)
            assert user is not None
            if not _disable_account(ctx, s, case, user):
                raise ValidationError(accounts.MSG_LAST_ADMIN, username=user.username)
        item.status = ItemStatus.DONE.value
        item.completed_by = ctx.actor.user_id
        item.completed_at = now
        if note:
            item.note = note
