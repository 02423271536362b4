"""Unlocking: recovery, failed attempts with a growing delay, disabled accounts (SPEC §1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

import desktop.storage.vault as vault_module
from desktop.errors import AccountDisabled, CredentialsError, ValidationError
from desktop.models.accounts import LoginAttempt, Role, User
from desktop.services import accounts
from desktop.services.login import delay_after, login, recover
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD

NEW_PASSWORD = "after-recovery-7"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def kdf_calls(monkeypatch):
    """Count Argon2id runs (the slow step a throttled attempt must not reach): a key slot's
    KDF in the vault, a password hash check on a server."""
    calls: list[int] = []
    real = vault_module.derive_key
    real_verify = PasswordHasher.verify

    def counting(secret, params):
        calls.append(1)
        return real(secret, params)

    def counting_verify(self, stored, password):
        calls.append(1)
        return real_verify(self, stored, password)

    monkeypatch.setattr(vault_module, "derive_key", counting)
    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    return calls


# --------------------------------------------------------------------------- recovery


@pytest.mark.sqlcipher("the recovery key is a key slot")
def test_recovery_key_opens_the_vault_and_sets_a_new_admin_password(paths, vault):
    ctx, recovery = vault
    ctx.close()
    rec = recover(paths, recovery, "admin", NEW_PASSWORD)
    try:
        assert rec.actor.username == "admin" and rec.actor.role is Role.ADMIN
    finally:
        rec.close()
    with pytest.raises(CredentialsError, match="Wrong user name or password"):
        login(paths, "admin", ADMIN_PASSWORD)
    again = login(paths, "admin", NEW_PASSWORD)
    try:
        with again.transaction() as s:
            reasons = list(s.scalars(select(LoginAttempt.reason).where(LoginAttempt.success)))
        assert "recovery key" in reasons
    finally:
        again.close()


@pytest.mark.sqlcipher("the recovery key is a key slot")
def test_recovery_also_re_enables_a_disabled_admin(paths, vault):
    ctx, recovery = vault
    accounts.add_user(ctx, "boss2", "Second admin", "admin", "boss2-pass-1")
    other = login(paths, "boss2", "boss2-pass-1")
    accounts.set_disabled(other, "admin", True, "on leave")
    other.close()
    ctx.close()
    with pytest.raises(AccountDisabled):
        login(paths, "admin", ADMIN_PASSWORD)
    recover(paths, recovery, "admin", NEW_PASSWORD).close()
    login(paths, "admin", NEW_PASSWORD).close()


@pytest.mark.sqlcipher("the recovery key is a key slot")
def test_recovery_refuses_a_non_admin_account(paths, vault, role_users):
    ctx, recovery = vault
    ctx.close()
    with pytest.raises(CredentialsError, match="not an administrator account"):
        recover(paths, recovery, "sales", NEW_PASSWORD)
    login(paths, "sales", ROLE_PASSWORD).close()  # unchanged


@pytest.mark.sqlcipher("the recovery key is a key slot")
def test_recovery_with_a_weak_new_password_changes_nothing(paths, vault):
    ctx, recovery = vault
    ctx.close()
    with pytest.raises(ValidationError, match="at least 8 characters"):
        recover(paths, recovery, "admin", "short")
    login(paths, "admin", ADMIN_PASSWORD).close()


# --------------------------------------------------------------------------- failed logins


def test_delay_after_grows_0_0_2_4_8_and_stops_at_60_s():
    assert [delay_after(n) for n in range(0, 10)] == [0, 0, 0, 2, 4, 8, 16, 32, 60, 60]
    assert delay_after(100) == 60


def test_failed_logins_clear_message_growing_delay_then_all_attempts_recorded(relogin, vault):
    ctx, _ = vault
    ctx.close()
    messages = []
    now = T0
    for _ in range(4):
        with pytest.raises(CredentialsError) as info:
            relogin("admin", "wrong-password", now=now)
        messages.append(info.value.message())
        now += timedelta(seconds=delay_after(len(messages)) + 1)
    assert messages[0] == messages[1] == "Wrong user name or password."
    assert messages[2] == "Wrong user name or password. Wait 2 s before the next try."
    assert messages[3] == "Wrong user name or password. Wait 4 s before the next try."
    ok = relogin("admin", ADMIN_PASSWORD, now=now)
    try:
        with ok.transaction() as s:
            rows = s.scalars(select(LoginAttempt).order_by(LoginAttempt.id)).all()
    finally:
        ok.close()
    # The vault was just created: these are the only attempts, in order.
    assert [(r.success, r.delay_s) for r in rows] == [
        (False, 0),
        (False, 0),
        (False, 2),
        (False, 4),
        (True, 0),
    ]
    assert all(r.username == "admin" for r in rows)
    assert rows[0].reason == "wrong password" and rows[-1].reason == "password"


def test_too_soon_retry_is_refused_without_running_the_kdf(relogin, vault, kdf_calls):
    ctx, _ = vault
    ctx.close()
    for i in range(3):
        with pytest.raises(CredentialsError):
            relogin("admin", "wrong-password", now=T0 + timedelta(seconds=i))
    ran = len(kdf_calls)
    assert ran == 3
    # One second after the third failure: 2 s delay, so 1 s still to wait — even for the
    # right password, and the KDF does not run.
    with pytest.raises(CredentialsError, match="wait 1 s before trying again"):
        relogin("admin", ADMIN_PASSWORD, now=T0 + timedelta(seconds=3))
    assert len(kdf_calls) == ran
    relogin("admin", ADMIN_PASSWORD, now=T0 + timedelta(seconds=5)).close()
    # Success reset the counter: the next failure is free again.
    with pytest.raises(CredentialsError) as info:
        relogin("admin", "wrong-password", now=T0 + timedelta(seconds=6))
    assert info.value.message() == "Wrong user name or password."


def test_unknown_user_gets_the_same_message_and_runs_a_kdf(relogin, vault, kdf_calls):
    ctx, _ = vault
    ctx.close()
    with pytest.raises(CredentialsError) as info:
        relogin("nobody", ADMIN_PASSWORD, now=T0)
    assert info.value.message() == "Wrong user name or password."
    assert len(kdf_calls) == 1  # as slow as a wrong password: names cannot be probed


def test_failures_of_one_user_do_not_delay_another(relogin, vault, role_users):
    ctx, _ = vault
    ctx.close()
    for i in range(5):
        with pytest.raises(CredentialsError):
            relogin("sales", "wrong-password", now=T0 + timedelta(seconds=i))
    relogin("hr", ROLE_PASSWORD, now=T0 + timedelta(seconds=5)).close()


# --------------------------------------------------------------------------- disable / enable


def test_disabled_user_cannot_log_in_and_can_after_enable(relogin, admin, role_users):
    accounts.set_disabled(admin, "finance", True, "left the firm")
    with pytest.raises(AccountDisabled, match="The account finance is disabled"):
        relogin("finance", ROLE_PASSWORD)
    info = next(u for u in accounts.list_users(admin) if u.username == "finance")
    assert info.disabled and info.disabled_reason == "left the firm"
    accounts.set_disabled(admin, "finance", False)
    ctx = relogin("finance", ROLE_PASSWORD)
    assert ctx.actor.role is Role.FINANCE
    ctx.close()


def test_cannot_disable_yourself(admin):
    with pytest.raises(ValidationError, match="cannot disable your own account"):
        accounts.set_disabled(admin, "admin", True)


def test_cannot_disable_demote_or_remove_the_last_enabled_admin(relogin, admin):
    accounts.add_user(admin, "admin2", "Second admin", "admin", "admin2-pass-1")
    second = relogin("admin2", "admin2-pass-1")
    try:
        # admin2 disables admin: allowed, two admins were enabled.
        accounts.set_disabled(second, "admin", True)
        # admin's still-open session tries to disable admin2, the last enabled admin.
        with pytest.raises(ValidationError, match="admin2 is the last enabled administrator"):
            accounts.set_disabled(admin, "admin2", True)
        with pytest.raises(ValidationError, match="last enabled administrator"):
            accounts.change_role(admin, "admin2", "sales")
        with pytest.raises(ValidationError, match="last enabled administrator"):
            accounts.remove_user(admin, "admin2")
        with second.transaction() as s:
            admin2 = s.scalar(select(User).where(User.username == "admin2"))
            assert admin2.role == "admin" and not admin2.disabled and not admin2.removed
    finally:
        second.close()
    relogin("admin2", "admin2-pass-1").close()


def test_change_own_password_old_fails_new_works(relogin, role_users, login_as):
    ctx = login_as(Role.SALES)
    accounts.change_own_password(ctx, ROLE_PASSWORD, "sales-new-pass-2")
    with pytest.raises(CredentialsError):
        relogin("sales", ROLE_PASSWORD)
    relogin("sales", "sales-new-pass-2").close()
    with pytest.raises(CredentialsError):  # a wrong old password changes nothing
        accounts.change_own_password(ctx, "not-my-password", "whatever-pass-3")
    relogin("sales", "sales-new-pass-2").close()
