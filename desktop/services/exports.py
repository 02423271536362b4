"""Exporting lists to XLSX or CSV: what the actor may see, audited, written atomically.

Where the rows come from: each service's ``export_*`` function applies the same scope, search
and filters as its list and records the export in the audit log in the same unit of work as
the read. This module turns the rows into a file, only where the user asked: it writes a
temp file beside the target, hashes it, lets the audit event (kind, format, rows, file,
SHA-256) commit with the read, and only then renames it into place — a file never appears
without its record, and a failed or cancelled export leaves neither.

Headers are the Chinese ones the imports recognise (:data:`desktop.services.imports.FIELDS`),
so an exported file can be edited and imported back; columns an import cannot set (a name
beside a code, a balance) have headers of their own that the import skips
(:func:`export_only_headers`).

A list longer than the ``export_approval_threshold`` business setting needs two people's
approval (SPEC §2). Until that approval arrives with the alerts, only an administrator may
export it; the administrator's export is audited with ``over_threshold``, and a refused
attempt is audited too (a large export is a risk signal).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import IO, Any

from desktop.errors import QT_TRANSLATE_NOOP, PermissionDenied, ValidationError
from desktop.models import audit
from desktop.services import (
    alerts,
    customers,
    export_approvals,
    followups,
    listing,
    money,
    notice_access,
    staff,
)
from desktop.services.context import ServiceContext
from desktop.services.money import AgingGroup, AgingReport
from desktop.services.permissions import Action
from desktop.services.tabular import csv_safe, xlsx_cell
from desktop.storage.atomic import fsync_dir
from desktop.storage.database import storage_error
from desktop.storage.private import refuse_vault_file

ProgressFn = Callable[[int, int, str], None]
KINDS = ("staff", "customers", "orders", "receivables", "payments", "followups", "aging")
FORMATS = ("xlsx", "csv")

TEXT, MONEY, DATE, INT, BUCKETS = "text", "money", "date", "int", "buckets"
NUMBER_FORMATS = {MONEY: "#,##0.00", DATE: "yyyy-mm-dd", INT: "0"}
WIDTHS = {MONEY: 14, DATE: 12, INT: 10}

MSG_NEEDS_APPROVAL = QT_TRANSLATE_NOOP(
    "Errors",
    "This export has {rows} rows, more than the {threshold} that may be exported without "
    "approval by two people. That approval is not available yet: ask an administrator to "
    "export it, or narrow the list with a search or a filter.",
)


MSG_WINDOW = QT_TRANSLATE_NOOP(
    "Errors",
    "This export has {rows} rows; with the {used} rows you exported in the last {days} days it "
    "passes the limit of {limit}. Ask for approval with a reason (a manager, then an "
    "administrator approves it), or narrow the list with a search or a filter.",
)


class ExportNeedsApproval(PermissionDenied):
    """A list longer than the approval threshold, exported by someone not an administrator."""


class _Counted(Exception):
    def __init__(self, total: int) -> None:
        super().__init__(total)
        self.total = total


class _CountSink:
    """Counts an export's rows and stops before the first one (nothing is read or audited)."""

    def start(self, total: int) -> None:
        raise _Counted(total)

    def write(self, rows: Sequence[Any]) -> None:  # pragma: no cover - never reached
        pass

    def finish(self) -> dict[str, Any]:  # pragma: no cover - never reached
        return {}


def request_export(
    ctx: ServiceContext,
    kind: str,
    reason: str,
    search: str = "",
    filters: dict[str, Any] | None = None,
) -> int:
    """Ask for approval to export the ``kind`` list (as the actor sees it with ``search`` and
    ``filters``): records what, its scope, its row count and the reason; returns the id."""
    if kind not in KINDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Unknown export kind {kind}: choose one of {kinds}."),
            field="kind",
            kind=kind,
            kinds=", ".join(KINDS),
        )
    notice_access.refuse(ctx, notice_access.EXPORT)
    try:
        _run(ctx, kind, search.strip(), filters, _CountSink())  # type: ignore[arg-type]
    except _Counted as counted:
        rows = counted.total
    else:  # pragma: no cover - every export starts its sink
        rows = 0
    return export_approvals.create_request(ctx, kind, rows, reason, search, filters)


# --------------------------------------------------------------------------- the columns


@dataclass(frozen=True)
class Column:
    """One column of an exported file: its header, how a row gives its value, the value's
    type (text, money, date, int), and the import field it feeds (None: for reading only)."""

    header: str
    value: Callable[[Any], Any]
    type: str = TEXT
    field: str | None = None
    width: int = 0

    @property
    def shown_width(self) -> int:
        return self.width or WIDTHS.get(self.type) or max(10, len(self.header) * 2 + 4)


def _f(
    field: str,
    header: str,
    getter: str | Callable[[Any], Any],
    type: str = TEXT,
    width: int = 0,
) -> Column:
    """A column an import reads back into ``field`` (``header`` is one FIELDS recognises)."""
    value = attrgetter(getter) if isinstance(getter, str) else getter
    return Column(header, value, type, field, width)


def _x(header: str, getter: str | Callable[[Any], Any], type: str = TEXT, width: int = 0) -> Column:
    """A column for reading only; an import skips it."""
    value = attrgetter(getter) if isinstance(getter, str) else getter
    return Column(header, value, type, None, width)


def _label(table: dict[str, str], name: str) -> Callable[[Any], str | None]:
    """A code as the Chinese word the imports accept for it (unknown codes as they are)."""

    def get(row: Any) -> str | None:
        value = getattr(row, name)
        return None if value is None else table.get(value, value)

    return get


def _yes_no(name: str) -> Callable[[Any], str]:
    return lambda row: "是" if getattr(row, name) else "否"


STAFF_STATUS = {"active": "在职", "notice": "待离职", "handover": "交接中", "departed": "离职"}
SERVICE_TYPES = {"ftl": "整车", "ltl": "零担", "express": "快递", "warehousing": "仓储"}
ORDER_STATUS = {
    "open": "已下单",
    "delivered": "已签收",
    "invoiced": "已开票",
    "cancelled": "已取消",
}
CHANNELS = {
    "phone": "电话",
    "visit": "拜访",
    "wechat": "微信",
    "email": "邮件",
    "meeting": "会议",
    "other": "其他",
}
NAME_WIDTH = 32

# Every kind's columns, in file order. A customer is named by its code and a person by the
# employee number (both unique, so a re-import finds them); the names follow for reading.
COLUMNS: dict[str, tuple[Column, ...]] = {
    "staff": (
        _f("employee_no", "工号", "employee_no"),
        _f("name", "姓名", "name"),
        _f("branch", "分公司", "branch_name"),
        _f("department", "部门", "department_name"),
        _f("position", "岗位", "position_name"),
        _f("manager", "上级", "manager_name"),
        _f("hire_date", "入职日期", "hire_date", DATE),
        _f("status", "状态", _label(STAFF_STATUS, "status")),
        _f("is_sales", "是否销售", _yes_no("is_sales")),
        _f("phone", "电话", "phone"),
        _x("离职日期", "departed_on", DATE),
        _x("名下客户数", "customers_owned", INT),
    ),
    "customers": (
        _f("code", "客户编码", "code"),
        _f("name", "客户名称", "name"),
        _f("credit_code", "统一社会信用代码", "credit_code"),
        _f("industry", "行业", "industry"),
        _f("region", "地区", "region"),
        _f("tier", "等级", "tier"),
        _f("payment_terms_days", "账期", "payment_terms_days", INT),
        _f("credit_limit", "信用额度", "credit_limit", MONEY),
        _f("owner", "业务员", "owner_no"),
        _x("业务员姓名", "owner_name"),
        _f("owner_since", "归属日期", "owner_since", DATE),
        _x("公海", _yes_no("in_pool")),
        _x("是否启用", _yes_no("active")),
    ),
    "orders": (
        _f("number", "运单号", "number"),
        _f("customer", "客户编码", "customer_code"),
        _x("客户全称", "customer_name", width=NAME_WIDTH),
        _f("order_date", "下单日期", "order_date", DATE),
        _f("salesperson", "业务员", "salesperson_no"),
        _x("业务员姓名", "salesperson_name"),
        _f("origin", "始发地", "origin"),
        _f("destination", "目的地", "destination"),
        _f("service_type", "业务类型", _label(SERVICE_TYPES, "service_type")),
        _f("revenue", "运费", "revenue", MONEY),
        _f("cost", "成本", "cost", MONEY),
        _x("毛利", "margin", MONEY),
        _f("status", "状态", _label(ORDER_STATUS, "status")),
    ),
    "receivables": (
        _f("number", "发票号", "number"),
        _f("customer", "客户编码", "customer_code"),
        _x("客户全称", "customer_name", width=NAME_WIDTH),
        _f("issued_on", "开票日期", "issued_on", DATE),
        _f("due_on", "到期日", "due_on", DATE),
        _f("amount", "应收金额", "amount", MONEY),
        _f("salesperson", "业务员", "salesperson_no"),
        _x("业务员姓名", "salesperson_name"),
        _x("已回款", "paid", MONEY),
        _x("坏账核销", "written_off", MONEY),
        _x("未收余额", "outstanding", MONEY),
        _x("逾期天数", "days_overdue", INT),
        _x("坏账核销日期", "written_off_on", DATE),
    ),
    "payments": (
        _f("customer", "客户编码", "customer_code"),
        _x("客户全称", "customer_name", width=NAME_WIDTH),
        _f("received_on", "回款日期", "received_on", DATE),
        _f("amount", "回款金额", "amount", MONEY),
        _f("reference", "流水号", "reference"),
        _f("method", "收款方式", "method"),
        _f("collector", "收款人", "collector_no"),
        _x("收款人姓名", "collector_name"),
        _x("已核销金额", "allocated", MONEY),
        _x("未核销金额", "unallocated", MONEY),
    ),
    "followups": (
        _f("customer", "客户编码", "customer_code"),
        _x("客户全称", "customer_name", width=NAME_WIDTH),
        _f("followed_on", "跟进日期", "followed_on", DATE),
        _f("employee", "跟进人", "employee_no"),
        _x("跟进人姓名", "employee_name"),
        _f("channel", "跟进方式", _label(CHANNELS, "channel")),
        _f("content", "跟进内容", "content", width=60),
        _f("next_step", "下一步计划", "next_step", width=40),
    ),
    # One line per salesperson or customer; the age buckets follow the business settings.
    "aging": (
        _x("名称", lambda g: g.name or "（未指定）", width=NAME_WIDTH),
        _x("应收余额", "outstanding", MONEY),
        _x("未到期", "not_due", MONEY),
        _x("逾期金额", "overdue", MONEY),
        Column("{label}天", attrgetter("buckets"), BUCKETS),
        _x("坏账准备", "provision", MONEY),
        _x("发票张数", "count", INT),
    ),
}
AGING_SECTIONS = (("by_salesperson", "按业务员", "业务员"), ("by_customer", "按客户", "客户"))
AGING_DIMENSION = "维度"
TOTAL = "合计"


def export_only_headers(kind: str) -> frozenset[str]:
    """Headers of the columns an export adds for reading only; an import of ``kind`` skips
    them so that an exported file goes back in as it is."""
    return frozenset(c.header for c in COLUMNS.get(kind, ()) if c.field is None)


def _aging_columns(report: AgingReport) -> list[Column]:
    out: list[Column] = []
    for column in COLUMNS["aging"]:
        if column.type != BUCKETS:
            out.append(column)
            continue
        for bucket in report.buckets:
            out.append(
                Column(
                    column.header.format(label=bucket.label),
                    lambda g, i=bucket.index: g.buckets[i],
                    MONEY,
                )
            )
    return out


def _aging_total(report: AgingReport) -> AgingGroup:
    return AgingGroup(
        None,
        TOTAL,
        report.outstanding,
        report.not_due,
        report.overdue,
        tuple(b.outstanding for b in report.buckets),
        report.provision,
        report.receivables,
    )


# --------------------------------------------------------------------------- file writers


class _Xlsx:
    """An XLSX in openpyxl's write-only mode (rows stream to disk): bold frozen header row,
    money as numbers with two decimals, dates as dates."""

    def __init__(self, path: Path) -> None:
        from openpyxl import Workbook

        self.path = path
        self.book = Workbook(write_only=True)
        self.sheet: Any = None
        self.columns: list[Column] = []

    def begin(self, title: str, columns: Sequence[Column]) -> None:
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.sheet = self.book.create_sheet(title)
        self.sheet.freeze_panes = "A2"
        self.columns = list(columns)
        for i, column in enumerate(self.columns, start=1):
            self.sheet.column_dimensions[get_column_letter(i)].width = column.shown_width
        bold = Font(bold=True)
        header = []
        for column in self.columns:
            cell = xlsx_cell(self.sheet, column.header)
            cell.font = bold
            header.append(cell)
        self.sheet.append(header)

    def rows(self, rows: Sequence[Any]) -> None:
        from openpyxl.cell import WriteOnlyCell

        formats = [NUMBER_FORMATS.get(c.type) for c in self.columns]
        getters = [c.value for c in self.columns]
        sheet = self.sheet
        for row in rows:
            cells: list[Any] = []
            for get, number_format in zip(getters, formats, strict=True):
                value = get(row)
                if isinstance(value, str):
                    # Text stays text: a name like =HYPERLINK(...) must not become a formula.
                    cells.append(xlsx_cell(sheet, value))
                elif number_format is not None and value is not None:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)

    def close(self) -> None:
        self.book.save(self.path)

    def abort(self) -> None:
        # Saving is openpyxl's one way to close its row streams and remove its own temp
        # files; the caller deletes what it wrote.
        with contextlib.suppress(Exception):
            self.book.save(self.path)


class _Csv:
    """CSV in UTF-8 with a BOM (so Excel opens Chinese correctly): money as ``1234.50``,
    dates as ``2026-01-05`` — what the imports read back. Several sections (the aging
    report's) share one table with a leading dimension column."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[str] = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self.writer = csv.writer(self.handle)
        self.columns: list[Column] = []
        self.section: str | None = None
        self.header_written = False

    def begin(self, title: str, columns: Sequence[Column], section: str | None = None) -> None:
        self.columns = list(columns)
        self.section = section
        if not self.header_written:
            lead = [AGING_DIMENSION] if section is not None else []
            self.writer.writerow([csv_safe(h) for h in lead + [c.header for c in self.columns]])
            self.header_written = True

    def rows(self, rows: Sequence[Any]) -> None:
        lead = [self.section] if self.section is not None else []
        for row in rows:
            self.writer.writerow(lead + [_csv_text(c.value(row)) for c in self.columns])

    def close(self) -> None:
        self.handle.close()

    def abort(self) -> None:
        self.handle.close()


def _csv_text(value: Any) -> str:
    """A value as CSV text: numbers and dates as the imports read them; text neutralised so a
    spreadsheet never runs it as a formula (:func:`csv_safe`)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return csv_safe(str(value))


# --------------------------------------------------------------------------- the sink


class _FileSink:
    """Receives an export's rows from a service and writes them to the temp file; refuses a
    large export to anyone but an administrator before a row is written."""

    def __init__(
        self,
        kind: str,
        fmt: str,
        tmp: Path,
        out: Path,
        admin: bool,
        threshold: int,
        progress: ProgressFn | None,
    ) -> None:
        self.kind = kind
        self.fmt = fmt
        self.tmp = tmp
        self.out = out
        self.admin = admin
        self.threshold = threshold
        self.progress = progress
        self.total = 0
        self.done = 0
        self.writer: _Xlsx | _Csv | None = None
        self.closed = False
        self.sha256 = ""

    def start(self, total: int) -> None:
        self.total = total
        if total > self.threshold and not self.admin:
            raise ExportNeedsApproval(MSG_NEEDS_APPROVAL, rows=total, threshold=self.threshold)
        self.writer = _Xlsx(self.tmp) if self.fmt == "xlsx" else _Csv(self.tmp)
        if self.kind != "aging":
            self.writer.begin(self.kind, COLUMNS[self.kind])
        if self.progress:
            self.progress(0, total, "")

    def write(self, rows: Sequence[Any]) -> None:
        assert self.writer is not None
        if self.kind == "aging":
            for report in rows:
                self._aging(report)
        else:
            self.writer.rows(rows)
            self.done += len(rows)
        if self.progress:
            self.progress(min(self.done, self.total), self.total, "")

    def _aging(self, report: AgingReport) -> None:
        assert self.writer is not None
        columns = _aging_columns(report)
        total = _aging_total(report)
        for attr, title, dimension in AGING_SECTIONS:
            groups: tuple[AgingGroup, ...] = getattr(report, attr)
            if isinstance(self.writer, _Csv):
                # One table: the dimension column tells the sections apart.
                self.writer.begin(title, columns, section=dimension)
            else:
                # One sheet per section, its first column named after what it lists.
                first = replace(columns[0], header=dimension)
                self.writer.begin(title, [first, *columns[1:]])
            self.writer.rows(groups)
            self.writer.rows([total])
            self.done += len(groups)

    def abort(self) -> None:
        """Close the file after a failure or a cancel (the caller deletes it)."""
        if self.writer is not None and not self.closed:
            self.closed = True
            self.writer.abort()

    def finish(self) -> dict[str, Any]:
        assert self.writer is not None
        self.closed = True
        self.writer.close()
        digest = hashlib.sha256()
        with open(self.tmp, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
            os.fsync(handle.fileno())
        self.sha256 = digest.hexdigest()
        detail: dict[str, Any] = {
            "kind": self.kind,
            "format": self.fmt,
            "file": self.out.name,
            "path": str(self.out),
            "sha256": self.sha256,
        }
        if self.total > self.threshold:
            detail.update(over_threshold=True, threshold=self.threshold)
        return detail


# --------------------------------------------------------------------------- the use case


@dataclass(frozen=True)
class ExportResult:
    kind: str
    format: str
    rows: int
    path: Path
    sha256: str


def _format_of(out: Path, fmt: str | None) -> str:
    chosen = (fmt or out.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Export to a file ending in .xlsx or .csv (not {file})."),
            field="out",
            file=out.name,
        )
    return chosen


#: The lists an export writes, by kind; the aging report is a report, not a list.
LISTS: dict[str, listing.ListingSpec[Any]] = {
    "staff": staff.EMPLOYEES,
    "customers": customers.CUSTOMERS,
    "orders": money.ORDERS,
    "receivables": money.RECEIVABLES,
    "payments": money.PAYMENTS,
    "followups": followups.FOLLOWUPS,
}


def _run(
    ctx: ServiceContext, kind: str, search: str, filters: dict[str, Any] | None, sink: _FileSink
) -> None:
    if kind == "aging":
        money.export_aging(ctx, filters=filters, sink=sink)
    else:
        # The list's own scope, search, filters and order; a list without a search (payments)
        # ignores the text.
        listing.export_rows(ctx, LISTS[kind], search, filters, sink=sink)


def export_list(
    ctx: ServiceContext,
    kind: str,
    out: Path,
    fmt: str | None = None,
    search: str = "",
    filters: dict[str, Any] | None = None,
    progress: ProgressFn | None = None,
    approved: int | None = None,
) -> ExportResult:
    """Write the ``kind`` list as the actor may see it (with ``search`` and ``filters``) to
    ``out``, as XLSX or CSV (``fmt``, default from the file's suffix); audited with the
    file's SHA-256. Payments and the aging report have no search; theirs is ignored.

    Rows the actor exported in the export window count against the limit
    (:mod:`desktop.services.export_approvals`); above it the export is refused unless
    ``approved`` names their approved request for this list (used once)."""
    if kind not in KINDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Unknown export kind {kind}: choose one of {kinds}."),
            field="kind",
            kind=kind,
            kinds=", ".join(KINDS),
        )
    notice_access.refuse(ctx, notice_access.EXPORT)
    out = Path(out)
    chosen = _format_of(out, fmt)
    refuse_vault_file(out, getattr(ctx.store, "paths", None))
    if not out.parent.is_dir() or out.is_dir():
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Cannot write {file}: the folder {folder} does not exist."),
            field="out",
            file=out.name,
            folder=str(out.parent),
        )
    window = export_approvals.budget(ctx)
    threshold = window.left
    request = (
        export_approvals.take_approval(ctx, approved, kind, search, filters)
        if approved is not None
        else None
    )
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    except OSError as exc:
        raise storage_error(exc) from exc
    os.close(fd)
    tmp = Path(name)
    unlimited = ctx.can(Action.EXPORT_UNLIMITED) or request is not None
    sink = _FileSink(kind, chosen, tmp, out, unlimited, threshold, progress)
    try:
        _run(ctx, kind, search.strip(), filters, sink)
        os.replace(tmp, out)
    except ExportNeedsApproval:
        _discard(tmp)
        _record_refusal(ctx, kind, chosen, sink.total, threshold, search, filters)
        raise ExportNeedsApproval(
            MSG_WINDOW,
            rows=sink.total,
            used=window.used,
            days=window.days,
            limit=window.limit,
        ) from None
    except OSError as exc:
        sink.abort()
        _discard(tmp)
        if request is not None:
            export_approvals.give_back(ctx, request.id)
        raise storage_error(exc) from exc
    except BaseException:
        sink.abort()
        _discard(tmp)
        if request is not None:
            export_approvals.give_back(ctx, request.id)
        raise
    with contextlib.suppress(OSError):
        fsync_dir(out.parent)
    if kind == "customers":
        alerts.on_export(ctx)
    return ExportResult(kind, chosen, sink.done, out, sink.sha256)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def _record_refusal(
    ctx: ServiceContext,
    kind: str,
    fmt: str,
    rows: int,
    threshold: int,
    search: str,
    filters: dict[str, Any] | None,
) -> None:
    with ctx.transaction() as s:
        audit.record(
            s,
            "export.refused",
            kind,
            "",
            {
                "kind": kind,
                "format": fmt,
                "rows": rows,
                "threshold": threshold,
                "search": search,
                "filters": {k: str(v) for k, v in (filters or {}).items()},
            },
        )


__all__ = [
    "COLUMNS",
    "KINDS",
    "Column",
    "ExportNeedsApproval",
    "ExportResult",
    "export_list",
    "export_only_headers",
    "request_export",
]
