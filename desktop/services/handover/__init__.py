"""Handover items (交接事项): generated from live data at approval, worked through, confirmed.

Why from live data: a handover list typed by hand forgets exactly the customers and invoices
that matter. At approval the case gets one item per customer the employee owns that day, per
open receivable they sold or that belongs to those customers (who collects it), per open order
they sold, per open contract, per app account of theirs, and the lines of the checklist template
of their position. Generating again adds only what is new (each item's ``ref`` is unique per
case), so it is complete and idempotent.

Ownership moves only when the successor confirms receipt (or a manager confirms for them):
:func:`confirm_items` (one case) or :func:`confirm_pending` (what waits for the actor,
across cases) reassigns the customer with reason "handover", effective on the later of
the confirmation day and the planned transfer date — never before.

Who may do what: HR, managers and administrators edit items (``handover.edit``); a salesperson
confirms the items of which they are the successor, a manager or administrator may confirm on a
successor's behalf (``handover.confirm``; the confirmation records who pressed the button).

The capability's modules, in dependency order: :mod:`.cases` (case scope, states, history),
:mod:`.generation`, :mod:`.items` (rows, details, waiving), :mod:`.successors`,
:mod:`.checklist` (checklist and account items done), :mod:`.confirmation` (who may confirm,
and confirming), :mod:`.evidence` (attaching, and completing items with their evidence),
:mod:`.templates` (checklist templates). Every change to several items — update, waive,
complete, confirm — is one transaction that refuses the whole batch, naming each item at
fault. Every public name is exported here, so callers keep writing ``handover.confirm_items``.
"""

from __future__ import annotations

from desktop.services.handover.cases import (
    CONFIRM_STATES,
    HANDOVER_STATES,
    MSG_CASE_FROZEN,
    MSG_CASE_NOT_FOUND,
    MSG_ITEM_NOT_FOUND,
    TRANSFER_KINDS,
    add_event,
    case_filter,
    case_in_scope,
)
from desktop.services.handover.checklist import close_account_items, mark_done
from desktop.services.handover.confirmation import (
    confirm_items,
    confirm_pending,
    confirmable_by,
    may_confirm,
    may_confirm_all,
    may_confirm_for,
    pending_confirmations,
)
from desktop.services.handover.evidence import (
    MAX_EVIDENCE_BYTES,
    EvidenceFile,
    EvidenceInfo,
    EvidenceUpload,
    attach_evidence,
    complete_items,
    list_evidence,
    read_evidence,
)
from desktop.services.handover.generation import (
    KIND_CATEGORY,
    OPEN_ORDER_STATUSES,
    generate_in,
    leaver_open_receivables,
    leaver_receivables,
    open_orders_of,
    owned_customers,
    refresh_items,
    template_for,
)
from desktop.services.handover.informing import not_informed, waive_informing
from desktop.services.handover.items import (
    ItemRow,
    ItemUpdate,
    items_in,
    list_items,
    update_item,
    update_items,
    waive_item,
    waive_items,
)
from desktop.services.handover.release import release_item_to_pool
from desktop.services.handover.successors import (
    SuccessorSuggestion,
    apply_suggestions,
    assign_items,
    assign_successor,
    customers_by_code,
    suggest_successors,
)
from desktop.services.handover.templates import (
    TemplateInfo,
    TemplateInput,
    TemplateItemInfo,
    TemplateItemInput,
    ensure_templates,
    list_templates,
    save_template,
    set_template_active,
)

__all__ = [
    "CONFIRM_STATES",
    "HANDOVER_STATES",
    "KIND_CATEGORY",
    "MAX_EVIDENCE_BYTES",
    "MSG_CASE_FROZEN",
    "MSG_CASE_NOT_FOUND",
    "MSG_ITEM_NOT_FOUND",
    "OPEN_ORDER_STATUSES",
    "TRANSFER_KINDS",
    "EvidenceFile",
    "EvidenceInfo",
    "EvidenceUpload",
    "ItemRow",
    "ItemUpdate",
    "SuccessorSuggestion",
    "TemplateInfo",
    "TemplateInput",
    "TemplateItemInfo",
    "TemplateItemInput",
    "add_event",
    "apply_suggestions",
    "assign_items",
    "assign_successor",
    "attach_evidence",
    "case_filter",
    "case_in_scope",
    "close_account_items",
    "complete_items",
    "confirm_items",
    "confirm_pending",
    "confirmable_by",
    "customers_by_code",
    "ensure_templates",
    "generate_in",
    "items_in",
    "leaver_open_receivables",
    "leaver_receivables",
    "list_evidence",
    "list_items",
    "list_templates",
    "mark_done",
    "may_confirm",
    "may_confirm_all",
    "may_confirm_for",
    "not_informed",
    "open_orders_of",
    "owned_customers",
    "pending_confirmations",
    "read_evidence",
    "refresh_items",
    "release_item_to_pool",
    "save_template",
    "set_template_active",
    "suggest_successors",
    "template_for",
    "update_item",
    "update_items",
    "waive_informing",
    "waive_item",
    "waive_items",
]
