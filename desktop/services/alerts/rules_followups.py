"""The alert rules that look at follow-ups: follow-ups outside one's own book and follow-ups
that use watched words (rules 3 and 7).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from desktop.models.alerts import SubjectKind
from desktop.models.customers import CustomerAssignment
from desktop.models.orders import FollowUp
from desktop.services.alerts import definitions as d
from desktop.services.alerts.definitions import RuleConfig
from desktop.services.alerts.rules_common import (
    Finding,
    Focus,
    _bursts,
    _fired_days,
    _ids,
)

# --------------------------------------------------------------------------- 3


def followup_outside_book(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """One employee's follow-ups with customers they did not own that day: more than
    ``max_followups`` in ``window_days``."""
    limit = cfg.integer("max_followups")
    a = CustomerAssignment
    owned = exists().where(
        a.customer_id == FollowUp.customer_id,
        a.employee_id == FollowUp.employee_id,
        a.valid_from <= FollowUp.followed_on,
        or_(a.valid_to.is_(None), a.valid_to > FollowUp.followed_on),
    )
    q = select(FollowUp.employee_id, FollowUp.followed_on, FollowUp.id).where(
        FollowUp.employee_id.is_not(None),
        FollowUp.followed_on >= today - timedelta(days=3 * cfg.window_days),
        ~owned,
    )
    if focus is not None and focus.employee_ids is not None:
        q = q.where(FollowUp.employee_id.in_(focus.employee_ids))
    per: dict[int, list[tuple[date, int, int]]] = defaultdict(list)
    for emp, day, fid in s.execute(q):
        per[emp].append((day, 1, fid))
    out: list[Finding] = []
    existing = _fired_days(s, d.FOLLOWUP_OUTSIDE_BOOK, SubjectKind.EMPLOYEE, per)
    for emp, events in sorted(per.items()):
        for day, count, ids in _bursts(events, cfg.window_days, limit, existing.get(emp)):
            out.append(
                Finding(
                    SubjectKind.EMPLOYEE,
                    emp,
                    emp,
                    f"d{day.isoformat()}",
                    f"followups={count} limit={limit} days={cfg.window_days}",
                    {
                        "followups": _ids(ids),
                        "count": count,
                        "limit": limit,
                        "window_days": cfg.window_days,
                        "until": day.isoformat(),
                    },
                )
            )
    return out


# --------------------------------------------------------------------------- 7


def followup_keyword(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """A follow-up whose content or next step names a keyword (one alert per follow-up)."""
    words = [w for w in cfg.thresholds.get("keywords", []) if w]
    if not words:
        return []
    text = FollowUp.content + " " + func.coalesce(FollowUp.next_step, "")
    q = select(
        FollowUp.id,
        FollowUp.employee_id,
        FollowUp.customer_id,
        FollowUp.followed_on,
        FollowUp.content,
        FollowUp.next_step,
    ).where(or_(*(text.contains(w, autoescape=True) for w in words)))
    if focus is not None and focus.followup_ids is not None:
        q = q.where(FollowUp.id.in_(focus.followup_ids))
    else:
        q = q.where(FollowUp.followed_on >= today - timedelta(days=cfg.window_days))
    out: list[Finding] = []
    for fid, emp, cid, day, content, step in s.execute(q):
        body = f"{content} {step or ''}"
        hits = [w for w in words if w in body]
        out.append(
            Finding(
                SubjectKind.EMPLOYEE if emp is not None else SubjectKind.CUSTOMER,
                emp if emp is not None else cid,
                emp,
                f"fu{fid}",
                "keywords=" + ",".join(hits),
                {
                    "followup_id": fid,
                    "customer_id": cid,
                    "date": day.isoformat(),
                    "keywords": hits,
                },
            )
        )
    return out
