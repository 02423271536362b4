"""Waybills, invoices (receivables), payments and their allocation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.staff import _in
from desktop.models.types import Money

#: A receivable still open (what the partial index ``ix_receivable_open`` holds); a query
#: that names this very condition may use that index.
OPEN_RECEIVABLE = "amount > paid + written_off"
#: A waybill not yet invoiced nor cancelled (the partial index ``ix_waybill_open_salesperson``).
OPEN_ORDER = "status IN ('open', 'delivered')"


class ServiceType(StrEnum):
    FTL = "ftl"
    LTL = "ltl"
    EXPRESS = "express"
    WAREHOUSING = "warehousing"


class OrderStatus(StrEnum):
    OPEN = "open"
    DELIVERED = "delivered"
    INVOICED = "invoiced"
    CANCELLED = "cancelled"


class Order(IdMixin, TimestampMixin, VersionMixin, Base):
    """A waybill (运单). Its margin is freight revenue minus carrier cost."""

    __tablename__ = "waybill"
    __table_args__ = (
        CheckConstraint(_in("service_type", ServiceType), name="service_known"),
        CheckConstraint(_in("status", OrderStatus), name="status_known"),
        Index("ix_waybill_salesperson_date", "salesperson_id", "order_date"),
        # Covers the order-outlier rule's trailing average (alerts), so an order write reads
        # the salesperson's last 90 days from the index alone.
        Index(
            "ix_waybill_salesperson_date_revenue",
            "salesperson_id",
            "order_date",
            "status",
            "revenue",
        ),
        Index("ix_waybill_customer_date", "customer_id", "order_date"),
        Index("ix_waybill_date", "order_date"),
        # An invoice's waybills with what commissions on payment sum of them (migration 0016):
        # a month of payments reads its tens of thousands of waybills from the index alone,
        # not from rows scattered over the whole table.
        Index(
            "ix_waybill_receivable_cover",
            "receivable_id",
            "salesperson_id",
            "customer_id",
            "status",
            "order_date",
            "number",
            "revenue",
            "cost",
        ),
        # A leaver's open waybills (migration 0011): the few not yet invoiced, not the
        # tens of thousands a top salesperson sold.
        Index(
            "ix_waybill_open_salesperson",
            "salesperson_id",
            "order_date",
            sqlite_where=text(OPEN_ORDER),
            postgresql_where=text(OPEN_ORDER),
        ),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    order_date: Mapped[date] = mapped_column(Date)
    salesperson_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    service_type: Mapped[str] = mapped_column(String(16), default=ServiceType.LTL.value)
    origin: Mapped[str | None] = mapped_column(String(64))
    destination: Mapped[str | None] = mapped_column(String(64))
    revenue: Mapped[Decimal] = mapped_column(Money)
    cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    status: Mapped[str] = mapped_column(String(16), default=OrderStatus.OPEN.value)
    receivable_id: Mapped[int | None] = mapped_column(ForeignKey("receivable.id"))


class Receivable(IdMixin, TimestampMixin, VersionMixin, Base):
    """An invoice to a customer. ``paid`` is the sum of its allocations, kept in step by the
    payments service in the same transaction; ``written_off`` records a bad-debt loss."""

    __tablename__ = "receivable"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_positive"),
        Index("ix_receivable_customer_due", "customer_id", "due_on"),
        Index("ix_receivable_due", "due_on"),
        # The open receivables with what aging reads (migration 0011): reports skip the
        # settled majority and read no table row.
        Index(
            "ix_receivable_open",
            "issued_on",
            "customer_id",
            "salesperson_id",
            "due_on",
            "amount",
            "paid",
            "written_off",
            "written_off_on",
            sqlite_where=text(OPEN_RECEIVABLE),
            postgresql_where=text(OPEN_RECEIVABLE),
        ),
        Index("ix_receivable_written_off_on", "written_off_on"),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    salesperson_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    paid: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    written_off: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    written_off_on: Mapped[date | None] = mapped_column(Date)
    collector_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.paid - self.written_off


class Payment(IdMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_payment_customer_date", "customer_id", "received_on"),
    )

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    received_on: Mapped[date] = mapped_column(Date, index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    method: Mapped[str | None] = mapped_column(String(32))
    reference: Mapped[str | None] = mapped_column(String(64), unique=True)
    collector_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))


class PaymentAllocation(IdMixin, Base):
    """How much of a payment settled which invoice (partial payments are the norm)."""

    __tablename__ = "payment_allocation"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    receivable_id: Mapped[int] = mapped_column(ForeignKey("receivable.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)


class FollowUp(IdMixin, TimestampMixin, VersionMixin, Base):
    """A contact with a customer (跟进记录): searchable by keyword."""

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_customer_date", "customer_id", "followed_on"),
        Index("ix_follow_up_employee_date", "employee_id", "followed_on"),
        # The alert sweep's follow-up rules read their window by date (migration 0015).
        Index("ix_follow_up_date", "followed_on"),
    )

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    followed_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(16), default="phone")
    content: Mapped[str] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
