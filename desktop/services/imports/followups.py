"""Importing follow-ups: contacts with customers.

Re-importing a file never records a contact twice. A row is the follow-up already in the vault
with the same key — customer, day, employee and channel (a follow-up has no number of its
own) — matched only when the vault holds exactly as many such follow-ups as the file has rows
(those with the same text paired first, the rest in order); any other count is refused as
ambiguous. A matched row updates the text and the next step where they differ (a blank cell
changes nothing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.orders import FollowUp
from desktop.services.imports.plan import (
    LOOKUP_CHUNK,
    Plan,
    _bulk,
    _choice,
    _differs,
    _mapped,
    _resolve,
    _will_update,
)
from desktop.services.imports.rows import Lookups, RowReader
from desktop.services.tabular import parse_date

CHANNELS = {
    "电话": "phone",
    "phone": "phone",
    "拜访": "visit",
    "上门": "visit",
    "上门拜访": "visit",
    "visit": "visit",
    "微信": "wechat",
    "wechat": "wechat",
    "邮件": "email",
    "email": "email",
    "会议": "meeting",
    "meeting": "meeting",
    "其他": "other",
    "other": "other",
}


def plan_followups(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    mapped = set(_mapped(readers))
    checked: list[tuple[RowReader, dict[str, Any]]] = []
    for r in readers:
        customer = _resolve(r, "customer", look.customer, True)
        day = r.parsed("followed_on", parse_date, required=True)
        employee = _resolve(r, "employee", look.employee, False)
        channel = r.parsed(
            "channel",
            _choice(
                CHANNELS,
                QT_TRANSLATE_NOOP("Errors", "unknown channel (电话/拜访/微信/邮件/会议/其他)"),
            ),
        )
        content = r.text("content", required=True, max_len=4000)
        checked.append(
            (
                r,
                {
                    "customer_id": customer,
                    "employee_id": employee,
                    "followed_on": day,
                    "channel": channel or "phone",
                    "content": content,
                    "next_step": r.text("next_step", max_len=2000),
                },
            )
        )
    matches = _matches(session, checked)
    for r, given in checked:
        was = matches.get(r.row) if not r.errors else None
        if was is not None:
            changed = _differs(was, given, mapped & {"content", "next_step"})
            if changed:
                plan.rows.append({"id": was["id"], "update": {k: given[k] for k in changed}})
                _will_update(plan, r.row, was["followed_on"].isoformat(), changed)
            else:
                plan.extra["unchanged"] = plan.extra.get("unchanged", 0) + 1
            continue
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(given)
    return plan


MSG_AMBIGUOUS = QT_TRANSLATE_NOOP(
    "Errors",
    "matches {existing} follow-ups already in the vault of this customer, day, employee and "
    "channel, while the file has {rows}: import these rows once, or change them in the window",
)


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["customer_id"], row["followed_on"], row["employee_id"], row["channel"])


def _matches(
    session: Session, rows: list[tuple[RowReader, dict[str, Any]]]
) -> dict[int, dict[str, Any]]:
    """The follow-up in the vault each file row is (by row number); see the module's note."""
    good = [(r, g) for r, g in rows if not r.errors]
    customers = sorted({g["customer_id"] for _r, g in good})
    in_vault: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(customers), LOOKUP_CHUNK):
        chunk = customers[start : start + LOOKUP_CHUNK]
        for f in session.scalars(
            select(FollowUp).where(FollowUp.customer_id.in_(chunk)).order_by(FollowUp.id)
        ):
            known = {
                "id": f.id,
                "customer_id": f.customer_id,
                "employee_id": f.employee_id,
                "followed_on": f.followed_on,
                "channel": f.channel,
                "content": f.content,
                "next_step": f.next_step,
            }
            in_vault[_key(known)].append(known)
    in_file: dict[tuple[Any, ...], list[tuple[RowReader, dict[str, Any]]]] = defaultdict(list)
    for r, g in good:
        in_file[_key(g)].append((r, g))
    out: dict[int, dict[str, Any]] = {}
    for key, group in in_file.items():
        existing = list(in_vault.get(key, []))
        if not existing:
            continue
        if len(existing) != len(group):
            for r, _g in group:
                r.fail("content", MSG_AMBIGUOUS, existing=len(existing), rows=len(group))
            continue
        rest = []
        for r, g in group:  # the same text first: an unchanged row stays unchanged
            same = next((w for w in existing if w["content"] == g["content"]), None)
            if same is None:
                rest.append(r)
            else:
                existing.remove(same)
                out[r.row] = same
        for r, was in zip(rest, existing, strict=True):
            out[r.row] = was
    return out


def insert_followups(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    updates = [row for row in plan.rows if "update" in row]
    for row in updates:
        session.connection().execute(
            update(FollowUp)
            .where(FollowUp.id == row["id"])
            .values(**row["update"], updated_at=now, version=FollowUp.version + 1)
        )
    if updates:
        rest = Plan(rows=[row for row in plan.rows if "update" not in row])
        return {**insert_followups(session, rest, now, today), "updated": len(updates)}
    _bulk(session, FollowUp, (row | stamp for row in plan.rows))
    return {"followups": len(plan.rows)}
