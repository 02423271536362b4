"""Translated names of the core's enumerations (roles, actions…), in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.services.permissions import Role


def role_label(role: Role | str) -> str:
    labels = {
        Role.ADMIN: QCoreApplication.translate("Roles", "Administrator"),
        Role.HR: QCoreApplication.translate("Roles", "HR"),
        Role.MANAGER: QCoreApplication.translate("Roles", "Manager"),
        Role.FINANCE: QCoreApplication.translate("Roles", "Finance"),
        Role.SALES: QCoreApplication.translate("Roles", "Sales"),
        Role.AUDITOR: QCoreApplication.translate("Roles", "Auditor (read-only)"),
    }
    return labels[Role(role)]


def _label(table: dict[str, str], value: str | None) -> str:
    if value is None:
        return ""
    return table.get(value, value)


def assignment_reason_label(value: str | None) -> str:
    return _label(
        {
            "initial": QCoreApplication.translate("Labels", "initial"),
            "rebalance": QCoreApplication.translate("Labels", "rebalance"),
            "handover": QCoreApplication.translate("Labels", "handover"),
            "pool_claim": QCoreApplication.translate("Labels", "pool claim"),
        },
        value,
    )


def employee_status_label(value: str | None) -> str:
    return _label(
        {
            "active": QCoreApplication.translate("Labels", "active"),
            "notice": QCoreApplication.translate("Labels", "notice period"),
            "handover": QCoreApplication.translate("Labels", "in handover"),
            "departed": QCoreApplication.translate("Labels", "departed"),
        },
        value,
    )


def service_type_label(value: str | None) -> str:
    return _label(
        {
            "ftl": QCoreApplication.translate("Labels", "FTL"),
            "ltl": QCoreApplication.translate("Labels", "LTL"),
            "express": QCoreApplication.translate("Labels", "express"),
            "warehousing": QCoreApplication.translate("Labels", "warehousing"),
        },
        value,
    )


def order_status_label(value: str | None) -> str:
    return _label(
        {
            "open": QCoreApplication.translate("Labels", "open"),
            "delivered": QCoreApplication.translate("Labels", "delivered"),
            "invoiced": QCoreApplication.translate("Labels", "invoiced"),
            "cancelled": QCoreApplication.translate("Labels", "cancelled"),
        },
        value,
    )


CHANNELS = ("phone", "visit", "wechat", "email", "meeting", "other")


def channel_label(value: str | None) -> str:
    return _label(
        {
            "phone": QCoreApplication.translate("Labels", "phone"),
            "visit": QCoreApplication.translate("Labels", "visit"),
            "wechat": QCoreApplication.translate("Labels", "WeChat"),
            "email": QCoreApplication.translate("Labels", "e-mail"),
            "meeting": QCoreApplication.translate("Labels", "meeting"),
            "other": QCoreApplication.translate("Labels", "other"),
        },
        value,
    )


# --------------------------------------------------------------------------- departures

CASE_STATES = (
    "draft",
    "submitted",
    "approved",
    "in_handover",
    "awaiting_confirmation",
    "completed",
    "archived",
)
CASE_TYPES = ("resignation", "mutual", "misconduct", "dismissal", "contract_end", "retirement")


def case_state_label(value: str | None) -> str:
    return _label(
        {
            "draft": QCoreApplication.translate("CaseLabels", "draft"),
            "submitted": QCoreApplication.translate("CaseLabels", "submitted"),
            "approved": QCoreApplication.translate("CaseLabels", "approved"),
            "in_handover": QCoreApplication.translate("CaseLabels", "in handover"),
            "awaiting_confirmation": QCoreApplication.translate(
                "CaseLabels", "awaiting confirmation"
            ),
            "completed": QCoreApplication.translate("CaseLabels", "completed"),
            "archived": QCoreApplication.translate("CaseLabels", "archived"),
            "withdrawn": QCoreApplication.translate("CaseLabels", "withdrawn"),
            "cancelled": QCoreApplication.translate("CaseLabels", "cancelled"),
        },
        value,
    )


def case_type_label(value: str | None) -> str:
    return _label(
        {
            "resignation": QCoreApplication.translate("CaseLabels", "resignation"),
            "dismissal": QCoreApplication.translate("CaseLabels", "dismissal"),
            "mutual": QCoreApplication.translate("CaseLabels", "mutual agreement (art. 36)"),
            "misconduct": QCoreApplication.translate(
                "CaseLabels", "dismissal for misconduct (art. 39)"
            ),
            "contract_end": QCoreApplication.translate("CaseLabels", "contract end"),
            "retirement": QCoreApplication.translate("CaseLabels", "retirement"),
        },
        value,
    )


def item_status_label(value: str | None) -> str:
    return _label(
        {
            "open": QCoreApplication.translate("CaseLabels", "open"),
            "done": QCoreApplication.translate("CaseLabels", "done"),
            "confirmed": QCoreApplication.translate("CaseLabels", "confirmed"),
            "waived": QCoreApplication.translate("CaseLabels", "waived"),
        },
        value,
    )


def item_category_label(value: str | None) -> str:
    return _label(
        {
            "customers": QCoreApplication.translate("CaseLabels", "Customers"),
            "contracts": QCoreApplication.translate("CaseLabels", "Contracts"),
            "receivables": QCoreApplication.translate("CaseLabels", "Receivables"),
            "open_orders": QCoreApplication.translate("CaseLabels", "Open orders"),
            "assets": QCoreApplication.translate("CaseLabels", "Assets"),
            "documents": QCoreApplication.translate("CaseLabels", "Documents"),
            "accounts": QCoreApplication.translate("CaseLabels", "Accounts & data access"),
            "other": QCoreApplication.translate("CaseLabels", "Other"),
        },
        value,
    )


def item_kind_label(value: str | None) -> str:
    return _label(
        {
            "customer": QCoreApplication.translate("CaseLabels", "Customers"),
            "contract": QCoreApplication.translate("CaseLabels", "Contracts"),
            "receivable": QCoreApplication.translate("CaseLabels", "Receivables"),
            "order": QCoreApplication.translate("CaseLabels", "Open orders"),
            "account": QCoreApplication.translate("CaseLabels", "App accounts"),
            "checklist": QCoreApplication.translate("CaseLabels", "Checklist"),
        },
        value,
    )


def section_label(key: str) -> str:
    """A progress section of a case: an item kind, or ``checklist:<category>``."""
    if key.startswith("checklist:"):
        return item_category_label(key.split(":", 1)[1])
    return item_kind_label(key)


def responsible_role_label(value: str | None) -> str:
    return _label(
        {
            "employee": QCoreApplication.translate("CaseLabels", "departing employee"),
            "successor": QCoreApplication.translate("CaseLabels", "successor"),
            "manager": QCoreApplication.translate("CaseLabels", "manager"),
            "hr": QCoreApplication.translate("CaseLabels", "HR"),
            "finance": QCoreApplication.translate("CaseLabels", "finance"),
            "admin": QCoreApplication.translate("CaseLabels", "administrator"),
        },
        value,
    )


def case_event_label(value: str | None) -> str:
    return _label(
        {
            "create": QCoreApplication.translate("CaseLabels", "case opened"),
            "submit": QCoreApplication.translate("CaseLabels", "submitted for approval"),
            "approve": QCoreApplication.translate("CaseLabels", "approved"),
            "send_back": QCoreApplication.translate("CaseLabels", "sent back"),
            "start_handover": QCoreApplication.translate("CaseLabels", "handover started"),
            "request_confirmation": QCoreApplication.translate(
                "CaseLabels", "confirmation requested"
            ),
            "complete": QCoreApplication.translate("CaseLabels", "completed"),
            "archive": QCoreApplication.translate("CaseLabels", "archived"),
            "withdraw": QCoreApplication.translate("CaseLabels", "withdrawn"),
            "cancel": QCoreApplication.translate("CaseLabels", "cancelled"),
            "confirm": QCoreApplication.translate("CaseLabels", "receipt confirmed"),
            "refresh": QCoreApplication.translate("CaseLabels", "items refreshed"),
            "non_compete": QCoreApplication.translate("CaseLabels", "non-compete decided"),
            "non_compete_release": QCoreApplication.translate(
                "CaseLabels", "non-compete released early"
            ),
            "clauses_acknowledged": QCoreApplication.translate(
                "CaseLabels", "clauses acknowledged"
            ),
            "accounts_disabled": QCoreApplication.translate("CaseLabels", "app accounts disabled"),
            "departed": QCoreApplication.translate("CaseLabels", "employee departed"),
            "keys_revoked": QCoreApplication.translate("CaseLabels", "key access revoked"),
            "waive": QCoreApplication.translate("CaseLabels", "items waived"),
            "waive_informing": QCoreApplication.translate(
                "CaseLabels", "customers not to be told (waived)"
            ),
        },
        value,
    )


INFORMED_HOW = ("phone", "visit", "wechat", "email", "letter", "meeting")


def informed_how_label(value: str | None) -> str:
    if value == "letter":
        return QCoreApplication.translate("CaseLabels", "letter")
    return channel_label(value)


def transition_label(template: str) -> str:
    """A move's label from :data:`desktop.services.departures.TRANSITIONS` (context
    "Departures")."""
    return QCoreApplication.translate("Departures", template)
