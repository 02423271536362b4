"""The commands that move business records in and out in bulk: demo data, imports from a
spreadsheet, and list exports.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    UsageError,
    _describe_counts,
    _write,
    open_ctx,
    out,
    paths_of,
)


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import DEMO_PASSWORD, generate_demo

    def progress(done: int, total: int, label: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{label}: {done * 100 // max(total, 1)}%\033[K", end="", file=sys.stderr)

    ctx = open_ctx(args)
    try:
        summary = generate_demo(
            ctx, args.size, seed=args.seed, progress=progress, commission_plan=args.plan
        )
    finally:
        ctx.close()
        if sys.stderr.isatty():
            print(file=sys.stderr)
    out(f"Demo data ({summary.size}, seed {summary.seed}) generated in {summary.elapsed_s:.1f} s:")
    for name, count in summary.counts().items():
        out(f"  {name:<18} {count:>9,}")
    out(f"  top salesperson owns {summary.top_salesperson_customers:,} customers")
    if summary.commission_plan:
        out(f"Commission plan for the sales positions: {summary.commission_plan}")
    made = [u for u in summary.users if u.created]
    if made:
        out(f"Demo accounts (password {DEMO_PASSWORD!r}):")
        for u in made:
            out(f"  {u.username:<10} {u.role:<8} {u.display_name}")
    return EXIT_OK


def _print_row_errors(errors: Sequence[Any], shown: int = 10) -> None:
    for e in errors[:shown]:
        out(f"  row {e.row}, column {e.column}, value {e.value}: {e.reason()}")
    if len(errors) > shown:
        out(f"  … and {len(errors) - shown} more")


def _skipped_line(rows: Sequence[int]) -> str:
    return "Skipped total rows (合计/小计/总计): " + ", ".join(str(r) for r in rows)


def _print_mapping_hint(errors: Sequence[Any]) -> None:
    """Name the ``--mapping`` lines that would settle the unknown columns, closest field first."""
    from desktop.services.imports.mapping import mapping_line

    lines = [line for e in errors if e.row == 1 and (line := mapping_line(e))]
    if lines:
        out("A --mapping file.json like this would settle the unknown columns (check each field):")
        out("  {" + ", ".join(lines) + "}")


#: The updating rows a dry run names one by one.
UPDATES_SHOWN = 20


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.services.imports import (
        ImportRejected,
        check_report_path,
        load_mapping,
        preview_import,
        run_import,
        write_error_report,
    )

    file = Path(args.file)
    mapping = load_mapping(Path(args.mapping)) if args.mapping else None
    if args.report:
        check_report_path(Path(args.report))  # before the import, not after a long check
    options: dict[str, Any] = {}
    if getattr(args, "receivables", False):
        if args.kind != "orders":
            raise UsageError("--receivables applies to the orders import only")
        options["receivables"] = True
    if getattr(args, "branch", None):
        if args.kind != "staff":
            raise UsageError("--branch applies to the staff import only")
        options["branch"] = args.branch
    if getattr(args, "owner_since", None):
        if args.kind != "customers":
            raise UsageError("--owner-since applies to the customers import only")
        options["owner_since"] = args.owner_since
    sheet = getattr(args, "sheet", None)
    ctx = open_ctx(args)
    try:
        if args.dry_run:
            preview = preview_import(ctx, args.kind, file, mapping, sheet=sheet, options=options)
        else:
            try:
                result = run_import(ctx, args.kind, file, mapping, sheet=sheet, options=options)
            except ImportRejected as exc:
                preview = exc.preview
            else:
                out(
                    f"Imported {result.file_name} ({args.kind}): {_describe_counts(result.inserted)}"
                )
                if result.skipped_rows:
                    out(_skipped_line(result.skipped_rows))
                return EXIT_OK
    finally:
        ctx.close()
    out(
        f"{preview.file_name}: {preview.total_rows} rows"
        + (f", {preview.encoding}" if preview.encoding else "")
        + (f", sheet {preview.sheet}" if preview.sheet else "")
        + (f", header on row {preview.header_row}" if preview.header_row != 1 else "")
    )
    if preview.skipped_rows:
        out(_skipped_line(preview.skipped_rows))
    out("Columns: " + (", ".join(f"{h} → {f}" for h, f in preview.columns) or "none mapped"))
    if preview.will_create:
        from desktop.services.terms import counts_text

        # "new position 调度员 ×3", not the internal "position:调度员"
        created = counts_text(dict(sorted(preview.will_create.items())), lambda _c, text: text)
        out(f"Would create: {created}")
    if preview.errors:
        out(f"{len(preview.errors)} problem(s) in {preview.rows_with_errors} row(s):")
        _print_row_errors(preview.errors)
        _print_mapping_hint(preview.errors)
        if args.report:
            from desktop.services.files import refuse_vault_file

            refuse_vault_file(Path(args.report), paths_of(args))
            write_error_report(preview.errors, Path(args.report))
            out(f"Error report written to {args.report}")
    if not preview.ok:
        raise ImportRejected(preview)
    if preview.will_update or preview.unchanged:
        new = preview.total_rows - preview.will_update - preview.unchanged
        out(f"{new} new, {preview.will_update} updated, {preview.unchanged} unchanged")
        for row, key, fields in preview.updates[:UPDATES_SHOWN]:
            named = ", ".join(preview.header_of(f) for f in fields)
            out(f"  row {row}: {key} changes {named}")
        if len(preview.updates) > UPDATES_SHOWN:
            out(f"  … and {len(preview.updates) - UPDATES_SHOWN} more rows that update")
    out(f"Dry run: no problems; {preview.total_rows} rows would be imported. Nothing was changed.")
    return EXIT_OK


def cmd_import_template(args: argparse.Namespace) -> int:
    from desktop.services.imports.template import template_bytes

    target = Path(args.out)
    if target.suffix.lower() != ".xlsx":
        raise UsageError("the template is an .xlsx workbook, not {file}", file=target.name)
    _write(target, template_bytes(args.kind), paths_of(args))
    out(f"Import template ({args.kind}) written to {target}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.services.exports import export_list
    from desktop.services.files import refuse_vault_file

    if args.search and args.kind in ("payments", "aging"):
        raise UsageError("the {kind} export has no search; leave out --search", kind=args.kind)
    filters = _date_range(args)
    refuse_vault_file(Path(args.out), paths_of(args))
    if args.request_approval and args.approved is not None:
        raise UsageError("use either --request-approval or --approved, not both")
    if args.request_approval and not (args.reason or "").strip():
        raise UsageError("--request-approval needs --reason TEXT")
    ctx = open_ctx(args)
    try:
        if args.request_approval:
            from desktop.services.exports import request_export

            ident = request_export(
                ctx, args.kind, args.reason, search=args.search or "", filters=filters
            )
            out(str(ident))
            return EXIT_OK
        result = export_list(
            ctx,
            args.kind,
            Path(args.out),
            args.format,
            search=args.search or "",
            filters=filters,
            approved=args.approved,
        )
        totals = _totals(ctx, args.kind, args.search or "", filters)
    finally:
        ctx.close()
    out(f"Exported {result.rows} rows ({result.kind}, {result.format}) to {result.path}")
    if totals:
        out("Totals: " + ", ".join(f"{name} {value}" for name, value in totals.items()))
    out(f"SHA-256 {result.sha256}")
    return EXIT_OK


#: The lists whose rows are dated: ``--from``/``--to`` filter them (``since``/``until``).
DATED_EXPORTS = ("orders", "receivables", "payments", "followups")


def _date_range(args: argparse.Namespace) -> dict[str, Any] | None:
    """``--from``/``--to`` as the list's filters; refused for a list that has no dates."""
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if since is None and until is None:
        return None
    if args.kind not in DATED_EXPORTS:
        raise UsageError(
            "the {kind} export has no date range; --from/--to apply to {kinds}",
            kind=args.kind,
            kinds=", ".join(DATED_EXPORTS),
        )
    if since is not None and until is not None and since > until:
        raise UsageError("--from {since} is after --to {until}", since=since, until=until)
    return {
        name: value for name, value in (("since", since), ("until", until)) if value is not None
    }


def _totals(ctx: Any, kind: str, search: str, filters: dict[str, Any] | None) -> dict[str, Any]:
    """The money list's totals over the rows exported (none for the other lists)."""
    from desktop.services import money

    if kind == "orders":
        return money.total_orders(ctx, search, filters)
    if kind == "receivables":
        return money.total_receivables(ctx, search, filters)
    if kind == "payments":
        return money.total_payments(ctx, filters)
    return {}
