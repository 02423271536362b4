"""Importing follow-ups: contacts with customers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.orders import FollowUp
from desktop.services.imports.plan import Plan, _bulk, _choice, _resolve
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
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "customer_id": customer,
                    "employee_id": employee,
                    "followed_on": day,
                    "channel": channel or "phone",
                    "content": content,
                    "next_step": r.text("next_step", max_len=2000),
                }
            )
    return plan


def insert_followups(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    _bulk(session, FollowUp, (row | stamp for row in plan.rows))
    return {"followups": len(plan.rows)}
