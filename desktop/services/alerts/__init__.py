"""Alert rules, the alerts they raise, and the inbox (SPEC §6).

:mod:`.definitions` holds the twelve rules as data (ids, defaults, bounds of each threshold);
:mod:`.rules` what each finds; :mod:`.engine` the sweep, the hooks the writes call directly,
and the inbox's use cases. An alert is a signal to look closer, not proof: a customer may
lawfully follow a person it trusts.
"""

from __future__ import annotations

from desktop.services.alerts.definitions import RULES, RuleConfig
from desktop.services.alerts.engine import (
    AlertCounts,
    AlertFilter,
    AlertRow,
    RuleInfo,
    SweepResult,
    UnlockNotice,
    acknowledge,
    after_unlock,
    assign,
    dismiss,
    get_alert,
    last_order_id,
    list_alerts,
    list_rules,
    new_high_since,
    on_export,
    on_followup_written,
    on_lock_refused,
    on_orders_imported,
    on_orders_written,
    on_ownership_changed,
    open_counts,
    resolve,
    run_rules,
    sweep,
    update_rule,
)
from desktop.services.alerts.links import followup_customer

__all__ = [
    "RULES",
    "AlertCounts",
    "AlertFilter",
    "AlertRow",
    "RuleConfig",
    "RuleInfo",
    "SweepResult",
    "UnlockNotice",
    "acknowledge",
    "after_unlock",
    "assign",
    "dismiss",
    "followup_customer",
    "get_alert",
    "last_order_id",
    "list_alerts",
    "list_rules",
    "new_high_since",
    "on_export",
    "on_followup_written",
    "on_lock_refused",
    "on_orders_imported",
    "on_orders_written",
    "on_ownership_changed",
    "open_counts",
    "resolve",
    "run_rules",
    "sweep",
    "update_rule",
]
