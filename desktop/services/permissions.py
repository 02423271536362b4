"""The one permission table, and the check every service makes before it acts.

Permissions are enforced here, in the service layer; the views only hide what a role cannot
use. Later capabilities add their actions to :data:`PERMISSIONS` — one table, one check.
"""

from __future__ import annotations

from enum import StrEnum

from desktop.errors import MSG_PERMISSION, PermissionDenied
from desktop.models.accounts import Role

ALL = frozenset(Role)
ADMIN = Role.ADMIN
HR = Role.HR
MANAGER = Role.MANAGER
FINANCE = Role.FINANCE
SALES = Role.SALES
AUDITOR = Role.AUDITOR


class Action(StrEnum):
    # accounts and keys
    USERS_VIEW = "users.view"
    USERS_MANAGE = "users.manage"
    KEYS_ROTATE = "keys.rotate"
    OWN_PASSWORD = "own.password"
    # maintenance
    BACKUP_VIEW = "backup.view"
    BACKUP_CREATE = "backup.create"
    BACKUP_RESTORE = "backup.restore"
    INTEGRITY_CHECK = "integrity.check"
    # audit
    AUDIT_VIEW = "audit.view"
    AUDIT_VERIFY = "audit.verify"
    # organisation and settings
    COMPANY_VIEW = "company.view"
    COMPANY_EDIT = "company.edit"
    SETTINGS_EDIT = "settings.edit"
    # pages of the main window that later capabilities fill
    DASHBOARD_VIEW = "dashboard.view"
    STAFF_VIEW = "staff.view"
    CUSTOMERS_VIEW = "customers.view"
    ORDERS_VIEW = "orders.view"
    DEPARTURES_VIEW = "departures.view"
    COMMISSIONS_VIEW = "commissions.view"
    ALERTS_VIEW = "alerts.view"
    REPORTS_VIEW = "reports.view"
    DEMO_GENERATE = "demo.generate"


PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.USERS_VIEW: frozenset({ADMIN, AUDITOR}),
    Action.USERS_MANAGE: frozenset({ADMIN}),
    Action.KEYS_ROTATE: frozenset({ADMIN}),
    Action.OWN_PASSWORD: ALL,
    Action.BACKUP_VIEW: frozenset({ADMIN, AUDITOR}),
    Action.BACKUP_CREATE: frozenset({ADMIN, HR, FINANCE}),
    Action.BACKUP_RESTORE: frozenset({ADMIN}),
    Action.INTEGRITY_CHECK: frozenset({ADMIN, AUDITOR}),
    Action.AUDIT_VIEW: frozenset({ADMIN, AUDITOR}),
    Action.AUDIT_VERIFY: frozenset({ADMIN, AUDITOR}),
    Action.COMPANY_VIEW: ALL,
    Action.COMPANY_EDIT: frozenset({ADMIN}),
    Action.SETTINGS_EDIT: frozenset({ADMIN}),
    Action.DASHBOARD_VIEW: ALL,
    Action.STAFF_VIEW: frozenset({ADMIN, HR, MANAGER, AUDITOR}),
    Action.CUSTOMERS_VIEW: frozenset({ADMIN, HR, MANAGER, FINANCE, SALES, AUDITOR}),
    Action.ORDERS_VIEW: frozenset({ADMIN, MANAGER, FINANCE, SALES, AUDITOR}),
    Action.DEPARTURES_VIEW: frozenset({ADMIN, HR, MANAGER, AUDITOR}),
    Action.COMMISSIONS_VIEW: frozenset({ADMIN, MANAGER, FINANCE, SALES, AUDITOR}),
    Action.ALERTS_VIEW: frozenset({ADMIN, HR, MANAGER, AUDITOR}),
    Action.REPORTS_VIEW: frozenset({ADMIN, HR, MANAGER, FINANCE, AUDITOR}),
    Action.DEMO_GENERATE: frozenset({ADMIN}),
}


def can(role: Role | str, action: Action) -> bool:
    """Whether ``role`` may perform ``action``."""
    return Role(role) in PERMISSIONS[action]


def require(role: Role | str, action: Action) -> None:
    """Raise :class:`PermissionDenied` unless ``role`` may perform ``action``."""
    if not can(role, action):
        raise PermissionDenied(MSG_PERMISSION, role=str(role), action=action.value)
