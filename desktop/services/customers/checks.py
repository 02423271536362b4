"""Checks shared by editing, ownership and the pool: the customer form's validation, contacts, and
which employees and customers the user may act on.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.customers import Contact, Customer
from desktop.models.staff import Employee, EmployeeStatus
from desktop.services import scope
from desktop.services.context import ServiceContext
from desktop.services.customers.dtos import ContactInput, CustomerInput
from desktop.services.permissions import Action
from desktop.services.validation import (
    Problems,
    money,
    optional_text,
    required_text,
    validate_credit_code,
    validate_email,
    validate_phone,
)


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
    """A customer the actor may act on: in scope, or in the pool for those who hand pool
    customers out (``Action.POOL_ASSIGN``)."""
    customer = s.get(Customer, customer_id)
    if customer is None:
        raise NotFound(scope.MSG_CUSTOMER_NOT_FOUND, id=customer_id)
    if customer.in_pool and ctx.can(Action.POOL_ASSIGN):
        return customer
    return scope.customer_in_scope(ctx, s, customer_id)
