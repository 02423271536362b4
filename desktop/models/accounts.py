"""App accounts: who can log in, with which role.

In a local vault the keys live in the slot file, not here; on a PostgreSQL server (no key
slots) the row holds an Argon2id password hash.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.types import UTCDateTime


class Role(StrEnum):
    ADMIN = "admin"
    HR = "hr"
    MANAGER = "manager"
    FINANCE = "finance"
    SALES = "sales"
    AUDITOR = "auditor"


ROLE_VALUES = tuple(r.value for r in Role)


class User(IdMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(
            "role IN (" + ", ".join(f"'{r}'" for r in ROLE_VALUES) + ")", name="role_known"
        ),
    )

    #: The Argon2id hash is a secret: audit events record only that it changed.
    __audit_exclude__ = frozenset({"password_hash"})

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled_reason: Mapped[str | None] = mapped_column(String(256))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"))
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), unique=True)
    #: PostgreSQL mode only (no key slots there): Argon2id hash of the login password.
    password_hash: Mapped[str | None] = mapped_column(String(255))


class LoginAttempt(IdMixin, Base):
    """One login try; failures made while locked are kept in a side file until next unlock."""

    __tablename__ = "login_attempt"

    at: Mapped[datetime] = mapped_column(UTCDateTime)
    username: Mapped[str] = mapped_column(String(64))
    success: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(64))
    delay_s: Mapped[int] = mapped_column(Integer, default=0)
