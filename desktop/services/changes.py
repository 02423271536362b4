"""What a use case changed, in typed kinds, so that every page showing it refreshes itself.

A mutating service returns :class:`Changes`; the window broadcasts it and each page refreshes
when it watches one of the kinds. Kinds are an enum, not free strings, so a kind that no page
watches (a stale screen) or a page watching a kind nobody emits is a test failure
(``tests/views/test_change_kinds.py``), never a silent miss.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """One sort of record a page may show."""

    ALL = "all"  # everything may have changed (a restore, a reload): every page refreshes
    ALERTS = "alerts"
    BACKUP = "backup"
    BUSINESS_SETTINGS = "business_settings"
    CHECKLIST_TEMPLATES = "checklist_templates"
    CLAIMS = "claims"
    CLAUSES = "clauses"
    COMMISSION_PLANS = "commission_plans"
    COMMISSIONS = "commissions"
    COMPANY = "company"
    CONTRACTS = "contracts"
    CUSTOMERS = "customers"
    DEPARTMENTS = "departments"
    DEPARTURES = "departures"
    DOCUMENTS = "documents"
    EMPLOYEES = "employees"
    EXPORT_REQUESTS = "export_requests"
    FOLLOWUPS = "followups"
    HANDOVER = "handover"
    KEYS = "keys"
    ORDERS = "orders"
    OWNERSHIP = "ownership"
    PAYMENTS = "payments"
    POOL = "pool"
    POSITIONS = "positions"
    RECEIVABLES = "receivables"
    SETTINGS = "settings"
    USERS = "users"


@dataclass(frozen=True)
class Changes:
    """The kinds a use case changed and, per kind, the ids of the records it touched."""

    kinds: frozenset[Kind] = frozenset()
    ids_by_kind: Mapping[Kind, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Kind("…") refuses a kind that is not in the enum: a typo fails where it is made.
        object.__setattr__(self, "kinds", frozenset(Kind(k) for k in self.kinds))

    @classmethod
    def of(cls, *kinds: Kind, ids: Iterable[int] = frozenset()) -> Changes:
        """Changes of ``kinds``; ``ids`` are records of the first kind named."""
        first = {Kind(kinds[0]): frozenset(ids)} if kinds and ids else {}
        return cls(frozenset(kinds), first)

    @property
    def ids(self) -> frozenset[int]:
        """Every id named, whatever its kind (the ids of a one-kind change)."""
        return frozenset().union(*self.ids_by_kind.values())

    def ids_of(self, kind: Kind) -> frozenset[int]:
        return self.ids_by_kind.get(kind, frozenset())

    def __or__(self, other: Changes) -> Changes:
        merged = dict(self.ids_by_kind)
        for kind, ids in other.ids_by_kind.items():
            merged[kind] = merged.get(kind, frozenset()) | ids
        return Changes(self.kinds | other.kinds, merged)

    def touches(self, watched: frozenset[Kind]) -> bool:
        """True when a page watching ``watched`` must refresh."""
        return Kind.ALL in self.kinds or bool(self.kinds & watched)
