"""Exports: the rows a user may see, as XLSX or CSV that import back, audited with a hash."""

from __future__ import annotations

import csv
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from desktop.config import Paths
from desktop.errors import ValidationError
from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent, verify_chain
from desktop.models.staff import Employee
from desktop.services import business_settings, customers, exports, money, staff
from desktop.services.exports import COLUMNS, ExportNeedsApproval, export_list
from desktop.services.imports import FIELDS, run_import
from desktop.services.setup import initialize
from desktop.services.tabular import normalise_header
from tests.conftest import ADMIN_PASSWORD

CREDIT_A = "91310000631191633A"
CREDIT_B = "91440300708461136T"

STAFF = (
    "工号,姓名,分公司,部门,岗位,入职日期,状态,是否销售,电话\n"
    "E001,张伟,上海,销售部,销售经理,2015/3/1,在职,是,13800000001\n"
    "E002,李娜,上海,销售部,销售代表,2019年7月15日,在职,是,\n"
    "E003,王芳,广州,财务部,财务专员,2020-01-06,在职,否,\n"
)
CUSTOMERS = (
    "客户编码,客户名称,统一社会信用代码,行业,地区,等级,账期,信用额度,业务员\n"
    f'C001,上海恒达供应链管理有限公司,{CREDIT_A},制造,上海市,A,45,"￥1,234.50",E001\n'
    f"C002,深圳华南电子有限公司,{CREDIT_B},电子,深圳市,B,30,8000,E002\n"
    "C003,杭州新锐服装有限公司,,服装,杭州市,,60,0,E002\n"
    "C004,宁波华宇化工有限公司,,化工,宁波市,C,30,500.5,\n"
)
ORDERS = (
    "运单号,客户,日期,业务员,始发地,目的地,运输方式,运费,成本,状态\n"
    "YD001,C001,2026-01-05,E001,上海,广州,整车,3200.50,2800,已签收\n"
    "YD002,C002,2026-01-06,E002,深圳,成都,零担,560,430.25,\n"
    "YD003,C003,2026-01-07,E002,杭州,北京,快递,88.8,60,\n"
)
RECEIVABLES = (
    "发票号,客户,开票日期,到期日,金额,业务员\n"
    "INV1,C001,2025-01-01,2025-01-31,1000,E001\n"
    "INV2,C002,2026-01-01,2026-12-31,500.50,E002\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def events(ctx, action: str) -> list[AuditEvent]:
    with ctx.transaction() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def seed(ctx, folder: Path) -> None:
    for kind, text in (
        ("staff", STAFF),
        ("customers", CUSTOMERS),
        ("orders", ORDERS),
        ("receivables", RECEIVABLES),
    ):
        run_import(ctx, kind, write(folder / f"in-{kind}.csv", text))


@pytest.fixture
def firm(admin, tmp_path):
    seed(admin, tmp_path)
    return admin


def employee_id(ctx, number: str) -> int:
    with ctx.transaction() as s:
        return s.scalar(select(Employee.id).where(Employee.employee_no == number))


def customer_lines(ctx) -> list[tuple]:
    return [
        (
            r.code,
            r.name,
            r.credit_code,
            r.industry,
            r.region,
            r.tier,
            r.payment_terms_days,
            r.credit_limit,
            r.owner_no,
            r.owner_name,
            r.in_pool,
        )
        for r in customers.list_customers(ctx, 0, 100)
    ]


def order_lines(ctx) -> list[tuple]:
    return [
        (
            r.number,
            r.customer_code,
            r.order_date,
            r.salesperson_no,
            r.origin,
            r.destination,
            r.service_type,
            r.revenue,
            r.cost,
            r.status,
        )
        for r in money.list_orders(ctx, 0, 100)
    ]


# --------------------------------------------------------------------------- the column table


def test_every_column_header_is_one_the_import_reads_back():
    for kind, columns in COLUMNS.items():
        if kind not in FIELDS:
            continue
        by_field = {
            f.name: {normalise_header(h) for h in (f.name, *f.headers)} for f in FIELDS[kind]
        }
        every_header = set().union(*by_field.values())
        fields = [c.field for c in columns if c.field]
        assert len(fields) == len(set(fields)), kind
        for column in columns:
            key = normalise_header(column.header)
            if column.field:
                assert key in by_field[column.field], (kind, column.header)
            else:
                assert key not in every_header, (kind, column.header, "would map to a field")
        required = {f.name for f in FIELDS[kind] if f.required}
        assert required <= set(fields), (kind, required - set(fields))


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_exported_files_import_back_into_a_fresh_vault_as_the_same_rows(firm, tmp_path, fmt):
    files = {}
    for kind in ("staff", "customers", "orders"):
        result = export_list(firm, kind, tmp_path / f"{kind}.{fmt}")
        files[kind] = result.path
        assert result.format == fmt and result.sha256 == sha256_of(result.path)
    assert export_list(firm, "customers", tmp_path / f"again.{fmt}").rows == 4

    fresh = initialize(
        Paths(tmp_path / "fresh" / "vault"),
        "新公司",
        ["上海", "广州"],
        "admin",
        "管理员",
        ADMIN_PASSWORD,
    ).ctx
    try:
        for kind in ("staff", "customers", "orders"):
            run_import(fresh, kind, files[kind])
        assert customer_lines(fresh) == customer_lines(firm)
        assert order_lines(fresh) == order_lines(firm)
        old = {r.employee_no: r for r in staff.list_employees(firm, 0, 50)}
        new = {r.employee_no: r for r in staff.list_employees(fresh, 0, 50)}
        assert set(new) == set(old)
        for no, row in old.items():
            assert (row.name, row.branch_name, row.hire_date, row.status, row.is_sales) == (
                new[no].name,
                new[no].branch_name,
                new[no].hire_date,
                new[no].status,
                new[no].is_sales,
            )
    finally:
        fresh.close()


def test_xlsx_has_a_bold_frozen_header_money_with_two_decimals_and_real_dates(firm, tmp_path):
    path = export_list(firm, "orders", tmp_path / "orders.xlsx").path
    sheet = openpyxl.load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["运单号", "客户编码", "客户全称", "下单日期"]
    assert all(c.font.b for c in sheet[1])
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["运单号"].value == "YD003", "newest first, as the list shows them"
    assert row["下单日期"].is_date and row["下单日期"].number_format == "yyyy-mm-dd"
    assert row["运费"].data_type == "n" and row["运费"].number_format == "#,##0.00"
    assert Decimal(str(row["运费"].value)) == Decimal("88.80")
    assert row["业务类型"].value == "快递"


def test_csv_is_utf8_with_a_bom_and_plain_amounts(firm, tmp_path):
    path = export_list(firm, "customers", tmp_path / "c.csv").path
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:2] == ["客户编码", "客户名称"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["信用额度"] == "1234.50" and first["业务员"] == "E001"
    assert first["业务员姓名"] == "张伟" and first["公海"] == "否"


def test_aging_report_by_salesperson_and_by_customer(firm, tmp_path):
    book = openpyxl.load_workbook(export_list(firm, "aging", tmp_path / "aging.xlsx").path)
    assert book.sheetnames == ["按业务员", "按客户"]
    customers_sheet = list(book["按客户"].iter_rows(values_only=True))
    assert customers_sheet[0][0] == "客户" and customers_sheet[-1][0] == "合计"
    assert {r[0] for r in customers_sheet[1:-1]} == {
        "上海恒达供应链管理有限公司",
        "深圳华南电子有限公司",
    }
    assert Decimal(str(customers_sheet[-1][1])) == Decimal("1500.50")
    text = export_list(firm, "aging", tmp_path / "a.csv").path.read_text(encoding="utf-8-sig")
    lines = list(csv.reader(text.splitlines()))
    assert lines[0][:2] == ["维度", "名称"]
    assert {line[0] for line in lines[1:]} == {"业务员", "客户"}


# --------------------------------------------------------------------------- scope and approval


def test_a_salesperson_exports_only_their_own_customers(firm, tmp_path, login_as):
    staff.link_user(firm, "sales", employee_id(firm, "E002"))
    sales = login_as(Role.SALES)
    result = export_list(sales, "customers", tmp_path / "mine.csv")
    text = result.path.read_text(encoding="utf-8-sig")
    codes = [r[0] for r in csv.reader(text.splitlines())][1:]
    assert codes == ["C002", "C003"]
    orders = export_list(sales, "orders", tmp_path / "orders.csv", search="YD00")
    assert orders.rows == 2
    with pytest.raises(Exception, match="does not allow"):
        export_list(sales, "staff", tmp_path / "staff.csv")


def test_above_the_threshold_only_an_administrator_may_export(firm, tmp_path, login_as):
    business_settings.set(firm, business_settings.EXPORT_APPROVAL_THRESHOLD, 2)
    hr = login_as(Role.HR)
    target = tmp_path / "out" / "staff.xlsx"
    target.parent.mkdir()
    with pytest.raises(ExportNeedsApproval) as caught:
        export_list(hr, "staff", target)
    assert "3 rows" in caught.value.message() and "administrator" in caught.value.message()
    assert list(target.parent.iterdir()) == [], "no file, no temp file left behind"
    refused = events(firm, "export.refused")
    assert len(refused) == 1 and refused[0].actor == "hr"
    assert json.loads(refused[0].after)["rows"] == 3
    assert events(firm, "export") == []
    assert export_list(hr, "staff", target, search="E00", filters={"is_sales": True}).rows == 2

    result = export_list(firm, "staff", target)
    assert result.rows == 3
    detail = json.loads(events(firm, "export")[-1].after)
    assert detail["over_threshold"] is True and detail["threshold"] == 2


def test_every_export_is_audited_with_the_file_hash(firm, tmp_path):
    result = export_list(firm, "receivables", tmp_path / "r.xlsx")
    (event,) = events(firm, "export")
    detail = json.loads(event.after)
    assert event.entity == "receivable" and event.actor == "admin"
    assert detail["kind"] == "receivables" and detail["format"] == "xlsx"
    assert detail["rows"] == 2 and detail["file"] == "r.xlsx"
    assert detail["sha256"] == result.sha256 == sha256_of(tmp_path / "r.xlsx")
    with firm.transaction() as s:
        assert verify_chain(s).ok


def test_a_cancelled_export_leaves_neither_file_nor_record(firm, tmp_path):
    class Cancelled(Exception):
        pass

    def progress(done: int, total: int, label: str) -> None:
        if done:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_list(firm, "orders", tmp_path / "o.xlsx", progress=progress)
    assert list(tmp_path.glob("o.xlsx*")) == [] and list(tmp_path.glob(".o.xlsx*")) == []
    assert events(firm, "export") == []


def test_wrong_kind_format_or_folder_is_refused(firm, tmp_path):
    with pytest.raises(ValidationError, match=r"\.xlsx or \.csv"):
        export_list(firm, "customers", tmp_path / "c.pdf")
    with pytest.raises(ValidationError, match="Unknown export kind"):
        export_list(firm, "secrets", tmp_path / "c.csv")
    with pytest.raises(ValidationError, match="does not exist"):
        export_list(firm, "customers", tmp_path / "missing" / "c.csv")
    assert export_list(firm, "customers", tmp_path / "c", fmt="csv").format == "csv"


def test_export_functions_return_rows_without_a_sink(firm):
    assert [r.number for r in money.export_orders(firm)] == ["YD003", "YD002", "YD001"]
    assert [r.employee_no for r in staff.export_employees(firm)] == ["E001", "E002", "E003"]
    report = money.export_aging(firm)
    assert report.outstanding == Decimal("1500.50")
    assert {e.entity for e in events(firm, "export")} == {"order", "employee", "aging"}
    assert exports.export_only_headers("customers") >= {"业务员姓名", "公海"}
