"""Customer contracts (运输合同), kept minimal: number, customer, term, status, who keeps it.

Why here at all: a handover must list every open contract of the leaver's customers, and the
successor becomes the contract's keeper when they confirm receipt (see handover.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.customers import Contract, ContractStatus, Customer
from desktop.models.staff import Employee
from desktop.services import scope
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action
from desktop.services.validation import Problems, optional_text, plausible_date, required_text


@dataclass(frozen=True)
class ContractInput:
    customer_id: int
    number: str
    starts_on: date
    ends_on: date | None = None
    title: str | None = None
    employee_id: int | None = None


@dataclass(frozen=True)
class ContractRow:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    number: str
    title: str | None
    starts_on: date
    ends_on: date | None
    status: str
    employee_id: int | None
    employee_name: str | None


def create_contract(ctx: ServiceContext, data: ContractInput) -> Changes:
    """Record a contract of a customer in scope. ``Changes.ids`` holds the new id."""
    ctx.require(Action.CUSTOMERS_EDIT)
    with ctx.transaction() as s:
        scope.customer_in_scope(ctx, s, data.customer_id)
        p = Problems()
        number = p.check(
            required_text,
            data.number,
            "number",
            40,
            QT_TRANSLATE_NOOP("Errors", "Enter the contract number."),
        )
        if number and s.scalar(select(Contract.id).where(Contract.number == number)):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "The contract number {value} exists already."),
                    field="number",
                    value=number,
                )
            )
        p.check(plausible_date, data.starts_on, "starts_on", ctx.today())
        if data.ends_on is not None:
            p.check(plausible_date, data.ends_on, "ends_on", ctx.today())
        if data.ends_on is not None and data.ends_on < data.starts_on:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "A contract cannot end before it starts."),
                    field="ends_on",
                )
            )
        if data.employee_id is not None and s.get(Employee, data.employee_id) is None:
            p.add(
                ValidationError(
                    scope.MSG_EMPLOYEE_NOT_FOUND, field="employee_id", id=data.employee_id
                )
            )
        title = p.check(optional_text, data.title, "title", 200)
        p.raise_if_any()
        contract = Contract(
            customer_id=data.customer_id,
            number=number,
            title=title,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            status=ContractStatus.ACTIVE.value,
            employee_id=data.employee_id,
        )
        s.add(contract)
        s.flush()
        return Changes.of(Kind.CONTRACTS, ids=frozenset({contract.id}))


def end_contract(
    ctx: ServiceContext, contract_id: int, on: date, status: str = ContractStatus.ENDED.value
) -> Changes:
    """Close a contract (ended at term, or terminated early)."""
    ctx.require(Action.CUSTOMERS_EDIT)
    if status not in (ContractStatus.ENDED.value, ContractStatus.TERMINATED.value):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "A contract closes as ended or terminated (not {value})."),
            field="status",
            value=status,
        )
    with ctx.transaction() as s:
        contract = s.get(Contract, contract_id)
        if contract is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Contract {id} does not exist."), id=contract_id
            )
        scope.customer_in_scope(ctx, s, contract.customer_id)
        if on < contract.starts_on:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A contract cannot end before it starts."),
                field="ends_on",
            )
        contract.status = status
        contract.ends_on = on
        return Changes.of(Kind.CONTRACTS, ids=frozenset({contract_id}))


def list_contracts(
    ctx: ServiceContext,
    customer_id: int | None = None,
    employee_id: int | None = None,
    open_only: bool = False,
) -> list[ContractRow]:
    """Contracts of customers in scope, by number; ``employee_id``: kept by them or of the
    customers they own today."""
    ctx.require(Action.CUSTOMERS_VIEW)
    with ctx.read() as s:
        keeper = aliased(Employee)
        query = (
            select(Contract, Customer.code, Customer.name, keeper.name)
            .join(Customer, Customer.id == Contract.customer_id)
            .outerjoin(keeper, keeper.id == Contract.employee_id)
            .order_by(Contract.number)
        )
        own = scope.customer_filter(scope.scope_of(ctx, s), ctx.today())
        if own is not None:
            query = query.where(own)
        if customer_id is not None:
            query = query.where(Contract.customer_id == customer_id)
        if employee_id is not None:
            owned = scope.owned_customer_ids(
                scope.Scope(False, employee_id=employee_id), ctx.today()
            )
            query = query.where(
                or_(Contract.employee_id == employee_id, Contract.customer_id.in_(owned))
            )
        if open_only:
            query = query.where(Contract.status == ContractStatus.ACTIVE.value)
        return [
            ContractRow(
                c.id,
                c.customer_id,
                code,
                name,
                c.number,
                c.title,
                c.starts_on,
                c.ends_on,
                c.status,
                c.employee_id,
                who,
            )
            for c, code, name, who in s.execute(query)
        ]
