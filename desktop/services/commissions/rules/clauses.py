"""The clauses that decide a line and the statuses it can carry, with their labels: the
vocabulary the engine writes on every line and the screens and statements show.

Separate from the explanations because callers that only label or total lines need no
templates.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.commission_enums import LineStatus
from desktop.errors import QT_TRANSLATE_NOOP

CONTEXT = "Commissions"


#: Statuses whose amounts are owed to the employee (clawbacks reduce them).
PAYABLE = (
    LineStatus.ACCRUED.value,
    LineStatus.APPROVED.value,
    LineStatus.PAID.value,
    LineStatus.CLAWED_BACK.value,
)
EARNED = (LineStatus.ACCRUED.value, LineStatus.APPROVED.value, LineStatus.PAID.value)


# --------------------------------------------------------------------------- clauses


#: The rule or policy clause that decided a line (stored on the line, shown with it).
CLAUSE_PLAN = "plan"
CLAUSE_RECREDIT = "plan.recredit"
CLAUSE_WINDOW_DEPARTING = "window.departing"
CLAUSE_WINDOW_SUCCESSOR = "window.successor"
CLAUSE_WINDOW_SPLIT = "window.split"
CLAUSE_WINDOW_COMPANY = "window.company"
CLAUSE_WINDOW_NO_SUCCESSOR = "window.no_successor"
CLAUSE_AFTER_PAY = "after.pay"
CLAUSE_AFTER_WITHIN = "after.pay_within"
CLAUSE_AFTER_EXPIRED = "after.expired"
CLAUSE_AFTER_FORFEIT = "after.forfeit"
CLAUSE_AFTER_COLLECTOR = "after.collector"
CLAUSE_AFTER_NO_COLLECTOR = "after.no_collector"
CLAUSE_CLAWBACK = "clawback"
CLAUSE_LATE = "late"
CLAUSE_CORRECTION = "correction"
CLAUSE_REVERSAL = "reversal"

CLAUSES = {
    CLAUSE_PLAN: QT_TRANSLATE_NOOP("Commissions", "Plan rate"),
    CLAUSE_RECREDIT: QT_TRANSLATE_NOOP("Commissions", "Plan rate (salesperson had left)"),
    CLAUSE_WINDOW_DEPARTING: QT_TRANSLATE_NOOP(
        "Commissions", "Handover window: departing employee"
    ),
    CLAUSE_WINDOW_SUCCESSOR: QT_TRANSLATE_NOOP("Commissions", "Handover window: successor"),
    CLAUSE_WINDOW_SPLIT: QT_TRANSLATE_NOOP("Commissions", "Handover window: split"),
    CLAUSE_WINDOW_COMPANY: QT_TRANSLATE_NOOP("Commissions", "Handover window: company keeps it"),
    CLAUSE_WINDOW_NO_SUCCESSOR: QT_TRANSLATE_NOOP(
        "Commissions", "Handover window: no successor yet"
    ),
    CLAUSE_AFTER_PAY: QT_TRANSLATE_NOOP("Commissions", "Collected after leaving: paid"),
    CLAUSE_AFTER_WITHIN: QT_TRANSLATE_NOOP("Commissions", "Collected after leaving, within N days"),
    CLAUSE_AFTER_EXPIRED: QT_TRANSLATE_NOOP("Commissions", "Collected after leaving, after N days"),
    CLAUSE_AFTER_FORFEIT: QT_TRANSLATE_NOOP("Commissions", "Collected after leaving: forfeited"),
    CLAUSE_AFTER_COLLECTOR: QT_TRANSLATE_NOOP(
        "Commissions", "Collected after leaving: to collector"
    ),
    CLAUSE_AFTER_NO_COLLECTOR: QT_TRANSLATE_NOOP(
        "Commissions", "Collected after leaving: no collector"
    ),
    CLAUSE_CLAWBACK: QT_TRANSLATE_NOOP("Commissions", "Clawback after bad-debt write-off"),
    CLAUSE_LATE: QT_TRANSLATE_NOOP("Commissions", "Late: dated in a locked period"),
    CLAUSE_CORRECTION: QT_TRANSLATE_NOOP("Commissions", "Correction of a locked line"),
    CLAUSE_REVERSAL: QT_TRANSLATE_NOOP("Commissions", "Reversal of a locked line"),
    "pending.pay": QT_TRANSLATE_NOOP("Commissions", "Waiting for collection: paid when collected"),
    "pending.pay_within": QT_TRANSLATE_NOOP(
        "Commissions", "Waiting for collection: paid if collected in time"
    ),
    "pending.forfeit": QT_TRANSLATE_NOOP(
        "Commissions", "Waiting for collection: will be forfeited"
    ),
    "pending.expired": QT_TRANSLATE_NOOP(
        "Commissions", "Waiting for collection: too late, will be forfeited"
    ),
    "pending.collector": QT_TRANSLATE_NOOP(
        "Commissions", "Waiting for collection: will go to the collector"
    ),
}

#: Clauses by which an employee loses commission they earned (the plan editor and the
#: settlement warn about the policy options that lead to them).
FORFEITING_CLAUSES = frozenset(
    {
        CLAUSE_WINDOW_COMPANY,
        CLAUSE_AFTER_EXPIRED,
        CLAUSE_AFTER_FORFEIT,
        CLAUSE_AFTER_COLLECTOR,
        CLAUSE_AFTER_NO_COLLECTOR,
    }
)


def clause_label(clause: str, translate: Callable[[str, str], str] | None = None) -> str:
    text = CLAUSES.get(clause, clause)
    return translate(CONTEXT, text) if translate else text
