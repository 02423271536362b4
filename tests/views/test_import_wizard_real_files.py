"""The import wizard with a workbook as firms keep it: a cover sheet first, a title row, an
unknown phone header with its closest field shown, a 合计 row; the confirmed mapping is
remembered for the next file of the same shape; waybills can raise their receivables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from sqlalchemy import select

from desktop.models.orders import Receivable
from desktop.models.staff import Employee
from desktop.services.imports import run_import
from desktop.views.import_wizard import ImportWizard
from desktop.views.workers import TaskRunner


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表由人事系统导出"])
    sheet = book.create_sheet("花名册")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def open_wizard(qtbot, ctx, kind: str) -> ImportWizard:
    wizard = ImportWizard(ctx, TaskRunner(), kind)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def to_mapping(qtbot, wizard: ImportWizard, path: Path) -> None:
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10000)


def test_sheet_choice_suggestion_and_remembered_mapping(qtbot, admin, tmp_path):
    rows = [
        ["员工花名册"],
        ["序号", "*工号", "姓名", "员工手机号"],
        [1, "E001", "张伟", "13800000001"],
        ["合计", None, "1人", None],
    ]
    path = workbook(tmp_path / "staff.xlsx", rows)
    wizard = open_wizard(qtbot, admin, "staff")
    to_mapping(qtbot, wizard, path)
    page = wizard.file_page
    assert page.sheet.isVisibleTo(page) and page.sheet.count() == 2
    wizard.back()
    page.sheet.setCurrentIndex(page.sheet.findData("花名册"))
    wizard.next()
    qtbot.waitUntil(
        lambda: wizard.currentPage() is wizard.mapping_page and "工号" in str(wizard.headers),
        timeout=10000,
    )
    mapping = wizard.mapping_page
    note = mapping.note.text()
    assert "row 2" in note and "合计" in note, note
    assert "员工手机号" in note and "phone" in note, "the closest field is named"
    phone_combo = mapping.combos[wizard.headers.index("员工手机号")]
    phone_combo.setCurrentIndex(phone_combo.findData("phone"))
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.preview is not None, timeout=10000)
    assert preview.isComplete(), preview.summary.text()
    assert "4" in preview.summary.text() and preview.preview.skipped_rows == (4,)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=20000)
    with admin.transaction() as s:
        assert s.scalar(select(Employee.phone).where(Employee.employee_no == "E001")) == (
            "13800000001"
        )

    rows[2] = [1, "E002", "李娜", "13800000002"]
    again = open_wizard(qtbot, admin, "staff")
    again.file_page.path.setText(str(workbook(tmp_path / "staff2.xlsx", rows)))
    again.file_page.sheet.addItem("花名册", "花名册")  # as chosen last time
    again.next()
    qtbot.waitUntil(lambda: again.currentPage() is again.mapping_page, timeout=10000)
    combo = again.mapping_page.combos[again.headers.index("员工手机号")]
    assert combo.currentData() == "phone", "the confirmed mapping is remembered"


def test_waybills_raise_receivables_from_the_wizard(qtbot, admin, tmp_path):
    customers = tmp_path / "c.csv"
    customers.write_text("客户编码,客户名称,账期\nC001,恒达,30\n", encoding="utf-8")
    run_import(admin, "customers", customers)
    book = openpyxl.Workbook()
    book.active.append(["运单号", "客户", "开单日期", "运费(元)"])
    book.active.append(["W001", "C001", date(2026, 10, 1), 500])
    book.save(tmp_path / "w.xlsx")
    wizard = open_wizard(qtbot, admin, "orders")
    assert wizard.file_page.receivables.isVisibleTo(wizard.file_page)
    wizard.file_page.receivables.setChecked(True)
    to_mapping(qtbot, wizard, tmp_path / "w.xlsx")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=10000)
    assert wizard.preview_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=20000)
    with admin.transaction() as s:
        assert s.scalar(select(Receivable.due_on)) == date(2026, 10, 31)


def test_the_wizard_asks_the_branch_of_departments(qtbot, admin, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("工号,姓名,部门\nE001,张伟,销售部\n", encoding="utf-8")
    wizard = open_wizard(qtbot, admin, "staff")
    to_mapping(qtbot, wizard, path)
    branch = wizard.mapping_page.branch
    assert branch.isVisibleTo(wizard.mapping_page), "two branches: the wizard asks which"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=10000)
    assert not wizard.preview_page.isComplete(), "never 'all rows valid' with departments lost"
    wizard.back()
    branch.setCurrentIndex(branch.findData("广州"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=10000)
    assert wizard.preview_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=20000)
    with admin.transaction() as s:
        assert s.scalar(select(Employee.department_id)) is not None


def test_the_dashboard_says_why_receivables_are_empty(qtbot, admin, tmp_path):
    from desktop.services import dashboard
    from desktop.views.pages.dashboard import DashboardPage

    page = DashboardPage(TaskRunner())
    qtbot.addWidget(page)
    data = dashboard.summary(admin)
    assert data.no_receivables
    page.show_data(data)
    assert "import the invoices" in page.aging_chart.empty_text

    customers = tmp_path / "c.csv"
    customers.write_text("客户编码,客户名称\nC001,恒达\n", encoding="utf-8")
    run_import(admin, "customers", customers)
    waybills = tmp_path / "w.csv"
    waybills.write_text("运单号,客户,开单日期,运费\nW001,C001,2026-10-01,100\n", encoding="utf-8")
    run_import(admin, "orders", waybills, options={"receivables": True})
    data = dashboard.summary(admin)
    assert not data.no_receivables
    page.show_data(data)
    assert page.aging_chart.empty_text == "No receivables outstanding."
