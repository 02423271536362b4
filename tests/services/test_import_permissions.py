"""Imports need what typing the same records needs: the kind's action and, row by row, scope.

Issue 11: hr imported waybills, invoices, payments, customers and ownership; finance imported
staff and moved another branch's customer; a branch manager imported into the other branch.
Every refused import must change nothing and say why (which row, which record).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.errors import BatonError, PermissionDenied
from desktop.models.accounts import Role
from desktop.models.base import Base
from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.orders import FollowUp, Order, Payment, Receivable
from desktop.models.staff import Employee
from desktop.services import staff
from desktop.services.context import ServiceContext
from desktop.services.imports import (
    KINDS,
    ImportOutsideScope,
    ImportRejected,
    importable_kinds,
    preview_import,
    run_import,
)

STAFF = (
    "工号,姓名,分公司,岗位,状态,是否销售\n"
    "M001,周经理,上海,销售经理,在职,是\n"
    "S001,张伟,上海,销售代表,在职,是\n"
    "S002,李娜,上海,销售代表,在职,是\n"
    "G001,王芳,广州,销售代表,在职,是\n"
    "G002,陈静,广州,销售代表,在职,是\n"
)
CUSTOMERS = (
    "客户编码,客户名称,业务员\n"
    "C-SH,上海恒达,S001\n"
    "C-SH2,上海顺丰,S001\n"
    "C-GZ,广州华南,G001\n"
    "C-GZ2,广州南方,G001\n"
    "C-POOL,公海客户,\n"
)

#: The policy: what each role may type is what it may import (PERMISSIONS in permissions.py).
ALLOWED: dict[Role, set[str]] = {
    Role.ADMIN: set(KINDS),
    Role.HR: {"staff"},
    Role.MANAGER: {"customers", "assignments", "orders", "followups"},
    Role.FINANCE: {"orders", "receivables", "payments"},
    Role.SALES: set(),
    Role.AUDITOR: set(),
}
#: The table each kind writes its one row to, to see an allowed import land.
LANDS_IN = {
    "staff": Employee,
    "customers": Customer,
    "assignments": CustomerAssignment,
    "orders": Order,
    "receivables": Receivable,
    "payments": Payment,
    "followups": FollowUp,
}


def in_scope_file(folder: Path, kind: str, tag: str, ctx: ServiceContext) -> Path:
    """One row of ``kind`` touching only 上海 (the manager's branch) records."""
    today = ctx.today()
    later = today + timedelta(days=10)
    text = {
        "staff": f"工号,姓名,分公司\nN-{tag},新人{tag},上海\n",
        "customers": f"客户编码,客户名称,业务员\nNC-{tag},新客户{tag},S001\n",
        "assignments": f"客户,业务员,开始日期\nC-SH2,S002,{later}\n",
        "orders": f"运单号,客户,日期,业务员,金额\nW-{tag},C-SH,{today},S001,500\n",
        "receivables": f"发票号,客户,开票日期,金额\nI-{tag},C-SH,{today},300\n",
        "payments": f"客户,回款日期,金额,流水号\nC-SH,{today},100,P-{tag}\n",
        "followups": f"客户,日期,业务员,内容\nC-SH,{today},S001,电话沟通\n",
    }[kind]
    path = folder / f"{kind}-{tag}.csv"
    path.write_text(text, encoding="utf-8")
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(ctx: ServiceContext, skip: frozenset[str] = frozenset()) -> dict[str, list[Any]]:
    """Every row of every table (but ``skip``): what "changes nothing" is checked against."""
    with ctx.transaction() as s:
        return {
            table.name: sorted(
                (tuple(map(repr, row)) for row in s.execute(select(table))), key=repr
            )
            for table in Base.metadata.sorted_tables
            if table.name not in skip
        }


@pytest.fixture
def firm(admin: ServiceContext, role_users, tmp_path: Path) -> ServiceContext:
    """Staff and customers in 上海 and 广州, one open invoice each; the manager account is
    周经理's (上海), the sales account 张伟's."""
    run_import(admin, "staff", write(tmp_path / "staff.csv", STAFF))
    run_import(admin, "customers", write(tmp_path / "customers.csv", CUSTOMERS))
    today = admin.today()
    run_import(
        admin,
        "receivables",
        write(
            tmp_path / "invoices.csv",
            f"发票号,客户,开票日期,金额\nINV-SH,C-SH,{today},1000\nINV-GZ,C-GZ,{today},1000\n",
        ),
    )
    with admin.transaction() as s:
        ids = dict(s.execute(select(Employee.employee_no, Employee.id)).all())
    staff.link_user(admin, "manager", ids["M001"])
    staff.link_user(admin, "sales", ids["S001"])
    return admin


def rows_of(ctx: ServiceContext, model: type) -> int:
    with ctx.transaction() as s:
        return len(s.scalars(select(model.id)).all())


# --------------------------------------------------------------------------- role × kind


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_imports_only_what_it_may_type(firm, login_as, tmp_path, role, kind):
    ctx = login_as(role)
    path = in_scope_file(tmp_path, kind, role.value, ctx)
    if kind in ALLOWED[role]:
        before = rows_of(firm, LANDS_IN[kind])
        result = run_import(ctx, kind, path)
        assert rows_of(firm, LANDS_IN[kind]) == before + 1, result.inserted
        return
    before = snapshot(firm)
    for attempt in (run_import, preview_import):
        with pytest.raises(PermissionDenied) as refused:
            attempt(ctx, kind, path)
        message = refused.value.message()
        assert role.value in message, message
        assert kind in message or "import" in message, message
    assert snapshot(firm) == before, "a refused import changes nothing"


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_the_service_says_which_kinds_a_role_may_import(role):
    assert importable_kinds(role) == [k for k in KINDS if k in ALLOWED[role]]


def test_hr_may_not_import_money_customers_or_ownership(firm, login_as, tmp_path):
    hr = login_as(Role.HR)
    before = snapshot(firm)
    for kind in ("orders", "receivables", "payments", "customers", "assignments", "followups"):
        with pytest.raises(PermissionDenied, match=f"may not import {kind}"):
            run_import(hr, kind, in_scope_file(tmp_path, kind, "hr", hr))
    assert snapshot(firm) == before


def test_finance_may_not_move_another_branchs_customer_by_import(firm, login_as, tmp_path):
    finance = login_as(Role.FINANCE)
    later = finance.today() + timedelta(days=5)
    file = write(tmp_path / "move.csv", f"客户,业务员,开始日期\nC-GZ,S001,{later}\n")
    before = snapshot(firm)
    with pytest.raises(PermissionDenied, match=r"customers\.reassign"):
        run_import(finance, "assignments", file)
    with pytest.raises(PermissionDenied, match=r"staff\.edit"):
        run_import(finance, "staff", in_scope_file(tmp_path, "staff", "fin", finance))
    assert snapshot(firm) == before


# --------------------------------------------------------------------------- scope, row by row

#: A branch manager (上海) naming 广州 records: (kind, file, the refused row, words of the reason).
OUTSIDE = [
    (
        "customers",
        "客户编码,客户名称,业务员\nNC-1,新客户一,S001\nNC-2,新客户二,G001\n",
        3,
        "G001 works at 广州, outside your branch 上海",
    ),
    (
        "assignments",
        "客户,业务员,开始日期\nC-SH2,S002,{later}\nC-GZ,S002,{later}\n",
        3,
        "customer C-GZ is not owned by your branch 上海",
    ),
    (
        "assignments",
        "客户,业务员,开始日期\nC-SH2,G002,{later}\n",
        2,
        "G002 works at 广州, outside your branch 上海",
    ),
    (
        "orders",
        "运单号,客户,日期,业务员,金额\nW-1,C-SH,{today},S001,10\nW-2,广州南方,{today},S001,10\n",
        3,
        "customer 广州南方 is not owned by your branch 上海",
    ),
    (
        "orders",
        "运单号,客户,日期,业务员,金额\nW-3,C-SH,{today},陈静,10\n",
        2,
        "陈静 works at 广州, outside your branch 上海",
    ),
    (
        "followups",
        "客户,日期,业务员,内容\nC-SH,{today},S001,拜访\nC-GZ,{today},S001,拜访\n",
        3,
        "customer C-GZ is not owned by your branch 上海",
    ),
]


@pytest.mark.parametrize(
    ("kind", "text", "row", "reason"),
    OUTSIDE,
    ids=[f"{k}-{i}" for i, (k, *_) in enumerate(OUTSIDE)],
)
def test_a_branch_manager_may_not_import_into_another_branch(
    firm, login_as, tmp_path, kind, text, row, reason
):
    manager = login_as(Role.MANAGER)
    today = manager.today()
    file = write(
        tmp_path / f"{kind}.csv", text.format(today=today, later=today + timedelta(days=7))
    )
    before = snapshot(firm)
    with pytest.raises(ImportOutsideScope) as refused:
        run_import(manager, kind, file)
    assert refused.value.message() == f"Row {row}: {reason}. Nothing was imported."
    assert snapshot(firm) == before, "the in-scope rows were not written either"
    preview = preview_import(manager, kind, file)
    assert not preview.ok
    assert [(e.row, e.reason()) for e in preview.errors] == [(row, reason)]


def test_every_row_is_checked_not_only_the_first(firm, login_as, tmp_path):
    manager = login_as(Role.MANAGER)
    today = manager.today()
    lines = [f"W-{i},C-SH,{today},S001,10" for i in range(200)]
    lines[57] = f"W-57,C-GZ2,{today},S001,10"
    lines[199] = f"W-199,C-SH,{today},G001,10"
    file = write(tmp_path / "orders.csv", "运单号,客户,日期,业务员,金额\n" + "\n".join(lines))
    before = snapshot(firm)
    with pytest.raises(ImportOutsideScope) as refused:
        run_import(manager, "orders", file)
    assert refused.value.message() == (
        "Row 59: customer C-GZ2 is not owned by your branch 上海; 1 more row(s) are outside "
        "what you may change. Nothing was imported."
    )
    assert [e.row for e in refused.value.refused] == [59, 201]
    assert snapshot(firm) == before


def test_a_manager_imports_freely_within_the_branch_and_from_the_pool(firm, login_as, tmp_path):
    manager = login_as(Role.MANAGER)
    today = manager.today()
    later = today + timedelta(days=3)
    run_import(
        manager,
        "assignments",
        write(
            tmp_path / "a.csv", f"客户,业务员,开始日期\nC-POOL,S002,{later}\nC-SH2,S002,{later}\n"
        ),
    )
    run_import(
        manager,
        "customers",
        write(tmp_path / "c.csv", "客户编码,客户名称,业务员\nNC-9,新客户,李娜\nNC-10,无主客户,\n"),
    )
    with firm.transaction() as s:
        moved = s.scalars(
            select(Customer.code)
            .join(CustomerAssignment, CustomerAssignment.customer_id == Customer.id)
            .join(Employee, Employee.id == CustomerAssignment.employee_id)
            .where(Employee.employee_no == "S002")
        ).all()
    assert sorted(moved) == ["C-POOL", "C-SH2", "NC-9"]


def test_a_manager_linked_to_nobody_imports_nothing(firm, relogin, tmp_path):
    """Issue 14: an unlinked manager without a branch sees nothing, not the whole firm (a
    general manager who needs the firm is an administrator)."""
    from desktop.services import accounts
    from tests.conftest import ROLE_PASSWORD

    accounts.add_user(firm, "gm", "总经理", "manager", ROLE_PASSWORD)
    gm = relogin("gm", ROLE_PASSWORD)
    today = gm.today()
    before = snapshot(firm)
    with pytest.raises(BatonError):
        run_import(
            gm,
            "orders",
            write(tmp_path / "o.csv", f"运单号,客户,日期,业务员,金额\nW-GM,C-GZ,{today},G001,10\n"),
        )
    assert snapshot(firm) == before


def test_hr_adds_staff_to_existing_branches_but_not_new_ones(firm, login_as, tmp_path):
    hr = login_as(Role.HR)
    before = snapshot(firm)
    file = write(tmp_path / "s.csv", "工号,姓名,分公司\nN-1,新人一,上海\nN-2,新人二,深圳\n")
    with pytest.raises(ImportOutsideScope) as refused:
        run_import(hr, "staff", file)
    assert refused.value.message() == (
        "Row 3: there is no branch 深圳; only an administrator may add branches. "
        "Nothing was imported."
    )
    assert snapshot(firm) == before
    result = run_import(
        hr, "staff", write(tmp_path / "ok.csv", "工号,姓名,分公司\nN-1,新人一,上海\n")
    )
    assert result.inserted["employees"] == 1
    added = write(tmp_path / "admin.csv", "工号,姓名,分公司\nN-3,新人三,深圳\n")
    result = run_import(firm, "staff", added)
    assert result.inserted["branches"] == 1, "the administrator may add a branch by import"


def test_refusal_comes_before_data_errors_and_bad_files_stay_rejected(firm, login_as, tmp_path):
    """Scope refusals are permission errors (ImportOutsideScope); a file whose rows are all in
    scope but malformed is still an ImportRejected with the row report."""
    manager = login_as(Role.MANAGER)
    today = manager.today()
    bad = write(
        tmp_path / "bad.csv",
        f"运单号,客户,日期,业务员,金额\nW-1,C-SH,{today},S001,abc\nW-2,C-GZ,{today},S001,10\n",
    )
    with pytest.raises(ImportOutsideScope) as refused:
        run_import(manager, "orders", bad)
    assert refused.value.message().startswith("Row 3: customer C-GZ")
    assert {e.row for e in refused.value.preview.errors} == {2, 3}
    malformed = write(
        tmp_path / "malformed.csv", f"运单号,客户,日期,业务员,金额\nW-1,C-SH,{today},S001,abc\n"
    )
    with pytest.raises(ImportRejected):
        run_import(manager, "orders", malformed)
