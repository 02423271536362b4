"""``baton``: the command line for administrators and scripts; the GUI is the default command.

Exit codes: 0 ok, 1 a check found a problem (or the vault is damaged), 2 bad input or usage,
3 wrong credentials. Errors are one line on stderr, never a traceback (that goes to the log).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.config import LocalSettings, Paths, resolve_data_dir
from desktop.errors import BatonError, ValidationError, VaultDamaged
from desktop.logs import get_logger, setup_logging

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
    from desktop.storage.database import is_disk_full, storage_error
    from desktop.storage.private import refuse_vault_file, write_private

    refuse_vault_file(target, paths)
    try:
        write_private(target, data)
    except OSError as exc:
        if is_disk_full(exc):
            raise storage_error(exc, folder=target.parent) from exc
        raise UsageError("cannot write {file}: {reason}", file=target, reason=exc) from exc


# --------------------------------------------------------------------------- commands


def cmd_init(args: argparse.Namespace) -> int:
    from desktop.reports.recovery_sheet import recovery_sheet_pdf
    from desktop.services.setup import initialize, initialize_server

    paths = paths_of(args)
    password = read_password(args, "Password for the new administrator: ")
    server = database_of(args, paths)
    if server:
        made = initialize_server(
            server,
            args.company,
            args.branch or [],
            args.admin,
            args.admin_name or args.admin,
            password,
        )
        made.ctx.close()
        out(f"Set up {args.company} on the server {made.ctx.store.location}")
        out(f"Administrator: {made.ctx.actor.username}")
        return EXIT_OK
    result = initialize(
        paths,
        args.company,
        args.branch or [],
        args.admin,
        args.admin_name or args.admin,
        password,
    )
    try:
        if args.recovery_out:
            pdf = recovery_sheet_pdf(
                args.company, paths.data_dir, result.db_id, result.recovery_key, result.ctx.now()
            )
            _write(Path(args.recovery_out), pdf, paths)
        settings = LocalSettings(paths.settings_file)
        settings.set("last_user", result.ctx.actor.username)
        settings.save()
    finally:
        result.ctx.close()
    out(f"Created the Baton vault for {args.company} in {paths.data_dir}")
    out(f"Administrator: {result.ctx.actor.username}")
    out("Recovery key (shown once; print the recovery sheet and keep it locked away):")
    out(f"  {result.recovery_key}")
    if args.recovery_out:
        out(f"Recovery sheet written to {args.recovery_out}")
    return EXIT_OK


def cmd_unlock_check(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    try:
        if ctx.on_server:
            out(
                f"ok: server database {ctx.store.db_id[:8]} at {ctx.store.location}, "
                f"logged in as {ctx.actor.username} ({ctx.actor.role.value})"
            )
        else:
            out(
                f"ok: vault {ctx.store.db_id[:8]} unlocked as {ctx.actor.username} "
                f"({ctx.actor.role.value}), key {ctx.store.key.key_id}"
            )
    finally:
        ctx.close()
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.services.accounts import key_file_disagreements
    from desktop.services.maintenance import check_health
    from desktop.storage.store import DatabaseDamaged

    try:
        # The full check runs before the login writes anything: a damaged file stays as it is.
        ctx = open_ctx(args, check="full")
    except DatabaseDamaged as exc:
        out(f"database: {len(exc.problems)} problem(s)")
        for problem in exc.problems[:20]:
            out(f"  {problem}")
        out("audit chain: not checked (the database is damaged)")
        raise
    try:
        report = check_health(ctx)
        keys = key_file_disagreements(ctx)
    finally:
        ctx.close()
    if report.integrity_problems:
        out(f"database: {len(report.integrity_problems)} problem(s)")
        for problem in report.integrity_problems[:20]:
            out(f"  {problem}")
    elif ctx.on_server:
        out("database: ok (server schema current; PostgreSQL checks its own constraints)")
    else:
        out("database: ok (cipher_integrity_check, integrity_check, foreign_key_check)")
    chain = report.chain
    if chain.first_broken is not None:
        out(f"audit chain: BROKEN at event {chain.first_broken}: {chain.reason}")
    elif chain.truncated:
        out(f"audit chain: BROKEN: {chain.truncated}")
    elif chain.anchored:
        out(f"audit chain: ok ({chain.events} events; anchored at event {chain.anchored})")
    else:
        out(f"audit chain: ok ({chain.events} events)")
    if report.accounts:
        out(f"accounts: {len(report.accounts)} change(s) not in the audit log (made outside Baton)")
        for mismatch in report.accounts[:20]:
            out(f"  {mismatch.describe()}")
    else:
        out("accounts: ok (roles and flags match the audit log)")
    if not ctx.on_server:
        _print_key_file_report(keys)
    return EXIT_OK if report.ok and keys.ok else EXIT_PROBLEM


def _print_key_file_report(keys: Any) -> None:
    if keys.ok and not keys.active_without_slot:
        out("key file: ok (every user slot belongs to an active account)")
    for name in keys.orphan_slots:
        why = "its account was removed" if name in keys.removed_with_slot else "no such account"
        out(
            f"key file: slot {name} opens the database but {why}: run baton rotate-key to remove it"
        )
    for name in keys.active_without_slot:
        out(f"key file: account {name} has no key slot (cannot log in until given a password)")


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.services.maintenance import backup_now

    target = Path(args.out) if args.out else None
    if target is not None:
        from desktop.storage.private import refuse_vault_file

        refuse_vault_file(target, paths_of(args))
    ctx = open_ctx(args)
    try:
        header = backup_now(ctx, target)
    finally:
        ctx.close()
    out(f"Backup written and verified: {header.path} ({header.size / 1e6:.1f} MB)")
    return EXIT_OK


def _describe_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{table} {n}" for table, n in sorted(counts.items()) if n)


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.errors import NewerSchema
    from desktop.services.login import (
        login,
        require_restore_by_backup_slot,
        require_restore_while_damaged,
    )
    from desktop.services.maintenance import restore_keys_only
    from desktop.services.permissions import Action
    from desktop.storage import backup as backups
    from desktop.storage.store import other_vault, restore_backup, unlock_backup
    from desktop.storage.vault import Vault, key_id_of

    paths = paths_of(args)
    file = Path(args.file)
    header = backups.read_header(file)
    out(
        f"Backup {file.name}: made {header.created_at.astimezone():%Y-%m-%d %H:%M} "
        f"({header.kind}), Baton {header.app_version}, vault {header.db_id[:8]}"
    )
    # A backup from a newer Baton is refused before anything is asked or replaced.
    backups.refuse_newer_schema(header)
    user = default_user(args, paths)
    password = read_password(args)
    if args.keys_only:
        if not confirm("Install the key file from this backup?", args.yes):
            out("Nothing changed.")
            return EXIT_OK
        kept = restore_keys_only(paths, file, user, password)
        out("Key file restored from the backup. Unlock with a password valid at that time.")
        for copy in kept:
            out(f"The key file it replaced was kept as {copy}")
        return EXIT_OK
    current_key: bytes | None = None
    backup_key: bytes | None = None
    ctx = None
    vault = Vault(paths)
    try:
        if vault.store.exists():
            kf, slot, private = vault.unlock(user, password)
            if header.db_id != kf.db_id:
                raise other_vault(header)
            current_key = Vault.candidate_keys(kf, slot, private)[0]
            try:
                ctx = login(paths, user, password, check="quick")
            except (VaultDamaged, NewerSchema):
                # A damaged (or newer, unreadable) database is what restore is for: the role
                # comes from the key slot.
                ctx = None
                require_restore_while_damaged(paths, slot, current_key)
            if ctx is not None:
                ctx.require(Action.BACKUP_RESTORE)
            if key_id_of(current_key) == header.key_id:
                backup_key = current_key
        if current_key is None:
            # No live key file to vouch for the role: the backup's own slot must.
            require_restore_by_backup_slot(file, user, password)
        if backup_key is None:
            # Made under another key (before a rotation) or no live vault: use its own slots.
            backup_key = unlock_backup(file, user, password)
        manifest = backups.read_manifest(file, backup_key)
        out(f"Contents: {manifest.total_rows} rows — {_describe_counts(manifest.counts)}")
        if not confirm("Replace the current database with this backup?", args.yes):
            out("Nothing changed.")
            return EXIT_OK
        if ctx is not None:
            # The database being replaced is healthy: keep a copy of it, as the GUI does.
            ctx.store.backup("pre-restore")
    finally:
        if ctx is not None:
            ctx.close()
    restore_backup(paths, file, backup_key, target_key=current_key)
    ctx = login(paths, user, password)
    try:
        from desktop.models import audit

        with ctx.transaction() as s:
            audit.record(s, "backup.restored", "backup", file.name, {"kind": header.kind})
    finally:
        ctx.close()
    out("Restored and verified against the backup's manifest.")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    from desktop.services.login import recover

    paths = paths_of(args)
    key = read_recovery_key(args)
    new_password = read_new_password(args, args.admin)
    ctx = recover(paths, key, args.admin, new_password)
    ctx.close()
    out(f"Recovered: {args.admin} has a new password.")
    return EXIT_OK


def cmd_user(args: argparse.Namespace) -> int:
    from desktop.services import accounts

    ctx = open_ctx(args)
    try:
        if args.user_command == "list":
            for u in accounts.list_users(ctx, include_removed=args.all):
                state = "removed" if u.removed else "disabled" if u.disabled else "active"
                if ctx.on_server:
                    slot = "password" if u.has_key_slot else "no password"
                else:
                    slot = "key slot" if u.has_key_slot else "no key slot"
                out(f"{u.username:<20} {u.role.value:<8} {state:<8} {slot:<12} {u.display_name}")
            if args.all:
                for name in accounts.orphan_slots(ctx):
                    if name not in {u.username for u in accounts.list_users(ctx, True)}:
                        out(
                            f"{name:<20} {'?':<8} {'orphan':<8} {'key slot':<12} "
                            "(no account: baton rotate-key removes this slot)"
                        )
        elif args.user_command == "add":
            password = read_new_password(args, args.name)
            u = accounts.add_user(
                ctx, args.name, args.display_name or args.name, args.role, password
            )
            out(f"Added {u.username} ({u.role.value}).")
        elif args.user_command == "disable":
            accounts.set_disabled(ctx, args.name, True, args.reason or "")
            out(f"Disabled {args.name}.")
        elif args.user_command == "enable":
            accounts.set_disabled(ctx, args.name, False)
            out(f"Enabled {args.name}.")
        elif args.user_command == "passwd":
            target = args.name or ctx.actor.username
            if target == ctx.actor.username:
                new = read_new_password(args, target)
                accounts.change_own_password(ctx, read_password(args), new)
            else:
                accounts.reset_password(ctx, target, read_new_password(args, target))
            out(f"Password of {target} changed.")
        elif args.user_command == "remove":
            question = f"Remove {args.name}" + (
                "?" if ctx.on_server else " and rotate the database key?"
            )
            if not confirm(question, args.yes):
                out("Nothing changed.")
                return EXIT_OK
            accounts.remove_user(ctx, args.name)
            if ctx.on_server:
                out(f"Removed {args.name}; their password no longer opens anything.")
            else:
                out(
                    f"Removed {args.name}; the database key was rotated "
                    f"(new key {ctx.store.key.key_id})."
                )
    finally:
        ctx.close()
    return EXIT_OK


def cmd_rotate_key(args: argparse.Namespace) -> int:
    from desktop.services import accounts

    ctx = open_ctx(args)
    try:
        old = ctx.vault_store("Rotating the database key").key.key_id
        accounts.rotate_key(ctx)
        out(
            f"Database key rotated: {old} → {ctx.store.key.key_id}. Every user keeps their password."
        )
    finally:
        ctx.close()
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from desktop.reports.bench import measure_handover_pdf
    from desktop.services.bench import EXTRA_BENCHES, run_bench

    # Reports may use services, not the other way round: the documents bench joins here.
    if measure_handover_pdf not in EXTRA_BENCHES:
        EXTRA_BENCHES.append(measure_handover_pdf)

    figures = run_bench(size=args.size, work_dir=Path(args.work_dir) if args.work_dir else None)
    text = json.dumps(figures, indent=2, sort_keys=True)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    out(text)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import DEMO_PASSWORD, generate_demo

    def progress(done: int, total: int, label: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{label}: {done * 100 // max(total, 1)}%\033[K", end="", file=sys.stderr)

    ctx = open_ctx(args)
    try:
        summary = generate_demo(
            ctx, args.size, seed=args.seed, progress=progress, commission_plan=args.plan
        )
    finally:
        ctx.close()
        if sys.stderr.isatty():
            print(file=sys.stderr)
    out(f"Demo data ({summary.size}, seed {summary.seed}) generated in {summary.elapsed_s:.1f} s:")
    for name, count in summary.counts().items():
        out(f"  {name:<18} {count:>9,}")
    out(f"  top salesperson owns {summary.top_salesperson_customers:,} customers")
    if summary.commission_plan:
        out(f"Commission plan for the sales positions: {summary.commission_plan}")
    made = [u for u in summary.users if u.created]
    if made:
        out(f"Demo accounts (password {DEMO_PASSWORD!r}):")
        for u in made:
            out(f"  {u.username:<10} {u.role:<8} {u.display_name}")
    return EXIT_OK


def _print_row_errors(errors: Sequence[Any], shown: int = 10) -> None:
    for e in errors[:shown]:
        out(f"  row {e.row}, column {e.column}, value {e.value}: {e.reason()}")
    if len(errors) > shown:
        out(f"  … and {len(errors) - shown} more")


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.services.imports import (
        ImportRejected,
        check_report_path,
        load_mapping,
        preview_import,
        run_import,
        write_error_report,
    )

    file = Path(args.file)
    mapping = load_mapping(Path(args.mapping)) if args.mapping else None
    if args.report:
        check_report_path(Path(args.report))  # before the import, not after a long check
    ctx = open_ctx(args)
    try:
        if args.dry_run:
            preview = preview_import(ctx, args.kind, file, mapping)
        else:
            try:
                result = run_import(ctx, args.kind, file, mapping)
            except ImportRejected as exc:
                preview = exc.preview
            else:
                out(
                    f"Imported {result.file_name} ({args.kind}): {_describe_counts(result.inserted)}"
                )
                return EXIT_OK
    finally:
        ctx.close()
    out(
        f"{preview.file_name}: {preview.total_rows} rows"
        + (f", {preview.encoding}" if preview.encoding else "")
    )
    out("Columns: " + (", ".join(f"{h} → {f}" for h, f in preview.columns) or "none mapped"))
    if preview.will_create:
        created = ", ".join(f"{k} ({n} rows)" for k, n in sorted(preview.will_create.items()))
        out(f"Would create: {created}")
    if preview.errors:
        out(f"{len(preview.errors)} problem(s) in {preview.rows_with_errors} row(s):")
        _print_row_errors(preview.errors)
        if args.report:
            from desktop.storage.private import refuse_vault_file

            refuse_vault_file(Path(args.report), paths_of(args))
            write_error_report(preview.errors, Path(args.report))
            out(f"Error report written to {args.report}")
    if not preview.ok:
        raise ImportRejected(preview)
    out(f"Dry run: no problems; {preview.total_rows} rows would be imported. Nothing was changed.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.services.exports import export_list
    from desktop.storage.private import refuse_vault_file

    if args.search and args.kind in ("payments", "aging"):
        raise UsageError("the {kind} export has no search; leave out --search", kind=args.kind)
    refuse_vault_file(Path(args.out), paths_of(args))
    ctx = open_ctx(args)
    try:
        result = export_list(ctx, args.kind, Path(args.out), args.format, search=args.search or "")
    finally:
        ctx.close()
    out(f"Exported {result.rows} rows ({result.kind}, {result.format}) to {result.path}")
    out(f"SHA-256 {result.sha256}")
    return EXIT_OK


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
    from desktop.storage.server import set_up_seat_role

    result = set_up_seat_role(args.url, args.seat_role, apply=args.apply)
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


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.views.app import run_gui

    paths = paths_of(args)
    return run_gui(paths, getattr(args, "database", None) or os.environ.get("BATON_DATABASE"))


def cmd_self_test(args: argparse.Namespace) -> int:
    from desktop.selftest import run_self_test

    return run_self_test(out)


# --------------------------------------------------------------------------- departures


def _day(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


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


# --------------------------------------------------------------------------- documents

REPORT_KINDS = {
    "handover": "handover",
    "risk": "risk",
    "tracking": "tracking",
    "post-departure": "post_departure",
}


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.reports import issue
    from desktop.services import departures, documents
    from desktop.storage.private import refuse_vault_file

    target = Path(args.out)
    refuse_vault_file(target, paths_of(args))  # before the document is issued and recorded
    ctx = open_ctx(args)
    try:
        if args.report_kind == "aging":
            issued = issue.issue_aging(ctx, args.lang, as_of=args.as_of)
        else:
            case_id = departures.find_case(ctx, args.case)
            make = issue.CASE_DOCUMENTS[REPORT_KINDS[args.report_kind]]
            issued = make(ctx, case_id, args.lang)
        _write(target, issued.data, paths_of(args))
        documents.record_output(ctx, issued.info.id, "save", str(target))
    finally:
        ctx.close()
    info = issued.info
    case = f" for case {info.case_number}" if info.case_number else ""
    out(f"{info.title}{case}: document {info.number}, {info.pages} page(s), written to {target}")
    out(f"SHA-256 {info.pdf_sha256} (content SHA-256 {info.content_sha256})")
    return EXIT_OK


def cmd_verify_document(args: argparse.Namespace) -> int:
    from desktop.services.documents import verify_document

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError("cannot read {file}: {reason}", file=args.file, reason=exc) from exc
    ctx = open_ctx(args)
    try:
        result = verify_document(ctx, data)
    finally:
        ctx.close()
    out(result.message())
    out(f"SHA-256 {result.file_sha256}")
    return EXIT_OK if result.verified else EXIT_PROBLEM


# --------------------------------------------------------------------------- commissions


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
    for w in result.cap_warnings:
        if w.wage is None:
            out(
                f"  warning: {w.employee_name} clawback {w.clawback}: no wage figure to check the 20% cap"
            )
        else:
            out(f"  warning: {w.employee_name} clawback {w.clawback} exceeds the cap {w.cap}")
    return EXIT_OK


def _commissions_statement(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.reports.commission_statement import statement_pdf, statement_xlsx
    from desktop.services import commissions

    target = Path(args.out)
    kind = target.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise UsageError("the statement is written as .pdf or .xlsx, not {file}", file=target)
    employee = commissions.employee_by_no(ctx, args.employee_no)
    data = commissions.issue_statement(ctx, employee, args.month)
    translate = _document_translator(args.lang)
    _write(
        target,
        statement_pdf(data, translate) if kind == ".pdf" else statement_xlsx(data, translate),
        paths_of(args),
    )
    out(
        f"Statement {data.number} ({data.employee_name}, {data.month}, payable {data.payable}): {target}"
    )
    return EXIT_OK


def _commissions_settlement(ctx: Any, args: argparse.Namespace) -> int:
    from desktop.reports.commission_statement import settlement_pdf
    from desktop.services import commissions, departures

    result = commissions.settlement(ctx, departures.find_case(ctx, args.case), args.as_of)
    target = Path(args.out)
    _write(target, settlement_pdf(result, _document_translator(args.lang)), paths_of(args))
    t = result.totals
    out(
        f"Settlement {result.case_number} ({result.employee_name}): earned {t['earned']}, "
        f"withheld {t['withheld']}, forfeited {t['forfeited']}, clawed back {t['clawed_back']}: "
        f"{target}"
    )
    return EXIT_OK


COMMISSION_COMMANDS: dict[str, Callable[[Any, argparse.Namespace], int]] = {
    "compute": _commissions_compute,
    "statement": _commissions_statement,
    "settlement": _commissions_settlement,
}


def cmd_commissions(args: argparse.Namespace) -> int:
    from desktop.storage.private import refuse_vault_file

    if getattr(args, "out", None):
        refuse_vault_file(Path(args.out), paths_of(args))  # before anything is issued
    ctx = open_ctx(args)
    try:
        return COMMISSION_COMMANDS[args.commissions_command](ctx, args)
    finally:
        ctx.close()


# --------------------------------------------------------------------------- parser


Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baton",
        description="Baton: staff departures and customer handovers over an encrypted vault.",
    )
    parser.add_argument("--version", action="version", version=f"baton {__version__}")
    parser.add_argument(
        "--data-dir", help="vault folder (default: platform data folder, or BATON_DATA_DIR)"
    )
    parser.add_argument("--user", help="user name to log in as (or BATON_USER)")
    parser.add_argument(
        "--password-file",
        help="read the password from the first line of FILE (- reads standard input)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="work on a PostgreSQL server (postgresql+psycopg://user@host/db; TLS is required "
        "unless the URL sets sslmode) instead of the local vault; or BATON_DATABASE",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="run a self-test in a throwaway vault"
    )
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="start the desktop application (the default)")
    p.set_defaults(handler=cmd_gui)

    p = sub.add_parser("init", help="create a new vault with its first administrator")
    p.add_argument("--company", required=True)
    p.add_argument("--admin", required=True, help="user name of the first administrator")
    p.add_argument("--admin-name", help="the administrator's full name")
    p.add_argument("--branch", action="append", help="a branch office (repeatable)")
    p.add_argument("--recovery-out", metavar="FILE.pdf", help="write the recovery sheet PDF here")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser(
        "migrate-to-server",
        help="copy the local vault to an empty PostgreSQL database and verify the copy",
    )
    p.add_argument("url", help="postgresql+psycopg://user@host/database (must be empty)")
    p.set_defaults(handler=cmd_migrate_to_server)

    p = sub.add_parser(
        "server-roles",
        help="print or apply the grants of the seats' database role (run with the owner's URL)",
    )
    p.add_argument("url", help="postgresql+psycopg://OWNER@host/database (the schema's owner)")
    p.add_argument("--seat-role", required=True, help="the database role every seat logs in as")
    p.add_argument(
        "--apply",
        action="store_true",
        help="upgrade the schema if needed and run the grants (default: print the SQL)",
    )
    p.set_defaults(handler=cmd_server_roles)

    p = sub.add_parser("unlock-check", help="unlock the vault and report success")
    p.set_defaults(handler=cmd_unlock_check)

    p = sub.add_parser(
        "verify", help="check encryption pages, database integrity and the audit chain"
    )
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("backup", help="write a verified encrypted backup")
    p.add_argument("--out", metavar="FILE", help="write here instead of the backups folder")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup (shows it first)")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--keys-only",
        action="store_true",
        help="only restore a lost key file: --user/password must open a slot in the backup's "
        "key file, whose key must open this vault's database (an intact key file is replaced "
        "only after an administrator's login; the replaced one is kept)",
    )
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("recover", help="use the recovery key to set an administrator's password")
    p.add_argument("--admin", required=True)
    p.add_argument("--recovery-key-file")
    p.add_argument("--new-password-file")
    p.set_defaults(handler=cmd_recover)

    p = sub.add_parser("user", help="manage app accounts")
    users = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    q = users.add_parser("list")
    q.add_argument("--all", action="store_true", help="include removed accounts")
    q = users.add_parser("add")
    q.add_argument("name")
    q.add_argument(
        "--role", required=True, choices=["admin", "hr", "manager", "finance", "sales", "auditor"]
    )
    q.add_argument("--display-name")
    q.add_argument("--new-password-file")
    q = users.add_parser("disable")
    q.add_argument("name")
    q.add_argument("--reason")
    q = users.add_parser("enable")
    q.add_argument("name")
    q = users.add_parser("passwd")
    q.add_argument("name", nargs="?")
    q.add_argument("--new-password-file")
    q = users.add_parser("remove", help="remove an account and rotate the database key")
    q.add_argument("name")
    q.add_argument("--yes", action="store_true")
    p.set_defaults(handler=cmd_user)

    p = sub.add_parser("rotate-key", help="re-encrypt the database under a new key")
    p.set_defaults(handler=cmd_rotate_key)

    p = sub.add_parser("demo", help="fill an empty firm with seeded, realistic demo data")
    p.add_argument("--size", choices=["small", "medium", "large"], default="small")
    p.add_argument("--seed", type=int, default=2026, help="same seed, same data (default 2026)")
    p.add_argument(
        "--no-plan",
        dest="plan",
        action="store_false",
        help="do not set up the standard commission plan for the sales positions",
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("import", help="import a CSV or XLSX file (all rows or none)")
    p.add_argument(
        "kind",
        choices=[
            "staff",
            "customers",
            "assignments",
            "orders",
            "receivables",
            "payments",
            "followups",
        ],
    )
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check the file, change nothing")
    p.add_argument("--report", metavar="R.csv", help="write the row-by-row error report here")
    p.add_argument(
        "--mapping", metavar="M.json", help='JSON {"header in the file": "field or ignore"}'
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help="export a list to XLSX or CSV (audited)")
    p.add_argument(
        "kind",
        choices=["staff", "customers", "orders", "receivables", "payments", "followups", "aging"],
    )
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    p.add_argument("--format", choices=["xlsx", "csv"], help="default: from the file's suffix")
    p.add_argument("--search", help="as in the list's search box")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("bench", help="measure performance and print JSON figures")
    p.add_argument("--size", choices=["small", "medium", "large"], default="small")
    p.add_argument("--json", metavar="OUT", help="also write the JSON here")
    p.add_argument("--work-dir", help="where to build the bench vaults (default: a temp folder)")
    p.set_defaults(handler=cmd_bench)

    p = sub.add_parser("report", help="issue a document as PDF (recorded, verifiable)")
    reports = p.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    for kind, text in (
        ("handover", "the handover form (离职交接单) of a case"),
        ("risk", "the departure risk assessment of a case"),
        ("tracking", "the responsibility tracking table (责任人追踪表) of a case"),
        ("post-departure", "the post-departure report of a completed case"),
    ):
        q = reports.add_parser(kind, help=text)
        q.add_argument("case", help="case number (D2026-0001) or id")
        q.add_argument("--out", required=True, metavar="FILE.pdf")
        q.add_argument("--lang", choices=["zh", "en"], default="zh")
    q = reports.add_parser("aging", help="receivables aging by salesperson")
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.add_argument("--lang", choices=["zh", "en"], default="zh")
    q.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="default: today")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser(
        "verify-document",
        help="check a PDF was issued by Baton and is unchanged (exit 0 verified, 1 not)",
    )
    p.add_argument("file", metavar="FILE.pdf")
    p.set_defaults(handler=cmd_verify_document)

    p = sub.add_parser("departure", help="departure cases: start, show, advance, assign, confirm")
    cases = p.add_subparsers(dest="departure_command", metavar="ACTION", required=True)
    q = cases.add_parser("start", help="open a case (draft); prints its id last")
    q.add_argument("employee_no")
    q.add_argument("--last-day", required=True, type=_day, metavar="YYYY-MM-DD")
    q.add_argument(
        "--type",
        default="resignation",
        choices=["resignation", "dismissal", "contract_end", "retirement"],
    )
    q.add_argument("--notice-day", type=_day, metavar="YYYY-MM-DD", help="default: today")
    q.add_argument("--reason")
    q.add_argument("--destination", help="where the employee goes, if known")
    q = cases.add_parser("show", help="state, progress, deadlines and open items")
    q.add_argument("case", help="case number (D2026-0001) or id")
    q.add_argument("--all", action="store_true", help="list every open item")
    q = cases.add_parser("advance", help="move the case to its next state")
    q.add_argument("case")
    q.add_argument("--comment")
    q = cases.add_parser(
        "assign",
        help="name the successor of customers and their invoices, orders and contracts "
        "(everything still without one if no --customer)",
    )
    q.add_argument("case")
    q.add_argument("--to", required=True, metavar="EMPLOYEE_NO")
    q.add_argument("--customer", nargs="+", action="extend", metavar="CODE")
    q.add_argument("--planned-on", type=_day, metavar="YYYY-MM-DD")
    q = cases.add_parser(
        "confirm",
        help="confirm receipt as the successor (a manager or admin may confirm for them)",
    )
    q.add_argument("case")
    q.add_argument("--customer", nargs="+", action="extend", metavar="CODE")
    q.add_argument("--comment")
    p.set_defaults(handler=cmd_departure)
    p = sub.add_parser("commissions", help="commission periods, statements, settlements")
    com = p.add_subparsers(dest="commissions_command", metavar="ACTION", required=True)
    q = com.add_parser("compute", help="compute (or compute again) an open month")
    q.add_argument("month", type=_month, metavar="YYYY-MM")
    q = com.add_parser("statement", help="issue an employee's statement (.pdf or .xlsx)")
    q.add_argument("employee_no")
    q.add_argument("month", type=_month, metavar="YYYY-MM")
    q.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf or FILE.xlsx")
    q.add_argument("--lang", choices=["zh", "en"], default="zh", help="explanations' language")
    q = com.add_parser("settlement", help="a departing employee's final commission settlement")
    q.add_argument("case", help="case number (D2026-0001) or id")
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="default: today")
    q.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(handler=cmd_commissions)
    return parser


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
        return int(args.handler(args))
    except BatonError as exc:
        print(f"baton: {exc.message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("baton: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        log.exception("unexpected error in %s", getattr(args, "command", None))
        print(
            f"baton: unexpected error: {type(exc).__name__}: {exc} (details in {log_path})",
            file=sys.stderr,
        )
        return EXIT_PROBLEM


__all__ = ["ValidationError", "build_parser", "main"]
