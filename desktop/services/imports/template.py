"""The import template of each kind: an empty workbook with the headers Baton reads, so a
clerk can fill in a file that imports without a mapping."""

from __future__ import annotations

import io
from pathlib import Path

from desktop.services.files import write_output
from desktop.services.imports.fields import FIELDS
from desktop.services.imports.mapping import map_columns

#: An example row per kind, so the formats (dates, amounts, yes/no) are plain to see.
EXAMPLES: dict[str, dict[str, str]] = {
    "staff": {
        "employee_no": "E001",
        "name": "张伟",
        "phone": "13800000000",
        "department": "销售部",
        "position": "销售经理",
        "hire_date": "2024-03-01",
        "status": "在职",
        "is_sales": "是",
    },
    "customers": {
        "code": "C001",
        "name": "上海某某供应链有限公司",
        "payment_terms_days": "30",
        "credit_limit": "50000",
        "owner": "E001",
        "owner_since": "2024-03-01",
        "contact_name": "赵强",
        "contact_phone": "13900000000",
    },
    "orders": {
        "number": "YD2024000001",
        "customer": "C001",
        "order_date": "2024-03-05",
        "salesperson": "E001",
        "origin": "上海",
        "destination": "广州",
        "service_type": "零担",
        "revenue": "1200.00",
        "status": "已签收",
    },
}


def template_bytes(kind: str) -> bytes:
    """An .xlsx with one column per field (its first header; * marks a required one), an
    example row where there is one, and a sheet explaining each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    map_columns(kind, [])  # refuses an unknown kind in words
    specs = FIELDS[kind]
    book = Workbook()
    sheet = book.active
    sheet.title = "导入模板"
    sheet.append([("*" if f.required else "") + f.headers[0] for f in specs])
    example = EXAMPLES.get(kind)
    if example:
        sheet.append([example.get(f.name, "") for f in specs])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, spec in enumerate(specs):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = max(12, 3 * len(spec.headers[0]) + 4)
    notes = book.create_sheet("说明")
    notes.append(["列名", "必填", "也可写作", "字段"])
    for spec in specs:
        notes.append(
            [spec.headers[0], "是" if spec.required else "", "、".join(spec.headers[1:]), spec.name]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_template(kind: str, target: Path) -> Path:
    """Write the template of ``kind`` to ``target`` (whole or not at all)."""
    write_output(Path(target), template_bytes(kind))
    return Path(target)
