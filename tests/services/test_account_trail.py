"""An account changed outside Baton (plain SQL on the database) is named by ``baton verify``:
the audit log keeps the last role Baton recorded, and the row no longer matches it."""

from __future__ import annotations

from sqlalchemy import select, text

from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent
from desktop.models.organisation import Branch
from desktop.services import accounts, maintenance
from desktop.services.account_trail import unaudited_account_changes


def test_a_firm_changed_only_through_baton_has_no_account_mismatch(admin, role_users):
    accounts.change_role(admin, "sales", Role.MANAGER.value)
    accounts.set_disabled(admin, "hr", True, "left the firm")
    accounts.remove_user(admin, "auditor")
    report = maintenance.check_health(admin)
    assert report.accounts == [] and report.ok


def test_a_role_raised_by_plain_sql_is_named(admin, role_users):
    with admin.transaction() as s:
        # What someone with the database password could type: no ORM, so no audit event.
        s.execute(
            text("UPDATE app_user SET role = 'admin', disabled = false WHERE username = 'sales'")
        )
        s.execute(text("UPDATE app_user SET removed = true WHERE username = 'hr'"))
    with admin.transaction() as s:
        found = {
            (m.username, m.column): (m.actual, m.audited) for m in unaudited_account_changes(s)
        }
    assert found == {("sales", "role"): ("admin", "sales"), ("hr", "removed"): (True, False)}
    report = maintenance.check_health(admin)
    assert not report.ok and report.chain.ok  # the chain is intact; the rows are not
    assert any(
        m.describe().endswith("(sales): role is 'admin', the audit log says 'sales'")
        for m in report.accounts
    )


def test_an_account_added_or_deleted_by_plain_sql_is_named(admin, role_users):
    with admin.transaction() as s:
        s.execute(text("DELETE FROM app_user WHERE username = 'hr'"))
        s.execute(
            text(
                "INSERT INTO app_user (username, display_name, role, disabled, removed, "
                "created_at, updated_at, version) VALUES ('intruder', 'x', 'admin', false, "
                "false, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 1)"
            )
        )
    report = maintenance.check_health(admin)
    described = [m.describe() for m in report.accounts]
    assert any(d.endswith("(intruder) has no record in the audit log") for d in described)
    assert any(d.endswith("(hr) is in the audit log but gone") for d in described)
    assert len(described) == 2 and not report.ok


def test_accounts_added_through_fresh_contexts_are_all_in_the_audit_log(admin):
    """Each window, ``as_actor`` context or store replaced after a rotation builds new session
    factories where a dropped one lived. Every one of them must audit its writes: before the
    fix, a factory at a dead one's address was taken as already hooked (SQLAlchemy keys its
    listener registry by ``id``), so an account was saved with no event and verify named it."""
    added = []
    for i in range(12):
        ctx = admin.as_actor(admin.actor)
        if i % 2:
            ctx.replace_store(ctx.store)  # what a rotation does: new factories, same context
        with ctx.transaction() as s:
            s.add(Branch(code=f"T{i:03d}", name=f"branch {i}"))
        added.append(accounts.add_user(ctx, f"clerk{i}", f"Clerk {i}", "sales", "clerk-pass-1234"))
        del ctx
    with admin.read() as s:
        branch_ids = set(s.scalars(select(Branch.id).where(Branch.code.like("T%"))))
        audited = set(
            s.scalars(
                select(AuditEvent.entity_id).where(
                    AuditEvent.entity == Branch.__tablename__, AuditEvent.action == "insert"
                )
            )
        )
    assert len(added) == 12 and len(branch_ids) == 12
    assert {str(i) for i in branch_ids} <= audited, "a committed row has no audit event"
    report = maintenance.check_health(admin)
    assert [m.describe() for m in report.accounts] == [] and report.ok
