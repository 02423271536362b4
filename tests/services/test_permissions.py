"""Every role × every action against a table written out here, and refusals at service level.

The table below is the specification: a change to desktop/services/permissions.py that is not
also made here fails, and so does an action added without a row (add the row with the action).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.errors import PermissionDenied
from desktop.models.accounts import Role, User
from desktop.models.audit import AuditEvent
from desktop.services import accounts, audit, maintenance, organisation
from desktop.services.permissions import Action, can, require
from desktop.storage.backup import list_backups

EXPECTED = """
action            admin  hr  manager  finance  sales  auditor
users.view          Y    .      .        .       .       Y
users.manage        Y    .      .        .       .       .
keys.rotate         Y    .      .        .       .       .
own.password        Y    Y      Y        Y       Y       Y
own.book            .    .      Y        .       Y       .
backup.view         Y    .      .        .       .       Y
backup.create       Y    Y      .        Y       .       .
backup.restore      Y    .      .        .       .       .
integrity.check     Y    .      .        .       .       Y
audit.view          Y    .      .        .       .       Y
audit.verify        Y    .      .        .       .       Y
company.view        Y    Y      Y        Y       Y       Y
company.edit        Y    .      .        .       .       .
settings.edit       Y    .      .        .       .       .
dashboard.view      Y    Y      Y        Y       Y       Y
staff.view          Y    Y      Y        .       .       Y
customers.view      Y    Y      Y        Y       Y       Y
orders.view         Y    .      Y        Y       Y       Y
departures.view     Y    Y      Y        .       .       Y
commissions.view    Y    .      Y        Y       Y       Y
alerts.view         Y    Y      Y        .       .       .
alerts.manage       Y    Y      Y        .       .       .
alerts.rules.edit   Y    .      .        .       .       .
reports.view        Y    Y      Y        Y       .       Y
staff.edit          Y    Y      .        .       .       .
personal_data.view  Y    Y      .        .       .       .
customers.edit      Y    .      Y        .       Y       .
customers.reassign  Y    .      Y        .       .       .
pool.release        Y    .      Y        .       Y       .
pool.claim          Y    .      Y        .       Y       .
pool.decide         Y    .      Y        .       .       .
orders.edit         Y    .      Y        Y       Y       .
orders.late_entry   Y    .      Y        .       .       .
receivables.view    Y    .      Y        Y       Y       Y
receivables.edit    Y    .      .        Y       .       .
receivables.write_off Y  .      .        Y       .       .
payments.edit       Y    .      .        Y       .       .
followups.view      Y    .      Y        .       Y       Y
followups.edit      Y    .      Y        .       Y       .
export              Y    Y      Y        Y       Y       Y
exports.approve.first .  .      Y        .       .       .
exports.approve.second Y .      .        .       .       .
import              Y    Y      Y        Y       .       .
settings.business.edit Y .      .        .       .       .
demo.generate       Y    .      .        .       .       .
departures.edit     Y    Y      .        .       .       .
departures.approve  Y    .      Y        .       .       .
handover.edit       Y    Y      Y        .       .       .
handover.confirm    Y    .      Y        .       Y       .
checklist_templates.edit Y Y    .        .       .       .
clause_templates.edit Y  Y      .        .       .       .
review.view         Y    .      Y        .       .       Y
commissions.plans.edit Y .      .        Y       .       .
commissions.compute Y    .      Y        Y       .       .
commissions.approve .    .      Y        .       .       .
commissions.lock    .    .      .        Y       .       .
commissions.pay     .    .      .        Y       .       .
commissions.settlement.view Y Y Y        Y       .       Y
scope.all_branches  Y    Y      .        Y       .       Y
scope.branch        .    .      Y        .       .       .
records.for_others  Y    Y      Y        Y       .       .
pool.assign         Y    .      Y        .       .       .
pool.decide.own_claim .  .      .        .       .       .
export.unlimited    Y    .      .        .       .       .
employees.lookup    Y    Y      Y        Y       Y       Y
handover.confirm.for_others Y . Y        .       .       .
departures.approve.own .  .     .        .       .       .
own.clauses.acknowledge Y Y     Y        Y       Y       Y
confirmation_letters Y   Y      Y        .       .       .
"""


def _table() -> dict[tuple[str, str], bool]:
    lines = [line.split() for line in EXPECTED.strip().splitlines()]
    roles = lines[0][1:]
    return {
        (row[0], role): mark == "Y"
        for row in lines[1:]
        for role, mark in zip(roles, row[1:], strict=True)
    }


TABLE = _table()


def test_the_table_covers_every_action_and_every_role():
    assert {a for a, _ in TABLE} == {a.value for a in Action}
    assert {r for _, r in TABLE} == {r.value for r in Role}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.value)
def test_role_action_matches_the_expected_table(role, action):
    allowed = TABLE[(action.value, role.value)]
    assert can(role, action) is allowed
    if allowed:
        require(role, action)
    else:
        with pytest.raises(PermissionDenied, match=f"Your role \\({role.value}\\)"):
            require(role, action)


def test_auditor_changes_nothing_anywhere():
    """Read-only means every action but reading, verifying and its own password is refused."""
    reads = {a for a in Action if a.value.endswith((".view", ".verify", ".check"))}
    reads |= {a for a in Action if a.value in {"export", "own.password", "employees.lookup"}}
    # How far one sees is reading; what one does for oneself (one's password, acknowledging
    # one's own departure clauses) is not a change to the firm's records.
    reads |= {a for a in Action if a.value.startswith(("scope.", "own."))}
    writes = set(Action) - reads
    assert len(writes) >= 6
    assert not [a.value for a in writes if can(Role.AUDITOR, a)]


# --------------------------------------------------------------------------- service level


def _counts(admin):
    with admin.transaction() as s:
        users = s.scalar(select(func.count()).select_from(User))
        events = s.scalar(select(func.max(AuditEvent.seq)))
    return users, events, _with_password(admin)


def _with_password(admin):
    """Who can log in: a key slot in the vault, a password hash on a server."""
    return sorted(u.username for u in accounts.list_users(admin) if u.has_key_slot)


def test_sales_cannot_add_a_user_and_nothing_is_written(admin, login_as):
    sales = login_as(Role.SALES)
    before = _counts(admin)
    with pytest.raises(PermissionDenied, match=r"\(sales\).*users.manage"):
        accounts.add_user(sales, "mole", "Mole", "admin", "mole-pass-123")
    assert _counts(admin) == before
    assert "mole" not in _with_password(admin)


@pytest.mark.sqlcipher("Baton's own backups are SQLCipher files")
def test_sales_cannot_restore_a_backup(admin, login_as, paths):
    header = maintenance.backup_now(admin)
    sales = login_as(Role.SALES)
    db_before = paths.database.read_bytes()
    with pytest.raises(PermissionDenied, match=r"backup\.restore"):
        maintenance.restore(sales, header.path)
    with pytest.raises(PermissionDenied, match=r"backup\.restore"):
        maintenance.preview_backup(sales, header.path)
    assert paths.database.read_bytes() == db_before


@pytest.mark.parametrize(
    "attempt",
    [
        lambda c: accounts.add_user(c, "x1", "X", "sales", "x1-pass-123"),
        lambda c: accounts.set_disabled(c, "sales", True),
        lambda c: accounts.reset_password(c, "sales", "reset-pass-123"),
        lambda c: accounts.change_role(c, "sales", "admin"),
        lambda c: accounts.remove_user(c, "sales"),
        lambda c: accounts.rotate_key(c),
        lambda c: accounts.renew_recovery_key(c),
        lambda c: maintenance.backup_now(c),
        lambda c: organisation.rename_company(c, "Renamed"),
    ],
    ids=[
        "add_user",
        "disable",
        "reset_password",
        "change_role",
        "remove_user",
        "rotate_key",
        "renew_recovery",
        "backup",
        "rename_company",
    ],
)
def test_auditor_cannot_write(admin, login_as, paths, attempt):
    auditor = login_as(Role.AUDITOR)
    before = _counts(admin)
    keys_before = [p.read_bytes() for p in paths.keyslots if p.exists()]
    with pytest.raises(PermissionDenied, match=r"\(auditor\)"):
        attempt(auditor)
    assert _counts(admin) == before
    assert [p.read_bytes() for p in paths.keyslots if p.exists()] == keys_before
    assert list_backups(paths.backups) == []


def test_auditor_can_read_users_audit_and_verify(admin, login_as):
    auditor = login_as(Role.AUDITOR)
    assert {u.username for u in accounts.list_users(auditor)} >= {"admin", "auditor"}
    assert audit.count_events(auditor) > 0
    assert maintenance.verify_audit(auditor).ok
    assert maintenance.check_health(auditor).ok


@pytest.mark.parametrize("role", [Role.HR, Role.MANAGER, Role.FINANCE, Role.SALES])
def test_non_admins_cannot_list_users_or_rotate_keys(login_as, role):
    ctx = login_as(role)
    with pytest.raises(PermissionDenied):
        accounts.list_users(ctx)
    with pytest.raises(PermissionDenied):
        accounts.rotate_key(ctx)
    with pytest.raises(PermissionDenied):
        maintenance.check_health(ctx)


def test_every_role_may_change_its_own_password(login_as):
    for role in Role:
        ctx = login_as(role)
        old = "admin-pass-1" if role is Role.ADMIN else "role-pass-1"
        accounts.change_own_password(ctx, old, f"{role.value}-changed-1")
