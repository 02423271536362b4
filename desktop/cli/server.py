"""The commands for the optional PostgreSQL mode: copy a vault to a server, and set up the
seat role a server's PCs log in as.
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    default_user,
    out,
    paths_of,
    read_password,
)


def cmd_migrate_to_server(args: argparse.Namespace) -> int:
    """Copy the local vault to an empty server database; print the comparison; 1 on mismatch."""
    from desktop.services.login import login
    from desktop.services.server_migration import migrate_to_server

    paths = paths_of(args)
    password = read_password(args)
    ctx = login(paths, default_user(args, paths), password, check="full")

    def progress(done: int, total: int, label: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{label}: {done}/{total} rows", end="", file=sys.stderr, flush=True)

    try:
        report = migrate_to_server(ctx, args.url, password, progress=progress)
    finally:
        ctx.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    out(f"Copied the vault {paths.data_dir} to {report.server} in {report.seconds:.1f} s")
    out(f"{'table':<36} {'vault':>10} {'server':>10}")
    for c in report.tables:
        mark = "" if c.ok else "  MISMATCH"
        out(f"{c.name:<36} {c.local:>10} {c.server:>10}{mark}")
    out(f"{'rows':<36} {report.rows:>10}")
    out(f"{'money (CNY)':<36} {'vault':>18} {'server':>18}")
    for c in report.money:
        mark = "" if c.ok else "  MISMATCH"
        out(f"{c.name:<36} {c.local:>18} {c.server:>18}{mark}")
    chain = report.chain
    out(
        f"audit chain: vault {chain.local.events} events ({chain.local.reason}), "
        f"server {chain.server.events} events ({chain.server.reason}), last hash "
        f"{'identical' if chain.local_tail == chain.server_tail else 'DIFFERENT'} "
        f"({chain.server_tail[:16]}…)"
    )
    if not report.ok:
        out("verification: FAILED (see MISMATCH above); do not use the server copy")
        return EXIT_PROBLEM
    out("verification: ok (row counts, money sums and audit chain identical)")
    out(f"{report.password_set} can log in to the server with their current password.")
    if report.need_password:
        out(
            "These accounts need a new password from an administrator before they can log in: "
            + ", ".join(report.need_password)
        )
        out(f"  baton --database URL --user {report.password_set} user passwd NAME")
    return EXIT_OK


def cmd_server_roles(args: argparse.Namespace) -> int:
    """Print (or, with --apply, run) the grants that make --seat-role a seat-only role."""
    from desktop.services.server_roles import seat_role

    result = seat_role(args.url, args.seat_role, apply=args.apply)
    if not args.apply:
        print(result.script, end="", flush=True)
        return EXIT_OK
    if result.upgraded_from is not None:
        out(f"schema upgraded from {result.upgraded_from or '-'} to {result.head}")
    rights = result.rights
    assert rights is not None
    for table, granted in sorted(rights.tables.items()):
        out(f"{table:<36} {', '.join(sorted(granted)) or '-'}")
    out(f"create in the schema: {'yes' if rights.schema_create else 'no'}; owns {rights.owns}")
    if not rights.ok():
        out(f"seat role {rights.role}: rights differ from a seat's (see above)")
        return EXIT_PROBLEM
    out(
        f"seat role {rights.role}: ok (reads and writes business rows, appends to the audit "
        "log; no DDL, no trigger changes, no audit rewrite)"
    )
    return EXIT_OK
