"""Translated names of the core's enumerations (roles, actions…), in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.models.accounts import Role


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


def position_category_label(value: str | None) -> str:
    return _label(
        {
            "sales": QCoreApplication.translate("Labels", "sales"),
            "dispatcher": QCoreApplication.translate("Labels", "dispatcher"),
            "finance": QCoreApplication.translate("Labels", "finance"),
            "warehouse": QCoreApplication.translate("Labels", "warehouse"),
            "other": QCoreApplication.translate("Labels", "other"),
        },
        value,
    )
