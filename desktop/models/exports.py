"""Export requests: an export above the rows-per-window limit waits for two approvals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.types import UTCDateTime

#: pending -> first_approved -> approved -> used; or rejected; an approval not used within
#: its validity is expired when read.
REQUEST_STATUSES = ("pending", "first_approved", "approved", "rejected", "used")


class ExportRequest(IdMixin, TimestampMixin, VersionMixin, Base):
    """What (``kind``, ``search``, ``filters`` as JSON), how many rows, why, who asked, and the
    two approvals (or the rejection) it received."""

    __tablename__ = "export_request"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'first_approved', 'approved', 'rejected', 'used')",
            name="status_known",
        ),
        Index("ix_export_request_status", "status"),
    )

    kind: Mapped[str] = mapped_column(String(32))
    search: Mapped[str] = mapped_column(String(200), default="")
    filters: Mapped[str] = mapped_column(Text, default="{}")
    rows: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    requested_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    first_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    first_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    second_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    second_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejected_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reject_reason: Mapped[str | None] = mapped_column(String(500))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
