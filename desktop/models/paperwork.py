"""Paperwork of a dispute that is tracked after it is issued: the balance-confirmation letters
(对账函) sent to a leaver's customers and their replies.

Why per letter: a customer's signed confirmation of its balance is the firm's evidence of the
debt (and interrupts limitation); one that differs is a dispute to follow up, with the figure
the customer gave.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.types import Money, UTCDateTime

REPLIES = ("confirmed", "differs")


class ConfirmationLetter(IdMixin, TimestampMixin, VersionMixin, Base):
    """One letter to one customer: the issued PDF, the balance it states as of a day, when
    and how it was sent, and the customer's reply."""

    __tablename__ = "confirmation_letter"
    __table_args__ = (
        CheckConstraint("reply IS NULL OR reply IN ('confirmed', 'differs')", name="reply_known"),
        CheckConstraint("reply <> 'differs' OR reply_amount IS NOT NULL", name="differs_amount"),
        Index("ix_confirmation_letter_case", "case_id", "customer_id"),
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_document.id"), unique=True)
    as_of: Mapped[date] = mapped_column(Date)
    total: Mapped[Decimal] = mapped_column(Money)
    invoices: Mapped[int] = mapped_column()
    sent_on: Mapped[date | None] = mapped_column(Date)
    sent_via: Mapped[str | None] = mapped_column(String(64))
    reply: Mapped[str | None] = mapped_column(String(16))
    reply_on: Mapped[date | None] = mapped_column(Date)
    reply_amount: Mapped[Decimal | None] = mapped_column(Money)
    reply_note: Mapped[str | None] = mapped_column(Text)
    followup_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up.id"))


class DocumentKey(IdMixin, Base):
    """The vault's document key: an Ed25519 key pair made once, kept in the encrypted database,
    that signs the manifest of an evidence pack. ``key_id`` (the first 16 hex digits of the
    public key's SHA-256) names it in the manifest; the private half never enters the audit
    log or leaves the vault."""

    __tablename__ = "document_key"
    __audit_exclude__ = frozenset({"private_seed"})

    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_seed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
