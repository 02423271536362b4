"""``baton``: the command line for administrators and scripts; the GUI is the default command.

Exit codes: 0 ok, 1 a check found a problem (or the vault is damaged), 2 bad input or usage,
3 wrong credentials. Errors are one line on stderr, never a traceback (that goes to the log).

One module per command group (common, vault, records, departures, documents, commissions,
organisation, server, app) and the parser; this package exports ``main`` (the ``baton`` console script) and
every name that was public in the single-file ``desktop.cli``. The CLI works through
``desktop.services`` only: it imports neither models nor storage (an import-linter contract).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from desktop.cli.app import cmd_bench, cmd_gui, cmd_self_test
from desktop.cli.commissions import COMMISSION_COMMANDS, cmd_commissions
from desktop.cli.common import (
    EXIT_CREDENTIALS,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    UsageError,
    confirm,
    database_of,
    default_user,
    log,
    open_ctx,
    out,
    paths_of,
    read_new_password,
    read_password,
    read_recovery_key,
)
from desktop.cli.departures import DEPARTURE_COMMANDS, cmd_departure
from desktop.cli.documents import REPORT_KINDS, cmd_report, cmd_verify_document
from desktop.cli.parser import Handler, build_parser
from desktop.cli.records import cmd_demo, cmd_export, cmd_import
from desktop.cli.server import cmd_migrate_to_server, cmd_server_roles
from desktop.cli.vault import (
    cmd_backup,
    cmd_init,
    cmd_recover,
    cmd_restore,
    cmd_rotate_key,
    cmd_unlock_check,
    cmd_user,
    cmd_verify,
)
from desktop.errors import BatonError, CredentialsError, ValidationError
from desktop.logs import safe_code, setup_logging


def main(argv: Sequence[str] | None = None) -> int:
    if os.name != "nt":
        os.umask(0o077)  # every file Baton creates holds business data or keys: owner-only
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = paths_of(args)
    log_path = setup_logging(paths.logs)
    if args.self_test:
        args.handler = cmd_self_test
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # here, so that a reader gone away is met below, not at exit
        return code
    except BatonError as exc:
        if isinstance(exc, CredentialsError):
            # A mistyped password is an everyday event: one warning line, never a traceback.
            log.warning("%s refused: %s", getattr(args, "command", None), safe_code(exc))
        print(f"baton: {exc.message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("baton: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`baton … | head`): not an error of Baton's. Python would
        # complain again when it flushes stdout at exit, so point stdout at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # as a shell reports a command killed by SIGPIPE
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        log.exception("unexpected error in %s", getattr(args, "command", None))
        print(
            f"baton: unexpected error: {type(exc).__name__}: {exc} (details in {log_path})",
            file=sys.stderr,
        )
        return EXIT_PROBLEM


__all__ = [
    "COMMISSION_COMMANDS",
    "DEPARTURE_COMMANDS",
    "EXIT_CREDENTIALS",
    "EXIT_OK",
    "EXIT_PROBLEM",
    "EXIT_USAGE",
    "REPORT_KINDS",
    "Handler",
    "UsageError",
    "ValidationError",
    "build_parser",
    "cmd_backup",
    "cmd_bench",
    "cmd_commissions",
    "cmd_demo",
    "cmd_departure",
    "cmd_export",
    "cmd_gui",
    "cmd_import",
    "cmd_init",
    "cmd_migrate_to_server",
    "cmd_recover",
    "cmd_report",
    "cmd_restore",
    "cmd_rotate_key",
    "cmd_self_test",
    "cmd_server_roles",
    "cmd_unlock_check",
    "cmd_user",
    "cmd_verify",
    "cmd_verify_document",
    "confirm",
    "database_of",
    "default_user",
    "main",
    "open_ctx",
    "out",
    "paths_of",
    "read_new_password",
    "read_password",
    "read_recovery_key",
]
