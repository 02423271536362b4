"""Shared fixtures: a real vault in tmp_path, a user per role. No mocks of our database."""

from __future__ import annotations

import os

# Before any Qt import: run widgets offscreen. The fast KDF profile keeps the suite quick;
# the tests that are about the KDF itself set their own parameters.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BATON_KDF_PROFILE", "fast")

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.config import Paths
from desktop.models.accounts import Role
from desktop.services import accounts
from desktop.services.context import ServiceContext
from desktop.services.login import login
from desktop.services.setup import initialize

ADMIN_PASSWORD = "admin-pass-1"
ROLE_PASSWORD = "role-pass-1"
COMPANY = "上海迅达物流有限公司"


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(tmp_path / "vault")


@pytest.fixture
def vault(paths: Paths) -> Iterator[tuple[ServiceContext, str]]:
    """A new vault with its administrator logged in; yields (ctx, recovery key)."""
    result = initialize(paths, COMPANY, ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD)
    yield result.ctx, result.recovery_key
    result.ctx.close()


@pytest.fixture
def admin(vault: tuple[ServiceContext, str]) -> ServiceContext:
    return vault[0]


@pytest.fixture
def role_users(admin: ServiceContext) -> dict[Role, str]:
    """One account per non-admin role (user name = role name), password ROLE_PASSWORD."""
    names = {}
    for role in Role:
        if role is Role.ADMIN:
            names[role] = "admin"
            continue
        accounts.add_user(admin, role.value, f"{role.value} user", role.value, ROLE_PASSWORD)
        names[role] = role.value
    return names


@pytest.fixture
def login_as(paths: Paths, role_users: dict[Role, str]) -> Iterator:
    """Log in as a role; every context opened is closed after the test."""
    opened: list[ServiceContext] = []

    def _login(role: Role) -> ServiceContext:
        password = ADMIN_PASSWORD if role is Role.ADMIN else ROLE_PASSWORD
        ctx = login(paths, role_users[role], password)
        opened.append(ctx)
        return ctx

    yield _login
    for ctx in opened:
        ctx.close()
