"""Imports: encodings, Chinese headers, formatted values, all-or-nothing, row-level errors."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.errors import ValidationError
from desktop.models.audit import AuditEvent, verify_chain
from desktop.models.customers import Customer, CustomerAssignment
from desktop.models.orders import Order, Payment, Receivable
from desktop.models.staff import Employee
from desktop.services.imports import ImportRejected, preview_import, run_import, write_error_report
from desktop.services.tabular import parse_date, parse_money

# Valid unified social credit codes (GB 32100 check character correct).
CREDIT_A = "91310000631191633A"
CREDIT_B = "91440300708461136T"

STAFF_CSV = (
    "工号,姓名,分公司,部门,岗位,入职日期,状态,是否销售\n"
    "E001,张伟,上海,销售部,销售经理,2015/3/1,在职,是\n"
    "E002,李娜,上海,销售部,销售代表,2019年7月15日,在职,是\n"
    "E003,王芳,广州,财务部,财务专员,2020-01-06,在职,否\n"
)


def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(
        text.encode(encoding) if encoding != "utf-8-sig" else b"\xef\xbb\xbf" + text.encode("utf-8")
    )
    return path


def count(ctx, model) -> int:
    with ctx.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def staffed(admin, tmp_path):
    run_import(admin, "staff", write(tmp_path / "staff.csv", STAFF_CSV, "utf-8"))
    return admin


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_customers_in_every_encoding_chinese_excel_writes(staffed, tmp_path, encoding):
    text = (
        "客户编码,客户名称,统一社会信用代码,信用额度,账期,业务员,联系人,联系电话\n"
        f'C001,上海恒达供应链管理有限公司,{CREDIT_A},"￥1,234.50",45,E001,赵强,13800001111\n'
        f'C002,深圳华南电子有限公司,{CREDIT_B},"8,000元",30,李娜,,\n'
        "C003,杭州新锐服装有限公司,,0,,,,\n"
    )
    result = run_import(staffed, "customers", write(tmp_path / f"c-{encoding}.csv", text, encoding))
    assert result.inserted["customers"] == 3
    assert result.inserted["assignments"] == 2
    with staffed.transaction() as s:
        c1 = s.scalar(select(Customer).where(Customer.code == "C001"))
        assert c1.name == "上海恒达供应链管理有限公司"
        assert c1.credit_limit == Decimal("1234.50")
        assert c1.payment_terms_days == 45
        c2 = s.scalar(select(Customer).where(Customer.code == "C002"))
        assert c2.credit_limit == Decimal("8000.00")
        owner = s.scalar(
            select(Employee.name)
            .join(CustomerAssignment, CustomerAssignment.employee_id == Employee.id)
            .where(CustomerAssignment.customer_id == c2.id)
        )
        assert owner == "李娜", "an owner given by a unique name becomes the initial assignment"
        assert s.scalar(select(Customer.in_pool).where(Customer.code == "C003")) is True


def test_values_as_chinese_offices_write_them():
    assert parse_money("¥1,234.50") == Decimal("1234.50")
    assert parse_money("1,234.5元") == Decimal("1234.50")
    assert parse_money("￥0.005") == Decimal("0.01"), "half up to the fen"
    assert parse_money(1234.5) == Decimal("1234.50")
    assert parse_money("(12.00)") == Decimal("-12.00")
    assert parse_date("2026/1/5") == date(2026, 1, 5)
    assert parse_date("2026-01-05") == date(2026, 1, 5)
    assert parse_date("2026年1月5日") == date(2026, 1, 5)
    assert parse_date(46027) == date(2026, 1, 5), "Excel serial date"
    assert parse_date("46027") == date(2026, 1, 5)


def test_orders_xlsx_with_excel_dates_and_numbers(staffed, tmp_path):
    run_import(
        staffed,
        "customers",
        write(
            tmp_path / "c.csv",
            f"客户编码,客户名称,统一社会信用代码\nC001,恒达,{CREDIT_A}\n",
            "utf-8",
        ),
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["运单号", "客户", "发货日期", "业务员", "始发地", "目的地", "运输方式", "运费", "成本"]
    )
    sheet.append(["YD0001", "C001", date(2026, 1, 5), "E001", "上海", "广州", "整车", 3200.5, 2800])
    sheet.append(["YD0002", "恒达", 46028, "张伟", "上海", "成都", "零担", "¥560.00", "430"])
    book.save(tmp_path / "orders.xlsx")
    result = run_import(staffed, "orders", tmp_path / "orders.xlsx")
    assert result.inserted == {"orders": 2}
    with staffed.transaction() as s:
        orders = {o.number: o for o in s.scalars(select(Order))}
    assert orders["YD0001"].revenue == Decimal("3200.50")
    assert orders["YD0001"].service_type == "ftl"
    assert orders["YD0002"].order_date == date(2026, 1, 6)
    assert orders["YD0002"].revenue - orders["YD0002"].cost == Decimal("130.00")


def test_one_bad_row_in_ten_thousand_imports_nothing(staffed, tmp_path):
    run_import(
        staffed, "customers", write(tmp_path / "c.csv", "客户编码,客户名称\nC001,恒达\n", "utf-8")
    )
    lines = ["运单号,客户,日期,金额,业务员"]
    for i in range(10_000):
        day = "2026-02-30" if i == 7_345 else "2026-02-01"
        lines.append(f"YD{i:06d},C001,{day},100.00,E002")
    path = write(tmp_path / "orders.csv", "\n".join(lines) + "\n", "utf-8")
    with pytest.raises(ImportRejected) as caught:
        run_import(staffed, "orders", path)
    errors = caught.value.preview.errors
    assert len(errors) == 1
    assert errors[0].row == 7_347, "header is row 1, the first order row 2"
    assert errors[0].column == "日期" and errors[0].value == "2026-02-30"
    assert count(staffed, Order) == 0, "all or nothing"
    report = tmp_path / "report.csv"
    write_error_report(errors, report)
    assert "7347" in report.read_text(encoding="utf-8-sig")


def test_unknown_column_is_refused_by_name(admin, tmp_path):
    path = write(tmp_path / "c.csv", "客户编码,客户名称,微信群\nC001,恒达,群1\n", "utf-8")
    preview = preview_import(admin, "customers", path)
    assert not preview.ok
    assert any("微信群" in e.reason() for e in preview.errors)
    mapped = preview_import(admin, "customers", path, mapping={"微信群": "ignore"})
    assert mapped.ok, "an override maps the column away"


def test_a_file_that_is_not_a_workbook_is_refused(admin, tmp_path):
    fake = tmp_path / "orders.xlsx"
    fake.write_text("这不是一个 Excel 文件")
    with pytest.raises(ValidationError) as caught:
        preview_import(admin, "orders", fake)
    assert "Excel workbook" in caught.value.message()


def test_duplicates_and_unknown_references_are_row_errors(staffed, tmp_path):
    run_import(
        staffed,
        "customers",
        write(tmp_path / "c.csv", "客户编码,客户名称\nC001,恒达\nC002,恒达\n", "utf-8"),
    )
    text = (
        "运单号,客户,日期,金额,业务员\n"
        "YD1,C001,2026-01-01,10,E001\n"
        "YD1,C001,2026-01-01,10,E001\n"
        "YD2,恒达,2026-01-01,10,E001\n"
        "YD3,C009,2026-01-01,10,E404\n"
    )
    preview = preview_import(staffed, "orders", write(tmp_path / "o.csv", text, "utf-8"))
    reasons = {(e.row, e.column): e.reason() for e in preview.errors}
    assert "duplicate of row 2" in reasons[(3, "运单号")]
    assert "2 customers are named 恒达" in reasons[(4, "客户")]
    assert "no customer" in reasons[(5, "客户")]
    assert "no employee" in reasons[(5, "业务员")]


def test_duplicate_credit_code_and_bad_checksum(staffed, tmp_path):
    text = f"客户编码,客户名称,统一社会信用代码\nC1,甲,{CREDIT_A}\nC2,乙,{CREDIT_A}\nC3,丙,91310000631191633C\n"
    preview = preview_import(staffed, "customers", write(tmp_path / "c.csv", text, "utf-8"))
    columns = {(e.row, e.column) for e in preview.errors}
    assert (3, "统一社会信用代码") in columns
    assert (4, "统一社会信用代码") in columns


def test_payments_follow_partial_allocation(staffed, tmp_path):
    run_import(
        staffed, "customers", write(tmp_path / "c.csv", "客户编码,客户名称\nC001,恒达\n", "utf-8")
    )
    run_import(
        staffed,
        "receivables",
        write(
            tmp_path / "r.csv",
            "发票号,客户,开票日期,到期日,金额\nINV1,C001,2026-01-01,2026-01-31,1000\nINV2,C001,2026-02-01,2026-03-03,500.50\n",
            "utf-8",
        ),
    )
    run_import(
        staffed,
        "payments",
        write(
            tmp_path / "p.csv",
            '客户,回款日期,回款金额,流水号\nC001,2026-02-10,"1,200.00",B1\n',
            "utf-8",
        ),
    )
    with staffed.transaction() as s:
        paid = dict(s.execute(select(Receivable.number, Receivable.paid)).all())
    assert paid == {"INV1": Decimal("1000.00"), "INV2": Decimal("200.00")}, "oldest first, partial"
    too_much = write(tmp_path / "p2.csv", "客户,回款日期,回款金额\nC001,2026-02-11,400\n", "utf-8")
    with pytest.raises(ImportRejected) as caught:
        run_import(staffed, "payments", too_much)
    assert "more than" in caught.value.preview.errors[0].reason()
    assert count(staffed, Payment) == 1


def test_import_is_audited_with_the_file_hash(staffed, tmp_path):
    path = write(tmp_path / "c.csv", "客户编码,客户名称\nC001,恒达\n", "utf-8")
    preview = preview_import(staffed, "customers", path)
    run_import(staffed, "customers", path)
    with staffed.transaction() as s:
        event = s.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "import", AuditEvent.entity == "customers"
            )
        )
        assert json.loads(event.after)["sha256"] == preview.sha256
        assert verify_chain(s).ok


def test_departed_owner_is_a_row_error(staffed, tmp_path):
    with staffed.transaction() as s:
        s.scalar(select(Employee).where(Employee.employee_no == "E003")).status = "departed"
    preview = preview_import(
        staffed,
        "customers",
        write(tmp_path / "c.csv", "客户编码,客户名称,业务员\nC1,甲,E003\n", "utf-8"),
    )
    assert "departed" in preview.errors[0].reason()
