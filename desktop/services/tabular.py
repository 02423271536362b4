"""Reading the spreadsheets Chinese offices write, and the values in their cells.

CSV comes as UTF-8, UTF-8 with BOM, or GBK/GB18030 (what Chinese Excel writes); XLSX is read
with calamine. Amounts arrive as ``¥1,234.50``, ``1,234.5元`` or Excel numbers; dates as
``2026/1/5``, ``2026-01-05``, ``2026年1月5日`` or Excel serial numbers.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.types import to_money

EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Table:
    """A sheet as read: header texts, rows of raw cell values, and how it was decoded."""

    headers: list[str]
    rows: list[list[Any]]
    encoding: str | None = None
    sheet: str | None = None


def decode_csv_bytes(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding): BOM → UTF-8; valid UTF-8; otherwise GB18030 (covers GBK)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The file is neither UTF-8 nor GBK/GB18030 text (byte {position} cannot be read). "
                "Save it from Excel as CSV UTF-8 or as XLSX.",
            ),
            position=exc.start,
        ) from exc


def _not_a_workbook(path: Path) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP("Errors", "{file} is not an Excel workbook (.xlsx), or it is damaged."),
        file=path.name,
    )


def read_table(path: Path) -> Table:
    """Read a CSV or XLSX file into a Table; refuse anything else with a clear message."""
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{file} cannot be opened: {error}"),
            file=path.name,
            error=exc.strerror or str(exc),
        ) from exc
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, raw)
    if suffix in {".csv", ".txt"}:
        text, encoding = decode_csv_bytes(raw)
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ","
        rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
        rows = [r for r in rows if any(cell.strip() for cell in r)]
        if not rows:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{file} is empty."), file=path.name)
        return Table([h.strip() for h in rows[0]], rows[1:], encoding=encoding)
    raise ValidationError(
        QT_TRANSLATE_NOOP("Errors", "{file}: only .csv and .xlsx files can be imported."),
        file=path.name,
    )


def _read_xlsx(path: Path, raw: bytes) -> Table:
    from python_calamine import CalamineWorkbook

    if not raw.startswith(b"PK"):
        raise _not_a_workbook(path)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheet = book.get_sheet_by_index(0)
        rows = [list(r) for r in sheet.iter_rows()]
    except Exception as exc:  # calamine raises its own error types for broken zips
        raise _not_a_workbook(path) from exc
    rows = [r for r in rows if any(str(c).strip() for c in r if c is not None)]
    if not rows:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{file} is empty."), file=path.name)
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    return Table(headers, rows[1:], sheet=sheet.name)


# --------------------------------------------------------------------------- cell values


class CellError(Exception):
    """A cell's value cannot be read; ``template`` is a translatable reason."""

    def __init__(self, template: str, **params: Any) -> None:
        super().__init__(template)
        self.template = template
        self.params = params


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """A cell as trimmed text; Excel integers lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_MONEY_STRIP = re.compile(r"[¥￥,，\s]|元|RMB|CNY", re.IGNORECASE)


def parse_money(value: Any) -> Decimal:
    """``¥1,234.50``, ``1,234.5元``, ``(12.00)`` or an Excel number → Decimal to the fen."""
    if isinstance(value, bool):
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not an amount"))
    if isinstance(value, int):
        return to_money(value)
    if isinstance(value, float):
        # An Excel cell holds a binary float; its shortest repr is what the user typed.
        return to_money(Decimal(repr(value)))
    text = as_text(value)
    negative = text.startswith("(") and text.endswith(")")
    text = _MONEY_STRIP.sub("", text.strip("()"))
    if text.startswith("-"):
        negative, text = True, text[1:]
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not an amount")) from exc
    if not amount.is_finite():
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not an amount"))
    amount = to_money(amount)
    return -amount if negative else amount


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: Any) -> date:
    """Dates as Chinese offices write them, or Excel serial numbers (days since 1899-12-30)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        serial = float(value)
        if 1 <= serial < 80000:
            return EXCEL_EPOCH + timedelta(days=int(serial))
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not a date"))
    text = as_text(value)
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return EXCEL_EPOCH + timedelta(days=int(float(text)))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError as exc:
                raise CellError(QT_TRANSLATE_NOOP("Errors", "no such day")) from exc
    raise CellError(
        QT_TRANSLATE_NOOP("Errors", "not a date (use 2026-01-05, 2026/1/5 or 2026年1月5日)")
    )


def parse_int(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = as_text(value).replace(",", "").replace("天", "")
    try:
        return int(text)
    except ValueError as exc:
        raise CellError(QT_TRANSLATE_NOOP("Errors", "not a whole number")) from exc


_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "对"}
_FALSE = {"否", "n", "no", "false", "0", "×", "", "不是"}


def parse_bool(value: Any) -> bool:
    text = as_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(QT_TRANSLATE_NOOP("Errors", "not yes/no (是/否)"))


def normalise_header(text: str) -> str:
    """Compare headers loosely: case, spaces, brackets, asterisks and colons do not matter."""
    return re.sub(r"[\s*:：()（）\[\]【】_\-/]", "", text).lower()
