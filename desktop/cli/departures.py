"""``baton departure``: start, show and advance a departure case, and hand its items to a
successor.
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


def _departure_start(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import departures

    employee_id = departures.employee_by_no(ctx, args.employee_no)
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
        out(f"  {i.kind:<10} {i.title:<40} {who}")
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
    from desktop.services import departures, handover

    case_id = departures.find_case(ctx, args.case)
    successor = departures.employee_by_no(ctx, args.to)
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


DEPARTURE_COMMANDS: dict[str, Callable[[Any, argparse.Namespace], int]] = {
    "start": _departure_start,
    "show": _departure_show,
    "advance": _departure_advance,
    "assign": _departure_assign,
    "confirm": _departure_confirm,
}


def cmd_departure(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    try:
        return DEPARTURE_COMMANDS[args.departure_command](ctx, args)
    finally:
        ctx.close()
