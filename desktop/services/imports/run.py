"""The use cases: the dry run and the import, and the registry of each kind's planner and
inserter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.imports.access import ImportOutsideScope, require_import, scope_errors
from desktop.services.imports.assignments import insert_assignments, plan_assignments
from desktop.services.imports.customers import insert_customers, plan_customers
from desktop.services.imports.followups import insert_followups, plan_followups
from desktop.services.imports.mapping import map_columns
from desktop.services.imports.orders import insert_orders, plan_orders
from desktop.services.imports.payments import insert_payments, plan_payments
from desktop.services.imports.plan import Plan
from desktop.services.imports.receivables import insert_receivables, plan_receivables
from desktop.services.imports.rows import (
    ImportPreview,
    ImportRejected,
    ImportResult,
    Lookups,
    RowError,
    RowReader,
    _Readers,
)
from desktop.services.imports.staff import insert_staff, plan_staff
from desktop.services.tabular import Table, read_table

ProgressFn = Callable[[int, int, str], None]


PLANNERS: dict[str, Callable[[Session, Iterable[RowReader], Lookups, date], Plan]] = {
    "staff": plan_staff,
    "customers": plan_customers,
    "assignments": plan_assignments,
    "orders": plan_orders,
    "receivables": plan_receivables,
    "payments": plan_payments,
    "followups": plan_followups,
}
INSERTERS: dict[str, Callable[..., dict[str, int]]] = {
    "staff": lambda s, p, now, today: insert_staff(s, p, now),
    "customers": insert_customers,
    "assignments": insert_assignments,
    "orders": insert_orders,
    "receivables": insert_receivables,
    "payments": insert_payments,
    "followups": insert_followups,
}
CHANGE_KINDS = {
    "staff": (Kind.EMPLOYEES,),
    "customers": (Kind.CUSTOMERS,),
    "assignments": (Kind.CUSTOMERS, Kind.OWNERSHIP),
    "orders": (Kind.ORDERS,),
    "receivables": (Kind.RECEIVABLES,),
    "payments": (Kind.RECEIVABLES, Kind.PAYMENTS),
    "followups": (Kind.FOLLOWUPS,),
}


Loaded = tuple[Table, dict[int, str], list[RowError], str]


def _load(kind: str, path: Path, mapping: dict[str, str] | None) -> Loaded:
    """Read and map the file — outside any transaction, so the vault's write lock is never
    held while a file is read (a slow disk, a huge file). The hash is of the bytes parsed."""
    table = read_table(path)  # first: it turns a missing or unreadable file into a message
    columns, errors = map_columns(kind, table.headers, mapping)
    if table.broken is not None:
        row, _line, template, params = table.broken
        errors = [*errors, RowError(row, "", "", template, params)]
    return table, columns, errors, table.sha256


def _plan(
    ctx: ServiceContext,
    session: Session,
    kind: str,
    path: Path,
    mapping: dict[str, str] | None,
    progress: ProgressFn | None,
    loaded: Loaded | None = None,
) -> tuple[ImportPreview, Plan]:
    if progress:
        progress(0, 3, "read")
    table, columns, errors, digest = loaded or _load(kind, path, mapping)
    plan = Plan()
    if not errors:
        if progress:
            progress(1, 3, "check")
        look = Lookups(session)
        readers = _Readers(table, columns, ctx.today())
        plan = PLANNERS[kind](session, readers, look, ctx.today())
        refused = scope_errors(ctx, session, kind, readers, look)
        plan.extra["refused"] = refused
        errors = plan.errors + refused
    sample = plan.rows[:20] if not errors else []
    preview = ImportPreview(
        kind=kind,
        file_name=path.name,
        sha256=digest,
        encoding=table.encoding,
        columns=[(table.headers[i], name) for i, name in sorted(columns.items())],
        total_rows=len(table.rows),
        errors=sorted(errors, key=lambda e: (e.row, e.column)),
        sample=[{k: _display(v) for k, v in row.items()} for row in sample],
        will_create=dict(plan.will_create),
    )
    return preview, plan


def _display(value: Any) -> Any:
    if isinstance(value, Decimal | date):
        return str(value)
    return value


def preview_import(
    ctx: ServiceContext,
    kind: str,
    path: Path,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> ImportPreview:
    """The dry run: every check, nothing written."""
    require_import(ctx, kind)
    loaded = _load(kind, path, mapping)
    with ctx.transaction() as session:
        preview, _ = _plan(ctx, session, kind, path, mapping, progress, loaded)
        session.rollback()
    return preview


def run_import(
    ctx: ServiceContext,
    kind: str,
    path: Path,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> ImportResult:
    """Check the whole file, then write it all in one transaction — or raise ImportRejected
    (ImportOutsideScope when rows lie outside what the actor may change)."""
    require_import(ctx, kind)
    loaded = _load(kind, path, mapping)
    with ctx.transaction() as session:
        preview, plan = _plan(ctx, session, kind, path, mapping, progress, loaded)
        if plan.extra.get("refused"):
            raise ImportOutsideScope(preview, plan.extra["refused"])
        if not preview.ok:
            raise ImportRejected(preview)
        if progress:
            progress(2, 3, "write")
        now = datetime.now(UTC)
        inserted = INSERTERS[kind](session, plan, now, ctx.today())
        audit.record(
            session,
            "import",
            kind,
            path.name,
            {
                "sha256": preview.sha256,
                "rows": preview.total_rows,
                "inserted": inserted,
                "mapping": dict(preview.columns),
            },
        )
    if progress:
        progress(3, 3, "done")
    return ImportResult(kind, path.name, inserted, Changes.of(*CHANGE_KINDS[kind]))
