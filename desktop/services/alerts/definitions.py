"""The twelve alert rules as data: id, default severity, window, thresholds and their bounds.

What a rule *is* (its settings) lives here and in the ``alert_rule`` table; what it *finds*
lives in :mod:`desktop.services.alerts.rules`. An administrator edits the settings in
Settings or with the CLI; every edit is checked against the bounds below, so a negative,
zero or absurd value is refused with a message naming the rule and the threshold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.alerts import AlertRule, Severity
from desktop.services import terms

LEAVER_ORDER_AFTER_LOCK = "leaver_order_after_lock"
HANDOVER_CUSTOMER_ORDERING = "handover_customer_ordering"
FOLLOWUP_OUTSIDE_BOOK = "followup_outside_book"
ORDER_OUTLIER = "order_outlier"
INCOMPLETE_CUSTOMER = "incomplete_customer"
CLOSE_RATE_PATTERN = "close_rate_pattern"
FOLLOWUP_KEYWORD = "followup_keyword"
BULK_EXPORT = "bulk_export"
SILENT_CUSTOMER = "silent_customer"
FORMER_CUSTOMER_DROP = "former_customer_drop"
OVERDUE_LEAVER_RECEIVABLE = "overdue_leaver_receivable"
BACKDATED_OWNERSHIP = "backdated_ownership"

DEFAULT_KEYWORDS = ("拼多多", "私人", "私下", "返点", "个人账户", "转账", "微信转", "现金")

MSG_BAD_NUMBER = QT_TRANSLATE_NOOP(
    "Errors",
    "Rule {rule}: {threshold} must be a number from {low} to {high} (not {value}).",
)
MSG_BAD_WINDOW = QT_TRANSLATE_NOOP(
    "Errors", "Rule {rule}: the window must be from {low} to {high} days (not {value})."
)
MSG_BAD_KEYWORDS = QT_TRANSLATE_NOOP(
    "Errors",
    "Rule {rule}: give from 1 to {high} keywords of at most {length} characters each.",
)
MSG_UNKNOWN_RULE = QT_TRANSLATE_NOOP("Errors", "There is no alert rule {rule}.")
MSG_UNKNOWN_THRESHOLD = QT_TRANSLATE_NOOP("Errors", "Rule {rule} has no threshold {threshold}.")
MSG_BAD_SEVERITY = QT_TRANSLATE_NOOP(
    "Errors", "Severity must be low, medium or high (not {value})."
)

MAX_WINDOW_DAYS = 730
MAX_KEYWORDS = 50
MAX_KEYWORD_LENGTH = 20


@dataclass(frozen=True)
class Bound:
    """The sane range of one numeric threshold (both ends included)."""

    low: Decimal
    high: Decimal
    integer: bool = True


@dataclass(frozen=True)
class RuleDef:
    """A rule's defaults and the bounds of each threshold."""

    id: str
    severity: str
    window_days: int
    thresholds: dict[str, Any]
    bounds: dict[str, Bound] = field(default_factory=dict)
    #: Keywords are a list, not a number.
    keywords: bool = False


def _b(low: str, high: str, integer: bool = True) -> Bound:
    return Bound(Decimal(low), Decimal(high), integer)


RULES: dict[str, RuleDef] = {
    r.id: r
    for r in (
        RuleDef(LEAVER_ORDER_AFTER_LOCK, Severity.HIGH, 90, {}),
        RuleDef(HANDOVER_CUSTOMER_ORDERING, Severity.HIGH, 180, {}),
        RuleDef(
            FOLLOWUP_OUTSIDE_BOOK,
            Severity.MEDIUM,
            30,
            {"max_followups": 5},
            {"max_followups": _b("1", "1000")},
        ),
        RuleDef(
            ORDER_OUTLIER,
            Severity.MEDIUM,
            90,
            {"multiple": "5", "min_orders": 3},
            {"multiple": _b("1.1", "1000", False), "min_orders": _b("1", "1000")},
        ),
        RuleDef(INCOMPLETE_CUSTOMER, Severity.LOW, 30, {}),
        RuleDef(
            CLOSE_RATE_PATTERN,
            Severity.MEDIUM,
            90,
            {"close_rate_percent": 90, "repeat_rate_percent": 10, "min_new_customers": 5},
            {
                "close_rate_percent": _b("1", "99"),
                "repeat_rate_percent": _b("1", "99"),
                "min_new_customers": _b("1", "10000"),
            },
        ),
        RuleDef(
            FOLLOWUP_KEYWORD,
            Severity.MEDIUM,
            90,
            {"keywords": list(DEFAULT_KEYWORDS)},
            keywords=True,
        ),
        RuleDef(
            BULK_EXPORT, Severity.HIGH, 7, {"max_rows": 200}, {"max_rows": _b("1", "10000000")}
        ),
        RuleDef(
            SILENT_CUSTOMER,
            Severity.MEDIUM,
            45,
            {"active_months": 3},
            {"active_months": _b("1", "24")},
        ),
        RuleDef(
            FORMER_CUSTOMER_DROP,
            Severity.HIGH,
            180,
            {"drop_percent": 50, "baseline_days": 90, "min_baseline_orders": 3},
            {
                "drop_percent": _b("1", "100"),
                "baseline_days": _b("30", "730"),
                "min_baseline_orders": _b("1", "100000"),
            },
        ),
        RuleDef(
            OVERDUE_LEAVER_RECEIVABLE,
            Severity.HIGH,
            365,
            {"min_days_overdue": 1},
            {"min_days_overdue": _b("1", "3650")},
        ),
        RuleDef(
            BACKDATED_OWNERSHIP,
            Severity.HIGH,
            90,
            {"tolerance_days": 3},
            {"tolerance_days": _b("1", "365")},
        ),
    )
}


@dataclass(frozen=True)
class RuleConfig:
    """A rule as it is set now: the defaults overlaid with the stored row."""

    id: str
    enabled: bool
    severity: str
    window_days: int
    thresholds: dict[str, Any]

    def number(self, name: str) -> Decimal:
        return Decimal(str(self.thresholds[name]))

    def integer(self, name: str) -> int:
        return int(Decimal(str(self.thresholds[name])))


def _config(d: RuleDef, row: AlertRule | None) -> RuleConfig:
    if row is None:
        return RuleConfig(d.id, True, str(d.severity), d.window_days, dict(d.thresholds))
    stored = json.loads(row.thresholds or "{}")
    merged = {**d.thresholds, **{k: v for k, v in stored.items() if k in d.thresholds}}
    return RuleConfig(d.id, row.enabled, row.severity, row.window_days, merged)


def configs_in(s: Session) -> dict[str, RuleConfig]:
    """Every rule's current settings (one query)."""
    rows = {r.rule_id: r for r in s.scalars(select(AlertRule))}
    return {rid: _config(d, rows.get(rid)) for rid, d in RULES.items()}


def ensure_row(s: Session, rule_id: str) -> AlertRule:
    """The rule's row, created from the defaults when it is first needed (an alert refers to
    it; the defaults live in code, not in a migration)."""
    row = s.get(AlertRule, rule_id)
    if row is None:
        d = RULES[rule_id]
        row = AlertRule(
            rule_id=rule_id,
            enabled=True,
            severity=str(d.severity),
            window_days=d.window_days,
            thresholds=json.dumps(d.thresholds, ensure_ascii=False),
        )
        s.add(row)
        s.flush()
    return row


def rule_def(rule_id: str) -> RuleDef:
    d = RULES.get(rule_id)
    if d is None:
        raise ValidationError(MSG_UNKNOWN_RULE, field="rule", rule=rule_id)
    return d


def validated(
    rule_id: str,
    severity: str | None,
    window_days: Any,
    thresholds: dict[str, Any] | None,
) -> tuple[str | None, int | None, dict[str, Any]]:
    """Check an edit; every problem is a :class:`ValidationError` naming the rule."""
    d = rule_def(rule_id)
    if severity is not None and severity not in {v.value for v in Severity}:
        raise ValidationError(MSG_BAD_SEVERITY, field="severity", value=severity)
    window: int | None = None
    if window_days is not None:
        try:
            window = int(Decimal(str(window_days)))
            ok = Decimal(str(window_days)) == window and 1 <= window <= MAX_WINDOW_DAYS
        except (InvalidOperation, ValueError):
            ok = False
        if not ok:
            raise ValidationError(
                MSG_BAD_WINDOW,
                field="window_days",
                rule=terms.rule_title(rule_id),
                low=1,
                high=MAX_WINDOW_DAYS,
                value=str(window_days),
            )
    clean: dict[str, Any] = {}
    for name, value in (thresholds or {}).items():
        if name not in d.thresholds:
            raise ValidationError(
                MSG_UNKNOWN_THRESHOLD,
                field=name,
                rule=terms.rule_title(rule_id),
                threshold=terms.figure(name),
            )
        if d.keywords and name == "keywords":
            words = value.split(",") if isinstance(value, str) else value
            if not isinstance(words, list | tuple):
                words = []
            words = [str(w).strip() for w in words if str(w).strip()]
            if not 1 <= len(words) <= MAX_KEYWORDS or any(
                len(w) > MAX_KEYWORD_LENGTH for w in words
            ):
                raise ValidationError(
                    MSG_BAD_KEYWORDS,
                    field=name,
                    rule=terms.rule_title(rule_id),
                    high=MAX_KEYWORDS,
                    length=MAX_KEYWORD_LENGTH,
                )
            clean[name] = list(dict.fromkeys(words))
            continue
        bound = d.bounds[name]
        try:
            number = Decimal(str(value).strip())
            ok = number.is_finite() and bound.low <= number <= bound.high
            if ok and bound.integer:
                ok = number == number.to_integral_value()
        except (InvalidOperation, ValueError):
            ok = False
        if not ok or isinstance(value, bool):
            raise ValidationError(
                MSG_BAD_NUMBER,
                field=name,
                rule=terms.rule_title(rule_id),
                threshold=terms.figure(name),
                low=str(bound.low),
                high=str(bound.high),
                value=str(value),
            )
        clean[name] = int(number) if bound.integer else str(number)
    return severity, window, clean
