"""Import fields by name: each field of each import kind as an English source in a catalog
context of its kind, translated to the first (Chinese) header the firms' files use for it. The
mapping, the wizard, the error reports and the summaries name a field by it, never by its
internal name (``employee_no``); the CLI's ``--mapping`` lines keep the internal name.
"""

from __future__ import annotations

from desktop.errors import QT_TRANSLATE_NOOP, Term

#: kind -> field -> its name (English source; the catalog gives the Chinese header).
FIELD_NAMES: dict[str, dict[str, str]] = {
    "staff": {
        "employee_no": QT_TRANSLATE_NOOP("StaffFields", "employee no."),
        "name": QT_TRANSLATE_NOOP("StaffFields", "name"),
        "phone": QT_TRANSLATE_NOOP("StaffFields", "phone"),
        "email": QT_TRANSLATE_NOOP("StaffFields", "email"),
        "id_number": QT_TRANSLATE_NOOP("StaffFields", "id number"),
        "branch": QT_TRANSLATE_NOOP("StaffFields", "branch"),
        "department": QT_TRANSLATE_NOOP("StaffFields", "department"),
        "position": QT_TRANSLATE_NOOP("StaffFields", "position"),
        "manager": QT_TRANSLATE_NOOP("StaffFields", "manager"),
        "hire_date": QT_TRANSLATE_NOOP("StaffFields", "hire date"),
        "probation_end": QT_TRANSLATE_NOOP("StaffFields", "probation end"),
        "status": QT_TRANSLATE_NOOP("StaffFields", "status"),
        "is_sales": QT_TRANSLATE_NOOP("StaffFields", "salesperson (yes/no)"),
    },
    "customers": {
        "code": QT_TRANSLATE_NOOP("CustomerFields", "code"),
        "name": QT_TRANSLATE_NOOP("CustomerFields", "name"),
        "credit_code": QT_TRANSLATE_NOOP("CustomerFields", "credit code"),
        "industry": QT_TRANSLATE_NOOP("CustomerFields", "industry"),
        "region": QT_TRANSLATE_NOOP("CustomerFields", "region"),
        "address": QT_TRANSLATE_NOOP("CustomerFields", "address"),
        "payment_terms_days": QT_TRANSLATE_NOOP("CustomerFields", "payment terms (days)"),
        "credit_limit": QT_TRANSLATE_NOOP("CustomerFields", "credit limit"),
        "tier": QT_TRANSLATE_NOOP("CustomerFields", "tier"),
        "owner": QT_TRANSLATE_NOOP("CustomerFields", "owner"),
        "owner_since": QT_TRANSLATE_NOOP("CustomerFields", "owner since"),
        "contact_name": QT_TRANSLATE_NOOP("CustomerFields", "contact name"),
        "contact_phone": QT_TRANSLATE_NOOP("CustomerFields", "contact phone"),
    },
    "assignments": {
        "customer": QT_TRANSLATE_NOOP("AssignmentFields", "customer"),
        "owner": QT_TRANSLATE_NOOP("AssignmentFields", "owner"),
        "valid_from": QT_TRANSLATE_NOOP("AssignmentFields", "valid from"),
        "reason": QT_TRANSLATE_NOOP("AssignmentFields", "reason"),
        "note": QT_TRANSLATE_NOOP("AssignmentFields", "note"),
    },
    "orders": {
        "number": QT_TRANSLATE_NOOP("WaybillFields", "number"),
        "customer": QT_TRANSLATE_NOOP("WaybillFields", "customer"),
        "order_date": QT_TRANSLATE_NOOP("WaybillFields", "order date"),
        "salesperson": QT_TRANSLATE_NOOP("WaybillFields", "salesperson"),
        "origin": QT_TRANSLATE_NOOP("WaybillFields", "origin"),
        "destination": QT_TRANSLATE_NOOP("WaybillFields", "destination"),
        "service_type": QT_TRANSLATE_NOOP("WaybillFields", "service type"),
        "revenue": QT_TRANSLATE_NOOP("WaybillFields", "revenue"),
        "cost": QT_TRANSLATE_NOOP("WaybillFields", "cost"),
        "status": QT_TRANSLATE_NOOP("WaybillFields", "status"),
    },
    "receivables": {
        "number": QT_TRANSLATE_NOOP("InvoiceFields", "number"),
        "customer": QT_TRANSLATE_NOOP("InvoiceFields", "customer"),
        "issued_on": QT_TRANSLATE_NOOP("InvoiceFields", "issued on"),
        "due_on": QT_TRANSLATE_NOOP("InvoiceFields", "due on"),
        "amount": QT_TRANSLATE_NOOP("InvoiceFields", "amount"),
        "salesperson": QT_TRANSLATE_NOOP("InvoiceFields", "salesperson"),
        "orders": QT_TRANSLATE_NOOP("InvoiceFields", "orders"),
    },
    "payments": {
        "customer": QT_TRANSLATE_NOOP("PaymentFields", "customer"),
        "received_on": QT_TRANSLATE_NOOP("PaymentFields", "received on"),
        "amount": QT_TRANSLATE_NOOP("PaymentFields", "amount"),
        "reference": QT_TRANSLATE_NOOP("PaymentFields", "reference"),
        "invoice": QT_TRANSLATE_NOOP("PaymentFields", "invoice"),
        "method": QT_TRANSLATE_NOOP("PaymentFields", "method"),
        "collector": QT_TRANSLATE_NOOP("PaymentFields", "collector"),
    },
    "followups": {
        "customer": QT_TRANSLATE_NOOP("FollowUpFields", "customer"),
        "followed_on": QT_TRANSLATE_NOOP("FollowUpFields", "followed on"),
        "employee": QT_TRANSLATE_NOOP("FollowUpFields", "employee"),
        "channel": QT_TRANSLATE_NOOP("FollowUpFields", "channel"),
        "content": QT_TRANSLATE_NOOP("FollowUpFields", "content"),
        "next_step": QT_TRANSLATE_NOOP("FollowUpFields", "next step"),
    },
}

#: The catalog context of each kind's field names.
CONTEXTS: dict[str, str] = {
    "staff": "StaffFields",
    "customers": "CustomerFields",
    "assignments": "AssignmentFields",
    "orders": "WaybillFields",
    "receivables": "InvoiceFields",
    "payments": "PaymentFields",
    "followups": "FollowUpFields",
}


def field_term(kind: str, name: str) -> Term | str:
    """A field as a message parameter: its name, translated with the message (the internal
    name where the kind has no such field)."""
    text = FIELD_NAMES.get(kind, {}).get(name)
    return Term(CONTEXTS[kind], text) if text is not None else name
