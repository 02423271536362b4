"""The demo app accounts (hr, manager, finance, sales, auditor), each added in its own unit of
work after the data transaction because they write key slots.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.models.accounts import User
from desktop.services import accounts
from desktop.services.context import ServiceContext
from desktop.services.demo.profiles import DEMO_PASSWORD, DemoUser


def _add_demo_user(
    ctx: ServiceContext,
    username: str,
    role: str,
    display_name: str,
    employee_id: int | None,
    branch_id: int | None,
) -> DemoUser:
    with ctx.read() as s:
        exists = s.scalar(select(User.id).where(User.username == username)) is not None
    if exists:
        return DemoUser(username, role, display_name, None, None, created=False)
    info = accounts.add_user(ctx, username, display_name, role, DEMO_PASSWORD, branch_id=branch_id)
    if employee_id is not None:
        with ctx.transaction() as s:
            user = s.get(User, info.id)
            assert user is not None
            user.employee_id = employee_id
    return DemoUser(username, role, display_name, employee_id, branch_id, created=True)
