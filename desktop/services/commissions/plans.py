"""Commission plans: base, trigger, flat or tiered rates, effective dates, who they apply to, and
the handover policy — validated as a whole, with the warnings a plan's policy deserves.

Why warnings and not refusals: a firm may choose a policy that forfeits earned commission, but
commission is wages (工资) and courts have overturned such clauses, so the editor, the period
and the departure settlement say so plainly wherever such a clause applies.

Editing a plan changes only what is computed from then on: lines of a locked period are never
recomputed, and an issued statement is a snapshot (see
:mod:`desktop.services.commissions.statements`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.commissions import (
    AfterRule,
    CommissionLine,
    CommissionPlan,
    CommissionPlanAssignment,
    CommissionTier,
    PlanBase,
    PlanTrigger,
    RateMode,
    TierMode,
    WindowRule,
)
from desktop.models.staff import Employee, Position, PositionCategory
from desktop.services import paging
from desktop.services.changes import Kind
from desktop.services.commissions.rules import CONTEXT, PlanBook, PlanRule, Tier
from desktop.services.context import Changes, ServiceContext, check_version
from desktop.services.permissions import Action
from desktop.services.validation import Problems, optional_text, required_text

ONE = Decimal(1)
MAX_DAYS = 3650

MSG_PLAN_NOT_FOUND = QT_TRANSLATE_NOOP("Errors", "Commission plan {id} does not exist.")

# --------------------------------------------------------------------------- warnings

LAW_NOTE = QT_TRANSLATE_NOOP(
    "Commissions",
    "Commission is wages: courts have overturned clauses that forfeit commission already "
    "earned, so this clause may not hold if the employee disputes it.",
)
WARNINGS = {
    "window.successor": QT_TRANSLATE_NOOP(
        "Commissions",
        "Orders taken during the handover window earn the departing employee nothing: all of "
        "it goes to the successor.",
    ),
    "window.company": QT_TRANSLATE_NOOP(
        "Commissions",
        "Orders taken during the handover window earn nobody anything: the departing "
        "employee forfeits that commission to the company.",
    ),
    "after.pay_within": QT_TRANSLATE_NOOP(
        "Commissions",
        "Commission on money collected more than {days} days after the last working day is "
        "forfeited, although the sale was made while employed.",
    ),
    "after.forfeit": QT_TRANSLATE_NOOP(
        "Commissions",
        "Commission on money collected after the last working day is forfeited, although "
        "the sale was made while employed.",
    ),
    "after.collector": QT_TRANSLATE_NOOP(
        "Commissions",
        "Commission on money collected after the last working day goes to the collector of "
        "record instead of the employee who made the sale (forfeited when there is none).",
    ),
    "clawback": QT_TRANSLATE_NOOP(
        "Commissions",
        "A clawback is a deduction from wages: each month it may take at most 20% of the "
        "monthly wage, and never leave less than the local minimum wage.",
    ),
}
#: Warnings about forfeiting earned commission (the others are notes).
FORFEITING = frozenset(
    {"window.successor", "window.company", "after.pay_within", "after.forfeit", "after.collector"}
)


@dataclass(frozen=True)
class PolicyWarning:
    """One clause of a plan's policy worth a warning; ``forfeits`` when it takes away earned
    commission (shown with :data:`LAW_NOTE`)."""

    clause: str
    template: str
    params: dict[str, str]
    forfeits: bool

    def text(self, translate: Any = None) -> str:
        body = translate(CONTEXT, self.template) if translate else self.template
        body = body.format(**self.params)
        if self.forfeits:
            note = translate(CONTEXT, LAW_NOTE) if translate else LAW_NOTE
            body = f"{body} {note}"
        return body


def policy_warnings(
    window_rule: str, after_rule: str, after_days: int, clawback_days: int | None
) -> list[PolicyWarning]:
    """The warnings a handover policy deserves, most serious first."""
    keys = []
    if window_rule in (WindowRule.SUCCESSOR.value, WindowRule.COMPANY.value):
        keys.append(f"window.{window_rule}")
    if after_rule in (
        AfterRule.PAY_WITHIN.value,
        AfterRule.FORFEIT.value,
        AfterRule.COLLECTOR.value,
    ):
        keys.append(f"after.{after_rule}")
    if clawback_days is not None:
        keys.append("clawback")
    return [PolicyWarning(k, WARNINGS[k], {"days": str(after_days)}, k in FORFEITING) for k in keys]


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class TierInput:
    """Monthly base from ``lower`` to ``upper`` (yuan; None: no limit) earns ``rate``
    (a fraction: 0.03 for 3%)."""

    lower: Decimal
    upper: Decimal | None
    rate: Decimal


@dataclass(frozen=True)
class PlanInput:
    name: str
    base: str = PlanBase.MARGIN.value
    trigger: str = PlanTrigger.PAYMENT.value
    rate_mode: str = RateMode.FLAT.value
    tier_mode: str = TierMode.MARGINAL.value
    flat_rate: Decimal = Decimal("0")
    tiers: tuple[TierInput, ...] = ()
    effective_from: date = date(2000, 1, 1)
    effective_until: date | None = None
    window_rule: str = WindowRule.DEPARTING.value
    split_departing: int = 50
    split_successor: int = 50
    after_rule: str = AfterRule.PAY.value
    after_days: int = 0
    clawback_days: int | None = None
    employee_ids: tuple[int, ...] = ()
    position_ids: tuple[int, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class PlanInfo:
    id: int
    name: str
    base: str
    trigger: str
    rate_mode: str
    tier_mode: str
    flat_rate: Decimal
    tiers: tuple[TierInput, ...]
    effective_from: date
    effective_until: date | None
    window_rule: str
    split_departing: int
    split_successor: int
    after_rule: str
    after_days: int
    clawback_days: int | None
    employees: tuple[Choice, ...]
    positions: tuple[Choice, ...]
    note: str | None
    warnings: tuple[PolicyWarning, ...]
    version: int
    lines: int

    def as_input(self) -> PlanInput:
        return PlanInput(
            self.name,
            self.base,
            self.trigger,
            self.rate_mode,
            self.tier_mode,
            self.flat_rate,
            self.tiers,
            self.effective_from,
            self.effective_until,
            self.window_rule,
            self.split_departing,
            self.split_successor,
            self.after_rule,
            self.after_days,
            self.clawback_days,
            tuple(e.id for e in self.employees),
            tuple(p.id for p in self.positions),
            self.note,
        )


# --------------------------------------------------------------------------- validation


def _enum(p: Problems, value: str, allowed: type[Any], field: str) -> None:
    if value not in {v.value for v in allowed}:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not one of: {known}."),
                field=field,
                value=str(value),
                known=", ".join(v.value for v in allowed),
            )
        )


def _decimal(value: Any) -> Decimal | None:
    """``value`` as a finite Decimal; None for a float (it cannot hold 0.035 exactly), None or
    anything that is not a number."""
    if isinstance(value, float) or value is None:
        return None
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def _refuse(p: Problems, field: str, tier: int | None, flat: str, tiered: str) -> None:
    """Add the problem, worded for the plan's flat rate or for tier ``tier``."""
    p.add(ValidationError(flat if tier is None else tiered, field=field, n=tier))


def _rate(p: Problems, value: Any, field: str, tier: int | None) -> Decimal | None:
    """A rate from 0 to 1 with at most six decimals (four of a percent); ``tier`` is the tier's
    number, None for the plan's flat rate."""
    rate = _decimal(value)
    if rate is None:
        _refuse(
            p,
            field,
            tier,
            QT_TRANSLATE_NOOP("Errors", "The flat rate is not a number."),
            QT_TRANSLATE_NOOP("Errors", "The rate of tier {n} is not a number."),
        )
    elif rate < 0:
        _refuse(
            p,
            field,
            tier,
            QT_TRANSLATE_NOOP("Errors", "The flat rate cannot be negative."),
            QT_TRANSLATE_NOOP("Errors", "The rate of tier {n} cannot be negative."),
        )
    elif rate > ONE:
        _refuse(
            p,
            field,
            tier,
            QT_TRANSLATE_NOOP("Errors", "The flat rate cannot be more than 100%."),
            QT_TRANSLATE_NOOP("Errors", "The rate of tier {n} cannot be more than 100%."),
        )
    elif rate * 1_000_000 != (rate * 1_000_000).to_integral_value():
        _refuse(
            p,
            field,
            tier,
            QT_TRANSLATE_NOOP("Errors", "The flat rate has more than four decimals of a percent."),
            QT_TRANSLATE_NOOP(
                "Errors", "The rate of tier {n} has more than four decimals of a percent."
            ),
        )
    else:
        return rate
    return None


def _amount(p: Problems, value: Any, field: str, tier: int) -> Decimal | None:
    """A tier's bound: an amount in yuan, not negative, in whole fen."""
    amount = _decimal(value)
    if amount is None:
        message = QT_TRANSLATE_NOOP("Errors", "A bound of tier {n} is not an amount.")
    elif amount < 0:
        message = QT_TRANSLATE_NOOP("Errors", "A bound of tier {n} cannot be negative.")
    elif amount != amount.quantize(Decimal("0.01")):
        message = QT_TRANSLATE_NOOP("Errors", "A bound of tier {n} has more than two decimals.")
    else:
        return amount
    p.add(ValidationError(message, field=field, n=tier))
    return None


def check_tiers(p: Problems, tiers: tuple[TierInput, ...]) -> None:
    """Tiers must start at 0, follow each other without gap or overlap, end open, and carry
    rates between 0 and 100%; every problem is reported at once."""
    if not tiers:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A tiered plan needs at least one tier."),
                field="tiers",
            )
        )
        return
    bounds: list[tuple[Decimal | None, Decimal | None]] = []
    for n, t in enumerate(tiers, start=1):
        _rate(p, t.rate, "tiers", n)
        lower = _amount(p, t.lower, "tiers", n)
        upper = None if t.upper is None else _amount(p, t.upper, "tiers", n)
        if lower is not None and upper is not None and upper <= lower:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "Tier {n} must end above where it starts ({lower})."
                    ),
                    field="tiers",
                    n=n,
                    lower=str(lower),
                )
            )
        bounds.append((lower, upper))
    first_lower = bounds[0][0]
    if first_lower is not None and first_lower != 0:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The first tier must start at 0 (it starts at {lower}): a monthly base "
                    "below it would earn nothing.",
                ),
                field="tiers",
                lower=str(first_lower),
            )
        )
    for n, ((_, upper), (lower, _)) in enumerate(itertools.pairwise(bounds), start=1):
        if upper is None:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Tier {n} has no upper limit, so tier {next} can never apply: only "
                        "the last tier may be open-ended.",
                    ),
                    field="tiers",
                    n=n,
                    next=n + 1,
                )
            )
        elif lower is not None and lower < upper:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Tiers {n} and {next} overlap: tier {n} ends at {upper} but tier "
                        "{next} starts at {lower}.",
                    ),
                    field="tiers",
                    n=n,
                    next=n + 1,
                    upper=str(upper),
                    lower=str(lower),
                )
            )
        elif lower is not None and lower > upper:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "There is a gap between tier {n} (ends at {upper}) and tier {next} "
                        "(starts at {lower}): a monthly base in between would have no rate.",
                    ),
                    field="tiers",
                    n=n,
                    next=n + 1,
                    upper=str(upper),
                    lower=str(lower),
                )
            )
    if bounds[-1][1] is not None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The last tier must have no upper limit (it ends at {upper}): a larger "
                    "monthly base would have no rate.",
                ),
                field="tiers",
                upper=str(bounds[-1][1]),
            )
        )


def _days(p: Problems, value: Any, field: str, low: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_DAYS:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Enter a number of days from {low} to {high}."),
                field=field,
                low=low,
                high=MAX_DAYS,
            )
        )
        return None
    return value


def _validated(
    s: Session, data: PlanInput, own_id: int | None, default_for_sales: bool = False
) -> dict[str, Any]:
    p = Problems()
    name = p.check(
        required_text,
        data.name,
        "name",
        100,
        QT_TRANSLATE_NOOP("Errors", "Enter the plan's name."),
    )
    if name is not None:
        other = s.scalar(select(CommissionPlan.id).where(CommissionPlan.name == name))
        if other is not None and other != own_id:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "A plan named {value} exists already."),
                    field="name",
                    value=name,
                )
            )
    _enum(p, data.base, PlanBase, "base")
    _enum(p, data.trigger, PlanTrigger, "trigger")
    _enum(p, data.rate_mode, RateMode, "rate_mode")
    _enum(p, data.tier_mode, TierMode, "tier_mode")
    _enum(p, data.window_rule, WindowRule, "window_rule")
    _enum(p, data.after_rule, AfterRule, "after_rule")
    flat = Decimal(0)
    if data.rate_mode == RateMode.FLAT.value:
        flat = _rate(p, data.flat_rate, "flat_rate", None) or Decimal(0)
    elif data.rate_mode == RateMode.TIERED.value:
        check_tiers(p, data.tiers)
    if data.effective_until is not None and data.effective_until < data.effective_from:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The plan cannot end ({until}) before it starts ({start})."
                ),
                field="effective_until",
                until=data.effective_until.isoformat(),
                start=data.effective_from.isoformat(),
            )
        )
    if data.window_rule == WindowRule.SPLIT.value:
        x, y = data.split_departing, data.split_successor
        if any(isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 1000 for v in (x, y)):
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "A split needs two whole numbers from 1 to 1000 (e.g. 50:50 or 70:30).",
                    ),
                    field="split",
                )
            )
    after_days = 0
    if data.after_rule == AfterRule.PAY_WITHIN.value:
        after_days = _days(p, data.after_days, "after_days", 1) or 0
    clawback = None
    if data.clawback_days is not None:
        clawback = _days(p, data.clawback_days, "clawback_days", 1)
    employees = list(dict.fromkeys(data.employee_ids))
    positions = list(dict.fromkeys(data.position_ids))
    # The firm's default sales plan covers the sales positions no plan names: it may name none.
    if not employees and not positions and not (default_for_sales or _is_default(s, own_id)):
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Assign the plan to at least one position or employee."
                ),
                field="assignments",
            )
        )
    known_e = set(s.scalars(select(Employee.id).where(Employee.id.in_(employees))))
    known_p = set(s.scalars(select(Position.id).where(Position.id.in_(positions))))
    for e in employees:
        if e not in known_e:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "Employee {id} does not exist."),
                    field="assignments",
                    id=e,
                )
            )
    for pos in positions:
        if pos not in known_p:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "Position {id} does not exist."),
                    field="assignments",
                    id=pos,
                )
            )
    note = p.check(optional_text, data.note, "note", 2000)
    p.raise_if_any()
    return {
        "name": name,
        "base": data.base,
        "trigger": data.trigger,
        "rate_mode": data.rate_mode,
        "tier_mode": data.tier_mode,
        "flat_rate": flat,
        "effective_from": data.effective_from,
        "effective_until": data.effective_until,
        "window_rule": data.window_rule,
        "split_departing": data.split_departing if data.window_rule == "split" else 50,
        "split_successor": data.split_successor if data.window_rule == "split" else 50,
        "after_rule": data.after_rule,
        "after_days": after_days,
        "clawback_days": clawback,
        "note": note,
        "_employees": employees,
        "_positions": positions,
    }


# --------------------------------------------------------------------------- saving


def _store_children(s: Session, plan_id: int, data: PlanInput, values: dict[str, Any]) -> None:
    s.execute(delete(CommissionTier).where(CommissionTier.plan_id == plan_id))
    s.execute(delete(CommissionPlanAssignment).where(CommissionPlanAssignment.plan_id == plan_id))
    if data.rate_mode == RateMode.TIERED.value:
        for n, t in enumerate(data.tiers):
            s.add(
                CommissionTier(
                    plan_id=plan_id,
                    position=n,
                    lower=Decimal(t.lower),
                    upper=None if t.upper is None else Decimal(t.upper),
                    rate=Decimal(t.rate),
                )
            )
    for e in values["_employees"]:
        s.add(CommissionPlanAssignment(plan_id=plan_id, employee_id=e))
    for pos in values["_positions"]:
        s.add(CommissionPlanAssignment(plan_id=plan_id, position_id=pos))


def save_plan(
    ctx: ServiceContext,
    data: PlanInput,
    plan_id: int | None = None,
    expected_version: int | None = None,
) -> Changes:
    """Create a plan, or replace one's rules (tiers and assignments included). Every problem
    is reported at once. ``Changes.ids`` holds the plan id."""
    ctx.require(Action.COMMISSION_PLANS_EDIT)
    with ctx.transaction() as s:
        saved = save_plan_in(ctx, s, data, plan_id, expected_version)
        return Changes.of(Kind.COMMISSION_PLANS, ids=frozenset({saved}))


def save_plan_in(
    ctx: ServiceContext,
    s: Session,
    data: PlanInput,
    plan_id: int | None = None,
    expected_version: int | None = None,
    default_for_sales: bool = False,
) -> int:
    """:func:`save_plan` inside an open unit of work (the caller checked the permission);
    returns the plan id. ``default_for_sales``: the plan is to be the firm's default sales
    plan (:mod:`.standard`), which may name no position yet."""
    values = _validated(s, data, plan_id, default_for_sales)
    columns = {k: v for k, v in values.items() if not k.startswith("_")}
    if plan_id is None:
        plan = CommissionPlan(**columns)
        s.add(plan)
    else:
        found = s.get(CommissionPlan, plan_id)
        if found is None:
            raise NotFound(MSG_PLAN_NOT_FOUND, id=plan_id)
        check_version(s, found, expected_version)
        plan = found
        for key, value in columns.items():
            if getattr(plan, key) != value:
                setattr(plan, key, value)
        plan.updated_at = ctx.now()
    s.flush()
    _store_children(s, plan.id, data, values)
    return plan.id


def delete_plan(ctx: ServiceContext, plan_id: int) -> Changes:
    """Remove a plan no line was ever computed with (otherwise end it with a last day)."""
    ctx.require(Action.COMMISSION_PLANS_EDIT)
    with ctx.transaction() as s:
        plan = s.get(CommissionPlan, plan_id)
        if plan is None:
            raise NotFound(MSG_PLAN_NOT_FOUND, id=plan_id)
        used = s.scalar(
            select(func.count())
            .select_from(CommissionLine)
            .where(CommissionLine.plan_id == plan_id)
        )
        if used:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The plan {name} has produced {count} commission lines and is kept as "
                    "their record: give it a last day instead of deleting it.",
                ),
                name=plan.name,
                count=used,
            )
        s.execute(delete(CommissionTier).where(CommissionTier.plan_id == plan_id))
        s.execute(
            delete(CommissionPlanAssignment).where(CommissionPlanAssignment.plan_id == plan_id)
        )
        s.delete(plan)
    return Changes.of(Kind.COMMISSION_PLANS, ids=frozenset({plan_id}))


# --------------------------------------------------------------------------- reading


def _info(s: Session, plan: CommissionPlan, lines: int) -> PlanInfo:
    tiers = tuple(
        TierInput(t.lower, t.upper, t.rate)
        for t in s.scalars(
            select(CommissionTier)
            .where(CommissionTier.plan_id == plan.id)
            .order_by(CommissionTier.position)
        )
    )
    employees = tuple(
        Choice(e.id, f"{e.name} ({e.employee_no})")
        for e in s.scalars(
            select(Employee)
            .join(CommissionPlanAssignment, CommissionPlanAssignment.employee_id == Employee.id)
            .where(CommissionPlanAssignment.plan_id == plan.id)
            .order_by(Employee.employee_no)
        )
    )
    positions = tuple(
        Choice(pos.id, pos.name)
        for pos in s.scalars(
            select(Position)
            .join(CommissionPlanAssignment, CommissionPlanAssignment.position_id == Position.id)
            .where(CommissionPlanAssignment.plan_id == plan.id)
            .order_by(Position.name)
        )
    )
    return PlanInfo(
        plan.id,
        plan.name,
        plan.base,
        plan.trigger,
        plan.rate_mode,
        plan.tier_mode,
        plan.flat_rate,
        tiers,
        plan.effective_from,
        plan.effective_until,
        plan.window_rule,
        plan.split_departing,
        plan.split_successor,
        plan.after_rule,
        plan.after_days,
        plan.clawback_days,
        employees,
        positions,
        plan.note,
        tuple(
            policy_warnings(plan.window_rule, plan.after_rule, plan.after_days, plan.clawback_days)
        ),
        plan.version,
        lines,
    )


def list_plans(ctx: ServiceContext) -> list[PlanInfo]:
    """Every plan, newest start first."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.read() as s:
        used = dict(
            s.execute(
                select(CommissionLine.plan_id, func.count()).group_by(CommissionLine.plan_id)
            ).all()
        )
        plans = s.scalars(
            select(CommissionPlan).order_by(
                CommissionPlan.effective_from.desc(), CommissionPlan.id.desc()
            )
        )
        return [_info(s, p, used.get(p.id, 0)) for p in plans]


def positions(ctx: ServiceContext) -> list[Choice]:
    """The positions a plan can be assigned to."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.read() as s:
        return [Choice(p.id, p.name) for p in s.scalars(select(Position).order_by(Position.name))]


def pick_employees(ctx: ServiceContext, search: str = "", limit: int = 30) -> list[Choice]:
    """Employees to assign a plan to (plan editors see the whole firm)."""
    ctx.require(Action.COMMISSION_PLANS_EDIT)
    paging.check_page(0, limit)
    with ctx.read() as s:
        query = select(Employee).order_by(Employee.employee_no).limit(limit)
        text = search.strip()
        if text:
            query = query.where(
                paging.contains(s, Employee.name, text)
                | paging.starts_with(s, Employee.employee_no, text)
            )
        return [Choice(e.id, f"{e.name} ({e.employee_no})") for e in s.scalars(query)]


def may_edit(ctx: ServiceContext) -> bool:
    return ctx.can(Action.COMMISSION_PLANS_EDIT)


# --------------------------------------------------------------------------- for the engine


def rule_of(plan: CommissionPlan, tiers: list[CommissionTier]) -> PlanRule:
    return PlanRule(
        id=plan.id,
        name=plan.name,
        base=plan.base,
        trigger=plan.trigger,
        rate_mode=plan.rate_mode,
        tier_mode=plan.tier_mode,
        flat_rate=plan.flat_rate,
        tiers=tuple(
            Tier(
                int(t.lower * 100),
                None if t.upper is None else int(t.upper * 100),
                t.rate,
            )
            for t in tiers
        ),
        effective_from=plan.effective_from,
        effective_until=plan.effective_until,
        window_rule=plan.window_rule,
        split=(plan.split_departing, plan.split_successor),
        after_rule=plan.after_rule,
        after_days=plan.after_days,
        clawback_days=plan.clawback_days,
    )


def plan_book_in(s: Session) -> PlanBook:
    """Every plan with its tiers and assignments, and each employee's position."""
    plans = list(s.scalars(select(CommissionPlan)))
    tiers: dict[int, list[CommissionTier]] = {}
    for t in s.scalars(select(CommissionTier).order_by(CommissionTier.position)):
        tiers.setdefault(t.plan_id, []).append(t)
    by_employee: dict[int, list[int]] = {}
    by_position: dict[int, list[int]] = {}
    for plan_id, employee_id, position_id in s.execute(
        select(
            CommissionPlanAssignment.plan_id,
            CommissionPlanAssignment.employee_id,
            CommissionPlanAssignment.position_id,
        )
    ):
        if employee_id is not None:
            by_employee.setdefault(employee_id, []).append(plan_id)
        if position_id is not None:
            by_position.setdefault(position_id, []).append(plan_id)
    _default_for_sales(s, {p.id for p in plans}, by_position)
    position_of = dict(s.execute(select(Employee.id, Employee.position_id)).all())
    return PlanBook(
        [rule_of(p, tiers.get(p.id, [])) for p in plans], by_employee, by_position, position_of
    )


def _is_default(s: Session, plan_id: int | None) -> bool:
    from desktop.services import business_settings

    return plan_id is not None and plan_id == business_settings.value_in(
        s, business_settings.DEFAULT_SALES_PLAN
    )


def _default_for_sales(s: Session, plan_ids: set[int], by_position: dict[int, list[int]]) -> None:
    """Sales positions that no plan names are covered by the firm's default sales plan (the
    business setting ``default_sales_plan``, set when the standard plan is chosen at setup):
    a firm set up before its staff list is imported has no positions to assign yet."""
    from desktop.services import business_settings

    default = business_settings.value_in(s, business_settings.DEFAULT_SALES_PLAN)
    if not default or default not in plan_ids:
        return
    sales = s.scalars(select(Position.id).where(Position.category == PositionCategory.SALES.value))
    for position_id in sales:
        by_position.setdefault(position_id, [default])


STANDARD_TIERS = (
    TierInput(Decimal("0"), Decimal("50000"), Decimal("0.03")),
    TierInput(Decimal("50000"), Decimal("200000"), Decimal("0.05")),
    TierInput(Decimal("200000"), None, Decimal("0.08")),
)


def standard_plan(ctx: ServiceContext, name: str, start: date) -> PlanInput:
    """A common 回款提成 plan for the sales positions: gross margin, earned on payment, marginal
    tiers 3% / 5% / 8% from ¥0 / ¥50,000 / ¥200,000 of monthly base; in the handover window
    split 50:50; commission on money collected after departure paid (no clause forfeits earned
    commission) — what the plan editor proposes for a new plan and what the bench computes."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.read() as s:
        sales = tuple(
            s.scalars(
                select(Position.id)
                .where(Position.category == PositionCategory.SALES.value)
                .order_by(Position.id)
            )
        )
    return PlanInput(
        name=name,
        base=PlanBase.MARGIN.value,
        trigger=PlanTrigger.PAYMENT.value,
        rate_mode=RateMode.TIERED.value,
        tier_mode=TierMode.MARGINAL.value,
        tiers=STANDARD_TIERS,
        effective_from=start,
        window_rule=WindowRule.SPLIT.value,
        split_departing=50,
        split_successor=50,
        after_rule=AfterRule.PAY.value,
        after_days=90,
        position_ids=sales,
    )
