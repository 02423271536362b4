"""The entry point ``generate_demo``: checks, the one generating transaction, the summary and
its audit event, then the demo accounts, the optional commission plan and a WAL checkpoint.
"""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import func, select

from desktop.errors import ValidationError
from desktop.logs import get_logger
from desktop.models import audit
from desktop.models.customers import Customer
from desktop.models.staff import Employee
from desktop.services.context import ServiceContext
from desktop.services.demo.alert_plants import PER_RULE, plant_alert_patterns, plant_exports
from desktop.services.demo.generator import _Generator
from desktop.services.demo.profiles import (
    CACHE_KIB,
    DEMO_PLAN_NAME,
    MSG_BAD_SIZE,
    MSG_NOT_EMPTY,
    SIZES,
    STAGE_DONE,
    STAGE_USERS,
    DemoSummary,
    Progress,
)
from desktop.services.demo.reference import POSITIONS
from desktop.services.demo.users import _add_demo_user
from desktop.services.permissions import Action

log = get_logger("demo")


# =========================================================================== entry point


def generate_demo(
    ctx: ServiceContext,
    size: str,
    seed: int = 2026,
    progress: Progress | None = None,
    today: date | None = None,
    commission_plan: bool = False,
    plant_alerts: bool | None = None,
) -> DemoSummary:
    """Fill an empty firm with the ``size`` demo dataset; the same seed and day give the same
    data. Everything is written in one transaction; then the demo accounts (hr, manager,
    finance, sales, auditor; password :data:`DEMO_PASSWORD`) are added one by one.

    ``commission_plan`` also sets up the standard 回款提成 plan for the sales positions, so a
    firm tried out from the wizard or ``baton demo`` has commissions to compute; the tests
    and the bench set up their own plans.

    ``plant_alerts`` (default: for the medium size) adds each alert rule's pattern a known
    number of times (:mod:`.alert_plants`); the summary's ``planted_alerts`` counts them."""
    ctx.require(Action.DEMO_GENERATE)
    spec = SIZES.get(size)
    if spec is None:
        raise ValidationError(MSG_BAD_SIZE, field="size", size=size)
    day = today or ctx.today()
    started = time.perf_counter()
    with ctx.transaction() as s:
        conn = s.connection()
        staff = conn.scalar(select(func.count()).select_from(Employee.__table__)) or 0
        customers = conn.scalar(select(func.count()).select_from(Customer.__table__)) or 0
        if staff or customers:
            raise ValidationError(MSG_NOT_EMPTY)
        sqlite = conn.dialect.name == "sqlite"
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar() if sqlite else None
        # A bigger page cache for this one transaction keeps the index inserts in memory.
        if sqlite:
            conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        try:
            gen = _Generator(s, spec, seed, day, ctx.actor.user_id, progress)
            gen.organisation()
            gen.staff()
            gen.customers()
            months = gen.months()
            gen.orders(months)
            gen.follow_ups(months)
            plants = (
                plant_alert_patterns(s, day, seed)
                if (size == "medium" if plant_alerts is None else plant_alerts)
                else None
            )
        finally:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache or 0)}")
        assert gen.top is not None
        summary = DemoSummary(
            size=size,
            seed=seed,
            today=day,
            branches_created=gen.branches_created,
            departments=gen.departments,
            positions=len(POSITIONS),
            staff=len(gen.emps),
            customers=len(gen.custs),
            contacts=gen.contacts,
            assignments=gen.assignments,
            pool_customers=gen.pool_customers,
            pool_claims=gen.claims,
            orders=gen.sink_order.count,
            receivables=gen.sink_receivable.count,
            payments=gen.sink_payment.count,
            allocations=gen.sink_alloc.count,
            write_offs=gen.write_offs,
            follow_ups=gen.sink_follow.count,
            top_salesperson_id=gen.top.id,
            top_salesperson_customers=gen.top_customers,
        )
        audit.record(
            s,
            "demo.generated",
            "vault",
            ctx.store.db_id,
            {"size": size, "seed": seed, "today": day.isoformat(), "counts": summary.counts()},
        )
        plan = gen.user_plan()
    if progress is not None:
        progress(gen.total_units, gen.total_units, STAGE_USERS)
    users = tuple(_add_demo_user(ctx, *p) for p in plan)
    if plants is not None:
        with ctx.transaction() as s:
            plant_exports(s, [u.username for u in users][:PER_RULE], plants)
    plan_name = DEMO_PLAN_NAME if commission_plan else ""
    if commission_plan:
        from desktop.services.commissions import plans as commission_plans

        start = date(day.year - 3, 1, 1)
        commission_plans.save_plan(ctx, commission_plans.standard_plan(ctx, plan_name, start))
    # Return the (now large) write-ahead log to the database file and the disk.
    _checkpoint(ctx)
    if progress is not None:
        progress(gen.total_units, gen.total_units, STAGE_DONE)
    elapsed = time.perf_counter() - started
    return DemoSummary(
        **{
            **summary.__dict__,
            "users": users,
            "elapsed_s": round(elapsed, 2),
            "commission_plan": plan_name,
            "planted_alerts": plants.counts() if plants is not None else {},
        }
    )


def _checkpoint(ctx: ServiceContext) -> None:
    """Best effort: a reader elsewhere may hold the log open; it is then truncated later."""
    if ctx.on_server:
        return
    raw = ctx.store.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except Exception:
        log.warning("demo: could not truncate the write-ahead log", exc_info=True)
    finally:
        raw.close()
