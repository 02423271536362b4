"""The commands that set the firm up: its business rules, company name, departments and
positions, which employee an account belongs to, the pool claims waiting for a manager,
customers' contracts, and what a departure asks of the leaver: the clause texts they
acknowledge and the handover checklists by position category.

Why here: these use cases had no face at all — an administrator could neither change a rule
such as the protection period, nor rename a department, nor tie a salesperson's account to
their employee record (without which the account sees no customers), nor record a contract
(so no contract was ever handed over).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from desktop.cli.common import EXIT_OK, UsageError, _write, open_ctx, out, paths_of


def _value(text: str) -> Any:
    """A setting's value as typed: JSON when it is JSON (a ladder, a number), else the text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def cmd_settings(args: argparse.Namespace) -> int:
    from desktop.services import business_settings as settings

    ctx = open_ctx(args)
    try:
        if args.settings_command == "list":
            for info in settings.list_settings(ctx):
                mark = " (default)" if info.is_default else ""
                out(f"{info.key} = {settings.setting_text(info.key, info.value)}{mark}")
                out(f"    {info.description}")
        elif args.settings_command == "set":
            settings.set(ctx, args.key, _value(args.value))
            shown = settings.setting_text(args.key, settings.get(ctx, args.key))
            out(f"{args.key} = {shown}")
        else:
            settings.reset(ctx, args.key)
            shown = settings.setting_text(args.key, settings.get(ctx, args.key))
            out(f"{args.key} = {shown} (default)")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_org(args: argparse.Namespace) -> int:
    from desktop.services import organisation, staff

    ctx = open_ctx(args)
    try:
        command = args.org_command
        if command == "list":
            out(f"Company: {organisation.company_name(ctx)}")
            for b in organisation.list_branches(ctx):
                out(f"branch {b.id}: {b.code} {b.name}" + ("" if b.active else " (inactive)"))
                for d in staff.list_departments(ctx, b.id):
                    out(f"  department {d.id}: {d.name}")
            for p in staff.list_positions(ctx):
                out(f"position {p.id}: {p.name} ({p.category})")
        elif command == "company":
            organisation.rename_company(ctx, args.name)
            out(f"Company: {organisation.company_name(ctx)}")
        elif command == "department" and args.action == "add":
            changes = staff.create_department(ctx, args.branch, args.name)
            out(f"Department {args.name.strip()}: id {min(changes.ids)}")
        elif command == "department":
            staff.rename_department(ctx, args.id, args.name)
            out(f"Department {args.id}: {args.name.strip()}")
        elif args.action == "add":
            changes = staff.create_position(ctx, args.name, args.category)
            out(f"Position {args.name.strip()} ({args.category}): id {min(changes.ids)}")
        else:
            staff.update_position(ctx, args.id, args.name, args.category)
            out(f"Position {args.id}: {args.name.strip()} ({args.category})")
    finally:
        ctx.close()
    return EXIT_OK


def link_user(args: argparse.Namespace) -> int:
    """``baton user link NAME EMPLOYEE_NO`` (or ``--none``): whose account this is."""
    from desktop.services import staff

    ctx = open_ctx(args)
    try:
        employee = None if args.none else staff.employee_by_no(ctx, args.employee_no)
        staff.link_user(ctx, args.name, employee)
    finally:
        ctx.close()
    if employee is None:
        out(f"{args.name} is linked to no employee.")
    else:
        out(f"{args.name} is the account of employee {args.employee_no.strip()}.")
    return EXIT_OK


def cmd_claims(args: argparse.Namespace) -> int:
    from desktop.services import customers

    ctx = open_ctx(args)
    try:
        if args.claims_command == "list":
            status = None if args.status == "all" else args.status
            claims = customers.list_claims(ctx, status, 0, args.limit)
            for c in claims:
                out(
                    f"claim {c.id}: {c.customer_code} {c.customer_name} → {c.employee_name} "
                    f"({c.status}, {c.created_at:%Y-%m-%d})" + (f": {c.reason}" if c.reason else "")
                )
            if not claims:
                out("No claims.")
        else:
            approve = args.decision == "approve"
            customers.decide_claim(ctx, args.id, approve, args.note or "", args.effective)
            out(f"Claim {args.id} {'approved' if approve else 'rejected'}.")
    finally:
        ctx.close()
    return EXIT_OK


def _customer_id(ctx: Any, code: str) -> int:
    from desktop.services import customers

    wanted = code.strip()
    for row in customers.list_customers(ctx, 0, 50, search=wanted):
        if row.code == wanted:
            return row.id
    raise UsageError("there is no customer {code} that you may see", code=wanted)


def cmd_contract(args: argparse.Namespace) -> int:
    from desktop.services import contracts, staff

    ctx = open_ctx(args)
    try:
        if args.contract_command == "list":
            customer = _customer_id(ctx, args.customer) if args.customer else None
            rows = contracts.list_contracts(ctx, customer, open_only=args.open)
            for c in rows:
                keeper = f", kept by {c.employee_name}" if c.employee_name else ""
                out(
                    f"contract {c.id}: {c.number} {c.customer_code} {c.customer_name} "
                    f"{c.starts_on} – {c.ends_on or '…'} ({c.status}{keeper})"
                    + (f": {c.title}" if c.title else "")
                )
            if not rows:
                out("No contracts.")
        elif args.contract_command == "add":
            keeper = staff.employee_by_no(ctx, args.keeper) if args.keeper else None
            data = contracts.ContractInput(
                _customer_id(ctx, args.customer),
                args.number,
                args.starts_on,
                args.ends_on,
                args.title,
                keeper,
            )
            changes = contracts.create_contract(ctx, data)
            out(f"Contract {args.number.strip()} of {args.customer}: id {min(changes.ids)}")
        else:
            contracts.end_contract(ctx, args.id, args.on, args.status)
            out(f"Contract {args.id} {args.status} on {args.on}.")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_clauses(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.services import departures

    ctx = open_ctx(args)
    try:
        if args.clauses_command == "list":
            for c in departures.list_clauses(ctx, include_old=args.all):
                mark = "" if c.current else " (old)"
                out(f"{c.key} [{c.language}] v{c.version}{mark}: {c.title}")
                if args.full:
                    out("    " + c.body.replace("\n", "\n    "))
        else:
            body = Path(args.body_file).read_text(encoding="utf-8")
            changes = departures.save_clause(ctx, args.key, args.language, args.title, body)
            out(f"Clause {args.key} [{args.language}]: new current version, id {min(changes.ids)}")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_checklists(args: argparse.Namespace) -> int:
    """Checklist templates as JSON files: ``export`` one, edit it, ``save`` it back (lines
    keep their ids; lines left out are taken out of use, as on a settings screen)."""
    from dataclasses import asdict
    from pathlib import Path

    from desktop.services import handover

    ctx = open_ctx(args)
    try:
        command = args.checklists_command
        if command == "list":
            for t in handover.list_templates(ctx, include_inactive=args.all):
                state = "" if t.active else " (not in use)"
                out(f"checklist {t.id}: {t.name} [{t.position_category}] v{t.version}{state}")
                for i in t.items:
                    need = "required" if i.required else "optional"
                    out(f"    {i.title} ({i.responsible_role}, {need}, +{i.due_offset_days} d)")
        elif command == "export":
            (found,) = [
                t for t in handover.list_templates(ctx, include_inactive=True) if t.id == args.id
            ] or [None]
            if found is None:
                raise UsageError("there is no checklist {id}", id=args.id)
            data = {
                "id": found.id,
                "name": found.name,
                "position_category": found.position_category,
                "items": [
                    {k: v for k, v in asdict(i).items() if k != "position"} for i in found.items
                ],
            }
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            _write(Path(args.out), text.encode("utf-8"), paths_of(args))
            out(f"Checklist {found.id} written to {args.out}")
        elif command == "save":
            try:
                data = json.loads(Path(args.file).read_text(encoding="utf-8"))
                items = tuple(handover.TemplateItemInput(**i) for i in data.get("items", ()))
                template = handover.TemplateInput(
                    data["name"], data["position_category"], items, data.get("id")
                )
            except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
                raise UsageError(
                    "{file} is not a checklist file (as `checklists export` writes): {problem}",
                    file=args.file,
                    problem=str(exc)[:120],
                ) from None
            changes = handover.save_template(ctx, template)
            out(f"Checklist {min(changes.ids)} saved ({len(items)} lines).")
        else:
            handover.set_template_active(ctx, args.id, command == "activate")
            out(f"Checklist {args.id} {'in use' if command == 'activate' else 'not in use'}.")
    finally:
        ctx.close()
    return EXIT_OK
