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

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models import audit
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.imports.access import ImportOutsideScope, require_import, scope_errors
from desktop.services.imports.assignments import insert_assignments, plan_assignments
from desktop.services.imports.customers import insert_customers, plan_customers
from desktop.services.imports.fields import FIELDS
from desktop.services.imports.followups import insert_followups, plan_followups
from desktop.services.imports.mapping import find_header, map_columns, remember_in, remembered_in
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
#: Planners that take the import's options (a branch for departments, receivables to raise).
OPTION_PLANNERS: dict[str, Callable[..., Plan]] = {"staff": plan_staff, "orders": plan_orders}
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


def load_table(kind: str, path: Path, sheet: str | None = None) -> Table:
    """The file as an import of ``kind`` reads it: the chosen sheet, from its real header row
    (title rows above it skipped), with its total rows marked to skip."""
    if kind not in FIELDS:
        map_columns(kind, [])  # the refusal naming the kinds
    return find_header(kind, read_table(path, sheet))


def _load(
    kind: str,
    path: Path,
    mapping: dict[str, str] | None,
    sheet: str | None = None,
    ctx: ServiceContext | None = None,
) -> Loaded:
    """Read and map the file — outside any transaction, so the vault's write lock is never
    held while a file is read (a slow disk, a huge file). The hash is of the bytes parsed.
    Without a mapping, the one last confirmed for a file of these headers is used."""
    table = load_table(kind, path, sheet)  # first: a missing or unreadable file is a message
    if mapping is None and ctx is not None:
        mapping = remembered_mapping(ctx, kind, table.headers)
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
    options: dict[str, Any] | None = None,
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
        planner = PLANNERS[kind]
        if kind in OPTION_PLANNERS:
            plan = OPTION_PLANNERS[kind](session, readers, look, ctx.today(), options or {})
        else:
            plan = planner(session, readers, look, ctx.today())
        plan.extra["options"] = dict(options or {})
        since = plan.extra["options"].get("owner_since")
        if since is not None and (not isinstance(since, date) or since > ctx.today()):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The day ownership starts must be a date no later than today."
                ),
                field="owner_since",
            )
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
        total_rows=len(table.rows) - len(table.skipped),
        errors=sorted(errors, key=lambda e: (e.row, e.column)),
        sample=[{k: _display(v) for k, v in row.items()} for row in sample],
        will_create=dict(plan.will_create),
        skipped_rows=tuple(table.row_number(i) for i in table.skipped),
        header_row=table.header_row,
        sheet=table.sheet,
        will_update=int(plan.extra.get("updated", 0)),
        unchanged=int(plan.extra.get("unchanged", 0)),
        updates=tuple(plan.extra.get("updates", ())),
    )
    return preview, plan


def _display(value: Any) -> Any:
    if isinstance(value, Decimal | date):
        return str(value)
    return value


def remembered_mapping(ctx: ServiceContext, kind: str, headers: list[str]) -> dict[str, str] | None:
    """The mapping last confirmed for a file of ``kind`` with these headers (for the wizard)."""
    require_import(ctx, kind)
    with ctx.read() as session:
        return remembered_in(session, kind, headers)


def preview_import(
    ctx: ServiceContext,
    kind: str,
    path: Path,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
    sheet: str | None = None,
    options: dict[str, Any] | None = None,
) -> ImportPreview:
    """The dry run: every check, nothing written."""
    require_import(ctx, kind)
    loaded = _load(kind, path, mapping, sheet, ctx)
    with ctx.transaction() as session:
        preview, _ = _plan(ctx, session, kind, path, mapping, progress, loaded, options)
        session.rollback()
    return preview


def run_import(
    ctx: ServiceContext,
    kind: str,
    path: Path,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
    sheet: str | None = None,
    options: dict[str, Any] | None = None,
) -> ImportResult:
    """Check the whole file, then write it all in one transaction — or raise ImportRejected
    (ImportOutsideScope when rows lie outside what the actor may change)."""
    require_import(ctx, kind)
    loaded = _load(kind, path, mapping, sheet, ctx)
    with ctx.transaction() as session:
        preview, plan = _plan(ctx, session, kind, path, mapping, progress, loaded, options)
        if plan.extra.get("refused"):
            raise ImportOutsideScope(preview, plan.extra["refused"])
        if not preview.ok:
            raise ImportRejected(preview)
        if progress:
            progress(2, 3, "write")
        now = datetime.now(UTC)
        inserted = INSERTERS[kind](session, plan, now, ctx.today())
        if mapping:
            # Confirmed by this import: the next file with these headers maps the same way.
            remember_in(session, kind, loaded[0].headers, mapping, now)
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
                "skipped_rows": list(preview.skipped_rows),
                "options": {k: str(v) for k, v in (options or {}).items()},
            },
        )
    if progress:
        progress(3, 3, "done")
    return ImportResult(
        kind,
        path.name,
        inserted,
        Changes.of(*CHANGE_KINDS[kind]),
        skipped_rows=preview.skipped_rows,
    )
