"""``baton commissions``: compute a month, write a statement, settle a departure case."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    UsageError,
    _save_issued,
    _write,
    open_ctx,
    out,
    paths_of,
)
from desktop.errors import ValidationError


def _month(text: str) -> str:
    from desktop.services.commissions import MSG_BAD_MONTH, parse_month

    try:
        parse_month(text)
    except ValidationError as exc:
        if exc.template == MSG_BAD_MONTH:
            raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {text}") from None
        # A month but not a plausible one (0001-01): the command refuses it in one line.
    return text.strip()


def _document_translator(lang: str) -> Callable[[str, str], str] | None:
    """Baton's own translations for documents written outside the GUI (no QApplication)."""
    if lang != "zh":
        return None
    from PySide6.QtCore import QTranslator

    from desktop.config import resources_dir

    translator = QTranslator()
    if not translator.load("baton_zh_CN", str(resources_dir() / "translations")):
        return None
    return lambda context, text: translator.translate(context, text) or text


def _commissions_compute(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import commissions

    def progress(done: int, total: int, label: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{label}: {done * 100 // max(total, 1)}%\033[K", end="", file=sys.stderr)

    result = commissions.compute_period(ctx, args.month, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    out(
        f"Commissions {result.month}: {result.lines:,} lines "
        f"({result.late_lines:,} late or corrections), payable {result.payable} "
        f"in {result.seconds:.2f} s"
    )
    for status, amount in sorted(result.totals.items()):
        out(f"  {status:<12} {amount:>16,}")
    if result.uncovered:
        out(
            f"  no commission plan covers {len(result.uncovered)} salespeople, who earn nothing: "
            + ", ".join(result.uncovered)
        )
        out("  make one in the window or with: baton commissions plan import PLAN.json")
    for w in result.cap_warnings:
        if w.wage is None:
            out(
                f"  warning: {w.employee_name} clawback {w.clawback}: no wage figure to check the 20% cap"
            )
        else:
            out(f"  warning: {w.employee_name} clawback {w.clawback} exceeds the cap {w.cap}")
    return EXIT_OK


def _commissions_statement(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.reports import issue
    from desktop.services import staff
    from desktop.services.permissions import Action

    target = Path(args.out)
    kind = target.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise UsageError("the statement is written as .pdf or .xlsx, not {file}", file=target)
    employee = staff.employee_by_no(ctx, args.employee_no, Action.COMMISSIONS_VIEW)
    issued = issue.issue_statement(
        ctx, employee, args.month, kind[1:], _document_translator(args.lang)
    )
    _save_issued(ctx, issued, target)
    data = issued.info
    out(f"{data.title}: document {data.number}, written to {target}")
    out(f"SHA-256 {data.pdf_sha256} (content SHA-256 {data.content_sha256})")
    return EXIT_OK


def _commissions_reprint(ctx: Any, args: argparse.Namespace) -> int:
    """An issued statement again, exactly as it was issued (whatever changed since)."""
    from desktop.reports.commission_statement import statement_pdf, statement_xlsx
    from desktop.services import commissions, documents

    target = Path(args.out)
    kind = target.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise UsageError("the statement is written as .pdf or .xlsx, not {file}", file=target)
    data = commissions.issued_statement(ctx, args.number)
    stored = documents.issued_statement_file(ctx, data.number, kind[1:])
    if stored is not None:  # the very file handed out, byte for byte
        documents.save_issued_file(ctx, stored, target)
    else:  # issued before statements were recorded: rendered again from its snapshot
        translate = _document_translator(args.lang)
        _write(
            target,
            statement_pdf(data, translate) if kind == ".pdf" else statement_xlsx(data, translate),
            paths_of(args),
        )
    out(f"Statement {data.number} as issued ({data.employee_name}, {data.month}): {target}")
    return EXIT_OK


def _commissions_settlement(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.reports import issue
    from desktop.services import departures

    case_id = departures.find_case(ctx, args.case)
    issued = issue.issue_settlement(
        ctx, case_id, args.as_of, _document_translator(args.lang), draft=args.draft
    )
    target = Path(args.out)
    _save_issued(ctx, issued, target)
    info = issued.info
    out(f"{info.title}: document {info.number}, {info.pages} page(s), written to {target}")
    out(f"SHA-256 {info.pdf_sha256} (content SHA-256 {info.content_sha256})")
    return EXIT_OK


def _find_plan(ctx: Any, ref: str) -> Any:
    from desktop.services.commissions import plans

    for info in plans.list_plans(ctx):
        if str(info.id) == ref.strip() or info.name == ref.strip():
            return info
    raise UsageError("no commission plan {plan}: see baton commissions plan list", plan=ref)


def _commissions_plan(ctx: Any, args: argparse.Namespace) -> int:
    import json

    from desktop.services.commissions import plan_files, plans

    if args.plan_command == "list":
        found = plans.list_plans(ctx)
        if not found:
            out("No commission plans: import one with baton commissions plan import PLAN.json")
        for info in found:
            until = info.effective_until.isoformat() if info.effective_until else "open"
            out(
                f"{info.id:>4}  {info.name}  {info.effective_from.isoformat()} – {until}  "
                f"{info.base}/{info.trigger}/{info.rate_mode}  "
                f"{len(info.employees)} employees, {len(info.positions)} positions"
            )
        return EXIT_OK
    if args.plan_command == "show":
        info = _find_plan(ctx, args.plan)
        out(json.dumps(plan_files.export_plan(ctx, info.id), ensure_ascii=False, indent=2))
        out(f"lines computed with it: {info.lines}")
        for w in info.warnings:
            out(f"warning: {w.text()}")
        return EXIT_OK
    if args.plan_command == "export":
        info = _find_plan(ctx, args.plan)
        data = json.dumps(plan_files.export_plan(ctx, info.id), ensure_ascii=False, indent=2)
        _write(Path(args.out), (data + "\n").encode("utf-8"), paths_of(args))
        out(f"Plan {info.name} written to {args.out}")
        return EXIT_OK
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise UsageError(
            "{file} is not a readable JSON file: {reason}", file=args.file, reason=exc
        ) from exc
    changes, created = plan_files.import_plan(ctx, data)
    (plan_id,) = changes.ids
    out(f"Plan {data['name']} (id {plan_id}) {'created' if created else 'replaced'}")
    return EXIT_OK


def _commissions_approve(ctx: Any, args: argparse.Namespace) -> int:
    """The window's Approve: the same service, so the same refusals (a manager who earns in
    the month is refused)."""
    from desktop.services import commissions

    commissions.approve_period(ctx, args.month)
    out(f"Commissions {args.month}: approved")
    return EXIT_OK


COMMISSION_COMMANDS: dict[str, Callable[[Any, argparse.Namespace], int]] = {
    "compute": _commissions_compute,
    "approve": _commissions_approve,
    "statement": _commissions_statement,
    "settlement": _commissions_settlement,
    "reprint": _commissions_reprint,
    "plan": _commissions_plan,
}


def cmd_commissions(args: argparse.Namespace) -> int:
    from desktop.services.files import refuse_vault_file

    if getattr(args, "out", None):
        refuse_vault_file(Path(args.out), paths_of(args))  # before anything is issued
    ctx = open_ctx(args)
    try:
        return COMMISSION_COMMANDS[args.commissions_command](ctx, args)
    finally:
        ctx.close()
