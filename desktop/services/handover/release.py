"""Releasing a leaver's customer to the public pool through their departure case.

Why: a customer in an open case may no longer be released directly (that let a leaver empty
their book mid-handover, see :mod:`desktop.services.customers.guards`); the case's customers
tab releases it instead, with a reason, and the item is set aside with that reason in the same
unit of work, so the case can complete.
"""

from __future__ import annotations

from datetime import date

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.customers import Customer
from desktop.models.departures import ItemKind, ItemStatus
from desktop.services import customers, notice_access
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.items import case_of_item, items_for_edit
from desktop.services.permissions import Action
from desktop.services.validation import required_text


def release_item_to_pool(
    ctx: ServiceContext, item_id: int, reason: str, effective: date | None = None
) -> Changes:
    """Release the customer of a handover item to the pool (``effective``, default today) and
    waive the item with ``reason``: one transaction, audited."""
    ctx.require(Action.HANDOVER_EDIT)
    ctx.require(Action.POOL_RELEASE)
    clean = required_text(reason, "reason", 256, customers.MSG_RELEASE_REASON)
    with ctx.transaction() as s:
        notice_access.refuse_in(ctx, s, notice_access.RELEASE)
        (item,), _case = items_for_edit(ctx, s, case_of_item(s, item_id), [item_id])
        if item.kind != ItemKind.CUSTOMER.value or item.customer_id is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Only a customer can be released to the pool.")
            )
        if item.status in (ItemStatus.CONFIRMED.value, ItemStatus.WAIVED.value):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{title} is {status} already."),
                title=item.title,
                status=item.status,
            )
        customer = s.get(Customer, item.customer_id)
        assert customer is not None
        customers.release_in(ctx, s, customer, effective or ctx.today(), clean)
        item.status = ItemStatus.WAIVED.value
        item.waived_reason = clean
        item.completed_by = ctx.actor.user_id
        item.completed_at = ctx.now()
        customer_id = customer.id
    return Changes.of(
        Kind.HANDOVER, Kind.CUSTOMERS, Kind.OWNERSHIP, Kind.POOL, ids=frozenset({customer_id})
    )
