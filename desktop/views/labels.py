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
