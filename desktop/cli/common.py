"""What every ``baton`` command shares: exit codes, the usage error, reading passwords
and keys, logging in, printing, and writing an output file.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from desktop.config import LocalSettings, Paths, resolve_data_dir
from desktop.errors import BatonError
from desktop.logs import get_logger

log = get_logger("cli")

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_CREDENTIALS = 0, 1, 2, 3


class UsageError(BatonError):
    exit_code = EXIT_USAGE


# --------------------------------------------------------------------------- secrets input


def _first_line(path: str) -> str:
    """The first line of a secrets file (``-`` = standard input), without a UTF-8 BOM
    (Notepad writes one) or the line ending: neither is part of the password."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        return raw.decode("utf-8-sig").splitlines()[0]
    except (OSError, IndexError, UnicodeDecodeError) as exc:
        raise UsageError("cannot read a password from {file}", file=path) from exc


def read_password(args: argparse.Namespace, prompt: str = "Password: ") -> str:
    """The login password: ``--password-file``, then ``BATON_PASSWORD``, then a prompt."""
    if getattr(args, "password_file", None):
        return _first_line(args.password_file)
    env = os.environ.get("BATON_PASSWORD")
    if env is not None:
        return env
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise UsageError(
        "no password given: use --password-file FILE, set BATON_PASSWORD, or run in a terminal"
    )


def read_new_password(args: argparse.Namespace, who: str = "") -> str:
    """A password being set: ``--new-password-file``, ``BATON_NEW_PASSWORD``, or asked twice."""
    if getattr(args, "new_password_file", None):
        return _first_line(args.new_password_file)
    env = os.environ.get("BATON_NEW_PASSWORD")
    if env is not None:
        return env
    if sys.stdin.isatty():
        first = getpass.getpass(f"New password{' for ' + who if who else ''}: ")
        if getpass.getpass("Repeat it: ") != first:
            raise UsageError("the two passwords differ")
        return first
    raise UsageError(
        "no new password given: use --new-password-file FILE, set BATON_NEW_PASSWORD, "
        "or run in a terminal"
    )


def read_recovery_key(args: argparse.Namespace) -> str:
    if getattr(args, "recovery_key_file", None):
        return _first_line(args.recovery_key_file)
    env = os.environ.get("BATON_RECOVERY_KEY")
    if env is not None:
        return env
    if sys.stdin.isatty():
        return input("Recovery key (8 groups of 4): ")
    raise UsageError("no recovery key given: use --recovery-key-file FILE or BATON_RECOVERY_KEY")


def confirm(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError("confirmation needed: run in a terminal or pass --yes")
    return input(f"{question} [y/N] ").strip().lower() in {"y", "yes"}


# --------------------------------------------------------------------------- context helpers


def paths_of(args: argparse.Namespace) -> Paths:
    return Paths(resolve_data_dir(args.data_dir))


def default_user(args: argparse.Namespace, paths: Paths) -> str:
    if args.user:
        return str(args.user)
    env = os.environ.get("BATON_USER")
    if env:
        return env
    last = LocalSettings(paths.settings_file).get("last_user")
    if last:
        return str(last)
    raise UsageError("no user given: use --user NAME or set BATON_USER")


def database_of(args: argparse.Namespace, paths: Paths) -> str | None:
    """The PostgreSQL server to use: ``--database``, ``BATON_DATABASE``, then this PC's
    setting; None means the local vault."""
    value = getattr(args, "database", None) or os.environ.get("BATON_DATABASE")
    if not value:
        value = LocalSettings(paths.settings_file).get("database_url")
    return str(value) if value else None


def open_ctx(args: argparse.Namespace, check: str = "quick") -> Any:
    """Log in as ``--user`` and return the ServiceContext; the caller closes it."""
    from desktop.services.login import login, login_server

    paths = paths_of(args)
    user = default_user(args, paths)
    server = database_of(args, paths)
    if server:
        return login_server(server, user, read_password(args))
    return login(paths, user, read_password(args), check=check)


def out(text: str = "") -> None:
    print(text, flush=True)


def _write(target: Path, data: bytes, paths: Paths | None = None) -> None:
    """Write an output file whole or not at all and owner-only (temp file, fsync, rename): a
    crash or a full disk never leaves a 0-byte or cut-off PDF under the final name. A refusal
    (no folder, no right, one of the vault's own files) is a usage error; a full disk says so."""
    from desktop.services.files import write_output

    try:
        write_output(target, data, paths)
    except OSError as exc:
        raise UsageError("cannot write {file}: {reason}", file=target, reason=exc) from exc


def _save_issued(ctx: Any, issued: Any, target: Path) -> None:
    """Write an issued document to ``target`` and audit the save (``documents.save_issued_file``);
    a refusal to write is a usage error, as for :func:`_write`."""
    from desktop.services import documents

    try:
        documents.save_issued_file(ctx, issued, target)
    except OSError as exc:
        raise UsageError("cannot write {file}: {reason}", file=target, reason=exc) from exc


def _read_input(file: str) -> bytes:
    """The bytes of a file the user named; a file that cannot be read is a usage error."""
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise UsageError("cannot read {file}: {reason}", file=file, reason=exc) from exc


def _describe_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{table} {n}" for table, n in sorted(counts.items()) if n)


def _day(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None
