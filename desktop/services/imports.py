"""Importing the firm's spreadsheets: all-or-nothing, with a row-by-row error report.

Every import is first a dry run: the file is read, its columns mapped to fields (Chinese and
English headers are recognised; a mapping can override), every row parsed and checked against
the database and the rest of the file. Only a file without a single error is written, in one
transaction, with one audit event naming the file's SHA-256 and the counts. A bad file changes
nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desktop.errors import (
    QT_TRANSLATE_NOOP,
    BatonError,
    PermissionDenied,
    Translate,
    ValidationError,
)
from desktop.models import audit
from desktop.models.accounts import Role
from desktop.models.customers import AssignmentReason, Contact, Customer, CustomerAssignment
from desktop.models.orders import (
    FollowUp,
    Order,
    OrderStatus,
    Payment,
    PaymentAllocation,
    Receivable,
    ServiceType,
)
from desktop.models.organisation import Branch
from desktop.models.staff import Department, Employee, EmployeeStatus, Position, PositionCategory
from desktop.services import scope
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, can
from desktop.services.tabular import (
    MAX_CELL_PARSED,
    CellError,
    Table,
    as_text,
    csv_safe,
    is_blank,
    normalise_header,
    parse_bool,
    parse_date,
    parse_int,
    parse_money,
    read_table,
    unquote_formula,
)
from desktop.services.validation import (
    MULTILINE_FROM,
    hidden_character,
    plausible_date,
    printable,
)
from desktop.storage.private import write_private

ProgressFn = Callable[[int, int, str], None]
IGNORE = "ignore"
KINDS = ("staff", "customers", "assignments", "orders", "receivables", "payments", "followups")
BATCH = 5000
# Values per ``IN (…)`` lookup (SQLite's historic limit is 999 parameters).
LOOKUP_CHUNK = 900


# --------------------------------------------------------------------------- fields


@dataclass(frozen=True)
class FieldSpec:
    """A field of an import kind: the headers that name it and how its cells are read."""

    name: str
    headers: tuple[str, ...]
    required: bool = False


def _f(name: str, *headers: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, tuple(headers), required)


FIELDS: dict[str, list[FieldSpec]] = {
    "staff": [
        _f(
            "employee_no",
            "工号",
            "员工编号",
            "员工号",
            "编号",
            "employee no",
            "employee number",
            "no",
            required=True,
        ),
        _f("name", "姓名", "员工姓名", "名字", "name", required=True),
        _f("phone", "电话", "手机", "手机号", "联系电话", "phone", "mobile"),
        _f("email", "邮箱", "电子邮件", "email"),
        _f("id_number", "身份证号", "身份证", "证件号码", "id number", "id"),
        _f("branch", "分公司", "网点", "机构", "branch"),
        _f("department", "部门", "department"),
        _f("position", "岗位", "职位", "position", "title"),
        _f("manager", "上级", "直属上级", "主管", "manager"),
        _f("hire_date", "入职日期", "入职时间", "hire date", "hired"),
        _f("probation_end", "试用期结束", "转正日期", "probation end"),
        _f("status", "状态", "在职状态", "status"),
        _f("is_sales", "是否销售", "销售岗", "sales", "is sales"),
    ],
    "customers": [
        _f(
            "code",
            "客户编码",
            "客户编号",
            "客户代码",
            "编码",
            "code",
            "customer code",
            required=True,
        ),
        _f(
            "name",
            "客户名称",
            "客户",
            "客户全称",
            "公司名称",
            "名称",
            "name",
            "customer",
            required=True,
        ),
        _f(
            "credit_code",
            "统一社会信用代码",
            "信用代码",
            "社会信用代码",
            "税号",
            "credit code",
            "uscc",
        ),
        _f("industry", "行业", "所属行业", "industry"),
        _f("region", "地区", "区域", "城市", "省份", "所在地", "region", "city"),
        _f("address", "地址", "公司地址", "address"),
        _f("payment_terms_days", "账期", "账期天数", "付款期限", "结算周期", "payment terms"),
        _f("credit_limit", "信用额度", "额度", "credit limit"),
        _f("tier", "等级", "客户等级", "级别", "tier", "grade"),
        _f("owner", "业务员", "销售", "销售员", "负责人", "归属销售", "owner", "salesperson"),
        _f("contact_name", "联系人", "contact", "contact name"),
        _f("contact_phone", "联系电话", "联系人电话", "手机", "电话", "contact phone", "phone"),
    ],
    "assignments": [
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f("owner", "业务员", "销售", "负责人", "owner", "salesperson", required=True),
        _f("valid_from", "开始日期", "生效日期", "起始日期", "from", "valid from", required=True),
        _f("reason", "原因", "变更原因", "reason"),
        _f("note", "备注", "note"),
    ],
    "orders": [
        _f(
            "number", "运单号", "单号", "运单编号", "waybill", "waybill no", "number", required=True
        ),
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f(
            "order_date",
            "日期",
            "下单日期",
            "发货日期",
            "开单日期",
            "date",
            "order date",
            required=True,
        ),
        _f("salesperson", "业务员", "销售", "销售员", "salesperson", "sales"),
        _f("origin", "始发地", "发货地", "起运地", "出发地", "origin", "from"),
        _f("destination", "目的地", "到达地", "收货地", "destination", "to"),
        _f("service_type", "业务类型", "运输方式", "服务类型", "service", "service type"),
        _f(
            "revenue",
            "金额",
            "运费",
            "收入",
            "运费金额",
            "revenue",
            "amount",
            "freight",
            required=True,
        ),
        _f("cost", "成本", "承运成本", "运输成本", "cost"),
        _f("status", "状态", "status"),
    ],
    "receivables": [
        _f(
            "number",
            "发票号",
            "发票号码",
            "单据号",
            "账单号",
            "invoice",
            "invoice no",
            "number",
            required=True,
        ),
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f("issued_on", "开票日期", "日期", "账单日期", "issued", "issue date", required=True),
        _f("due_on", "到期日", "到期日期", "应收日期", "due", "due date"),
        _f("amount", "金额", "应收金额", "发票金额", "amount", required=True),
        _f("salesperson", "业务员", "销售", "salesperson"),
        _f("orders", "运单号", "关联运单", "orders", "waybills"),
    ],
    "payments": [
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f(
            "received_on",
            "回款日期",
            "收款日期",
            "到账日期",
            "日期",
            "date",
            "received",
            required=True,
        ),
        _f("amount", "回款金额", "收款金额", "金额", "amount", required=True),
        _f("reference", "流水号", "凭证号", "银行流水", "reference"),
        _f("invoice", "发票号", "核销发票", "invoice"),
        _f("method", "方式", "收款方式", "method"),
        _f("collector", "收款人", "经办人", "collector"),
    ],
    "followups": [
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f("followed_on", "日期", "跟进日期", "date", required=True),
        _f("employee", "业务员", "跟进人", "销售", "employee", "salesperson"),
        _f("channel", "方式", "渠道", "跟进方式", "channel"),
        _f("content", "内容", "跟进内容", "记录", "content", required=True),
        _f("next_step", "下一步", "下一步计划", "next step"),
    ],
}


def field_names(kind: str) -> list[str]:
    return [f.name for f in FIELDS[kind]]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RowError:
    """One problem: the file row (header = row 1), the column, the value, and why."""

    row: int
    column: str
    value: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # What the file holds is shown back to a person (a report, a terminal): shortened, and
        # with its control characters spelled out instead of acting on the screen.
        object.__setattr__(self, "column", shown_value(self.column))
        object.__setattr__(self, "value", shown_value(self.value))
        if isinstance(self.params.get("value"), str):
            object.__setattr__(self, "params", {**self.params, "value": self.value})

    def reason(self, translate: Translate | None = None) -> str:
        text = translate("Errors", self.template) if translate else self.template
        try:
            return text.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**self.params)


@dataclass(frozen=True)
class ImportPreview:
    """What a dry run found; ``ok`` when the file can be imported as it is."""

    kind: str
    file_name: str
    sha256: str
    encoding: str | None
    columns: list[tuple[str, str]]
    total_rows: int
    errors: list[RowError]
    sample: list[dict[str, Any]]
    will_create: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.errors and self.total_rows > 0

    @property
    def rows_with_errors(self) -> int:
        return len({e.row for e in self.errors})


@dataclass(frozen=True)
class ImportResult:
    kind: str
    file_name: str
    inserted: dict[str, int]
    changes: Changes


class ImportRejected(BatonError):
    """The file has errors; nothing was imported. ``preview`` holds the row-by-row report."""

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        if preview.total_rows == 0 and not preview.errors:
            super().__init__(
                QT_TRANSLATE_NOOP("Errors", "The file has no data rows; nothing was imported.")
            )
        else:
            super().__init__(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{rows} row(s) have errors ({count} problems); nothing was imported.",
                ),
                rows=preview.rows_with_errors,
                count=len(preview.errors),
            )


def check_report_path(path: Path) -> None:
    """Refuse a report path whose folder does not exist, before the import is checked."""
    if not path.parent.is_dir():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "Cannot write the report {file}: the folder {folder} does not exist."
            ),
            field="report",
            file=path.name,
            folder=str(path.parent),
        )


def write_error_report(errors: Iterable[RowError], path: Path) -> None:
    """The row-by-row report as CSV (UTF-8 with BOM, so Excel opens it correctly).

    The values are the file's own, so each text cell is neutralised as for any CSV a
    spreadsheet opens (:func:`~desktop.services.tabular.csv_safe`): a cell that was a formula
    attack in the import is not run when the report is opened.
    """
    path = Path(path)
    check_report_path(path)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["row", "column", "value", "reason"])
    for e in errors:
        writer.writerow([e.row, csv_safe(e.column), csv_safe(e.value), csv_safe(e.reason())])
    try:
        # Owner-only and whole or not at all: the report repeats the file's personal data.
        write_private(path, buffer.getvalue().encode("utf-8-sig"))
    except OSError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Cannot write the report {file}: {error}"),
            field="report",
            file=path.name,
            error=exc.strerror or str(exc),
        ) from exc


# --------------------------------------------------------------------------- mapping


def map_columns(
    kind: str, headers: list[str], override: dict[str, str] | None = None
) -> tuple[dict[int, str], list[RowError]]:
    """Match each header to a field; unknown or doubled columns and missing fields are errors."""
    if kind not in FIELDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Unknown import kind {kind}: choose one of {kinds}."),
            kind=kind,
            kinds=", ".join(KINDS),
        )
    specs = FIELDS[kind]
    by_header: dict[str, str] = {}
    for spec in specs:
        for header in (spec.name, *spec.headers):
            by_header.setdefault(normalise_header(header), spec.name)
    override = {normalise_header(k): v for k, v in (override or {}).items()}
    # Lazy: the exports module builds its columns from FIELDS. Columns that Baton's own exports
    # add for reading (a name next to a code, a balance) are skipped, so an exported file can
    # be edited and imported back as it is.
    from desktop.services.exports import export_only_headers

    skipped = {normalise_header(h) for h in export_only_headers(kind)}
    valid = set(field_names(kind)) | {IGNORE}
    mapping: dict[int, str] = {}
    errors: list[RowError] = []
    for index, header in enumerate(headers):
        key = normalise_header(header)
        if not key:
            continue
        target = override.get(key) or by_header.get(key)
        if target is None and key in skipped:
            continue
        if target is not None and target not in valid:
            errors.append(
                RowError(
                    1,
                    header,
                    target,
                    QT_TRANSLATE_NOOP("Errors", "the mapping names an unknown field {field}"),
                    {"field": target},
                )
            )
            continue
        if target is None:
            errors.append(
                RowError(
                    1,
                    header,
                    header,
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "unknown column {column}: map it to a field or to 'ignore'",
                    ),
                    {"column": header},
                )
            )
            continue
        if target == IGNORE:
            continue
        if target in mapping.values():
            errors.append(
                RowError(
                    1,
                    header,
                    header,
                    QT_TRANSLATE_NOOP("Errors", "a second column for the field {field}"),
                    {"field": target},
                )
            )
            continue
        mapping[index] = target
    for spec in specs:
        if spec.required and spec.name not in mapping.values():
            errors.append(
                RowError(
                    1,
                    spec.headers[0],
                    "",
                    QT_TRANSLATE_NOOP("Errors", "the required column {column} is missing"),
                    {"column": f"{spec.headers[0]} / {spec.name}"},
                )
            )
    return mapping, errors


# --------------------------------------------------------------------------- row context


class Lookups:
    """The database's employees and customers, loaded once per import, by number and name."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.employee_by_no: dict[str, int] = {}
        self.employee_status: dict[int, str] = {}
        names: dict[str, list[int]] = defaultdict(list)
        for id_, no, name, status in session.execute(
            select(Employee.id, Employee.employee_no, Employee.name, Employee.status)
        ):
            self.employee_by_no[no] = id_
            names[name].append(id_)
            self.employee_status[id_] = status
        self.employee_by_name = dict(names)
        self.customer_by_code: dict[str, int] = {}
        cnames: dict[str, list[int]] = defaultdict(list)
        for id_, code, name in session.execute(select(Customer.id, Customer.code, Customer.name)):
            self.customer_by_code[code] = id_
            cnames[name].append(id_)
        self.customer_by_name = dict(cnames)

    def employee(self, text: str) -> tuple[int | None, tuple[str, dict[str, Any]] | None]:
        """(id, None) by employee number, else by a name only one person has; or (None, why)."""
        if text in self.employee_by_no:
            return self.employee_by_no[text], None
        ids = self.employee_by_name.get(text, [])
        if len(ids) == 1:
            return ids[0], None
        if ids:
            return None, (
                QT_TRANSLATE_NOOP(
                    "Errors", "{count} employees are named {value}: use the employee number"
                ),
                {"count": len(ids)},
            )
        return None, (QT_TRANSLATE_NOOP("Errors", "no employee with this number or name"), {})

    def customer(self, text: str) -> tuple[int | None, tuple[str, dict[str, Any]] | None]:
        if text in self.customer_by_code:
            return self.customer_by_code[text], None
        ids = self.customer_by_name.get(text, [])
        if len(ids) == 1:
            return ids[0], None
        if ids:
            return None, (
                QT_TRANSLATE_NOOP(
                    "Errors", "{count} customers are named {value}: use the customer code"
                ),
                {"count": len(ids)},
            )
        return None, (QT_TRANSLATE_NOOP("Errors", "no customer with this code or name"), {})


#: Checks later capabilities add for order rows: (session, salesperson id, order date) →
#: an error template (or a template and its parameters), or None. The departure lock
#: registers one here (desktop.services.order_lock).
ORDER_ROW_CHECKS: list[Callable[[Session, int, date], str | tuple[str, dict[str, Any]] | None]] = []


class RowReader:
    """Reads one row's cells by field name and collects its errors."""

    def __init__(
        self,
        row_number: int,
        cells: dict[str, Any],
        headers: dict[str, str],
        lines: tuple[int, int] | None = None,
        today: date | None = None,
    ) -> None:
        self.row = row_number
        self.cells = cells
        self.headers = headers
        self.errors: list[RowError] = []
        #: The CSV lines this row spans (first, last), to name them when a quote joined rows.
        self.lines = lines
        self.today = today

    def raw(self, name: str) -> Any:
        return self.cells.get(name)

    def fail(self, name: str, template: str, **params: Any) -> None:
        value = as_text(self.cells.get(name))
        error = RowError(
            self.row, self.headers.get(name, name), value, template, {"value": value, **params}
        )
        if error not in self.errors:  # a planner may read a cell twice
            self.errors.append(error)

    def text(self, name: str, required: bool = False, max_len: int = 200) -> str | None:
        value = self.cells.get(name)
        if is_blank(value):
            if required:
                self.fail(name, QT_TRANSLATE_NOOP("Errors", "a value is required"))
            return None
        text = as_text(value)
        if len(text) > max_len:
            self.fail(
                name, QT_TRANSLATE_NOOP("Errors", "longer than {max} characters"), max=max_len
            )
            return None
        if not self._characters_ok(name, text, multiline=max_len >= MULTILINE_FROM):
            return None
        return text

    def parsed(self, name: str, parser: Callable[[Any], Any], required: bool = False) -> Any:
        value = self.cells.get(name)
        if is_blank(value):
            if required:
                self.fail(name, QT_TRANSLATE_NOOP("Errors", "a value is required"))
            return None
        if isinstance(value, str):
            if len(value) > MAX_CELL_PARSED:
                self.fail(
                    name,
                    QT_TRANSLATE_NOOP("Errors", "longer than {max} characters"),
                    max=MAX_CELL_PARSED,
                )
                return None
            if not self._characters_ok(name, value.strip(), multiline=False):
                return None
        try:
            result = parser(value)
        except CellError as exc:
            self.fail(name, exc.template, **exc.params)
            return None
        if isinstance(result, date) and not isinstance(result, datetime):
            try:
                plausible_date(result, name, self.today)
            except ValidationError as exc:
                self.fail(
                    name,
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "not a plausible date: dates from {earliest} to {latest} are accepted",
                    ),
                    earliest=exc.params["earliest"],
                    latest=exc.params["latest"],
                )
                return None
        return result

    def _characters_ok(self, name: str, text: str, multiline: bool) -> bool:
        """False (and a row error) when the cell holds a control or invisible character, or a
        line break where one line is expected — in a CSV the mark of a quote left open."""
        found = hidden_character(text, multiline)
        if found is None:
            return True
        position, char = found
        line_break = text[position - 1] in "\r\n"
        if line_break and self.lines is not None and self.lines[0] != self.lines[1]:
            self.fail(
                name,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'this cell runs over lines {first} to {last} of the file: a quote (") left '
                    "open has probably joined rows; close the quote or remove it",
                ),
                first=self.lines[0],
                last=self.lines[1],
            )
        elif line_break or text[position - 1] == "\t":
            self.fail(
                name,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "a line break or tab ({char}) at position {position}: must be one line",
                ),
                char=char,
                position=position,
            )
        else:
            self.fail(
                name,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "an invisible or control character ({char}) at position {position}: retype "
                    "the value without it",
                ),
                char=char,
                position=position,
            )
        return False


def _choice(table: dict[str, str], template: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        key = as_text(value).lower()
        if key in table:
            return table[key]
        raise CellError(template)

    return parse


SERVICE_TYPES = {
    "整车": ServiceType.FTL,
    "ftl": ServiceType.FTL,
    "零担": ServiceType.LTL,
    "ltl": ServiceType.LTL,
    "快递": ServiceType.EXPRESS,
    "快运": ServiceType.EXPRESS,
    "express": ServiceType.EXPRESS,
    "仓储": ServiceType.WAREHOUSING,
    "仓储服务": ServiceType.WAREHOUSING,
    "warehousing": ServiceType.WAREHOUSING,
}
ORDER_STATUS = {
    "open": OrderStatus.OPEN,
    "未完成": OrderStatus.OPEN,
    "在途": OrderStatus.OPEN,
    "已下单": OrderStatus.OPEN,
    "delivered": OrderStatus.DELIVERED,
    "已签收": OrderStatus.DELIVERED,
    "已送达": OrderStatus.DELIVERED,
    "invoiced": OrderStatus.INVOICED,
    "已开票": OrderStatus.INVOICED,
    "cancelled": OrderStatus.CANCELLED,
    "已取消": OrderStatus.CANCELLED,
    "作废": OrderStatus.CANCELLED,
}
EMPLOYEE_STATUS = {
    "active": EmployeeStatus.ACTIVE,
    "在职": EmployeeStatus.ACTIVE,
    "正式": EmployeeStatus.ACTIVE,
    "试用": EmployeeStatus.ACTIVE,
    "notice": EmployeeStatus.NOTICE,
    "离职通知期": EmployeeStatus.NOTICE,
    "待离职": EmployeeStatus.NOTICE,
    "handover": EmployeeStatus.HANDOVER,
    "交接中": EmployeeStatus.HANDOVER,
    "departed": EmployeeStatus.DEPARTED,
    "离职": EmployeeStatus.DEPARTED,
    "已离职": EmployeeStatus.DEPARTED,
}
CHANNELS = {
    "电话": "phone",
    "phone": "phone",
    "拜访": "visit",
    "上门": "visit",
    "上门拜访": "visit",
    "visit": "visit",
    "微信": "wechat",
    "wechat": "wechat",
    "邮件": "email",
    "email": "email",
    "会议": "meeting",
    "meeting": "meeting",
    "其他": "other",
    "other": "other",
}
REASONS = {
    "initial": AssignmentReason.INITIAL,
    "初始": AssignmentReason.INITIAL,
    "新建": AssignmentReason.INITIAL,
    "rebalance": AssignmentReason.REBALANCE,
    "调整": AssignmentReason.REBALANCE,
    "调配": AssignmentReason.REBALANCE,
    "handover": AssignmentReason.HANDOVER,
    "交接": AssignmentReason.HANDOVER,
    "离职交接": AssignmentReason.HANDOVER,
    "pool_claim": AssignmentReason.POOL_CLAIM,
    "公海认领": AssignmentReason.POOL_CLAIM,
}
POSITION_CATEGORY_HINTS = (
    ("销售", PositionCategory.SALES),
    ("业务", PositionCategory.SALES),
    ("客户经理", PositionCategory.SALES),
    ("调度", PositionCategory.DISPATCHER),
    ("财务", PositionCategory.FINANCE),
    ("会计", PositionCategory.FINANCE),
    ("出纳", PositionCategory.FINANCE),
    ("仓", PositionCategory.WAREHOUSE),
)


def _check_credit_code(value: Any) -> str:
    from desktop.services.validation import validate_credit_code

    try:
        return validate_credit_code(as_text(value))
    except ValidationError as exc:
        raise CellError(exc.template, **exc.params) from exc


# --------------------------------------------------------------------------- per kind


@dataclass
class Plan:
    """Validated rows ready to insert, plus what the file needs created."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    will_create: Counter[str] = field(default_factory=Counter)
    extra: dict[str, Any] = field(default_factory=dict)


def _duplicate(
    reader: RowReader, name: str, seen: dict[str, int], value: str, existing: bool
) -> bool:
    if existing:
        reader.fail(name, QT_TRANSLATE_NOOP("Errors", "already in the database"))
        return True
    if value in seen:
        reader.fail(
            name,
            QT_TRANSLATE_NOOP("Errors", "duplicate of row {other} in this file"),
            other=seen[value],
        )
        return True
    seen[value] = reader.row
    return False


Finder = Callable[[str], tuple[int | None, tuple[str, dict[str, Any]] | None]]


def _resolve(reader: RowReader, name: str, finder: Finder, required: bool) -> int | None:
    """Turn a reference cell (number/code or unique name) into an id, or record why not."""
    text = reader.text(name, required=required)
    if text is None:
        return None
    found, problem = finder(text)
    if problem is not None:
        reader.fail(name, problem[0], **problem[1])
    return found


def plan_staff(session: Session, readers: Iterable[RowReader], look: Lookups, today: date) -> Plan:
    plan = Plan()
    branches = {n: i for i, n in session.execute(select(Branch.id, Branch.name))}
    branches.update({c: i for i, c in session.execute(select(Branch.id, Branch.code))})
    positions = {n: i for i, n in session.execute(select(Position.id, Position.name))}
    seen: dict[str, int] = {}
    file_nos: set[str] = set()
    rows = list(readers)
    for r in rows:
        no = r.text("employee_no")
        if no:
            file_nos.add(no)
    for r in rows:
        no = r.text("employee_no", required=True, max_len=32)
        if no is not None:
            _duplicate(r, "employee_no", seen, no, no in look.employee_by_no)
        name = r.text("name", required=True, max_len=64)
        manager = r.text("manager")
        if manager and manager not in look.employee_by_no and manager not in file_nos:
            _resolve(r, "manager", look.employee, False)
        branch = r.text("branch")
        if branch and branch not in branches:
            plan.will_create[f"branch:{branch}"] += 1
        department = r.text("department")
        position = r.text("position")
        if position and position not in positions:
            plan.will_create[f"position:{position}"] += 1
        hire = r.parsed("hire_date", parse_date)
        if hire and hire > today + timedelta(days=366):
            r.fail("hire_date", QT_TRANSLATE_NOOP("Errors", "more than a year in the future"))
        status = r.parsed(
            "status",
            _choice(
                EMPLOYEE_STATUS,
                QT_TRANSLATE_NOOP("Errors", "unknown status (在职/待离职/交接中/离职)"),
            ),
        )
        row = {
            "employee_no": no,
            "name": name,
            "phone": r.text("phone", max_len=32),
            "email": r.text("email", max_len=128),
            "id_number": r.text("id_number", max_len=32),
            "branch": branch,
            "department": department,
            "position": position,
            "manager": manager,
            "hire_date": hire,
            "probation_end": r.parsed("probation_end", parse_date),
            "status": (status or EmployeeStatus.ACTIVE).value,
            "is_sales": r.parsed("is_sales", parse_bool),
        }
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(row)
    return plan


def insert_staff(session: Session, plan: Plan, now: datetime) -> dict[str, int]:
    conn = session.connection()
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    branches = {n: i for i, n in session.execute(select(Branch.id, Branch.name))}
    branches.update({c: i for i, c in session.execute(select(Branch.id, Branch.code))})
    positions = {n: i for i, n in session.execute(select(Position.id, Position.name))}
    departments = {
        (b, n): i
        for i, b, n in session.execute(select(Department.id, Department.branch_id, Department.name))
    }
    created = Counter[str]()
    for row in plan.rows:
        if row["branch"] and row["branch"] not in branches:
            next_no = (session.scalar(select(func.count()).select_from(Branch)) or 0) + 1
            result = conn.execute(
                insert(Branch).values(
                    code=f"B{next_no:02d}", name=row["branch"], active=True, **stamp
                )
            )
            branches[row["branch"]] = result.inserted_primary_key[0]
            created["branches"] += 1
        if row["position"] and row["position"] not in positions:
            category = next(
                (c for hint, c in POSITION_CATEGORY_HINTS if hint in row["position"]),
                PositionCategory.OTHER,
            )
            result = conn.execute(
                insert(Position).values(name=row["position"], category=category.value, **stamp)
            )
            positions[row["position"]] = result.inserted_primary_key[0]
            created["positions"] += 1
        branch_id = branches.get(row["branch"]) if row["branch"] else None
        if (
            row["department"]
            and branch_id is not None
            and (branch_id, row["department"]) not in departments
        ):
            result = conn.execute(
                insert(Department).values(branch_id=branch_id, name=row["department"], **stamp)
            )
            departments[(branch_id, row["department"])] = result.inserted_primary_key[0]
            created["departments"] += 1
    records = []
    for row in plan.rows:
        branch_id = branches.get(row["branch"]) if row["branch"] else None
        position = row["position"]
        is_sales = row["is_sales"]
        if is_sales is None:
            is_sales = bool(position) and any(h in position for h in ("销售", "业务", "客户经理"))
        records.append(
            {
                "employee_no": row["employee_no"],
                "name": row["name"],
                "phone": row["phone"],
                "email": row["email"],
                "id_number": row["id_number"],
                "branch_id": branch_id,
                "department_id": departments.get((branch_id, row["department"]))
                if row["department"]
                else None,
                "position_id": positions.get(position) if position else None,
                "hire_date": row["hire_date"],
                "probation_end": row["probation_end"],
                "status": row["status"],
                "is_sales": bool(is_sales),
                "non_compete": False,
                "confidentiality": False,
                **stamp,
            }
        )
    _bulk(session, Employee, records)
    ids = dict(session.execute(select(Employee.employee_no, Employee.id)).all())
    names: dict[str, list[int]] = defaultdict(list)
    for id_, name in session.execute(select(Employee.id, Employee.name)):
        names[name].append(id_)
    for row in plan.rows:
        manager = row["manager"]
        if manager:
            manager_id = ids.get(manager) or (
                names[manager][0] if len(names.get(manager, [])) == 1 else None
            )
            if manager_id is not None:
                conn.execute(
                    update(Employee)
                    .where(Employee.employee_no == row["employee_no"])
                    .values(manager_id=manager_id)
                )
    return {"employees": len(records), **created}


def plan_customers(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    existing_credit = set(
        session.scalars(select(Customer.credit_code).where(Customer.credit_code.is_not(None)))
    )
    seen_codes: dict[str, int] = {}
    seen_credit: dict[str, int] = {}
    for r in readers:
        code = r.text("code", required=True, max_len=32)
        if code is not None:
            _duplicate(r, "code", seen_codes, code, code in look.customer_by_code)
        name = r.text("name", required=True)
        credit = r.parsed("credit_code", _check_credit_code)
        if credit is not None:
            _duplicate(r, "credit_code", seen_credit, credit, credit in existing_credit)
        owner_id = _resolve(r, "owner", look.employee, False)
        if (
            owner_id is not None
            and look.employee_status.get(owner_id) == EmployeeStatus.DEPARTED.value
        ):
            r.fail(
                "owner",
                QT_TRANSLATE_NOOP("Errors", "this employee has departed and cannot own customers"),
            )
        terms = r.parsed("payment_terms_days", parse_int)
        if terms is not None and not 0 <= terms <= 720:
            r.fail(
                "payment_terms_days",
                QT_TRANSLATE_NOOP("Errors", "payment terms must be 0 to 720 days"),
            )
        limit = r.parsed("credit_limit", parse_money)
        if limit is not None and limit < 0:
            r.fail("credit_limit", QT_TRANSLATE_NOOP("Errors", "must not be negative"))
        row = {
            "code": code,
            "name": name,
            "credit_code": credit,
            "industry": r.text("industry", max_len=64),
            "region": r.text("region", max_len=64),
            "address": r.text("address", max_len=256),
            "payment_terms_days": terms if terms is not None else 30,
            "credit_limit": limit or Decimal("0"),
            "tier": r.text("tier", max_len=8),
            "owner_id": owner_id,
            "contact_name": r.text("contact_name", max_len=64),
            "contact_phone": r.text("contact_phone", max_len=32),
        }
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(row)
    return plan


def insert_customers(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    owner_of = {row["code"]: row["owner_id"] for row in plan.rows}
    _bulk(
        session,
        Customer,
        [
            {
                k: row[k]
                for k in (
                    "code",
                    "name",
                    "credit_code",
                    "industry",
                    "region",
                    "address",
                    "payment_terms_days",
                    "credit_limit",
                    "tier",
                )
            }
            | {"in_pool": row["owner_id"] is None, "active": True, "notes": None, **stamp}
            for row in plan.rows
        ],
    )
    codes = [row["code"] for row in plan.rows]
    ids: dict[str, int] = {}
    for start in range(0, len(codes), 900):
        chunk = codes[start : start + 900]
        ids.update(
            dict(
                session.execute(
                    select(Customer.code, Customer.id).where(Customer.code.in_(chunk))
                ).all()
            )
        )
    contacts = [
        {
            "customer_id": ids[row["code"]],
            "name": row["contact_name"],
            "phone": row["contact_phone"],
            "title": None,
            "email": None,
            "is_primary": True,
            **stamp,
        }
        for row in plan.rows
        if row["contact_name"]
    ]
    _bulk(session, Contact, contacts)
    assignments = [
        {
            "customer_id": ids[code],
            "employee_id": owner,
            "valid_from": today,
            "valid_to": None,
            "reason": AssignmentReason.INITIAL.value,
            "approved_by": None,
            "note": "import",
            "created_at": now,
        }
        for code, owner in owner_of.items()
        if owner is not None
    ]
    _bulk(session, CustomerAssignment, assignments)
    return {"customers": len(plan.rows), "contacts": len(contacts), "assignments": len(assignments)}


def plan_assignments(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    starts: dict[int, date] = {
        c: d
        for c, d in session.execute(
            select(
                CustomerAssignment.customer_id, func.max(CustomerAssignment.valid_from)
            ).group_by(CustomerAssignment.customer_id)
        )
    }
    seen: dict[tuple[int, date], int] = {}
    for r in readers:
        customer = _resolve(r, "customer", look.customer, True)
        owner = _resolve(r, "owner", look.employee, True)
        start = r.parsed("valid_from", parse_date, required=True)
        reason = r.parsed(
            "reason",
            _choice(
                REASONS, QT_TRANSLATE_NOOP("Errors", "unknown reason (初始/调整/交接/公海认领)")
            ),
        )
        if customer is not None and start is not None:
            if customer in starts and start <= starts[customer]:
                r.fail(
                    "valid_from",
                    QT_TRANSLATE_NOOP("Errors", "the customer already has an owner from {day} on"),
                    day=starts[customer].isoformat(),
                )
            elif (customer, start) in seen:
                r.fail(
                    "valid_from",
                    QT_TRANSLATE_NOOP("Errors", "duplicate of row {other} in this file"),
                    other=seen[(customer, start)],
                )
            else:
                seen[(customer, start)] = r.row
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "customer_id": customer,
                    "employee_id": owner,
                    "valid_from": start,
                    "reason": (reason or AssignmentReason.REBALANCE).value,
                    "note": r.text("note", max_len=256),
                }
            )
    return plan


def insert_assignments(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    conn = session.connection()
    by_customer: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in plan.rows:
        by_customer[row["customer_id"]].append(row)
    count = 0
    for customer, rows in by_customer.items():
        rows.sort(key=lambda x: x["valid_from"])
        first = rows[0]["valid_from"]
        conn.execute(
            update(CustomerAssignment)
            .where(
                CustomerAssignment.customer_id == customer, CustomerAssignment.valid_to.is_(None)
            )
            .values(valid_to=first)
        )
        for i, row in enumerate(rows):
            end = rows[i + 1]["valid_from"] if i + 1 < len(rows) else None
            conn.execute(
                insert(CustomerAssignment).values(
                    customer_id=customer,
                    employee_id=row["employee_id"],
                    valid_from=row["valid_from"],
                    valid_to=end,
                    reason=row["reason"],
                    approved_by=None,
                    note=row["note"],
                    created_at=now,
                )
            )
            count += 1
        conn.execute(update(Customer).where(Customer.id == customer).values(in_pool=False))
    return {"assignments": count}


def _cells(readers: Iterable[RowReader], name: str) -> Iterator[str]:
    """The non-blank cells of one field as text (a first pass, which records no errors)."""
    for r in readers:
        value = r.raw(name)
        if not is_blank(value):
            yield as_text(value)


def _present(session: Session, key: Any, value: Any, wanted: Iterable[str]) -> dict[Any, Any]:
    """``{key: value}`` for the rows whose ``key`` is one of ``wanted``, looked up by its index
    a chunk at a time, rather than loading every number the table holds (a million waybills
    in the large dataset)."""
    keys = list(dict.fromkeys(wanted))
    found: dict[Any, Any] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        found.update(tuple(r) for r in session.execute(select(key, value).where(key.in_(chunk))))
    return found


def _waybill_numbers(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").replace(";", ",").split(",") if p.strip()]


def plan_orders(session: Session, readers: Iterable[RowReader], look: Lookups, today: date) -> Plan:
    plan = Plan()
    existing = _present(session, Order.number, Order.id, _cells(readers, "number"))
    seen: dict[str, int] = {}
    for r in readers:
        number = r.text("number", required=True, max_len=40)
        if number is not None:
            _duplicate(r, "number", seen, number, number in existing)
        customer = _resolve(r, "customer", look.customer, True)
        salesperson = _resolve(r, "salesperson", look.employee, False)
        day = r.parsed("order_date", parse_date, required=True)
        revenue = r.parsed("revenue", parse_money, required=True)
        cost = r.parsed("cost", parse_money)
        if revenue is not None and revenue < 0:
            r.fail("revenue", QT_TRANSLATE_NOOP("Errors", "must not be negative"))
        if cost is not None and cost < 0:
            r.fail("cost", QT_TRANSLATE_NOOP("Errors", "must not be negative"))
        service = r.parsed(
            "service_type",
            _choice(
                SERVICE_TYPES,
                QT_TRANSLATE_NOOP("Errors", "unknown service type (整车/零担/快递/仓储)"),
            ),
        )
        status = r.parsed(
            "status", _choice(ORDER_STATUS, QT_TRANSLATE_NOOP("Errors", "unknown status"))
        )
        if salesperson is not None and day is not None:
            if look.employee_status.get(salesperson) == EmployeeStatus.DEPARTED.value:
                r.fail(
                    "salesperson",
                    QT_TRANSLATE_NOOP(
                        "Errors", "this employee has departed and cannot take orders"
                    ),
                )
            for check in ORDER_ROW_CHECKS:
                problem = check(session, salesperson, day)
                if problem:
                    template, params = problem if isinstance(problem, tuple) else (problem, {})
                    r.fail("salesperson", template, **params)
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "number": number,
                    "customer_id": customer,
                    "order_date": day,
                    "salesperson_id": salesperson,
                    "service_type": (service or ServiceType.LTL).value,
                    "origin": r.text("origin", max_len=64),
                    "destination": r.text("destination", max_len=64),
                    "revenue": revenue,
                    "cost": cost if cost is not None else Decimal("0"),
                    "status": (status or OrderStatus.OPEN).value,
                    "receivable_id": None,
                }
            )
    return plan


def insert_orders(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    _bulk(session, Order, (row | stamp for row in plan.rows))
    return {"orders": len(plan.rows)}


def plan_receivables(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    existing = _present(session, Receivable.number, Receivable.id, _cells(readers, "number"))
    terms = dict(session.execute(select(Customer.id, Customer.payment_terms_days)).all())
    order_ids = _present(
        session,
        Order.number,
        Order.id,
        (n for text in _cells(readers, "orders") for n in _waybill_numbers(text)),
    )
    seen: dict[str, int] = {}
    for r in readers:
        number = r.text("number", required=True, max_len=40)
        if number is not None:
            _duplicate(r, "number", seen, number, number in existing)
        customer = _resolve(r, "customer", look.customer, True)
        issued = r.parsed("issued_on", parse_date, required=True)
        due = r.parsed("due_on", parse_date)
        amount = r.parsed("amount", parse_money, required=True)
        if amount is not None and amount <= 0:
            r.fail("amount", QT_TRANSLATE_NOOP("Errors", "must be more than zero"))
        if issued and due and due < issued:
            r.fail("due_on", QT_TRANSLATE_NOOP("Errors", "due before it was issued"))
        salesperson = _resolve(r, "salesperson", look.employee, False)
        linked: list[int] = []
        orders_text = r.text("orders", max_len=10000)
        if orders_text:
            for part in _waybill_numbers(orders_text):
                if part not in order_ids:
                    r.fail(
                        "orders",
                        QT_TRANSLATE_NOOP("Errors", "no waybill numbered {number}"),
                        number=part,
                    )
                else:
                    linked.append(order_ids[part])
        if due is None and issued is not None and customer is not None:
            due = issued + timedelta(days=int(terms.get(customer) or 30))
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "number": number,
                    "customer_id": customer,
                    "issued_on": issued,
                    "due_on": due,
                    "amount": amount,
                    "salesperson_id": salesperson,
                    "orders": linked,
                }
            )
    return plan


def insert_receivables(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    _bulk(
        session,
        Receivable,
        (
            {k: v for k, v in row.items() if k != "orders"}
            | {
                "paid": Decimal("0"),
                "written_off": Decimal("0"),
                "written_off_on": None,
                "collector_id": None,
                **stamp,
            }
            for row in plan.rows
        ),
    )
    ids = _present(
        session,
        Receivable.number,
        Receivable.id,
        (row["number"] for row in plan.rows if row["orders"]),
    )
    conn = session.connection()
    linked = 0
    for row in plan.rows:
        if row["orders"]:
            conn.execute(
                update(Order)
                .where(Order.id.in_(row["orders"]))
                .values(receivable_id=ids[row["number"]], status=OrderStatus.INVOICED.value)
            )
            linked += len(row["orders"])
    return {"receivables": len(plan.rows), "orders_linked": linked}


def plan_payments(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    existing_refs = _present(session, Payment.reference, Payment.id, _cells(readers, "reference"))
    open_rows = session.execute(
        select(
            Receivable.id,
            Receivable.number,
            Receivable.customer_id,
            Receivable.amount,
            Receivable.paid,
            Receivable.written_off,
            Receivable.due_on,
        )
        .where(Receivable.amount > Receivable.paid + Receivable.written_off)
        .order_by(Receivable.due_on, Receivable.id)
    ).all()
    outstanding: dict[int, Decimal] = {}
    by_number: dict[str, tuple[int, int]] = {}
    by_customer: dict[int, list[int]] = defaultdict(list)
    for rid, number, customer, amount, paid, written_off, _due in open_rows:
        outstanding[rid] = amount - paid - written_off
        by_number[number] = (rid, customer)
        by_customer[customer].append(rid)
    seen: dict[str, int] = {}
    for r in readers:
        customer = _resolve(r, "customer", look.customer, True)
        day = r.parsed("received_on", parse_date, required=True)
        amount = r.parsed("amount", parse_money, required=True)
        if amount is not None and amount <= 0:
            r.fail("amount", QT_TRANSLATE_NOOP("Errors", "must be more than zero"))
            amount = None
        reference = r.text("reference", max_len=64)
        if reference is not None:
            _duplicate(r, "reference", seen, reference, reference in existing_refs)
        collector = _resolve(r, "collector", look.employee, False)
        invoice = r.text("invoice", max_len=40)
        allocations: list[tuple[int, Decimal]] = []
        if customer is not None and amount is not None and not r.errors:
            if invoice:
                target = by_number.get(invoice)
                if target is None:
                    r.fail(
                        "invoice",
                        QT_TRANSLATE_NOOP("Errors", "no open invoice numbered {number}"),
                        number=invoice,
                    )
                elif target[1] != customer:
                    r.fail(
                        "invoice",
                        QT_TRANSLATE_NOOP("Errors", "invoice {number} belongs to another customer"),
                        number=invoice,
                    )
                elif outstanding[target[0]] < amount:
                    r.fail(
                        "amount",
                        QT_TRANSLATE_NOOP(
                            "Errors", "more than the {open} still open on invoice {number}"
                        ),
                        open=str(outstanding[target[0]]),
                        number=invoice,
                    )
                else:
                    allocations.append((target[0], amount))
            else:
                left = amount
                for rid in by_customer.get(customer, []):
                    if left <= 0:
                        break
                    take = min(left, outstanding[rid])
                    if take > 0:
                        allocations.append((rid, take))
                        left -= take
                if left > 0:
                    r.fail(
                        "amount",
                        QT_TRANSLATE_NOOP(
                            "Errors", "{left} more than the customer's open invoices"
                        ),
                        left=str(left),
                    )
            if not r.errors:
                for rid, take in allocations:
                    outstanding[rid] -= take
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "customer_id": customer,
                    "received_on": day,
                    "amount": amount,
                    "reference": reference,
                    "method": r.text("method", max_len=32),
                    "collector_id": collector,
                    "allocations": allocations,
                }
            )
    return plan


def insert_payments(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    conn = session.connection()
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    paid_delta: dict[int, Decimal] = defaultdict(Decimal)
    allocations = 0
    for start in range(0, len(plan.rows), BATCH):
        for row in plan.rows[start : start + BATCH]:
            result = conn.execute(
                insert(Payment).values(
                    **{k: v for k, v in row.items() if k != "allocations"}, **stamp
                )
            )
            payment_id = result.inserted_primary_key[0]
            for rid, amount in row["allocations"]:
                conn.execute(
                    insert(PaymentAllocation).values(
                        payment_id=payment_id, receivable_id=rid, amount=amount
                    )
                )
                paid_delta[rid] += amount
                allocations += 1
    for rid, delta in paid_delta.items():
        conn.execute(
            update(Receivable)
            .where(Receivable.id == rid)
            .values(paid=Receivable.paid + delta, updated_at=now, version=Receivable.version + 1)
        )
    return {"payments": len(plan.rows), "allocations": allocations}


def plan_followups(
    session: Session, readers: Iterable[RowReader], look: Lookups, today: date
) -> Plan:
    plan = Plan()
    for r in readers:
        customer = _resolve(r, "customer", look.customer, True)
        day = r.parsed("followed_on", parse_date, required=True)
        employee = _resolve(r, "employee", look.employee, False)
        channel = r.parsed(
            "channel",
            _choice(
                CHANNELS,
                QT_TRANSLATE_NOOP("Errors", "unknown channel (电话/拜访/微信/邮件/会议/其他)"),
            ),
        )
        content = r.text("content", required=True, max_len=4000)
        plan.errors += r.errors
        if not r.errors:
            plan.rows.append(
                {
                    "customer_id": customer,
                    "employee_id": employee,
                    "followed_on": day,
                    "channel": channel or "phone",
                    "content": content,
                    "next_step": r.text("next_step", max_len=2000),
                }
            )
    return plan


def insert_followups(session: Session, plan: Plan, now: datetime, today: date) -> dict[str, int]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    _bulk(session, FollowUp, (row | stamp for row in plan.rows))
    return {"followups": len(plan.rows)}


def _bulk(session: Session, model: type, rows: Iterable[dict[str, Any]]) -> None:
    """Insert in batches; ``rows`` may be a generator, so only one batch is built at a time."""
    conn = session.connection()
    it = iter(rows)
    while chunk := list(islice(it, BATCH)):
        conn.execute(insert(model), chunk)


PLANNERS: dict[str, Callable[[Session, Iterable[RowReader], Lookups, date], Plan]] = {
    "staff": plan_staff,
    "customers": plan_customers,
    "assignments": plan_assignments,
    "orders": plan_orders,
    "receivables": plan_receivables,
    "payments": plan_payments,
    "followups": plan_followups,
}
INSERTERS: dict[str, Callable[..., dict[str, int]]] = {
    "staff": lambda s, p, now, today: insert_staff(s, p, now),
    "customers": insert_customers,
    "assignments": insert_assignments,
    "orders": insert_orders,
    "receivables": insert_receivables,
    "payments": insert_payments,
    "followups": insert_followups,
}
CHANGE_KINDS = {
    "staff": ("staff",),
    "customers": ("customers",),
    "assignments": ("customers",),
    "orders": ("orders",),
    "receivables": ("receivables",),
    "payments": ("receivables", "payments"),
    "followups": ("followups",),
}


# --------------------------------------------------------------------------- who may import what

#: What typing the same records needs, per kind: importing is typing many rows at once, so it
#: needs these actions (from the one permission table) on top of :attr:`Action.IMPORT`.
KIND_ACTIONS: dict[str, tuple[Action, ...]] = {
    "staff": (Action.STAFF_EDIT,),
    "customers": (Action.CUSTOMERS_EDIT,),
    "assignments": (Action.CUSTOMERS_REASSIGN,),
    "orders": (Action.ORDERS_EDIT,),
    "receivables": (Action.RECEIVABLES_EDIT,),
    "payments": (Action.PAYMENTS_EDIT,),
    "followups": (Action.FOLLOWUPS_EDIT,),
}
MSG_KIND_DENIED = QT_TRANSLATE_NOOP(
    "Errors",
    "Your role ({role}) may not import {kind}: entering them needs the right {action}. "
    "Nothing was imported.",
)
MSG_NO_BRANCH_RIGHT = QT_TRANSLATE_NOOP(
    "Errors", "there is no branch {value}; only an administrator may add branches"
)
MSG_BRANCH_OUTSIDE = QT_TRANSLATE_NOOP("Errors", "{value} is outside your branch {mine}")
MSG_EMPLOYEE_OUTSIDE = QT_TRANSLATE_NOOP(
    "Errors", "{value} works at {branch}, outside your branch {mine}"
)
MSG_CUSTOMER_OUTSIDE = QT_TRANSLATE_NOOP(
    "Errors", "customer {value} is not owned by your branch {mine}"
)
MSG_EMPLOYEE_NOT_YOURS = QT_TRANSLATE_NOOP(
    "Errors", "{value} is not you: you may import only your own records"
)
MSG_CUSTOMER_NOT_YOURS = QT_TRANSLATE_NOOP("Errors", "customer {value} is not one of yours")
MSG_EMPLOYEE_NO_BRANCH = QT_TRANSLATE_NOOP(
    "Errors", "{value} belongs to no branch, outside your branch {mine}"
)


def can_import(role: Role | str, kind: str) -> bool:
    """Whether ``role`` may import ``kind``: the import right and what typing them needs."""
    actions = KIND_ACTIONS.get(kind)
    return actions is not None and can(role, Action.IMPORT) and all(can(role, a) for a in actions)


def importable_kinds(role: Role | str) -> list[str]:
    """The kinds ``role`` may import, in the usual order (the wizard offers only these)."""
    return [kind for kind in KINDS if can_import(role, kind)]


def require_import(ctx: ServiceContext, kind: str) -> None:
    """Refuse before the file is read when the role may not type these records at all."""
    ctx.require(Action.IMPORT)
    for action in KIND_ACTIONS.get(kind, ()):
        if not can(ctx.actor.role, action):
            raise PermissionDenied(
                MSG_KIND_DENIED, role=ctx.actor.role.value, kind=kind, action=action.value
            )


class ImportOutsideScope(PermissionDenied):
    """Rows name records outside what the actor may change; nothing was imported.

    ``preview.errors`` holds every row's problem; the message names the first refused row.
    """

    def __init__(self, preview: ImportPreview, refused: list[RowError]) -> None:
        self.preview = preview
        self.refused = sorted(refused, key=lambda e: (e.row, e.column))
        first = self.refused[0]
        more = len({e.row for e in self.refused}) - 1
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "Row {row}: {reason}. Nothing was imported.")
            if not more
            else QT_TRANSLATE_NOOP(
                "Errors",
                "Row {row}: {reason}; {more} more row(s) are outside what you may change. "
                "Nothing was imported.",
            ),
            row=first.row,
            reason=first.reason(),
            more=more,
        )

    def message(self, translate: Translate | None = None) -> str:
        """The message with the row's reason in the same language."""
        if translate is None or not getattr(self, "refused", None):
            return super().message(translate)
        params = self.params | {"reason": self.refused[0].reason(translate)}
        text = translate("Errors", self.template)
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**params)


#: (file row, column header, cell text, the id the cell names) for one reference cell.
_Ref = tuple[int, str, str, int]


def _refs(readers: Iterable[RowReader], name: str, finder: Finder) -> list[_Ref]:
    """Each row whose ``name`` cell names a known record (a cell that names none is left to
    the planner's own message). Plain tuples: the readers themselves are not kept."""
    found: list[_Ref] = []
    for r in readers:
        value = r.raw(name)
        if is_blank(value):
            continue
        text = as_text(value)
        ident, _problem = finder(text)
        if ident is not None:
            found.append((r.row, r.headers.get(name, name), text, ident))
    return found


def _refused(ref: _Ref, template: str, **params: Any) -> RowError:
    row, column, value, _ident = ref
    return RowError(row, column, value, template, {"value": value, **params})


def scope_errors(
    ctx: ServiceContext, session: Session, kind: str, readers: Iterable[RowReader], look: Lookups
) -> list[RowError]:
    """Every row that names an employee, customer or branch outside what the actor may
    change, by the rule typing that row follows (services/scope.py): a manager gives
    customers and waybills only to employees of their branch, and books or moves only
    customers their branch owns (or, moving, from the public pool); a sales account only its
    own. Staff rows that would add a branch need the right to edit the company."""
    errors: list[RowError] = []
    branches = dict(session.execute(select(Branch.id, Branch.name)).all())
    codes = dict(session.execute(select(Branch.id, Branch.code)).all())
    sc = scope.scope_of(ctx, session)
    adds_branches = can(ctx.actor.role, Action.COMPANY_EDIT)
    refs: list[_Ref] = []
    if kind == "staff" and not (adds_branches and sc.everyone):
        refs = _refs(readers, "branch", lambda _text: (0, None))
        if not adds_branches:
            known = {*branches.values(), *codes.values()}
            errors += [_refused(ref, MSG_NO_BRANCH_RIGHT) for ref in refs if ref[2] not in known]
    if sc.everyone:
        return errors
    mine = branches.get(sc.branch_id, "") if sc.branch_id is not None else ""

    def outside(ref: _Ref, branch_template: str, own_template: str, **params: Any) -> RowError:
        if sc.branch_id is not None:
            return _refused(ref, branch_template, mine=mine, **params)
        return _refused(ref, own_template, **params)

    if kind == "staff":
        # No scoped role keeps staff records today; should one, it keeps only its branch's.
        own = {mine, codes.get(sc.branch_id or -1)}
        errors += [
            outside(ref, MSG_BRANCH_OUTSIDE, MSG_EMPLOYEE_NOT_YOURS)
            for ref in refs
            if ref[2] not in own
        ]
    # The cells that name someone, as the typed form checks them: the owner a customer is
    # given (customers.create_customer, reassign) and the salesperson of a waybill
    # (money.create_order); then the customer booked or moved (customer_in_scope).
    people = {"customers": "owner", "assignments": "owner", "orders": "salesperson"}
    if kind in people:
        refs = _refs(readers, people[kind], look.employee)
        allowed = scope.employees_in_scope(ctx, session, {ref[3] for ref in refs})
        strangers = {ref[3] for ref in refs} - allowed
        works_at = _present(session, Employee.id, Employee.branch_id, strangers)
        for ref in refs:
            if ref[3] in strangers:
                branch = branches.get(works_at.get(ref[3]) or -1)
                errors.append(
                    outside(ref, MSG_EMPLOYEE_OUTSIDE, MSG_EMPLOYEE_NOT_YOURS, branch=branch)
                    if branch is not None
                    else outside(ref, MSG_EMPLOYEE_NO_BRANCH, MSG_EMPLOYEE_NOT_YOURS)
                )
    if kind in ("assignments", "orders", "receivables", "payments", "followups"):
        refs = _refs(readers, "customer", look.customer)
        allowed = scope.customers_in_scope(ctx, session, {ref[3] for ref in refs})
        if kind == "assignments" and ctx.actor.role is not Role.SALES:
            # Managers may also hand out customers from the public pool (customers._with_pool).
            pool = _present(
                session, Customer.id, Customer.in_pool, {ref[3] for ref in refs} - allowed
            )
            allowed |= {ident for ident, in_pool in pool.items() if in_pool}
        errors += [
            outside(ref, MSG_CUSTOMER_OUTSIDE, MSG_CUSTOMER_NOT_YOURS)
            for ref in refs
            if ref[3] not in allowed
        ]
    return errors


# --------------------------------------------------------------------------- the use cases


class _Readers:
    """The file's rows as RowReaders, made afresh on each pass and dropped once read: a
    planner may look twice (to look up only the numbers the file names), and 100,000 readers
    held at once would double an import's memory."""

    def __init__(self, table: Table, mapping: dict[int, str], today: date | None = None) -> None:
        self.table = table
        self.mapping = mapping
        self.headers = {name: table.headers[i] for i, name in mapping.items()}
        self.today = today

    def __iter__(self) -> Iterator[RowReader]:
        mapping = self.mapping.items()
        lines = self.table.lines
        width = len(self.table.headers)
        for offset, raw in enumerate(self.table.rows):
            cells = {name: unquote_formula(raw[i]) if i < len(raw) else None for i, name in mapping}
            reader = RowReader(
                offset + 2, cells, self.headers, lines[offset] if lines else None, self.today
            )
            extra = [c for c in raw[width:] if not is_blank(c)]
            if extra:
                # Cells beyond the header would be dropped unread: a delimiter inside an
                # unquoted cell, or a quote that joined two rows, shifted them there.
                reader.errors.append(_extra_cells(reader, as_text(extra[0]), len(raw), width))
            yield reader


def _extra_cells(reader: RowReader, value: str, cells: int, columns: int) -> RowError:
    if reader.lines is None:
        return RowError(
            reader.row,
            "",
            value,
            QT_TRANSLATE_NOOP(
                "Errors",
                "this row has {cells} cells but the header only {columns}: a comma or a quote "
                "inside a cell has probably split or joined cells",
            ),
            {"cells": cells, "columns": columns},
        )
    first, last = reader.lines
    if first == last:
        return RowError(
            reader.row,
            "",
            value,
            QT_TRANSLATE_NOOP(
                "Errors",
                "this row (line {line} of the file) has {cells} cells but the header only "
                "{columns}: a comma or a quote inside a cell has probably split or joined cells",
            ),
            {"cells": cells, "columns": columns, "line": first},
        )
    return RowError(
        reader.row,
        "",
        value,
        QT_TRANSLATE_NOOP(
            "Errors",
            "this row (lines {first} to {last} of the file) has {cells} cells but the header "
            "only {columns}: a comma or a quote inside a cell has probably split or joined cells",
        ),
        {"cells": cells, "columns": columns, "first": first, "last": last},
    )


Loaded = tuple[Table, dict[int, str], list[RowError], str]


def _load(kind: str, path: Path, mapping: dict[str, str] | None) -> Loaded:
    """Read and map the file — outside any transaction, so the vault's write lock is never
    held while a file is read (a slow disk, a huge file). The hash is of the bytes parsed."""
    table = read_table(path)  # first: it turns a missing or unreadable file into a message
    columns, errors = map_columns(kind, table.headers, mapping)
    if table.broken is not None:
        row, _line, template, params = table.broken
        errors = [*errors, RowError(row, "", "", template, params)]
    return table, columns, errors, table.sha256


def _plan(
    ctx: ServiceContext,
    session: Session,
    kind: str,
    path: Path,
    mapping: dict[str, str] | None,
    progress: ProgressFn | None,
    loaded: Loaded | None = None,
) -> tuple[ImportPreview, Plan]:
    if progress:
        progress(0, 3, "read")
    table, columns, errors, digest = loaded or _load(kind, path, mapping)
    plan = Plan()
    if not errors:
        if progress:
            progress(1, 3, "check")
        look = Lookups(session)
        readers = _Readers(table, columns, ctx.today())
        plan = PLANNERS[kind](session, readers, look, ctx.today())
        refused = scope_errors(ctx, session, kind, readers, look)
        plan.extra["refused"] = refused
        errors = plan.errors + refused
    sample = plan.rows[:20] if not errors else []
    preview = ImportPreview(
        kind=kind,
        file_name=path.name,
        sha256=digest,
        encoding=table.encoding,
        columns=[(table.headers[i], name) for i, name in sorted(columns.items())],
        total_rows=len(table.rows),
        errors=sorted(errors, key=lambda e: (e.row, e.column)),
        sample=[{k: _display(v) for k, v in row.items()} for row in sample],
        will_create=dict(plan.will_create),
    )
    return preview, plan


def shown_value(text: str, limit: int = 200) -> str:
    """A cell's text as a report shows it: at most ``limit`` characters, controls spelled out."""
    if len(text) > limit:
        text = text[: limit // 2] + f"… ({len(text):,} characters)"
    return printable(text)


def _display(value: Any) -> Any:
    if isinstance(value, Decimal | date):
        return str(value)
    return value


def preview_import(
    ctx: ServiceContext,
    kind: str,
    path: Path,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> ImportPreview:
    """The dry run: every check, nothing written."""
    require_import(ctx, kind)
    loaded = _load(kind, path, mapping)
    with ctx.transaction() as session:
        preview, _ = _plan(ctx, session, kind, path, mapping, progress, loaded)
        session.rollback()
    return preview


def run_import(
    ctx: ServiceContext,
    kind: str,
    path: Path,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> ImportResult:
    """Check the whole file, then write it all in one transaction — or raise ImportRejected
    (ImportOutsideScope when rows lie outside what the actor may change)."""
    require_import(ctx, kind)
    loaded = _load(kind, path, mapping)
    with ctx.transaction() as session:
        preview, plan = _plan(ctx, session, kind, path, mapping, progress, loaded)
        if plan.extra.get("refused"):
            raise ImportOutsideScope(preview, plan.extra["refused"])
        if not preview.ok:
            raise ImportRejected(preview)
        if progress:
            progress(2, 3, "write")
        now = datetime.now(UTC)
        inserted = INSERTERS[kind](session, plan, now, ctx.today())
        audit.record(
            session,
            "import",
            kind,
            path.name,
            {
                "sha256": preview.sha256,
                "rows": preview.total_rows,
                "inserted": inserted,
                "mapping": dict(preview.columns),
            },
        )
    if progress:
        progress(3, 3, "done")
    return ImportResult(kind, path.name, inserted, Changes.of(*CHANGE_KINDS[kind]))


def load_mapping(path: Path) -> dict[str, str]:
    """A mapping file for the CLI: JSON {"header in the file": "field name or ignore"}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{file} is not a JSON mapping file."), file=path.name
        ) from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{file} is not a JSON mapping file."), file=path.name
        )
    return data
