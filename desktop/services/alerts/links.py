"""Where an alert's evidence link leads, when the record has no list of its own: a follow-up
is shown on its customer (the customer's follow-ups tab)."""

from __future__ import annotations

from sqlalchemy import select

from desktop.errors import QT_TRANSLATE_NOOP, NotFound
from desktop.models.orders import FollowUp
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action

MSG_NO_FOLLOWUP = QT_TRANSLATE_NOOP("Errors", "There is no follow-up {id}.")


def followup_customer(ctx: ServiceContext, followup_id: int) -> int:
    """The customer a follow-up is about (the Customers page then shows it, in the actor's
    scope: a customer out of scope shows nothing there)."""
    ctx.require(Action.ALERTS_VIEW)
    with ctx.read() as s:
        customer_id = s.scalar(select(FollowUp.customer_id).where(FollowUp.id == followup_id))
    if customer_id is None:
        raise NotFound(MSG_NO_FOLLOWUP, id=followup_id)
    return int(customer_id)
