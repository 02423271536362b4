"""The paperwork commands of a dispute: ``baton person terms`` (contract term and wage),
and the registration of the paperwork's other commands beside ``baton report``.

Kept in one module so the shared parser gains one line.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import EXIT_OK, UsageError, _day, open_ctx, out


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


def cmd_person(args: argparse.Namespace) -> int:
    handlers = {"terms": cmd_person_terms}
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
    p.set_defaults(handler=cmd_person)
