"""Customers belong to the company: their contacts, ownership history and the public pool."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.staff import _in
from desktop.models.types import Money, UTCDateTime


class AssignmentReason(StrEnum):
    INITIAL = "initial"
    REBALANCE = "rebalance"
    HANDOVER = "handover"
    POOL_CLAIM = "pool_claim"


class ClaimStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Customer(IdMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "customer"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    industry: Mapped[str | None] = mapped_column(String(64))
    region: Mapped[str | None] = mapped_column(String(64), index=True)
    address: Mapped[str | None] = mapped_column(String(256))
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    credit_limit: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    tier: Mapped[str | None] = mapped_column(String(8))
    in_pool: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)
    #: Pinyin and initials of ``name`` for search (models/pinyin.py keeps them in step).
    name_pinyin: Mapped[str | None] = mapped_column(Text)
    name_initials: Mapped[str | None] = mapped_column(Text)


class Contact(IdMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "contact"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(128))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class CustomerAssignment(IdMixin, Base):
    """Who owned a customer from ``valid_from`` (inclusive) to ``valid_to`` (exclusive; open
    while None). Rows are never edited except to close them; the history answers "who owned
    this customer on day D" for any D."""

    __tablename__ = "customer_assignment"
    __table_args__ = (
        CheckConstraint(_in("reason", AssignmentReason), name="reason_known"),
        CheckConstraint("valid_to IS NULL OR valid_to > valid_from", name="valid_range"),
        Index("ix_customer_assignment_customer_from", "customer_id", "valid_from"),
        Index("ix_customer_assignment_employee_open", "employee_id", "valid_to"),
        Index(
            "uq_customer_assignment_one_open",
            "customer_id",
            unique=True,
            sqlite_where=text("valid_to IS NULL"),
            postgresql_where=text("valid_to IS NULL"),
        ),
    )

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(16))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    note: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PoolClaim(IdMixin, TimestampMixin, VersionMixin, Base):
    """A request to take a customer from the public pool (公海); ownership moves on approval."""

    __tablename__ = "pool_claim"
    __table_args__ = (CheckConstraint(_in("status", ClaimStatus), name="status_known"),)

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reason: Mapped[str | None] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16), default=ClaimStatus.PENDING.value)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(String(256))


class ContractStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"
    TERMINATED = "terminated"


class Contract(IdMixin, TimestampMixin, VersionMixin, Base):
    """A customer's framework contract (运输合同): open while active. ``employee_id`` is who
    looks after it for the firm; a handover moves that to the successor."""

    __tablename__ = "contract"
    __table_args__ = (
        CheckConstraint(_in("status", ContractStatus), name="status_known"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_ordered"),
    )

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str | None] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=ContractStatus.ACTIVE.value)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
