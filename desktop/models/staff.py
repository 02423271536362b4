"""Staff: departments, positions and employees (branches live in organisation.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin, TimestampMixin, VersionMixin
from desktop.models.types import Money


class EmployeeStatus(StrEnum):
    ACTIVE = "active"
    NOTICE = "notice"
    HANDOVER = "handover"
    DEPARTED = "departed"


class PositionCategory(StrEnum):
    """What kind of handover a position needs (checklist templates are chosen by it)."""

    SALES = "sales"
    DISPATCHER = "dispatcher"
    FINANCE = "finance"
    WAREHOUSE = "warehouse"
    OTHER = "other"


def _in(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v.value}'" for v in values) + ")"


class Department(IdMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("branch_id", "name", name="uq_department_branch_name"),)

    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    name: Mapped[str] = mapped_column(String(100))


class Position(IdMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "position"
    __table_args__ = (CheckConstraint(_in("category", PositionCategory), name="category_known"),)

    name: Mapped[str] = mapped_column(String(100), unique=True)
    category: Mapped[str] = mapped_column(String(16), default=PositionCategory.OTHER.value)


class Employee(IdMixin, TimestampMixin, VersionMixin, Base):
    """A member of staff. The ID number is stored (encrypted with the vault) and shown masked
    except to HR and administrators."""

    __tablename__ = "employee"
    __table_args__ = (
        CheckConstraint(_in("status", EmployeeStatus), name="status_known"),
        Index("ix_employee_branch_status", "branch_id", "status"),
    )

    employee_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(128))
    id_number: Mapped[str | None] = mapped_column(String(32))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("position.id"))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    hire_date: Mapped[date | None] = mapped_column(Date)
    probation_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=EmployeeStatus.ACTIVE.value)
    is_sales: Mapped[bool] = mapped_column(Boolean, default=False)
    non_compete: Mapped[bool] = mapped_column(Boolean, default=False)
    confidentiality: Mapped[bool] = mapped_column(Boolean, default=False)
    departed_on: Mapped[date | None] = mapped_column(Date)
    #: The labour contract's term (end None: open-ended, 无固定期限) — printed on the
    #: termination certificate; and the agreed monthly wage (HR only), the base of the 20%
    #: deduction cap and of severance.
    contract_start: Mapped[date | None] = mapped_column(Date)
    contract_end: Mapped[date | None] = mapped_column(Date)
    monthly_wage: Mapped[Decimal | None] = mapped_column(Money)
    #: Pinyin and initials of ``name`` for search (models/pinyin.py keeps them in step).
    name_pinyin: Mapped[str | None] = mapped_column(Text)
    name_initials: Mapped[str | None] = mapped_column(Text)
