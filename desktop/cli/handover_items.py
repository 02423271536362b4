"""``baton departure informed`` and ``baton departure waive``: the Customers tab's "Mark
customer informed…", "Waive informing…" and every tab's "Waive…" from the command line, so a
case the CLI advances can be completed (客户告知) through the same services."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import EXIT_OK, UsageError, out


def _customer_items(ctx: Any, case_id: int, codes: list[str] | None) -> list[Any]:
    from desktop.services import handover

    items = [i for i in handover.list_items(ctx, case_id) if i.kind == "customer"]
    if codes:
        wanted = set(handover.customers_by_code(ctx, case_id, codes))  # names unknown codes
        items = [i for i in items if i.customer_id in wanted]
    return items


def _untold(items: list[Any]) -> list[Any]:
    return [
        i
        for i in items
        if i.status != "waived" and not i.customer_informed and not i.informed_waived_reason
    ]


def departure_informed(ctx: Any, args: argparse.Namespace) -> int:
    """Record customers as told (default: every one not told yet), or with --waive REASON
    as not to be told."""
    from desktop.services import departures, handover

    case_id = departures.find_case(ctx, args.case)
    items = _customer_items(ctx, case_id, args.customer)
    if not args.customer:
        items = _untold(items)
    if not items:
        out("Every customer of the case is recorded as told, or waived.")
        return EXIT_OK
    ids = [i.id for i in items]
    if args.waive is not None:
        handover.waive_informing(ctx, case_id, ids, args.waive)
        out(f"{len(ids)} customer(s) not to be told: {args.waive.strip()}")
    else:
        update = handover.ItemUpdate(
            customer_informed=True, informed_on=args.on, informed_how=args.how
        )
        handover.update_items(ctx, case_id, ids, update)
        out(f"{len(ids)} customer(s) recorded as told")
    left = len(_untold(_customer_items(ctx, case_id, None)))
    out(f"Customers not told yet: {left}")
    return EXIT_OK


def departure_waive(ctx: Any, args: argparse.Namespace) -> int:
    """Set handover items aside with a reason: customers by code, any item by its id (as
    ``baton departure show`` lists them)."""
    from desktop.services import departures, handover

    if not args.customer and not args.item:
        raise UsageError("name what to waive with --customer CODE or --item ID")
    case_id = departures.find_case(ctx, args.case)
    ids = [i.id for i in _customer_items(ctx, case_id, args.customer)] if args.customer else []
    ids += list(args.item or [])
    handover.waive_items(ctx, case_id, ids, args.reason)
    out(f"Waived {len(set(ids))} item(s): {args.reason.strip()}")
    return EXIT_OK


def add_parsers(cases: Any, day: Any) -> None:
    """The two commands under ``baton departure``."""
    q = cases.add_parser(
        "informed",
        help="record customers as told of the handover (default: all not told yet), or "
        "--waive REASON: not to be told",
    )
    q.add_argument("case")
    q.add_argument("--customer", nargs="+", action="extend", metavar="CODE")
    q.add_argument("--on", type=day, metavar="YYYY-MM-DD", help="told on (default: today)")
    q.add_argument("--how", help="phone, visit, wechat, email, letter, meeting or your words")
    q.add_argument("--waive", metavar="REASON", help="the customers are not to be told, because")
    q = cases.add_parser("waive", help="set handover items aside with a reason")
    q.add_argument("case")
    q.add_argument("--customer", nargs="+", action="extend", metavar="CODE")
    q.add_argument("--item", nargs="+", action="extend", type=int, metavar="ID")
    q.add_argument("--reason", required=True)
