"""The customer page in one read: the record, its owner and timeline, contacts, orders,
receivables, follow-ups and pending claims.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.models.customers import ClaimStatus, Contact, PoolClaim
from desktop.services import followups, notice_access, paging
from desktop.services.context import ServiceContext
from desktop.services.customers.checks import _with_pool
from desktop.services.customers.dtos import ContactInfo, CustomerDetail
from desktop.services.customers.ownership import _history, owner_on_in
from desktop.services.customers.pool import _claim_info, _claims_query
from desktop.services.followups import FollowUpRow
from desktop.services.money import OrderRow, ReceivableRow, aging_in, orders_in, receivables_in
from desktop.services.permissions import Action

RECENT = 20


def get_customer(ctx: ServiceContext, customer_id: int) -> CustomerDetail:
    """The customer page: record, owner today and timeline, contacts, recent orders, open
    receivables with their aging, recent follow-ups and pending claims, in one unit of work.
    Parts the actor's role may not see come back empty. A leaver in their notice period
    leaves an audit event for each customer they open."""
    ctx.require(Action.CUSTOMERS_VIEW)
    detail = _read_customer(ctx, customer_id)
    notice_access.audit_customer_view(ctx, customer_id)
    return detail


def _read_customer(ctx: ServiceContext, customer_id: int) -> CustomerDetail:
    money_visible = ctx.can(Action.RECEIVABLES_VIEW) and ctx.can(Action.ORDERS_VIEW)
    followups_visible = ctx.can(Action.FOLLOWUPS_VIEW)
    with ctx.read() as s:
        c = _with_pool(ctx, s, customer_id)
        contacts = tuple(
            ContactInfo(x.id, x.name, x.title, x.phone, x.email, x.is_primary)
            for x in s.scalars(
                select(Contact)
                .where(Contact.customer_id == customer_id)
                .order_by(Contact.is_primary.desc(), Contact.id)
            )
        )
        only = {"customer_id": customer_id}
        orders: tuple[OrderRow, ...] = ()
        open_items: tuple[ReceivableRow, ...] = ()
        aging = None
        if money_visible:
            orders = tuple(orders_in(ctx, s, 0, RECENT, filters=only))
            open_items = tuple(
                receivables_in(ctx, s, 0, paging.MAX_LIMIT, filters={**only, "open_only": True})
            )
            aging = aging_in(ctx, s, ctx.today(), only)
        notes: tuple[FollowUpRow, ...] = ()
        if followups_visible:
            notes = tuple(followups.followups_in(ctx, s, "", 0, RECENT, only))
        claims = tuple(
            _claim_info(*r)
            for r in s.execute(
                _claims_query()
                .where(
                    PoolClaim.customer_id == customer_id,
                    PoolClaim.status == ClaimStatus.PENDING.value,
                )
                .order_by(PoolClaim.id)
            )
        )
        return CustomerDetail(
            id=c.id,
            code=c.code,
            name=c.name,
            credit_code=c.credit_code,
            industry=c.industry,
            region=c.region,
            address=c.address,
            payment_terms_days=c.payment_terms_days,
            credit_limit=c.credit_limit,
            tier=c.tier,
            notes=c.notes,
            in_pool=c.in_pool,
            active=c.active,
            version=c.version,
            owner=owner_on_in(s, customer_id, ctx.today()),
            ownership=tuple(_history(s, customer_id)),
            contacts=contacts,
            recent_orders=orders,
            open_receivables=open_items,
            aging=aging,
            followups=notes,
            pending_claims=claims,
            money_visible=money_visible,
            followups_visible=followups_visible,
        )
