"""Searching, paging, counting and exporting customers with their owner today (the customer list
and its export).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Select, func, not_, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.staff import Employee
from desktop.services import paging, scope
from desktop.services.context import ServiceContext
from desktop.services.customers.dtos import CustomerRow
from desktop.services.permissions import Action

CUSTOMER_FILTERS = (
    "owner_id",
    "branch_id",
    "in_pool",
    "unowned",
    "active",
    "region",
    "industry",
    "tier",
)
CUSTOMER_SORTS = (
    "code",
    "name",
    "region",
    "industry",
    "tier",
    "credit_limit",
    "owner",
    "owner_since",
)


def _where(
    ctx: ServiceContext,
    s: Session,
    search: str,
    filters: dict[str, Any] | None,
    *,
    allow_pool: bool = True,
) -> list[Any]:
    clean = paging.check_filters(filters, CUSTOMER_FILTERS)
    today = ctx.today()
    where: list[Any] = []
    text = search.strip()
    if text:
        # First: SQLite tests the terms in order, and the LIKE is the cheap, selective one.
        where.append(
            or_(
                paging.contains(s, Customer.code, text),
                paging.contains(s, Customer.name, text),
                paging.starts_with(s, Customer.credit_code, text.upper()),
            )
        )
    if "in_pool" in clean:
        where.append(Customer.in_pool.is_(bool(clean["in_pool"])))
    if "active" in clean:
        where.append(Customer.active.is_(bool(clean["active"])))
    for key in ("region", "industry", "tier"):
        if key in clean:
            where.append(getattr(Customer, key) == clean[key])
    if "owner_id" in clean:
        owner = scope.Scope(False, employee_id=clean["owner_id"])
        where.append(scope.owned_by_scope(owner, today, Customer.id))
    if "branch_id" in clean:
        branch = scope.Scope(False, branch_id=clean["branch_id"])
        where.append(scope.owned_by_scope(branch, today, Customer.id))
    if clean.get("unowned"):
        a = aliased(CustomerAssignment)
        where.append(not_(Customer.id.in_(select(a.customer_id).where(scope.covers(today, a)))))
    own = scope.customer_filter(scope.scope_of(ctx, s), today)
    if own is not None:
        # The pool is public: anyone who sees customers may browse it, but only when asking
        # for it; a salesperson's ordinary list, search and export hold their own customers.
        pool = allow_pool and clean.get("in_pool") is True
        where.append(or_(own, Customer.in_pool.is_(True)) if pool else own)
    return where


def _owner_join(query: Select[Any], today: date) -> tuple[Select[Any], Any, Any]:
    a = aliased(CustomerAssignment)
    e = aliased(Employee)
    query = query.outerjoin(a, (a.customer_id == Customer.id) & scope.covers(today, a)).outerjoin(
        e, e.id == a.employee_id
    )
    return query, a, e


def _page_ids(
    ctx: ServiceContext,
    s: Session,
    offset: int,
    limit: int,
    search: str,
    sort: str | None,
    descending: bool,
    where: list[Any],
) -> list[int]:
    """Step one: the ids of the page, filtered and sorted on the customer table alone (the
    owner is joined only to sort by it)."""
    columns: dict[str, Any] = {
        "code": Customer.code,
        "name": Customer.name,
        "region": Customer.region,
        "industry": Customer.industry,
        "tier": Customer.tier,
        "credit_limit": Customer.credit_limit,
    }
    key = paging.sort_key(sort, {**columns, "owner": None, "owner_since": None}, "code")
    query = select(Customer.id).where(*where)
    if key in ("owner", "owner_since"):
        query, a, e = _owner_join(query, ctx.today())
        column = e.name if key == "owner" else a.valid_from
        column = paging.order_for_scan(s, column, searching=bool(search.strip()))
    else:
        column = paging.order_for_scan(s, columns[key], searching=bool(search.strip()))
    query = query.order_by(
        paging.direction(s, column, descending),
        Customer.id.desc() if descending else Customer.id,
    )
    return list(s.scalars(query.offset(offset).limit(limit)))


def _rows(ctx: ServiceContext, s: Session, ids: list[int]) -> list[CustomerRow]:
    """Step two: the rows of those ids with today's owner, in the page's order."""
    if not ids:
        return []
    query, a, e = _owner_join(select(Customer), ctx.today())
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
        for c, owner, owner_name, since, owner_no in s.execute(query)
    }
    return [found[i] for i in ids]


def list_customers(
    ctx: ServiceContext,
    offset: int,
    limit: int,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[CustomerRow]:
    """A page of customers in scope; ``search`` matches code and name anywhere and the credit
    code from its start. Sorts: code, name, region, industry, tier, credit_limit, owner,
    owner_since. Filters: owner_id, branch_id (owner's), in_pool (True shows the public pool,
    also to sales), unowned, active, region, industry, tier."""
    ctx.require(Action.CUSTOMERS_VIEW)
    paging.check_page(offset, limit)
    with ctx.read() as s:
        where = _where(ctx, s, search, filters)
        return _rows(ctx, s, _page_ids(ctx, s, offset, limit, search, sort, descending, where))


def count_customers(
    ctx: ServiceContext, search: str = "", filters: dict[str, Any] | None = None
) -> int:
    ctx.require(Action.CUSTOMERS_VIEW)
    with ctx.read() as s:
        where = _where(ctx, s, search, filters)
        return s.scalar(select(func.count()).select_from(Customer).where(*where)) or 0


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
    ctx.require(Action.CUSTOMERS_VIEW)
    ctx.require(Action.EXPORT)
    with ctx.transaction() as s:
        where = _where(ctx, s, search, filters, allow_pool=False)
        total = s.scalar(select(func.count()).select_from(Customer).where(*where)) or 0

        def pages() -> Iterator[list[CustomerRow]]:
            offset = 0
            while True:
                ids = _page_ids(ctx, s, offset, paging.MAX_LIMIT, search, sort, False, where)
                for start in range(0, len(ids), 500):
                    yield _rows(ctx, s, ids[start : start + 500])
                offset += len(ids)
                if len(ids) < paging.MAX_LIMIT:
                    break

        return paging.export_rows(
            s, "customer", total, pages(), sink, search=search, filters=filters
        )
