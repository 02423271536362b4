"""SQLAlchemy 2 typed ORM, one module per area. Importing this registers every table."""

from desktop.models import (
    accounts,
    audit,
    commissions,
    customers,
    departures,
    documents,
    exports,
    orders,
    organisation,
    staff,
)
from desktop.models.base import Base

__all__ = [
    "Base",
    "accounts",
    "audit",
    "commissions",
    "customers",
    "departures",
    "documents",
    "exports",
    "orders",
    "organisation",
    "staff",
]
