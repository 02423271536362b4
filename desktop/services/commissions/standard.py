"""The standard commission plan a new firm is offered when it is set up (``baton init`` and the
setup wizard), not only with the demo data.

Why a default plan: a firm is set up before its staff list is imported, so it has no sales
positions to assign a plan to yet; computing a month then gave "0 lines" and no reason. The
standard 回款提成 plan (:func:`plans.standard_plan`) is saved and entered as the business
setting ``default_sales_plan``, which covers every sales position no plan names — the ones
the staff import creates later included (:func:`plans.plan_book_in`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop.models.commissions import CommissionPlan
from desktop.services import business_settings
from desktop.services.changes import Kind
from desktop.services.commissions import plans
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action

#: The name of the plan set up with a new firm (the demo firm's plan has the same one).
STANDARD_PLAN_NAME = "销售回款提成（标准）"


def standard_start(today: date) -> date:
    """From the first of January three years back: a firm's first import usually brings the
    last year or two of waybills, whose months may be computed."""
    return date(today.year - 3, 1, 1)


def set_up_standard_plan(ctx: ServiceContext, start: date | None = None) -> Changes:
    """Save the standard plan for the firm's sales positions (those there now, and those no
    plan names later) in one unit of work; ``Changes.ids`` holds the plan id.

    A firm that already has a plan of that name keeps it and makes it the default."""
    ctx.require(Action.COMMISSION_PLANS_EDIT)
    ctx.require(Action.SETTINGS_BUSINESS_EDIT)
    data = plans.standard_plan(ctx, STANDARD_PLAN_NAME, start or standard_start(ctx.today()))
    with ctx.transaction() as s:
        plan_id = s.scalar(
            select(CommissionPlan.id).where(CommissionPlan.name == STANDARD_PLAN_NAME)
        )
        if plan_id is None:
            plan_id = plans.save_plan_in(ctx, s, data, default_for_sales=True)
        business_settings.set_in(s, business_settings.DEFAULT_SALES_PLAN, plan_id)
    return Changes.of(Kind.COMMISSION_PLANS, Kind.BUSINESS_SETTINGS, ids={plan_id})
