"""The one permission table, and the check every service makes before it acts.

Permissions are enforced here, in the service layer; the views only hide what a role cannot
use. Later capabilities add their actions to :data:`PERMISSIONS` — one table, one check.
Every decision that depends on the role is an action here, including the ones that choose a
path rather than refuse (how far scope reaches, confirming for someone else, what nobody does
for themselves): services ask ``ctx.require``/``ctx.can``, and
``tests/services/test_no_role_names.py`` fails on a role name compared anywhere else.
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
    OWN_BOOK = "own.book"
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
    ALERTS_MANAGE = "alerts.manage"
    ALERT_RULES_EDIT = "alerts.rules.edit"
    REPORTS_VIEW = "reports.view"
    # staff, customers, money and follow-ups (scope narrows each further: see services/scope.py)
    STAFF_EDIT = "staff.edit"
    PERSONAL_DATA_VIEW = "personal_data.view"
    CUSTOMERS_EDIT = "customers.edit"
    CUSTOMERS_REASSIGN = "customers.reassign"
    POOL_RELEASE = "pool.release"
    POOL_CLAIM = "pool.claim"
    POOL_DECIDE = "pool.decide"
    ORDERS_EDIT = "orders.edit"
    ORDERS_LATE_ENTRY = "orders.late_entry"
    RECEIVABLES_VIEW = "receivables.view"
    RECEIVABLES_EDIT = "receivables.edit"
    RECEIVABLES_WRITE_OFF = "receivables.write_off"
    PAYMENTS_EDIT = "payments.edit"
    FOLLOWUPS_VIEW = "followups.view"
    FOLLOWUPS_EDIT = "followups.edit"
    EXPORT = "export"
    EXPORTS_APPROVE_FIRST = "exports.approve.first"
    EXPORTS_APPROVE_SECOND = "exports.approve.second"
    IMPORT = "import"
    SETTINGS_BUSINESS_EDIT = "settings.business.edit"
    DEMO_GENERATE = "demo.generate"
    # departures and handovers
    DEPARTURES_EDIT = "departures.edit"
    DEPARTURES_APPROVE = "departures.approve"
    HANDOVER_EDIT = "handover.edit"
    HANDOVER_CONFIRM = "handover.confirm"
    CHECKLIST_TEMPLATES_EDIT = "checklist_templates.edit"
    CLAUSE_TEMPLATES_EDIT = "clause_templates.edit"
    REVIEW_VIEW = "review.view"
    # commissions
    COMMISSION_PLANS_EDIT = "commissions.plans.edit"
    COMMISSIONS_COMPUTE = "commissions.compute"
    COMMISSIONS_APPROVE = "commissions.approve"
    COMMISSIONS_LOCK = "commissions.lock"
    COMMISSIONS_PAY = "commissions.pay"
    COMMISSION_SETTLEMENT_VIEW = "commissions.settlement.view"
    # decisions that were role comparisons in the services: how far an actor reaches, for
    # whom they act, and what nobody does for themselves
    SCOPE_ALL_BRANCHES = "scope.all_branches"
    SCOPE_BRANCH = "scope.branch"
    RECORDS_FOR_OTHERS = "records.for_others"
    POOL_ASSIGN = "pool.assign"
    POOL_DECIDE_OWN_CLAIM = "pool.decide.own_claim"
    EXPORT_UNLIMITED = "export.unlimited"
    EMPLOYEE_LOOKUP = "employees.lookup"
    HANDOVER_CONFIRM_FOR_OTHERS = "handover.confirm.for_others"
    DEPARTURES_APPROVE_OWN = "departures.approve.own"
    OWN_CLAUSES_ACKNOWLEDGE = "own.clauses.acknowledge"
    #: Issue a departure case's balance-confirmation letters (对账函) and record their sending
    #: and replies: the people who run the case, though HR sees no receivables elsewhere.
    CONFIRMATION_LETTERS = "confirmation_letters"


PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.USERS_VIEW: frozenset({ADMIN, AUDITOR}),
    Action.USERS_MANAGE: frozenset({ADMIN}),
    Action.KEYS_ROTATE: frozenset({ADMIN}),
    Action.OWN_PASSWORD: ALL,
    # Works a book of customers (own or the branch's): the account must be linked to its
    # employee record (services/account_links.py).
    Action.OWN_BOOK: frozenset({MANAGER, SALES}),
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
    # Alerts are signals about people: only HR, managers (their branch) and administrators
    # see and decide them (SPEC §6); only an administrator edits the rules.
    Action.ALERTS_VIEW: frozenset({ADMIN, HR, MANAGER}),
    Action.ALERTS_MANAGE: frozenset({ADMIN, HR, MANAGER}),
    Action.ALERT_RULES_EDIT: frozenset({ADMIN}),
    Action.REPORTS_VIEW: frozenset({ADMIN, HR, MANAGER, FINANCE, AUDITOR}),
    # HR keeps the staff records and alone (with admin) sees ID numbers unmasked.
    Action.STAFF_EDIT: frozenset({ADMIN, HR}),
    Action.PERSONAL_DATA_VIEW: frozenset({ADMIN, HR}),
    # Sales edit their own customers; managers those of their branch and move them.
    Action.CUSTOMERS_EDIT: frozenset({ADMIN, MANAGER, SALES}),
    Action.CUSTOMERS_REASSIGN: frozenset({ADMIN, MANAGER}),
    Action.POOL_RELEASE: frozenset({ADMIN, MANAGER, SALES}),
    Action.POOL_CLAIM: frozenset({ADMIN, MANAGER, SALES}),
    Action.POOL_DECIDE: frozenset({ADMIN, MANAGER}),
    Action.ORDERS_EDIT: frozenset({ADMIN, MANAGER, FINANCE, SALES}),
    # A past order of a leaver entered after their order lock began needs a manager's reason.
    Action.ORDERS_LATE_ENTRY: frozenset({ADMIN, MANAGER}),
    # Finance keeps the money; sales and managers read the receivables in their scope.
    Action.RECEIVABLES_VIEW: frozenset({ADMIN, MANAGER, FINANCE, SALES, AUDITOR}),
    Action.RECEIVABLES_EDIT: frozenset({ADMIN, FINANCE}),
    Action.RECEIVABLES_WRITE_OFF: frozenset({ADMIN, FINANCE}),
    Action.PAYMENTS_EDIT: frozenset({ADMIN, FINANCE}),
    Action.FOLLOWUPS_VIEW: frozenset({ADMIN, MANAGER, SALES, AUDITOR}),
    Action.FOLLOWUPS_EDIT: frozenset({ADMIN, MANAGER, SALES}),
    # Every role may export what its scope shows; a large export needs approval (exports.py).
    Action.EXPORT: ALL,
    # An export above the rows-per-window limit is a request: a manager approves it first, an
    # administrator second, never the requester (services/export_approvals.py).
    Action.EXPORTS_APPROVE_FIRST: frozenset({MANAGER}),
    Action.EXPORTS_APPROVE_SECOND: frozenset({ADMIN}),
    Action.IMPORT: frozenset({ADMIN, HR, MANAGER, FINANCE}),
    Action.SETTINGS_BUSINESS_EDIT: frozenset({ADMIN}),
    Action.DEMO_GENERATE: frozenset({ADMIN}),
    # HR opens and runs a departure; a manager approves and completes it; both (and admin)
    # work the handover items. Successors (sales) confirm their own items, a manager may
    # confirm on a successor's behalf (handover.py checks which items).
    Action.DEPARTURES_EDIT: frozenset({ADMIN, HR}),
    Action.DEPARTURES_APPROVE: frozenset({ADMIN, MANAGER}),
    Action.HANDOVER_EDIT: frozenset({ADMIN, HR, MANAGER}),
    Action.HANDOVER_CONFIRM: frozenset({ADMIN, MANAGER, SALES}),
    Action.CHECKLIST_TEMPLATES_EDIT: frozenset({ADMIN, HR}),
    Action.CLAUSE_TEMPLATES_EDIT: frozenset({ADMIN, HR}),
    # The manager's review list: managers and administrators decide, auditors read it.
    Action.REVIEW_VIEW: frozenset({ADMIN, MANAGER, AUDITOR}),
    # Commissions: finance (and admin) keep the plans; a period is computed by finance or a
    # manager, approved by a manager only, locked and marked paid by finance only (two people
    # see every period before it is paid). HR reads a leaver's final settlement.
    Action.COMMISSION_PLANS_EDIT: frozenset({ADMIN, FINANCE}),
    Action.COMMISSIONS_COMPUTE: frozenset({ADMIN, MANAGER, FINANCE}),
    Action.COMMISSIONS_APPROVE: frozenset({MANAGER}),
    Action.COMMISSIONS_LOCK: frozenset({FINANCE}),
    Action.COMMISSIONS_PAY: frozenset({FINANCE}),
    Action.COMMISSION_SETTLEMENT_VIEW: frozenset({ADMIN, HR, MANAGER, FINANCE, AUDITOR}),
    # Scope (services/scope.py): these see every branch; a manager their branch and the staff
    # they manage (the firm when they have no branch); a role holding neither only its own
    # records (sales). Exactly one level per role, kept by tests/services/test_permissions.py.
    Action.SCOPE_ALL_BRANCHES: frozenset({ADMIN, HR, FINANCE, AUDITOR}),
    Action.SCOPE_BRANCH: frozenset({MANAGER}),
    # Whom a new customer, claim, follow-up or order is for: without this right, always the
    # actor themselves (a salesperson cannot put records on a colleague).
    Action.RECORDS_FOR_OTHERS: frozenset({ADMIN, HR, MANAGER, FINANCE}),
    # Acting on a customer in the public pool outside one's scope: handing it out, importing
    # its assignment (managers); everyone else reaches pool customers only through scope.
    Action.POOL_ASSIGN: frozenset({ADMIN, MANAGER}),
    # Nobody decides a pool claim they made themselves, nor approves their own departure.
    Action.POOL_DECIDE_OWN_CLAIM: frozenset(),
    Action.DEPARTURES_APPROVE_OWN: frozenset(),
    # An export above the approval threshold is written without a second person's approval.
    Action.EXPORT_UNLIMITED: frozenset({ADMIN}),
    # Finding an employee by number (the command line): every role, within its scope.
    Action.EMPLOYEE_LOOKUP: ALL,
    # Confirming receipt of handover items on the successor's behalf (the successor always
    # confirms their own: services/handover/confirmation.may_confirm_for).
    Action.HANDOVER_CONFIRM_FOR_OTHERS: frozenset({ADMIN, MANAGER}),
    Action.CONFIRMATION_LETTERS: frozenset({ADMIN, HR, MANAGER}),
    # The leaver acknowledges their own clauses from their own account, whatever their role.
    Action.OWN_CLAUSES_ACKNOWLEDGE: ALL,
}


def can(role: Role | str, action: Action) -> bool:
    """Whether ``role`` may perform ``action``."""
    return Role(role) in PERMISSIONS[action]


def holders(action: Action) -> frozenset[str]:
    """The role values that hold ``action``: for a query over accounts (who administers)."""
    return frozenset(role.value for role in PERMISSIONS[action])


def require(role: Role | str, action: Action) -> None:
    """Raise :class:`PermissionDenied` unless ``role`` may perform ``action``."""
    if not can(role, action):
        raise PermissionDenied(MSG_PERMISSION, role=str(role), action=action.value)
