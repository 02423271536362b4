"""Telling a leaver's customers (客户告知): who is not told yet, and waiving it with a reason.

Why: a case could complete while nobody had told the customers who their new contact is, and
the handover form's 已告知 boxes were left for a pen. Now the completion of a case counts the
customers neither recorded as told (:func:`desktop.services.handover.update_items`) nor
waived with a reason here (a customer that stopped ordering years ago, one the firm will not
contact); the form prints what the data says.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.departures import HandoverItem, ItemKind, ItemStatus
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.cases import add_event
from desktop.services.handover.items import items_for_edit
from desktop.services.permissions import Action
from desktop.services.validation import Problems, required_text

MSG_REASON = QT_TRANSLATE_NOOP("Errors", "Give the reason the customer is not to be told.")


def not_informed(s: Session, case_id: int) -> int:
    """Customers of the case still in the handover (not waived) that are neither recorded as
    told nor waived from being told."""
    h = HandoverItem
    return int(
        s.scalar(
            select(func.count())
            .select_from(h)
            .where(
                h.case_id == case_id,
                h.kind == ItemKind.CUSTOMER.value,
                h.status != ItemStatus.WAIVED.value,
                h.customer_informed.is_not(True),
                h.informed_waived_reason.is_(None),
            )
        )
        or 0
    )


def waive_informing(
    ctx: ServiceContext, case_id: int, item_ids: Iterable[int], reason: str
) -> Changes:
    """Record that these customers are not to be told, with one reason, in one transaction
    with one line in the case's history. Only customers' items; any other refuses the whole
    batch, naming it, and nothing changes."""
    ctx.require(Action.HANDOVER_EDIT)
    clean = required_text(reason, "reason", 256, MSG_REASON)
    with ctx.transaction() as s:
        items, case = items_for_edit(ctx, s, case_id, item_ids)
        p = Problems()
        for item in items:
            if item.kind != ItemKind.CUSTOMER.value:
                p.add(
                    ValidationError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "{title}: only a customer's handover records whether the customer "
                            "was told.",
                        ),
                        field="item_ids",
                        title=item.title,
                    )
                )
        p.raise_if_any()
        for item in items:
            item.customer_informed = False
            item.informed_on = None
            item.informed_how = None
            item.informed_waived_reason = clean
        add_event(ctx, s, case, "waive_informing", f"{len(items)}: {clean}")
    return Changes.of(Kind.HANDOVER, ids=frozenset(i.id for i in items))
