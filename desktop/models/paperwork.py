"""Paperwork of a dispute that is tracked after it is issued: the balance-confirmation letters
(对账函) sent to a leaver's customers and their replies.

Why per letter: a customer's signed confirmation of its balance is the firm's evidence of the
debt (and interrupts limitation); one that differs is a dispute to follow up, with the figure
the customer gave.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
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


PUBLICATION_KINDS = ("privacy_notice", "commission_plan", "monitoring_rules")


class Publication(IdMixin, Base):
    """A rule or notice made known to staff (Labour Contract Law art. 4: rules on pay and
    monitoring bind staff once made public; PIPL art. 17: the notice before personal data is
    processed): what, which text (and its SHA-256), when published, by whom."""

    __tablename__ = "publication"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('privacy_notice', 'commission_plan', 'monitoring_rules')",
            name="kind_known",
        ),
    )

    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    published_on: Mapped[date] = mapped_column(Date)
    published_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Acknowledgement(IdMixin, Base):
    """One employee's acknowledgement of one publication (signed receipt or on screen)."""

    __tablename__ = "acknowledgement"
    __table_args__ = (
        UniqueConstraint("publication_id", "employee_id", name="uq_acknowledgement_once"),
    )

    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    acknowledged_on: Mapped[date] = mapped_column(Date)
    how: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[str] = mapped_column(String(64))
