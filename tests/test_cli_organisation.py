"""``baton settings``, ``baton org``, ``baton user link`` and ``baton claims``: the use cases that
had no face (business rules, departments and positions, whose account is whose, pool claims),
as an administrator's script runs them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.config import Paths
from desktop.services import accounts, customers, departures, staff
from desktop.services import business_settings as settings
from desktop.services.login import login
from tests.support import (
    ADMIN_PASSWORD,
    assert_one_line_error,
    make_vault,
    run_baton,
    submitted_by_baton,
)

STAFF = (
    "工号,姓名,分公司,部门,岗位,入职日期,状态,是否销售\n"
    "E001,张伟,上海,销售部,销售经理,2015/3/1,在职,是\n"
    "E002,李娜,上海,销售部,销售代表,2019/7/15,在职,是\n"
)
CUSTOMERS = "客户编码,客户名称,业务员,信用额度\nC001,恒达,E001,100\nC002,华南,E002,200\n"
OTHER_PASSWORD = "other-pass-1"


@pytest.fixture
def vault_dir(paths: Paths) -> Paths:
    make_vault(paths)
    return paths


def baton(paths: Paths, *args: str, user: str = "admin", password: str = ADMIN_PASSWORD):
    return run_baton(paths.data_dir, *args, user=user, password=password)


def ok(proc) -> str:
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    return proc.stdout


def as_admin(paths: Paths):
    return login(paths, "admin", ADMIN_PASSWORD)


def with_staff_and_customers(paths: Paths, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_text(STAFF, encoding="utf-8")
    (tmp_path / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    ok(baton(paths, "import", "staff", str(tmp_path / "staff.csv")))
    ok(baton(paths, "import", "customers", str(tmp_path / "customers.csv")))


def test_business_rules_are_listed_changed_refused_and_reset(vault_dir):
    listed = ok(baton(vault_dir, "settings", "list"))
    assert "protection_months = 12 (default)" in listed or "protection_months = " in listed
    assert "provision_ladder = [" in listed  # JSON, as `settings set` takes it back
    before = listed.split("notice_days = ", 1)[1].split()[0]

    assert ok(baton(vault_dir, "settings", "set", "notice_days", "28")) == "notice_days = 28\n"
    bad = baton(vault_dir, "settings", "set", "notice_days", "9999")
    assert_one_line_error(bad, 2, "notice_days")
    ctx = as_admin(vault_dir)
    try:
        assert settings.get(ctx, "notice_days") == 28, "a refused value changes nothing"
    finally:
        ctx.close()
    assert_one_line_error(baton(vault_dir, "settings", "set", "no_such_rule", "1"), 2)

    out = ok(baton(vault_dir, "settings", "reset", "notice_days"))
    assert out == f"notice_days = {before} (default)\n"


def test_a_ladder_set_from_its_listed_text_round_trips(vault_dir):
    listed = ok(baton(vault_dir, "settings", "list"))
    ladder = listed.split("provision_ladder = ", 1)[1].splitlines()[0].removesuffix(" (default)")
    assert ok(baton(vault_dir, "settings", "set", "provision_ladder", ladder)).strip() == (
        f"provision_ladder = {ladder}"
    )


def test_departments_positions_and_the_company_name(vault_dir):
    listed = ok(baton(vault_dir, "org", "list"))
    assert "Company: 测试物流有限公司" in listed
    branch = int(listed.split("branch ", 1)[1].split(":", 1)[0])

    added = ok(baton(vault_dir, "org", "department", "add", "--branch", str(branch), "客服部"))
    department = int(added.rsplit("id ", 1)[1])
    assert_one_line_error(
        baton(vault_dir, "org", "department", "add", "--branch", str(branch), "客服部"), 2
    )
    ok(baton(vault_dir, "org", "department", "rename", str(department), "客户服务部"))

    added = ok(baton(vault_dir, "org", "position", "add", "调度员", "--category", "dispatcher"))
    position = int(added.rsplit("id ", 1)[1])
    refused = baton(
        vault_dir, "org", "position", "update", str(position), "调度", "--category", "x"
    )
    assert_one_line_error(refused, 2, "position category")
    ok(
        baton(
            vault_dir, "org", "position", "update", str(position), "调度主管", "--category", "other"
        )
    )
    ok(baton(vault_dir, "org", "company", "新名字物流有限公司"))

    listed = ok(baton(vault_dir, "org", "list"))
    assert "Company: 新名字物流有限公司" in listed
    assert f"  department {department}: 客户服务部" in listed and "客服部" not in listed
    assert f"position {position}: 调度主管 (other)" in listed


def test_a_linked_salesperson_sees_their_customers(vault_dir, tmp_path):
    """Without the link a sales account sees no customer at all; the link is its scope."""
    with_staff_and_customers(vault_dir, tmp_path)
    ctx = as_admin(vault_dir)
    try:
        accounts.add_user(ctx, "zhang", "张伟", "sales", OTHER_PASSWORD)
    finally:
        ctx.close()

    def seen() -> list[str]:
        sales = login(vault_dir, "zhang", OTHER_PASSWORD)
        try:
            return [c.code for c in customers.list_customers(sales, 0, 50)]
        finally:
            sales.close()

    assert seen() == []
    assert ok(baton(vault_dir, "user", "link", "zhang", "E001")) == (
        "zhang is the account of employee E001.\n"
    )
    assert seen() == ["C001"]
    assert_one_line_error(baton(vault_dir, "user", "link", "zhang", "E404"), 2, "E404")
    assert seen() == ["C001"], "a refused link changes nothing"
    ok(baton(vault_dir, "user", "link", "zhang", "--none"))
    assert seen() == []


def test_a_pool_claim_is_listed_and_decided(vault_dir, tmp_path):
    with_staff_and_customers(vault_dir, tmp_path)
    ctx = as_admin(vault_dir)
    try:
        accounts.add_user(ctx, "admin2", "管理员二", "admin", OTHER_PASSWORD)
        zhang = staff.employee_by_no(ctx, "E001")
        owned_since = ctx.today() - timedelta(days=400)
        c001 = min(
            customers.create_customer(
                ctx, customers.CustomerInput("C009", "恒达"), zhang, owned_since
            ).ids
        )
        customers.release_to_pool(ctx, c001, ctx.today() - timedelta(days=30), note="停业")
        li = staff.employee_by_no(ctx, "E002")
        customers.request_claim(ctx, c001, "老客户回来了", employee_id=li)
    finally:
        ctx.close()

    listed = ok(baton(vault_dir, "claims", "list"))
    assert "C009 恒达 → 李娜 (pending" in listed and "老客户回来了" in listed
    claim = int(listed.split("claim ", 1)[1].split(":", 1)[0])
    after = (date.today() - timedelta(days=10)).isoformat()
    mine = baton(vault_dir, "claims", "decide", str(claim), "approve", "--effective", after)
    assert_one_line_error(mine, 2, "another manager must decide")
    decided = baton(
        vault_dir,
        *("claims", "decide", str(claim), "approve", "--effective", after),
        user="admin2",
        password=OTHER_PASSWORD,
    )
    assert ok(decided) == f"Claim {claim} approved.\n"
    assert ok(baton(vault_dir, "claims", "list")) == "No claims.\n"
    ctx = as_admin(vault_dir)
    try:
        owner = customers.owner_on(ctx, c001, ctx.today())
        assert owner is not None and owner.name == "李娜"
    finally:
        ctx.close()


def test_contracts_are_added_listed_and_ended(vault_dir, tmp_path):
    """Contracts had no way in; recorded here, they are handed over with their customer."""
    with_staff_and_customers(vault_dir, tmp_path)
    added = ok(
        baton(
            vault_dir,
            *("contract", "add", "C001", "HT-2026-1", "--starts-on", "2026-01-01"),
            *("--keeper", "E001"),
        )
    )
    contract = int(added.rsplit("id ", 1)[1])
    assert_one_line_error(
        baton(vault_dir, "contract", "add", "C404", "HT-X", "--starts-on", "2026-01-01"),
        2,
        "C404",
    )
    listed = ok(baton(vault_dir, "contract", "list", "--customer", "C001"))
    assert f"contract {contract}: HT-2026-1 C001 恒达 2026-01-01 – …" in listed
    assert "kept by 张伟" in listed
    ok(baton(vault_dir, "contract", "end", str(contract), "--on", "2026-06-30"))
    assert ok(baton(vault_dir, "contract", "list", "--open")) == "No contracts.\n"


def test_a_clause_gets_a_new_current_version(vault_dir, tmp_path):
    listed = ok(baton(vault_dir, "clauses", "list"))
    key = listed.split(" [", 1)[0]
    body = tmp_path / "clause.txt"
    body.write_text("离职后十二个月内不得劝诱客户。\n", encoding="utf-8")
    args = ["clauses", "set", key, "zh", "--title", "客户保护", "--body-file", str(body)]
    assert "new current version" in ok(baton(vault_dir, *args))
    every = ok(baton(vault_dir, "clauses", "list", "--all", "--full"))
    assert f"{key} [zh] v2: 客户保护" in every and "(old)" in every
    assert "离职后十二个月内不得劝诱客户。" in every


def test_a_case_is_refreshed_its_leavers_accounts_revoked_and_the_overview_listed(
    vault_dir, tmp_path
):
    with_staff_and_customers(vault_dir, tmp_path)
    ctx = as_admin(vault_dir)
    try:
        accounts.add_user(ctx, "zhang", "张伟", "sales", OTHER_PASSWORD)
        zhang = staff.employee_by_no(ctx, "E001")
        (case_id,) = departures.start_case(
            ctx, departures.CaseInput(zhang, ctx.today() + timedelta(days=30))
        ).ids
        departures.submit(submitted_by_baton(ctx), case_id)
        departures.approve(ctx, case_id)
        case = departures.get_case(ctx, case_id).case.number
    finally:
        ctx.close()
    ok(baton(vault_dir, "user", "link", "zhang", "E001"))
    (tmp_path / "more.csv").write_text(
        "客户编码,客户名称,业务员,信用额度\nC003,新客户,E001,100\n", encoding="utf-8"
    )
    ok(baton(vault_dir, "import", "customers", str(tmp_path / "more.csv")))

    out = ok(baton(vault_dir, "departure", "refresh", case))
    assert out.startswith(f"Case {case}: ") and "new item(s) added" in out
    assert int(out.split(": ", 1)[1].split()[0]) >= 1, "the customer won after approval"
    assert "0 new item(s)" in ok(baton(vault_dir, "departure", "refresh", case))

    refused = baton(vault_dir, "departure", "revoke-keys", case)
    assert_one_line_error(refused, 2, "--yes")
    ok(baton(vault_dir, "departure", "revoke-keys", case, "--yes"))
    ctx = as_admin(vault_dir)
    try:
        users = {u.username: u for u in accounts.list_users(ctx, include_removed=True)}
        assert users["zhang"].removed and not users["zhang"].has_key_slot
    finally:
        ctx.close()
    overview = ok(baton(vault_dir, "departure", "overview"))
    assert overview == "No departed employee is within the protection period.\n"


def test_a_checklist_is_exported_edited_saved_and_taken_out_of_use(vault_dir, tmp_path):
    listed = ok(baton(vault_dir, "checklists", "list"))
    template = int(listed.split("checklist ", 1)[1].split(":", 1)[0])
    exported = tmp_path / "checklist.json"
    ok(baton(vault_dir, "checklists", "export", str(template), "--out", str(exported)))
    data = json.loads(exported.read_text(encoding="utf-8"))
    lines = len(data["items"])
    data["items"][0]["title"] = "交还门禁卡和工牌"
    data["items"].append(
        {"title": "移交微信客户群", "category": "other", "responsible_role": "employee"}
    )
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert f"({lines + 1} lines)" in ok(baton(vault_dir, "checklists", "save", str(exported)))
    listed = ok(baton(vault_dir, "checklists", "list"))
    assert "交还门禁卡和工牌" in listed and "移交微信客户群" in listed

    exported.write_text('{"name": "x"}', encoding="utf-8")
    assert_one_line_error(
        baton(vault_dir, "checklists", "save", str(exported)), 2, "not a checklist file"
    )
    ok(baton(vault_dir, "checklists", "deactivate", str(template)))
    assert f"checklist {template}:" not in ok(baton(vault_dir, "checklists", "list"))
    assert "(not in use)" in ok(baton(vault_dir, "checklists", "list", "--all"))
