"""Alert rules (thresholds as data) and the alerts they raise.

A rule is a row: its thresholds are JSON so an administrator edits them without a migration,
and the service validates every edit. An alert names its rule, its subject (an employee, a
customer, a departure case or an account) and a *window key* (the period or record it is about); the
unique constraint on (rule, subject, window) is what makes a second sweep over the same data
add nothing, whichever process runs it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.staff import _in
from desktop.models.types import UTCDateTime


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class AlertStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class SubjectKind(StrEnum):
    EMPLOYEE = "employee"
    CUSTOMER = "customer"
    CASE = "case"
    USER = "user"  # an account (exports and prints are made by accounts)


class AlertRule(TimestampMixin, VersionMixin, Base):
    """One rule's editable settings. ``thresholds`` is a JSON object whose keys the rule's
    definition in :mod:`desktop.services.alerts` names and validates."""

    __tablename__ = "alert_rule"
    __table_args__ = (
        CheckConstraint(_in("severity", Severity), name="severity_known"),
        CheckConstraint("window_days > 0", name="window_positive"),
    )

    rule_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    severity: Mapped[str] = mapped_column(String(8))
    window_days: Mapped[int] = mapped_column(Integer)
    thresholds: Mapped[str] = mapped_column(Text, default="{}")


class Alert(IdMixin, TimestampMixin, VersionMixin, Base):
    """A signal raised by a rule about one subject in one window. ``evidence`` is JSON: the
    record ids and the figures that crossed the threshold. A signal, not proof."""

    __tablename__ = "alert"
    __table_args__ = (
        CheckConstraint(_in("severity", Severity), name="severity_known"),
        CheckConstraint(_in("status", AlertStatus), name="status_known"),
        CheckConstraint(_in("subject_kind", SubjectKind), name="subject_known"),
        UniqueConstraint(
            "rule_id", "subject_kind", "subject_id", "window_key", name="uq_alert_once"
        ),
        Index("ix_alert_status_raised", "status", "raised_at"),
        Index("ix_alert_employee", "employee_id"),
    )

    rule_id: Mapped[str] = mapped_column(ForeignKey("alert_rule.rule_id"))
    severity: Mapped[str] = mapped_column(String(8))
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int] = mapped_column(Integer)
    #: The employee the signal is about (for scope and the filter), when there is one.
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    window_key: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(String(400))
    evidence: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=AlertStatus.OPEN.value)
    reason: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
