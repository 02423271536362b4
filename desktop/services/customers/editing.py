"""Creating and editing a customer with its contacts, each change one audited transaction."""

from __future__ import annotations

from datetime import date

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.customers import AssignmentReason, Customer, CustomerAssignment
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext, check_version
from desktop.services.customers.checks import (
    _active_employee,
    _employee_allowed,
    _save_contacts,
    _validated,
    _with_pool,
)
from desktop.services.customers.dtos import CustomerInput
from desktop.services.permissions import Action


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
        if not ctx.can(Action.RECORDS_FOR_OTHERS):
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
        return Changes.of(Kind.CUSTOMERS, ids=frozenset({customer.id}))


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
    return Changes.of(Kind.CUSTOMERS, ids=frozenset({customer_id}))
