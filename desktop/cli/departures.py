"""``baton departure``: start, show and advance a departure case, and hand its items to a
successor; add what appeared since approval, read back the signed scans, remove the leaver's
accounts, and the overview of former customers during the protection period.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    open_ctx,
    out,
)
from desktop.cli.handover_items import departure_informed, departure_waive


def _departure_start(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import departures, staff
    from desktop.services.permissions import Action

    employee_id = staff.employee_by_no(ctx, args.employee_no, Action.DEPARTURES_EDIT)
    changes = departures.start_case(
        ctx,
        departures.CaseInput(
            employee_id=employee_id,
            last_day=args.last_day,
            case_type=args.type,
            notice_on=args.notice_day,
            reason=args.reason,
            destination=args.destination,
            pay_in_lieu=bool(getattr(args, "pay_in_lieu", False)),
        ),
    )
    (case_id,) = changes.ids
    row = departures.get_case(ctx, case_id).case
    out(
        f"Departure case {row.number} ({row.state}) for {row.employee_name} ({row.employee_no}), "
        f"last working day {row.last_day.isoformat()}: id {case_id}"
    )
    return EXIT_OK


def _departure_show(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import departures

    d = departures.get_case(ctx, departures.find_case(ctx, args.case))
    c = d.case
    out(
        f"Case {c.number} (id {c.id}): {c.employee_name} ({c.employee_no}), {c.case_type}, "
        f"state {c.state}"
    )
    out(
        f"  submitted {c.submitted_on}, notice {c.notice_on}, last working day {c.last_day}"
        + (f", order lock from {d.lock.locked_from}" if d.lock else "")
    )
    for option in d.transitions:
        reasons = "; ".join(f.message() for f in option.failures)
        out(f"  {option.name} → {option.target}: " + (f"refused: {reasons}" if reasons else "ok"))
    out("Progress:")
    for sec in d.sections:
        successors = (
            f", {sec.with_successor} with successor" if sec.with_successor is not None else ""
        )
        out(
            f"  {sec.key:<22} {sec.total:>5} items, {sec.finished} finished, "
            f"{sec.confirmed} confirmed, {sec.required_open} required open{successors}"
        )
    r = d.risks
    out(
        f"Risks: {r.customers_without_successor} customers without successor, "
        f"{r.overdue_receivables} overdue receivables ({r.overdue_amount}), "
        f"{r.lock_attempts} refused orders, {r.overdue_deadlines} overdue deadlines"
    )
    out("Deadlines:")
    for dl in d.deadlines:
        if not dl.applies:
            continue
        state = "done " + str(dl.done_on) if dl.done_on else ("OVERDUE" if dl.overdue else "")
        out(f"  {dl.due_on or 'at completion'!s:<14} {dl.title.format(**dl.params):<45} {state}")
    pending = [i for i in d.items if i.status == "open"]
    shown = pending if args.all else pending[:30]
    out(f"Open items: {len(pending)}")
    for i in shown:
        who = f"successor {i.successor_name} ({i.successor_no})" if i.successor_id else ""
        out(f"  {i.id:>6} {i.kind:<10} {i.title:<40} {who}")
    if len(shown) < len(pending):
        out(f"  … and {len(pending) - len(shown)} more (--all shows them)")
    return EXIT_OK


def _departure_advance(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import departures

    case_id = departures.find_case(ctx, args.case)
    before = departures.get_case(ctx, case_id).case
    departures.advance(ctx, case_id, args.comment or "")
    after = departures.get_case(ctx, case_id).case
    out(f"Case {after.number}: {before.state} → {after.state} (by {ctx.actor.username})")
    return EXIT_OK


def _departure_assign(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import departures, handover, staff
    from desktop.services.permissions import Action

    case_id = departures.find_case(ctx, args.case)
    successor = staff.employee_by_no(ctx, args.to, Action.HANDOVER_EDIT)
    customers = handover.customers_by_code(ctx, case_id, args.customer) if args.customer else None
    changes = handover.assign_successor(
        ctx, case_id, successor, customers, args.planned_on, everything=customers is None
    )
    out(f"Successor {args.to} named for {len(changes.ids)} item(s) of case {args.case}.")
    return EXIT_OK


def _departure_confirm(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import departures, handover

    case_id = departures.find_case(ctx, args.case)
    customers = handover.customers_by_code(ctx, case_id, args.customer) if args.customer else None
    changes = handover.confirm_items(
        ctx, case_id, customer_ids=customers, comment=args.comment or ""
    )
    out(f"Confirmed {len(changes.ids)} item(s) of case {args.case} as {ctx.actor.username}.")
    return EXIT_OK


def _departure_refresh(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import departures, handover

    case_id = departures.find_case(ctx, args.case)
    before = len(departures.get_case(ctx, case_id).items)
    handover.refresh_items(ctx, case_id)
    added = len(departures.get_case(ctx, case_id).items) - before
    out(f"Case {args.case}: {added} new item(s) added; nothing present was changed.")
    return EXIT_OK


def _departure_revoke_keys(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.cli.common import UsageError
    from desktop.services import departures

    if not args.yes:
        raise UsageError(
            "removing the leaver's accounts rotates the database key; add --yes to go ahead"
        )
    case_id = departures.find_case(ctx, args.case)
    departures.revoke_account_keys(ctx, case_id)
    out(f"Case {args.case}: the leaver's accounts are removed and the database key rotated.")
    return EXIT_OK


def _departure_overview(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import departures

    reports = departures.post_departure_overview(ctx, args.as_of)
    for r in reports:
        churn = f"{r.churn_percent}%" if r.churn_percent is not None else "—"
        out(
            f"{r.case_number} {r.employee_name}: left {r.last_day}, protected until "
            f"{r.protection_ends}; {len(r.customers)} customers, revenue {r.revenue_before} → "
            f"{r.revenue_since} (churn {churn}), {r.stopped_customers} stopped ordering"
        )
    if not reports:
        out("No departed employee is within the protection period.")
    return EXIT_OK


def _departure_scans(ctx: Any, args: argparse.Namespace) -> int:
    """The signed paper copies attached to a case; ``--save ID --out FILE`` writes one back
    out, checked against the hash recorded when it was attached (and audited)."""
    from pathlib import Path

    from desktop.cli.common import UsageError, _write, paths_of
    from desktop.services import departures, documents

    case_id = departures.find_case(ctx, args.case)
    if args.save is None:
        scans = documents.form_status(ctx, case_id).scans
        for sc in scans:
            archived = f", archived by {sc.archived_by}" if sc.archived_at else ""
            out(
                f"scan {sc.id}: {sc.file_name} ({sc.media_type}, {sc.size:,} bytes, "
                f"sha256 {sc.sha256[:16]}…), paper at {sc.paper_location}{archived}"
            )
        if not scans:
            out("No scans attached.")
        return EXIT_OK
    if not args.out:
        raise UsageError("say where to write the scan: --out FILE")
    if args.save not in {sc.id for sc in documents.form_status(ctx, case_id).scans}:
        raise UsageError("scan {id} is not attached to case {case}", id=args.save, case=args.case)
    scan = documents.read_scan(ctx, args.save)
    _write(Path(args.out), scan.data, paths_of(args))
    out(f"Scan {scan.info.id} ({scan.info.file_name}, hash checked): {args.out}")
    return EXIT_OK


DEPARTURE_COMMANDS: dict[str, Callable[[Any, argparse.Namespace], int]] = {
    "start": _departure_start,
    "show": _departure_show,
    "advance": _departure_advance,
    "assign": _departure_assign,
    "confirm": _departure_confirm,
    "refresh": _departure_refresh,
    "revoke-keys": _departure_revoke_keys,
    "overview": _departure_overview,
    "scans": _departure_scans,
    "informed": departure_informed,
    "waive": departure_waive,
}


def cmd_departure(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    try:
        return DEPARTURE_COMMANDS[args.departure_command](ctx, args)
    finally:
        ctx.close()
