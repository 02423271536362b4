"""Departure cases (离职), their handover items, checklist and clause templates, and the order
lock's record of refused attempts.

The states and transitions are data in :mod:`desktop.services.departures`; the tables here only
hold what happened. Nothing is ever deleted: a cancelled case keeps its items and history, a
template item taken out of use is marked inactive, an edited clause becomes a new version.
"""

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
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.staff import PositionCategory, _in
from desktop.models.types import Money, UTCDateTime


class CaseType(StrEnum):
    """Why the contract ends, by the article of the Labour Contract Law that governs it."""

    RESIGNATION = "resignation"  # art. 37: the employee's 30 days' notice (3 in probation)
    DISMISSAL = "dismissal"  # art. 40: with 30 days' notice or a month's pay in lieu
    CONTRACT_END = "contract_end"  # art. 44: the fixed term expires
    RETIREMENT = "retirement"  # art. 44: pension age
    MUTUAL = "mutual"  # art. 36: mutual agreement (severance if the firm proposed it)
    MISCONDUCT = "misconduct"  # art. 39: dismissal for cause: no notice, no severance


class CaseState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    IN_HANDOVER = "in_handover"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    COMPLETED = "completed"
    ARCHIVED = "archived"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"


class ItemKind(StrEnum):
    """Where a handover item came from: live data (one per record) or a checklist template."""

    CUSTOMER = "customer"
    CONTRACT = "contract"
    RECEIVABLE = "receivable"
    ORDER = "order"
    ACCOUNT = "account"
    CHECKLIST = "checklist"


class ItemCategory(StrEnum):
    CUSTOMERS = "customers"
    CONTRACTS = "contracts"
    RECEIVABLES = "receivables"
    OPEN_ORDERS = "open_orders"
    ASSETS = "assets"
    DOCUMENTS = "documents"
    ACCOUNTS = "accounts"
    OTHER = "other"


class ItemStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CONFIRMED = "confirmed"
    WAIVED = "waived"


class DepartureCase(IdMixin, TimestampMixin, VersionMixin, Base):
    """One leaving employee's departure: dates, state, legal decisions and duties done."""

    __tablename__ = "departure_case"
    __table_args__ = (
        CheckConstraint(_in("case_type", CaseType), name="type_known"),
        CheckConstraint(_in("state", CaseState), name="state_known"),
        CheckConstraint("notice_on IS NULL OR last_day >= notice_on", name="dates_ordered"),
        Index("ix_departure_case_employee_state", "employee_id", "state"),
        Index("ix_departure_case_state", "state"),
    )

    number: Mapped[str] = mapped_column(String(32), unique=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    case_type: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(24), default=CaseState.DRAFT.value)
    submitted_on: Mapped[date] = mapped_column(Date)
    notice_on: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    destination: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_on: Mapped[date | None] = mapped_column(Date)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    generated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_on: Mapped[date | None] = mapped_column(Date)
    # Severance (经济补偿) applies by case type unless HR decides otherwise (None: by type).
    severance_applies: Mapped[bool | None] = mapped_column(Boolean)
    #: Art. 40 only: a month's wage in lieu of the 30 days' notice (代通知金).
    pay_in_lieu: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Non-compete decision: 0 months = none; otherwise ≤ 24 months at a monthly compensation.
    non_compete_months: Mapped[int | None] = mapped_column(Integer)
    non_compete_monthly: Mapped[Decimal | None] = mapped_column(Money)
    average_monthly_wage: Mapped[Decimal | None] = mapped_column(Money)
    local_minimum_wage: Mapped[Decimal | None] = mapped_column(Money)
    non_compete_released_on: Mapped[date | None] = mapped_column(Date)


class CaseEvent(IdMixin, Base):
    """One step of a case's history: a transition (from → to) or a note, by whom and when."""

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_case", "case_id", "at"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(24))
    to_state: Mapped[str | None] = mapped_column(String(24))
    comment: Mapped[str | None] = mapped_column(Text)


class CaseDuty(IdMixin, TimestampMixin, VersionMixin, Base):
    """A legal or business duty of the case done (termination certificate issued, personnel
    file transferred …): its due date is computed, only its completion is stored."""

    __tablename__ = "case_duty"
    __table_args__ = (UniqueConstraint("case_id", "duty", name="uq_case_duty_case_duty"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"))
    duty: Mapped[str] = mapped_column(String(32))
    done_on: Mapped[date] = mapped_column(Date)
    done_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    note: Mapped[str | None] = mapped_column(String(256))


class NonCompetePayment(IdMixin, TimestampMixin, Base):
    """Non-compete compensation paid for one month of the restriction (``month`` 1 … 24)."""

    __tablename__ = "non_compete_payment"
    __table_args__ = (
        UniqueConstraint("case_id", "month", name="uq_non_compete_payment_case_month"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"))
    month: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class ChecklistTemplate(IdMixin, TimestampMixin, VersionMixin, Base):
    """The checklist for one kind of position (sales, dispatcher …); at most one active each."""

    __tablename__ = "checklist_template"
    __table_args__ = (
        CheckConstraint(_in("position_category", PositionCategory), name="category_known"),
    )

    name: Mapped[str] = mapped_column(String(100))
    position_category: Mapped[str] = mapped_column(String(16), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ChecklistTemplateItem(IdMixin, TimestampMixin, VersionMixin, Base):
    """One line of a checklist template. ``due_offset_days`` counts from the last working day
    (negative: before it)."""

    __tablename__ = "checklist_template_item"
    __table_args__ = (
        CheckConstraint(_in("category", ItemCategory), name="category_known"),
        Index("ix_checklist_template_item_template", "template_id", "position"),
    )

    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_template.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16))
    responsible_role: Mapped[str] = mapped_column(String(16))
    due_offset_days: Mapped[int] = mapped_column(Integer, default=0)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    evidence_required: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class HandoverItem(IdMixin, TimestampMixin, VersionMixin, Base):
    """One thing to hand over. ``ref`` ("customer:12", "template:3" …) is unique per case, so
    generating the items again adds only what is new.

    ``successor_id``: who takes it over (for a receivable: who collects it; for an order or
    contract: who handles it). ``responsible_id``: who must do it (a checklist item's doer).
    """

    __tablename__ = "handover_item"
    __table_args__ = (
        CheckConstraint(_in("kind", ItemKind), name="kind_known"),
        CheckConstraint(_in("category", ItemCategory), name="category_known"),
        CheckConstraint(_in("status", ItemStatus), name="status_known"),
        UniqueConstraint("case_id", "ref", name="uq_handover_item_case_ref"),
        Index("ix_handover_item_case_kind", "case_id", "kind"),
        Index("ix_handover_item_successor", "successor_id", "status"),
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"))
    ref: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    receivable_id: Mapped[int | None] = mapped_column(ForeignKey("receivable.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("waybill.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    template_item_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_template_item.id"))
    responsible_role: Mapped[str | None] = mapped_column(String(16))
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    successor_set_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    #: Why a successor outside the rules (not in a sales position) was chosen; on the form.
    successor_reason: Mapped[str | None] = mapped_column(String(256))
    due_on: Mapped[date | None] = mapped_column(Date)
    planned_on: Mapped[date | None] = mapped_column(Date)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    evidence_required: Mapped[bool] = mapped_column(Boolean, default=False)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(16), default=ItemStatus.OPEN.value)
    waived_reason: Mapped[str | None] = mapped_column(String(256))
    completed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    effective_on: Mapped[date | None] = mapped_column(Date)
    customer_informed: Mapped[bool | None] = mapped_column(Boolean)
    informed_on: Mapped[date | None] = mapped_column(Date)
    informed_how: Mapped[str | None] = mapped_column(String(64))
    #: Why the customer is not to be told (informing waived); the case may then complete.
    informed_waived_reason: Mapped[str | None] = mapped_column(String(256))
    note: Mapped[str | None] = mapped_column(Text)


class HandoverEvidence(IdMixin, Base):
    """A file attached to a handover item (a signed receipt, a photo of a returned laptop).
    The bytes live in the encrypted database; the audit log keeps their hash only."""

    __tablename__ = "handover_evidence"
    __audit_exclude__ = frozenset({"content"})

    item_id: Mapped[int] = mapped_column(ForeignKey("handover_item.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LockAttempt(IdMixin, Base):
    """An order refused because it named a departing employee after their lock date (typed or
    in an imported file), kept for the alerts."""

    __tablename__ = "lock_attempt"
    __table_args__ = (Index("ix_lock_attempt_case", "case_id", "at"),)

    at: Mapped[datetime] = mapped_column(UTCDateTime)
    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    source: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64))
    order_number: Mapped[str | None] = mapped_column(String(40))
    order_date: Mapped[date] = mapped_column(Date)
    rows: Mapped[int] = mapped_column(Integer, default=1)


class ClauseTemplate(IdMixin, TimestampMixin, Base):
    """A clause shown in a case and acknowledged by the employee (保密义务, 竞业限制 …). Editing
    makes a new version; acknowledgements point at the exact version they saw."""

    __tablename__ = "clause_template"
    __table_args__ = (
        UniqueConstraint("key", "language", "version", name="uq_clause_template_key_lang_ver"),
    )

    key: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class ClauseAcknowledgement(IdMixin, Base):
    """The departing employee acknowledged one version of a clause (who, when, which text)."""

    __tablename__ = "clause_acknowledgement"
    __table_args__ = (
        UniqueConstraint("case_id", "clause_id", name="uq_clause_acknowledgement_case_clause"),
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"))
    clause_id: Mapped[int] = mapped_column(ForeignKey("clause_template.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
