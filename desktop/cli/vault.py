"""The commands that look after the vault itself: create it, check it, back it up and
restore it, recover it, and manage its accounts and key.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    UsageError,
    _describe_counts,
    _write,
    confirm,
    database_of,
    default_user,
    open_ctx,
    out,
    paths_of,
    read_new_password,
    read_password,
    read_recovery_key,
)
from desktop.config import LocalSettings


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
        try:
            plan = _standard_plan(made.ctx, args)
        finally:
            made.ctx.close()
        out(f"Set up {args.company} on the server {made.ctx.store.location}")
        out(f"Administrator: {made.ctx.actor.username}")
        if plan:
            out(plan)
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
        plan = _standard_plan(result.ctx, args)
    finally:
        result.ctx.close()
    out(f"Created the Baton vault for {args.company} in {paths.data_dir}")
    out(f"Administrator: {result.ctx.actor.username}")
    if plan:
        out(plan)
    out("Recovery key (shown once; print the recovery sheet and keep it locked away):")
    out(f"  {result.recovery_key}")
    if args.recovery_out:
        out(
            f"Recovery sheet written to {args.recovery_out} (not recorded in the vault by design: "
            "verify-document cannot check it)"
        )
    return EXIT_OK


def _standard_plan(ctx: Any, args: argparse.Namespace) -> str:
    """Set up the standard commission plan if ``--standard-plan`` (or yes on a terminal);
    return the line that says so ("" when not)."""
    from desktop.services.commissions.standard import STANDARD_PLAN_NAME, set_up_standard_plan

    wanted = args.standard_plan
    if wanted is None:
        if not sys.stdin.isatty():
            return ""
        answer = input("Set up the standard commission plan for the sales positions? [Y/n] ")
        wanted = answer.strip().lower() in ("", "y", "yes", "是")
    if not wanted:
        return ""
    set_up_standard_plan(ctx)
    return (
        f"Commission plan: {STANDARD_PLAN_NAME} (margin, on payment, 3% / 5% / 8%) covers "
        "every sales position, those imported later included"
    )


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
    from desktop.services.maintenance import DatabaseDamaged, check_health

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
    if chain.redacted and chain.first_broken is None:
        out(
            f"audit chain: {chain.redacted} event(s) redacted by the retention purge, each "
            "named by a chained redaction record"
        )
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
        from desktop.services.files import refuse_vault_file

        refuse_vault_file(target, paths_of(args))
    ctx = open_ctx(args)
    try:
        header = backup_now(ctx, target)
    finally:
        ctx.close()
    out(f"Backup written and verified: {header.path} ({header.size / 1e6:.1f} MB)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.services.maintenance import (
        read_backup_header,
        refuse_newer_backup,
        restore_keys_only,
        restore_with_password,
    )

    paths = paths_of(args)
    file = Path(args.file)
    header = read_backup_header(file)
    out(
        f"Backup {file.name}: made {header.created_at.astimezone():%Y-%m-%d %H:%M} "
        f"({header.kind}), Baton {header.app_version}, vault {header.db_id[:8]}"
    )
    # A backup from a newer Baton is refused before anything is asked or replaced.
    refuse_newer_backup(header)
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

    def approve(manifest: Any) -> bool:
        out(f"Contents: {manifest.total_rows} rows — {_describe_counts(manifest.counts)}")
        return confirm("Replace the current database with this backup?", args.yes)

    if not restore_with_password(paths, file, user, password, approve):
        out("Nothing changed.")
        return EXIT_OK
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

    if args.user_command == "link":
        from desktop.cli.organisation import link_user

        return link_user(args)
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
            from desktop.services import account_links, staff

            employee = staff.employee_by_no(ctx, args.employee) if args.employee else None
            if employee is None and account_links.needs_link(args.role):
                raise UsageError(
                    "a {role} account must be linked to its employee: add --employee EMPLOYEE_NO",
                    role=args.role,
                )
            password = read_new_password(args, args.name)
            u = account_links.add_linked_user(
                ctx, args.name, args.display_name or args.name, args.role, password, employee
            )
            linked = f", employee {args.employee.strip()}" if employee is not None else ""
            out(f"Added {u.username} ({u.role.value}{linked}).")
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
