"""Which rules a sweep may leave out: those whose findings cannot have grown since the last
sweep (the incremental sweep); ``full=True`` runs every rule, and gives the same alerts.

Why this is safe. A sweep stamps its audit event with the audit sequence number it ends at
(it holds the audit chain's lock from its start, so no other write's events interleave) and
the rules it covered. Every row a service writes through the ORM leaves an ``insert``,
``update`` or ``delete`` event naming its table; writes made set-wise (imports, the demo, a
purge, a restore) leave an event of their own kind, which is not on the list of
:data:`READ_ONLY_ACTIONS` and so makes every rule run. A rule is left out only when

- it looks at data alone (:data:`DATA_RULES`: its window keys are records or months, so as
  days pass on unchanged data its window only loses records, never gains a new key);
- the business day is the same as the last sweep's or later;
- no event since the stamp touched a table it reads, a rule's settings (``alert_rule``) or
  removed an alert.

The other rules depend on the day itself (a customer falls silent, a period closes, a
receivable becomes overdue, exports age out) and run every time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.audit import AuditEvent
from desktop.services.alerts import definitions as d

SWEEP_EVENT = "alerts.sweep"

#: The rules that look at data only, and the tables each reads.
DATA_RULES: dict[str, frozenset[str]] = {
    d.ORDER_OUTLIER: frozenset({"waybill"}),
    d.FOLLOWUP_KEYWORD: frozenset({"follow_up"}),
    d.INCOMPLETE_CUSTOMER: frozenset({"waybill", "customer", "contact"}),
    d.BACKDATED_OWNERSHIP: frozenset(
        {"customer_assignment", "waybill", "departure_case", "app_user"}
    ),
}
#: Tables every rule depends on: its own settings, and the alerts (a removed one comes back).
EVERY_RULE = frozenset({"alert_rule"})
ROW_ACTIONS = frozenset({"insert", "update", "delete"})
#: Events that write no row of a table a data rule reads other than through the ORM (whose
#: rows leave their own events): readings, files written, checks, commission lines. Any
#: other kind of event (an import, the demo, a purge, a handover list made set-wise, a
#: restore or one not known here) makes every rule run.
READ_ONLY_ACTIONS = frozenset(
    {
        SWEEP_EVENT,
        "export",
        "export.refused",
        "backup.created",
        "verify",
        "document.verified",
        "document.scan_read",
        "document.issued",
        "document.snapshot_frozen",
        "evidence.read",
        "evidence_pack.verified",
        "customer.viewed_in_notice",
        "commissions.settlement.viewed",
        "commissions.statement.reprinted",
        "view_personal_data",
        "personal_data.exported",
    }
)


@dataclass(frozen=True)
class Stamp:
    """Where the last sweep ended: its audit sequence number, business day, rules covered."""

    seq: int
    day: date
    covered: frozenset[str]


def last_stamp(s: Session) -> Stamp | None:
    """The last sweep's stamp (None before the first incremental-aware sweep): the newest
    sweep event, read backwards from the end of the log."""
    row = s.execute(
        select(AuditEvent.seq, AuditEvent.after)
        .where(AuditEvent.action == SWEEP_EVENT)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    try:
        detail = json.loads(row[1] or "{}")
        stamp = detail.get("stamp")
        if not stamp:
            return None
        return Stamp(row[0], date.fromisoformat(detail["day"]), frozenset(stamp["covered"]))
    except (ValueError, KeyError, TypeError):
        return None


def _changed(s: Session, after_seq: int) -> tuple[set[str], bool]:
    """The tables rows were written to since ``after_seq``, and whether any event could have
    written rows without naming them (then every rule runs)."""
    tables: set[str] = set()
    unknown = False
    q = (
        select(AuditEvent.action, AuditEvent.entity)
        .where(AuditEvent.seq > after_seq)
        .group_by(AuditEvent.action, AuditEvent.entity)
    )
    for action, entity in s.execute(q):
        if action in ROW_ACTIONS:
            tables.add(entity if action != "delete" or entity != "alert" else "alert_rule")
        elif action not in READ_ONLY_ACTIONS:
            unknown = True
    return tables, unknown


def rules_to_run(
    s: Session, today: date, wanted: Iterable[str], full: bool
) -> tuple[list[str], list[str]]:
    """(rules to run, rules left out) for a sweep of ``wanted`` today. Takes the audit chain's
    lock first, so what the stamp says was seen is all that was written before it."""
    wanted = list(wanted)
    audit.lock_chain(s)
    stamp = None if full else last_stamp(s)
    if stamp is None or today < stamp.day:
        return wanted, []
    tables, unknown = _changed(s, stamp.seq)
    if unknown:
        return wanted, []
    run: list[str] = []
    skipped: list[str] = []
    for rid in wanted:
        deps = DATA_RULES.get(rid)
        if deps is None or rid not in stamp.covered or tables & (deps | EVERY_RULE):
            run.append(rid)
        else:
            skipped.append(rid)
    return run, skipped


def stamp_detail(wanted: Iterable[str]) -> dict[str, object]:
    """What the sweep event records for the next sweep: the rules now current (run, or left
    out because nothing they read changed)."""
    return {"covered": sorted(set(wanted))}
