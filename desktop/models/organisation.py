"""The firm itself: its name, branches, and business settings."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin


class Company(IdMixin, TimestampMixin, VersionMixin, Base):
    """One row: the firm that owns this vault."""

    __tablename__ = "company"

    name: Mapped[str] = mapped_column(String(200))
    db_id: Mapped[str] = mapped_column(String(32))


class Branch(IdMixin, TimestampMixin, VersionMixin, Base):
    """A branch office or outlet (分公司/网点)."""

    __tablename__ = "branch"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    city: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)


class BusinessSetting(TimestampMixin, VersionMixin, Base):
    """A business rule's value (JSON text), changed only through the settings service."""

    __tablename__ = "business_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
