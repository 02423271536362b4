"""Issue 14 through the real CLI: an export above the window limit becomes a request that a
manager and then an administrator approve; it is used once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.config import Paths
from desktop.services import accounts, customers
from desktop.services import business_settings as bs
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton

PASSWORD = "cli-role-pass-1"


@pytest.fixture
def vault_dir(paths: Paths) -> Paths:
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        accounts.add_user(ctx, "hr1", "人事", "hr", PASSWORD)
        accounts.add_user(ctx, "mgr1", "经理", "manager", PASSWORD)
        bs.set(ctx, bs.EXPORT_APPROVAL_THRESHOLD, 2)
        for code, name in (("C001", "恒达"), ("C002", "华南"), ("C003", "东方")):
            customers.create_customer(ctx, customers.CustomerInput(code, name), None, None)
    finally:
        ctx.close()
    return paths


def baton(paths: Paths, user: str, *args: str):
    password = ADMIN_PASSWORD if user == "admin" else PASSWORD
    return run_baton(paths.data_dir, *args, password=password, user=user)


def test_an_export_request_through_the_cli(vault_dir: Paths, tmp_path: Path):
    out = tmp_path / "all.csv"
    refused = baton(vault_dir, "hr1", "export", "customers", "--out", str(out))
    assert_one_line_error(refused, refused.returncode, "passes the limit of 2")
    assert refused.returncode != 0 and not out.exists()

    asked = baton(
        vault_dir,
        "hr1",
        "export",
        "customers",
        "--out",
        str(out),
        "--request-approval",
        "--reason",
        "年度盘点",
    )
    assert asked.returncode == 0, asked.stderr
    ident = asked.stdout.strip()
    assert ident.isdigit()

    listed = baton(vault_dir, "mgr1", "approvals", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (request,) = json.loads(listed.stdout)
    assert (request["id"], request["rows"], request["reason"], request["status"]) == (
        int(ident),
        3,
        "年度盘点",
        "pending",
    )
    own = baton(vault_dir, "hr1", "approvals", "approve", ident)
    assert_one_line_error(own, own.returncode, "separation of duties")
    assert baton(vault_dir, "mgr1", "approvals", "approve", ident).returncode == 0
    again = baton(vault_dir, "mgr1", "approvals", "approve", ident)
    assert again.returncode != 0
    assert baton(vault_dir, "admin", "approvals", "approve", ident).returncode == 0

    done = baton(vault_dir, "hr1", "export", "customers", "--out", str(out), "--approved", ident)
    assert done.returncode == 0, done.stderr
    assert "Exported 3 rows" in done.stdout and out.exists()
    twice = baton(
        vault_dir,
        "hr1",
        "export",
        "customers",
        "--out",
        str(tmp_path / "b.csv"),
        "--approved",
        ident,
    )
    assert_one_line_error(twice, twice.returncode, "it is used, not approved")


def test_a_rejected_request_through_the_cli_exports_nothing(vault_dir: Paths, tmp_path: Path):
    out = tmp_path / "all.csv"
    ident = baton(
        vault_dir,
        "hr1",
        "export",
        "customers",
        "--out",
        str(out),
        "--request-approval",
        "--reason",
        "盘点",
    ).stdout.strip()
    rejected = baton(vault_dir, "mgr1", "approvals", "reject", ident, "--reason", "范围太大")
    assert rejected.returncode == 0, rejected.stderr
    listed = baton(vault_dir, "hr1", "approvals", "list")
    assert f"request {ident}: customers, 3 rows, by hr1 (rejected)" in listed.stdout
    used = baton(vault_dir, "hr1", "export", "customers", "--out", str(out), "--approved", ident)
    assert_one_line_error(used, used.returncode, "it is rejected")
    assert not out.exists()
    usage = baton(vault_dir, "hr1", "export", "customers", "--out", str(out), "--request-approval")
    assert_one_line_error(usage, 2, "--reason")


def test_user_add_links_sales_accounts_to_their_employee(vault_dir: Paths, tmp_path: Path):
    from desktop.services import staff
    from desktop.services.staff import EmployeeInput

    ctx = login(vault_dir, "admin", ADMIN_PASSWORD)
    try:
        staff.create_employee(ctx, EmployeeInput("E100", "孙悦", is_sales=True))
    finally:
        ctx.close()
    secret = tmp_path / "pw.txt"
    secret.write_text("new-pass-12345\n", encoding="utf-8")
    unlinked = baton(
        vault_dir,
        "admin",
        "user",
        "add",
        "sunyue",
        "--role",
        "sales",
        "--new-password-file",
        str(secret),
    )
    assert_one_line_error(unlinked, 2, "must be linked to its employee", "--employee")
    added = baton(
        vault_dir,
        "admin",
        "user",
        "add",
        "sunyue",
        "--role",
        "sales",
        "--employee",
        "E100",
        "--new-password-file",
        str(secret),
    )
    assert added.returncode == 0, added.stderr
    assert "Added sunyue (sales, employee E100)." in added.stdout
    ctx = login(vault_dir, "admin", ADMIN_PASSWORD)
    try:
        from desktop.services import account_links

        assert account_links.linked_employees(ctx)["sunyue"] == "E100 孙悦"
    finally:
        ctx.close()
