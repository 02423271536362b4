"""Commission plans as JSON files, for ``baton commissions plan show|export|import``: a plan
written out with employees by number and positions by name, and a file read back into a plan
that :func:`desktop.services.commissions.plans.save_plan` checks like one made in the window.
Kept apart from :mod:`.plans` because only the command line reads and writes these files.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.commissions import (
    CommissionLine,
    CommissionPlan,
)
from desktop.models.staff import Employee, Position
from desktop.services.commissions.plans import (
    MSG_PLAN_NOT_FOUND,
    PlanInfo,
    PlanInput,
    TierInput,
    _info,
    save_plan,
)
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action

#: The JSON a plan file holds; employees by number and positions by name, so a file made in
#: one vault reads in another.
PLAN_FILE_KEYS = (
    "name",
    "base",
    "trigger",
    "rate_mode",
    "tier_mode",
    "flat_rate",
    "tiers",
    "effective_from",
    "effective_until",
    "window_rule",
    "split_departing",
    "split_successor",
    "after_rule",
    "after_days",
    "clawback_days",
    "employees",
    "positions",
    "note",
)


def get_plan(ctx: ServiceContext, plan_id: int) -> PlanInfo:
    """One plan with how many lines use it (for show and export)."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.read() as s:
        plan = s.get(CommissionPlan, plan_id)
        if plan is None:
            raise NotFound(MSG_PLAN_NOT_FOUND, id=plan_id)
        used = s.scalar(
            select(func.count())
            .select_from(CommissionLine)
            .where(CommissionLine.plan_id == plan_id)
        )
        return _info(s, plan, used or 0)


def export_plan(ctx: ServiceContext, plan_id: int) -> dict[str, Any]:
    """A plan as a JSON-ready dict (amounts and rates as strings, dates ISO)."""
    info = get_plan(ctx, plan_id)
    with ctx.read() as s:
        numbers = dict(
            s.execute(
                select(Employee.id, Employee.employee_no).where(
                    Employee.id.in_([e.id for e in info.employees])
                )
            ).all()
        )
    return {
        "name": info.name,
        "base": info.base,
        "trigger": info.trigger,
        "rate_mode": info.rate_mode,
        "tier_mode": info.tier_mode,
        "flat_rate": str(info.flat_rate),
        "tiers": [
            {
                "lower": str(t.lower),
                "upper": None if t.upper is None else str(t.upper),
                "rate": str(t.rate),
            }
            for t in info.tiers
        ],
        "effective_from": info.effective_from.isoformat(),
        "effective_until": info.effective_until.isoformat() if info.effective_until else None,
        "window_rule": info.window_rule,
        "split_departing": info.split_departing,
        "split_successor": info.split_successor,
        "after_rule": info.after_rule,
        "after_days": info.after_days,
        "clawback_days": info.clawback_days,
        "employees": [numbers[e.id] for e in info.employees],
        "positions": [p.label for p in info.positions],
        "note": info.note,
    }


MSG_PLAN_FILE = QT_TRANSLATE_NOOP("Errors", "The plan file is not valid: {problem}.")


def _file_date(value: Any, key: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(MSG_PLAN_FILE, problem=f"{key}: {value!r} is not YYYY-MM-DD") from exc


def plan_from_file(ctx: ServiceContext, data: Any) -> PlanInput:
    """The plan a JSON file describes, its employees and positions found by number and name;
    every rule is then checked by :func:`save_plan` as for a plan made in the window."""
    if not isinstance(data, dict):
        raise ValidationError(MSG_PLAN_FILE, problem="not a JSON object")
    unknown = sorted(set(data) - set(PLAN_FILE_KEYS))
    if unknown:
        raise ValidationError(MSG_PLAN_FILE, problem="unknown keys " + ", ".join(unknown))
    if not isinstance(data.get("name"), str):
        raise ValidationError(MSG_PLAN_FILE, problem="a name is required")
    employees = data.get("employees") or []
    positions_named = data.get("positions") or []
    tiers = data.get("tiers") or []
    if not all(isinstance(x, list) for x in (employees, positions_named, tiers)):
        raise ValidationError(MSG_PLAN_FILE, problem="employees, positions and tiers are lists")
    with ctx.read() as s:
        by_no = dict(s.execute(select(Employee.employee_no, Employee.id)).all())
        by_name = dict(s.execute(select(Position.name, Position.id)).all())
    missing = [str(e) for e in employees if str(e) not in by_no]
    missing += [str(p) for p in positions_named if str(p) not in by_name]
    if missing:
        raise ValidationError(
            MSG_PLAN_FILE, problem="no employee or position " + ", ".join(missing)
        )
    try:
        tier_inputs = tuple(
            TierInput(
                Decimal(str(t["lower"])),
                None if t.get("upper") is None else Decimal(str(t["upper"])),
                Decimal(str(t["rate"])),
            )
            for t in tiers
        )
        flat = Decimal(str(data.get("flat_rate", "0")))
    except (KeyError, TypeError, InvalidOperation) as exc:
        raise ValidationError(
            MSG_PLAN_FILE, problem="a rate or tier is not a number (tiers: lower, upper, rate)"
        ) from exc
    defaults = PlanInput(name=data["name"])
    ints: dict[str, Any] = {}
    for key in ("split_departing", "split_successor", "after_days", "clawback_days"):
        value = data.get(key, getattr(defaults, key))
        if value is not None and not isinstance(value, int):
            raise ValidationError(MSG_PLAN_FILE, problem=f"{key} is a whole number")
        ints[key] = value
    return PlanInput(
        name=data["name"],
        base=str(data.get("base", defaults.base)),
        trigger=str(data.get("trigger", defaults.trigger)),
        rate_mode=str(data.get("rate_mode", defaults.rate_mode)),
        tier_mode=str(data.get("tier_mode", defaults.tier_mode)),
        flat_rate=flat,
        tiers=tier_inputs,
        effective_from=_file_date(data.get("effective_from"), "effective_from")
        or defaults.effective_from,
        effective_until=_file_date(data.get("effective_until"), "effective_until"),
        window_rule=str(data.get("window_rule", defaults.window_rule)),
        after_rule=str(data.get("after_rule", defaults.after_rule)),
        employee_ids=tuple(by_no[str(e)] for e in employees),
        position_ids=tuple(by_name[str(p)] for p in positions_named),
        note=data.get("note"),
        **ints,
    )


def import_plan(ctx: ServiceContext, data: Any) -> tuple[Changes, bool]:
    """Save the plan a file describes: a plan of the same name is replaced (an import is
    repeatable, never a second copy); (changes, True when a new plan was made)."""
    ctx.require(Action.COMMISSION_PLANS_EDIT)
    plan = plan_from_file(ctx, data)
    with ctx.read() as s:
        found = s.execute(
            select(CommissionPlan.id, CommissionPlan.version).where(
                CommissionPlan.name == plan.name
            )
        ).first()
    if found is None:
        return save_plan(ctx, plan), True
    return save_plan(ctx, plan, found.id, found.version), False
