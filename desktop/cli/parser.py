"""The ``baton`` argument parser: every command, its options and its handler, in one place
so ``baton --help`` and the handlers cannot drift apart.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from desktop import __version__
from desktop.cli import alerts as alerts_cli
from desktop.cli import handover_items as handover_items_cli
from desktop.cli.app import cmd_bench, cmd_gui
from desktop.cli.approvals import cmd_approvals
from desktop.cli.commissions import _month, cmd_commissions
from desktop.cli.common import (
    _day,
)
from desktop.cli.departures import cmd_departure
from desktop.cli.documents import cmd_report, cmd_verify_document
from desktop.cli.organisation import (
    cmd_checklists,
    cmd_claims,
    cmd_clauses,
    cmd_contract,
    cmd_org,
    cmd_settings,
)
from desktop.cli.paperwork import add_paperwork_commands
from desktop.cli.records import cmd_demo, cmd_export, cmd_import, cmd_import_template
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
    p.add_argument(
        "--standard-plan",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="set up the standard commission plan (回款提成) for the sales positions, those "
        "imported later included (default: asked on a terminal, else no)",
    )
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
    q.add_argument(
        "--employee",
        metavar="EMPLOYEE_NO",
        help="the employee this account belongs to (required for sales and manager accounts)",
    )
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
    q = users.add_parser("link", help="tie an account to its employee (a salesperson's scope)")
    q.add_argument("name")
    who = q.add_mutually_exclusive_group(required=True)
    who.add_argument("employee_no", nargs="?", help="the employee number")
    who.add_argument("--none", action="store_true", help="untie the account")
    p.set_defaults(handler=cmd_user)

    p = sub.add_parser("settings", help="the business rules (notice, protection, provision …)")
    rules = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    rules.add_parser("list", help="every rule with its value and what it decides")
    q = rules.add_parser("set", help="change a rule (JSON for a ladder)")
    q.add_argument("key")
    q.add_argument("value")
    q = rules.add_parser("reset", help="return a rule to its default")
    q.add_argument("key")
    p.set_defaults(handler=cmd_settings)

    p = sub.add_parser("org", help="company name, departments and positions")
    org = p.add_subparsers(dest="org_command", metavar="ACTION", required=True)
    org.add_parser("list", help="branches with their departments, and the positions (with ids)")
    q = org.add_parser("company", help="rename the company")
    q.add_argument("name")
    q = org.add_parser("department", help="add or rename a department")
    dep = q.add_subparsers(dest="action", metavar="ACTION", required=True)
    r = dep.add_parser("add")
    r.add_argument("--branch", type=int, required=True, metavar="BRANCH_ID")
    r.add_argument("name")
    r = dep.add_parser("rename")
    r.add_argument("id", type=int)
    r.add_argument("name")
    q = org.add_parser(
        "position", help="add or change a position (its category picks the checklist)"
    )
    pos = q.add_subparsers(dest="action", metavar="ACTION", required=True)
    r = pos.add_parser("add")
    r.add_argument("name")
    r.add_argument(
        "--category", default="other", help="sales, dispatcher, finance, warehouse, other"
    )
    r = pos.add_parser("update")
    r.add_argument("id", type=int)
    r.add_argument("name")
    r.add_argument("--category", required=True)
    p.set_defaults(handler=cmd_org)

    p = sub.add_parser("claims", help="claims on pool customers: list, approve, reject")
    claims = p.add_subparsers(dest="claims_command", metavar="ACTION", required=True)
    q = claims.add_parser("list")
    q.add_argument(
        "--status", choices=["pending", "approved", "rejected", "all"], default="pending"
    )
    q.add_argument("--limit", type=int, default=100)
    q = claims.add_parser("decide")
    q.add_argument("id", type=int)
    q.add_argument("decision", choices=["approve", "reject"])
    q.add_argument("--note")
    q.add_argument("--effective", type=_day, metavar="YYYY-MM-DD", help="default: today")
    p.set_defaults(handler=cmd_claims)

    p = sub.add_parser("contract", help="customers' contracts: list, add, end")
    con = p.add_subparsers(dest="contract_command", metavar="ACTION", required=True)
    q = con.add_parser("list")
    q.add_argument("--customer", metavar="CODE")
    q.add_argument("--open", action="store_true", help="only contracts still running")
    q = con.add_parser("add")
    q.add_argument("customer", metavar="CUSTOMER_CODE")
    q.add_argument("number")
    q.add_argument("--starts-on", required=True, type=_day, metavar="YYYY-MM-DD")
    q.add_argument("--ends-on", type=_day, metavar="YYYY-MM-DD")
    q.add_argument("--title")
    q.add_argument("--keeper", metavar="EMPLOYEE_NO", help="who keeps it (default: the owner)")
    q = con.add_parser("end")
    q.add_argument("id", type=int)
    q.add_argument("--on", required=True, type=_day, metavar="YYYY-MM-DD")
    q.add_argument("--status", choices=["ended", "terminated"], default="ended")
    p.set_defaults(handler=cmd_contract)

    p = sub.add_parser("clauses", help="the clause texts a departing employee acknowledges")
    cl = p.add_subparsers(dest="clauses_command", metavar="ACTION", required=True)
    q = cl.add_parser("list")
    q.add_argument("--all", action="store_true", help="every version, not only the current")
    q.add_argument("--full", action="store_true", help="print the texts too")
    q = cl.add_parser("set", help="a new version of a clause becomes current")
    q.add_argument("key")
    q.add_argument("language", choices=["zh", "en"])
    q.add_argument("--title", required=True)
    q.add_argument("--body-file", required=True, metavar="FILE.txt")
    p.set_defaults(handler=cmd_clauses)

    p = sub.add_parser("checklists", help="handover checklist templates by position category")
    ck = p.add_subparsers(dest="checklists_command", metavar="ACTION", required=True)
    q = ck.add_parser("list")
    q.add_argument("--all", action="store_true", help="also the templates not in use")
    q = ck.add_parser("export", help="write a template as JSON, to edit and save back")
    q.add_argument("id", type=int)
    q.add_argument("--out", required=True, metavar="FILE.json")
    q = ck.add_parser("save", help="create or change a template from a JSON file")
    q.add_argument("file", metavar="FILE.json")
    for action, text in (("activate", "put a template in use"), ("deactivate", "take it out")):
        q = ck.add_parser(action, help=text)
        q.add_argument("id", type=int)
    p.set_defaults(handler=cmd_checklists)

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

    p = sub.add_parser(
        "import",
        help="import a CSV, XLSX or XLS file (all rows or none)",
        description="Import a file; all rows or none. Importing a file again updates the "
        "records already in the vault by their key and never adds them twice: staff by 工号, "
        "customers by 客户编码, waybills by 运单号, invoices by 发票号, payments by 流水号 (without "
        "one: customer, day and amount, when the vault holds as many as the file), follow-ups "
        "by customer, day, employee and channel (likewise counted). --dry-run shows what is "
        "new, updated and unchanged.",
    )
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
    p.add_argument("--sheet", metavar="NAME", help="the workbook's sheet to read (default: first)")
    p.add_argument(
        "--owner-since",
        type=_day,
        metavar="YYYY-MM-DD",
        help="customers: the day ownership starts for rows without a 分配日期 column/cell",
    )
    p.add_argument(
        "--branch",
        metavar="NAME",
        help="staff: the branch (name or code) of departments in rows without one",
    )
    p.add_argument(
        "--receivables",
        action="store_true",
        help="orders: raise one receivable per imported waybill, due by the customer's terms",
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("import-template", help="write the empty import template of a kind")
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
    p.add_argument("--out", required=True, metavar="F.xlsx")
    p.set_defaults(handler=cmd_import_template)

    p = sub.add_parser("export", help="export a list to XLSX or CSV (audited)")
    p.add_argument(
        "kind",
        choices=["staff", "customers", "orders", "receivables", "payments", "followups", "aging"],
    )
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    p.add_argument("--format", choices=["xlsx", "csv"], help="default: from the file's suffix")
    p.add_argument("--search", help="as in the list's search box")
    p.add_argument(
        "--from",
        dest="since",
        type=_day,
        metavar="YYYY-MM-DD",
        help="orders, receivables (issue date), payments, followups: from this day on",
    )
    p.add_argument(
        "--to",
        dest="until",
        type=_day,
        metavar="YYYY-MM-DD",
        help="orders, receivables (issue date), payments, followups: up to this day",
    )
    p.add_argument(
        "--request-approval",
        action="store_true",
        help="above your export limit: ask for two approvals (prints the request id)",
    )
    p.add_argument("--reason", help="why the export is needed (with --request-approval)")
    p.add_argument("--approved", type=int, metavar="ID", help="use approved request ID (once)")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("approvals", help="export requests: list, approve, reject")
    ap = p.add_subparsers(dest="approvals_command", metavar="ACTION", required=True)
    q = ap.add_parser("list", help="the export requests you may see, and where they stand")
    q.add_argument("--json", action="store_true")
    q = ap.add_parser(
        "approve", help="approve a request (two different people; never the requester)"
    )
    q.add_argument("id", type=int)
    q = ap.add_parser("reject", help="reject a request (a reason is required)")
    q.add_argument("id", type=int)
    q.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_approvals)

    p = sub.add_parser("bench", help="measure performance and print JSON figures")
    p.add_argument("--size", choices=["small", "medium", "large"], default="small")
    p.add_argument("--json", metavar="OUT", help="also write the JSON here")
    p.add_argument("--work-dir", help="where to build the bench vaults (default: a temp folder)")
    p.add_argument(
        "--import-rows",
        type=int,
        default=None,
        metavar="N",
        help="rows of the orders file the import bench writes (default 100,000, what the "
        "import target is set for; fewer for a quick run: the target scales with them)",
    )
    p.set_defaults(handler=cmd_bench)

    p = sub.add_parser("report", help="issue a document as PDF (recorded, verifiable)")
    reports = p.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    for kind, text in (
        ("handover", "the handover form (离职交接单) of a case"),
        ("risk", "the departure risk assessment of a case"),
        ("tracking", "the responsibility tracking table (责任人追踪表) of a case"),
        ("post-departure", "the post-departure report of a completed case"),
        ("certificate", "the termination certificate (离职证明) of a case, from its last day"),
    ):
        q = reports.add_parser(kind, help=text)
        q.add_argument("case", help="case number (D2026-0001) or id")
        q.add_argument("--out", required=True, metavar="FILE.pdf")
        q.add_argument("--lang", choices=["zh", "en"], default="zh")
        if kind == "certificate":
            q.add_argument(
                "--with-reason",
                action="store_true",
                help="print the ground of termination (only when the employee asks for it)",
            )
    q = reports.add_parser("aging", help="receivables aging by salesperson")
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.add_argument("--lang", choices=["zh", "en"], default="zh")
    q.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="default: today")
    p.set_defaults(handler=cmd_report)
    add_paperwork_commands(sub, reports)

    p = sub.add_parser(
        "verify-document",
        help="check a PDF was issued by Baton and is unchanged (exit 0 verified, 1 not)",
    )
    p.add_argument("file", metavar="FILE.pdf")
    p.set_defaults(handler=cmd_verify_document)

    p = sub.add_parser(
        "departure",
        help="departure cases: start, show, advance, assign, confirm, informed, waive, refresh, "
        "scans, overview",
    )
    cases = p.add_subparsers(dest="departure_command", metavar="ACTION", required=True)
    q = cases.add_parser("start", help="open a case (draft); prints its id last")
    q.add_argument("employee_no")
    q.add_argument("--last-day", required=True, type=_day, metavar="YYYY-MM-DD")
    q.add_argument(
        "--type",
        default="resignation",
        choices=["resignation", "mutual", "misconduct", "dismissal", "contract_end", "retirement"],
        help="resignation (art. 37), mutual (art. 36), misconduct (art. 39: no notice, no "
        "severance), dismissal (art. 40), contract_end / retirement (art. 44)",
    )
    q.add_argument(
        "--pay-in-lieu",
        action="store_true",
        help="art. 40 dismissal: a month's wage instead of the 30 days' notice (代通知金)",
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
    q = cases.add_parser(
        "refresh", help="add the customers, invoices and orders that appeared since approval"
    )
    q.add_argument("case")
    q = cases.add_parser(
        "revoke-keys", help="remove the leaver's accounts for good (rotates the database key)"
    )
    q.add_argument("case")
    q.add_argument("--yes", action="store_true")
    q = cases.add_parser(
        "overview", help="departed employees' former customers during the protection period"
    )
    q.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="default: today")
    q = cases.add_parser("scans", help="the signed paper copies attached; --save writes one out")
    q.add_argument("case")
    q.add_argument("--save", type=int, metavar="SCAN_ID")
    q.add_argument("--out", metavar="FILE")
    handover_items_cli.add_parsers(cases, _day)
    p.set_defaults(handler=cmd_departure)
    p = sub.add_parser("commissions", help="commission periods, statements, settlements")
    com = p.add_subparsers(dest="commissions_command", metavar="ACTION", required=True)
    q = com.add_parser("compute", help="compute (or compute again) an open month")
    q.add_argument("month", type=_month, metavar="YYYY-MM")
    q = com.add_parser("approve", help="approve a computed month (not one you earn in)")
    q.add_argument("month", type=_month, metavar="YYYY-MM")
    q = com.add_parser("statement", help="issue an employee's statement (.pdf or .xlsx)")
    q.add_argument("employee_no")
    q.add_argument("month", type=_month, metavar="YYYY-MM")
    q.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf or FILE.xlsx")
    q.add_argument("--lang", choices=["zh", "en"], default="zh", help="explanations' language")
    q = com.add_parser("reprint", help="an issued statement again, exactly as it was issued")
    q.add_argument("number", help="the statement number printed on it")
    q.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf or FILE.xlsx")
    q.add_argument("--lang", choices=["zh", "en"], default="zh", help="explanations' language")
    q = com.add_parser("settlement", help="a departing employee's final commission settlement")
    q.add_argument("case", help="case number (D2026-0001) or id")
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="default: today")
    q.add_argument("--lang", choices=["zh", "en"], default="zh")
    q.add_argument(
        "--draft",
        action="store_true",
        help="issue it although a month is not computed yet (marked as a draft)",
    )
    q = com.add_parser("plan", help="commission plans: list, show, import, export (JSON)")
    plans = q.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    plans.add_parser("list", help="every plan, newest start first")
    r = plans.add_parser("show", help="one plan's rules, assignments and warnings")
    r.add_argument("plan", help="plan id or name")
    r = plans.add_parser("import", help="create a plan from JSON, or replace the one of its name")
    r.add_argument("file", metavar="F.json")
    r = plans.add_parser("export", help="write a plan as JSON (the format import reads)")
    r.add_argument("plan", help="plan id or name")
    r.add_argument("--out", required=True, metavar="F.json")
    p.set_defaults(handler=cmd_commissions)
    alerts_cli.add_parsers(sub)
    return parser
