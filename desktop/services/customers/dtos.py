"""What callers pass to the customer services and what they get back, in one module every part of
the package (and the views) shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from desktop.services.followups import FollowUpRow
from desktop.services.money import AgingReport, OrderRow, ReceivableRow


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
