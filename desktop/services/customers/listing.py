"""The customer list with each customer's owner today: its listing spec, and the list, count
and export the customer page and the exports use.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, not_, or_, select
from sqlalchemy.orm import aliased

from desktop.models.customers import Contact, Customer, CustomerAssignment
from desktop.models.staff import Employee
from desktop.services import listing, paging, scope, search_index
from desktop.services.context import ServiceContext
from desktop.services.customers.dtos import CustomerRow
from desktop.services.permissions import Action


def _owner_join(query: Select[Any], today: date) -> tuple[Select[Any], Any, Any]:
    a = aliased(CustomerAssignment)
    e = aliased(Employee)
    query = query.outerjoin(a, (a.customer_id == Customer.id) & scope.covers(today, a)).outerjoin(
        e, e.id == a.employee_id
    )
    return query, a, e


def _owner_today(what: str) -> listing.OnDay:
    """A sort by the current owner's name or since when they own it (a correlated subquery,
    so the page's keys are still sorted on the customer table alone)."""

    def on(day: date) -> Any:
        a = aliased(CustomerAssignment)
        e = aliased(Employee)
        picked = e.name if what == "name" else a.valid_from
        return (
            select(picked)
            .select_from(a)
            .outerjoin(e, e.id == a.employee_id)
            .where(a.customer_id == Customer.id, scope.covers(day, a))
            .correlate(Customer)
            .limit(1)
            .scalar_subquery()
        )

    return listing.OnDay(on)


def _rows(env: listing.Env, ids: list[int]) -> list[CustomerRow]:
    """Step two: the rows of those ids with today's owner, in the page's order."""
    if not ids:
        return []
    query, a, e = _owner_join(select(Customer), env.day)
    query = query.add_columns(a.employee_id, e.name, a.valid_from, e.employee_no).where(
        Customer.id.in_(ids)
    )
    found = {
        c.id: CustomerRow(
            c.id,
            c.code,
            c.name,
            c.credit_code,
            c.industry,
            c.region,
            c.tier,
            c.payment_terms_days,
            c.credit_limit,
            c.in_pool,
            c.active,
            owner,
            owner_name,
            since,
            owner_no,
        )
        for c, owner, owner_name, since, owner_no in env.s.execute(query)
    }
    return [found[i] for i in ids]


def _scope(env: listing.Env) -> Any:
    own = scope.customer_filter(scope.scope_of(env.ctx, env.s), env.day)
    if own is None:
        return None
    # The pool is public: anyone who sees customers may browse it, but only when asking for
    # it; a salesperson's ordinary list, search and export hold their own customers.
    pool = not env.export and env.filters.get("in_pool") is True
    return or_(own, Customer.in_pool.is_(True)) if pool else own


def _owned_by(kind: str) -> listing.Filter:
    def where(env: listing.Env, value: int) -> Any:
        whose = scope.Scope(False, **{kind: value})
        return scope.owned_by_scope(whose, env.day, Customer.id)

    return listing.Filter(listing.check_id, where)


def _unowned(env: listing.Env) -> Any:
    a = aliased(CustomerAssignment)
    return not_(Customer.id.in_(select(a.customer_id).where(scope.covers(env.day, a))))


#: The customer list: a page of ids sorted on the customer table, then their rows with today's
#: owner (two steps: joining the owner for every row of 50,000 would cost more than the page).
CUSTOMERS: listing.ListingSpec[CustomerRow] = listing.ListingSpec(
    entity="customer",
    table=Customer,
    key=Customer.id,
    view=Action.CUSTOMERS_VIEW,
    rows_by_key=_rows,
    scope=_scope,
    sorts={
        "code": Customer.code,
        "name": Customer.name,
        "region": Customer.region,
        "industry": Customer.industry,
        "tier": Customer.tier,
        "credit_limit": Customer.credit_limit,
        "owner": _owner_today("name"),
        "owner_since": _owner_today("since"),
    },
    default_sort="code",
    filters={
        "id": listing.equals(Customer.id),
        "owner_id": _owned_by("employee_id"),
        "branch_id": _owned_by("branch_id"),
        "in_pool": listing.flag(Customer.in_pool),
        "unowned": listing.only(_unowned),
        "active": listing.flag(Customer.active),
        "region": listing.equals(Customer.region, listing.check_text),
        "industry": listing.equals(Customer.industry, listing.check_text),
        "tier": listing.equals(Customer.tier, listing.check_text),
    },
    search=listing.Search(
        (
            listing.Match(Customer.code),
            listing.Match(Customer.name),
            listing.Match(Customer.credit_code),
            listing.Match(Customer.region),
            listing.Match(Customer.industry),
            listing.Match(Customer.name_pinyin),
            listing.Match(Customer.name_initials),
            listing.Via(
                Customer.id,
                Contact.customer_id,
                (listing.Match(Contact.name), listing.Match(Contact.phone)),
            ),
        ),
        index=search_index.customers_matching,
        walk=search_index.customers_walk,
    ),
    scan_when_searching=True,
)
CUSTOMER_FILTERS = tuple(CUSTOMERS.filters)
CUSTOMER_SORTS = tuple(CUSTOMERS.sorts)


def list_customers(
    ctx: ServiceContext,
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[CustomerRow]:
    """A page of customers in scope; ``search`` matches code, name, credit code, region,
    industry, a contact's name or phone and the name's pinyin or initials ("wang", "sdwl")
    anywhere. Sorts: code, name, region, industry, tier, credit_limit, owner,
    owner_since. Filters: owner_id, branch_id (owner's), in_pool (True shows the public pool,
    also to sales), unowned, active, region, industry, tier."""
    return listing.list_rows(ctx, CUSTOMERS, offset, limit, search, sort, descending, filters)


def count_customers(
    ctx: ServiceContext, search: str = "", filters: dict[str, Any] | None = None
) -> int:
    return listing.count_rows(ctx, CUSTOMERS, search, filters)


def export_customers(
    ctx: ServiceContext,
    search: str = "",
    filters: dict[str, Any] | None = None,
    sort: str | None = None,
    sink: paging.RowSink | None = None,
) -> list[CustomerRow]:
    """Every customer row the actor may export (their scope; the pool never counts as a
    salesperson's own), recording the export in the audit log in the same unit of work.
    With a ``sink`` the rows stream to it page by page and the list returned is empty.

    The file writing and the approval of large exports belong to the exports service.
    """
    return listing.export_rows(ctx, CUSTOMERS, search, filters, sort, sink)
