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
from desktop.services.handover.cases import _item_for_edit
from desktop.services.permissions import Action
from desktop.services.validation import optional_text

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
    template asks for it), or an account item: marking it done disables the account now."""
    ctx.require(Action.HANDOVER_EDIT)
    clean = optional_text(note, "note", 4000)
    with ctx.transaction() as s:
        item, case = _item_for_edit(ctx, s, item_id)
        if item.kind not in (ItemKind.CHECKLIST.value, ItemKind.ACCOUNT.value):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{title} is handed over when its successor confirms receipt, not marked done.",
                ),
                title=item.title,
            )
        if item.status != ItemStatus.OPEN.value:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{title} is {status} already."),
                title=item.title,
                status=item.status,
            )
        if item.evidence_required and not s.scalar(
            select(HandoverEvidence.id).where(HandoverEvidence.item_id == item.id).limit(1)
        ):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{title} needs its evidence attached first."),
                title=item.title,
            )
        if item.kind == ItemKind.ACCOUNT.value:
            user = s.get(User, item.user_id)
            assert user is not None
            if not _disable_account(ctx, s, case, user):
                raise ValidationError(accounts.MSG_LAST_ADMIN, username=user.username)
        item.status = ItemStatus.DONE.value
        item.completed_by = ctx.actor.user_id
        item.completed_at = ctx.now()
        if clean:
            item.note = clean
        return Changes.of(Kind.HANDOVER, ids=frozenset({item_id}))
