"""The shared fixtures stay what they claim: the copied test firm is the firm ``initialize``
makes, and ``role_users`` gives the same accounts whether it swaps in the prepared files or
adds them itself (never erasing what a test wrote first)."""

from __future__ import annotations

import stat

import pytest
from sqlalchemy import func, select

from desktop.config import Paths
from desktop.models.accounts import Role, User
from desktop.models.audit import AuditEvent
from desktop.services import maintenance, organisation
from desktop.services.context import ServiceContext
from desktop.services.login import recover
from desktop.services.setup import initialize
from tests.conftest import ADMIN_PASSWORD, COMPANY, ROLE_PASSWORD, add_role_users

pytestmark = pytest.mark.sqlcipher("the template firm is a copy of SQLCipher files")


def _firm(ctx: ServiceContext) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    """Users (name, role), audit trail (action, entity) and company name, as a user sees them."""
    with ctx.read() as s:
        users = s.execute(select(User.username, User.role).order_by(User.id)).all()
        trail = s.execute(
            select(AuditEvent.action, AuditEvent.entity).order_by(AuditEvent.seq)
        ).all()
    return [tuple(u) for u in users], [tuple(a) for a in trail], organisation.company_name(ctx)


def test_the_vault_fixture_is_the_firm_initialize_makes(vault, paths, tmp_path):
    ctx, recovery = vault
    fresh = initialize(
        Paths(tmp_path / "fresh"), COMPANY, ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD
    )
    try:
        assert _firm(ctx) == _firm(fresh.ctx)
        branches = [(b.code, b.name) for b in organisation.list_branches(ctx)]
        assert branches == [(b.code, b.name) for b in organisation.list_branches(fresh.ctx)]
    finally:
        fresh.ctx.close()
    assert maintenance.verify_audit(ctx).ok
    assert stat.S_IMODE(paths.data_dir.stat().st_mode) == 0o700
    for f in (paths.database, *paths.keyslots):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    ctx.close()
    # The recovery key handed out with the copy opens it.
    recover(paths, recovery, "admin", "new-admin-pass-2").close()


def test_role_users_on_a_fresh_copy_log_in_and_the_chain_verifies(admin, role_users, login_as):
    assert role_users == {r: "admin" if r is Role.ADMIN else r.value for r in Role}
    for role in Role:
        assert login_as(role).actor.role is role
    report = maintenance.verify_audit(admin)
    assert report.ok, report
    with admin.read() as s:
        assert s.scalar(select(func.count()).select_from(User)) == len(Role)


def test_role_users_match_the_accounts_added_one_by_one(admin, role_users, tmp_path):
    fresh = initialize(
        Paths(tmp_path / "fresh"), COMPANY, ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD
    )
    try:
        assert add_role_users(fresh.ctx) == role_users
        assert _firm(admin)[0] == _firm(fresh.ctx)[0]
        assert [a for a, _ in _firm(admin)[1]] == [a for a, _ in _firm(fresh.ctx)[1]]
    finally:
        fresh.ctx.close()


@pytest.fixture
def renamed(admin: ServiceContext) -> str:
    """A write made before ``role_users`` is set up."""
    organisation.rename_company(admin, "先写入的公司")
    return "先写入的公司"


def test_role_users_after_an_earlier_write_keep_that_write(admin, renamed, role_users, relogin):
    assert organisation.company_name(admin) == renamed
    ctx = relogin(role_users[Role.SALES], ROLE_PASSWORD)
    assert organisation.company_name(ctx) == renamed
    assert maintenance.verify_audit(admin).ok
