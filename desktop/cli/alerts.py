"""``baton alerts`` (sweep, list, resolve, dismiss) and ``baton risk`` (a case's risk or an
employee's early warning), for administrators who script the checks.

Alerts and the early warning are signals, not proof: the output says what crossed which
threshold, never what a person did.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from desktop.cli.common import EXIT_OK, open_ctx, out


def _dump(data: Any) -> None:
    out(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def _sweep(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import alerts

    result = alerts.sweep(ctx, full=getattr(args, "full", False))
    if args.json:
        _dump(
            {
                "raised": result.raised,
                "total": result.total,
                "seconds": result.seconds,
                "skipped": list(result.skipped),
            }
        )
        return EXIT_OK
    for rule, n in sorted(result.raised.items()):
        out(f"{rule}: {n} new")
    out(f"Sweep done in {result.seconds:.2f} s: {result.total} new alert(s).")
    return EXIT_OK


def _list(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import alerts

    rows = alerts.list_alerts(
        ctx,
        alerts.AlertFilter(
            rule=args.rule, severity=args.severity, status=args.status, open_only=args.open
        ),
    )
    if args.json:
        _dump([r.as_json() for r in rows])
        return EXIT_OK
    for r in rows:
        out(
            f"{r.id:>6}  {r.severity:<6} {r.status:<12} {r.rule:<28} "
            f"{r.subject_kind} {r.subject}  {r.summary}"
        )
    out(f"{len(rows)} alert(s). A signal is not proof.")
    return EXIT_OK


def _decide(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.services import alerts

    decide = alerts.resolve if args.alerts_command == "resolve" else alerts.dismiss
    decide(ctx, args.id, args.reason)
    row = alerts.get_alert(ctx, args.id)
    out(f"Alert {row.id} ({row.rule}) is {row.status}: {row.reason}")
    return EXIT_OK


ALERT_COMMANDS: dict[str, Callable[[Any, argparse.Namespace], int]] = {
    "sweep": _sweep,
    "list": _list,
    "resolve": _decide,
    "dismiss": _decide,
}


def cmd_alerts(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    try:
        return ALERT_COMMANDS[args.alerts_command](ctx, args)
    finally:
        ctx.close()


def cmd_risk(args: argparse.Namespace) -> int:
    """``baton risk CASE`` or ``baton risk --employee NO``: the score and its factors."""
    from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
    from desktop.services import departures, staff

    if bool(args.case) == bool(args.employee):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Name either a departure case or --employee, not both.")
        )
    ctx = open_ctx(args)
    try:
        if args.employee:
            warning = departures.employee_warning(ctx, staff.employee_by_no(ctx, args.employee))
            data = warning.as_json()
            title = f"{warning.employee_name} ({warning.employee_no})"
        else:
            risk = departures.risk_assessment(ctx, departures.find_case(ctx, args.case))
            data = departures.case_risk_json(risk)
            title = f"case {risk.case_number}, {risk.employee_name} ({risk.employee_no})"
        if args.json:
            _dump(data)
            return EXIT_OK
        out(f"Risk of {title}: {data['score']} ({data['level']}) as of {data['as_of']}")
        for f in data["factors"]:
            out(
                f"  {f['name']:<18} value {f['value']:>8} / {f['threshold']:<5} "
                f"weight {f['weight']:>3}  → {f['contribution']:>5}   {f['explanation']}"
            )
        out("A high score is a reason to look closer, not a finding about the person.")
        return EXIT_OK
    finally:
        ctx.close()


def add_parsers(sub: Any) -> None:
    """The ``alerts`` and ``risk`` commands (called by :func:`desktop.cli.parser.build_parser`)."""
    p = sub.add_parser("alerts", help="alert rules: sweep, list, resolve, dismiss")
    cmds = p.add_subparsers(dest="alerts_command", metavar="ACTION", required=True)
    q = cmds.add_parser("sweep", help="evaluate every enabled rule now; a repeat adds nothing")
    q.add_argument("--json", action="store_true")
    q.add_argument(
        "--full",
        action="store_true",
        help="run every rule, also those whose data did not change since the last sweep",
    )
    q = cmds.add_parser("list", help="the alerts you may see, newest first")
    q.add_argument("--open", action="store_true", help="open and acknowledged only")
    q.add_argument("--rule")
    q.add_argument("--severity", choices=["low", "medium", "high"])
    q.add_argument("--status", choices=["open", "acknowledged", "resolved", "dismissed"])
    q.add_argument("--json", action="store_true", help="a JSON array")
    for name, text in (
        ("resolve", "the matter is dealt with (a reason is required)"),
        ("dismiss", "not a concern (a reason is required)"),
    ):
        q = cmds.add_parser(name, help=text)
        q.add_argument("id", type=int)
        q.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_alerts)

    p = sub.add_parser(
        "risk", help="a departure case's risk, or an employee's early warning (--employee)"
    )
    p.add_argument("case", nargs="?", help="case number (D2026-0001) or id")
    p.add_argument("--employee", metavar="EMPLOYEE_NO")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_risk)
