"""The paperwork commands of a dispute: ``baton person terms`` (contract term and wage),
and the registration of the paperwork's other commands beside ``baton report``.

Kept in one module so the shared parser gains one line.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    UsageError,
    _day,
    _read_input,
    _save_issued,
    _write,
    open_ctx,
    out,
    paths_of,
)


def _end_date(text: str) -> Any:
    """A contract end date, or ``open`` for an open-ended contract (无固定期限)."""
    return "open" if text.strip().lower() == "open" else _day(text)


def cmd_person_terms(args: argparse.Namespace) -> int:
    from desktop.services import employment

    values: dict[str, Any] = {}
    if args.contract_start is not None:
        values["contract_start"] = args.contract_start
    if args.contract_end is not None:
        values["contract_end"] = None if args.contract_end == "open" else args.contract_end
    if args.monthly_wage is not None:
        values["monthly_wage"] = args.monthly_wage
    ctx = open_ctx(args)
    try:
        employee_id = employment.employee_id_of(ctx, args.employee_no)
        if values:
            employment.set_employment_terms(ctx, employee_id, **values)
        t = employment.employment_terms(ctx, employee_id)
    finally:
        ctx.close()
    end = (
        t.contract_end.isoformat()
        if t.contract_end
        else ("open-ended" if t.contract_start else "-")
    )
    out(
        f"{t.employee_no} {t.name}: hired {t.hire_date or '-'}, contract "
        f"{t.contract_start or '-'} to {end}, monthly wage {t.monthly_wage or '-'}"
    )
    return EXIT_OK


def cmd_confirmations(args: argparse.Namespace) -> int:
    """``baton report confirmations CASE --out DIR``: one PDF per customer, each recorded."""
    from desktop.reports import issue
    from desktop.services import departures, documents
    from desktop.services.files import refuse_vault_file

    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            "{file} is not a folder: the letters are written one file each", file=folder
        )
    refuse_vault_file(folder / "x.pdf", paths_of(args))
    ctx = open_ctx(args)
    try:
        case_id = departures.find_case(ctx, args.case)
        issued = issue.issue_confirmations(ctx, case_id, args.lang)
        folder.mkdir(parents=True, exist_ok=True)
        for item in issued:
            target = folder / f"{item.info.number}.pdf"
            _save_issued(ctx, item, target)
        letters = {r.document_number: r for r in documents.list_letters(ctx, case_id)}
    finally:
        ctx.close()
    for item in issued:
        row = letters[item.info.number]
        out(
            f"letter {row.id}: {item.info.number} to {row.customer_code} {row.customer_name}, "
            f"{row.invoices} invoice(s), total {row.total}, {item.info.pages} page(s), "
            f"SHA-256 {item.info.pdf_sha256}"
        )
    total = sum((letters[i.info.number].total for i in issued), Decimal("0.00"))
    out(f"{len(issued)} letter(s), total {total}, written to {folder}")
    return EXIT_OK


def cmd_confirmation(args: argparse.Namespace) -> int:
    """``baton confirmation list|sent|reply``: the tracking of each letter."""
    from desktop.services import departures, documents

    ctx = open_ctx(args)
    try:
        if args.confirmation_command == "sent":
            documents.record_letter_sent(ctx, args.letter, args.on, args.via)
            out(f"letter {args.letter}: sent on {args.on or ctx.today()} by {args.via}")
        elif args.confirmation_command == "reply":
            documents.record_letter_reply(ctx, args.letter, args.differs, args.on, args.note or "")
        if args.confirmation_command in ("reply", "list"):
            case_id = (
                departures.find_case(ctx, args.case)
                if args.confirmation_command == "list"
                else None
            )
            rows = (
                documents.list_letters(ctx, case_id)
                if case_id is not None
                else [documents.letter_row(ctx, args.letter)]
            )
            for r in rows:
                reply = r.reply or "no reply"
                if r.reply == "differs":
                    reply += f" (customer {r.reply_amount}, follow-up {r.followup_id})"
                out(
                    f"letter {r.id}: {r.document_number} {r.customer_code} total {r.total} "
                    f"as of {r.as_of}; sent {r.sent_on or '-'}; {reply}"
                )
    finally:
        ctx.close()
    return EXIT_OK


def cmd_severance(args: argparse.Namespace) -> int:
    """``baton severance CASE --local-average YUAN``: the figures and their basis."""
    from desktop.services import departures
    from desktop.services.departures.severance import case_severance

    ctx = open_ctx(args)
    try:
        case_id = departures.find_case(ctx, args.case)
        result = case_severance(ctx, case_id, args.local_average, args.wage, args.kind)
    finally:
        ctx.close()
    for zh, en in result.basis:
        out(zh if args.lang == "zh" else en)
    out(f"{result.kind}: {result.total}")
    return EXIT_OK


def cmd_evidence_pack(args: argparse.Namespace) -> int:
    """``baton evidence-pack CASE --out F.zip``."""
    from desktop.services import departures
    from desktop.services.evidence_pack import build_pack
    from desktop.services.files import refuse_vault_file

    target = Path(args.out)
    refuse_vault_file(target, paths_of(args))
    ctx = open_ctx(args)
    try:
        data, summary = build_pack(ctx, departures.find_case(ctx, args.case))
        _write(target, data, paths_of(args))
    finally:
        ctx.close()
    out(
        f"Evidence pack of {summary.case_number}: {summary.files} file(s) — "
        f"{summary.documents} document(s), {summary.scans} scan(s), {summary.events} audit "
        f"event(s), {summary.lines} commission line(s) — written to {target}"
    )
    out(f"manifest SHA-256 {summary.manifest_sha256}, signed by document key {summary.key_id}")
    return EXIT_OK


def cmd_verify_pack(args: argparse.Namespace) -> int:
    """``baton verify-pack F.zip``: exit 0 intact, 1 altered or missing (each file named)."""
    from desktop.services.evidence_pack import verify_pack

    data = _read_input(args.file)
    ctx = open_ctx(args)
    try:
        result = verify_pack(ctx, data)
    finally:
        ctx.close()
    if result.intact:
        out(
            f"Intact: evidence pack of {result.case_number}, {result.files} file(s), signed by "
            f"this vault's document key {result.key_id}."
        )
        return EXIT_OK
    out(f"NOT intact: evidence pack of {result.case_number or '?'}:")
    for problem in result.problems:
        out(f"  {problem}")
    return EXIT_PROBLEM


def cmd_person_export(args: argparse.Namespace) -> int:
    from desktop.services import employment
    from desktop.services.files import refuse_vault_file
    from desktop.services.privacy import person_export
    from desktop.services.privacy.person import export_bytes

    target = Path(args.out)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("json", "xlsx"):
        raise UsageError("the export is written as .json or .xlsx, not {file}", file=target)
    refuse_vault_file(target, paths_of(args))
    ctx = open_ctx(args)
    try:
        data = person_export(ctx, employment.employee_id_of(ctx, args.employee_no))
        _write(target, export_bytes(data, fmt), paths_of(args))
    finally:
        ctx.close()
    counts = ", ".join(f"{k} {len(v)}" for k, v in data.items() if isinstance(v, list))
    out(f"Everything held about {args.employee_no}: {counts}; written to {target}")
    return EXIT_OK


def cmd_person_purge(args: argparse.Namespace) -> int:
    from desktop.services.privacy import purge

    ctx = open_ctx(args)
    try:
        result = purge(ctx, dry_run=args.dry_run, years=args.years)
    finally:
        ctx.close()
    verb = "would purge" if result.dry_run else "purged"
    out(
        f"{verb} the personal fields (ID number, phone, e-mail, wage) of {len(result.employees)} "
        f"employee(s) departed more than {result.years} year(s) ago"
    )
    for no, name, departed in result.employees:
        out(f"  {no} {name} (departed {departed})")
    if result.employees:
        verb = "would be redacted" if result.dry_run else "redacted"
        out(f"{result.redacted_events} older audit event(s) holding their values {verb}")
    return EXIT_OK


def cmd_person_notice(args: argparse.Namespace) -> int:
    from desktop.services.privacy import privacy_notice_template

    ctx = open_ctx(args)
    try:
        out(privacy_notice_template(ctx))
    finally:
        ctx.close()
    return EXIT_OK


def cmd_person_publish(args: argparse.Namespace) -> int:
    from desktop.services.privacy import privacy_notice_template, publish

    ctx = open_ctx(args)
    try:
        if args.file:
            try:
                text = Path(args.file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise UsageError(
                    "cannot read {file}: {reason}", file=args.file, reason=exc
                ) from exc
        elif args.kind == "privacy_notice":
            text = privacy_notice_template(ctx)
        else:
            raise UsageError("give the text of the {kind} with --file", kind=args.kind)
        (pub_id,) = publish(ctx, args.kind, args.title, text, args.on).ids
    finally:
        ctx.close()
    out(f"publication {pub_id}: {args.kind} “{args.title}” published")
    return EXIT_OK


def cmd_person_acknowledge(args: argparse.Namespace) -> int:
    from desktop.services import employment
    from desktop.services.privacy import acknowledge

    ctx = open_ctx(args)
    try:
        acknowledge(
            ctx,
            args.publication,
            employment.employee_id_of(ctx, args.employee_no),
            args.on,
            args.how,
        )
    finally:
        ctx.close()
    out(f"{args.employee_no} acknowledged publication {args.publication}")
    return EXIT_OK


def cmd_person_publications(args: argparse.Namespace) -> int:
    from desktop.services.privacy import list_publications

    ctx = open_ctx(args)
    try:
        rows = list_publications(ctx)
    finally:
        ctx.close()
    for r in rows:
        out(
            f"{r.id}: {r.kind} “{r.title}” published {r.published_on} by {r.published_by}, "
            f"acknowledged by {r.acknowledged}, SHA-256 {r.sha256[:16]}…"
        )
    return EXIT_OK


def cmd_person(args: argparse.Namespace) -> int:
    handlers = {
        "terms": cmd_person_terms,
        "export": cmd_person_export,
        "purge": cmd_person_purge,
        "notice": cmd_person_notice,
        "publish": cmd_person_publish,
        "acknowledge": cmd_person_acknowledge,
        "publications": cmd_person_publications,
    }
    handler = handlers.get(args.person_command)
    if handler is None:
        raise UsageError("unknown person command {name}", name=args.person_command)
    return handler(args)


def add_paperwork_commands(
    sub: argparse._SubParsersAction, reports: argparse._SubParsersAction
) -> None:
    """Register ``baton person …`` (and the paperwork's other commands)."""
    p = sub.add_parser("person", help="one person's employment terms and personal data")
    people = p.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    q = people.add_parser("terms", help="show or set the contract term and the monthly wage")
    q.add_argument("employee_no")
    q.add_argument("--contract-start", type=_day, metavar="YYYY-MM-DD")
    q.add_argument(
        "--contract-end", type=_end_date, metavar="YYYY-MM-DD|open", help="open: open-ended"
    )
    q.add_argument("--monthly-wage", metavar="YUAN", help="the agreed monthly wage (HR only)")
    q = people.add_parser("export", help="everything held about one person (PIPL access)")
    q.add_argument("employee_no")
    q.add_argument("--out", required=True, metavar="FILE.json|FILE.xlsx")
    q = people.add_parser("purge", help="blank departed staff's personal fields after N years")
    q.add_argument(
        "--dry-run", action="store_true", help="list who would be purged, change nothing"
    )
    q.add_argument("--years", type=int, help="default: the business setting")
    people.add_parser("notice", help="print the privacy notice template")
    q = people.add_parser("publish", help="record a privacy notice, commission plan or rules")
    q.add_argument("kind", choices=["privacy_notice", "commission_plan", "monitoring_rules"])
    q.add_argument("--title", required=True)
    q.add_argument("--file", help="the text (default for a privacy notice: the template)")
    q.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="published on (default today)")
    q = people.add_parser("acknowledge", help="record an employee's acknowledgement")
    q.add_argument("publication", type=int)
    q.add_argument("employee_no")
    q.add_argument("--on", type=_day, metavar="YYYY-MM-DD")
    q.add_argument("--how", default="signed", help="signed, on screen, e-mail …")
    people.add_parser("publications", help="publications and how many acknowledged each")
    p.set_defaults(handler=cmd_person)

    p = sub.add_parser("evidence-pack", help="the signed evidence pack (ZIP) of a case")
    p.add_argument("case")
    p.add_argument("--out", required=True, metavar="FILE.zip")
    p.set_defaults(handler=cmd_evidence_pack)
    p = sub.add_parser("verify-pack", help="check an evidence pack against this vault's key")
    p.add_argument("file")
    p.set_defaults(handler=cmd_verify_pack)

    p = sub.add_parser("severance", help="severance of a case (N, N+1, 2N) with its basis")
    p.add_argument("case")
    p.add_argument(
        "--local-average",
        required=True,
        metavar="YUAN",
        help="the local average monthly wage of the previous year (the cap is 3 times it)",
    )
    p.add_argument("--wage", metavar="YUAN", help="average monthly wage of the last 12 months")
    p.add_argument("--kind", choices=["N", "N+1", "2N"], help="default: from the case")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(handler=cmd_severance)

    q = reports.add_parser(
        "confirmations", help="balance-confirmation letters (对账函), one per customer"
    )
    q.add_argument("case", help="case number (D2026-0001) or id")
    q.add_argument("--out", required=True, metavar="FOLDER", help="one PDF per letter here")
    q.add_argument("--lang", choices=["zh", "en"], default="zh")
    q.set_defaults(handler=cmd_confirmations)

    p = sub.add_parser("confirmation", help="track confirmation letters: sent, replies")
    letters = p.add_subparsers(dest="confirmation_command", metavar="ACTION", required=True)
    q = letters.add_parser("list", help="the letters of a case and where they stand")
    q.add_argument("case")
    q = letters.add_parser("sent", help="record that a letter went out")
    q.add_argument("letter", type=int)
    q.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="default: today")
    q.add_argument("--via", default="post", help="post, courier, email … (default: post)")
    q = letters.add_parser("reply", help="record the customer's reply (confirmed unless --differs)")
    q.add_argument("letter", type=int)
    q.add_argument("--differs", metavar="YUAN", help="the balance the customer states instead")
    q.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="default: today")
    q.add_argument("--note")
    p.set_defaults(handler=cmd_confirmation)
