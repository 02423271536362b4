"""SQLAlchemy 2 typed ORM, one module per area. Importing this registers every table."""

from desktop.models import (
    accounts,
    alerts,
    audit,
    commissions,
    customers,
    departures,
    documents,
    exports,
    orders,
    organisation,
    paperwork,
    pinyin,
    staff,
)
from desktop.models.base import Base

__all__ = [
    "Base",
    "accounts",
    "alerts",
    "audit",
    "commissions",
    "customers",
    "departures",
    "documents",
    "exports",
    "orders",
    "organisation",
    "paperwork",
    "pinyin",
    "staff",
]
