"""What each alert rule finds: one function per rule over the database, returning findings.

Every function takes the session, the rule's current settings, today and an optional
:class:`Focus` (the records a write just touched); without a focus it looks at the whole
window (the sweep). A finding names its subject and its *window key*; the same data always
gives the same keys, so storing them twice adds nothing (the unique constraint on ``alert``).
A finding is a signal to look closer, never proof of anything about a person.

The rules live in modules by what they look at (:mod:`.rules_orders`,
:mod:`.rules_customers`, :mod:`.rules_followups`, :mod:`.rules_exports`; shared pieces in
:mod:`.rules_common`); this module gathers them into :data:`FINDERS` and keeps every name
resolving here as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from desktop.services.alerts import definitions as d
from desktop.services.alerts.definitions import RuleConfig
from desktop.services.alerts.rules_common import (
    DONE_STATES,
    HORIZON_DAYS,
    LEAVING_STATES,
    LIVE,
    MAX_IDS,
    SILENT_LOOKBACK_DAYS,
    Finding,
    Focus,
)
from desktop.services.alerts.rules_common import _bursts as _bursts
from desktop.services.alerts.rules_common import _existing_keys as _existing_keys
from desktop.services.alerts.rules_common import _fired_days as _fired_days
from desktop.services.alerts.rules_common import _focus_orders as _focus_orders
from desktop.services.alerts.rules_common import _ids as _ids
from desktop.services.alerts.rules_common import _utc as _utc
from desktop.services.alerts.rules_customers import (
    ASSUMED_NOTICE_DAYS,
    backdated_ownership,
    former_customer_drop,
    handover_customer_ordering,
    incomplete_customer,
    owned_on,
    silent_customer,
)
from desktop.services.alerts.rules_customers import _Departure as _Departure
from desktop.services.alerts.rules_customers import _departures as _departures
from desktop.services.alerts.rules_customers import _leaving_cases as _leaving_cases
from desktop.services.alerts.rules_customers import _owners as _owners
from desktop.services.alerts.rules_exports import _first_seq_since as _first_seq_since
from desktop.services.alerts.rules_exports import bulk_export
from desktop.services.alerts.rules_followups import followup_keyword, followup_outside_book
from desktop.services.alerts.rules_orders import _outlier as _outlier
from desktop.services.alerts.rules_orders import _outliers_by_day as _outliers_by_day
from desktop.services.alerts.rules_orders import _outliers_of as _outliers_of
from desktop.services.alerts.rules_orders import (
    close_rate_pattern,
    leaver_order_after_lock,
    order_outlier,
    overdue_leaver_receivable,
)

__all__ = [
    "ASSUMED_NOTICE_DAYS",
    "DONE_STATES",
    "FINDERS",
    "HORIZON_DAYS",
    "LEAVING_STATES",
    "LIVE",
    "MAX_IDS",
    "SILENT_LOOKBACK_DAYS",
    "Finding",
    "Focus",
    "backdated_ownership",
    "bulk_export",
    "close_rate_pattern",
    "followup_keyword",
    "followup_outside_book",
    "former_customer_drop",
    "handover_customer_ordering",
    "incomplete_customer",
    "leaver_order_after_lock",
    "order_outlier",
    "overdue_leaver_receivable",
    "owned_on",
    "silent_customer",
]

FINDERS: dict[str, Callable[[Session, RuleConfig, date, Focus | None], list[Finding]]] = {
    d.LEAVER_ORDER_AFTER_LOCK: leaver_order_after_lock,
    d.HANDOVER_CUSTOMER_ORDERING: handover_customer_ordering,
    d.FOLLOWUP_OUTSIDE_BOOK: followup_outside_book,
    d.ORDER_OUTLIER: order_outlier,
    d.INCOMPLETE_CUSTOMER: incomplete_customer,
    d.CLOSE_RATE_PATTERN: close_rate_pattern,
    d.FOLLOWUP_KEYWORD: followup_keyword,
    d.BULK_EXPORT: bulk_export,
    d.SILENT_CUSTOMER: silent_customer,
    d.FORMER_CUSTOMER_DROP: former_customer_drop,
    d.OVERDUE_LEAVER_RECEIVABLE: overdue_leaver_receivable,
    d.BACKDATED_OWNERSHIP: backdated_ownership,
}
