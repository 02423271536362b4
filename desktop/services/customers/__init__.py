"""Customers, their contacts, who owns them over time, and the public pool (公海).

Why ownership is a history and not a column: "who owned this customer on day D" decides who
earns commission on an order and who must hand a customer over, so every change of owner
closes one period and opens the next in one transaction — never an overwrite. Periods are
half-open (``valid_from`` inclusive, ``valid_to`` exclusive); the database refuses overlaps by
trigger, and this module refuses them first with a message a person can act on.

Customers belong to the firm: one without an owner sits in the public pool, and taking one
from it needs a manager's approval.

The capability is split by what the code holds: :mod:`.dtos` (inputs and results),
:mod:`.checks` (validation and the checks on employees and customers the others share),
:mod:`.editing` (create and edit), :mod:`.listing` (the list, counts and export),
:mod:`.ownership` (owner on a day, history, reassign, release), :mod:`.pool` (claims on the
public pool) and :mod:`.detail` (the customer page). Everything the old single module offered
resolves here as before (``customers.X``), private helpers included.
"""

from __future__ import annotations

# The old module's import, reached as ``customers.AssignmentReason`` by handover.confirmation.
from desktop.models.customers import AssignmentReason as AssignmentReason
from desktop.services.customers.checks import _active_employee as _active_employee
from desktop.services.customers.checks import _contacts as _contacts
from desktop.services.customers.checks import _employee_allowed as _employee_allowed
from desktop.services.customers.checks import _save_contacts as _save_contacts
from desktop.services.customers.checks import _validated as _validated
from desktop.services.customers.checks import _with_pool as _with_pool
from desktop.services.customers.detail import RECENT, get_customer
from desktop.services.customers.dtos import (
    AssignmentInfo,
    ClaimInfo,
    ContactInfo,
    ContactInput,
    CustomerDetail,
    CustomerInput,
    CustomerRow,
    OwnerInfo,
)
from desktop.services.customers.editing import create_customer, update_customer
from desktop.services.customers.listing import (
    CUSTOMER_FILTERS,
    CUSTOMER_SORTS,
    CUSTOMERS,
    count_customers,
    export_customers,
    list_customers,
)
from desktop.services.customers.ownership import (
    MSG_RELEASE_REASON,
    REASSIGN_REASONS,
    owner_on,
    owner_on_in,
    reassign,
    reassign_in,
    reassign_many,
    release_in,
    release_to_pool,
)
from desktop.services.customers.ownership import _assign as _assign
from desktop.services.customers.ownership import _check_start as _check_start
from desktop.services.customers.ownership import _flush_ownership as _flush_ownership
from desktop.services.customers.ownership import _history as _history
from desktop.services.customers.ownership import _lapse_claims as _lapse_claims
from desktop.services.customers.ownership import _latest as _latest
from desktop.services.customers.ownership import _move as _move
from desktop.services.customers.ownership import _owner_info as _owner_info
from desktop.services.customers.ownership import _reason as _reason
from desktop.services.customers.pool import _claim_info as _claim_info
from desktop.services.customers.pool import _claims_query as _claims_query
from desktop.services.customers.pool import decide_claim, list_claims, request_claim

__all__ = [
    "CUSTOMERS",
    "CUSTOMER_FILTERS",
    "CUSTOMER_SORTS",
    "MSG_RELEASE_REASON",
    "REASSIGN_REASONS",
    "RECENT",
    "AssignmentInfo",
    "ClaimInfo",
    "ContactInfo",
    "ContactInput",
    "CustomerDetail",
    "CustomerInput",
    "CustomerRow",
    "OwnerInfo",
    "count_customers",
    "create_customer",
    "decide_claim",
    "export_customers",
    "get_customer",
    "list_claims",
    "list_customers",
    "owner_on",
    "owner_on_in",
    "reassign",
    "reassign_in",
    "reassign_many",
    "release_in",
    "release_to_pool",
    "request_claim",
    "update_customer",
]
