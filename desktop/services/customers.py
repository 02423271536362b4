"""Customers, their contacts, who owns them over time, and the public pool (公海).

Why ownership is a history and not a column: "who owned this customer on day D" decides who
earns commission on an order and who must hand a customer over, so every change of owner
closes one period and opens the next in one transaction — never an overwrite. Periods are
half-open (``valid_from`` inclusive, ``valid_to`` exclusive); the database refuses overlaps by
trigger, and this module refuses them first with a message a person can act on.

Customers belong to the firm: one without an owner sits in the public pool, and taking one
from it needs a manager's approval.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, not_, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased

from desktop.errors import QT_TRANSLATE_NOOP, Conflict, NotFound, ValidationError
from desktop.models import audit
from desktop.models.accounts import Role, User
from desktop.models.customers import (
    AssignmentReason,
    ClaimStatus,
    Contact,
    Customer,
    CustomerAssignment,
    PoolClaim,
)
from desktop.models.staff import Employee, EmployeeStatus
from desktop.services import followups, paging, receivables, scope
from desktop.services.context import Changes, ServiceContext, check_version
from desktop.services.followups import FollowUpRow
from desktop.services.permissions import Action, can
from desktop.services.receivables import AgingReport, OrderRow, ReceivableRow
from desktop.services.validation import (
    Problems,
    money,
    optional_text,
    required_text,
    validate_credit_code,
    validate_email,
    validate_phone,
)

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
#: Reasons a manager may give when moving a customer (initial and pool_claim have their own
#: use cases: creation and :func:`decide_claim`).
REASSIGN_REASONS = (AssignmentReason.REBALANCE.value, AssignmentReason.HANDOVER.value)
RECENT = 20


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class ContactInput:
    """A contact person; ``id`` names an existing contact to keep (None: a new one)."""

    name: str
    title: str | None = None
    phone: str | None = None
    email: str | None = None
    is_primary: bool = False
    id: int | None = None


@dataclass(frozen=True)
class ContactInfo:
    id: int
    name: str
    title: str | None
    phone: str | None
    email: str | None
    is_primary: bool


@dataclass(frozen=True)
class CustomerInput:
    """A customer as a form or an import row gives it. ``contacts`` None leaves the contacts
    as they are on update; a tuple replaces them (contacts left out are removed)."""

    code: str
    name: str
    credit_code: str | None = None
    industry: str | None = None
    region: str | None = None
    address: str | None = None
    payment_terms_days: int = 30
    credit_limit: Decimal = Decimal("0")
    tier: str | None = None
    notes: str | None = None
    active: bool = True
    contacts: tuple[ContactInput, ...] | None = None


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list, with the owner on the day the list was read."""

    id: int
    code: str
    name: str
    credit_code: str | None
    industry: str | None
    region: str | None
    tier: str | None
    payment_terms_days: int
    credit_limit: Decimal
    in_pool: bool
    active: bool
    owner_id: int | None
    owner_name: str | None
    owner_since: date | None
    owner_no: str | None = None


@dataclass(frozen=True)
class OwnerInfo:
    """Who owned a customer, over which period (``valid_to`` exclusive; None: still open)."""

    employee_id: int
    employee_no: str
    name: str
    valid_from: date
    valid_to: date | None
    reason: str


@dataclass(frozen=True)
class AssignmentInfo:
    """One period of the ownership timeline, with who approved it and why."""

    id: int
    employee_id: int
    employee_no: str
    employee_name: str
    valid_from: date
    valid_to: date | None
    reason: str
    approved_by: str | None
    note: str | None


@dataclass(frozen=True)
class ClaimInfo:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    employee_id: int
    employee_name: str
    requested_by: str | None
    reason: str | None
    status: str
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    created_at: datetime


@dataclass(frozen=True)
class CustomerDetail:
    """Everything the customer page shows, loaded in one unit of work.

    ``money_visible``: the actor may see orders and receivables (otherwise those are empty and
    ``aging`` is None); ``followups_visible`` likewise for follow-ups.
    """

    id: int
    code: str
    name: str
    credit_code: str | None
    industry: str | None
    region: str | None
    address: str | None
    payment_terms_days: int
    credit_limit: Decimal
    tier: str | None
    notes: str | None
    in_pool: bool
    active: bool
    version: int
    owner: OwnerInfo | None
    ownership: tuple[AssignmentInfo, ...]
    contacts: tuple[ContactInfo, ...]
    recent_orders: tuple[OrderRow, ...]
    open_receivables: tuple[ReceivableRow, ...]
    aging: AgingReport | None
    followups: tuple[FollowUpRow, ...]
    pending_claims: tuple[ClaimInfo, ...]
    money_visible: bool
    followups_visible: bool


# --------------------------------------------------------------------------- validation


def _contacts(p: Problems, contacts: tuple[ContactInput, ...]) -> list[dict[str, Any]]:
    out = []
    for c in contacts:
        out.append(
            {
                "id": c.id,
                "name": p.check(
                    required_text,
                    c.name,
                    "contacts",
                    64,
                    QT_TRANSLATE_NOOP("Errors", "Enter each contact's name."),
                ),
                "title": p.check(optional_text, c.title, "contacts", 64),
                "phone": p.check(validate_phone, c.phone) if (c.phone or "").strip() else None,
                "email": p.check(validate_email, c.email) if (c.email or "").strip() else None,
                "is_primary": bool(c.is_primary),
            }
        )
    if sum(1 for c in out if c["is_primary"]) > 1:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Only one contact can be the primary contact."),
                field="contacts",
            )
        )
    return out


def _validated(
    s: Session, data: CustomerInput, own_id: int | None
) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """Every problem of the input at once, or the clean column values and contacts."""
    p = Problems()
    code = p.check(
        required_text,
        data.code,
        "code",
        32,
        QT_TRANSLATE_NOOP("Errors", "Enter the customer code."),
    )
    credit = (
        p.check(validate_credit_code, data.credit_code)
        if (data.credit_code or "").strip()
        else None
    )
    values: dict[str, Any] = {
        "code": code.upper() if code else code,
        "name": p.check(
            required_text,
            data.name,
            "name",
            200,
            QT_TRANSLATE_NOOP("Errors", "Enter the customer's name."),
        ),
        "credit_code": credit,
        "industry": p.check(optional_text, data.industry, "industry", 64),
        "region": p.check(optional_text, data.region, "region", 64),
        "address": p.check(optional_text, data.address, "address", 256),
        "tier": p.check(optional_text, data.tier, "tier", 8),
        "notes": p.check(optional_text, data.notes, "notes", 4000),
        "credit_limit": p.check(money, data.credit_limit, "credit_limit"),
        "payment_terms_days": data.payment_terms_days,
        "active": bool(data.active),
    }
    if not isinstance(data.payment_terms_days, int) or not 0 <= data.payment_terms_days <= 365:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Payment terms are 0 to 365 days (not {value})."),
                field="payment_terms_days",
                value=data.payment_terms_days,
            )
        )
    if values["code"]:
        other = s.scalar(select(Customer.id).where(Customer.code == values["code"]))
        if other is not None and other != own_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "The customer code {value} is taken."),
                    field="code",
                    value=values["code"],
                )
            )
    if credit:
        other = s.scalar(select(Customer).where(Customer.credit_code == credit))
        if other is not None and other.id != own_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "The unified social credit code {value} belongs to customer {code} "
                        "({name}) already.",
                    ),
                    field="credit_code",
                    value=credit,
                    code=other.code,
                    name=other.name,
                )
            )
    contacts = _contacts(p, data.contacts) if data.contacts is not None else None
    p.raise_if_any()
    return values, contacts


def _save_contacts(s: Session, customer: Customer, contacts: list[dict[str, Any]]) -> None:
    existing = {
        c.id: c for c in s.scalars(select(Contact).where(Contact.customer_id == customer.id))
    }
    keep: set[int] = set()
    for item in contacts:
        ident = item.pop("id")
        if ident is not None:
            contact = existing.get(ident)
            if contact is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("Errors", "Contact {id} is not one of this customer's."),
                    id=ident,
                )
            keep.add(ident)
            for key, value in item.items():
                if getattr(contact, key) != value:
                    setattr(contact, key, value)
        else:
            s.add(Contact(customer_id=customer.id, **item))
    for ident, contact in existing.items():
        if ident not in keep:
            s.delete(contact)


def _active_employee(s: Session, employee_id: int, field: str = "employee_id") -> Employee:
    """An employee who may take on customers: exists and is not leaving or gone."""
    employee = s.get(Employee, employee_id)
    if employee is None:
        raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
    if employee.status == EmployeeStatus.DEPARTED.value:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{name} has left the firm and cannot take on customers."),
            field=field,
            name=employee.name,
        )
    if employee.status != EmployeeStatus.ACTIVE.value:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "{name} is leaving (status: {status}) and cannot take on customers; choose "
                "an active employee.",
            ),
            field=field,
            name=employee.name,
            status=employee.status,
        )
    return employee


def _employee_allowed(ctx: ServiceContext, s: Session, employee_id: int) -> None:
    """Managers move customers only to employees of their branch; sales only to themselves."""
    if employee_id not in scope.employees_in_scope(ctx, s, [employee_id]):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "Employee {id} is outside your scope; you cannot give them customers."
            ),
            field="employee_id",
            id=employee_id,
        )


def _with_pool(ctx: ServiceContext, s: Session, customer_id: int) -> Customer:
    """A customer the actor may act on: in scope, or (managers and above) in the pool."""
    customer = s.get(Customer, customer_id)
    if customer is None:
        raise NotFound(scope.MSG_CUSTOMER_NOT_FOUND, id=customer_id)
    if customer.in_pool and ctx.actor.role is not Role.SALES:
        return customer
    return scope.customer_in_scope(ctx, s, customer_id)


# --------------------------------------------------------------------------- create and edit


def create_customer(
    ctx: ServiceContext,
    data: CustomerInput,
    owner_id: int | None = None,
    owned_from: date | None = None,
) -> Changes:
    """Add a customer. A salesperson's new customer is theirs; others name the owner or leave
    it in the public pool (``owner_id`` None). ``Changes.ids`` holds the new id."""
    ctx.require(Action.CUSTOMERS_EDIT)
    start = owned_from or ctx.today()
    with ctx.transaction() as s:
        values, contacts = _validated(s, data, None)
        if ctx.actor.role is Role.SALES:
            if ctx.actor.employee_id is None:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Your account is not linked to an employee record; ask an administrator.",
                    )
                )
            if owner_id not in (None, ctx.actor.employee_id):
                _employee_allowed(ctx, s, owner_id)
            owner_id = ctx.actor.employee_id
        elif owner_id is not None:
            _employee_allowed(ctx, s, owner_id)
        if owner_id is not None:
            _active_employee(s, owner_id, "owner_id")
        customer = Customer(**values, in_pool=owner_id is None)
        s.add(customer)
        s.flush()
        if contacts:
            _save_contacts(s, customer, contacts)
        if owner_id is not None:
            s.add(
                CustomerAssignment(
                    customer_id=customer.id,
                    employee_id=owner_id,
                    valid_from=start,
                    reason=AssignmentReason.INITIAL.value,
                    approved_by=ctx.actor.user_id,
                    created_at=ctx.now(),
                )
            )
        return Changes.of("customers", ids=frozenset({customer.id}))


def update_customer(
    ctx: ServiceContext,
    customer_id: int,
    data: CustomerInput,
    expected_version: int | None = None,
) -> Changes:
    """Change a customer's record in scope (ownership moves only through :func:`reassign`)."""
    ctx.require(Action.CUSTOMERS_EDIT)
    with ctx.transaction() as s:
        customer = _with_pool(ctx, s, customer_id)
        check_version(s, customer, expected_version)
        values, contacts = _validated(s, data, customer_id)
        for key, value in values.items():
            if getattr(customer, key) != value:
                setattr(customer, key, value)
        if contacts is not None:
            _save_contacts(s, customer, contacts)
    return Changes.of("customers", ids=frozenset({customer_id}))


# --------------------------------------------------------------------------- lists


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


# --------------------------------------------------------------------------- ownership


def _owner_info(a: CustomerAssignment, e: Employee) -> OwnerInfo:
    return OwnerInfo(e.id, e.employee_no, e.name, a.valid_from, a.valid_to, a.reason)


def owner_on(ctx: ServiceContext, customer_id: int, day: date) -> OwnerInfo | None:
    """Who owned the customer on ``day`` (None: nobody — before its first owner or while in
    the pool). Periods include their first day and exclude their ``valid_to``."""
    ctx.require(Action.CUSTOMERS_VIEW)
    with ctx.read() as s:
        _with_pool(ctx, s, customer_id)
        return owner_on_in(s, customer_id, day)


def owner_on_in(s: Session, customer_id: int, day: date) -> OwnerInfo | None:
    """:func:`owner_on` inside an open unit of work, without a scope check (for services)."""
    found = s.execute(
        select(CustomerAssignment, Employee)
        .join(Employee, Employee.id == CustomerAssignment.employee_id)
        .where(CustomerAssignment.customer_id == customer_id, scope.covers(day))
    ).first()
    return _owner_info(*found) if found else None


def _history(s: Session, customer_id: int) -> list[AssignmentInfo]:
    query = (
        select(CustomerAssignment, Employee, User.username)
        .join(Employee, Employee.id == CustomerAssignment.employee_id)
        .outerjoin(User, User.id == CustomerAssignment.approved_by)
        .where(CustomerAssignment.customer_id == customer_id)
        .order_by(CustomerAssignment.valid_from)
    )
    return [
        AssignmentInfo(
            a.id, e.id, e.employee_no, e.name, a.valid_from, a.valid_to, a.reason, who, a.note
        )
        for a, e, who in s.execute(query)
    ]


def ownership_history(ctx: ServiceContext, customer_id: int) -> list[AssignmentInfo]:
    """The ownership timeline, oldest period first."""
    ctx.require(Action.CUSTOMERS_VIEW)
    with ctx.read() as s:
        _with_pool(ctx, s, customer_id)
        return _history(s, customer_id)


def _latest(s: Session, customer_id: int) -> CustomerAssignment | None:
    return s.scalar(
        select(CustomerAssignment)
        .where(CustomerAssignment.customer_id == customer_id)
        .order_by(CustomerAssignment.valid_from.desc())
        .limit(1)
    )


def _check_start(customer: Customer, latest: CustomerAssignment | None, effective: date) -> None:
    """A new period may start only after the last one began (open) or ended (closed)."""
    if latest is None:
        return
    if latest.valid_to is None and effective <= latest.valid_from:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The change for {customer} cannot take effect on {day}: the current owner's "
                "period began on {start}. Choose a later date.",
            ),
            field="effective",
            customer=customer.name,
            day=effective.isoformat(),
            start=latest.valid_from.isoformat(),
        )
    if latest.valid_to is not None and effective < latest.valid_to:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The change for {customer} cannot take effect on {day}: it was owned until "
                "{end}. Choose {end} or later.",
            ),
            field="effective",
            customer=customer.name,
            day=effective.isoformat(),
            end=latest.valid_to.isoformat(),
        )


def _flush_ownership(s: Session) -> None:
    """Flush, turning the database's own overlap refusal (a concurrent change) into a
    message; the checks above make it unreachable in a single session."""
    try:
        s.flush()
    except DBAPIError as exc:
        if "overlap" in str(exc.orig) or "uq_customer_assignment_one_open" in str(exc.orig):
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Someone else changed this customer's owner at the same time. Reload and "
                    "try again.",
                )
            ) from exc
        raise


def _assign(
    ctx: ServiceContext,
    s: Session,
    customer: Customer,
    employee_id: int,
    effective: date,
    reason: str,
    note: str | None,
) -> None:
    """Close the open period at ``effective`` and open the new owner's, in the caller's
    transaction; pending pool claims on the customer lapse."""
    latest = _latest(s, customer.id)
    if latest is not None and latest.valid_to is None and latest.employee_id == employee_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{customer} is owned by this employee already."),
            field="employee_id",
            customer=customer.name,
        )
    _check_start(customer, latest, effective)
    if latest is not None and latest.valid_to is None:
        latest.valid_to = effective
        _flush_ownership(s)
    s.add(
        CustomerAssignment(
            customer_id=customer.id,
            employee_id=employee_id,
            valid_from=effective,
            reason=reason,
            approved_by=ctx.actor.user_id,
            note=note,
            created_at=ctx.now(),
        )
    )
    if customer.in_pool:
        customer.in_pool = False
    _flush_ownership(s)


def _lapse_claims(ctx: ServiceContext, s: Session, customer_id: int, note: str) -> None:
    for claim in s.scalars(
        select(PoolClaim).where(
            PoolClaim.customer_id == customer_id, PoolClaim.status == ClaimStatus.PENDING.value
        )
    ):
        claim.status = ClaimStatus.REJECTED.value
        claim.decided_by = ctx.actor.user_id
        claim.decided_at = ctx.now()
        claim.decision_note = note


def _reason(reason: str) -> str:
    if reason not in REASSIGN_REASONS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "{value} is not a reason for moving a customer (use: {known})."
            ),
            field="reason",
            value=reason,
            known=", ".join(REASSIGN_REASONS),
        )
    return reason


def reassign(
    ctx: ServiceContext,
    customer_id: int,
    employee_id: int,
    effective: date,
    reason: str = AssignmentReason.REBALANCE.value,
    note: str = "",
) -> Changes:
    """Move a customer to another employee from ``effective`` on: the open period closes that
    day and the new one opens, in one transaction. Refused: a date on or before the current
    period's start, the same owner, an employee who has left or is leaving."""
    return reassign_many(ctx, [customer_id], employee_id, effective, reason, note)


def reassign_many(
    ctx: ServiceContext,
    customer_ids: list[int],
    employee_id: int,
    effective: date,
    reason: str = AssignmentReason.HANDOVER.value,
    note: str = "",
) -> Changes:
    """:func:`reassign` for many customers in one transaction (a handover): all or none."""
    ctx.require(Action.CUSTOMERS_REASSIGN)
    clean_reason = _reason(reason)
    clean_note = optional_text(note, "note", 256)
    with ctx.transaction() as s:
        _active_employee(s, employee_id)
        _employee_allowed(ctx, s, employee_id)
        for customer_id in dict.fromkeys(customer_ids):
            _with_pool(ctx, s, customer_id)
        _move(ctx, s, customer_ids, employee_id, effective, clean_reason, clean_note)
    return Changes.of("customers", "ownership", ids=frozenset(customer_ids))


def reassign_in(
    ctx: ServiceContext,
    s: Session,
    customer_ids: list[int],
    employee_id: int,
    effective: date,
    reason: str = AssignmentReason.HANDOVER.value,
    note: str = "",
) -> None:
    """:func:`reassign_many` inside an open unit of work, for a use case that authorised the
    move itself (a successor confirming a handover): no permission or scope check here, the
    same rules on dates and on who may take customers on."""
    _active_employee(s, employee_id)
    _move(
        ctx,
        s,
        customer_ids,
        employee_id,
        effective,
        _reason(reason),
        optional_text(note, "note", 256),
    )


def _move(
    ctx: ServiceContext,
    s: Session,
    customer_ids: list[int],
    employee_id: int,
    effective: date,
    reason: str,
    note: str | None,
) -> None:
    for customer_id in dict.fromkeys(customer_ids):
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(scope.MSG_CUSTOMER_NOT_FOUND, id=customer_id)
        _assign(ctx, s, customer, employee_id, effective, reason, note)
        _lapse_claims(ctx, s, customer_id, "assigned directly")


def release_to_pool(
    ctx: ServiceContext, customer_id: int, effective: date | None = None, note: str = ""
) -> Changes:
    """Put a customer into the public pool: the open ownership period ends on ``effective``
    (default today). A salesperson may release their own customers."""
    ctx.require(Action.POOL_RELEASE)
    day = effective or ctx.today()
    clean_note = optional_text(note, "note", 256)
    with ctx.transaction() as s:
        customer = scope.customer_in_scope(ctx, s, customer_id)
        latest = _latest(s, customer_id)
        if latest is None or latest.valid_to is not None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{customer} has no owner to release it."),
                customer=customer.name,
            )
        if day > ctx.today():
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A customer is released today or on a past date."),
                field="effective",
            )
        _check_start(customer, latest, day)
        latest.valid_to = day
        customer.in_pool = True
        _flush_ownership(s)
        audit.record(
            s,
            "release_to_pool",
            "customer",
            customer_id,
            {"effective": day.isoformat(), "note": clean_note},
        )
    return Changes.of("customers", "ownership", "pool", ids=frozenset({customer_id}))


# --------------------------------------------------------------------------- pool claims


def request_claim(
    ctx: ServiceContext, customer_id: int, reason: str = "", employee_id: int | None = None
) -> Changes:
    """Ask to take a customer from the public pool; it moves only when a manager approves.
    A salesperson claims for themselves. ``Changes.ids`` holds the claim's id."""
    ctx.require(Action.POOL_CLAIM)
    clean_reason = optional_text(reason, "reason", 256)
    with ctx.transaction() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(scope.MSG_CUSTOMER_NOT_FOUND, id=customer_id)
        if not customer.in_pool or scope.current_owner_id(s, customer_id, ctx.today()):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{customer} is not in the public pool."),
                customer=customer.name,
            )
        who = employee_id if employee_id is not None else ctx.actor.employee_id
        if who is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Choose the employee who would own the customer."),
                field="employee_id",
            )
        if ctx.actor.role is Role.SALES and who != ctx.actor.employee_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "You can claim customers only for yourself."),
                field="employee_id",
            )
        _employee_allowed(ctx, s, who)
        _active_employee(s, who)
        pending = s.scalar(
            select(PoolClaim.id).where(
                PoolClaim.customer_id == customer_id,
                PoolClaim.employee_id == who,
                PoolClaim.status == ClaimStatus.PENDING.value,
            )
        )
        if pending is not None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A claim for {customer} is waiting for approval."),
                customer=customer.name,
            )
        claim = PoolClaim(
            customer_id=customer_id,
            employee_id=who,
            requested_by=ctx.actor.user_id,
            reason=clean_reason,
            status=ClaimStatus.PENDING.value,
        )
        s.add(claim)
        s.flush()
        return Changes.of("claims", ids=frozenset({claim.id}))


def decide_claim(
    ctx: ServiceContext,
    claim_id: int,
    approve: bool,
    note: str = "",
    effective: date | None = None,
) -> Changes:
    """Approve (the customer moves to the claimant from ``effective``, default today, reason
    pool_claim; other claims on it lapse) or reject a pending claim. Nobody decides a claim
    they made themselves."""
    ctx.require(Action.POOL_DECIDE)
    clean_note = optional_text(note, "note", 256)
    day = effective or ctx.today()
    with ctx.transaction() as s:
        claim = s.get(PoolClaim, claim_id)
        if claim is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "Claim {id} does not exist."), id=claim_id)
        _employee_allowed(ctx, s, claim.employee_id)
        if claim.status != ClaimStatus.PENDING.value:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "This claim was decided already ({status})."),
                status=claim.status,
            )
        if claim.requested_by is not None and claim.requested_by == ctx.actor.user_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "You made this claim; another manager must decide it.")
            )
        customer = s.get(Customer, claim.customer_id)
        assert customer is not None
        if approve:
            if not customer.in_pool:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{customer} is not in the public pool."),
                    customer=customer.name,
                )
            _active_employee(s, claim.employee_id)
            _assign(
                ctx,
                s,
                customer,
                claim.employee_id,
                day,
                AssignmentReason.POOL_CLAIM.value,
                clean_note,
            )
        claim.status = (ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED).value
        claim.decided_by = ctx.actor.user_id
        claim.decided_at = ctx.now()
        claim.decision_note = clean_note
        if approve:
            s.flush()
            _lapse_claims(ctx, s, customer.id, "another claim was approved")
    return Changes.of("claims", "customers", "ownership", ids=frozenset({claim.customer_id}))


def _claims_query() -> Select[Any]:
    requester = aliased(User)
    decider = aliased(User)
    return (
        select(
            PoolClaim,
            Customer.code,
            Customer.name,
            Employee.name,
            requester.username,
            decider.username,
        )
        .join(Customer, Customer.id == PoolClaim.customer_id)
        .join(Employee, Employee.id == PoolClaim.employee_id)
        .outerjoin(requester, requester.id == PoolClaim.requested_by)
        .outerjoin(decider, decider.id == PoolClaim.decided_by)
    )


def _claim_info(
    c: PoolClaim, code: str, name: str, who: str, by: str | None, decided: str | None
) -> ClaimInfo:
    return ClaimInfo(
        c.id,
        c.customer_id,
        code,
        name,
        c.employee_id,
        who,
        by,
        c.reason,
        c.status,
        decided,
        c.decided_at,
        c.decision_note,
        c.created_at,
    )


def list_claims(
    ctx: ServiceContext,
    status: str | None = ClaimStatus.PENDING.value,
    offset: int = 0,
    limit: int = 100,
) -> list[ClaimInfo]:
    """Pool claims in scope (a salesperson's own, a manager's branch), oldest first."""
    ctx.require(Action.CUSTOMERS_VIEW)
    paging.check_page(offset, limit)
    with ctx.read() as s:
        query = _claims_query().order_by(PoolClaim.created_at, PoolClaim.id)
        people = scope.staff_ids(scope.scope_of(ctx, s))
        if people is not None:
            query = query.where(PoolClaim.employee_id.in_(people))
        if status is not None:
            query = query.where(PoolClaim.status == status)
        return [_claim_info(*r) for r in s.execute(query.offset(offset).limit(limit))]


# --------------------------------------------------------------------------- detail


def get_customer(ctx: ServiceContext, customer_id: int) -> CustomerDetail:
    """The customer page: record, owner today and timeline, contacts, recent orders, open
    receivables with their aging, recent follow-ups and pending claims, in one unit of work.
    Parts the actor's role may not see come back empty."""
    ctx.require(Action.CUSTOMERS_VIEW)
    role = ctx.actor.role
    money_visible = can(role, Action.RECEIVABLES_VIEW) and can(role, Action.ORDERS_VIEW)
    followups_visible = can(role, Action.FOLLOWUPS_VIEW)
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
            orders = tuple(receivables.orders_in(ctx, s, 0, RECENT, filters=only))
            open_items = tuple(
                receivables.receivables_in(
                    ctx, s, 0, paging.MAX_LIMIT, filters={**only, "open_only": True}
                )
            )
            aging = receivables.aging_in(ctx, s, ctx.today(), only)
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
