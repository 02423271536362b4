"""Imports that meet real files: the spreadsheets small firms keep, built in each test.

Title rows, 序号 columns, units in brackets of both widths, starred headers, total rows, the old
``.xls`` format, a staff list without a branch column, 手机号码 — each imports with nothing lost.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from desktop.errors import ValidationError
from desktop.models.customers import Contact, Customer, CustomerAssignment
from desktop.models.orders import Order, Receivable
from desktop.models.organisation import Branch
from desktop.models.staff import Department, Employee
from desktop.services.imports import ImportRejected, map_columns, preview_import, run_import
from desktop.services.imports.mapping import mapping_line, suggest_field
from desktop.services.login import login
from desktop.services.tabular import normalise_header
from tests.support import ADMIN_PASSWORD, make_vault

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


def xlsx(path: Path, rows: list[list[object]], title: str = "Sheet1", extra: str | None = None):
    book = openpyxl.Workbook()
    if extra:
        book.active.title = extra
        book.active.append(["说明：本表由系统导出"])
        sheet = book.create_sheet(title)
    else:
        sheet = book.active
        sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def one_branch(paths):
    """A firm with one branch, as most small firms are."""
    make_vault(paths, branches=("总部",))
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    yield ctx
    ctx.close()


def employees(ctx) -> dict[str, Employee]:
    with ctx.transaction() as s:
        rows = s.scalars(select(Employee)).all()
        s.expunge_all()
        return {e.employee_no: e for e in rows}


def test_headers_are_normalised_before_matching():
    assert normalise_header("账期(天)") == normalise_header("账期（天）") == "账期"
    assert normalise_header("*工号") == normalise_header("＊工号") == "工号"
    assert normalise_header("姓名：") == normalise_header("姓名:") == "姓名"
    assert normalise_header("重量[kg]") == "重量"
    assert normalise_header("ＥＭＰＬＯＹＥＥ　ＮＯ") == "employeeno"
    assert normalise_header("（备注）") == "备注", "a header that is only brackets keeps its word"
    mapping, errors = map_columns(
        "staff", ["序号", "*工号", "姓名：", "手机号码", "身份证号码", "入职时间", "所属部门"]
    )
    assert errors == []
    assert sorted(mapping.values()) == sorted(
        ["employee_no", "name", "phone", "id_number", "hire_date", "department"]
    ), "序号 is ignored; every other column lands on its field"
    mapping, errors = map_columns(
        "customers", ["客户编码", "客户名称", "账期(天)", "联系人", "联系人手机", "分配日期"]
    )
    assert errors == [] and "payment_terms_days" in mapping.values()
    assert "owner_since" in mapping.values() and "contact_phone" in mapping.values()


def test_an_unknown_header_names_the_closest_field_and_the_mapping_line():
    assert suggest_field("staff", "员工手机号") == "phone"
    _, errors = map_columns("staff", ["工号", "姓名", "员工手机号", "血型"])
    by_column = {e.column: e for e in errors}
    assert "probably the field phone" in by_column["员工手机号"].reason()
    assert mapping_line(by_column["员工手机号"]) == '"员工手机号": "phone"'
    assert mapping_line(by_column["血型"]) == '"血型": "ignore"'


def test_a_staff_list_as_hr_software_exports_it(one_branch, tmp_path):
    path = xlsx(
        tmp_path / "花名册.xlsx",
        [
            ["某某物流有限公司员工花名册"],
            ["导出日期：2026-11-30"],
            [],
            ["序号", "*工号", "*姓名", "手机号码", "部门", "岗位", "入职时间", "身份证号码"],
            [1, "E001", "张伟", "13800000001", "销售部", "销售经理", "2015-03-01", None],
            [],
            [2, "E002", "李娜", "13800000002", "财务部", "会计", "2019-07-15", None],
            ["合计", None, "2人", None, None, None, None, None],
        ],
    )
    preview = preview_import(one_branch, "staff", path)
    assert preview.ok, [e.reason() for e in preview.errors]
    assert preview.header_row == 4 and preview.total_rows == 2
    assert preview.skipped_rows == (8,), "the 合计 row is skipped and named by its sheet row"
    result = run_import(one_branch, "staff", path)
    assert result.inserted["employees"] == 2 and result.skipped_rows == (8,)
    staff = employees(one_branch)
    assert staff["E001"].phone == "13800000001" and staff["E002"].phone == "13800000002"
    assert staff["E001"].hire_date == date(2015, 3, 1)
    with one_branch.transaction() as s:
        branch_id = s.scalar(select(Branch.id).where(Branch.name == "总部"))
        departments = dict(s.execute(select(Department.id, Department.name)).all())
        assert set(departments.values()) == {"销售部", "财务部"}
        assert s.scalar(select(Department.branch_id).where(Department.name == "销售部")) == (
            branch_id
        ), "with no branch column, departments attach to the firm's only branch"
    assert departments[staff["E002"].department_id] == "财务部"


def test_departments_without_a_branch_column_are_refused_when_the_firm_has_two(admin, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("工号,姓名,部门\nE001,张伟,销售部\nE002,李娜,\n", encoding="utf-8")
    preview = preview_import(admin, "staff", path)
    assert not preview.ok, "never 'all rows are valid' while departments would be dropped"
    (error,) = preview.errors
    assert error.row == 2 and error.column == "部门"
    assert "add a branch (分公司) column" in error.reason()
    with pytest.raises(ImportRejected):
        run_import(admin, "staff", path)
    assert employees(admin) == {}
    result = run_import(admin, "staff", path, options={"branch": "广州"})
    assert result.inserted["employees"] == 2
    with admin.transaction() as s:
        dept = s.scalar(select(Department).where(Department.name == "销售部"))
        assert s.get(Branch, dept.branch_id).name == "广州"
    with pytest.raises(ValidationError, match="no branch"):
        preview_import(admin, "staff", path, options={"branch": "北京"})


def test_an_old_xls_workbook_on_a_named_sheet(one_branch):
    path = FIXTURES / "staff_old.xls"
    with pytest.raises(ImportRejected):
        run_import(one_branch, "staff", path)  # the first sheet is a cover note
    with pytest.raises(ValidationError, match="no sheet"):
        preview_import(one_branch, "staff", path, sheet="工资")
    preview = preview_import(one_branch, "staff", path, sheet="花名册")
    assert preview.ok, [e.reason() for e in preview.errors]
    assert preview.header_row == 3 and preview.skipped_rows == (6,)
    run_import(one_branch, "staff", path, sheet="花名册")
    staff = employees(one_branch)
    assert staff["X001"].phone == "13900000001" and staff["X002"].name == "钱二"
    assert staff["X002"].hire_date == date(2022, 7, 15) and staff["X002"].department_id


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_customer_list_with_units_and_owner_dates(one_branch, tmp_path, encoding):
    run_import(
        one_branch,
        "staff",
        xlsx(tmp_path / "s.xlsx", [["工号", "姓名", "岗位"], ["E001", "张伟", "销售经理"]]),
    )
    text = (
        "客户档案\n"
        "序号,客户编码*,客户名称*,账期(天),信用额度（元）,业务员,分配日期,联系人,联系人手机\n"
        '1,C001,上海恒达,45,"1,000",E001,2024-05-01,赵强,13800001111\n'
        "2,C002,深圳华南,60,0,,,,\n"
        '合计,,,,"1,000",,,,\n'
    )
    path = tmp_path / f"customers-{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    result = run_import(one_branch, "customers", path)
    assert result.inserted["customers"] == 2 and result.skipped_rows == (5,)
    with one_branch.transaction() as s:
        c1 = s.scalar(select(Customer).where(Customer.code == "C001"))
        assert c1.payment_terms_days == 45 and c1.credit_limit == Decimal("1000.00")
        assert s.scalar(select(Customer.payment_terms_days).where(Customer.code == "C002")) == 60
        assert s.scalar(
            select(CustomerAssignment.valid_from).where(CustomerAssignment.customer_id == c1.id)
        ) == date(2024, 5, 1), "ownership starts on the file's date, not on the import day"
        assert s.scalar(select(Contact.phone).where(Contact.customer_id == c1.id)) == (
            "13800001111"
        )


def test_a_contact_phone_without_a_name_is_refused_not_dropped(admin, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("客户编码,客户名称,联系手机\nC001,恒达,13800001111\n", encoding="utf-8")
    preview = preview_import(admin, "customers", path)
    assert [e.column for e in preview.errors] == ["联系手机"]


def test_waybills_can_raise_their_receivables(one_branch, tmp_path):
    run_import(
        one_branch,
        "customers",
        xlsx(tmp_path / "c.xlsx", [["客户编码", "客户名称", "账期（天）"], ["C001", "恒达", 45]]),
    )
    path = xlsx(
        tmp_path / "waybills.xlsx",
        [
            ["运单号", "客户", "开单日期", "运费（元）", "状态"],
            ["W001", "C001", date(2026, 10, 1), 1200.5, "已签收"],
            ["W002", "恒达", date(2026, 10, 3), 800, "作废"],
            ["合计", None, None, 2000.5, None],
        ],
    )
    preview = preview_import(one_branch, "orders", path, options={"receivables": True})
    assert preview.ok and preview.will_create == {"receivables": 1}
    result = run_import(one_branch, "orders", path, options={"receivables": True})
    assert result.inserted == {"orders": 2, "receivables": 1}
    with one_branch.transaction() as s:
        (receivable,) = s.scalars(select(Receivable)).all()
        assert receivable.amount == Decimal("1200.50")
        assert receivable.due_on == date(2026, 10, 1) + timedelta(days=45)
        order = s.scalar(select(Order).where(Order.number == "W001"))
        assert order.receivable_id == receivable.id and order.status == "invoiced"
        assert s.scalar(select(Order.receivable_id).where(Order.number == "W002")) is None


def test_the_cli_names_the_closest_field_and_the_mapping_that_fixes_it(paths, tmp_path):
    from tests.support import run_baton

    make_vault(paths, branches=("总部",))
    staff = tmp_path / "staff.csv"
    staff.write_text("工号,姓名,员工手机号,部门\nE001,张伟,13800000001,销售部\n", encoding="utf-8")
    proc = run_baton(paths.data_dir, "import", "staff", str(staff), password=ADMIN_PASSWORD)
    assert proc.returncode == 2
    assert "probably the field phone" in proc.stdout
    assert '{"员工手机号": "phone"}' in proc.stdout, proc.stdout
    mapping = tmp_path / "m.json"
    mapping.write_text('{"员工手机号": "phone"}', encoding="utf-8")
    args = ("import", "staff", str(staff), "--mapping", str(mapping))
    proc = run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run_baton(
        paths.data_dir,
        "import",
        "staff",
        str(FIXTURES / "staff_old.xls"),
        "--sheet",
        "花名册",
        "--dry-run",
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "sheet 花名册, header on row 3" in proc.stdout
    assert "Skipped total rows (合计/小计/总计): 6" in proc.stdout


def test_re_importing_updates_by_key_and_never_duplicates(one_branch, tmp_path):
    first = tmp_path / "staff1.csv"
    first.write_text(
        "工号,姓名,手机号码,部门\nE001,张伟,13800000001,销售部\nE002,李娜,,财务部\n",
        encoding="utf-8",
    )
    run_import(one_branch, "staff", first)
    second = tmp_path / "staff2.csv"
    second.write_text(
        "工号,姓名,手机号码,部门\n"
        "E001,张伟,13800000001,销售部\n"  # unchanged
        "E002,李娜,13900000002,销售部\n"  # a phone added, a new department
        "E003,王芳,13700000003,\n",  # new
        encoding="utf-8",
    )
    preview = preview_import(one_branch, "staff", second)
    assert preview.ok, [e.reason() for e in preview.errors]
    assert (preview.total_rows, preview.will_update, preview.unchanged) == (3, 1, 1)
    assert len(employees(one_branch)) == 2, "the dry run changed nothing"
    result = run_import(one_branch, "staff", second)
    assert result.inserted["employees"] == 1 and result.inserted["updated"] == 1
    staff = employees(one_branch)
    assert sorted(staff) == ["E001", "E002", "E003"]
    assert staff["E002"].phone == "13900000002" and staff["E002"].version == 2
    assert staff["E002"].department_id == staff["E001"].department_id
    assert staff["E001"].version == 1, "an unchanged row is not written"

    customers = tmp_path / "c.csv"
    customers.write_text("客户编码,客户名称,账期\nC001,恒达,30\n", encoding="utf-8")
    run_import(one_branch, "customers", customers)
    customers.write_text(
        "客户编码,客户名称,账期,联系人,联系手机\nC001,恒达物流,45,赵强,13800001111\n",
        encoding="utf-8",
    )
    preview = preview_import(one_branch, "customers", customers)
    assert (preview.will_update, preview.unchanged) == (1, 0)
    run_import(one_branch, "customers", customers)
    run_import(one_branch, "customers", customers)  # a third time: nothing to change
    with one_branch.transaction() as s:
        (customer,) = s.scalars(select(Customer)).all()
        assert (customer.name, customer.payment_terms_days) == ("恒达物流", 45)
        assert s.scalars(select(Contact.phone)).all() == ["13800001111"]


def test_a_confirmed_mapping_is_remembered_for_files_with_the_same_headers(one_branch, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("工号,姓名,座机分机\nE001,张伟,8001\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        run_import(one_branch, "staff", first)
    run_import(one_branch, "staff", first, mapping={"座机分机": "phone"})
    second = tmp_path / "b.csv"
    second.write_text("工号,姓名,座机分机\nE002,李娜,8002\n", encoding="utf-8")
    run_import(one_branch, "staff", second)  # no mapping given: the confirmed one is used
    assert employees(one_branch)["E002"].phone == "8002"


@pytest.mark.parametrize("kind", ["staff", "customers", "orders"])
def test_every_import_template_column_maps_back_to_its_field(paths, tmp_path, kind):
    from tests.support import run_baton

    make_vault(paths, branches=("总部",))
    out = tmp_path / f"{kind}.xlsx"
    proc = run_baton(paths.data_dir, "import-template", kind, "--out", str(out), password=None)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    book = openpyxl.load_workbook(out)
    headers = [c.value for c in book["导入模板"][1]]
    mapping, errors = map_columns(kind, headers)
    assert errors == [] and len(mapping) == len(headers), "every template column maps"
    assert book["说明"].max_row > 2


def test_re_importing_waybills_updates_them_and_guards_invoiced_ones(one_branch, tmp_path):
    run_import(
        one_branch,
        "customers",
        xlsx(tmp_path / "c.xlsx", [["客户编码", "客户名称"], ["C001", "恒达"], ["C002", "华南"]]),
    )
    head = ["运单号", "客户", "开单日期", "运费", "目的地"]
    first = xlsx(
        tmp_path / "w1.xlsx",
        [
            head,
            ["W001", "C001", date(2026, 10, 1), 100, "广州"],
            ["W002", "C001", date(2026, 10, 2), 200, None],
        ],
    )
    run_import(one_branch, "orders", first, options={"receivables": True})
    second = xlsx(
        tmp_path / "w2.xlsx",
        [
            head,
            ["W001", "C001", date(2026, 10, 1), 100, "深圳"],  # destination corrected
            ["W002", "C001", date(2026, 10, 2), 200, None],  # unchanged
            ["W003", "C002", date(2026, 10, 3), 300, "上海"],  # new
        ],
    )
    preview = preview_import(one_branch, "orders", second)
    assert (preview.total_rows, preview.will_update, preview.unchanged) == (3, 1, 1)
    result = run_import(one_branch, "orders", second)
    assert result.inserted == {"orders": 1, "updated": 1}
    with one_branch.transaction() as s:
        assert s.scalar(select(Order.destination).where(Order.number == "W001")) == "深圳"
        assert len(s.scalars(select(Order)).all()) == 3
    third = xlsx(tmp_path / "w3.xlsx", [head, ["W001", "C001", date(2026, 10, 1), 150, "深圳"]])
    preview = preview_import(one_branch, "orders", third)
    assert [e.column for e in preview.errors] == ["运费"], "an invoiced amount is not re-imported"
    assert "AR-W001" in preview.errors[0].reason()


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, dict]]:
    fake_xls = tmp_path / "fake.xls"
    fake_xls.write_text("工号,姓名\nE001,张伟\n", encoding="utf-8")  # a CSV renamed .xls
    cut_xls = tmp_path / "cut.xls"
    cut_xls.write_bytes((FIXTURES / "staff_old.xls").read_bytes()[:700])
    only_title = xlsx(tmp_path / "title.xlsx", [["员工花名册"], ["导出日期：2026-11-30"]])
    only_total = tmp_path / "total.csv"
    only_total.write_text("工号,姓名\n合计,2人\n", encoding="utf-8")
    wrong_sheet = xlsx(tmp_path / "sheets.xlsx", [["工号", "姓名"], ["E001", "张伟"]])
    dup_synonyms = tmp_path / "dup.csv"
    dup_synonyms.write_text("工号,姓名,手机,手机号码\nE001,张伟,1,2\n", encoding="utf-8")
    no_branch = tmp_path / "nobranch.csv"
    no_branch.write_text("工号,姓名,部门\nE001,张伟,销售部\n", encoding="utf-8")
    blank_header = tmp_path / "blank.csv"
    blank_header.write_text("序号,,\n1,E001,张伟\n", encoding="utf-8")
    return {
        "csv renamed .xls": (fake_xls, {}),
        "truncated .xls": (cut_xls, {}),
        "title rows only": (only_title, {}),
        "a total row only": (only_total, {}),
        "a sheet that is not there": (wrong_sheet, {"sheet": "花名册"}),
        "two columns for one field": (dup_synonyms, {}),
        "departments, two branches, no branch column": (no_branch, {}),
        "an unknown --branch": (no_branch, {"options": {"branch": "火星"}}),
        "no headers but 序号": (blank_header, {}),
    }


def test_bad_real_files_are_refused_in_words_and_change_nothing(admin, tmp_path):
    """Figures for the report: every bad file is a BatonError (a message, not a traceback)
    and the vault is unchanged."""
    from desktop.errors import BatonError

    handled = []
    for name, (path, kwargs) in _bad_files(tmp_path).items():
        try:
            run_import(admin, "staff", path, **kwargs)
        except BatonError as exc:
            assert exc.message(), name
            handled.append(name)
        assert employees(admin) == {}, name
    assert len(handled) == len(_bad_files(tmp_path)), handled


def test_only_a_leading_total_mark_skips_a_row(one_branch, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("客户编码,客户名称\nTOTAL,道达尔\nC002,Total\n小计,\n", encoding="utf-8")
    preview = preview_import(one_branch, "customers", path)
    # A total row is recognised by its first filled cell; "Total" as a name is a customer.
    assert preview.skipped_rows == (2, 4) and preview.total_rows == 1


def test_ownership_starts_on_the_day_given_when_the_file_has_no_date(one_branch, tmp_path):
    run_import(one_branch, "staff", xlsx(tmp_path / "s.xlsx", [["工号", "姓名"], ["E001", "张伟"]]))
    path = tmp_path / "c.csv"
    path.write_text("客户编码,客户名称,业务员\nC001,恒达,E001\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no later than today"):
        run_import(one_branch, "customers", path, options={"owner_since": date(2999, 1, 1)})
    run_import(one_branch, "customers", path, options={"owner_since": date(2023, 1, 1)})
    with one_branch.transaction() as s:
        assert s.scalar(select(CustomerAssignment.valid_from)) == date(2023, 1, 1)
